"""Text for Excel cells: control characters (a form feed pasted from a PDF, a NUL in a file
name) cannot be written to a workbook, so they read as spaces there; and text that starts
with "=" stays text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.comments import Comment
from openpyxl.styles import Alignment
from openpyxl.worksheet.worksheet import Worksheet

from .labels import Labels


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


def data_sheet(wb: Workbook, lab: Labels) -> Worksheet:
    """The tidy sheet for software, named in the report's language ("Data", « Données »): its
    column names are the README's fixed snake_case keys in both languages, so a script reads
    any report alike (:func:`note_data_sheet` says so once its rows are written)."""
    return wb.create_sheet(lab["sheet_data"][:31])


def note_data_sheet(ws: Worksheet, lab: Labels, row: str) -> None:
    """A note on the Data sheet's first header cell saying, in the report's language, that its
    column names are fixed keys (a note row would break the tidy table pandas reads; the
    Summary sheet says it too). ``row``: what one row is ("invariant", "study")."""
    ws["A1"].comment = Comment(data_sheet_note(lab, row), "npis-checker", width=320, height=130)


def data_sheet_note(lab: Labels, row: str) -> str:
    """What the Data sheet is and that its column names are fixed, in the report's language."""
    return lab("data_sheet_note", sheet=lab["sheet_data"], row=lab[f"data_sheet_row_{row}"])
