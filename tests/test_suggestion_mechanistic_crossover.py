"""An exercise physiologist's walkthrough of a mechanistic crossover study (one session of
high-intensity interval versus moderate continuous exercise in fibromyalgia: IL-6, CRP, muscle
oxygenation, pressure pain thresholds), its protocol and its published paper: the hypothesis,
dose, markers, temporal order, mediation and standardised conditions the suggestions missed or
quoted from another matter (catalogue 1.5.15)."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

PROTOCOL = """# Interval versus continuous exercise in fibromyalgia: protocol for a crossover study

## 2.1 Hypothesised mechanism

Our working model is that exercise-induced hypoalgesia in fibromyalgia is mediated in part by
an anti-inflammatory myokine response. We hypothesise that a single session of HIIE, compared
with MICE, produces a larger rise in plasma IL-6 at the end of exercise and a larger increase
in pressure pain thresholds 30 minutes after exercise, and that the increase in IL-6 precedes
and statistically mediates the increase in PPT.

## 3.4 Experimental conditions

Both sessions will be performed on an electronically braked cycle ergometer and last 38
minutes in total. The mean power output, time in the target heart-rate zone and total
mechanical work (kJ) will be calculated for each session to quantify the dose actually
received.

## 3.5 Outcomes

The primary outcome is the change in plasma IL-6 from rest to immediately after exercise.
Venous blood samples will be drawn from an antecubital vein before exercise, immediately after
exercise, and at 1 h and 24 h. Plasma will be separated by centrifugation within 30 minutes
and stored at −80 °C in the Regional Research Biobank of Central Norway.

## 3.6 Visit schedule

All experimental sessions will start at 08:00 after an overnight fast and a standardised
breakfast, to control for diurnal variation in IL-6 and cortisol.

## 3.9 Statistical analysis

The temporal order of changes (IL-6 at the end of exercise before PPT at 30 min) will be
examined in the repeated measurements.

## 4.4 Risks, burden and safety

Participants will attend six visits with a total duration of about 10 hours and will have
eight venous blood samples of 10 mL each. Travel costs will be reimbursed.

## 4.5 User involvement

Two user representatives from the Norwegian Fibromyalgia Association took part in planning
the study.

## 4.6 Dissemination

After the study, participants will be offered a 12-week supervised exercise programme at the
hospital's outpatient physiotherapy department.
"""

PAPER = """# Interval exercise, interleukin-6 and pain thresholds in fibromyalgia: a crossover study

## Methods

### Interventions

Both sessions lasted 38 minutes. Mean power output was 142 W (SD 31) during the HIIE intervals
and 98 W (SD 24) during MICE; participants spent 91% and 94% of the prescribed time within the
target heart-rate zone, respectively.

### Outcomes and measurements

Venous blood was drawn before exercise, at the end of exercise, and at 1 h and 24 h. IL-6 was
measured in duplicate by high-sensitivity ELISA.

Sessions started at 08:00 after a standardised breakfast. Participants refrained from
strenuous activity for 48 h beforehand, and kept their usual medication unchanged throughout
the study.

### Statistical analysis

Outcomes were analysed with linear mixed models with condition, period, time and
condition-by-time interaction as fixed effects and participant as a random effect.
Within-subject mediation of the effect of condition on the change in quadriceps PPT by the
change in IL-6 was tested with MEMORE, with 5000 bootstrap resamples.

## Results

IL-6 increased from rest to the end of exercise after both sessions, more after HIIE than
after MICE (Table 1). The rise in IL-6 at the end of exercise preceded the rise in PPT at
30 min.
"""

PROTOCOLE = """# Exercice fractionné et fibromyalgie : protocole d'une étude croisée randomisée

## 2.1 Mécanisme supposé

Notre modèle de travail est que l'hypoalgésie induite par l'exercice est en partie médiée par
une réponse anti-inflammatoire des myokines. Nous faisons l'hypothèse qu'une séance d'exercice
fractionné augmente davantage l'IL-6 plasmatique, et que la hausse de l'IL-6 serait médiatrice
de la hausse du seuil de douleur à la pression.

