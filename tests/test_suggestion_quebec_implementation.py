"""Implementation study suggestions on a French paper and protocol as a Quebec team writes
them (a therapeutic education programme in family medicine groups, GMF): Quebec's words for
eligible (« admissibles »), de-identified data (« dépersonnalisées »), the research ethics
board's information and consent form, funders (« organismes subventionnaires »), patient
partners (« patientes partenaires ») and a compensation for the participants' time; and the
parts of an implementation paper worded as such papers word them (an outcome defined, the
flow from the eligible to those who attended, how a named framework was used, strategies
chosen with the steering committee).

Each test names what the persona of a walkthrough saw: a right answer suggested as partially
met or not reported, or a patient partner's affiliation quoted as patient involvement."""

from __future__ import annotations

from suggestion_support import first_quotation, quoted, suggest

PAPER_FR = """# Mise en œuvre d'une éducation thérapeutique de groupe en GMF : évaluation mixte

Geneviève Tremblay, Lise Pelletier

5 Patiente partenaire, Bureau du partenariat patient, CIUSSS de l'Estrie – CHUS.

## Introduction

Moins d'un patient sur cinq participe à un programme d'éducation après le diagnostic [5].

## Méthodes

### Milieux

L'étude s'est déroulée dans les GMF de trois régions du Québec (Canada).

### Cadres conceptuels

Le CFIR 2.0 [15] a guidé l'élaboration des guides d'entretien, le codage déductif et
l'interprétation des déterminants.
Le cadre RE-AIM [16] a servi à structurer les critères d'implémentation : l'adoption, la
fidélité, la portée et le maintien.

### Stratégies d'implémentation

Les stratégies d'implémentation ont été choisies avec le comité de pilotage à partir de
l'analyse des déterminants, puis spécifiées selon la taxonomie ERIC.

### Critères d'implémentation

L'adoption a été définie comme la proportion de GMF invités ayant offert au moins une cohorte
du programme dans les 12 mois suivant la formation.
Les caractéristiques des participants et des non-participants ont été comparées selon l'âge,
le sexe, la ruralité et l'indice de défavorisation matérielle et sociale.

### Engagement des parties prenantes

Un comité de pilotage composé de deux patientes partenaires, de trois infirmières
cliniciennes et de deux gestionnaires de GMF s'est réuni huit fois.
Les patientes partenaires ont contribué à la formulation des guides d'entretien destinés aux
patients et à l'interprétation des résultats.

### Éthique

Le projet a été approuvé par le comité d'éthique de la recherche (CÉR) du CIUSSS de l'Estrie
– CHUS (numéro de projet 2021-4187, approbation du 14 décembre 2021).
Le CÉR a accordé une dérogation au consentement pour les données dépersonnalisées des
dossiers médicaux électroniques.
Les participants aux entretiens ont reçu une compensation de 30 $ pour leur temps.

## Résultats

### Portée

Parmi les 3 947 patients admissibles des GMF adoptants, 612 ont assisté à au moins une séance
(15,5 %).
Les participants étaient plus jeunes que les non-participants (âge moyen 61,2 ans contre 66,8
ans).
La portée était de 9,8 % dans le quintile le plus défavorisé matériellement contre 19,4 % dans
le quintile le plus favorisé.

## Déclarations

Financement : Cette étude a été financée par le Fonds de recherche du Québec – Santé (FRQS,
subvention n° 298745).
Les organismes subventionnaires n'ont joué aucun rôle dans la conception de l'étude, la
collecte, l'analyse ou l'interprétation des données.
"""

PROTOCOL_FR = """# DEA-ÉQUITÉ : protocole d'un essai hybride d'implémentation-efficacité de type 3

Cochercheurs : Mathieu Gagnon (Université de Sherbrooke), Lise Pelletier (patiente partenaire).

## Méthodes

Les GMF seront randomisés 1:1 par une biostatisticienne indépendante.

### Stratégies d'implémentation comparées

Groupe témoin (stratégie habituelle) : formation des infirmières de deux jours, facilitation
externe mensuelle pendant 12 mois et audit et rétroaction trimestriels.
Groupe DEA-Équité : en plus de la stratégie habituelle, une navigation par un agent de liaison
et un matériel adapté à la littératie en santé, révisé avec des patients partenaires.

## Considérations éthiques

### Consentement

Le consentement sera obtenu à trois niveaux.
Les professionnels et les patients participant aux entretiens donneront leur consentement
écrit après avoir reçu un formulaire d'information et de consentement et avoir eu l'occasion
de poser leurs questions à une assistante de recherche.

## Engagement des parties prenantes

Le protocole a été co-construit avec un comité de pilotage réunissant deux patientes
partenaires vivant avec le diabète, deux infirmières cliniciennes et un médecin de famille.
"""


