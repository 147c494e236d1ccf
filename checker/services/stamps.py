"""The stamp a report carries (identifier, content digest, signature) and reading it back.

Writers embed the stamp twice: visibly (printed on the report) and machine-readably, where
:func:`read_stamp` finds it: PDF document information entries, Excel custom document
properties, a ``report_stamp`` object in JSON. No Flask or database here.
"""

from __future__ import annotations

import json
import zipfile
from dataclasses import dataclass
from io import BytesIO

FORMATS = ("pdf", "xlsx", "json")
# PDF info keys: WeasyPrint keeps the alphanumeric characters of <meta> names, lowercased.
PDF_KEYS = {"report_id": "npisreportid", "content_digest": "npiscontentdigest",
            "signature": "npissignature", "subject_kind": "npissubjectkind"}
XLSX_PROPS = {"report_id": "npis-report-id", "content_digest": "npis-content-digest",
              "signature": "npis-signature", "subject_kind": "npis-subject-kind"}
JSON_KEY = "report_stamp"


class UnreadableReport(ValueError):
    """The file is not a PDF, Excel or JSON report (``fmt`` None), or it is damaged."""

    def __init__(self, message: str, fmt: str | None = None) -> None:
        super().__init__(message)
        self.fmt = fmt


@dataclass(frozen=True)
class ReportStamp:
    report_id: str
    content_digest: str
    signature: str
    subject_kind: str = "assessment"

    def as_dict(self) -> dict[str, str]:
        return {"report_id": self.report_id, "content_digest": self.content_digest,
                "signature": self.signature, "subject_kind": self.subject_kind}


def detect_format(data: bytes) -> str | None:
    """``pdf``, ``xlsx`` or ``json`` from the file's first bytes, else None."""
    head = data[:1024].lstrip()
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        return "xlsx" if _may_be_workbook(data) else None
    if head.startswith(b"{"):
        return "json"
    return None


def _may_be_workbook(data: bytes) -> bool:
    """Whether a ZIP file may be an Excel workbook: one whose entries can be read and hold no
    workbook part is another kind of file (a Word document, a protocol sent by mistake), not
    a damaged workbook; one that cannot be read as a ZIP file is a damaged one."""
    try:
        with zipfile.ZipFile(BytesIO(data)) as archive:
            return any(name.startswith("xl/") for name in archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return True


def _stamp(values: dict[str, str | None]) -> ReportStamp | None:
    if not all(values.get(k) for k in ("report_id", "content_digest", "signature")):
        return None
    return ReportStamp(str(values["report_id"]).strip(), str(values["content_digest"]).strip(),
                       str(values["signature"]).strip(),
                       str(values.get("subject_kind") or "assessment").strip())


def _pdf_stamp(data: bytes) -> ReportStamp | None:
    from pypdf import PdfReader

    try:
        info = PdfReader(BytesIO(data)).metadata or {}
        found = {str(k).lstrip("/").lower(): v for k, v in info.items()}
        return _stamp({name: found.get(key) for name, key in PDF_KEYS.items()})
    except Exception as exc:  # pypdf raises many types on damaged files
        raise UnreadableReport(f"the PDF cannot be read: {exc}", "pdf") from exc


def _xlsx_stamp(data: bytes) -> ReportStamp | None:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(BytesIO(data), read_only=True)
        props = {p.name: p.value for p in workbook.custom_doc_props}
        workbook.close()
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableReport(f"the Excel workbook cannot be read: {exc}", "xlsx") from exc
    return _stamp({name: props.get(key) for name, key in XLSX_PROPS.items()})


def _json_stamp(data: bytes) -> ReportStamp | None:
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise UnreadableReport(f"the JSON file cannot be read: {exc}", "json") from exc
    stamp = document.get(JSON_KEY) if isinstance(document, dict) else None
    return _stamp(stamp) if isinstance(stamp, dict) else None


def read_stamp(data: bytes) -> tuple[str, ReportStamp | None]:
    """(format, stamp or None when the file carries none); :class:`UnreadableReport` else."""
    fmt = detect_format(data)
    if fmt is None:
        raise UnreadableReport("not a PDF, Excel (.xlsx) or JSON report")
    reader = {"pdf": _pdf_stamp, "xlsx": _xlsx_stamp, "json": _json_stamp}[fmt]
    return fmt, reader(data)
