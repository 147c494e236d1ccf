"""A French exercise physiologist's walkthrough of a mechanistic randomised trial (12 weeks of
aerobic training against lifestyle advice in older adults with knee osteoarthritis: hs-CRP,
IL-6, TNF-α, muscle biopsies), its protocol and its results paper: the a-priori hypothesis a
paper recalls with words between, a mediator named in a limitation, samples coded with their
kind named after the noun, and function measured by the WOMAC as the health outcome."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

ARTICLE = """# Un entraînement aérobie réduit l'inflammation systémique dans la gonarthrose

## Introduction

Selon le modèle de la myokine anti-inflammatoire, le muscle en contraction libère de l'IL-6.

Nous avions formulé a priori, dans le protocole enregistré (NCT06712345), l'hypothèse que
l'entraînement aérobie réduirait la hs-CRP d'au moins 25 % par rapport au groupe contrôle, par
une diminution de l'expression musculaire de gènes pro-inflammatoires.

## Méthodes

La masse grasse viscérale a été mesurée par DXA, la douleur et la fonction par l'indice WOMAC,
la capacité aérobie par la VO2pic.

## Discussion

L'analyse de médiation suppose l'absence de facteur de confusion non mesuré entre médiateur et
critère.
"""

PAPER = """# Aerobic training lowers systemic inflammation in knee osteoarthritis

## Introduction

We had hypothesised, in the registered protocol (NCT06712345), that aerobic training would
lower hs-CRP by at least 25% compared with the control group, through a decrease in the muscle
expression of pro-inflammatory genes.

## Methods

Visceral fat was measured by DXA, pain and physical function by the WOMAC index, and aerobic
capacity by peak VO2.

## Discussion

