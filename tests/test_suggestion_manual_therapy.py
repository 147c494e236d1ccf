"""A physiotherapist's walkthrough of a French mechanistic paper (a randomised crossover of a
lumbar mobilisation against a sham, pressure pain thresholds and conditioned pain modulation)
and of the French protocol of its follow-up with functional MRI: the quotations its
suggestions gave about another matter (the sample size for the markers, an eligibility
criterion for the dose, a force recording for the trial's registration) and those they missed
(the dose in sets and grades, blinded assessors who « ignoraient l'intervention », the time of
day, an effect modified by a baseline phenotype). English counterparts where the catalogue
words them."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

PROTOCOL_FR = """# MOBI-IRM : étude mécanistique randomisée croisée en IRM fonctionnelle

| | |
|---|---|
| Promoteur | CHU de Rennes |
| Enregistrement | ClinicalTrials.gov NCT06687712 (enregistré le 20 octobre 2026) |

## 2.3 Critères de jugement

Le critère principal est la connectivité fonctionnelle de repos entre la PAG et le cortex
préfrontal ventromédian. La connectivité de repos de la PAG a une fidélité test-retest modérée à
bonne (CCI 0,61-0,78).

Les objectifs secondaires sont de comparer l'intensité de la douleur lombaire (échelle
numérique 0-10) et l'incapacité (questionnaire d'Oswestry).

## 3.2 Population

Critères d'inclusion :

- adulte de 18 à 60 ans ;
- intensité moyenne de la douleur ≥ 3/10 ;
- intensité moyenne ≥ 3/10 sur l'échelle numérique ;

## 3.3 Interventions

**Mobilisation.** Pression postéro-antérieure centrale sur l'épineuse de L4, grade III de
Maitland, 2 Hz guidée par métronome, 3 séries de 60 secondes séparées de 60 secondes de repos,
en décubitus ventral.

Les interventions seront réalisées par deux masseurs-kinésithérapeutes diplômés d'État ; la
fidélité sera contrôlée par l'enregistrement de la force.

## 3.4 Randomisation et insu

L'ordre des séances sera tiré au sort (blocs de taille variable 4 ou 6) par le logiciel du CIC.
Le manipulateur d'IRM, l'évaluateur des tests sensoriels et le neuroscientifique qui analysera
les images ignoreront l'intervention reçue.

## 3.5 Facteurs contrôlés

Les visites auront lieu à la même heure (± 1 h). Les participants ne modifieront pas leur
traitement pendant l'étude.

## 4.1 Nombre de sujets nécessaires

Le calcul porte sur le critère mécanistique principal. Pour détecter une différence de taille
d'effet d = 0,5 avec une puissance de 80 % et un risque alpha bilatéral de 5 %, 34 participants
sont nécessaires.

## 4.2 Analyse

L'analyse de modération testera l'interaction entre l'intervention et le phénotype MCD initial
(efficient ou déficient), défini a priori.
"""

PAPER_FR = """# Mobilisation lombaire et modulation de la douleur : essai randomisé croisé

## Résumé

Objectif : tester l'hypothèse selon laquelle une mobilisation postéro-antérieure lombaire active
les contrôles inhibiteurs descendants.

## 1. Introduction

Les mobilisations vertébrales produisent une hypoalgésie immédiate. Nous avons formulé a priori
l'hypothèse que la mobilisation de grade III renforce les contrôles inhibiteurs descendants.

## 2. Matériel et méthodes

### 2.2. Participants

Les adultes souffrant de lombalgie chronique non spécifique ont été inclus. Le diagnostic était
confirmé par un médecin de médecine physique et de réadaptation.

### 2.8. Analyse statistique

Une analyse exploratoire a recherché si le phénotype de MCD initial (efficient ou déficient)
modifiait l'effet de la mobilisation.

## Déclaration de liens d'intérêts

Les autres auteurs déclarent ne pas avoir de liens d'intérêts. A.-S. Moreau déclare des
honoraires de formation en thérapie manuelle de l'Institut de formation de Rennes.
"""

PROTOCOL_EN = """# Lumbar mobilisation and descending pain inhibition: a crossover protocol

## Interventions

Central posteroanterior pressure on the L4 spinous process, Maitland grade III, at 2 Hz,
three sets of 60 seconds separated by 60 seconds of rest.

The applied force will be recorded by a force platform under the table.

## Trial registration

The trial was registered on ClinicalTrials.gov (NCT06687712) on 20 October 2026.

## Blinding

The sensory testing assessor and the neuroscientist analysing the images will be unaware of
the intervention received.

## Sample size

