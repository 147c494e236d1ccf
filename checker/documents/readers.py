"""Format-specific readers: bytes -> raw text, page offsets and explicit headings.

Each reader returns a :class:`RawText`; structure that is only implicit (headings in plain text
or PDF) is recognised later by :mod:`checker.documents.structure`.
"""

from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from ..text_input import without_controls
from . import limits
from .back_matter import run_in_label
from .docx_reading import docx_blocks, is_bold_heading
from .encoding import decode_text
from .errors import (
    CorruptDocumentError,
    EmptyDocumentError,
    TooLongDocumentError,
    UnsupportedFormatError,
)
from .ligatures import expand_ligatures
from .markdown_inline import plain_markdown
from .masthead import masthead_headings
from .model import LineMark, Page
from .odt import odt_blocks
from .pdf import PdfPage, drop_running_lines, read_pdf_pages
from .sentences import LINE_END
from .structure import could_be_title, is_known_heading
from .typography import StyledLine, line_start, typographic_headings


@dataclass
class RawText:
    text: str
    format: str
    pages: list[Page] = field(default_factory=list)
    headings: list[tuple[int, int, str]] = field(default_factory=list)  # (offset, level, title)
    # The heading that is the document's own title (see :func:`title_index`), where the
    # format tells it: it names no section, so the cover page under it has none.
    title_at: int | None = None
    # Headings that are the journal's name at the head of a PDF's first page
    # (:mod:`checker.documents.masthead`): lines of their own, but neither title nor section.
    masthead: frozenset[int] = frozenset()
    # Bold back-matter labels that start a paragraph, its text going on after them ("Funding.
    # This study was …"): (offset, section name) (:mod:`checker.documents.back_matter`).
    run_in: list[tuple[int, str]] = field(default_factory=list)
    # Spans (start, end) of the header rows of tables (:attr:`Document.table_headers`).
    table_headers: list[tuple[int, int]] = field(default_factory=list)
    # Start offsets of a Markdown text's lines that were wholly in bold ("**Critères
    # d'inclusion**"), a heading for many authors: its text no longer shows the marks.
    bold_lines: frozenset[int] = frozenset()
    # A PDF's running heads and feet left out of its pages (:attr:`Document.running_heads`).
    running_heads: tuple[str, ...] = ()
    # A PDF's lines and their margin's line numbers (:attr:`Document.line_marks`).
    line_marks: tuple[tuple[int, LineMark | None], ...] = ()


FORMATS = {".pdf": "pdf", ".docx": "docx", ".odt": "odt", ".txt": "txt", ".md": "md",
           ".markdown": "md"}


def sniff_format(data: bytes, filename: str) -> str:
    """Format from the extension, checked against the file's magic bytes."""
    name = filename.lower()
    ext = name[name.rfind(".") :] if "." in name else ""
    fmt = FORMATS.get(ext)
    if fmt is None:
        if data[:5] == b"%PDF-":
            return "pdf"
        raise UnsupportedFormatError(f"extension {ext or '(none)'!r}")
    if fmt == "pdf" and b"%PDF-" not in data[:1024]:
        raise CorruptDocumentError("no PDF header")
    if fmt in ("docx", "odt") and data[:2] != b"PK":
        raise CorruptDocumentError(f"not a ZIP/{fmt.upper()} container")
    return fmt


def read_text_file(data: bytes, fmt: str) -> RawText:
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise CorruptDocumentError("binary content in a text file")
    text = decode_text(data).replace("\r\n", "\n").replace("\r", "\n")
    if len(text) > limits.MAX_TEXT_CHARS:  # refused before its pages and lines are worked on
        raise TooLongDocumentError(f"{len(text)} characters")
    if fmt == "txt" and "\f" in text.strip("\f\n"):  # two pages or more
        return _paged_text(text)
    text = expand_ligatures(without_controls(text))
    if fmt == "md":
        # Read as the page shows it: "**Méthode.** Étude …" is quoted "Méthode. Étude …".
        plain = plain_markdown(_without_html(text))
        return RawText(text=plain.text, format=fmt, run_in=plain.run_in,
                       bold_lines=plain.bold_lines,
                       table_headers=markdown_table_headers(plain.text))
    return RawText(text=text, format=fmt)


