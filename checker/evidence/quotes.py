"""Verification that a quotation occurs word for word in a document's extracted text."""

from __future__ import annotations

import re


def locate_quotation(
    doc_text: str, quote: str, *, tolerant_whitespace: bool = False
) -> tuple[int, int] | None:
    """Character span of the first verbatim occurrence of ``quote`` in ``doc_text``, or None.

    ``tolerant_whitespace`` accepts differences in spacing and line breaks only (useful for a
    quotation a person re-typed or pasted from a PDF viewer); the words must still match exactly.
    """
    if not quote or not quote.strip():
        return None
    at = doc_text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    if not tolerant_whitespace:
        return None
    pattern = r"\s+".join(re.escape(word) for word in quote.split())
    match = re.search(pattern, doc_text)
    return match.span() if match else None


def verify_quotation(doc_text: str, quote: str, *, tolerant_whitespace: bool = False) -> bool:
    """True when ``quote`` occurs verbatim in ``doc_text`` (see :func:`locate_quotation`)."""
    return locate_quotation(doc_text, quote, tolerant_whitespace=tolerant_whitespace) is not None
