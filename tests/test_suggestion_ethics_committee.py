"""Ethical suggestions on three protocols an ethics committee (a French CPP) screens: a cohort
of routine data (information note and non-opposition, MR-004), a co-design and feasibility
study in nursing homes with residents under guardianship, and a randomised trial of adapted
physical activity after breast cancer; in French, and their English counterparts.

Each test names a part of an ethical invariant that such protocols word in their own way,
where the answer was wrong or the quotation beside the point, and what must now be given:
the information sheet handed to each person (E02), the burden stated as its total or as
nothing added to usual care (E09), and the NPI offered to the control group at the end of
its participation, not the sponsor's insurance, as the care kept after the study (E14)."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quoted, suggest

CONSENT = {
    "fr": """# Protocole ACTIV'SEIN

## 7. Aspects éthiques et réglementaires

### 7.2 Information et consentement

L'investigateur informe la patiente des objectifs, du déroulement, des bénéfices et des
contraintes de la recherche et lui remet la note d'information. Après un délai de réflexion
d'au moins 7 jours, le formulaire de consentement est signé en deux exemplaires par la
patiente et l'investigateur, avant tout examen spécifique à la recherche.
""",
    "en": """# ACTIV'SEIN protocol

## 7. Ethics

### 7.2 Information and consent

The investigator explains the aims, procedures, benefits and constraints of the study and
gives each woman the participant information sheet. After at least 7 days to consider, the
consent form is signed in duplicate by the participant and the investigator, before any
study-specific assessment.
""",
}

NON_OPPOSITION = """# Cohorte ARTHÉMIS

## 5. Aspects éthiques et réglementaires

### 5.3 Information et non-opposition des patients

Conformément à la méthodologie de référence MR-004, chaque patient est informé
individuellement de la recherche par une note d'information remise par son psychiatre
référent lors d'une consultation. Le patient dispose d'un délai d'un mois pour s'opposer à
l'utilisation de ses données. Aucun consentement écrit n'est recueilli, la recherche ne
portant que sur des données existantes.
"""


WITHDRAWAL = {"fr": "Elle peut se retirer à tout moment, sans conséquence sur sa prise en "
                    "charge.",
              "en": "She may withdraw at any time, without consequence for her care."}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_information_sheet_handed_to_each_person_is_the_consent_material(lang):
    """The note handed to each person is item 32's evidence; without the right to withdraw,
    which E02 asks of a protocol, consent and the note make it partially met only."""
    e02 = suggest(CONSENT[lang], lang)["E02"]
    sheet = {"fr": "lui remet la note d'information",
             "en": "gives each woman the participant information sheet"}[lang]
    assert quoted(e02, sheet)
    assert "32_Informed_consent_materials" in e02.elements_found
    assert e02.answer == "partially_met"
    assert e02.details_missing == ["withdrawal"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_right_to_withdraw_stated_makes_consent_met(lang):
    """The same protocol stating the right to withdraw: met, the sentence quoted as the
    particular it gives."""
    e02 = suggest(CONSENT[lang] + "\n" + WITHDRAWAL[lang] + "\n", lang)["E02"]
    assert e02.answer == "met"
    assert e02.details_missing == []
    assert any(q.element == "detail:withdrawal" and q.text == WITHDRAWAL[lang]
               for q in e02.quotations), e02.quotations


def test_a_non_opposition_procedure_with_its_information_note_is_met():
    e02 = suggest(NON_OPPOSITION, "fr", study_type="observational")["E02"]
    assert e02.answer == "met"
    assert quoted(e02, "par une note d'information remise par son psychiatre")


def test_patients_rereading_the_information_note_is_not_it_given():
    text = CONSENT["fr"].replace(
        "et lui remet la note d'information.",
        ". Deux patientes partenaires ont relu la note d'information remise aux participantes.")
    e02 = suggest(text, "fr")["E02"]
    assert e02.answer == "partially_met"
    assert not quoted(e02, "ont relu")


BURDEN_TOTAL = {
    "fr": """# Protocole STIMTAB

