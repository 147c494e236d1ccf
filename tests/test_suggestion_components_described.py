"""PRO04 reads what the NPI is made of where the document describes its intervention (the
components detail's ``sections``), not only in or right after a sentence of its evidence: a
protocol's abstract gives the dose and its outcomes, its "Description of interventions" what
each stage holds; a paper's "Acupuncture protocol" the points used in the treatment group.
Never a dose, a schedule or the outcomes (found on the train split: a CBT-E protocol, an
electroacupuncture paper)."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.catalogue import get_catalogue
from checker.documents import Document, extract_document
from checker.evidence import Detection

ABSTRACT_EN = """# Integrated CBT for binge eating and obesity: protocol for a randomised trial

## Abstract

### Methods/Design

One hundred adults with binge eating disorder will be individually randomised to a therapy
arm. Both therapies are manualised, and in this RCT will comprise 1 individual session and 29
office-based group sessions over 6 months. Secondary outcomes included metabolic indicators,
including weight and waist circumference.
"""

DESCRIBED_EN = """
## Methods

### {heading}

HAPIFED is delivered in 5 stages: 1 individual initial clinical assessment session with a
psychologist followed by 29 group office-based meetings over a total of 6 months.

Stage 1 begins with psychoeducation that includes information on why diets fail, hungry and
non-hungry eating, and self-monitoring of eating and weight.
"""

ABSTRACT_FR = """# TCC intégrée pour l'hyperphagie et l'obésité : protocole d'un essai randomisé

## Résumé

### Méthode/Plan de l'étude

Cent adultes atteints d'hyperphagie boulimique seront répartis aléatoirement entre deux
thérapies. Les deux thérapies sont manualisées et comprendront 1 séance individuelle et 29
séances de groupe en cabinet sur 6 mois. Les critères de jugement
secondaires comprenaient des indicateurs métaboliques, dont le poids et le tour de taille.
"""

DESCRIBED_FR = """
## Méthodes

### {heading}

HAPIFED se déroule en 5 étapes : 1 séance individuelle initiale d'évaluation clinique
avec un psychologue, puis 29 réunions de groupe en cabinet sur 6 mois.

L'étape 1 débute par une psychoéducation comprenant des informations sur les raisons de l'échec
des régimes, sur le fait de manger avec ou sans faim, et sur l'auto-surveillance.
"""


def _pro04(text: str, lang: str, kind: str = "protocol"):
    return suggest(text, lang, study_type="prototypical", kind=kind)["PRO04"]


def _component_quotes(suggestion) -> list[str]:
    return [" ".join(q.text.split()) for q in suggestion.quotations
            if q.element == "detail:components"]


@pytest.mark.parametrize(("abstract", "described", "heading", "stage"), [
    (ABSTRACT_EN, DESCRIBED_EN, "Description of interventions",
     "Stage 1 begins with psychoeducation"),
    (ABSTRACT_FR, DESCRIBED_FR, "Description des interventions",
     "L'étape 1 débute par une psychoéducation"),
], ids=["en", "fr"])
def test_components_read_in_the_description_of_interventions(abstract, described, heading,
                                                             stage):
    """The abstract's dose and outcomes say nothing of what the therapy is made of; the
    description's first stage does, not its schedule of 5 stages and 29 meetings."""
    lang = "fr" if abstract is ABSTRACT_FR else "en"
    pro04 = _pro04(abstract + described.format(heading=heading), lang)
    assert pro04.answer == "met"
    assert pro04.details_missing == []
    quotes = _component_quotes(pro04)
    assert len(quotes) == 1 and quotes[0].startswith(stage)


def _dose_detected(text: str, lang: str) -> tuple[Document, list[Detection]]:
    """The document, with the intervention's description (11a) detected in the abstract's
    dose sentence only."""
    document = extract_document(text.encode(), "doc.md")
    sentence = next(s for s in document.sentences
                    if document.sentence_text(s).startswith(("Both therapies",
                                                             "Les deux thérapies")))
    return document, [Detection("11a_Intervention_Description",
                                document.sentence_text(sentence), sentence.start,
                                sentence.end, None, sentence.section, 0.9, 1)]


@pytest.mark.parametrize(("abstract", "described", "lang", "heading", "answer"), [
    (ABSTRACT_EN, DESCRIBED_EN, "en", "Description of interventions", "met"),
    (ABSTRACT_EN, DESCRIBED_EN, "en", "Statistical analysis", "partially_met"),
    (ABSTRACT_FR, DESCRIBED_FR, "fr", "Description des interventions", "met"),
    (ABSTRACT_FR, DESCRIBED_FR, "fr", "Analyse statistique", "partially_met"),
], ids=["en-described", "en-other-heading", "fr-described", "fr-other-heading"])
def test_the_heading_says_where_the_intervention_is_described(abstract, described, lang,
                                                              heading, answer):
    """With the abstract's dose as the only evidence, the first stage's content is read
    under a heading describing the interventions, not under another one; the outcomes
    after the dose never count."""
    document, detections = _dose_detected(abstract + described.format(heading=heading), lang)
    pro04 = suggest(document, lang, study_type="prototypical",
                    detections=detections)["PRO04"]
    assert pro04.answer == answer
    assert pro04.details_missing == ([] if answer == "met" else ["components"])


