"""A document file's own metadata: what a journal or a word processor wrote about it beside its
text (a PDF's document information and XMP packet, a DOCX's or an ODT's core properties).

Journals write a paper's DOI, journal name and publication date there (``prism:doi``,
``prism:publicationName``, ``prism:coverDate``; a PDF's Subject "Trials 2024, 25:101.
doi:10.1186/…"); a word processor writes its own title, author and dates. Only the fields
that may name a publication are kept, as text, under a name of their own (``subject``,
``prism:doi`` …); :mod:`checker.evidence.publication_details` reads them when the first page
says nothing. Reading never fails: a damaged or unusual file gives no metadata.
"""

from __future__ import annotations

import io
import re
import zipfile

# The fields kept, by the name they are given here.
PDF_INFO = {"Title": "title", "Subject": "subject", "Keywords": "keywords", "doi": "doi"}
XMP_FIELDS = ("prism:doi", "prism:publicationName", "prism:coverDate", "prism:coverDisplayDate",
              "prism:publicationDate", "dc:identifier", "pdfx:doi", "crossmark:DOI")
CORE_FIELDS = {"title": "title", "subject": "subject", "keywords": "keywords",
               "description": "description", "identifier": "identifier"}
_MAX_VALUE = 500  # characters kept of one field
_XMP_SCAN = 4_000_000  # bytes of a PDF searched for its XMP packet
_TAG = re.compile(r"<[^<>]*>")


def document_metadata(data: bytes, filename: str) -> dict[str, str]:
    """The publication fields of the file's metadata (see the module's description); {} for
    a format without any (TXT, Markdown) or a file that cannot be read."""
    name = filename.casefold()
    try:
        if data.startswith(b"%PDF") or name.endswith(".pdf"):
            return _pdf_metadata(data)
        if name.endswith((".docx", ".odt")):
            return _core_properties(data)
    except Exception:  # noqa: BLE001 - metadata is a bonus: never fail a reading for it
        return {}
    return {}


def _kept(fields: dict[str, str]) -> dict[str, str]:
    return {key: " ".join(value.split())[:_MAX_VALUE] for key, value in fields.items()
            if value and value.strip()}


def _pdf_metadata(data: bytes) -> dict[str, str]:
    import pypdfium2 as pdfium

    fields: dict[str, str] = {}
    document = pdfium.PdfDocument(data)
    try:
        info = document.get_metadata_dict()
    finally:
        document.close()
    for key, name in PDF_INFO.items():
        if isinstance(info.get(key), str):
            fields[name] = info[key]
    fields.update(_xmp_fields(data[:_XMP_SCAN]))
    return _kept(fields)


def _xmp_fields(data: bytes) -> dict[str, str]:
    """The XMP packet's publication fields, as an element (``<prism:doi>10.…</prism:doi>``,
    its value perhaps in an ``rdf:Alt``) or an attribute (``prism:doi="10.…"``). A packet in
    a compressed stream is not read."""
    text = data.decode("latin-1")
    fields: dict[str, str] = {}
    for name in XMP_FIELDS:
        element = re.search(rf"<{name}(?:\s[^<>]*)?>(.*?)</{name}>", text, re.DOTALL)
        attribute = re.search(rf"\s{name}=\"([^\"]*)\"", text)
        value = _TAG.sub(" ", element.group(1)) if element else (
            attribute.group(1) if attribute else "")
        if value.strip():
            fields[name] = _utf8(value)
    return fields


def _utf8(value: str) -> str:
    try:
        return value.encode("latin-1").decode("utf-8")
    except UnicodeError:
        return value


def _core_properties(data: bytes) -> dict[str, str]:
    """A DOCX's ``docProps/core.xml`` or an ODT's ``meta.xml``: their Dublin Core fields."""
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        names = set(archive.namelist())
        member = next((n for n in ("docProps/core.xml", "meta.xml") if n in names), None)
        if member is None or archive.getinfo(member).file_size > 1_000_000:
            return {}
        root = etree.fromstring(archive.read(member), parser)
    fields: dict[str, str] = {}
    for element in root.iter():
        if not isinstance(element.tag, str):  # a comment or a processing instruction
            continue
        local = element.tag.rsplit("}", 1)[-1].casefold()
        if local in CORE_FIELDS and element.text:
            fields[CORE_FIELDS[local]] = element.text
    return _kept(fields)
