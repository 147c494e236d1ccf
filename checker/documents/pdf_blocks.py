"""Where a PDF page's blocks and paragraphs start, from the geometry of its lines.

A PDF's text has no blank line between paragraphs: a title, an author line or a list item
with no stop would run on into the next paragraph's first sentence. These rules read the
breaks from how the lines are set (type size, line spacing, indents, columns, where lines end)
and put each ordered list's number back at the start of its item.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

from .sentences import LINE_END
from .typography import StyledLine

# An ordered list's number alone on a PDFium line: "1.", "2)".
_LIST_NUMBER = re.compile(r"\s*\d{1,9}[.)]\s*")


def list_numbers_in_place(rows: list[tuple[str, PlacedLine | None]],
                           ) -> list[tuple[str, PlacedLine | None]]:
    """The rows with each list number that stands alone on its line put at the start of
    the line it is set beside, as the page shows it: some writers draw a list's numbers
    apart from its items, after them, and PDFium's text follows the drawing order, so the
    numbers came out as lines of their own after the list ("1.\n2.\n3.")."""
    items: dict[int, int] = {}  # the row of an item's line -> the row of its number
    for index, (segment, placed) in enumerate(rows):
        if placed is not None and _LIST_NUMBER.fullmatch(segment):
            beside = _line_beside(placed, rows)
            if beside is not None and beside not in items:
                items[beside] = index
    numbers = set(items.values())
    moved: list[tuple[str, PlacedLine | None]] = []
    for index, (segment, placed) in enumerate(rows):
        if index in items and placed is not None:
            number, marker = rows[items[index]]
            segment, placed = _numbered(number, marker, segment, placed)
        if index not in numbers:
            moved.append((segment, placed))
    return moved


def _line_beside(number: PlacedLine, rows: list[tuple[str, PlacedLine | None]],
                 ) -> int | None:
    """The row of the nearest line on ``number``'s baseline that starts to its right, a
    paragraph's indent from it at most (None when there is none)."""
    size = number.styled.size
    if number.baseline is None or number.extent is None or not size:
        return None
    tolerance = EDGE_TOLERANCE * size
    found = [(placed.extent.left, index) for index, (segment, placed) in enumerate(rows)
             if placed is not None and placed.extent is not None
             and placed.baseline is not None and not _LIST_NUMBER.fullmatch(segment)
             and abs(placed.baseline - number.baseline) <= tolerance
             and 0 <= placed.extent.left - number.extent.right + tolerance
             <= MAX_PARAGRAPH_INDENT * size]
    return min(found)[1] if found else None


def _numbered(number: str, marker: PlacedLine, segment: str,
              placed: PlacedLine) -> tuple[str, PlacedLine]:
    """An item's line with its number (``marker``'s text) put at its start."""
    text = f"{number.strip()} {segment.lstrip()}"
    line = placed.styled
    extent = None
    if marker.extent is not None and placed.extent is not None:
        extent = Extent(marker.extent.left, placed.extent.right, marker.extent.first_word)
    return text, PlacedLine(StyledLine(text, line.size, line.bold, line.uniform),
                             placed.baseline, extent, placed.row)


def block_starts(lines: list[PlacedLine], pitches: dict[float, float],
                  columns: list[_Column]) -> set[int]:
    """Indices of the lines (after the first) that start a block of their own under the line
    above them: see :func:`_other_block`, :func:`_after_paragraph_line` and
    :func:`_opens_labelled_line`; a table's row and the line under it, a table's header
    row."""
    starts: set[int] = set()
    span = _text_span(lines)
    for index in range(1, len(lines)):
        if _other_block(lines[index - 1], lines[index], pitches, columns) \
                or _after_paragraph_line(lines, index, starts, columns) \
                or _opens_labelled_line(lines[index - 1], lines[index], columns, span):
            starts.add(index)
    # A table's row is a block of its own: its cells are no sentence to run on into the next
    # row's, nor into the caption or the text around the table.
    # A row's label wrapped onto two lines ("Body mass index, kg/" over "m² 26.1 (4.3) …")
    # has its first line under the row above, and is read with its cells.
    # A table's header row is a block of its own, under the caption; so is the first row's
    # label wrapped under it.
    for index, line in enumerate(lines):
        if line.row:
            above = lines[index - 2] if index >= 2 else None
            wrapped_label = (above is not None and (above.row or above.header)
                             and not lines[index - 1].row and not lines[index - 1].header
                             and lines[index - 1].styled.size == line.styled.size)
            if not wrapped_label:
                starts.add(index)
            starts.add(index + 1)
        if index and line.header != lines[index - 1].header:
            starts.add(index)
    starts.discard(0)
    starts.discard(len(lines))
    return starts


