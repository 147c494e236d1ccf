"""Whose words a justification is: a suggestion's rationale accepted unchanged is labelled as
the software's, in every report and page, until a person edits it; a person's text is the
assessor's. Old records (no stored rationale) read as before, and migration 0006 recovers the
rationale of suggestions accepted before 0004 from the answer history."""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import replace

import openpyxl
import pytest
from conftest import create_assessment, post, save_answer
from pypdf import PdfReader
from test_suggestions import answers_of, upload

from checker.demo import load_demo
from checker.services.json_io import export_json, import_json
from checker.services.review_text import review_text
from checker.services.scoring import score_assessment
from exports.context import build_context
from exports.excel import DATA_COLUMNS, render_xlsx
from exports.labels import labels
from exports.pdf import render_pdf

RATIONALE = {
    "en": "Elements detected: Informed consent (SPIRIT/CONSORT 26a).",
    "fr": "Éléments détectés\u00a0: Consentement éclairé (SPIRIT/CONSORT 26a).",
}
PERSON = "Consent is mentioned but not how it is obtained."
ASSESSOR = "Dr Claire Martin"
REPORT_ID = "NPIS-CHK-20261102-ABCDEF12"

# The justification of INT13 (a point to address) in each case, and how reports head it.
CASES = {
    "accepted unchanged": dict(justification=RATIONALE["en"], suggested_justification=RATIONALE),
    "accepted then edited": dict(justification=RATIONALE["en"] + " Checked: 9.2 says how.",
                                 suggested_justification=RATIONALE),
    "typed by a person": dict(justification=PERSON, suggested_justification=None),
    # Saved before suggestions kept their rationale (or imported from such a JSON file):
    # nothing tells it from a person's text.
    "old record": dict(justification=RATIONALE["en"], suggested_justification=None),
}


def page(client, path: str) -> str:
    """A page's text with its character references read (an apostrophe may be &#39;)."""
    return html.unescape(client.get(path).get_data(as_text=True))


def flat(value: str) -> str:
    """Whitespace-normalised; a PDF line break after a hyphen or a slash is not a space."""
    return re.sub(r"([-/])\s+", r"\1", " ".join(value.split()))


def expected(case: str, lang: str, *, named: bool = True) -> tuple[str, str]:
    """(heading, text) of INT13's justification in a report in ``lang``."""
    lab = labels(lang)
    if case == "accepted unchanged":
        heading = (lab("justification_accepted_by", who=ASSESSOR) if named
                   else lab["justification_accepted"])
        return heading, RATIONALE[lang]  # in the report's language
    return lab["justification_by_assessor"], CASES[case]["justification"]


@pytest.fixture(scope="module", params=list(CASES))
def case_record(request, catalogue):
    record = load_demo(catalogue, lang="en")
    int13 = replace(record.answers["INT13"], origin="human", confirmed_by=ASSESSOR,
                    **CASES[request.param])
    record.answers["INT13"] = int13
    return request.param, record


