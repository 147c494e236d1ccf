"""NPI dossiers: list, create, edit, screening, studies, evidence sufficiency, downloads."""

from __future__ import annotations

from flask import (
    Blueprint,
    abort,
    current_app,
    flash,
    redirect,
    render_template,
    request,
    url_for,
)
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..catalogue import pick
from ..forms.assessment import KIND_LABELS
from ..forms.dossier import (
    AddStudyForm,
    ConfirmForm,
    DeleteDossierForm,
    DossierForm,
    PaperProtocolForm,
    PublicationForm,
    screening_form,
)
from ..models import Assessment
from ..models.dossier import Dossier
from ..services import dossiers as service
from ..services.assessments import catalogue_of
from ..services.dossier_reports import FORMATS, issue_dossier_report
from ..services.dossier_review_text import dossier_review_text
from ..services.dossier_view import build_view
from ..services.publication_reading import PublicationReading, read_into
from ..services.screening import ScreeningError, load_questionnaire
from ..services.snapshots import active_catalogue
from ._common import (
    attachment,
    current_lang,
    report_lang,
    review_file_name,
    review_lang,
    review_short,
    slug,
    text_page,
)

bp = Blueprint("dossiers", __name__, url_prefix="/dossiers")


def _owned_or_404(uid: str) -> Dossier:
    """Someone else's dossier answers exactly like a missing one: 404, no data."""
    try:
        return service.get_owned_dossier(uid, current_user)
    except service.DossierNotFound:
        abort(404)


def _fields(form: DossierForm) -> service.DossierFields:
    return service.DossierFields(form.npi_name.data or "", form.domain.data or "",
                                 form.health_problem.data or "", form.country.data or "")


def _publication(form: PublicationForm) -> service.PublicationFields:
    return service.PublicationFields(bool(form.peer_reviewed.data), form.journal.data or "",
                                     form.doi.data or "", form.year.data,
                                     form.study_country.data or "")


def _set_errors(form: object, errors: dict[str, str]) -> None:
    aliases = {"country": "study_country"} if isinstance(form, PublicationForm) else {}
    for name, message in errors.items():
        field = getattr(form, aliases.get(name, name), None)
        if field is not None:
            field.errors = [message]
        else:
            flash(message, "warning")


@bp.get("")
@login_required
def index() -> ResponseReturnValue:
    return render_template("dossiers/index.html", dossiers=service.list_dossiers(current_user))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def new() -> ResponseReturnValue:
    form = DossierForm()
    if form.validate_on_submit():
        try:
            dossier = service.create_dossier(current_user, _fields(form))
        except service.DossierError as exc:
            _set_errors(form, exc.errors)
        else:
            flash(_("Dossier created. Answer the screening questionnaire, then add the "
                    "studies."), "success")
            return redirect(url_for("dossiers.screening", uid=dossier.uid))
    status = 400 if request.method == "POST" else 200
    return render_template("dossiers/form.html", form=form, dossier=None), status


