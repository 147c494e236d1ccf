"""Headings and sections: explicit (Markdown, DOCX styles) or recognised from line layout."""

from __future__ import annotations

import re

from .headings import usual_headings
from .model import Section

_MD_HEADING = re.compile(r"^(#{1,6})[ \t]+(.+?)[ \t#]*$")
# A Markdown setext heading's underline ("Résumé" over "------"): "=" for level 1, "-" for 2.
_SETEXT = re.compile(r"[ \t]{0,3}(=+|-+)[ \t]*")
# A Markdown paragraph wholly in bold, a heading for many authors ("**Critères d'inclusion**"),
# unless it is a sentence set in bold.
_BOLD_LINE = re.compile(r"[ \t]{0,3}(\*\*|__)([^*_\n]{2,90}?)\1[ \t]*")
_CAPTION = re.compile(r"^\W*(?:tables?|tableaux?|fig(?:ure)?s?\.?)\s*(?:S?\d+|[IVX]+)\b",
                      re.IGNORECASE)
_NUMBERED = re.compile(r"^((?:\d{1,2}\.)*\d{1,2})\.?[ \t]+([A-ZÀ-ÖØ-Þ].*)$")
def is_known_heading(title: str) -> bool:
    """A usual section name of protocols and trial reports, English or French (``usual_headings``
    of ``headings.yaml``)."""
    return title.strip().rstrip(":").strip().lower() in usual_headings()


def _is_plain_heading(line: str, prev_blank: bool, next_blank: bool) -> tuple[bool, int]:
    stripped = line.strip()
    if not 2 <= len(stripped) <= 90 or stripped[-1] in ".,;" or stripped.count(" ") > 11:
        return False, 0
    if is_known_heading(stripped):
        return True, 1
    numbered = _NUMBERED.match(stripped)
    if numbered and len(stripped) <= 70 and not re.search(r"\d\s*%|\bp\s*[<=]", stripped):
        return True, numbered.group(1).count(".") + 1
    letters = [c for c in stripped if c.isalpha()]
    if len(letters) >= 4 and all(c.isupper() for c in letters) and prev_blank:
        return True, 1
    return False, 0


def _is_list_or_table(line: str, fmt: str) -> bool:
    """An indented line of a typed text, or a Markdown list or table line: never a heading.
    (A PDF's text lines may be indented by the extraction, not by the author.)"""
    if fmt == "pdf":
        return False
    return line[:1].isspace() or fmt == "md" and line.startswith(("|", "-", "*"))


def find_headings(text: str, fmt: str, *, wrapped_at: int | None,
                  bold_lines: frozenset[int] = frozenset()) -> list[tuple[int, int, str]]:
    """(offset, level, title) for heading lines of a TXT, Markdown or PDF text.

    A text with Markdown headings ("## Methods") states its structure: there a plain line is
    a heading only under a usual section name ("Competing interests"), as a sibling of the
    heading before it, never from layout alone (a numbered list item, "(DOCX)", a DOI in
    capitals). In TXT and Markdown an indented line is a list item, not a heading. In a TXT
    hard-wrapped at ``wrapped_at`` columns (:func:`~checker.documents.sentences.wrap_width`) a
    line that continues a paragraph is no heading ("10 UK hospitals took part" at the start of
    a wrapped line). ``bold_lines``: the start offsets of a Markdown text's lines that its
    reader found wholly in bold, their marks gone from ``text``.
    """
    headings: list[tuple[int, int, str]] = []
    lines = text.split("\n")
    explicit = fmt != "pdf" and any(_MD_HEADING.match(line) for line in lines)
    parent = 0  # level of the latest heading not set in bold, which bold ones fall under
    offset = 0
    for index, line in enumerate(lines):
        md = _MD_HEADING.match(line)
        bold = offset in bold_lines or bool(_BOLD_LINE.fullmatch(line))
        marked = _markdown_heading(lines, index, parent, bold) if fmt == "md" else None
        prev_blank = index == 0 or not lines[index - 1].strip()
        next_blank = index + 1 >= len(lines) or not lines[index + 1].strip()
        if md:
            headings.append((offset, len(md.group(1)), md.group(2).strip()))
        elif marked:
            headings.append((offset + len(line) - len(line.lstrip()), *marked))
        elif explicit:
            if not line[:1].isspace() and is_known_heading(line):
                level = headings[-1][1] if headings else 1
                headings.append((offset, level, line.strip()))
        elif wrapped_at and _continues_paragraph(lines, index, offset, headings, wrapped_at):
            pass
        elif not _is_list_or_table(line, fmt) and not _in_numbered_list(lines, index):
            ok, level = _is_plain_heading(line, prev_blank, next_blank)
            if ok:
                start = offset + len(line) - len(line.lstrip())
                headings.append((start, _label_level(line, level, headings), line.strip()))
        if headings and headings[-1][0] >= offset and not bold:
            parent = headings[-1][1]
        offset += len(line) + 1
    return headings


def _item_number(line: str) -> tuple[str, int] | None:
    """("2.", 3) for "2.3 Text": the number's parent part and its last part."""
    numbered = _NUMBERED.match(line.strip())
    if not numbered:
        return None
    parent, _, last = numbered.group(1).rpartition(".")
    return parent, int(last)


def _in_numbered_list(lines: list[str], index: int) -> bool:
    """A numbered line right next to the line numbered one before or after it ("1. Adults
    aged 18 to 70" then "2. Able to walk"): an item of a list, such as eligibility criteria,
    not a heading (a numbered heading is followed by its text, not by the next heading)."""
    number = _item_number(lines[index])
    if number is None:
        return False
    for neighbour, step in ((index - 1, -1), (index + 1, 1)):
        if 0 <= neighbour < len(lines) and _item_number(lines[neighbour]) == (
                number[0], number[1] + step):
            return True
    return False


