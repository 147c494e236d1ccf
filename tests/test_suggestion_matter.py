"""Suggestions quote what their invariant is about (catalogue 1.5.6, from a walkthrough).

The walkthrough's English trial protocol (two drafts, ``tests/data/trial_protocol_v*_en.md``),
its mechanistic protocol and its observational paper showed ethical and interventional
suggestions quoting the wrong thing: a French ethics committee named in English text not
read as ethics evidence (E01) but quoted for publishing (E13), a CNIL reference methodology
missed (E07), a patient partner on the steering committee quoted for conflicts of interest
(E05), an Introduction sentence citing a reference quoted for qualifications (E12), a
protocol's version line read as an amendment (E04), blinding and fidelity sentences quoted
for allocation concealment (INT04), "Adverse events will be recorded" alone suggested met for
harms collected in every arm (INT13) and "in addition to usual care" suggested met for
co-interventions recorded (INT14).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from suggestion_support import first_quotation, quotation_texts, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.loader import assemble, resolve_path
from checker.catalogue.validate import validate
from checker.documents import extract_path
from checker.evidence.compare import WORSE, compare_drafts
from checker.evidence.suggest import Suggestion

DATA = Path(__file__).with_name("data")
TRIAL_V1, TRIAL_V2 = DATA / "trial_protocol_v1_en.md", DATA / "trial_protocol_v2_en.md"


@pytest.fixture(scope="module")
def trial_v1() -> dict[str, Suggestion]:
    return suggest(extract_path(TRIAL_V1))


@pytest.fixture(scope="module")
def trial_v2() -> dict[str, Suggestion]:
    return suggest(extract_path(TRIAL_V2))


ETHICS_SECTIONS = {  # language -> the mechanistic protocol's ethics and dissemination section
    "en": ("# Mechanisms of a group education programme – study protocol\n\n"
           "## Ethics and dissemination\n\nThe protocol will be submitted to a Comité de "
           "Protection des Personnes (CPP) before any inclusion.\nWritten informed consent "
           "will be obtained from each participant.\nData will be pseudonymised.\n"
           "Results will be published whatever their direction.\n"),
    "fr": ("# Mécanismes d'un programme d'éducation en groupe – protocole\n\n"
           "## Éthique et diffusion\n\nLe protocole sera soumis à un Comité de Protection des "
           "Personnes (CPP) avant toute inclusion.\nLe consentement écrit de chaque "
           "participant sera recueilli.\nLes données seront pseudonymisées.\n"
           "Les résultats seront publiés quel que soit leur sens.\n"),
}


@pytest.mark.parametrize("lang", sorted(ETHICS_SECTIONS))
def test_a_cpp_is_ethics_evidence_and_publishing_whatever_the_direction_is_e13s(
        lang: str) -> None:
    """The CPP sentence is quoted for E01 (ethics approval), not for E13 (publishing all
    results), which quotes the sentence that publishes results whatever their direction."""
    suggestions = suggest(ETHICS_SECTIONS[lang], lang, study_type="mechanistic")
    e01, e13 = suggestions["E01"], suggestions["E13"]
    assert e01.answer == "partially_met" and "(CPP)" in first_quotation(e01)
    assert first_quotation(e13).startswith(("Results will be published", "Les résultats seront"))
    assert not any("CPP" in text for text in quotation_texts(e13))


def test_the_trial_protocols_cpp_sentence_is_quoted_for_ethics(trial_v1) -> None:
    """The walkthrough's protocol had E01 'not reported' (no sentence to quote)."""
    assert trial_v1["E01"].answer == "partially_met"
    assert "Comité de Protection des Personnes (CPP)" in first_quotation(trial_v1["E01"])


