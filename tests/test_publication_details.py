"""A published paper's journal, DOI and year read from its first page (or its file's
metadata), proposed in a dossier's publication details for the person to check: each by a rule
that holds or leaves the detail empty (evidence/publication_details.py), and the dossier's
add-study and edit forms that propose them without saving them (a walkthrough's charity
manager typed five papers' journal, DOI and year by hand, all on their first pages)."""

from __future__ import annotations

import io
import re
from datetime import date

import pytest
from conftest import create_assessment, post

from checker.documents import extract_document
from checker.documents.metadata import document_metadata
from checker.evidence.publication_details import dois_in, read_publication

TODAY = date(2026, 12, 7)
_BODY = ("## Introduction\n\nExercise is a core treatment for knee osteoarthritis [1]. "
         "Community programmes could widen access [2].\n\n## Methods\n\nAdults were "
         "randomised in 2023, 12 sites took part. Outcomes were assessed at 12 weeks.\n\n"
         "## References\n\n1. Doe J. Exercise for knee pain. BMJ Open 2019;9:e012345. "
         "doi:10.1136/bmjopen-2019-012345\n2. Roe A. Walking. Trials 2020;21:44. "
         "https://doi.org/10.1186/s13063-020-04444-4\n")


def paper(front: str, body: str = _BODY) -> str:
    return ("# Move Well versus usual care for knee osteoarthritis: a randomised controlled "
            f"trial\n\nHelen Abara, Sarah Holloway\n\n{front}\n\n## Abstract\n\nObjective: to "
            f"assess the programme.\n\n{body}")


def read(text: str, name: str = "paper.md", metadata: dict[str, str] | None = None):
    return read_publication(extract_document(text.encode(), name), metadata, today=TODAY)


@pytest.mark.parametrize("front, journal, doi, year", [
    ("BMJ Open 2024;14:e081234. doi:10.1136/bmjopen-2024-081234", "BMJ Open",
     "10.1136/bmjopen-2024-081234", 2024),
    ("Clin Rehabil. 2025;39(6):702–716. https://doi.org/10.1177/02692155241234567.",
     "Clin Rehabil", "10.1177/02692155241234567", 2025),
    ("Smith et al. Trials (2024) 25:101 https://doi.org/10.1186/s13063-024-08123-4",
     "Trials", "10.1186/s13063-024-08123-4", 2024),
    ("Clinical Rehabilitation 2025, Vol. 39(6) 702–716 © The Author(s) 2025 "
     "DOI: 10.1177/02692155251234567", "Clinical Rehabilitation",
     "10.1177/02692155251234567", 2025),
    ("Published in: Osteoarthritis and Musculoskeletal Research, 2024; 12(3): 211–224. "
     "doi:10.5555/omr.2024.0311", "Osteoarthritis and Musculoskeletal Research",
     "10.5555/omr.2024.0311", 2024),
    ("Kinésithérapie, la Revue. 2024;24(268):12-18. DOI : 10.1016/j.kine.2024.01.004",
     "Kinésithérapie, la Revue", "10.1016/j.kine.2024.01.004", 2024),
    ("Nutrients 2024, 16, 1234. https://doi.org/10.3390/nu16081234", "Nutrients",
     "10.3390/nu16081234", 2024),
    # A DOI's own brackets stay; the sentence's bracket and full stop go.
    ("(doi:10.1016/S0140-6736(20)30183-5).", "", "10.1016/S0140-6736(20)30183-5", None),
])
def test_a_citation_line_gives_the_journal_doi_and_year(front, journal, doi, year) -> None:
    details = read(paper(front))
    assert (details.journal, details.doi, details.year) == (journal, doi, year)


