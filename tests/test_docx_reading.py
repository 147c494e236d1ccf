"""DOCX reading beyond python-docx's body paragraphs: notes, content controls, template heading
styles, bold paragraphs, manual line breaks and table cells."""

from __future__ import annotations

import io
from xml.sax.saxutils import escape

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_BREAK
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml

from checker.documents import Document, Sentence, extract_document

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def _extract(document) -> Document:
    buffer = io.BytesIO()
    document.save(buffer)
    return extract_document(buffer.getvalue(), "protocol.docx")


def _sentence_with(doc: Document, needle: str) -> Sentence:
    return next(s for s in doc.sentences if needle in doc.sentence_text(s))


def _add_notes(document, kind: str, notes: list[str]) -> None:
    """A footnotes or endnotes part holding ``notes`` (ids 1, 2, …) after Word's separators."""
    body = "".join(
        f'<w:{kind} w:id="{number}"><w:p><w:r><w:{kind}Ref/></w:r><w:r>'
        f'<w:t xml:space="preserve"> {escape(text)}</w:t></w:r></w:p></w:{kind}>'
        for number, text in enumerate(notes, start=1))
    xml = (f'<w:{kind}s {W}><w:{kind} w:type="separator" w:id="-1"><w:p><w:r><w:separator/>'
           f'</w:r></w:p></w:{kind}>{body}</w:{kind}s>').encode()
    content_type = CT.WML_FOOTNOTES if kind == "footnote" else CT.WML_ENDNOTES
    part = Part(PackURI(f"/word/{kind}s.xml"), content_type, xml, document.part.package)
    document.part.relate_to(part, RT.FOOTNOTES if kind == "footnote" else RT.ENDNOTES)


def _refer(paragraph, kind: str, number: int, wrapper: str = "") -> None:
    run = f'<w:r><w:{kind}Reference w:id="{number}"/></w:r>'
    if wrapper:
        run = f'<w:{wrapper} w:id="9" w:author="A">{run}</w:{wrapper}>'
    paragraph._p.append(parse_xml(f'<w:p {W}>{run}</w:p>')[0])


def _block_control(document, inner_xml: str, gallery: str = "") -> None:
    """A content control (w:sdt) around ``inner_xml`` at the end of the body."""
    part = (f'<w:docPartObj><w:docPartGallery w:val="{gallery}"/></w:docPartObj>'
            if gallery else "")
    sdt = parse_xml(f'<w:sdt {W}><w:sdtPr><w:alias w:val="Texte"/>{part}</w:sdtPr>'
                    f'<w:sdtContent>{inner_xml}</w:sdtContent></w:sdt>')
    body = document.element.body
    body.insert(len(body) - 1, sdt)  # before the section properties


