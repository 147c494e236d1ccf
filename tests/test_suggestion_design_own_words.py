"""A trial's design and its providers read in the study's own words, when the frozen model
finds no element for them in its own report.

Blind judging of 1.5.21's `own_report` flag found INT01 and INT12 *not reported* on trials
that state their design ("This study is designed as a single-blinded, randomized clinical
trial.") or their providers ("a homeopathy specialist with 20 years' experience", "a trained
promotora"), where the only element found had been in the background. INT01's own-words
cues were literal and British ("randomised controlled trial"); its `cue_patterns` read this
study's design sentence, INT12's a provider's years of experience or training. No detections
are given: the tests read the catalogue's own words, not the model."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence import suggest_answers

HEAD = {"en": ("# A trial\n\n## Methods\n\n", "\n\nParticipants are adults.\n"),
        "fr": ("# Un essai\n\n## Méthodes\n\n", "\n\nLes participants sont des adultes.\n")}
BACKGROUND = {"en": "# A trial\n\n## Background\n\n{}\n\n## Methods\n\nParticipants are adults.\n",
              "fr": "# Un essai\n\n## Contexte\n\n{}\n\n## Méthodes\n\nLes participants sont des "
                    "adultes.\n"}


def _suggestion(text: str, lang: str, invariant: str):
    document = extract_document(text.encode(), "protocol.md")
    return suggest_answers(get_catalogue(), "interventional", [], lang, document=document,
                           kind="protocol")[invariant]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "This study is designed as a single-blinded, randomized clinical trial."),
    ("en", "The P2E2T2 Program to Improve Health in Diabetes study is a prospective, randomized "
           "controlled trial conducted at an academic health system."),
    ("en", "We will conduct a two-arm, parallel-group randomized controlled trial."),
    ("en", "This is a cluster randomized trial with 12 practices."),
    ("fr", "Il s'agit d'un essai multicentrique, contrôlé, randomisé en deux groupes parallèles."),
    ("fr", "Cette étude est un essai croisé randomisé."),
])
def test_the_trial_s_own_design_sentence_is_int01_s_evidence(lang, sentence) -> None:
    head, tail = HEAD[lang]
    int01 = _suggestion(head + sentence + tail, lang, "INT01")
    assert int01.answer == "partially_met"  # named, not positioned (its guidance)
    assert [q.text for q in int01.quotations] == [sentence]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "No randomized controlled trial has been published on this treatment yet."),
    ("en", "No randomised controlled trial has been published on this treatment yet."),
    ("en", "Few randomised trials have been conducted in this population."),
    ("en", "Smith et al. conducted a randomized controlled trial of yoga in 2019."),
    ("fr", "Une étude de cohorte a été menée à Lyon par Martin et al."),
    ("fr", "Aucun essai contrôlé randomisé n'a encore été publié sur ce traitement."),
])
def test_another_work_s_trial_is_not_int01_s_evidence(lang, sentence) -> None:
    """Whatever its spelling: INT01's literal cues are matched British and American, and a
    sentence about the literature's trials is another matter (``other_matter``)."""
    int01 = _suggestion(BACKGROUND[lang].format(sentence), lang, "INT01")
    assert int01.answer == "not_reported" and not int01.quotations


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The remedies will be prescribed by a homeopathy specialist with 20 years' "
           "experience."),
    ("en", "The sessions will be delivered by a trained promotora in each clinic."),
    ("en", "Classes are taught by certified yoga instructors."),
    ("fr", "Les séances seront animées par des kinésithérapeutes formés à la méthode."),
    ("fr", "Le traitement sera prescrit par un homéopathe ayant 20 ans d'expérience."),
])
def test_a_provider_s_experience_or_training_is_int12_s_evidence(lang, sentence) -> None:
    head, tail = HEAD[lang]
    int12 = _suggestion(head + sentence + tail, lang, "INT12")
    assert int12.answer == "partially_met"
    assert [q.text for q in int12.quotations] == [sentence]


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Participants had a mean of 20 years of age."),
    ("en", "Trained research assistants will collect the questionnaires."),
    ("en", "An experienced physiotherapist, blinded to allocation, will examine the outcomes."),
    ("en", "A trained research nurse with 10 years' experience will assess the participants."),
    ("fr", "Les participants avaient en moyenne 20 ans."),
    ("fr", "Un kinésithérapeute expérimenté, en aveugle du groupe, réalisera l'examen final."),
])
def test_other_experience_or_training_is_not_int12_s(lang, sentence) -> None:
    """Not an age, nor an assessor's training or experience (judged blind: "the blinded
    research nurse who did the assessments" is no provider)."""
    head, tail = HEAD[lang]
    int12 = _suggestion(head + sentence + tail, lang, "INT12")
    assert int12.answer == "not_reported"
