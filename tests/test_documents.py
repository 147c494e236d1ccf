"""Document text extraction: real PDF/DOCX/TXT files, structure, segmentation, error paths."""

from __future__ import annotations

import io
import re
import zipfile

import pytest
from pdf_support import pdf_of_objects
from suggestion_support import suggest

from checker.documents import (
    CorruptDocumentError,
    DocumentError,
    EmptyDocumentError,
    EncryptedDocumentError,
    UnsupportedFormatError,
    extract_document,
)

HTML = """<html><body>
<h1>Methods</h1>
<p>Participants were randomised in a 1:1 ratio using a computer-generated sequence.</p>
<p>Allocation was concealed using sealed opaque envelopes.</p>
<h1 style="page-break-before: always">Ethics</h1>
<p>The protocol was approved by the Regional Ethics Committee (ref. 12/345).</p>
</body></html>"""


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _sentence_with(doc, needle: str):
    return next(s for s in doc.sentences if needle in doc.sentence_text(s))


def test_txt_markdown_sections_and_verbatim_spans() -> None:
    text = (
        "A randomised trial of yoga. Acronym: YOGA\n\n## Abstract\n\n### Background\n\n"
        "Back pain is common, e.g. in nurses. We test yoga (Smith et al. 2020).\n\n"
        "## Methods\n\nPatients were included if aged 18 years or more. Fig. 1 shows the flow.\n"
    )
    doc = extract_document(text.encode("utf-8"), "protocol.md")
    assert doc.format == "md" and doc.language == "en"
    assert [s.title for s in doc.sections] == ["Abstract", "Background", "Methods"]
    for sentence in doc.sentences:
        quote = doc.sentence_text(sentence)
        assert quote == quote.strip() and quote in doc.text
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert "Back pain is common, e.g. in nurses." in texts
    assert "We test yoga (Smith et al. 2020)." in texts
    assert "Fig. 1 shows the flow." in texts
    assert "Abstract" in texts  # the heading without its Markdown marks
    included = _sentence_with(doc, "Patients were included")
    assert included.section == "Methods" and included.page is None


def test_markdown_wrapped_lines_are_one_paragraph_but_text_lines_are_not() -> None:
    """In Markdown a single line break continues the paragraph (hand-written files are often
    wrapped at 80 columns); lists, tables and headings still stand alone. A .txt file keeps
    one line per paragraph, as the benchmark's documents are written."""
    text = ("# Walking after stroke\n\n## Ethics\nThe protocol was approved by the ethics "
            "committee on\n12 March 2024, before the first inclusion. Consent will be\n"
            "obtained in writing.\n- Criterion one\n- Criterion two\n| Visit | Week |\n"
            "| V1 | 0 |\nAfter the table, a paragraph\nwrapped over two lines.\n")
    doc = extract_document(text.encode(), "protocol.md")
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert ("The protocol was approved by the ethics committee on\n12 March 2024, before the "
            "first inclusion.") in texts
    assert "Consent will be\nobtained in writing." in texts
    assert "Criterion one" in texts and "| V1 | 0 |" in texts  # the list mark trimmed
    assert "After the table, a paragraph\nwrapped over two lines." in texts
    plain = extract_document(text.replace("#", "").encode(), "protocol.txt")
    assert "12 March 2024, before the first inclusion." in [plain.sentence_text(s)
                                                            for s in plain.sentences]


def test_markdown_structure_is_not_broken_by_list_items_or_layout_guesses() -> None:
    """With Markdown headings the author has stated the structure: a numbered list item, a
    supplementary file's "(DOCX)" or a DOI in capitals opens no section (each used to be taken
    for a top-level heading, which closed "Methods" and labelled the sentences after it with
    the list item). A usual section name on a line of its own is still a heading, beside the
    heading before it."""
    text = ("# A trial of respite care\n\n## Methods\n\n### Participants\n\n"
            "Patients were eligible if they needed:\n\n  1. Temporary stay in respite care\n\n"
            "  2. Support at home\n\nConsent was obtained in writing from every patient.\n\n"
            "Inclusion criteria\n\nAdults aged 18 years or more were included.\n\n"
            "DERR1-10.2196/14180\n\nFIGURE 1\n\n## Discussion\n\nRespite care helps.\n\n"
            "### Table S2 Effect modification by parity.\n\n(DOCX)\n")
    doc = extract_document(text.encode(), "paper.txt")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("A trial of respite care", 1), ("Methods", 2), ("Participants", 3),
        ("Inclusion criteria", 3), ("Discussion", 2),
        ("Table S2 Effect modification by parity.", 3)]
    consent = _sentence_with(doc, "Consent was obtained")
    assert consent.section == "Participants"
    assert doc.sections_at(consent.start) == ["A trial of respite care", "Methods", "Participants"]
    adults = _sentence_with(doc, "Adults aged")
    assert doc.sections_at(adults.start)[1:] == ["Methods", "Inclusion criteria"]
    item = _sentence_with(doc, "Temporary stay")
    assert not doc.is_heading(item) and item.section == "Participants"
    # Under the table's heading only a bracketed file type: no text to quote in its place.
    table = next(i for i, s in enumerate(doc.sentences) if "Table S2" in doc.sentence_text(s))
    assert doc.is_heading(doc.sentences[table]) and doc.text_under(table) is None


def test_plain_text_numbered_headings_but_not_indented_list_items() -> None:
    text = ("1. Introduction\n\nFalls are common in older people.\n\n2. Methods\n\n"
            "Participants were eligible if:\n\n  1. Aged 65 years or more\n\n"
            "  2. Living at home\n\nThey were randomised by computer.\n")
    doc = extract_document(text.encode(), "protocol.txt")
    assert [s.title for s in doc.sections] == ["1. Introduction", "2. Methods"]
    assert _sentence_with(doc, "randomised by computer").section == "2. Methods"


