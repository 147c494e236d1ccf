"""INT11 reads the participants' adherence, not the providers' or the trial's, and its dose is
no sentence allocating participants. The release notes of catalogue 1.5.19 left both: the
therapists' adherence to the manual, the nurses' adherence to protocols or the trial's
compliance with Good Clinical Practice (treatment fidelity, INT10, and trial conduct) met
INT11's "adherence defined or measured", and INT11 quoted as its dose "Participants will be
allocated to the Intervention group (… three 6-h, face-to-face sessions) or a waitlist control
group" (train protocol 048), as MEC07 did before 1.5.19."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, suggest

PROTOCOL = {
    "en": """# Supervised exercise for chronic low back pain: protocol of a randomised trial

## Methods

### Interventions

The exercise programme consists of three supervised 60-minute sessions a week for 12 weeks.

Strategies to improve adherence to the intervention include reminder text messages before each
session and a catch-up call after a missed session.

{provider}

### Sample size

We expect 10% of drop-outs in the exercise group.
""",
    "fr": """# Exercice supervisé pour la lombalgie chronique : protocole d'essai randomisé

## Méthodes

### Interventions

Le programme d'exercice comprend trois séances supervisées de 60 minutes par semaine pendant
12 semaines.

Les stratégies pour favoriser l'adhésion à l'intervention comprennent des SMS de rappel avant
chaque séance et un appel de rattrapage après une séance manquée.

{provider}

### Taille de l'échantillon

Nous prévoyons 10 % d'abandons dans le groupe exercice.
""",
}

# The providers' adherence or the trial's compliance, in the wordings of train documents.
PROVIDER = {
    "en": [
        "The principal investigator will listen to a random 20% of the audio recordings of the "
        "sessions to monitor therapist adherence to the protocol.",
        "Adherence to intervention protocols will be monitored by the study coordinator.",
        "Instructors will be instructed in adherence to the intervention manual.",
        "Site audits will be undertaken to assess compliance with ICH Good Clinical Practice "
        "guidelines.",
    ],
    "fr": [
        "L'investigateur principal écoutera 20 % des séances enregistrées afin de contrôler "
        "l'adhésion des thérapeutes au protocole.",
        "L'adhésion des kinésithérapeutes aux protocoles d'intervention sera contrôlée par le "
        "coordinateur de l'étude.",
        "Des audits des sites seront réalisés afin d'évaluer l'observance des recommandations "
        "de Bonnes Pratiques Cliniques (BPC).",
    ],
}

# The participants' adherence measured, in the wordings of train documents.
PARTICIPANTS = {
    "en": [
        "Adherence to the exercise protocol is defined as attending at least 28 of the 36 "
        "sessions.",
        "Adherence to the exercise sessions will be controlled by the instructors, and "
        "registered in a personal training diary.",
    ],
    "fr": [
        "L'adhésion au protocole d'exercice est définie par la présence à au moins 28 des 36 "
        "séances.",
        "L'observance des séances d'exercice sera contrôlée par les kinésithérapeutes et "
        "consignée dans un carnet d'entraînement personnel.",
    ],
}

LANGS = ["en", "fr"]


def _int11(lang: str, sentences: list[str]):
    return suggest(PROTOCOL[lang].format(provider="\n\n".join(sentences)), lang)["INT11"]


@pytest.mark.parametrize("lang", LANGS)
def test_the_providers_adherence_is_not_the_participants(lang):
    int11 = _int11(lang, PROVIDER[lang])
    assert int11.answer == "partially_met", int11.rationale
    assert "adherence_measured" in int11.details_missing
    quoted = " ".join(quotation_texts(int11))
    for sentence in PROVIDER[lang]:
        assert sentence[:40] not in quoted


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("which", [0, 1])
def test_the_participants_adherence_still_makes_it_met(lang, which):
    """Must not change: the participants' adherence, even to "the exercise protocol" or
    checked by the instructors, beside the providers' own."""
    measured = PARTICIPANTS[lang][which]
    int11 = _int11(lang, [measured, *PROVIDER[lang]])
    assert int11.answer == "met", int11.rationale
    assert not int11.details_missing
    assert any(measured[:40] in q for q in quotation_texts(int11))


TRIAL = {
    "en": """# Supervised exercise for chronic low back pain: protocol of a randomised trial

## Methods

### Interventions

Participants will be randomised to twelve weekly 60-minute group sessions of supervised exercise
or to usual care.

Each 60-minute session will be delivered weekly for twelve weeks by a physiotherapist.

Attendance will be recorded at each session, and participants attending at least 9 of the 12
sessions will be considered adherent.
""",
    "fr": """# Exercice supervisé pour la lombalgie chronique : protocole d'essai randomisé

## Méthodes

### Interventions

Les participants seront répartis de façon aléatoire entre douze séances hebdomadaires de groupe
de 60 minutes d'exercice supervisé et les soins courants.

Chaque séance de groupe de 60 minutes sera animée chaque semaine pendant douze semaines par un
kinésithérapeute.

La présence sera consignée à chaque séance, et les participants ayant assisté à au moins 9 des
12 séances seront considérés comme observants.
""",
}

