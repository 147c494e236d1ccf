"""A dossier says which of a study's answers may rest on an earlier draft of its document: the
person's quotations the revised draft no longer contains and the answers its suggestion now
contradicts, per study, on the dossier page, in the PDF, the workbook and the review, in
English and French; the study is still scored with its answers as they stand."""

from __future__ import annotations

import html
import io

import openpyxl
import pypdf
import pytest
from conftest import create_assessment, post, save_answer
from dossier_support import imported_study
from test_dossiers import add, new_dossier, screening_answers
from test_suggestions import PROTOCOL, answers_of, upload
from test_web_changes import FIRST_DRAFT, FUNDING, upload_revision

from checker.cli import main
from checker.services.dossier_view import build_view
from checker.services.dossiers import find_dossier
from checker.services.snapshots import active_catalogue
from exports.labels import labels

NBSP = "\u00a0"
# The revised draft moves the funding statement to an appendix (and adds the randomisation).
REVISED = PROTOCOL.replace(FUNDING, "The funding is described in the appendix.")


def _answer(client, app, uid: str, inv: str, answer: str, **fields) -> None:
    stored = answers_of(app, uid)[inv]
    response = save_answer(client, uid, inv, stored.version, answer=answer,
                           justification="Read in the draft.", **fields)
    assert response.status_code == 302


@pytest.fixture
def revised_study(app, auth_client) -> str:
    """An assessment whose answers were given on a first draft: E02 quotes the funding
    sentence, which the revised draft no longer contains; INT03 says "not reported", which
    the revised draft's randomisation section now evidences in full."""
    uid = create_assessment(auth_client, title="Trial with a revised draft",
                            **upload(FIRST_DRAFT, "v1.txt"))
    _answer(auth_client, app, uid, "E02", "met", quotation=FUNDING, section="Funding")
    _answer(auth_client, app, uid, "INT03", "not_reported")
    upload_revision(auth_client, uid, REVISED, "v2.txt")
    return uid


@pytest.fixture
def dossier(app, auth_client, user, revised_study) -> str:
    uid = new_dossier(auth_client)
    steady = imported_study(app, user, "observational", title="Steady cohort")
    assert add(auth_client, uid, steady).status_code == 302
    assert add(auth_client, uid, revised_study).status_code == 302
    post(auth_client, f"/dossiers/{uid}/screening",
         {**screening_answers(), "domain": "physical"})
    return uid


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_the_view_names_the_answers_and_scores_the_study_as_it_stands(app, dossier):
    with app.app_context():
        record = find_dossier(dossier)
        view = build_view(record, active_catalogue(), "en", app.config["UPLOAD_DIR"])
        unread = build_view(record, active_catalogue(), "en")
    steady, revised = view.studies
    assert (revised.drafts.quotations_not_found, revised.drafts.answers_to_check) == (
        ("E02",), ("INT03",))
    assert not steady.drafts.any
    assert revised.document_filename == "v2.txt"
    # Said, not counted: the verdict and scores are those of the answers as they stand.
    assert not unread.studies[1].drafts.any
    assert (revised.verdict_id, revised.ethical_score, revised.methodological_score) == (
        unread.studies[1].verdict_id, unread.studies[1].ethical_score,
        unread.studies[1].methodological_score)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_page_says_which_answers_to_check(app, auth_client, dossier,
                                                      revised_study, lang):
    if lang == "fr":
        post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = html.unescape(auth_client.get(f"/dossiers/{dossier}").get_data(as_text=True))
    rows = page.split('id="studies"')[1].split("</table>")[0].split("<tr>")
    revised = next(row for row in rows if "Trial with a revised draft" in row)
    steady = next(row for row in rows if "Steady cohort" in row)
    if lang == "en":
        assert "1 answer whose quotation is not in the current document:" in revised
        assert "1 answer given on an earlier draft, to check:" in revised
        assert "The verdict counts them as they stand" in page
    else:
        assert (f"1 réponse dont la citation est absente du document actuel{NBSP}:"
                in revised)
        assert f"1 réponse donnée sur une version antérieure, à vérifier{NBSP}:" in revised
        assert "Le verdict les compte telles quelles" in page
    assert f'href="/assessments/{revised_study}#inv-E02">E02</a>' in revised
    assert f'href="/assessments/{revised_study}#inv-INT03">INT03</a>' in revised
    assert "draft-flags" not in steady


