"""Observational and ethical suggestions on the results paper of a prospective cohort after
myocardial infarction (home-based cardiac rehabilitation attended or not; propensity scores,
confounders, a sample size planned, sensitivity analyses), in English and French, as a
cardiologist reviewing the manuscript reads it.

Each test names a part of an invariant that the paper reports in its own words, where the
frozen detection of the SPIRIT/CONSORT item reads a trial's (a sponsor named as such, a
parallel or crossover design), so that the answer was *partially met* with the sentence
quoted beside it (``evidence.worded``); and a sentence near those words that must not count."""

from __future__ import annotations

import re

import pytest
from suggestion_support import quotation_texts, suggest

from checker.documents import extract_document
from checker.evidence.sections import CONTEXT, OWN_REPORT, get_context_sections

PAPER_EN = """# Home-based cardiac rehabilitation after myocardial infarction: a prospective cohort

## Methods

### Study design

HEART-HOME is a prospective multicentre observational cohort study.
Patients were not allocated to the programme by the investigators.

### Participants

Consecutive patients aged 18 years or older hospitalised for acute MI according to the
Fourth Universal Definition and discharged alive were eligible.
Recruitment took place in 9 hospitals in Germany between 1 March 2019 and 28 February 2021.

### Exposure

The weekly coaching calls were delivered by registered nurses with two years of experience
in cardiology who had completed a 16-hour training course in motivational interviewing, and
were supervised by a cardiologist at each centre.

### Variables

Potential confounders were age, sex, diabetes, ejection fraction and discharge medication
(beta-blockers, statins).

### Study size

Assuming an event rate of 18%, a sample of 1,150 patients gave 80% power to detect a hazard
ratio of 0.65.
We planned to enrol 1,200 patients to allow for 5% loss to follow-up.

### Statistical methods

Hazard ratios were estimated with weighted Cox models.
Missing covariate data were handled by multiple imputation.
Sensitivity analyses included propensity score matching and an E-value.

## Declarations

### Funding

This study was funded by the Innovation Fund (grant 01VSF18023).
The funder had no role in the design of the study, the analysis of data or the writing of
the manuscript.
"""

PAPER_FR = """# Réadaptation cardiaque à domicile après un infarctus : une cohorte prospective

## Méthodes

### Schéma de l'étude

HEART-HOME est une étude de cohorte prospective multicentrique observationnelle.
Les patients n'étaient pas orientés vers le programme par les investigateurs.

### Participants

Étaient éligibles les patients de 18 ans ou plus hospitalisés pour un infarctus aigu du
myocarde selon la quatrième définition universelle et sortis vivants.
Le recrutement a eu lieu dans 9 hôpitaux en France entre le 1er mars 2019 et le 28 février 2021.

### Exposition

Les appels hebdomadaires étaient assurés par des infirmières ayant deux ans d'expérience en
cardiologie, qui avaient suivi une formation de 16 heures à l'entretien motivationnel, et
supervisées par un cardiologue dans chaque centre.

### Variables

Les facteurs de confusion potentiels étaient l'âge, le sexe, le diabète, la fraction
d'éjection et les médicaments à la sortie (bêtabloquants, statines).

### Taille de l'échantillon

Avec un taux d'événements de 18 %, un effectif de 1 150 patients donnait une puissance de
80 % pour un hazard ratio de 0,65.
Nous avions prévu d'inclure 1 200 patients pour tenir compte de 5 % de perdus de vue.

### Analyses statistiques

Les hazard ratios ont été estimés par des modèles de Cox pondérés.
Les données manquantes ont été traitées par imputation multiple.
Des analyses de sensibilité ont été réalisées par appariement sur le score de propension.

## Déclarations

### Financement

Cette étude a été financée par le Fonds d'innovation (subvention 01VSF18023).
Le financeur n'a joué aucun rôle dans la conception de l'étude, l'analyse des données ni la
rédaction du manuscrit.
"""

PAPERS = {"en": PAPER_EN, "fr": PAPER_FR}