DOSE = {"en": "Each 60-minute session", "fr": "Chaque séance de groupe de 60 minutes"}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("study_type", "invariant"),
                         [("interventional", "INT11"), ("mechanistic", "MEC07")])
def test_an_allocation_sentence_is_not_the_dose_quoted(lang, study_type, invariant):
    suggestion = suggest(TRIAL[lang], lang, study_type=study_type)[invariant]
    dose = [" ".join(q.text.split()) for q in suggestion.quotations if q.element == "X_dose"]
    assert dose, suggestion.quotations
    assert dose[0].startswith(DOSE[lang])


@pytest.mark.parametrize("lang", LANGS)
def test_an_allocation_sentence_alone_still_finds_the_dose(lang):
    """Must not change: where no other sentence states the dose, X_dose is still found (not
    quoted), as for MEC07."""
    dose = next(p for p in TRIAL[lang].split("\n\n") if p.startswith(DOSE[lang]))
    int11 = suggest(TRIAL[lang].replace(dose, ""), lang)["INT11"]
    assert "X_dose" in int11.elements_found
    assert not any(q.element == "X_dose" for q in int11.quotations)



# The sites' non-compliance with the protocol, found by site audits and handled by the
# trial's coordination (GCP monitoring: train protocol 029 quoted "All areas of non-
# compliance will be addressed by the trial coordination centre" as the participants'
# adherence), and the participants' own non-compliance.
AUDITED = {
    "en": """# Supervised exercise for chronic low back pain: protocol of a randomised trial

## Methods

### Interventions

The exercise programme consists of three supervised 60-minute sessions a week for 12 weeks.

### Audit

During the course of the trial, site audits will be undertaken to assess compliance to ICH GCP
guidelines. {sites}

{participants}
""",
    "fr": """# Exercice supervisé pour la lombalgie chronique : protocole d'essai randomisé

## Méthodes

### Interventions

Le programme d'exercice comprend trois séances supervisées de 60 minutes par semaine pendant
12 semaines.

### Audit

Au cours de l'essai, des audits des sites seront réalisés afin d'évaluer le respect des
recommandations ICH GCP. {sites}

{participants}
""",
}
SITES_NON_COMPLIANCE = {
    "en": ["All areas of non- compliance will be addressed by the trial coordination centre.",
           "All areas of non-compliance will be addressed by the site investigators or trial "
           "coordination centre depending on the findings.",
           "Any non-compliance with the protocol will be handled by the monitors."],
    "fr": ["Les non-conformités relevées (respect du protocole, consentement, observance des "
           "procédures) seront traitées par le centre de coordination de l'essai.",
           "Tous les cas de non-conformité, y compris dans l'observance des procédures, seront "
           "traités par les investigateurs des sites ou par le centre de coordination de "
           "l'essai, selon les constatations."],
}
PARTICIPANTS_NON_COMPLIANCE = {
    "en": "Participants' non-compliance will be recorded at each session.",
    "fr": "La non-observance des participants sera consignée à chaque séance.",
}


def _audited(lang: str, sites: str, participants: str = ""):
    text = AUDITED[lang].format(sites=sites, participants=participants)
    return suggest(text, lang)["INT11"]


@pytest.mark.parametrize(("lang", "which"), [("en", 0), ("en", 1), ("en", 2), ("fr", 0),
                                             ("fr", 1)])
def test_the_sites_non_compliance_is_not_the_participants_adherence(lang, which):
    sentence = SITES_NON_COMPLIANCE[lang][which]
    int11 = _audited(lang, sentence)
    assert not any(sentence[:40] in " ".join(q.split()) for q in quotation_texts(int11)), \
        quotation_texts(int11)
    assert int11.answer != "met"


@pytest.mark.parametrize("lang", LANGS)
def test_the_participants_non_compliance_still_is_their_adherence(lang):
    """Must not change: the participants' non-compliance recorded, beside the sites'."""
    measured = PARTICIPANTS_NON_COMPLIANCE[lang]
    int11 = _audited(lang, SITES_NON_COMPLIANCE[lang][0], measured)
    assert "X_adherence" in int11.elements_found
    assert "adherence_measured" not in int11.details_missing, int11.rationale
    assert any(measured[:40] in q for q in quotation_texts(int11))
