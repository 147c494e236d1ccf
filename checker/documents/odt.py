"""OpenDocument text (.odt, LibreOffice / OpenOffice): paragraphs, headings, lists and tables.

Many French hospitals and public bodies write their protocols in LibreOffice. The text is in
``content.xml``: ``text:h`` headings carry their outline level, ``text:p`` paragraphs, lists
and table cells hold more paragraphs. The body already reads as with tracked changes accepted:
deleted text sits apart, in ``text:tracked-changes``, which is skipped, as are footnotes (their
text would land in the middle of a sentence). The title is a paragraph in the "Title" style,
or in a style derived from it: an automatic style ("P1", when the paragraph has formatting of
its own, in ``content.xml``) or a template's own style (in ``styles.xml``). A ``text:p`` in a
heading's style ("Heading 2", or one derived from it) is a heading of that level.
"""

from __future__ import annotations

import io
import re
import zipfile

from . import limits
from .errors import CorruptDocumentError, TooLongDocumentError

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
_STYLE = "urn:oasis:names:tc:opendocument:xmlns:style:1.0"
# The title style's name, as the file holds it ("Title" whatever the interface's language) or
# as shown (a French template's "Titre"), compared in lower case.
_TITLE_STYLES = {"title", "titre"}
_SKIPPED = {f"{{{_TEXT}}}tracked-changes", f"{{{_TEXT}}}note", f"{{{_TEXT}}}soft-page-break",
            f"{{{_OFFICE}}}annotation", f"{{{_TEXT}}}sequence-decls"}
MAX_SPACES = 100  # text:s c="..." repeats a space; a forged count must not fill the memory


