"""A PDF table's header row, from the page's layout: the lines above a table's first row that
name its columns ("Characteristic", "Walkers (n = 298)", "Non-walkers (n = 314)").

A header row says nothing by itself, and set in bold it would read as a section's heading.
Above the first row of a table (:func:`~checker.documents.tables.row_like`), going up, a
line is the header's while it is set in the rows' size, starts over the table, ends no
sentence, is no caption ("Table 1. …") and shows that it is set in cells: a gap between its
words no word space makes (:func:`~checker.documents.tables.has_cell_gap`), a start right of
the table's left edge (a later column's cell, or a cell wrapped onto two lines), or a place
beside the line under it rather than above it (a cell set level with the next column's).
"""

from __future__ import annotations

from .pdf_blocks import EDGE_TOLERANCE, PlacedLine, other_type_size
from .tables import LEADING_LABEL, ends_with_figure, has_cell_gap

# A header row wraps its cells over a few lines at most; more lines above a table are text.
MAX_HEADER_LINES = 6
# A sentence's end, which no header cell has (a bracket or a colon may end a cell: "(n = 52)").
_SENTENCE_END = (".", "!", "?")


def header_lines(lines: list[PlacedLine]) -> set[int]:
    """Indices of the ``lines`` that make a table's header row, above each table's first
    row; a line under the header that wraps the first row's label ("Body mass index, kg/"
    over "m² 26.1 (4.3) …") is the row's, not the header's."""
    found: set[int] = set()
    for index, line in enumerate(lines):
        if not line.row or _in_table(lines, index):
            continue
        extents = [row.extent for row in _table_rows(lines, index) if row.extent is not None]
        if not extents:
            continue
        left = min(extent.left for extent in extents)
        right = max(extent.right for extent in extents)
        tolerance = EDGE_TOLERANCE * line.styled.size
        above = index - 1
        # The first row's label wrapped onto the line above it, at the table's left edge.
        if above >= 1 and _wraps_label(lines[above], line, left, tolerance) \
                and _in_header(lines, above - 1, line, left, right, tolerance):
            above -= 1
        run: list[int] = []
        while above >= 0 and len(run) < MAX_HEADER_LINES \
                and _in_header(lines, above, line, left, right, tolerance):
            run.append(above)
            above -= 1
        found.update(run)
    return found


def _in_table(lines: list[PlacedLine], index: int) -> bool:
    """Whether the row at ``index`` follows another of its table (maybe under a line that
    wraps its label)."""
    if index >= 1 and lines[index - 1].row:
        return True
    return index >= 2 and lines[index - 2].row and not lines[index - 1].row \
        and lines[index - 1].styled.size == lines[index].styled.size


def _table_rows(lines: list[PlacedLine], first: int) -> list[PlacedLine]:
    """The rows of the table whose first row is at ``first``."""
    rows = [lines[first]]
    for index in range(first + 1, len(lines)):
        if lines[index].row:
            rows.append(lines[index])
        elif index + 1 >= len(lines) or not _in_table(lines, index + 1):
            break  # neither a row nor a row's wrapped label
    return rows


def _wraps_label(line: PlacedLine, row: PlacedLine, left: float, tolerance: float) -> bool:
    """Whether ``line`` is the first line of ``row``'s label, wrapped: at the table's left
    edge, in the row's size, ending no sentence, with no gap between cells."""
    return (line.extent is not None and abs(line.extent.left - left) <= tolerance
            and line.styled.size == row.styled.size and not line.row
            and not line.styled.text.rstrip().endswith(_SENTENCE_END)
            and not has_cell_gap(_gaps(line)))


def _in_header(lines: list[PlacedLine], index: int, row: PlacedLine, left: float,
               right: float, tolerance: float) -> bool:
    """Whether the line at ``index`` is a line of the header row of the table whose first
    row is ``row``, spanning ``left`` to ``right``."""
    line = lines[index]
    text = line.styled.text.strip()
    if line.row or line.extent is None or other_type_size(line.styled.size, row.styled.size) \
            or text.endswith(_SENTENCE_END) or LEADING_LABEL.match(text):
        return False
    # A header's cell may be wider than the figures under it (left-aligned in their column),
    # but starts over the table.
    if not left - tolerance <= line.extent.left <= right:
        return False
    below = lines[index + 1]
    beside = (line.baseline is not None and below.baseline is not None
              and line.baseline <= below.baseline + tolerance)
    return line.extent.left > left + tolerance or beside or has_cell_gap(_gaps(line))


def _gaps(line: PlacedLine) -> list[float]:
    return line.word_gaps() if line.word_gaps is not None else []


# A table found from its columns alone: at least this many rows, one after the other, each
# ending with figures and sharing a column with the row above it ...
MIN_ALIGNED_ROWS = 3
# ... of which at least this many set a gap between two of their words this wide (in font
# sizes) and twice their narrowest: closer than a table's usual gap (``CELL_GAP``), but no
# word space of a line, justified or not, is twice another's.
MIN_GAPPED_ROWS = 2
CLOSE_CELL_GAP = 0.75


def aligned_rows(lines: list[PlacedLine]) -> set[int]:
    """Indices of the ``lines`` that are rows of a table whose cells are set closer than
    :func:`~checker.documents.tables.row_like` asks, or whose rows hold one figure
    ("Randomised 104"): consecutive lines of one size, each ending with a cell of figures
    (:func:`~checker.documents.tables.ends_with_figure`), each sharing a column with the
    line above it (a word starting, or ending, where one of its words does), and some of
    them with a gap between cells (``MIN_GAPPED_ROWS``, ``CLOSE_CELL_GAP``)."""
    found: set[int] = set()
    run: list[int] = []
    for index in range(len(lines) + 1):
        line = lines[index] if index < len(lines) else None
        ends = line is not None and (line.row or ends_with_figure(line.styled.text))
        if ends and run and lines[run[-1]].styled.size == line.styled.size \
                and _share_a_column(lines[run[-1]], line):
            run.append(index)
            continue
        if len(run) >= MIN_ALIGNED_ROWS and sum(
                lines[at].row or has_cell_gap(_gaps(lines[at]), CLOSE_CELL_GAP)
                for at in run) >= MIN_GAPPED_ROWS:
            found.update(at for at in run if not lines[at].row)
        run = [index] if ends else []
    return found


def _share_a_column(above: PlacedLine, below: PlacedLine) -> bool:
    """Whether a word of ``below`` other than its first starts or ends where one of
    ``above``'s does (the edges of a table's column; a line's first word starts at its
    paragraph's edge)."""
    tolerance = EDGE_TOLERANCE * below.styled.size
    high, low = _edges(above)[1:], _edges(below)[1:]
    return any(abs(left - other_left) <= tolerance or abs(right - other_right) <= tolerance
               for left, right in low for other_left, other_right in high)


def _edges(line: PlacedLine) -> list[tuple[float, float]]:
    return line.word_edges() if line.word_edges is not None else []
