"""Element detection, verified quotations, invariant suggestions and the evidence commands."""

from __future__ import annotations

import csv
import json
import math
import re
from pathlib import Path
from types import SimpleNamespace

import numpy as np
import pytest
from click.testing import CliRunner
from suggestion_support import quoted, suggest

from checker.catalogue.patterns import any_pattern
from checker.cli import main
from checker.documents import extract_document, extract_path
from checker.documents.hyphenation import Spelling
from checker.evidence import (
    Detection,
    detect_elements,
    detected_elements,
    suggest_answers,
    verify_quotation,
)
from checker.evidence.acronym import acronym_hits, title_acronyms
from checker.evidence.elements import extra_elements, sctm_items
from checker.evidence.features import (
    SentenceIndex,
    compile_patterns,
    cue_matrix,
    matching_sentences,
    matching_text,
    pattern_counts,
)
from checker.evidence.lexicon import get_lexicon
from checker.evidence.model import MODEL_DIR, decision_confidence, get_model
from checker.evidence.prefilter import CuePattern
from checker.evidence.training import group_folds

REPO = Path(__file__).resolve().parents[1]
BENCHMARK = REPO.parent / "shared" / "benchmarks" / "spirit-consort-tm"
FRENCH_BENCHMARK = REPO / "benchmarks" / "spirit-consort-tm-fr"
LAST_LINE = re.compile(r"^micro_f1=\d\.\d{4} macro_f1=\d\.\d{4} s_per_doc=\d+\.\d{3}$")

PROTOCOL_EN = """Yoga for chronic low back pain in adults: protocol for a randomised trial

## Methods

Participants will be randomised in a 1:1 ratio using a computer-generated sequence with \
permuted blocks of variable size, stratified by centre. Allocation will be concealed using \
sealed opaque envelopes. Outcome assessors will be blinded to group allocation.

## Ethics and dissemination

The study was approved by the Regional Research Ethics Committee (ref. 12/345). Written \
informed consent will be obtained from all participants. Results will be published in \
peer-reviewed journals.
"""

PROTOCOL_FR = """Activité physique adaptée chez les personnes âgées : protocole d'un essai randomisé

## Méthodes

L'intervention a été co-construite avec des patients partenaires et des kinésithérapeutes. \
La randomisation sera stratifiée par centre, par blocs de taille variable.

## Éthique

Le protocole a reçu l'avis favorable du Comité de protection des personnes Sud-Est II. \
Le consentement écrit de chaque participant sera recueilli avant l'inclusion. Les données \
seront pseudonymisées conformément au RGPD.
"""


def test_verify_quotation() -> None:
    text = "Allocation was concealed\nusing sealed envelopes."
    assert verify_quotation(text, "Allocation was concealed")
    assert not verify_quotation(text, "Allocation was concealed using sealed envelopes.")
    assert verify_quotation(text, "Allocation was concealed using sealed envelopes.",
                            tolerant_whitespace=True)
    assert not verify_quotation(text, "Allocation was hidden", tolerant_whitespace=True)
    assert not verify_quotation(text, "   ")
    # A quotation taken from a PDF keeps its line-end hyphens; another version of the document
    # spells the word whole (or joined, for a word broken at the line end).
    revised = "approved by the CPP Sud-Est II; standard deviation (écart-type) 6; hyphenation."
    for quote in ("CPP Sud-\nEst II", "(écart-\ntype) 6", "hyphen-\nation."):
        assert verify_quotation(revised, quote, tolerant_whitespace=True), quote
    assert not verify_quotation(revised, "CPP Sud-\nOuest II", tolerant_whitespace=True)
    assert not verify_quotation(revised, "CPP Sud Est II", tolerant_whitespace=True)
    # And the other way round: the document has the split word, the quotation the whole one.
    pdf_text = "Un ser\u2010\nveur centralisé, garan\u2010\n  tissant l'assignation secrète."
    quote = "Un serveur centralisé, garantissant l'assignation secrète."
    assert verify_quotation(pdf_text, quote, tolerant_whitespace=True)
    from checker.evidence.quotes import locate_quotation
    start, end = locate_quotation(pdf_text, quote, tolerant_whitespace=True)
    assert (start, end) == (0, len(pdf_text))
    # A word processor's apostrophes and quotation marks match a keyboard's, both ways round
    # (the letters still have to match).
    word = "L\u2019adhésion sera mesurée par le carnet d\u2019entraînement (\u201cdiary\u201d)."
    typed = "L'adhésion sera mesurée par le carnet d'entraînement (\"diary\")."
    assert not verify_quotation(word, typed)
    assert locate_quotation(word, typed, tolerant_whitespace=True) == (0, len(word))
    assert verify_quotation(typed, word, tolerant_whitespace=True)
    assert not verify_quotation(word, "L'adhérence sera mesurée", tolerant_whitespace=True)


def test_model_is_shipped_small_and_trained_on_train_only() -> None:
    size = sum(p.stat().st_size for p in MODEL_DIR.iterdir() if p.is_file())
    assert size < 3_000_000  # the English and the French model
    for lang in ("en", "fr"):
        model = get_model(lang)
        assert model.language == lang and model.meta["split"] == "train"
        assert model.items == sctm_items() and len(model.items) == 83
    assert (MODEL_DIR / "MODEL_CARD.md").is_file()


def test_french_documents_are_scored_by_the_french_model() -> None:
    """French documents are decided by the model trained on the French translation of train,
    with its cue model (chosen by cross-validation, see the model card); English ones by the
    English model's text and pattern models."""
    english, french = get_model("en"), get_model("fr")
    assert french is not english and french.language == "fr"
    assert english.decides_by_text and not french.decides_by_text
    lexicon = get_lexicon()
    assert french.patterns[0] == [p.regex.pattern for p in lexicon.for_language(
        french.items[0], "fr")]
    doc = extract_document(PROTOCOL_FR.encode(), "protocole.md")
    from checker.evidence.features import cue_doc_features

    cues = cue_doc_features(cue_matrix(SentenceIndex(matching_sentences(doc)), french.items,
                                       lexicon, "fr"))
    probs, decisions = french.probabilities(doc.text, cues, "protocol", use_text=False)
    confidences = french.confidences(probs, use_text=False)
    detections = detect_elements(doc, kind="protocol")
    decided = {item for item, d in zip(french.items, decisions, strict=True) if d}
    assert decided and decided == detected_elements(detections) & set(french.items)
    for detection in detections:
        if detection.element in french.items:
            j = french.items.index(detection.element)
            assert detection.confidence == round(float(confidences[j]), 3)
    # The English model's cue model would read the same French cues otherwise.
    assert not np.array_equal(english.w_cue, french.w_cue)