def _opened(lines: list[PlacedLine], index: int, starts: set[int]) -> bool:
    """Whether the line at ``index`` starts a block: the page's first line, one found so, or
    the first after a sentence's end (a paragraph's full last line ends no shorter than the
    rest)."""
    return (index == 0 or index in starts
            or lines[index - 1].styled.text.rstrip().endswith(LINE_END))


@dataclass(frozen=True)
class Extent:
    """Where a line reaches across the page, in points: the origin of its first visible
    character, the right edge of its last, and the width of its first word."""

    left: float
    right: float
    first_word: float


@dataclass(frozen=True)
class PlacedLine:
    """A line with visible text: its style, and its baseline and extent when PDFium has them."""

    styled: StyledLine
    baseline: float | None
    extent: Extent | None
    row: bool = False  # a table's row (:func:`~checker.documents.tables.row_like`)
    # A line of a table's header row (:func:`~checker.documents.pdf_tables.header_lines`).
    header: bool = False
    # The gaps between the line's words, in font sizes, measured when asked (it costs calls
    # into PDFium): :func:`checker.documents.pdf._word_gaps`.
    word_gaps: Callable[[], list[float]] | None = field(default=None, compare=False,
                                                        repr=False)
    # Where its words start and end across the page, in points, measured when asked
    # (:func:`checker.documents.pdf._word_edges`).
    word_edges: Callable[[], list[tuple[float, float]]] | None = field(
        default=None, compare=False, repr=False)
    # The spaces between its words, or its first ones, measured when asked
    # (:func:`checker.documents.pdf._spaces`).
    spaces: Callable[..., list[Space]] | None = field(default=None, compare=False,
                                                      repr=False)


@dataclass(frozen=True)
class Space:
    """A space between two words of a line: where it starts and ends in the line's text, how
    wide it is in font sizes, and where the word after it starts across the page (points)."""

    start: int
    end: int
    width: float
    next_left: float


def _other_block(above: PlacedLine, below: PlacedLine, pitches: dict[float, float],
                 columns: list[_Column]) -> bool:
    """Whether ``below`` starts a block of its own under ``above``, though a PDF's text has no
    blank line between blocks: see :func:`other_type_size`, :func:`_opens_block` and
    :func:`_opens_paragraph`."""
    before, after = above.styled, below.styled
    return (other_type_size(before.size, after.size)
            or _opens_block(before, above.baseline, after, below.baseline, pitches)
            or _opens_paragraph(before, above.extent, after, below.extent, columns))


# A line that opens with a short label and a colon: "Promoteur : Hospices Civils de Lyon",
# "Trial registration: NCT…", "Numéro ID-RCB : 2026-A01234-45" (one to four words, the first
# with a capital, none ending a sentence); or with a superscript mark, an affiliation or a
# note under the authors ("¹ Service de cardiologie, CHU de Nantes, France").
_LABEL_START = re.compile(
    r"\s*[A-ZÀ-ÖØ-Þ][\w’'()/.-]*(?:[ \u00a0][\w’'()/.-]+){0,3}[ \u00a0\u202f]?:[ \u00a0]\S"
    r"|\s*[\u00b9\u00b2\u00b3\u2070-\u2079]+[ \u00a0]?[^\W\d_]")


def _opens_labelled_line(above: PlacedLine, below: PlacedLine, columns: list[_Column],
                         span: tuple[float, float] | None) -> bool:
    """Whether ``below`` opens with a label (:data:`_LABEL_START`) under a line that ended
    short: a title page's or a form's lines ("Version 2.1 du 14 octobre 2026" above "Numéro
    ID-RCB : …", "Promoteur : …"), each a paragraph of its own though set with no space or
    indent between them, would otherwise read as one sentence of the whole page. Short of its
    column's edge (:func:`_ends_short`); for a line in no column (a title page's lines are
    centred, each starting elsewhere), short of the page's text ``span`` by more than the next
    line's first word, which would have fitted. Unless the sentence above surely goes on
    (:func:`_runs_on`)."""
    before, after, high, low = above.styled, below.styled, above.extent, below.extent
    size = after.size
    if high is None or low is None or not size or _runs_on(before, after) \
            or not _LABEL_START.match(after.text):
        return False
    tolerance = EDGE_TOLERANCE * size
    column = _column_of(high.left, columns, tolerance)
    if column is not None:
        return _ends_short(high, low, column, size)
    if span is None:
        return False
    room = (span[1] - span[0]) - (high.right - high.left)
    return room > low.first_word + WORD_SPACE * size + tolerance


