"""Scores and verdict page, the SVG figure, and the PDF / Excel / JSON downloads."""

from __future__ import annotations

import json
import re

from flask import Blueprint, Response, abort, render_template, request
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from ..services.assessments import catalogue_of, to_record
from ..services.figure import summary_svg
from ..services.issued_reports import issue_assessment_report
from ..services.json_io import export_json
from ..services.scoring import score_assessment
from ._common import current_lang, owned_or_404

bp = Blueprint("results", __name__)

MIME = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}


def _slug(title: str) -> str:
    return re.sub(r"[^A-Za-z0-9]+", "-", title).strip("-")[:60] or "assessment"


@bp.get("/assessments/<uid>/results")
@login_required
def results(uid: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    record = to_record(assessment)
    score = score_assessment(catalogue, record)
    lang = current_lang()
    return render_template(
        "assessments/results.html", assessment=assessment, catalogue=catalogue, record=record,
        score=score, figure=summary_svg(catalogue, record, score, lang),
    )


@bp.get("/assessments/<uid>/report.<fmt>")
@login_required
def report(uid: str, fmt: str) -> ResponseReturnValue:
    if fmt not in MIME:
        abort(404)
    lang = request.args.get("lang") or current_lang()
    if lang not in ("en", "fr"):
        abort(400)
    assessment = owned_or_404(uid)
    catalogue = catalogue_of(assessment)
    record = to_record(assessment)
    # Signed and registered, so the recipient can have it verified (/verify).
    body = issue_assessment_report(catalogue, record, fmt, lang, current_user.username).data
    name = f"{_slug(record.title)}-{lang}.{fmt}"
    return Response(body, mimetype=MIME[fmt],
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})


@bp.get("/assessments/<uid>/export.json")
@login_required
def export(uid: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    data = export_json(catalogue_of(assessment), to_record(assessment))
    body = json.dumps(data, ensure_ascii=False, indent=2, default=str)
    name = f"{_slug(assessment.title)}.json"
    return Response(body, mimetype="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
