"""DOCX reading beyond python-docx's body paragraphs: notes, content controls, template heading
styles, bold paragraphs, manual line breaks and table cells."""

from __future__ import annotations

import io

import docx
from docx.oxml import parse_xml

from checker.documents import Document, Sentence, extract_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _extract(document) -> Document:
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_document(buffer.getvalue(), "protocol.docx")


def _sentence_with(doc: Document, needle: str) -> Sentence:
    return next(s for s in doc.sentences if needle in doc.sentence_text(s))


def _block_control(document, inner_xml: str, gallery: str = "") -> None:
    """A content control (w:sdt) around ``inner_xml`` at the end of the body."""
    part = (f'<w:docPartObj><w:docPartGallery w:val="{gallery}"/></w:docPartObj>'
            if gallery else "")
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="Texte"/>{part}</w:sdtPr>'
                    f'<w:sdtContent>{inner_xml}</w:sdtContent></w:sdt>')
    body = document.element.body
    body.insert(len(body) - 1, sdt)  # before the section properties


def test_paragraphs_and_tables_in_content_controls_are_read_in_order() -> None:
    document = docx.Document()
    document.add_heading("Primary outcome", level=1)
    _block_control(document, (
        '<w:p><w:r><w:t>The primary outcome is the Oswestry Disability Index at 6 months.</w:t>'
        '</w:r></w:p><w:tbl><w:tr><w:tc><w:p><w:r><w:t>Visit</w:t></w:r></w:p></w:tc>'
        '<w:tc><w:sdt><w:sdtContent><w:p><w:r><w:t>Month 6</w:t></w:r></w:p></w:sdtContent>'
        '</w:sdt></w:tc></w:tr></w:tbl>'))
    document.add_heading("Sample size", level=1)
    document.add_paragraph("We will include 192 patients.")
    doc = _extract(document)
    outcome = _sentence_with(doc, "Oswestry")
    assert outcome.section == "Primary outcome"
    assert "Visit | Month 6" in doc.text
    assert doc.text.index("Oswestry") < doc.text.index("Month 6") < doc.text.index("192")


def test_a_table_of_contents_control_is_not_read() -> None:
    """Word's table of contents only repeats the headings (with page numbers)."""
    document = docx.Document()
    document.add_paragraph("Contents", style="TOC Heading")
    _block_control(document, '<w:p><w:r><w:t>Randomisation</w:t><w:tab/><w:t>7</w:t></w:r></w:p>',
                   gallery="Table of Contents")
    document.add_heading("Randomisation", level=1)
    document.add_paragraph("Participants will be randomised by a central web service.")
    doc = _extract(document)
    assert doc.text.count("Randomisation") == 1
    # TOC Heading is based on Heading 1 but sets outline level 9 (body text): no heading.
    assert [s.title for s in doc.sections] == ["Randomisation"]
