"""The assessment's document: its extracted text with the quoted passages marked, what a
revised draft changed, and the automatic analysis of it as JSON (for scripts and other tools)."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from ..documents import DocumentError
from ..evidence import ModelMissingError
from ..evidence.analysis import analysis_report
from ..services.assessments import AssessmentNotFound, catalogue_of, get_owned
from ..services.document_view import document_view
from ..services.draft_changes import NoEarlierDraft, UnknownVersion, draft_changes, versions_of
from ..services.suggestions import (
    NoDocumentError,
    NotUploadedByOwner,
    StoredFileMissing,
    read_stored_document,
)
from ._common import current_lang, owned_or_404
from .assessments import to_review

bp = Blueprint("document_text", __name__)


@bp.get("/assessments/<uid>/document")
@login_required
def show(uid: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    with_elements = request.args.get("elements") == "1"
    view, problem = None, None
    try:
        view = document_view(assessment, current_app.config["UPLOAD_DIR"], catalogue,
                             current_lang(), with_elements)
    except NotUploadedByOwner:
        problem = "not_uploaded"
    except StoredFileMissing:
        problem = "missing"
    except NoDocumentError:
        problem = "none"
    except DocumentError as exc:
        problem = exc.message(current_lang())
    except ModelMissingError:
        problem = "model"
    return render_template("assessments/document.html", assessment=assessment,
                           catalogue=catalogue, view=view, problem=problem,
                           with_elements=with_elements)


@bp.get("/assessments/<uid>/changes")
@login_required
def changes(uid: str) -> ResponseReturnValue:
    """What a revised draft changed: the suggestions on two versions of the document
    (``?before=&after=`` fingerprints; default the current one and the one it replaced)."""
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    result, problem, missing = None, None, None
    try:
        result = draft_changes(catalogue, assessment, current_app.config["UPLOAD_DIR"],
                               request.args.get("before") or None,
                               request.args.get("after") or None)
    except UnknownVersion:
        abort(404)
    except NoEarlierDraft:
        problem = "single"
    except NoDocumentError as exc:
        problem = "missing"
        missing = next((v for v in versions_of(assessment) if v.sha256 == exc.args[0]), None)
    except DocumentError as exc:
        problem = exc.message(current_lang())
    except ModelMissingError:
        problem = "model"
    # The answers to check are those the current draft contradicts: marked when it is the
    # later side of the comparison.
    review = (to_review(catalogue, assessment)
              if result is not None and result.after.sha256 == assessment.document_sha256
              else {})
    return render_template("assessments/changes.html", assessment=assessment,
                           catalogue=catalogue, result=result, problem=problem,
                           missing=missing, versions=versions_of(assessment), to_review=review)


@bp.get("/assessments/<uid>/analysis.json")
@login_required
def analysis(uid: str) -> ResponseReturnValue:
    """What ``npis-check analyse`` prints, for the assessment's current document, its kind
    and its study type. Errors are JSON too, in both languages."""
    try:
        assessment = get_owned(uid, current_user)
    except AssessmentNotFound:  # someone else's answers exactly like a missing one
        return jsonify(error={"en": "No such assessment.", "fr": "Évaluation introuvable."}), 404
    catalogue = catalogue_of(assessment)
    try:
        document = read_stored_document(assessment, current_app.config["UPLOAD_DIR"])
        report = analysis_report(document, assessment.document_kind, document.language,
                                 catalogue, assessment.study_type)
    except NoDocumentError:
        return jsonify(error={"en": "This assessment has no document.",
                              "fr": "Cette évaluation n'a pas de document."}), 404
    except DocumentError as exc:
        return jsonify(error={"en": exc.message("en"), "fr": exc.message("fr")}), 422
    except ModelMissingError:
        return jsonify(error={"en": "Automatic detection is unavailable on this installation.",
                              "fr": "La détection automatique n'est pas disponible sur cette "
                                    "installation."}), 503
    report["assessment"] = {"uid": assessment.uid, "document_sha256": assessment.document_sha256}
    return jsonify(report)
