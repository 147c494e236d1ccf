"""Small fixes from the second audit of train suggestions, each in English and French:
E09 does not quote a health economic evaluation as the participants' burden, nor a
statistical model's time points as their timeline; PRO09 does not quote the freedom to
withdraw as the NPI's adaptation, and reads a part chosen individually as personalisation;
E14 reads usual care only as what a group gets; INT03 reads the randomisation list only as
the sequence made, not as concealed; E01 reads a French approval reference whose label has
accents, an apostrophe or a colon, and not the Declaration of Helsinki's waiver; a
hypothesis for a mechanism is the mechanism hypothesised."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

from checker.documents import extract_document
from checker.evidence import Detection, detect_elements

HEAD = {"en": "# Protocol of a randomised trial\n\n## Procedures\n\n",
        "fr": "# Protocole d'un essai randomisé\n\n## Déroulement\n\n"}


def _detected(lang: str, sentences: list[str], element: str, heading: str = "Procedures"):
    """The document of ``sentences`` under ``HEAD`` and ``element`` detected in each."""
    document = extract_document((HEAD[lang] + "\n\n".join(sentences) + "\n").encode(),
                                "protocol.md")
    detections = []
    for sentence in sentences:
        start = document.text.index(sentence)
        detections.append(Detection(element, sentence, start, start + len(sentence), None,
                                    heading, 0.9, 1))
    return document, detections


COST_DRIVERS = {
    "en": "The major cost drivers will be patient's use of NHS and private health services, "
          "the patient's time and their travel costs and intervention delivery costs.",
    "fr": "Les principaux inducteurs de coûts seront le recours des patients aux services de "
          "santé, le temps des patients, leurs frais de déplacement et les coûts de "
          "l'intervention.",
}


@pytest.mark.parametrize("lang", sorted(COST_DRIVERS))
def test_e09_does_not_quote_a_health_economic_evaluation(lang) -> None:
    """The costs of an economic evaluation (cost drivers, QALYs) are society's, not the burden
    E09 asks to be described and compensated: the sentence is not quoted as its evidence."""
    sentence = COST_DRIVERS[lang]
    e09 = suggest(f"{HEAD[lang]}{sentence}\n", lang)["E09"]
    assert not quoted(e09, sentence[:40]), e09.quotations


TIMELINE = {  # language -> (a statistical model's time points, what taking part involves)
    "en": ("The mixed-effects linear models included a fixed effect for treatment, a fixed "
           "effect for time point (baseline, 12, and 24 months) and a random intercept for "
           "each patient.",
           "Patients were followed for 24 months, with a clinical examination and blood "
           "samples every 6 months."),
    "fr": ("Les modèles linéaires mixtes comprenaient un effet fixe du traitement, un effet "
           "fixe du temps de mesure (inclusion, 12 et 24 mois) et une ordonnée à l'origine "
           "aléatoire par patient.",
           "Les patients ont été suivis pendant 24 mois, avec un examen clinique et des "
           "prélèvements sanguins tous les 6 mois."),
}


@pytest.mark.parametrize("lang", sorted(TIMELINE))
def test_e09_timeline_is_not_a_statistical_models_time_points(lang) -> None:
    model, follow_up = TIMELINE[lang]
    document, detections = _detected(lang, [model, follow_up], "13_Participant_timeline")
    e09 = suggest(document, lang, detections=detections)["E09"]
    assert quoted(e09, follow_up[:40]), e09.quotations
    assert not quoted(e09, model[:40]), e09.quotations


WITHDRAW = {
    "en": "The women were informed that participation in the study was voluntary and that "
          "they were free to withdraw at any time.",
    "fr": "Les femmes ont été informées que la participation à l'étude était volontaire et "
          "qu'elles étaient libres de se retirer à tout moment.",
}
CHOSEN = {
    "en": "From the list, 3 bilateral distal points and 4–8 bilateral local points were chosen "
          "individually depending on pain location.",
    "fr": "Dans cette liste, 3 points distaux bilatéraux et 4 à 8 points locaux bilatéraux "
          "étaient choisis individuellement en fonction de la localisation de la douleur.",
}


@pytest.mark.parametrize("lang", sorted(WITHDRAW))
def test_pro09_does_not_quote_the_freedom_to_withdraw(lang) -> None:
    """Item 11b's cues find the freedom to withdraw; it is the participants' consent, not how
    the NPI is adapted to each of them."""
    document, detections = _detected(lang, [WITHDRAW[lang]], "11b_Intervention_Modification")
    pro09 = suggest(document, lang, detections=detections,
                    study_type="prototypical")["PRO09"]
    assert not quoted(pro09, WITHDRAW[lang][:40]), pro09.quotations


@pytest.mark.parametrize("lang", sorted(CHOSEN))
def test_a_part_chosen_individually_is_personalisation(lang) -> None:
    sentence = CHOSEN[lang]
    pro09 = suggest(f"{HEAD[lang]}{sentence}\n", lang, study_type="prototypical")["PRO09"]
    assert "X_personalisation" in pro09.elements_found
    assert quoted(pro09, sentence[:40]), pro09.quotations


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "Weight, activity and sleep data can be individually selected and displayed."),
    ("en", "Treatment as usual consisted of an individually adapted interdisciplinary treatment."),
    ("fr", "Les données de poids et d'activité peuvent être sélectionnées individuellement et "
           "affichées."),
    ("fr", "Le traitement habituel consistait en une prise en charge interdisciplinaire adaptée "
           "individuellement."),
])
def test_data_selected_or_usual_care_adapted_individually_is_no_personalisation(
        lang, sentence) -> None:
    assert "X_personalisation" not in _found(lang, sentence)


USUAL_CARE = {  # language -> (a measurement part of usual care, the wait-list group)
    "en": ("Actimeter measurement is part of usual care when patients are referred for CBT.",
           "Patients are randomly assigned to the intervention group or to the wait-list "
           "group (start of therapy after 6 months)."),
    "fr": ("La mesure par actimètre fait partie de la prise en charge habituelle lorsque les "
           "patients sont adressés pour une TCC.",
           "Les patients sont répartis de manière aléatoire dans le groupe intervention ou "
           "dans le groupe liste d'attente (début de la thérapie après 6 mois)."),
}
GROUP_USUAL_CARE = {
    "en": "Patients in the control group will continue to receive usual care.",
    "fr": "Les patients du groupe témoin poursuivront leur prise en charge habituelle.",
}


@pytest.mark.parametrize("lang", sorted(USUAL_CARE))
def test_e14_reads_usual_care_as_what_a_group_gets(lang) -> None:
    """A measurement that is part of usual care holds E14's words only in passing: the
    wait-list group's sentence (the comparator) is quoted first; a control group's usual
    care still is in E14's own words."""
    measurement, wait_list = USUAL_CARE[lang]
    abstract, methods, activity = {
        "en": ("## Abstract\n\n### Methods", "## Methods", "### Physical activity"),
        "fr": ("## Résumé\n\n### Méthodes", "## Méthodes", "### Activité physique")}[lang]
    e14 = suggest(f"# Protocol\n\n{abstract}\n\n{wait_list}\n\n{methods}\n\n{activity}\n\n"
                  f"{measurement}\n", lang)["E14"]
    assert first_quotation(e14).startswith(wait_list[:40]), e14.quotations
    group = GROUP_USUAL_CARE[lang]
    e14 = suggest(f"{HEAD[lang]}{measurement}\n\n{group}\n", lang)["E14"]
    assert first_quotation(e14).startswith(group[:40]), e14.quotations


