"""NPI dossiers on the web: ownership, screening, studies, sufficiency page, dossier exports."""

from __future__ import annotations

import html
import io
import re

import openpyxl
import pypdf
import pytest
from conftest import create_assessment, login, make_user, post
from dossier_support import PEER, imported_study
from sqlalchemy import select

from checker.extensions import db
from checker.models import Assessment, Dossier, DossierStudy
from checker.services.dossier_view import build_view
from checker.services.dossiers import find_dossier
from checker.services.issued_reports import make_stamp
from checker.services.screening import load_questionnaire
from checker.services.snapshots import active_catalogue
from checker.services.stamps import read_stamp
from exports.dossier_context import build_dossier_context
from exports.dossier_pdf import render_dossier_html

DOSSIER = {"npi_name": "Supervised walking programme", "domain": "physical",
           "health_problem": "Post-stroke walking limitation", "country": "France"}


def new_dossier(client, **changes) -> str:
    response = post(client, "/dossiers/new", {**DOSSIER, **changes})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].split("/")[2]


def screening_answers(**overrides) -> dict[str, str]:
    answers = {f"q_{q.id}": (q.required or "no") for q in load_questionnaire().questions}
    answers.update({f"q_{k}": v for k, v in overrides.items()})
    return answers


def add(client, uid, study_uid, **publication):
    data = {"assessment": study_uid, **publication}
    return post(client, f"/dossiers/{uid}/studies", data)


def test_create_list_edit_dossier(auth_client):
    uid = new_dossier(auth_client)
    page = auth_client.get("/dossiers").get_data(as_text=True)
    assert DOSSIER["npi_name"] in page and DOSSIER["health_problem"] in page
    response = post(auth_client, f"/dossiers/{uid}/edit", {**DOSSIER, "country": "Belgium"})
    assert response.status_code == 302
    assert "Belgium" in auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)