def test_without_a_french_model_french_documents_use_the_english_cue_model(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A checkout without elements_fr.* still reads French: the English model's cue model on
    the French cues, as before the French model existed; a missing file is named."""
    import shutil

    from checker.evidence import model as model_module

    for name in ("elements.npz", "elements.json"):
        shutil.copy(MODEL_DIR / name, tmp_path / name)
    monkeypatch.setattr(model_module, "MODEL_DIR", tmp_path)
    model_module.get_model.cache_clear()
    try:
        fallback = model_module.get_model("fr")
        assert fallback.language == "en"
        doc = extract_document(PROTOCOL_FR.encode(), "protocole.md")
        assert "24_Ethics" in detected_elements(detect_elements(doc, kind="protocol"))
        with pytest.raises(model_module.ModelMissingError, match="elements_fr"):
            model_module.ElementModel.load(tmp_path, "fr")
    finally:
        model_module.get_model.cache_clear()


def test_model_carries_its_own_cue_patterns() -> None:
    # The pattern model's weights line up with the patterns stored in the model, not with
    # whatever lexicon.yaml says today: one weight per pattern and per pattern x kind.
    model = get_model()
    assert len(model.patterns) == len(model.items) == len(model.w_pattern)
    for patterns, weights in zip(model.patterns, model.w_pattern, strict=True):
        assert len(weights) == 7 + 2 * len(patterns) + 2 * len(model.items)
    assert model.meta["train_cv"]["folds"] == 5


def test_models_were_trained_with_the_lexicon_as_it_is() -> None:
    """The text and cue models read cue counts computed with lexicon.yaml at run time, so a
    lexicon edit without retraining (scripts/train_elements.py) would shift their features
    silently: each model's stored patterns must be the lexicon's."""
    lexicon = get_lexicon()
    for lang in ("en", "fr"):
        model = get_model(lang)
        assert model.patterns == [[p.regex.pattern for p in lexicon.for_language(item, lang)]
                                  for item in model.items]


def test_french_patient_involvement_is_found_in_the_feminine() -> None:
    """A breast-cancer or perinatal protocol names its « patientes partenaires »: E11's element
    is found as it is for « patients partenaires »."""
    text = ("# Implication des patientes\n\nDeux patientes partenaires de l'association Vivre "
            "comme avant ont relu la note d'information et participent au comité de pilotage.\n")
    doc = extract_document(text.encode(), "protocole.md")
    found = detected_elements(detect_elements(doc, kind="protocol"))
    assert "X_patient_involvement" in found


def test_french_qualification_stated_as_a_degree_held_is_found() -> None:
    """« titulaires d'une licence STAPS » is how a French APA protocol states its
    professionals' qualification: E12's element is found, and quoted from that sentence."""
    text = ("# Intervention\n\nLes séances sont encadrées par des enseignants en activité "
            "physique adaptée titulaires d'une licence STAPS mention APA-S.\n")
    doc = extract_document(text.encode(), "protocole.md")
    detections = detect_elements(doc, kind="protocol")
    qualification = [d for d in detections if d.element == "X_professional_qualification"]
    assert qualification and "STAPS" in qualification[0].quote


def test_pattern_counts_count_sentences_per_pattern() -> None:
    compiled = compile_patterns([r"\bsealed\b", r"\bopaque\b", r"\bnever\b"])
    sentences = SentenceIndex(["Sealed opaque envelopes.", "Sealed again.", "Nothing here."])
    counts = pattern_counts(sentences, compiled)
    assert counts.tolist() == pytest.approx([math.log(3), math.log(2), 0.0])
    assert pattern_counts(SentenceIndex(["anything"]), []).shape == (0,)


def test_cross_validation_folds_keep_pairs_together() -> None:
    pairs = np.array([1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6])
    folds = group_folds(pairs, k=3)
    for pair in set(pairs.tolist()):
        assert len(set(folds[pairs == pair].tolist())) == 1
    assert set(folds.tolist()) == {0, 1, 2}


def test_english_detections_are_verbatim_and_located() -> None:
    doc = extract_document(PROTOCOL_EN.encode(), "yoga.md")
    detections = detect_elements(doc, kind="protocol")
    found = detected_elements(detections)
    for element in ("24_Ethics", "26a_Consent_Obtaining", "16f_Allocation_Concealment",
                    "16c_Randomization_Block_size", "16d_Randomization_Strata"):
        assert element in found, element
    for d in detections:
        assert doc.text[d.start:d.end] == d.quote and verify_quotation(doc.text, d.quote)
        assert 0.0 <= d.confidence <= 1.0
        assert d.confidence >= 0.5  # a detection never reads under 50 %
    ethics = next(d for d in detections if d.element == "24_Ethics" and d.rank == 1)
    assert "Ethics Committee" in ethics.quote and ethics.section == "Ethics and dissemination"
    title = next(d for d in detections if d.element == "1a_Title_Randomized")
    assert title.start == 0  # title items are quoted from the title


def test_french_document_gets_detections_from_the_bilingual_lexicon() -> None:
    doc = extract_document(PROTOCOL_FR.encode(), "protocole.md")
    assert doc.language == "fr"
    detections = detect_elements(doc, kind="protocol")
    found = detected_elements(detections)
    for element in ("24_Ethics", "26a_Consent_Obtaining", "16d_Randomization_Strata",
                    "X_codesign", "X_patient_involvement", "27_Confidentiality"):
        assert element in found, element
    assert all(verify_quotation(doc.text, d.quote) for d in detections)
    codesign = next(d for d in detections if d.element == "X_codesign")
    assert "co-construite" in codesign.quote
    # "Activité physique adaptée" names the kind of NPI: it is no adaptation of the intervention.
    assert "X_adaptations" not in found
    adapted = extract_document(
        (PROTOCOL_FR + "\nLe programme a été adapté après l'étude pilote.\n").encode(), "p.md")
    assert "X_adaptations" in detected_elements(detect_elements(adapted, kind="protocol"))


def test_kind_matters_for_results_only_items() -> None:
    text = ("## Results\n\nBaseline characteristics were similar between groups (Table 1). "
            "The CONSORT flow diagram shows that 120 patients were screened and 12 were lost "
            "to follow-up.\n")
    doc = extract_document(text.encode(), "paper.md")
    as_paper = detected_elements(detect_elements(doc, kind="paper"))
    as_protocol = detected_elements(detect_elements(doc, kind="protocol"))
    assert "34_Flow" in as_paper and "34_Flow" not in as_protocol
    with pytest.raises(ValueError):
        detect_elements(doc, kind="poster")


def _invariant(inv_id: str, elements: list[str], cues: list[str]) -> SimpleNamespace:
    from checker.catalogue.model import Evidence

    return SimpleNamespace(id=inv_id, evidence=Evidence(
        elements=tuple(elements), cues={"en": tuple(cues)}, sections={}))


class _Catalogue:
    def __init__(self, invariants: list[SimpleNamespace]) -> None:
        self._invariants = invariants
        self.headings_of_their_own: dict[str, tuple[str, ...]] = {}
        self.own_report_elements: frozenset[str] = frozenset()

    def invariants_for(self, study_type: str) -> list[SimpleNamespace]:
        if study_type != "interventional":
            raise KeyError(study_type)
        return self._invariants

    def element_label(self, element_id: str, lang: str) -> str:
        return element_id


def test_suggestions_map_detected_elements_to_answers() -> None:
    doc = extract_document(PROTOCOL_EN.encode(), "yoga.md")
    sentence = next(s for s in doc.sentences if "Ethics Committee" in doc.sentence_text(s))
    quote = doc.sentence_text(sentence)
    detections = [
        Detection("24_Ethics", quote, sentence.start, sentence.end, None, sentence.section, 0.9, 1),
        Detection("26a_Consent_Obtaining", quote, sentence.start, sentence.end, None, "", 0.8, 1),
    ]
    catalogue = _Catalogue([
        _invariant("E01", ["24_Ethics"], []),
        _invariant("E02", ["26a_Consent_Obtaining", "32_Informed_consent_materials"], []),
        _invariant("E03", ["3a_Registry_number"], []),
        _invariant("E04", ["3a_Registry_number"], ["peer-reviewed journals"]),
    ])
    suggestions = suggest_answers(catalogue, "interventional", detections, "en", document=doc)
    assert list(suggestions) == ["E01", "E02", "E03", "E04"]
    assert suggestions["E01"].answer == "met"
    assert suggestions["E01"].quotations[0].text == quote
    assert suggestions["E02"].answer == "partially_met"
    assert suggestions["E02"].elements_missing == ["32_Informed_consent_materials"]
    assert suggestions["E03"].answer == "not_reported" and not suggestions["E03"].quotations
    assert suggestions["E04"].answer == "partially_met"  # cue sentence only
    assert "peer-reviewed journals" in suggestions["E04"].quotations[0].text
    # Results-only elements do not count against a protocol.
    harms = _Catalogue([_invariant("E08", ["22_Harms_non-systematic", "40_Harms_results"], [])])
    harm_sentence = Detection("22_Harms_non-systematic", quote, sentence.start, sentence.end,
                              None, "", 0.7, 1)
    as_protocol = suggest_answers(harms, "interventional", [harm_sentence], kind="protocol")
    assert as_protocol["E08"].answer == "met"
    assert as_protocol["E08"].elements_not_applicable == ["40_Harms_results"]
    as_paper = suggest_answers(harms, "interventional", [harm_sentence], kind="paper")
    assert as_paper["E08"].answer == "partially_met"
    # Nor an element few results papers report (the consent materials, 1 of 70 in training):
    # a paper that reports how consent was obtained meets E02.
    consent = Detection("26a_Consent_Obtaining", quote, sentence.start, sentence.end, None, "",
                        0.7, 1)
    e02 = _Catalogue([_invariant("E02", ["26a_Consent_Obtaining",
                                         "32_Informed_consent_materials"], [])])
    as_paper = suggest_answers(e02, "interventional", [consent], kind="paper")["E02"]
    assert as_paper.answer == "met"
    assert as_paper.elements_not_applicable == ["32_Informed_consent_materials"]
    assert suggest_answers(e02, "interventional", [consent],
                           kind="protocol")["E02"].answer == "partially_met"
    for suggestion in suggestions.values():
        assert suggestion.rationale["en"] and suggestion.rationale["fr"]
        assert all(verify_quotation(doc.text, q.text) for q in suggestion.quotations)
    # An element inferred from the whole text counts, but its sentence is not quoted.
    inferred = Detection("24_Ethics", quote, sentence.start, sentence.end, None, "", 0.6, 1,
                         cue_match=False)
    e01 = suggest_answers(catalogue, "interventional", [inferred], "en")["E01"]
    # Nothing to quote: not suggested as met, nor as partially met.
    assert e01.answer == "not_reported" and e01.quotations == []
    assert e01.elements_inferred == ["24_Ethics"]
    # Said to be uncertain, as it is (about half of such inferences are right).
    assert e01.rationale["en"] == ("Perhaps reported, with no sentence to show it (check): "
                                   "24_Ethics.")
    assert e01.rationale["fr"] == ("Le document aborde peut-être, sans phrase qui le montre "
                                   "(à vérifier)\u00a0: 24_Ethics.")
    quoted = Detection("26a_Consent_Obtaining", quote, sentence.start, sentence.end, None, "",
                       0.8, 1)
    inferred_too = Detection("32_Informed_consent_materials", quote, sentence.start,
                             sentence.end, None, "", 0.6, 1, cue_match=False)
    e02 = suggest_answers(catalogue, "interventional", [quoted, inferred_too], "en")["E02"]
    assert e02.answer == "partially_met"  # all found, but one only inferred
    assert e02.rationale == {  # this catalogue names elements by their ids
        "en": "The document reports: 26a_Consent_Obtaining. Perhaps reported, with no "
              "sentence to show it (check): 32_Informed_consent_materials.",
        "fr": "Le document rapporte\u00a0: 26a_Consent_Obtaining. Le document aborde "
              "peut-être, sans phrase qui le montre (à vérifier)\u00a0: "
              "32_Informed_consent_materials."}


def test_suggestions_on_the_real_catalogue() -> None:
    from checker.catalogue import CatalogueError, get_catalogue

    try:
        catalogue = get_catalogue()
    except CatalogueError as exc:
        pytest.skip(f"built-in catalogue not complete yet: {exc}")
    doc = extract_document(PROTOCOL_EN.encode(), "yoga.md")
    detections = detect_elements(doc, kind="protocol")
    suggestions = suggest_answers(catalogue, "interventional", detections, "en", document=doc)
    assert set(suggestions) == {i.id for i in catalogue.invariants_for("interventional")}
    assert {s.answer for s in suggestions.values()} <= {"met", "partially_met", "not_reported"}
    # The rationale names elements as a reader would, in each language.
    ethics = catalogue.invariant("E01")
    assert catalogue.element_label("17a_Masking_People_masked", "fr") == "Qui est en aveugle"
    if suggestions["E01"].elements_found:
        assert "The document reports: ethics approval." in suggestions["E01"].rationale["en"]
        assert "24_Ethics" not in suggestions["E01"].rationale["fr"]
    # A reviewer's note: no detector wording, no trial checklist's item codes.
    for suggestion in suggestions.values():
        for text in suggestion.rationale.values():
            assert "SPIRIT" not in text and "detect" not in text and "détect" not in text
    assert ethics.evidence.elements
    # every element an invariant lists is one the detector knows and the catalogue names
    for element in sctm_items() + extra_elements():
        assert catalogue.element_label(element, "fr") != element, element
    known = set(sctm_items()) | set(extra_elements())
    for invariant in catalogue.invariants:
        assert set(invariant.evidence.elements) <= known, invariant.id


def _write_benchmark(root: Path) -> None:
    (root / "documents" / "protocol").mkdir(parents=True)
    (root / "documents" / "results").mkdir(parents=True)
    (root / "documents" / "protocol" / "001_PMC1.txt").write_text(PROTOCOL_EN, "utf-8")
    (root / "documents" / "results" / "001_PMC2.txt").write_text(
        PROTOCOL_EN.replace("will be", "were"), "utf-8")
    with (root / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "pair_id", "pmcid", "item", "reported", "split"])
        for kind, pmcid in (("protocol", "PMC1"), ("results", "PMC2")):
            for item in sctm_items():
                writer.writerow([kind, 1, pmcid, item, int(item == "24_Ethics"), "valid"])


def test_bench_command_prints_the_exact_last_line(tmp_path: Path) -> None:
    _write_benchmark(tmp_path)
    result = CliRunner().invoke(main, ["bench", "elements", "--data", str(tmp_path),
                                       "--split", "valid"])
    assert result.exit_code == 0, result.output
    lines = result.output.strip().splitlines()
    assert LAST_LINE.match(lines[-1]), lines[-1]
    assert any(line.startswith("24_Ethics") and "1.000" in line for line in lines)
    missing = CliRunner().invoke(main, ["bench", "elements", "--data", str(tmp_path),
                                        "--split", "test"])
    assert missing.exit_code == 1 and "no articles" in missing.output


@pytest.mark.parametrize("labels, message", [
    ("kind,pair_id,pmcid,item,reported\n", "missing column(s) split"),
    ("kind,pair_id,pmcid,item,reported,split\nprotocol,1,PMC1\n", "labels.csv:2: expected 6"),
    ("kind,pair_id,pmcid,item,reported,split\nprotocol,1,PMC1,24_Ethics,yes,valid\n",
     "labels.csv:2: reported 'yes' is not 0 or 1"),
    ("kind,pair_id,pmcid,item,reported,split\nprotocol,one,PMC1,24_Ethics,1,valid\n",
     "labels.csv:2: pair_id 'one' is not a whole number"),
])
def test_bench_names_the_line_of_a_malformed_labels_file(tmp_path: Path, labels: str,
                                                          message: str) -> None:
    _write_benchmark(tmp_path)
    (tmp_path / "labels.csv").write_text(labels, "utf-8")
    result = CliRunner().invoke(main, ["bench", "elements", "--data", str(tmp_path),
                                       "--split", "valid"])
    assert result.exit_code == 1 and message in result.output, result.output
    assert "Traceback" not in result.output
    (tmp_path / "labels.csv").write_bytes(labels.encode("utf-16"))
    result = CliRunner().invoke(main, ["bench", "elements", "--data", str(tmp_path),
                                       "--split", "valid"])
    assert result.exit_code == 1 and "not UTF-8 text" in result.output


def test_analyse_command_outputs_json(tmp_path: Path) -> None:
    path = tmp_path / "yoga.md"
    path.write_text(PROTOCOL_EN, "utf-8")
    result = CliRunner().invoke(main, ["analyse", str(path), "--kind", "protocol"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["document"]["language"] == "en"
    assert any(d["element"] == "24_Ethics" for d in payload["detections"])
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"not a pdf")
    failed = CliRunner().invoke(main, ["analyse", str(broken)])
    assert failed.exit_code == 1 and "error:" in failed.output
    assert "Traceback" not in failed.output


def test_analyse_command_warns_when_the_language_given_is_not_the_documents() -> None:
    forced = CliRunner().invoke(main, ["analyse", str(FRENCH_PROTOCOL), "--lang", "en"])
    assert forced.exit_code == 0
    assert ("warning: the document reads as French; --lang en reads it with the English cues."
            in forced.stderr)
    assert json.loads(forced.stdout)["document"]["language"] == "en"  # as asked
    agreed = CliRunner().invoke(main, ["analyse", str(FRENCH_PROTOCOL), "--lang", "fr"])
    assert agreed.exit_code == 0 and agreed.stderr == ""


def test_analyse_command_prints_text_for_a_person() -> None:
    result = CliRunner().invoke(main, ["analyse", str(FRENCH_PROTOCOL), "--study-type",
                                       "interventional", "--format", "text"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "protocole_apa_fr.md (md, fr)"
    assert "Éléments détectés\u00a0:" in lines
    assert "Réponses suggérées (à vérifier par une personne)\u00a0:" in lines
    consent = lines.index(next(line for line in lines if "Recueil du consentement" in line))
    assert "%" in lines[consent] and "consentement éclairé" in lines[consent + 1]
    assert any(line.startswith("  E01 ") for line in lines)
    unknown = CliRunner().invoke(main, ["analyse", str(FRENCH_PROTOCOL), "--study-type", "x"])
    assert unknown.exit_code == 2 and "unknown study type" in unknown.output


@pytest.mark.parametrize(("folder", "lang", "least"), [
    pytest.param(BENCHMARK, "en", 100, marks=pytest.mark.skipif(
        not BENCHMARK.is_dir(), reason=f"benchmark not found at {BENCHMARK}")),
    (FRENCH_BENCHMARK, "fr", 20),
], ids=["en", "fr"])
def test_every_quotation_is_verbatim_on_every_benchmark_document(
        folder: Path, lang: str, least: int) -> None:
    paths = sorted((folder / "documents").glob("*/*.txt"))
    assert len(paths) >= least
    from checker.catalogue import get_catalogue

    catalogue = get_catalogue()
    total = suggested = inferred = 0
    for index, path in enumerate(paths):
        doc = extract_path(path)
        kind = "paper" if path.parent.name == "results" else "protocol"
        assert doc.language == lang, path.name
        detections = detect_elements(doc, kind=kind, lang=lang)
        for detection in detections:
            assert verify_quotation(doc.text, detection.quote), (path.name, detection.element)
            assert doc.text[detection.start:detection.end] == detection.quote
            total += 1
        # A sentence without the element's cues is a lone pointer, never quoted as evidence.
        pointers = {d.element for d in detections if not d.cue_match}
        inferred += len(pointers)
        for element in pointers:
            assert [d.rank for d in detections if d.element == element] == [1], element
        # The suggestions' quotations too (detections and cue sentences), for each study type
        # in turn across the documents. An element the detection only points to is quoted
        # only in a sentence wording it for the invariant (``evidence.worded``), never in the
        # pointer's sentence for itself.
        study_type = catalogue.study_types[index % len(catalogue.study_types)].id
        for invariant_id, suggestion in suggest(doc, lang, study_type=study_type, kind=kind,
                                                detections=detections).items():
            for quotation in suggestion.quotations:
                assert doc.text[quotation.start:quotation.end] == quotation.text, path.name
                if quotation.element in pointers:
                    worded = catalogue.invariant(invariant_id).evidence.worded_patterns(
                        quotation.element, lang)
                    assert worded and any_pattern(worded).search(
                        matching_text(quotation.text)), (path.name, quotation.element)
                suggested += 1
    assert total > 10 * least and suggested > 10 * least and inferred > 0


def test_french_translation_of_valid_is_scored_like_english() -> None:
    """The French translation of the valid split: what French users get, measured. A guard
    against losing French detections (the bound is well below the figure in the README)."""
    result = CliRunner().invoke(main, ["bench", "elements", "--data", str(FRENCH_BENCHMARK),
                                       "--split", "valid"])
    assert result.exit_code == 0, result.output
    last = result.output.splitlines()[-1]
    assert LAST_LINE.match(last)
    micro, macro = (float(part.split("=")[1]) for part in last.split()[:2])
    assert micro >= 0.82 and macro >= 0.65, last
    assert "unverified_quotes=0" in result.output and "read from the text: 20/20" in result.output


def test_a_decided_element_is_always_shown_in_french_as_in_english() -> None:
    """Without a sentence in the element's usual words, a French detection still shows the
    model's decision: the title for title items, the text under a heading that names the
    element, or else one pointer sentence that is never quoted as evidence."""
    text = ("Programme d'exercices chez les patients lombalgiques\n\n"
            "## Taille de l'échantillon\n\n"
            "Avec 60 patients par groupe, l'étude détectera une différence de 10 points.\n\n"
            "## Suite\n\nLes patients seront revus à six mois.\n")
    doc = extract_document(text.encode(), "p.md")
    assert doc.language == "fr"
    heading = next(i for i, s in enumerate(doc.sentences) if doc.is_heading(s)
                   and "chantillon" in doc.sentence_text(s))
    assert doc.text_under(heading) == heading + 1
    assert doc.text_under(len(doc.sentences) - 1) is None
    hits = np.zeros((len(doc.sentences), 1))
    hits[heading] = 1
    from checker.evidence.detect import _supporting

    sample = _supporting(doc, "14a_Sample_size", hits[:, 0] * 10.0, hits[:, 0] > 0, 0.8,
                         np.zeros(len(doc.sentences)))
    assert [(d.quote.startswith("Avec 60 patients"), d.cue_match) for d in sample] == [
        (True, True)]
    none = np.zeros(len(doc.sentences))
    pointer = _supporting(doc, "13_Participant_timeline", none, none > 0, 0.6,
                          np.arange(len(doc.sentences), dtype=float))
    # The best pointer score goes to the last sentence; headings are never pointers.
    assert [(d.quote, d.cue_match) for d in pointer] == [
        ("Les patients seront revus à six mois.", False)]
    title = _supporting(doc, "1a_Title_Randomized", none, none > 0, 0.6, none)
    assert [(d.start, d.cue_match) for d in title] == [(0, True)]
    # Elements decided from their cues alone (no model) get no pointer.
    assert _supporting(doc, "X_codesign", none, none > 0, 0.5, None) == []


def test_trial_acronym_is_found_only_where_the_document_uses_it_for_the_trial() -> None:
    sentences = [
        "Physical activity during pregnancy and maternal-child health (PAMELA): study protocol",
        "Background text without the name.",
        "The PAMELA trial will enrol 300 women.",
        "Participants will be followed with MRI scans.",
    ]
    assert title_acronyms(sentences[0]) == ["PAMELA"]
    assert acronym_hits(sentences) == [1, 0, 1, 0]
    # An abbreviation in the middle of the title names the intervention, not the trial.
    abbreviation = [
        "Illness management and recovery (IMR) in Danish community mental health centres",
        "IMR is a psychosocial programme.",
    ]
    assert acronym_hits(abbreviation) == [0, 0]
    # Case matters: "team trial" does not name the TEAM trial.
    assert acronym_hits(["Care unit (TEAM)", "A team trial was run."]) == [1, 0]
    assert acronym_hits([]) == []
    french = ["Activité physique et grossesse (PAMELA) : protocole",
              "L'essai PAMELA inclura 300 femmes."]
    assert acronym_hits(french) == [1, 1]


def test_document_cues_feed_the_cue_matrix() -> None:
    sentences = ["Exercise Training in Pregnancy (ETIP): study protocol", "The ETIP study began."]
    hits = cue_matrix(sentences, ["1g_Title_Acronym"], get_lexicon(), "en")
    assert hits[:, 0].tolist() == [1.0, 1.0]
    hits = cue_matrix(sentences + ["The trial acronym is ETIP."], ["1g_Title_Acronym"],
                      get_lexicon(), "en")
    assert hits[:, 0].tolist() == [1.0, 1.0, 1.0]  # the lexicon's "acronym" cue


# A French protocol of an adapted-physical-activity trial, written for these tests: for each
# element it reports, a phrase of the sentence that should be quoted for it.
FRENCH_PROTOCOL = Path(__file__).with_name("data") / "protocole_apa_fr.md"
FRENCH_EXPECTED = {
    "3a_Registry_number": "NCT01234567",
    "4_Funding": "financée par le Programme Hospitalier",
    "9_Setting": "4 centres hospitaliers",
    "10a_Participants_inclusion": "critères d'inclusion",
    "12a_Outcomes_Definitions": "critère de jugement principal",
    "14a_Sample_size": "puissance de 90 %",
    "16d_Randomization_Strata": "stratifiée par centre",
    "17a_Masking_People_masked": "évaluateurs",
    "17b_Masking_Not_masked": "ne pourront pas être en aveugle",
    "20c_Statistical_methods_Analysis_population": "intention de traiter",
    "20d_Statistical_methods_Missing_data": "imputation multiple",
    "21a_Data_monitoring_committee": "comité indépendant de surveillance",
    "24_Ethics": "Comité de Protection des Personnes",
    "26a_Consent_Obtaining": "consentement éclairé",
    "27_Confidentiality": "pseudonymisées",
    "28_Financial_interests": "conflit d'intérêts",
    "31a_Dissemination": "revue à comité de lecture",
    "35a_Recruitment_dates": "entre janvier 2025 et décembre 2026",
    "X_comparator": "soins habituels",
    "X_adherence": "adhésion",
}


def _best_quotes(path: Path, kind: str, expected: dict[str, str]) -> dict[str, Detection]:
    """The best detection per element of ``path``; each expected element is detected and its
    quotation holds the expected phrase."""
    doc = extract_path(path)
    assert doc.language == "fr"
    best = {d.element: d for d in detect_elements(doc, kind=kind) if d.rank == 1}
    for element, phrase in expected.items():
        assert element in best, element
        assert phrase in best[element].quote, (element, best[element].quote)
    return best


def test_french_protocol_quotes_the_right_sentences() -> None:
    best = _best_quotes(FRENCH_PROTOCOL, "protocol", FRENCH_EXPECTED)
    # Statistical adjustment ("ajusté sur le centre") and the research programme's name
    # ("Programme Hospitalier de Recherche Clinique") are not an adaptation or a setting.
    assert "X_adaptations" not in best
    assert "Clinique" not in best["9_Setting"].quote
    assert best["14a_Sample_size"].section == "Calcul du nombre de sujets"


FRENCH_PAPER = Path(__file__).with_name("data") / "article_etp_fr.md"
FRENCH_PAPER_EXPECTED = {
    "3a_Registry_number": "NCT04567890",
    "11a_Intervention_Description": "6 ateliers collectifs",
    "12a_Outcomes_Definitions": "critère de jugement principal",
    "16c_Randomization_Block_size": "par blocs de 4",
    "16f_Allocation_Concealment": "enveloppes opaques",
    "17a_Masking_People_masked": "ignorait le groupe",
    "17b_Masking_Not_masked": "absence d'aveugle",
    "20c_Statistical_methods_Analysis_population": "intention de traiter",
    "34_Flow": "évalués pour l'éligibilité",
    "35b_Followup_dates": "suivi s'est terminé",
    "36_Baseline_data": "caractéristiques initiales",
    "38a_Outcome_results": "IC à 95 %",
    "28_Financial_interests": "conflit d'intérêts",
}


def test_french_paper_quotes_the_right_sentences() -> None:
    _best_quotes(FRENCH_PAPER, "paper", FRENCH_PAPER_EXPECTED)


def test_cues_match_across_the_line_breaks_of_a_pdf_sentence() -> None:
    """PDF text keeps the page's lines: a cue split over two lines still counts, and the
    quotation stays the verbatim text, line break included."""
    import weasyprint

    html = ("<html><body><h1>Protocol of the WALK trial</h1><h2>Ethics</h2><p>Written "
            "informed<br>consent will be obtained from every participant by the investigator "
            "before any study procedure.</p></body></html>")
    doc = extract_document(weasyprint.HTML(string=html).write_pdf(), "walk.pdf")
    two_words = CuePattern.compile(r"\binformed consent\b")
    as_extracted = [doc.sentence_text(s) for s in doc.sentences]
    assert any("informed\nconsent" in s for s in as_extracted)
    assert SentenceIndex(as_extracted).matching(two_words) == []
    assert len(SentenceIndex(matching_sentences(doc)).matching(two_words)) == 1
    consent = [d for d in detect_elements(doc, kind="protocol")
               if d.element == "26a_Consent_Obtaining"]
    assert consent and "informed\nconsent" in consent[0].quote
    assert doc.text[consent[0].start:consent[0].end] == consent[0].quote


@pytest.mark.parametrize(("text", "expected"), [
    ("informed\nconsent will be", "informed consent will be"),
    ("were ran-\ndomised by", "were randomised by"),  # the document spells it whole
    ("a double-\nblind trial", "a double-blind trial"),  # it does not: a real hyphen
    ("before -\n after", "before - after"),
    ("a double\u2010blind trial", "a double-blind trial"),  # typeset hyphen
    ("86\u00a0patients par groupe, 90\u202f%", "86 patients par groupe, 90 %"),  # no-break
    ("one line", "one line"),
])
def test_matching_text_joins_the_lines_of_a_sentence(text: str, expected: str) -> None:
    assert matching_text(text, Spelling(frozenset({"randomised", "trial"}))) == expected


def test_bench_reads_other_formats_and_french(tmp_path: Path) -> None:
    """A folder of one's own labelled documents: Markdown here, in French (language detected)."""
    for kind, pmcid, source in (("protocol", "FR1", FRENCH_PROTOCOL),
                                ("results", "FR2", FRENCH_PAPER)):
        folder = tmp_path / "documents" / kind
        folder.mkdir(parents=True)
        (folder / f"001_{pmcid}.md").write_text(source.read_text("utf-8"), "utf-8")
    expected = {"protocol": FRENCH_EXPECTED, "results": FRENCH_PAPER_EXPECTED}
    with (tmp_path / "labels.csv").open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["kind", "pair_id", "pmcid", "item", "reported", "split"])
        for kind, pmcid in (("protocol", "FR1"), ("results", "FR2")):
            for item in sctm_items():
                writer.writerow([kind, 1, pmcid, item, int(item in expected[kind]), "fr"])
    result = CliRunner().invoke(main, ["bench", "elements", "--data", str(tmp_path),
                                       "--split", "fr"])
    assert result.exit_code == 0, result.output
    recall = {line.split()[0]: float(line.split()[2]) for line in result.output.splitlines()
              if line.split() and line.split()[0] in sctm_items()}
    listed = {item for items in expected.values() for item in items if item in recall}
    assert sum(recall[item] for item in listed) / len(listed) == 1.0
    assert re.fullmatch(r"micro_f1=\d\.\d{4} macro_f1=\d\.\d{4} s_per_doc=\d+\.\d{3}",
                        result.output.splitlines()[-1])