@pytest.mark.parametrize("front, year", [
    ("doi:10.5555/cre.2025.0702\n\nReceived: 3 May 2023; Published: 12 March 2024", 2024),
    ("Reçu le 3 mai 2023 ; publié le 12 mars 2024", 2024),
    ("Publié en ligne le 2 janvier 2025", 2025),
    ("Date of publication: 2024-03-12", 2024),
    ("© The Author(s) 2025. Published by Elsevier.", 2025),
    ("Copyright © 2023 Elsevier Masson SAS. Tous droits réservés.", 2023),
    # The DOI's digits are no year; a year after next year is no publication's.
    ("doi:10.5555/cre.2025.0702", None),
    ("© 2031 The Authors", None),
    # Two dates of publication: the rule gives way (to nothing here).
    ("Published: 12 March 2023. Published: 2 May 2024.", None),
])
def test_the_year_from_the_date_of_publication_or_the_copyright(front, year) -> None:
    assert read(paper(front)).year == year


def test_several_dois_on_the_first_page_give_none() -> None:
    details = read(paper("doi:10.1136/bmjopen-2024-081234\n\nThis article corrects "
                         "doi:10.1136/bmjopen-2023-070000."))
    assert details.doi == ""
    assert details.several_dois == ("10.1136/bmjopen-2024-081234", "10.1136/bmjopen-2023-070000")
    # The same DOI twice, whatever its capitals, is one.
    assert read(paper("doi:10.1136/BMJOPEN-2024-081234 and https://doi.org/"
                      "10.1136/bmjopen-2024-081234")).doi == "10.1136/BMJOPEN-2024-081234"


@pytest.mark.parametrize("front", [
    "",  # nothing stated: the reference list's DOIs and journals are other papers'
    "doi:10.12/abc",  # a registrant of two digits: no DOI
    "DOI: 10.1234/",  # no suffix
    "DOI: 10.1234/.,",
    "Physiother. 2024;70:12",  # one word not known as a journal's: no name
    "Participants were enrolled in 2024, 12 sites took part.",  # a sentence, no citation
])
def test_what_gives_no_doi_nor_journal(front: str) -> None:
    details = read(paper(front))
    assert (details.doi, details.journal) == ("", "")


def test_two_journals_named_give_none() -> None:
    details = read(paper("BMJ Open 2024;14:e081234. Reprinted from Clinical Rehabilitation "
                         "2023;37:12."))
    assert details.journal == ""


@pytest.mark.parametrize("text, expected", [
    ("doi:10.1177/02692155\n241234567", ["10.1177/02692155241234567"]),
    ("https://doi.org/10.5555/cre.\n2025.0702", ["10.5555/cre.2025.0702"]),
    ("doi:10.1186/s13063-\n024-08123-4", ["10.1186/s13063-024-08123-4"]),
    ("doi:10.5555/cre.2025.0702.\nAbstract", ["10.5555/cre.2025.0702"]),
    ("doi:10.5555/cre.2025.0702\nBackground: exercise", ["10.5555/cre.2025.0702"]),
])
def test_a_doi_wrapped_over_two_lines_is_joined(text: str, expected: list[str]) -> None:
    assert dois_in(text) == expected


def _pdf(html: str) -> bytes:
    weasyprint = pytest.importorskip("weasyprint")
    return weasyprint.HTML(string=html).write_pdf()


_PDF_BODY = ("<h2>Introduction</h2>" + "<p>Exercise is a core treatment for knee "
             "osteoarthritis and community programmes could widen access to it. </p>" * 90)


def test_a_pdf_s_wrapped_doi_and_its_running_head() -> None:
    """A two-column first page wraps the DOI in its narrow column; the later pages' running
    head names the journal ("Abara et al. Clinical Rehabilitation 2025;39:702")."""
    data = _pdf(
        "<html lang=en><head><style>@page { size: A4; margin: 2cm; @top-center { content: "
        "'Abara et al. Clinical Rehabilitation 2025;39:702'; font-size: 7pt } } "
        "@page :first { @top-center { content: none } } body { font-size: 9.5pt } "
        ".cols { column-count: 2 }</style></head><body><h1 style='font-size:16pt'>Move Well "
        "versus usual care for knee osteoarthritis: a randomised controlled trial</h1>"
        "<div class=cols><p style='font-size:7pt'>https://doi.org/10.1177/02692155<br>"
        "241234567</p><h2>Abstract</h2><p>Objective: to assess the programme.</p>"
        f"{_PDF_BODY}</div></body></html>")
    document = extract_document(data, "paper.pdf")
    details = read_publication(document, document_metadata(data, "paper.pdf"), today=TODAY)
    assert (details.journal, details.doi, details.year) == (
        "Clinical Rehabilitation", "10.1177/02692155241234567", 2025)