@pytest.mark.parametrize("lang, text, phrase", [
    ("en", "# Cohort study\n\n## Methods\n\n### Ethics\nData were processed in accordance with "
           "the CNIL reference methodology MR-003.\n", "MR-003"),
    ("fr", "# Étude de cohorte\n\n## Méthodes\n\n### Éthique\nLes données ont été traitées "
           "conformément à la MR-003.\n", "MR-003"),
])
def test_a_cnil_reference_methodology_is_data_protection_evidence(lang: str, text: str,
                                                                  phrase: str) -> None:
    e07 = suggest(text, lang, study_type="observational", kind="paper")["E07"]
    assert e07.answer == "partially_met" and phrase in first_quotation(e07)


def test_patient_partners_on_the_steering_committee_are_no_conflict_of_interest_evidence(
        trial_v2) -> None:
    """5c (oversight committees) is one of E05's elements; its sentence here is about patient
    involvement, and is no longer quoted (nor made E05 'better' than the first draft)."""
    assert not any("steering committee" in text for text in quotation_texts(trial_v2["E05"]))
    assert trial_v2["E05"].answer == "not_reported"


def test_an_introduction_sentence_citing_a_reference_is_no_qualification_evidence() -> None:
    """E12: "… delivered by APA professionals holding a specific university degree [7]." in
    the Introduction states a country's rule, not who delivered this study's programme."""
    text = ("# Adapted physical activity after breast cancer: a cohort study\n\n"
            "## 1. Introduction\n\nIn France, adapted physical activity (APA) may be "
            "prescribed by a physician since 2017 and is delivered by APA professionals "
            "holding a specific university degree [7].\n\n## 2. Methods\n\n"
            "### 2.3 Exposure\nGroups of six to ten women were led by APA professionals with a "
            "master's degree in adapted physical activity and at least two years of "
            "experience in oncology.\n")
    e12 = suggest(text, "en", study_type="observational", kind="paper")["E12"]
    assert e12.quotations and not any("[7]" in text for text in quotation_texts(e12))


def test_a_protocols_version_line_is_no_amendment(trial_v1) -> None:
    """25_Amendments is found in the first draft from "Protocol version 1.0, 2 October 2026."
    (SPIRIT's "protocol versions" cue): not quoted for E04 (amendments), nor its answer."""
    e04 = trial_v1["E04"]
    assert not any(text.startswith("Protocol version") for text in quotation_texts(e04))
    assert e04.answer == "not_reported"


def test_the_second_drafts_version_line_does_not_make_e04_less_well() -> None:
    comparison = compare_drafts(get_catalogue(), "interventional", "protocol",
                                extract_path(TRIAL_V1), extract_path(TRIAL_V2))
    e04 = next(c for c in comparison.changes if c.invariant_id == "E04")
    assert e04.change != WORSE


def test_the_comparison_names_only_elements_the_suggestions_quote(trial_v1, trial_v2) -> None:
    """An element inferred with no sentence, or found only about another matter, is "perhaps"
    in the suggestion: the comparison does not call it found, or no longer found."""
    comparison = compare_drafts(get_catalogue(), "interventional", "protocol",
                                extract_path(TRIAL_V1), extract_path(TRIAL_V2))
    for change in comparison.changes:
        before, after = trial_v1[change.invariant_id], trial_v2[change.invariant_id]
        for element in change.elements_gained:
            assert element not in after.elements_inferred, (change.invariant_id, element)
        for element in change.elements_lost:
            assert element not in before.elements_inferred, (change.invariant_id, element)
    assert any(trial_v2[c.invariant_id].elements_inferred for c in comparison.changes)
    assert any(c.elements_gained for c in comparison.changes)


def test_allocation_concealment_quotes_neither_blinding_nor_fidelity(trial_v1,
                                                                      trial_v2) -> None:
    for suggestion in (trial_v1["INT04"], trial_v2["INT04"]):
        for text in quotation_texts(suggestion):
            assert "blinded" not in text and "Fidelity" not in text, text
    assert trial_v1["INT04"].answer == "not_reported"
    assert first_quotation(trial_v2["INT04"]).startswith("Randomisation will be computer-generated")


