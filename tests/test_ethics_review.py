"""The review of the ethical invariants alone, for an ethics committee (a French CPP's
rapporteur screening several protocols for their ethics before a meeting): the service, the
web route and results page (``?part=ethical``), and ``npis-check report --format txt
--ethical``, in English and French."""

from __future__ import annotations

import html
import re

import pytest
from conftest import create_assessment, post, save_answer

from checker.catalogue import get_catalogue
from checker.cli import main
from checker.demo import load_demo
from checker.services.review_text import review_text
from exports.labels import labels


def _protocol(client) -> str:
    uid = create_assessment(client, title="Nordic walking after stroke")
    save_answer(client, uid, "E01", answer="met", justification="Committee and date given.",
                quotation="The protocol was approved by the ethics committee CPP Ouest III.",
                page="3", section="Ethics")
    save_answer(client, uid, "E02", answer="not_met",
                justification="Consent is mentioned but not how it is obtained.")
    save_answer(client, uid, "INT01", answer="partially_met",
                justification="Design named, not justified.")
    return uid


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_ethical_review_lists_the_ethical_invariants_alone(lang):
    catalogue = get_catalogue()
    record = load_demo(catalogue, lang=lang)
    lab = labels(lang)
    full = review_text(catalogue, record, lang)
    ethical = review_text(catalogue, record, lang, ethical_only=True)
    methodological = [inv.id for inv in catalogue.invariants_for(record.study_type)
                      if not inv.is_ethical]
    ethical_ids = [inv.id for inv in catalogue.invariants_for(record.study_type)
                   if inv.is_ethical]
    assert any(re.search(rf"^(?:\d+\.|-) {i} ", full, re.M) for i in methodological)
    assert not any(re.search(rf"^(?:\d+\.|-) {i} ", ethical, re.M) for i in methodological)
    assert lab["methodological_invariants"] not in ethical
    # Every ethical invariant is still there, where the full review puts it.
    for i in ethical_ids:
        assert re.search(rf"^(?:\d+\.|-) {i} ", ethical, re.M), i
    assert ethical.startswith(f"# {lab['review_title_ethical']}\n")
    assert lab("review_ethical_only", count=len(ethical_ids)) in ethical
    assert lab["review_points_help_ethical"] in ethical
    # The header (verdict, scores) is the full review's.
    header = full.split(f"\n{lab['label_statement']}")[0].split("\n", 1)[1]
    assert header in ethical
    answered = f"- {lab['review_ethical_answered']}{lab['colon']} "
    assert answered in ethical and answered not in full
    if lang == "fr":
        assert "Avis structuré\u00a0: invariants éthiques" in ethical


def test_the_ethical_review_counts_the_ethical_answers_a_person_gave(auth_client):
    uid = _protocol(auth_client)
    text = auth_client.get(f"/assessments/{uid}/review.txt?lang=en&part=ethical"
                           ).get_data(as_text=True)
    assert "- Ethical invariants answered: 2 of 14 by a person\n" in text
    assert "E02 Free and informed consent — Not met" in text
    assert "INT01" not in text
    assert "E01 " in text.split("## Reported")[1]


def test_the_results_page_offers_the_ethical_review_and_its_downloads(auth_client):
    uid = _protocol(auth_client)
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    link = f'href="/assessments/{uid}/results?part=ethical#review-title"'
    assert link in page and "Show only the ethical invariants (for an ethics committee)" in page
    page = auth_client.get(f"/assessments/{uid}/results?part=ethical").get_data(as_text=True)
    shown = html.unescape(re.search(r'<textarea id="review-text"[^>]*>(.*?)</textarea>', page,
                                    re.S).group(1))
    assert "INT01" not in shown and "E02 Free and informed consent" in shown
    assert "Ethical invariants only." in page
    assert f'href="/assessments/{uid}/results#review-title">Show the review of all' in page
    # The short review keeps the part, and the downloads carry both.
    assert f'href="/assessments/{uid}/results?length=short&amp;part=ethical#review-title"' in page
    assert f'href="/assessments/{uid}/review.txt?lang=fr&amp;part=ethical" download' in page
    served = auth_client.get(f"/assessments/{uid}/review.txt?lang=fr&part=ethical")
    assert served.headers["Content-Disposition"].endswith(
        '"Nordic-walking-after-stroke-avis-ethique-fr.txt"')
    text = served.get_data(as_text=True)
    assert "Invariants éthiques renseignés\u00a0: 2 sur 14 par une personne" in text
    short = auth_client.get(f"/assessments/{uid}/review.txt?lang=en&part=ethical&length=short")
    assert short.headers["Content-Disposition"].endswith('-ethics-review-en-short.txt"')
    assert "INT01" not in short.get_data(as_text=True)
    # Any other part is the whole review.
    other = auth_client.get(f"/assessments/{uid}/review.txt?lang=en&part=all")
    assert "INT01" in other.get_data(as_text=True)


def test_the_ethical_review_link_is_in_french_in_the_french_interface(auth_client):
    uid = _protocol(auth_client)
    post(auth_client, "/language", {"lang": "fr", "next": "/"})
    page = auth_client.get(f"/assessments/{uid}/results").get_data(as_text=True)
    assert "N'afficher que les invariants éthiques (pour un comité d'éthique)" in \
        html.unescape(page)
    page = auth_client.get(f"/assessments/{uid}/results?part=ethical").get_data(as_text=True)
    assert "Invariants éthiques seulement." in page
    assert "Afficher l'avis sur tous les invariants" in html.unescape(page)


def test_cli_writes_the_ethical_review(cli_env, auth_client):
    uid = _protocol(auth_client)
    result = cli_env.invoke(main, ["report", uid, "--format", "txt", "--ethical", "--out", "-"])
    assert result.exit_code == 0, result.output
    assert "E02 Free and informed consent" in result.output and "INT01" not in result.output
    result = cli_env.invoke(main, ["report", uid, "--format", "pdf", "--ethical",
                                   "--out", "x.pdf"])
    assert result.exit_code == 2 and "--ethical is for --format txt only" in result.output
