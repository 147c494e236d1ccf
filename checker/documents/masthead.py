"""A PDF paper's masthead: the journal's name at the head of its first page, which is no title.

A journal sets its name in large type in a band at the head of an article's first page ("BMJ
Open", "Trials", « Kinésithérapie, la Revue »), above the title; set larger than the body text,
the line reads as a heading, and set larger than the title, as the document's title (a long
name: "International Journal of Environmental Research and Public Health") or as a section
holding the title and everything after it. A first-page heading is the journal's name when
(:func:`masthead_headings`):

- it is a journal's name of ``journal_names.yaml``;
- the later pages repeat it in their running heads ("Trials" in "Smith et al. Trials (2024)
  25:101"), and a heading under it reads as the title, or it is short and stands above a
  heading the running heads do not repeat (a title, short or long, may be the running head
  too, but stands under the journal's name);
- it is short (no title) and stands above a heading that reads as the title in the page's
  header band: nothing but short lines above that title (the journal's name, its reference,
  "STUDY PROTOCOL", "Open Access"), no running text.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from ..yaml_files import load_yaml
from .structure import could_be_title, front_headings

JOURNAL_NAMES_PATH = Path(__file__).with_name("journal_names.yaml")
# A line of a header band: a journal's name, its reference ("Smith et al. Trials (2024)
# 25:101"), a DOI, a date of receipt, "STUDY PROTOCOL"; running text has longer lines.
MAX_BAND_LINE_WORDS = 12
_DIGITS = re.compile(r"\d+")


@cache
def journal_names() -> tuple[re.Pattern[str], ...]:
    """The journals' names of ``journal_names.yaml``: its ``names`` whatever their capitals,
    its ``forms`` with their capitals."""
    with JOURNAL_NAMES_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    return (tuple(re.compile(name, re.IGNORECASE) for name in data["names"])
            + tuple(re.compile(form) for form in data["forms"]))


def is_journal_name(line: str) -> bool:
    """Whether ``line`` is wholly a journal's name of the list ("BMJ Open")."""
    line = " ".join(line.split())
    return any(name.fullmatch(line) for name in journal_names())


def masthead_headings(headings: list[tuple[int, int, str]], text: str, first_page_end: int,
                      running_heads: list[str]) -> set[int]:
    """Offsets of the ``headings`` (offset, level, title) that are the journal's name at the
    head of a PDF's first page (see the module's description), among those of the first page
    (its text ending at ``first_page_end``) before its first section ("Abstract", "1. …").
    ``running_heads``: the running heads left out of the later pages."""
    front = front_headings(headings, first_page_end)
    running = [_shape(line) for line in running_heads]
    repeated = [any(_within(_shape(title), head) for head in running) for _, _, title in front]
    masthead = set()
    for index, (start, _, title) in enumerate(front):
        below = front[index + 1:]
        titled_after = any(could_be_title(later) and not is_journal_name(later)
                           for _, _, later in below)
        # A short title may be the running head too: the journal's name is above a heading.
        above_other = any(not again for again in repeated[index + 1:])
        if (is_journal_name(title)
                or repeated[index] and (titled_after
                                        or not could_be_title(title) and above_other)
                or not could_be_title(title) and _above_title(below, text)):
            masthead.add(start)
    return masthead


def _above_title(below: list[tuple[int, int, str]], text: str) -> bool:
    """Whether the first of the headings ``below`` a short heading that reads as a title
    comes after nothing but a header band's short lines: the short heading is in the band."""
    title_at = next((start for start, _, title in below
                     if could_be_title(title) and not is_journal_name(title)), None)
    if title_at is None:
        return False
    return all(len(line.split()) <= MAX_BAND_LINE_WORDS for line in text[:title_at].split("\n"))


def _shape(line: str) -> str:
    """A line's words, in lower case, its numbers alike (a running head's page or year)."""
    return " ".join(_DIGITS.sub("#", line.casefold()).split())


def _within(line: str, head: str) -> bool:
    """Whether ``line`` is ``head`` or words of it ("trials" in "smith et al. trials (#)")."""
    return bool(line) and re.search(rf"(?<!\w){re.escape(line)}(?!\w)", head) is not None
