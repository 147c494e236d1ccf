"""PRO04 under the intervention's headings (the components detail's ``sections``): a report
that names the NPI's components only in general terms or by pointing to a table, a figure or
a manual does not say what they are (a blind methodologist judged such protocols *partially
met*: a manual's "general introduction", the "package" of care, four components "(see Table
1)", topics "presented in Table 1", teaching "using" an approach, "charts and other
materials"), while a sentence naming them stays *met* (a count followed by the components, a
list with a table's number after it). Beside the evidence, a dose stays a dose when words
stand between the verb and it (« comprendront, dans cet ECR, 1 séance individuelle … »).
Found on the train split (French 001, 045, 048, 076, 097, 010, 068; English 076; French 091)."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.evidence import Detection

ABSTRACT = {
    "en": """# A couple intervention for patients and partners: protocol for a randomised trial

## Abstract

### Methods/Design

Couples will be individually randomised to the intervention or to usual care. The
intervention is manualised, and will comprise eight couple sessions over 3 months.
""",
    "fr": """# Une intervention de couple pour les patients et leurs partenaires : protocole

## Résumé

### Méthode/Plan de l'étude

Les couples seront répartis aléatoirement entre l'intervention et les soins courants.
L'intervention est manualisée et comprendra huit séances de couple sur 3 mois.
""",
}

HEADING = {"en": "\n## Methods\n\n### Intervention\n\n",
           "fr": "\n## Méthodes\n\n### Intervention\n\n"}

DOSE_START = ("The intervention is manualised", "L'intervention est manualisée")


def _pro04_under_intervention(sentence: str, lang: str):
    """PRO04's suggestion when the abstract's dose is the only evidence (11a detected there)
    and the section "Intervention" holds ``sentence``."""
    document = extract_document((ABSTRACT[lang] + HEADING[lang] + sentence + "\n").encode(),
                                "doc.md")
    dose = next(s for s in document.sentences
                if " ".join(document.sentence_text(s).split()).startswith(DOSE_START))
    detections = [Detection("11a_Intervention_Description", document.sentence_text(dose),
                            dose.start, dose.end, None, dose.section, 0.9, 1)]
    return suggest(document, lang, study_type="prototypical", detections=detections)["PRO04"]


GENERAL = [
    ("en", "The manual comprised a general introduction to the background and the aim of the "
           "intervention, a short summary of attachment theory, and a description of issues to "
           "address in the couple sessions (Table 1)."),
    ("fr", "Le manuel comprenait une introduction générale au contexte et à l'objectif de "
           "l'intervention, un bref résumé de la théorie de l'attachement et une description des "
           "thèmes à aborder au cours des séances de couple (Tableau 1)."),
    ("en", "Treatment comprises the 'package' of care delivered on the specialist unit or on "
           "standard care wards."),
    ("fr", "Le traitement consiste en l'« ensemble » des soins dispensés dans l'unité "
           "spécialisée ou dans les services de soins standard."),
    ("en", "The study intervention will comprise four components, according to the assigned "
           "group (see Table 1)."),
    ("fr", "L'intervention de l'étude comprendra quatre composantes, selon le groupe "
           "d'assignation (voir Tableau 1)."),
    ("en", "The workshop topics are presented in Table 1."),
    ("fr", "Les thèmes abordés dans l'atelier de formation sont présentés dans le Tableau 1."),
    ("en", "The active mathematics intervention consisted of teaching mathematics using "
           "classroom physical activity as a facilitating tool."),
    ("fr", "L'intervention mathématiques actives consistait en un enseignement des "
           "mathématiques mettant en œuvre l'activité physique en classe comme outil "
           "facilitateur."),
    ("en", "The programme is organised into thematic modules and includes charts and other "
           "materials to facilitate patient engagement."),
    ("fr", "Le programme est organisé en modules thématiques et comprend des tableaux et "
           "d'autres supports destinés à favoriser l'implication des patients."),
    ("en", "The study nurse then administered the four screening components of the algorithm "
           "to the patients of the intervention arm."),
    ("fr", "L'infirmier de l'étude appliquait ensuite les quatre composantes de dépistage de "
           "l'algorithme aux patients du bras intervention."),
    ("en", "The training programme will comprise one initial workshop of 2 days on "
           "person-centred care and ongoing training and support."),
    ("fr", "Le programme de formation comprendra un atelier initial de 2 jours sur les soins "
           "centrés sur la personne ainsi qu'une formation et un accompagnement continus."),
    ("en", "The mathematics sessions included at least 15 min of physical activity spread "
           "over the session."),
    ("fr", "Chaque cours de 45 minutes comportait au moins 15 min d'activité physique "
           "réparties sur la durée du cours."),
    ("en", "The research group developed the training course and its teaching material, which "
           "included specific instructions and inspiration on how teachers could integrate "
           "physical activity into mathematics lessons."),
    ("fr", "Le groupe de recherche a élaboré le stage de formation et le matériel pédagogique "
           "associé, qui comprenait des instructions précises et des pistes d'inspiration sur "
           "la manière dont les enseignants pouvaient intégrer l'activité physique aux cours."),
    ("en", "The course included a presentation of the background and aims of the study."),
    ("fr", "Le stage comprenait une présentation du contexte et des objectifs de l'étude."),
]


@pytest.mark.parametrize(("lang", "sentence"), GENERAL,
                         ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(GENERAL)])
def test_components_in_general_terms_or_in_a_table_are_not_enough(lang, sentence):
    """Under "Intervention", the components named only in general terms (the study's
    background and aims, how the providers could do it), counted without being named, or left
    to a table, and a workshop's or a lesson's length, leave PRO04 partially met."""
    pro04 = _pro04_under_intervention(sentence, lang)
    assert pro04.answer == "partially_met"
    assert pro04.details_missing == ["components"]


CONCRETE = [
    ("en", "The program will have three components: 1) Individual intervention – a "
           "personalised 1-hour visit to explain the Mediterranean diet and the benefits of "
           "following it."),
    ("fr", "Le programme comportera trois composantes : 1) Intervention individuelle – une "
           "consultation personnalisée d'une heure pour expliquer le régime méditerranéen et "
           "les bénéfices à le suivre."),
    ("en", "The broad version adds three modules addressing external mechanisms – "
           "perfectionism, low self-esteem and interpersonal difficulties."),
    ("fr", "La version élargie ajoute trois modules portant sur des mécanismes externes — "
           "perfectionnisme, faible estime de soi et difficultés interpersonnelles."),
    ("en", "The programme combines three techniques (relaxation, breathing and guided "
           "imagery)."),
    ("fr", "Le programme associe trois techniques (relaxation, respiration et imagerie "
           "guidée)."),
    ("en", "The intervention includes endurance, strength, flexibility and balance training, "
           "at the centre twice a week and at home (Table 3)."),
    ("fr", "L'intervention comprend un entraînement en endurance, en force, en souplesse et en "
           "équilibre, au centre deux fois par semaine et à domicile (Tableau 3)."),
    ("en", "The exercises included squats, lunges and step-ups, detailed in Table 2."),
    ("fr", "Les exercices comprenaient des squats, des fentes et des montées de marche, "
           "détaillés dans le Tableau 2."),
    ("en", "The training topics included an introduction to intimate partner violence, its "
           "consequences for health and the legal framework in Mexico City."),
    ("fr", "Les thèmes de la formation comprenaient une introduction aux violences conjugales, "
           "leurs conséquences sur la santé et le cadre juridique à Mexico."),
    ("en", "The two writing exercises asked patients to reflect on 11 values (Box)."),
    ("fr", "Les deux exercices d'écriture demandaient aux patients de réfléchir à 11 valeurs "
           "(Encadré)."),
]


@pytest.mark.parametrize(("lang", "sentence"), CONCRETE,
                         ids=[f"{lang}-{i}" for i, (lang, _) in enumerate(CONCRETE)])
def test_components_named_are_met(lang, sentence):
    """Under "Intervention", components named (after a count, in a list, before a table's
    number, or counted with what they ask of the patients) say what the NPI is made of, and
    that sentence is quoted."""
    pro04 = _pro04_under_intervention(sentence, lang)
    assert pro04.answer == "met"
    assert pro04.details_missing == []
    # Quoted as the components stated (or, holding a cue, "exercises included", as evidence).
    assert " ".join(sentence.split()) in [" ".join(q.text.split()) for q in pro04.quotations]


def _pro04_beside(sentence: str, lang: str):
    """PRO04's suggestion when ``sentence`` (in the abstract, 11a detected there) is its only
    evidence and nothing is described under the intervention's headings."""
    title = {"en": "# A therapy for binge eating: protocol\n\n## Abstract\n\n",
             "fr": "# Une thérapie de l'hyperphagie : protocole\n\n## Résumé\n\n"}[lang]
    after = {"en": "\n\n## Statistical analysis\n\nAnalyses will be by intention to treat.\n",
             "fr": "\n\n## Analyse statistique\n\nLes analyses seront en intention de traiter.\n"}
    document = extract_document((title + sentence + after[lang]).encode(), "doc.md")
    at = next(s for s in document.sentences if not document.is_heading(s))
    detections = [Detection("11a_Intervention_Description", document.sentence_text(at),
                            at.start, at.end, None, at.section, 0.9, 1)]
    return suggest(document, lang, study_type="prototypical", detections=detections)["PRO04"]