def _text_span(lines: list[PlacedLine]) -> tuple[float, float] | None:
    """From the left of a page's leftmost line to the right of its rightmost one."""
    extents = [line.extent for line in lines if line.extent is not None]
    if not extents:
        return None
    return min(extent.left for extent in extents), max(extent.right for extent in extents)


def common_size(lines: list[StyledLine]) -> float:
    """The size of most of the page's lines (0 when none has one)."""
    sizes = Counter(line.size for line in lines if line.size)
    return sizes.most_common(1)[0][0] if sizes else 0.0


# Consecutive lines set in sizes this far apart belong to different blocks: the authors'
# line and the abstract under it, a table's rows and the text after the table, a caption.
OTHER_BLOCK_SIZE_RATIO = 1.15


def other_type_size(before: float, after: float) -> bool:
    """Whether two consecutive lines' sizes say they are not one paragraph (a PDF's text has
    no blank line between blocks, so an author line ran on into the first sentence)."""
    if not before or not after:
        return False
    return max(before, after) / min(before, after) >= OTHER_BLOCK_SIZE_RATIO


# Space beyond the usual line spacing, in font sizes, that sets a line apart from the line
# above it: a paragraph's spacing (CSS's 1em, Word's 6 to 12 pt after a paragraph of 11 pt),
# never the looser spacing of a line holding a superscript or an inline formula.
BLOCK_GAP = 0.5


def line_pitches(lines: list[tuple[StyledLine, float | None]]) -> dict[float, float]:
    """The page's line spacing per font size: the most common drop from a line's baseline to
    the next line's, over consecutive lines of that size (the smallest when several are as
    common), so a page's paragraph gaps are no part of it unless they outnumber its lines."""
    drops: dict[float, Counter[float]] = {}
    for (before, high), (after, low) in zip(lines, lines[1:], strict=False):
        if high is None or low is None or before.size != after.size or not after.size:
            continue
        drop = high - low  # PDF coordinates grow upwards
        # A line beside or above the last one is in another column, or a superscript.
        if 0.5 * after.size < drop < 4 * after.size:
            drops.setdefault(after.size, Counter())[round(drop * 2) / 2] += 1
    pitches = {}
    for size, counts in drops.items():
        most = max(counts.values())
        pitches[size] = min(drop for drop, n in counts.items() if n == most)
    return pitches


def _opens_block(before: StyledLine, high: float | None, after: StyledLine, low: float | None,
                 pitches: dict[float, float]) -> bool:
    """Whether ``after`` is set apart from the line above it by more than the line spacing
    while that line ends no sentence: the end of a block that does not end in a stop (an
    author line, an affiliation, a caption) above the next block, which would otherwise run
    on into its first sentence, unless the sentence above surely goes on (:func:`_runs_on`:
    a figure set inside a paragraph)."""
    pitch = pitches.get(after.size)
    if high is None or low is None or pitch is None:
        return False
    if before.text.rstrip().endswith(LINE_END) or _runs_on(before, after):
        return False
    return high - low > pitch + BLOCK_GAP * after.size


# An article ends no block: its noun is on the next line, whatever lies between them.
_ARTICLE_END = re.compile(r"(?<!\S)(?:the|an?|le|la|les|une?)$")


def _runs_on(before: StyledLine, after: StyledLine) -> bool:
    """Whether ``after`` surely goes on the sentence of the line above it, wherever it is set:
    it starts in lower case, or the line above ends with an article (the sentence goes on
    under a figure set inside its paragraph)."""
    return after.text.lstrip()[:1].islower() or bool(_ARTICLE_END.search(before.text.rstrip()))


# A paragraph's first-line indent, in font sizes, from and to: CSS's and LaTeX's 1 to 1.5em,
# Word's half inch (3 to 4em); a line starting further in is centred or a table's cell.
MIN_PARAGRAPH_INDENT = 0.5
MAX_PARAGRAPH_INDENT = 4.0
# Lines that start or end within this of each other, in font sizes, share an edge (a glyph's
# edge is not its advance: a comma ends short of an "e" of a justified line).
EDGE_TOLERANCE = 0.2
MIN_EDGE_LINES = 3  # lines that start at one place before it is a column's edge
# A column is justified when at least this share of its lines followed by a line of their
# paragraph ends at one right edge; ragged lines end all over the width of a word.
JUSTIFIED_SHARE = 0.25
# In a justified column, a line ending short of its edge by this much (font sizes) is the
# last line of a paragraph: the lines before it are stretched to the edge, give or take a
# tenth of the size (the glyph a line ends with).
SHORT_LINE = 0.3
WORD_SPACE = 0.25  # font sizes: a space, between the word that would fit and the line