The mediation analysis assumes no unmeasured confounding between mediator and outcome.
"""


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Les résultats ont été analysés par un modèle mixte ; l'hypothèse de normalité a été "
           "vérifiée par une diminution du nombre de valeurs aberrantes."),
    ("fr", "Nous avons émis l'hypothèse que les participants seraient assidus."),
])
def test_no_mechanism_hypothesis_from_an_assumption_or_a_plain_expectation(lang, sentence) -> None:
    """Bad input: a statistical assumption or an expectation with no mechanism is no
    hypothesised mechanism (at most an element found only in a sentence about another matter,
    never quoted)."""
    mec02 = suggest(f"# Article\n\n## Méthodes\n\n{sentence}\n", lang, study_type="mechanistic",
                    kind="paper")["MEC02"]
    assert not any(q.element == "X_mechanism_hypothesis" for q in mec02.quotations), (
        mec02.quotations)
    assert mec02.answer != "met", mec02.rationale


@pytest.mark.parametrize("sentence", [
    "Les échantillons sanguins et musculaires seront codés par un technicien non impliqué dans "
    "l'étude.",
    "Les prélèvements de sang et de muscle seront codés avant l'analyse.",
])
def test_french_samples_named_with_their_kind_coded_is_how_blinding_is_kept(sentence) -> None:
    """MEC11 said 'Usual wording not found …: how blinding is ensured' of « Les échantillons
    sanguins et musculaires seront codés … »: French names the samples' kind after the
    noun."""
    text = ("# Protocole\n\n## Insu\n\nLes biologistes ignoreront le groupe d'allocation. "
            f"Les participants ne peuvent pas être en aveugle du groupe. {sentence}\n")
    mec11 = suggest(text, "fr", study_type="mechanistic", kind="protocol")["MEC11"]
    assert quoted(mec11, sentence[:30]), mec11.quotations
    assert "17c_Masking_Type" in mec11.elements_found, mec11.rationale


def test_french_data_coded_is_still_no_blinding() -> None:
    """Bad input: data coded and entered is a data entry, not samples coded blind."""
    text = ("# Protocole\n\n## Données\n\nLes données des questionnaires et des carnets seront "
            "saisies puis codées par l'attaché de recherche clinique.\n")
    mec11 = suggest(text, "fr", study_type="mechanistic", kind="protocol")["MEC11"]
    assert "17c_Masking_Type" not in mec11.elements_found, mec11.rationale


@pytest.mark.parametrize("lang, text, words", [
    ("fr", ARTICLE, "la douleur et la fonction par l'indice WOMAC"),
    ("en", PAPER, "pain and physical function by the WOMAC index"),
    ("fr", "La fonction du genou sera évaluée par l'indice algofonctionnel de Lequesne à S0 et "
           "S12.", "La fonction du genou"),
])
def test_function_measured_by_a_named_instrument_is_a_health_outcome(lang, text, words) -> None:
    """MEC06 said the health outcome (quality of life or autonomy) was not reported by a knee
    osteoarthritis study measuring pain and function with the WOMAC."""
    mec06 = suggest(f"# Study\n\n## Outcomes\n\n{text}\n", lang, study_type="mechanistic",
                    kind="paper")["MEC06"]
    assert "X_quality_of_life" in mec06.elements_found, mec06.rationale
    assert quoted(mec06, words), mec06.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Le WOMAC a été traduit en français en 1996."),
    ("en", "Renal function was normal in all participants (eGFR > 60)."),
])
def test_no_function_outcome_from_an_instrument_alone_or_an_organ_function(lang, sentence) -> None:
    """Bad input: an instrument's history or an organ's function is no function outcome."""
    mec06 = suggest(f"# Study\n\n## Methods\n\n{sentence}\n", lang, study_type="mechanistic",
                    kind="paper")["MEC06"]
    assert "X_quality_of_life" not in mec06.elements_found, mec06.rationale


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Environ 100 mg de tissu seront prélevés, immédiatement congelés dans l'azote liquide "
           "et conservés à −80 °C."),
    ("en", "Plasma will be separated by centrifugation and stored at −80 °C until analysis."),
])
def test_specimens_frozen_or_stored_at_minus_80_are_the_biological_specimens(lang,
                                                                             sentence) -> None:
    """MEC05 said 'Usual wording not found …: biological specimens' of a protocol keeping its
    muscle biopsies in liquid nitrogen and at −80 °C."""
    mec05 = suggest(f"# Protocol\n\n## Outcomes\n\n{sentence}\n", lang, study_type="mechanistic",
                    kind="protocol")["MEC05"]
    assert "33_Biological_specimens" in mec05.elements_found, mec05.rationale
    assert quoted(mec05, sentence[:20]), mec05.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Les questionnaires seront conservés 15 ans aux archives du centre."),
    ("en", "The room was kept at 20 °C during the sessions."),
])
def test_no_specimens_from_archived_papers_or_a_room_temperature(lang, sentence) -> None:
    """Bad input: archives kept, or a temperature above zero, are no specimens stored."""
    mec05 = suggest(f"# Protocol\n\n## Outcomes\n\n{sentence}\n", lang, study_type="mechanistic",
                    kind="protocol")["MEC05"]
    assert "33_Biological_specimens" not in mec05.elements_found, mec05.rationale


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Dans le groupe entraîné, la relation dose–réponse entre le volume d'entraînement "
           "réalisé et la variation de hs-CRP sera étudiée par régression linéaire."),
    ("fr", "La précédence temporelle sera examinée en testant si la variation de TNF entre S0 et "
           "S6 prédit la variation de hs-CRP entre S6 et S12."),
    ("en", "The dose–response relationship between the training volume and the change in "
           "hs-CRP will be examined by linear regression."),
])
def test_a_planned_dose_response_or_temporal_precedence_is_the_analysis(lang, sentence) -> None:
    """MEC07 said 'Usual wording not found …: other analyses' of a protocol planning its
    dose–response analysis (with an en dash) and its temporal precedence."""
    mec07 = suggest(f"# Protocole\n\n## Analyse statistique\n\n{sentence}\n", lang,
                    study_type="mechanistic", kind="protocol")["MEC07"]
    assert "20b_Statistical_methods_Other_Analyses" in mec07.elements_found, mec07.rationale
    assert quoted(mec07, sentence[:20]), mec07.quotations


def test_a_dose_response_named_but_not_analysed_is_no_analysis() -> None:
    """Bad input: a dose–response cited from the literature with no analysis planned."""
    text = ("# Protocole\n\n## Analyse statistique\n\nUne relation dose–réponse a été décrite "
            "chez l'adulte jeune.\n")
    mec07 = suggest(text, "fr", study_type="mechanistic", kind="protocol")["MEC07"]
    assert "20b_Statistical_methods_Other_Analyses" not in mec07.elements_found, mec07.rationale


@pytest.mark.parametrize("lang, sentence", [
    ("en", "The theoretical foundation for the programme is the trans-theoretical model."),
    ("fr", "Le cadre théorique du programme est le modèle transthéorique."),
])
def test_a_named_theory_is_still_the_logic_model(lang, sentence) -> None:
    """The hypothesis's ``about`` concerns that element only: a theory named by the logic
    model's cues is still quoted (a version that put the logic model's worded patterns under
    ``about`` made it found only in sentences about another matter)."""
    mec02 = suggest(f"# Protocol\n\n## Background\n\n{sentence}\n", lang,
                    study_type="mechanistic", kind="protocol")["MEC02"]
    assert "X_logic_model" not in mec02.elements_missing, mec02.rationale
    assert any(q.element == "X_logic_model" for q in mec02.quotations), mec02.quotations


MEC09_PROTOCOL = {
    "fr": ("# Protocole\n\n## Facteurs de confusion\n\nL'analyse principale sera ajustée sur la "
           "valeur initiale de hs-CRP et sur le sexe. Les traitements concomitants seront relevés "
           "à chaque visite. Les participants du groupe contrôle recevront deux entretiens de "
           "conseils d'hygiène de vie.{rationale}\n"),
    "en": ("# Protocol\n\n## Confounding factors\n\nThe primary analysis will be adjusted for "
           "baseline hs-CRP and sex. Concomitant treatments will be recorded at each visit. "
           "Participants in the control group will receive two lifestyle advice sessions."
           "{rationale}\n"),
}


@pytest.mark.parametrize("lang, rationale", [
    ("fr", " Le choix d'un groupe contrôle recevant des conseils, sans entraînement, est justifié "
           "par la nécessité d'isoler l'effet spécifique de l'exercice."),
    ("fr", " Les deux entretiens assurent une attention comparable dans les deux groupes."),
    ("en", " The control group was chosen to isolate the effect of the exercise itself."),
    ("en", " The advice sessions control for attention and contact with the study team."),
    ("en", " Lifestyle advice has been chosen as a comparator because it is the standard care."),
    ("en", " Explanation for the choice of comparators: advice is the care usually offered."),
    ("en", " The placebo sessions are matched in terms of duration and setting."),
    ("fr", " Les conseils d'hygiène de vie ont été choisis comme comparateur car ils sont la prise "
           "en charge habituelle."),
    ("fr", " Nous avons choisi un placebo comme contrôle, car c'est le test le plus rigoureux."),
    ("en", " We chose a placebo as the control because it is the most rigorous test."),
    ("fr", " Pour des raisons éthiques, le groupe contrôle recevra des conseils plutôt qu'aucune "
           "intervention."),
    ("en", " The study will investigate the specific effect of the training versus a placebo "
           "of stretching."),
    ("fr", " L'étude évaluera l'effet spécifique de l'entraînement par rapport à un placebo "
           "d'étirements."),
    # Said in the discussion, where a protocol or paper often argues its comparator.
    ("en", "\n\n## Discussion\n\nWe therefore decided not to use a placebo control group, as "
           "sham exercise has physiological effects."),
    ("fr", "\n\n## Discussion\n\nNous avons donc décidé de ne pas utiliser de groupe contrôle "
           "placebo, un exercice simulé ayant des effets physiologiques."),
])
def test_mec09_met_with_the_comparator_justified(lang, rationale) -> None:
    """MEC09's statement asks the comparator to be chosen and justified so as to isolate the
    active component: with that said, confounders, concomitant care and comparator make it
    met."""
    mec09 = suggest(MEC09_PROTOCOL[lang].format(rationale=rationale), lang,
                    study_type="mechanistic", kind="protocol")["MEC09"]
    assert mec09.answer == "met", mec09.rationale
    assert not mec09.details_missing, mec09.rationale


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_mec09_partially_met_when_the_comparator_is_not_justified(lang) -> None:
    """MEC09 was met for any trial adjusting for covariates and describing its control arm
    (« Décrit le comparateur sans expliquer ce qu'il contrôle » is the guidance's partially
    met): without the comparator's rationale it is partially met and says what is missing."""
    mec09 = suggest(MEC09_PROTOCOL[lang].format(rationale=""), lang, study_type="mechanistic",
                    kind="protocol")["MEC09"]
    assert {"X_confounders", "X_comparator"} <= set(mec09.elements_found), mec09.rationale
    assert mec09.answer == "partially_met", mec09.rationale
    assert mec09.details_missing == ["comparator_rationale"], mec09.details_missing
    assert ("comparateur" if lang == "fr" else "comparator") in mec09.rationale[lang]


