"""Where an answer's quotation is: a page and a section, or one of each per part.

A suggestion's quotation may join sentences from different places with "[…]" (a registration
sentence in the methods and another in the abstract). An answer has one page field and one
section field, so the location of each part is kept in both, in the order of the parts,
separated by "; " ("2; 1" and "2.1 Study design; Abstract"), and shown paired: "p. 2, 2.1
Study design; p. 1, Abstract". Giving only the first part's place would send a reader to the
wrong section for the others. Fields a person typed that do not pair part for part ("3" and
"Methods; Results") are shown as typed.

In a PDF whose lines are numbered in the margin (a manuscript sent to reviewers), the page
field holds each part's line too, as a reviewer cites it: "7, l. 212", shown "p. 7, l. 212"
(a span, "7, l. 210–214", where every fifth line is numbered and the line could not be
counted). The answer keeps one page field, so a stored answer of any other document reads as
before, and a person may type a line the same way.
"""

from __future__ import annotations

from collections.abc import Sequence

from exports.labels import labels

from ..documents.model import LineMark
from .answers import LIMITS

LOCATION_SEPARATOR = "; "
SECTION_LIMIT, PAGE_LIMIT = LIMITS["section"], LIMITS["page"]  # what an answer's fields hold


def joined_location(parts: Sequence[tuple[str, str]]) -> tuple[str, str]:
    """The page and section fields for quotation parts at ``parts`` ((page, section) each,
    "" where unknown): one place when they are all in one, else one per part, in order."""
    if not parts:
        return "", ""
    if len(set(parts)) == 1:
        page, section = parts[0]
        return page[:PAGE_LIMIT], section[:SECTION_LIMIT]
    separators = len(LOCATION_SEPARATOR) * (len(parts) - 1)
    # Each section shortened alike, so that the fields still pair part for part.
    room = (SECTION_LIMIT - separators) // len(parts)
    # A document without pages (Markdown, text): the sections alone.
    pages = (LOCATION_SEPARATOR.join(page for page, _ in parts)
             if any(page for page, _ in parts) else "")
    if len(pages) > PAGE_LIMIT:  # never with three quotations, but a field cannot overflow
        return parts[0][0][:PAGE_LIMIT], parts[0][1][:SECTION_LIMIT]
    return pages, LOCATION_SEPARATOR.join(_shortened(section, room) for _, section in parts)


def page_and_line(page: int | None, line: LineMark | None, lang: str) -> str:
    """A quotation's page field: "7", or "7, l. 212" (in ``lang``) beside numbered lines."""
    if page is None:
        return ""
    if line is None:
        return str(page)
    return f"{page}, {labels(lang)['line_short']} {line}"


def _shortened(section: str, limit: int) -> str:
    # A section name holds no ";" of its own here: it would split into two parts when read.
    section = " ".join(section.replace(";", ",").split())
    return section if len(section) <= limit else section[:limit - 1].rstrip() + "…"


def location_parts(page: str, section: str) -> list[tuple[str, str]]:
    """The (page, section) of each quotation part, as :func:`joined_location` stores them;
    fields that do not pair part for part are one place, as typed."""
    sections = section.split(";")
    pages = page.split(";") if page.strip() else [""] * len(sections)
    if len(pages) > 1 and len(pages) == len(sections):
        return [(p.strip(), s.strip()) for p, s in zip(pages, sections, strict=True)]
    return [(page.strip(), section.strip())] if page.strip() or section.strip() else []
