"""The assessment's document: its extracted text with the quoted passages marked, and the
automatic analysis of it as JSON (for scripts and other tools)."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from ..documents import DocumentError
from ..evidence import ModelMissingError
from ..evidence.analysis import analysis_report
from ..services.assessments import catalogue_of
from ..services.document_view import document_view
from ..services.suggestions import NoDocumentError, read_stored_document
from ._common import current_lang, owned_or_404

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
    except NoDocumentError:
        problem = "none"
    except DocumentError as exc:
        problem = exc.message(current_lang())
    except ModelMissingError:
        problem = "model"
    return render_template("assessments/document.html", assessment=assessment,
                           catalogue=catalogue, view=view, problem=problem,
                           with_elements=with_elements)


@bp.get("/assessments/<uid>/analysis.json")
@login_required
def analysis(uid: str) -> ResponseReturnValue:
    """What ``npis-check analyse`` prints, for the assessment's current document, its kind
    and its study type. Errors are JSON too, in both languages."""
    assessment = owned_or_404(uid)
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