## 4. Méthodologie

### 4.4 Déroulement et calendrier

Visite d'inclusion (J0) : recueil du consentement, MMSE, échelle de qualité de vie QoL-AD.
Visite de fin (S8) : mêmes évaluations et questionnaire d'acceptabilité. La charge totale
pour le participant est d'environ 2 heures d'évaluation sur 8 semaines, en plus des séances.
""",
    "en": """# STIMTAB protocol

## 4. Methods

### 4.4 Schedule

Inclusion visit (D0): consent, MMSE and the QoL-AD quality of life scale. End visit (W8):
the same assessments and an acceptability questionnaire. The total burden for each
participant is about 2 hours of assessments over 8 weeks, besides the sessions.
""",
}

NOTHING_ADDED = {
    "fr": """# Cohorte ARTHÉMIS

## 3. Méthodologie

### 3.1 Schéma de l'étude

Il s'agit d'une étude de cohorte observationnelle portant sur des données recueillies dans le
cadre du soin courant. Aucun acte, aucune visite et aucun questionnaire supplémentaire n'est
ajouté à la prise en charge habituelle.
""",
    "en": """# ARTHEMIS cohort

## 3. Methods

### 3.1 Design

This is an observational cohort study of data collected in routine care. No additional
visits, tests or questionnaires are required beyond usual care.
""",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_total_burden_stated_is_quoted_for_e09(lang):
    e09 = suggest(BURDEN_TOTAL[lang], lang, study_type="prototypical")["E09"]
    assert "X_burden" not in e09.elements_missing
    assert first_quotation(e09).startswith({"fr": "La charge totale pour le participant",
                                            "en": "The total burden for each participant"}[lang])


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_nothing_added_to_usual_care_is_the_burden_of_a_routine_data_study(lang):
    e09 = suggest(NOTHING_ADDED[lang], lang, study_type="observational")["E09"]
    assert e09.answer != "not_reported"
    assert first_quotation(e09).startswith({"fr": "Aucun acte, aucune visite",
                                            "en": "No additional visits"}[lang])


AFTER_THE_STUDY = {
    "fr": """# Protocole ACTIV'SEIN

## 3. Méthodologie

### 3.6 Groupe contrôle

Les participantes du groupe contrôle reçoivent une brochure de conseils d'activité physique.
À la fin de leur participation (12 mois), le programme d'APA leur est proposé gratuitement.

## 8. Assurance

Conformément à l'article L1121-10 du code de la santé publique, le promoteur a souscrit un
contrat d'assurance de responsabilité civile couvrant les conséquences dommageables de la
recherche pour les participantes.
""",
    "en": """# ACTIV'SEIN protocol

## 3. Methods

### 3.6 Control group

Women in the control group receive a leaflet of physical activity advice. At the end of their
participation (12 months), the programme is offered to them free of charge.

## 8. Insurance

The sponsor holds liability insurance covering participants for harm arising from the trial.
""",
}

INSURANCE_ONLY = {
    "fr": """# Protocole STIMTAB

## 6. Considérations éthiques

### 6.6 Assurance

Le CHU de Nice, promoteur, a souscrit une assurance garantissant sa responsabilité civile
conformément à l'article L1121-10 du code de la santé publique.
""",
    "en": """# STIMTAB protocol

## 6. Ethics

### 6.6 Insurance

The sponsor has taken out insurance covering its liability for harm arising from the study.
""",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_programme_offered_at_the_end_of_participation_comes_before_the_insurance(lang):
    e14 = suggest(AFTER_THE_STUDY[lang], lang)["E14"]
    assert first_quotation(e14).startswith({"fr": "À la fin de leur participation",
                                            "en": "At the end of their participation"}[lang])
    assert quoted(e14, {"fr": "assurance", "en": "insurance"}[lang])  # after it


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sponsors_insurance_alone_is_no_care_kept_after_the_study(lang):
    e14 = suggest(INSURANCE_ONLY[lang], lang, study_type="prototypical")["E14"]
    assert e14.answer == "not_reported"
    assert not e14.quotations


RISKS = {
    "fr": """# Protocole STIMTAB

