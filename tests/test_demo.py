"""``npis-check demo`` writes the three reports of the demo assessment (signed, registered);
the demo exists in English and in French, the same trial answered the same way."""

from __future__ import annotations

import io
import json

import click
import openpyxl
import pytest
from click.testing import CliRunner
from pypdf import PdfReader

from checker.cli_demo import COMMANDS
from checker.services.json_io import import_json


@pytest.fixture(autouse=True)
def data_dir(tmp_path, monkeypatch):
    # The demo issues its reports through an installation (database + signing key): a
    # throw-away one here, never the user's own data directory.
    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path / "data"


def cli() -> click.Group:
    group = click.Group("npis-check")
    for command in COMMANDS:
        group.add_command(command)
    return group


def test_demo_writes_three_reports_and_the_review_text(tmp_path):
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli(), ["demo", "--out", str(out), "--lang", "fr"])
    assert result.exit_code == 0, result.output
    printed = result.stdout.split()  # standard error names the database
    assert len(printed) == 4
    files = sorted(out.iterdir())
    assert sorted(str(p) for p in files) == sorted(printed)
    assert sorted(p.suffix for p in files) == [".json", ".pdf", ".txt", ".xlsx"]
    review = next(p for p in files if p.suffix == ".txt")
    files = [p for p in files if p != review]
    assert len({p.stem for p in files}) == 1  # one report id for the three files
    assert review.name == f"{files[0].stem}-review.txt"
    review_lines = review.read_text("utf-8")
    assert "Conforme avec réserves" in review_lines and "APA-FATIGUE" in review_lines
    pdf = next(p for p in files if p.suffix == ".pdf")
    text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    assert "Conforme avec réserves" in text
    wb = openpyxl.load_workbook(io.BytesIO(next(p for p in files if p.suffix == ".xlsx")
                                           .read_bytes()))
    assert "Données" in wb.sheetnames  # the French demo: every sheet named in French
    data = json.loads(next(p for p in files if p.suffix == ".json").read_text("utf-8"))
    assert data["report_id"] == pdf.stem
    record = import_json(data)
    assert len(record.answers) == 30
    answers = {a.answer for a in record.answers.values()}
    assert answers == {"met", "partially_met", "not_met", "not_reported", "not_applicable"}


def test_demo_requires_out(tmp_path):
    result = CliRunner().invoke(cli(), ["demo"])
    assert result.exit_code != 0 and "--out" in result.output


