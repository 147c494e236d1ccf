"""Public guide pages: how the automatic suggestions are made and how far they can be trusted
(French health authorities ask for explainable criteria for any automated help)."""

from __future__ import annotations

from flask import Blueprint, render_template
from flask.typing import ResponseReturnValue

from ..evidence.model import ModelMissingError
from ..services.detection_guide import detection_facts, measurement
from ..services.snapshots import active_catalogue

bp = Blueprint("guide", __name__, url_prefix="/guide")


@bp.route("/suggestions")
def suggestions() -> ResponseReturnValue:
    catalogue = active_catalogue()
    try:
        facts = detection_facts(catalogue)
    except ModelMissingError:  # an installation without the models: no suggestions to explain
        facts = None
    return render_template("guide/suggestions.html", facts=facts, measured=measurement(),
                           catalogue=catalogue)
