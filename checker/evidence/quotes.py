"""Quotations: a sentence quoted as evidence, and the check that a quotation occurs word for
word in a document's extracted text."""

from __future__ import annotations

import re
from array import array
from dataclasses import asdict, dataclass
from functools import lru_cache

from checker.documents.model import LineMark

MAX_QUOTATIONS = 3  # of one kind (an invariant's own words, a statement) per suggestion


@dataclass(frozen=True)
class Quotation:
    text: str
    start: int
    end: int
    page: int | None
    section: str
    # element id, "cue" when found by the invariant's own cues, "detail:<id>" for a detail,
    # "absence" or "not_yet" for a statement that it is not done, or not yet, "secondary" for a
    # sentence quoted after the evidence (the invariant's ``evidence.secondary``)
    element: str
    # The line number of its first line, in a PDF whose lines are numbered in the margin
    # (:attr:`checker.documents.Sentence.line`); None anywhere else.
    line: LineMark | None = None

    def to_dict(self) -> dict:
        """Its fields, the line written as a reviewer cites it ("212", "210–214"), and only
        where the document numbers its lines: any other document's quotations read as before
        (JSON of ``npis-check analyse``, of a comparison of drafts)."""
        found = asdict(self)
        if self.line is None:
            del found["line"]
        else:
            found["line"] = str(self.line)
        return found


def locate_quotation(
    doc_text: str, quote: str, *, tolerant_whitespace: bool = False
) -> tuple[int, int] | None:
    """Character span of the first verbatim occurrence of ``quote`` in ``doc_text``, or None.

    ``tolerant_whitespace`` accepts differences in spacing and line breaks, in hyphens inside
    words (a word split at a PDF line end, "ser-\nveur", matches "serveur") and in the form of
    apostrophes and quotation marks (a word processor writes "l’échelle" where a keyboard
    types "l'échelle"), and in the " | " between a table's cells (the text reads a row's
    cells so, a PDF viewer copies them a space apart and Word a tab), and in Markdown's
    emphasis marks and backticks: useful for a quotation a person re-typed or pasted from a
    PDF viewer, or taken from another version (or from the same document read before its
    rows' cells were set apart, or before a Markdown text was read without its marks). The
    letters must still match exactly.
    """
    if not quote or not quote.strip():
        return None
    at = doc_text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    if not tolerant_whitespace:
        return None
    text, offsets = _normalised(doc_text)
    wanted = _normalised(quote)[0]
    at = text.find(wanted) if wanted else -1
    if at < 0:
        return None
    return offsets[at], offsets[at + len(wanted) - 1] + 1


_HYPHENS = "-\u2010\u2011\u00ad"
# A hyphen between two word characters, with any spacing (a line end) after it, is dropped:
# "Sud-Est", "Sud-\nEst" and "ser\u2010\nveur" read "SudEst" and "serveur", so a word split at
# a PDF line end matches the word spelt whole, or with its own hyphen, in another version or in
# a typed quotation. Spacing after a slash between two words is dropped too: "and/\nor" at a
# PDF line end, a quotation's "and/or" and one stored as "and/ or" read alike. Any other run
# of spacing reads as one space, with the bar between a table's cells it holds ("Who provided
# | Three …" reads as "Who provided Three …").
# Markdown's emphasis marks and backticks are dropped as well: a Markdown document's text no
# longer holds them (checker/documents/markdown_inline.py), while a quotation taken from it
# before, or typed from its source, still does (« **Méthode.** Étude … »); an underscore only
# at a word's edge ("__Financement__"), not inside one ("NCT_01").
_GAPS = re.compile(rf"(?P<hyphen>(?<=\w)[{_HYPHENS}]\s*(?=\w))|(?P<slash>(?<=\w/)\s+(?=\w))"
                   r"|(?P<mark>[*`]+|(?<![^\W_])_+|_+(?![^\W_]))"
                   r"|(?P<space>\s+(?:\|(?=\s))?)")
# Typographic and typewriter apostrophes and double quotation marks read alike, one for one
# (so that offsets still map): which of them a text has depends on the software that wrote it.
_MARKS = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u201b": "'",
                        "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u201f": '"'})


@lru_cache(maxsize=4)  # the document page checks many quotations against one text
def _normalised(text: str) -> tuple[str, array]:
    """``text`` read as above, and for each character kept its offset in ``text`` (to give
    spans in the original; a compact array, as a long document's offsets are kept cached)."""
    kept: list[str] = []
    offsets = array("l")
    position = 0
    for gap in _GAPS.finditer(text):
        kept.extend(text[position:gap.start()])
        offsets.extend(range(position, gap.start()))
        if gap.group("space") is not None and kept and kept[-1] != " ":
            kept.append(" ")
            offsets.append(gap.start())
        position = gap.end()
    kept.extend(text[position:])
    offsets.extend(range(position, len(text)))
    if kept and kept[-1] == " ":
        kept.pop()
        offsets.pop()
    return "".join(kept).translate(_MARKS), offsets


def verify_quotation(doc_text: str, quote: str, *, tolerant_whitespace: bool = False) -> bool:
    """True when ``quote`` occurs verbatim in ``doc_text`` (see :func:`locate_quotation`)."""
    return locate_quotation(doc_text, quote, tolerant_whitespace=tolerant_whitespace) is not None
