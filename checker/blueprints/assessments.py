"""Assessment list, creation (with optional upload), the invariant form, answers, import."""

from __future__ import annotations

import re
from dataclasses import asdict

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    jsonify,
    make_response,
    redirect,
    render_template,
    request,
    session,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask.wrappers import Response
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from exports.context import provisional_note, shortfall_line

from ..catalogue import Catalogue, Invariant
from ..documents import DocumentError
from ..forms import (
    AssessmentDetailsForm,
    DocumentForm,
    ImportForm,
    KeepForm,
    RestoreForm,
    answer_form,
    assessment_form,
)
from ..forms.dossier import ConfirmForm
from ..models import Assessment
from ..services import answers as answer_service
from ..services import draft_changes as draft_service
from ..services.answers import AnswerInput
from ..services.assessments import (
    SUGGESTION_INPUTS,
    AssessmentError,
    AssessmentFields,
    answers_hidden,
    attach_document,
    catalogue_of,
    create_assessment,
    delete_assessment,
    dossiers_holding,
    fields_of,
    import_record,
    remaining_invariants,
    title_with_same_document,
    to_record,
    update_assessment,
)
from ..services.document_details import (
    NPI_WORDS,
    READ_FIELDS,
    Prefill,
    dump_readings,
    parse_readings,
    prefill,
    read_document_details,
    readings_of,
    study_type_question,
)
from ..services.draft_changes import AnswerToReview, answers_to_review
from ..services.examples import open_example
from ..services.json_io import JsonImportError, import_json
from ..services.listing import SORTS, ListingQuery, list_owned
from ..services.quotation_checks import quotation_findings
from ..services.records import AnswerRecord
from ..services.scoring import answer_counts
from ..services.snapshots import active_catalogue
from ..services.suggestions import (
    current_document_held,
    document_is_readable,
    document_reading_of,
)
from ..services.uploads import StoredDocument, UploadError, store_document, stored_again
from ._answer_state import AnswerState, answer_state
from ._common import applicable_or_404, current_lang, owned_or_404, wants_json
from ._progress import counts_wording
from ._suggesting import suggest_after_upload

bp = Blueprint("assessments", __name__)
# The progress box links to the invariants still to answer or confirm when there are this
# many or fewer: the last few are then found at once; a longer list would only be noise.
REMAINING_LISTED = 10


@bp.get("/")
def index() -> ResponseReturnValue:
    if not current_user.is_authenticated:
        return redirect(url_for("auth.login"))
    listing = list_owned(current_user, ListingQuery.from_args(request.args))
    lang = current_lang()
    # Worded as on the results page, for the page's rows only (the list's scores are kept
    # between requests; their wording follows the reader's language).
    shortfalls = {row.assessment.id: [
        shortfall_line(catalogue_of(row.assessment), shortfall, lang)
        for shortfall in row.score.shortfalls] for row in listing.rows}
    # A verdict resting on unconfirmed suggestions says so, and the progress is counted and
    # worded as on the form and the results page.
    provisional = {row.assessment.id: provisional_note(row.score.counts, lang)
                   for row in listing.rows}
    counts = {row.assessment.id: counts_wording(row.score.counts) for row in listing.rows}
    return render_template("assessments/index.html", listing=listing, sorts=SORTS,
                           shortfalls=shortfalls, provisional=provisional, counts=counts)


