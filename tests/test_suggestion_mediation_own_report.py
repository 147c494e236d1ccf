"""MEC08 (mediation or moderation analysis) reads the study's own analysis, not another
work's nor a physiology's: its own words are the study's own (``evidence.own_report``), so a
background sentence holding them ("Exercise effects are mediated by BDNF (Smith, 2019).") is
no evidence however it cites, unless it speaks of the study itself; its element *mediation
analysis* is read only in the study's own report (``own_report`` on the element); an
interaction term of time tests the main comparison, not a moderation; and a mediation
analysis stated as not done ("not enough variance … to perform mediation analyses", the train
split's results article 076) makes it not met, not met on that sentence."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

PROTOCOL = {
    "en": """# Aerobic exercise and memory in older adults: protocol of a randomised trial

## Background

Memory declines with age. {background}

## Methods

Participants will be randomised to aerobic exercise or stretching for 12 weeks. The primary \
outcome is delayed recall at 12 weeks. {methods}
""",
    "fr": """# Exercice aérobie et mémoire des personnes âgées : protocole d'un essai randomisé

## Contexte

La mémoire décline avec l'âge. {background}

## Méthodes

Les participants seront répartis au hasard entre un exercice aérobie et des étirements \
pendant 12 semaines. Le critère principal est le rappel différé à 12 semaines. {methods}
""",
}
# Another work's finding, however it cites it (or a physiology stated without a citation).
OTHER_WORK = {
    "en": ["Exercise effects are mediated by BDNF [12].",
           "Exercise effects are mediated by BDNF (Smith, 2019).",
           "Exercise effects are mediated by BDNF (12).",
           "Exercise effects are mediated by BDNF."],
    "fr": ["L'effet de l'exercice est médié par le BDNF [12].",
           "L'effet de l'exercice est médié par le BDNF (Smith, 2019).",
           "L'effet de l'exercice est médié par le BDNF (12).",
           "L'effet de l'exercice est médié par le BDNF."],
}
OWN_IN_BACKGROUND = {
    "en": "In this trial, we will test whether the effects of exercise on memory are mediated "
          "by BDNF.",
    "fr": "Dans cet essai, nous testerons si les effets de l'exercice sur la mémoire sont "
          "médiés par le BDNF.",
}
OWN_ANALYSIS = {
    "en": "We will examine whether changes in delayed recall are mediated by changes in serum "
          "BDNF.",
    "fr": "Nous examinerons si les variations du rappel différé sont médiées par les "
          "variations du BDNF sérique.",
}


def _mec08(lang: str, background: str = "", methods: str = "", kind: str = "protocol"):
    text = PROTOCOL[lang].format(background=background, methods=methods)
    return suggest(text, study_type="mechanistic", kind=kind, name="doc.md")["MEC08"]


def _quoted(suggestion, words: str) -> bool:
    return any(words in " ".join(q.text.split()) for q in suggestion.quotations)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("case", range(4))
def test_another_work_s_mediation_in_the_background_is_not_quoted(lang: str, case: int) -> None:
    sentence = OTHER_WORK[lang][case]
    mec08 = _mec08(lang, background=sentence)
    assert not _quoted(mec08, "BDNF")
    assert mec08.answer == "not_reported"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_study_s_own_mediation_analysis_is_still_quoted(lang: str) -> None:
    mec08 = _mec08(lang, background=OTHER_WORK[lang][1], methods=OWN_ANALYSIS[lang])
    assert mec08.quotations
    assert " ".join(mec08.quotations[0].text.split()) == OWN_ANALYSIS[lang]
    assert not _quoted(mec08, "Smith")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_background_sentence_speaking_of_the_study_itself_still_counts(lang: str) -> None:
    mec08 = _mec08(lang, background=OWN_IN_BACKGROUND[lang])
    assert _quoted(mec08, OWN_IN_BACKGROUND[lang])
    assert mec08.answer == "partially_met"


MAIN_COMPARISON = {
    "en": "We included a group-by-time interaction term in the models to compare improvement "
          "over time between the two groups.",
    "fr": "Nous avons inclus dans les modèles un terme d'interaction groupe × temps afin de "
          "comparer l'amélioration au cours du temps entre les deux groupes.",
}
MODERATION = {
    "en": "The model included an interaction term for baseline depression with intervention "
          "group.",
    "fr": "Le modèle comprenait un terme d'interaction entre la dépression initiale et le "
          "groupe d'intervention.",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_interaction_of_time_is_the_main_comparison_not_a_moderation(lang: str) -> None:
    assert not _quoted(_mec08(lang, methods=MAIN_COMPARISON[lang]), MAIN_COMPARISON[lang])
    assert _quoted(_mec08(lang, methods=MODERATION[lang]), MODERATION[lang])


FUTURE_WORK = {
    "en": "\n\n## Discussion\n\nFuture studies should focus more on mediators such as "
          "acceptance that are linked to the change in physical activity.\n",
    "fr": "\n\n## Discussion\n\nLes études futures devraient s'intéresser davantage aux "
          "médiateurs, par exemple l'acceptation, liés au changement d'activité physique.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_mediators_named_only_in_the_discussion_are_not_the_study_s_analysis(lang: str) -> None:
    text = PROTOCOL[lang].format(background="", methods="") + FUTURE_WORK[lang]
    mec08 = suggest(text, study_type="mechanistic", name="doc.md")["MEC08"]
    assert "X_mediation_analysis" not in mec08.elements_found or \
        "X_mediation_analysis" in mec08.elements_inferred
    assert not _quoted(mec08, "Future studies" if lang == "en" else "études futures")


# The train split's results article 076 (PMC5873374), in both languages.
NOT_DONE = {
    "en": "Patients and partners had a strong therapeutic alliance with the psychologist. "
          "However, there was not enough variance among respondents to perform mediation "
          "analyses.",
    "fr": "Les patientes et les partenaires avaient une forte alliance thérapeutique avec le "
          "psychologue. Cependant, la variance entre les répondants était insuffisante pour "
          "réaliser des analyses de médiation.",
}
NOT_MEDIATED = {
    "en": "The effect of exercise on delayed recall was not mediated by serum BDNF "
          "(indirect effect 0.02, 95% bootstrap confidence interval -0.05 to 0.09).",
    "fr": "L'effet de l'exercice sur le rappel différé n'était pas médié par le BDNF sérique "
          "(effet indirect 0,02, intervalle de confiance bootstrap à 95 % -0,05 à 0,09).",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_mediation_analysis_stated_as_not_done_is_not_met(lang: str) -> None:
    mec08 = _mec08(lang, methods=NOT_DONE[lang], kind="paper")
    assert mec08.answer == "not_met"
    assert [q.element for q in mec08.quotations] == ["absence"]
    assert "insuffisante" in mec08.quotations[0].text or "not enough" in mec08.quotations[0].text


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_mediation_found_absent_reports_an_analysis(lang: str) -> None:
    mec08 = _mec08(lang, methods=NOT_MEDIATED[lang], kind="paper")
    assert mec08.answer != "not_met"
    assert _quoted(mec08, NOT_MEDIATED[lang])