@dataclass(frozen=True)
class _Column:
    """A column of a page: its left edge, whether its lines are justified, and the right
    edges its full lines end at (several in justified lines: the column's, a quotation's
    indented on the right, an abstract's set across the page above two columns)."""

    left: float
    rights: tuple[float, ...]
    justified: bool


def page_columns(extents: list[Extent], size: float) -> list[_Column]:
    """The page's columns: the left edges where several lines start, less those a paragraph's
    indent to the right of another (where that column's paragraphs start)."""
    if not size:
        return []
    tolerance = EDGE_TOLERANCE * size
    lefts: list[float] = []
    for edge in _edges([extent.left for extent in extents], MIN_EDGE_LINES, tolerance):
        if not any(0 < edge - left <= MAX_PARAGRAPH_INDENT * size for left in lefts):
            lefts.append(edge)
    columns = []
    for left in lefts:
        lines = [extent for extent in extents
                 if _column_left(extent.left, lefts, tolerance) == left]
        # A line followed by one that starts where it starts is a paragraph's line but its
        # last: where justified lines reach their edge.
        inner = [above.right for above, below in zip(lines, lines[1:], strict=False)
                 if abs(below.left - above.left) <= tolerance]
        if _edges(inner, max(MIN_EDGE_LINES, JUSTIFIED_SHARE * len(inner)), tolerance):
            # Every place where several such lines end is an edge: the column's, a quotation's.
            columns.append(_Column(left, tuple(_edges(inner, MIN_EDGE_LINES, tolerance)), True))
        else:  # ragged lines end anywhere short of the column's edge: the widest nears it
            columns.append(_Column(left, (max(line.right for line in lines),), False))
    return columns


