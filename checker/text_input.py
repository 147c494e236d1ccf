"""Text from outside (forms, imported files, file names, plain-text documents) without the
control characters no one types on purpose: PostgreSQL refuses a NUL in text and a workbook
refuses most of them, so one pasted from a PDF would stop a save or a report."""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = "\x0b\x0c"  # vertical tab, form feed (a page break in pdftotext's output)


def without_controls(text: str) -> str:
    """``text`` without control characters; a vertical tab or form feed becomes a line break,
    tabs and line breaks stay."""
    return _CONTROLS.sub(lambda m: "\n" if m.group() in _LINE_BREAKS else "", text)
