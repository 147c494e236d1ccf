"""Headings from typography: PDF lines set larger than the body text, or in bold.

A PDF's text layer has no heading marks, and the names of sections vary too much to be listed
("Recruitment and consent", "Who will be blinded", ...), so without typography a sentence
would be placed in whatever known heading came before it. PDFium reports the font and size of
every character (:mod:`checker.documents.pdf`); a line whose characters are all larger than the
document's body size, or bold where the body is not, is a heading. Its level follows its size. The
shape test of a heading's text (:func:`looks_like_heading_text`) also serves DOCX paragraphs
set in bold by hand.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .hyphenation import LINE_END_HYPHENS, Spelling, join_lines, spelling_of

HEADING_SIZE_RATIO = 1.12  # larger than body text by at least this factor
BOLD_SIZE_RATIO = 0.9  # a bold line of about body size is a heading too
MAX_HEADING_CHARS = 150
MAX_HEADING_WORDS = 20
_NUMBERED_START = re.compile(r"\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s")
# A heading's line ending with a word a number goes on ("… with type" / "2 diabetes", « … de
# type » / « 2 dans les groupes … », "phase" / "3 trial", "… of" / "12 weeks …"): the next line
# starting with a bare number continues it, and is no numbered heading of its own.
_BEFORE_NUMBER = re.compile(
    r"(?:\b(?:type|types|phase|phases|stage|stages|stade|stades|grade|grades|level|niveau|"
    r"class|classe|tier|wave|vague|cycle|version|part|partie|week|semaine|day|jour|"
    r"of|and|or|to|in|for|with|than|from|over|after|during|the|"
    r"de|des|du|et|ou|à|aux|en|pour|avec|sur|par|que|après|pendant|les|la|le)|-)$",
    re.IGNORECASE)
_BARE_NUMBER_START = re.compile(r"\d{1,3}\s")


@dataclass(frozen=True)
class StyledLine:
    text: str
    size: float  # effective font size of most of its characters, in points
    bold: bool
    uniform: bool  # all its visible characters share that size and weight
    # The back-matter label set in bold at its start, its text going on in regular type
    # ("Funding." of "Funding. This study was …"): :mod:`checker.documents.back_matter`.
    run_in: str = ""
    # A line of a table's header row (:mod:`checker.documents.pdf_tables`): never a heading,
    # however bold, and never quoted.
    table_header: bool = False
    # A line of a table's row set in cells, or of a row's label wrapped over lines ("When and
    # how" over "much"): never a heading, however bold
    # (:func:`checker.documents.pdf_tables.beside_labels`).
    table_row: bool = False


def body_style(lines: list[StyledLine]) -> tuple[float, bool]:
    """The size and weight of most of the document's characters."""
    weights: Counter[tuple[float, bool]] = Counter()
    for line in lines:
        weights[(line.size, line.bold)] += len(line.text.strip())
    return weights.most_common(1)[0][0] if weights else (0.0, False)


# An abbreviation that a wrapped heading's line may end with, its full stop ending nothing:
# "Supervised exercise vs." / "usual care after stroke", "Smith et al." / "revisited".
_ABBREVIATION_END = re.compile(
    r"(?:^|[\s(])(?:vs|v|et al|e\.g|i\.e|cf|approx|incl|p\. ex|c\.-à-d)\.$", re.IGNORECASE)


# A wrapped heading's last line that is a number alone ("12", "2024", "(2019–2021)").
_NUMBER_ALONE = re.compile(r"\(?\d{1,4}(?:[.,:/\u2013-]\d{1,4})*\)?")


def looks_like_heading_text(text: str, continued: bool = False, *,
                            runs_on: bool = False) -> bool:
    """Short, no final full stop or comma, two letters or more, not starting in lower case
    (unless ``continued``, the second line of a wrapped heading, which may also be a number
    alone: "Outcomes at week" / "12"). With ``runs_on``, the line of a heading that its next
    line goes on may end with an abbreviation's full stop ("vs.", "et al.", "e.g.")."""
    text = " ".join(text.split())
    if continued and _NUMBER_ALONE.fullmatch(text):
        return True
    if not 2 <= len(text) <= MAX_HEADING_CHARS or len(text.split()) > MAX_HEADING_WORDS:
        return False
    abbreviated = runs_on and _ABBREVIATION_END.search(text) is not None
    if text[-1] in ".,;" and not abbreviated or sum(ch.isalpha() for ch in text) < 2:
        return False
    return continued or not (text[0].islower() or is_author_line(text))