def test_pdf_pages_sections_and_sentences() -> None:
    doc = extract_document(_pdf(HTML), "trial.pdf")
    assert doc.format == "pdf" and len(doc.pages) == 2
    concealed = _sentence_with(doc, "sealed opaque envelopes")
    assert concealed.page == 1 and concealed.section == "Methods"
    ethics = _sentence_with(doc, "Regional Ethics Committee")
    assert ethics.page == 2 and ethics.section == "Ethics"
    assert doc.sentence_text(ethics) in doc.text


def test_pdf_headings_of_any_name_come_from_typography() -> None:
    """Section names no list could hold are found from size and weight, with their levels."""
    html = """<html><body style="font-size: 11pt">
    <h1>Methods and analysis</h1>
    <h2>Recruitment and consent</h2>
    <p>Those having capacity are invited to give written consent to participation.</p>
    <p><b>Who will be blinded</b></p>
    <p>Outcome assessors are blind to allocation. Participants are not.</p>
    <h2>Plans to promote participant retention and complete follow-up</h2>
    <p>Participants receive a reminder before each visit.</p>
    <h3>5.4. Statistical methods</h3>
    <h3>5.4.1. Sample size</h3>
    <p>Patients are enrolled in<br>10 UK hospital emergency departments<br>from 2014 on.</p>
    </body></html>"""
    doc = extract_document(_pdf(html), "protocol.pdf")
    levels = {s.title: s.level for s in doc.sections}
    assert levels["Methods and analysis"] < levels["Recruitment and consent"]
    assert "Who will be blinded" in levels
    assert _sentence_with(doc, "written consent").section == "Recruitment and consent"
    assert _sentence_with(doc, "Outcome assessors").section == "Who will be blinded"
    retention = _sentence_with(doc, "reminder before each visit")
    assert retention.section == "Plans to promote participant retention and complete follow-up"
    assert doc.sentence_text(retention) == "Participants receive a reminder before each visit."
    heading = _sentence_with(doc, "Who will be blinded")
    assert doc.is_heading(heading) and doc.sentence_text(heading) == "Who will be blinded"
    # A numbered heading under another of the same style is not taken for its second line,
    # and a wrapped line that starts with a number is text, not a numbered heading.
    assert "5.4. Statistical methods" in levels and "5.4.1. Sample size" in levels
    assert _sentence_with(doc, "emergency departments").section == "5.4.1. Sample size"


def test_pdf_heading_wrapped_at_a_compounds_hyphen_keeps_the_compound() -> None:
    """A heading or title wrapped after a compound's hyphen ("falls-" / "prevention") reads
    as body text does: the compound whole, with no space after its hyphen."""
    from checker.evidence.stated_details import document_title

    html = """<html lang=en><body style="font-size: 10pt">
    <h1 style="font-size: 16pt; width: 9.2cm">A community falls-prevention programme for older
    adults: a cluster randomised trial</h1>
    <h2>1. Introduction</h2>
    <p>Falls are common among older adults living at home, and their prevention matters.</p>
    <h2 style="width: 4.3cm">2. Home-based falls-prevention exercise</h2>
    <p>The programme was delivered at home by trained physiotherapists every week.</p>
    </body></html>"""
    doc = extract_document(_pdf(html), "trial.pdf")
    assert "falls-\nprevention" in doc.text and "Home-\nbased" in doc.text  # as on the page
    title = "A community falls-prevention programme for older adults: a cluster randomised trial"
    assert [s.title for s in doc.sections] == [
        title, "1. Introduction", "2. Home-based falls-prevention exercise"]
    assert document_title(doc) == title
    heading = _sentence_with(doc, "2. Home-")
    assert doc.sentence_text(heading) == "2. Home-\nbased falls-\nprevention\nexercise"
    assert doc.is_heading(heading) and heading.section == "2. Home-based falls-prevention exercise"
    assert _sentence_with(doc, "physiotherapists").section == heading.section


def test_pdf_heading_wrapped_after_an_abbreviation_stays_one_heading() -> None:
    """A heading's line that ends with "vs." or "et al." goes on on the next line: its full
    stop ends no heading."""
    html = """<html lang=en><body style="font-size: 10pt">
    <h1 style="font-size: 16pt; width: 5.5cm">Supervised exercise vs. usual care for fatigue</h1>
    <h2 style="width: 4.5cm">2. Comparison with the cohort of Smith et al. and the registry</h2>
    <p>The programme was delivered at home by trained physiotherapists every week.</p>
    </body></html>"""
    doc = extract_document(_pdf(html), "trial.pdf")
    assert "exercise vs.\nusual care" in doc.text and "Smith et al.\nand" in doc.text
    second = "2. Comparison with the cohort of Smith et al. and the registry"
    assert [s.title for s in doc.sections] == [
        "Supervised exercise vs. usual care for fatigue", second]
    heading = _sentence_with(doc, "2. Comparison")
    assert doc.is_heading(heading) and " ".join(doc.sentence_text(heading).split()) == second
    assert _sentence_with(doc, "physiotherapists").section == second


def test_docx_headings_from_styles_and_tables() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Statistical analysis", level=1)
    document.add_paragraph("Analyses will follow the intention-to-treat principle. Missing data "
                           "will be handled by multiple imputation.")
    document.add_heading("Essai en grappes", level=2)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Visit"
    table.rows[0].cells[1].text = "Week 12"
    document.add_heading("2.1. Study design", level=2)  # a styled heading with full stops
    document.add_paragraph("A randomised trial.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "protocol.docx")
    assert doc.format == "docx"
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Statistical analysis", 1), ("Essai en grappes", 2), ("2.1. Study design", 2)
    ]
    design = _sentence_with(doc, "2.1. Study design")
    assert doc.sentence_text(design) == "2.1. Study design" and doc.is_heading(design)
    itt = _sentence_with(doc, "intention-to-treat")
    assert itt.section == "Statistical analysis"
    assert doc.sentence_text(_sentence_with(doc, "multiple imputation")).startswith("Missing data")
    assert "Visit | Week 12" in doc.text


