"""Where an invariant's evidence is usually found: the section headings its catalogue entry
names (``evidence.sections``, per language), so that among sentences of equal place its
quotations come first from those sections (see suggest.py).

A heading matches a name when, regardless of case, it holds the name as whole words:
"Consent" matches "Consent", "8.3 Informed consent" and "Consent to participate", not
"Consenting"; "Ethics" matches "Ethics and dissemination".
Accents count as written ("Ethique" is not "Éthique"); a typeset apostrophe (’) reads as a
typed one ('). A sentence is inside such a section when its own section's heading or any
enclosing one matches ("Ethics and dissemination > Consent").
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
    """The positions of ``document``'s sentences inside a section named by ``names``
    (the sentence's own section or any enclosing one)."""
    pattern = heading_pattern(names)
    if pattern is None:
        return frozenset()
    matching: dict[str, bool] = {}  # a document has far fewer headings than sentences
    positions = []
    for position, titles in enumerate(document.sentence_sections):
        for title in titles:
            if title not in matching:
                matching[title] = heading_matches(title, pattern)
            if matching[title]:
                positions.append(position)
                break
    return frozenset(positions)
