"""A PDF table's header row, from the page's layout: the lines above a table's first row that
name its columns ("Characteristic", "Walkers (n = 298)", "Non-walkers (n = 314)").

A header row says nothing by itself, and set in bold it would read as a section's heading.
Above the first row of a table (:func:`~checker.documents.tables.row_like`), going up, a
line is the header's while it is set in the rows' size, starts over the table, ends no
sentence, is no caption ("Table 1. …") and shows that it is set in cells: a gap between its
words no word space makes (:func:`~checker.documents.tables.has_cell_gap`), a start right of
the table's left edge (a later column's cell, or a cell wrapped onto two lines), or a place
beside the line under it rather than above it (a cell set level with the next column's).

A table of text has no row of figures to find its header above: its first row set in cells
is its header when it names its columns in bold over rows that are not bold
(:func:`text_header_lines`).

A table's rows, and where their cells part (:func:`cell_spaces`, :func:`beside_labels`):
read " | " apart, as a DOCX's row is, a row of text reads as what it is ("Who provided |
Three registered physiotherapists …"), not as a sentence of broken English.
"""

from __future__ import annotations

import re

from .pdf_blocks import EDGE_TOLERANCE, PlacedLine, Space, other_type_size
from .tables import (
    CELL_GAP,
    CELL_GAP_RATIO,
    LEADING_LABEL,
    ends_with_figure,
    has_cell_gap,
    names_columns,
)

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


# A line's first cell that is only a list's, a note's or a heading's mark ("1.", "•", "(a)",
# "[12]", "*", "2.1"): the space after it is a hanging indent's or a tab's, not a table's.
_MARK = re.compile(r"[\W_]*(?:\d{1,3}(?:\.\d{1,3})*|[^\W\d_]|[ivxIVX]{1,4})?[\W_]*")
# A row's label, its first cell, is a few words: "When and how much", « Quand et combien »
# (the space after it is among its first spaces).
MAX_LABEL_WORDS = 4
# A line of text is set in cells when a line this near it (in lines) starts a cell at the
# same place: a table's column ("Who provided  Three registered physiotherapists …" and
# "Where  Sessions took place …").
COLUMN_REACH = 8


def cell_spaces(lines: list[PlacedLine]) -> dict[int, list[Space]]:
    """Per index of the ``lines`` that are a table's rows set in cells, the spaces between
    its cells. A space is a cell's edge when it is wide (:func:`_wide_spaces`) on a row of
    figures or a header row, or on a line of text whose first cell is no list mark when a
    line near it (``COLUMN_REACH``, in its size) has a wide space at the same place (a
    table's column); then on each of these rows, so is any space before a word that starts
    where a column starts on a row near it (a cell as wide as its column leaves a word space
    before the next), and on a line of text near them, its first space as wide as
    ``CLOSE_CELL_GAP`` before a word that starts there (a label as wide as its column)."""
    wide: dict[int, list[Space]] = {}
    text_rows: set[int] = set()
    for index, line in enumerate(lines):
        table = line.row or line.header
        if line.spaces is None:
            continue
        # A line of text is measured only after its label's words first: it costs calls into
        # PDFium.
        if not table and not _wide_spaces(line.spaces(MAX_LABEL_WORDS), CELL_GAP):
            continue
        found = _wide_spaces(line.spaces(), CLOSE_CELL_GAP if table else CELL_GAP)
        if found and (table or not _MARK.fullmatch(line.styled.text[:found[0].start])):
            wide[index] = found
            if not table:
                text_rows.add(index)
    rows = {index: spaces for index, spaces in wide.items()
            if index not in text_rows or any(
                _same_column(lines, index, other, spaces, wide[other]) for other in wide)}
    cells: dict[int, list[Space]] = {}
    for index, line in enumerate(lines):
        if line.spaces is None:
            continue
        starts = [space.next_left for other, spaces in rows.items() if other != index
                  and _near(lines, index, other) for space in spaces]
        if not starts:
            continue
        tolerance = EDGE_TOLERANCE * line.styled.size
        if index in rows or line.row or line.header:
            spaces = line.spaces()
        else:  # a row of text whose label leaves less than a table's usual gap
            spaces = _wide_spaces(line.spaces(MAX_LABEL_WORDS), CLOSE_CELL_GAP)[:1]
            if not spaces or _MARK.fullmatch(line.styled.text[:spaces[0].start]):
                continue
        found = [space for space in spaces if space in rows.get(index, ()) or any(
            abs(space.next_left - start) <= tolerance for start in starts)]
        if found:
            cells[index] = found
    return cells


def _near(lines: list[PlacedLine], index: int, other: int) -> bool:
    return abs(other - index) <= COLUMN_REACH \
        and lines[other].styled.size == lines[index].styled.size


def _same_column(lines: list[PlacedLine], index: int, other: int, spaces: list[Space],
                 others: list[Space]) -> bool:
    """Whether the line at ``other``, near the line at ``index``, starts a cell (after one of
    ``others``) where it does (after one of ``spaces``)."""
    tolerance = EDGE_TOLERANCE * lines[index].styled.size
    return other != index and _near(lines, index, other) and any(
        abs(space.next_left - mine.next_left) <= tolerance for space in others for mine in spaces)