def test_docx_bold_paragraphs_are_headings() -> None:
    """Many Word protocols type their headings in bold instead of using heading styles."""
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Methods", level=1)
    document.add_paragraph().add_run("Data management").bold = True
    document.add_paragraph("Data are entered twice into a secure database.")
    mixed = document.add_paragraph("Note: ")
    mixed.add_run("this is emphasis").bold = True
    document.add_paragraph().add_run("All data will be kept for ten years.").bold = True
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "protocol.docx")
    assert [(s.title, s.level) for s in doc.sections] == [("Methods", 1), ("Data management", 2)]
    assert _sentence_with(doc, "entered twice").section == "Data management"


def test_docx_reads_as_with_tracked_changes_accepted() -> None:
    """Inserted text counts, deleted and moved-away text does not (a draft under review)."""
    docx = pytest.importorskip("docx")
    from docx.oxml import parse_xml

    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    document = docx.Document()
    document.add_heading("Randomisation", level=1)
    paragraph = document.add_paragraph("Participants will be randomised ")
    paragraph._p.append(parse_xml(
        f'<w:ins {w} w:id="1" w:author="A"><w:r><w:t xml:space="preserve">by a '
        f'computer-generated sequence </w:t></w:r></w:ins>'))
    paragraph._p.append(parse_xml(
        f'<w:del {w} w:id="2" w:author="A"><w:r><w:delText xml:space="preserve">by coin '
        f'toss </w:delText></w:r></w:del>'))
    paragraph._p.append(parse_xml(
        f'<w:moveFrom {w} w:id="3" w:author="A"><w:r><w:t>moved away </w:t></w:r></w:moveFrom>'))
    paragraph.add_run("stratified by centre.")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "Primary outcome"
    table.cell(0, 1).paragraphs[0]._p.append(parse_xml(
        f'<w:ins {w} w:id="4" w:author="A"><w:r><w:t>6-minute walk test</w:t></w:r></w:ins>'))
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "draft.docx")
    assert ("Participants will be randomised by a computer-generated sequence stratified by "
            "centre.") in doc.text
    assert "coin toss" not in doc.text and "moved away" not in doc.text
    assert "Primary outcome | 6-minute walk test" in doc.text


def test_french_sentence_segmentation() -> None:
    text = (
        "Le protocole a reçu l'avis favorable du CPP Sud-Est II (réf. 2024-A01234-56). "
        "Les patients suivis par M. Dupont, p. ex. ceux du CHU, sont inclus après consentement. "
        "Voir la Fig. 2 pour le calendrier des visites ! Les séances durent 45 min."
    )
    doc = extract_document(text.encode("utf-8"), "protocole.txt")
    assert doc.language == "fr"
    assert [doc.sentence_text(s) for s in doc.sentences] == [
        "Le protocole a reçu l'avis favorable du CPP Sud-Est II (réf. 2024-A01234-56).",
        "Les patients suivis par M. Dupont, p. ex. ceux du CHU, sont inclus après consentement.",
        "Voir la Fig. 2 pour le calendrier des visites !",
        "Les séances durent 45 min.",
    ]


def test_title_line_is_one_sentence() -> None:
    """The title items read the whole title, even when it holds '!' or '. '."""
    text = (
        "A community mobilisation intervention in Kampala (the SASA! Study): a cluster "
        "randomised trial\n\nBackground. Violence is common. We test an intervention.\n"
    )
    doc = extract_document(text.encode("utf-8"), "protocol.txt")
    sentences = [doc.sentence_text(s) for s in doc.sentences]
    assert sentences[0] == text.split("\n")[0]
    assert sentences[1:] == ["Background.", "Violence is common.", "We test an intervention."]


def test_latin1_text_is_decoded() -> None:
    doc = extract_document("Étude randomisée en soins primaires.".encode("cp1252"), "a.txt")
    assert doc.text.startswith("Étude")


def test_utf8_text_with_a_stray_windows_1252_byte_keeps_its_accents() -> None:
    """A UTF-8 file holding a curly apostrophe saved as Windows-1252 (0x92) and an "é" (0xE9):
    only those two bytes are read as Windows-1252, the UTF-8 accents stay whole."""
    data = "Étude randomisée en soins primaires".encode() + b": l\x92\xe9quipe soignante."
    doc = extract_document(data, "a.txt")
    assert doc.text == "Étude randomisée en soins primaires: l\u2019équipe soignante."


def test_windows_1252_text_is_read_whole_as_windows_1252() -> None:
    """In Windows-1252, "É" then a no-break space happen to form a UTF-8 character: a file
    whose bytes are mostly not UTF-8 is Windows-1252 throughout."""
    text = "Protocole APPROUVÉ\u00a0: étude randomisée à Créteil, l\u2019équipe désignée."
    assert extract_document(text.encode("cp1252"), "a.txt").text == text


def test_bytes_windows_1252_leaves_undefined_read_as_latin_1() -> None:
    """No byte is refused: 0x81, 0x8D, 0x8F, 0x90 and 0x9D read as Latin-1 (control
    characters, later dropped), in a UTF-8 file and in a Windows-1252 one."""
    from checker.documents.encoding import decode_text

    assert decode_text("Étude à Créteil".encode() + b" \x81\x92") == "Étude à Créteil \x81\u2019"
    assert decode_text(b"caf\xe9 \x8d\x93") == "café \x8d\u201c"


def test_a_utf16_file_cut_short_by_a_byte_is_read() -> None:
    data = ("\ufeff" + "Étude pilote randomisée en soins primaires. " * 2).encode("utf-16-le")
    doc = extract_document(data + b"x", "notepad.txt")
    assert doc.text.startswith("Étude pilote") and doc.text.endswith("primaires. \ufffd")