# A Markdown table's delimiter row ("|---|:---:|", "--- | ---"): the row above it is the
# table's header row.
_DELIMITER_ROW = re.compile(r"[ \t]*\|?[ \t]*:?-{3,}:?[ \t]*(?:\|[ \t]*:?-{3,}:?[ \t]*)*\|?[ \t]*")


def markdown_table_headers(text: str) -> list[tuple[int, int]]:
    """The spans of a Markdown text's table header rows, each the row above a delimiter
    row (« | Critère | Mesure | Temps de mesure | » over « |---|---|---| »): names of
    columns, never a quotation. Markdown only: a plain text's pipes are its author's, and the
    benchmark's plain texts, on which the element model was trained, were read without them."""
    headers = []
    offset, previous = 0, None
    for line in text.splitlines(keepends=True):
        row = line.rstrip("\n")
        if previous is not None and "|" in previous[1] + row and _DELIMITER_ROW.fullmatch(row):
            headers.append((previous[0], previous[0] + len(previous[1])))
        previous = (offset, row) if row.strip() else None
        offset += len(line)
    return headers


def _paged_text(text: str) -> RawText:
    """A text whose pages are separated by form feeds (as pdftotext writes a PDF's text):
    its pages numbered, their running heads and page numbers left out as in a PDF."""
    pieces = [expand_ligatures(without_controls(piece)).strip("\n")
              for piece in text.strip("\f\n").split("\f")]
    pages: list[Page] = []
    chunks: list[str] = []
    offset = 0
    for number, page in enumerate(drop_running_lines([PdfPage(piece, []) for piece in pieces]),
                                  start=1):
        if chunks:
            separator = _page_break(chunks[-1], page.text)
            chunks.append(separator)
            offset += len(separator)
        pages.append(Page(number, offset, offset + len(page.text)))
        chunks.append(page.text)
        offset += len(page.text)
    return RawText(text="".join(chunks), format="txt", pages=pages)


# Words no sentence ends with: an article, a preposition or a conjunction. A page whose text
# stops on one leaves its sentence open, whatever the next page starts with ("… completed by
# an independent observer for" / "64 sessions.", « … évalués par » / « 3 observateurs »).
_OPEN_WORD_END = re.compile(
    r"(?<!\S)(?:the|an?|of|for|with|by|to|from|and|or|than|le|la|les|une?|des|du|de|"
    r"pour|par|avec|et|ou|que)$")


def _page_break(before: str, page: str) -> str:
    """A sentence that runs on to the next page stays one sentence (a single line break):
    the page before leaves it open and the next page goes on in lower case or with a bracket
    ("… in FACIT-Fatigue" / "(SD 8) at …"), or the page before stops on a word no sentence
    ends with (an article, a preposition, a conjunction: "… observer for" / "64 sessions.");
    otherwise a page break is a paragraph break."""
    end = before.rstrip()
    runs_on = end and not end.endswith(LINE_END) \
        and (page[:1].islower() or page[:1] in "([" or bool(_OPEN_WORD_END.search(end)))
    return "\n" if runs_on else "\n\n"


# Markdown from a wiki or an editor often holds HTML: comments (notes the reader never sees),
# line breaks and inline formatting. Read as the page shows it, so cue words inside a tag
# ("randomisé <b>en grappes</b>") still match and quotations read cleanly.
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.DOTALL)
_HTML_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_HTML_INLINE = re.compile(
    r"</?(?:b|i|em|strong|u|s|span|sup|sub|small|mark|a|abbr|code|font)\b[^<>]*>", re.IGNORECASE)


def _without_html(text: str) -> str:
    text = _HTML_COMMENT.sub("", text)
    text = _HTML_BREAK.sub("\n", text)
    return _HTML_INLINE.sub("", text)


