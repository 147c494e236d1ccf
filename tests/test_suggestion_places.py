"""Which sentence a suggestion quotes first, and when a sentence is no evidence: the
mechanistic, prototypical and observational invariants (from a walkthrough's documents)."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

EXPOSURE_PAPER = {  # language -> (paper, the exposure's definition, a result with a cue)
    "en": ("# Adapted physical activity after breast cancer: a cohort study\n\n## Methods\n\n"
           "### Exposure\n\nExposure was participation in a supervised APA programme (two "
           "60-minute sessions per week for 12 weeks).\n\n## Results\n\n"
           "### Secondary outcomes\n\nSelf-reported leisure-time physical activity remained "
           "higher in the APA group at 12 months.\n",
           "Exposure was participation", "Self-reported leisure-time"),
    "fr": ("# Activité physique adaptée après un cancer du sein : une étude de cohorte\n\n"
           "## Méthodes\n\n### Exposition\n\nL'exposition était la participation à un "
           "programme d'APA supervisé (deux séances de 60 minutes par semaine pendant "
           "12 semaines).\n\n## Résultats\n\n### Critères secondaires\n\nL'activité physique "
           "de loisir déclarée restait plus élevée dans le groupe APA à 12 mois.\n",
           "L'exposition était la participation", "L'activité physique de loisir"),
}


@pytest.mark.parametrize("lang", sorted(EXPOSURE_PAPER))
def test_a_papers_result_holding_the_invariants_words_comes_after_its_methods(lang) -> None:
    """OBS04 (exposure measurement) quotes how the exposure was defined first, not a
    secondary outcome's result that happens to hold its words ("leisure-time physical
    activity"); the result is still quoted, after it."""
    paper, definition, result = EXPOSURE_PAPER[lang]
    obs04 = suggest(paper, lang, study_type="observational", kind="paper")["OBS04"]
    assert first_quotation(obs04).startswith(definition), obs04.quotations
    assert quoted(obs04, result), obs04.quotations


MECHANISTIC = {  # language -> a mechanistic protocol's sentences (a walkthrough's, shortened)
    "en": {
        "head": "# Mechanisms of a group education programme for type 2 diabetes: protocol\n\n",
        "sponsor": "Sponsor: University Hospital of Montpellier, France.",
        "objective": "Secondary objectives are to estimate the proportion of the effect "
                     "mediated by self-efficacy.",
        "design": "Each participant is their own control; a 4-week run-in period without "
                  "intervention provides a within-subject baseline slope.",
        "marker": "HbA1c will be measured in the hospital laboratory at weeks 0 and 26.",
        "sample": "With 60 participants, the study has 80% power to detect a standardised "
                  "change of 0.37 in self-efficacy, allowing for 15% dropout.",
        "models": "Changes will be estimated with linear mixed models.",
        "mediation": "Mediation will be analysed with the counterfactual approach (natural "
                     "indirect effects) with bootstrap confidence intervals.",
    },
    "fr": {
        "head": "# Mécanismes d'un programme d'éducation thérapeutique : protocole\n\n",
        "sponsor": "Promoteur : Centre hospitalier universitaire de Montpellier, France.",
        "objective": "Les objectifs secondaires sont d'estimer la part de l'effet médié par "
                     "le sentiment d'efficacité personnelle.",
        "design": "Chaque participant est son propre témoin ; une période de pré-inclusion de "
                  "4 semaines sans intervention fournit une ligne de base intra-individuelle.",
        "marker": "L'HbA1c sera mesurée au laboratoire de l'hôpital aux semaines 0 et 26.",
        "sample": "Avec 60 participants, l'étude a une puissance de 80 % pour détecter un "
                  "changement standardisé de 0,37, en tenant compte de 15 % d'abandons.",
        "models": "Les changements seront estimés par des modèles linéaires mixtes.",
        "mediation": "La médiation sera analysée par l'approche contrefactuelle (effets "
                     "indirects naturels) avec des intervalles de confiance bootstrap.",
    },
}
SECTION_NAMES = {
    "en": ("Administrative information", "Objectives", "Design", "Measurements",
           "Sample size", "Statistical analysis"),
    "fr": ("Informations administratives", "Objectifs", "Schéma de l'étude", "Mesures",
           "Nombre de sujets nécessaire", "Analyse statistique"),
}


def _mechanistic_protocol(lang: str) -> str:
    s = MECHANISTIC[lang]
    admin, objectives, design, measures, size, analysis = SECTION_NAMES[lang]
    return (f"{s['head']}## {admin}\n\n{s['sponsor']}\n\n## {objectives}\n\n{s['objective']}"
            f"\n\n## {design}\n\n{s['design']}\n\n## {measures}\n\n{s['marker']}\n\n"
            f"## {size}\n\n{s['sample']}\n\n## {analysis}\n\n{s['models']} "
            f"{s['mediation']}\n")