def test_scanned_or_blank_pdf_is_reported() -> None:
    blank = _pdf("<html><body><div style='height:5cm'></div></body></html>")
    with pytest.raises(EmptyDocumentError) as info:
        extract_document(blank, "scan.pdf")
    # What to do, in words a clinician knows: not "OCR".
    assert "text recognition" in info.value.message("en")
    assert "reconnaissance de texte" in info.value.message("fr")
    assert "OCR" not in info.value.message("en") + info.value.message("fr")


def test_a_text_file_with_almost_nothing_in_it_is_not_called_a_scan() -> None:
    with pytest.raises(EmptyDocumentError) as info:
        extract_document(b"Protocol v2\n", "notes.txt")
    assert "recognition" not in info.value.message("en")
    assert "too little" in info.value.message("en")
    assert "trop peu" in info.value.message("fr")


def test_encrypted_pdf_is_reported() -> None:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    for page in PdfReader(io.BytesIO(_pdf(HTML))).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    with pytest.raises(EncryptedDocumentError) as info:
        extract_document(buffer.getvalue(), "locked.pdf")
    assert "mot de passe" in info.value.message("fr")


@pytest.mark.parametrize(
    ("data", "name", "error"),
    [
        (b"", "empty.txt", EmptyDocumentError),
        (b"   \n\n  ", "blank.txt", EmptyDocumentError),
        (b"%PDF-1.7\n garbage that is not a PDF", "broken.pdf", CorruptDocumentError),
        (b"this is not a pdf at all", "fake.pdf", CorruptDocumentError),
        (b"PK\x03\x04 not really a zip", "broken.docx", CorruptDocumentError),
        (b"plain", "notes.docx", CorruptDocumentError),
        (b"MZ\x90\x00", "tool.exe", UnsupportedFormatError),
        (b"\x00\x01\x02binary", "data.txt", CorruptDocumentError),
    ],
)
def test_bad_input_gets_a_clear_error(data: bytes, name: str, error: type) -> None:
    with pytest.raises(error) as info:
        extract_document(data, name)
    assert isinstance(info.value, DocumentError)
    assert info.value.message("en") and info.value.message("fr")
    assert info.value.message("en") != info.value.message("fr")


def test_headings_are_recognised_and_never_cue_quotations():
    text = ("Protocole\n\nRandomisation\nLes participants seront répartis aléatoirement par "
            "une liste générée par ordinateur.\n\nFinancement\nL'étude est financée par le "
            "PHRC national 2023.\n")
    doc = extract_document(text.encode("utf-8"), "p.txt")
    headings = [doc.sentence_text(s) for s in doc.sentences if doc.is_heading(s)]
    assert "Randomisation" in headings and "Financement" in headings
    suggestions = suggest(doc, "fr", detections=[])
    quoted = {q.text for s in suggestions.values() for q in s.quotations}
    assert quoted and not quoted & set(headings)


def test_typography_never_breaks_extraction() -> None:
    """A page whose characters PDFium cannot align with its text (characters outside the BMP)
    keeps its text and its usual section names; only the typographic headings are skipped."""
    html = ("<html><body><h1>Results</h1><p>The threshold \U0001d6fc = 0.05 was used in all "
            "analyses \U0001f600. A second sentence.</p><h2>Discussion</h2><p>Text.</p>"
            "</body></html>")
    doc = extract_document(_pdf(html), "odd.pdf")
    assert "\U0001d6fc = 0.05 was used in all analyses" in doc.text
    assert [section.title for section in doc.sections] == ["Results", "Discussion"]


def test_pdf_line_end_hyphen_is_kept_with_its_line_break() -> None:
    """PDFium marks a hyphen ending a line with U+FFFE; the text shows it as the page does."""
    from checker.documents.pdf import _read_page

    class FakeTextPage:
        raw = None

        def get_text_range(self) -> str:
            return "speech-in\ufffenoise perception\r\nnext line"

        def count_chars(self) -> int:
            return 0  # no style lookup

    page = _read_page(FakeTextPage())
    assert page.text == "speech-in-\nnoise perception\nnext line"
    assert [line.text for line in page.lines] == ["speech-in-", "noise perception", "next line"]


def _raw_pdf(lines: list[tuple[str, str, float]]) -> bytes:
    """A one-page PDF whose text is set at font size 1 and scaled by the text matrix, as
    several PDF producers do: (font resource, text, size in points) per line."""
    content = ["BT"]
    y = 780.0
    for font, text, size in lines:
        content.append(f"/{font} 1 Tf {size} 0 0 {size} 72 {y} Tm ({text}) Tj")
        y -= size * 1.6
    content.append("ET")
    stream = "\n".join(content).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R "
        b"/Resources << /Font << /R 5 0 R /B 6 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold >>",
    ]
    return pdf_of_objects(objects)


def test_pdf_headings_when_the_text_matrix_sets_the_size() -> None:
    body = "Outcome assessors will be blinded to the allocation of participants in both arms."
    lines = [("B", "Protocol of the WALK trial", 18), ("B", "Who will be blinded", 13)]
    lines += [("R", body, 10)] * 6 + [("R", "Recruitment took place in 4 clinics", 13)]
    lines += [("R", body, 10)] * 6
    doc = extract_document(_raw_pdf(lines), "walk.pdf")
    assert [(s.level, s.title) for s in doc.sections] == [
        (1, "Protocol of the WALK trial"), (2, "Who will be blinded"),
        (3, "Recruitment took place in 4 clinics")]
    assert doc.pages[0].number == 1 and body in doc.text


def test_pdf_wrapped_title_end_is_no_heading() -> None:
    """A known section name in lower case alone on a line ends a wrapped line: no heading."""
    title = ("Prospective randomised trial of a supervised walking programme in adults after "
             "stroke: a study to determine the effect of a structured walking")
    body = "Outcome assessors will be blinded to the allocation of participants in both arms."
    lines = [("R", title, 16), ("R", "intervention", 16), ("B", "Methods", 13)]
    lines += [("R", body, 10)] * 8
    doc = extract_document(_raw_pdf(lines), "title.pdf")
    assert [s.title for s in doc.sections] == ["Methods"]