@bp.route("/assessments/new", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    catalogue = active_catalogue()
    form = assessment_form(catalogue, current_lang())
    if request.method == "POST":
        valid = form.validate_on_submit()
        document = _chosen_document(form)
        _keep_document(document)
        if valid and not form.document.errors:
            try:
                assessment = create_assessment(current_user, catalogue, _fields(form), document)
            except AssessmentError as exc:
                for name, message in exc.errors.items():
                    getattr(form, name).errors = [message]
            else:
                _keep_document(None)
                flash(_("Assessment created. Answer the invariants below; each answer is "
                        "saved on its own."), "success")
                twin = title_with_same_document(assessment) if document is not None else None
                if twin is not None:
                    flash(_("Your assessment “%(title)s” already has this document (same "
                            "content). If this one was created by mistake, delete it: each "
                            "assessment keeps its own answers.", title=twin), "warning")
                if document is not None:
                    suggest_after_upload(catalogue, assessment)
                return redirect(url_for("assessments.form", uid=assessment.uid))
        # The user's values are kept: the same bound form is rendered again with its errors.
        return _new_page(form, catalogue, document), 400
    _keep_document(None)  # a new form starts without a document
    form.language.data = current_lang()  # a French interface most often means French documents
    return _new_page(form, catalogue, None)


@bp.route("/assessments/new/read", methods=["GET", "POST"])
@login_required
def read_details() -> ResponseReturnValue:
    """The new-assessment form again, with the details its document states filled in where
    the person has not filled them (the "Read details from the document" button)."""
    if request.method == "GET":  # the page this posts to, reloaded or switched to French
        return redirect(url_for("assessments.new"))
    catalogue = active_catalogue()
    form = assessment_form(catalogue, current_lang())  # the CSRF token was checked before
    document = _chosen_document(form)
    reading = unreadable = None
    if document is None and not form.document.errors:
        form.document.errors = [_("Choose the document to read its details from.")]
    elif document is not None:
        reading, unreadable = _read_into(form, document)
    _keep_document(document)
    page = _new_page(form, catalogue, document, reading, unreadable)
    return page, 400 if form.document.errors else 200


def _chosen_document(form: AssessmentDetailsForm) -> StoredDocument | None:
    """The document of the new-assessment form: the file chosen now, else the one kept from an
    earlier post of the form; a refused file is said under the field."""
    document = _kept_document()
    upload = request.files.get(form.document.name)
    if document is None and _kept_entry() and not (upload and upload.filename):
        # The page said the document was kept, but its file is gone meanwhile (deleted
        # with another assessment): say so rather than create the assessment without it.
        form.document.errors = [_("The document chosen earlier is no longer stored: "
                                  "choose it again.")]
    if upload is not None and upload.filename:
        try:
            document = store_document(
                current_app.config["UPLOAD_DIR"], upload.filename, upload.read(),
                current_app.config["MAX_UPLOAD_BYTES"],
            )
        except UploadError as exc:
            form.document.errors = [str(exc)]
            document = None
    return document


def _read_into(form: AssessmentDetailsForm,
               document: StoredDocument) -> tuple[Prefill, str | None]:
    """Fill ``form`` with what ``document`` states (see :func:`prefill`), and say why nothing
    could be read when its text cannot be (what an earlier document gave then goes too: it
    is no longer the document chosen). An unreadable document is no mistake of the form's:
    it is kept, to be attached, and said in the notice rather than as a field to correct."""
    lang = current_lang()
    unreadable = None
    try:
        readings = readings_of(read_document_details(document), lang)
    except DocumentError as exc:
        unreadable = _(
            "No details could be read from %(name)s. %(reason)s The document is kept and will "
            "be attached when you create the assessment: fill in its details yourself.",
            name=document.filename, reason=exc.message(lang))
        readings = {}
    typed = {name: getattr(form, name).data or "" for name in READ_FIELDS}
    reading = prefill(typed, readings, parse_readings(form.document_readings.data),
                      {"language": lang})
    for name, value in reading.values.items():
        getattr(form, name).data = value
    form.document_readings.data = dump_readings(reading.readings)
    return reading, unreadable


def _new_page(form: AssessmentDetailsForm, catalogue: Catalogue,
              kept: StoredDocument | None, reading: Prefill | None = None,
              unreadable: str | None = None) -> str:
    """The new-assessment page; the fields still holding what was read from the document are
    marked so, and the study type the title suggests is asked about."""
    readings = parse_readings(form.document_readings.data)
    read = [name for name in READ_FIELDS
            if name in readings and getattr(form, name).data == readings[name]]
    return render_template(
        "assessments/new.html", form=form, catalogue=catalogue, kept=kept, read=read,
        reading=reading, unreadable=unreadable, npi_words=readings.get(NPI_WORDS, ""),
        study_type_question=study_type_question(readings, catalogue, form.study_type.data))


_KEPT_DOCUMENT = "new_assessment_document"


def _keep_document(document: StoredDocument | None) -> None:
    """Remember the document of a creation form sent back (with an error, or with the details
    read from it), so the person does not have to choose the file again (nor create the
    assessment without it unawares)."""
    if document is None:
        session.pop(_KEPT_DOCUMENT, None)
    else:
        session[_KEPT_DOCUMENT] = [current_user.id, document.filename, document.sha256,
                                   document.kind]


def _kept_entry() -> list | None:
    """The document this account chose in its last refused attempt (never another account's,
    should several sign in one after another in the same browser), as the session holds it."""
    kept = session.get(_KEPT_DOCUMENT)
    if not isinstance(kept, list) or len(kept) != 4 or kept[0] != current_user.id:
        return None
    return kept


def _kept_document() -> StoredDocument | None:
    kept = _kept_entry()
    if kept is None:
        return None
    return stored_again(current_app.config["UPLOAD_DIR"], *map(str, kept[1:]))


def _fields(form: AssessmentDetailsForm) -> AssessmentFields:
    return AssessmentFields(
        title=form.title.data or "", document_kind=form.document_kind.data or "",
        study_type=form.study_type.data or "", npi_name=form.npi_name.data or "",
        domain=form.domain.data or "", country=form.country.data or "",
        language=form.language.data or "", reference=form.reference.data or "",
    )


@bp.post("/assessments/<uid>/document")
@login_required
def document(uid: str) -> ResponseReturnValue:
    """Upload a document to an assessment (a first one, or a revised draft), then suggest."""
    assessment = owned_or_404(uid)  # the CSRF token was checked before the view (CSRFProtect)
    upload = request.files.get(DocumentForm().document.name)
    back = redirect(url_for("assessments.form", uid=uid, _anchor="suggestions"))
    if upload is None or not upload.filename:
        flash(_("Choose a file to upload."), "error")
        return back
    # Before this upload stores its file again.
    held = current_document_held(assessment, current_app.config["UPLOAD_DIR"])
    try:
        stored = store_document(current_app.config["UPLOAD_DIR"], upload.filename,
                                upload.read(), current_app.config["MAX_UPLOAD_BYTES"])
    except UploadError as exc:
        # A sentence of its own: the reason is one or two sentences already, with a colon
        # of its own (two colons in a row read badly, and French lowers no capital after one).
        flash(_("The document was not uploaded. %(reason)s Nothing was changed.",
                reason=str(exc)), "error")
        return back
    if held and stored.sha256 == assessment.document_sha256:
        # Sent again by someone unsure the first upload went through: a second version of the
        # same content would only make the suggestions again over their review.
        flash(_("%(name)s is the same as the current document, %(current)s (same content): "
                "nothing was changed. Your answers and suggestions are as they were.",
                name=stored.filename, current=assessment.document_filename), "success")
        return back
    previous_name = assessment.document_filename
    previous = attach_document(assessment, stored, current_user)
    suggest_after_upload(catalogue_of(assessment), assessment,
                         replaced=previous_name if previous else None)
    return back


@bp.route("/assessments/<uid>/edit", methods=["GET", "POST"])
@login_required
def edit(uid: str) -> ResponseReturnValue:
    """Change an assessment's details; its answers are kept whatever changes."""
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    form = assessment_form(catalogue, current_lang(), AssessmentDetailsForm,
                           kept_language=assessment.language, obj=fields_of(assessment))
    if request.method == "POST":
        if form.validate_on_submit():
            try:
                changed = update_assessment(assessment, _fields(form))
            except AssessmentError as exc:
                for name, message in exc.errors.items():
                    getattr(form, name).errors = [message]
            else:
                _after_edit(catalogue, assessment, changed)
                return redirect(url_for("assessments.form", uid=uid))
        return render_template("assessments/edit.html", form=form, assessment=assessment,
                               catalogue=catalogue, reading=None), 400
    reading = document_reading_of(assessment, current_app.config["UPLOAD_DIR"])
    return render_template("assessments/edit.html", form=form, assessment=assessment,
                           catalogue=catalogue, reading=reading)


def _after_edit(catalogue: Catalogue, assessment: Assessment, changed: list[str]) -> None:
    if not changed:
        flash(_("Nothing was changed."), "success")
        return
    flash(_("The assessment's details were saved. Your answers are kept."), "success")
    hidden = answers_hidden(catalogue, assessment) if "study_type" in changed else 0
    if hidden:
        # Answers that vanish from the form read as lost unless said to be only hidden.
        flash(ngettext("%(num)d of your answers is to an invariant this study type does not "
                       "have: it is kept, hidden, and comes back if you change the study type "
                       "back.",
                       "%(num)d of your answers are to invariants this study type does not "
                       "have: they are kept, hidden, and come back if you change the study type "
                       "back.", hidden), "warning")
    if assessment.document_sha256 and SUGGESTION_INPUTS.intersection(changed):
        # Pending suggestions were made for the former kind or study type: make them again
        # (answers a person gave are left alone).
        suggest_after_upload(catalogue, assessment)


@bp.route("/assessments/<uid>/delete", methods=["GET", "POST"])
@login_required
def delete(uid: str) -> ResponseReturnValue:
    """Ask first (what will go, which dossiers lose a study), then delete on the posted form."""
    assessment = owned_or_404(uid)
    confirm = ConfirmForm()
    if request.method == "POST" and confirm.validate_on_submit():
        title = assessment.title
        delete_assessment(assessment, current_app.config["UPLOAD_DIR"])
        flash(_("Assessment “%(title)s” deleted.", title=title), "success")
        return redirect(url_for("assessments.index"))
    answered = sum(1 for a in assessment.answers if a.answer)
    return render_template("assessments/delete.html", assessment=assessment, confirm=confirm,
                           answered=answered, dossiers=dossiers_holding(assessment))


@bp.get("/assessments/<uid>")
@login_required
def form(uid: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    record = to_record(assessment)
    lang = current_lang()
    groups: dict[str, list] = {"ethical": [], "methodological": []}
    findings = quotation_findings(assessment, current_app.config["UPLOAD_DIR"]) or {}
    for inv in catalogue.invariants_for(assessment.study_type):
        stored = record.answer_for(inv.id)
        groups["ethical" if inv.is_ethical else "methodological"].append(
            (inv, answer_form(catalogue, inv, lang, stored, formdata=None), stored,
             answer_state(catalogue, assessment, stored, lang, findings.get(inv.id)))
        )
    counts = answer_counts(catalogue, record)
    pending = counts.unconfirmed
    return _updated_in_place(render_template(
        "assessments/form.html", assessment=assessment, catalogue=catalogue, groups=groups,
        answered=counts.by_person, total=counts.total, pending=pending,
        counts=counts_wording(counts),
        remaining=remaining_invariants(catalogue, record), remaining_listed=REMAINING_LISTED,
        accept_all_question=accept_all_question(pending),
        document_form=DocumentForm(formdata=None),
        readable=document_is_readable(assessment, current_app.config["UPLOAD_DIR"]),
        to_review=to_review(catalogue, assessment),
    ))


def _updated_in_place(page: str) -> Response:
    """A page whose answers save in the background (app.js): the browser's Back button shows
    it again as the server has it now, not a cached copy from before those saves (whose
    versions a save would then find stale, and whose notes and links no longer hold)."""
    response = make_response(page)
    response.headers["Cache-Control"] = "no-store"
    return response


def _state(catalogue: Catalogue, assessment: Assessment, stored: AnswerRecord) -> AnswerState:
    """The state of one saved answer's block (see :mod:`._answer_state`), its quotation
    checked against the current document."""
    findings = quotation_findings(assessment, current_app.config["UPLOAD_DIR"],
                                  stored.invariant_id) or {}
    return answer_state(catalogue, assessment, stored, current_lang(),
                        findings.get(stored.invariant_id))


def to_review(catalogue: Catalogue, assessment: Assessment) -> dict[str, AnswerToReview]:
    """Per invariant, the person's answer that a revised draft's suggestion now contradicts:
    the answer's block says so."""
    return {item.invariant_id: item for item in
            answers_to_review(catalogue, assessment, current_app.config["UPLOAD_DIR"])}


@bp.get("/assessments/<uid>/answers/<invariant_id>")
@login_required
def answer(uid: str, invariant_id: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    inv = applicable_or_404(catalogue, assessment, invariant_id)
    return _updated_in_place(_answer_page(catalogue, assessment, inv))


def _answer_page(catalogue: Catalogue, assessment: Assessment, inv: Invariant) -> str:
    """The answer's own page, its form showing the stored values."""
    stored = to_record(assessment).answer_for(inv.id)
    return render_template(
        "assessments/answer.html", assessment=assessment, catalogue=catalogue, inv=inv,
        form=answer_form(catalogue, inv, current_lang(), stored, formdata=None), stored=stored,
        state=_state(catalogue, assessment, stored),
        history=answer_service.history(assessment, inv.id), conflict=None,
        to_review=to_review(catalogue, assessment),
    )


@bp.post("/assessments/<uid>/answers/<invariant_id>")
@login_required
def save_answer(uid: str, invariant_id: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    inv = applicable_or_404(catalogue, assessment, invariant_id)
    lang = current_lang()
    form = answer_form(catalogue, inv, lang)
    if not form.validate_on_submit():  # only the CSRF token can fail here
        abort(400)
    if form.says_nothing():
        return _said_nothing(catalogue, assessment, inv)
    # A field the post left out keeps its stored value (the service keeps it too).
    form.keep_unsent(AnswerInput.of(to_record(assessment).answer_for(inv.id), lang))
    try:
        version = int(form.version.data or 0)
    except ValueError:
        version = -1  # a tampered version can only conflict, never overwrite
    values = form.values()
    status = 200
    conflict = None
    try:
        outcome = answer_service.save_answer(
            catalogue, assessment, inv.id, values, version, current_user, form.sent()
        )
    except answer_service.AnswerError as exc:
        for name, message in exc.errors.items():
            getattr(form, name).errors = [message]
        status, outcome = 400, None
    if outcome is not None and outcome.status != "conflict":
        if wants_json():
            return saved_json(catalogue, assessment, outcome.status, outcome.stored)
        flash(_("%(id)s saved.", id=inv.id) if outcome.status == "saved"
              else _("%(id)s unchanged.", id=inv.id), "success")
        return redirect(url_for("assessments.form", uid=uid, _anchor=f"inv-{inv.id}"))
    if outcome is not None:  # conflict: show both, let the person choose
        status, conflict = 409, outcome
        # The form keeps the person's values; re-saving it now deliberately replaces the
        # stored answer, so it carries the stored version.
        form.version.data = str(outcome.stored.version)
    if wants_json():
        # The page posts the form again the plain way, to the page that shows the conflict
        # or the fields to correct with the person's values (see app.js); the message is
        # shown instead should the person stay (other answers unsaved).
        message = (_("%(id)s was changed meanwhile (perhaps in another tab): nothing was "
                     "overwritten.", id=inv.id) if conflict
                   else _("%(id)s was not saved: some values need correcting.", id=inv.id))
        reason = "conflict" if conflict else "invalid"
        return jsonify(status=reason, error=reason, message=message, errors=form.errors,
                       url=url_for("assessments.answer", uid=uid, invariant_id=inv.id)), status
    stored = to_record(assessment).answer_for(inv.id)
    # The form shows the values posted: the notes on the saved ones show only where the two
    # are the same (see _invariant.html).
    return _updated_in_place(render_template(
        "assessments/answer.html", assessment=assessment, catalogue=catalogue, inv=inv,
        form=form, stored=stored, state=_state(catalogue, assessment, stored),
        history=answer_service.history(assessment, inv.id), conflict=conflict,
        to_review={},  # the form shows the values posted, not the saved
    )), status


def _said_nothing(catalogue: Catalogue, assessment: Assessment,
                  inv: Invariant) -> ResponseReturnValue:
    """A save refused because its post carried none of the answer's fields: nothing is
    changed, and the answer's page shows the stored values to save again."""
    message = _("%(id)s was not saved: the request carried none of its fields (it was cut "
                "short, or the page is out of date). The saved answer is unchanged: reload the "
                "page, then save it again if needed.", id=inv.id)
    if wants_json():
        return jsonify(status="refused", error="empty", message=message), 400
    flash(message, "error")
    return _updated_in_place(_answer_page(catalogue, assessment, inv)), 400


@bp.post("/assessments/<uid>/answers/<invariant_id>/restore")
@login_required
def restore_answer(uid: str, invariant_id: str) -> ResponseReturnValue:
    """An earlier version from the answer's history, saved again as the current one."""
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    inv = applicable_or_404(catalogue, assessment, invariant_id)
    restore = RestoreForm()
    if not restore.validate_on_submit():
        abort(400)
    here = url_for("assessments.answer", uid=uid, invariant_id=inv.id)
    try:
        outcome = answer_service.restore_version(
            catalogue, assessment, inv.id, restore.restore.data, restore.version.data,
            current_user)
    except answer_service.NoSuchVersion:
        abort(404)
    except answer_service.AnswerError as exc:
        # Values an older catalogue accepted (a justification now required, say).
        flash(_("Version %(v)d of %(id)s cannot be restored as it is: %(why)s",
                v=restore.restore.data, id=inv.id, why=str(exc)), "error")
        return redirect(here)
    if outcome.status == "conflict":
        flash(_("%(id)s was changed meanwhile (perhaps in another tab): nothing was "
                "overwritten. Look at the history again before restoring.", id=inv.id), "error")
    elif outcome.status == "unchanged":
        flash(_("%(id)s already holds the values of version %(v)d.", id=inv.id,
                v=restore.restore.data), "success")
    else:
        flash(_("Version %(v)d of %(id)s restored, as version %(new)d.",
                v=restore.restore.data, id=inv.id, new=outcome.stored.version), "success")
    return redirect(here)


@bp.post("/assessments/<uid>/answers/<invariant_id>/keep")
@login_required
def keep_answer(uid: str, invariant_id: str) -> ResponseReturnValue:
    """Keep as it is an answer a revised draft's suggestion contradicts ("Keep my answer"):
    recorded in its history, the mark settled, its values unchanged."""
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    inv = applicable_or_404(catalogue, assessment, invariant_id)
    keep = KeepForm()
    if not keep.validate_on_submit():  # a version the page never shows
        abort(400)
    outcome = draft_service.keep_answer(catalogue, assessment, inv.id, keep.version.data,
                                        current_user, current_app.config["UPLOAD_DIR"])
    draft = {"id": inv.id, "n": outcome.draft, "name": outcome.filename}
    if outcome.status == "kept":
        message = _("Your answer to %(id)s is kept as it is after draft %(n)d (%(name)s): it "
                    "is no longer marked to check, and its history says so.", **draft)
    elif outcome.status == "already_kept":
        message = _("Your answer to %(id)s was already kept as it is after draft %(n)d "
                    "(%(name)s).", **draft)
    elif outcome.status == "conflict":
        message = _("%(id)s was changed meanwhile (perhaps in another tab): nothing was "
                    "recorded. Check the current answer, then keep it if it still holds.",
                    id=inv.id)
    else:
        message = _("Your answer to %(id)s is not marked to check against the current "
                    "document (perhaps settled in another tab): there is nothing to keep, and "
                    "nothing was recorded.", id=inv.id)
    settled = outcome.status in ("kept", "already_kept")
    if wants_json():
        # Kept from the answer's block in the background (app.js): answered like its save.
        # Otherwise the page posts the form again the plain way, to the page that says why
        # (with the answer as it now is).
        if settled:
            return saved_json(catalogue, assessment, outcome.status, outcome.stored,
                              message=message)
        return jsonify(status="conflict", error="conflict", message=message,
                       url=url_for("assessments.answer", uid=uid, invariant_id=inv.id)), 409
    flash(message, "success" if settled else "error")
    return redirect(_keep_back(keep, uid, inv.id))


def _keep_back(keep: KeepForm, uid: str, invariant_id: str) -> str:
    """The page "Keep my answer" was clicked on, at the answer."""
    if keep.back.data == "answer":
        return url_for("assessments.answer", uid=uid, invariant_id=invariant_id)
    if keep.back.data == "changes":
        # The comparison the page showed (its earlier draft; the later one is the current).
        before = keep.before.data if re.fullmatch(r"[0-9a-f]{64}", keep.before.data or "") \
            else None
        return url_for("document_text.changes", uid=uid, before=before,
                       _anchor=f"change-{invariant_id}")
    return url_for("assessments.form", uid=uid, _anchor=f"inv-{invariant_id}")


def accept_all_question(pending: int) -> str:
    """What *Accept all* asks first (the page updates it as suggestions are accepted one by
    one, so that its count stays true)."""
    return ngettext(
        "Accept this suggestion as your own answer? It will be reported as confirmed by you, "
        "so read it first. You can still change it afterwards.",
        "Accept all %(num)d suggestions as your own answers? Each will be reported as "
        "confirmed by you, so read them first. You can still change any answer afterwards.",
        pending)


def saved_json(catalogue: Catalogue, assessment: Assessment, status: str,
               stored: AnswerRecord, message: str = "") -> ResponseReturnValue:
    """What a background save (app.js) gets once an answer is saved or confirmed (or kept
    as it is: "Keep my answer"): its version, the values and state of its block, and the
    page's counts, in the page's own wording so that the page updated in place reads as it
    would reloaded; ``message``, if any, is what the page says of it."""
    lang = current_lang()
    record = to_record(assessment)
    counts = answer_counts(catalogue, record)
    answered, total, pending = counts.by_person, counts.total, counts.unconfirmed
    wording = counts_wording(counts)
    extra: dict[str, object] = {"message": message} if message else {}
    if request.headers.get("X-With-History"):
        # From an answer's own page: its history table, with the new version and the current
        # version its Restore buttons must name.
        extra["history_html"] = render_template(
            "assessments/_history.html", assessment=assessment, catalogue=catalogue,
            inv_id=stored.invariant_id, stored=stored,
            history=answer_service.history(assessment, stored.invariant_id))
    return jsonify(
        status=status, version=stored.version, answered=answered, total=total,
        # The values as saved and as a reload shows them: trimmed, a suggestion's rationale in
        # the page's language, the location of a quotation taken out with it cleared.
        fields=asdict(AnswerInput.of(stored, lang)),
        state=_state(catalogue, assessment, stored).as_json(),
        # Worded as the page, the home list and the results page word them.
        progress_text=wording.answered, pending_text=wording.pending,
        pending_help_text=ngettext(
            "%(num)d unconfirmed suggestion is waiting for your review below.",
            "%(num)d unconfirmed suggestions are waiting for your review below.",
            pending) if pending else "",
        accept_all_text=ngettext("Accept the suggestion", "Accept all %(num)d suggestions",
                                 pending) if pending else "",
        accept_all_question=accept_all_question(pending) if pending else "",
        remaining=remaining_invariants(catalogue, record), **extra)


@bp.post("/assessments/example")
@login_required
def example() -> ResponseReturnValue:
    # In the interface's language: a French interface gets the French protocol.
    assessment = open_example(current_user, active_catalogue(), _("Example"),
                              current_app.config["UPLOAD_DIR"],
                              current_app.config["MAX_UPLOAD_BYTES"], lang=current_lang())
    flash(_("An example was added to your assessments: a fictitious protocol, fully answered. "
            "Explore its answers, results and reports, change it, or delete it when done."),
          "success")
    return redirect(url_for("assessments.form", uid=assessment.uid))


@bp.route("/assessments/import", methods=["GET", "POST"])
@login_required
def import_assessment() -> ResponseReturnValue:
    form = ImportForm()
    problems: list[str] = []
    if form.validate_on_submit():
        upload = request.files.get(form.file.name)
        if upload is None or not upload.filename:
            form.file.errors = [_("Choose a JSON file exported by npis-checker.")]
        else:
            try:
                record = import_json(upload.read())
                assessment = import_record(record, current_user, active_catalogue())
            except JsonImportError as exc:
                form.file.errors = [_("This file is not a valid npis-checker export.")]
                problems = exc.problems[:20]  # listed under the field
            except AssessmentError as exc:
                form.file.errors = list(exc.errors.values())
            else:
                flash(_("Assessment imported."), "success")
                return redirect(url_for("assessments.form", uid=assessment.uid))
        return render_template("assessments/import.html", form=form, problems=problems), 400
    return render_template("assessments/import.html", form=form, problems=problems)
