"""Document text: PDF, DOCX, ODT, TXT and Markdown to text with pages, sections and sentences.

Public API: :func:`extract_document`, :func:`extract_path`, :class:`Document` and the
:class:`DocumentError` family (every failure is one of them, with a bilingual message).
"""

from __future__ import annotations

import re
from pathlib import Path

from . import limits
from .abstract import in_abstract, is_abstract_title, run_in_abstract, unheaded_abstract
from .errors import (
    CorruptDocumentError,
    DocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    TooLongDocumentError,
    UnsupportedFormatError,
    too_little_text,
)
from .hyphenation import join_cut_words
from .language import detect_language
from .model import Document, Page, Section, Sentence
from .readers import FORMATS, read_raw
from .sentences import segment, wrap_width
from .structure import build_sections, find_headings, is_known_heading, title_heading

MIN_TEXT_CHARS = 20  # below this a PDF is taken as scanned (images only, no text layer)

__all__ = [
    "FORMATS",
    "CorruptDocumentError",
    "Document",
    "DocumentError",
    "EmptyDocumentError",
    "EncryptedDocumentError",
    "TooLongDocumentError",
    "Page",
    "Section",
    "Sentence",
    "UnsupportedFormatError",
    "extract_document",
    "extract_path",
]


def extract_document(data: bytes, filename: str) -> Document:
    """Extract text and structure from a document's bytes; raise a DocumentError otherwise."""
    raw = read_raw(data, filename)
    if len(raw.text) > limits.MAX_TEXT_CHARS:
        raise TooLongDocumentError(f"{len(raw.text)} characters")
    if sum(1 for ch in raw.text if ch.isalnum()) < MIN_TEXT_CHARS:
        if raw.format == "pdf":
            raise EmptyDocumentError("no text layer")
        raise too_little_text(MIN_TEXT_CHARS)
    # Headings and sentences both read the width a typed text is wrapped at.
    wrapped_at = wrap_width(raw.text) if raw.format == "txt" else None
    headings = raw.headings or find_headings(raw.text, raw.format, wrapped_at=wrapped_at,
                                             bold_lines=raw.bold_lines)
    if raw.format == "pdf" and raw.headings:
        # Typography finds headings of any name; the text rules add only the usual section
        # names set in body type (a "Methods" line, say). Their numbered-line rule is left out:
        # in narrow columns, wrapped lines such as "10 UK hospitals were included" match it.
        # A name in lower case ("intervention" alone on a line) is the end of a wrapped line.
        typographic = {offset for offset, _, _ in raw.headings}
        extra = [h for h in find_headings(raw.text, raw.format, wrapped_at=None)
                 if h[0] not in typographic and is_known_heading(h[2])
                 and not h[2][:1].islower()]
        headings = sorted(raw.headings + extra)
    heading_spans = {offset: _heading_end(raw.text, offset, title) for offset, _, title in headings}
    # A journal's name heading a PDF's first page stays a line of its own, but heads nothing.
    headings = [heading for heading in headings if heading[0] not in raw.masthead]
    title_at = raw.title_at
    if raw.format not in ("docx", "odt"):  # their readers tell it from the title style
        title_at = title_heading(headings, raw.text,
                                 raw.pages[0].end if raw.format == "pdf" and raw.pages else None)
    language = detect_language(raw.text)
    front_end = raw.pages[0].end if raw.pages else None
    run_ins = raw.run_in
    # The abstract: under its heading or its run-in label of that name ("**Abstract.** …"),
    # or its labelled parts with neither after the title.
    abstract_at = run_in_abstract(run_ins, headings, title_at=title_at, front_end=front_end)
    headed = _with_run_in_headings(headings, abstract_at, title_at)
    spans = {**heading_spans, **{at: at for at, _ in abstract_at}}
    unheaded = unheaded_abstract(raw.text, headed, title_at=title_at, front_end=front_end,
                                 language=language)
    abstracts = [(s.start, s.end) for s in build_sections(headed, len(raw.text), spans, title_at)
                 if s.start != title_at and is_abstract_title(s.title)]
    if unheaded is not None:
        abstracts.append((unheaded.start, unheaded.end))
    # A run-in back-matter label inside the abstract ("Funding: …" of a summary) is its part;
    # an abstract's name further on ("Summary.") heads nothing.
    run_in = [(at, name) for at, name in run_ins
              if not in_abstract(at, abstracts) and not is_abstract_title(name)]
    sections = build_sections(_with_run_in_headings(headed, run_in, title_at), len(raw.text),
                              {**spans, **{at: at for at, _ in run_in}}, title_at)
    if unheaded is not None:
        sections = sorted([*sections, unheaded], key=lambda s: (s.start, s.level))
    document = Document(
        text=raw.text,
        filename=filename,
        format=raw.format,
        language=language,
        pages=raw.pages,
        sections=sections,
        table_headers=raw.table_headers,
        title_at=title_at,
        running_heads=raw.running_heads,
        line_marks=raw.line_marks,
    )
    stated = frozenset(offset for offset, _, title in headings
                       if raw.text.startswith("#", offset) or is_known_heading(title)) | {
        offset for offset, _, _ in raw.headings}
    for start, end in segment(raw.text, raw.format, heading_spans, stated,
                              wrapped_at=wrapped_at):
        document.sentences.append(
            Sentence(start, end, document.page_at(start), document.section_at(start),
                     document.line_at(start))
        )
    # Text copied from a PDF viewer keeps the words cut at its lines' ends: once its lines
    # have told where its sentences end, its words are joined as the text was written.
    return join_cut_words(document) if raw.format == "txt" else document