def test_invalid_dossier_is_refused_with_messages(auth_client):
    response = post(auth_client, "/dossiers/new", {**DOSSIER, "npi_name": "", "domain": "x"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "This field is required." in page and 'aria-invalid="true"' in page


def test_another_users_dossier_is_404(app, auth_client):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    assert add(auth_client, uid, study).status_code == 302
    make_user(app, "mallory")
    other = app.test_client()
    login(other, "mallory")
    for path in ("", "/edit", "/screening", "/sufficiency", "/report.pdf", "/report.xlsx",
                 f"/studies/{study}"):
        assert other.get(f"/dossiers/{uid}{path}").status_code == 404, path
    assert post(other, f"/dossiers/{uid}/studies/{study}/remove").status_code == 404
    assert post(other, f"/dossiers/{uid}/delete").status_code == 404
    assert post(other, f"/dossiers/{uid}/screening", screening_answers(domain="physical")
                ).status_code == 404
    assert DOSSIER["npi_name"] not in other.get("/dossiers").get_data(as_text=True)
    assert auth_client.get("/dossiers").status_code == 200  # the owner still sees it


def test_an_address_with_a_trailing_slash_is_the_same_page(auth_client):
    uid = new_dossier(auth_client)
    for path in ("/dossiers", f"/dossiers/{uid}", "/assessments/new"):
        plain, slashed = auth_client.get(path), auth_client.get(path + "/")
        assert plain.status_code == slashed.status_code == 200, path


def test_dossiers_need_login(client):
    response = client.get("/dossiers")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]


def test_screening_is_stored_and_shown_with_the_excluding_rule(app, auth_client):
    uid = new_dossier(auth_client)
    page = auth_client.get(f"/dossiers/{uid}/screening").get_data(as_text=True)
    assert "has not been answered yet" in page and "Next: the dossier" not in page
    for q in load_questionnaire().questions:
        assert f'name="q_{q.id}"' in page
    response = post(auth_client, f"/dossiers/{uid}/screening",
                    {**screening_answers(digital_device="yes"), "domain": "psychosocial"})
    assert response.status_code == 302
    page = auth_client.get(f"/dossiers/{uid}/screening").get_data(as_text=True)
    assert "is not an NPI" in page
    assert "A digital application or monitoring system is a medical device, not an NPI." in page
    with app.app_context():
        dossier = db.session.scalar(select(Dossier).where(Dossier.uid == uid))
        assert dossier.screening_answers["digital_device"] == "yes"
        assert dossier.screening_domain == "psychosocial"
    # The stored answers are the form's values when it is shown again.
    assert '<input checked id="q_digital_device-0" name="q_digital_device"' in page
    show = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "medical device" in show
    # A fitting intervention: no exclusion.
    post(auth_client, f"/dossiers/{uid}/screening", {**screening_answers(), "domain": "physical"})
    page = auth_client.get(f"/dossiers/{uid}/screening").get_data(as_text=True)
    assert "fits the NPI definition" in page and "is a medical device, not an NPI" not in page
    # Once answered, the next step is one link away.
    assert f'href="/dossiers/{uid}#studies">Next: the dossier\'s studies' in page


def test_a_dossier_says_a_study_must_be_assessed_first(auth_client):
    uid = new_dossier(auth_client)
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "you have none yet: assess the study first" in page
    assert "All your assessments are already in this dossier" not in page
    study = create_assessment(auth_client, title="Walking RCT")
    assert "Choose a study" in auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    add(auth_client, uid, study)
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "All your assessments are already in this dossier" in page
    assert "you have none yet" not in page


def test_incomplete_screening_is_refused(auth_client):
    uid = new_dossier(auth_client)
    answers = screening_answers()
    del answers["q_product"]
    response = post(auth_client, f"/dossiers/{uid}/screening", {**answers, "domain": "physical"})
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Answer yes or no." in page
    # The summary names the question by its number, as the page does, without "?:".
    number = next(n for n, q in enumerate(load_questionnaire().questions, start=1)
                  if q.id == "product")
    summary = page.split('class="error-summary"')[1].split("</div>")[0]
    assert f">{number}. " in summary and "?</a> —" in summary and "?</a>:" not in summary


def test_an_unticked_peer_review_box_is_not_stated_not_denied(app, auth_client):
    """Leaving the box unticked is no claim that the journal has no peer review."""
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client, title="Walking RCT")
    assert add(auth_client, uid, study, journal="Stroke", year="2023",
               study_country="France").status_code == 302
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "Peer review not stated" in page and "Not peer-reviewed" not in page
    # Nor does the reason it does not count say so: it says what to tick if it is.
    assert "not published in a peer-reviewed journal" not in page
    assert "not marked as published in a peer-reviewed journal" in page
    reader = pypdf.PdfReader(io.BytesIO(auth_client.get(f"/dossiers/{uid}/report.pdf?lang=fr")
                                        .get_data()))
    flat = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    assert "À comité de lecture non précisé" in flat
    assert "non publiée dans une revue" not in flat
    assert "non indiquée comme publiée dans une revue à comité de lecture" in flat


def test_add_and_remove_studies(app, auth_client, user):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client, title="Walking RCT")
    response = add(auth_client, uid, study, peer_reviewed="y", journal="Stroke",
                   doi="10.1161/str.1", year="2023", study_country="France")
    assert response.status_code == 302
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "Walking RCT" in page and "Stroke" in page and "10.1161/str.1" in page
    # The same study twice is refused.
    again = add(auth_client, uid, study)
    assert again.status_code == 400
    assert "already in the dossier" in again.get_data(as_text=True)
    # A study can belong to several dossiers.
    second = new_dossier(auth_client, npi_name="Another NPI")
    assert add(auth_client, second, study).status_code == 302
    # Removing takes it out of this dossier only; the assessment stays.
    assert post(auth_client, f"/dossiers/{uid}/studies/{study}/remove").status_code == 302
    row = f'<a href="/assessments/{study}/results">Walking RCT</a></th>'
    assert row not in auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert row in auth_client.get(f"/dossiers/{second}").get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(Assessment).where(Assessment.uid == study)) is not None
        assert len(db.session.scalars(select(DossierStudy)).all()) == 1


