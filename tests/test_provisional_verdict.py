"""A verdict that rests in part on automatic suggestions no person has confirmed says so
wherever it is shown, and the home list, the form and the results page count the answers alike.

Claire's walkthrough: a large green « Conforme » on the results page while 13 of its 30 answers
were unconfirmed suggestions; « Provisoire » only on the home list; and 30/30, « 13 sur 30
(sans compter 13 suggestions) » and 17/30 for the counts.
"""

from __future__ import annotations

import dataclasses
import io
import re

import openpyxl
import pypdf
import pytest
from conftest import create_assessment, post
from dossier_support import imported_study

from checker.cli import main
from checker.services.assessments import pending_suggestions, progress, remaining_invariants
from checker.services.scoring import answer_counts, score_assessment
from exports.context import progress_value, provisional_note, verdict_line

NBSP = "\u00a0"
EN = "Compliant — provisional: 13 of 30 answers are unconfirmed suggestions"
FR = f"Conforme — provisoire{NBSP}: 13 des 30 réponses sont des suggestions non confirmées"
SAID = {"en": EN, "fr": FR}
PROVISIONAL = {"en": "provisional", "fr": "provisoire"}


def ids(app):
    from checker.services.snapshots import active_catalogue

    with app.app_context():
        return [inv.id for inv in active_catalogue().invariants_for("interventional")]


@pytest.fixture
def claires(app, user):
    """Claire's assessment: 30 invariants all met, 13 of them unconfirmed suggestions."""
    return imported_study(app, user, "interventional", title="Claire protocol",
                          suggested=ids(app)[-13:])


@pytest.fixture
def confirmed(app, user):
    """Every answer given by a person: its verdict is not provisional."""
    return imported_study(app, user, "interventional", title="Confirmed protocol")


def flat(text: str) -> str:
    return " ".join(text.split())


def in_lang(client, lang):
    post(client, "/language", {"lang": lang})


# --- the rule and its wording --------------------------------------------------------------

def test_one_count_for_the_score_and_the_form(catalogue, demo):
    answers = dict(demo.answers)
    first = list(answers)
    for invariant_id in first[:4]:  # not answered
        answers[invariant_id] = dataclasses.replace(answers[invariant_id], answer=None)
    for invariant_id in first[4:9]:  # suggested
        answers[invariant_id] = dataclasses.replace(answers[invariant_id], origin="suggestion")
    record = dataclasses.replace(demo, answers=answers)
    score = score_assessment(catalogue, record)
    counts = answer_counts(catalogue, record)
    assert counts == score.answer_counts
    assert (counts.unanswered, counts.counted, counts.total) == (4, 26, 30)
    assert counts.unconfirmed == 5 + sum(1 for a in demo.answers.values()
                                         if a.origin == "suggestion" and a.invariant_id
                                         not in first[:9])
    assert counts.provisional and score.provisional
    # The form's progress and its suggestions are the same count.
    assert progress(catalogue, record) == (counts.by_person, 30)
    assert pending_suggestions(catalogue, record) == counts.unconfirmed
    assert len(remaining_invariants(catalogue, record)) == 30 - counts.by_person


def test_a_verdict_given_by_people_only_is_not_provisional(catalogue, demo):
    human = {k: dataclasses.replace(a, origin="human") for k, a in demo.answers.items()}
    score = score_assessment(catalogue, dataclasses.replace(demo, answers=human))
    assert not score.provisional
    for lang in ("en", "fr"):
        assert provisional_note(score.answer_counts, lang) == ""
        assert verdict_line(score.verdict(lang), score.answer_counts, lang) == score.verdict(lang)


def test_the_provisional_verdict_is_worded_in_english_and_french(catalogue, demo):
    one = dict(demo.answers)
    human = {k: dataclasses.replace(a, origin="human") for k, a in one.items()}
    human["E01"] = dataclasses.replace(human["E01"], origin="suggestion")
    counts = score_assessment(catalogue, dataclasses.replace(demo, answers=human)).answer_counts
    assert verdict_line("Compliant", counts, "en") == \
        "Compliant — provisional: 1 of 30 answers is an unconfirmed suggestion"
    assert verdict_line("Conforme", counts, "fr") == \
        f"Conforme — provisoire{NBSP}: 1 des 30 réponses est une suggestion non confirmée"
    assert progress_value(counts, "en") == "29 of 30 by a person; 1 unconfirmed suggestion"
    assert progress_value(counts, "fr") == \
        f"29 sur 30 par une personne{NBSP}; 1 suggestion non confirmée"


