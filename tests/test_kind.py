"""Reading whether a document is a protocol or a paper, and saying so when a choice differs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from checker.cli import main
from checker.documents import extract_document, extract_path
from checker.evidence.kind import guess_document_kind

DATA = Path(__file__).with_name("data")
BENCHMARK = Path(__file__).resolve().parents[2] / "shared" / "benchmarks" / "spirit-consort-tm"

PAPER_EN = """Yoga for chronic low back pain: a randomised controlled trial

## Results

Of 312 patients screened, 228 were randomised and 201 were analysed. Pain scores were
significantly lower in the yoga group at 12 weeks (mean difference -1.2, 95% CI -1.8 to -0.6,
p < 0.001). Adverse events did not differ between groups.
"""

PROTOCOL_EN = """Yoga for chronic low back pain: a randomised controlled trial

## Methods

Participants will be randomised in a 1:1 ratio. Outcome assessors will be blinded. Pain will be
measured at 12 weeks. Data will be analysed by intention to treat.
"""


def test_tenses_and_results_tell_the_kind() -> None:
    paper = guess_document_kind(extract_document(PAPER_EN.encode(), "yoga.md"))
    protocol = guess_document_kind(extract_document(PROTOCOL_EN.encode(), "yoga.md"))
    assert (paper.kind, protocol.kind) == ("paper", "protocol")
    assert paper.is_clear and protocol.is_clear
    assert paper.contradicts("protocol") and not paper.contradicts("paper")
    assert protocol.contradicts("results") and not protocol.contradicts("protocol")
    # The evidence shown to a person is a verbatim sentence of the document.
    text = extract_document(PAPER_EN.encode(), "yoga.md").text
    assert paper.examples and all(text[q.start:q.end] == q.text for q in paper.examples)


def test_a_document_with_no_clue_warns_of_nothing() -> None:
    guess = guess_document_kind(extract_document(b"Supervised walking after stroke.\n", "a.txt"))
    assert guess.confidence == 0.5 and not guess.is_clear
    assert not guess.contradicts("paper") and not guess.contradicts("protocol")
    no_sentences = extract_document(b"Supervised walking after stroke.", "a.txt")
    no_sentences.sentences.clear()
    assert guess_document_kind(no_sentences) is None


@pytest.mark.parametrize("name, kind", [
    ("protocole_apa_fr.md", "protocol"), ("protocole_tcc_fr.md", "protocol"),
    ("protocole_implementation_fr.md", "protocol"), ("article_etp_fr.md", "paper"),
    ("article_regime_qc.md", "paper"), ("protocole_mecanistique_fr.md", "protocol"),
    ("programme_prototypique_fr.md", "paper"), ("cohorte_observationnelle_fr.md", "paper"),
])
def test_french_documents(name: str, kind: str) -> None:
    guess = guess_document_kind(extract_path(DATA / name))
    assert guess.kind == kind and guess.is_clear


@pytest.mark.skipif(not BENCHMARK.is_dir(), reason=f"benchmark not found at {BENCHMARK}")
def test_every_benchmark_document_reads_as_its_kind() -> None:
    paths = sorted((BENCHMARK / "documents").glob("*/*.txt"))
    assert len(paths) >= 100
    wrong = []
    for path in paths:
        kind = "paper" if path.parent.name == "results" else "protocol"
        guess = guess_document_kind(extract_path(path))
        if guess.kind != kind:
            wrong.append(path.name)
        # A warning would be a false alarm on every one of these documents.
        assert not guess.contradicts(kind), path.name
    assert wrong == []


def test_analyse_reads_the_kind_unless_told(tmp_path: Path) -> None:
    path = tmp_path / "yoga.md"
    path.write_text(PAPER_EN, "utf-8")
    auto = json.loads(CliRunner().invoke(main, ["analyse", str(path)]).output)
    assert auto["document"]["kind"] == "paper" and auto["document"]["kind_source"] == "detected"
    assert auto["kind_guess"]["kind"] == "paper" and not auto["kind_contradicted"]
    told = CliRunner().invoke(main, ["analyse", str(path), "--kind", "protocol"])
    payload = json.loads(told.output)
    assert payload["document"]["kind"] == "protocol" and payload["kind_contradicted"]
    text = CliRunner().invoke(main, ["analyse", str(path), "--kind", "protocol",
                                     "--format", "text"]).output.splitlines()
    assert text[1].startswith("Document kind: protocol (as given; the document reads like a "
                              "paper")
    assert text[2] == "Warning: the document reads like a paper; check --kind."


def test_analyse_text_in_french_typography() -> None:
    result = CliRunner().invoke(main, ["analyse", str(DATA / "article_etp_fr.md"),
                                       "--format", "text"])
    assert result.exit_code == 0, result.output
    line = result.output.splitlines()[1]
    assert line.startswith("Type de document\u00a0: article (lu dans le document, ")
    assert "\u00a0%\u00a0: " in line  # no-break spaces before % and :


def test_analyse_text_labels_in_another_language_than_the_document(tmp_path: Path) -> None:
    path = tmp_path / "yoga.md"
    path.write_text(PAPER_EN, "utf-8")
    result = CliRunner().invoke(main, ["analyse", str(path), "--format", "text",
                                       "--labels", "fr"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[1].startswith("Type de document\u00a0: article")
    assert "Éléments détectés\u00a0:" in result.output


def test_analyse_text_prints_words_whole_across_pdf_line_ends(tmp_path: Path) -> None:
    from weasyprint import HTML

    sentence = ("Participants will be randomised by a centralised internet server guaranteeing "
                "the concealment of the allocation sequence until the intervention is assigned.")
    pdf = tmp_path / "narrow.pdf"
    HTML(string=f"<html lang=en><body style='width:6cm;text-align:justify;hyphens:auto'>"
                f"<p>{sentence}</p><p>{sentence}</p>"
                # the words also appear whole, so the line-end splits are hyphenations
                f"<p style='width:20cm'>randomised guaranteeing assigned</p>"
                f"</body></html>").write_pdf(pdf)
    assert "\u2010\n" in extract_path(pdf).text  # the PDF does split words at line ends
    text = CliRunner().invoke(main, ["analyse", str(pdf), "--format", "text"]).output
    assert "\u2010" not in text and "randomised by a centralised internet server " \
        "guaranteeing" in text


def _title_page_docx(kind_line: str) -> bytes:
    """A French protocol as a DOCX whose title page names the hospital group first, then
    ``kind_line``, then the title; its body is in the present tense, as many French protocols
    are (« L'étude se déroule… », « sont recueillies »), with two passé composé sentences."""
    import io

    docx = pytest.importorskip("docx")
    document = docx.Document()
    for line in ("Groupement Hospitalier de Territoire Loire-Vendée-Océan", kind_line,
                 "Implémentation d'un programme d'exercices d'équilibre pour prévenir les "
                 "chutes dans 12 EHPAD des Pays de la Loire",
                 "Version n°2.1 du 14 mars 2026"):
        document.add_paragraph(line)
    document.add_page_break()
    document.add_heading("Méthodes", 1)
    for text in ("L'étude se déroule dans 12 EHPAD des Pays de la Loire.",
                 "Les chutes sont recueillies dans le logiciel de soins de chaque EHPAD.",
                 "Le CFIR sera utilisé pour coder les entretiens.",
                 "Le protocole a été co-construit avec un comité de pilotage.",
                 "Les stratégies d'implémentation ont été choisies à partir des déterminants "
                 "CFIR."):
        document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def test_a_title_page_line_names_a_protocol() -> None:
    """« PROTOCOLE DE RECHERCHE … » under the institution's name (the first sentence) names
    the kind as a title does: the protocol is read clearly, and the form is filled in with it
    (it was left empty: one plan sentence against two report ones)."""
    from checker.evidence.stated_details import read_details

    protocol = extract_document(_title_page_docx(
        "PROTOCOLE DE RECHERCHE IMPLIQUANT LA PERSONNE HUMAINE – CATÉGORIE 2"), "p.docx")
    guess = guess_document_kind(protocol)
    assert guess.kind == "protocol" and guess.title_names_protocol and guess.is_clear
    assert read_details(protocol).document_kind == "protocol"


def test_a_sentence_of_the_text_is_no_title_page_line() -> None:
    """A sentence ending in a full stop near the top ("Le protocole a été approuvé …") is the
    text, not a title page line: it does not name the kind."""
    document = extract_document(_title_page_docx(
        "Le protocole a été approuvé par le comité de protection des personnes."), "p.docx")
    assert not guess_document_kind(document).title_names_protocol