## 3.5 Critères de jugement

Le sang veineux sera prélevé avant l'exercice, à la fin de l'exercice, puis à 1 h et à 24 h.
Le plasma sera congelé puis conservé à −80 °C dans la biobanque régionale.

## 3.6 Calendrier des visites

Toutes les séances commenceront à 8 h après un petit-déjeuner standardisé, pour contrôler les
variations nycthémérales de l'IL-6.

## 3.9 Analyse statistique

La médiation de l'effet de la condition par la variation de l'IL-6 sera testée par une
méthode de rééchantillonnage.

## 4.4 Risques et contraintes

Les participants effectueront six visites d'une durée totale d'environ 10 heures.

## 4.6 Après l'étude

À l'issue de l'étude, un programme d'exercice supervisé de 12 semaines sera proposé aux
participants.
"""


@pytest.fixture(scope="module")
def protocol() -> dict:
    return suggest(PROTOCOL, "en", study_type="mechanistic", kind="protocol")


@pytest.fixture(scope="module")
def paper() -> dict:
    return suggest(PAPER, "en", study_type="mechanistic", kind="paper")


@pytest.fixture(scope="module")
def protocole() -> dict:
    return suggest(PROTOCOLE, "fr", study_type="mechanistic", kind="protocol")


def test_a_present_tense_hypothesis_naming_its_mediator_is_the_mechanism(protocol) -> None:
    """MEC02 said 'does not seem to report: mechanism hypothesis; logic model or theoretical
    rationale' of a protocol stating "We hypothesise that … the increase in IL-6 precedes and
    statistically mediates the increase in PPT" under its heading "Hypothesised mechanism",
    with the authors' working model before it."""
    mec02 = protocol["MEC02"]
    assert mec02.answer == "met", mec02.rationale
    assert first_quotation(mec02).startswith("We hypothesise that a single session"), (
        mec02.quotations)
    assert quoted(mec02, "Our working model is that"), mec02.quotations


def test_the_french_hypothesis_naming_its_mediator_is_the_mechanism(protocole) -> None:
    mec02 = protocole["MEC02"]
    assert "X_mechanism_hypothesis" in mec02.elements_found, mec02.rationale
    assert "X_logic_model" in mec02.elements_found, mec02.rationale
    assert quoted(mec02, "Notre modèle de travail est que"), mec02.quotations


def test_the_study_visits_are_the_burden_not_the_dose(protocol, protocole) -> None:
    """MEC03 (the NPI and its dose) quoted first "Participants will attend six visits with a
    total duration of about 10 hours", the participants' burden, which E09 did not quote."""
    mec03 = protocol["MEC03"]
    assert not quoted(mec03, "attend six visits"), mec03.quotations
    assert first_quotation(mec03).startswith("The mean power output"), mec03.quotations
    assert quoted(protocol["E09"], "attend six visits"), protocol["E09"].quotations
    assert not quoted(protocole["MEC03"], "effectueront six visites"), (
        protocole["MEC03"].quotations)
    assert quoted(protocole["E09"], "effectueront six visites"), protocole["E09"].quotations


def test_which_changed_first_is_the_temporal_precedence(protocol, paper) -> None:
    """MEC07 quoted the paper's structured abstract, not "The rise in IL-6 … preceded the rise
    in PPT", and found no analysis (SPIRIT 20b) relating the time to the change in the protocol's
    planned analysis of the temporal order."""
    assert first_quotation(paper["MEC07"]).startswith("The rise in IL-6 at the end of exercise"), (
        paper["MEC07"].quotations)
    mec07 = protocol["MEC07"]
    assert "20b_Statistical_methods_Other_Analyses" in mec07.elements_found, mec07.rationale
    assert first_quotation(mec07).startswith("The temporal order of changes"), mec07.quotations


