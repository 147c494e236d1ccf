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
    match = re.search(_tolerant_pattern(quote), doc_text)
    return match.span() if match else None


_HYPHENS = "-\u2010\u00ad"


def _tolerant_pattern(quote: str) -> str:
    """Words in order, any spacing between them. A word ending in a hyphen may be a PDF line
    end ("Sud-\nEst", "écart-\ntype"): it also matches the word spelt whole in another
    version ("Sud-Est"), or joined ("hyphen-\nation" and "hyphenation")."""
    words = quote.split()
    parts = []
    for i, word in enumerate(words):
        last = i == len(words) - 1
        if not last and word[-1] in _HYPHENS and len(word) > 1:
            parts.append(re.escape(word[:-1]) + f"[{_HYPHENS}]?\\s*")
        else:
            parts.append(re.escape(word) + ("" if last else r"\s+"))
    return "".join(parts)


def verify_quotation(doc_text: str, quote: str, *, tolerant_whitespace: bool = False) -> bool:
    """True when ``quote`` occurs verbatim in ``doc_text`` (see :func:`locate_quotation`)."""
    return locate_quotation(doc_text, quote, tolerant_whitespace=tolerant_whitespace) is not None
