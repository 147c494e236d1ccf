"""Particulars (``evidence.details``) that a *met* needs beside its topic sentence, as the
invariant's guidance asks.

*OBS08*, of a protocol: the planned countermeasures, the handling of losses and missing data
(a retention plan, an analysis of those lost, multiple imputation…) and a measure against
confounding, selection or reverse causality (adjustment for confounders, a propensity score, a
lag period…), looked for anywhere in the protocol; a sentence naming a bias is not enough.
*MEC05*: the validity or reliability of a marker's measure, not of a questionnaire of another
measure (a validated quality-of-life questionnaire beside a blood marker).
*E13*, of a paper: how the results were or will be returned to participants."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

from checker.documents import extract_document
from checker.evidence import Detection

# OBS08: a cohort protocol.
TITLE = {"en": "# Walking groups and falls in older adults: protocol of a cohort study",
         "fr": "# Marche en groupe et chutes chez les personnes âgées : protocole d'une cohorte"}
BIAS = {
    "en": "## Methods\n\n### Bias\n\nRecall bias is a risk in this study, as walking is "
          "self-reported.",
    "fr": "## Méthodes\n\n### Biais\n\nLe biais de mémorisation est un risque dans cette étude, "
          "la marche étant déclarée par les participants.",
}
LOSSES = {
    "en": "Missing data will be handled by multiple imputation.",
    "fr": "Les données manquantes seront traitées par imputation multiple.",
}
CONFOUNDING = {
    "en": "The hazard ratio will be adjusted for age, sex and baseline frailty.",
    "fr": "Le hazard ratio sera ajusté sur l'âge, le sexe et la fragilité initiale.",
}
# A sample size allowing for losses plans no handling of them; an adjustment for multiple
# comparisons is none for confounding.
NOT_THEM = {
    "en": "Allowing for 15% attrition, 400 participants will be recruited. P values will be "
          "adjusted for multiple comparisons.",
    "fr": "En tenant compte de 15 % d'attrition, 400 participants seront recrutés. Les "
          "valeurs de p seront ajustées pour les comparaisons multiples.",
}
ANALYSIS = {"en": "### Statistical analysis", "fr": "### Analyse statistique"}


def protocol(lang: str, *analysis: dict[str, str]) -> str:
    parts = [TITLE[lang], BIAS[lang]]
    if analysis:
        parts += [ANALYSIS[lang], " ".join(s[lang] for s in analysis)]
    return "\n\n".join(parts) + "\n"


def obs08(text: str, lang: str, kind: str = "protocol"):
    return suggest(text, lang, study_type="observational", kind=kind)["OBS08"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_planning_both_countermeasures_is_met(lang):
    suggestion = obs08(protocol(lang, LOSSES, CONFOUNDING), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    # Stated apart from the bias named, they are quoted beside it.
    assert quoted(suggestion, LOSSES[lang])
    assert quoted(suggestion, " ".join(CONFOUNDING[lang].split()))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_bias_named_without_countermeasure_is_partially_met(lang):
    suggestion = obs08(protocol(lang), lang)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["losses_handling", "confounding_measure"]
    reason = {"en": ["the planned handling of losses", "a planned measure against confounding"],
              "fr": ["la prise en charge prévue des perdus de vue",
                     "une mesure prévue contre la confusion"]}[lang]
    for words in reason:
        assert words in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_one_countermeasure_missing_is_named(lang):
    suggestion = obs08(protocol(lang, LOSSES), lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["confounding_measure"]
    suggestion = obs08(protocol(lang, CONFOUNDING), lang)
    assert suggestion.details_missing == ["losses_handling"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_attrition_allowed_for_and_multiple_comparisons_are_no_countermeasure(lang):
    suggestion = obs08(protocol(lang, NOT_THEM), lang)
    assert suggestion.details_missing == ["losses_handling", "confounding_measure"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_is_not_asked_for_a_protocol_s_countermeasures(lang):
    suggestion = obs08(protocol(lang), lang, kind="results")
    assert "losses_handling" not in suggestion.details_missing
    assert "confounding_measure" not in suggestion.details_missing


RETENTION = {
    "en": ["To promote participant retention, research assistants will phone participants "
           "before each visit.",
           "Baseline characteristics of those who dropped out will be compared with those of "
           "completers.",
           "Sensitivity analyses excluding falls in the first 6 months will limit reverse "
           "causation, and a propensity score will balance the groups."],
    "fr": ["Les participants absents seront relancés par téléphone avant chaque visite.",
           "Les caractéristiques des perdus de vue seront comparées à celles des participants "
           "suivis.",
           "Un score de propension équilibrera les groupes et une analyse de sensibilité "
           "excluant les chutes des 6 premiers mois limitera la causalité inverse."],
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_retention_plan_an_analysis_of_losses_and_a_propensity_score_are_read(lang):
    first, second, third = ({lang: s} for s in RETENTION[lang])
    suggestion = obs08(protocol(lang, first, third), lang)
    assert suggestion.answer == "met", suggestion.rationale
    suggestion = obs08(protocol(lang, second, third), lang)
    assert suggestion.answer == "met", suggestion.rationale


ELEMENTS = ("12a_Outcomes_Definitions", "13_Participant_timeline", "18a_Data_Collection",
            "33_Biological_specimens")

# MEC05: a blood marker, and a questionnaire of another measure beside it.
MEC_TITLE = {"en": "# Exercise and inflammation: protocol of a mechanistic trial",
             "fr": "# Exercice et inflammation : protocole d'un essai mécanistique"}
MEC_HEAD = {"en": "## Methods\n\n### Outcomes", "fr": "## Méthodes\n\n### Critères de jugement"}
MARKER = {
    "en": "The primary mechanistic marker is fasting serum IL-6, measured by high-sensitivity "
          "ELISA at baseline and week 12.",
    "fr": "Le marqueur mécanistique principal est l'IL-6 sérique à jeun, dosée par ELISA haute "
          "sensibilité à l'inclusion et à 12 semaines.",
}
ASSAY_CV = {
    "en": "The inter-assay coefficient of variation of the kit is 6%.",
    "fr": "Le coefficient de variation inter-essais du kit est de 6 %.",
}
QUALITY_OF_LIFE = {
    "en": "Quality of life will be measured with the validated SF-36 questionnaire.",
    "fr": "La qualité de vie sera mesurée par le questionnaire SF-36 validé en français.",
}
MEDIATOR = {
    "en": "Self-efficacy, the hypothesised mediator, will be measured with a validated scale.",
    "fr": "L'auto-efficacité, médiateur supposé, sera mesurée par une échelle validée.",
}


def mec05(lang: str, *sentences: dict[str, str]):
    """MEC05's suggestion with its four elements detected in the marker's sentence, the
    other ``sentences`` after it."""
    text = "\n\n".join([MEC_TITLE[lang], MEC_HEAD[lang],
                        " ".join(s[lang] for s in (MARKER, *sentences))]) + "\n"
    document = extract_document(text.encode(), "protocol.md")
    marker = next(s for s in document.sentences if document.sentence_text(s) == MARKER[lang])
    detections = [Detection(element, MARKER[lang], marker.start, marker.end, None,
                            marker.section, 0.9, 1) for element in ELEMENTS]
    return suggest(document, lang, study_type="mechanistic", kind="protocol",
                   detections=detections)["MEC05"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_assay_s_coefficient_of_variation_makes_the_marker_met(lang):
    suggestion = mec05(lang, ASSAY_CV)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_validated_questionnaire_of_another_measure_is_not_the_marker_s_validity(lang):
    suggestion = mec05(lang, QUALITY_OF_LIFE)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["marker_validity"]
    reason = {"en": "evidence of the markers' validity or reliability",
              "fr": "les preuves de la validité ou de la fiabilité des marqueurs"}[lang]
    assert reason in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_validated_scale_of_the_mediator_is_the_marker_s_validity(lang):
    suggestion = mec05(lang, MEDIATOR)
    assert suggestion.answer == "met", suggestion.rationale


# E13: a paper's authorship, and how participants were told the results.
PAPER = {
    "en": "# Walking groups and falls: a randomised trial\n\n## Declarations\n\n"
          "All authors meet the ICMJE authorship criteria and approved the final manuscript.",
    "fr": "# Marche en groupe et chutes : un essai randomisé\n\n## Déclarations\n\n"
          "Tous les auteurs remplissent les critères de qualité d'auteur de l'ICMJE et ont "
          "approuvé le manuscrit final.",
}
TOLD = {
    "en": "A plain-language summary of the results was sent to all participants.",
    "fr": "Un résumé vulgarisé des résultats a été adressé à tous les participants.",
}


def e13(text: str, lang: str, kind: str = "results"):
    return suggest(text, lang, study_type="interventional", kind=kind)["E13"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_saying_how_participants_were_told_is_met(lang):
    suggestion = e13(PAPER[lang] + " " + TOLD[lang] + "\n", lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, TOLD[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_silent_on_participants_is_partially_met(lang):
    suggestion = e13(PAPER[lang] + "\n", lang)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["participants_informed"]
    reason = {"en": "how the results were or will be returned to participants",
              "fr": "comment les résultats ont été ou seront communiqués aux participants"}[lang]
    assert reason in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_is_not_asked_how_participants_were_told(lang):
    suggestion = e13(PAPER[lang] + "\n", lang, kind="protocol")
    assert "participants_informed" not in suggestion.details_missing


MISSINGNESS = {
    "en": "We will employ likelihood-based methods that use all available data, adjusting for "
          "covariates that are associated with missingness.",
    "fr": "Nous utiliserons des méthodes fondées sur la vraisemblance exploitant toutes les "
          "données disponibles, avec ajustement sur les covariables associées au caractère "
          "manquant des données.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_covariates_of_missingness_are_no_measure_against_confounding(lang):
    """A train protocol's handling of missing data, not of confounding."""
    suggestion = obs08(protocol(lang, MISSINGNESS), lang)
    assert "confounding_measure" in suggestion.details_missing
