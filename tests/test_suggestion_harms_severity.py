"""INT13 (harms) of a paper: beside the events counted (``events_reported``), how severe or
serious they were or whether they were related to the NPI (``severity_reported``), as its
guidance's *met* asks ("the type, severity and attribution of events"), read as papers word
it: "Twelve AEs were considered mild", "3 SAEs in the intervention group", "none were related
to the intervention", « aucun EIG n'est survenu », or that no event occurred at all. Not a
disease's severity, an outcome scale, a rule of what to do with severe events, nor an event
defined "regardless of whether it is related" to the treatment. A protocol is asked its
``grading`` instead.
"""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.catalogue import get_catalogue
from checker.catalogue.patterns import any_pattern
from checker.documents import extract_document


def _detail(detail_id: str):
    return next(d for d in get_catalogue().invariant("INT13").evidence.details
                if d.id == detail_id)


def _states_severity(lang: str, sentence: str) -> bool:
    return bool(any_pattern(_detail("severity_reported").patterns_for(lang)).search(sentence))


STATED = {
    "en": [
        "Twelve AEs were considered mild and there were no severe AEs.",
        "During the open-label phase, the most common treatment-related AEs were fatigue, "
        "dizziness and dry mouth, all of them transient.",
        "Adverse events were defined as: non severe (diarrhoea, rash) or severe (anaphylaxis, "
        "organ failure).",
        "There were 3 SAEs in the intervention group and 2 in the control group.",
        "No serious AE occurred.",
        "Five participants reported muscle soreness; none were related to the intervention.",
        "One fall was judged possibly related to the exercise programme.",
        "Four (5%) participants in the intervention group and nine (10%) in the control group "
        "had at least one serious adverse event.",
        "All adverse events were mild to moderate.",
        "No adverse events occurred in either group.",
        "No harms or unintended effects were observed in either arm.",
    ],
    "fr": [
        "Les douze EI ont été considérés comme légers et aucun EI grave n'est survenu.",
        "Les EI liés au traitement les plus fréquents étaient la fatigue et les vertiges.",
        "Les événements indésirables étaient définis comme\u00a0: non graves (diarrhée, "
        "éruption) ou graves (anaphylaxie, défaillance d'organe).",
        "Il y a eu 3 EIG dans le groupe intervention et 2 dans le groupe contrôle.",
        "Aucun événement indésirable grave n'est survenu.",
        "Cinq participants ont signalé des courbatures\u00a0; aucune n'était liée à "
        "l'intervention.",
        "Une chute a été jugée possiblement liée au programme d'exercice.",
        "Tous les événements indésirables étaient imputables à l'intervention.",
        "Tous les événements indésirables étaient légers à modérés.",
        "Aucun événement indésirable n'est survenu dans l'un ou l'autre groupe.",
        "Aucun préjudice ni effet non intentionnel n'a été observé avec l'un ou l'autre "
        "traitement.",
    ],
}
NOT_STATED = {
    "en": [
        "The severity of depression was measured with the HAM-D.",
        "Pain severity score decreased by 2 points in the exercise group.",
        "Patients with severe head injury were less likely to benefit.",
        "Severe side effects warranted a one-day pause in the programme.",
        "Suicidality was assessed with the Columbia-Suicide Severity Rating Scale and adverse "
        "events were recorded at each visit.",
        "Any adverse event, regardless of whether it is causally related to the study drug, "
        "was recorded.",
        "Major adverse cardiovascular events were the primary outcome.",
        "Adverse events occurred in 14 of 120 participants (12%) in the exercise group.",
        "There was no difference in adverse events between groups.",
        "No adverse events occurred in the control group.",
    ],
    "fr": [
        "La sévérité de la dépression a été mesurée par la HAM-D.",
        "Le score de sévérité de la douleur a diminué de 2 points dans le groupe exercice.",
        "Les patients atteints d'un traumatisme crânien grave en ont moins bénéficié.",
        "Les effets indésirables sévères justifiaient une interruption d'un jour du programme.",
        "Tout événement indésirable, qu'il soit ou non lié au médicament de l'étude, était "
        "consigné.",
        "Des événements indésirables sont survenus chez 14 des 120 participants (12\u00a0%) du "
        "groupe exercice.",
        "Les effets secondaires indésirables du traitement par acupuncture ont été recueillis.",
        "Il n'y avait pas de différence d'événements indésirables entre les groupes.",
        "Aucun événement indésirable n'est survenu dans le groupe contrôle.",
    ],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in STATED.items() for s in sentences])
