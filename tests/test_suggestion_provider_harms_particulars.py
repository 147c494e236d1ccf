"""INT12's and INT13's particulars (``evidence.details``), as their guidance's *partially
met* says a *met* cannot lack them.

- INT12 (providers and centres): beside the providers' qualification and the centres, an
  analysis accounting for the clustering of outcomes by provider, centre or therapy group
  (random effects for them, a small intraclass correlation, a design effect), stated
  anywhere in the study's own report. A mixed model for repeated measures within
  participants, a measure's reliability (an ICC of 0.85) or "lack of clustering" are not it.
- INT13 (harms), of a protocol: the events' severity graded or their relation to the NPI
  judged, stated anywhere in the protocol; not a disease's severity. A paper is not asked.
"""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.documents import extract_document

INT12_ELEMENTS = ["10b_Center_interventionist_inclusion", "X_professional_qualification",
                  "8c_Design_Centers"]
PROVIDERS = {
    "en": "The programme will be delivered in six centres by physiotherapists with at least "
          "five years of practice, each trained for 14 hours in the programme.",
    "fr": "Le programme sera dispensé dans six centres par des kinésithérapeutes ayant au "
          "moins cinq ans d'exercice, formés chacun pendant 14 heures au programme.",
}
CLUSTERED = {
    "en": "The analysis will use a linear mixed model with random effects for physiotherapist "
          "nested within centre.",
    "fr": "L'analyse reposera sur un modèle linéaire mixte avec des effets aléatoires "
          "kinésithérapeute emboîté dans le centre.",
}
SMALL_ICC = {
    "en": "The sample size allows for an intraclass correlation of 0.03 between patients of "
          "the same physiotherapist.",
    "fr": "Le calcul d'effectif tient compte d'un coefficient de corrélation intraclasse de "
          "0,03 entre patients d'un même kinésithérapeute.",
}
REPEATED = {
    "en": "The analysis will use a linear mixed model with a random intercept for each "
          "participant to handle the repeated measures.",
    "fr": "L'analyse reposera sur un modèle linéaire mixte avec une ordonnée à l'origine "
          "aléatoire par participant pour tenir compte des mesures répétées.",
}
RELIABILITY = {
    "en": "The questionnaire has good test-retest reliability (intraclass correlation 0.85).",
    "fr": "Le questionnaire a une bonne fidélité test-retest (corrélation intraclasse 0,85).",
}
NO_CLUSTERING = {
    "en": "A limitation is the lack of clustering in the design.",
    "fr": "Une limite est l'absence de prise en compte du regroupement dans l'analyse.",
}
HARMS = {
    "en": "Adverse events will be recorded with the same structured checklist at each visit "
          "in both arms.",
    "fr": "Les événements indésirables seront recueillis avec la même grille structurée à "
          "chaque visite dans les deux bras.",
}
GRADED = {
    "en": "Each adverse event will be graded as mild, moderate or severe, and its relation to "
          "the programme will be judged by an independent physician.",
    "fr": "Chaque événement indésirable sera gradé selon son intensité, et son lien avec le "
          "programme sera apprécié par un médecin indépendant.",
}
CAUSALITY_APART = {
    "en": "Causality will be classified as not related, unlikely, possible or probable.",
    "fr": "L'imputabilité sera classée comme non liée, peu probable, possible ou probable.",
}
DISEASE_SEVERITY = {
    "en": "The severity of depression will be measured with the HAM-D.",
    "fr": "La sévérité de la dépression sera mesurée par la HAM-D.",
}
TITLE = {"en": "# Exercise for low back pain: protocol of a randomised trial",
         "fr": "# Exercice et lombalgie : protocole d'un essai randomisé"}
FIRST = {"en": "## Intervention", "fr": "## Intervention"}
LATER = {"en": "## Statistical analysis", "fr": "## Analyse statistique"}


def document(lang: str, first: dict[str, str], *later: dict[str, str]):
    """A protocol whose first section holds ``first`` and whose second section the
    ``later`` sentences."""
    body = " ".join(sentence[lang] for sentence in later) or "."
    text = (f"{TITLE[lang]}\n\n{FIRST[lang]}\n\n{first[lang]}\n\n{LATER[lang]}\n\n"
            f"{body}\n")
    return extract_document(text.encode(), "doc.md")


def int12(lang: str, *later: dict[str, str], kind: str = "protocol"):
    doc = document(lang, PROVIDERS, *later)
    return suggest(doc, lang, kind=kind,
                   detections=in_first_sentence(doc, INT12_ELEMENTS))["INT12"]


def int13(lang: str, *later: dict[str, str], kind: str = "protocol"):
    doc = document(lang, HARMS, *later)
    element = "22_Harms_non-systematic" if kind == "protocol" else "40_Harms_results"
    return suggest(doc, lang, kind=kind, detections=in_first_sentence(doc, [element]))["INT13"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("clustering", [CLUSTERED, SMALL_ICC])
def test_providers_with_a_clustered_analysis_are_met(lang, clustering):
    suggestion = int12(lang, clustering)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    assert quoted(suggestion, clustering[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("kind", ["protocol", "results"])
def test_providers_without_clustering_are_partially_met(lang, kind):
    suggestion = int12(lang, kind=kind)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["clustering"]
    word = {"en": "clustering", "fr": "regroupement"}[lang]
    assert word in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("other", [REPEATED, RELIABILITY, NO_CLUSTERING])
def test_repeated_measures_reliability_or_its_lack_are_no_clustering(lang, other):
    suggestion = int12(lang, other)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["clustering"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("grading", [GRADED, CAUSALITY_APART])
def test_harms_graded_are_met(lang, grading):
    suggestion = int13(lang, DISEASE_SEVERITY, grading)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_harms_without_grading_are_partially_met(lang):
    """A disease's severity is no grading of harms."""
    suggestion = int13(lang, DISEASE_SEVERITY)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["grading"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_is_not_asked_for_the_grading_plan(lang):
    suggestion = int13(lang, DISEASE_SEVERITY, kind="results")
    assert "grading" not in suggestion.details_missing


# « du » (of the) is no relatedness wording: « dû, due, dus, dues à » is (INT13's
# grading pattern once read « due?s? », which matches « du » too).
RELATED_DUE = [
    "L'investigateur jugera si chaque événement indésirable est dû à l'intervention.",
    "Le médecin déterminera si les événements indésirables sont dues au programme.",
    "Le médecin évaluera si les effets secondaires sont dus au traitement.",
]
NOT_RELATED_DU = [
    "L'investigateur évaluera si les réactions du patient au programme sont satisfaisantes.",
    "Le médecin évaluera les EI et la modification de la dose du médicament à l'étude.",
]


@pytest.mark.parametrize("sentence", RELATED_DUE)
def test_harms_said_due_to_the_npi_are_graded(sentence):
    suggestion = int13("fr", DISEASE_SEVERITY, {"fr": sentence})
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []


@pytest.mark.parametrize("sentence", NOT_RELATED_DU)
def test_du_is_no_relatedness_wording(sentence):
    suggestion = int13("fr", DISEASE_SEVERITY, {"fr": sentence})
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["grading"]


def test_harms_said_due_to_the_npi_are_graded_in_english():
    sentence = "The investigator will judge whether each adverse event is due to the programme."
    suggestion = int13("en", DISEASE_SEVERITY, {"en": sentence})
    assert suggestion.answer == "met", suggestion.rationale