# An author's affiliation marks, set after the name: superscript or plain digits, symbols
# ("Claire Vasseur¹,²", "Thomas Lemaire2", "Aïcha Benali*").
_AFFILIATION_MARKS = re.compile(
    r"(?<=[^\W\d_])[\d¹²³⁰-⁹*†‡§]+"
    r"(?:,[\d¹²³⁰-⁹*†‡§]+)*")
_NAMES_APART = re.compile(r"\s*(?:[,;&]|\band\b|\bet\b)\s*")
_INITIALS = re.compile(r"(?:[^\W\d_]\.-?)+")
# Lower-case words of a name ("Ludwig van Beethoven", "Anne de La Tour").
_NAME_PARTICLES = frozenset({"de", "du", "des", "da", "di", "del", "della", "dos", "van",
                             "von", "der", "den", "ter", "ten", "le", "la", "bin"})


def is_author_line(text: str) -> bool:
    """Whether ``text`` lists authors' names, which set in bold under a title read as a
    heading: two names or more, apart by commas, "and" or « et », each of two to five words
    (first names or initials, particles), with affiliation marks after a name ("Claire
    Vasseur¹, Thomas Lemaire²") or initials ("J. Martin, C.-A. Dubois and P. Roux")."""
    marked = _AFFILIATION_MARKS.search(text) is not None
    names = [name for name in _NAMES_APART.split(_AFFILIATION_MARKS.sub("", text)) if name]
    if len(names) < 2 or not all(_is_name(name) for name in names):
        return False
    return marked or any(_INITIALS.fullmatch(word) for name in names for word in name.split())


def _is_name(name: str) -> bool:
    """A person's name: two to five words, each a capitalised word, initials or a particle,
    the last a capitalised word ("Jean-Pierre Le Goff", "J.-P. Martin", "Anne van der Berg")."""
    words = name.split()
    if not 2 <= len(words) <= 5 or _INITIALS.fullmatch(words[-1]):
        return False
    return all(word.casefold() in _NAME_PARTICLES or _INITIALS.fullmatch(word)
               or word[0].isupper() and all(ch.isalpha() or ch in "-'’" for ch in word)
               for word in words)


def _looks_like_heading(line: StyledLine, body: tuple[float, bool], continued: bool,
                        runs_on: bool = False) -> bool:
    """``continued``: the line before was a heading line of the same style (a wrapped one);
    ``runs_on``: the next line goes on with this one (see :func:`looks_like_heading_text`)."""
    body_size, body_bold = body
    if line.table_header or line.table_row or not line.uniform or not body_size \
            or not looks_like_heading_text(line.text, continued, runs_on=runs_on):
        return False
    larger = line.size >= body_size * HEADING_SIZE_RATIO
    bolder = line.bold and not body_bold and line.size >= body_size * BOLD_SIZE_RATIO
    return larger or bolder


