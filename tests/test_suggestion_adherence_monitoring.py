"""INT11 reads how the participants' adherence is monitored or promoted (SPIRIT 11c) in a
sentence wording it (``evidence.worded`` for 11c_Intervention_Monitoring), when the frozen
detection of the item found it only in a provider's fidelity or the trial's compliance, which
INT11 reads as another matter since 1.5.19. Train protocol 042 went met -> partially met so:
its 11c was found only in "to monitor therapist adherence to the protocol", though it states
"Patient's treatment compliance is monitored by attendance and homework completion" and
"Participants keep daily LT compliance diaries". Not a provider's adherence, adherence to a
diet, an analysis by group, a diary of an outcome, nor a reminder to fill in questionnaires.

The detections are given, so that what is tested is the reading of INT11, not the frozen
model's: 11c in the therapists' sentence only (or, where said, in another sentence too).
"""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.patterns import any_pattern
from checker.documents import Document, extract_document
from checker.evidence import Detection

MONITORING = "11c_Intervention_Monitoring"

PROTOCOL = {
    "en": """# Group cognitive-behavioural therapy for seasonal depression: protocol of a trial

## Methods

### Interventions

The programme includes 12 group sessions of 90 minutes twice a week over 6 weeks.

Adherence is defined as attending at least 9 of the 12 sessions.

{participants}

The principal investigator listens to a sample (20%) of all sessions to monitor therapist
adherence to the protocol and to offer detailed feedback.

Participants who miss a session are phoned by the group leader within the week.

### Sample size

We expect 10% of drop-outs in each group.
""",
    "fr": """# TCC de groupe pour la dépression saisonnière : protocole d'un essai

## Méthodes

### Interventions

Le programme comprend 12 séances de groupe de 90 minutes deux fois par semaine pendant
6 semaines.

L'adhésion est définie par la présence à au moins 9 des 12 séances.

{participants}

L'investigateur principal écoute un échantillon (20 %) de toutes les séances afin de contrôler
l'adhésion des thérapeutes au protocole et de leur faire un retour détaillé.

Les participants qui manquent une séance sont appelés par l'animateur dans la semaine.

### Taille de l'échantillon

Nous prévoyons 10 % d'abandons dans chaque groupe.
""",
}

# The sentences the detections are given in, by their first words.
DOSE = {"en": "The programme includes", "fr": "Le programme comprend"}
DEFINED = {"en": "Adherence is defined", "fr": "L'adhésion est définie"}
THERAPISTS = {"en": "The principal investigator", "fr": "L'investigateur principal"}
MISSED = {"en": "Participants who miss", "fr": "Les participants qui manquent"}

# The participants' adherence monitored or promoted, as protocols word it.
PARTICIPANTS = {
    "en": [
        "Patient's treatment compliance is monitored by attendance and homework completion.",
        "Participants keep daily compliance diaries to record the timing of their practice.",
        "Home practice will be recorded by participants in a weekly diary.",
        "Participants will receive text message reminders before each group session.",
        "Strategies to improve adherence include a catch-up call after a missed session.",
        "To improve compliance, participants will be asked to record their practice in a "
        "logbook.",
        "The group leader will check participants' attendance using a register at each "
        "session.",
    ],
    "fr": [
        "L'observance du traitement par les patients est suivie au moyen de l'assiduité et de "
        "la réalisation des tâches à domicile.",
        "Les participants tiennent un journal quotidien d'observance pour consigner l'horaire "
        "de leur pratique.",
        "La pratique à domicile sera consignée par les participants dans un carnet "
        "hebdomadaire.",
        "Des rappels par SMS seront envoyés aux participants avant chaque séance.",
        "Les stratégies pour améliorer l'observance comprennent un appel de rattrapage après "
        "une séance manquée.",
        "Pour améliorer l'observance, il sera demandé aux participants de noter leur pratique "
        "dans un carnet.",
        "L'animateur vérifiera l'assiduité des participants à l'aide d'une feuille de présence "
        "à chaque séance.",
    ],
}