@pytest.mark.parametrize(("lang", "sentence", "answer"), [
    ("fr", "Les deux thérapies sont manualisées et comprendront, dans cet ECR, 1 séance "
           "individuelle et 29 séances de groupe en cabinet sur 6 mois.", "partially_met"),
    ("en", "The intervention is manualised and will comprise 4 to 8 couple sessions with a "
           "psychologist over 3 months.", "partially_met"),
    ("en", "Both therapies are manualised and will comprise, in this RCT, 1 individual session "
           "and 29 office-based group sessions over 6 months.", "partially_met"),
    ("fr", "Chaque séance comprend, dans cet ordre, un échauffement, du renforcement des "
           "membres inférieurs et des étirements.", "met"),
    ("en", "Each session includes, in this order, a warm-up, lower-limb strengthening and "
           "stretching.", "met"),
], ids=["fr-dose", "en-dose", "en-dose-range", "fr-content", "en-content"])
def test_a_dose_after_a_comma_is_no_component(lang, sentence, answer):
    """Beside the evidence, a dose is not what the NPI is made of even with words between
    commas after the verb, or a range of sessions ("4 to 8 couple sessions"); the content of
    a session after such words still is."""
    pro04 = _pro04_beside(sentence, lang)
    assert pro04.answer == answer
    assert pro04.details_missing == ([] if answer == "met" else ["components"])