def _edges(values: list[float], least: float, tolerance: float) -> list[float]:
    """Positions, in increasing order, that at least ``least`` of ``values`` lie within
    ``tolerance`` of (the middle one of each such run of values)."""
    edges = []
    run: list[float] = []
    for value in [*sorted(values), float("inf")]:
        if run and value - run[0] > tolerance:
            if len(run) >= least:
                edges.append(run[len(run) // 2])
            run = []
        run.append(value)
    return edges


def _column_left(left: float, lefts: list[float], tolerance: float) -> float | None:
    """The left edge of the column a line starting at ``left`` is in, None left of them all."""
    return max((edge for edge in lefts if edge <= left + tolerance), default=None)


def _opens_paragraph(before: StyledLine, high: Extent | None, after: StyledLine,
                     low: Extent | None, columns: list[_Column]) -> bool:
    """Whether ``after`` is the indented first line of a paragraph, or a line centred as the
    line above it is (:func:`_centred_alike`), under a line that ended short of its column's
    edge: a paragraph that ends with no stop (a title, an author line, a list item, a
    caption) above a paragraph marked by its indent alone, which would otherwise run on into
    its first sentence, unless the sentence above surely goes on (:func:`_runs_on`). A line
    that ends with a stop is measured too: "include:" above a list's first item. Under a line
    centred further in than a paragraph's indent, any line is measured: no paragraph's line
    wraps to where such a line starts."""
    if high is None or low is None or not after.size or _runs_on(before, after):
        return False
    tolerance = EDGE_TOLERANCE * after.size
    column = _column_of(low.left, columns, tolerance)
    above = _column_of(high.left, columns, tolerance)
    if column is None:
        return False
    indent = (low.left - column.left) / after.size
    if not (MIN_PARAGRAPH_INDENT <= indent <= MAX_PARAGRAPH_INDENT
            or _centred_alike(high, low, column, tolerance)
            or above is not None and _centred(high, above, tolerance)
            and high.left - above.left > MAX_PARAGRAPH_INDENT * after.size):
        return False
    return _ends_short(high, low, above, after.size)


def _after_paragraph_line(lines: list[PlacedLine], index: int, starts: set[int],
                          columns: list[_Column]) -> bool:
    """Whether the line at ``index``, indented as a paragraph's first line with the line under
    it at its column's left edge, opens a paragraph under a line that ends its own however
    full it is: in paragraphs marked by a first-line indent, a paragraph's next line would
    have started at the left edge, under its first line (indented alike) as under its later
    ones. A block quote's lines all start at its indent (the line under them too, but the
    last); under a hanging indent, an item's first line starts at the left edge under the
    end of the item above, so a later line counts only under a line of its own paragraph,
    one that ended neither short nor with a stop. Unless the sentence above surely goes on
    (:func:`_runs_on`)."""
    above, below = lines[index - 1], lines[index]
    after = lines[index + 1] if index + 1 < len(lines) else None
    column = _first_line_column(below, after, columns)
    if column is None or above.extent is None or _runs_on(above.styled, below.styled):
        return False
    tolerance = EDGE_TOLERANCE * below.styled.size
    if abs(above.extent.left - below.extent.left) <= tolerance:  # the paragraph's first line
        return _opened(lines, index - 1, starts)
    if abs(above.extent.left - column.left) > tolerance or index < 2:
        return False
    before = lines[index - 2]  # a line of the same paragraph as ``above``?
    if before.extent is None or before.styled.text.rstrip().endswith(LINE_END) \
            or _ends_short(before.extent, above.extent, column, above.styled.size):
        return False
    return (abs(before.extent.left - column.left) <= tolerance
            or abs(before.extent.left - below.extent.left) <= tolerance
            and _opened(lines, index - 2, starts))


def _first_line_column(line: PlacedLine, after: PlacedLine | None,
                       columns: list[_Column]) -> _Column | None:
    """The column of ``line`` when it is indented as a paragraph's first line and ``after``,
    the line under it, starts at that column's left edge (None otherwise)."""
    size = line.styled.size
    if line.extent is None or after is None or after.extent is None or not size:
        return None
    tolerance = EDGE_TOLERANCE * size
    column = _column_of(line.extent.left, columns, tolerance)
    if column is None or abs(after.extent.left - column.left) > tolerance:
        return None
    indent = (line.extent.left - column.left) / size
    return column if MIN_PARAGRAPH_INDENT <= indent <= MAX_PARAGRAPH_INDENT else None


def _column_of(left: float, columns: list[_Column], tolerance: float) -> _Column | None:
    """The column a line starting at ``left`` is in."""
    found = _column_left(left, [column.left for column in columns], tolerance)
    return next((column for column in columns if column.left == found), None)


def _ends_short(line: Extent, following: Extent, column: _Column | None, size: float) -> bool:
    """Whether ``line`` ends short of where it would have been wrapped before ``following``:
    in a justified column, anywhere short of the nearest edge at its right; in ragged lines,
    by more than the next line's first word, which would have fitted. A centred line
    (:func:`_centred`, :func:`_centred_alike`) ends short when ``following`` starts elsewhere
    and its first word would have fitted in the line's space on both sides, each as wide as
    its indent (a ragged column's right edge is only its widest line's)."""
    if column is None:
        return False
    tolerance = EDGE_TOLERANCE * size
    gap = _right_edge(line, column, tolerance) - line.right
    next_word = following.first_word + WORD_SPACE * size
    if abs(following.left - line.left) > tolerance and (
            _centred(line, column, tolerance)
            or _centred_alike(line, following, column, tolerance)):
        return 2 * (line.left - column.left) > next_word
    if column.justified:
        return gap > SHORT_LINE * size
    return gap > next_word


def _right_edge(line: Extent, column: _Column, tolerance: float) -> float:
    """The nearest of the column's right edges that ``line`` ends before or at."""
    return min((right for right in column.rights if right >= line.right - tolerance),
               default=line.right)


def _centred_alike(line: Extent, other: Extent, column: _Column, tolerance: float) -> bool:
    """Whether two lines are centred alike, whatever the column's right edge: both start in
    from its left edge, at different places, around one middle (a caption's lines and the
    author line under them; a paragraph's indented first line and the next, ragged, line
    never both start in)."""
    return (min(line.left, other.left) - column.left > tolerance
            and abs(line.left - other.left) > tolerance
            and abs(line.left + line.right - other.left - other.right) <= 2 * tolerance)


def _centred(line: Extent, column: _Column, tolerance: float) -> bool:
    """Whether ``line`` is indented as far from its column's left edge as it ends short of
    the edge at its right."""
    indent = line.left - column.left
    return indent > tolerance and abs(_right_edge(line, column, tolerance) - line.right
                                      - indent) <= tolerance