def test_adding_another_users_assessment_is_refused(app, auth_client):
    uid = new_dossier(auth_client)
    make_user(app, "bob")
    bobs = imported_study(app, "bob", "interventional", title="Bob's private trial")
    response = add(auth_client, uid, bobs)
    assert response.status_code == 400
    assert "Choose one of your own assessments." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(DossierStudy)).all() == []
    assert "Bob's private trial" not in auth_client.get(f"/dossiers/{uid}").get_data(
        as_text=True)


def test_invalid_publication_details_are_refused(auth_client):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    response = add(auth_client, uid, study, peer_reviewed="y", doi="not a doi", year="1800")
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "A DOI looks like" in page or "Number must be between" in page
    assert "Name the peer-reviewed journal." in page or "Number must be between" in page


def test_a_year_of_hundreds_of_digits_is_out_of_range(auth_client):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client, title="Kept title")
    response = add(auth_client, uid, study, journal="Stroke", year="9" * 400)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    assert "Number must be between 1900 and 2100." in page and "Stroke" in page


def test_publication_details_can_be_edited(auth_client):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    add(auth_client, uid, study)
    page = auth_client.get(f"/dossiers/{uid}/studies/{study}").get_data(as_text=True)
    assert "Publication details" in page
    response = post(auth_client, f"/dossiers/{uid}/studies/{study}",
                    {"peer_reviewed": "y", "journal": "BMJ", "year": "2022",
                     "study_country": "Spain"})
    assert response.status_code == 302
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "BMJ" in page and "Spain" in page


def full_dossier(app, client, username, *, impl_country="France"):
    uid = new_dossier(client)
    studies = {
        "proto": imported_study(app, username, "prototypical", title="Proto paper",
                                publication=PEER),
        "mech": imported_study(app, username, "mechanistic", title="Mechanism paper",
                               publication=PEER),
        "rct1": imported_study(app, username, "interventional", title="Trial one",
                               publication=PEER),
        "rct2": imported_study(app, username, "interventional", title="Trial two",
                               publication=PEER),
        "impl": imported_study(app, username, "implementation", title="Roll-out study",
                               country=impl_country,
                               publication={**PEER, "country": impl_country}),
    }
    for study in studies.values():
        assert add(client, uid, study).status_code == 302
    return uid, studies


def test_sufficiency_page_counts_criteria_coverage_and_missing(app, auth_client, user):
    uid, studies = full_dossier(app, auth_client, user, impl_country="Belgium")
    page = auth_client.get(f"/dossiers/{uid}/sufficiency").get_data(as_text=True)
    assert "This is your self-check, not a label." in page
    for heading in ("Compliant studies per study type against the minimums", "The five criteria",
                    "NPI sheet fields covered by the studies", "What is missing"):
        assert heading in page
    for criterion in ("Described", "Explainable", "Effective", "Safe", "Implementable"):
        assert criterion in page
    # Two compliant interventional studies reach "effective"; the Belgian implementation
    # study does not count for a dossier deployed in France.
    assert "0 in France (1 in all)" in page
    assert "1 more compliant implementation study conducted in France needed" in page
    assert "Trial one" in page and "Trial two" in page
    assert page.count("✓") >= 9  # every sheet field is covered by some counting study
    # Never a claim of the label: the only mention is the disclaimer.
    disclaimer = "It does not say or suggest that the intervention is labelled"
    assert disclaimer in page
    rest = page.replace(disclaimer, "")
    for claim in ("is labelled", "label awarded", "can be labelled", "eligible for the label",
                  "NPIS© certified"):
        assert claim not in rest