The sample size calculation is based on the primary mechanistic outcome: 34 participants give
a power of 80% to detect an effect size of 0.5.
"""


@pytest.fixture(scope="module")
def protocol_fr() -> dict:
    return suggest(PROTOCOL_FR, "fr", study_type="mechanistic")


@pytest.fixture(scope="module")
def paper_fr() -> dict:
    return suggest(PAPER_FR, "fr", study_type="mechanistic", kind="paper")


@pytest.fixture(scope="module")
def protocol_en() -> dict:
    return suggest(PROTOCOL_EN, "en", study_type="mechanistic")


def test_a_techniques_dose_in_sets_and_grade_is_the_npis_dose(protocol_fr, protocol_en) -> None:
    """MEC03 quoted the randomisation of the sessions' order; the dose was the mobilisation's
    sets of 60 seconds at Maitland grade III, which no cue of sessions per week found."""
    assert first_quotation(protocol_fr["MEC03"]).startswith("Pression postéro-antérieure"), (
        protocol_fr["MEC03"].quotations)
    assert "X_dose" in protocol_fr["MEC03"].elements_found, protocol_fr["MEC03"].rationale
    assert first_quotation(protocol_en["MEC03"]).startswith("Central posteroanterior"), (
        protocol_en["MEC03"].quotations)


def test_the_sample_size_is_not_how_the_markers_are_measured(protocol_fr) -> None:
    """MEC05 and MEC06 quoted « Le calcul porte sur le critère mécanistique principal. »: the
    marker's reliability and the pain intensity are their evidence."""
    for invariant in ("MEC05", "MEC06"):
        assert not quoted(protocol_fr[invariant], "Le calcul porte"), (
            invariant, protocol_fr[invariant].quotations)
    assert first_quotation(protocol_fr["MEC05"]).startswith(
        "La connectivité de repos de la PAG a une fidélité test-retest"), (
        protocol_fr["MEC05"].quotations)
    assert first_quotation(protocol_fr["MEC06"]).startswith(
        "Les objectifs secondaires sont de comparer l'intensité de la douleur"), (
        protocol_fr["MEC06"].quotations)
    assert first_quotation(protocol_fr["MEC10"]).startswith("Pour détecter une différence"), (
        protocol_fr["MEC10"].quotations)


def test_an_eligibility_threshold_of_pain_intensity_is_no_dose(protocol_fr) -> None:
    """« intensité moyenne de la douleur ≥ 3/10 » read as the NPI's intensity (the element
    *dose*), quoted first by MEC07 and MEC03."""
    for invariant in ("MEC03", "MEC07"):
        assert not quoted(protocol_fr[invariant], "intensité moyenne"), (
            invariant, protocol_fr[invariant].quotations)


def test_a_force_recording_is_not_the_trials_registration(protocol_fr, protocol_en) -> None:
    """E03 quoted first « la fidélité sera contrôlée par l'enregistrement de la force »."""
    assert not quoted(protocol_fr["E03"], "enregistrement de la force"), (
        protocol_fr["E03"].quotations)
    assert quoted(protocol_fr["E03"], "NCT06687712"), protocol_fr["E03"].quotations
    assert not quoted(protocol_en["E03"], "force will be recorded"), (
        protocol_en["E03"].quotations)


def test_assessors_who_do_not_know_the_condition_are_blinded(protocol_fr, protocol_en) -> None:
    """MEC11 was not reported: the assessors « ignoreront l'intervention reçue »."""
    assert quoted(protocol_fr["MEC11"], "ignoreront l'intervention reçue"), (
        protocol_fr["MEC11"].answer, protocol_fr["MEC11"].quotations)
    assert quoted(protocol_en["MEC11"], "unaware of the intervention"), (
        protocol_en["MEC11"].answer, protocol_en["MEC11"].quotations)


def test_the_sessions_time_of_day_under_controlled_factors(protocol_fr) -> None:
    """MEC09 was not reported: section « 3.5 Facteurs contrôlés »."""
    assert first_quotation(protocol_fr["MEC09"]).startswith(
        "Les visites auront lieu à la même heure (± 1 h)."), protocol_fr["MEC09"].quotations


def test_a_supplement_taken_at_the_same_hour_is_adherence_not_a_controlled_factor() -> None:
    suggestions = suggest("# Vitamine D et grossesse\n\n## Observance\n\nToutes les participantes "
                          "sont encouragées à prendre les suppléments à la même heure chaque jour."
                          "\n", "fr", study_type="mechanistic")
    assert not quoted(suggestions["MEC09"], "à la même heure"), suggestions["MEC09"].quotations