def test_footnotes_and_endnotes_are_read_after_their_paragraph() -> None:
    document = docx.Document()
    document.add_heading("Trial registration", level=1)
    registration = document.add_paragraph("Registration number: see note")
    _refer(registration, "footnote", 1)
    _refer(document.add_paragraph("Funding: see the end of the text"), "endnote", 1)
    _refer(document.add_paragraph("A reference deleted in review."), "footnote", 2, "del")
    document.add_heading("Methods", level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "Primary outcome", "ODI"
    _refer(table.cell(0, 1).paragraphs[0], "footnote", 3)
    table.cell(1, 0).text, table.cell(1, 1).text = "Visits", "Months 3 and 6"
    _add_notes(document, "footnote", ["Registered at ClinicalTrials.gov (NCT06123456).",
                                      "Withdrawn note.", "Oswestry Disability Index, v2.1a."])
    _add_notes(document, "endnote", ["Funded by the PHRC-K 2023 programme."])
    doc = _extract(document)
    note = _sentence_with(doc, "NCT06123456")
    assert doc.sentence_text(note) == "Registered at ClinicalTrials.gov (NCT06123456)."
    assert note.section == "Trial registration"
    assert doc.text.index("see note") < doc.text.index("NCT06123456") < doc.text.index(
        "Funding: see")
    assert _sentence_with(doc, "PHRC-K").section == "Trial registration"
    assert "Withdrawn note" not in doc.text
    assert "Primary outcome | ODI\n\nOswestry Disability Index, v2.1a.\n\nVisits" in doc.text


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


def test_heading_level_from_based_on_style_and_outline_level() -> None:
    document = docx.Document()
    custom = document.styles.add_style("Sous-section CHU", WD_STYLE_TYPE.PARAGRAPH)
    custom.base_style = document.styles["Heading 2"]
    deeper = document.styles.add_style("Sous-sous-section", WD_STYLE_TYPE.PARAGRAPH)
    deeper.base_style = custom
    outlined = document.styles.add_style("Annexe", WD_STYLE_TYPE.PARAGRAPH)
    outlined.element.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="0"/>'))
    document.add_heading("2 Méthodes", level=1)
    document.add_paragraph("2.1 Schéma de l'étude", style="Sous-section CHU")
    document.add_paragraph("Il s'agit d'un essai contrôlé randomisé.")
    document.add_paragraph("2.1.1 Groupes", style="Sous-sous-section")
    document.add_paragraph("Deux groupes parallèles.")
    own = document.add_paragraph("2.2 Lieu de l'étude")
    own._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="1"/>'))
    document.add_paragraph("Quatre centres.")
    document.add_paragraph("Annexe 1 Calendrier", style="Annexe")
    doc = _extract(document)
    assert [(s.title, s.level) for s in doc.sections] == [
        ("2 Méthodes", 1), ("2.1 Schéma de l'étude", 2), ("2.1.1 Groupes", 2),
        ("2.2 Lieu de l'étude", 2), ("Annexe 1 Calendrier", 1)]
    assert _sentence_with(doc, "essai contrôlé").section == "2.1 Schéma de l'étude"
    assert _sentence_with(doc, "Quatre centres").section == "2.2 Lieu de l'étude"


def test_a_bold_labelled_sentence_is_not_a_heading() -> None:
    document = docx.Document()
    for text in ["Methods and analysis", "2.1 Trial design", "Sample size",
                 "Important: participants must not start another structured exercise "
                 "programme during the trial",
                 "Keywords: breast neoplasms; exercise; fatigue; randomised controlled trial",
                 "Table 1: Schedule of enrolment, interventions and assessments"]:
        document.add_paragraph().add_run(text).bold = True
        document.add_paragraph("Some text follows here.")
    doc = _extract(document)
    assert [s.title for s in doc.sections] == [
        "Methods and analysis", "2.1 Trial design", "Sample size",
        "Table 1: Schedule of enrolment, interventions and assessments"]
    important = _sentence_with(doc, "Important:")
    assert not doc.is_heading(important) and important.section == "Sample size"


def test_a_bold_author_line_is_not_a_heading() -> None:
    """The authors' names set in bold under the title, with their affiliation marks, are no
    heading: the affiliation under them is in no section."""
    document = docx.Document()
    document.add_heading("Effet d'un programme diététique après infarctus du myocarde", level=0)
    document.add_paragraph().add_run("Julien Martin¹, Claire Dubois² et Paul Roux¹").bold = True
    document.add_paragraph("¹ Service de cardiologie, CHU de Nantes, Nantes, France")
    document.add_heading("Introduction", level=1)
    document.add_paragraph("Some text follows here.")
    doc = _extract(document)
    assert [s.title for s in doc.sections] == [
        "Effet d'un programme diététique après infarctus du myocarde", "Introduction"]
    assert _sentence_with(doc, "Service de cardiologie").section == ""


def test_a_line_break_inside_a_sentence_reads_as_a_space() -> None:
    document = docx.Document()
    document.add_heading("Adherence", level=1)
    paragraph = document.add_paragraph()
    paragraph.add_run("Attendance will be recorded at each session; adherence is defined as")
    paragraph.add_run().add_break()
    paragraph.add_run("attending at least 75% of the planned sessions.")
    carriage = document.add_paragraph("Sessions last")
    carriage.runs[0]._r.append(parse_xml(f"<w:cr {W}/>"))
    carriage.add_run("about 60 minutes.")
    address = document.add_paragraph("Pr Jeanne Martin")
    address.add_run().add_break()
    address.add_run("Service de médecine physique")
    items = document.add_paragraph("Inclusion:")
    items.add_run().add_break()
    items.add_run("aged 18 or over")
    paged = document.add_paragraph("End of part one")
    paged.add_run().add_break(WD_BREAK.PAGE)
    paged.add_run("part two starts")
    doc = _extract(document)
    adherence = _sentence_with(doc, "adherence is defined")
    assert doc.sentence_text(adherence) == (
        "Attendance will be recorded at each session; adherence is defined as attending at "
        "least 75% of the planned sessions.")
    assert "Sessions last about 60 minutes." in doc.text
    assert "Pr Jeanne Martin\nService de" in doc.text
    assert "Inclusion:\naged 18" in doc.text
    assert "End of part one\npart two starts" in doc.text


def test_a_line_break_after_a_closing_bracket_or_quote_stays() -> None:
    """A line that ends with a closing bracket or quote has ended its sentence or list item,
    as a line of a text copied from a PDF viewer does: the break after it stays."""
    document = docx.Document()
    items = document.add_paragraph("Exclusion criteria:")
    for item in ("pregnancy (self-reported)", "use of a “walking aid”",
                 "troubles cognitifs «\u00a0sévères\u00a0»", "prior stroke"):
        items.add_run().add_break()
        items.add_run(item)
    assert _extract(document).text == (
        "Exclusion criteria:\npregnancy (self-reported)\nuse of a “walking aid”\n"
        "troubles cognitifs «\u00a0sévères\u00a0»\nprior stroke")


def test_table_cells_keep_their_columns() -> None:
    document = docx.Document()
    table = document.add_table(rows=4, cols=4)
    for row, values in zip(table.rows, [["Assessment", "Baseline", "Week 6", "Week 12"],
                                        ["ODI", "X", "X", "X"],
                                        ["Adverse events", "", "X", "X"],
                                        ["", "", "", ""]], strict=True):
        for cell, value in zip(row.cells, values, strict=True):
            cell.text = value
    merged = table.add_row()
    merged.cells[0].text = "Follow-up"
    merged.cells[1].merge(merged.cells[3]).text = "By telephone"
    doc = _extract(document)
    assert doc.text.split("\n\n") == [
        "Assessment | Baseline | Week 6 | Week 12",
        "ODI | X | X | X",
        "Adverse events |  | X | X",
        "Follow-up | By telephone",
    ]


def test_template_prompts_and_contents_lines_are_not_text() -> None:
    """A content control still showing its prompt, and a table of contents written as "toc N"
    paragraphs (no content control around it), hold nothing of the protocol itself."""
    document = docx.Document()
    document.styles.add_style("toc 1", WD_STYLE_TYPE.PARAGRAPH)
    document.add_paragraph("Introduction\t1", style="toc 1")
    document.add_paragraph("Participants will walk for thirty minutes every day.")
    prompt = ('<w:sdt {W}><w:sdtPr><w:showingPlcHdr/></w:sdtPr><w:sdtContent><w:r>'
              '<w:t>Click or tap here to enter text.</w:t></w:r></w:sdtContent></w:sdt>')
    registry = document.add_paragraph("Registry number: ")
    registry._p.append(parse_xml(prompt.format(W=W)))
    _block_control(document, f'<w:p {W}><w:r><w:t>Click or tap here to enter text.</w:t></w:r>'
                   '</w:p>')
    document.element.body[-2].find(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}sdtPr").append(
        parse_xml(f"<w:showingPlcHdr {W}/>"))
    doc = _extract(document)
    assert "Click or tap" not in doc.text
    assert "Introduction\t1" not in doc.text
    assert "Participants will walk" in doc.text and "Registry number:" in doc.text


