"""The study type read from a document's own statement of its design when its title names none,
and the NPI's name read from its title when the title names it in a usual shape
(checker/evidence/stated_details.py, cues in stated_details_cues.yaml)."""

from __future__ import annotations

import pytest

from checker.documents import extract_document
from checker.evidence.stated_details import (
    DocumentDetails,
    NpiName,
    StudyTypeHint,
    design_in_sentence,
    npi_name,
    read_details,
    stated_design,
)
from checker.services.document_details import (
    HINT_SOURCE,
    HINT_TYPE,
    HINT_WORDS,
    NPI_WORDS,
    parse_readings,
    prefill,
    readings_of,
)


def doc(text: str, name: str = "protocol.md"):
    return extract_document(text.encode(), name)


# --- the design a sentence states as the study's own ------------------------------------------

@pytest.mark.parametrize("sentence, study_type, words", [
    # English
    ("Design: a multicentre randomised controlled trial with 12-month follow-up.",
     "interventional", "Design: a multicentre randomised controlled trial"),
    ("Study design: A two-arm, parallel-group, pragmatic cluster randomised trial.",
     "interventional", "Study design: A two-arm, parallel-group, pragmatic cluster randomised "
     "trial"),
    ("This is a prospective cohort study of 400 adults with chronic insomnia.",
     "observational", "This is a prospective cohort study"),
    ("We will conduct a cross-sectional survey of general practices in two regions.",
     "observational", "We will conduct a cross-sectional survey"),
    ("Methods and analysis: This is a hybrid type 1 effectiveness-implementation trial "
     "in 20 primary care practices.", "implementation",
     "Methods and analysis: This is a hybrid type 1 effectiveness-implementation trial"),
    ("The present study is a randomised, within-subject crossover laboratory experiment.",
     "mechanistic", "The present study is a randomised, within-subject crossover laboratory "
     "experiment"),
    ("This paper describes the protocol of a feasibility randomised controlled trial of yoga.",
     "prototypical", "This paper describes the protocol of a feasibility"),
    ("The SLEEP-WELL trial is a pragmatic, assessor-blinded randomised controlled trial.",
     "interventional", "The SLEEP-WELL trial is a pragmatic, assessor-blinded randomised "
     "controlled trial"),
    ("A randomised, open-label, multicentre superiority trial was performed.",
     "interventional", "A randomised"),
    ("In this randomized clinical trial, 394 adults with schizophrenia were included.",
     "interventional", "In this randomized clinical trial"),
    ("Design, setting and participants: observational study in 12 French hospitals.",
     "observational", "Design, setting and participants: observational study"),
    # French
    ("Schéma de l'étude : essai contrôlé randomisé multicentrique en groupes parallèles.",
     "interventional", "Schéma de l'étude : essai contrôlé randomisé"),
    ("Il s'agit d'une étude de cohorte prospective menée dans trois centres.",
     "observational", "Il s'agit d'une étude de cohorte prospective"),
    ("Il s’agit d’un essai randomisé en grappes dans 24 écoles.", "interventional",
     "Il s’agit d’un essai randomisé"),
    ("Type d'étude : étude transversale multicentrique.", "observational",
     "Type d'étude : étude transversale"),
    ("Cette étude est une étude de faisabilité à bras unique.", "prototypical",
     "Cette étude est une étude de faisabilité"),
    ("Nous mènerons une étude d'implémentation hybride dans dix maisons de santé.",
     "implementation", "Nous mènerons une étude d'implémentation"),
    ("L'étude SOMNI est un essai contrôlé randomisé multicentrique.", "interventional",
     "L'étude SOMNI est un essai contrôlé randomisé"),
    ("Un essai contrôlé randomisé multicentrique a été mené dans 7 établissements.",
     "interventional", "Un essai contrôlé randomisé"),
    ("Cet essai pragmatique, multicentrique et randomisé inclura 200 patients.",
     "interventional", "Cet essai pragmatique, multicentrique et randomisé"),
    ("Méthodes : il s'agit d'une étude expérimentale en laboratoire, intra-sujet.",
     "mechanistic", "Méthodes : il s'agit d'une étude expérimentale en laboratoire"),
])
def test_a_sentence_stating_the_study_s_own_design(sentence, study_type, words) -> None:
    hint = design_in_sentence(sentence)
    assert hint == StudyTypeHint(study_type, words, "text")