def _paper() -> dict:
    return suggest(PAPER_FR, "fr", study_type="implementation", kind="paper",
                   name="article.md")


def test_the_funder_s_role_of_canadian_granting_agencies_is_read() -> None:
    """« Les organismes subventionnaires n'ont joué aucun rôle … » is the funders' role:
    E06 was partially met, "sponsor and its role" not reported."""
    e06 = _paper()["E06"]
    assert e06.answer == "met"
    assert quoted(e06, "Les organismes subventionnaires n'ont joué aucun rôle")


def test_a_compensation_for_the_participants_time_is_their_burden_s() -> None:
    """E09 was not reported beside « ont reçu une compensation de 30 $ pour leur temps »."""
    e09 = _paper()["E09"]
    assert e09.answer != "not_reported"
    assert quoted(e09, "compensation de 30 $ pour leur temps")


def test_de_identified_data_in_quebec_s_words_is_data_protection() -> None:
    e07 = _paper()["E07"]
    assert e07.answer != "not_reported"
    assert quoted(e07, "données dépersonnalisées")


def test_a_patient_partner_s_affiliation_is_no_patient_involvement() -> None:
    """E11 quoted « 5 Patiente partenaire, Bureau du partenariat patient, CIUSSS … » first,
    before the steering committee and what the patient partners did."""
    suggestions = _paper()
    for invariant in ("E11", "IMP07"):
        assert not quoted(suggestions[invariant], "Bureau du partenariat patient")
        assert first_quotation(suggestions[invariant]).startswith(
            "Un comité de pilotage composé de deux patientes partenaires")


def test_an_implementation_paper_s_outcomes_framework_stakeholders_and_reach_are_met() -> None:
    """Partially met on the walkthrough's paper, each for want of an element the paper words
    in an implementation study's terms: the outcomes defined (IMP04), how the framework was
    used (IMP02), strategies chosen with the steering committee (IMP07), the flow from the
    eligible patients to those who attended (IMP12)."""
    suggestions = _paper()
    invariants = ("IMP02", "IMP04", "IMP07")
    assert {i: suggestions[i].answer for i in invariants} == dict.fromkeys(invariants, "met")
    assert quoted(suggestions["IMP04"], "L'adoption a été définie comme la proportion")
    # IMP12's baseline characteristics are the excerpt's to quote (its table is left out).
    assert "34_Flow" in suggestions["IMP12"].elements_found
    assert quoted(suggestions["IMP12"], "Parmi les 3 947 patients admissibles")
    assert quoted(suggestions["IMP02"], "Le CFIR 2.0 [15] a guidé l'élaboration des guides")


def test_quebec_s_information_and_consent_form_is_the_consent_material() -> None:
    """E02 on the protocol was partially met, « formulaire de consentement et information
    fournie » not found, beside « un formulaire d'information et de consentement »."""
    suggestions = suggest(PROTOCOL_FR, "fr", study_type="implementation", kind="protocol",
                          name="protocole.md")
    assert "32_Informed_consent_materials" in suggestions["E02"].elements_found
    assert quoted(suggestions["E02"], "formulaire d'information et de consentement")
    # The protocol does not state the right to withdraw, which E02 asks of a protocol.
    assert suggestions["E02"].answer == "partially_met"
    assert suggestions["E02"].details_missing == ["withdrawal"]


def test_a_patient_partner_among_the_investigators_is_no_patient_involvement() -> None:
    """« Cochercheurs : … Lise Pelletier (patiente partenaire) » credits her; the protocol
    co-built with the steering committee is what patients did."""
    suggestions = suggest(PROTOCOL_FR, "fr", study_type="implementation", kind="protocol",
                          name="protocole.md")
    for invariant in ("E11", "IMP07"):
        assert not quoted(suggestions[invariant], "Cochercheurs")
        assert first_quotation(suggestions[invariant]).startswith(
            "Le protocole a été co-construit avec un comité de pilotage")


def test_patients_contribution_to_the_study_s_design_is_co_design() -> None:
    """E11 was partially met on the paper, "co-design with users or practitioners" not
    reported, beside « Les patientes partenaires ont contribué à la formulation des guides
    d'entretien … et à l'interprétation des résultats »."""
    e11 = _paper()["E11"]
    assert e11.answer == "met"
    assert quoted(e11, "ont contribué à la formulation des guides d'entretien")


def test_the_providers_training_with_its_length_is_the_training_pathway() -> None:
    """IMP09 on the protocol quoted the secondary outcomes' list (« l'adoption par les
    infirmières ») for want of « formation des infirmières de deux jours »."""
    suggestions = suggest(PROTOCOL_FR, "fr", study_type="implementation", kind="protocol",
                          name="protocole.md")
    assert first_quotation(suggestions["IMP09"]).startswith(
        "Groupe témoin (stratégie habituelle) : formation des infirmières de deux jours")