# --- the three pages count alike -----------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_home_form_and_results_count_alike(app, auth_client, claires, lang):
    in_lang(auth_client, lang)
    said = {"en": ("17 of 30 invariants answered by a person", "13 unconfirmed suggestions"),
            "fr": ("17 invariants sur 30 renseignés par une personne",
                   "13 suggestions non confirmées")}[lang]
    home = auth_client.get("/").get_data(as_text=True)
    form = auth_client.get(f"/assessments/{claires}").get_data(as_text=True)
    results = auth_client.get(f"/assessments/{claires}/results").get_data(as_text=True)
    for page in (home, form, results):
        assert said[0] in page and said[1] in page
    assert re.search(r'value="17"[^>]*></progress>', home)
    assert 'value="17"></progress>' in form
    # The results page says both in one sentence, as the reports' "Answered" does.
    separator = {"en": "; ", "fr": f"{NBSP}; "}[lang]
    assert f"{said[0]}{separator}{said[1]}." in results
    # The old, disagreeing counts are gone.
    for old in ("30 of 30 invariants answered.", "not counting", "sans compter", "17/30",
                "30 invariants renseignés sur 30"):
        assert old not in home + form + results


def test_a_background_save_words_the_counts_as_the_page(app, auth_client, claires):
    from sqlalchemy import select

    from checker.extensions import db
    from checker.models import Answer, Assessment

    suggested = ids(app)[-1]
    with app.app_context():
        version = db.session.scalar(
            select(Answer.version).join(Assessment, Answer.assessment_id == Assessment.id)
            .where(Assessment.uid == claires, Answer.invariant_id == suggested))
    response = post(auth_client, f"/assessments/{claires}/suggestions/{suggested}/accept",
                    {"version": str(version)}, headers={"Accept": "application/json"})
    assert response.status_code == 200, response.get_data(as_text=True)
    body = response.get_json()
    assert body["progress_text"] == "18 of 30 invariants answered by a person"
    assert body["pending_text"] == "12 unconfirmed suggestions"


# --- where the verdict is shown --------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_results_page_verdict_box_says_provisional_in_neutral(auth_client, claires,
                                                                   confirmed, lang):
    in_lang(auth_client, lang)
    page = auth_client.get(f"/assessments/{claires}/results").get_data(as_text=True)
    box = re.search(r'<div class="card score verdict ([^"]*)">(.*?)</div>', page, re.S)
    assert box.group(1) == "verdict-provisional"  # not the confirmed green
    text = re.sub(r"[ \n]+", " ", re.sub(r"<[^>]+>", " ", box.group(2))).strip()
    assert text == f"Verdict {SAID[lang]}"
    page = auth_client.get(f"/assessments/{confirmed}/results").get_data(as_text=True)
    box = re.search(r'<div class="card score verdict ([^"]*)">(.*?)</div>', page, re.S)
    assert box.group(1) == "verdict-compliant"
    assert PROVISIONAL[lang] not in page.lower()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_home_list_says_the_verdict_is_provisional(auth_client, claires, confirmed, lang):
    in_lang(auth_client, lang)
    page = auth_client.get("/").get_data(as_text=True)
    rows = {re.search(r">([^<]*protocol)</a>", row).group(1): row
            for row in re.findall(r"<tr>.*?</tr>", page, re.S) if "protocol</a>" in row}
    verdict = SAID[lang].split(" — ")[0]
    assert f"<strong>{verdict}</strong> <strong class=\"provisional-note\">— " \
           f"{SAID[lang].split(' — ')[1]}</strong>" in rows["Claire protocol"]
    assert PROVISIONAL[lang] not in rows["Confirmed protocol"].lower()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pdf_verdict_block_says_provisional(auth_client, claires, confirmed, lang):
    def summary(uid):
        pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang={lang}").get_data()
        return flat(pypdf.PdfReader(io.BytesIO(pdf)).pages[1].extract_text())

    key = {"en": "Summary Verdict ", "fr": "Synthèse Verdict "}[lang]
    assert f"{key}{flat(SAID[lang])}" in summary(claires)
    said = summary(confirmed)
    assert said.startswith(f"{key}{SAID[lang].split(' — ')[0]} ")
    assert PROVISIONAL[lang] not in said.lower()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_workbook_summary_says_provisional(auth_client, claires, confirmed, lang):
    def verdict(uid):
        data = auth_client.get(f"/assessments/{uid}/report.xlsx?lang={lang}").get_data()
        sheet = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
        return {row[0]: row[1] for row in sheet.iter_rows(values_only=True) if row[0]}

    assert verdict(claires)["Verdict"] == SAID[lang]
    assert verdict(confirmed)["Verdict"] == SAID[lang].split(" — ")[0]
    answered = {"en": "Answered", "fr": "Renseignés"}[lang]
    assert verdict(claires)[answered] == {
        "en": "17 of 30 by a person; 13 unconfirmed suggestions",
        "fr": f"17 sur 30 par une personne{NBSP}; 13 suggestions non confirmées"}[lang]


