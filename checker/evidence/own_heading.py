"""Sentences under a heading in an invariant's own words.

A results report puts its harms under « Événements indésirables » and writes « Trois
personnes ont signalé une anxiété passagère… » without repeating the heading's words (a
walkthrough's French cohort report, where E08 and OBS11 read "not reported"). When nothing
else evidences the invariant, the sentences whose own section's heading is one of its cues
(``evidence.cues``), the whole heading save its number and final colon ("7.2 Adverse
events", "Effets indésirables :"), are quoted as in its own words. Only then: a heading
naming the matter says less than a sentence that reports it, so it never moves a quotation
the invariant already has.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.documents import Document
from checker.documents.tables import is_caption_label, without_label

from .quotes import MAX_QUOTATIONS, Quotation, verify_quotation

# A heading's number ("7.", "3.2", "IV.", "A)") and its final colon or stop.
_NUMBER = re.compile(r"^\s*(?:(?:\d+|[IVXivx]+|[A-Za-z])[.)]?)(?:\.?\d+)*[.)]?\s+")
_END = re.compile(r"\s*[:.]\s*$")


def _bare(heading: str) -> str:
    """A heading as compared with the cues: no number nor final colon, case folded, a
    typeset apostrophe typed, single spaces."""
    heading = _END.sub("", _NUMBER.sub("", heading))
    return " ".join(heading.replace("’", "'").split()).casefold()


def under_own_heading(document: Document, cues: Sequence[str], order: list[int],
                      skip: frozenset[int], min_words: int) -> list[Quotation]:
    """The first sentences (by ``order`` per sentence, lower first) whose own section's
    heading is one of ``cues``, with at least ``min_words`` words; not a heading, a caption's
    label or a table's header row, nor the sentences at positions ``skip``."""
    names = {_bare(cue) for cue in cues}
    named: dict[str, bool] = {}  # a document has far fewer headings than sentences
    found: list[Quotation] = []
    for position in sorted(range(len(document.sentences)), key=lambda p: order[p]):
        sentence = document.sentences[position]
        if sentence.section not in named:
            named[sentence.section] = _bare(sentence.section) in names
        if not named[sentence.section] or position in skip \
                or document.is_heading(sentence) or document.is_table_header(sentence):
            continue
        text = document.sentence_text(sentence)
        if len(without_label(text).split()) < min_words or is_caption_label(text) \
                or not verify_quotation(document.text, text):
            continue
        found.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                               sentence.section, "cue"))
        if len(found) >= MAX_QUOTATIONS:
            break
    return found