@pytest.mark.parametrize("lang, sentence", [
    ("fr", "Le groupe contrôle sera choisi au hasard parmi les patients du service."),
    ("fr", "Une infirmière contrôlera la tension artérielle à chaque visite."),
    ("en", "The research nurse will control the blood pressure cuff size for each patient."),
])
def test_no_comparator_rationale_from_other_choices_or_controls(lang, sentence) -> None:
    """Bad input: a group chosen at random or a nurse checking blood pressure is no reason
    for the comparator."""
    mec09 = suggest(MEC09_PROTOCOL[lang].format(rationale=" " + sentence), lang,
                    study_type="mechanistic", kind="protocol")["MEC09"]
    assert mec09.details_missing == ["comparator_rationale"], mec09.rationale


@pytest.mark.parametrize("lang, heading", [
    ("en", "Explanation for the choice of comparators {6b}"),
    ("en", "Rationale for using the established treatment as the control group"),
    ("fr", "Justification du choix des comparateurs {6b}"),
    ("fr", "Justification de l'utilisation du traitement établi comme groupe témoin"),
])
def test_a_comparators_heading_is_no_rationale(lang, heading) -> None:
    """SPIRIT 6b's heading names the comparator's rationale without stating it (train: two
    protocols were met by their heading alone, one whose text below spoke of the dose): the
    text under it is read, and a reason not to use another comparator counts."""
    below = {"en": "Participants in the control group will receive two lifestyle advice "
                   "sessions.",
             "fr": "Les participants du groupe contrôle recevront deux entretiens de conseils "
                   "d'hygiène de vie."}[lang]
    text = MEC09_PROTOCOL[lang].format(rationale="") + f"\n## {heading}\n\n{below}\n"
    mec09 = suggest(text, lang, study_type="mechanistic", kind="protocol")["MEC09"]
    assert mec09.details_missing == ["comparator_rationale"], mec09.quotations
    reason = {"en": "A wait-list control group is not ethically justified, as participants "
                    "would go untreated all winter.",
              "fr": "L'ajout d'un groupe témoin sur liste d'attente n'est pas éthiquement "
                    "justifié, car les participants resteraient sans traitement tout "
                    "l'hiver."}[lang]
    mec09 = suggest(f"{text}\n{reason}\n", lang, study_type="mechanistic",
                    kind="protocol")["MEC09"]
    assert (mec09.answer, mec09.details_missing) == ("met", []), mec09.rationale
    assert quoted(mec09, reason[:30]), mec09.quotations


