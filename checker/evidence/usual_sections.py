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

Some headings name a matter of their own in words that include a section's name: "Consent
for publication" is not where consent to take part is sought, "Availability of data and
materials" not where an intervention's materials are described, "Dissemination of results"
not where results are reported (the catalogue's ``headings_of_their_own``, per language). A
name found only inside such a heading does not count, unless the invariant's names hold that
heading themselves (E04 names "Availability of data and materials"): the heading's words are
read with those headings left out, so "Ethics approval, consent to participate and consent
for publication" is still E02's section.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from checker.documents import Document


def _plain(text: str) -> str:
    """Text compared case-insensitively, with a typed apostrophe and single spaces."""
    return " ".join(text.replace("’", "'").split()).casefold()


def _whole_words(names: Sequence[str]) -> re.Pattern[str] | None:
    """A pattern finding any of ``names`` (read by ``_plain``) as whole words; None when there
    are no names."""
    names = [_plain(name) for name in names if name.strip()]
    if not names:
        return None
    return re.compile("|".join(rf"(?<!\w){re.escape(name)}(?!\w)" for name in names))


@dataclass(frozen=True)
class SectionNames:
    """An invariant's usual sections in one language: its names, and the headings of their
    own that none of its names holds (their words do not count)."""

    names: re.Pattern[str]
    others: re.Pattern[str] | None


def heading_pattern(names: Sequence[str],
                    of_their_own: Sequence[str] = ()) -> SectionNames | None:
    """What finds any of ``names`` as whole words in a heading, leaving out the headings
    ``of_their_own`` that are not the invariant's (none of ``names`` holds them); None when
    there are no names."""
    pattern = _whole_words(names)
    if pattern is None:
        return None
    plain_names = [_plain(name) for name in names]
    others = [heading for heading in of_their_own
              if not any(_whole_words([heading]).search(name) for name in plain_names)]
    return SectionNames(pattern, _whole_words(others))


def heading_matches(title: str, pattern: SectionNames | None) -> bool:
    """Whether the section heading ``title`` names one of the pattern's sections."""
    if pattern is None:
        return False
    plain = _plain(title)
    if pattern.others is not None:
        plain = pattern.others.sub(" / ", plain)
    return pattern.names.search(plain) is not None


def in_usual_sections(document: Document, names: Sequence[str],
                      of_their_own: Sequence[str] = ()) -> frozenset[int]:
    """The positions of ``document``'s sentences whose own section's heading is named by
    ``names`` (not only inside one of the headings ``of_their_own``)."""
    pattern = heading_pattern(names, of_their_own)
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