def _with_run_in_headings(headings: list[tuple[int, int, str]], run_in: list[tuple[int, str]],
                          title_at: int | None) -> list[tuple[int, int, str]]:
    """``headings`` with the run-in labels of the back matter or the abstract (``run_in``:
    offset, name) as headings of the top level of the document's sections (the title's
    aside): "Funding" ends "5. Conclusion" and any part of it. They head sections only:
    their line is running text, which the sentences read as it is."""
    taken = {offset for offset, _, _ in headings}
    added = [(offset, name) for offset, name in run_in if offset not in taken]
    if not added:
        return headings
    top = min((level for offset, level, _ in headings if offset != title_at), default=1)
    return sorted(headings + [(offset, top, name) for offset, name in added])


# Between two characters of a wrapped heading's title: the line break it was wrapped at, maybe
# after the hyphen of a word cut there ("randomi-" / "sation" in "randomisation").
_WRAP = r"(?:[-\u2010\u00ad]?[ \t]*\n[ \t]*)?"


def _heading_end(text: str, offset: int, title: str) -> int:
    """End of a heading in the text; a wrapped heading's title has its line breaks as spaces,
    or as nothing after a hyphen or a slash that ended a line ("falls-prevention", "and/or":
    :func:`~checker.documents.typography.typographic_headings`)."""
    # A pattern per heading, with a line break allowed between each two letters, took 0.2 s
    # to build on a long article: built only for a title that starts at ``offset`` and does
    # not stand there as it is.
    stripped = title.lstrip()
    if text.startswith(title, offset) or not text.startswith(stripped[:1], offset):
        return offset + len(title)
    words = [_WRAP.join(map(re.escape, word)) for word in title.split()]
    match = re.compile(r"\s+".join(words)).match(text, offset) if words else None
    return match.end() if match else offset + len(title)


def extract_path(path: str | Path) -> Document:
    """Read and extract a file from disk (see :func:`extract_document`)."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(
            str(exc),
            {"en": f"The file {path.name} could not be opened.",
             "fr": f"Le fichier {path.name} n'a pas pu être ouvert."},
        ) from exc
    return extract_document(data, path.name)