def _markdown_heading(lines: list[str], index: int, parent: int,
                      bold: bool) -> tuple[int, str] | None:
    """(level, title) of a setext heading's text line or of a paragraph wholly in bold
    (``bold``: the line is, its marks kept or read apart), which heads a part of the section it
    stands in (one level below ``parent``)."""
    line = lines[index]
    following = lines[index + 1] if index + 1 < len(lines) else ""
    alone = (index == 0 or not lines[index - 1].strip()) and not line[:1].isspace()
    underline = _SETEXT.fullmatch(following)
    if alone and line.strip() and underline and not _SETEXT.fullmatch(line):
        return (1 if underline.group(1)[0] == "=" else 2), line.strip()
    marks = _BOLD_LINE.fullmatch(line)
    title = (marks.group(2) if marks else line).strip() if bold else ""
    if alone and title and title[-1] not in ".!?" and not following.strip():
        return parent + 1, title
    return None


def _continues_paragraph(lines: list[str], index: int, offset: int,
                         headings: list[tuple[int, int, str]], width: int) -> bool:
    """In text wrapped at ``width``: a line after a line of text (not a heading), or a line
    as wide as the text's lines that runs on into the next line, is inside a paragraph."""
    previous = lines[index - 1] if index else ""
    previous_start = offset - len(previous) - 1 + len(previous) - len(previous.lstrip())
    after_text = previous.strip() and not (headings and headings[-1][0] == previous_start)
    following = lines[index + 1] if index + 1 < len(lines) else ""
    return bool(after_text or following.strip() and len(lines[index]) >= 0.75 * width)


def _label_level(line: str, level: int, headings: list[tuple[int, int, str]]) -> int:
    """A usual name set as a label ("Inclusion criteria:") heads a part of the section it
    stands in, one level below that section's heading: as a top-level section it would run
    over the numbered sections after it."""
    if not line.rstrip().endswith(":") or _NUMBERED.match(line.strip()):
        return level
    opened = [lvl for _, lvl, title in headings if not title.endswith(":")]
    return opened[-1] + 1 if opened else level


# A document's title has more words than a section's name ("Background and rationale").
MIN_TITLE_WORDS = 6
_HEADING_NUMBER = re.compile(r"\s*\(?\d{1,2}(?:\.\d{1,2})*[.)]?\s")


def could_be_title(text: str) -> bool:
    """A heading long enough to be a document's title (more words than a section's name),
    neither a usual section name ("Introduction"), numbered ("1. ...") nor a caption."""
    return (len(text.split()) >= MIN_TITLE_WORDS and not is_known_heading(text)
            and not _HEADING_NUMBER.match(text) and not is_caption(text))


def title_heading(headings: list[tuple[int, int, str]], text: str,
                  first_page_end: int | None = None) -> int | None:
    """Offset of the heading that is the document's own title, or None.

    In a text (Markdown, TXT) the title is its first block when that block is a heading
    (``# Title``, an underlined line); in a PDF (``first_page_end``: where its first page's
    text ends), whose first page may open on a journal's name or a licence, it is the first
    heading set largest on the first page before its first section ("Abstract", "1. ...").
    Either way it must read as a title (:func:`could_be_title`): a document that opens on a
    section's heading keeps its first lines in that section."""
    if first_page_end is None:
        front = headings[:1] if headings and not text[:headings[0][0]].strip() else []
    else:
        front = front_headings(headings, first_page_end)
    if not front:
        return None
    top = min(level for _, level, _ in front)
    start, _, title = next(heading for heading in front if heading[1] == top)
    return start if could_be_title(title) else None


def front_headings(headings: list[tuple[int, int, str]],
                   first_page_end: int) -> list[tuple[int, int, str]]:
    """The headings of a PDF's first page (its text ending at ``first_page_end``) before its
    first section ("Abstract", "1. ..."): its journal's name, its title, its cover's."""
    front = []
    for heading in headings:
        start, _, title = heading
        if start >= first_page_end or is_known_heading(title) or _HEADING_NUMBER.match(title):
            break
        front.append(heading)
    return front


def is_caption(title: str) -> bool:
    """A table's or figure's caption set as a heading ("Table 2. Baseline characteristics",
    "Figure 1", "Tableau S3")."""
    return _CAPTION.match(title) is not None


def build_sections(headings: list[tuple[int, int, str]], text_length: int,
                   heading_ends: dict[int, int], title_at: int | None = None) -> list[Section]:
    """A section runs from its heading to the next heading of the same or a higher level.

    A caption names what its table or figure shows: its section is the caption alone (up to
    ``heading_ends[start]``), and it ends no other, so the text after a table still belongs
    to the section the table stands in. The document's title (the heading at ``title_at``)
    names the document, no part of it: its section is the title alone, and the cover page
    under it (sponsor, version, registration) is in no section."""
    captions = [is_caption(title) for _, _, title in headings]
    sections: list[Section] = []
    for index, (start, level, title) in enumerate(headings):
        if captions[index] or start == title_at:
            end = heading_ends[start]
        else:
            end = next((headings[later][0] for later in range(index + 1, len(headings))
                        if headings[later][1] <= level and not captions[later]), text_length)
        sections.append(Section(title=title.rstrip(":").strip(), level=level, start=start, end=end))
    return sections
