"""Text from outside (forms, imported files, file names, plain-text documents) without the
control characters no one types on purpose: PostgreSQL refuses a NUL in text and a workbook
refuses most of them, so one pasted from a PDF would stop a save or a report."""

from __future__ import annotations

import re

_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_LINE_BREAKS = "\x0b\x0c"  # vertical tab, form feed (a page break in pdftotext's output)
# Bidirectional marks, embeddings, overrides and isolates: in a file name, a right-to-left
# override shows "report\u202efdp.exe" as "reportexe.pdf", so a name could pose as another type.
_BIDI_CONTROLS = re.compile("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def without_controls(text: str) -> str:
    """``text`` without control characters; a vertical tab or form feed becomes a line break,
    tabs and line breaks stay."""
    return _CONTROLS.sub(lambda m: "\n" if m.group() in _LINE_BREAKS else "", text)


def plain_file_name(name: str) -> str:
    """A file name as shown to people: on one line, without control characters and without
    bidirectional controls, so it reads in the order its characters are stored."""
    return _BIDI_CONTROLS.sub("", without_controls(name)).replace("\n", " ")