def test_an_effect_modified_by_a_baseline_phenotype_explores_responders(protocol_fr,
                                                                        paper_fr) -> None:
    """MEC12 was not reported in the protocol, and quoted the paper's discussion."""
    assert quoted(protocol_fr["MEC12"], "L'analyse de modération testera"), (
        protocol_fr["MEC12"].quotations)
    assert first_quotation(paper_fr["MEC12"]).startswith(
        "Une analyse exploratoire a recherché si le phénotype"), paper_fr["MEC12"].quotations


def test_a_hypothesis_formulated_a_priori(paper_fr) -> None:
    """MEC02 quoted the abstract's objective first, not the hypothesis stated a priori."""
    assert first_quotation(paper_fr["MEC02"]).startswith(
        "Nous avons formulé a priori l'hypothèse"), paper_fr["MEC02"].quotations


def test_a_diagnosis_confirmed_by_a_physician(paper_fr) -> None:
    """E14 was not reported: « Le diagnostic était confirmé par un médecin »."""
    assert quoted(paper_fr["E14"], "Le diagnostic était confirmé par un médecin"), (
        paper_fr["E14"].answer, paper_fr["E14"].quotations)


def test_an_authors_fees_are_quoted_before_the_other_authors(paper_fr) -> None:
    assert first_quotation(paper_fr["E05"]).startswith("A.-S. Moreau déclare des honoraires"), (
        paper_fr["E05"].quotations)


@pytest.mark.parametrize("sham", ["contrôlé contre une mobilisation simulée",
                                  "contrôlé contre une stimulation factice"])
def test_a_french_sham_named_with_its_technique_is_the_comparator(sham: str) -> None:
    """MEC04 read no comparator in « essai randomisé croisé, contrôlé contre une mobilisation
    simulée », where English's "sham" is one."""
    text = (f"# Essai croisé\n\n## 2.1. Schéma de l'étude\n\nIl s'agit d'un essai randomisé croisé "
            f"en deux périodes, {sham}.\n")
    mec04 = suggest(text, "fr", study_type="mechanistic", kind="paper")["MEC04"]
    assert "X_comparator" in mec04.elements_found, mec04.rationale


def test_simulated_patients_are_no_comparator() -> None:
    text = ("# Formation\n\n## Méthodes\n\nLes étudiants s'entraînent avec des patients "
            "simulés.\n")
    mec04 = suggest(text, "fr", study_type="mechanistic")["MEC04"]
    assert "X_comparator" not in mec04.elements_found, mec04.rationale


@pytest.mark.parametrize(("lang", "thanks"), [
    ("fr", "Nous remercions les participants et l'association Lombalgie Solidarité pour sa "
           "relecture de la notice d'information."),
    ("en", "We thank the participants and the patient association Back Pain Together for "
           "reviewing the participant information sheet."),
])
def test_a_patients_association_thanked_for_reading_the_information_sheet(lang: str,
                                                                         thanks: str) -> None:
    """E11 was not reported: the acknowledgements thank a patients' association for reading
    the information sheet, an involvement the persona had to find himself."""
    heading = "Remerciements" if lang == "fr" else "Acknowledgements"
    text = f"# Essai croisé\n\n## {heading}\n\n{thanks}\n"
    e11 = suggest(text, lang, study_type="mechanistic", kind="paper")["E11"]
    assert e11.answer == "partially_met", e11.rationale
    assert first_quotation(e11) == thanks, e11.quotations


@pytest.mark.parametrize(("lang", "text", "raters"), [
    ("en", "# Protocol\n\n## Blinding\n\nA random sample of sessions will be rated by two trained "
           "graduate students, blind to condition and session number.\nAll investigators "
           "except the project statistician will be blinded to the randomisation schedule.\n",
     "blind to condition and session number"),
    ("fr", "# Protocole\n\n## Insu\n\nTrois investigateurs ignorant le bras de l'étude "
           "statueront sur les événements cardiovasculaires.\nLes évaluateurs des critères de "
           "jugement seront en aveugle du groupe d'assignation.\n",
     "ignorant le bras de l'étude"),
])
def test_mec11_does_not_put_raters_or_adjudicators_first_for_naming_the_condition(
        lang: str, text: str, raters: str) -> None:
    """The cue for assessors who "did not know" the condition reads the intervention, the
    session or the order, not the group, the arm nor "blind to condition": on train those
    were fidelity raters or event adjudicators, quoted before who was blinded."""
    mec11 = suggest(text, lang, study_type="mechanistic")["MEC11"]
    assert raters not in first_quotation(mec11), mec11.quotations