def test_bold_headings_nest_by_their_numbering() -> None:
    document = docx.Document()
    for title in ("1. INTRODUCTION", "1.1 Objectives", "2. METHODS", "2.1 Trial design"):
        document.add_paragraph().add_run(title).bold = True
        document.add_paragraph("Participants will walk for thirty minutes every day.")
    doc = _extract(document)
    assert [(s.level, s.title) for s in doc.sections] == [
        (1, "1. INTRODUCTION"), (2, "1.1 Objectives"), (1, "2. METHODS"), (2, "2.1 Trial design")]
    last = doc.sentences[-1]
    assert doc.sections_at(last.start) == ["2. METHODS", "2.1 Trial design"]


def test_a_deleted_paragraph_mark_joins_the_two_paragraphs() -> None:
    """Accepting a tracked deletion of a paragraph mark makes one paragraph of two."""
    document = docx.Document()
    first = document.add_paragraph("Participants will be adults aged 18 or over ")
    first._p.get_or_add_pPr().append(parse_xml(
        f'<w:rPr {W}><w:del w:id="1" w:author="A" w:date="2024-01-01T00:00:00Z"/></w:rPr>'))
    document.add_paragraph("admitted with acute myocardial infarction.")
    document.add_paragraph("They will walk daily.")
    doc = _extract(document)
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert "Participants will be adults aged 18 or over admitted with acute myocardial " \
           "infarction." in texts
    assert "They will walk daily." in texts


TITLE = ("Effet d'un programme de marche supervisée sur la vitesse de marche après un AVC : "
         "essai contrôlé randomisé multicentrique")
COVER = ["Promoteur : Hospices Civils de Lyon.", "Version 2.0 du 12 mars 2024.",
         "Numéro d'enregistrement ClinicalTrials.gov : NCT01234567."]


def _protocol_with_cover(set_title, section_level: int = 1) -> Document:
    """A protocol whose first page holds its title (set by ``set_title``) and its cover
    lines, then a page break and its first numbered section (a heading of
    ``section_level``)."""
    document = docx.Document()
    set_title(document)
    for line in COVER:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("1. Justification scientifique", level=section_level)
    document.add_paragraph("La vitesse de marche est souvent réduite après un AVC.")
    return _extract(document)