def test_record_knows_a_rationale_accepted_unchanged(catalogue, case_record):
    case, record = case_record
    int13 = record.answers["INT13"]
    assert int13.accepted_rationale is (case == "accepted unchanged")
    # Still a suggestion: the software's words, not accepted by anyone.
    assert not replace(int13, origin="suggestion").accepted_rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf_heads_the_justification_by_whose_words_it_is(catalogue, case_record, lang):
    case, record = case_record
    pdf = render_pdf(catalogue, record, score_assessment(catalogue, record), lang, REPORT_ID)
    pages = flat(" ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages))
    heading, justification = expected(case, lang)
    assert flat(f"{heading}{labels(lang)['colon']} {justification}") in pages
    if case != "accepted unchanged":
        assert flat(labels(lang)("justification_accepted_by", who=ASSESSOR)) not in pages


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_workbook_says_whose_words_each_justification_is(catalogue, case_record, lang):
    case, record = case_record
    data = render_xlsx(catalogue, record, score_assessment(catalogue, record), lang, REPORT_ID)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    lab = labels(lang)
    detail = wb[lab["sheet_detail"]]
    assert [detail.cell(1, c).value for c in (7, 8)] == [lab["justification"],
                                                         lab["justification_source"]]
    row = [detail.cell(r, 1).value for r in range(1, detail.max_row + 1)].index("INT13") + 1
    heading, justification = expected(case, lang)
    assert [detail.cell(row, c).value for c in (7, 8)] == [justification, heading]
    rows = list(wb.worksheets[-1].iter_rows(values_only=True))
    int13 = next(dict(zip(DATA_COLUMNS, r, strict=True)) for r in rows[1:] if r[6] == "INT13")
    source = "accepted_suggestion" if case == "accepted unchanged" else "assessor"
    assert (int13["justification"], int13["justification_source"]) == (justification, source)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_review_text_heads_the_justification_without_naming_the_assessor(
        catalogue, case_record, lang):
    case, record = case_record
    review = review_text(catalogue, record, lang)
    heading, justification = expected(case, lang, named=False)
    assert f"    - {heading}{labels(lang)['colon']} {justification}\n" in review
    assert ASSESSOR not in review


def test_a_not_applicable_rationale_is_introduced_as_the_suggestion_s(catalogue):
    record = load_demo(catalogue, lang="en")
    int03 = record.answers["INT03"]
    assert int03.answer == "not_applicable"
    rationale = {"en": "No run-in period is described.", "fr": "Aucune période de rodage."}
    record.answers["INT03"] = replace(int03, justification=rationale["en"],
                                      suggested_justification=rationale, origin="human")
    lab = labels("fr")
    review = review_text(catalogue, record, "fr")
    assert f" — {lab['justification_accepted']}{lab['colon']} {rationale['fr']}\n" in review
    # A person's reason stays as it was: theirs, not introduced.
    person = review_text(catalogue, load_demo(catalogue, lang="en"), "en")
    assert f" — {int03.justification}\n" in person


def test_unconfirmed_suggestion_is_the_suggestion_s_rationale(catalogue):
    record = load_demo(catalogue, lang="en")
    context = build_context(catalogue, record, score_assessment(catalogue, record), "fr", "")
    e11 = next(row for row in context["rows"] if row.id == "E11")
    assert e11.unconfirmed and e11.justification_source == "suggestion"
    assert e11.justification_label == "Justification de la suggestion"


def test_json_keeps_the_rationale_and_reads_old_files(catalogue):
    record = load_demo(catalogue, lang="en")
    record.answers["INT13"] = replace(record.answers["INT13"], origin="human",
                                      justification=RATIONALE["en"],
                                      suggested_justification=RATIONALE)
    data = json.loads(json.dumps(export_json(catalogue, record), default=str))
    assert import_json(data).answers["INT13"].accepted_rationale
    # A file written before suggestions kept their rationale imports; its text reads as the
    # person's (nothing tells otherwise).
    for answer in data["answers"]:
        answer.pop("suggested_justification", None)
    old = import_json(data).answers["INT13"]
    assert old.justification == RATIONALE["en"] and not old.accepted_rationale
    context = build_context(catalogue, import_json(data),
                            score_assessment(catalogue, import_json(data)), "en", "")
    int13 = next(row for row in context["rows"] if row.id == "INT13")
    assert int13.justification_label == "Assessor's justification"


# --- through the web: accept, then edit -------------------------------------------------

def test_accepted_rationale_is_labelled_until_a_person_edits_it(app, auth_client):
    uid = create_assessment(auth_client, **upload())  # E02: partially met, a point to address
    e01 = answers_of(app, uid)["E02"]
    rationale = e01.suggested_justification
    assert e01.justification == rationale["en"]
    post(auth_client, f"/assessments/{uid}/suggestions/E02/accept", {"version": e01.version})
    assert answers_of(app, uid)["E02"].confirmed_by == "alice"

    results = page(auth_client, f"/assessments/{uid}/results")
    assert "(suggestion's rationale, accepted by alice)" in results
    form = page(auth_client, f"/assessments/{uid}/answers/E02")
    assert "Saved as the suggestion's rationale, accepted unchanged by alice" in form
    review = auth_client.get(f"/assessments/{uid}/review.txt?lang=fr").get_data(as_text=True)
    assert ("Justification de la suggestion (acceptée par la personne évaluatrice)\u00a0: "
            f"{rationale['fr']}") in review
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=fr").get_data()
    pages = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert flat(f"Justification de la suggestion (acceptée par alice)\u00a0: {rationale['fr']}") \
        in pages

    # In French, the note too.
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    form = page(auth_client, f"/assessments/{uid}/answers/E02")
    assert "Enregistrée telle quelle comme justification de la suggestion, acceptée par alice" \
        in form
    assert rationale["fr"] in form  # shown in the interface's language

    stored = answers_of(app, uid)["E02"]
    edited = rationale["fr"] + " Vérifié en 9.1."
    save_answer(auth_client, uid, "E02", stored.version, answer=stored.answer,
                justification=edited, quotation=stored.quotation, page=stored.page,
                section=stored.section)
    assert answers_of(app, uid)["E02"].justification == edited
    form = page(auth_client, f"/assessments/{uid}/answers/E02")
    assert "Enregistrée telle quelle" not in form
    results = page(auth_client, f"/assessments/{uid}/results")
    assert "acceptée par alice)" not in results
    pdf = auth_client.get(f"/assessments/{uid}/report.pdf?lang=en").get_data()
    pages = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert flat(f"Assessor's justification: {edited}") in pages


def test_a_person_s_justification_is_theirs(app, auth_client, assessment):
    save_answer(auth_client, assessment, "E01", 0, answer="partially_met", justification=PERSON)
    results = page(auth_client, f"/assessments/{assessment}/results")
    assert PERSON in results and "suggestion's rationale" not in results
    review = auth_client.get(f"/assessments/{assessment}/review.txt?lang=en").get_data(
        as_text=True)
    assert f"Assessor's justification: {PERSON}" in review
    pdf = auth_client.get(f"/assessments/{assessment}/report.pdf?lang=fr").get_data()
    pages = flat(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages))
    assert flat(f"Justification de la personne évaluatrice\u00a0: {PERSON}") in pages


def test_another_person_keeps_the_rationale_it_stays_the_suggestion_s(app, auth_client):
    """Changing only the answer keeps the rationale the software's; it is now kept by the
    person who saved it."""
    uid = create_assessment(auth_client, **upload())
    e01 = answers_of(app, uid)["E01"]
    save_answer(auth_client, uid, "E01", e01.version, answer="not_met",
                justification=e01.justification, quotation=e01.quotation, page=e01.page,
                section=e01.section)
    results = page(auth_client, f"/assessments/{uid}/results")
    assert "(suggestion's rationale, accepted by alice)" in results
