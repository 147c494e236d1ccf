"""An assessment's own reports say, after a revised draft, the answers its pages mark "to
check" (given on an earlier draft, contradicted by the suggestion on the current one) as well
as its quotations not found: the PDF, the workbook, the structured review and the results
page, from the web and from `npis-check report`, in English and French. Without a revised
draft nothing more is read."""

from __future__ import annotations

import html
import io

import openpyxl
import pypdf
import pytest
from conftest import create_assessment, save_answer
from test_dossier_drafts import revised_study  # noqa: F401  (a fixture)
from test_suggestions import answers_of, upload
from test_web_changes import FIRST_DRAFT

from checker.cli import main
from checker.services import draft_changes
from exports.labels import labels

NBSP = "\u00a0"


def _said(lang: str) -> tuple[str, str]:
    """The two notices of the revised study (E02 quotes a sentence the revised draft lost;
    INT03, "not reported" on the first draft, is evidenced in full by the second)."""
    lab = labels(lang)
    return (lab("answers_to_check_warning", count=1, invariants="INT03"),
            lab("quotes_not_found_warning", count=1, invariants="E02"))


def _flat(text: str) -> str:
    return " ".join(text.replace(NBSP, " ").split())


def _pdf_text(data: bytes) -> str:
    return _flat(" ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages))


def _workbook_text(data: bytes) -> str:
    summary = openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]
    return "\n".join(str(cell) for row in summary.iter_rows(values_only=True)
                     for cell in row if cell)


def test_the_wording_is_the_pages_in_both_languages():
    english, _ = _said("en")
    french, _ = _said("fr")
    assert english.startswith("Answers given on an earlier draft that the suggestion made on "
                              "the assessed document contradicts, to check: 1 (INT03). ")
    assert french.startswith("Réponses données sur une version antérieure que contredit la "
                             f"suggestion faite sur le document évalué, à vérifier{NBSP}: "
                             "1 (INT03). ")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_pdf_says_the_answers_to_check(auth_client, revised_study, lang):  # noqa: F811
    response = auth_client.get(f"/assessments/{revised_study}/report.pdf?lang={lang}")
    assert response.status_code == 200
    text = _pdf_text(response.get_data())
    for notice in _said(lang):
        assert _flat(notice) in text, notice


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_workbook_and_the_review_say_them(auth_client, revised_study, lang):  # noqa: F811
    response = auth_client.get(f"/assessments/{revised_study}/report.xlsx?lang={lang}")
    summary = _workbook_text(response.get_data())
    review = auth_client.get(f"/assessments/{revised_study}/review.txt?lang={lang}").get_data(
        as_text=True)
    notes = review[:review.index("\n## ")]
    for notice in _said(lang):
        assert notice in summary, notice
        assert f"- {notice}\n" in notes, notice


def test_the_results_page_s_review_says_them(auth_client, revised_study):  # noqa: F811
    page = html.unescape(auth_client.get(f"/assessments/{revised_study}/results").get_data(
        as_text=True))
    for notice in _said("en"):
        assert notice in page


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_npis_check_report_says_them(cli_env, revised_study, tmp_path, lang):  # noqa: F811
    review, xlsx = tmp_path / "review.txt", tmp_path / "report.xlsx"
    for fmt, out in (("txt", review), ("xlsx", xlsx)):
        result = cli_env.invoke(main, ["report", revised_study, "--format", fmt,
                                       "--lang", lang, "--out", str(out)])
        assert result.exit_code == 0, result.output
    text, summary = review.read_text(encoding="utf-8"), _workbook_text(xlsx.read_bytes())
    for notice in _said(lang):
        assert f"- {notice}\n" in text and notice in summary, notice


def test_an_answer_saved_again_is_no_longer_said(app, auth_client, revised_study):  # noqa: F811
    stored = answers_of(app, revised_study)["INT03"]
    assert save_answer(auth_client, revised_study, "INT03", stored.version,
                       answer="not_reported", justification="Checked on v2.").status_code == 302
    review = auth_client.get(f"/assessments/{revised_study}/review.txt").get_data(
        as_text=True)
    to_check, quotations = _said("en")
    assert to_check.split(":")[0] not in review and quotations in review


def test_without_a_revised_draft_nothing_more_is_read(app, auth_client, monkeypatch):
    """The usual case, kept off the hot path: no draft is analysed again for a report."""
    uid = create_assessment(auth_client, **upload(FIRST_DRAFT, "v1.txt"))
    stored = answers_of(app, uid)["INT03"]
    save_answer(auth_client, uid, "INT03", stored.version, answer="not_reported",
                justification="Read in the draft.")

    def analysed(*_args, **_kwargs):
        raise AssertionError("a draft was analysed again for a report")

    monkeypatch.setattr(draft_changes, "_suggested_on", analysed)
    review = auth_client.get(f"/assessments/{uid}/review.txt").get_data(as_text=True)
    assert auth_client.get(f"/assessments/{uid}/report.xlsx").status_code == 200
    assert "Answers given on an earlier draft" not in review
