"""Verifying a report file: issued here? altered? has its subject changed since?

Only verification facts come out of here, never the assessment's data: the verification page
is open to anyone holding a report.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from ..extensions import db
from ..models import Assessment
from ..models.dossier import Dossier, IssuedReport
from . import signing
from .digests import assessment_digest
from .issued_reports import installation_key
from .stamps import ReportStamp, UnreadableReport, read_stamp

UNCHANGED, CHANGED, DELETED, UNKNOWN = "unchanged", "changed", "deleted", "unknown"


@dataclass
class Verification:
    readable: bool
    problem: str = ""  # why the file could not be read (readable=False), technical detail
    format: str = ""  # pdf | xlsx | json; for an unreadable file, the format it claims (or "")
    stamp: ReportStamp | None = None
    issued_here: bool = False  # signature valid under this installation's key
    registered: bool = False  # the report id is in this installation's registry
    unaltered: bool = False  # registered, same bytes and same embedded fields
    subject_kind: str = ""
    subject_status: str = UNKNOWN
    issued_at: datetime | None = None

    @property
    def ok(self) -> bool:
        """An unaltered report issued by this installation (the only case that passes)."""
        return self.readable and self.issued_here and self.unaltered

    @property
    def report_id(self) -> str:
        return self.stamp.report_id if self.stamp else ""


def current_digest(subject_kind: str, subject_uid: str) -> str | None:
    """The subject's digest now, or None when it no longer exists."""
    if subject_kind == "assessment":
        from .assessments import to_record

        assessment = db.session.scalar(select(Assessment).where(Assessment.uid == subject_uid))
        return assessment_digest(to_record(assessment)) if assessment else None
    if subject_kind == "dossier":
        from .dossiers import dossier_digest

        dossier = db.session.scalar(select(Dossier).where(Dossier.uid == subject_uid))
        return dossier_digest(dossier) if dossier else None
    return None


def verify_report(data: bytes) -> Verification:
    """Check a report file against this installation's key and registry."""
    try:
        fmt, stamp = read_stamp(data)
    except UnreadableReport as exc:
        return Verification(readable=False, problem=str(exc), format=exc.fmt or "")
    result = Verification(readable=True, format=fmt, stamp=stamp)
    if stamp is None:
        return result
    result.issued_here = signing.signature_valid(
        installation_key(), stamp.report_id, stamp.content_digest, stamp.signature)
    row = db.session.get(IssuedReport, (stamp.report_id, fmt))
    if row is None:
        return result
    result.registered = True
    result.subject_kind = row.subject_kind
    result.issued_at = row.issued_at
    result.unaltered = (
        row.file_sha256 == signing.sha256_hex(data)
        and row.content_digest == stamp.content_digest
        and row.signature == stamp.signature.lower()
    )
    now = current_digest(row.subject_kind, row.subject_uid)
    result.subject_status = (DELETED if now is None
                             else UNCHANGED if now == row.content_digest else CHANGED)
    return result


def _plain(text: str, **values: object) -> str:
    return text % values if values else text


def summary_lines(v: Verification, _: Callable[..., str] = _plain) -> list[tuple[bool, str]]:
    """The verification facts as (good?, sentence); ``_`` translates (gettext in the web app)."""
    if not v.readable:
        if not v.format:
            return [(False, _("The file cannot be read as a report: it is not a PDF, Excel "
                              "(.xlsx) or JSON file."))]
        # The reader library's own words ("Stream has ended unexpectedly") are English and
        # technical: the command line prints them apart (v.problem), the page does not.
        return [(False, _("The file cannot be read as a report: this %(format)s file is "
                          "damaged.", format=v.format.upper()))]
    if v.stamp is None:
        return [(False, _("This file carries no npis-checker report identifier or signature: "
                          "it was not issued by this installation."))]
    lines = [(True, _("Report identifier: %(id)s", id=v.report_id))]
    lines.append((True, _("Issued by this installation (the signature is valid).")) if v.issued_here
                 else (False, _("Not issued by this installation: the signature does not "
                                "match this installation's key.")))
    if not v.registered:
        lines.append((False, _("This report identifier is not in this installation's registry, "
                               "so the file cannot be confirmed unaltered.")))
        return lines
    if v.unaltered:
        lines.append((True, _("The file is unaltered: it is byte for byte the file that was "
                              "issued.")))
    elif v.issued_here:
        # The signature covers the report's identifier and digest, not every byte: say so, or
        # "signature valid" beside "altered" reads as a contradiction.
        lines.append((False, _("The file was altered: it differs from the file that was "
                               "issued. Its identifier and signature are genuine, but its "
                               "content cannot be trusted: ask for the file as exported.")))
    else:
        lines.append((False, _("The file was altered: it differs from the file that was "
                               "issued.")))
    if v.subject_kind == "dossier":
        statuses = {
            UNCHANGED: (True, _("The dossier is unchanged since the report was issued.")),
            CHANGED: (False, _("The dossier has changed since the report was issued: the "
                               "report no longer reflects its current content.")),
            DELETED: (False, _("The dossier has been deleted since the report was issued.")),
        }
    else:
        statuses = {
            UNCHANGED: (True, _("The assessment is unchanged since the report was issued.")),
            CHANGED: (False, _("The assessment has changed since the report was issued: the "
                               "report no longer reflects its current content.")),
            DELETED: (False, _("The assessment has been deleted since the report was "
                               "issued.")),
        }
    status = statuses.get(v.subject_status)
    if status:
        lines.append(status)
    return lines
