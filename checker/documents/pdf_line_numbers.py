"""Line numbers in the margin of a manuscript sent to reviewers: journals' submission systems
and Word's line numbering set a number beside every line (or every fifth), outside the text's
column. PDFium reads them either as lines of their own, after or before the page's text (a
number stamped on the page), or as the first or last word of the line they sit beside. Read as
text, they cut the sentence that runs past them ("… the grant (subside 12 13 14 … 32003B)")
and push the running heads out of the page's margins, so they are left out of the page's text.

A number is a line number when it is a word of its own set left of all the page's text (its
right edge at least half a font size before the leftmost start of the page's other lines:
a table of numbered items, a checklist's, starts under its caption) and, with the page's
other such numbers read from top to bottom, it goes up by one step (1, or 5 when every fifth
line is numbered) at least four times out of five, on five numbers or more; on a page after
one with line numbers, any such numbers going on from its last (a short last page, every
fifth line numbered). A list's numbers ("1.", "2)"),
references and table cells are set inside the text; a page number sits under it.

The numbers are not thrown away: a reviewer cites "p. 7, l. 212". Each line of the page keeps
the number beside it, or the nearest one above it (:func:`line_marks`); where every fifth line
is numbered, the lines between are counted from the number above when they can be (as many
lines between two numbers as the numbering counts, or evenly set below the page's last
number), else the line is given as the span it is in ("l. 210–214"), never a number guessed.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from .model import LineMark

MIN_NUMBERS = 5  # on one page
# Of the steps between a page's numbers read from top to bottom, those of its most common
# step (1, or 5 when every fifth line is numbered).
SAME_STEP_SHARE = 0.8
GAP = 0.5  # between a line number's right edge and the text's left edge, in font sizes


@dataclass(frozen=True)
class NumberWord:
    """A word of digits alone on its line or at its start or end: its value, where it is on
    the page (points), its font size, and where it is in the page's text."""

    value: int
    right: float
    baseline: float
    size: float
    start: int
    end: int


def line_numbers(numbers: list[NumberWord], line_lefts: list[float],
                 after: int | None = None) -> list[NumberWord]:
    """The ``numbers`` of a page that are its margin's line numbers, given where the page's
    lines of text (their words other than such numbers) start across the page, and the last
    line number of the page before, if it has them."""
    if not line_lefts:
        return []
    text_left = min(line_lefts)
    outside = [number for number in numbers
               if number.right <= text_left - GAP * max(number.size, 1.0)]
    ordered = sorted(outside, key=lambda number: -number.baseline)
    values = [number.value for number in ordered]
    if after is not None and values and values[0] > after:
        values.insert(0, after)
    elif len(values) < MIN_NUMBERS:
        return []
    steps = [high - low for low, high in zip(values, values[1:], strict=False)]
    if not steps:
        return []
    step, count = Counter(steps).most_common(1)[0]
    if step <= 0 or count < SAME_STEP_SHARE * len(steps):
        return []
    return outside


# A number sits beside a line when their baselines are this close, in the number's font
# sizes: a submission system's stamp may sit a point or two off the line's baseline.
SAME_LINE = 0.4
# Lines between two numbers are counted when their pitches are this alike (a share of it).
EVEN_PITCH = 0.15


def line_marks(numbers: list[NumberWord], baselines: list[float | None],
               ) -> list[LineMark | None]:
    """Per line of a page (its baseline in ``baselines``, None when unknown), its line
    number given the page's margin ``numbers`` (:func:`line_numbers`): the number beside it,
    or counted from the nearest number above it when every fifth line is numbered and the
    lines between are evenly set, else the span it is in; None above the page's first
    number, well below its last, and on a page without numbers."""
    ordered = sorted(numbers, key=lambda number: -number.baseline)
    if not ordered:
        return [None] * len(baselines)
    step = _step(ordered)
    pitch = _pitch(ordered, step)
    rows = sorted({round(baseline) for baseline in baselines if baseline is not None},
                  reverse=True)
    return [None if baseline is None else _mark(baseline, ordered, step, pitch, rows)
            for baseline in baselines]