def _wide_spaces(spaces: list[Space], least: float) -> list[Space]:
    """The spaces of a line as wide as a table's cells are set apart: ``least`` font sizes,
    and ``CELL_GAP_RATIO`` times the narrowest when there are several (a justified line
    stretches all its spaces alike)."""
    if len(spaces) > 1:
        least = max(least, CELL_GAP_RATIO * min(space.width for space in spaces))
    return [space for space in spaces if space.width >= least]


# A table's row label wraps over a few lines at most.
MAX_LABEL_LINES = 4


def beside_labels(lines: list[PlacedLine], cells: dict[int, list[Space]]) -> dict[int, int]:
    """The lines that are the next cell of a table's row whose first cell, its label, is
    wrapped over lines ("When and how" over "much", then "Twelve 45-minute sessions …" set
    level with "When and how"), each with the index of the label's first line: a line set
    level with a line above it (on its baseline, in its size), at the place where a cell
    of a row near it starts (:func:`cell_spaces`), right of that line and of every line
    since. PDFium gives a cell's lines before the next cell's, and starts a line for the
    next cell, as it is set back up."""
    found: dict[int, int] = {}
    for index, line in enumerate(lines):
        if line.header or line.baseline is None or line.extent is None:
            continue
        tolerance = EDGE_TOLERANCE * line.styled.size
        if not any(abs(other - index) <= COLUMN_REACH
                   and any(abs(space.next_left - line.extent.left) <= tolerance
                           for space in spaces)
                   for other, spaces in cells.items()):
            continue
        for first in range(index - 1, max(-1, index - 1 - MAX_LABEL_LINES), -1):
            label = lines[first]
            if label.header or label.baseline is None or label.extent is None \
                    or label.styled.size != line.styled.size \
                    or label.extent.right >= line.extent.left:
                break
            if abs(label.baseline - line.baseline) <= tolerance:
                found[index] = first
                break
    return found


def text_header_lines(lines: list[PlacedLine], table_rows: set[int],
                      beside: dict[int, int]) -> set[int]:
    """Indices of the ``lines`` that make the header row of a table of text ("Outcome measure
    | Time points" over "SCAS-C child anxiety | Baseline, 6 and 12 months"): the first row
    of the lines set in cells (``table_rows``; a row whose label wraps is its label's lines
    to the cell beside it, ``beside``), wholly bold, naming columns
    (:func:`~checker.documents.tables.names_columns`), over a row that is not wholly bold
    (where a table sets its labels in bold, only its header row is bold throughout). The
    ``lines`` read their cells " | " apart."""
    rows = _rows_of(sorted(table_rows), {label: cell for cell, label in beside.items()})
    found: set[int] = set()
    for at, (first, last) in enumerate(rows[:-1]):
        line = lines[first]
        if at and 0 < first - rows[at - 1][1] <= COLUMN_REACH \
                and lines[rows[at - 1][1]].styled.size == line.styled.size:
            continue  # a row under another: not the table's first
        header = range(first, last + 1)
        below = range(rows[at + 1][0], rows[at + 1][1] + 1)
        if rows[at + 1][0] - last > COLUMN_REACH or any(
                lines[index].row or lines[index].header for index in header):
            continue
        text = " ".join(lines[index].styled.text.strip() for index in header[:-1])
        text = (text + " | " if text else "") + lines[last].styled.text.strip()
        if all(_bold(lines[index]) for index in header) \
                and not all(_bold(lines[index]) for index in below) and names_columns(text):
            found.update(header)
    return found


def _rows_of(indices: list[int], cells: dict[int, int]) -> list[tuple[int, int]]:
    """The rows of tables set in cells, as the (first, last) indices of their lines: a
    label's first line runs to the cell beside it (``cells``), any other line is a row."""
    rows: list[tuple[int, int]] = []
    for index in indices:
        if rows and index <= rows[-1][1]:
            continue  # a line of the label above
        rows.append((index, cells.get(index, index)))
    return rows


def _bold(line: PlacedLine) -> bool:
    return line.styled.bold and line.styled.uniform


def after_rows(lines: list[PlacedLine], table_rows: set[int],
               beside: dict[int, int]) -> set[int]:
    """Indices of the lines right after a table's row set in cells (``table_rows``; a row
    whose label wraps is read from its label's first line, ``beside``) that start a block of
    their own: no row's line, starting where the row does or left of it, as the paragraph
    after a table does ("Pupils complete …" under "Strengths and Difficulties Questionnaire
    | Baseline and 12 months"), where a cell's wrapped line starts right of the row's first
    cell. A row whose cells end with no stop would otherwise run on into it."""
    found: set[int] = set()
    for index in table_rows:
        after = index + 1
        first = lines[beside.get(index, index)].extent
        line = lines[after] if after < len(lines) else None
        if after in table_rows or line is None or line.extent is None or first is None:
            continue
        if line.extent.left <= first.left + EDGE_TOLERANCE * line.styled.size:
            found.add(after)
    return found