FRENCH_CBT_PROTOCOL = Path(__file__).with_name("data") / "protocole_tcc_fr.md"
FRENCH_CBT_EXPECTED = {
    "3a_Registry_number": "NCT05555555",
    "5a_Sponsor": "promoteur de l'étude est le CHU",
    "10a_Participants_inclusion": "Seront inclus",
    "11d_Intervention_Concomitant": "maintenus à dose stable",
    "12a_Outcomes_Definitions": "critère d'évaluation principal",
    "16e_Allocation_Mechanism": "logiciel Ennov Clinical",
    "17a_Masking_People_masked": "ne connaîtront pas le bras",
    "17b_Masking_Not_masked": "ni les patients ni les thérapeutes",
    "19_Data_Management": "cahier d'observation électronique",
    "20d_Statistical_methods_Missing_data": "imputation multiple",
    "22_Harms_non-systematic": "événements indésirables graves",
    "24_Ethics": "Comité de Protection des Personnes",
    "25_Amendments": "modification substantielle",
    "27_Confidentiality": "MR-001",
    "31a_Dissemination": "feront l'objet d'une publication",
    "31d_Sharing_Data": "partagées sur demande",
}


def test_french_psychotherapy_protocol_quotes_the_right_sentences() -> None:
    """Another register of French protocol writing: 'critère d'évaluation', 'tirage au sort',
    'insu', 'promoteur', 'loi Jardé', 'MR-001'."""
    _best_quotes(FRENCH_CBT_PROTOCOL, "protocol", FRENCH_CBT_EXPECTED)


