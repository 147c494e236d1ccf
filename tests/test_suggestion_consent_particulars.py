"""E02's particulars (``evidence.details``): a met needs, of a protocol, the right to withdraw
stated anywhere in its own report and, of any document, the form consent takes (written,
signed, electronic, or the waiver or non-opposition that replaces it), beside the consent
sentence. Consent sought, or an information sheet given, without them is partially met."""

from __future__ import annotations

import pytest
from suggestion_support import quoted, suggest

PROTOCOL = {
    "en": """# Walking for knee pain: protocol of a randomised trial

## Methods

### Consent

The research nurse gives each person the participant information sheet at the screening
visit. Written informed consent is obtained by the research nurse before any study
assessment.
""",
    "fr": """# Marche et douleur du genou : protocole d'un essai randomisé

## Méthodes

### Consentement

L'infirmière de recherche remet la note d'information à chaque personne lors de la visite de
sélection. Le consentement écrit est recueilli par l'infirmière de recherche avant tout
examen de l'étude.
""",
}

# Said in a discontinuation paragraph, away from the consent sentences.
WITHDRAWAL = {
    "en": "\n### Discontinuation\n\nParticipants are free to withdraw from the trial at any "
          "time without giving a reason.\n",
    "fr": "\n### Arrêt de la participation\n\nLes participants sont libres de se retirer de "
          "l'essai à tout moment, sans avoir à se justifier.\n",
}

# The team withdrawing a participant says nothing of the participant's right.
WITHDRAWN_BY_THE_TEAM = {
    "en": "\n### Discontinuation\n\nA participant who becomes pregnant will be withdrawn from "
          "the trial.\n",
    "fr": "\n### Arrêt de la participation\n\nUne participante enceinte sera retirée de "
          "l'essai.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_without_the_right_to_withdraw_is_partially_met(lang):
    e02 = suggest(PROTOCOL[lang], lang)["E02"]
    assert e02.answer == "partially_met"
    assert e02.details_missing == ["withdrawal"]
    assert "withdraw" in e02.rationale["en"]
    assert "retirer" in e02.rationale["fr"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_right_to_withdraw_stated_elsewhere_in_the_protocol_makes_it_met(lang):
    e02 = suggest(PROTOCOL[lang] + WITHDRAWAL[lang], lang)["E02"]
    assert e02.answer == "met"
    assert any(q.element == "detail:withdrawal" for q in e02.quotations)
    assert quoted(e02, {"en": "free to withdraw", "fr": "libres de se retirer"}[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_participant_withdrawn_by_the_team_is_no_right_to_withdraw(lang):
    e02 = suggest(PROTOCOL[lang] + WITHDRAWN_BY_THE_TEAM[lang], lang)["E02"]
    assert e02.answer == "partially_met"
    assert e02.details_missing == ["withdrawal"]


PAPER = {
    "en": """# Walking for knee pain: a randomised trial

## Methods

### Participants

Adults with knee osteoarthritis were recruited from four general practices. All participants
gave {form}informed consent before the baseline assessment.
""",
    "fr": """# Marche et douleur du genou : un essai randomisé

## Méthodes

### Participants

Des adultes atteints de gonarthrose ont été recrutés dans quatre cabinets de médecine
générale. Tous les participants ont donné leur consentement éclairé{form} avant le bilan
initial.
""",
}
FORM = {"en": "written ", "fr": " par écrit"}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_s_consent_without_its_form_is_partially_met(lang):
    e02 = suggest(PAPER[lang].format(form=""), lang, kind="results")["E02"]
    assert e02.answer == "partially_met"
    assert e02.details_missing == ["consent_form"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_s_written_consent_is_met_without_the_right_to_withdraw(lang):
    """The right to withdraw is asked of a protocol; a paper reports consent given."""
    e02 = suggest(PAPER[lang].format(form=FORM[lang]), lang, kind="results")["E02"]
    assert e02.answer == "met"
    assert e02.details_missing == []


OBJECTION = {
    "en": "\nIf relatives object to the inclusion of the patient in the trial, their views will "
          "be respected.\n",
    "fr": "\nSi les proches s'opposent à l'inclusion du patient dans l'essai, leur avis sera "
          "respecté.\n",
}


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_objection_respected_is_the_right_to_object(lang):
    """An emergency trial's relatives may object: the right that stands for withdrawal."""
    e02 = suggest(PROTOCOL[lang] + OBJECTION[lang], lang)["E02"]
    assert e02.answer == "met"
    assert quoted(e02, OBJECTION[lang].strip())


def test_eligibility_criteria_re_checked_before_consent_is_how_consent_is_sought():
    """Not a criterion that names consent: the form completed is consent's form."""
    paper = PAPER["en"].format(form="").replace(
        "All participants\ngave informed consent before the baseline assessment.",
        "At the first interview, eligibility criteria were re-checked, and those who met them "
        "completed an informed consent form.")
    e02 = suggest(paper, "en", kind="results")["E02"]
    assert quoted(e02, "completed an informed consent form")
    assert e02.answer == "met"