@pytest.mark.parametrize(("abstract", "section", "lang"), [
    (ABSTRACT_EN, """
## Methods

### Interventions

Participants will attend 29 group sessions of 90 minutes, twice weekly for 4 weeks, then
weekly. Secondary outcomes will be metabolic indicators, including weight and blood pressure.
""", "en"),
    (ABSTRACT_FR, """
## Méthodes

### Interventions

Les participants suivront 29 séances de groupe de 90 minutes, deux fois par semaine pendant
4 semaines, puis une fois par semaine. Les critères de jugement secondaires seront des
indicateurs métaboliques, dont le poids et la pression artérielle.
""", "fr"),
], ids=["en", "fr"])
def test_no_schedule_nor_outcomes_as_components(abstract, section, lang):
    """Under "Interventions" a schedule and the outcomes are not what the NPI is made of."""
    pro04 = _pro04(abstract + section, lang)
    assert pro04.answer == "partially_met"
    assert pro04.details_missing == ["components"]


@pytest.mark.parametrize(("text", "lang", "points"), [
    ("""# Electroacupuncture for benign prostatic hyperplasia: a randomized controlled trial

## Methods

### Study design

Participants were randomly allocated to receive EA at acupoint (treatment group, n = 50) and
EA at non-acupoint (control group, n = 50).

### Outcome measurement

The primary outcome measure includes the change of IPSS at the 6th week and the secondary
outcome measures include changes of PVR and Qmax at the 6th week.

### Acupuncture protocol

In the present study, BL33s were used in the acupoint treatment group; whereas the two points
lateral to BL33s were used in the non-acupoint control group.
""", "en", "BL33s were used in the acupoint treatment group"),
    ("""# Électroacupuncture dans l'hyperplasie bénigne de la prostate : essai contrôlé randomisé

## Méthodes

### Plan de l'étude

Les participants ont été répartis aléatoirement pour recevoir une EA sur des points
d'acupuncture (groupe traitement, n = 50) ou une EA sur des points hors acupuncture (groupe
témoin, n = 50).

### Évaluation des critères de jugement

Le critère de jugement principal comprend la variation de l'IPSS à la 6e semaine ; les critères
de jugement secondaires comprennent les variations du RPM et du Qmax à la 6e semaine.

### Protocole d'acupuncture

Dans la présente étude, les points BL33 ont été utilisés dans le groupe traitement, tandis que
les deux points situés en dehors des BL33 ont été utilisés dans le groupe témoin.
""", "fr", "les points BL33 ont été utilisés dans le groupe traitement"),
], ids=["en", "fr"])
def test_points_used_in_the_treatment_group(text, lang, points):
    """A paper's acupuncture protocol says which points the treatment group received; the
    outcome measures "include" nothing the NPI is made of."""
    pro04 = _pro04(text, lang, kind="results")
    assert pro04.answer == "met"
    quotes = _component_quotes(pro04)
    assert len(quotes) == 1 and points in quotes[0]


def test_catalogue_reads_a_details_sections():
    """The components detail names its sections per language, as does MEC10's alpha (the
    sample size's heading); other details name none."""
    invariant = get_catalogue().invariant("PRO04")
    components = next(d for d in invariant.evidence.details if d.id == "components")
    assert "Interventions" in components.sections.names_for("en")
    assert "Protocole d'acupuncture" in components.sections.names_for("fr")
    assert components.sections.names_for("de") == ()
    alpha = next(d for d in get_catalogue().invariant("MEC10").evidence.details
                 if d.id == "alpha")
    assert "Sample size" in alpha.sections.names_for("en")
    assert "Nombre de sujets nécessaires" in alpha.sections.names_for("fr")
    others = [d for i in get_catalogue().invariants for d in i.evidence.details
              if i.id not in ("PRO04", "MEC10")]
    assert others and all(d.sections is None for d in others)


@pytest.mark.parametrize(("abstract", "section", "lang"), [
    (ABSTRACT_EN, """
## Methods

### Interventions

Community leaders including elders and religious leaders will be invited to a launch meeting.
Four couple sessions were judged sufficient to address emerging needs of the couples. Routine
care was provided in both clusters (this included contraceptive education to all women).
""", "en"),
    (ABSTRACT_FR, """
## Méthodes

### Interventions

Les responsables communautaires, dont les anciens, seront invités à une réunion de lancement.
Quatre séances de couple ont été jugées suffisantes pour aborder les besoins des couples. Des
soins courants ont été dispensés dans les deux groupes (ils comprenaient une éducation
contraceptive pour toutes les femmes).
""", "fr"),
], ids=["en", "fr"])
def test_under_interventions_the_npi_must_be_what_includes(abstract, section, lang):
    """A whole section is read, so its wording is stricter than beside the evidence: people
    "including" elders, sessions enough "to address" needs, the usual care of both arms
    "(this included …)" say nothing of what the NPI is made of."""
    document, detections = _dose_detected(abstract + section, lang)
    pro04 = suggest(document, lang, study_type="prototypical",
                    detections=detections)["PRO04"]
    assert pro04.answer == "partially_met"
    assert pro04.details_missing == ["components"]


@pytest.mark.parametrize(("section", "lang"), [
    ("""
## Methods

### Interventions

Both interventions (B) and (C) include personalised and tailored components.
""", "en"),
    ("""
## Méthodes

### Interventions

Les deux interventions (B) et (C) comportent des composantes personnalisées et adaptées.
""", "fr"),
], ids=["en", "fr"])
def test_components_left_unnamed_are_not_what_the_npi_is_made_of(section, lang):
    """Saying the interventions have tailored components names none of them."""
    abstract = ABSTRACT_FR if lang == "fr" else ABSTRACT_EN
    document, detections = _dose_detected(abstract + section, lang)
    pro04 = suggest(document, lang, study_type="prototypical",
                    detections=detections)["PRO04"]
    assert pro04.answer == "partially_met"
