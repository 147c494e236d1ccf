"""Typographic ligatures written out as letters.

Journal PDFs often map the "fi", "fl", "ffi"... glyphs to single ligature characters
(U+FB00-FB06). Left in, "conﬁdential" or "signiﬁcant" would match no cue and no quotation
a person types; written out, the text reads as the page does.
"""

from __future__ import annotations

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
})


def expand_ligatures(text: str) -> str:
    return text.translate(_LIGATURES)
