"""What a UK research ethics committee member screening a school-based cluster trial of
group CBT for anxious adolescents reads in the ethical suggestions: the youth advisory group
is the trial's patient and public involvement (E11), pupils with special educational needs
are its vulnerable people (E10), and the control schools' deferred programme is what keeps
them from a loss of chance (E14)."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence.detect import detect_elements
from checker.evidence.suggest import suggest_answers

PROTOCOL = {
    "en": ("# CALM-Schools: a cluster randomised trial of group CBT for anxious adolescents\n\n"
           "Protocol version 2.1, 14 October 2024\n\n"
           "## 4 Trial design\n\n"
           "CALM-Schools is a two-arm cluster randomised controlled trial in 40 secondary "
           "schools.\n\n"
           "## 5.4 Inclusion of under-served groups\n\n"
           "Schools are selected to include a range of deprivation levels.\n"
           "Pupils with special educational needs and disabilities are eligible; the "
           "counsellor and the school's special educational needs co-ordinator agree "
           "reasonable adjustments.\n\n"
           "## 8 Control condition and deferred intervention\n\n"
           "Pupils in control schools receive usual school support.\n"
           "Control schools are offered CALM after the final 12-month follow-up, and the "
           "programme is then offered to pupils who took part in the trial.\n\n"
           "## 14 Public and youth involvement\n\n"
           "A youth advisory group of ten young people aged 13 to 18 has met four times "
           "during the design of the trial.\n"
           "The group rewrote the information sheets and the assent form.\n\n"
           "## 16 Finance and insurance\n\n"
           "The University holds insurance for the design and management of the trial.\n"),
    "fr": ("# CALM-Écoles : essai randomisé en grappes d'une TCC de groupe pour des "
           "adolescents anxieux\n\n"
           "Version 2.1 du 14 octobre 2024\n\n"
           "## 4 Schéma de l'essai\n\n"
           "CALM-Écoles est un essai contrôlé randomisé en grappes à deux bras dans 40 "
           "collèges.\n\n"
           "## 5.4 Diversité des élèves\n\n"
           "Les collèges sont choisis pour couvrir des niveaux de précarité variés.\n"
           "Les élèves ayant des besoins éducatifs particuliers sont éligibles ; le psychologue "
           "et l'enseignant référent conviennent d'aménagements raisonnables.\n\n"
           "## 8 Groupe témoin et intervention différée\n\n"
           "Les élèves des établissements témoins reçoivent le soutien habituel du collège.\n"
           "Les établissements témoins se verront proposer CALM après le suivi à 12 mois, "
           "pour les élèves ayant participé à l'essai.\n\n"
           "## 14 Implication des jeunes\n\n"
           "Un comité de jeunes de dix adolescents de 13 à 18 ans s'est réuni quatre fois "
           "pendant la conception de l'essai.\n"
           "Le groupe a réécrit les notices d'information et le formulaire d'assentiment.\n\n"
           "## 16 Financement et assurance\n\n"
           "L'université a souscrit une assurance pour la conception et la conduite de "
           "l'essai.\n"),
}


def _suggestions(lang: str):
    document = extract_document(PROTOCOL[lang].encode(), "protocol.md")
    detections = detect_elements(document, kind="protocol", lang=lang)
    return suggest_answers(get_catalogue(), "interventional", detections, lang,
                           document=document, kind="protocol")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_youth_advisory_group_is_patient_and_public_involvement(lang) -> None:
    """E11 was not reported: a youth advisory group (« comité de jeunes ») under "Public and
    youth involvement" matched none of the patient involvement cues."""
    e11 = _suggestions(lang)["E11"]
    assert e11.answer != "not_reported"
    assert "X_patient_involvement" in e11.elements_found
    assert e11.quotations[0].text.startswith(("A youth advisory group", "Un comité de jeunes"))


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pupils_with_special_educational_needs_are_the_vulnerable_people(lang) -> None:
    """E10 quoted no sentence on vulnerable people: special educational needs and reasonable
    adjustments were no cue of them."""
    e10 = _suggestions(lang)["E10"]
    assert "X_vulnerable" in e10.elements_found
    assert any("besoins éducatifs particuliers" in q.text or "special educational needs"
               in q.text for q in e10.quotations)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_control_schools_deferred_programme_is_quoted_first(lang) -> None:
    """E14 quoted the insurance, or the control schools' usual support, and never the
    programme offered to the control schools after the trial."""
    e14 = _suggestions(lang)["E14"]
    assert e14.quotations[0].text.startswith(("Control schools are offered",
                                              "Les établissements témoins se verront"))
