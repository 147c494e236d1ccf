"""Implementation suggestions on a regional health agency's roll-out of adapted physical
activity on prescription (« Prescri'Bouge »), as its project team writes the evaluation
protocol and the results paper, in French and in English: a RE-AIM and CFIR 2.0 hybrid
type 2 study in three départements, with its costing by micro-costing from the funder's point
of view and its APA teachers' training.

Each test names the sentence a reviewer assembling an NPI sheet looks for, which the
suggestion must quote (first, where another sentence holds the invariant's words too)."""

from __future__ import annotations

import pytest
from suggestion_support import first_quotation, quotation_texts, suggest

PAPER_FR = """# Déploiement du programme Prescri'Bouge dans trois départements : évaluation RE-AIM

## Introduction

Depuis 2016, le médecin traitant peut prescrire une activité physique adaptée aux patients en
affection de longue durée. Les séances ne sont pas remboursées par l'Assurance maladie.

## Méthodes

### Schéma et cadre

Nous avons conduit une étude hybride d'efficacité-implémentation de type 2, prospective et
multicentrique, à méthodes mixtes convergentes. L'évaluation était structurée par le cadre
RE-AIM ; les déterminants de la mise en œuvre ont été analysés selon les cinq domaines du CFIR
2.0.

### Lieux et structures

L'étude s'est déroulée d'avril 2025 à septembre 2026 dans trois départements de la région
Bourgogne-Franche-Comté (France). Le programme a été dispensé dans 14 structures : 6 Maisons
Sport-Santé, 5 maisons de santé pluriprofessionnelles et 3 associations sportives agréées, dont
8 en zone rurale.

### Stratégies d'implémentation

Six stratégies ont été mises en œuvre : formation des médecins (soirée de deux heures),
formation des enseignants en APA au manuel (14 heures) et supervision trimestrielle, et un
coordinateur départemental.

### Critères de jugement

Adoption, portée, fidélité, acceptabilité, coûts et pérennité ont été mesurés. Les coûts ont
été estimés du point de vue du financeur par une méthode de micro-costing, à partir des temps
déclarés et des factures.

## Résultats

Au total, 862 patients ont été inclus et 611 ont terminé le programme. Le coût total de mise en
œuvre s'est élevé à 268 900 euros, soit 312 euros par patient inclus.
"""

PAPER_EN = """# Rolling out the Prescri'Bouge programme in three départements: a RE-AIM evaluation

## Introduction

Since 2016, general practitioners in France may prescribe adapted physical activity to patients
with a long-term condition. Sessions are not reimbursed by the national health insurance.

## Methods

### Design and framework

We conducted a prospective multicentre effectiveness-implementation hybrid type 2 study with
convergent mixed methods. Determinants of implementation were analysed according to the five
domains of the CFIR 2.0.

### Setting

The study was conducted between April 2025 and September 2026 in three counties of the region
of Bourgogne-Franche-Comté (France). The programme was delivered in 14 venues: 6 sport-health
houses, 5 primary care centres and 3 sports clubs, 8 of them rural.

### Implementation strategies

Six strategies were used: training of the physicians (a two-hour evening), training of the
teachers (14 hours) on the manual with quarterly supervision, and a county coordinator.

### Outcomes

Adoption, reach, fidelity, acceptability, costs and sustainability were measured. Costs were
estimated from the funder perspective using micro-costing of staff time and invoices.

## Results

In all, 862 patients were included and 611 completed the programme. The total implementation
cost was 268,900 euros, that is 312 euros per included patient.
"""

PAPERS = {"fr": PAPER_FR, "en": PAPER_EN}

COSTING = {"fr": "Les coûts ont été estimés du point de vue du financeur",
           "en": "Costs were estimated from the funder perspective"}
PLACE = {"fr": "L'étude s'est déroulée d'avril 2025 à septembre 2026 dans trois départements",
         "en": "The study was conducted between April 2025 and September 2026 in three counties"}
TRAINING = {"fr": "formation des enseignants en APA au manuel (14 heures)",
            "en": "training of the teachers (14 hours)"}
HYBRID = {"fr": "étude hybride d'efficacité-implémentation de type 2",
          "en": "effectiveness-implementation hybrid type 2 study"}


@pytest.fixture(scope="module", params=["fr", "en"])
def paper(request) -> tuple[str, dict]:
    lang = request.param
    return lang, suggest(PAPERS[lang], lang, study_type="implementation", kind="paper")


def test_a_costing_method_from_the_funders_point_of_view_is_the_economic_evaluation(
        paper) -> None:
    lang, suggestions = paper
    imp10 = suggestions["IMP10"]
    assert first_quotation(imp10).startswith(COSTING[lang])
    assert "economic_method" not in imp10.details_missing
    assert imp10.answer == "met"


def test_the_framework_structuring_the_analysis_is_its_use(paper) -> None:
    lang, suggestions = paper
    imp02 = suggestions["IMP02"]
    assert "X_logic_model" not in imp02.elements_missing
    assert imp02.answer == "met"


def test_the_departements_of_a_named_region_are_the_country_and_setting(paper) -> None:
    lang, suggestions = paper
    imp01 = suggestions["IMP01"]
    assert any(text.startswith(PLACE[lang]) for text in quotation_texts(imp01))
    assert "X_country_setting" not in imp01.elements_missing


def test_the_apa_teachers_training_with_its_length_in_brackets_is_quoted(paper) -> None:
    lang, suggestions = paper
    assert TRAINING[lang] in first_quotation(suggestions["IMP09"])


def test_a_hybrid_design_worded_effectiveness_implementation_is_quoted(paper) -> None:
    lang, suggestions = paper
    assert HYBRID[lang] in first_quotation(suggestions["IMP05"])