def test_mediation_tested_with_words_between_is_the_mediation_analysis(paper, protocole
                                                                       ) -> None:
    """MEC08 quoted the linear mixed model first, not "Within-subject mediation of the effect
    … was tested with MEMORE"."""
    assert first_quotation(paper["MEC08"]).startswith("Within-subject mediation"), (
        paper["MEC08"].quotations)
    assert quoted(protocole["MEC08"], "La médiation de l'effet"), protocole["MEC08"].quotations


def test_standardised_laboratory_conditions_are_the_confounders_controlled(paper, protocol,
                                                                            protocole) -> None:
    """MEC09 quoted "IL-6 increased from rest … (Table 1)" first, a result, and not the
    standardised breakfast, the activity refrained from or the medication kept unchanged."""
    mec09 = paper["MEC09"]
    assert first_quotation(mec09) == "Sessions started at 08:00 after a standardised breakfast.", (
        mec09.quotations)
    assert quoted(mec09, "kept their usual medication unchanged"), mec09.quotations
    assert quoted(protocol["MEC09"], "to control for diurnal variation"), (
        protocol["MEC09"].quotations)
    assert quoted(protocole["MEC09"], "petit-déjeuner standardisé"), protocole["MEC09"].quotations


def test_the_time_in_the_target_zone_is_the_dose_received(paper) -> None:
    """MEC03 said 'does not seem to report: participant adherence' of a paper giving the share
    of the prescribed time spent in the target heart-rate zone."""
    mec03 = paper["MEC03"]
    assert mec03.answer == "met", mec03.rationale
    assert quoted(mec03, "91% and 94% of the prescribed time"), mec03.quotations


def test_user_representatives_planning_the_study_is_their_involvement(protocol) -> None:
    """E11 said 'does not seem to report: co-design with users or practitioners' of "Two user
    representatives … took part in planning the study"."""
    e11 = protocol["E11"]
    assert "X_codesign" in e11.elements_found, e11.rationale
    assert e11.answer == "met", e11.rationale


def test_the_npi_offered_after_the_study_is_post_study_access(protocol, protocole) -> None:
    """E14 said 'does not seem to report: ancillary care and care after the study' of "After
    the study, participants will be offered a 12-week supervised exercise programme"."""
    e14 = protocol["E14"]
    assert "30_Post_trial_care" in e14.elements_found, e14.rationale
    assert quoted(e14, "After the study, participants will be offered"), e14.quotations
    assert "30_Post_trial_care" in protocole["E14"].elements_found, protocole["E14"].rationale


def test_a_multiplicity_correction_is_no_confounder_control() -> None:
    text = ("# Protocol\n\n## Statistical analysis\n\nThe Holm procedure will be used to control "
            "for multiple comparisons across the three pain sites.\n")
    assert not quoted(suggest(text, "en", study_type="mechanistic")["MEC09"], "Holm procedure")


BASELINE = """# Exercise and pain sensitivity in fibromyalgia: a randomised crossover study

## Methods

### Participants

The diagnosis was confirmed by a rheumatologist according to the 2016 revised ACR criteria at
a screening visit.

## Results

Of 47 people screened, 30 were randomised and 28 completed both sessions. {baseline}

IL-6 increased from rest to the end of exercise after both sessions, more after HIIE than
after MICE (Table 1).
"""


