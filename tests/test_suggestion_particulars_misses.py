"""Particulars (``evidence.details``) a blind judge found missed at 1.5.18, and what was
taken back after the blind judging of 1.5.19 on train.

*OBS08*, of a protocol: countermeasures stated in its discussion's bias section (« ##
Discussion / ### Limites et biais »), every effort to keep participants followed, those who
miss a visit seen at home, are read. Taken back: a survey's response maximised, a
cross-sectional design said to avoid losses, a reminder to those who did not respond, and an
analysis of covariance on the baseline score (met on protocols whose other biases go
unaddressed, judged worse). *E08*, of a protocol: « arrêt précoce de la participation … en
cas de » is a participant's stopping rule; one naming who decides but not when stays no rule;
a rule stated only in the discussion is not read (taken back). *MEC05*: an assay's quality
control without a reliability figure is not read (taken back)."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest
from test_suggestion_harms_particulars import PROTOCOL_ELEMENTS, TEXT
from test_suggestion_harms_particulars import _detections as harms_detections
from test_suggestion_particulars_obs_mec import (
    ANALYSIS,
    BIAS,
    CONFOUNDING,
    LOSSES,
    TITLE,
    mec05,
    obs08,
)

from checker.documents import extract_document

# OBS08: a protocol whose bias section stands in its discussion.
DISCUSSION = {"en": "## Discussion\n\n### Limitations and bias",
              "fr": "## Discussion\n\n### Limites et biais"}
ATTRITION = {
    "en": "Attrition bias: the period of follow-up is short and loss to follow-up in the study "
          "area is minimal. All efforts will be made to ensure follow-up in the study. In case "
          "of a no-show at the clinic, community health workers will be sent to the "
          "participant's house.",
    "fr": "Biais d'attrition : la période de suivi est courte et les perdus de vue dans la "
          "zone de l'étude sont peu nombreux. Tout sera mis en œuvre pour assurer le suivi "
          "dans l'étude. En cas d'absence au centre, des agents de santé communautaires seront "
          "envoyés au domicile du participant.",
}
# A survey's response maximised, its cross-sectional design avoiding losses.
SURVEY = {
    "en": "Response rates are maximised in several ways: at least three repeat visits are "
          "made to households where respondents are not available at the first visit, and the "
          "cross-sectional design avoids the problem of loss to follow-up between survey "
          "rounds.",
    "fr": "Les taux de réponse sont maximisés de plusieurs manières : au moins trois visites "
          "répétées sont effectuées dans les foyers où les répondants ne sont pas disponibles "
          "lors de la première visite, et le plan transversal écarte le problème des perdus "
          "de vue entre les vagues d'enquête.",
}
# Naming the bias in the discussion without a countermeasure is still none.
ATTRITION_NAMED = {
    "en": "Attrition bias may occur, as this population moves often.",
    "fr": "Un biais d'attrition peut survenir, cette population étant très mobile.",
}
ANCOVA = {
    "en": "Changes in the score from day 0 to day 7 will be compared by analysis of "
          "covariance (ANCOVA) including as covariates the score at day 0 and the group.",
    "fr": "Les variations du score entre le jour 0 et le jour 7 seront comparées par analyse "
          "de covariance (ANCOVA) incluant comme covariables le score au jour 0 et le groupe.",
}
BASELINE_COVARIATE = {
    "en": "A mixed model will include the group and the visit as fixed effects and baseline "
          "as covariate.",
    "fr": "Un modèle mixte inclura le groupe, la visite et la valeur initiale comme "
          "covariable.",
}


# Reminders to those who have not responded, in the methods.
REMINDER = {
    "en": "A reminder will be sent automatically if a participant has not responded within "
          "72 h.",
    "fr": "Un rappel sera envoyé automatiquement si un participant n'a pas répondu dans les "
          "72 h.",
}
BASELINE_DIFFERING = {
    "en": "Adjusted hazard ratios will be estimated accounting for the effect of any baseline "
          "variable found to differ between the two groups.",
    "fr": "Des hazard ratios ajustés seront estimés en tenant compte de toute variable à "
          "l'inclusion s'avérant différer entre les deux groupes.",
}


def with_discussion(lang: str, methods: list[dict[str, str]],
                    discussion: list[dict[str, str]]) -> str:
    parts = [TITLE[lang], BIAS[lang]]
    if methods:
        parts += [ANALYSIS[lang], " ".join(s[lang] for s in methods)]
    parts += [DISCUSSION[lang], " ".join(s[lang] for s in discussion)]
    return "\n\n".join(parts) + "\n"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_losses_handled_in_the_discussion_s_bias_section_are_read(lang):
    suggestion = obs08(with_discussion(lang, [CONFOUNDING], [ATTRITION]), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    words = {"en": "All efforts will be made", "fr": "Tout sera mis en œuvre"}[lang]
    assert quoted(suggestion, words)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("sentence", [SURVEY, REMINDER])
def test_a_survey_s_response_or_a_reminder_is_not_the_handling_of_losses(lang, sentence):
    """Taken back after blind judging: read as the handling of losses, they made met
    protocols whose other biases go unaddressed."""
    suggestion = obs08(with_discussion(lang, [CONFOUNDING, sentence], [ATTRITION_NAMED]), lang)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["losses_handling"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_bias_named_in_the_discussion_without_a_measure_stays_partially_met(lang):
    suggestion = obs08(with_discussion(lang, [CONFOUNDING], [ATTRITION_NAMED]), lang)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["losses_handling"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_adjusting_for_baseline_variables_found_to_differ_is_adjustment(lang):
    suggestion = obs08(with_discussion(lang, [LOSSES, BASELINE_DIFFERING], [ATTRITION_NAMED]),
                       lang)
    assert suggestion.answer == "met", suggestion.rationale


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("sentence", [ANCOVA, BASELINE_COVARIATE])
def test_an_analysis_of_covariance_on_the_baseline_score_is_not_read(lang, sentence):
    """Taken back after blind judging (met on protocols whose other biases go
    unaddressed)."""
    suggestion = obs08(with_discussion(lang, [LOSSES, sentence], [ATTRITION_NAMED]), lang)
    assert suggestion.details_missing == ["confounding_measure"], suggestion.rationale


# E08: a participant's stopping rule stated only in the discussion.
STOP_IN_DISCUSSION = {
    "en": "Participants will be withdrawn from the programme if their symptoms worsen.",
    "fr": "Les participants seront retirés du programme en cas d'aggravation de leurs "
          "symptômes.",
}
EARLY_DISCONTINUATION = {
    "en": "This design protects patients through early discontinuation of trial participation "
          "in case of a deterioration of their condition.",
    "fr": "Ce schéma protège les patients grâce à l'arrêt précoce de la participation à "
          "l'essai en cas d'aggravation de leur état.",
}
# Who decides, not when: no criteria, so no rule.
WHO_DECIDES = {
    "en": "The investigator may stop a participant's intervention. The investigator may "
          "withdraw a participant from the study at any time.",
    "fr": "La participation à l'étude pourra être interrompue sur décision du psychiatre. "
          "L'investigateur pourra retirer un participant de l'étude à tout moment.",
}


def e08(lang: str, rule: dict[str, str], *, in_discussion: bool):
    methods = ["contraindications", "collected", "committee", "trial_rule"]
    parts = [TEXT["title"][lang], TEXT["methods"][lang],
             " ".join(TEXT[key][lang] for key in methods)]
    parts += ["## Discussion", rule[lang]] if in_discussion else [rule[lang]]
    document = extract_document(("\n\n".join(parts) + "\n").encode(), "doc.md")
    return suggest(document, lang, study_type="interventional", kind="protocol",
                   detections=harms_detections(document, PROTOCOL_ELEMENTS, lang))["E08"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_an_early_discontinuation_of_participation_in_case_of_is_a_rule(lang):
    suggestion = e08(lang, EARLY_DISCONTINUATION, in_discussion=False)
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, EARLY_DISCONTINUATION[lang][:40])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("rule", [STOP_IN_DISCUSSION, EARLY_DISCONTINUATION])
def test_e08_a_participant_s_stopping_rule_only_in_the_discussion_is_not_read(lang, rule):
    """Taken back after blind judging: the met it gave was judged worse."""
    suggestion = e08(lang, rule, in_discussion=True)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["participant_stopping"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_e08_who_may_stop_a_participant_without_when_is_no_rule(lang):
    suggestion = e08(lang, WHO_DECIDES, in_discussion=False)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["participant_stopping"]


# MEC05: an assay's quality control without a reliability figure.
QUALITY_CONTROL = [
    {"en": "All samples will be assayed in duplicate with internal quality-control samples on "
           "each plate.",
     "fr": "Les dosages seront réalisés en double, avec des contrôles qualité internes à "
           "chaque série d'échantillons."},
    {"en": "Serum will be aliquoted and stored at -80 °C. The marker will be measured with a "
           "commercial ELISA kit. Each sample will be assayed in duplicate and the assay "
           "repeated if the variability exceeds 15%.",
     "fr": "Le sérum sera réparti en aliquotes conservées à -80 °C. Le marqueur sera dosé à "
           "l'aide d'un kit ELISA du commerce. Chaque échantillon sera dosé en double et le "
           "dosage répété si la variabilité dépasse 15 %."},
]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("sentence", QUALITY_CONTROL)
def test_mec05_an_assay_s_quality_control_alone_is_not_its_validity(lang, sentence):
    """Taken back after blind judging: a met on an assay's quality control, markers named
    without evidence of their validity, was judged worse."""
    suggestion = mec05(lang, sentence)
    assert suggestion.answer == "partially_met", suggestion.rationale
    assert suggestion.details_missing == ["marker_validity"]