def test_the_pdf_metadata_when_the_first_page_says_nothing() -> None:
    data = _pdf("<html lang=en><head><meta name=description content='Trials 2024, 25:101. "
                "doi:10.1186/s13063-024-08123-4'></head><body><h1>Walking after stroke: a "
                f"randomised controlled trial</h1><h2>Abstract</h2><p>Text.</p>{_PDF_BODY}"
                "</body></html>")
    metadata = document_metadata(data, "paper.pdf")
    details = read_publication(extract_document(data, "paper.pdf"), metadata, today=TODAY)
    assert details.doi == "10.1186/s13063-024-08123-4"
    assert details.journal == ""  # the metadata's own name field only; no guess


def test_a_pdf_s_xmp_packet_names_the_journal_and_date() -> None:
    xmp = (b"<x:xmpmeta><rdf:RDF><rdf:Description><prism:doi>10.1136/bmjopen-2024-081234"
           b"</prism:doi><prism:publicationName>BMJ Open</prism:publicationName>"
           b"<prism:coverDate>2024-05-01</prism:coverDate></rdf:Description></rdf:RDF>"
           b"</x:xmpmeta>")
    data = _pdf("<html lang=en><body><h1>Walking after stroke: a randomised controlled "
                f"trial</h1><h2>Abstract</h2><p>Text.</p>{_PDF_BODY}</body></html>")
    data = data.replace(b"%%EOF", b"%" + xmp + b"\n%%EOF", 1)  # as a comment: still a PDF
    metadata = document_metadata(data, "paper.pdf")
    details = read_publication(extract_document(data, "paper.pdf"), metadata, today=TODAY)
    assert (details.journal, details.doi, details.year) == (
        "BMJ Open", "10.1136/bmjopen-2024-081234", 2024)


def test_a_docx_s_core_properties_give_the_doi() -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("Walking after stroke: a randomised controlled trial", "Title")
    document.add_paragraph("Abstract", "Heading 1")
    document.add_paragraph("Objective: to assess walking.")
    document.core_properties.identifier = "doi:10.1186/s13063-024-08123-4"
    buffer = io.BytesIO()
    document.save(buffer)
    data = buffer.getvalue()
    details = read_publication(extract_document(data, "paper.docx"),
                               document_metadata(data, "paper.docx"), today=TODAY)
    assert details.doi == "10.1186/s13063-024-08123-4"


def test_unreadable_metadata_is_none() -> None:
    assert document_metadata(b"%PDF-1.4 broken", "x.pdf") == {}
    assert document_metadata(b"PK broken", "x.docx") == {}
    assert document_metadata(b"text", "x.md") == {}


# The dossier's forms.

PAPER = paper("BMJ Open 2024;14:e081234. doi:10.1136/bmjopen-2024-081234")
DOSSIER = {"npi_name": "Move Well", "domain": "physical",
           "health_problem": "Knee osteoarthritis", "country": "United Kingdom"}


def _dossier_with(client, text: str = PAPER, **changes) -> tuple[str, str]:
    study = create_assessment(client, document=(io.BytesIO(text.encode()), "paper.md"),
                              **{"document_kind": "paper", "reference": "", **changes})
    response = post(client, "/dossiers/new", DOSSIER)
    return response.headers["Location"].split("/")[2], study


def _value(page: str, name: str) -> str:
    match = re.search(rf'<input[^>]*name="{name}"[^>]*>', page)
    value = re.search(r'value="([^"]*)"', match.group()) if match else None
    return value.group(1) if value else ""