@bp.route("/<uid>/edit", methods=["GET", "POST"])
@login_required
def edit(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    form = DossierForm(obj=dossier) if request.method == "GET" else DossierForm()
    if form.validate_on_submit():
        try:
            service.update_dossier(dossier, _fields(form))
        except service.DossierError as exc:
            _set_errors(form, exc.errors)
        else:
            flash(_("Dossier saved."), "success")
            return redirect(url_for("dossiers.show", uid=uid))
    status = 400 if request.method == "POST" else 200
    return render_template("dossiers/form.html", form=form, dossier=dossier), status


@bp.post("/<uid>/delete")
@login_required
def delete(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    form = DeleteDossierForm()
    if not form.validate_on_submit():
        if form.csrf_token.errors:
            abort(400)
        flash(_("Nothing was deleted: tick the box to confirm the deletion."), "error")
        return redirect(url_for("dossiers.show", uid=uid, _anchor="delete-title"))
    service.delete_dossier(dossier)
    flash(_("Dossier deleted. Its studies (your assessments) are kept."), "success")
    return redirect(url_for("dossiers.index"))


def _add_form(dossier: Dossier, formdata: object = "auto") -> AddStudyForm:
    form = AddStudyForm() if formdata == "auto" else AddStudyForm(formdata=None)
    lang = current_lang()
    choices = [("", _("Choose a study"))]
    for a in service.candidates(dossier, current_user):
        try:
            study_type = pick(catalogue_of(a).study_type(a.study_type).label, lang)
        except KeyError:
            study_type = a.study_type
        choices.append((a.uid, f"{a.title} ({study_type}, {KIND_LABELS.get(a.document_kind, '')})"))
    form.assessment.choices = choices
    return form


@bp.get("/<uid>")
@login_required
def show(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    return _show_page(dossier, _add_form(dossier, formdata=None))


def _protocol_forms(dossier: Dossier, sent: tuple[str, PaperProtocolForm] | None = None,
                    ) -> dict[str, PaperProtocolForm]:
    """Per paper of the dossier that may report one of its protocols (one of its type is in
    the dossier), the form to say which: as stored, or as ``sent`` (paper uid, refused form).
    A protocol is offered as "Study 5: its title", numbered as the page lists the studies."""
    studies = service.dossier_studies(dossier)
    numbers = {a.uid: n for n, a in enumerate(studies, start=1)}
    links = service.protocol_links(dossier)
    forms = {}
    for paper in studies:
        protocols = service.protocol_choices(dossier, paper)
        if not protocols:
            continue
        if sent is not None and sent[0] == paper.uid:
            form = sent[1]
        else:
            form = PaperProtocolForm(formdata=None, protocol=links.get(paper.uid, ""))
        # One form per paper on the page: each select its own id, for its label and errors.
        form.protocol.id = form.protocol.label.field_id = f"protocol-{paper.uid}"
        form.protocol.choices = [("", _("None named"))] + [
            (p.uid, _("Study %(n)d: %(title)s", n=numbers[p.uid], title=p.title))
            for p in protocols]
        forms[paper.uid] = form
    return forms


def _show_page(dossier: Dossier, add_form: AddStudyForm,
               reading: PublicationReading | None = None,
               protocol_sent: tuple[str, PaperProtocolForm] | None = None) -> str:
    """The dossier's page, with ``add_form`` as sent (empty, or refused with its errors, or
    with what ``reading`` read from the chosen study's document), and a paper's protocol form
    as sent when refused (``protocol_sent``)."""
    lang = current_lang()
    # Each study's verdict, why it is not a better one (worded as on the results page) and
    # whether it counts, as the sufficiency page says it: a submitter sees from the list
    # which study holds the dossier back, and what to fix in it; and which of its answers
    # may rest on an earlier draft of its document.
    view = build_view(dossier, active_catalogue(), lang, current_app.config["UPLOAD_DIR"])
    protocol_forms = _protocol_forms(dossier, protocol_sent)
    if protocol_sent is not None and protocol_sent[0] not in protocol_forms:
        # A study with no protocol form on the page (not a paper, or no protocol of its type
        # in the dossier): its refusal is said at the top.
        for message in protocol_sent[1].protocol.errors:
            flash(message, "error")
    return render_template(
        "dossiers/show.html", dossier=dossier, screening=view.screening,
        studies=[(scored.assessment, scored.publication, summary)
                 for scored, summary in zip(view.scored, view.studies, strict=True)],
        add_form=add_form, confirm=ConfirmForm(), delete_form=DeleteDossierForm(formdata=None),
        protocol_forms=protocol_forms,
        advice=view.advice, advice_groups=view.advice_groups, reading=reading,
    )


@bp.route("/<uid>/screening", methods=["GET", "POST"])
@login_required
def screening(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    lang = current_lang()
    questionnaire = load_questionnaire()
    if request.method == "GET":
        form = screening_form(questionnaire, lang, dossier.screening_domain or dossier.domain,
                              dossier.screening_answers or {}, formdata=None)
        return render_template("dossiers/screening.html", dossier=dossier, form=form,
                               questionnaire=questionnaire,
                               result=service.screening_of(dossier, lang))
    form = screening_form(questionnaire, lang)
    if form.validate_on_submit():
        answers = {q.id: form[f"q_{q.id}"].data for q in questionnaire.questions}
        try:
            service.save_screening(dossier, answers, form.domain.data, lang)
        except ScreeningError as exc:
            flash(str(exc), "warning")
        else:
            flash(_("Screening saved."), "success")
            return redirect(url_for("dossiers.screening", uid=uid, _anchor="result"))
    return render_template("dossiers/screening.html", dossier=dossier, form=form,
                           questionnaire=questionnaire, result=None), 400


@bp.get("/<uid>/studies")
@bp.get("/<uid>/studies/read")
@login_required
def add_study_again(uid: str) -> ResponseReturnValue:
    """The address the add-study form posts to (to add the study, or to read its publication
    details), asked for again: after the language switched on the page it showed, reloaded
    as a plain address, or after signing in again. The dossier page and its add-study form,
    rather than "Not found"."""
    _owned_or_404(uid)
    return redirect(url_for("dossiers.show", uid=uid, _anchor="add-title"))


@bp.post("/<uid>/studies")
@login_required
def add_study(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    form = _add_form(dossier)
    if form.validate_on_submit():
        try:
            service.add_study(dossier, form.assessment.data, current_user, _publication(form))
        except service.DossierError as exc:
            _set_errors(form, exc.errors)
        else:
            flash(_("Study added."), "success")
            return redirect(url_for("dossiers.show", uid=uid, _anchor="studies"))
    return _show_page(dossier, form), 400


def _propose_into(form: PublicationForm, assessment: Assessment,
                  typed: dict[str, object]) -> PublicationReading:
    """``form`` with the publication details read from ``assessment``'s document in its
    empty fields (``typed``: the values the form holds)."""
    reading = read_into(assessment, current_app.config["UPLOAD_DIR"], typed)
    for name, value in reading.filled.items():
        form[name].data = int(value) if name == "year" else value
        form[name].raw_data = [value]
    return reading


@bp.post("/<uid>/studies/read")
@login_required
def read_publication(uid: str) -> ResponseReturnValue:
    """The add-study form sent back with the chosen study's journal, DOI and year read from
    its document in the fields left empty, marked for the person to check: nothing is saved
    (the form's other fields are not checked yet either)."""
    dossier = _owned_or_404(uid)  # the CSRF token was checked before the view (CSRFProtect)
    form = _add_form(dossier)
    chosen = next((a for a in service.candidates(dossier, current_user)
                   if a.uid == form.assessment.data), None)
    if chosen is None:
        form.assessment.errors = [_("Choose the study whose document to read.")]
        return _show_page(dossier, form), 400
    year = form.year.raw_data[0] if form.year.raw_data else ""
    reading = _propose_into(form, chosen, {"journal": form.journal.data or "",
                                           "doi": form.doi.data or "", "year": year.strip()})
    return _show_page(dossier, form, reading)


@bp.post("/<uid>/studies/<study_uid>/remove")
@login_required
def remove_study(uid: str, study_uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    if not service.remove_study(dossier, study_uid):
        abort(404)
    flash(_("Study removed from the dossier (the assessment itself is kept)."), "success")
    return redirect(url_for("dossiers.show", uid=uid, _anchor="studies"))


@bp.post("/<uid>/studies/<study_uid>/protocol")
@login_required
def paper_protocol(uid: str, study_uid: str) -> ResponseReturnValue:
    """Say which of the dossier's protocols the paper ``study_uid`` reports, or none."""
    dossier = _owned_or_404(uid)
    if service.study_in_dossier(dossier, study_uid) is None:
        abort(404)
    form = PaperProtocolForm()
    if not form.validate_on_submit():
        abort(400)  # only the CSRF token can fail: the choice is checked by the service
    if not form.protocol.raw_data:
        form.protocol.errors = [_("Choose its protocol, or none: nothing was changed.")]
    else:
        try:
            changed = service.set_paper_protocol(dossier, study_uid, form.protocol.data or "",
                                                 current_user)
        except service.DossierError as exc:
            form.protocol.errors = list(exc.errors.values())
        else:
            if changed:
                flash(_("The paper's protocol is saved.") if form.protocol.data
                      else _("The paper names no protocol now."), "success")
            return redirect(url_for("dossiers.show", uid=uid, _anchor="studies"))
    return _show_page(dossier, _add_form(dossier, formdata=None),
                      protocol_sent=(study_uid, form)), 400


@bp.route("/<uid>/studies/<study_uid>", methods=["GET", "POST"])
@login_required
def publication(uid: str, study_uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    assessment = service.study_in_dossier(dossier, study_uid)
    if assessment is None:
        abort(404)
    stored = service.publication_of(assessment)
    if request.method == "GET":
        form = PublicationForm(formdata=None, obj=stored)
        if stored is not None:
            form.study_country.data = stored.country
        # The details left empty take what the document states, marked, until saved.
        reading = _propose_into(form, assessment, {
            "journal": stored.journal if stored else "", "doi": stored.doi if stored else "",
            "year": stored.year if stored else None})
        return render_template("dossiers/publication.html", dossier=dossier,
                               assessment=assessment, form=form, reading=reading)
    form = PublicationForm()
    if form.validate_on_submit():
        try:
            service.set_publication(assessment, _publication(form))
        except service.DossierError as exc:
            _set_errors(form, exc.errors)
        else:
            flash(_("Publication details saved."), "success")
            return redirect(url_for("dossiers.show", uid=uid, _anchor="studies"))
    return render_template("dossiers/publication.html", dossier=dossier, assessment=assessment,
                           form=form), 400


@bp.get("/<uid>/sufficiency")
@login_required
def sufficiency(uid: str) -> ResponseReturnValue:
    dossier = _owned_or_404(uid)
    view = build_view(dossier, active_catalogue(), current_lang())
    return render_template("dossiers/sufficiency.html", dossier=dossier, view=view)


@bp.get("/<uid>/report.<fmt>")
@login_required
def report(uid: str, fmt: str) -> ResponseReturnValue:
    if fmt not in FORMATS:
        abort(404)
    lang = report_lang()
    dossier = _owned_or_404(uid)
    issued = issue_dossier_report(active_catalogue(), dossier, fmt, lang, current_user.username,
                                  upload_dir=current_app.config["UPLOAD_DIR"])
    return attachment(issued.data, issued.mimetype,
                      f"{slug(dossier.npi_name, 'dossier')}-{lang}-{issued.report_id}.{fmt}")


@bp.get("/<uid>/review.txt")
@login_required
def review(uid: str) -> ResponseReturnValue:
    """The dossier's structured review as plain text, shown in the browser (to copy) and
    named for a download. ``?lang=en|fr``; any other value, or none, gives the interface
    language (as for an assessment's review)."""
    dossier = _owned_or_404(uid)
    lang = review_lang()
    short = review_short()
    text = dossier_review_text(dossier, active_catalogue(), lang, short=short,
                               upload_dir=current_app.config["UPLOAD_DIR"])
    return text_page(text, review_file_name(dossier.npi_name, "dossier", lang, short))