def read_pdf(data: bytes) -> RawText:
    chunks: list[str] = []
    pages: list[Page] = []
    styled: list[tuple[int, str, list[StyledLine]]] = []
    offset = 0
    read_pages = drop_running_lines(read_pdf_pages(data))
    for number, page in enumerate(read_pages, start=1):
        if chunks:
            separator = _page_break(chunks[-1], page.text)
            chunks.append(separator)
            offset += len(separator)
        pages.append(Page(number, offset, offset + len(page.text)))
        styled.append((offset, page.text, page.lines))
        chunks.append(page.text)
        offset += len(page.text)
    text = "".join(chunks)
    marks = _line_marks(read_pages, pages)
    headings = typographic_headings(styled)
    masthead = masthead_headings(headings, text, pages[0].end if pages else 0,
                                 [line for page in read_pages[1:] for line in page.running])
    return RawText(text=text, format="pdf", pages=pages, headings=headings,
                   masthead=frozenset(masthead), run_in=_pdf_run_ins(styled),
                   table_headers=_pdf_table_headers(styled),
                   running_heads=tuple(dict.fromkeys(
                       line for page in read_pages for line in page.running)),
                   line_marks=marks)


def _line_marks(read_pages: list[PdfPage], pages: list[Page],
                ) -> tuple[tuple[int, LineMark | None], ...]:
    """Where each line of the PDF's text starts and its line number in the margin, when
    any page has line numbers (none otherwise: the document is read as before)."""
    if not any(page.marks for page in read_pages):
        return ()
    found: list[tuple[int, LineMark | None]] = []
    for page, placed in zip(read_pages, pages, strict=True):
        lines = page.text.split("\n")
        # A page whose marks do not pair with its lines (never seen) gives none.
        marks = page.marks if len(page.marks) == len(lines) else (None,) * len(lines)
        offset = placed.start
        for line, mark in zip(lines, marks, strict=True):
            found.append((offset, mark))
            offset += len(line) + 1
    return tuple(found)


def _pdf_table_headers(pages: list[tuple[int, str, list[StyledLine]]],
                       ) -> list[tuple[int, int]]:
    """Spans of the PDF's tables' header rows: from the first of their lines to the last,
    found in their page's text (``pages`` as for :func:`_pdf_run_ins`)."""
    spans: list[tuple[int, int]] = []
    for page_offset, page_text, lines in pages:
        cursor = 0
        previous = False  # whether the line before was a header's, found in the text
        for line in lines:
            target = line.text.strip()
            at = line_start(page_text, target, cursor) if line.table_header else -1
            if at < 0:
                previous = False
                continue
            end = page_offset + at + len(target)
            if previous:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((page_offset + at, end))
            cursor = at + len(target)
            previous = True
    return spans


def _pdf_run_ins(pages: list[tuple[int, str, list[StyledLine]]]) -> list[tuple[int, str]]:
    """(offset, name) of the PDF lines that start with a bold back-matter label, found in
    their page's text (``pages``: its offset in the document, its text and its lines)."""
    found: list[tuple[int, str]] = []
    for page_offset, page_text, lines in pages:
        cursor = 0
        for line in lines:
            label = run_in_label(line.text) if line.run_in else None
            if label is None:
                continue
            at = line_start(page_text, line.text.strip(), cursor)
            if at >= 0:
                found.append((page_offset + at, label[0]))
                cursor = at + len(line.text.strip())
    return found


def read_docx(data: bytes) -> RawText:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    _refuse_docx_bomb(data)
    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    except Exception as exc:
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    blocks = docx_blocks(document)
    # A short paragraph set wholly in bold is a heading typed by hand (no heading style): one
    # level below the deepest styled heading, and one more per level of its numbering ("2.1
    # Trial design" under "2. METHODS"). So is a usual section name set as a label in plain
    # type ("Inclusion criteria:" before its bulleted list), as in a PDF or a text: read as a
    # sentence, it was quoted as a criterion.
    bold_level = min(6, max((level for _, level, *_ in blocks), default=0) + 1)
    leveled = [(text, min(6, bold_level + _numbering_depth(text) - 1)
                if not level and (bold and is_bold_heading(text) or is_label_heading(text))
                else level)
               for text, level, bold, *_ in blocks if text.strip()]
    titled = [title for text, _, _, title, *_ in blocks if text.strip()]
    labels = [label for text, *_, label, _ in blocks if text.strip()]
    headers = [header for text, *_, header in blocks if text.strip()]
    return _from_blocks(leveled, "docx", title_index(leveled, titled), labels, headers)