def test_severity_seriousness_or_relation_as_papers_word_it(lang, sentence):
    assert _states_severity(lang, sentence)


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in NOT_STATED.items()
                          for s in sentences])
def test_disease_severity_scales_rules_and_bare_counts_are_not_it(lang, sentence):
    assert not _states_severity(lang, sentence)


TITLE = {"en": "# Supervised exercise for knee osteoarthritis: a randomised trial",
         "fr": "# Exercice supervisé et gonarthrose : un essai randomisé"}
METHODS = {"en": "## Methods", "fr": "## Méthodes"}
RESULTS = {"en": "## Results", "fr": "## Résultats"}
COLLECTED = {
    "en": "Adverse events were recorded with the same structured checklist at each visit in "
          "both groups.",
    "fr": "Les événements indésirables ont été recueillis avec la même grille structurée à "
          "chaque visite dans les deux groupes.",
}
COUNTED = {
    "en": "Adverse events occurred in 14 of 120 participants (12%) in the exercise group and "
          "in 9 of 118 (8%) in the control group, mostly knee pain.",
    "fr": "Des événements indésirables sont survenus chez 14 des 120 participants (12\u00a0%) "
          "du groupe exercice et chez 9 des 118 (8\u00a0%) du groupe contrôle, surtout des "
          "douleurs du genou.",
}
SEVERITY = {
    "en": "All were mild, and none was judged related to the programme.",
    "fr": "Tous étaient légers, et aucun n'a été jugé lié au programme.",
}
# Its severity, in words the protocol's grading reads, but of the disease.
DISEASE = {
    "en": "The severity of knee pain was rated on a numerical scale.",
    "fr": "La sévérité de la douleur du genou était cotée sur une échelle numérique.",
}


def _int13(lang: str, *results: dict[str, str], kind: str = "results"):
    text = (f"{TITLE[lang]}\n\n{METHODS[lang]}\n\n{COLLECTED[lang]}\n\n{RESULTS[lang]}\n\n"
            + " ".join(sentence[lang] for sentence in results) + "\n")
    document = extract_document(text.encode(), "doc.md")
    elements = ["22_Harms_non-systematic", "40_Harms_results"]
    return suggest(document, lang, kind=kind,
                   detections=in_first_sentence(document, elements))["INT13"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_paper_counting_events_with_their_severity_is_met(lang):
    int13 = _int13(lang, COUNTED, SEVERITY)
    assert int13.answer == "met", int13.rationale
    assert int13.details_missing == []
    # The sentence that makes it met is shown.
    assert quoted(int13, SEVERITY[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_paper_counting_events_without_their_severity_is_partially_met(lang):
    int13 = _int13(lang, COUNTED, DISEASE)
    assert int13.answer == "partially_met"
    assert int13.details_missing == ["severity_reported"]
    label = _detail("severity_reported").label[lang]
    assert label in int13.rationale[lang]
    start = {"en": "The quoted passages do not state: how severe or serious the events were",
             "fr": "Ces passages n'indiquent pas\u00a0: l'intensité ou la gravité des "
                   "événements"}[lang]
    assert start in int13.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_is_asked_its_grading_not_the_severity_reported(lang):
    int13 = _int13(lang, kind="protocol")
    assert "severity_reported" not in int13.details_missing