@pytest.mark.parametrize("lang, baseline, words", [
    ("en", "Participants were 25 women and 3 men, mean age 46 years (SD 9), median symptom "
           "duration 9 years, and mean FIQR 58 (SD 14).", "median symptom duration 9 years"),
    ("fr", "Les participants étaient 25 femmes et 3 hommes, d'âge moyen 46 ans, avec une "
           "ancienneté médiane des symptômes de 9 ans et un FIQR moyen de 58.",
     "ancienneté médiane des symptômes"),
])
def test_the_participants_disease_at_baseline_not_a_result(lang, baseline, words) -> None:
    """MEC01 asks a paper for the participants' disease characteristics at baseline: it quoted
    "IL-6 increased from rest … (Table 1)", a result, as the baseline data."""
    text = BASELINE.format(baseline=baseline)
    if lang == "fr":
        text = text.replace("IL-6 increased from rest to the end of exercise after both sessions, "
                            "more after HIIE than\nafter MICE (Table 1).",
                            "L'IL-6 a augmenté davantage après l'exercice fractionné (tableau 1).")
    mec01 = suggest(text, lang, study_type="mechanistic", kind="paper")["MEC01"]
    assert quoted(mec01, words), mec01.quotations
    assert not quoted(mec01, "IL-6 increased from rest"), mec01.quotations


def test_a_papers_mediation_tested_is_its_mediation_analysis(paper) -> None:
    """The paper's mediation analysis was partially met, with the mediation tested ("Within-
    subject mediation … was tested with MEMORE")."""
    assert "20b_Statistical_methods_Other_Analyses" in paper["MEC08"].elements_found, (
        paper["MEC08"].rationale)
    assert paper["MEC08"].answer == "met", paper["MEC08"].rationale


@pytest.mark.parametrize("lang, text", [
    ("en", "The primary outcome is the change in plasma IL-6 concentration from rest to 1 h after "
           "exercise. Venous blood will be drawn before exercise, at the end of exercise, and at "
           "1 h and 24 h. Plasma will be stored at −80 °C in the regional biobank. IL-6 will be "
           "measured by high-sensitivity ELISA."),
    ("fr", "Le critère de jugement principal est la variation de la concentration plasmatique "
           "d'IL-6 entre le repos et 1 h après l'exercice. Le sang veineux sera prélevé avant "
           "l'exercice, à la fin de l'exercice, puis à 1 h et à 24 h. Le plasma sera conservé à "
           "−80 °C dans la biobanque régionale. L'IL-6 sera dosée par ELISA haute sensibilité."),
])
def test_markers_sampled_stored_and_assayed_are_not_valid_and_reliable_markers(lang, text
                                                                               ) -> None:
    """When and how samples are taken, stored and assayed do not show the markers' validity and
    reliability in the population studied, which MEC05 asks. A version that read such
    sentences as the schedule, the data collection and the specimens made MEC05 *met* from
    them; judged blind on train, its changed MEC05 suggestions were worse in 12 of 19 English
    and 18 of 19 French cases (the model card's 1.5.15 entry)."""
    heading = "Mesures" if lang == "fr" else "Measurements"
    mec05 = suggest(f"# Protocol\n\n## {heading}\n\n{text}\n", lang,
                    study_type="mechanistic", kind="protocol")["MEC05"]
    assert mec05.answer != "met", mec05.rationale


@pytest.mark.parametrize("lang, text", [
    ("en", "Participants and exercise staff cannot be blinded to the condition. Blood samples "
           "will be coded and analysed in batches by laboratory staff unaware of the condition."),
    ("fr", "Les participants et l'équipe d'exercice ne peuvent pas être en aveugle de la "
           "condition. Les échantillons sanguins seront codés et analysés par lots par le "
           "personnel du laboratoire, qui ignore la condition."),
])
def test_samples_coded_before_analysis_are_how_the_measurement_is_blinded(lang, text) -> None:
    """MEC11 said 'does not seem to report: how blinding is achieved' of samples coded and
    analysed by staff unaware of the condition."""
    heading = "Insu" if lang == "fr" else "Blinding"
    mec11 = suggest(f"# Protocol\n\n## {heading}\n\n{text}\n", lang, study_type="mechanistic",
                    kind="protocol")["MEC11"]
    assert "17c_Masking_Type" in mec11.elements_found, mec11.rationale


