"""PDF text layer with PDFium (pypdfium2): the text of each page and its lines with their style.

PDFium extracts text in C, about twenty times faster than a pure-Python parser on long
protocols (a 27-page paper: 0.1 s instead of 1.9 s), which keeps a whole analysis within a
couple of seconds on one core. Per character it also gives the font, size and text matrix,
from which :mod:`checker.documents.typography` finds the headings.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass, replace
from functools import cache, partial
from itertools import islice

from . import limits
from .back_matter import run_in_label
from .errors import (
    CorruptDocumentError,
    EncryptedDocumentError,
    TooLongDocumentError,
    too_many_pages,
)
from .ligatures import expand_ligatures
from .pdf_blocks import (
    Extent,
    PlacedLine,
    Space,
    block_starts,
    common_size,
    line_pitches,
    list_numbers_in_place,
    page_columns,
)
from .pdf_line_numbers import LineMark, NumberWord, line_marks, line_numbers
from .pdf_tables import (
    after_rows,
    aligned_rows,
    beside_labels,
    cell_spaces,
    header_lines,
    text_header_lines,
)
from .tables import row_like
from .typography import HEADING_SIZE_RATIO, StyledLine, body_style, looks_like_heading_text

_BOLD = re.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
BOLD_WEIGHT = 600
# PDFium marks a hyphen that ends a line (the word goes on at the next line) with U+FFFE and
# drops the line break; it is written back as "-" and a line break, as the page shows it.
_LINE_END_HYPHEN = "\ufffe"
_LINE_BREAK = re.compile(_LINE_END_HYPHEN + r"(?:\r\n|\r|\n)?|\r\n|\r|\n")


@dataclass
class PdfPage:
    text: str
    lines: list[StyledLine]
    # The running heads and feet left out of the page (:func:`drop_running_lines`), which may
    # name the journal whose name heads the first page (:mod:`checker.documents.masthead`).
    running: tuple[str, ...] = ()
    # The last line number in the page's margin (:mod:`checker.documents.pdf_line_numbers`).
    line_number: int | None = None
    # Per line of ``text`` (split at "\n"), its line number in the page's margin, on a page
    # with line numbers; empty on any other page.
    marks: tuple[LineMark | None, ...] = ()


MARGIN_LINES = 2  # lines at the top and at the bottom of a page where running heads sit
_DIGITS = re.compile(r"\d+")
_PAGE_NUMBER = re.compile(r"(?:page\s*)?\d{1,4}(?:\s*(?:/|of|sur|de)\s*\d{1,4})?"
                          r"|[-\u2013\u2014]\s*\d{1,4}\s*[-\u2013\u2014]", re.IGNORECASE)


def drop_running_lines(pages: list[PdfPage]) -> list[PdfPage]:
    """Pages without their running heads and feet: a journal's name, a DOI or "Page 3 of 12"
    repeated at the top or bottom of the pages would otherwise cut the sentence that runs on
    to the next page and be read as sentences of their own.

    A margin line is dropped when the same line, digits aside, sits in the margins of at least
    half the pages (and two) of one of these sets, and nowhere else: all pages, the pages after
    the first (whose head often differs), the even or the odd ones among those (journals
    alternate the authors' and the journal's names). A page number is dropped too: any bare
    number in a document of three pages or more, an explicit one ("Page 1 of 2", "1/2",
    "- 3 -") on any page count, and on two pages each page's own number when both bear it.
    """
    # Per page: its lines, their shapes, and which of them sit in the margins.
    layout = []
    for page in pages:
        lines = page.text.split("\n")
        layout.append((lines, [_shape(line) for line in lines], set(_margin_indices(lines))))
    in_body: set[str] = set()
    for lines, shapes, margin in layout:
        in_body.update(shapes[i] for i, line in enumerate(lines)
                       if i not in margin and line.strip())
    # A line of the text itself can also repeat (formulaic text, tables): a running head
    # never appears away from the margins.
    running = _repeated_margin_shapes([(shapes, margin) for _, shapes, margin in layout])
    running -= in_body
    title = _first_page_title(pages)
    numbered = _numbered_pages(layout)
    cleaned = []
    for number, (page, (lines, shapes, margin)) in enumerate(zip(pages, layout, strict=True),
                                                             start=1):
        drop = {i for i in margin
                if (shapes[i] in running and not (page is pages[0] and shapes[i] in title))
                or _is_page_number(lines[i], len(pages))
                or (numbered and lines[i].strip() == str(number))}
        kept = [line for i, line in enumerate(lines) if i not in drop]
        dropped = {lines[i].strip() for i in drop} - {line.strip() for line in kept}
        marks = stripped_marks(kept, [mark for i, mark in enumerate(page.marks)
                                      if i not in drop]) if page.marks else ()
        cleaned.append(PdfPage("\n".join(kept).strip("\n"),
                               [line for line in page.lines if line.text.strip() not in dropped],
                               tuple(lines[i].strip() for i in sorted(drop)
                                     if shapes[i] in running
                                     and not _is_page_number(lines[i], len(pages))),
                               marks=marks))
    return cleaned


def _first_page_title(pages: list[PdfPage]) -> set[str]:
    """Shapes of the first page's lines set larger than the body text: its title, which a
    running head may repeat word for word on the later pages ("Effects of X on Y" on every
    page) but which is no running head there."""
    if not pages:
        return set()
    body_size, _ = body_style([line for page in pages for line in page.lines])
    return {_shape(line.text) for line in pages[0].lines
            if body_size and line.size >= body_size * HEADING_SIZE_RATIO}


def _repeated_margin_shapes(layout: list[tuple[list[str], set[int]]]) -> set[str]:
    """Shapes found in the margins of at least half (and two) of the pages of some set."""
    everyone = list(range(len(layout)))
    page_sets = [everyone]
    if len(layout) >= 3:
        after_first = everyone[1:]
        page_sets += [after_first, after_first[0::2], after_first[1::2]]
    repeated: set[str] = set()
    for page_set in page_sets:
        counts = Counter(shape for i in page_set
                         for shape in {layout[i][0][j] for j in layout[i][1]})
        repeated.update(shape for shape, n in counts.items()
                        if n >= max(2, len(page_set) / 2))
    return repeated


def _numbered_pages(layout: list[tuple[list[str], list[str], set[int]]]) -> bool:
    """Whether a document of two pages bears each page's own number, bare, in its margins:
    then they are page numbers, though a bare number of the text (an affiliation's mark, a
    table's cell) keeps them from reading as running heads, and :func:`_is_page_number`
    leaves a bare number alone on so few pages."""
    return len(layout) == 2 and all(
        any(lines[i].strip() == str(number) for i in margin)
        for number, (lines, _, margin) in enumerate(layout, start=1))


def _is_page_number(line: str, page_count: int) -> bool:
    # A bare number in the margin of a one- or two-page document may be a table's last cell.
    line = line.strip()
    return bool(_PAGE_NUMBER.fullmatch(line)) and (page_count >= 3 or not line.isdigit())


def _margin_indices(lines: list[str]) -> list[int]:
    filled = [i for i, line in enumerate(lines) if line.strip()]
    return filled[:MARGIN_LINES] + filled[-MARGIN_LINES:]


def _shape(line: str) -> str:
    return _DIGITS.sub("#", " ".join(line.split())).casefold()


def read_pdf_pages(data: bytes) -> list[PdfPage]:
    """Text and styled lines of every page; clear errors for encrypted and unreadable files.

    A document too long to analyse is refused before its pages are read, or as soon as their
    text passes the limit, rather than read whole first."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as raw

    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if getattr(exc, "err_code", None) == raw.FPDF_ERR_PASSWORD:
            raise EncryptedDocumentError("password required") from exc
        raise CorruptDocumentError(str(exc)) from exc
    try:
        if len(document) > limits.MAX_PDF_PAGES:
            raise too_many_pages(len(document), limits.MAX_PDF_PAGES)
        pages = []
        chars = 0
        for page in document:
            textpage = page.get_textpage()
            try:
                pages.append(_read_page(textpage, pages[-1].line_number if pages else None))
            finally:
                textpage.close()
                page.close()
            chars += len(pages[-1].text)
            if chars > limits.MAX_TEXT_CHARS:
                raise TooLongDocumentError(f"{chars} characters in {len(pages)} pages")
        return pages
    except TooLongDocumentError:
        raise
    except pdfium.PdfiumError as exc:
        raise CorruptDocumentError(str(exc)) from exc
    except Exception as exc:  # a damaged page must give the user a message, never a crash
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    finally:
        document.close()


def _read_page(textpage, line_number: int | None = None) -> PdfPage:
    """The page read from PDFium's ``textpage``; ``line_number`` is the last line number in
    the previous page's margin, if it has them."""
    text = textpage.get_text_range()
    # The style lookup needs one character of text per PDFium character index; a page where
    # that does not hold (characters outside the BMP) keeps its text, without styles.
    styler = _CharStyles(textpage.raw) if len(text) == textpage.count_chars() else None
    text, styler, numbers = _without_line_numbers(text, styler, line_number)
    rows = list_numbers_in_place(_rows(text, styler))
    rows = _with_table_headers(_with_aligned_rows(rows))
    lines = [placed for _, placed in rows if placed is not None]
    pitches = line_pitches([(line.styled, line.baseline) for line in lines])
    columns = page_columns([line.extent for line in lines if line.extent is not None],
                       common_size([line.styled for line in lines]))
    starts = block_starts(lines, pitches, columns)
    cells = cell_spaces(lines)
    beside = beside_labels(lines, cells)
    # A table's row set in cells is a block of its own, its label's lines too.
    for cell, label in beside.items():
        starts.difference_update(range(label + 1, cell + 1))
        starts.add(label)
    starts.update(index for index in cells if index not in beside)
    table_rows = {*cells, *beside, *(
        index for cell, label in beside.items() for index in range(label, cell))}
    starts.update(after_rows(lines, table_rows, beside))
    starts.discard(0)
    rows = _with_cells(rows, cells, table_rows)
    rows = _marked_headers(rows, text_header_lines(
        [line for _, line in rows if line is not None], table_rows, beside))
    line_texts: list[str] = []
    baselines: list[float | None] = []  # of each of line_texts
    index = 0  # of the next line with visible text
    for segment, placed in rows:
        if placed is not None:
            if index in beside and line_texts:  # the next cell of the row above
                line_texts[-1] += CELL_SEPARATOR + segment.lstrip()
                index += 1
                continue
            if index in starts:
                line_texts.append("")  # a paragraph break
                baselines.append(None)
            index += 1
        line_texts.append(segment)
        baselines.append(placed.baseline if placed is not None else None)
    page_text = "\n".join(line_texts).replace("\x00", "").strip("\n")
    marks = ()
    if numbers:
        marks = stripped_marks([line.replace("\x00", "") for line in line_texts],
                               line_marks(numbers, baselines))
    return PdfPage(page_text, [line.styled for _, line in rows if line is not None],
                   line_number=max((number.value for number in numbers), default=None),
                   marks=marks)


def stripped_marks(lines: list[str], marks: list[LineMark | None],
                   ) -> tuple[LineMark | None, ...]:
    """The ``marks`` of the ``lines`` left once their text is joined with line breaks and
    the empty lines at its start and end are stripped (as a page's text is)."""
    filled = [index for index, line in enumerate(lines) if line]
    if not filled:
        return ()
    return tuple(marks[filled[0]:filled[-1] + 1])


# Between two cells of a table's row, as a DOCX's or an ODT's row is read
# (:mod:`checker.documents.docx_reading`): "Who provided | Three registered physiotherapists …".
CELL_SEPARATOR = " | "


def _with_cells(rows: list[tuple[str, PlacedLine | None]], cells: dict[int, list[Space]],
                table_rows: set[int]) -> list[tuple[str, PlacedLine | None]]:
    """The rows with the spaces between the cells of tables' rows (``cells``, per index of
    a line with visible text: :func:`cell_spaces`) written as ``CELL_SEPARATOR``, and the
    lines of these rows (``table_rows``, by the same index) marked as no heading."""
    written = list(rows)
    placed = [index for index, (_, line) in enumerate(rows) if line is not None]
    for index in table_rows:
        segment, line = rows[placed[index]]
        for space in reversed(cells.get(index, [])):
            segment = segment[:space.start] + CELL_SEPARATOR + segment[space.end:]
        written[placed[index]] = (segment, replace(line, styled=replace(
            line.styled, text=segment, table_row=True)))
    return written


def _with_aligned_rows(rows: list[tuple[str, PlacedLine | None]],
                       ) -> list[tuple[str, PlacedLine | None]]:
    """The rows with the lines of tables found from their columns marked as tables' rows
    (:func:`aligned_rows`)."""
    placed = [index for index, (_, line) in enumerate(rows) if line is not None]
    marked = list(rows)
    for index in aligned_rows([rows[at][1] for at in placed]):
        segment, line = rows[placed[index]]
        marked[placed[index]] = (segment, replace(line, row=True))
    return marked


def _with_table_headers(rows: list[tuple[str, PlacedLine | None]],
                        ) -> list[tuple[str, PlacedLine | None]]:
    """The rows with the lines of each table's header row marked (:func:`header_lines`)."""
    return _marked_headers(rows, header_lines([line for _, line in rows if line is not None]))


def _marked_headers(rows: list[tuple[str, PlacedLine | None]], headers: set[int],
                    ) -> list[tuple[str, PlacedLine | None]]:
    """The rows with the lines at ``headers`` (indices of the lines with visible text)
    marked as a table's header row."""
    placed = [index for index, (_, line) in enumerate(rows) if line is not None]
    marked = list(rows)
    for header in headers:
        segment, line = rows[placed[header]]
        marked[placed[header]] = (segment, replace(
            line, header=True, styled=replace(line.styled, table_header=True)))
    return marked


def _rows(text: str, styler: _CharStyles | None) -> list[tuple[str, PlacedLine | None]]:
    """Per PDFium line of the page's ``text``: its text, and the line itself when it has
    visible text."""
    rows: list[tuple[str, PlacedLine | None]] = []
    start = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        segment = text[start:match.start()]
        if match.group().startswith(_LINE_END_HYPHEN):
            segment += "-"  # at the index of PDFium's mark, which stands for the hyphen
        placed = None
        if segment.strip():
            line, baseline = _styled_line(segment, start, styler)  # indices into PDFium's text
            extent = _extent(segment, start, styler)
            label = _bold_run_in(segment, start, styler)
            gaps = cache(partial(_word_gaps, segment, start, styler))
            edges = cache(partial(_word_edges, segment, start, styler))
            spaces = cache(partial(_spaces, segment, start, styler, line.size))
            row = row_like(segment, gaps)
            segment = expand_ligatures(segment)
            placed = PlacedLine(StyledLine(segment, line.size, line.bold, line.uniform, label),
                                 baseline, extent, row, word_gaps=gaps, word_edges=edges,
                                 spaces=spaces)
        rows.append((segment, placed))
        start = match.end()
    return rows


_LEADING_NUMBER = re.compile(r"\s*(\d{1,5})(?=\s|$)")
_TRAILING_NUMBER = re.compile(r"(?<=\s)(\d{1,5})\s*$")


def _without_line_numbers(text: str, styler: _CharStyles | None,
                          after: int | None = None,
                          ) -> tuple[str, _CharStyles | None, list[NumberWord]]:
    """The page's ``text`` without the line numbers in its margin (:mod:`.pdf_line_numbers`),
    with the space beside each and the line of one that stands alone, the styles of the
    characters kept, and the line numbers; ``after`` is the previous page's last."""
    if styler is None:
        return text, styler, []
    numbers: list[NumberWord] = []
    cuts: dict[int, tuple[int, int]] = {}  # a number's start: what goes with it
    lefts: list[float] = []
    start = 0
    for match in _LINE_BREAK.finditer(text + "\n"):
        segment = text[start:match.start()]
        words = [found for found in (_LEADING_NUMBER.match(segment),
                                     _TRAILING_NUMBER.search(segment)) if found]
        if len(words) == 2 and words[0].span(1) == words[1].span(1):
            words = words[:1]
        rest = segment
        for found in reversed(words):
            rest = rest[:found.start(1)] + " " * len(found.group(1)) + rest[found.end(1):]
        for found in words:
            number = _number_word(found, start, styler)
            if number is None:
                continue
            numbers.append(number)
            if not rest.strip():  # the line with its break
                cuts[number.start] = (start, min(match.end(), len(text)))
            elif found.start(1) == len(segment) - len(segment.lstrip()):  # with the space after
                upto = len(segment) - len(segment[found.end(1):].lstrip())
                cuts[number.start] = (start + found.start(1), start + upto)
            else:  # with the space before
                before = len(segment[:found.start(1)].rstrip())
                cuts[number.start] = (start + before, start + found.end(1))
        if rest.strip():
            left = styler.left(start + len(rest) - len(rest.lstrip()))
            if left is not None:
                lefts.append(left)
        start = match.end()
    found_numbers = line_numbers(numbers, lefts, after)
    if not found_numbers:
        return text, styler, []
    dropped = [False] * len(text)
    for number in found_numbers:
        low, high = cuts[number.start]
        dropped[low:high] = [True] * (high - low)
    kept = [index for index, gone in enumerate(dropped) if not gone]
    return "".join(text[index] for index in kept), _KeptStyles(styler, kept), found_numbers


def _number_word(found: re.Match, start: int, styler: _CharStyles) -> NumberWord | None:
    first, last = start + found.start(1), start + found.end(1)
    right = styler.right(last - 1)
    baseline = styler.baseline(first)
    if right is None or baseline is None:
        return None
    return NumberWord(int(found.group(1)), right, baseline, styler.style(first)[0], first, last)


def _bold_run_in(segment: str, start: int, styler: _CharStyles | None) -> str:
    """The back-matter label that starts the line ``segment`` (at index ``start`` of PDFium's
    text) set in bold, the line going on in regular type ("Funding." of "Funding. This study
    was …"), or "" (:mod:`checker.documents.back_matter`)."""
    found = run_in_label(expand_ligatures(segment))
    if found is None or styler is None:
        return ""
    # A label holds no stop: its own full stop or colon is the line's first (a ligature
    # written out makes the label longer, not its stop).
    stop = min(at for at in (segment.find("."), segment.find(":")) if at >= 0)
    label = [i for i in range(stop + 1) if not segment[i].isspace()]
    rest = [i for i in range(stop + 1, len(segment)) if not segment[i].isspace()]
    if not all(styler.style(start + i)[1] for i in label):
        return ""
    # A line wholly in bold: a heading of its own or bold text, no run-in label. The text may
    # open on a bold label of its own: an abstract's first part ("Abstract. Background: …").
    if rest and all(styler.style(start + i)[1] for i in rest):
        return ""
    return expand_ligatures(segment[:stop + 1]).strip()


def _word_gaps(segment: str, start: int, styler: _CharStyles | None) -> list[float]:
    """The gaps between the words of the line ``segment`` (at index ``start`` of PDFium's
    text), in font sizes: a justified line's are all alike, a table's row sets its cells
    further apart than the words of a cell."""
    if styler is None:
        return []
    visible = [i for i, ch in enumerate(segment) if not ch.isspace()]
    gaps = []
    for before, after in zip(visible, visible[1:], strict=False):
        right, left = styler.right(start + before), styler.left(start + after)
        size = styler.style(start + after)[0]
        if right is None or left is None or not size:
            continue
        gap = (left - right) / size
        if after > before + 1 or gap > WORD_GAP:  # a space between, or one PDFium left out
            gaps.append(gap)
    return gaps


def _word_edges(segment: str, start: int,
                styler: _CharStyles | None) -> list[tuple[float, float]]:
    """Where each word of the line ``segment`` (at index ``start`` of PDFium's text) starts
    and ends across the page, in points (words whose edges PDFium does not give left out):
    a table's columns start or end at one place on each of its rows."""
    if styler is None:
        return []
    edges = []
    for word in re.finditer(r"\S+", segment):
        left, right = styler.left(start + word.start()), styler.right(start + word.end() - 1)
        if left is not None and right is not None:
            edges.append((left, right))
    return edges


def _spaces(segment: str, start: int, styler: _CharStyles | None, size: float,
            first: int | None = None) -> list[Space]:
    """The spaces between the words of the line ``segment`` (at index ``start`` of PDFium's
    text, set in ``size``), or its ``first`` ones, placed in its text with its ligatures
    written out: a table's cells are set further apart than a cell's words."""
    if styler is None or not size:
        return []
    spaces = []
    for space in islice(re.finditer(r"\s+", segment.strip()), first):
        before = len(segment) - len(segment.lstrip()) + space.start()
        after = before + len(space.group())
        right, left = styler.right(start + before - 1), styler.left(start + after)
        if right is None or left is None:
            continue
        spaces.append(Space(len(expand_ligatures(segment[:before])),
                            len(expand_ligatures(segment[:after])), (left - right) / size, left))
    return spaces


# Two glyphs further apart than this, in font sizes, are two words whether or not the text
# has a space between them.
WORD_GAP = 0.15


def _extent(segment: str, start: int, styler: _CharStyles | None) -> Extent | None:
    """Where the line ``segment``, at index ``start`` of PDFium's text, reaches."""
    first = len(segment) - len(segment.lstrip())
    last = len(segment.rstrip()) - 1
    if styler is None or last < first:
        return None
    word_end = first + len(segment[first:].split(maxsplit=1)[0]) - 1
    left = styler.left(start + first)
    right = styler.right(start + last)
    word_right = styler.right(start + word_end)
    if left is None or right is None or word_right is None:
        return None
    return Extent(left, right, word_right - left)


def _styled_line(segment: str, start: int,
                 styler: _CharStyles | None) -> tuple[StyledLine, float | None]:
    """The line's most common (size, bold) over its visible characters, ``uniform`` when all
    share it, and its most common baseline (a superscript sits above it). Only short lines
    can be headings, so long ones are styled from a sample."""
    if styler is None:
        return StyledLine(segment, 0.0, False, False), None
    visible = [i for i, ch in enumerate(segment) if not ch.isspace() and ch != "-"]
    if not looks_like_heading_text(segment, continued=True, runs_on=True):
        visible = visible[:: max(1, len(visible) // 8)]
    weights: Counter[tuple[float, bool]] = Counter(styler.style(start + i) for i in visible)
    if not weights:
        return StyledLine(segment, 0.0, False, False), None
    (size, bold), count = weights.most_common(1)[0]
    # A superscript is a character or two of a line: a sample of its characters finds the
    # line's baseline as surely as all of them, for a fraction of the calls into PDFium.
    baselines = Counter(styler.baseline(start + i) for i in visible[:: max(1, len(visible) // 8)])
    baseline = baselines.most_common(1)[0][0]
    return StyledLine(segment, size, bold, count == len(visible)), baseline


class _CharStyles:
    """(effective size in points, bold) of characters, cached per PDF text object (a run of
    text in one font), since the PDFium calls behind them cost more than the lookup."""

    def __init__(self, textpage) -> None:
        import pypdfium2.raw as raw

        self._raw = raw
        self._textpage = textpage
        self._cache: dict[int | None, tuple[float, bool]] = {}
        self._matrix = raw.FS_MATRIX()
        self._name = ctypes.create_string_buffer(256)
        self._flags = ctypes.c_int()
        self._box = [ctypes.c_double() for _ in range(4)]  # left, right, bottom, top

    def style(self, index: int) -> tuple[float, bool]:
        obj = self._raw.FPDFText_GetTextObject(self._textpage, index)
        key = ctypes.cast(obj, ctypes.c_void_p).value if obj else None
        if key is None:
            return self._compute(index)
        found = self._cache.get(key)
        if found is None:
            found = self._cache[key] = self._compute(index)
        return found

    def _compute(self, index: int) -> tuple[float, bool]:
        raw = self._raw
        size = float(raw.FPDFText_GetFontSize(self._textpage, index))
        if raw.FPDFText_GetMatrix(self._textpage, index, ctypes.byref(self._matrix)):
            # The font size is in text space; the matrix scales it to the page (points).
            m = self._matrix
            size *= float((m.c**2 + m.d**2) ** 0.5) or 1.0
        raw.FPDFText_GetFontInfo(self._textpage, index, self._name, 256, ctypes.byref(self._flags))
        name = self._name.value.decode("latin-1", "replace")
        weight = raw.FPDFText_GetFontWeight(self._textpage, index)
        return round(abs(size), 1), bool(_BOLD.search(name)) or weight >= BOLD_WEIGHT

    def baseline(self, index: int) -> float | None:
        """The height of the character's origin on the page, in points (None if unknown)."""
        origin = self._origin(index)
        return None if origin is None else round(origin[1], 1)

    def left(self, index: int) -> float | None:
        """Where the character's origin is across the page, in points (None if unknown)."""
        origin = self._origin(index)
        return None if origin is None else origin[0]

    def right(self, index: int) -> float | None:
        """The right edge of the character's glyph, in points (None if unknown)."""
        if not self._raw.FPDFText_GetCharBox(self._textpage, index,
                                             *(ctypes.byref(side) for side in self._box)):
            return None
        return self._box[1].value

    def _origin(self, index: int) -> tuple[float, float] | None:
        x, y = ctypes.c_double(), ctypes.c_double()
        if not self._raw.FPDFText_GetCharOrigin(self._textpage, index, ctypes.byref(x),
                                                ctypes.byref(y)):
            return None
        return x.value, y.value


class _KeptStyles(_CharStyles):
    """The styles of the characters of a page kept out of PDFium's text: the character at
    index ``i`` is PDFium's ``kept[i]``. It asks ``styler`` (no call into PDFium of its own,
    so no ``super().__init__``)."""

    def __init__(self, styler: _CharStyles, kept: list[int]) -> None:
        self._styler = styler
        self._kept = kept

    def style(self, index: int) -> tuple[float, bool]:
        return self._styler.style(self._kept[index])

    def baseline(self, index: int) -> float | None:
        return self._styler.baseline(self._kept[index])

    def left(self, index: int) -> float | None:
        return self._styler.left(self._kept[index])

    def right(self, index: int) -> float | None:
        return self._styler.right(self._kept[index])
