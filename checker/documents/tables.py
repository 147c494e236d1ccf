"""Tables and captions in a document's text: a caption's bare label ("Table 1.", "Figure 2",
« Tableau 1. ») and a table's rows ("Age, years 63.2 (8.1) 64.0 (7.9)").

A label alone says nothing a reviewer can defend, and a row of figures is no sentence: neither
is a quotation to propose while a sentence says the same. In a PDF, a table's rows are found
from the page's layout (:func:`row_like`: cells set apart by a gap no word space makes) and
read as units of their own, not run together into one long "sentence" of numbers.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

# A caption's label: "Table 1", "Table S2", "Fig. 3", "Figure 2b", "Supplementary Table 1",
# "Tableau 1", "Tableau II", with maybe its full stop or colon.
_LABEL = (r"(?:(?:supplementary|additional|suppl\.?|supplemental)\s+)?"
          r"(?:tables?|tableaux?|fig\.?|figs\.?|figures?)\s*(?:S?\d{1,3}[a-z]?|(?-i:[IVX]{1,5}))"
          r"(?!\w)")
_CAPTION_LABEL = re.compile(r"\W*" + _LABEL + r"\s*[.:\u2013\u2014-]?[\s*_\"'»”)\]]*",
                            re.IGNORECASE)
# The label at the start of a sentence, before its full stop: "Table 1" in "Table 1. Baseline
# characteristics …", where the stop ends no sentence.
LEADING_LABEL = re.compile(r"[ \t\n]*(?:[*_]{1,2})?" + _LABEL + r"(?:[*_]{1,2})?",
                           re.IGNORECASE)

# A caption's opening: its label, then its stop ("Fig. 2. CONSORT flow diagram.", « Tableau 1 :
# Calendrier des visites ») or a capital ("Figure 1 Trial Overview"); "Figure 1 shows the
# timeline" and "Table 2 summarizes the criteria" are sentences that refer to one.
_CAPTION_OPENING = re.compile(r"\W*" + _LABEL
                              + r"(?P<stop>[*_]*\s*[.:|\u2013\u2014-](?=[\s*_]|$))?[\s*_\"'«“]*",
                              re.IGNORECASE)


def is_caption_sentence(text: str) -> bool:
    """Whether ``text`` is a table's or figure's caption with what it shows ("Figure 1 Trial
    Overview", "Fig. 2. Timeline of the study"): it names what a figure shows, where a
    sentence would state it, so it is quoted after the sentences (see
    checker/evidence/suggest.py). Not a bare label (:func:`is_caption_label`), nor a sentence
    that opens with one ("Figure 5 shows the study timeline.")."""
    match = _CAPTION_OPENING.match(text)
    if match is None or match.end() == len(text):
        return False
    return match.group("stop") is not None or text[match.end()].isupper()


# A caption's label and its stop at the start of a caption: "Fig. 2. " of "Fig. 2. CONSORT
# flow diagram." ("Table 1 shows …" opens with none).
_LABEL_PREFIX = re.compile(r"\W*" + _LABEL + r"\s*[.:\u2013\u2014-]\s*", re.IGNORECASE)


def without_label(text: str) -> str:
    """``text`` without the label its caption opens with: what the caption says, whose words
    are counted as any sentence's (a label adds none)."""
    match = _LABEL_PREFIX.match(text)
    return text[match.end():] if match else text


def is_caption_label(text: str) -> bool:
    """Whether ``text`` is only a caption's label ("Table 1.", "Figure 2", « Tableau 1. »):
    it names a table or a figure without saying what it shows."""
    return _CAPTION_LABEL.fullmatch(text) is not None


# A cell of figures: a number, maybe signed, bracketed, a percentage, a range or an
# interval ("63.2", "(8.1)", "95%", "0.55–0.92", "<0.001", "1,234"); a word with a letter
# in it ("SF-36", "n=298"), an open bracket ("(60") or a number that a comma or a stop
# follows ("August 2, 2012", "in 2014.") is no cell of figures.
_FIGURE = re.compile(r"\(?[<>≤≥±=−–+-]?\d(?:[\d.,·:/%−–-]*[\d%])?\)"
                     r"|\[?[<>≤≥±=−–+-]?\d(?:[\d.,·:/%−–-]*[\d%])?\]"
                     r"|[<>≤≥±=−–+-]?\d(?:[\d.,·:/%−–-]*[\d%])?")
MIN_ROW_FIGURES = 2
# French sets a space before "%" ("10,4 %"): the percentage is one cell.
_SPACED_PERCENT = re.compile(r"(?<=\d)[ \u00a0\u202f]+(?=%)")
# Of a table's row, at least this share of the words are figures ("Body mass index, kg/m²
# 26.1 (4.3) 27.4 (4.9)").
ROW_FIGURE_SHARE = 1 / 3


def _words(text: str) -> list[str]:
    """The words of ``text`` as its figures are counted: a percentage set after a space is
    one word, and the " | " between a table's cells none."""
    return [word for word in _SPACED_PERCENT.sub("", text).split() if word != "|"]


def _figures(words: list[str]) -> list[bool]:
    return [_FIGURE.fullmatch(word) is not None and word.count("(") == word.count(")")
            for word in words]


def is_table_row(text: str) -> bool:
    """Whether ``text`` reads as a row of a table rather than a sentence: it ends with two
    cells of figures, and figures make a third of its words or more ("Age, years 63.2 (8.1)
    64.0 (7.9)"), its cells maybe " | " apart. A date ("Registered 26 May 2014.", "August 2,
    2012") is no row."""
    words = _words(text)
    figures = _figures(words)
    return (len(words) >= MIN_ROW_FIGURES and all(figures[-MIN_ROW_FIGURES:])
            and sum(figures) >= ROW_FIGURE_SHARE * len(words))


# Between two cells of a table's row, in font sizes, at least: wider than a word space.
CELL_GAP = 1.5
# A justified line stretches all its word spaces alike; a row's widest gap, between two
# cells, is at least this many times its narrowest, between two words of a cell.
CELL_GAP_RATIO = 2.0


def row_like(text: str, word_gaps: Callable[[], list[float]]) -> bool:
    """Whether a PDF line is a table's row: figures making the row (:func:`is_table_row`),
    cells set apart by a gap wider than ``CELL_GAP`` and ``CELL_GAP_RATIO`` times the
    narrowest of the line's gaps between words (``word_gaps()``, in font sizes, measured only
    for a line of figures), which a justified line with few words, its spaces stretched
    alike, never has."""
    if not is_table_row(text):
        return False
    gaps = word_gaps()
    return len(gaps) >= 2 and has_cell_gap(gaps)


def has_cell_gap(gaps: list[float], least: float = CELL_GAP) -> bool:
    """Whether a line whose words are ``gaps`` apart (in font sizes) sets two of them apart
    as a table sets its cells: wider than ``least``, and ``CELL_GAP_RATIO`` times the
    narrowest gap when there are several."""
    if not gaps:
        return False
    widest, narrowest = max(gaps), min(gaps)
    return widest >= least and (len(gaps) == 1
                                or widest >= CELL_GAP_RATIO * max(narrowest, 0.0))


def ends_with_figure(text: str) -> bool:
    """Whether ``text``'s last word is a cell of figures ("Randomised 104", "Age 63.2 (8.1)"),
    as a table's row ends (a sentence's last number has its stop: "in 2014.")."""
    words = _words(text)
    return bool(words) and _figures(words[-1:])[0]


# A unit this long, with figures making a third of its words or more as in a table's rows,
# is rows run together (a table the layout gave no clue to cut): no sentence of this length
# is so full of figures.
TABLE_RUN = 300


# A DOCX or ODT table's row is read as its cells " | " apart (a Markdown table's row is
# written so too): with three cells or more it is a grid's row ("Informed consent | X |  | X"),
# not a sentence; a two-cell row is often a sentence beside its label ("Sponsor | University
# of Lyon").
_CELL_SEPARATOR = re.compile(r"(?:^|\s)\|(?=\s|$)")
ROW_CELL_SEPARATORS = 2


def in_cells(text: str) -> bool:
    """Whether a unit of the text is a table's row read with its cells " | " apart: a
    summary table's two-cell row ("Ethics approval | Approved by the regional committee",
    « Intervention | Douze séances … dispensées par des kinésithérapeutes ») labels what a
    sentence of the text states in full, so it is quoted after the sentences of its place,
    as a caption is (see checker/evidence/suggest.py); with more cells, only when no sentence
    says as much (:func:`quoted_last`)."""
    return _CELL_SEPARATOR.search(text) is not None


def quoted_last(text: str) -> bool:
    """Whether a unit of the text is quoted only when no sentence says as much: a table's
    row (:func:`is_table_row`, or three cells or more " | " apart), or rows run together
    (``TABLE_RUN`` characters or more, a third of them figures or more)."""
    if is_table_row(text) or len(_CELL_SEPARATOR.findall(text)) >= ROW_CELL_SEPARATORS:
        return True
    if len(text) < TABLE_RUN:
        return False
    words = _words(text)
    return sum(_figures(words)) >= ROW_FIGURE_SHARE * len(words)


# A header row's cell names its column in a few words ("Outcome measure", "Time points",
# "6 months", « Critère de jugement »), ending no sentence.
MAX_HEADER_CELL_WORDS = 5
_SENTENCE_END = (".", "!", "?", ";")


def names_columns(text: str) -> bool:
    """Whether a table's row read " | " apart (``text``) could be its header row: two cells
    or more, each one filled holding a column's name (``MAX_HEADER_CELL_WORDS`` words or fewer,
    ending no sentence). The row's style tells a header from a body row of short cells
    ("Sponsor | University of Lyon"): that is the caller's to judge."""
    cells = [cell.strip() for cell in _CELL_SEPARATOR.split(text)]
    filled = [cell for cell in cells if cell]
    return len(cells) >= 2 and len(filled) >= 2 and all(
        len(cell.split()) <= MAX_HEADER_CELL_WORDS and not cell.endswith(_SENTENCE_END)
        for cell in filled)


def rows_under(texts: Sequence[str], header: re.Pattern[str]) -> list[int]:
    """Positions in ``texts`` of the body rows of each table whose header ``header`` matches:
    a table is a run of consecutive units with cells " | " apart, its header its first row
    (« Séance | Thème | Pratiques principales » over « 1 | Le pilote automatique | … »);
    the header itself is not among them."""
    rows: list[int] = []
    in_table = headed = False
    for position, text in enumerate(texts):
        if not _CELL_SEPARATOR.search(text):
            in_table = False
        elif not in_table:
            in_table, headed = True, bool(header.search(text))
        elif headed:
            rows.append(position)
    return rows
