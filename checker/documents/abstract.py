"""The abstract as a reader finds it: under its heading ("Abstract", "Summary", « Résumé »),
under the same name as a bold run-in label ("**Abstract.** …"), or, with no heading, as the
block of lines that open on its parts' run-in labels right after the title and the authors
("Background: … Methods: … Results: … Conclusions: …", « Contexte : … Méthodes : … »).

Inside an abstract, a run-in back-matter label (a Lancet summary's "Funding: National
Institute …") is one of its parts: it starts no back-matter section, and the abstract goes on
to the first heading of the body. The names and labels are data (``headings.yaml``).
"""

from __future__ import annotations

import re

from .headings import abstract_labels, abstract_names, labels_of, name_key
from .model import Section
from .structure import is_known_heading

# A run-in label at a line's start, its text going on after its colon or full stop on the same
# line ("Background: Physical …", « Méthodes : Nous … », "**Results.** Of 612 …"); bold marks
# are left out before matching.
_LABEL = re.compile(r"[ \t]*([^\W\d_][\w'’ \t/-]{1,40}?)[ \t\u00a0\u202f]*[.:][ \t\u00a0]+\S")
_MARKS = re.compile(r"\*\*|__")
_NUMBERING = re.compile(r"^\W*(?:\d{1,2}(?:\.\d{1,2})*\.?\s+)?")
# Where no page tells the first page (DOCX, ODT, Markdown, a TXT in one piece): the abstract's
# first label stands within this many characters of the text's start (title, authors and
# their affiliations come first).
FRONT_CHARS = 6000
# Paragraphs (a keywords line, a registration, a copyright line) that may stand between the
# last labelled part and the body's first heading and still belong to the abstract.
TRAILING_PARAGRAPHS = 2
MIN_LABELS = 2  # different labels: one labelled paragraph is no structured abstract


def is_abstract_title(title: str) -> bool:
    """A heading naming the abstract ("Abstract", "SUMMARY", « Résumé : »)."""
    return name_key(_NUMBERING.sub("", title).rstrip(":.").strip()) in abstract_names()


def abstract_label(line: str) -> str | None:
    """The name of the abstract's run-in label that starts ``line``, in lower case, or None."""
    match = _LABEL.match(_MARKS.sub("", line[:80]))
    if match is None:
        return None
    key = name_key(match.group(1))
    return key if key in abstract_labels() else None


def unheaded_abstract(text: str, headings: list[tuple[int, int, str]], *,
                      title_at: int | None, front_end: int | None,
                      language: str) -> Section | None:
    """The abstract set with no heading of its own: lines opening on two different labels of
    an abstract's parts or more, before the body's first section and on the first page
    (``front_end``: where its text ends, None without pages), the document having no
    abstract heading. It runs from its first label to the body's first heading, when no more
    than ``TRAILING_PARAGRAPHS`` paragraphs stand between its last labelled part and that
    heading, else to the end of its last labelled paragraph. Named "Abstract" or « Résumé »
    as its labels are English or French (``language``, the document's, when they are both)."""
    if any(is_abstract_title(title) for _, _, title in headings):
        return None
    limit = min(len(text), front_end if front_end is not None else FRONT_CHARS)
    body = [offset for offset, _, title in headings
            if offset != title_at and _opens_body(title)]
    if body:
        limit = min(limit, body[0])
    found: list[tuple[int, str]] = []
    offset = 0
    for line in text[:limit].split("\n"):
        key = abstract_label(line)
        if key is not None:
            found.append((offset + len(line) - len(line.lstrip()), key))
        offset += len(line) + 1
    if len({key for _, key in found}) < MIN_LABELS:
        return None
    start, last = found[0][0], found[-1][0]
    if any(start < offset <= last for offset, _, _ in headings):
        return None  # a heading between its parts: sections, not one abstract's parts
    end = _paragraph_end(text, last)
    following = [offset for offset, _, _ in headings if offset > last]
    if following and text[end:following[0]].strip().count("\n\n") < TRAILING_PARAGRAPHS:
        end = following[0]
    level = min((lvl for offset, lvl, _ in headings if offset != title_at), default=1)
    return Section(_name({key for _, key in found}, language), level, start, end)


def run_in_abstract(run_in: list[tuple[int, str]], headings: list[tuple[int, int, str]], *,
                    title_at: int | None, front_end: int | None) -> list[tuple[int, str]]:
    """The abstract set under a bold run-in label of its name (``run_in``: offset, name of
    each run-in label), "**Abstract.** **Background:** …" or « **Résumé.** … », as under its
    heading: the first such label, before the body's first heading and on the first page
    (``front_end`` as for :func:`unheaded_abstract`), the document having no abstract heading.
    A "Summary." label further on is no abstract's; it heads nothing."""
    if any(is_abstract_title(title) for _, _, title in headings):
        return []
    limit = front_end if front_end is not None else FRONT_CHARS
    body = [offset for offset, _, title in headings if offset != title_at and _opens_body(title)]
    if body:
        limit = min(limit, body[0])
    return [(offset, name) for offset, name in run_in
            if offset < limit and is_abstract_title(name)][:1]


def _opens_body(title: str) -> bool:
    """A heading of the body's sections: a usual section name or a numbered heading."""
    bare = _NUMBERING.sub("", title)
    return is_known_heading(bare) or bare != title


def _paragraph_end(text: str, at: int) -> int:
    """End of the paragraph holding offset ``at``: its text before the next blank line."""
    blank = text.find("\n\n", at)
    return len(text) if blank < 0 else len(text[:blank].rstrip())


def _name(keys: set[str], language: str) -> str:
    english, french = labels_of("en"), labels_of("fr")
    if keys <= english and not keys <= french:
        language = "en"
    elif keys <= french and not keys <= english:
        language = "fr"
    return "Résumé" if language == "fr" else "Abstract"


def in_abstract(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(start <= offset < end for start, end in spans)