UNCONFIRMED = {"en": "Unconfirmed automatic suggestion",
               "fr": "Suggestion automatique non confirmée"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_workbook_says_answer_by_answer_which_are_unconfirmed(app, auth_client, claires,
                                                                  lang):
    """The Data sheet (``confirmed``, ``origin``) and the Detail sheet's confirmation column
    say it for each answer, in the report's language for the latter."""
    suggested = set(ids(app)[-13:])
    wb = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/assessments/{claires}/report.xlsx?lang={lang}").get_data()))
    data = list(wb.worksheets[-1].iter_rows(values_only=True))
    rows = {row["invariant_id"]: row for row in (dict(zip(data[0], r, strict=True))
                                                  for r in data[1:])}
    assert {i for i, row in rows.items() if row["confirmed"] is False} == suggested
    assert all(row["confirmed"] is True for i, row in rows.items() if i not in suggested)
    assert {rows[i]["origin"] for i in suggested} == {"suggestion"}
    detail = list(wb.worksheets[1].iter_rows(values_only=True))
    column = detail[0].index("Confirmation")
    said = {row[0]: row[column] for row in detail[1:]}
    assert {i for i, text in said.items() if text == UNCONFIRMED[lang]} == suggested


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_data_sheet_says_which_study_verdict_is_provisional(auth_client, claires,
                                                                        confirmed, lang):
    from test_dossiers import add, new_dossier

    uid = new_dossier(auth_client)
    for study in (claires, confirmed):
        assert add(auth_client, uid, study).status_code == 302
    wb = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/dossiers/{uid}/report.xlsx?lang={lang}").get_data()))
    data = list(wb.worksheets[-1].iter_rows(values_only=True))
    rows = {row["assessment_uid"]: row for row in (dict(zip(data[0], r, strict=True))
                                                   for r in data[1:])}
    said = {study: (rows[study]["provisional"], rows[study]["answered_by_person"],
                    rows[study]["unconfirmed_suggestions"]) for study in (claires, confirmed)}
    assert said == {claires: (True, 17, 13), confirmed: (False, 30, 0)}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_structured_review_verdict_line_says_provisional(auth_client, claires, confirmed,
                                                             lang):
    colon = {"en": ":", "fr": f"{NBSP}:"}[lang]
    text = auth_client.get(f"/assessments/{claires}/review.txt?lang={lang}").get_data(
        as_text=True)
    assert f"- Verdict{colon} {SAID[lang]}\n" in text
    text = auth_client.get(f"/assessments/{confirmed}/review.txt?lang={lang}").get_data(
        as_text=True)
    assert f"- Verdict{colon} {SAID[lang].split(' — ')[0]}\n" in text
    assert PROVISIONAL[lang] not in text.lower()


def test_the_json_export_says_provisional(auth_client, claires, confirmed):
    score = auth_client.get(f"/assessments/{claires}/export.json").get_json()["score"]
    assert score["provisional"] is True and score["unconfirmed"] == 13
    assert score["verdict_text"] == {"en": EN, "fr": FR}
    score = auth_client.get(f"/assessments/{confirmed}/export.json").get_json()["score"]
    assert score["provisional"] is False
    assert score["verdict_text"] == {"en": "Compliant", "fr": "Conforme"}


def test_the_json_export_with_the_new_fields_imports(auth_client, claires):
    data = auth_client.get(f"/assessments/{claires}/export.json").get_data()
    response = post(auth_client, "/assessments/import",
                    {"file": (io.BytesIO(data), "claire.json")},
                    content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]


def test_the_command_line_review_says_provisional(cli_env, claires):
    result = cli_env.invoke(main, ["report", claires, "--format", "txt", "--lang", "fr",
                                   "--out", "-"])
    assert result.exit_code == 0, result.output
    assert f"- Verdict{NBSP}: {FR}\n" in result.output


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_dossier_says_which_study_verdict_is_provisional(auth_client, claires, confirmed,
                                                           lang):
    from test_dossiers import add, new_dossier

    uid = new_dossier(auth_client)
    for study in (claires, confirmed):
        assert add(auth_client, uid, study).status_code == 302
    in_lang(auth_client, lang)
    for path in (f"/dossiers/{uid}", f"/dossiers/{uid}/sufficiency"):
        page = auth_client.get(path).get_data(as_text=True)
        assert page.count(SAID[lang]) == 1, path
    review = auth_client.get(f"/dossiers/{uid}/review.txt?lang={lang}").get_data(as_text=True)
    assert f"{SAID[lang]}\n" in review
    assert review.count(PROVISIONAL[lang]) == review.count(SAID[lang].split(" — ")[1])
    pdf = auth_client.get(f"/dossiers/{uid}/report.pdf?lang={lang}").get_data()
    text = flat(" ".join(p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages))
    assert flat(SAID[lang]) in text
    workbook = openpyxl.load_workbook(io.BytesIO(
        auth_client.get(f"/dossiers/{uid}/report.xlsx?lang={lang}").get_data()))
    cells = [c for row in workbook.worksheets[1].iter_rows(values_only=True) for c in row]
    assert SAID[lang] in cells and SAID[lang].split(" — ")[0] in cells


def test_created_with_a_document_the_verdict_is_provisional_until_accepted(auth_client):
    uid = create_assessment(auth_client, title="Uploaded", document=(
        io.BytesIO(b"The protocol was approved by the ethics committee CPP Ouest III on "
                   b"12 March 2024. Written informed consent will be obtained."), "p.txt"))
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert "— provisional: 30 of 30 answers are unconfirmed suggestions" in page
    post(auth_client, f"/assessments/{uid}/suggestions/accept", {})
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert "provisional" not in page.lower() and "verdict-provisional" not in page
    assert "30 of 30 invariants answered by a person." in page
