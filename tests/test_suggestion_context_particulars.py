"""Particulars the guidance of PRO08 (context of use) and IMP05 (effectiveness retained in
routine conditions) asks for *met*: PRO08 the safety precautions or the regulatory framework
("Names the setting but omits precautions or regulation" is partially met), stated anywhere
in the study's own report; IMP05, of a protocol, how the health effect in routine conditions
is measured and set against the trials' (a hybrid type, the effect compared with the
trials', a health outcome measured in routine care), not a design named "pragmatic" alone."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.catalogue import get_catalogue

PROTOTYPE = {  # language -> (report, a safety precaution, a study's own compliance)
    "en": ("# Development of a group exercise programme: study report\n\n## Methods\n\n"
           "### Setting\n\nThe programme was delivered in two hospital outpatient units in "
           "Montpellier, France, after referral by the general practitioner.\n\n"
           "### Ethics\n\nThe study was conducted in accordance with local regulatory "
           "requirements and the Declaration of Helsinki.\n",
           "Each participant needs a medical clearance from their physician before the first "
           "session, and the room is equipped with a defibrillator.",
           "local regulatory requirements"),
    "fr": ("# Développement d'un programme d'exercice en groupe : rapport d'étude\n\n"
           "## Méthodes\n\n### Lieu de l'étude\n\nLe programme a été dispensé dans deux "
           "hôpitaux de jour de Montpellier, en France, aux patients adressés par leur médecin "
           "traitant.\n\n### Éthique\n\nL'étude a été conduite conformément à la "
           "réglementation en vigueur et à la déclaration d'Helsinki.\n",
           "Chaque participant doit présenter un certificat médical de non-contre-indication "
           "avant la première séance, et la salle est équipée d'un défibrillateur.",
           "réglementation en vigueur"),
}

LABEL = {"en": "its safety precautions or regulatory framework",
         "fr": "ses précautions de sécurité ou son cadre réglementaire"}


@pytest.mark.parametrize("lang", sorted(PROTOTYPE))
def test_a_setting_and_its_referral_without_precautions_is_partially_met(lang) -> None:
    """PRO08: where and how the NPI is used (its `use`) is not enough for met; a study's own
    compliance with regulations is not the NPI's regulatory framework; the rationale names
    what is missing."""
    report, _precaution, _compliance = PROTOTYPE[lang]
    pro08 = suggest(report, lang, study_type="prototypical", kind="paper")["PRO08"]
    assert pro08.details_missing == ["conditions"], pro08.quotations
    assert pro08.answer == "partially_met"
    assert LABEL[lang] in pro08.rationale[lang], pro08.rationale[lang]


SCOPE = {"en": "Community health officers are permitted to administer ergometrine tablets "
               "in an emergency.",
         "fr": "Les agents de santé communautaires sont autorisés à administrer des "
               "comprimés d'ergométrine en urgence."}


@pytest.mark.parametrize("lang", sorted(PROTOTYPE))
@pytest.mark.parametrize("scope", [False, True])
def test_a_precaution_stated_elsewhere_in_the_report_makes_it_met(lang, scope) -> None:
    """PRO08: a medical clearance and a defibrillator, or what a profession is permitted to
    do (its scope of practice), stated under another heading than the setting's, is its
    `conditions` particular, quoted."""
    report, precaution, _compliance = PROTOTYPE[lang]
    precaution = SCOPE[lang] if scope else precaution
    heading = {"en": "### Safety\n\n", "fr": "### Sécurité\n\n"}[lang]
    pro08 = suggest(report + f"\n{heading}{precaution}\n", lang, study_type="prototypical",
                    kind="paper")["PRO08"]
    assert pro08.details_missing == [], pro08.quotations
    assert pro08.answer == "met"
    assert any(q.element == "detail:conditions" and q.text == precaution
               for q in pro08.quotations), pro08.quotations


IMPLEMENTATION = {  # language -> (protocol, a hybrid design, a comparison with the trials)
    "en": ("# Roll-out of a falls prevention programme in general practice: study protocol\n\n"
           "## Methods\n\n### Design\n\nThe programme is being evaluated through a pragmatic, "
           "parallel, cluster-randomised controlled trial with an allocation ratio of 1:1.\n\n"
           "### Outcomes\n\nImplementation outcomes are reach, adoption and fidelity.\n",
           "It is a hybrid type 2 effectiveness-implementation design.",
           "The reduction in falls will be compared with the effect observed in the pivotal "
           "trials."),
    "fr": ("# Déploiement d'un programme de prévention des chutes en médecine générale : "
           "protocole\n\n## Méthodes\n\n### Schéma de l'étude\n\nLe programme est évalué dans un "
           "essai contrôlé pragmatique, parallèle, randomisé en grappes, avec un ratio "
           "d'allocation de 1:1.\n\n"
           "### Critères de jugement\n\nLes critères d'implémentation sont la portée, "
           "l'adoption et la fidélité.\n",
           "Il s'agit d'une étude hybride de type 2 efficacité-implémentation.",
           "La réduction des chutes sera comparée à l'effet observé dans les essais pivots."),
}

ROUTINE_LABEL = {"en": "how the health effect in routine conditions is measured",
                 "fr": "comment l'effet de santé en conditions de routine est mesuré"}


@pytest.mark.parametrize("lang", sorted(IMPLEMENTATION))
def test_a_pragmatic_design_alone_is_not_effectiveness_in_routine_conditions(lang) -> None:
    """IMP05: a protocol's design named "pragmatic" is not met without its routine_effect
    particular, which the rationale names; a paper is not asked it."""
    protocol, _hybrid, _compared = IMPLEMENTATION[lang]
    imp05 = suggest(protocol, lang, study_type="implementation", kind="protocol")["IMP05"]
    assert imp05.answer == "partially_met", imp05.quotations
    assert imp05.details_missing == ["routine_effect"], imp05.quotations
    assert ROUTINE_LABEL[lang] in imp05.rationale[lang], imp05.rationale[lang]
    detail = get_catalogue().invariant("IMP05").evidence.details[0]
    assert (detail.id, detail.applies_to("paper", "implementation")) == ("routine_effect", False)


@pytest.mark.parametrize("lang", sorted(IMPLEMENTATION))
@pytest.mark.parametrize("which", [1, 2])
def test_a_hybrid_type_or_a_comparison_with_the_trials_is_the_routine_effect(lang,
                                                                              which) -> None:
    """IMP05: a hybrid type 2 design, or the effect compared with the pivotal trials',
    stated in the protocol's own report, is its routine_effect particular."""
    protocol = IMPLEMENTATION[lang][0]
    sentence = IMPLEMENTATION[lang][which]
    imp05 = suggest(protocol + f"\n{sentence}\n", lang, study_type="implementation",
                    kind="protocol")["IMP05"]
    assert imp05.details_missing == [], imp05.quotations
    assert imp05.answer == "met"
    assert any(q.text == sentence for q in imp05.quotations), imp05.quotations