def typographic_headings(
    pages: list[tuple[int, str, list[StyledLine]]],
) -> list[tuple[int, int, str]]:
    """(offset, level, title) of the heading lines, located in the extracted text.

    ``pages`` holds, per page, the offset of its text in the document, that text, and its
    styled lines. Consecutive heading lines of one style (a title wrapped over two lines) make
    one heading. Levels rank the heading styles: largest first, bold before regular.
    """
    body = body_style([line for _, _, lines in pages for line in lines])
    found: list[tuple[int, tuple[float, bool], str]] = []
    spelling: list[Spelling] = []  # the document's, once a wrapped heading's line needs it
    for page_offset, page_text, lines in pages:
        cursor = 0
        previous_end = -1
        authors = _author_lines(lines)
        for index, line in enumerate(lines):
            style = (line.size, line.bold)
            if index in authors:
                previous_end = -1
                continue
            # A line of the same style right after a heading continues it, unless it starts a
            # numbered heading of its own ("5.4. Statistical methods" then "5.4.1. Sample size").
            continued = (previous_end >= 0 and found[-1][1] == style
                         and not (_NUMBERED_START.match(line.text.strip())
                                  and not _goes_on_with_number(found[-1][2],
                                                               line.text.strip())))
            if not (_looks_like_heading(line, body, continued)
                    or _wrapped_after_abbreviation(lines, index, body, continued)):
                previous_end = -1
                continue
            target = line.text.strip()
            at = line_start(page_text, target, cursor)
            if at < 0:
                previous_end = -1
                continue
            end = at + len(target)
            if continued and not page_text[previous_end:at].strip():
                start, _, title = found[-1]
                found[-1] = (start, style, _joined(title, target, pages, spelling))
            else:
                found.append((page_offset + at, style, target))
            cursor = previous_end = end
            if continued and _NUMBER_ALONE.fullmatch(" ".join(target.split())):
                previous_end = -1  # a number alone ends its heading ("… (N =" / "394)")
    styles = sorted({style for _, style, _ in found}, key=lambda s: (-s[0], not s[1]))
    level_of = {style: min(index + 1, 6) for index, style in enumerate(styles)}
    return [(offset, level_of[style], title) for offset, style, title in found]


def _goes_on_with_number(title: str, line: str) -> bool:
    """Whether a heading's ``title`` so far ends with a word that a number goes on ("de
    type") and its next ``line`` starts with a bare number ("2 dans …", not "2. Methods"
    nor "2.1 Design"): that line wraps the heading and starts none."""
    return bool(_BEFORE_NUMBER.search(title.rstrip()) and _BARE_NUMBER_START.match(line))


def _author_lines(lines: list[StyledLine]) -> set[int]:
    """Indices of the ``lines`` that list authors' names (:func:`is_author_line`), alone or
    wrapped over consecutive lines of one style ("…, Pierre-Yves Garnier², Sophie" /
    "Delorme¹"), whose lines would read as a heading and its wrapped line."""
    found: set[int] = set()
    start = 0
    for end in range(1, len(lines) + 1):
        if end < len(lines) and (lines[end].size, lines[end].bold) == (lines[start].size,
                                                                      lines[start].bold):
            continue
        if is_author_line(join_lines("\n".join(line.text for line in lines[start:end]))):
            found.update(range(start, end))
        start = end
    return found


def _wrapped_after_abbreviation(lines: list[StyledLine], index: int, body: tuple[float, bool],
                                continued: bool) -> bool:
    """Whether the line at ``index`` is a heading's line that ends with an abbreviation
    ("Effects of supervised exercise vs.") and that the next line, a heading's line of the
    same style, goes on: its full stop ends no heading."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else None
    return (following is not None and (following.size, following.bold) == (line.size, line.bold)
            and not _NUMBERED_START.match(following.text.strip())
            and _looks_like_heading(line, body, continued, runs_on=True)
            and _looks_like_heading(following, body, True))


def _joined(title: str, line: str, pages: list[tuple[int, str, list[StyledLine]]],
            spelling: list[Spelling]) -> str:
    """A wrapped heading's ``title`` so far and its next ``line``, joined as its text's lines
    are read (:func:`~checker.documents.hyphenation.join_lines`): a compound's hyphen at the
    line's end kept without a space ("falls-" / "prevention"), a word cut there joined, a
    slash's words joined ("and/" / "or"); otherwise a space."""
    if not title.endswith((*LINE_END_HYPHENS, "/")):
        return f"{title} {line}"
    if not spelling:  # the whole document's spelling tells a compound from a cut word
        spelling.append(spelling_of("\n\n".join(text for _, text, _ in pages)))
    return join_lines(f"{title}\n{line}", spelling[0])


def line_start(text: str, target: str, cursor: int) -> int:
    """Offset of ``target`` standing alone on a line of ``text``, at or after ``cursor``."""
    at = text.find(target, cursor)
    while at >= 0:
        before_ok = at == 0 or text[:at].rstrip(" \t").endswith("\n") or not text[:at].strip()
        after = text[at + len(target):]
        after_ok = not after.strip(" \t") or after.lstrip(" \t").startswith("\n")
        if before_ok and after_ok:
            return at
        at = text.find(target, at + 1)
    return -1