@pytest.mark.parametrize("sentence", [
    # Others' designs, or no statement of the study's own.
    "Previous randomised trials have shown that group CBT improves sleep.",
    "Two cohort studies found no effect of sleep hygiene alone.",
    "Participants will be recruited from three sleep clinics.",
    "This is not a randomised trial: all participants receive the programme.",
    "This study was approved by the ethics committee on 3 March 2024.",
    "We will compare outcomes with those of a previous cohort of patients.",
    "Des essais randomisés antérieurs ont montré l'efficacité de la TCC-I.",
    "Les participants seront recrutés dans trois centres du sommeil.",
    "Il ne s'agit pas d'un essai randomisé.",
    "Cette étude a été approuvée par le comité de protection des personnes.",
    "Nous comparerons les résultats à ceux d'une cohorte antérieure.",
])
def test_what_states_no_design_of_the_study(sentence) -> None:
    assert design_in_sentence(sentence) is None


FRENCH_CBT = """\
# TCC de groupe chez des adultes souffrant d'insomnie chronique : protocole de l'étude SOMNI-GROUPE

## Résumé

Introduction : des essais randomisés antérieurs ont montré l'intérêt de la TCC individuelle.
Méthodes et analyse : il s'agit d'un essai contrôlé randomisé multicentrique comparant la TCC
de groupe à la liste d'attente chez 180 adultes.

## Introduction

Plusieurs études de cohorte ont décrit l'évolution de l'insomnie chronique.

## Méthodes

### Schéma de l'étude

Essai contrôlé randomisé multicentrique en groupes parallèles.
"""


def test_a_french_protocol_states_its_design_in_its_abstract() -> None:
    details = read_details(doc(FRENCH_CBT, "protocole.md"))
    assert details.study_type_hint == StudyTypeHint(
        "interventional", "Méthodes et analyse : il s'agit d'un essai contrôlé randomisé", "text")
    assert details.npi_name == NpiName(
        "TCC de groupe", "TCC de groupe chez des adultes souffrant d'insomnie chronique : "
        "protocole")


def test_the_first_sentence_under_a_design_heading_names_the_design() -> None:
    text = ("# Sleep and group therapy\n\n## Methods\n\n### Study design\n\n"
            "SOMNI is a pragmatic randomised controlled trial in six sleep clinics.\n\n"
            "### Participants\n\nAdults aged 18 to 70 years.\n")
    hint = stated_design(doc(text))
    assert (hint.study_type, hint.words) == ("interventional",
                                             "SOMNI is a pragmatic randomised controlled trial")
    heading_only = ("# Sleep and group therapy\n\n## Methods\n\n### Study design\n\n"
                    "A prospective cohort design will follow 300 adults for two years.\n")
    assert stated_design(doc(heading_only)).study_type == "observational"


def test_the_background_s_designs_are_others() -> None:
    text = ("# Group therapy for insomnia: the SOMNI protocol\n\n## Background\n\n"
            "This is a randomised controlled trial setting we know well. Previous randomised "
            "trials have shown benefits.\n\n## Discussion\n\nThis is a randomised trial "
            "unlike most.\n\n## Methods\n\nParticipants will be recruited in sleep clinics.\n")
    assert stated_design(doc(text)) is None
    assert read_details(doc(text)).study_type_hint is None


def test_the_title_s_design_comes_first() -> None:
    text = ("# Group CBT for insomnia: a feasibility study\n\n## Abstract\n\n"
            "Design: a randomised controlled trial.\n")
    hint = read_details(doc(text)).study_type_hint
    assert (hint.study_type, hint.words, hint.source) == (
        "prototypical", "feasibility", "title")


# --- the NPI's name read from the title ---------------------------------------------------------

