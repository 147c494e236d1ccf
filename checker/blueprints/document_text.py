"""The assessment's document as extracted text, with the quoted passages marked."""

from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import login_required

from ..documents import DocumentError
from ..evidence import ModelMissingError
from ..services.assessments import catalogue_of
from ..services.document_view import document_view
from ..services.suggestions import NoDocumentError
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