REFERRED = {
    "en": "Participants who met the criteria for a major depressive episode were referred to "
          "mental health professionals for usual care.",
    "fr": "Les participantes qui remplissaient les critères d'un EDM étaient orientées vers "
          "des professionnels de santé mentale pour une prise en charge habituelle.",
}


@pytest.mark.parametrize("lang", sorted(REFERRED))
def test_e14_reads_a_referral_to_usual_care(lang) -> None:
    e14 = suggest(f"{HEAD[lang]}{REFERRED[lang]}\n", lang)["E14"]
    assert quoted(e14, REFERRED[lang][:40]), e14.quotations


RANDOMISATION_LIST = {  # language -> (the list concealed, blocks and strata, the list made)
    "en": ("All investigators except the project statistician were unaware of the "
           "randomisation list.",
           "Randomisation used permuted blocks of sizes 4 and 6, stratified by sex.",
           "The randomisation list was generated by computer in permuted blocks of four."),
    "fr": ("Tous les investigateurs, à l'exception du statisticien du projet, ignoraient la "
           "liste de randomisation.",
           "La randomisation reposait sur des blocs permutés de taille 4 et 6, stratifiés "
           "selon le sexe.",
           "La liste de randomisation a été générée par ordinateur par blocs permutés de "
           "quatre."),
}


