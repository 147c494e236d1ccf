"""A paper's back matter set as run-in bold headings ("**Funding.** This study …"): each label
starts a section of its name, in PDF, DOCX and Markdown, and the text stays as written."""

from __future__ import annotations

import io

import pytest

from checker.documents import extract_document
from checker.documents.back_matter import markdown_run_in, run_in_label

PAPER = """<html lang={lang}><body style="font-size: 10pt">
<h2>4. Discussion</h2>
<p>Fatigue was lower in the exercise group than in the usual care group at one year.</p>
<h2>5. Conclusion</h2>
<p>Adapted physical activity was associated with less fatigue at 12 months.</p>
{back}
<h2>References</h2>
<p>[1] Smith A, et al. Exercise and fatigue. J Cancer Surviv. 2019;13:101-9.</p>
</body></html>"""


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


def _section_of(doc, needle: str) -> str | None:
    return next(s.section for s in doc.sentences if needle in doc.sentence_text(s))


def test_pdf_run_in_back_matter_labels_start_their_sections() -> None:
    back = ("<p><b>Funding.</b> This work was supported by the Ligue contre le cancer.</p>"
            "<p><b>Conflicts of interest.</b> The authors declare no conflict of interest.</p>"
            "<p><b>Data availability:</b> De-identified data are available on request.</p>"
            "<p><b>Acknowledgements.</b></p><p>We thank the participants.</p>")
    doc = extract_document(_pdf(PAPER.format(lang="en", back=back)), "paper.pdf")
    titles = [(s.title, s.level) for s in doc.sections]
    assert titles == [("4. Discussion", 1), ("5. Conclusion", 1), ("Funding", 1),
                      ("Conflicts of interest", 1), ("Data availability", 1),
                      ("Acknowledgements", 1), ("References", 1)]
    assert _section_of(doc, "less fatigue at 12 months") == "5. Conclusion"
    assert _section_of(doc, "Ligue contre le cancer") == "Funding"
    assert _section_of(doc, "declare no conflict") == "Conflicts of interest"
    assert _section_of(doc, "available on request") == "Data availability"
    assert _section_of(doc, "thank the participants") == "Acknowledgements"
    # The text is left as written: the label is a sentence of its own, read as a heading.
    label = next(s for s in doc.sentences if doc.sentence_text(s) == "Funding.")
    assert doc.is_heading(label)
    assert "Funding. This work was supported by the Ligue" in doc.text


def test_pdf_french_back_matter_and_labels_that_are_no_back_matter() -> None:
    back = ("<p><b>Financement.</b> Cette étude a été financée par la Ligue contre le cancer.</p>"
            "<p><b>Liens d\u2019intérêts.</b> Les auteurs ne déclarent aucun lien d'intérêts.</p>")
    doc = extract_document(_pdf(PAPER.format(lang="fr", back=back)), "article.pdf")
    assert _section_of(doc, "financée par la Ligue") == "Financement"
    assert _section_of(doc, "aucun lien") == "Liens d\u2019intérêts"


@pytest.mark.parametrize("paragraph", [
    # Not set in bold: running text that happens to start so.
    "<p>Funding. This work was supported by the Ligue contre le cancer.</p>",
    # A whole line in bold: bold text, no run-in label.
    "<p><b>Funding. This work was supported by the Ligue.</b></p>",
    # A structured abstract's label: a part of the abstract, no back matter.
    "<p><b>Methods.</b> This work was supported by the Ligue contre le cancer.</p>",
])
def test_pdf_other_lines_start_no_section(paragraph: str) -> None:
    doc = extract_document(_pdf(PAPER.format(lang="en", back=paragraph)), "paper.pdf")
    assert _section_of(doc, "supported by the Ligue") == "5. Conclusion"


def test_docx_run_in_back_matter_labels_start_their_sections() -> None:
    docx = pytest.importorskip("docx")
    document = docx.Document()
    document.add_heading("Methods", level=1)
    document.add_heading("Design", level=2)
    document.add_paragraph("A prospective multicentre cohort study.")
    funding = document.add_paragraph()
    funding.add_run("Funding.").bold = True
    funding.add_run(" This study was funded by the Ligue contre le cancer. The funder had no"
                    " role in the analysis.")
    emphasis = document.add_paragraph()  # a label of no back matter
    emphasis.add_run("Note:").bold = True
    emphasis.add_run(" The sponsor reviewed the manuscript.")
    plain = document.add_paragraph("Competing interests. None in regular type.")
    interests = document.add_paragraph()
    interests.add_run("Liens d\u2019intérêts :").bold = True
    interests.add_run(" aucun.")
    buffer = io.BytesIO()
    document.save(buffer)
    doc = extract_document(buffer.getvalue(), "paper.docx")
    assert [(s.title, s.level) for s in doc.sections] == [
        ("Methods", 1), ("Design", 2), ("Funding", 1), ("Liens d\u2019intérêts", 1)]
    assert _section_of(doc, "Ligue contre le cancer") == "Funding"
    assert _section_of(doc, "reviewed the manuscript") == "Funding"
    # The paragraph is running text: its sentences are read one by one, the label one of them.
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert "Funding." in texts and "The funder had no role in the analysis." in texts
    assert _section_of(doc, "None in regular type") == "Funding"
    assert plain.text in doc.text and "Funding. This study was funded" in doc.text


def test_markdown_run_in_back_matter_labels_start_their_sections() -> None:
    text = ("# Walking after stroke: a prospective cohort study in France\n\n"
            "## 5. Conclusion\n\nWalking improved.\n\n"
            "**Funding.** This study was funded by the Ligue contre le cancer.\n\n"
            "**Data availability**: data are available on request.\n\n"
            "**Methods.** Not back matter.\n")
    doc = extract_document(text.encode(), "paper.md")
    assert [s.title for s in doc.sections][-3:] == [
        "5. Conclusion", "Funding", "Data availability"]
    assert _section_of(doc, "Ligue contre le cancer") == "Funding"
    assert _section_of(doc, "Not back matter") == "Data availability"
    assert [s.level for s in doc.sections][-3:] == [2, 2, 2]


@pytest.mark.parametrize(("line", "found"), [
    ("Funding. This study …", ("Funding", 8)),
    ("Conflicts  of interest: none", ("Conflicts of interest", 23)),
    ("Liens d\u2019intérêts\u00a0: aucun", ("Liens d\u2019intérêts", 18)),
    ("Acknowledgements.", ("Acknowledgements", 17)),
    ("Funding was obtained from the Ligue.", None),
    ("Background. Fatigue is common.", None),
    ("Funding.5 This", None),
])
def test_run_in_label(line: str, found: tuple[str, int] | None) -> None:
    assert run_in_label(line) == found


def test_markdown_run_in_offsets() -> None:
    text = "Text.\n\n**Funding.** Ligue.\n  __Remerciements :__ merci.\n**Funding** text"
    assert markdown_run_in(text) == [(7, "Funding"), (29, "Remerciements")]