QUEBEC_PAPER = Path(__file__).with_name("data") / "article_regime_qc.md"
QUEBEC_PAPER_EXPECTED = {
    "8c_Design_Centers": "six maisons de santé",
    "9_Setting": "maisons de santé du Québec",
    "10a_Participants_inclusion": "étaient admissibles",
    "11a_Intervention_Description": "10 consultations individuelles",
    "16a_Randomization_Generation": "générée par ordinateur",
    "16h_Personnel_Enrollment": "ont inscrit les participants",
    "34_Flow": "évaluées pour l'admissibilité",
    "35a_Recruitment_dates": "de septembre 2019 à mars 2020",
    "35b_Followup_dates": "dernier suivi a eu lieu en avril 2021",
    "36_Baseline_data": "caractéristiques initiales",
    "40_Harms_results": "Aucun effet indésirable grave",
}


def test_quebec_french_paper_quotes_the_right_sentences() -> None:
    """Quebec French: 'admissible', 'réparties au hasard', 'maisons de santé'."""
    _best_quotes(QUEBEC_PAPER, "paper", QUEBEC_PAPER_EXPECTED)


DATA = Path(__file__).with_name("data")
FRENCH_SUGGESTIONS = {  # document -> (study type, kind, {invariant: (answer, phrase quoted first)})
    # The catalogue's implementation elements (frameworks, strategies, outcomes, adaptations,
    # co-design, equity...) from French cues, through to the invariant suggestions.
    "protocole_implementation_fr.md": ("implementation", "protocol", {
        # RE-AIM for the evaluation and the CFIR domains to analyse the interviews: the
        # framework applied (X_logic_model, worded for IMP02).
        "IMP02": ("met", "cadre RE-AIM"),
        "IMP04": ("met", "critères de jugement d'implémentation"),
        "IMP05": ("partially_met", "étude hybride de type 2"),
        "IMP06": ("partially_met", "adaptations du programme"),
        "IMP07": ("met", "co-construit avec des patients partenaires"),
        "IMP08": ("met", "freins et leviers"),
        "IMP10": ("met", "évaluation médico-économique"),
        "IMP12": ("met", "inégalités sociales de santé"),
    }),
    # A mechanistic protocol: the hypothesis stated a priori (not the mediation analysis),
    # markers and their timing, dose-response, mediation, blinded assays, responders.
    "protocole_mecanistique_fr.md": ("mechanistic", "protocol", {
        # A diagnosis « posé selon les critères de classification ACR/EULAR 2010 »: a learned
        # society's criteria with their version (X_diagnosis_criteria, worded for MEC01).
        "MEC01": ("met", "critères de classification ACR/EULAR 2010"),
        "MEC02": ("met", "Nous faisons l'hypothèse"),
        "MEC03": ("met", "trois séances supervisées par semaine de 45 minutes"),
        "MEC04": ("partially_met", "essai croisé randomisé"),
        # Marker, assay, schedule ("à l'inclusion, à 6 semaines et à 12 semaines") and its
        # reliability are all stated.
        "MEC05": ("met", "Le critère mécanistique principal"),
        "MEC06": ("met", "Le critère clinique est le score DAS28-CRP"),
        # A dose-response analysis planned on the dose received (« Une relation dose-réponse
        # entre le nombre de séances réalisées et la variation de l'IL-6 sera examinée »), the
        # analysis its guidance asks (item 20b, worded since 1.5.17).
        "MEC07": ("met", "relation dose-réponse"),
        # A pre-specified mediation analysis estimating the indirect effect through IL-6
        # (catalogue 1.5.15 reads it as the analysis of mediation, 20b).
        "MEC08": ("met", "analyse de médiation pré-spécifiée"),
        "MEC09": ("partially_met", "traitements concomitants"),
        "MEC10": ("met", "34 participants sont nécessaires"),
        "MEC11": ("partially_met", "en aveugle du groupe"),
        "MEC12": ("partially_met", "non-répondeurs"),
    }),
    # A prototypical study: what the NPI is, for whom, how, with what, by whom, co-designed,
    # tested for feasibility, with its manual. The invariant's own words are quoted first.
    "programme_prototypique_fr.md": ("prototypical", "paper", {
        "PRO01": ("partially_met", "Le problème de santé ciblé"),
        "PRO03": ("partially_met", "théorie sociale cognitive"),
        "PRO04": ("met", "se compose de quatre ateliers"),
        "PRO06": ("partially_met", "livret patient"),
        "PRO07": ("partially_met", "infirmières formées"),
        "PRO08": ("met", "sur prescription"),
        "PRO09": ("partially_met", "noyau fixe"),
        "PRO10": ("met", "co-construit"),
        "PRO11": ("met", "taux d'assiduité"),
        "PRO12": ("partially_met", "manuel de l'intervention (version 2.1)"),
    }),
    # An observational cohort, with French non-opposition instead of written consent.
    "cohorte_observationnelle_fr.md": ("observational", "paper", {
        # The non-opposition and the committee's approval are reported; a paper is not
        # expected to give its consent materials (SPIRIT 32).
        "E02": ("met", "ne se sont pas opposés"),
        # « Il s'agit d'une étude observationnelle de type cohorte prospective » names its
        # design (item 8a, worded for OBS01; a trial's parallel or crossover design was asked).
        "OBS01": ("met", "cohorte prospective"),
        # Under "Participants", where OBS02's evidence is usually found (its
        # evidence.sections): the criteria come before the recruitment sentence, still quoted.
        # « un diagnostic de BPCO confirmé par spirométrie selon les critères GOLD » is a
        # diagnosis by recognised criteria (X_diagnosis_criteria, worded for OBS02).
        "OBS02": ("met", "Les critères d'inclusion étaient"),
        "OBS04": ("partially_met", "L'exposition était définie"),
        "OBS05": ("met", "critère de jugement principal"),
        "OBS07": ("met", "graphe orienté acyclique"),
        "OBS08": ("partially_met", "biais de sélection"),
        # « 400 participants permettaient d'estimer la différence de pente avec un intervalle
        # de confiance de largeur 10 mètres par an »: the number planned and the precision it
        # gives (14a and 14b, worded for OBS09), with 412 included: met.
        "OBS09": ("met", "précision de l'estimation"),
        "OBS10": ("partially_met", "plan d'analyse statistique"),
        "OBS11": ("partially_met", "événements indésirables liés à la pratique"),
    }),
}