@pytest.mark.parametrize("lang", sorted(RANDOMISATION_LIST))
def test_int03_reads_the_randomisation_list_as_the_sequence_made(lang) -> None:
    """The list kept from the investigators is its concealment: not quoted before the blocks
    and strata in INT03's own words; the list generated still is."""
    concealed, blocks, generated = RANDOMISATION_LIST[lang]
    int03 = suggest(f"{HEAD[lang]}{concealed}\n\n{blocks}\n", lang)["INT03"]
    assert first_quotation(int03).startswith(blocks[:40]), int03.quotations
    int03 = suggest(f"{HEAD[lang]}{generated}\n", lang)["INT03"]
    assert quoted(int03, generated[:40]), int03.quotations


@pytest.mark.parametrize("sentence", [
    "Le protocole de l'étude a été approuvé par le comité d'éthique institutionnel de chaque "
    "centre (numéro IRB : DJDSKH-17-DR-14 au Daejeon Korean Medicine Hospital, et au Kyung "
    "Hee University Korean Medicine Hospital).",
    "Le protocole a reçu l'approbation du comité d'éthique de l'hôpital, numéro "
    "d'approbation 1675.",
    "L'étude a été approuvée par le comité d'éthique de l'université, code de l'étude : "
    "KOMCIRB 2018-10-007.",
])
def test_e01_reads_a_french_reference_with_an_accented_label(sentence) -> None:
    document, detections = _detected("fr", [sentence], "24_Ethics", "Éthique")
    e01 = suggest(document, "fr", detections=detections)["E01"]
    assert quoted(e01, sentence[:40]), e01.quotations
    assert "reference" not in e01.details_missing


def test_e01_french_reference_is_not_the_public_health_code() -> None:
    sentence = ("L'étude a été approuvée par le comité d'éthique conformément au code de la "
                "santé publique L1121-1.")
    document, detections = _detected("fr", [sentence], "24_Ethics", "Éthique")
    e01 = suggest(document, "fr", detections=detections)["E01"]
    assert "reference" in e01.details_missing


HELSINKI = {  # language -> (the Declaration's waiver, the study's approval)
    "en": ("If no such representative is available and if the research cannot be delayed, "
           "the study may proceed without informed consent provided that the study has been "
           "approved by a research ethics committee.",
           "Ethics approvals were obtained from several institutions."),
    "fr": ("Si aucun représentant de ce type n'est disponible et si la recherche ne peut être "
           "différée, l'étude peut être menée sans consentement éclairé, à condition que "
           "l'étude ait été approuvée par un comité d'éthique de la recherche.",
           "Avis éthiques obtenus auprès de plusieurs établissements."),
}


@pytest.mark.parametrize("lang", sorted(HELSINKI))
def test_e01_does_not_quote_helsinkis_waiver_as_the_approval(lang) -> None:
    waiver, approval = HELSINKI[lang]
    document, detections = _detected(lang, [waiver, approval], "24_Ethics", "Ethics")
    e01 = suggest(document, lang, detections=detections)["E01"]
    assert not quoted(e01, waiver[:40]), e01.quotations
    assert quoted(e01, approval[:30]), e01.quotations


def _found(lang: str, sentence: str) -> dict[str, str]:
    document = extract_document((HEAD[lang] + sentence + "\n").encode(), "protocol.md")
    return {d.element: d.quote for d in detect_elements(document, kind="protocol",
                                                         lang=lang)}


@pytest.mark.parametrize(("lang", "sentence"), [
    ("en", "The potential hypothesis for such a mechanism is based on reduction in blood "
           "pressure and inflammation."),
    ("fr", "L'hypothèse avancée pour un tel mécanisme repose sur une baisse de la pression "
           "artérielle et de l'inflammation."),
])
def test_a_hypothesis_for_a_mechanism_is_the_mechanism_hypothesised(lang, sentence) -> None:
    assert "X_mechanism_hypothesis" in _found(lang, sentence)