PROTOCOL = {
    "fr": """# Protocole d'évaluation du déploiement de Prescri'Bouge

## 3.6 Critères de jugement

Adoption : proportion de médecins généralistes prescripteurs.

Coût : les coûts de mise en œuvre seront estimés du point de vue du financeur (ARS et Assurance
maladie) par une méthode de micro-costing : temps des enseignants, coordination, formation.

## 8. Diffusion des résultats

Les résultats seront publiés dans une revue à comité de lecture, quels qu'ils soient, et
présentés aux participants sous la forme d'une synthèse en langage clair.
""",
    "en": """# Evaluation protocol of the Prescri'Bouge roll-out

## 3.6 Outcomes

Adoption: proportion of general practitioners who prescribe the programme.

Cost: implementation costs will be estimated from the funder perspective using micro-costing of
teacher time, coordination and training.
""",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_protocol_plans_its_costing_in_the_future(lang: str) -> None:
    imp10 = suggest(PROTOCOL[lang], lang, study_type="implementation")["IMP10"]
    assert "micro-costing" in first_quotation(imp10)
    assert imp10.answer == "met"


def test_results_published_whatever_they_are_in_french() -> None:
    e13 = suggest(PROTOCOL["fr"], "fr", study_type="implementation")["E13"]
    assert "quels qu'ils soient" in first_quotation(e13)
    assert "all_results" not in e13.details_missing


# Bad input: the same words about another matter.

NOT_COSTING = {
    "fr": "# Résultats\n\nLes patients ont cité le coût du transport comme un frein. Les coûts "
          "ont été jugés élevés par les patients ruraux.\n",
    "en": "# Results\n\nPatients named the cost of transport as a barrier. Costs were judged "
          "high by rural patients.\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_costs_judged_high_by_patients_are_no_economic_method(lang: str) -> None:
    imp10 = suggest(NOT_COSTING[lang], lang, study_type="implementation", kind="paper")["IMP10"]
    assert imp10.answer != "met"


ONLY_WHEN = {
    "fr": "# Méthodes\n\nL'étude s'est déroulée d'avril 2025 à septembre 2026. Les patients ont "
          "été suivis six mois.\n",
    "en": "# Methods\n\nThe study was conducted between April 2025 and September 2026. Patients "
          "were followed for six months.\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_dates_alone_name_no_country_or_setting(lang: str) -> None:
    imp01 = suggest(ONLY_WHEN[lang], lang, study_type="implementation", kind="paper")["IMP01"]
    assert "X_country_setting" in imp01.elements_missing


NAMED_ONLY = {
    "fr": "# Introduction\n\nLe cadre RE-AIM est largement utilisé pour évaluer les programmes "
          "de santé publique (Glasgow, 1999).\n",
    "en": "# Introduction\n\nThe RE-AIM framework is widely used to evaluate public health "
          "programmes (Glasgow, 1999).\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_framework_only_named_is_not_its_use(lang: str) -> None:
    imp02 = suggest(NAMED_ONLY[lang], lang, study_type="implementation", kind="paper")["IMP02"]
    assert imp02.answer != "met"


FUNDED_PROGRAMME = """# Déploiement de Prescri'Bouge

## Méthodes

Le programme était financé par le Fonds d'intervention régional de l'ARS (180 euros par
patient), sans reste à charge pour le patient.

## Déclarations

Financement : ARS Bourgogne-Franche-Comté (Fonds d'intervention régional). Le financeur n'est
pas intervenu dans l'analyse.
"""


def test_the_regional_fund_paying_for_the_sessions_is_not_the_studys_funding() -> None:
    e06 = suggest(FUNDED_PROGRAMME, "fr", study_type="implementation", kind="paper")["E06"]
    assert first_quotation(e06).startswith("Financement : ARS")
    assert not any(text.startswith("Le programme était financé")
                   for text in quotation_texts(e06))


TEACHERS = """# Déploiement de Prescri'Bouge

## Résumé

La fidélité moyenne aux composantes clés était de 86 %.

## Méthodes

Le programme a été dispensé dans 14 structures. Chaque structure employait de 1 à 4
enseignants en APA, titulaires d'une licence STAPS mention APA-S.
"""


def test_the_apa_teachers_who_deliver_not_a_fidelity_figure_are_quoted() -> None:
    e12 = suggest(TEACHERS, "fr", study_type="implementation", kind="paper")["E12"]
    assert "enseignants en APA" in first_quotation(e12)


DATA = {
    "fr": "# 4. Considérations éthiques\n\nLe traitement des données est conforme à la "
          "méthodologie de référence MR-004 de la CNIL.\n\nLes données sont pseudonymisées, "
          "hébergées sur un serveur certifié hébergeur de données de santé (HDS) et conservées "
          "deux ans.\n",
    "en": "# 4. Ethics\n\nProcessing complies with the GDPR.\n\nData are pseudonymised, stored "
          "on a certified health data server and kept for two years.\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_data_pseudonymised_then_hosted_on_a_server_is_data_management(lang: str) -> None:
    e07 = suggest(DATA[lang], lang, study_type="implementation")["E07"]
    assert "19_Data_Management" not in e07.elements_missing


def test_data_collected_and_stored_in_raw_format_is_no_data_protection() -> None:
    raw = ("# Outcomes\n\nData are collected and stored in raw format, as this accelerometer "
           "model has a high storage capacity.\n")
    e07 = suggest(raw, "en", study_type="implementation")["E07"]
    assert "19_Data_Management" in e07.elements_missing or e07.answer == "not_reported"