@pytest.mark.parametrize("name", sorted(FRENCH_SUGGESTIONS))
def test_french_documents_get_their_suggestions(name: str) -> None:
    study_type, kind, expected = FRENCH_SUGGESTIONS[name]
    doc = extract_path(DATA / name)
    assert doc.language == "fr"
    suggestions = suggest(doc, "fr", study_type=study_type, kind=kind)
    for invariant, (answer, phrase) in expected.items():
        suggestion = suggestions[invariant]
        assert suggestion.answer == answer, (invariant, suggestion.answer)
        assert phrase in suggestion.quotations[0].text, (invariant, suggestion.quotations[0])
        starts = [q.start for q in suggestion.quotations]
        assert len(starts) == len(set(starts)), invariant  # each sentence quoted once


def test_french_cues_that_count_people_or_name_material_are_not_criteria_or_manuals() -> None:
    cohort = extract_path(DATA / "cohorte_observationnelle_fr.md")
    best = {d.element: d for d in detect_elements(cohort, kind="paper") if d.rank == 1}
    # "412 ont été inclus", "530 patients éligibles": the participant flow, not the criteria.
    assert "412 ont été inclus" not in best["10a_Participants_inclusion"].quote
    prototype = {d.element: d for d in detect_elements(
        extract_path(DATA / "programme_prototypique_fr.md"), kind="paper") if d.rank == 1}
    assert "manuel de l'intervention" in prototype["X_manual"].quote  # not the patient booklet


def test_quotations_are_stored_as_a_person_reads_them() -> None:
    from checker.evidence.features import readable_text
    from checker.evidence.quotes import locate_quotation

    text = ("Un ser\u2010\nveur centralisé gère l'allocation. Le CPP Sud-\nEst a approuvé le "
            "serveur.")
    words = Spelling(frozenset({"un", "serveur", "centralisé", "sud", "est", "le", "cpp"}))
    sentence = text.split(". ")[0] + "."
    assert readable_text(sentence, words) == "Un serveur centralisé gère l'allocation."
    assert readable_text("Le CPP Sud-\nEst a approuvé", words) == "Le CPP Sud-Est a approuvé"
    assert readable_text("no line break", words) == "no line break"
    # Still found in the document, where the check tolerates the line-end hyphen.
    assert locate_quotation(text, readable_text(sentence, words), tolerant_whitespace=True)


def test_suggestions_quote_the_invariants_own_wording_before_its_elements() -> None:
    """In both languages: a sentence with the invariant's wording and an element's cues first,
    then the invariant's wording ("power calculation"), then the elements' (any mention of a
    sample size); each sentence once."""
    from checker.evidence.suggest import Quotation, _ordered

    def quote(start: int, element: str) -> Quotation:
        return Quotation(f"sentence {start}", start, start + 10, None, "Methods", element)

    element, wording = quote(10, "14a_Sample_size"), quote(50, "cue")
    assert _ordered([element], [wording]) == [wording, element]
    assert _ordered([element], [wording, quote(10, "cue")]) == [element, wording]