def test_pdf_ligatures_are_written_out() -> None:
    """A ligature character from a font's ToUnicode map (U+FB01) reads as its letters, in the
    text and in the styled lines that headings are found from."""
    from checker.documents.pdf import _read_page

    class FakeTextPage:
        raw = None

        def get_text_range(self) -> str:
            return "Con\ufb01dentiality\r\nData will be kept con\ufb01dential and analysed."

        def count_chars(self) -> int:
            return 0

    page = _read_page(FakeTextPage())
    assert page.text == "Confidentiality\nData will be kept confidential and analysed."
    assert page.lines[0].text == "Confidentiality"
    text = extract_document("Kept con\ufb01dential and \ufb02exible.".encode(), "a.txt").text
    assert text == "Kept confidential and flexible."


def test_damaged_pdfs_never_crash() -> None:
    """Bytes overwritten, cut, deleted or inserted anywhere: a document or a DocumentError."""
    import random

    data = _pdf(HTML)
    rng = random.Random(7)
    outcomes = set()
    for attempt in range(60):
        damaged = bytearray(data)
        at = rng.randrange(len(damaged))
        if attempt % 4 == 0:
            for _ in range(rng.randint(1, 40)):
                damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        elif attempt % 4 == 1:
            del damaged[at:]
        elif attempt % 4 == 2:
            del damaged[at:at + rng.randint(1, 400)]
        else:
            damaged[at:at] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 200)))
        try:
            extract_document(bytes(damaged), "damaged.pdf")
            outcomes.add("read")
        except DocumentError as exc:
            assert exc.message("en") and exc.message("fr")
            outcomes.add(type(exc).__name__)
    assert "CorruptDocumentError" in outcomes


_ODT_NAMESPACES = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" office:version="1.3"')


def _odt(body: str, automatic_styles: str = "", styles: str | None = None) -> bytes:
    """A minimal OpenDocument text file, as LibreOffice writes it (mimetype first, stored):
    ``automatic_styles`` go in ``content.xml``, ``styles`` (named styles), if given, in a
    ``styles.xml``."""
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        f'<office:document-content {_ODT_NAMESPACES}>'
        f'<office:automatic-styles>{automatic_styles}</office:automatic-styles>'
        f'<office:body><office:text>{body}</office:text></office:body>'
        '</office:document-content>')
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text",
                         compress_type=zipfile.ZIP_STORED)
        archive.writestr("content.xml", content, compress_type=zipfile.ZIP_DEFLATED)
        if styles is not None:
            archive.writestr("styles.xml", (
                '<?xml version="1.0" encoding="UTF-8"?>'
                f'<office:document-styles {_ODT_NAMESPACES}>'
                f'<office:styles>{styles}</office:styles></office:document-styles>'),
                compress_type=zipfile.ZIP_DEFLATED)
    return buffer.getvalue()


def _paragraph_style(name: str, parent: str = "", shown: str = "") -> str:
    return (f'<style:style style:name="{name}" style:family="paragraph"'
            + (f' style:parent-style-name="{parent}"' if parent else "")
            + (f' style:display-name="{shown}"' if shown else "") + "/>")


# LibreOffice's own styles: "Title" and the headings derive from "Heading".
_LIBREOFFICE_STYLES = (_paragraph_style("Heading") + _paragraph_style("Title", "Heading")
                       + _paragraph_style("Subtitle", "Heading")
                       + _paragraph_style("Heading_20_1", "Heading", "Heading 1"))


def test_odt_headings_lists_tables_and_tracked_changes() -> None:
    body = (
        '<text:tracked-changes><text:changed-region text:id="c1"><text:deletion>'
        '<text:p>Deleted sentence about coin tossing.</text:p></text:deletion>'
        '</text:changed-region></text:tracked-changes>'
        '<text:p text:style-name="Title">Protocole de l\'essai MARCHE</text:p>'
        '<text:h text:outline-level="1">Méthodes</text:h>'
        '<text:h text:outline-level="2">Randomisation</text:h>'
        '<text:p>Les participants seront <text:span>répartis</text:span> par une liste '
        'générée<text:s text:c="2"/>par ordinateur<text:note><text:note-citation>1'
        '</text:note-citation><text:note-body><text:p>Une note.</text:p></text:note-body>'
        '</text:note>, stratifiée par centre.</text:p>'
        '<text:list><text:list-item><text:p>Critère 1 : âge de 18 à 65 ans.</text:p>'
        '</text:list-item></text:list>'
        '<table:table><table:table-row><table:table-cell><text:p>Critère principal</text:p>'
        '</table:table-cell><table:table-cell><text:p>Test de marche de 6 minutes</text:p>'
        '</table:table-cell></table:table-row></table:table>')
    doc = extract_document(_odt(body), "protocole.odt")
    assert doc.format == "odt" and doc.language == "fr"
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Protocole de l'essai MARCHE", 1), ("Méthodes", 1), ("Randomisation", 2)]
    assert ("Les participants seront répartis par une liste générée  par ordinateur, "
            "stratifiée par centre.") in doc.text
    assert "Critère 1 : âge de 18 à 65 ans." in doc.text
    assert "Critère principal | Test de marche de 6 minutes" in doc.text
    assert "coin tossing" not in doc.text and "Une note" not in doc.text
    assert _sentence_with(doc, "stratifiée").section == "Randomisation"


@pytest.mark.parametrize("data", [
    b"PK\x03\x04 not a zip at all",
    b"not even a zip",
])
def test_damaged_odt_is_reported(data: bytes) -> None:
    with pytest.raises(CorruptDocumentError):
        extract_document(data, "broken.odt")


def test_odt_with_malformed_xml_is_reported() -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.text")
        archive.writestr("content.xml", "<office:document-content><unclosed>")
    with pytest.raises(CorruptDocumentError):
        extract_document(buffer.getvalue(), "broken.odt")