def test_data_coded_for_entry_is_no_blinding() -> None:
    text = ("# Paper\n\n## Statistical analysis\n\nThe data were coded, entered and analysed "
            "using the SPSS 20 statistical package.\n")
    mec11 = suggest(text, "en", study_type="mechanistic", kind="paper")["MEC11"]
    assert "17c_Masking_Type" not in mec11.elements_found, mec11.quotations


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Sensitivity analyses included participants whose data were collected within a "
           "temporal window of 6 weeks around 12 months."),
    ("fr", "Les analyses de sensibilité incluaient les participants dont les données avaient "
           "été recueillies dans une fenêtre temporelle de 6 semaines autour des 12 mois."),
])
def test_a_sensitivity_analysis_time_window_is_no_temporal_precedence(lang, sentence) -> None:
    """MEC07 (temporal precedence) read « une fenêtre temporelle » of a sensitivity analysis
    as an analysis relating the time to the change."""
    text = f"# Paper\n\n## Statistical analysis\n\n{sentence}\n"
    mec07 = suggest(text, lang, study_type="mechanistic", kind="paper")["MEC07"]
    assert not quoted(mec07, "ensitivity") and not quoted(mec07, "sensibilité"), (
        mec07.quotations)


@pytest.mark.parametrize("sentence", [
    "Les participants recevront des conseils pour contrôler le poids et la glycémie.",
    "Des échantillons de sang séché ont été recueillis pour contrôler l'observance.",
])
def test_french_advice_or_an_adherence_check_is_no_confounder_controlled(sentence) -> None:
    """« pour contrôler » names a confounder controlled only with a confounder, a variation or
    a bias after it, as "to control for" does in English."""
    text = f"# Protocole\n\n## Méthodes\n\n{sentence}\n"
    mec09 = suggest(text, "fr", study_type="mechanistic", kind="protocol")["MEC09"]
    assert not quoted(mec09, "pour contrôler"), mec09.quotations


@pytest.mark.parametrize("lang, text", [
    ("en", "All experimental sessions will start at 08:00 after a standardised breakfast, to "
           "control for diurnal variation in IL-6. Participants are asked not to change their "
           "medication during the study."),
    ("fr", "Toutes les séances commenceront à 8 h après un petit-déjeuner standardisé, pour "
           "contrôler les variations nycthémérales de l'IL-6. Les participants conserveront leur "
           "traitement habituel inchangé pendant l'étude."),
])
def test_standardised_conditions_and_medication_unchanged_are_confounders_and_co_care(
        lang, text) -> None:
    """MEC09 said 'Usual wording not found …: confounders and adjustment; concomitant care' of
    a protocol controlling the time of day and the breakfast, and keeping medication
    unchanged."""
    heading = "Conditions standardisées" if lang == "fr" else "Standardised conditions"
    mec09 = suggest(f"# Protocol\n\n## {heading}\n\n{text}\n", lang, study_type="mechanistic",
                    kind="protocol")["MEC09"]
    assert {"X_confounders", "11d_Intervention_Concomitant"} <= set(mec09.elements_found), (
        mec09.rationale)
    assert not mec09.elements_inferred, mec09.rationale


@pytest.mark.parametrize("lang, sentence", [
    ("en", "As pre-specified, we explored whether sex, baseline hs-CRP and FIQR score modified "
           "the PPT response."),
    ("fr", "Comme prévu, nous avons exploré si le sexe, la CRP initiale et le score FIQR "
           "modifiaient la réponse du seuil de douleur."),
])
def test_exploring_what_modifies_the_response_is_the_moderator_analysis(lang, sentence
                                                                        ) -> None:
    """MEC12 said 'additional analyses … perhaps in the quotation (check)' of a paper that
    explored whether sex, CRP and FIQR modified the response."""
    text = f"# Paper\n\n## Statistical analysis\n\n{sentence}\n"
    mec12 = suggest(text, lang, study_type="mechanistic", kind="paper")["MEC12"]
    assert "20b_Statistical_methods_Other_Analyses" in mec12.elements_found, mec12.rationale
    assert "20b_Statistical_methods_Other_Analyses" not in mec12.elements_inferred
