"""Text for Excel cells: control characters (a form feed pasted from a PDF, a NUL in a file
name) cannot be written to a workbook, so they read as spaces there; and text that starts
with "=" stays text, never a formula."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
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
