"""Automatic suggestions in the assessment form: run the analysis, accept or reject."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, jsonify, redirect, request, url_for
from flask.typing import ResponseReturnValue
from flask_babel import gettext as _
from flask_babel import ngettext
from flask_login import current_user, login_required

from ..documents import DocumentError
from ..evidence import ModelMissingError
from ..models import Assessment
from ..services import suggestions as service
from ..services.assessments import catalogue_of, to_record
from ._common import NoSuchInvariant, applicable_or_404, current_lang, owned_or_404, wants_json
from ._suggesting import edited_before_accepting, flash_contradictions, pending_message
from .assessments import save_answer, saved_json

bp = Blueprint("suggestions", __name__)


def _back(uid: str, invariant_id: str | None = None) -> ResponseReturnValue:
    anchor = f"inv-{invariant_id}" if invariant_id else "suggestions"
    return redirect(url_for("assessments.form", uid=uid, _anchor=anchor))


def _analysis_problem(assessment: Assessment, exc: Exception) -> str:
    """Why the assessment's document could not be analysed, as the person should read it."""
    if isinstance(exc, service.NotUploadedByOwner):
        return _("The document %(name)s was not uploaded with your account (an imported "
                 "assessment keeps only its fingerprint), so it cannot be analysed. Upload it in "
                 "the automatic suggestions box.", name=assessment.document_filename)
    if isinstance(exc, service.StoredFileMissing):
        return _("The file of the document %(name)s is no longer in the upload folder, so it "
                 "cannot be analysed. Upload it again in the automatic suggestions box.",
                 name=assessment.document_filename)
    if isinstance(exc, service.NoDocumentError):
        return _("This assessment has no document to analyse. Upload one in the automatic "
                 "suggestions box.")
    if isinstance(exc, DocumentError):
        # A sentence of its own: the reason has its own colon (and capital).
        return _("The document could not be analysed. %(reason)s",
                 reason=exc.message(current_lang()))
    return _("Automatic detection is unavailable: its model files are missing from this "
             "installation.")


@bp.post("/assessments/<uid>/suggestions")
@login_required
def run(uid: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    try:
        outcome = service.suggest_from_document(
            catalogue_of(assessment), assessment, current_app.config["UPLOAD_DIR"],
            current_user, current_lang(),
        )
    except (service.NoDocumentError, DocumentError, ModelMissingError) as exc:
        flash(_analysis_problem(assessment, exc), "error")
    else:
        message = pending_message(outcome)
        if outcome.kept:
            message += " " + ngettext("%(num)d answer you had given was left unchanged.",
                                      "%(num)d answers you had given were left unchanged.",
                                      outcome.kept)
        flash(message, "success")
        flash_contradictions(outcome)
    return _back(uid)


def _submitted_version(invariant_id: str) -> int:
    """The version the page showed: the accept button posts the answer form (its field is
    prefixed with the invariant id), the reject form a bare ``version``."""
    version = request.form.get("version", type=int)
    if version is None:
        version = request.form.get(f"{invariant_id}-version", type=int)
    return version if version is not None else -1  # none given: stale, never a blind accept


def _resolve(uid: str, accept: bool, invariant_id: str | None) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    version = _submitted_version(invariant_id) if invariant_id else None
    try:
        changed = service.resolve_suggestions(catalogue, assessment, current_user,
                                              accept=accept, invariant_id=invariant_id,
                                              expected_version=version)
    except KeyError:
        raise NoSuchInvariant(invariant_id or "") from None
    if invariant_id and wants_json():
        # Accepted from the answer form in the background (app.js): answered like its save.
        if changed:
            return saved_json(catalogue, assessment, "accepted" if accept else "rejected",
                              to_record(assessment).answer_for(invariant_id))
        return jsonify(
            status="conflict", error="conflict",
            message=_("%(id)s was changed meanwhile (perhaps in another tab): nothing was "
                      "overwritten.", id=invariant_id),
            url=url_for("assessments.answer", uid=uid, invariant_id=invariant_id)), 409
    if invariant_id and not changed:
        flash(_("This suggestion was changed meanwhile (another tab?). Nothing was "
                "overwritten: check the current answer below."), "error")
    elif not changed:
        # "0 suggestions accepted" reads like a failure; say there was nothing to review.
        flash(_("No suggestion was waiting for your review: nothing was changed."), "info")
    elif accept:
        flash(ngettext("%(num)d suggestion accepted as your answer.",
                       "%(num)d suggestions accepted as your answers.", changed), "success")
    else:
        flash(ngettext("%(num)d suggestion rejected.", "%(num)d suggestions rejected.",
                       changed), "success")
        if changed:
            flash(_("To get a rejected suggestion back, click “Suggest answers from the "
                    "document”: it suggests again wherever no answer is given."), "success")
    return _back(uid, invariant_id)


@bp.post("/assessments/<uid>/suggestions/accept")
@login_required
def accept_all(uid: str) -> ResponseReturnValue:
    return _resolve(uid, True, None)


@bp.post("/assessments/<uid>/suggestions/reject")
@login_required
def reject_all(uid: str) -> ResponseReturnValue:
    return _resolve(uid, False, None)


@bp.post("/assessments/<uid>/suggestions/<invariant_id>/accept")
@login_required
def accept_one(uid: str, invariant_id: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    if wants_json():
        # In the background (app.js), the page keeps the answer's text whatever the outcome:
        # an invariant its study type no longer has (changed in another tab) says so, rather
        # than "changed meanwhile", after which the page would post the text to a 404 page.
        applicable_or_404(catalogue_of(assessment), assessment, invariant_id)
    if edited_before_accepting(assessment, invariant_id):
        # What the person changed is their answer: saved like any answer they write.
        return save_answer(uid, invariant_id)
    return _resolve(uid, True, invariant_id)


@bp.post("/assessments/<uid>/suggestions/<invariant_id>/reject")
@login_required
def reject_one(uid: str, invariant_id: str) -> ResponseReturnValue:
    return _resolve(uid, False, invariant_id)


@bp.post("/assessments/<uid>/suggestions/<invariant_id>/adopt")
@login_required
def adopt(uid: str, invariant_id: str) -> ResponseReturnValue:
    """From the page of what a revised draft changed: the current draft's suggestion becomes
    the person's answer in place of the one they gave before (kept in the history)."""
    assessment = owned_or_404(uid)
    try:
        adopted = service.adopt_suggestion(
            catalogue_of(assessment), assessment, invariant_id,
            current_app.config["UPLOAD_DIR"], current_user, current_lang(),
            request.form.get("version", type=int, default=-1), request.form.get("document", ""))
    except KeyError:
        raise NoSuchInvariant(invariant_id) from None
    except (service.NoDocumentError, DocumentError, ModelMissingError) as exc:
        flash(_analysis_problem(assessment, exc), "error")
    else:
        if adopted:
            flash(_("%(id)s now holds the suggestion made on the current draft, as your "
                    "answer: check it below. Your previous answer is in its history.",
                    id=invariant_id), "success")
        else:
            flash(_("This answer or the document was changed meanwhile (another tab?). "
                    "Nothing was overwritten: check the current answer below, and the page of "
                    "what changed again."), "error")
    return _back(uid, invariant_id)