@pytest.mark.parametrize("title, name", [
    # English
    ("Effect of group cognitive behavioural therapy on insomnia severity in older adults: "
     "a randomised controlled trial", "group cognitive behavioural therapy"),
    ("Effects of high-intensity aerobic exercise on psychotic symptoms in outpatients",
     "high-intensity aerobic exercise"),
    ("Effectiveness of a school-based mental health intervention for teachers in Pakistan",
     "school-based mental health intervention"),
    ("Efficacy and safety of electroacupuncture for benign prostatic hyperplasia",
     "electroacupuncture"),
    ("Tai chi for fall prevention in older adults: protocol for a cluster randomised trial",
     "Tai chi"),
    ("Working memory training for adult hearing aid users: study protocol for a double-blind "
     "randomized active controlled trial", "Working memory training"),
    ("Mindfulness-based stress reduction versus usual care for chronic low back pain",
     "Mindfulness-based stress reduction"),
    ("Nurse coaching and mobile health compared with usual care to improve self-efficacy",
     "Nurse coaching and mobile health"),
    ("Immigrant family skills-building to prevent tobacco use in Latino youth: study protocol "
     "for a community-based participatory randomized controlled trial",
     "Immigrant family skills-building"),
    ("A cluster randomized controlled trial of lay health worker support for prevention of "
     "mother to child transmission of HIV", "lay health worker support"),
    ("Randomized trial of amoxicillin vs. placebo for pneumonia in Pakistan", "amoxicillin"),
    # ... "X versus Y" against an active comparator: X is the one studied.
    ("Cognitive behavioural therapy versus sleep hygiene for insomnia in older adults",
     "Cognitive behavioural therapy"),
    ("Cognitive-behavioral therapy vs. light therapy for preventing winter depression "
     "recurrence: study protocol for a randomized controlled trial",
     "Cognitive-behavioral therapy"),
    ("Pain exposure physical therapy (PEPT) compared to conventional treatment in complex "
     "regional pain syndrome type 1: a randomised controlled trial",
     "Pain exposure physical therapy (PEPT)"),
    ("Evaluation of a medical and mental health unit compared with standard care for older "
     "people", "medical and mental health unit"),
    ("A randomised trial comparing yoga with usual care for chronic low back pain", "yoga"),
    # ... a trial of X against a control, its design's words left out of the name.
    ("Multi-centre randomised controlled trial of a smart phone-based event recorder alongside "
     "standard care versus standard care for patients presenting to the emergency department",
     "smart phone-based event recorder alongside standard care"),
    # ... an outcome after "and" is not part of the name.
    ("Exercise training and weight gain in obese pregnant women: a randomized controlled trial",
     "Exercise training"),
    ("Effect of supervised exercise and quality of life in older adults", "supervised exercise"),
    # ... but only when it is the whole of what follows "and".
    ("Effect of exercise and health coaching on fitness in older adults",
     "exercise and health coaching"),
    # ... an outcome with its population, before "versus" a control.
    ("Tai chi and fatigue in older adults versus usual care", "Tai chi"),
    ("Yoga and sleep in breast cancer survivors: a randomized controlled trial", "Yoga"),
    # French
    ("Effet de la thérapie cognitive et comportementale de groupe sur la sévérité de "
     "l'insomnie chez des adultes : essai contrôlé randomisé",
     "thérapie cognitive et comportementale de groupe"),
    ("Effets d'un exercice aérobie de haute intensité sur les symptômes psychotiques",
     "exercice aérobie de haute intensité"),
    ("Efficacité de l’aide à la décision Chest Pain Choice chez les patients consultant aux "
     "urgences", "aide à la décision Chest Pain Choice"),
    ("Intérêt de l'Eye Movement Desensitization Reprocessing dans le traitement des "
     "acouphènes : protocole d'étude d'un essai contrôlé randomisé",
     "Eye Movement Desensitization Reprocessing"),
    ("Activité physique adaptée chez des patients lombalgiques chroniques : protocole "
     "d'essai contrôlé randomisé", "Activité physique adaptée"),
    ("Intervention psychologique fondée sur l'attachement pour les couples confrontés au "
     "cancer du sein : protocole d'un essai contrôlé randomisé",
     "Intervention psychologique fondée sur l'attachement"),
    ("Marche nordique versus soins habituels chez des patients atteints de BPCO",
     "Marche nordique"),
    ("Accompagnement infirmier et santé mobile comparés aux soins habituels pour améliorer "
     "l'auto-efficacité", "Accompagnement infirmier et santé mobile"),
    ("Tolérance et efficacité des granulés Qishen chez les patients atteints d'insuffisance "
     "cardiaque chronique", "granulés Qishen"),
    ("La nabilone dans les symptômes non moteurs de la maladie de Parkinson : étude "
     "randomisée contrôlée contre placebo", "nabilone"),
    # ... « X versus Y » contre un comparateur actif : X est celle qui est étudiée.
    ("Thérapie cognitivo-comportementale versus hygiène du sommeil chez des adultes âgés "
     "insomniaques", "Thérapie cognitivo-comportementale"),
    ("Thérapie cognitivo-comportementale vs luminothérapie pour la prévention de la récurrence "
     "de la dépression hivernale : protocole d’étude d’un essai contrôlé randomisé",
     "Thérapie cognitivo-comportementale"),
    ("Kinésithérapie par exposition à la douleur (PEPT) comparée au traitement conventionnel "
     "dans le syndrome douloureux régional complexe de type 1 : un essai contrôlé randomisé",
     "Kinésithérapie par exposition à la douleur (PEPT)"),
    ("Évaluation d'une unité de médecine et de santé mentale comparée aux soins standard chez "
     "les personnes âgées", "unité de médecine et de santé mentale"),
    ("Essai randomisé comparant l'amoxicilline à un placebo dans la pneumonie au Pakistan",
     "amoxicilline"),
    ("Essai randomisé comparant le yoga aux soins habituels chez des patients lombalgiques",
     "yoga"),
    ("Essai randomisé de la marche nordique versus soins habituels chez des patients atteints "
     "de BPCO", "marche nordique"),
    # ... ce qui est mesuré, après « et », n'est pas dans le nom.
    ("Entraînement physique et prise de poids chez les femmes enceintes obèses : un essai "
     "contrôlé randomisé", "Entraînement physique"),
    ("Effet de l'exercice et qualité de vie chez les personnes âgées", "exercice"),
    ("Effet d'un programme d'exercice et santé mobile sur la condition physique des personnes "
     "âgées", "programme d'exercice et santé mobile"),
    ("Yoga et sommeil chez les survivantes du cancer du sein : essai contrôlé randomisé", "Yoga"),
    ("Yoga et fatigue liée au cancer chez les survivantes du cancer du sein : essai contrôlé "
     "randomisé", "Yoga"),
    ("Tai-chi et fatigue chez les personnes âgées versus soins habituels", "Tai-chi"),
])
def test_the_npi_s_name_in_a_usual_shape_of_title(title, name) -> None:
    reading = npi_name(title)
    assert reading is not None and reading.name == name
    assert reading.words in title and name in reading.words