def is_label_heading(text: str) -> bool:
    """A usual section name ending in a colon, alone in its paragraph ("Inclusion criteria:",
    « Critères d'exclusion : »): it heads what follows."""
    return text.rstrip().endswith(":") and is_known_heading(text)


def title_index(blocks: list[tuple[str, int]], titled: list[bool]) -> int | None:
    """Which of the (text, heading level) ``blocks`` (none empty) is the document's title: one
    set in a title style (``titled``), else a first block taken as a heading that reads as a
    title (:func:`~checker.documents.structure.could_be_title`), whether the sections after
    it are set as its siblings or under it."""
    if any(titled):
        return titled.index(True)
    if not blocks or not blocks[0][1] or not could_be_title(blocks[0][0]):
        return None
    return 0


_HEADING_NUMBER = re.compile(r"\s*(\d{1,2}(?:\.\d{1,2})*)\.?\s")


def _numbering_depth(text: str) -> int:
    """1 for "2. Methods" or an unnumbered heading, 2 for "2.1 Design", 3 for "2.1.3 …"."""
    number = _HEADING_NUMBER.match(text)
    return number.group(1).count(".") + 1 if number else 1


def _refuse_docx_bomb(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist()
                           if info.filename.startswith("word/") and info.filename.endswith(".xml"))
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    if unpacked > limits.MAX_UNPACKED_XML_BYTES:
        raise TooLongDocumentError(f"{unpacked} bytes of XML unpacked")


def read_odt(data: bytes) -> RawText:
    blocks = [block for block in odt_blocks(data) if block[0].strip()]
    leveled = [(text, level) for text, level, *_ in blocks]
    return _from_blocks(leveled, "odt", title_index(leveled, [titled for *_, titled, _ in blocks]),
                        headers=[header for *_, header in blocks])


def _from_blocks(blocks: list[tuple[str, int]], fmt: str, title: int | None = None,
                 labels: list[str] | None = None,
                 headers: list[bool] | None = None) -> RawText:
    """Text of (text, heading level or 0) blocks, a blank line apart, with the headings;
    ``title``: the index of the block that is the document's title; ``labels``: per block,
    the name of the back-matter label set in bold at its start, or ""; ``headers``: per
    block, whether it is a table's header row."""
    parts: list[str] = []
    headings: list[tuple[int, int, str]] = []
    run_in: list[tuple[int, str]] = []
    table_headers: list[tuple[int, int]] = []
    title_at = None
    offset = 0
    for index, (text, level) in enumerate(blocks):
        if not text.strip():
            continue
        if parts:
            parts.append("\n\n")
            offset += 2
        if index == title:
            # The title heads the document: above any section, even when set in bold like
            # the headings typed by hand under it (which are then a level below the styled
            # ones), lest a synopsis's "Résumé du protocole" be taken for the title.
            title_at = offset
            level = 1
        if level:  # a heading broken over lines by hand is titled on one
            headings.append((offset, level, " ".join(text.split())))
        elif labels and labels[index]:
            run_in.append((offset + len(text) - len(text.lstrip()), labels[index]))
        if headers and headers[index] and not level:
            table_headers.append((offset, offset + len(text)))
        parts.append(text)
        offset += len(text)
    return RawText(text="".join(parts), format=fmt, headings=headings, title_at=title_at,
                   run_in=run_in, table_headers=table_headers)


def read_raw(data: bytes, filename: str) -> RawText:
    if not data:
        raise EmptyDocumentError("empty file")
    fmt = sniff_format(data, filename)
    if fmt == "pdf":
        return read_pdf(data)
    if fmt == "docx":
        return read_docx(data)
    if fmt == "odt":
        return read_odt(data)
    return read_text_file(data, fmt)
