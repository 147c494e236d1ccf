"""Where an invariant's evidence is usually found: the section headings its catalogue entry
names (``evidence.sections``, per language), so that among sentences of equal place its
quotations come first from those sections (see suggest.py).

A sentence is inside such a section when its own section's heading (the innermost one)
holds one of the names of the document's language as whole words, regardless of case:
"Consent" matches "Consent", "8.3 Informed consent" and "Consent to participate", not
"Consenting"; "Ethics" matches "Ethics and dissemination". Accents count as written
("Ethique" is not "Éthique"); a typeset apostrophe (’) reads as a typed one ('). An
enclosing heading does not count: the names include broad ones ("Methods", "Outcomes",
"Participants"), and under them the subsection says what a sentence is about ("Methods >
Secondary outcome measurements" is not where a primary outcome is defined). Judged blind on
the train split's changed first quotations, counting enclosing headings made the new
quotation better in 9 cases and the old one in 6 (English), 9 and 5 (French); the own
heading alone, 11 and 2, 8 and 3.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from checker.documents import Document


def _plain(text: str) -> str:
    """Text compared case-insensitively, with a typed apostrophe and single spaces."""
    return " ".join(text.replace("’", "'").split()).casefold()


def heading_pattern(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``names`` as whole words in a heading read by ``_plain``;
    None when there are no names."""
    names = [_plain(name) for name in names if name.strip()]
    if not names:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))


def heading_matches(title: str, pattern: re.Pattern[str] | None) -> bool:
    """Whether the section heading ``title`` names one of the pattern's sections."""
    if pattern is None:
        return False
    return pattern.search(_plain(title)) is not None


def in_usual_sections(document: Document, names: Sequence[str]) -> frozenset[int]:
    """The positions of ``document``'s sentences whose own section's heading is named by
    ``names``."""
    pattern = heading_pattern(names)
    if pattern is None:
        return frozenset()
    matching: dict[str, bool] = {}  # a document has far fewer headings than sentences
    positions = []
    for position, sentence in enumerate(document.sentences):
        title = sentence.section
        if title not in matching:
            matching[title] = heading_matches(title, pattern)
        if matching[title]:
            positions.append(position)
    return frozenset(positions)