def test_demo_reports_an_unwritable_directory(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    result = CliRunner().invoke(cli(), ["demo", "--out", str(blocker / "sub")])
    assert result.exit_code != 0
    assert "Error" in result.output and "Traceback" not in result.output


@pytest.mark.parametrize("lang, args, phrase, title", [
    ("en", [], "cancer-related fatigue measured with the FACIT-Fatigue scale",
     "APA-FATIGUE: supervised adapted physical activity"),
    ("fr", ["--lang", "fr"], "fatigue liée au cancer, mesurée par l'échelle FACIT",
     "APA-FATIGUE\u00a0: activité physique adaptée supervisée"),
])
def test_the_demo_reports_on_the_example_in_their_language(tmp_path, lang, args, phrase,
                                                            title):
    """English by default; --lang fr reports on the French version of the protocol."""
    out = tmp_path / "reports"
    result = CliRunner().invoke(cli(), ["demo", "--out", str(out), *args])
    assert result.exit_code == 0, result.output
    files = {p.suffix: p for p in out.iterdir()}
    text = " ".join(" ".join(page.extract_text().split())
                    for page in PdfReader(files[".pdf"]).pages)
    assert phrase in text
    record = import_json(json.loads(files[".json"].read_text("utf-8")))
    assert record.language == lang and record.title.startswith(title)
    assert phrase in record.answers["INT06"].quotation


def test_demo_help_says_which_example_each_language_gives():
    result = CliRunner().invoke(cli(), ["demo", "--help"])
    assert result.exit_code == 0
    assert "--lang fr" in result.output and "French version" in result.output


@pytest.mark.parametrize("name", ["interventional_demo.json", "interventional_demo_fr.json"])
def test_the_shipped_demo_files_name_the_current_catalogue(name):
    """So `npis-check import checker/demo/<file>` is accepted as it is. When the catalogue's
    text changes, both files (English and French) need its new version and fingerprint."""
    from pathlib import Path

    import checker.demo
    from checker.catalogue import get_catalogue

    path = Path(checker.demo.__file__).parent / name
    assert path in checker.demo.DEMO_FILES.values()
    data = json.loads(path.read_text("utf-8"))
    catalogue = get_catalogue()
    assert data["catalogue"] == {"id": catalogue.id, "version": catalogue.version,
                                 "fingerprint": catalogue.fingerprint}
    assert data["score"]["catalogue_fingerprint"] == catalogue.fingerprint
    # And it fits the catalogue: load_demo raises with the problems otherwise.
    record = import_json(data, catalogue=catalogue)
    assert len(record.answers) == len(catalogue.invariants_for(record.study_type))


def demo_files() -> tuple[dict, dict]:
    import checker.demo

    return tuple(json.loads(checker.demo.DEMO_FILES[lang].read_text("utf-8"))
                 for lang in ("en", "fr"))


def test_the_french_demo_is_the_english_one_in_french():
    """The same fictitious trial, answered the same way: only the words differ."""
    en, fr = demo_files()
    assert fr["catalogue"] == en["catalogue"] and fr["score"] == en["score"]
    same = ("document_kind", "study_type", "domain", "country", "reference", "assessor",
            "created_at", "updated_at")
    assert {k: fr["assessment"][k] for k in same} == {k: en["assessment"][k] for k in same}
    assert (en["assessment"]["language"], fr["assessment"]["language"]) == ("en", "fr")
    assert fr["assessment"]["uid"] != en["assessment"]["uid"]  # another assessment
    assert set(fr["document"]) == set(en["document"])
    assert fr["document"]["sha256"] != en["document"]["sha256"]  # another (fictitious) file
    assert [a["invariant_id"] for a in fr["answers"]] == [a["invariant_id"] for a in en["answers"]]
    kept = ("answer", "origin", "confirmed_by", "page", "updated_at", "version")
    for e, f in zip(en["answers"], fr["answers"], strict=True):
        assert set(f) == set(e)
        assert {k: f[k] for k in kept} == {k: e[k] for k in kept}, e["invariant_id"]
        assert bool(f["quotation"]) == bool(e["quotation"])
        assert bool(f["section"]) == bool(e["section"])
        assert f["justification"] and f["justification"] != e["justification"]
        assert f["quotation"] != e["quotation"] or not e["quotation"]


def test_both_demos_leave_out_a_passage_with_the_one_mark():
    """The English demo's E10 quotation left a passage out with "[...]", the French one with
    "[…]", the mark that joins a suggestion's quotations: its PDF showed the other one."""
    from checker.services.suggestions import QUOTATION_MARK, QUOTATION_MARKS

    for demo in demo_files():
        quotations = [a["quotation"] for a in demo["answers"] if a["quotation"]]
        assert any(QUOTATION_MARK in q for q in quotations)
        assert all(m.group() == QUOTATION_MARK for q in quotations
                   for m in QUOTATION_MARKS.finditer(q))


def test_the_french_demo_follows_french_typography():
    import re

    _, fr = demo_files()
    texts = [fr["assessment"]["title"], fr["assessment"]["npi_name"], fr["note"]]
    texts += [a[k] for a in fr["answers"] for k in ("justification", "quotation", "section")]
    for text in filter(None, texts):
        assert not re.search(r"[^\u00a0][:;?!»%]", text.replace("://", "")), text
        assert not re.search(r"«[^\u00a0]", text), text
        assert not re.search(r"(?<![\w.])\d+\.\d+\s*%|\b0\.\d", text), text  # decimal comma
        assert "’" not in text and "  " not in text
    quotations = " ".join(a["quotation"] for a in fr["answers"])
    for term in ("Comité de protection des personnes", "CPP", "RGPD", "CNIL", "0,02"):
        assert term in quotations


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_example_document_holds_every_quotation_in_the_examples_language(lang):
    from checker.catalogue import get_catalogue
    from checker.demo import load_demo
    from checker.documents.language import guess_language
    from checker.services.examples import example_document, example_filename

    record = load_demo(get_catalogue(), lang=lang)
    assert record.language == lang
    document = example_document(record)
    quoted = [a for a in record.answers.values() if a.quotation]
    assert len(quoted) == 28
    for answer in quoted:
        assert answer.quotation in document, answer.invariant_id
        assert f"## {answer.section}" in document
    assert guess_language(document).language == lang and guess_language(document).is_clear
    assert example_filename(record).endswith(".md")
    assert ("extraits" in example_filename(record)) == (lang == "fr")
    assert ("Extraits d'un protocole fictif" in document) == (lang == "fr")


@pytest.mark.parametrize("lang, expected", [(None, "en"), ("en", "en"), ("fr", "fr"),
                                            ("fr-FR", "fr"), ("de", "en")])
def test_load_demo_picks_the_french_example_for_french_only(lang, expected):
    from checker.catalogue import get_catalogue
    from checker.demo import load_demo

    assert load_demo(get_catalogue(), lang=lang).language == expected
