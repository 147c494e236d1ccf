"""Verification that a quotation occurs word for word in a document's extracted text."""

from __future__ import annotations

import re


def verify_quotation(doc_text: str, quote: str, *, tolerant_whitespace: bool = False) -> bool:
    """True when ``quote`` occurs verbatim in ``doc_text``.

    ``tolerant_whitespace`` accepts differences in spacing and line breaks only (useful for a
    quotation a person re-typed or pasted from a PDF viewer); the words must still match exactly.
    """
    if not quote or not quote.strip():
        return False
    if quote in doc_text:
        return True
    if not tolerant_whitespace:
        return False
    words = quote.split()
    pattern = r"\s+".join(re.escape(word) for word in words)
    return re.search(pattern, doc_text) is not None
