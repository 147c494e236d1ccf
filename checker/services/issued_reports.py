"""Issuing reports: every exported file gets an identifier, a content digest and a signature,
and is registered (with the SHA-256 of the exact bytes handed out) so it can be verified later.
"""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from flask import current_app
from sqlalchemy import select

from ..catalogue import Catalogue
from ..extensions import db
from ..models._time import utcnow
from ..models.dossier import IssuedReport
from . import signing
from .digests import assessment_digest
from .json_io import export_json
from .records import AssessmentRecord
from .reports import new_report_id
from .scoring import ScoreResult, score_assessment
from .stamps import JSON_KEY, ReportStamp

if TYPE_CHECKING:  # draft_flags reads documents (and imports their readers); not needed here
    from .draft_flags import DocumentChecks

FORMATS = ("pdf", "xlsx", "json")
MIMETYPES = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


@dataclass(frozen=True)
class IssuedFile:
    data: bytes
    report_id: str
    filename: str

    @property
    def mimetype(self) -> str:
        return MIMETYPES[self.filename.rsplit(".", 1)[-1]]


def installation_key() -> bytes:
    """This installation's signing key (created in the data directory on first use)."""
    return signing.load_or_create_key(Path(current_app.config["DATA_DIR"]))


def dossier_report_id(uid: str, *, now: datetime | None = None) -> str:
    """Same shape as assessment report ids (``NPIS-CHK-…``), with a ``D`` before the uid."""
    short = ("D" + re.sub(r"[^0-9A-Za-z]", "", uid)[:7]).upper()
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d%H%M%S")
    return f"NPIS-CHK-{short}-{stamp}-{secrets.token_hex(2).upper()}"


def make_stamp(report_id: str, digest: str, subject_kind: str) -> ReportStamp:
    return ReportStamp(report_id, digest, signing.sign(installation_key(), report_id, digest),
                       subject_kind)


def register(stamp: ReportStamp, subject_uid: str, fmt: str, lang: str, data: bytes,
             issued_by: str, note: str = "") -> IssuedReport:
    """Record the issued file (its exact bytes' SHA-256) and commit."""
    row = IssuedReport(
        report_id=stamp.report_id, subject_kind=stamp.subject_kind, subject_uid=subject_uid,
        format=fmt, lang=lang, content_digest=stamp.content_digest, signature=stamp.signature,
        file_sha256=signing.sha256_hex(data), issued_at=utcnow(),
        issued_by=(issued_by or "")[:64], note=note,
    )
    db.session.add(row)
    db.session.commit()
    return row


def _check(fmt: str, lang: str) -> None:
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format {fmt!r}; choose among {', '.join(FORMATS)}")
    if lang not in ("en", "fr"):
        raise ValueError(f"unknown report language {lang!r}; choose en or fr")


def render_assessment(catalogue: Catalogue, record: AssessmentRecord, fmt: str, lang: str,
                      stamp: ReportStamp, checks: DocumentChecks | None = None, *,
                      score: ScoreResult | None = None) -> bytes:
    """The bytes of one stamped assessment report (no registration).

    ``checks`` (:func:`~.draft_flags.report_checks`): which quotations occur word for word in
    the current document, and which answers given on an earlier draft to check against it,
    said by every format (None: the document was not read, nothing said). ``score``: the
    record's score by ``catalogue`` when the caller has it (computed here otherwise).
    """
    if fmt == "json":
        data = export_json(catalogue, record, score=score, checks=checks)
        data["report_id"] = stamp.report_id
        data[JSON_KEY] = stamp.as_dict()
        return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")
    if score is None:
        score = score_assessment(catalogue, record)
    quotation_checks = checks.quotation_checks if checks else None
    answers_to_check = checks.answers_to_check if checks else []
    # Imported on use: WeasyPrint is slow to import and JSON-only callers do not need it.
    if fmt == "pdf":
        from exports.pdf import render_pdf

        return render_pdf(catalogue, record, score, lang, stamp.report_id, stamp=stamp,
                          quotation_checks=quotation_checks,
                          answers_to_check=answers_to_check)
    from exports.excel import render_xlsx

    return render_xlsx(catalogue, record, score, lang, stamp.report_id, stamp=stamp,
                       quotation_checks=quotation_checks, answers_to_check=answers_to_check)


def issue_assessment_reports(catalogue: Catalogue, record: AssessmentRecord,
                             formats: Sequence[str], lang: str, issued_by: str,
                             note: str = "", subject_uid: str | None = None,
                             checks: DocumentChecks | None = None, *,
                             score: ScoreResult | None = None) -> list[IssuedFile]:
    """Render, sign and register reports of ``record`` in ``formats``, under one identifier.

    ``subject_uid`` names the stored assessment when ``record`` is a copy of it (the demo);
    ``checks`` and ``score``, see :func:`render_assessment` (scored here once for all the
    formats when not given).
    """
    for fmt in formats:
        _check(fmt, lang)
    stamp = make_stamp(new_report_id(record), assessment_digest(record), "assessment")
    if score is None and any(fmt != "json" for fmt in formats):
        score = score_assessment(catalogue, record)
    issued = []
    for fmt in formats:
        data = render_assessment(catalogue, record, fmt, lang, stamp, checks, score=score)
        register(stamp, subject_uid or record.uid, fmt, lang, data, issued_by, note)
        issued.append(IssuedFile(data, stamp.report_id, f"{stamp.report_id}.{fmt}"))
    return issued


def issue_assessment_report(catalogue: Catalogue, record: AssessmentRecord, fmt: str, lang: str,
                            issued_by: str, note: str = "",
                            checks: DocumentChecks | None = None, *,
                            score: ScoreResult | None = None) -> IssuedFile:
    """Render, sign and register one report of ``record``; the caller hands out ``data``."""
    return issue_assessment_reports(catalogue, record, [fmt], lang, issued_by, note,
                                    checks=checks, score=score)[0]


def latest_current_report(subject_uid: str, digest: str) -> IssuedReport | None:
    """The latest report issued for this subject that still matches its current content."""
    query = (select(IssuedReport)
             .where(IssuedReport.subject_uid == subject_uid,
                    IssuedReport.content_digest == digest)
             .order_by(IssuedReport.issued_at.desc(), IssuedReport.report_id.desc()))
    return db.session.scalars(query).first()
