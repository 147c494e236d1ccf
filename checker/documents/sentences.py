"""Sentence segmentation for English and French scientific text.

Rule-based on purpose: it must run offline on a CPU, keep exact character offsets, and not
split at the abbreviations that fill methods sections ("e.g.", "et al.", "Fig.", "n°", "p.").
"""

from __future__ import annotations

import re

from .list_marks import starts_bullet, starts_item
from .tables import LEADING_LABEL

ABBREVIATIONS = {
    # English
    "e.g", "i.e", "al", "fig", "figs", "vs", "v", "dr", "mr", "mrs", "ms", "prof", "no", "nos",
    "approx", "ca", "cf", "eq", "ref", "refs", "resp", "sd", "st", "vol", "ed", "eds", "inc",
    "ltd", "co", "corp", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct",
    "nov", "dec", "min", "max", "tab", "suppl", "p", "pp", "incl", "dept", "univ",
    # French
    "mme", "mmes", "mlle", "m", "mm", "pr", "n°", "env", "chap", "éd", "hab", "tél",
    "janv", "févr", "avr", "juil", "déc", "art", "ex", "réf", "tabl", "coll",
}
# A sentence's end: its stops, closing quotes and brackets (a French "»" after a space), then
# maybe a citation number set after a word's full stop ("survivors.12", "blinded.[12]",
# "(ISRCTN98765432).1"; never after a number's: "2.5 mg" is no sentence end).
_END = r"[.!?…]+(?:[\"'”’»)\]]|[ \u00a0\u202f]»)*"
_CITATION = (r"(?:(?<=[^\W\d_]\.|\)\.)(?:\[\d{1,3}(?:[,–-]\d{1,3})*\]"
             r"|\d{1,3}(?:[,–-]\d{1,3})*))?")
_BOUNDARY = re.compile(_END + _CITATION + r"[ \t\n]+")
# A sentence starts with a capital, a number or a list mark, maybe after an opening quote or
# bracket, or a bold or italic mark ("… la réduire. **Méthodes.** Essai …").
_NEXT_START = re.compile(r"(?:[\"'“‘«(\[]|\*{1,2}|_{1,2})?\s*[A-ZÀ-ÖØ-Þ0-9•\-–]")
_WORD_BEFORE = re.compile(r"([\w°.]+)" + _END + _CITATION + r"[ \t\n]*$")
_MD_PREFIX = re.compile(r"(?:#{1,6}[ \t]+|[-*+•][ \t]+|\d{1,2}[.)][ \t]+)")
# A heading's or list item's number ("1. BACKGROUND", "2.1. Study design"): its full stop
# ends no sentence.
_LEADING_NUMBER = re.compile(r"[ \t]*(?:#{1,6}[ \t]+)?\d{1,2}(?:\.\d{1,2})*")
MAX_SENTENCE = 1500
# The first line of a document of several lines (its first paragraph in a PDF), up to this
# length, is its title and is kept as one sentence: titles such as "... (the SASA! Study):
# study protocol for a cluster randomised trial" or "Effects of X. A randomized, blinded,
# parallel group trial" would otherwise be cut, and the title items (1a-1g) read it whole.
MAX_TITLE = 400


