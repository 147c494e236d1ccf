"""Embedding a report stamp (identifier, content digest, signature) in the PDF and Excel files.

Printed for people, and machine-readable for ``npis-check verify`` (see
:mod:`checker.services.stamps` for the keys and the reader).
"""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from checker.services.stamps import XLSX_PROPS, ReportStamp

from .cells import append_row
from .labels import Labels

PDF_WRITE_OPTIONS = {"custom_metadata": True}
"""``write_pdf`` options: turn the template's ``<meta name="Npis…">`` into PDF info entries."""


def stamp_rows(lab: Labels, stamp: ReportStamp) -> list[tuple[str, str]]:
    """The printed lines of the stamp, in the report language."""
    return [
        (lab["report_id"], stamp.report_id),
        (lab["content_digest"], stamp.content_digest),
        (lab["signature"], stamp.signature),
    ]


def stamp_workbook(wb: Workbook, ws: Worksheet, stamp: ReportStamp, lab: Labels) -> None:
    """Custom document properties (read by the verifier) and a block on the summary sheet."""
    for name, key in XLSX_PROPS.items():
        wb.custom_doc_props.append(StringProperty(name=key, value=getattr(stamp, name)))
    append_row(ws, [])
    append_row(ws, [lab["stamp_heading"]])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
    for key, value in stamp_rows(lab, stamp):
        append_row(ws, [key, value])
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
    append_row(ws, ["", lab["verify_hint"]])
    ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True, vertical="top")