def _step(ordered: list[NumberWord]) -> int:
    steps = [low.value - high.value for high, low in zip(ordered, ordered[1:], strict=False)]
    found = Counter(step for step in steps if step > 0).most_common(1)
    return found[0][0] if found else 1


def _pitch(ordered: list[NumberWord], step: int) -> float:
    """The page's line pitch, from the numbers one step apart (a line's font size and a half
    when they are too few)."""
    pitches = sorted((high.baseline - low.baseline) / step
                     for high, low in zip(ordered, ordered[1:], strict=False)
                     if low.value - high.value == step)
    return pitches[len(pitches) // 2] if pitches else 1.5 * ordered[0].size


def _mark(baseline: float, ordered: list[NumberWord], step: int, pitch: float,
          rows: list[int]) -> LineMark | None:
    tolerance = SAME_LINE * max(ordered[0].size, 1.0)
    above = [number for number in ordered if number.baseline >= baseline - tolerance]
    if not above:
        return _counted_up(baseline, ordered[0], step, pitch, rows)
    number = above[-1]
    if number.baseline - baseline <= tolerance:
        return LineMark(number.value)
    below = ordered[len(above)] if len(above) < len(ordered) else None
    if below is None and number.baseline - baseline > step * pitch + tolerance:
        return None  # a footnote, a figure's text far below the numbered lines
    if step == 1:
        # A line the numbering skipped: a reviewer names it by the number above.
        return LineMark(number.value)
    counted = _counted(baseline, number, below, step, pitch, rows)
    if counted is not None:
        return LineMark(number.value + counted)
    last = below.value - 1 if below is not None else number.value + step - 1
    return LineMark(number.value, last) if last > number.value else LineMark(number.value)


def _counted(baseline: float, number: NumberWord, below: NumberWord | None, step: int,
             pitch: float, rows: list[int]) -> int | None:
    """How many lines below ``number`` the line at ``baseline`` is; None when they cannot be
    counted reliably. The page's lines (``rows``: their baselines, rounded, top first) from
    the number down to the next (``below``) must be as many as the numbers count (a heading's
    space above it aside: the numbering counts lines, not their spacing); with no number
    below (the page's last numbered line), the lines down to this one must be evenly set and
    fewer than a step. A blank line, which the numbering counts and the text does not hold,
    or a table's rows, which it does not count, leave them uncounted."""
    if below is not None:
        between = [row for row in rows if below.baseline + 1 < row < number.baseline - 1]
        if len(between) != below.value - number.value - 1:
            return None
    else:
        between = [row for row in rows if baseline - 0.5 < row < number.baseline - 1]
        gaps = [high - low for high, low in zip([number.baseline, *between], between,
                                                strict=False)]
        if len(between) >= step or any(abs(gap - pitch) > EVEN_PITCH * pitch
                                       for gap in gaps):
            return None
    index = next((i for i, row in enumerate(between) if abs(row - baseline) <= 1), None)
    return None if index is None else index + 1


def _counted_up(baseline: float, first: NumberWord, step: int, pitch: float,
                rows: list[int]) -> LineMark | None:
    """The line number of a line above the page's ``first`` number, every fifth line
    numbered (lines 1 to 4 of a manuscript, or the page's first lines before its first
    multiple of 5): counted up from the number, where the lines between are evenly set and
    fewer than a step; None otherwise (a title, a running head above the numbered lines)."""
    if step == 1 or baseline - first.baseline > (step - 1) * pitch + SAME_LINE * first.size:
        return None
    between = sorted(row for row in rows if first.baseline + 1 < row < baseline + 1.5)
    gaps = [high - low for low, high in zip([first.baseline, *between], between,
                                            strict=False)]
    if any(abs(gap - pitch) > EVEN_PITCH * pitch for gap in gaps):
        return None
    value = first.value - len(between)
    return LineMark(value) if between and value >= 1 else None