@pytest.mark.parametrize(("probability", "threshold", "expected"), [
    (0.19, 0.1, 0.55), (0.1, 0.1, 0.5), (0.05, 0.1, 0.25), (0.0, 0.4, 0.0), (1.0, 0.4, 1.0),
    (0.7, 0.4, 0.75), (0.3, 0.6, 0.25), (1.0, 1.0, 1.0), (0.0, 0.0, 0.5),
])
def test_a_confidence_reads_50_percent_at_its_items_threshold(
        probability: float, threshold: float, expected: float) -> None:
    """Thresholds differ by item, so a raw 19 % may be a detection: the confidence shown puts
    each item's threshold at 50 %, keeps 0 and 1, and keeps the order of probabilities."""
    assert decision_confidence(probability, threshold) == pytest.approx(expected)
    lower = decision_confidence(max(0.0, probability - 0.01), threshold)
    assert lower <= decision_confidence(probability, threshold)


CUE_PROTOCOLS = {  # language -> (protocol, {invariant: phrase its first quotation holds})
    "en": ("# Trial protocol\n\n## Methods\n\n### Interventions\n"
           "Participants attend 12 weekly group sessions of exercise therapy.\n\n"
           "### Outcomes\nThe primary outcome is pain intensity on a numerical rating scale. "
           "Outcomes are assessed at baseline, at 12 weeks, and 6 and 12 months after end of "
           "therapy.\n\n### Participants' time\nParticipants receive a gift card at each "
           "assessment visit.\n\n## Dissemination\nPositive as well as negative results will "
           "be published.\n",
           {"INT09": "after end of therapy", "E09": "gift card",
            "E13": "Positive as well as negative"}),
    "fr": ("# Protocole de l'essai\n\n## Méthodes\n\n### Interventions\n"
           "Les participants suivent 12 séances hebdomadaires d'exercice en groupe.\n\n"
           "### Critères de jugement\nLe critère principal est l'intensité de la douleur sur "
           "une échelle numérique. Les critères sont évalués à l'inclusion, à 12 semaines, "
           "puis 6 et 12 mois après la fin du traitement.\n\n### Temps des participants\n"
           "Les participants reçoivent une carte cadeau à chaque visite d'évaluation.\n\n"
           "## Diffusion\nLes résultats positifs comme négatifs seront publiés.\n",
           {"INT09": "après la fin du traitement", "E09": "carte cadeau",
            "E13": "positifs comme négatifs"}),
}


@pytest.mark.parametrize("lang", sorted(CUE_PROTOCOLS))
def test_suggestions_quote_follow_up_after_the_npi_compensation_and_publishing_all(
        lang: str) -> None:
    """The invariants' own cues (catalogue 1.4.1) find the sentence each asks for: follow-up
    after the end of therapy (INT09), participants' compensation (E09), publication whatever
    the direction of the results (E13)."""
    text, expected = CUE_PROTOCOLS[lang]
    suggestions = suggest(text, lang)
    for invariant, phrase in expected.items():
        quotations = suggestions[invariant].quotations
        assert quotations and phrase in quotations[0].text, (invariant, quotations[:1])


def test_french_adherence_is_quoted_from_the_sentence_that_measures_it() -> None:
    """INT11 on the French physical-activity protocol quotes how adherence is measured first
    (not the intervention's schedule)."""
    int11 = suggest(extract_path(DATA / "protocole_apa_fr.md"), "fr")["INT11"]
    assert int11.quotations[0].text.startswith("L'adhésion sera mesurée")


@pytest.mark.parametrize("lang, text", [
    ("en", "# Trial results\n\n## Results\n\nParticipants in both groups completed the "
           "follow-up assessments at 12 weeks. Pain decreased in both groups, more in the "
           "exercise group.\n"),
    ("fr", "# Résultats de l'essai\n\n## Résultats\n\nLes participants des deux groupes ont "
           "terminé les évaluations de suivi à 12 semaines. La douleur a diminué dans les deux "
           "groupes, davantage dans le groupe exercice.\n"),
])
def test_a_paper_that_reports_no_harms_is_not_partially_met_for_harms(lang: str,
                                                                       text: str) -> None:
    """INT13 (harms) is not suggested from "in both groups" / « dans les deux groupes », which
    any comparison says (catalogue 1.4.1; the walkthrough's paper, which reports no harms,
    was 'partially met')."""
    int13 = suggest(text, lang, kind="paper")["INT13"]
    assert int13.answer == "not_reported" and not int13.quotations


def test_an_invariants_cue_with_an_apostrophe_finds_a_typographic_one() -> None:
    """« imputables à l'intervention » (INT13's cue, typed with ') is found in a document
    typeset with ’, as word processors write French."""
    text = ("# Protocole\n\n## Méthodes\n\nLes chutes imputables à l’intervention seront "
            "notées par le kinésithérapeute à chaque séance.\n")
    int13 = suggest(text, "fr")["INT13"]
    assert int13.quotations and "imputables à l’intervention" in int13.quotations[0].text


REFERENCE_LISTS = {  # language -> a paper whose only harms words are in a cited title
    "en": ("# Exercise for low back pain: a randomised trial\n\n## Methods\n\nParticipants "
           "attended 12 weekly sessions of exercise therapy at the hospital.\n\n## Results\n\n"
           "Pain decreased more in the exercise group than in the control group.\n\n"
           "## References\n\n1. Smith J, Brown K. Serious adverse events and side effects of "
           "exercise therapy: a systematic review. BMJ. 2019;364:l123.\n\n"
           "2. Martin P. Adverse effects of physiotherapy in older adults. Physiotherapy. "
           "2020;107:1-9.\n"),
    "fr": ("# Exercice et lombalgie : un essai randomisé\n\n## Méthodes\n\nLes participants "
           "ont suivi 12 séances hebdomadaires d'exercice à l'hôpital.\n\n## Résultats\n\n"
           "La douleur a davantage diminué dans le groupe exercice que dans le groupe témoin."
           "\n\n## Références bibliographiques\n\n1. Dupont J. Événements indésirables graves "
           "et effets indésirables de l'exercice : revue systématique. Kinésithér Rev. "
           "2019;19:12-20.\n"),
}


@pytest.mark.parametrize("lang", sorted(REFERENCE_LISTS))
def test_a_reference_lists_titles_are_no_evidence(lang: str) -> None:
    """A cited title ("Serious adverse events … of exercise therapy") reports nothing about
    this study: no element is detected from it, nothing is quoted from it, and INT13 (harms)
    is not suggested from it (sections.yaml, reference_headings)."""
    text = REFERENCE_LISTS[lang]
    doc = extract_document(text.encode(), f"paper_{lang}.md")
    cited_from = text.index("1. ")
    detections = detect_elements(doc, kind="paper", lang=lang)
    assert all(d.start < cited_from for d in detections), [
        (d.element, d.quote) for d in detections if d.start >= cited_from]
    suggestions = suggest(doc, lang, kind="paper", detections=detections)
    assert all(q.start < cited_from for s in suggestions.values() for q in s.quotations)
    assert suggestions["INT13"].answer == "not_reported"


BURDEN = {  # language -> (protocol, a disease burden sentence, the participants' burden)
    "en": ("# Trial protocol\n\n## Background\n\nLow back pain is the leading cause of years "
           "lived with disability and a heavy burden on health systems.\n\n## Methods\n\n"
           "### Participants' time\nTo limit respondent burden, the questionnaire takes no more "
           "than 10 minutes to complete.\n", "leading cause", "respondent burden"),
    "fr": ("# Protocole de l'essai\n\n## Contexte\n\nLa lombalgie est la première cause "
           "d'années vécues avec une incapacité et un lourd fardeau pour le système de santé, "
           "avec des contraintes fortes.\n\n## Méthodes\n\n### Temps des participants\nPour "
           "réduire la charge de réponse, le questionnaire se remplit en 10 minutes au "
           "maximum.\n", "première cause", "charge de réponse"),
}


@pytest.mark.parametrize("lang", sorted(BURDEN))
def test_participant_burden_is_not_a_diseases_burden(lang: str) -> None:
    """E09's participant burden (X_burden) is the study's on its participants, not a disease's
    "burden" (« fardeau », « contraintes »), which the walkthrough's paper had quoted first
    (catalogue 1.5.1)."""
    text, disease, participants = BURDEN[lang]
    e09 = suggest(text, lang)["E09"]
    assert e09.quotations and participants in e09.quotations[0].text
    assert not any(disease in q.text for q in e09.quotations)
    assert "X_burden" in e09.elements_found
    alone = text[:text.index("## M")]  # the background alone: no participant burden
    e09 = suggest(alone, lang)["E09"]
    assert "X_burden" not in e09.elements_found and not e09.quotations


ATTRITION = {  # language -> (protocol, a sample size sentence, measures against attrition)
    "en": ("# Trial protocol\n\n## Methods\n\n### Sample size\nAllowing for 20% loss to "
           "follow-up, 120 participants will be recruited.\n\n### Retention\nLoss to follow-up "
           "will be minimised by reminder calls before each assessment.\n",
           "Allowing for 20%", "reminder calls"),
    "fr": ("# Protocole de l'essai\n\n## Méthodes\n\n### Nombre de sujets nécessaires\nEn "
           "tenant compte de 20 % de perdus de vue, 120 participants seront inclus.\n\n"
           "### Maintien dans l'étude\nAfin de limiter les perdus de vue, les participants "
           "seront appelés avant chaque évaluation.\n",
           "En tenant compte", "seront appelés"),
}


