"""Harms, sample size and comparator in a walkthrough's MBCT dossier (a French psychologist's
cohort report in routine care, Markdown, and an RCT's results paper, PDF).

- A results report puts its harms under « Événements indésirables » / "Adverse events" and
  does not repeat the heading's words: E08 and OBS11 read "not reported".
- A cohort's descriptive statistics (« … par leur effectif et pourcentage ») were quoted as
  its sample size (OBS09).
- An abstract's result naming the usual care group ("hazard ratio …, 95% CI …") was quoted
  for E14 (no loss of chance), as it was for INT02 before 1.5.12.
"""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quotation_texts, quoted, suggest

COHORT = {
    "fr": """# Un programme de marche en soins courants : étude de cohorte

## Méthode

### Participants

Toutes les personnes adultes ayant débuté le programme de marche entre janvier 2024 et juin
2025 étaient éligibles.

### Analyses statistiques

Les variables quantitatives sont décrites par leur moyenne et écart-type, les variables
qualitatives par leur effectif et pourcentage.

## Résultats

### Participants

Sur 180 personnes ayant débuté le programme, 164 ont été incluses dans l'analyse.

### Événements indésirables

Deux personnes ont signalé une douleur au genou lors des marches ; aucune hospitalisation n'a
été liée au programme.

## Discussion

Le programme est praticable en soins courants.
""",
    "en": """# A walking programme in routine care: a cohort study

## Methods

### Participants

All adults who started the walking programme between January 2024 and June 2025 were
eligible.

### Statistical analysis

Continuous variables are described by their mean and standard deviation, categorical
variables by their count and percentage.

## Results

### Participants

Of 180 people who started the programme, 164 were included in the analysis.

### Adverse events

Two participants reported knee pain during the walks; no hospital admission was related to
the programme.

## Discussion

The programme is feasible in routine care.
""",
}
HARMS = {"fr": "Deux personnes ont signalé une douleur au genou",
         "en": "Two participants reported knee pain"}


@pytest.mark.parametrize("lang", ["fr", "en"])
@pytest.mark.parametrize("invariant", ["E08", "OBS11"])
def test_harms_under_their_heading_are_reported(lang, invariant) -> None:
    suggestion = suggest(COHORT[lang], lang, study_type="observational",
                         kind="paper")[invariant]
    assert suggestion.answer == "partially_met"
    assert first_quotation(suggestion).startswith(HARMS[lang])
    assert "heading" in suggestion.rationale["en"]
    assert "titre" in suggestion.rationale["fr"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_heading_never_displaces_a_sentence_in_the_invariants_words(lang) -> None:
    said = {"fr": "Les événements indésirables ont été recueillis à chaque séance.",
            "en": "Adverse events were recorded at every session."}[lang]
    heading = {"fr": "### Événements indésirables", "en": "### Adverse events"}[lang]
    text = COHORT[lang].replace(heading, f"{heading}\n\n{said}")
    suggestion = suggest(text, lang, study_type="observational", kind="paper")["E08"]
    assert first_quotation(suggestion) == said
    assert "heading" not in suggestion.rationale["en"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_heading_in_other_words_is_not_the_invariants(lang) -> None:
    text = COHORT[lang].replace("### Événements indésirables", "### Suivi").replace(
        "### Adverse events", "### Follow-up")
    suggestion = suggest(text, lang, study_type="observational", kind="paper")["E08"]
    assert suggestion.answer == "not_reported", quotation_texts(suggestion)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_descriptive_statistics_are_no_sample_size(lang) -> None:
    obs09 = suggest(COHORT[lang], lang, study_type="observational", kind="paper")["OBS09"]
    assert not quoted(obs09, "moyenne et écart-type")
    assert not quoted(obs09, "mean and standard deviation")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_stated_sample_size_is_still_quoted(lang) -> None:
    said = {"fr": "L'effectif attendu était de 200 personnes sur la période d'inclusion.",
            "en": "The expected sample size was 200 people over the inclusion period."}[lang]
    heading = {"fr": "### Analyses statistiques", "en": "### Statistical analysis"}[lang]
    text = COHORT[lang].replace(heading, f"{heading}\n\n{said}")
    obs09 = suggest(text, lang, study_type="observational", kind="paper")["OBS09"]
    assert quoted(obs09, said[:30]), quotation_texts(obs09)


RCT = {
    "en": """# Group MBCT for recurrent depression: a randomised controlled trial

## Abstract

Methods: 120 adults in remission from recurrent depression were randomly assigned to group
MBCT or usual care. Results: Relapse occurred in 20 of 60 participants (33%) in the MBCT group
and 30 of 60 (50%) in the usual care group (hazard ratio 0.58, 95% CI 0.34 to 0.98).

## Methods

### Interventions

Participants in both groups continued their usual care, including antidepressant medication
and psychiatric follow-up.
""",
    "fr": """# La MBCT en groupe dans la dépression récurrente : un essai randomisé

## Résumé

Méthode : 120 adultes en rémission d'une dépression récurrente ont été répartis par tirage au
sort entre la MBCT en groupe et la prise en charge habituelle. Résultats : une rechute est
survenue chez 20 des 60 participants (33 %) du groupe MBCT et 30 des 60 (50 %) du groupe prise
en charge habituelle (rapport de risques 0,58 ; IC à 95 % : 0,34 à 0,98).

## Méthode

### Interventions

Les participants des deux groupes ont poursuivi leur prise en charge habituelle, y compris
leur traitement antidépresseur et leur suivi psychiatrique.
""",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_result_naming_usual_care_is_no_comparator_for_e14(lang) -> None:
    e14 = suggest(RCT[lang], lang, kind="paper")["E14"]
    assert not any("95" in text for text in quotation_texts(e14)), quotation_texts(e14)
    assert quoted(e14, {"fr": "Les participants des deux groupes ont poursuivi",
                        "en": "Participants in both groups continued"}[lang])

