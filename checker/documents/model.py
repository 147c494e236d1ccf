"""The extracted text of a document and its structure (pages, sections, sentences).

Every span is a pair of character offsets into ``Document.text``, so any quotation taken from a
span is, by construction, verbatim.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import cached_property

from .language import LanguageGuess, guess_language

# A hyphen between two words, with the line break a heading was wrapped at after it, and a
# line break after a slash: a heading's sentence keeps them ("falls-\nprevention",
# "randomi-\nsation", "and/\nor"), its section's title reads them as written
# ("falls-prevention", "randomisation", "and/or"); both are compared without them.
_WRAPPED = re.compile(r"(?<=\w)[-\u2010\u2011\u00ad]\s*(?=\w)|(?<=\w/)\s+(?=\w)")


def _bare(text: str) -> str:
    """Heading text without Markdown marks (a "#", bold "**"), a trailing colon or full stop
    (a run-in label: "Funding."), or case, its words one space apart: a PDF heading wrapped
    over two lines is one sentence holding a line break, while its section's title joins the
    lines with a space."""
    text = text.strip().lstrip("#").strip().strip("*_").strip().rstrip(":.").strip()
    return " ".join(_WRAPPED.sub("", text).split()).casefold()


@dataclass(frozen=True)
class LineMark:
    """The line number of a line of a page with line numbers: ``first`` alone when it is
    known (printed beside it, or counted from the number above), else the line is one of
    ``first`` to ``last`` (every fifth line numbered, and the lines between the numbers could
    not be counted: a blank line, a heading's space above it)."""

    first: int
    last: int | None = None

    def __str__(self) -> str:
        # An en dash, as a reviewer writes a span of lines ("l. 210–214").
        return str(self.first) if self.last is None else f"{self.first}\u2013{self.last}"


@dataclass(frozen=True)
class Page:
    number: int  # 1-based
    start: int
    end: int


@dataclass(frozen=True)
class Section:
    title: str
    level: int  # 1 = top level
    start: int  # offset of the heading
    end: int  # offset where the next heading of the same or higher level starts


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    page: int | None  # 1-based page number, None when the format has no pages
    # title of the innermost section holding it, "" for the document's title and before the
    # first heading (the title page)
    section: str
    # The line number of its first line in the page's margin, in a PDF whose lines are
    # numbered (a manuscript sent to reviewers); None anywhere else.
    line: LineMark | None = None


@dataclass
class Document:
    text: str
    filename: str
    format: str  # "pdf" | "docx" | "odt" | "txt" | "md"
    language: str  # "en" | "fr" (best guess from function words)
    pages: list[Page] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    sentences: list[Sentence] = field(default_factory=list)
    # Spans (start, end) of the header rows of the document's tables, where the format or the
    # layout tells them ("Variable Intervention (n = 52) Control (n = 50)"): they name the
    # columns and say nothing by themselves.
    table_headers: list[tuple[int, int]] = field(default_factory=list)
    # Offset of the document's own title, where the reader tells it (a DOCX's Title style, a
    # PDF's largest heading on its first page, a text's first heading): a journal's name or an
    # article type (« Article original ») may come first.
    title_at: int | None = None
    # A PDF's running heads and feet left out of its pages' text ("Smith et al. Trials (2024)
    # 25:101"), each once, in the order of the pages: they may give the journal and year
    # (:mod:`checker.evidence.publication_details`), and are read nowhere else.
    running_heads: tuple[str, ...] = ()
    # In a PDF whose lines are numbered in the margin, the offset where each line of its text
    # starts, in order, and its line number (None where the page has none): see
    # :meth:`line_at`. Empty for any other document.
    line_marks: tuple[tuple[int, LineMark | None], ...] = ()

    def sentence_text(self, sentence: Sentence) -> str:
        return self.text[sentence.start : sentence.end]

    @cached_property
    def _heading_titles(self) -> frozenset[str]:
        return frozenset(_bare(section.title) for section in self.sections)

    def is_heading(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` is a section heading rather than running text.

        A heading names a topic ("Randomisation") but reports nothing: it is no evidence.
        """
        return _bare(self.sentence_text(sentence)) in self._heading_titles

    def is_table_header(self, sentence: Sentence) -> bool:
        """Whether ``sentence`` is (part of) a table's header row: never a quotation, as a
        caption's bare label is not."""
        return any(start <= sentence.start < end for start, end in self.table_headers)

    def text_under(self, index: int) -> int | None:
        """Index of the first running-text sentence of the section that heading sentence
        ``index`` opens; None when a subsection heading, an aside wholly in brackets (a
        supplementary file's "(DOCX)") or nothing comes first."""
        heading = _bare(self.sentence_text(self.sentences[index]))
        if index + 1 >= len(self.sentences):
            return None
        following = self.sentences[index + 1]
        if self.is_heading(following) or _bare(following.section) != heading:
            return None
        if re.fullmatch(r"\s*[(\[][^()\[\]]*[)\]]\W*", self.sentence_text(following)):
            return None
        return index + 1

    def page_at(self, offset: int) -> int | None:
        """1-based page holding ``offset``; None for formats without pages."""
        if not self.pages:
            return None
        starts = [p.start for p in self.pages]
        index = max(0, bisect_right(starts, offset) - 1)
        return self.pages[index].number

    def line_at(self, offset: int) -> LineMark | None:
        """The line number of the line holding ``offset`` (:attr:`line_marks`), or None."""
        if not self.line_marks:
            return None
        index = bisect_right(self._line_starts, offset) - 1
        return self.line_marks[index][1] if index >= 0 else None

    @cached_property
    def _line_starts(self) -> list[int]:
        return [start for start, _ in self.line_marks]

    def sections_at(self, offset: int) -> list[str]:
        """Titles of every section holding ``offset``, outermost first ("Discussion",
        "Strengths and weaknesses")."""
        holding = [s for s in self.sections if s.start <= offset < s.end]
        return [s.title for s in sorted(holding, key=lambda s: (s.level, s.start))]

    @cached_property
    def sentence_sections(self) -> list[list[str]]:
        """:meth:`sections_at` of every sentence, computed once per document (detection and
        each study type's suggestions read it)."""
        return [self.sections_at(sentence.start) for sentence in self.sentences]

    @cached_property
    def title_position(self) -> int:
        """Position of the sentence the title opens: the first one at or after
        :attr:`title_at`, else the first sentence (where no title is told, or none follows)."""
        if self.title_at is None:
            return 0
        return next((i for i, sentence in enumerate(self.sentences)
                     if sentence.start >= self.title_at), 0)

    @cached_property
    def language_guess(self) -> LanguageGuess:
        """The language the text is written in, with how clearly (see :mod:`.language`)."""
        return guess_language(self.text)

    @cached_property
    def heading_indices(self) -> list[int]:
        """Per sentence, the index of the heading sentence that opens its own section ("Sample
        size" for the sentences under it), or -1 (a heading itself, or text before any)."""
        indices: list[int] = []
        latest: dict[str, int] = {}  # bare heading text -> index of its latest heading sentence
        for index, sentence in enumerate(self.sentences):
            if self.is_heading(sentence):
                latest[_bare(self.sentence_text(sentence))] = index
                indices.append(-1)
            else:
                indices.append(latest.get(_bare(sentence.section), -1))
        return indices

    def section_at(self, offset: int) -> str:
        """Title of the innermost section whose heading precedes ``offset``. Not the
        document's title (at :attr:`title_at`): it names the document, no part of it, and a
        place named by the title itself sends a reader nowhere; the title is on the title
        page, as the lines under it are, in no section."""
        best: Section | None = None
        for section in self.sections:
            inside = section.start <= offset < section.end and section.start != self.title_at
            if inside and (best is None or section.level >= best.level):
                best = section
        return best.title if best else ""
