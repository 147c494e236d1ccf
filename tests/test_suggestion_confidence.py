"""A suggestion's confidence says how far the document evidences the invariant in full: a
partially met answer never reads as certain, a not reported one never as evidenced, and a met
one reads its elements' confidence (suggest.py, ``_confidence``)."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggestion_support import in_first_sentence, suggest

from checker.catalogue import get_catalogue
from checker.documents import extract_document, extract_path
from checker.evidence.analysis import analysis_report
from checker.evidence.detect import detect_elements

DATA = Path(__file__).with_name("data")

PROTOTYPE = {  # language -> a prototype's report that gives its dose, not its components
    "en": "# Development of a group education programme: study report\n\n## Development\n\n"
          "The first prototype had eight sessions of two hours.\n",
    "fr": "# Développement d'un programme d'éducation en groupe : rapport\n\n"
          "## Développement\n\nLe premier prototype comportait huit séances de deux heures.\n",
}
COMPONENTS = {
    "en": "The programme comprises four components: goal setting, food choices, foot care "
          "and a walking plan.",
    "fr": "Le programme se compose de quatre composantes : fixation d'objectifs, choix "
          "alimentaires, soin des pieds et plan de marche.",
}


def _pro04(text: str, lang: str, confidence: float = 1.0):
    """PRO04 when the intervention's description (its one element) is detected, at
    ``confidence``, in the document's first sentence after its heading."""
    document = extract_document(text.encode(), "report.md")
    detections = in_first_sentence(document, ["11a_Intervention_Description"], confidence)
    return suggest(document, lang, study_type="prototypical", kind="paper",
                   detections=detections)["PRO04"]


@pytest.mark.parametrize("lang", sorted(PROTOTYPE))
def test_a_partially_met_answer_does_not_read_as_certain(lang) -> None:
    """PRO04's one element found at 100 % without what the NPI is made of (its one
    particular) is partially met: half of what a met needs, 50 %, not 100 %. With its
    components stated, it is met at its element's confidence."""
    dose = _pro04(PROTOTYPE[lang], lang)
    assert dose.answer == "partially_met" and dose.details_missing == ["components"]
    assert dose.confidence == 0.5
    described = PROTOTYPE[lang].replace("hours.", f"hours. {COMPONENTS[lang]}").replace(
        "heures.", f"heures. {COMPONENTS[lang]}")
    met = _pro04(described, lang, confidence=0.8)
    assert met.answer == "met" and met.confidence == 0.8


def _analysed(path: Path) -> tuple[dict, dict]:
    """A protocol's suggestions, and the confidence of each element detected in it."""
    document = extract_path(path)
    detections = detect_elements(document, kind="protocol")
    return (suggest(document, detections=detections),
            {d.element: d.confidence for d in detections})


@pytest.mark.parametrize("name", ["protocole_tcc_fr.md", "trial_protocol_v1_en.md"])
def test_every_answer_reads_its_own_confidence(name) -> None:
    """On a French and an English protocol, for every invariant: a met reads the mean
    confidence of its elements; a partially met reads less than certain; a not reported reads
    0, though an element inferred from the text as a whole (no sentence to quote) was found:
    the French protocol's INT14 (co-interventions) read 82 % while not reported."""
    suggestions, confidence_of = _analysed(DATA / name)
    answers = {s.answer for s in suggestions.values()}
    assert {"met", "partially_met", "not_reported"} <= answers
    for invariant, suggestion in suggestions.items():
        if suggestion.answer == "met":
            found = suggestion.elements_found
            assert suggestion.confidence == pytest.approx(
                sum(confidence_of[e] for e in found) / len(found), abs=0.001), invariant
        elif suggestion.answer == "partially_met":
            assert 0 < suggestion.confidence < 1, invariant
        elif suggestion.answer == "not_reported":
            assert suggestion.confidence == 0.0, (invariant, suggestion.elements_inferred)
    if name == "protocole_tcc_fr.md":
        int14 = suggestions["INT14"]
        assert int14.answer == "not_reported" and int14.elements_inferred
        # Particulars missing weigh too: E01 (approval, reference, date) has only the approval.
        e01 = suggestions["E01"]
        assert e01.details_missing == ["reference", "date"]
        assert e01.confidence == pytest.approx(confidence_of["24_Ethics"] * 2 / 4, abs=0.001)


def test_the_analysis_json_gives_the_suggestions_confidence() -> None:
    """``npis-check analyse`` and ``/analysis.json`` (both analysis_report) give each
    suggestion's confidence as the suggestion has it."""
    path = DATA / "protocole_tcc_fr.md"
    report = analysis_report(extract_path(path), "protocol", "fr", get_catalogue(),
                             "interventional")
    suggestions, _ = _analysed(path)
    assert {k: s["confidence"] for k, s in report["suggestions"].items()} == \
        {k: s.confidence for k, s in suggestions.items()}
    assert report["suggestions"]["INT14"]["confidence"] == 0.0
