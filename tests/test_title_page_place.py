"""The place of a quotation taken from the title page: the document's title names no section
(a place named by the title itself, cut short in the answer's field, sends a reader nowhere),
and a part in no section says "start of the document" (« début du document ») where the
document has no pages, in every report (``exports.context.location``), the others' places kept."""

from __future__ import annotations

import io

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.services.suggestions import _suggested_values
from exports.context import location
from exports.labels import labels

NBSP = "\u00a0"
PROTOCOL = {
    "fr": {"title": "MBCT-Rec : faisabilité d'un programme de thérapie cognitive basée sur la "
                    "pleine conscience en groupe pour la dépression récurrente",
           "cover": ["Protocole de recherche – Étude de faisabilité monocentrique à un seul bras",
                     "Promoteur : CHU de Bordeaux, Direction de la recherche clinique et de "
                     "l'innovation"],
           "sections": [("1. Justification scientifique",
                         "Le risque de rechute après trois épisodes dépressifs dépasse 70 %."),
                        ("2. Financement et conflits d'intérêts",
                         "L'étude est financée par un appel à projets interne du CHU de Bordeaux "
                         "(AOI 2024). Les investigateurs déclarent n'avoir aucun conflit "
                         "d'intérêts.")]},
    "en": {"title": "MBCT-Rec: feasibility of a group mindfulness-based cognitive therapy "
                    "programme for recurrent depression",
           "cover": ["Research protocol – Single-centre single-arm feasibility study",
                     "Sponsor: Bordeaux University Hospital, Clinical Research and Innovation "
                     "Department"],
           "sections": [("1. Scientific rationale",
                         "The risk of relapse after three depressive episodes exceeds 70%."),
                        ("2. Funding and competing interests",
                         "The study is funded by an internal call for projects of Bordeaux "
                         "University Hospital (AOI 2024). The investigators declare no "
                         "competing interests.")]},
}


def _docx(lang: str) -> bytes:
    docx = pytest.importorskip("docx")
    parts = PROTOCOL[lang]
    document = docx.Document()
    document.add_paragraph(parts["title"], style="Title")
    for line in parts["cover"]:
        document.add_paragraph(line)
    for heading, text in parts["sections"]:
        document.add_heading(heading, level=1)
        document.add_paragraph(text)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _pdf(lang: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    parts = PROTOCOL[lang]
    cover = "".join(f"<p>{line}</p>" for line in parts["cover"])
    body = "".join(f"<h2>{heading}</h2><p>{text}</p>" for heading, text in parts["sections"])
    html = (f'<html lang="{lang}"><body style="font-size: 10pt"><h1>{parts["title"]}</h1>'
            f'{cover}<p style="break-after: page"></p>{body}</body></html>')
    return weasyprint.HTML(string=html).write_pdf()


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("name", ["protocol.docx", "protocol.pdf"])
def test_the_title_is_in_no_section(lang: str, name: str) -> None:
    data = _docx(lang) if name.endswith(".docx") else _pdf(lang)
    doc = extract_document(data, name)
    title = doc.sentences[doc.title_position]
    assert " ".join(doc.sentence_text(title).split()) == PROTOCOL[lang]["title"]
    assert title.section == ""
    assert doc.is_heading(title)  # still no evidence but of the title items
    assert [s.section for s in doc.sentences[1:3]] == ["", ""]  # the lines under it
    heading, text = PROTOCOL[lang]["sections"][1]
    assert next(s.section for s in doc.sentences if text[:20] in doc.sentence_text(s)) == heading


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_funding_and_sponsor_name_both_places(lang: str) -> None:
    """The walkthrough's E06: « Citation (8.2 Financement et conflits d'intérêts) » for a
    quotation whose sponsor line is on the title page."""
    e06 = suggest(_docx(lang), study_type="prototypical", name="protocol.docx")["E06"]
    sections = [q.section for q in e06.quotations]
    heading = PROTOCOL[lang]["sections"][1][0]
    assert sections[:2] == [heading, ""], sections
    values = _suggested_values(e06, lang)
    separator = f"{NBSP}; " if lang == "fr" else "; "
    place = {"en": "start of the document", "fr": "début du document"}[lang]
    assert location(labels(lang), values["page"], values["section"]) == \
        f"{heading}{separator}{place}"


def test_a_title_page_part_of_a_pdf_gives_its_page() -> None:
    e06 = suggest(_pdf("en"), study_type="prototypical", name="protocol.pdf")["E06"]
    values = _suggested_values(e06, "en")
    assert location(labels("en"), values["page"], values["section"]) == \
        "p. 2, 2. Funding and competing interests; p. 1"