def test_pdf_running_heads_and_page_numbers_are_dropped() -> None:
    """A journal's running head and "Page N of M" on every page are no sentences, and a
    sentence that runs on to the next page stays whole."""
    css = ("@page { size: A6; margin: 2cm 1.5cm; @top-center { content: 'Trials 2024; 25: 101';"
           " font-size: 7pt } @bottom-right { content: 'Page ' counter(page) ' of '"
           " counter(pages); font-size: 7pt } } body { font-size: 9pt }")
    body = " ".join(f"Sentence number {i} says how participants in the walking programme were "
                    "followed up by the research nurses at each visit." for i in range(40))
    doc = extract_document(_pdf(f"<html><head><style>{css}</style></head><body>"
                                f"<h1>Walking trial</h1><p>{body}</p></body></html>"), "r.pdf")
    assert len(doc.pages) >= 3
    assert "Trials 2024" not in doc.text and "Page 2 of" not in doc.text
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert len(texts) == 41 and all(t.startswith(("Sentence number", "Walking")) for t in texts)
    across = [s for s in doc.sentences if doc.page_at(s.end - 1) != s.page]
    assert across, "no sentence runs on to the next page in this layout"
    assert all(doc.sentence_text(s).endswith("visit.") for s in across)


def test_language_guess_is_clear_only_with_enough_words_and_one_language_ahead() -> None:
    from checker.documents.language import guess_language

    english = "The participants were allocated to the intervention or to the control group. "
    french = "Les participants sont répartis dans le groupe intervention ou dans le groupe témoin. "
    long_english = guess_language(english * 6)
    assert long_english.language == "en" and long_english.is_clear
    assert not guess_language(english).is_clear  # a sentence or two says too little
    assert guess_language(french * 6).language == "fr" and guess_language(french * 6).is_clear
    bilingual = guess_language((english + french) * 6)  # e.g. an abstract in both languages
    assert not bilingual.is_clear


def test_the_declarable_languages_are_the_living_ones_cldr_names_in_both_languages() -> None:
    from babel import Locale
    from babel.localedata import locale_identifiers

    from checker.documents.language import document_language, document_languages

    languages = document_languages()
    # Every language offered before (a two-letter code with CLDR data) still is.
    have_data = set(locale_identifiers())
    assert {c for c in Locale("en").languages
            if len(c) == 2 and c.isalpha() and c.islower() and c in have_data} <= languages
    # Three-letter codes, and two-letter ones CLDR has no data of its own for (Samoan).
    assert {"fil", "haw", "yue", "ceb", "fon", "mos", "sm", "ty"} <= languages
    # Not a dead language, a code naming no language, nor one CLDR replaced by another.
    assert not {"sux", "fro", "grc", "und", "mul", "zxx", "tl", "sh", "tlh"} & languages
    assert all(code in Locale("fr").languages for code in languages)
    assert 450 < len(languages) < 600
    assert [document_language(v) for v in ("FIL", "fil-PH", "tl", "tgl", "deu", "ger", "sux")
            ] == ["fil", "fil", "fil", "fil", "de", "de", None]


def test_living_languages_cldr_counts_no_speakers_of_are_declarable_too() -> None:
    """Dinka, Mizo and Hmong: CLDR names them, but counts no share of any country's people
    speaking them; the list of added languages puts them in, named in both languages and
    sorted among the others by name."""
    from checker.documents.language import (
        document_language,
        document_languages,
        language_choices,
        language_name,
    )

    assert {"din", "lus", "hmn"} <= document_languages()
    assert [document_language(v) for v in ("din", "DIN", "lus-IN", "hmn")] == [
        "din", "din", "lus", "hmn"]
    assert [language_name(code, "en") for code in ("din", "lus", "hmn")] == [
        "Dinka", "Mizo", "Hmong"]
    assert [language_name(code, "fr") for code in ("din", "lus", "hmn")] == [
        "Dinka", "Mizo", "Hmong"]
    for lang, neighbours in (("en", [("Dargwa", "Dinka", "Divehi"),
                                     ("Mingrelian", "Mizo", "Mohawk"),
                                     ("Hiri Motu", "Hmong", "Hungarian")]),
                             ("fr", [("Dargwa", "Dinka", "Diola-fogny"),
                                     ("Mitchif", "Mizo", "Mohawk"),
                                     ("Hiri motu", "Hmong", "Hongrois")])):
        names = [name for _code, name in language_choices(lang)[2:]]
        for before, name, after in neighbours:
            assert names.index(before) < names.index(name) < names.index(after), (lang, name)


@pytest.mark.parametrize(("entry", "problem"), [
    ("- {code: Dinka, en: Dinka, fr: dinka}", "'Dinka' is no language code"),
    ("- {code: und, en: Unknown, fr: inconnue}", "'und' is no language code"),
    ("- {code: din, en: Dinka}", "'din' needs a name in en and fr"),
])
def test_a_malformed_added_language_is_named(tmp_path, monkeypatch, entry: str,
                                             problem: str) -> None:
    from checker.documents import language

    listing = tmp_path / "languages_added.yaml"
    listing.write_text(f"languages:\n{entry}\n", encoding="utf-8")
    monkeypatch.setattr(language, "ADDED_LANGUAGES_PATH", listing)
    language.added_languages.cache_clear()
    try:
        with pytest.raises(ValueError, match=re.escape(problem)):
            language.added_languages()
    finally:
        language.added_languages.cache_clear()


@pytest.mark.parametrize(("declared", "code"), [
    ("en", "en"), ("EN", "en"), ("en-GB", "en"), ("English", "en"), ("anglais", "en"),
    ("fr", "fr"), ("fr_CA", "fr"), ("Français", "fr"), ("francais", "fr"), ("French", "fr"),
    ("fra", "fr"), ("es", None), ("", None), ("  ", None), ("Deutsch", None),
])
def test_a_declared_language_is_read_in_its_usual_spellings(declared, code) -> None:
    from checker.documents.language import language_code

    assert language_code(declared) == code