@pytest.fixture(scope="module", params=sorted(MECHANISTIC))
def mechanistic(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(_mechanistic_protocol(lang), lang, study_type="mechanistic")


def test_a_pre_specified_mediation_analysis_is_quoted_first(mechanistic) -> None:
    """MEC08 quotes the mediation analysis ("Mediation will be analysed… natural indirect
    effects… bootstrap confidence intervals"), not the mixed models or the objective."""
    lang, suggestions = mechanistic
    assert first_quotation(suggestions["MEC08"]) == MECHANISTIC[lang]["mediation"], (
        suggestions["MEC08"].quotations)


@pytest.mark.parametrize("invariant, sentence", [("MEC04", "design"), ("MEC06", "marker")])
def test_a_within_subject_baseline_and_a_disease_marker_are_read(mechanistic, invariant,
                                                                 sentence) -> None:
    """MEC04 reads a single-arm design's run-in baseline (each participant their own
    control), MEC06 a disease marker measured at the study's time points (HbA1c)."""
    lang, suggestions = mechanistic
    assert suggestions[invariant].answer != "not_reported"
    assert quoted(suggestions[invariant], MECHANISTIC[lang][sentence]), (
        suggestions[invariant].quotations)


@pytest.mark.parametrize("invariant, sentence", [("MEC12", "sponsor"), ("MEC03", "sample")])
def test_a_sponsor_and_a_sample_size_are_not_mechanism_evidence(mechanistic, invariant,
                                                                sentence) -> None:
    """MEC12 (how the mechanism varies with the setting and between people) does not quote
    the sponsor's address; MEC03 (the NPI and the dose received) does not quote the sample
    size's allowance for drop-outs as adherence."""
    lang, suggestions = mechanistic
    assert not quoted(suggestions[invariant], MECHANISTIC[lang][sentence]), (
        suggestions[invariant].quotations)


PROTOTYPE = {  # language -> (report, the dose sentence, a sentence stating the components)
    "en": ("# Development of a group education programme: study report\n\n"
           "University Hospital of Montpellier, France.\n\n## Development\n\n"
           "The first prototype had eight sessions of two hours.\n",
           "The programme comprises four components: goal setting, food choices, foot care "
           "and a walking plan.",
           "Patients are referred by their diabetologist and sessions take place in the "
           "diabetes department's education room."),
    "fr": ("# Développement d'un programme d'éducation en groupe : rapport\n\n"
           "Centre hospitalier universitaire de Montpellier, France.\n\n## Développement\n\n"
           "Le premier prototype comportait huit séances de deux heures.\n",
           "Le programme se compose de quatre composantes : fixation d'objectifs, choix "
           "alimentaires, soin des pieds et plan de marche.",
           "Les patients sont adressés par leur diabétologue et les séances se déroulent dans "
           "la salle d'éducation du service de diabétologie."),
}


@pytest.mark.parametrize("lang", sorted(PROTOTYPE))
def test_a_dose_and_a_place_are_not_the_components_or_the_context_of_use(lang) -> None:
    """PRO04 (components) is not met on "The first prototype had eight sessions of two
    hours.", nor PRO08 (context of use) on a header's "University Hospital of Montpellier,
    France."; a sentence saying what the programme is made of makes PRO04 met, one saying
    how it is used there gives PRO08 its `use`."""
    report, components, use = PROTOTYPE[lang]
    suggestions = suggest(report, lang, study_type="prototypical", kind="paper")
    assert suggestions["PRO04"].answer != "met", suggestions["PRO04"].quotations
    assert suggestions["PRO04"].details_missing == ["components"]
    assert suggestions["PRO08"].answer != "met", suggestions["PRO08"].quotations
    described = report.replace("hours.\n", f"hours. {components}\n").replace(
        "heures.\n", f"heures. {components}\n")
    described = described.replace("France.\n", f"France. {use}\n")
    suggestions = suggest(described, lang, study_type="prototypical", kind="paper")
    assert suggestions["PRO04"].details_missing == [], suggestions["PRO04"].quotations
    # How it is used there, but not its precautions or regulation (tests/
    # test_suggestion_context_particulars.py).
    assert "use" not in suggestions["PRO08"].details_missing, suggestions["PRO08"].quotations
    assert suggestions["PRO08"].answer != "met", suggestions["PRO08"].quotations