def test_the_add_study_form_proposes_what_the_document_states(app, auth_client) -> None:
    dossier, study = _dossier_with(auth_client)
    response = post(auth_client, f"/dossiers/{dossier}/studies/read",
                    {"assessment": study, "journal": "", "doi": "", "year": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert (_value(page, "journal"), _value(page, "doi"), _value(page, "year")) == (
        "BMJ Open", "10.1136/bmjopen-2024-081234", "2024")
    assert page.count("Read from the document: check it.") == 3
    assert "Nothing is saved until you press “Add the study”." in page
    assert f'<option selected value="{study}">' in page or f'value="{study}" selected' in page
    # Nothing saved: the study is not in the dossier yet.
    assert "No study in this dossier yet." in page
    added = post(auth_client, f"/dossiers/{dossier}/studies",
                 {"assessment": study, "journal": "BMJ Open", "doi": "10.1136/x", "year": "2024"})
    assert added.status_code == 302


def test_what_the_person_typed_stays(app, auth_client) -> None:
    dossier, study = _dossier_with(auth_client)
    page = post(auth_client, f"/dossiers/{dossier}/studies/read",
                {"assessment": study, "journal": "BMJ Open (typed)", "doi": "",
                 "year": "2023"}).get_data(as_text=True)
    assert (_value(page, "journal"), _value(page, "doi"), _value(page, "year")) == (
        "BMJ Open (typed)", "10.1136/bmjopen-2024-081234", "2023")
    assert page.count("Read from the document: check it.") == 1


def test_a_protocol_proposes_nothing(app, auth_client) -> None:
    dossier, study = _dossier_with(auth_client, document_kind="protocol")
    page = post(auth_client, f"/dossiers/{dossier}/studies/read",
                {"assessment": study}).get_data(as_text=True)
    assert _value(page, "doi") == ""
    assert "the study's document is a protocol, which is not yet published" in page


def test_reading_needs_a_study_chosen(app, auth_client) -> None:
    dossier, _ = _dossier_with(auth_client)
    response = post(auth_client, f"/dossiers/{dossier}/studies/read", {"assessment": ""})
    assert response.status_code == 400
    assert "Choose the study whose document to read." in response.get_data(as_text=True)
    no_token = auth_client.post(f"/dossiers/{dossier}/studies/read", data={"assessment": ""})
    assert no_token.status_code == 400


def test_a_reading_fills_only_the_empty_fields_in_the_forms_order() -> None:
    """The service's reading, which the dossier's views put in their forms as it is."""
    from checker.services.publication_reading import (
        PublicationProposal,
        PublicationReading,
        fill_empty,
    )

    proposal = PublicationProposal({"year": "2024", "doi": "10.1/x", "journal": "BMJ Open"})
    reading = fill_empty({"journal": "Typed", "doi": "", "year": None}, proposal)
    assert reading == PublicationReading(proposal, {"year": "2024", "doi": "10.1/x"},
                                         ("doi", "year"))
    assert fill_empty({}, PublicationProposal(empty_because="protocol")).read == ()


def test_the_edit_form_proposes_in_its_empty_fields_only(app, auth_client) -> None:
    dossier, study = _dossier_with(auth_client)
    post(auth_client, f"/dossiers/{dossier}/studies",
         {"assessment": study, "journal": "British Medical Journal Open"})
    page = auth_client.get(f"/dossiers/{dossier}/studies/{study}").get_data(as_text=True)
    assert (_value(page, "journal"), _value(page, "doi"), _value(page, "year")) == (
        "British Medical Journal Open", "10.1136/bmjopen-2024-081234", "2024")
    assert page.count("Read from the document: check it.") == 2
    assert "Nothing is saved until you press “Save”." in page
    # Still nothing saved: the dossier's page shows what was given.
    shown = auth_client.get(f"/dossiers/{dossier}").get_data(as_text=True)
    assert "bmjopen-2024-081234" not in shown


def test_the_forms_in_french(app, auth_client) -> None:
    dossier, study = _dossier_with(auth_client)
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = post(auth_client, f"/dossiers/{dossier}/studies/read",
                {"assessment": study}).get_data(as_text=True)
    assert "Lu dans le document de l" in page
    assert "Lu dans le document\u00a0: vérifiez-le." in page
    assert "Lire la revue, le DOI et l" in page
