"""The page "How the suggestions are made": public, bilingual, and its accuracy figures are those
the benchmark measures now (``checker/evidence/model/measured.yaml``)."""

from __future__ import annotations

from pathlib import Path

import pytest

from checker.evidence.bench import run_benchmark
from checker.evidence.model import ModelMissingError
from checker.services import detection_guide
from checker.services.detection_guide import measurement

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = {"en": REPO.parent / "shared" / "benchmarks" / "spirit-consort-tm",
              "fr": REPO / "benchmarks" / "spirit-consort-tm-fr"}


def test_the_page_is_public_and_gives_the_measured_figures_in_english(client):
    page = client.get("/guide/suggestions", headers={"Accept-Language": "en"})
    assert page.status_code == 200
    text = page.get_data(as_text=True)
    assert "How the suggestions are made" in text
    english = next(row for row in measurement().figures if row.language == "en")
    assert f"{100 * english.micro_f1:.1f}%" in text and f"{100 * english.recall:.1f}%" in text
    # The targets are stated beside the figures, and whether they are reached.
    assert "are not reached yet" in text or "reach the project's own targets" in text
    assert "trained on 140 labelled articles" in text
    assert "not NPIS's official text" in text


def test_the_page_in_french_words_the_figures_the_french_way(client):
    text = client.get("/guide/suggestions", headers={"Accept-Language": "fr"}).get_data(
        as_text=True)
    assert "Comment les suggestions sont faites" in text
    french = next(row for row in measurement().figures if row.language == "fr")
    assert f"{100 * french.micro_f1:.1f}".replace(".", ",") + "\u00a0%" in text
    assert "traduits en français" in text


def test_the_form_and_every_page_link_to_it(client):
    assert 'href="/guide/suggestions"' in client.get("/auth/login").get_data(as_text=True)


def test_without_the_models_the_page_still_states_the_measurement(client, monkeypatch):
    def missing(lang: str = "en"):
        raise ModelMissingError("elements.npz is missing")

    monkeypatch.setattr(detection_guide, "get_model", missing)
    page = client.get("/guide/suggestions")
    assert page.status_code == 200
    assert "Reporting elements are detected in the whole document." in page.get_data(
        as_text=True)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_stated_figures_are_the_ones_measured_now(lang: str) -> None:
    """The page must never state figures the software no longer reaches (or understate ones
    it does): after a change to the models, cues or reading, measure again and update
    ``measured.yaml``."""
    folder = BENCHMARKS[lang]
    if not folder.is_dir():
        pytest.skip(f"benchmark not found at {folder}")
    stated = measurement()
    result = run_benchmark(folder, stated.split)
    row = next(row for row in stated.figures if row.language == lang)
    assert result.documents == stated.articles
    assert len(result.items) == stated.items
    measured = (round(result.micro.f1, 4), round(result.macro_f1, 4),
                round(result.micro.precision, 4), round(result.micro.recall, 4))
    assert measured == (row.micro_f1, row.macro_f1, row.precision, row.recall)


def test_a_malformed_measurement_file_fails_loudly(tmp_path: Path) -> None:
    broken = tmp_path / "measured.yaml"
    broken.write_text("corpus: X\nlanguages: {en: {micro_f1: high}}\n", encoding="utf-8")
    with pytest.raises((KeyError, ValueError)):
        measurement.__wrapped__(broken)