def test_a_study_counts_in_its_country_however_either_is_written(app, auth_client, user):
    """The walkthrough's dossier, deployed in "England": its implementation study conducted in
    the "United Kingdom" counted 0 there, the names being compared as text, and the page said
    nothing of why. It counts now, and the page, the PDF, the workbook and the review say
    which country each study was counted under, or why it was not counted."""
    uid = new_dossier(auth_client, country="England")
    for title, country in (("Scaling up in general practice", "United Kingdom"),
                           ("Roll-out in Bavaria", "Germany")):
        study = imported_study(app, user, "implementation", title=title, country=country,
                               publication={**PEER, "country": country})
        assert add(auth_client, uid, study).status_code == 302
    page = auth_client.get(f"/dossiers/{uid}/sufficiency").get_data(as_text=True)
    assert "1 in England (2 in all)" in page
    assert "Scaling up in general practice" in page.split("The five criteria")[1]
    counted = ("Scaling up in general practice: its country, “United Kingdom”, is counted as "
               "the country of deployment, “England” (United Kingdom).")
    elsewhere = ("Roll-out in Bavaria: its country, “Germany”, is not the country of "
                 "deployment, “England” (United Kingdom): it does not count towards the "
                 "minimum there.")
    assert counted in page and elsewhere in page

    pdf = auth_client.get(f"/dossiers/{uid}/report.pdf?lang=en").get_data()
    flat = " ".join(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages)
                    .split())
    assert counted in flat and elsewhere in flat
    workbook = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/dossiers/{uid}/report.xlsx?lang=fr").get_data()))
    cells = [c for row in workbook["Synthèse"].iter_rows(values_only=True) for c in row if c]
    assert ("Roll-out in Bavaria\u00a0: son pays, «\u00a0Germany\u00a0» (Allemagne), n'est pas "
            "le pays de déploiement, «\u00a0England\u00a0» (Royaume-Uni)\u00a0: elle ne compte "
            "pas pour le minimum dans ce pays.") in cells
    review = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert f"- {counted}" in review
    # The form says how a country may be written.
    form = auth_client.get("/dossiers/new").get_data(as_text=True)
    assert "England, UK and GB all count as the United Kingdom." in form


def test_non_compliant_and_protocol_studies_do_not_count(app, auth_client, user):
    uid = new_dossier(auth_client)
    bad = imported_study(app, user, "interventional", title="Failed trial", answer="not_met",
                         publication=PEER)
    protocol = imported_study(app, user, "interventional", title="Trial protocol",
                              kind="protocol", publication=PEER)
    for study in (bad, protocol):
        add(auth_client, uid, study)
    page = auth_client.get(f"/dossiers/{uid}/sufficiency").get_data(as_text=True)
    assert page.count("Does not count:") == 2
    assert "its assessment verdict is not one that counts" in page
    assert "a protocol is not evidence of results" in page
    assert "2 more compliant interventional studies needed" in page


def test_the_dossier_page_shows_each_studys_verdict_and_whether_it_counts(app, auth_client,
                                                                        user):
    """A submitter sees from the dossier's own list which study holds it back, without
    going to the sufficiency page."""
    uid = new_dossier(auth_client)
    bad = imported_study(app, user, "interventional", title="Failed trial", answer="not_met",
                         publication=PEER)
    good = imported_study(app, user, "interventional", title="Sound trial", answer="met",
                          publication=PEER)
    for study in (bad, good):
        add(auth_client, uid, study)
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    studies = page[page.index('id="studies"'):page.index('id="add-title"')]
    assert '<th scope="col">Verdict</th>' in studies
    failed = studies[studies.index("Failed trial"):studies.index("Sound trial")]
    assert "Not compliant" in failed and "Does not count:" in failed
    assert "its assessment verdict is not one that counts" in failed
    sound = studies[studies.index("Sound trial"):]
    assert "Compliant" in sound and "Counts towards the minimums." in sound


def test_the_dossier_page_numbers_its_studies_as_what_is_missing_names_them(app, auth_client,
                                                                          user):
    """What is missing and what to add name "Study 2": the dossier's own list of studies
    gives each its number, so that a submitter can tell which study it is; and a trial's
    protocol beside its paper is not counted on to meet the minimum of two."""
    uid = new_dossier(auth_client)
    protocol = imported_study(app, user, "interventional", title="Trial protocol",
                              kind="protocol", answer="partially_met")
    paper = imported_study(app, user, "interventional", title="Trial paper",
                           answer="partially_met", publication=PEER)
    for study in (protocol, paper):
        add(auth_client, uid, study)
    page = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    studies = page[page.index('id="studies"'):page.index('id="add-title"')]
    first, second = studies.index("Study 1"), studies.index("Study 2")
    assert first < studies.index("Trial protocol") < second < studies.index("Trial paper")
    missing = auth_client.get(f"/dossiers/{uid}/sufficiency").get_data(as_text=True)
    missing = html.unescape(missing)
    assert "Study 1, a protocol, will not count whatever its verdict." in missing
    assert "Even once study 2 counts, 1 more will be needed." in missing
    from conftest import csrf_token

    auth_client.post("/language", data={"lang": "fr", "next": "/",
                                        "csrf_token": csrf_token(auth_client)})
    french = auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)
    assert "Étude 1" in french[french.index('id="studies"'):french.index('id="add-title"')]