# Not the participants' adherence monitored or promoted, though close in words.
OTHERS = {
    "en": [
        # A provider's fidelity, the trial's compliance.
        "Therapist adherence will be monitored by the principal investigator using a "
        "checklist.",
        "Adherence to the study protocol will be monitored by the clinical research associate.",
        # Adherence to a diet or to values, an outcome: not the NPI received.
        "Adherence to the Mediterranean diet was evaluated by using the MEDAS questionnaire.",
        "Parent adherence to traditional values was assessed through a cultural values scale.",
        # An analysis, a diary of an outcome, a reminder to fill in questionnaires.
        "Mixed models assessed adherence over time by study group.",
        "The three measures of adherence will be evaluated in separate analyses.",
        "Sleep and mood will be recorded by participants in a daily diary.",
        "Participants will be reminded to complete the satisfaction and compliance "
        "questionnaire.",
        "Loss to follow-up will be minimised by reminding participants to attend the "
        "interview.",
    ],
    "fr": [
        "L'adhésion des thérapeutes sera contrôlée par l'investigateur principal au moyen "
        "d'une grille.",
        "L'adhésion au protocole de l'étude sera surveillée par l'attaché de recherche "
        "clinique.",
        "L'adhésion au régime méditerranéen a été évaluée à l'aide du questionnaire MEDAS.",
        "L'adhésion des parents aux valeurs traditionnelles a été évaluée au moyen d'une "
        "échelle.",
        "Les modèles mixtes ont permis d'évaluer l'observance au cours du temps par groupe.",
        "Les trois mesures de l'observance seront évaluées dans des analyses distinctes.",
        "Le sommeil et l'humeur seront consignés par les participants dans un journal "
        "quotidien.",
        "Un rappel sera envoyé aux participants pour remplir le questionnaire de satisfaction.",
        "Les perdus de vue seront limités en rappelant aux participants de venir à "
        "l'entretien.",
    ],
}

LANGS = ["en", "fr"]


def _detection(document: Document, element: str, first_words: str) -> Detection:
    """``element`` detected by its cues in the sentence starting with ``first_words``."""
    sentence = next(s for s in document.sentences
                    if document.sentence_text(s).startswith(first_words))
    return Detection(element, document.sentence_text(sentence), sentence.start, sentence.end,
                     None, sentence.section, 0.9, 1)


def _int11(lang: str, participants: str, monitoring_in: tuple[str, ...] = ()):
    """INT11 of the protocol with the sentence ``participants``: the dose and the adherence
    defined detected, 11c in the therapists' sentence and in those ``monitoring_in``."""
    document = extract_document(PROTOCOL[lang].format(participants=participants).encode(),
                                "doc.md")
    detections = [_detection(document, "X_dose", DOSE[lang]),
                  _detection(document, "X_adherence", DEFINED[lang]),
                  *(_detection(document, MONITORING, words)
                    for words in (THERAPISTS[lang], *monitoring_in))]
    return suggest(document, lang, detections=detections)["INT11"]


def _monitoring_quoted(suggestion) -> list[str]:
    return [" ".join(q.text.split()) for q in suggestion.quotations if q.element == MONITORING]


def _read_as_monitoring(lang: str, sentence: str) -> bool:
    """Whether INT11 may read ``sentence`` as 11c's wording: one of its patterns finds it,
    and it is not about another matter (a provider's adherence is left to ``other_matter``)."""
    evidence = get_catalogue().invariant("INT11").evidence
    return bool(any_pattern(evidence.worded_patterns(MONITORING, lang)).search(sentence)
                and not any_pattern(evidence.other_matter_for(lang)).search(sentence))


@pytest.mark.parametrize("lang", LANGS)
def test_the_therapists_adherence_alone_is_no_monitoring(lang):
    """As since 1.5.19: 11c found only in the therapists' sentence is not quoted, and INT11
    is partially met."""
    int11 = _int11(lang, "")
    assert int11.answer == "partially_met", int11.rationale
    assert not _monitoring_quoted(int11)
    assert not any(text.startswith(THERAPISTS[lang]) for text in quotation_texts(int11))


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, sentence) for lang in LANGS for sentence in PARTICIPANTS[lang]])
def test_the_participants_monitoring_is_read_for_11c(lang, sentence):
    assert _read_as_monitoring(lang, sentence)
    int11 = _int11(lang, sentence)
    assert int11.answer == "met", int11.rationale
    assert _monitoring_quoted(int11) == [sentence]


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, sentence) for lang in LANGS for sentence in OTHERS[lang]])
def test_other_sentences_are_not_the_participants_monitoring(lang, sentence):
    assert not _read_as_monitoring(lang, sentence)
    int11 = _int11(lang, sentence)
    assert int11.answer == "partially_met", int11.rationale
    assert not _monitoring_quoted(int11)


@pytest.mark.parametrize("lang", LANGS)
def test_a_sentence_the_detection_found_is_quoted_before_a_worded_one(lang):
    """Must not change: the wording is read only where the detection of 11c found no
    sentence about the participants' adherence; one it found is quoted, though a sentence
    wording it comes earlier."""
    int11 = _int11(lang, PARTICIPANTS[lang][0], monitoring_in=(MISSED[lang],))
    assert int11.answer == "met", int11.rationale
    monitoring = _monitoring_quoted(int11)
    assert len(monitoring) == 1 and monitoring[0].startswith(MISSED[lang])
