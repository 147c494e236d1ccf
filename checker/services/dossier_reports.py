"""Issuing a dossier report (PDF or Excel): build the view, stamp, render, register."""

from __future__ import annotations

from pathlib import Path

from ..catalogue import Catalogue
from ..models.dossier import Dossier
from .dossier_view import DossierView, build_view
from .issued_reports import (
    IssuedFile,
    dossier_report_id,
    issue_assessment_report,
    latest_current_report,
    make_stamp,
    register,
)

FORMATS = ("pdf", "xlsx")


def attach_study_reports(view: DossierView, lang: str, issued_by: str,
                         dossier_report: str) -> None:
    """Give each study the id of its latest report that matches its current content.

    A study with none gets a fresh signed JSON report, registered here, so every study listed
    in the dossier report can be traced to a report of exactly the content that was counted:
    with the view's score of it and what the view read of its documents (its ``"checks"``,
    when the view read them), nothing scored or read again.
    """
    for study, scored in zip(view.studies, view.scored, strict=True):
        current = latest_current_report(study.uid, study.content_digest)
        if current is not None:
            study.report_id = current.report_id
            continue
        issued = issue_assessment_report(
            scored.catalogue, scored.record, "json", lang, issued_by,
            note=f"issued with dossier report {dossier_report}",
            checks=study.drafts.document_checks if view.drafts_read else None,
            score=scored.score)
        study.report_id = issued.report_id


def issue_dossier_report(catalogue: Catalogue, dossier: Dossier, fmt: str, lang: str,
                         issued_by: str, *, upload_dir: str | Path | None = None) -> IssuedFile:
    """Render, sign and register the dossier report; the caller hands out ``data``.

    ``upload_dir``: where the studies' documents are, for the report to say which answers
    may rest on an earlier draft (None: not looked at)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown dossier report format {fmt!r}; choose pdf or xlsx")
    if lang not in ("en", "fr"):
        raise ValueError(f"unknown report language {lang!r}; choose en or fr")
    view = build_view(dossier, catalogue, lang, upload_dir)
    report_id = dossier_report_id(dossier.uid)
    attach_study_reports(view, lang, issued_by, report_id)
    stamp = make_stamp(report_id, view.digest, "dossier")
    if fmt == "pdf":
        from exports.dossier_pdf import render_dossier_pdf

        data = render_dossier_pdf(view, stamp)
    else:
        from exports.dossier_excel import render_dossier_xlsx

        data = render_dossier_xlsx(view, stamp)
    register(stamp, dossier.uid, fmt, lang, data, issued_by)
    return IssuedFile(data, report_id, f"{report_id}.{fmt}")