def test_dossier_pdf_and_excel(app, auth_client, user):
    uid, studies = full_dossier(app, auth_client, user)
    post(auth_client, f"/dossiers/{uid}/screening", {**screening_answers(), "domain": "physical"})
    response = auth_client.get(f"/dossiers/{uid}/report.pdf?lang=en")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    data = response.get_data()
    reader = pypdf.PdfReader(io.BytesIO(data))
    text = " ".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    fmt, stamp = read_stamp(data)
    assert fmt == "pdf" and stamp is not None and stamp.subject_kind == "dossier"
    assert stamp.report_id in flat and stamp.signature in flat.replace(" ", "")
    assert DOSSIER["npi_name"] in flat
    assert "fits the NPI definition" in flat
    assert "Nothing is missing by these rules." in flat
    assert "Trial one" in flat and "Roll-out study" in flat
    assert "It is not a label" in flat
    for study in studies.values():
        assert study in flat.replace(" ", "")  # every study's assessment id is printed

    response = auth_client.get(f"/dossiers/{uid}/report.xlsx?lang=fr")
    assert response.status_code == 200
    wb = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    assert wb.sheetnames == ["Synthèse", "Études", "Couverture", "À ajouter au dossier",
                             "Données"]
    props = {p.name: p.value for p in wb.custom_doc_props}
    assert props["npis-subject-kind"] == "dossier"
    summary = [c for row in wb["Synthèse"].iter_rows(values_only=True) for c in row if c]
    assert props["npis-report-id"] in summary and props["npis-signature"] in summary
    data_rows = list(wb.worksheets[-1].iter_rows(values_only=True))
    assert data_rows[0][:3] == ("dossier_uid", "report_id", "assessment_uid")
    # Its keys are the README's in both languages, and the French sheet says so.
    from exports.dossier_excel import DATA_COLUMNS
    assert data_rows[0] == DATA_COLUMNS
    note = wb.worksheets[-1]["A1"].comment.text
    assert note.startswith("La feuille «\u00a0Données\u00a0»")
    assert "une ligne par étude" in note
    assert note in summary
    assert {row[2] for row in data_rows[1:]} == set(studies.values())
    assert all(row[9] is True for row in data_rows[1:])  # every study counts
    # Each study carries the id of a report registered for exactly its content.
    assert all(str(row[16]).startswith("NPIS-CHK-") for row in data_rows[1:])
    # Scores are numbers a spreadsheet can sort, shown as percentages ("39,3 %" in French).
    studies_sheet = wb["Études"]
    header = [c.value for c in studies_sheet[1]]
    score_cells = [studies_sheet.cell(2, header.index(name) + 1)
                   for name in ("Score éthique", "Score méthodologique")]
    assert all(isinstance(c.value, (int, float)) and 0 <= c.value <= 1 for c in score_cells)
    assert {c.number_format for c in score_cells} == {"0.0%"}
    coverage = list(wb["Couverture"].iter_rows(values_only=True))
    assert coverage[0][0] == "Rubrique de la fiche INM" and len(coverage[0]) == 2 + 5 + 1
    assert "Désignation" in [row[0] for row in coverage]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_workbook_speaks_of_a_dossier_not_of_one_document(app, auth_client, user,
                                                                       lang):
    """The workbook's Summary ends, as the PDF does, with the dossier's self-check statement,
    not the assessment reports' "This report assesses compliance of one document"."""
    from exports.labels import labels

    uid, _ = full_dossier(app, auth_client, user)
    response = auth_client.get(f"/dossiers/{uid}/report.xlsx?lang={lang}")
    wb = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    cells = [str(c) for row in wb.worksheets[0].iter_rows(values_only=True) for c in row if c]
    assert labels(lang)["label_statement"] not in cells
    provenance = cells.index(labels(lang)["provenance"])
    assert cells[provenance + 2] == labels(lang)["self_check_statement"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_reports_give_the_screening_answers_as_the_form_does(app, auth_client,
                                                                         user, lang):
    """"Yes" / "No" ("Oui" / "Non"), as the questionnaire's form: not a bare "no"."""
    uid, _studies = full_dossier(app, auth_client, user)
    post(auth_client, f"/dossiers/{uid}/screening", {**screening_answers(), "domain": "physical"})
    with app.app_context():
        view = build_view(find_dossier(uid), active_catalogue(), lang)
        context = build_dossier_context(view, make_stamp("NPIS-CHK-TEST", view.digest,
                                                         "dossier"))
    answers = {answer for _question, answer, _excludes in context["screening_questions"]}
    assert answers == ({"Yes", "No"} if lang == "en" else {"Oui", "Non"})
    # So do whether a study counts towards the minimums and whether a sheet field is covered.
    yes_no = {"Yes", "No"} if lang == "en" else {"Oui", "Non"}
    counts = [dict(row["pairs"])[context["lab"]["counts_towards"]] for row in context["studies"]]
    assert counts and all(value.split(" — ")[0] in yes_no for value in counts)
    with app.app_context():
        page = render_dossier_html(view, make_stamp("NPIS-CHK-TEST", view.digest, "dossier"))
    cells = set(re.findall(r'<td class="(?:ok|short)">([^<]*)</td>', page))
    assert cells & yes_no and not cells & {"yes", "no", "oui", "non"}


def test_dossier_pages_in_french(auth_client):
    uid = new_dossier(auth_client)
    from conftest import csrf_token

    auth_client.post("/language", data={"lang": "fr", "next": "/",
                                        "csrf_token": csrf_token(auth_client)})
    page = auth_client.get(f"/dossiers/{uid}/screening").get_data(as_text=True)
    assert "S&#39;agit-il d&#39;une application numérique" in page or \
        "S'agit-il d'une application numérique" in page


def test_delete_dossier_keeps_studies(app, auth_client):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    add(auth_client, uid, study)
    unconfirmed = post(auth_client, f"/dossiers/{uid}/delete", follow_redirects=True)
    assert "tick the box to confirm" in unconfirmed.get_data(as_text=True)
    assert auth_client.get(f"/dossiers/{uid}").status_code == 200  # one click deletes nothing
    assert post(auth_client, f"/dossiers/{uid}/delete", {"confirm": "y"}).status_code == 302
    assert auth_client.get(f"/dossiers/{uid}").status_code == 404
    with app.app_context():
        assert db.session.scalar(select(Assessment).where(Assessment.uid == study)) is not None


def test_dossier_pages_are_accessible(auth_client, client):
    import re

    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    second = create_assessment(auth_client, title="Second")
    add(auth_client, uid, study)
    visible = r'<(?:input|select|textarea)(?![^>]*type="(?:hidden|radio)")[^>]*id="([^"]+)"'
    pages = [(auth_client, p) for p in (
        "/dossiers", "/dossiers/new", f"/dossiers/{uid}", f"/dossiers/{uid}/edit",
        f"/dossiers/{uid}/screening", f"/dossiers/{uid}/sufficiency",
        f"/dossiers/{uid}/studies/{study}")] + [(client, "/verify")]
    for who, path in pages:
        response = who.get(path)
        assert response.status_code == 200, path
        text = response.get_data(as_text=True)
        assert '<main id="main"' in text and 'class="skip-link"' in text, path
        for element_id in re.findall(visible, text):
            assert f'for="{element_id}"' in text, (path, element_id)
        if path.endswith("/screening"):  # each yes/no group is a fieldset with a legend
            groups = len(load_questionnaire().questions) + 1  # + the domain
            assert text.count("<fieldset") == text.count("<legend") == groups
    assert second  # the add-study select offers the other assessment
    assert "Second" in auth_client.get(f"/dossiers/{uid}").get_data(as_text=True)


def test_every_report_of_a_dossier_says_a_study_answered_as_its_own_results_do(app,
                                                                               auth_client,
                                                                               user):
    """"Answered" counts as the study's results page and own report count (by a person, then
    the unconfirmed suggestions, which are scored), in the dossier's PDF, workbook and review
    alike."""
    with app.app_context():
        ids = [inv.id for inv in active_catalogue().invariants_for("interventional")]
    study = imported_study(app, user, "interventional", title="Suggested trial",
                           suggested=ids[:3], answers={ids[-1]: None})
    by_person, total = len(ids) - 4, len(ids)
    results = auth_client.get(f"/assessments/{study}/results").get_data(as_text=True)
    assert (f"{by_person} of {total} invariants answered by a person; 3 unconfirmed "
            "suggestions.") in results
    uid = new_dossier(auth_client)
    assert add(auth_client, uid, study).status_code == 302
    said = f"{by_person} of {total} by a person; 3 unconfirmed suggestions"

    pdf = auth_client.get(f"/dossiers/{uid}/report.pdf?lang=en").get_data()
    flat = " ".join(" ".join(page.extract_text()
                             for page in pypdf.PdfReader(io.BytesIO(pdf)).pages).split())
    assert f"Answered {said}" in flat
    sheet = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/dossiers/{uid}/report.xlsx?lang=en").get_data())).worksheets[1]
    rows = list(sheet.iter_rows(values_only=True))
    assert dict(zip(rows[0], rows[1], strict=True))["Answered"] == said
    review = auth_client.get(f"/dossiers/{uid}/review.txt?lang=en").get_data(as_text=True)
    assert f"- Answered: {said}\n" in review
    # Which answers those suggestions are: a reader of the reports tells them from a
    # person's without opening the study.
    which = f"{ids[0]}, {ids[1]} and {ids[2]}"
    assert f"Unconfirmed suggestions (scored as they stand) {which}" in flat
    assert dict(zip(rows[0], rows[1], strict=True))[
        "Unconfirmed suggestions (scored as they stand)"] == which
    tidy = list(openpyxl.load_workbook(io.BytesIO(auth_client.get(
        f"/dossiers/{uid}/report.xlsx?lang=en").get_data())).worksheets[-1].iter_rows(values_only=True))
    assert dict(zip(tidy[0], tidy[1], strict=True))["unconfirmed_invariants"] == "; ".join(
        ids[:3])


@pytest.mark.parametrize(("lang", "expected", "repeated"), [
    ("en", "Not a valid integer value.", "Number must be between"),
    ("fr", "N'est pas un entier valide.", "Le nombre doit être compris"),
])
def test_a_year_that_is_not_a_number_gets_one_message(auth_client, lang, expected, repeated):
    uid = new_dossier(auth_client)
    study = create_assessment(auth_client)
    post(auth_client, "/language", {"lang": lang})
    response = add(auth_client, uid, study, journal="Stroke", year="2023.5")
    assert response.status_code == 400
    page = html.unescape(response.get_data(as_text=True))
    assert expected in page and repeated not in page


def test_the_add_study_pages_asked_for_again_go_back_to_the_form(app, auth_client, user):
    """A submitter read a study's journal, DOI and year, then switched the page to French:
    the switch asks again for the address the form had posted to, which answered « Cette page
    n'existe pas ». It and the add-study address lead back to the dossier's add-study form;
    another person's dossier stays not found."""
    from conftest import csrf_token

    uid = new_dossier(auth_client)
    study = imported_study(app, user, "interventional", title="Trial paper")
    read = post(auth_client, f"/dossiers/{uid}/studies/read", {"assessment": study})
    assert read.status_code == 200
    switched = auth_client.post("/language", data={
        "lang": "fr", "next": f"/dossiers/{uid}/studies/read",
        "csrf_token": csrf_token(auth_client)}, follow_redirects=True)
    assert switched.status_code == 200
    assert "Ajouter une étude" in switched.get_data(as_text=True)
    for address in (f"/dossiers/{uid}/studies/read", f"/dossiers/{uid}/studies"):
        again = auth_client.get(address)
        assert again.status_code == 302
        assert again.headers["Location"].endswith(f"/dossiers/{uid}#add-title")
    assert auth_client.get("/dossiers/0123456789abcdef/studies/read").status_code == 404
