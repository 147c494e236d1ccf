"""Typographic ligatures written out as letters.

Journal PDFs often map the "fi", "fl", "ffi"... glyphs to single ligature characters
(U+FB00-FB06). Left in, "conﬁdential" or "signiﬁcant" would match no cue and no quotation
a person types; written out, the text reads as the page does.

Lists set with a symbol font's bullet (Word's and LibreOffice's default, in Symbol or
Wingdings) keep that font's private code points in a PDF's text (U+F0B7 for "•"): shown in a
quotation they are empty boxes, and no list mark. They are read as the bullets they draw.
"""

from __future__ import annotations

_LIGATURES = str.maketrans({
    "\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl",
    "\ufb05": "st", "\ufb06": "st",
    # Symbol's bullet and minus; Wingdings' square, arrowhead, diamond and tick
    "\uf0b7": "•", "\uf02d": "-", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖",
    "\uf0fc": "✓", "\uf06e": "■",
})


def expand_ligatures(text: str) -> str:
    return text.translate(_LIGATURES)
