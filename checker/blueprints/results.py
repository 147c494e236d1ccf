"""Scores and verdict page, the SVG figure, the structured review to paste, and the PDF /
Excel / JSON downloads."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template
from flask.typing import ResponseReturnValue
from flask_login import current_user, login_required

from exports.context import provisional_note, shortfall_lines

from ..models import Assessment
from ..services.assessments import catalogue_of, to_record
from ..services.draft_flags import report_checks
from ..services.figure import summary_svg
from ..services.issued_reports import issue_assessment_report
from ..services.records import AssessmentRecord
from ..services.review_text import review_text
from ..services.scoring import ScoreResult, score_assessment
from ._common import (
    attachment,
    current_lang,
    owned_or_404,
    report_lang,
    review_ethical,
    review_file_name,
    review_lang,
    review_short,
    slug,
    text_page,
)
from ._progress import counts_wording

bp = Blueprint("results", __name__)


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
        shortfalls=shortfall_lines(catalogue, score, lang),
        # Said in the verdict box when the verdict rests on unconfirmed suggestions.
        provisional=provisional_note(score.answer_counts, lang),
        counts=counts_wording(score.answer_counts),
        review=_review(assessment, record, lang, score, short=review_short(),
                       ethical=review_ethical()),
        review_short=review_short(), review_ethical=review_ethical(),
    )


@bp.get("/assessments/<uid>/review.txt")
@login_required
def review(uid: str) -> ResponseReturnValue:
    """The structured review as plain text, shown in the browser (to copy) and named for a
    download. ``?lang=en|fr``; any other value, or none, gives the interface language."""
    assessment = owned_or_404(uid)
    lang = review_lang()
    record = to_record(assessment)
    short = review_short()
    ethical = review_ethical()
    return text_page(_review(assessment, record, lang, short=short, ethical=ethical),
                     review_file_name(record.title, "assessment", lang, short, ethical))


def _review(assessment: Assessment, record: AssessmentRecord, lang: str,
            score: ScoreResult | None = None, *, short: bool = False,
            ethical: bool = False) -> str:
    # Quotations checked against the document as for the PDF report, so the review flags
    # the same ones, and says the same answers to check after a revised draft.
    catalogue = catalogue_of(assessment)
    checks = report_checks(catalogue, assessment, current_app.config["UPLOAD_DIR"])
    return review_text(catalogue, record, lang, score=score, short=short,
                       quotation_checks=checks.quotation_checks,
                       answers_to_check=checks.answers_to_check, ethical_only=ethical)


@bp.get("/assessments/<uid>/report.<fmt>")
@login_required
def report(uid: str, fmt: str) -> ResponseReturnValue:
    if fmt not in ("pdf", "xlsx"):
        abort(404)
    return _download(uid, fmt, report_lang())


@bp.get("/assessments/<uid>/export.json")
@login_required
def export(uid: str) -> ResponseReturnValue:
    return _download(uid, "json", report_lang())


def _download(uid: str, fmt: str, lang: str) -> ResponseReturnValue:
    assessment = owned_or_404(uid)
    record = to_record(assessment)
    catalogue = catalogue_of(assessment)
    # What every format says of the current document (the JSON export under "checks").
    checks = report_checks(catalogue, assessment, current_app.config["UPLOAD_DIR"])
    # Signed and registered, so the recipient can have it verified (/verify).
    issued = issue_assessment_report(catalogue, record, fmt, lang, current_user.username,
                                     checks=checks)
    # Named as a dossier's reports are: the report's identifier tells two downloads apart
    # and is what /verify looks up.
    suffix = f"-{lang}" if fmt != "json" else ""
    return attachment(issued.data, issued.mimetype,
                      f"{slug(record.title, 'assessment')}{suffix}-{issued.report_id}.{fmt}")