## 2. Objectifs

Objectifs secondaires : évaluer la faisabilité et l'acceptabilité du programme ; recueillir
les effets indésirables (fatigue, anxiété).

## 6. Considérations éthiques

### 6.4 Risques et surveillance

Les risques prévisibles sont faibles : fatigue, frustration face à un exercice difficile,
majoration transitoire de l'anxiété. Les événements indésirables sont recueillis à chaque
séance par l'animateur sur une fiche dédiée.
""",
    "en": """# STIMTAB protocol

## 2. Objectives

Secondary objectives: to assess the feasibility and acceptability of the programme and to
record adverse events (fatigue, anxiety).

## 6. Ethics

### 6.4 Risks and monitoring

The foreseeable risks are low: fatigue, frustration with a difficult exercise, a passing
rise in anxiety. Adverse events are recorded at each session by the facilitator on a
dedicated form.
""",
}

NO_RISK = """# Cohorte ARTHÉMIS

## 2. Objectifs

Décrire les événements indésirables survenus pendant le suivi (réhospitalisation, passage
aux urgences).

## 5. Aspects éthiques

### 5.6 Balance bénéfices-risques

La recherche ne comporte aucun risque pour les patients, qui ne bénéficient d'aucune prise en
charge différente de la prise en charge habituelle.
"""


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_risks_and_their_monitoring_come_before_an_objective_naming_adverse_events(lang):
    e08 = suggest(RISKS[lang], lang, study_type="prototypical")["E08"]
    assert first_quotation(e08).startswith({"fr": "Les risques prévisibles sont faibles",
                                            "en": "The foreseeable risks are low"}[lang])
    assert not first_quotation(e08).startswith(("Objectifs", "Secondary objectives"))


def test_a_study_stating_it_carries_no_risk_is_quoted_for_e08():
    e08 = suggest(NO_RISK, "fr", study_type="observational")["E08"]
    assert first_quotation(e08).startswith("La recherche ne comporte aucun risque")


def test_an_apps_information_sheets_are_no_consent_material():
    text = """# Protocole

## Intervention

Les contenus éducatifs de l'application fournissent des réponses aux questions fréquentes et
des liens vers des fiches d'information sur l'hépatite C.

## Considérations éthiques

Le consentement écrit est recueilli par l'infirmière de recherche avant l'inclusion.
"""
    e02 = suggest(text, "fr")["E02"]
    assert e02.answer == "partially_met"
    assert not quoted(e02, "fiches d'information")


def test_a_monitoring_visit_after_the_trial_is_no_care_kept_after_it():
    text = """# Protocol

## Monitoring

On-site monitoring will take place before, during and after the trial.

## Indemnity

The sponsor holds clinical trial insurance to indemnify participants for any harm arising
from the trial.
"""
    e14 = suggest(text, "en")["E14"]
    assert not quoted(e14, "On-site monitoring")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_newsletter_to_the_investigators_is_no_information_sheet(lang):
    text = {"fr": """# Protocole

## Organisation

Trois réunions des investigateurs seront organisées, et des lettres d'information
périodiques seront envoyées par courriel aux investigateurs.

## Considérations éthiques

Le consentement écrit est recueilli par l'investigateur avant l'inclusion.
""", "en": """# Protocol

## Organisation

Three investigator meetings will be held, and periodic information letters will be e-mailed
to the investigators.

## Ethics

Written consent is obtained by the investigator before inclusion.
"""}[lang]
    e02 = suggest(text, lang)["E02"]
    assert e02.answer == "partially_met"
    assert not quoted(e02, {"fr": "lettres d'information", "en": "information letters"}[lang])
