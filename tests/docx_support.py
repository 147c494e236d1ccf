"""A DOCX built in memory from (text, style) paragraphs, for tests of DOCX reading."""

from __future__ import annotations

import io

import docx


def docx_bytes(paragraphs: list[tuple[str, str | None]]) -> bytes:
    """A DOCX of ``paragraphs``, each (text, Word style name or None)."""
    document = docx.Document()
    for text, style in paragraphs:
        document.add_paragraph(text, style=style)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