PDF_SAYS = {
    "en": ["Answers whose quotation is not in the assessed document 1 (E02)",
           "Answers given on an earlier draft, to check 1 (INT03)",
           "An answer may rest on another text than the document listed for its study"],
    "fr": ["Réponses dont la citation est absente du document évalué 1 (E02)",
           "Réponses données sur une version antérieure, à vérifier 1 (INT03)",
           "Une réponse peut reposer sur un autre texte que le document indiqué pour son étude"],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_pdf_says_it(auth_client, dossier, lang):
    response = auth_client.get(f"/dossiers/{dossier}/report.pdf?lang={lang}")
    assert response.status_code == 200
    reader = pypdf.PdfReader(io.BytesIO(response.get_data()))
    flat = _flat(" ".join(page.extract_text() for page in reader.pages)).replace(NBSP, " ")
    for said in PDF_SAYS[lang]:
        assert _flat(said) in flat, said
    # Said for the revised study only (its details come after the other's).
    assert flat.count("(E02)") == 1 and "v2.txt" in flat


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_workbook_says_it(auth_client, dossier, lang):
    response = auth_client.get(f"/dossiers/{dossier}/report.xlsx?lang={lang}")
    wb = openpyxl.load_workbook(io.BytesIO(response.get_data()))
    sheet = wb.worksheets[1]  # the studies
    rows = list(sheet.iter_rows(values_only=True))
    header = rows[0]
    by_title = {row[1]: dict(zip(header, row, strict=True)) for row in rows[1:3]}
    key = PDF_SAYS[lang][0].rsplit(" 1 (", 1)[0]
    assert by_title["Trial with a revised draft"][key] == "1 (E02)"
    assert by_title["Steady cohort"][key] in (None, "")
    again = PDF_SAYS[lang][1].rsplit(" 1 (", 1)[0]
    assert by_title["Trial with a revised draft"][again] == "1 (INT03)"
    # Next to the scores they count in, as the PDF prints them, though study 1 has none.
    answered = "Answered" if lang == "en" else "Renseignés"
    assert header.index(key) == header.index(answered) + 1
    assert header.index(again) == header.index(answered) + 2
    notes = [c for row in rows[3:] for c in row if c]
    assert any(str(c).startswith(PDF_SAYS[lang][2]) for c in notes)
    data = list(wb.worksheets[-1].iter_rows(values_only=True))
    tidy = [dict(zip(data[0], row, strict=True)) for row in data[1:]]
    assert [(r["quotations_not_found"], r["answers_to_check"]) for r in tidy] == [
        (None, None), ("E02", "INT03")]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_dossier_review_says_it(auth_client, dossier, lang):
    text = auth_client.get(f"/dossiers/{dossier}/review.txt?lang={lang}").get_data(
        as_text=True)
    colon = ":" if lang == "en" else f"{NBSP}:"
    quotes, answers, help_text = PDF_SAYS[lang]
    quotes_key, answers_key = quotes.rsplit(" 1 (", 1)[0], answers.rsplit(" 1 (", 1)[0]
    study = "Study" if lang == "en" else "Étude"
    study_1 = text[text.index(f"\n## {study} 1\n"):text.index(f"\n## {study} 2\n")]
    study_2 = text[text.index(f"\n## {study} 2\n"):]
    # The study's notes are its own review's: each said once, counted and named.
    lab = labels(lang)
    quotations = lab("quotes_not_found_warning", count=1, invariants="E02")
    to_check = lab("answers_to_check_warning", count=1, invariants="INT03")
    notes = study_2[:study_2.index("\n### ")]
    assert f"- {quotations}\n" in notes and f"- {to_check}\n" in notes
    assert notes.count("E02") == 1 and notes.count("INT03") == 1
    assert quotes_key not in text and answers_key not in text
    assert "INT03" not in study_1 and "(E02)" not in study_1
    assert f"{colon} 1 (" not in study_1
    dossier_notes = text[:text.index("## ")]
    which = ("Answers to check against the document assessed, in study 2." if lang == "en"
             else "Réponses à vérifier au regard du document évalué, dans l'étude 2.")
    assert f"- {which} {help_text}" in dossier_notes


def test_npis_check_dossier_report_says_it_too(cli_env, dossier, tmp_path):
    out = tmp_path / "dossier.xlsx"
    result = cli_env.invoke(main, ["dossier", "report", dossier, "--format", "xlsx",
                                   "--out", str(out)])
    assert result.exit_code == 0, result.output
    data = list(openpyxl.load_workbook(out).worksheets[-1].iter_rows(values_only=True))
    tidy = [dict(zip(data[0], row, strict=True)) for row in data[1:]]
    assert [(r["quotations_not_found"], r["answers_to_check"]) for r in tidy] == [
        (None, None), ("E02", "INT03")]