def test_adverse_events_recorded_alone_are_not_harms_collected_in_every_arm(trial_v1) -> None:
    """INT13 asks for active collection, the same way in every arm: "Adverse events will be
    recorded and reported to the sponsor." is partially met, and says what is missing (of a
    protocol, also the events' grading or causality)."""
    int13 = trial_v1["INT13"]
    assert int13.answer == "partially_met"
    assert int13.details_missing == ["every_arm", "grading"]
    assert quotation_texts(int13) == [
        "Adverse events will be recorded and reported to the sponsor."]


@pytest.mark.parametrize("lang, text", [
    ("en", "# Trial protocol\n\n## Methods\n\n### Harms\nAt each visit, adverse events will "
           "be recorded in both arms with the same structured checklist.\n"),
    ("fr", "# Protocole de l'essai\n\n## Méthodes\n\n### Événements indésirables\nÀ chaque "
           "visite, les événements indésirables seront recueillis dans les deux bras avec la "
           "même grille structurée.\n"),
])
def test_harms_collected_at_each_visit_in_both_arms_state_every_arm(lang: str,
                                                                   text: str) -> None:
    int13 = suggest(text, lang)["INT13"]
    assert int13.quotations and "every_arm" not in int13.details_missing


def test_in_addition_to_usual_care_is_no_co_intervention_recorded(trial_v1) -> None:
    """INT14 was met on the objective "… in addition to usual care and patients receiving
    usual care alone" (11d's cue): nothing there records other treatments."""
    int14 = trial_v1["INT14"]
    assert int14.answer != "met"
    assert not any("in addition to usual care" in text for text in quotation_texts(int14))


@pytest.mark.parametrize("lang, text, phrase", [
    ("en", "# Trial protocol\n\n## Methods\n\n### Interventions\nThe exercise group attends "
           "12 sessions in addition to usual care. Use of other treatments for knee pain "
           "(physiotherapy, injections) will be recorded monthly in both arms.\n",
     "other treatments"),
    ("fr", "# Protocole de l'essai\n\n## Méthodes\n\n### Interventions\nLe groupe exercice "
           "suit 12 séances en plus des soins habituels. L'utilisation d'autres traitements "
           "de la gonalgie (kinésithérapie, infiltrations) sera consignée chaque mois dans "
           "les deux bras.\n", "autres traitements"),
])
def test_other_treatments_recorded_are_still_co_intervention_evidence(lang: str, text: str,
                                                                     phrase: str) -> None:
    int14 = suggest(text, lang)["INT14"]
    assert int14.quotations and phrase in first_quotation(int14)


def _catalogue_with_about(about: dict) -> list:
    data, _ = assemble(resolve_path(None))
    invariant = next(i for i in data["invariants"] if i["id"] == "E04")
    invariant["evidence"]["about"] = about
    return validate(data, meta_file="catalogue.yaml")


def test_about_must_qualify_a_listed_element_with_valid_patterns() -> None:
    problems = _catalogue_with_about({"24_Ethics": {"en": ["approv"]},
                                      "25_Amendments": {"en": ["(amend"]}})
    messages = [str(p) for p in problems]
    assert any("'24_Ethics' is not one of the invariant's elements" in m for m in messages)
    assert any("not a valid regular expression" in m for m in messages)


def test_an_element_found_only_in_sentences_about_another_matter_says_so(trial_v1) -> None:
    """The version line is a sentence, not the text as a whole: the justification says the
    element was found only in sentences about another matter, in both languages."""
    rationale = trial_v1["E04"].rationale
    assert ("Found only in sentences about another matter (check): protocol amendments"
            in rationale["en"])
    assert "Perhaps reported" not in rationale["en"]
    assert ("Seulement dans des phrases sur un autre sujet (à vérifier)\u00a0: "
            "amendements au protocole" in rationale["fr"])
