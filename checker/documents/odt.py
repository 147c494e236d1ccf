"""OpenDocument text (.odt, LibreOffice / OpenOffice): paragraphs, headings, lists and tables.

Many French hospitals and public bodies write their protocols in LibreOffice. The text is in
``content.xml``: ``text:h`` headings carry their outline level, ``text:p`` paragraphs, lists
and table cells hold more paragraphs. The body already reads as with tracked changes accepted:
deleted text sits apart, in ``text:tracked-changes``, which is skipped, as are footnotes (their
text would land in the middle of a sentence).
"""

from __future__ import annotations

import io
import zipfile

from . import limits
from .errors import CorruptDocumentError, TooLongDocumentError

ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_TABLE = "urn:oasis:names:tc:opendocument:xmlns:table:1.0"
_OFFICE = "urn:oasis:names:tc:opendocument:xmlns:office:1.0"
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


def odt_blocks(data: bytes) -> list[tuple[str, int, bool]]:
    """(text, heading level or 0, whether set in the Title style) per paragraph, heading and
    table row, in reading order."""
    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("content.xml")
            if info.file_size > limits.MAX_UNPACKED_XML_BYTES:
                raise TooLongDocumentError("content.xml too large")
            content = archive.read(info)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
        root = etree.fromstring(content, parser)
    except (CorruptDocumentError, TooLongDocumentError):
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, etree.XMLSyntaxError) as exc:
        raise CorruptDocumentError(f"{type(exc).__name__}: {exc}") from exc
    body = root.find(f"{{{_OFFICE}}}body/{{{_OFFICE}}}text")
    if body is None:
        raise CorruptDocumentError("no text body in content.xml")
    blocks: list[tuple[str, int, bool]] = []
    _walk(body, blocks)
    return blocks


def _walk(element, blocks: list[tuple[str, int, bool]]) -> None:
    for child in element:
        tag = child.tag
        if not isinstance(tag, str) or tag in _SKIPPED:
            continue
        if tag == f"{{{_TEXT}}}h":
            level = child.get(f"{{{_TEXT}}}outline-level") or "1"
            blocks.append((_inline(child), int(level) if level.isdigit() else 1, False))
        elif tag == f"{{{_TEXT}}}p":
            style = (child.get(f"{{{_TEXT}}}style-name") or "").lower()
            titled = style in ("title", "titre")
            blocks.append((_inline(child), 1 if titled else 0, titled))
        elif tag == f"{{{_TABLE}}}table-row":
            cells: list[str] = []
            for cell in child.iter(f"{{{_TABLE}}}table-cell"):
                parts: list[tuple[str, int, bool]] = []
                _walk(cell, parts)
                value = "\n".join(text for text, _, _ in parts).strip()
                if value and (not cells or cells[-1] != value):
                    cells.append(value)
            blocks.append((" | ".join(cells), 0, False))
        else:  # lists, list items, sections, tables, headers of tables...
            _walk(child, blocks)


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