def test_a_heading_with_full_stops_is_one_sentence() -> None:
    text = ("Walking after stroke: a trial\n\n## Methods\n\n### 2.1. Study design\n\n"
            "A randomised trial. Two groups.\n\n### Table 1. Primary and secondary outcomes\n\n"
            "Outcomes are listed.\n")
    doc = extract_document(text.encode(), "article.md")
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert texts == ["Walking after stroke: a trial", "Methods", "2.1. Study design",
                     "A randomised trial.", "Two groups.",
                     "Table 1. Primary and secondary outcomes", "Outcomes are listed."]
    assert [doc.is_heading(s) for s in doc.sentences] == [
        False, True, True, False, False, True, False]
    # Each sentence of running text knows the heading sentence of its own section; the text
    # after a table's caption still belongs to the section the table stands in.
    assert doc.heading_indices == [-1, -1, -1, 2, 2, -1, 2]
    assert doc.sentences[-1].section == "2.1. Study design"


def test_a_caption_heads_no_section() -> None:
    """A table's caption set as a heading names the table; it does not close the section the
    table stands in, and the text after it stays there."""
    text = ("A trial of walking\n\n## Background\n\nWalking helps.\n\n## Table 1. Baseline "
            "characteristics\n\nEarlier trials were small.\n\n## Methods\n\nWe randomised.\n")
    doc = extract_document(text.encode(), "article.md")
    by_text = {doc.sentence_text(s): s for s in doc.sentences}
    assert by_text["Earlier trials were small."].section == "Background"
    assert doc.is_heading(by_text["Table 1. Baseline characteristics"])
    assert by_text["We randomised."].section == "Methods"
    assert [s.title for s in doc.sections] == [
        "Background", "Table 1. Baseline characteristics", "Methods"]


DOC_TITLE = "Supervised walking after stroke: a randomised controlled trial protocol"
DOC_COVER = ["Sponsor: University Hospital of Lyon.", "Version 2.0 of 12 March 2024."]
WALKING = "Walking speed is often reduced after a stroke."


@pytest.mark.parametrize(("filename", "text"), [
    # a Markdown title whose sections are set under it, or beside it
    ("protocol.md", f"# {DOC_TITLE}\n\n{DOC_COVER[0]}\n\n{DOC_COVER[1]}\n\n"
                    f"## 1. Background\n\n{WALKING}\n\n## 2. Methods\n\nA trial.\n"),
    ("protocol.md", f"# {DOC_TITLE}\n\n{DOC_COVER[0]}\n\n{DOC_COVER[1]}\n\n"
                    f"# 1. Background\n\n{WALKING}\n\n# 2. Methods\n\nA trial.\n"),
    # underlined (setext) title and sections
    ("protocol.md", f"{DOC_TITLE}\n{'=' * 20}\n\n{DOC_COVER[0]}\n\n{DOC_COVER[1]}\n\n"
                    f"Background\n----------\n\n{WALKING}\n"),
    # a typed text's title in capitals
    ("protocol.txt", f"{DOC_TITLE.upper()}\n\n{DOC_COVER[0]}\n\n{DOC_COVER[1]}\n\n"
                     f"BACKGROUND\n\n{WALKING}\n"),
], ids=["md-children", "md-siblings", "md-setext", "txt-capitals"])
def test_the_cover_lines_under_a_texts_title_are_in_no_section(filename: str,
                                                                text: str) -> None:
    """A Markdown or typed text opening on its title: the lines under the title are in no
    section, the title still being the document's title."""
    from checker.evidence.stated_details import document_title

    doc = extract_document(text.encode(), filename)
    for line in DOC_COVER:
        assert _sentence_with(doc, line).section == ""
    assert _sentence_with(doc, WALKING).section.casefold().endswith("background")
    assert document_title(doc).casefold() == DOC_TITLE.casefold()


@pytest.mark.parametrize("first", ["Background", "Abstract", "Walking after stroke"])
def test_a_text_opening_on_a_section_keeps_its_first_lines_in_it(first: str) -> None:
    doc = extract_document(f"# {first}\n\n{WALKING}\n\n# Methods\n\nA trial.\n".encode(),
                           "protocol.md")
    assert _sentence_with(doc, WALKING).section == first


@pytest.mark.parametrize("title", [
    f'<text:p text:style-name="Title">{DOC_TITLE}</text:p>',
    '<text:p text:style-name="Title">Protocole MARCHE</text:p>',  # short, but styled
    f'<text:h text:outline-level="1">{DOC_TITLE}</text:h>',  # the sections set under it
], ids=["title-style", "short-title-style", "heading-1"])
def test_the_cover_lines_under_an_odt_title_are_in_no_section(title: str) -> None:
    body = (f"{title}{''.join(f'<text:p>{line}</text:p>' for line in DOC_COVER)}"
            f'<text:h text:outline-level="2">1. Background</text:h><text:p>{WALKING}</text:p>'
            '<text:h text:outline-level="2">2. Methods</text:h><text:p>A trial.</text:p>')
    doc = extract_document(_odt(body), "protocol.odt")
    for line in DOC_COVER:
        assert _sentence_with(doc, line).section == ""
    assert _sentence_with(doc, WALKING).section == "1. Background"