@pytest.mark.parametrize("lang, sentence", [
    # A placebo control named, not what it controls for.
    ("fr", "La présence d'un contrôle placebo permettra de comparer l'efficacité du "
           "médicament à celle du placebo."),
    # Because of the control group's care, not the reason for it.
    ("fr", "En raison des soins habituels optimisés dans le groupe témoin, nous nous attendons "
           "à une baisse de la prévalence."),
])
def test_a_placebo_control_named_or_because_of_it_is_no_rationale(lang, sentence) -> None:
    mec09 = suggest(MEC09_PROTOCOL[lang].format(rationale=" " + sentence), lang,
                    study_type="mechanistic", kind="protocol")["MEC09"]
    assert mec09.details_missing == ["comparator_rationale"], mec09.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Cognitive factors will be explored as mediators of the intervention effect on "
           "adherence."),
    ("fr", "Les scores seront inclus en tant que médiateurs potentiels de l'effet du "
           "traitement."),
])
def test_mediators_of_the_effect_are_still_a_mechanism(lang, sentence) -> None:
    """The hypothesis's ``about`` keeps mediators named for the NPI's effect (train: a
    protocol's "explored as mediators of the intervention effect" was its hypothesis)."""
    mec02 = suggest(f"# Protocol\n\n## Background\n\n{sentence}\n", lang,
                    study_type="mechanistic", kind="protocol")["MEC02"]
    assert any(q.element == "X_mechanism_hypothesis" for q in mec02.quotations), (
        mec02.quotations)