def _based_on_title(document) -> None:
    style = document.styles.add_style("Titre du protocole CHU", WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Title"]
    document.add_paragraph(TITLE, style=style)


def _bold(document) -> None:
    document.add_paragraph().add_run(TITLE).bold = True


@pytest.mark.parametrize("set_title", [
    lambda document: document.add_paragraph(TITLE, style="Title"),
    _based_on_title,  # a template's title style
    lambda document: document.add_heading(TITLE, level=1),  # a first-level heading
    _bold,  # a paragraph in bold: a heading typed by hand
], ids=["title-style", "template-title-style", "heading-1", "bold"])
@pytest.mark.parametrize("section_level", [1, 2], ids=["sections-beside", "sections-under"])
def test_the_cover_page_under_the_title_is_in_no_section(set_title, section_level) -> None:
    """The document's title names the document, not the cover page under it: a quotation of
    the sponsor or the registration number is shown in no section, not under the long title
    (the title itself is still the document's title, for the details read from it)."""
    from checker.evidence.stated_details import document_title

    doc = _protocol_with_cover(set_title, section_level)
    for line in COVER:
        assert _sentence_with(doc, line.split()[0]).section == ""
    assert _sentence_with(doc, "vitesse de marche est").section == "1. Justification scientifique"
    assert document_title(doc) == TITLE


def test_a_first_section_is_not_taken_for_a_title() -> None:
    """A document that opens on a section's heading (a usual name, or a short one) keeps its
    text in that section."""
    for first in ("Contexte et justification", "Introduction"):
        document = docx.Document()
        document.add_heading(first, level=1)
        document.add_paragraph("La vitesse de marche est souvent réduite après un AVC.")
        document.add_heading("Méthodes", level=1)
        document.add_paragraph("Un essai contrôlé randomisé.")
        doc = _extract(document)
        assert _sentence_with(doc, "vitesse de marche").section == first


def _larger_type(document) -> None:
    """A title typed on the cover page in larger type, in no heading or title style, under
    the sponsor's name in body type."""
    from docx.shared import Pt

    document.add_paragraph("Direction de la Recherche en Santé des Hospices Civils de Lyon")
    document.add_paragraph().add_run(TITLE).font.size = Pt(16)


@pytest.mark.parametrize("section_level", [1, 2], ids=["sections-beside", "sections-under"])
def test_a_title_in_larger_type_is_the_title(section_level) -> None:
    """A cover page's title set in larger type by hand (no Title style) is the document's
    title, as a PDF's largest line is, not the line above it: the cover lines under it are in
    no section."""
    from checker.evidence.stated_details import document_title

    doc = _protocol_with_cover(_larger_type, section_level)
    for line in COVER:
        assert _sentence_with(doc, line.split()[0]).section == ""
    assert document_title(doc) == TITLE


@pytest.mark.parametrize("title", [
    # "ACRONYM: title", which reads like a labelled sentence, not a heading
    "MOUV'APRÈS : programme d'activité physique adaptée supervisée après traitement d'un "
    "cancer du sein – essai contrôlé randomisé multicentrique",
    # a heading typed in bold by hand, a level below the styled ones
    "Programme d'activité physique adaptée supervisée après traitement d'un cancer du sein "
    ": essai contrôlé randomisé multicentrique",
], ids=["acronym", "bold-heading"])
def test_a_french_cover_page_title_is_read_before_the_synopsis(title: str) -> None:
    """A French protocol's cover page: a bold line naming the research category, then the
    title in larger bold type, the sponsor and version; then a "Résumé du protocole"
    heading. The title read from the document is the title, not the synopsis's heading."""
    from docx.shared import Pt

    from checker.evidence.stated_details import document_title

    document = docx.Document()
    document.add_paragraph().add_run(
        "PROTOCOLE DE RECHERCHE IMPLIQUANT LA PERSONNE HUMAINE (CATÉGORIE 2)").bold = True
    run = document.add_paragraph().add_run(title)
    run.bold, run.font.size = True, Pt(16)
    for line in COVER:
        document.add_paragraph(line)
    document.paragraphs[-1].add_run().add_break(WD_BREAK.PAGE)
    document.add_heading("Résumé du protocole", level=1)
    document.add_paragraph("Un essai contrôlé randomisé en deux groupes parallèles.")
    document.add_heading("1. Justification scientifique", level=1)
    document.add_paragraph("La fatigue persiste après un cancer du sein.")
    assert document_title(_extract(document)) == title


def test_larger_type_further_on_is_no_title() -> None:
    """Only the opening paragraphs, before the first heading, may be a title set in larger
    type: a large line in the body (a call-out, a table's caption) is not."""
    from docx.shared import Pt

    from checker.evidence.stated_details import document_title

    document = docx.Document()
    document.add_heading("1. Justification scientifique", level=1)
    document.add_paragraph("La fatigue persiste après un cancer du sein.")
    run = document.add_paragraph().add_run(
        "Un programme supervisé de seize semaines en groupe de six à dix participantes")
    run.font.size = Pt(18)
    assert document_title(_extract(document)) == ""
