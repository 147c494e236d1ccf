"""The document page: the extracted text, with each quoted passage marked and linked back."""

from __future__ import annotations

import io
import re
from pathlib import Path

from conftest import create_assessment, login, make_user, post, save_answer
from test_suggestions import PROTOCOL, answers_of, upload

from checker.extensions import db
from checker.models import Assessment


def damage_stored_document(app, uid: str) -> None:
    """Overwrite the stored file of assessment ``uid`` with bytes no reader can read."""
    with app.app_context():
        stored = db.session.scalar(db.select(Assessment).where(Assessment.uid == uid))
        path = next(Path(app.config["UPLOAD_DIR"]).glob(f"{stored.document_sha256}.*"))
    path.write_bytes(b"\x00\x01 damaged")


def test_quoted_sentences_are_marked_and_link_back(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    e01 = answers_of(app, uid)["E01"]
    assert "CPP Ouest III" in e01.quotation
    page = auth_client.get(f"/assessments/{uid}/document")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<h2 class=\"doc-heading\">Randomisation</h2>" in html
    marked = html.split("<mark>")[1:]
    assert any("CPP Ouest III" in m and f'/assessments/{uid}#inv-E01' in m for m in marked)
    assert 'id="q-E01"' in html
    # Every sentence of the document is on the page, quoted or not.
    assert "The funder has no role in" in html
    form = auth_client.get(f"/assessments/{uid}").get_data(as_text=True)
    assert f'/assessments/{uid}/document#q-E01' in form


def quote_e01(app, client, uid: str, quotation: str) -> str:
    """Save E01 with ``quotation`` typed by hand; return the document page."""
    e01 = answers_of(app, uid)["E01"]
    save_answer(client, uid, "E01", e01.version, answer="met",
                justification="Typed by a person.", quotation=quotation)
    return client.get(f"/assessments/{uid}/document").get_data(as_text=True)


def test_a_quotation_typed_by_hand_that_is_not_in_the_document_is_listed(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    html = quote_e01(app, auth_client, uid, "The ethics committee approved the protocol in 2019.")
    assert "Quotations not found in this document" in html
    assert "approved the protocol in 2019" in html
    # Re-typed with other line breaks and spacing, a quotation is still found.
    html = quote_e01(app, auth_client, uid,
                     "Written informed consent   will be obtained from all participants")
    assert "Quotations not found in this document" not in html
    assert 'id="q-E01"' in html


def test_a_passage_left_out_with_three_full_stops_is_read_as_the_ellipsis_mark(app,
                                                                             auth_client):
    """"[…]" joins a suggestion's quotations; a person types "[...]" for a passage left out,
    as older answers (the English demo's) have it. Both are the same mark: each part is
    checked and marked on its own, rather than the whole not found word for word."""
    uid = create_assessment(auth_client, **upload())
    for mark in ("[...]", "[…]", "[ ... ]"):
        html = quote_e01(app, auth_client, uid, f"approved by the ethics committee CPP Ouest "
                                                f"III {mark} before the first participant")
        assert "Quotations not found in this document" not in html, mark
        assert 'id="q-E01"' in html


def test_a_quotation_that_starts_at_a_heading_is_marked_and_anchored(app, auth_client):
    # A structured abstract is quoted by a part's heading with its first sentence: the
    # "Show in the document" link must land on the heading, which is marked like a sentence.
    uid = create_assessment(auth_client, **upload())
    html = quote_e01(app, auth_client, uid,
                     "Randomisation\nParticipants will be randomly allocated (1:1)")
    assert "Quotations not found in this document" not in html
    heading = next(h.split("</h")[0] for h in html.split('class="doc-heading">')[1:]
                   if "Randomisation" in h.split("</h")[0])
    assert heading.startswith(
        '<span class="passage"><span id="q-E01"></span><mark>Randomisation</mark>')
    assert f'/assessments/{uid}#inv-E01' in heading
    assert html.count('id="q-E01"') == 1


def test_pdf_document_shows_its_pages(app, auth_client):
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in PROTOCOL.splitlines() if line.strip())
    pdf = HTML(string=f"<html><body>{body}<p style='page-break-before:always'>"
                      "Trial registration: ClinicalTrials.gov NCT01234567.</p></body></html>"
               ).write_pdf()
    uid = create_assessment(auth_client, document=(io.BytesIO(pdf), "protocol.pdf"))
    html = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert 'id="page-1"' in html and 'id="page-2"' in html
    assert "Pages: 2." in html


def test_a_word_cut_at_a_pdf_lines_end_reads_whole_on_the_page(app, auth_client):
    """The page shows a PDF's sentences as the quotations read them: "treatment", not
    "treat‐ ment" (typeset hyphens, as WeasyPrint and journals set them; walkthrough)."""
    from weasyprint import HTML

    body = "".join(f"<p>{line}</p>" for line in PROTOCOL.splitlines() if line.strip())
    pdf = HTML(string="<html lang=en><body><p>Each participant receives the physiotherapy "
                      "treat‐<br>ment at home twice a week for twelve weeks.</p>"
                      f"{body}</body></html>").write_pdf()
    uid = create_assessment(auth_client, document=(io.BytesIO(pdf), "protocol.pdf"))
    html = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "physiotherapy treatment at home" in " ".join(html.split())


def test_no_document_and_unreadable_document_get_a_clear_page(app, auth_client, assessment):
    html = auth_client.get(f"/assessments/{assessment}/document").get_data(as_text=True)
    assert "No document was uploaded" in html
    uid = create_assessment(auth_client, **upload())
    damage_stored_document(app, uid)
    response = auth_client.get(f"/assessments/{uid}/document")
    assert response.status_code == 200
    assert "could not be read" in response.get_data(as_text=True)


def test_french_interface(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    post(auth_client, "/language", {"lang": "fr"})
    html = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "Texte du document" in html


def test_other_users_get_404(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    assert other.get(f"/assessments/{uid}/document").status_code == 404
    assert other.get("/assessments/unknown/document").status_code == 404


def test_detected_elements_are_shown_on_request(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    plain = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "element-ref" not in plain and "?elements=1" in plain
    html = auth_client.get(f"/assessments/{uid}/document?elements=1").get_data(as_text=True)
    assert "Detected reporting elements" in html
    # The consent sentence supports item 26a, named as the catalogue names it.
    consent = next(part for part in html.split("<p>") if "Written informed consent" in part)
    assert ">26a</span>" in consent
    # Its name is read out, not only shown in a tooltip that a keyboard never opens.
    hidden = [part.split("</span>", 1)[0] for part in consent.split('class="visually-hidden">')[1:]]
    assert any(text.startswith("Detected element 26a:") and "%" in text for text in hidden)
    assert 'href="#e-26a_Consent_Obtaining"' in html and 'id="e-26a_Consent_Obtaining"' in html
    assert "Hide the detected reporting elements" in html
    # Every detection reads at least 50 %, the point where the detector decides.
    assert "from 50 (just enough to point to it) to 100" in html
    listed = re.findall(r'href="#e-[^"]+">[^<]+</a>[^—]*— (\d+) %', html)
    assert listed and all(int(value) >= 50 for value in listed)
    from conftest import csrf_token

    auth_client.post("/language", data={"lang": "fr", "next": "/",
                                        "csrf_token": csrf_token(auth_client)})
    french = auth_client.get(f"/assessments/{uid}/document?elements=1").get_data(as_text=True)
    assert "de 50 (tout juste assez pour le signaler) à 100" in french


def test_analysis_json_of_the_stored_document(app, auth_client, assessment):
    uid = create_assessment(auth_client, **upload())
    response = auth_client.get(f"/assessments/{uid}/analysis.json")
    assert response.status_code == 200 and response.is_json
    payload = response.get_json()
    assert payload["assessment"]["uid"] == uid
    assert payload["document"]["kind"] == "protocol" and payload["study_type"]
    assert any(d["element"] == "24_Ethics" for d in payload["detections"])
    assert payload["suggestions"]["E01"]["answer"] in ("met", "partially_met")
    none = auth_client.get(f"/assessments/{assessment}/analysis.json")
    assert none.status_code == 404 and "fr" in none.get_json()["error"]
    make_user(app, "bob")
    other = app.test_client()
    login(other, "bob")
    foreign = other.get(f"/assessments/{uid}/analysis.json")
    assert foreign.status_code == 404 and foreign.is_json  # as for a missing one
    assert foreign.get_json() == other.get("/assessments/nope/analysis.json").get_json()


def test_analysis_json_of_an_unreadable_document(app, auth_client):
    uid = create_assessment(auth_client, **upload())
    damage_stored_document(app, uid)
    response = auth_client.get(f"/assessments/{uid}/analysis.json")
    assert response.status_code == 422
    assert set(response.get_json()["error"]) == {"en", "fr"}


def test_reports_say_which_quotations_are_found_in_the_document(app, auth_client):
    import openpyxl
    import pypdf

    uid = create_assessment(auth_client, **upload())
    e02 = answers_of(app, uid)["E02"]
    save_answer(auth_client, uid, "E02", e02.version, answer="met",
                justification="Consent described.",
                quotation="Participants gave oral consent at each visit.")
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=en")
    text = " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Found word for word in the document" in text
    assert "Not found word for word in the document" in text
    assert "Quotations that do not occur word for word in the assessed document" in text
    assert "earlier version): 1 (E02)." in text
    xlsx = auth_client.get(f"/assessments/{uid}/report.xlsx?lang=fr")
    data = openpyxl.load_workbook(io.BytesIO(xlsx.data)).worksheets[-1]
    rows = list(data.iter_rows(values_only=True))
    column = rows[0].index("quotation_in_document")
    by_id = {row[rows[0].index("invariant_id")]: row[column] for row in rows[1:]}
    assert by_id["E02"] is False and by_id["E01"] is True
    assert all(value is None for inv, value in by_id.items()
               if not answers_of(app, uid).get(inv) or not answers_of(app, uid)[inv].quotation)


def test_reports_say_when_quotations_could_not_be_checked(app, auth_client):
    import pypdf

    uid = create_assessment(auth_client, **upload())
    damage_stored_document(app, uid)
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=en")
    assert pdf.status_code == 200
    text = " ".join(" ".join(page.extract_text().split())
                    for page in pypdf.PdfReader(io.BytesIO(pdf.data)).pages)
    assert "could not be read again, so the quotations were not checked" in text
    assert "Not found word for word in the document" not in text


MARKDOWN_PROTOCOL = """# Supervised walking after stroke: protocol of a randomised controlled trial

## Methods

**Ethics and dissemination.** The protocol was approved by the *ethics committee* CPP Ouest \
III (reference 2024-A01234-56) on 12 March 2024, before the first participant was included. \
Written informed consent will be obtained from all participants before inclusion.

**Randomisation**

Participants will be randomly allocated (1:1) using a computer-generated sequence.

**Funding.** This trial is funded by the French Ministry of Health (PHRC 2023).
"""


def test_a_markdown_documents_quotations_are_marked_as_the_page_reads(app, auth_client):
    """The document page shows a Markdown document as it reads, without its emphasis marks,
    and marks its quotations, which hold none either."""
    uid = create_assessment(auth_client, **upload(MARKDOWN_PROTOCOL, "protocol.md"))
    e01 = answers_of(app, uid)["E01"]
    assert "ethics committee CPP Ouest" in e01.quotation and "*" not in e01.quotation
    html = auth_client.get(f"/assessments/{uid}/document").get_data(as_text=True)
    assert "Quotations not found in this document" not in html
    marked = html.split("<mark>")[1:]
    assert any("ethics committee CPP Ouest" in m and f'/assessments/{uid}#inv-E01' in m
               for m in marked)
    assert "**" not in html and "*ethics" not in html
    assert "doc-heading\">Methods</h3>" in html
    assert "doc-heading\">Randomisation</h4>" in html  # a paragraph wholly in bold


def test_a_markdown_quotation_stored_with_its_marks_is_still_marked(app, auth_client):
    """An answer saved when the Markdown text was read with its marks keeps them; the page,
    which reads the text without them, still finds and marks it."""
    uid = create_assessment(auth_client, **upload(MARKDOWN_PROTOCOL, "protocol.md"))
    html = quote_e01(app, auth_client, uid, "**Ethics and dissemination.** The protocol was "
                                             "approved by the *ethics committee* CPP Ouest")
    assert "Quotations not found in this document" not in html
    assert 'id="q-E01"' in html
