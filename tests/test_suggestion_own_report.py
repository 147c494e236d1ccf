"""An element telling what the study does (the catalogue's ``own_report``: its costs, its
number of centres, the care allowed beside it) is read in the study's own report: found only
in the background or the discussion ("the unit costs of household filters have limited
their uptake", "further multi-centre studies are warranted"), it is another work's or a
future one's, and counts as found about another matter: never a met, nor alone a partially
met."""

from __future__ import annotations

import dataclasses

import pytest
from suggestion_support import quotation_texts, suggest

from checker.catalogue import get_catalogue
from checker.documents import Document, extract_document
from checker.evidence import Detection
from checker.evidence import suggest as suggest_module
from checker.evidence.sections import get_context_sections

# language -> (a protocol, its background sentence on costs, its methods sentence on costs)
PROTOCOLS = {
    "en": ("# Household water filters in rural schools: protocol of a cluster randomised "
           "implementation trial\n\n## Background\n\n"
           "The unit costs of household filters have limited their uptake in low-income "
           "settings.\n\n## Methods\n\n### Data collection\n\n"
           "The costs of delivering the programme will be recorded for each school by "
           "the field coordinators.\n\nTeachers will complete a short questionnaire each "
           "term.\n",
           "The unit costs of household filters",
           "The costs of delivering the programme"),
    "fr": ("# Filtres à eau domestiques dans les écoles rurales : protocole d'un essai "
           "d'implémentation randomisé en grappes\n\n## Contexte\n\n"
           "Les coûts unitaires des filtres domestiques ont limité leur diffusion dans les pays à "
           "faible revenu.\n\n## Méthodes\n\n### Recueil des données\n\n"
           "Les coûts de mise en œuvre du programme seront relevés dans "
           "chaque école par les coordinateurs de terrain.\n\nLes enseignants rempliront un "
           "court questionnaire chaque trimestre.\n",
           "Les coûts unitaires des filtres domestiques",
           "Les coûts de mise en œuvre du programme"),
}


def _costs_in(document: Document, *openings: str) -> list[Detection]:
    """X_costs detected, by its cues, in the sentences opening with ``openings``."""
    detections = []
    for sentence in document.sentences:
        text = document.sentence_text(sentence)
        if any(text.startswith(opening) for opening in openings):
            detections.append(Detection("X_costs", text, sentence.start, sentence.end, None,
                                        sentence.section, 0.9, 1))
    assert len(detections) == len(openings)
    return detections


def _imp10(lang: str, *openings: str):
    protocol = PROTOCOLS[lang][0]
    document = extract_document(protocol.encode(), "protocol.md")
    return suggest(document, lang, study_type="implementation",
                   detections=_costs_in(document, *openings))["IMP10"]


def test_the_flag_is_set_on_what_the_study_does_not_on_its_aims() -> None:
    own = get_catalogue().own_report_elements
    assert {"X_costs", "X_barriers_facilitators", "8c_Design_Centers",
            "11d_Intervention_Concomitant"} <= own
    assert not own & {"7_Objectives", "X_mechanism_hypothesis", "X_logic_model"}


@pytest.mark.parametrize("lang", sorted(PROTOCOLS))
def test_costs_found_only_in_the_background_are_not_evidence(lang) -> None:
    _, background, _ = PROTOCOLS[lang]
    imp10 = _imp10(lang, background)
    assert imp10.answer == "not_reported" and imp10.quotations == []
    assert imp10.elements_found == ["X_costs"] and imp10.elements_inferred == ["X_costs"]
    note = {"en": "Found only in the background or the discussion (check): costs and "
                  "economic evaluation.",
            "fr": "Seulement dans le contexte ou la discussion (à vérifier)\u00a0: coûts et "
                  "évaluation économique."}
    for language, text in note.items():
        assert text in imp10.rationale[language], imp10.rationale
    assert "Perhaps reported" not in imp10.rationale["en"]


@pytest.mark.parametrize("lang", sorted(PROTOCOLS))
def test_costs_in_the_own_report_are_evidence(lang) -> None:
    _, background, methods = PROTOCOLS[lang]
    for openings in ((methods,), (background, methods)):
        imp10 = _imp10(lang, *openings)
        assert imp10.answer != "not_reported"
        # The methods sentence is the evidence, quoted first; the background one is IMP10's
        # own words at most, quoted after it.
        quoted = [text[:len(methods)] for text in quotation_texts(imp10)]
        assert quoted[0] == methods and methods not in quoted[1:]
        assert "background" not in imp10.rationale["en"]


def test_an_invariant_whose_place_is_the_background_reads_it_still(monkeypatch) -> None:
    """For an invariant quoted from the background (sections.yaml context_invariants), the
    background is the place: the element's sentence there is evidence."""
    sections = get_context_sections()
    monkeypatch.setattr(suggest_module, "get_context_sections", lambda: dataclasses.replace(
        sections, invariants=sections.invariants | {"IMP10"}))
    _, background, _ = PROTOCOLS["en"]
    imp10 = _imp10("en", background)
    assert imp10.answer != "not_reported"
    assert quotation_texts(imp10)[0].startswith(background)
