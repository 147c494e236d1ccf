"""The dose element's frequency and intensity cues (X_dose, lexicon.yaml). Bare "frequency",
« fréquence » and "intensity" read a questionnaire's items ("cough—frequency, intensity,
sensitivity"), a symptom's or an event's frequency, the heart rate and an accelerometer's
intensity cut-points as the NPI's dose: the second audit of catalogue 1.5.21 found such first
quotations for PRO05, MEC03, MEC07, OBS03, OBS04 and INT11 (English 18, French 59). A
session's frequency ("three times a week", « trois fois par semaine », "twice weekly") and
intensity ("moderate intensity", the Borg scale, a share of the maximum heart rate,
« intensité modérée ») are still read."""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, suggest

from checker.evidence.lexicon import get_lexicon


def _dose_cued(sentence: str, lang: str) -> bool:
    return any(p.regex.search(sentence) for p in get_lexicon().for_language("X_dose", lang))


PRESCRIPTIONS = {
    "en": [
        "Women in the exercise group were asked to attend supervised sessions three times a week.",
        "The exercise group was offered exercise sessions at the hospital three times weekly.",
        "We ask the women to come to exercise training a minimum of twice weekly.",
        "Acupuncture will be given 5 sessions/week in the first two weeks.",
        "Participants will complete a total of 25 sessions (5 sessions per week for 5 weeks).",
        "Girls participate in a 90-minute after-school PA club 3 days/week.",
        "The intervention sessions are held two times per week throughout the trial.",
        "The intensity of the exercises will be set according to each woman's perceived effort "
        "(within the range of 12 to 14 on the Borg Scale).",
        "Participants are advised to reach a minimum of 180 min per week at 55–65 % maximal "
        "heart rate.",
        "The intervention consists of daily aerobic activity of moderate intensity.",
        "The protocol includes 12 longer sessions at a higher frequency over 6 weeks.",
        "The frequency of the sessions will be reduced to once a month after week 12.",
        "The current intensity is increased to the patients' maximum tolerance.",
    ],
    "fr": [
        "Le groupe d'intervention se réunira pour un entraînement encadré trois fois par "
        "semaine.",
        "Les séances d'exercice consistent en de la marche supervisée deux fois par semaine "
        "pendant 12 semaines.",
        "Le protocole reposera sur 5 semaines de formation à la gestion du stress (deux séances "
        "par semaine).",
        "Les patients réaliseront un profil en 4 points sur 3 jours par semaine.",
        "L'intensité des exercices sera fixée en fonction de l'effort perçu (entre 12 et 14 sur "
        "l'échelle de Borg).",
        "Les participants marcheront à une intensité de 60 à 80 % de la fréquence cardiaque "
        "maximale.",
        "Le programme comprend une activité aérobie quotidienne d'intensité modérée.",
        "Le protocole comprend 12 séances plus longues à une fréquence plus élevée.",
        "La fréquence des séances sera réduite à une par mois après la 12e semaine.",
        "La femme réglait l'intensité de la stimulation électrique juste en dessous de son "
        "seuil douloureux.",
    ],
}

MEASURES = {
    "en": [
        "Questionnaire items are as follows: (1) cough—frequency, intensity, sensitivity; (2) "
        "sputum—frequency, volume, difficulty to cough-up.",
        "A cough diary will be given to record their everyday coughing frequency.",
        "The physical activity level will be determined by the questions: “During the last 7 "
        "days, on how many days did you carry out at least moderate intensity physical "
        "activity?”",
        "Light intensity PA was defined as 100–2019 CPM, moderate as 2020–5998 CPM.",
        "The women will fill in a validated quantitative food frequency questionnaire.",
        "The frequency of adverse events was comparable for all groups.",
        "The frequency of onsite monitoring will depend on compliance with the protocol.",
        "Infantile colic is defined as crying for more than three hours per day, more than 3 "
        "days per week.",
    ],
    "fr": [
        "Les items du questionnaire sont les suivants : (1) toux — fréquence, intensité, "
        "sensibilité ; (2) expectoration — fréquence, volume.",
        "Un carnet de toux leur sera remis pour consigner leur fréquence de toux quotidienne.",
        "Le niveau d'activité physique sera évalué au moyen des questions : « Au cours des 7 "
        "derniers jours, combien de jours avez-vous pratiqué une activité physique d'intensité "
        "au moins modérée ? »",
        "La fréquence cardiaque et la pression artérielle seront surveillées toutes les 5 min.",
        "Les femmes rempliront un questionnaire validé de fréquence alimentaire.",
        "La plupart des EI étaient d'intensité légère.",
        "La fréquence du monitorage sur site dépendra du respect du protocole.",
        "Les coliques sont définies par des pleurs plus de trois heures par jour, plus de "
        "3 jours par semaine.",
    ],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in PRESCRIPTIONS.items()
                          for s in sentences])
def test_a_sessions_frequency_and_intensity_are_still_the_dose(lang, sentence):
    assert _dose_cued(sentence, lang)


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in MEASURES.items() for s in sentences])
def test_a_measured_frequency_or_intensity_is_no_dose(lang, sentence):
    assert not _dose_cued(sentence, lang)


PROTOCOL = {
    "en": """# Home-based exercise for chronic bronchitis: protocol of a cohort study

## Methods

### Intervention

Participants attend supervised exercise sessions three times a week for 12 weeks, at a moderate
intensity (12 to 14 on the Borg scale).

### Outcomes

Questionnaire items are as follows: (1) cough—frequency, intensity, sensitivity; (2) sputum—
frequency, volume, difficulty to cough-up, appearance, colour.
""",
    "fr": """# Exercice à domicile dans la bronchite chronique : protocole d'une étude de cohorte

## Méthodes

### Intervention

Les participants suivent des séances d'exercice supervisées trois fois par semaine pendant
12 semaines, à une intensité modérée (12 à 14 sur l'échelle de Borg).

### Critères de jugement

Les items du questionnaire sont les suivants : (1) toux — fréquence, intensité, sensibilité ;
(2) expectoration — fréquence, volume, difficulté à expectorer, aspect, couleur.
""",
}

QUESTIONNAIRE = {"en": "Questionnaire items are as follows", "fr": "Les items du questionnaire"}
SESSIONS = {"en": "three times a week", "fr": "trois fois par semaine"}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize(("study_type", "invariant"),
                         [("prototypical", "PRO05"), ("observational", "OBS04"),
                          ("mechanistic", "MEC03")])
def test_the_dose_quoted_is_the_sessions_not_the_questionnaire(lang, study_type, invariant):
    suggestion = suggest(PROTOCOL[lang], lang, study_type=study_type)[invariant]
    assert "X_dose" in suggestion.elements_found, suggestion.rationale
    quoted = quotation_texts(suggestion)
    assert any(SESSIONS[lang] in text for text in quoted), quoted
    assert not any(QUESTIONNAIRE[lang] in text for text in quoted), quoted


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_questionnaires_items_alone_are_no_dose(lang):
    text = PROTOCOL[lang].split("### Intervention")[0] + PROTOCOL[lang].split(
        "### Intervention")[1].split("\n\n", 2)[2]
    assert QUESTIONNAIRE[lang] in text and SESSIONS[lang] not in text
    pro05 = suggest(text, lang, study_type="prototypical")["PRO05"]
    assert "X_dose" not in pro05.elements_found, pro05.rationale