@pytest.mark.parametrize(("style", "automatic", "named"), [
    # a paragraph formatted by hand: its automatic style's parent is "Title"
    ("P1", _paragraph_style("P1", "Title"), _LIBREOFFICE_STYLES),
    # a template's own style based on "Title", its name shown in French
    ("Titre_20_du_20_protocole", "", _LIBREOFFICE_STYLES
     + _paragraph_style("Titre_20_du_20_protocole", "Title", "Titre du protocole")),
    # and that style formatted by hand
    ("P3", _paragraph_style("P3", "Titre_20_du_20_protocole"), _LIBREOFFICE_STYLES
     + _paragraph_style("Titre_20_du_20_protocole", "Title", "Titre du protocole")),
    # a style whose name shown is "Titre", whatever the name the file holds
    ("Document_20_title", "", _paragraph_style("Document_20_title", "", "Titre")),
], ids=["automatic-style", "template-style", "automatic-of-template-style", "display-name"])
def test_an_odt_title_in_a_style_derived_from_title_is_the_title(style: str, automatic: str,
                                                                  named: str) -> None:
    """LibreOffice writes a title formatted by hand in an automatic style ("P1") whose parent
    is "Title", and a template may have its own title style based on it: the paragraph is the
    document's title, short as it may be, and the cover lines under it are in no section."""
    from checker.evidence.stated_details import document_title

    body = (f'<text:p text:style-name="{style}">Protocole MARCHE</text:p>'
            f"{''.join(f'<text:p>{line}</text:p>' for line in DOC_COVER)}"
            f'<text:h text:outline-level="1">1. Background</text:h><text:p>{WALKING}</text:p>')
    doc = extract_document(_odt(body, automatic, named), "protocol.odt")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Protocole MARCHE", 1), ("1. Background", 1)]
    for line in DOC_COVER:
        assert _sentence_with(doc, line).section == ""
    assert _sentence_with(doc, WALKING).section == "1. Background"
    long_title = f'<text:p text:style-name="{style}">{DOC_TITLE}</text:p>'
    doc = extract_document(_odt(long_title + body, automatic, named), "protocol.odt")
    assert document_title(doc) == DOC_TITLE


@pytest.mark.parametrize(("style", "sections"), [
    ("P1", ["1. Background"]), ("Subtitle", ["1. Background"]), ("Missing", ["1. Background"]),
    # a heading's style: a heading, no title
    ("Heading_20_1", ["Protocole MARCHE", "1. Background"])])
def test_an_odt_paragraph_in_another_style_is_no_title(style: str, sections: list[str]) -> None:
    """A style derived from "Heading" but not from "Title", or one the file does not hold,
    sets no title."""
    from checker.evidence.stated_details import document_title

    body = (f'<text:p text:style-name="{style}">Protocole MARCHE</text:p>'
            f"{''.join(f'<text:p>{line}</text:p>' for line in DOC_COVER)}"
            f'<text:h text:outline-level="1">1. Background</text:h><text:p>{WALKING}</text:p>')
    doc = extract_document(_odt(body, _paragraph_style("P1", "Subtitle"),
                                _LIBREOFFICE_STYLES), "protocol.odt")
    assert [s.title for s in doc.sections] == sections
    assert document_title(doc) == ""


_HEADING_STYLES = (_LIBREOFFICE_STYLES
                   + _paragraph_style("Heading_20_2", "Heading", "Heading 2")
                   + '<style:style style:name="Chapitre" style:family="paragraph"'
                     ' style:default-outline-level="2"/>'
                   + _paragraph_style("Sous-section", "Heading_20_2", "Sous-section CHU"))


@pytest.mark.parametrize(("style", "automatic", "level"), [
    ("Heading_20_2", "", 2),
    ("P1", _paragraph_style("P1", "Heading_20_2"), 2),  # formatted by hand
    ("Sous-section", "", 2),  # a template's style based on "Heading 2"
    ("Chapitre", "", 2),  # a style given an outline level
    ("Titre_20_3", _paragraph_style("Titre_20_3", "", "Titre 3"), 3),  # named in French
])
def test_an_odt_paragraph_in_a_heading_style_is_a_heading(style: str, automatic: str,
                                                          level: int) -> None:
    """A ``text:p`` in a heading's style, or in one based on it, is a heading of its level,
    as a DOCX paragraph in such a style is."""
    body = ('<text:h text:outline-level="1">2. Methods</text:h>'
            f'<text:p text:style-name="{style}">2.1 Participants</text:p>'
            f'<text:p>{WALKING}</text:p>'
            '<text:p text:style-name="Text_20_body">Adults aged 65 or more.</text:p>')
    doc = extract_document(_odt(body, automatic, _HEADING_STYLES), "protocol.odt")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("2. Methods", 1), ("2.1 Participants", level)]
    assert _sentence_with(doc, WALKING).section == "2.1 Participants"
    assert doc.is_heading(_sentence_with(doc, "2.1 Participants"))


def test_an_odt_title_set_as_a_heading_in_the_title_style_is_the_title() -> None:
    """A title LibreOffice writes as a heading (``text:h``, the "Title" style given an
    outline level) is the title too, short as it may be."""
    body = ('<text:h text:style-name="P1" text:outline-level="1">Protocole MARCHE</text:h>'
            f"{''.join(f'<text:p>{line}</text:p>' for line in DOC_COVER)}"
            f'<text:h text:outline-level="1">1. Background</text:h><text:p>{WALKING}</text:p>')
    doc = extract_document(_odt(body, _paragraph_style("P1", "Title"), _LIBREOFFICE_STYLES),
                           "protocol.odt")
    for line in DOC_COVER:
        assert _sentence_with(doc, line).section == ""


def test_an_odt_whose_styles_cannot_be_read_is_read_without_them() -> None:
    """A damaged ``styles.xml`` takes nothing from the text; styles deriving from each other
    (a damaged file) end the search for the title style."""
    body = (f'<text:p text:style-name="P1">{DOC_TITLE}</text:p><text:p>{WALKING}</text:p>')
    doc = extract_document(_odt(body, "", "<unclosed>"), "protocol.odt")
    assert WALKING in doc.text
    looping = _paragraph_style("P1", "P2") + _paragraph_style("P2", "P1")
    doc = extract_document(_odt(body, looping), "protocol.odt")
    assert WALKING in doc.text and doc.sections == []


def test_an_odt_opening_on_a_section_keeps_its_first_lines_in_it() -> None:
    body = ('<text:h text:outline-level="1">Background</text:h>'
            f'<text:p>{WALKING}</text:p><text:h text:outline-level="2">Rationale</text:h>'
            '<text:p>A trial.</text:p>')
    doc = extract_document(_odt(body), "protocol.odt")
    assert _sentence_with(doc, WALKING).section == "Background"
