"""DOCX body to blocks: paragraphs and table rows in reading order, with their heading level.

python-docx reads the body's own paragraphs and tables. Word documents hold more text than
that: paragraphs and tables wrapped in content controls (``w:sdt``, common in protocol
templates), footnotes and endnotes in parts of their own, text inserted with change tracking.
Headings may have a template's own style, based on a heading style. This module reads the XML
for what python-docx does not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from .back_matter import run_in_label
from .ligatures import expand_ligatures
from .sentences import LINE_END
from .structure import could_be_title
from .tables import is_table_row, names_columns
from .typography import HEADING_SIZE_RATIO, looks_like_heading_text

if TYPE_CHECKING:
    from docx.document import Document as WordDocument
    from lxml.etree import _Element

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL = f"{_W}p", f"{_W}tbl"
# Elements that wrap whole paragraphs and tables: content controls and custom XML markup.
_WRAPPERS = {f"{_W}sdt", f"{_W}sdtContent", f"{_W}customXml"}
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Text under these is not part of the document as it reads with its tracked changes accepted
# (deleted or moved-away text), or repeats other text (the fallback copy of a drawing), or is
# formatting (tab stops in paragraph properties).
_NOT_TEXT = {f"{_W}del", f"{_W}moveFrom", _MC_FALLBACK, f"{_W}pPr", f"{_W}rPr"}
# A line break typed inside a paragraph (Shift+Enter) is first read as U+2028 (line separator):
# whether it reads as a space depends on the text on both sides (:func:`_settle_breaks`).
_SOFT_BREAK = "\u2028"
_TEXT_TAGS = {f"{_W}t": None, f"{_W}tab": "\t", f"{_W}br": _SOFT_BREAK, f"{_W}cr": _SOFT_BREAK}
_SOFT_BREAKS = re.compile(rf"[ \t]*{_SOFT_BREAK}[ \t{_SOFT_BREAK}]*")
_NOTE_KINDS = {f"{_W}footnoteReference": "footnote", f"{_W}endnoteReference": "endnote"}
# A bold "Label: text" of more words than this after a short label is a sentence, not a heading
# ("Important: participants must not start another exercise programme during the trial").
_MAX_WORDS_AFTER_LABEL = 4
_MAX_LABEL_WORDS = 3
# An on/off attribute's values for off (``w:val="0"`` on a ``w:b``, a ``w:tblHeader``...).
_OFF = ("0", "false", "off")

# A cover page's title typed in larger type by hand is looked for among this many opening
# paragraphs (before the first heading): a title page holds fewer.
_TITLE_PAGE_BLOCKS = 15

# text, heading level (0: none), whether wholly bold, whether it is the document's title (set
# in Word's Title style, or else in larger type on the cover page: :func:`_larger_title`), the
# name of the back-matter label set in bold at its start ("Funding" of "**Funding.** This
# study …", :mod:`checker.documents.back_matter`) or "", and whether it is a table's header
# row (:func:`_header_rows`)
Block = tuple[str, int, bool, bool, str, bool]


def docx_blocks(document: WordDocument) -> list[Block]:
    """Paragraphs and table rows of a python-docx ``document``, each followed by the text of
    the footnotes and endnotes it refers to."""
    from docx.enum.style import WD_STYLE_TYPE
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    # python-docx finds a paragraph's style by scanning every style of the document, once per
    # paragraph: seconds on a long protocol. Looked up once here, by style id.
    styles = {style.style_id: style for style in document.styles}
    levels = {style_id: _style_level(style, styles) for style_id, style in styles.items()}
    default = document.styles.default(WD_STYLE_TYPE.PARAGRAPH)
    default_id = default.style_id if default is not None else ""
    notes = _notes(document)
    blocks: list[Block] = []
    sizes: dict[int, float | None] = {}  # per paragraph's block: its type size, if uniform
    body_chars: dict[float, int] = {}  # characters set in each type size
    default_size = _default_size(document)
    joined: int | None = None  # the block the next paragraph joins (its mark was deleted)
    for element in _block_elements(document.element.body):
        if element.tag == _P:
            style_id = element.style if element.style in styles else default_id
            if _is_contents_entry(styles.get(style_id)):
                continue
            level = _heading_level(element, levels.get(style_id, 0))
            paragraph = Paragraph(element, document)
            bold = _wholly_bold(paragraph, styles.get(style_id))
            text = paragraph_text(element)
            if joined is not None:
                before, before_level, before_bold, before_title, label, _ = blocks[joined]
                blocks[joined] = (before + text, before_level, before_bold and bold,
                                  before_title, label, False)
            else:
                label = "" if level else _bold_label(text, paragraph, styles.get(style_id))
                blocks.append((text, level, bold, _is_title_style(styles.get(style_id), styles),
                               label, False))
                sizes[len(blocks) - 1] = _type_size(paragraph, styles.get(style_id), styles,
                                                    default_size, body_chars)
            # A deleted paragraph mark (tracked change) joins this paragraph to the next.
            if _mark_deleted(element):
                joined = joined if joined is not None else len(blocks) - 1
            else:
                joined = None
            blocks.extend((text, 0, False, False, "", False)
                          for text in _referred_notes(element, notes))
            continue
        joined = None
        rows = Table(element, document).rows
        texts = [_row_text(row) for row in rows]
        # Whether its first two rows are wholly bold, by their runs, or the first set apart by
        # the table's style (bold, or another type or ground).
        bold_rows = [(at == 0 and _style_sets_first_row_apart(element, styles))
                     or _bold_row(row._tr, document, styles, default_id) for at, row
                     in enumerate(rows[:2])]
        headers = _header_rows([row._tr for row in rows], texts, bold_rows)
        for index, (row, text) in enumerate(zip(rows, texts, strict=True)):
            blocks.append((text, 0, False, False, "", index < headers))
            blocks.extend((text, 0, False, False, "", False)
                          for text in _referred_notes(row._tr, notes))
    title = _larger_title(blocks, sizes, body_chars)
    if title is not None:
        text, level, bold, _, label, header = blocks[title]
        blocks[title] = (text, level, bold, True, label, header)
    return blocks


def _header_rows(rows: list[_Element], texts: list[str],
                 bold: list[bool]) -> int:
    """How many of a table's first rows (``rows``, their text ``texts``) are its header: those
    marked to repeat at the top of each page (Word's "Repeat as header row"), else the first
    row of a table of figures when it holds none ("Variable | Intervention (n = 52) | Control
    (n = 50)" above "Age | 63.2 (8.1) | 64.0 (7.9)"), or of a table of text when it names its
    columns in bold over a row that is not bold ("Outcome measure | Time points" above "SCAS-C
    child anxiety | Baseline, 6 and 12 months"; ``bold``: whether each of the first two rows
    is wholly bold). A first row of short cells in regular type is a row like the others
    ("Sponsor | University of Lyon")."""
    marked = 0
    for row in rows:
        mark = row.find(f"{_W}trPr/{_W}tblHeader")
        if mark is None or mark.get(f"{_W}val", "true") in _OFF:
            break
        marked += 1
    if marked:
        return min(marked, len(rows) - 1)
    if len(texts) < 2 or is_table_row(texts[0]):
        return 0
    if any(is_table_row(text) for text in texts[1:]):
        return 1
    return 1 if names_columns(texts[0]) and bold[0] and not bold[1] else 0


def _style_sets_first_row_apart(table: _Element, styles: dict) -> bool:
    """Whether ``table``'s style sets its first row apart from the rows under it: in bold
    ("Light List Accent 1", "Grid Table 4"…), or in another type or on a shaded ground (a
    house style's dark band with white letters), by a ``firstRow`` conditional format, the
    table applying it (its ``tblLook``, by attribute or by the older bit mask). Word applies
    the header row format of any table by default, most styles giving it none ("Table
    Grid"): only a format that shows makes a header row."""
    look = table.find(f"{_W}tblPr/{_W}tblLook")
    if look is None:
        return False
    first_row = look.get(f"{_W}firstRow")
    if first_row is None:
        try:
            applied = bool(int(look.get(f"{_W}val", "0"), 16) & 0x0020)
        except ValueError:
            applied = False
    else:
        applied = first_row not in _OFF
    name = table.find(f"{_W}tblPr/{_W}tblStyle")
    style = styles.get(name.get(f"{_W}val")) if applied and name is not None else None
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        first = style.element.find(f"{_W}tblStylePr[@{_W}type='firstRow']")
        if first is not None and _sets_apart(first):
            return True
        style = styles.get(style.element.basedOn_val)
    return False


# Run properties that show as a toggle when on (bold, italics, capitals).
_TYPE_TOGGLES = ("b", "i", "caps", "smallCaps")
# Colours that show nothing apart: the type's automatic colour or black, a white ground.
_PLAIN_TYPE = ("", "auto", "000000")
_PLAIN_GROUND = ("", "auto", "FFFFFF", "ffffff")


def _sets_apart(conditional: _Element) -> bool:
    """Whether a table style's conditional format (``w:tblStylePr``) shows: bold, italic or
    capital type, a coloured or underlined type, or a shaded cell."""
    run = conditional.find(f"{_W}rPr")
    if run is not None:
        for toggle in _TYPE_TOGGLES:
            mark = run.find(f"{_W}{toggle}")
            if mark is not None and mark.get(f"{_W}val", "true") not in _OFF:
                return True
        colour = run.find(f"{_W}color")
        if colour is not None and colour.get(f"{_W}val", "") not in _PLAIN_TYPE:
            return True
        underline = run.find(f"{_W}u")
        if underline is not None and underline.get(f"{_W}val", "single") != "none":
            return True
    shading = conditional.find(f"{_W}tcPr/{_W}shd")
    return shading is not None and shading.get(f"{_W}fill", "") not in _PLAIN_GROUND


def _bold_row(row: _Element, document: WordDocument, styles: dict, default_id: str) -> bool:
    """Whether every paragraph with text in a table's ``row`` is wholly bold."""
    from docx.text.paragraph import Paragraph

    paragraphs = [element for element in row.iter(_P) if paragraph_text(element).strip()]
    return bool(paragraphs) and all(
        _wholly_bold(Paragraph(element, document),
                     styles.get(element.style if element.style in styles else default_id))
        for element in paragraphs)


def _larger_title(blocks: list[Block], sizes: dict[int, float | None],
                  body_chars: dict[float, int]) -> int | None:
    """The block that is a cover page's title typed by hand, when no paragraph is set in a
    title style: the opening paragraph (before the first heading) set in the largest type,
    larger than the body text's, that reads as a title, as a PDF's title is the first page's
    largest line. French protocols often set it so, under a line naming the research category
    and as "ACRONYM: title", which reads like a labelled sentence rather than a heading."""
    if any(block[3] for block in blocks) or not body_chars:
        return None
    body = max(body_chars, key=body_chars.__getitem__)
    best: int | None = None
    for index, (text, level, *_) in enumerate(blocks[:_TITLE_PAGE_BLOCKS]):
        if level:
            break
        size = sizes.get(index)
        if (size is not None and size >= body * HEADING_SIZE_RATIO
                and (best is None or size > (sizes[best] or 0))
                and could_be_title(" ".join(text.split()))):
            best = index
    return best


def _default_size(document: WordDocument) -> float | None:
    """The document's default type size in points (its ``w:docDefaults``), if it gives one."""
    sizes = document.styles.element.xpath("./w:docDefaults/w:rPrDefault/w:rPr/w:sz/@w:val")
    try:
        return int(sizes[0]) / 2 if sizes else None
    except ValueError:
        return None


def _style_size(style, styles: dict) -> float | None:
    """The type size a paragraph ``style`` sets, itself or by the styles it is based on."""
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        if style.font.size is not None:
            return style.font.size.pt
        style = styles.get(style.element.basedOn_val)
    return None


def _type_size(paragraph, style, styles: dict, default: float | None,
               body_chars: dict[float, int]) -> float | None:
    """The type size of every run with text in ``paragraph`` (None when they differ or it is
    unknown); each run's characters are counted in ``body_chars`` by size."""
    base = _style_size(style, styles) or default
    found: set[float | None] = set()
    for run in paragraph.runs:
        if not run.text.strip():
            continue
        size = run.font.size.pt if run.font.size is not None else base
        found.add(size)
        if size is not None:
            body_chars[size] = body_chars.get(size, 0) + len(run.text)
    return found.pop() if len(found) == 1 else None


def _is_title_style(style, styles: dict) -> bool:
    """Word's "Title" style (so named in the file whatever the interface's language), or a
    template's style based on it: the document's title."""
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)
        if (style.name or "").lower() == "title":
            return True
        style = styles.get(style.element.basedOn_val)
    return False


def _mark_deleted(paragraph) -> bool:
    return paragraph.find(f"{_W}pPr/{_W}rPr/{_W}del") is not None


def is_bold_heading(text: str) -> bool:
    """Whether a paragraph set wholly in bold reads as a heading: heading-shaped text
    (:func:`looks_like_heading_text`) that is not a labelled sentence ("Keywords: exercise;
    fatigue; …", "Important: participants must not …"). A numbered label ("Table 1:",
    "Work package 3:") names what follows: that is a heading."""
    if not looks_like_heading_text(text):
        return False
    label, colon, rest = text.partition(":")
    labelled = (bool(colon) and not any(ch.isdigit() for ch in label)
                and len(label.split()) <= _MAX_LABEL_WORDS
                and len(rest.split()) > _MAX_WORDS_AFTER_LABEL)
    return not labelled


def _block_elements(container) -> Iterator:
    """The ``w:p`` and ``w:tbl`` children of ``container`` in document order, with those
    inside content controls (python-docx's ``iter_inner_content`` skips these), except a
    table of contents, which only repeats the headings."""
    for child in container:
        if child.tag in (_P, _TBL):
            yield child
        elif (child.tag in _WRAPPERS and not _is_table_of_contents(child)
              and not _is_placeholder(child)):
            yield from _block_elements(child)


def _is_contents_entry(style) -> bool:
    """A line of a table of contents ("toc 1", "toc 2" styles, whatever the interface
    language): it only repeats a heading and its page number."""
    return style is not None and re.fullmatch(r"toc \d", (style.name or "").lower()) is not None


def _is_table_of_contents(element) -> bool:
    gallery = element.find(f"{_W}sdtPr/{_W}docPartObj/{_W}docPartGallery")
    return gallery is not None and gallery.get(f"{_W}val", "").startswith("Table of Contents")


def _heading_level(element, style_level: int) -> int:
    """A paragraph's own outline level, else its style's heading level."""
    level = _outline_level(element.pPr)
    return style_level if level is None else level


def _style_level(style, styles: dict) -> int:
    """Heading level of a paragraph style: from its name ("Heading 2", "Titre 1", "Title"),
    else its outline level, else the style it is based on ("Sous-section CHU" based on
    "Heading 2" is a level-2 heading)."""
    seen: set[str] = set()
    while style is not None and style.style_id not in seen:
        seen.add(style.style_id)  # a malformed template may base styles on each other
        level = _named_level(style.name or "")
        if level:
            return level
        level = _outline_level(style.element.pPr)
        if level is not None:
            return level
        style = styles.get(style.element.basedOn_val)
    return 0


def _named_level(name: str) -> int:
    lowered = name.lower()
    if lowered.startswith(("heading", "titre")):
        number = re.search(r"\d+", name)
        return int(number.group()) if number else 1
    return 1 if lowered == "title" else 0


def _outline_level(ppr) -> int | None:
    """Heading level set by ``w:outlineLvl`` (0 for "body text", level 9), None if unset."""
    outline = ppr.find(f"{_W}outlineLvl") if ppr is not None else None
    value = outline.get(f"{_W}val", "") if outline is not None else ""
    if not value.isdigit():
        return None
    return int(value) + 1 if int(value) < 9 else 0


def _row_text(row) -> str:
    """A table row's cells, " | " apart. A cell spanning several columns is read once (python-
    docx repeats it for each column it spans); an empty cell stays, so columns line up."""
    values: list[str] = []
    previous = None
    for cell in row.cells:
        if cell._tc is not previous:
            values.append("\n".join(paragraph_text(element) for element
                                    in _block_elements(cell._tc) if element.tag == _P).strip())
        previous = cell._tc
    return " | ".join(values) if any(values) else ""


def _notes(document) -> dict[tuple[str, str], str]:
    """Text of each footnote and endnote, by (kind, id)."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.oxml import parse_xml
    from lxml.etree import XMLSyntaxError

    notes: dict[tuple[str, str], str] = {}
    for kind, reltype in (("footnote", RT.FOOTNOTES), ("endnote", RT.ENDNOTES)):
        try:
            root = parse_xml(document.part.part_related_by(reltype).blob)
        except (KeyError, XMLSyntaxError):
            continue  # no notes, or notes Word itself could not show: the body still reads
        for note in root.iterchildren(f"{_W}{kind}"):
            text = "\n".join(paragraph_text(element) for element in _block_elements(note)
                             if element.tag == _P).strip()
            notes[(kind, note.get(f"{_W}id", ""))] = text
    return notes


def _referred_notes(element, notes: dict[tuple[str, str], str]) -> list[str]:
    """Text of the notes referred to in ``element``, in order. Read right after the paragraph
    (or table row) that refers to them, in its section, a note stays near what it annotates
    ("Registration number: see note" then the note with the number) and never cuts a
    sentence."""
    return [notes[key] for ref in element.iter(*_NOTE_KINDS) if _is_text(ref)
            if (key := (_NOTE_KINDS[ref.tag], ref.get(f"{_W}id", ""))) in notes]


def paragraph_text(element: _Element) -> str:
    """Text of a DOCX paragraph as it reads with its tracked changes accepted.

    python-docx's ``Paragraph.text`` reads only the paragraph's direct runs, so text inserted
    with change tracking on (inside ``w:ins``), in content controls or in fields was lost:
    a draft protocol under review often has much of its text there.
    """
    parts: list[str] = []
    for node in element.iter(*_TEXT_TAGS):
        if not _is_text(node):
            continue
        if node.tag == f"{_W}br" and node.get(f"{_W}type") in ("page", "column"):
            parts.append("\n")
            continue
        fixed = _TEXT_TAGS[node.tag]
        parts.append(node.text or "" if fixed is None else fixed)
    return expand_ligatures(_settle_breaks("".join(parts)))


def _wholly_bold(paragraph, style) -> bool:
    """Every run with text is bold, by its own formatting or by the paragraph's ``style``."""
    style_font = style.font if style is not None else None
    style_bold = bool(style_font is not None and style_font.bold)
    runs = [run for run in paragraph.runs if run.text.strip()]
    return bool(runs) and all(
        run.bold if run.bold is not None else style_bold for run in runs
    )


def _bold_label(text: str, paragraph, style) -> str:
    """The name of the back-matter label that starts the paragraph (``text``) in bold runs,
    its text going on in regular ones ("Funding" of "**Funding.** This study …") or alone in
    the paragraph ("**Acknowledgements.**"), or ""."""
    found = run_in_label(text)
    if found is None:
        return ""
    style_font = style.font if style is not None else None
    style_bold = bool(style_font is not None and style_font.bold)
    lead = []  # the text of the runs in bold at the paragraph's start
    regular = False
    for run in paragraph.runs:
        if not (run.bold if run.bold is not None else style_bold) and run.text.strip():
            regular = True
            break
        lead.append(run.text)
    if not regular and text[found[1]:].strip():
        return ""  # a paragraph wholly in bold: bold text, no run-in label
    label = text[:found[1]].strip()
    return found[0] if expand_ligatures("".join(lead)).lstrip().startswith(label) else ""


def _is_text(node) -> bool:
    return not any(ancestor.tag in _NOT_TEXT or _is_placeholder(ancestor)
                   for ancestor in node.iterancestors())


def _is_placeholder(element) -> bool:
    """A template's content control still showing its prompt ("Click or tap here to enter
    text."): the prompt is no text of the document."""
    return element.tag == f"{_W}sdt" and element.find(f"{_W}sdtPr/{_W}showingPlcHdr") is not None


def _settle_breaks(text: str) -> str:
    """A line break typed inside a running sentence ("adherence is defined as⏎attending at
    least 75% of sessions") reads as a space, so the sentence stays whole. One after the end
    of a sentence or list item (:data:`~checker.documents.sentences.LINE_END`, as for a line
    of a text copied from a PDF viewer), one before anything but a lower-case letter (the lines
    of a name and address), and a doubled one stay line breaks, as do page and column breaks."""
    def settle(match: re.Match[str]) -> str:
        before = text[:match.start()].rstrip()
        runs_on = (match.group().count(_SOFT_BREAK) == 1 and before
                   and not before.endswith(LINE_END) and text[match.end():][:1].islower())
        return " " if runs_on else "\n"

    return _SOFT_BREAKS.sub(settle, text)