@pytest.mark.parametrize("lang", sorted(ATTRITION))
def test_follow_up_is_not_quoted_from_the_sample_size(lang: str) -> None:
    """INT09 reads the measures taken against loss to follow-up, not the sample size's
    allowance for it ("allowing for 20% loss to follow-up, 120 participants …"), which says
    nothing about follow-up (catalogue 1.5.1)."""
    text, sample_size, measures = ATTRITION[lang]
    int09 = suggest(text, lang)["INT09"]
    assert int09.quotations and measures in int09.quotations[0].text
    assert not any(sample_size in q.text for q in int09.quotations)


@pytest.mark.parametrize("sentence", [
    "Les évaluateurs des critères de jugement ignoreront le groupe d'allocation des "
    "participants.",
    "Les kinésithérapeutes qui mesurent la douleur ne connaîtront pas le groupe d'allocation.",
    "Les critères sont évalués par un assistant de recherche en aveugle du bras de traitement.",
    "Les évaluateurs en aveugle mesurent la force de préhension à chaque visite.",
])
def test_french_assessor_blinding_is_read_as_in_english(sentence: str) -> None:
    """INT05's French cues mirror the English ones ("unaware of allocation", "blinded to group
    allocation", "blinded assessors"): the walkthrough's « les évaluateurs … ignoreront le
    groupe » was not quoted (catalogue 1.5.1)."""
    text = ("# Protocole de l'essai\n\n## Méthodes\n\n### Interventions\nLes participants "
            f"suivent 12 séances d'exercice en groupe.\n\n### Évaluation\n{sentence}\n")
    int05 = suggest(text, "fr")["INT05"]
    assert any(q.text == sentence for q in int05.quotations), int05.quotations


def test_a_pdf_heading_wrapped_over_two_lines_is_a_heading() -> None:
    """A heading set on two lines is one sentence holding a line break, and its section's
    title joins the lines with a space: it is still a heading, never a quotation (the
    walkthrough's PDF had INT04 quote "Randomisation, sequence generation and allocation
    concealment" read as a sentence)."""
    from checker.documents.model import Document, Section, Sentence

    text = ("Randomisation, sequence generation\nand allocation concealment\n\n"
            "Opaque sealed envelopes concealed the allocation until baseline.")
    body = text.index("Opaque")
    doc = Document(text, "paper.pdf", "pdf", "en",
                   sections=[Section("Randomisation, sequence generation and allocation "
                                     "concealment", 1, 0, len(text))],
                   sentences=[Sentence(0, text.index("\n\n"), 1, "Randomisation, sequence "
                                       "generation and allocation concealment"),
                              Sentence(body, len(text), 1, "Randomisation, sequence "
                                       "generation and allocation concealment")])
    assert doc.is_heading(doc.sentences[0]) and not doc.is_heading(doc.sentences[1])
    assert doc.text_under(0) == 1


def test_a_wrapped_pdf_heading_is_never_quoted() -> None:
    """In a PDF set in a narrow column, INT04 quotes the sentences under its heading, not the
    heading wrapped over two lines."""
    weasyprint = pytest.importorskip("weasyprint")
    css = ("@page { size: A6; margin: 1.5cm } body { font-size: 9pt; hyphens: none } "
           "h2 { font-size: 12pt } h3 { font-size: 9pt; font-weight: bold }")
    body = ("<h2>Methods</h2><p>Adults with chronic low back pain were recruited from ten "
            "general practices in the region between 2019 and 2021.</p>"
            "<h3>Randomisation, sequence generation and allocation concealment</h3>"
            "<p>An independent statistician generated the allocation sequence with a computer "
            "in blocks of four.</p><p>The allocation was kept in sequentially numbered opaque "
            "envelopes opened after the baseline assessment.</p>")
    pdf = weasyprint.HTML(string=f"<html lang=en><head><style>{css}</style></head>"
                                 f"<body>{body}</body></html>").write_pdf()
    doc = extract_document(pdf, "paper.pdf")
    heading = next(s for s in doc.sentences if doc.sentence_text(s).startswith("Randomisation"))
    assert "\n" in doc.sentence_text(heading)  # the case at hand: a heading on two lines
    int04 = suggest(doc, "en", kind="paper")["INT04"]
    assert int04.quotations
    assert all(not q.text.startswith("Randomisation") for q in int04.quotations), [
        q.text for q in int04.quotations]


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Three participants in the exercise group were lost to follow-up at 12 months."),
    ("fr", "Trois participants du groupe exercice ont été perdus de vue à 12 mois."),
])
def test_a_papers_loss_to_follow_up_is_read_in_both_languages(lang: str, sentence: str) -> None:
    """INT09 reads how many were lost to follow-up in a paper, in English as in French (where
    the bare « perdus de vue » used to find it, with the sample size's allowance too)."""
    head = ("# Trial results\n\n## Results\n\n" if lang == "en"
            else "# Résultats\n\n## Résultats\n\n")
    int09 = suggest(f"{head}{sentence}\n", lang, kind="paper")["INT09"]
    assert any(q.text == sentence for q in int09.quotations), int09.quotations


SUSTAINABILITY = {  # language -> (protocol without a plan, the plan's sentence)
    "en": ("# Scaling up a falls-prevention exercise programme in primary care\n\n"
           "## Framework\n\nThe evaluation is structured by RE-AIM (Reach, Effectiveness, "
           "Adoption, Implementation, Maintenance) across the 24 practices.\n\n"
           "## Design\n\nThe study will scale up the programme to 24 practices in two years.\n",
           "After the study, the programme will be routinely commissioned by the integrated "
           "care board."),
    "fr": ("# Déploiement d'un programme d'activité physique en soins primaires\n\n"
           "## Cadre\n\nL'évaluation suit RE-AIM (portée, efficacité, adoption, mise en œuvre, "
           "maintien) dans les 24 cabinets.\n\n## Schéma\n\nLe déploiement du programme dans "
           "les 24 cabinets prendra deux ans.\n",
           "La pérennisation du programme sera assurée par l'agence régionale de santé."),
}


@pytest.mark.parametrize("lang", sorted(SUSTAINABILITY))
def test_sustainability_is_continued_delivery_not_scaling_up(lang: str) -> None:
    """IMP11 reads a plan for the programme's delivery after the study, not its scaling up or
    deployment (which the study itself does) nor RE-AIM's "Maintenance"."""
    protocol, plan = SUSTAINABILITY[lang]
    imp11 = suggest(protocol, lang, study_type="implementation")["IMP11"]
    assert imp11.answer == "not_reported", imp11.quotations
    imp11 = suggest(f"{protocol}\n## Sustainability\n\n{plan}\n", lang,
                    study_type="implementation")["IMP11"]
    assert imp11.quotations and imp11.quotations[0].text == plan


TITLED_PAPER = ("Effect of a group exercise programme on falls in older adults: a randomised "
                "controlled trial\n\n## Methods\n\nParticipants were randomly assigned (1:1) "
                "using a computer-generated sequence with permuted blocks of four, prepared by "
                "an independent statistician. Allocation was concealed using a central "
                "web-based system. Outcome assessors were blinded to group allocation.\n\n"
                "## Results\n\nOf 312 participants randomised, 290 completed the trial.\n")


def test_a_title_evidences_the_design_only() -> None:
    """A title naming a randomised trial shows its design (INT01) but not how the allocation
    was concealed (INT04) or who was blinded (INT05): those quote the methods."""
    title = TITLED_PAPER.split("\n", 1)[0]
    suggestions = suggest(TITLED_PAPER, "en", kind="paper")
    assert quoted(suggestions["INT01"], title), suggestions["INT01"].quotations
    for invariant in ("INT04", "INT05", "INT02", "INT12"):
        assert not quoted(suggestions[invariant], title), (
            invariant, suggestions[invariant].quotations)
    assert quoted(suggestions["INT04"], "Allocation was concealed")


@pytest.mark.parametrize("lang, text, sponsor, funding", [
    ("en", "# Protocol\n\n## Safety\n\nSerious adverse events are reported to the sponsor "
           "within 24 hours.\n\n## Funding\n\nFunded by the National Institute for Health and "
           "Care Research (grant NIHR204567).\n", "reported to the sponsor", "Funded by"),
    ("fr", "# Protocole\n\nPromoteur : Centre hospitalier universitaire de Montpellier, "
           "Direction de la recherche et de l'innovation.\n\nFinancement : Programme "
           "hospitalier de recherche clinique interrégional (PHRC-I 2025), ministère de la "
           "Santé.\n\n## Protection des données\n\n"
           "Le traitement des données est conforme au RGPD et à la méthodologie de référence "
           "MR-001, à laquelle le promoteur a déclaré sa conformité.\n",
     "déclaré sa conformité", "Financement"),
])
def test_a_sponsors_mention_is_not_funding_evidence(lang: str, text: str, sponsor: str,
                                                   funding: str) -> None:
    """E06 (funding, sponsor and their role) quotes the funding, not any sentence that names
    the sponsor (a safety report sent to it, its data protection declaration)."""
    e06 = suggest(text, lang)["E06"]
    assert not quoted(e06, sponsor), e06.quotations
    assert quoted(e06, funding), e06.quotations


@pytest.mark.parametrize("lang, text", [
    ("en", "# Protocol\n\n## Registration\n\nRegistration: ISRCTN 12345678.\n"
           "Version 2.0, 3 March 2026.\n"),
    ("fr", "# Protocole\n\n## Enregistrement\n\nEnregistrement : ClinicalTrials.gov "
           "NCT06543210.\nVersion 2.0 du 3 mars 2026.\n"),
    # A French cover page's « Version n° 2.0 du … »
    ("fr", "# Protocole\n\n## Enregistrement\n\nEnregistrement : ClinicalTrials.gov "
           "NCT06543210.\nVersion n° 2.0 du 3 mars 2026.\n"),
])
def test_a_protocols_version_date_is_not_its_registration_date(lang: str, text: str) -> None:
    """E03 asks for the registration date: the protocol version's date after the registry
    number is not it."""
    e03 = suggest(text, lang)["E03"]
    assert e03.details_missing == ["date"], e03.quotations
    assert not quoted(e03, "Version 2.0") and not quoted(e03, "Version n° 2.0")
    version = "Version n° 2.0" if "n° 2.0" in text else "Version 2.0"
    dated = suggest(text.replace(version, f"Registered on 2 September 2025. {version}"
                                 if lang == "en" else "Enregistré le 2 septembre 2025. "
                                 f"{version}"), lang)["E03"]
    assert dated.details_missing == [], dated.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Two minor adverse events (muscle soreness) occurred in the exercise group."),
    ("fr", "Deux événements indésirables mineurs (courbatures) sont survenus dans le groupe "
           "exercice."),
])
def test_a_minor_adverse_event_is_not_a_minor(lang: str, sentence: str) -> None:
    """E10's vulnerable participants (X_vulnerable) are minors, not minor events."""
    head = "# Results\n\n## Harms\n\n" if lang == "en" else "# Résultats\n\n## Tolérance\n\n"
    e10 = suggest(f"{head}{sentence}\n", lang, kind="paper")["E10"]
    assert not quoted(e10, sentence[:20]), e10.quotations