# For each invariant: the element read in the paper's own words, and the start of the
# sentence that is its evidence, per language.
WORDED = {
    "E06": ("5a_Sponsor", {"en": "The funder had no role", "fr": "Le financeur n'a joué"}),
    "E12": ("X_fidelity", {"en": "The weekly coaching calls", "fr": "Les appels hebdomadaires"}),
    "OBS01": ("8a_Design_Type", {"en": "HEART-HOME is a prospective",
                                 "fr": "HEART-HOME est une étude"}),
    "OBS02": ("X_diagnosis_criteria", {"en": "Consecutive patients aged",
                                       "fr": "Étaient éligibles les patients"}),
    "OBS07": ("11d_Intervention_Concomitant", {"en": "Potential confounders were",
                                               "fr": "Les facteurs de confusion"}),
    "OBS09": ("14a_Sample_size", {"en": "Assuming an event rate", "fr": "Avec un taux"}),
    "OBS10": ("20b_Statistical_methods_Other_Analyses",
              {"en": "Sensitivity analyses included", "fr": "Des analyses de sensibilité"}),
}


@pytest.fixture(scope="module", params=["en", "fr"])
def paper(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(PAPERS[lang], lang, study_type="observational", kind="paper",
                         name="paper.md")


@pytest.mark.parametrize("invariant", sorted(WORDED))
def test_the_part_worded_in_the_paper_counts_with_its_sentence(paper, invariant) -> None:
    """E06 the funder's role (no sponsor named as such), E12 the providers' training and
    supervision, OBS01 the cohort named as the design, OBS02 the diagnosis by the Universal
    Definition, OBS07 the discharge medication among the confounders, OBS09 the number of
    patients planned, OBS10 the sensitivity analyses: each is found and quoted, where the
    answer was partially met naming it as not reported."""
    lang, suggestions = paper
    element, starts = WORDED[invariant]
    suggestion = suggestions[invariant]
    assert element in suggestion.elements_found, (suggestion.elements_missing,
                                                  suggestion.elements_inferred)
    assert element not in suggestion.elements_inferred
    # Its sentence is quoted (as this element's, or as another's that it also evidences).
    texts = quotation_texts(suggestion)
    assert any(text.startswith(starts[lang]) for text in texts), texts


@pytest.mark.parametrize("invariant", ["E06", "OBS09"])
def test_with_every_part_reported_the_answer_is_met(paper, invariant) -> None:
    """E06 (funding with its grant, and the funder's role) and OBS09 (the calculation and the
    sample) are reported in full in the excerpt: met."""
    lang, suggestions = paper
    suggestion = suggestions[invariant]
    assert suggestion.answer == "met", (suggestion.answer, suggestion.elements_missing,
                                        suggestion.details_missing, quotation_texts(suggestion))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_study_s_own_treatment_is_no_concomitant_treatment(lang: str) -> None:
    """OBS07: models "adjusted for treatment" adjust for the study's own arm or exposure, not
    a concomitant treatment among the confounders: without the discharge medication, item
    11d is not read."""
    confounders = {"en": r"Potential confounders.*?statins\)\.",
                   "fr": r"Les facteurs de confusion potentiels.*?statines\)\."}[lang]
    weighting = {"en": "Hazard ratios were adjusted for treatment, age and sex.",
                 "fr": "Les hazard ratios ont été ajustés sur le traitement, l'âge et le "
                       "sexe."}[lang]
    text = re.sub(confounders, weighting, PAPERS[lang], flags=re.S)
    assert text != PAPERS[lang]
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["OBS07"]
    assert not any(q.element == "11d_Intervention_Concomitant" for q in suggestion.quotations)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_trial_cited_in_the_background_is_not_the_study_s_design(lang: str) -> None:
    """OBS01: another work's design, cited, is not this study's ("A cohort study in Denmark
    showed … [4]"); with the study's own design sentence gone, item 8a is not read."""
    own = {"en": "HEART-HOME is a prospective multicentre observational cohort study.",
           "fr": "HEART-HOME est une étude de cohorte prospective multicentrique "
                 "observationnelle."}[lang]
    cited = {"en": "## Introduction\n\nA large Danish cohort study showed lower mortality "
                   "among attenders [4].\n\n## Methods",
             "fr": "## Introduction\n\nUne vaste étude de cohorte danoise a montré une "
                   "mortalité plus faible chez les participants [4].\n\n## Méthodes"}[lang]
    heading = {"en": "## Methods", "fr": "## Méthodes"}[lang]
    text = PAPERS[lang].replace(own, "").replace(heading, cited, 1)
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["OBS01"]
    assert not any(q.element == "8a_Design_Type" for q in suggestion.quotations), \
        quotation_texts(suggestion)


# Sentences near the words read, that must not count: for each invariant, the sentence that
# replaces the paper's own, per language.
NOT_THE_PART = {
    "E12": ({"en": "The weekly coaching calls were delivered by registered nurses",
             "fr": "Les appels hebdomadaires étaient assurés par des infirmières"},
            {"en": "Participants who completed the 12-week training programme received a "
                   "certificate.",
             "fr": "Les participants qui ont suivi une formation de 12 semaines recevaient "
                   "une attestation."}),
    "OBS02": ({"en": "Consecutive patients aged", "fr": "Étaient éligibles les patients"},
              {"en": "Complications were graded according to the Clavien-Dindo "
                     "classification and patients were included according to the inclusion "
                     "criteria.",
               "fr": "Les complications étaient classées selon la classification de "
                     "Clavien-Dindo et les patients inclus selon les critères d'inclusion."}),
}
ELEMENT = {"E12": "X_fidelity", "OBS02": "X_diagnosis_criteria"}


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("invariant", sorted(NOT_THE_PART))
def test_near_words_about_something_else_do_not_count(lang: str, invariant: str) -> None:
    """E12: participants completing a training programme are not providers trained; OBS02: a
    complication graded by a classification, or patients included by the inclusion criteria,
    is no diagnosis by recognised criteria. With the paper's own sentence replaced by such
    one, the element is not read."""
    starts, replacement = NOT_THE_PART[invariant]
    paragraph = next(block for block in PAPERS[lang].split("\n\n")
                     if block.startswith(starts[lang]))
    text = PAPERS[lang].replace(paragraph, replacement[lang])
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")[invariant]
    assert ELEMENT[invariant] not in suggestion.elements_found, quotation_texts(suggestion)


# A structured abstract with run-in labels, and the authors' affiliations on the title page,
# as a journal's PDF or the authors' Word file sets them.
FRONT = {
    "en": """# Home-based cardiac rehabilitation after myocardial infarction: a prospective cohort

Department of Cardiology, University Hospital Münster, Germany; Institute of Epidemiology and
Social Medicine, University of Münster, Germany

## Abstract

Background: Rehabilitation reduces mortality, but fewer than half of eligible patients attend.
Home-based programmes may widen access.

Methods: We conducted a prospective cohort study in 9 hospitals in Germany.

""",
    "fr": """# Réadaptation cardiaque à domicile après un infarctus : une cohorte prospective

Service de cardiologie, CHU de Rennes, France ; Institut d'épidémiologie, Université de
Rennes, France

## Résumé

Contexte : La réadaptation réduit la mortalité, mais moins de la moitié des patients éligibles
y participent. Les programmes à domicile pourraient en élargir l'accès.

Méthodes : Nous avons mené une étude de cohorte prospective dans 9 hôpitaux en France.

""",
}
BACKGROUND = {"en": ("Background: Rehabilitation", "Home-based programmes may"),
              "fr": ("Contexte : La réadaptation", "Les programmes à domicile")}
AFFILIATION = {"en": "Department of Cardiology", "fr": "Service de cardiologie"}


def _with_front(lang: str) -> str:
    """The paper with the front matter in place of its title line."""
    body = PAPERS[lang].split("\n", 1)[1]
    return FRONT[lang] + body


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_abstract_s_background_part_is_context(lang: str) -> None:
    """A structured abstract's "Background:" part (to the next label) is the background, as
    under a heading: its sentences come after the study's own report; its "Methods:" part
    is the study's own."""
    document = extract_document(_with_front(lang).encode(), "paper.md")
    places = get_context_sections().places(document)
    place_of = {document.sentence_text(s): int(p)
                for s, p in zip(document.sentences, places, strict=True)}
    first, second = BACKGROUND[lang]
    methods = {"en": "Methods: We conducted", "fr": "Méthodes : Nous avons mené"}[lang]
    assert [p for text, p in place_of.items() if text.startswith((first, second))] \
        == [CONTEXT, CONTEXT]
    assert [p for text, p in place_of.items() if text.startswith(methods)] == [OWN_REPORT]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("invariant", ["E10", "OBS02"])
def test_the_abstract_s_background_and_the_affiliations_are_no_eligibility_nor_setting(
        lang: str, invariant: str) -> None:
    """E10, OBS02: "fewer than half of eligible patients attend" (the abstract's background)
    was quoted as the eligibility criteria, and the authors' affiliations as the setting; the
    eligibility sentence of the methods is quoted, and neither of those before it."""
    suggestion = suggest(_with_front(lang), lang, study_type="observational", kind="paper",
                         name="paper.md")[invariant]
    texts = quotation_texts(suggestion)
    eligibility = WORDED["OBS02"][1][lang]
    assert any(text.startswith(eligibility) for text in texts), texts
    before = texts[:next(i for i, text in enumerate(texts) if text.startswith(eligibility))]
    assert not any(text.startswith(BACKGROUND[lang][0]) for text in before), texts
    if invariant == "OBS02":
        assert not any(text.startswith(AFFILIATION[lang]) for text in texts), texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_practice_the_investigators_do_not_assign_is_no_loss_of_chance(lang: str) -> None:
    """E14: in a cohort, the investigators do not assign the practice ("Patients were not
    allocated to the programme by the investigators", « … n'étaient pas orientés vers le
    programme par les investigateurs »): nobody is deprived of care by the study. It was not
    reported."""
    suggestion = suggest(PAPERS[lang], lang, study_type="observational", kind="paper",
                         name="paper.md")["E14"]
    start = {"en": "Patients were not allocated to the programme by the investigators",
             "fr": "Les patients n'étaient pas orientés vers le programme par les "
                   "investigateurs"}[lang]
    assert suggestion.answer == "partially_met", suggestion.answer
    assert quotation_texts(suggestion)[:1] == [start + "."]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_participants_allocated_by_the_investigators_are_not_read_so(lang: str) -> None:
    """E14: a trial's participants "allocated by the investigators" say the opposite."""
    text = PAPERS[lang].replace(
        {"en": "Patients were not allocated to the programme by the investigators.",
         "fr": "Les patients n'étaient pas orientés vers le programme par les "
               "investigateurs."}[lang],
        {"en": "Patients were allocated to the programme by the investigators.",
         "fr": "Les patients étaient orientés vers le programme par les investigateurs."}[lang])
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["E14"]
    assert not any("by the investigators" in q or "par les investigateurs" in q
                   for q in quotation_texts(suggestion))


# An author's link declared with words between the verb and the fees, before "the other
# authors declare none", under the paper's own heading.
DECLARED_LINK = {
    "en": ("### Competing interests",
           ["KV has received lecture fees from Novartis and AstraZeneca.",
            "MB has received research grants from the German Heart Foundation and consultancy "
            "fees from Bayer."]),
    "fr": ("### Liens d'intérêts",
           ["KV déclare avoir reçu des honoraires de conférence de Novartis et AstraZeneca.",
            "KV a perçu, à titre personnel, des honoraires de conférence de Novartis.",
            "MB a reçu des subventions de recherche de la Fondation de cardiologie."]),
}
OTHER_AUTHORS = {"en": "The other authors declare no competing interests.",
                 "fr": "Les autres auteurs déclarent ne pas avoir de liens d'intérêts."}


@pytest.mark.parametrize(("lang", "link"), [(lang, link) for lang, (_, links)
                                            in DECLARED_LINK.items() for link in links])
def test_e05_quotes_an_author_s_declared_link_before_the_other_authors(lang: str,
                                                                       link: str) -> None:
    """E05: "KV has received lecture fees from …" (« KV déclare avoir reçu des honoraires
    de … ») is the declaration the paper makes, quoted first; "the other authors declare
    none" refers to it and comes after. It was not quoted at all: no cue phrase reaches fees
    with words between."""
    heading = DECLARED_LINK[lang][0]
    text = PAPERS[lang] + f"\n{heading}\n\n{link} {OTHER_AUTHORS[lang]}\n"
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["E05"]
    texts = quotation_texts(suggestion)
    assert texts[:2] == [link, OTHER_AUTHORS[lang]], texts


@pytest.mark.parametrize(("lang", "funding"), [
    ("en", "This study has received grants from the Innovation Fund and the German Heart "
           "Foundation."),
    ("fr", "Cette étude a reçu des subventions du Fonds d'innovation et de la Fondation de "
           "cardiologie."),
])
def test_e05_does_not_read_the_study_s_grants_as_an_author_s_link(lang: str,
                                                                  funding: str) -> None:
    """The study's grants are its funding (E06), not an author's link of interest."""
    text = PAPERS[lang].replace(WORDED["E06"][1][lang], funding + " " + WORDED["E06"][1][lang])
    assert funding in text
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["E05"]
    assert funding not in quotation_texts(suggestion), quotation_texts(suggestion)


# The exposure section of the walkthrough's cohort: the programme's dose, the nurses'
# qualification, and how attendance was recorded and who counts as exposed.
EXPOSURE = {
    "en": {"dose": "The programme comprised 12 weeks of walking 30 minutes five days a week, six "
                   "education sessions and weekly telephone calls.",
           "nurses": "Coaching was delivered by registered nurses who had completed a 16-hour "
                     "training course.",
           "measured": "Attendance was recorded in the programme's register; patients who "
                       "attended at least six sessions were classified as exposed."},
    "fr": {"dose": "Le programme associait 12 semaines de marche de 30 minutes cinq jours par "
                   "semaine, six séances d'éducation et des appels téléphoniques "
                   "hebdomadaires.",
           "nurses": "L'accompagnement était animé par des infirmières diplômées d'État ayant "
                     "suivi une formation de 16 heures.",
           "measured": "La participation était consignée dans le registre du programme ; les "
                       "patients ayant assisté à au moins six séances étaient classés comme "
                       "exposés."},
}


def _with_exposure(lang: str, order: tuple[str, ...] = ("nurses", "dose", "measured")) -> str:
    """The paper with the exposure section's sentences, in ``order``, before its own."""
    first = WORDED["E12"][1][lang]
    sentences = " ".join(EXPOSURE[lang][part] for part in order)
    return PAPERS[lang].replace(first, f"{sentences}\n\n{first}", 1)


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("order", [("nurses", "dose", "measured"),
                                   ("dose", "nurses", "measured")])
def test_obs03_quotes_the_programme_s_dose_before_who_delivers_it(lang: str,
                                                                  order: tuple) -> None:
    """OBS03 (the practice with its dose and duration): "12 weeks of walking 30 minutes five
    days a week, six education sessions" is quoted first; the nurses' qualification ("Coaching
    was delivered by registered nurses who had completed a 16-hour training course") is part
    of it, after. It came first, holding "delivered by" (« animé par »)."""
    suggestion = suggest(_with_exposure(lang, order), lang, study_type="observational",
                         kind="paper", name="paper.md")["OBS03"]
    texts = quotation_texts(suggestion)
    assert texts[:1] == [EXPOSURE[lang]["dose"]], texts
    assert EXPOSURE[lang]["nurses"] in texts, texts


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_obs04_quotes_how_exposure_was_recorded_before_the_dose(lang: str) -> None:
    """OBS04 (how exposure was measured): the register of attendance and who counts as
    exposed is quoted first, not the programme's dose, which came first as the first
    sentence under the "Exposure" heading."""
    suggestion = suggest(_with_exposure(lang, ("dose", "nurses", "measured")), lang,
                         study_type="observational", kind="paper", name="paper.md")["OBS04"]
    texts = quotation_texts(suggestion)
    assert texts[:1] == [EXPOSURE[lang]["measured"]], texts


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Patients were eligible if they reported less than 150 minutes of physical "
           "activity per week."),
    ("fr", "Étaient exclus les patients déclarant au moins 150 minutes d'activité physique "
           "par semaine."),
    ("en", "Accelerometer data were valid if worn for at least 10 hours per day on 4 days."),
])
def test_obs03_a_threshold_or_a_daily_measurement_is_no_dose(lang: str, sentence: str) -> None:
    """A threshold of activity (an eligibility criterion) or a measurement's daily wear time
    holds minutes and a rhythm, but is not the practice's dose: not quoted in OBS03's own
    words."""
    text = PAPERS[lang].replace("### Variables", f"### Variables\n\n{sentence}", 1)
    suggestion = suggest(text, lang, study_type="observational", kind="paper",
                         name="paper.md")["OBS03"]
    texts = quotation_texts(suggestion)
    assert sentence not in texts, texts


