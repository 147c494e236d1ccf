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
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

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