@pytest.mark.parametrize("title", [
    # No usual shape, or a shape that reads more than a name.
    "Supervised walking after stroke: protocol for a randomised controlled trial (WALK)",
    "Physical activity during pregnancy and maternal-child health (PAMELA): study protocol",
    "Evaluating a health care provider delivered intervention to reduce intimate partner "
    "violence: study protocol for a randomized controlled trial",
    "Hemiarthroplasty compared to total hip arthroplasty for displaced femoral neck fractures",
    "Safety and efficacy of miltefosine alone and in combination with sodium stibogluconate",
    "CRASH-3 - tranexamic acid for the treatment of significant traumatic brain injury: "
    "study protocol for an international randomized trial",
    "Effect on attendance by including focused information on spirometry in health checks",
    "The Lifestyle Interventions and Independence for Elders Study: Design and Methods",
    "Cogmed Training Does Not Generalize to Real-World Benefits for Adult Hearing Aid Users: "
    "Results of a Blinded, Active-Controlled Randomized Trial",
    "Conception et protocole de l'étude Moving Forward : un essai d'intervention de perte "
    "de poids",
    "Voie entérale versus voie intraveineuse pour la sédation des patients de réanimation : "
    "un essai randomisé et contrôlé",
    "Effet des soins centrés sur la personne sur l'utilisation des antipsychotiques",
    "Prise en charge dans une unité spécialisée de médecine et de santé mentale comparée à "
    "la prise en charge standard chez les personnes âgées : un essai contrôlé randomisé",
    "Effet sur l'hémorragie du post-partum de l'ocytocine prophylactique",
    "Justification et plan d'un essai contrôlé randomisé examinant l'effet de l'activité "
    "physique en classe",
    "Illness management and recovery (IMR) dans les centres de santé mentale communautaires",
    "Effects of the Girls on the Move randomized trial on adiposity and aerobic performance",
    "Effets de l'essai randomisé Girls on the Move sur l'adiposité et la performance aérobie",
    # Two treatments alike compared: which one is studied is not said.
    "Uterine artery embolization versus focused ultrasound for uterine fibroids",
    "Embolisation des artères utérines versus ultrasons focalisés pour les fibromes utérins",
    # Every arm listed, or counted.
    "Yoga versus stretching versus a self-care book for chronic low back pain",
    "Yoga versus étirements versus livret d'auto-soins pour la lombalgie chronique",
    "Acupuncture, sham acupuncture or usual care for chronic headache: protocol for a "
    "randomised trial",
    "Acupuncture, acupuncture simulée ou soins habituels pour la céphalée chronique : protocole "
    "d'un essai randomisé",
    "Exercise or relaxation for chronic fatigue: protocol for a randomised trial",
    "Exercice ou relaxation pour la fatigue chronique : protocole d'un essai randomisé",
    "Effects of clopidogrel, prasugrel and ticagrelor on endothelial function",
    "Effets du clopidogrel, du prasugrel et du ticagrélor sur la fonction endothéliale",
    "Randomized trial of two artificial intelligence coaching interventions to increase "
    "physical activity in cancer survivors",
    "Essai randomisé de deux interventions de coaching par intelligence artificielle visant à "
    "augmenter l'activité physique",
    # Two arms joined by "and" / « et », sharing their head word, against a control or not.
    "Manual and Electroacupuncture for Labour Pain: Study Design of a Longitudinal Randomized "
    "Controlled Trial",
    "Manual and electroacupuncture for labour pain: protocol for a randomised trial",
    "Manual and electroacupuncture versus usual care for labour pain",
    "Manual acupuncture and electroacupuncture for labour pain: protocol for a randomised trial",
    "Acupuncture manuelle et électroacupuncture pour la douleur du travail : protocole d'un "
    "essai randomisé",
    "Acupuncture manuelle et électroacupuncture versus soins habituels pour la douleur du "
    "travail",
    # "X and an outcome" with no trial named: X may be an exposure, not an NPI.
    "Yoga and fatigue in breast cancer survivors",
    "Yoga et fatigue chez les survivantes du cancer du sein",
    "Sleep duration and mortality in older adults",
    "Durée du sommeil et mortalité chez les personnes âgées",
    "Intensive structured self-monitoring of blood glucose and glycemic control in "
    "non-insulin-treated type 2 diabetes",
    # The control inside the NPI's own arm: the name would stop within it.
    "A randomised trial comparing exercise combined with usual care to usual care for knee pain",
    "Essai randomisé comparant un enregistreur associé à la prise en charge standard à la prise "
    "en charge standard seule chez des patients",
])
def test_no_npi_name_where_the_title_s_shape_is_not_clear(title) -> None:
    assert npi_name(title) is None