def is_odt(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = archive.namelist()
            return ("content.xml" in names and "mimetype" in names
                    and archive.read("mimetype").strip() == ODT_MIMETYPE)
    except (zipfile.BadZipFile, OSError, ValueError, KeyError):
        return False


def odt_blocks(data: bytes) -> list[tuple[str, int, bool, bool]]:
    """(text, heading level or 0, whether set in the Title style, whether a table's header
    row) per paragraph, heading and table row, in reading order."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > limits.MAX_UNPACKED_XML_BYTES:
                raise TooLongDocumentError("content.xml too large")
            content = archive.read(info)
            styles_xml = _styles_part(archive, limits.MAX_UNPACKED_XML_BYTES - info.file_size)
        root = etree.fromstring(content, parser)
    except (CorruptDocumentError, TooLongDocumentError):
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError) as exc:
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        raise CorruptDocumentError("no text body in content.xml")
    try:
        # A style sheet LibreOffice itself could not read takes nothing from the body's text.
        named = etree.fromstring(styles_xml, parser) if styles_xml else None
    except etree.XMLSyntaxError:
        named = None
    styles = _paragraph_styles(named) | _paragraph_styles(root)  # automatic ones last: "P1"
    blocks: list[tuple[str, int, bool, bool]] = []
    _walk(body, blocks, _ParagraphStyles(styles))
    return blocks


def _styles_part(archive: zipfile.ZipFile, room: int) -> bytes:
    """``styles.xml`` (the named styles), or nothing when the file has none; refused when it
    and ``content.xml`` together pass the unpacked size limit."""
    try:
        info = archive.getinfo("styles.xml")
    except KeyError:
        return b""
    if info.file_size > room:
        raise TooLongDocumentError("styles.xml too large")
    return archive.read(info)


def _paragraph_styles(root) -> dict[str, tuple[str, str, str]]:
    """(parent style, display name, default outline level) of each paragraph style of a
    part, by name."""
    if root is None:
        return {}
    styles = {}
    for style in root.iter(f"{{{_STYLE}}}style"):
        if style.get(f"{{{_STYLE}}}family") == "paragraph" and style.get(f"{{{_STYLE}}}name"):
            styles[style.get(f"{{{_STYLE}}}name")] = (
                style.get(f"{{{_STYLE}}}parent-style-name") or "",
                style.get(f"{{{_STYLE}}}display-name") or "",
                style.get(f"{{{_STYLE}}}default-outline-level") or "")
    return styles


# A heading style's name, as the file holds it ("Heading_20_2", its spaces written "_20_") or
# as shown ("Heading 2", a French interface's "Titre 2"), in lower case: its level. "Titre"
# alone is the title's style, and "Heading" alone the parent of them all: no level.
_HEADING_STYLE = re.compile(r"(?:heading|titre)\s*(\d{1,2})")
MAX_LEVEL = 6


class _ParagraphStyles:
    """What a paragraph's style says of it, through the styles it derives from, automatic
    ("P1", parent "Title") or a template's own ("Titre du protocole", based on "Title"), as
    DOCX styles are read (:mod:`checker.documents.docx_reading`): whether it sets the
    document's title (the "Title" style, by its name or its display name "Titre"), and the
    heading level it sets ("Heading 2", or a default outline level): a ``text:p`` in a
    heading's style is a heading, as a ``text:h`` is."""

    def __init__(self, styles: dict[str, tuple[str, str, str]]) -> None:
        self._styles = styles
        self._known: dict[str, tuple[bool, int]] = {}

    def __contains__(self, name: str) -> bool:
        return self._read(name)[0]

    def heading_level(self, name: str) -> int:
        """The heading level the style ``name`` sets, 0 when none."""
        return self._read(name)[1]

    def _read(self, name: str) -> tuple[bool, int]:
        if name not in self._known:
            self._known[name] = self._derived(name)
        return self._known[name]

    def _derived(self, name: str) -> tuple[bool, int]:
        """(whether a title style, heading level): the nearest style in the chain that says."""
        seen: set[str] = set()
        while name and name not in seen:  # a damaged file may derive styles from each other
            seen.add(name)
            parent, shown, outline = self._styles.get(name, ("", "", ""))
            names = {name.replace("_20_", " ").lower(), shown.lower()}
            if names & _TITLE_STYLES:
                return True, 0
            for heading in filter(None, map(_HEADING_STYLE.fullmatch, names)):
                return False, min(int(heading.group(1)), MAX_LEVEL)
            if outline.isdigit() and int(outline) > 0:
                return False, min(int(outline), MAX_LEVEL)
            name = parent
        return False, 0


def _walk(element, blocks: list[tuple[str, int, bool, bool]], styles: _ParagraphStyles,
          header: bool = False) -> None:
    """Adds ``element``'s blocks; ``header``: within a table's header rows (LibreOffice's
    "Heading" rows, repeated on each page)."""
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        style = child.get(f"{{{_TEXT}}}style-name") or ""
        titled = style in styles
        if tag == f"{{{_TEXT}}}h":
            level = child.get(f"{{{_TEXT}}}outline-level") or "1"
            blocks.append((_inline(child), int(level) if level.isdigit() else 1, titled, False))
        elif tag == f"{{{_TEXT}}}p":
            blocks.append((_inline(child), 1 if titled else styles.heading_level(style), titled,
                           False))
        elif tag == f"{{{_TABLE}}}table-row":
            cells: list[str] = []
            for cell in child.iter(f"{{{_TABLE}}}table-cell"):
                parts: list[tuple[str, int, bool, bool]] = []
                _walk(cell, parts, styles)
                value = "\n".join(text for text, *_ in parts).strip()
                if value and (not cells or cells[-1] != value):
                    cells.append(value)
            blocks.append((" | ".join(cells), 0, False, header))
        else:  # lists, list items, sections, tables, headers of tables...
            _walk(child, blocks, styles,
                  header or tag == f"{{{_TABLE}}}table-header-rows")


def _inline(element) -> str:
    """Text of a paragraph: spans and links read through, ``text:s`` spaces counted."""
    parts = [element.text or ""]
    for child in element:
        tag = child.tag
        if isinstance(tag, str) and tag not in _SKIPPED:
            if tag == f"{{{_TEXT}}}s":
                count = child.get(f"{{{_TEXT}}}c") or "1"
                parts.append(" " * (min(int(count), MAX_SPACES) if count.isdigit() else 1))
            elif tag == f"{{{_TEXT}}}tab":
                parts.append("\t")
            elif tag == f"{{{_TEXT}}}line-break":
                parts.append("\n")
            else:
                parts.append(_inline(child))
        parts.append(child.tail or "")
    return "".join(parts)