def test_an_adjusted_analysis_is_not_a_co_intervention() -> None:
    """INT14 (co-interventions) does not quote the primary analysis' adjustment on centre."""
    text = ("# Protocole\n\n## Analyse statistique\n\nLe critère principal sera comparé par un "
            "modèle linéaire mixte ajusté sur le centre et la valeur initiale.\n")
    int14 = suggest(text, "fr")["INT14"]
    assert not quoted(int14, "ajusté sur le centre"), int14.quotations


FRENCH_SAFETY = ("# Protocole\n\n## Critères d'inclusion\n\nSont incluses les femmes atteintes "
                 "d'un cancer du sein non métastatique confirmé histologiquement.\n\n"
                 "## Vigilance\n\nLes séances sont suspendues en cas de neutropénie fébrile ou "
                 "de douleur thoracique.\n")


@pytest.mark.parametrize("invariant, words", [
    ("E08", "suspendues en cas de neutropénie"),
    ("E14", "confirmé histologiquement"),
])
def test_french_stopping_rules_and_diagnosis_are_found(invariant: str, words: str) -> None:
    """E08 reads a French session's stopping rule, E14 a diagnosis confirmed by histology."""
    suggestion = suggest(FRENCH_SAFETY, "fr")[invariant]
    assert quoted(suggestion, words), suggestion.quotations


def test_providers_qualification_is_read_by_int12_as_by_e12() -> None:
    """INT12 (providers' eligibility) quotes the providers' qualification that E12 quotes."""
    text = ("# Results paper\n\n## Methods\n\nThe intervention consisted of weekly group "
            "sessions for 24 weeks delivered by qualified Postural Stability Instructors.\n")
    suggestions = suggest(text, "en", kind="paper")
    for invariant in ("INT12", "E12"):
        assert quoted(suggestions[invariant], "qualified Postural Stability Instructors"), (
            invariant, suggestions[invariant].quotations)


def test_a_french_plan_adapted_to_risk_is_no_adaptation() -> None:
    """IMP06's adaptations (X_adaptations) are changes made to the intervention, not anything
    « adapté » (a monitoring plan fitted to the risk, a clear and suitable information)."""
    text = ("# Protocole\n\n## Monitoring\n\nLe monitoring est réalisé selon un plan adapté au "
            "niveau de risque de l'étude.\n\n## Information\n\nL'investigateur informe la "
            "patiente de façon loyale, claire et adaptée.\n")
    assert not suggest(text, "fr", study_type="implementation")["IMP06"].quotations
    adapted = suggest(text + "\n## Adaptations\n\nLe programme a été adapté au contexte local "
                      "de chaque centre.\n", "fr", study_type="implementation")["IMP06"]
    assert quoted(adapted, "a été adapté au contexte local"), adapted.quotations


def test_an_observational_follow_up_is_not_its_sample_size() -> None:
    """OBS06 (follow-up) reads who was lost to follow-up and how losses are limited, not the
    sample size's allowance for them."""
    text = ("# Protocole\n\n## Taille de l'échantillon\n\nEn tenant compte de 15 % de perdus de "
            "vue, 460 participants seront inclus.\n\n## Suivi\n\nDes relances téléphoniques "
            "permettront de limiter les perdus de vue.\n")
    obs06 = suggest(text, "fr", study_type="observational")["OBS06"]
    assert not quoted(obs06, "En tenant compte"), obs06.quotations
    assert quoted(obs06, "limiter les perdus de vue"), obs06.quotations


def test_a_reference_list_is_found_once_per_analysis(monkeypatch) -> None:
    """The cue sentences and the text model's text leave out the same reference list's
    entries, found once for both, and once for the whole analysis of a document (detection,
    then the suggestions read the same document again)."""
    from checker.evidence.features import evidence_text
    from checker.evidence.sections import ContextSections

    found = []
    real = ContextSections.reference_flags
    monkeypatch.setattr(ContextSections, "reference_flags",
                        lambda self, doc: found.append(doc) or real(self, doc))
    doc = extract_document(REFERENCE_LISTS["en"].encode(), "paper_en.md")
    suggest(doc, "en", kind="paper")
    text = evidence_text(doc)
    assert "Pain decreased" in text and "Serious adverse" not in text
    assert found == [doc]


HEADINGS = {"en": {"paper": "# Trial results\n\n## Results\n\n",
                    "protocol": "# Trial protocol\n\n## Methods\n\n"},
            "fr": {"paper": "# Résultats de l'essai\n\n## Résultats\n\n",
                   "protocol": "# Protocole de l'essai\n\n## Méthodes\n\n"}}
ADHERENCE_COUNTS = {  # language -> sentences reporting the dose received as counts
    "en": ["Participants attended a median of 19 of 24 sessions (IQR 15-23).",
           "In the exercise group, participants attended 18/24 sessions (75%).",
           "Most participants completed at least 75% of the sessions."],
    "fr": ["Les participants ont suivi en médiane 19 des 24 séances (EIQ 15-23).",
           "Dans le groupe exercice, les participants ont assisté à 18/24 séances (75 %).",
           "La plupart des participants ont participé à au moins 75 % des séances prévues."],
}
PLANNED_DOSE = {"en": "In total, 24 sessions will be delivered over 12 weeks to 120 participants.",
                "fr": "Au total, 24 séances seront proposées sur 12 semaines à 120 participants."}


@pytest.mark.parametrize("lang, sentence", [(lang, sentence)
                                            for lang, sentences in ADHERENCE_COUNTS.items()
                                            for sentence in sentences])
def test_adherence_reported_as_counts_is_quoted_for_int11(lang: str, sentence: str) -> None:
    """INT11 (adherence and dose received) reads the sessions attended out of those planned
    as participant adherence (X_adherence), in both languages; the planned schedule and the
    sample size are not adherence."""
    heading = HEADINGS[lang]["paper"]
    int11 = suggest(heading + sentence + "\n", lang, kind="paper")["INT11"]
    assert "X_adherence" in int11.elements_found
    assert int11.quotations and int11.quotations[0].text == sentence
    planned = suggest(HEADINGS[lang]["protocol"] + PLANNED_DOSE[lang] + "\n", lang)["INT11"]
    assert "X_adherence" not in planned.elements_found


BURDEN_PAY = {  # language -> (the staff's pay, the participants' compensation)
    "en": ("Therapists were compensated for their time spent in training and supervision.",
           "Participants will be compensated for their time with a gift voucher at each visit."),
    "fr": ("Les thérapeutes étaient rémunérés pour leur temps de formation et de supervision.",
           "Les personnes incluses seront dédommagées pour leur temps à chaque visite."),
}


@pytest.mark.parametrize("lang", sorted(BURDEN_PAY))
def test_participant_burden_is_the_participants_compensation_not_the_staffs(lang: str
                                                                             ) -> None:
    """X_burden (E09's participant burden) reads what compensates the participants' time, not
    the therapists' or the staff's pay ("compensated for their time" alone matched both)."""
    staff, participants = BURDEN_PAY[lang]
    heading = HEADINGS[lang]["protocol"]
    assert "X_burden" not in suggest(heading + staff + "\n", lang)["E09"].elements_found
    e09 = suggest(heading + participants + "\n", lang)["E09"]
    assert "X_burden" in e09.elements_found
    assert e09.quotations and e09.quotations[0].text == participants


SHORT_CUE_SENTENCES = {  # language -> (a short list line, a fuller sentence with the same cue)
    "en": ("· Quality of life", "Participants will rate their quality of life on a visual "
                                "scale at baseline and at 6 months."),
    "fr": ("· Qualité de vie", "Les participants noteront leur qualité de vie sur une échelle "
                               "visuelle à l'inclusion et à 6 mois."),
}


@pytest.mark.parametrize("lang", sorted(SHORT_CUE_SENTENCES))
def test_a_catalogue_elements_short_cue_line_is_quoted_after_a_fuller_sentence(lang: str
                                                                               ) -> None:
    """A list line of a few words names a topic without saying what the study does about it:
    a catalogue element (X_*) quotes a fuller cue sentence first, even a later one, and
    still quotes the short line when it is all there is (sections.yaml,
    min_quotation_words)."""
    short, full = SHORT_CUE_SENTENCES[lang]
    heading = HEADINGS[lang]["protocol"]
    outcomes = "Outcomes:" if lang == "en" else "Critères :"
    text = f"{heading}{outcomes}\n\n{short}\n\n{full}\n"
    doc = extract_document(text.encode(), "protocol.md")
    quality = [d for d in detect_elements(doc, kind="protocol", lang=lang)
               if d.element == "X_quality_of_life"]
    assert [d.quote for d in quality] == [full, short]
    alone = extract_document(f"{heading}{outcomes}\n\n{short}\n".encode(), "protocol.md")
    quality = [d for d in detect_elements(alone, kind="protocol", lang=lang)
               if d.element == "X_quality_of_life"]
    assert [d.quote for d in quality] == [short]