# --- the form's readings ----------------------------------------------------------------------

def test_the_npi_s_name_is_read_and_its_title_words_travel_with_it() -> None:
    details = DocumentDetails(
        title="Tai chi for falls: protocol for a randomised trial",
        npi_name=NpiName("Tai chi", "Tai chi for falls: protocol"),
        study_type_hint=StudyTypeHint("interventional", "Design: a randomised trial", "text"))
    readings = readings_of(details, "en")
    assert readings["npi_name"] == "Tai chi"
    assert (readings[NPI_WORDS], readings[HINT_SOURCE]) == ("Tai chi for falls: protocol",
                                                            "text")
    empty = prefill({"npi_name": ""}, readings, {}, {})
    assert empty.values["npi_name"] == "Tai chi"
    assert empty.readings[NPI_WORDS] == "Tai chi for falls: protocol"
    assert parse_readings('{"study_type_source": "text", "npi_name_words": "x"}') == {
        HINT_SOURCE: "text", NPI_WORDS: "x"}
    assert parse_readings('{"study_type_source": "guess"}') == {}


def test_the_npi_s_name_the_person_typed_is_never_replaced() -> None:
    readings = {"npi_name": "Tai chi", NPI_WORDS: "Tai chi for falls: protocol",
                HINT_TYPE: "interventional", HINT_WORDS: "randomised"}
    typed = prefill({"npi_name": "Qigong for older adults"}, readings, {}, {})
    assert typed.values["npi_name"] == "Qigong for older adults"
    assert typed.kept == {"npi_name": "Tai chi"}
    assert "npi_name" not in typed.readings and NPI_WORDS not in typed.readings
    # What an earlier document gave is the page's, and goes when the new one gives none.
    earlier = prefill({"npi_name": "Tai chi"}, {}, {"npi_name": "Tai chi"}, {})
    assert earlier.values["npi_name"] == ""