# The follow-up a results paper reports, in its own section, and the dates that close it.
FOLLOW_UP = {
    "en": ("### Follow-up", "Patients were followed up for 12 months after discharge; vital "
                            "status was obtained from the national death registry.",
           "Follow-up ended on 28 February 2022."),
    "fr": ("### Suivi", "Les patients ont été suivis pendant 12 mois après la sortie ; le "
                        "statut vital a été obtenu auprès du registre national des décès.",
           "Le suivi s'est achevé le 28 février 2022."),
}


def _with_follow_up(lang: str, *, dates: bool = False) -> str:
    heading, statement, ended = FOLLOW_UP[lang]
    section = f"{heading}\n\n{statement}" + (f" {ended}" if dates else "")
    return PAPERS[lang].replace("### Variables", f"{section}\n\n### Variables", 1)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_obs06_a_paper_s_follow_up_reports_its_timeline_and_retention(lang: str) -> None:
    """OBS06: a results paper reports its timeline as the follow-up it had ("Patients were
    followed up for 12 months after discharge"), and how follow-up was completed ("vital
    status was obtained from the national death registry"): neither the participant timeline
    (SPIRIT 13, whose detection reads a protocol's schedule of visits) nor retention is named
    as missing; the follow-up dates, which its paper guidance asks for, still are."""
    suggestion = suggest(_with_follow_up(lang), lang, study_type="observational",
                         kind="paper", name="paper.md")["OBS06"]
    assert quotation_texts(suggestion)[:1] == [FOLLOW_UP[lang][1]], quotation_texts(suggestion)
    assert suggestion.elements_missing == ["35b_Followup_dates"], suggestion.elements_missing
    assert suggestion.answer == "partially_met"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_obs06_with_the_follow_up_dates_too_the_answer_is_met(lang: str) -> None:
    suggestion = suggest(_with_follow_up(lang, dates=True), lang, study_type="observational",
                         kind="paper", name="paper.md")["OBS06"]
    assert suggestion.answer == "met", (suggestion.elements_missing, quotation_texts(suggestion))


@pytest.mark.parametrize(("lang", "planned"), [
    ("en", "Patients will be followed up for 12 months after discharge."),
    ("fr", "Les patients seront suivis pendant 12 mois après la sortie."),
])
def test_obs06_a_follow_up_planned_is_no_timeline_reported(lang: str, planned: str) -> None:
    """A protocol's follow-up planned, in the future tense, is not read as the timeline: a
    protocol gives its schedule of visits (SPIRIT 13)."""
    text = PAPERS[lang].replace("### Variables", f"{FOLLOW_UP[lang][0]}\n\n{planned}\n\n"
                                "### Variables", 1)
    suggestion = suggest(text, lang, study_type="observational", kind="protocol",
                         name="protocol.md")["OBS06"]
    assert not any(q.element == "13_Participant_timeline" and " ".join(q.text.split()) == planned
                   for q in suggestion.quotations), quotation_texts(suggestion)