# A Markdown line that starts a block of its own: heading, list item, table row, quotation,
# code fence. Any other line continues the paragraph above it (CommonMark's soft line break:
# hand-written Markdown is often wrapped at 80 columns); headings and table rows are one line.
_MD_BLOCK_START = re.compile(
    r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|[-*+•][ \t]|\d{1,9}[.)][ \t]|\||>|```|~~~)")
_MD_ONE_LINE = re.compile(r"[ \t]{0,3}(?:#{1,6}(?:[ \t]|$)|\|)")
_LIST_ITEM = re.compile(r"[ \t]{0,3}(?:[-*+•]|\d{1,9}[.)])[ \t]")
# A line that starts with a capital, maybe after a quote or a bracket: a sentence may start.
_CAPITAL_START = re.compile(r"[ \t]*[\"'“‘«(\[]?[A-ZÀ-ÖØ-Þ]")
# A row of a table laid out with spaces in a typed text ("MEDAS      X     X"): one line.
_COLUMNS = re.compile(r"\S[ \t]{3,}\S")
# A typed text wrapped at a fixed width is wrapped at 60 to 100 columns, rarely more.
MAX_WRAP_WIDTH = 120


def wrap_width(text: str) -> int | None:
    """The width a plain text is hard-wrapped at, or None when each line is a paragraph.

    Hard-wrapped: blank lines separate paragraphs, most lines followed by another line of the
    same paragraph run near a common width, and few lines run wider (a text written one line
    per paragraph, as the benchmark's, has most of its lines far wider than its short ones).
    """
    # Blank lines before or after the text (a final newline) separate no paragraphs.
    lines = text.strip("\n").split("\n")
    widths = [len(line.rstrip()) for line in lines if line.strip()]
    inner = [len(line.rstrip()) for line, after in zip(lines, lines[1:], strict=False)
             if line.strip() and after.strip()]
    if len(widths) == len(lines):
        return None
    width = _common_width(inner, widths)
    return None if width and _lines_end_paragraphs(lines, width) else width


def _lines_end_paragraphs(lines: list[str], width: int) -> bool:
    """Whether single line breaks, rather than blank lines, end the paragraphs of a text cut
    into lines ``width`` wide: text copied from a PDF viewer and pasted page by page, or with
    a blank line after its title. Its lines that end a sentence well short of the width,
    under which a line of text starts with a capital, outnumber its blank lines; a text
    hard-wrapped by an editor fills a line before it starts the next, and sets its
    paragraphs a blank line apart."""
    gaps = ends = 0
    for line, after in zip(lines, lines[1:], strict=False):
        if not after.strip():
            gaps += bool(line.strip())
        elif (len(line.rstrip()) < 0.75 * width and line.rstrip().endswith((".", "!", "?"))
              and _CAPITAL_START.match(after) and not _LIST_ITEM.match(after)):
            ends += 1
    return ends >= 3 and ends > gaps


def page_width(text: str) -> int | None:
    """The width of the full lines of a text cut into a page's lines with no blank line
    between paragraphs (copied from a PDF viewer), or None when its lines are paragraphs."""
    widths = [len(line.rstrip()) for line in text.split("\n") if line.strip()]
    return _common_width(widths[:-1], widths)


def _common_width(inner: list[int], widths: list[int]) -> int | None:
    """The width the lines followed by a line of their paragraph (``inner``) are wrapped at:
    most of them run near it and few of all the lines (``widths``) run wider."""
    if len(inner) < 3:
        return None
    width = sorted(inner)[int(0.9 * (len(inner) - 1))]
    near = sum(1 for w in inner if w >= 0.75 * width)
    wider = sum(1 for w in widths if w > width + 20)
    if width <= MAX_WRAP_WIDTH and near >= 0.6 * len(inner) and wider <= 0.1 * len(widths):
        return width
    return None


def _starts_block(content: str, in_list: bool) -> bool:
    """Whether a line starts a block after a line of text. A numbered line interrupts a
    paragraph only as "1." (CommonMark): "2023. Chaque patient …" is a wrapped line of the
    paragraph, "2. amputation …" the next item of a list."""
    match = _MD_BLOCK_START.match(content)
    if not match:
        return False
    number = re.match(r"[ \t]*(\d+)[.)]", content)
    return in_list or number is None or number.group(1) == "1"


# A line that starts with a list's number and its full stop: "1. ", "12. ".
_NUMBERED_ITEM = re.compile(r"[ \t]*\d{1,2}\.[ \t]")


def _list_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A block of a PDF's text cut before each line that starts a numbered list's item, a
    line of the block in a PDF: its number's full stop would otherwise end the sentence
    above ("… include:\n1. Adults" read as "… include: 1." and "Adults"). A numbered line
    is an item in a list, or under a line that ends a sentence or introduces a list; under
    any other line, or an abbreviation, it goes on with it ("… shown in Table\n1. Adults
    were …", "… in Fig.\n1. Adults …"). An item numbered "1)" is left as it reads: its
    number ends no sentence, and "(Table\n1)" or an enumeration within a sentence ("… with
    regard to: 1) memory, and 2) …") may wrap there. A line that opens with a bullet
    (:func:`~.list_marks.starts_bullet`) is an item too: "• aged 65 or over;" would otherwise
    run on with the items above it."""
    pieces: list[tuple[int, int]] = []
    cut = line_start = start
    in_list = _NUMBERED_ITEM.match(text[start:end].lstrip("\n")) is not None
    for line_break in re.finditer(r"\n", text[start:end]):
        above = text[line_start:start + line_break.start()].rstrip()  # the line above
        line_start = start + line_break.end()
        if starts_bullet(text[line_start:min(end, line_start + 8)]):
            pieces.append((cut, line_start - 1))
            cut = line_start
            continue
        if _NUMBERED_ITEM.match(text, line_start, end) and (
                in_list or not above or above.endswith(LINE_END)
                and not _is_abbreviation(above[-40:], text[line_start:line_start + 4])):
            pieces.append((cut, line_start - 1))
            cut = line_start
            in_list = True
    pieces.append((cut, end))
    return pieces


def _paragraph_blocks(text: str, headings: dict[int, int], typed: bool) -> list[tuple[int, int]]:
    """Blocks of a text whose single line breaks continue the paragraph (Markdown, a
    hard-wrapped .txt): a blank line or a line that starts a block of its own ends one. A
    heading stands alone, and so does a row of columns in a ``typed`` text, where a line that
    opens a list's item (a bullet, "a)", "ii.": :func:`~.list_marks.starts_item`) starts a
    block too."""
    blocks: list[tuple[int, int]] = []
    start: int | None = None
    previous_alone = in_list = False
    offset = 0
    opening = above = ""  # the block's first line and the line above
    for content in text.split("\n"):
        line_start, offset = offset, offset + len(content) + 1
        if not content.strip():
            if start is not None:
                blocks.append((start, line_start - 1))
            start, previous_alone = None, False
            continue
        alone = (_MD_ONE_LINE.match(content) is not None
                 or line_start + len(content) - len(content.lstrip()) in headings
                 or typed and _COLUMNS.search(content) is not None)
        if start is not None and (previous_alone or alone or _starts_block(content, in_list)
                                  or typed and starts_item(
                                      content, opening,
                                      above_ends=above.rstrip().endswith(LINE_END))):
            blocks.append((start, line_start - 1))
            start = None
        if start is None:
            start, opening = line_start, content
            in_list = _LIST_ITEM.match(content) is not None
        previous_alone, above = alone, content
    if start is not None:
        blocks.append((start, len(text)))
    return blocks


def _blocks(text: str, split_lines: bool, headings: dict[int, int], fmt: str,
            wrapped_at: int | None) -> list[tuple[int, int]]:
    """Paragraph-like blocks: split at blank lines (and single newlines for line-based formats;
    in Markdown and text hard-wrapped at ``wrapped_at`` columns, before the lines that start a
    block)."""
    if fmt == "md":
        return _paragraph_blocks(text, headings, typed=False)
    if wrapped_at:
        return _paragraph_blocks(text, headings, typed=True)
    pattern = r"\n" if split_lines else r"\n[ \t]*\n"
    width = page_width(text) if fmt == "txt" else None
    blocks: list[tuple[int, int]] = []
    start = line_start = 0
    for match in re.finditer(pattern, text):
        if fmt == "txt" and _runs_on(text, start, line_start, match.end(), headings, width):
            line_start = match.end()  # the same paragraph goes on on the next line
            continue
        if split_lines and headings.get(start, -1) > match.start() \
                and "\n" not in text[match.start() - 1:match.start() + 2].replace("\n", "", 1):
            continue  # a heading broken over two lines (a DOCX heading's line break) is one
        blocks.append((start, match.start()))
        start = line_start = match.end()
    blocks.append((start, len(text)))
    if split_lines:
        return blocks
    # In PDF text single newlines are line wraps, but a heading (one line, or several for a
    # wrapped heading) stands on its own.
    refined: list[tuple[int, int]] = []
    for b_start, b_end in blocks:
        cut = b_start
        for line in re.finditer(r"[^\n]+", text[b_start:b_end]):
            line_start = b_start + line.start()
            if line_start < cut:
                continue  # inside a wrapped heading already cut out
            if line_start in headings:
                if line_start > cut:
                    refined.append((cut, line_start))
                heading_end = min(max(b_start + line.end(), headings[line_start]), b_end)
                refined.append((line_start, heading_end))
                cut = heading_end
        refined.append((cut, b_end))
    return [piece for b_start, b_end in refined for piece in _list_items(text, b_start, b_end)]


# What a line (or a page) ends with when its sentence ends there too: after anything else, a
# line cut mid-sentence may go on on the next one.
LINE_END = (".", "!", "?", ":", ";", "»", "”", ")")
# A line this close to the width of the text's full lines was cut by the page's width.
FULL_LINE = 0.85


def _runs_on(text: str, block_start: int, start: int, next_start: int,
             headings: dict[int, int], width: int | None) -> bool:
    """In a text of one paragraph per line, whether the line that starts at ``start``, in a
    block (a paragraph or a list's item) that starts at ``block_start``, is cut inside a
    sentence that goes on on the next line (text copied from a PDF viewer keeps the page's
    lines without blank lines between paragraphs).

    Never when the next line opens a list's item (:func:`~.list_marks.starts_item`), when
    either line is a heading, or a table's row or a list laid out in columns. Otherwise the
    line goes on when the next starts in lower case or with a citation number ("[47] two
    weeks"), whatever the line ends with; when its full stop follows an abbreviation ("Fig."
    then "1."); when it has no stop and surely goes on (:func:`_goes_on`); or when it is a
    full line of a text cut at ``width`` (:func:`page_width`) above a line of running text:
    not a list item, an indented first line, a line that may be a heading
    (:func:`_may_be_heading`) or one whose first word opens sentences ("The", "Nous")."""
    line = text[start:next_start - 1]
    next_end = text.find("\n", next_start)
    following = text[next_start:] if next_end < 0 else text[next_start:next_end]
    if not line.strip() or not following.strip():
        return False
    stripped = line.rstrip()
    ends = stripped.endswith(LINE_END)
    opening = text[block_start:text.find("\n", block_start)]
    if starts_item(following, opening, above_ends=ends):
        return False
    if start in headings or next_start in headings or any(
            "|" in part or _GAP.search(part.strip()) for part in (line, following)):
        return False
    if _LOWER_CASE_START.match(following) or _CITATION_START.match(following):
        return True
    # "(ICC)" at a line's end ends no sentence: a stop would stand after it.
    bracketed = stripped.endswith(")") and not stripped[:-1].endswith(LINE_END)
    if ends and not bracketed:
        if stripped.endswith((";", ":")):
            return _clause_goes_on(text, block_start, line, following, width)
        # A full stop after an abbreviation ends no sentence ("Fig." then "1.", "(Registration
        # No." then "NCT…"), unless a short line ends a paragraph there ("… seen in the ED.").
        return stripped.endswith(".") and _is_abbreviation(stripped[-40:], following[:4]) and (
            _is_full(line, width) or following.lstrip()[:1] in "0123456789(")
    if not ends and _goes_on(line):
        return True
    # A table's row copied with a tab between cells may fill the line too.
    return (_is_full(line, width) and "\t" not in line + following
            and not _LIST_ITEM.match(following) and not _NUMBERED_LABEL.match(following)
            and _indent(following) <= _indent(line) and not _may_be_heading(following, width)
            and following.split()[0] not in _SENTENCE_OPENERS)


def _clause_goes_on(text: str, block_start: int, line: str, following: str,
                    width: int | None) -> bool:
    """Whether a line ending with a semicolon or a colon goes on into the next line (which
    starts with a capital, a number or a bracket), in a block that starts at ``block_start``.

    A line short of the text's width ends a list's item or its introduction, each set on
    lines of their own. A full line was cut by the page's width inside its paragraph, which
    reads as one sentence ("… (Smith 2010;" then "Jones 2012).", "… as follows:" then "(1)
    enrolled …"), unless it ends an item of a list: its block starts under a line that ends
    with a semicolon or a colon (the item before, or the list's introduction), or the next
    line opens a numbered item ("1. Adults") or may be a heading (an item with no mark)."""
    if not _is_full(line, width) or _NUMBERED_ITEM.match(following) or "\t" in line + following:
        return False
    if block_start > 0:
        above = text[text.rfind("\n", 0, block_start - 1) + 1:block_start - 1].rstrip()
        if above.endswith((";", ":")):
            return False
    return _indent(following) <= _indent(line) and not _may_be_heading(following, width)


def _is_full(line: str, width: int | None) -> bool:
    """Whether ``line`` is as wide as the full lines of a text cut at ``width``."""
    return bool(width) and len(line.rstrip()) >= FULL_LINE * width


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _goes_on(line: str) -> bool:
    """Whether a line with no stop surely goes on: it ends with a word no sentence ends with
    ("the", "14-item") or a mark none ends with ("Mortality,", "(n ="), or it leaves a
    bracket open ("(see the SPIRIT Checklist and figures")."""
    stripped = line.strip()
    last_word = stripped.split()[-1]
    # A dash after a stop closes a heading set at its paragraph's start ("Blinding.—").
    open_end = (len(stripped) > 1 and stripped.endswith(_OPEN_END)
                and not stripped[:-1].endswith(LINE_END))
    return (last_word.lower() in _NEVER_LAST or _NUMBER_ADJECTIVE.fullmatch(last_word) is not None
            or open_end or stripped.count("(") > stripped.count(")"))


def _may_be_heading(line: str, width: int | None) -> bool:
    """A line short of the full width, with no stop or comma at its end nor a full stop
    inside, and that does not surely go on (:func:`_goes_on`): it may be a heading, which
    the line above does not run on into."""
    stripped = line.strip()
    return (not _is_full(line, width) and not stripped.endswith((*LINE_END, ","))
            and not _STOP_INSIDE.search(stripped) and not _goes_on(stripped))


# A line that starts in lower case, maybe after a bracket or a quote, goes on with the
# sentence above whatever that line ends with ("(about 20%)" then "and depression", "as
# follows:" then "continuous data …"): no sentence starts so. A word with a capital inside
# may start one ("mHealth systems …", "eGFR was …").
_LOWER_CASE_START = re.compile(
    r"[ \t]*[(\[\"'“‘«]?[ \u00a0\u202f]?[^\W\d_A-ZÀ-ÖØ-Þ][^\sA-ZÀ-ÖØ-Þ]*(?:\s|$)")
# A citation number at a line's start, before a stop or a lower-case word: "[47] two weeks"
# or "[82]." ends the sentence above; "[2] Jones A, …" opens an entry of a reference list.
_CITATION_START = re.compile(r"[ \t]*\[\d{1,3}(?:[,–-]\d{1,3})*\](?:[.,;:)]|[ \t]+[a-zà-ÿ])")
# "(1) adults …", "(2) …": an item numbered in brackets.
_NUMBERED_LABEL = re.compile(r"[ \t]*\(\d{1,2}\)[ \t]")
_STOP_INSIDE = re.compile(r"[.!?][ \t]+[A-ZÀ-ÖØ-Þ]")  # a sentence ends inside the line
_GAP = re.compile(r"\S[ \t]{2,}\S")  # a list laid out in columns ("NPI  Narcissistic …")
# What no sentence, heading or title ends with: a comma, a hyphen or dash (a compound or a
# range cut at the line's end), an operator ("n ="), an opening bracket.
_OPEN_END = (",", "-", "\u2010", "\u2011", "–", "—", "=", "+", "&", "/", "(", "[")
# A number and a noun made an adjective, before the noun it qualifies: "the 14-item", "a
# 6-minute", "a 12-week" never end a sentence.
_NUMBER_ADJECTIVE = re.compile(r"\d+(?:[.,]\d+)?[-\u2010\u2011][^\W\d_]+")
# Words that open sentences, and with a capital no line that a sentence wrapped onto: "The
# novel evidence …" under a full line starts a paragraph. ("A" and "I" may be labels: "in
# group" then "A received …".)
_SENTENCE_OPENERS = frozenset("""The An In On At For With From By To Of As Although Because If
When While Since After Before During There This These Those That It We They Our Its Their Such
Each All Both Most However Moreover Furthermore Therefore Thus Le La Les Un Une Des Du Dans Pour
Avec Sur En Au Aux Par Ce Cette Ces Il Elle Ils Elles Nous On Si Lorsque Quand Après Avant
Pendant Cependant Toutefois Ainsi Chaque Tous Toutes""".split())


# Words that never end a sentence (articles, prepositions, conjunctions, auxiliaries): a line
# ending with one goes on, whatever the next line starts with ("the\nMediterranean diet").
_NEVER_LAST = frozenset("""the a an of to in for with and or by at on from as than that which
who whose is are was were will be been has have had not no into per de du des la le les l' un
une et ou à au aux en par pour avec sur dans est sont sera seront été ont qui que dont""".split())


# A time unit after a number ("45 min.", "1 h.") ends a sentence as any word does.
_UNIT_END = re.compile(r"\d[ \u00a0\u202f]?(?:min|h|s|sec|hr|hrs)$", re.IGNORECASE)
# A letter that labels an arm, a group, a type…: "arm A." ends a sentence, "J." is an initial.
_LABELLED = re.compile(
    r"\b(?:arms?|groups?|groupes?|bras|types?|phases?|grades?|stages?|stades?|class|classes?"
    r"|parts?|partie|vitamins?|vitamines?|hepatitis|hépatite|sites?|cohorts?|cohortes?"
    r"|conditions?|schedules?|options?|levels?|niveaux?|steps?|étapes?|cluster)[ \u00a0]+[A-Z]$",
    re.IGNORECASE)
# A name of two letters or more and a hyphen before a single capital: "CBT-I", "TCC-I", "DSM-V".
_HYPHENATED_LETTER = re.compile(r"(?<![\w.])[A-Za-zÀ-ÿ]{2,}[-‐][A-Z]$")
# "art." abbreviates "article" before its number or code ("art. 3", "art. L1121-1", the
# French codes' "art. L. 1121-1", "art. R. 1123-20"); before another word it is "the state of
# the art."
# Likewise week, month, year, section, paragraph, appendix… before a number ("at wk. 4",
# "Sect. 2.3"); after one they end a sentence ("for 12 wk. Then").
_NUMBERED_ONLY = {"art", "wk", "wks", "mo", "mos", "yr", "yrs", "sect", "para", "app", "ann",
                  "nr", "sem", "ch", "sec"}


def _is_abbreviation(chunk: str, following: str) -> bool:
    match = _WORD_BEFORE.search(chunk)
    if not match:
        return False
    before = chunk[: match.end(1)]
    if _UNIT_END.search(before) or _LABELLED.search(before):
        return False
    # A capital closing a hyphenated name is no initial: "CBT-I." (CBT for insomnia),
    # « TCC-I. », "DSM-V." end a sentence ("… components of CBT-I. Therapists were …"); a
    # French compound first name's "J.-P. Sartre" is still one.
    if _HYPHENATED_LETTER.search(before):
        return False
    word = match.group(1).lower().rstrip(".")
    if word in _NUMBERED_ONLY:
        return re.match(r"(?:[A-Z]\.?[ \u00a0]?)?\d", following) is not None
    if word in ABBREVIATIONS:
        return True
    # Single initials ("J. Smith") and dotted abbreviations ("U.S.")
    return bool(re.fullmatch(r"[a-zà-ÿ]", word) or re.fullmatch(r"(?:[a-z]\.)+[a-z]?", word))


# Formats where a caption's label ends no sentence: all of them. A typed text (TXT,
# Markdown) writes a caption as a word processor sets it, "Table 1. Baseline …" one line, and
# its label alone would otherwise be a sentence nothing quotes
# (:func:`~checker.documents.tables.is_caption_label`), the caption quoted without it.
CAPTION_FORMATS = frozenset({"pdf", "docx", "odt", "txt", "md"})


def split_block(text: str, start: int, end: int, *,
                captions: bool = False) -> list[tuple[int, int]]:
    """Sentences of the block ``text[start:end]``; with ``captions``, a caption's label
    ("Table 1.") ends no sentence."""
    spans: list[tuple[int, int]] = []
    cursor = start
    segment = text[start:end]
    for match in _BOUNDARY.finditer(segment):
        boundary = start + match.end()
        if boundary >= end:
            break
        if not _NEXT_START.match(text, boundary):
            continue
        if _LEADING_NUMBER.fullmatch(text, cursor, start + match.start()):
            continue
        # A caption's label ends no sentence: "Table 1. Baseline characteristics …" is one
        # (but "Table 1." above "Table 2." is two labels).
        if captions and LEADING_LABEL.fullmatch(text, cursor, start + match.start()) \
                and not LEADING_LABEL.match(text, boundary):
            continue
        if _is_abbreviation(text[max(cursor, boundary - 40) : boundary],
                            text[boundary : boundary + 4]):
            continue
        spans.append((cursor, start + match.start() + len(match.group().rstrip())))
        cursor = boundary
    spans.append((cursor, end))
    return spans


def _trim(text: str, start: int, end: int, headings: dict[int, int]) -> tuple[int, int]:
    """Without surrounding whitespace and a Markdown or list mark; a heading keeps its number
    ("1. Introduction" is its section's title, and reads as a heading only whole)."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    prefix = _MD_PREFIX.match(text, start, end)
    if prefix and prefix.end() < end and not (start in headings and prefix.group()[0].isdigit()):
        start = prefix.end()
    return start, end


def _cap_length(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """Cut run-on 'sentences' (tables, reference lists) at newlines or semicolons."""
    if end - start <= MAX_SENTENCE:
        return [(start, end)]
    pieces: list[tuple[int, int]] = []
    cursor = start
    while end - cursor > MAX_SENTENCE:
        window = text[cursor : cursor + MAX_SENTENCE]
        cut = max(window.rfind("\n"), window.rfind("; "), window.rfind(", "), window.rfind(" "))
        cut = cursor + (cut + 1 if cut > 0 else MAX_SENTENCE)
        pieces.append((cursor, cut))
        cursor = cut
    pieces.append((cursor, end))
    return pieces


def segment(
    text: str, fmt: str, headings: dict[int, int] | None = None,
    stated_headings: frozenset[int] = frozenset(), *, wrapped_at: int | None,
) -> list[tuple[int, int]]:
    """Sentence spans (start, end) over ``text``; spans never include surrounding whitespace.

    ``headings`` maps the start of each heading to its end: a heading is never merged with the
    text around it. A heading the document states (a Markdown mark, a style, a usual section
    name), whose start is in ``stated_headings``, is one sentence whatever its full stops
    ("2.1. Study design", "Table 1. Primary and secondary outcomes"); a line only guessed to
    be a heading ("12 March 2024, before the first inclusion. Consent …") is still split.
    A text hard-wrapped at ``wrapped_at`` columns (:func:`wrap_width`) has its paragraphs
    joined across its single line breaks.
    """
    spans: list[tuple[int, int]] = []
    blocks = [b for b in _blocks(text, fmt != "pdf", headings or {}, fmt, wrapped_at)
              if text[b[0]:b[1]].strip()]
    for index, (b_start, b_end) in enumerate(blocks):
        is_title = index == 0 and len(blocks) > 1 and len(text[b_start:b_end].strip()) <= MAX_TITLE
        whole = is_title or b_start in stated_headings
        pieces = [(b_start, b_end)] if whole else split_block(
            text, b_start, b_end, captions=fmt in CAPTION_FORMATS)
        for s_start, s_end in pieces:
            for c_start, c_end in _cap_length(text, s_start, s_end):
                t_start, t_end = _trim(text, c_start, c_end, headings or {})
                if t_end - t_start >= 2 and any(ch.isalnum() for ch in text[t_start:t_end]):
                    spans.append((t_start, t_end))
    return spans
