"""A published paper's journal, DOI and year, read from its first page, to propose them in a
dossier's publication details (a person checks them and sends the form; nothing is saved
otherwise).

Each detail has one rule, and is left empty unless it is met (the cues are data,
``publication_cues.yaml``):

- **DOI**: the DOI on the first page (a PDF's first page and its running heads; the front
  matter of a document without pages, up to its first section after the abstract), before any
  reference list there; its prefixes ("doi:", "https://doi.org/") and the sentence's
  punctuation left out, a DOI wrapped over two lines of a PDF joined. Several different DOIs
  there: none is proposed (:attr:`PublicationDetails.several_dois` names them). None there:
  the file's metadata (``prism:doi``, a Subject holding a DOI).
- **Year**: the year of the journal's citation line ("BMJ Open 2024;14:e081234"), else the
  one year of the line that holds the DOI, else the date "Published: 12 March 2024" (« Publié
  le … »), else the copyright line ("© The Author(s) 2025"), else the metadata's cover or
  publication date. A rule that finds two different years gives way to the next; a year
  after next year is no publication's.
- **Journal**: the name before the year of the citation line (the first page's, else a running
  head's: "Smith et al. Trials (2024) 25:101"), else a line of the first page above the title,
  or a running head, that is wholly a journal's name (``journal_names.yaml``), else the
  metadata's ``prism:publicationName``; else nothing rather than a guess. A one-word name
  must be a known journal's ("Trials"), since a sentence's last word before a year is not.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path

from checker.documents import Document
from checker.documents.abstract import is_abstract_title
from checker.documents.masthead import is_journal_name
from checker.yaml_files import load_yaml

CUES_PATH = Path(__file__).with_name("publication_cues.yaml")
MAX_FRONT_CHARS = 8000  # of a document without pages, where its front matter may end
MAX_JOURNAL_WORDS = 12
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_DOI_CHARS = re.compile(r"[^\s\"<>«»]+")
_SENTENCE_END = ".,;:'\"’”»"
_CLOSING = {")": "(", "]": "["}
_METADATA_DOI = ("prism:doi", "doi", "pdfx:doi", "crossmark:DOI", "dc:identifier",
                 "identifier", "subject", "keywords", "description")
_METADATA_DATES = ("prism:coverDate", "prism:publicationDate", "prism:coverDisplayDate")


@dataclass(frozen=True)
class PublicationCues:
    doi: re.Pattern[str]
    citation: re.Pattern[str]
    not_journal: re.Pattern[str]
    published: re.Pattern[str]
    copyright: re.Pattern[str]
    references_heading: re.Pattern[str]


@lru_cache(maxsize=1)
def get_publication_cues() -> PublicationCues:
    with CUES_PATH.open(encoding="utf-8") as handle:
        data = load_yaml(handle)
    return PublicationCues(
        doi=re.compile(data["doi"]),
        citation=re.compile(data["citation"], re.MULTILINE),
        not_journal=re.compile(data["not_journal"]),
        published=re.compile(data["published"]),
        copyright=re.compile(data["copyright"]),
        references_heading=re.compile(data["references_heading"]),
    )


@dataclass(frozen=True)
class PublicationDetails:
    """What the document states clearly; "" (or None) where it is not clear."""

    journal: str = ""
    doi: str = ""
    year: int | None = None
    # Different DOIs on the first page, none of which is proposed.
    several_dois: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        return bool(self.journal or self.doi or self.year)


def read_publication(document: Document, metadata: Mapping[str, str] | None = None, *,
                     today: date | None = None) -> PublicationDetails:
    """The journal, DOI and year ``document`` states on its first page, else in its file's
    ``metadata`` (:func:`checker.documents.metadata.document_metadata`); see the module's
    description for each rule."""
    cues = get_publication_cues()
    metadata = metadata or {}
    latest = (today or date.today()).year + 1
    front = front_text(document)
    heads = "\n".join(document.running_heads)
    found = _distinct(dois_in(front) + dois_in(heads))
    if not found:
        found = _distinct([doi for key in _METADATA_DOI for doi in dois_in(metadata.get(key, ""))])
    doi = found[0] if len(found) == 1 else ""
    citations = [*_citations(front, latest), *_citations(heads, latest)]
    year = (_one({year for _, year in citations})
            or (_one(_years(_doi_line(front, doi), latest)) if doi else None)
            or _one(_matched_years(cues.published, front, latest))
            or _one(_matched_years(cues.copyright, front, latest))
            or _one({year for key in _METADATA_DATES
                     for year in _years(metadata.get(key, ""), latest)}))
    return PublicationDetails(journal=_journal(document, front, heads, citations, metadata),
                              doi=doi, year=year,
                              several_dois=tuple(found) if len(found) > 1 else ())


def front_text(document: Document) -> str:
    """Where a paper states its own publication: a PDF's first page; else the text before the
    first section after the title and abstract (at most ``MAX_FRONT_CHARS``); either way
    before a reference list that starts there."""
    if document.pages:
        page = document.pages[0]
        text = document.text[page.start:page.end]
    else:
        end = next((s.start for s in document.sections
                    if s.start != document.title_at and s.start > 0
                    and not is_abstract_title(s.title)), len(document.text))
        text = document.text[:min(end, MAX_FRONT_CHARS)]
    references = get_publication_cues().references_heading.search(text)
    return text[:references.start()] if references else text


def dois_in(text: str) -> list[str]:
    """The DOIs of ``text`` as written, in order, without their prefix ("doi:",
    "https://doi.org/") nor the sentence's punctuation after them; a DOI wrapped over two
    lines (a PDF's column) is joined."""
    dois = []
    for match in get_publication_cues().doi.finditer(text):
        doi, end = match.group(), match.end()
        while text.startswith("\n", end):
            token = _DOI_CHARS.match(text, end + 1)
            if token is None or not _wraps_into(doi, token.group()):
                break
            doi, end = doi + token.group(), token.end()
        doi = _without_punctuation(doi)
        if re.search(r"/.*[0-9A-Za-z]", doi):
            dois.append(doi)
    return dois


def _wraps_into(doi: str, token: str) -> bool:
    """Whether a DOI that ends its line goes on with the next line's first ``token``: after a
    slash, hyphen or underscore (no DOI ends there); after a full stop, with digits or a lower
    case word ("cre." / "2025.0702"; a sentence after a DOI starts with a capital); else with
    digits alone ("02692155" / "241234567")."""
    if doi.endswith(("/", "-", "_")):
        return True
    if doi.endswith("."):
        return bool(re.match(r"[0-9a-z]", token)) and any(ch.isdigit() for ch in token)
    return re.fullmatch(r"\d[\d.\-/]*[.,;]?", token) is not None


def _without_punctuation(doi: str) -> str:
    """``doi`` without the punctuation of its sentence after it: a full stop, a comma, a
    quote, or a closing bracket that opens nowhere in it ("(doi:10.1/abc)"); a DOI's own
    brackets stay ("10.1016/S0140-6736(20)30183-5")."""
    while doi:
        last = doi[-1]
        if last in _SENTENCE_END or last in _CLOSING and doi.count(last) > doi.count(
                _CLOSING[last]):
            doi = doi[:-1]
        else:
            break
    return doi


def _distinct(dois: list[str]) -> list[str]:
    # A DOI is the same whatever its capitals.
    return list({doi.casefold(): doi for doi in reversed(dois)}.values())[::-1]


def _one(years: set[int]) -> int | None:
    return next(iter(years)) if len(years) == 1 else None


def _years(text: str, latest: int) -> set[int]:
    return {int(y) for y in _YEAR.findall(text) if int(y) <= latest}


def _matched_years(pattern: re.Pattern[str], text: str, latest: int) -> set[int]:
    return {int(m.group("year")) for m in pattern.finditer(text) if int(m.group("year")) <= latest}


def _doi_line(text: str, doi: str) -> str:
    """The line of ``text`` that holds ``doi``, without the DOI (whose digits may read as a
    year: "10.5555/cre.2025.0702")."""
    at = text.casefold().find(doi.casefold()[:20])
    if at < 0:
        return ""
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    line = text[start:end if end >= 0 else len(text)]
    return re.sub(re.escape(doi[:20]) + r"\S*", " ", line, flags=re.IGNORECASE)


def _citations(text: str, latest: int) -> list[tuple[str, int]]:
    """(journal, year) of each citation line of ``text`` whose name reads as a journal's."""
    cues = get_publication_cues()
    found = []
    for match in cues.citation.finditer(text):
        journal = " ".join(match.group("journal").split()).rstrip(" ,")
        year = int(match.group("year") or match.group("year2"))
        if year <= latest and _reads_as_journal(journal):
            found.append((journal, year))
    return found


def _reads_as_journal(name: str) -> bool:
    """A journal's name before a citation's year: a few words, none of a label or an author
    list ("Published", "et al"); one word only if it is a known journal's ("Trials"), since
    a sentence's last word before "2024, 12 …" is none."""
    words = name.split()
    if not words or len(words) > MAX_JOURNAL_WORDS or get_publication_cues().not_journal.search(
            name):
        return False
    return len(words) > 1 or is_journal_name(name)


def _journal(document: Document, front: str, heads: str, citations: list[tuple[str, int]],
             metadata: Mapping[str, str]) -> str:
    front_names = _distinct([journal for journal, _ in _citations(front, 9999)])
    if len(front_names) == 1:
        return front_names[0]
    head_names = _distinct([journal for journal, _ in _citations(heads, 9999)])
    if not front_names and len(head_names) == 1:
        return head_names[0]
    if front_names or head_names:
        return ""  # two names: no guess
    above_title = front[:document.title_at] if document.title_at is not None else ""
    named = _distinct([" ".join(line.split()) for line in [*above_title.split("\n"),
                                                             *document.running_heads]
                       if line.strip() and is_journal_name(line)])
    if len(named) == 1:
        return named[0]
    if not named:
        return " ".join(metadata.get("prism:publicationName", "").split())
    return ""
