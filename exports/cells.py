"""Text for Excel cells: control characters (a form feed pasted from a PDF, a NUL in a file
name) cannot be written to a workbook, so they read as spaces there; and text that starts
with "=" stays text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet


def cell_text(value: Any) -> Any:
    """``value`` with the characters a workbook cannot hold replaced by spaces."""
    return ILLEGAL_CHARACTERS_RE.sub(" ", value) if isinstance(value, str) else value


def append_row(ws: Worksheet, values: Iterable[Any]) -> None:
    """``ws.append`` for values that may hold any text a person typed or a document held."""
    ws.append([cell_text(value) for value in values])
    # openpyxl writes any string starting with "=" as a formula: a quotation "= 12 patients"
    # would show as an error, and a typed "=HYPERLINK(…)" would run as a live link when the
    # report is opened (formula injection). No cell of these workbooks is a formula.
    for cell in ws[ws.max_row]:
        if cell.data_type == "f":
            cell.data_type = "s"


def print_setup(ws: Worksheet, *, landscape: bool, fit_width: bool = True,
                title_rows: str | None = None, title_cols: str | None = None) -> None:
    """How a sheet prints: A4, its orientation, one page wide (as many pages down as needed)
    unless ``fit_width`` is False, and the rows or columns repeated on every printed page."""
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    if fit_width:
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
        ws.sheet_properties.pageSetUpPr.fitToPage = True
    if title_rows:
        ws.print_title_rows = title_rows
    if title_cols:
        ws.print_title_cols = title_cols


def unwrap_headings(ws: Worksheet) -> None:
    """The title and section headings of a summary sheet (rows with text in column A alone)
    run across the empty cells beside them instead of wrapping inside column A."""
    for row in ws.iter_rows():
        if row[0].value not in (None, "") and all(c.value in (None, "") for c in row[1:]):
            row[0].alignment = Alignment(vertical="top")
