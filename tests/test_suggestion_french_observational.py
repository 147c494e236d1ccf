"""What a CPP member screening a French observational protocol (RIPH3, information and
non-opposition) reads in the ethical suggestions: the ID-RCB number on the title page is no
registration in a public registry (E03)."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.catalogue import get_catalogue

TITLE = {
    "fr": ("# LOMBAREHAB : cohorte prospective multicentrique d'adultes lombalgiques chroniques\n\n"
           "Recherche impliquant la personne humaine de catégorie 3 (RIPH3)\n\n"
           "{id_line}\n\n"
           "Promoteur : CHU de Valmont\n\n"
           "Version 1.2 du 3 novembre 2026\n\n"
           "## 3. Schéma de l'étude\n\n"
           "Il s'agit d'une cohorte prospective multicentrique menée dans 8 centres de médecine "
           "physique et de réadaptation.\n\n"
           "## 8. Aspects éthiques et réglementaires\n\n"
           "Le protocole est soumis au Comité de protection des personnes Sud-Ouest et "
           "Outre-Mer III.\n\n{registration}"),
    "en": ("# LOMBAREHAB: a prospective multicentre cohort of adults with chronic low back pain\n\n"
           "Research involving the human person, category 3\n\n"
           "{id_line}\n\n"
           "Sponsor: Valmont University Hospital\n\n"
           "Version 1.2, 3 November 2026\n\n"
           "## 3. Study design\n\n"
           "This is a prospective multicentre cohort in 8 rehabilitation centres.\n\n"
           "## 8. Ethics\n\n"
           "The protocol is submitted to the Comité de protection des personnes Sud-Ouest et "
           "Outre-Mer III.\n\n{registration}"),
}
ID_RCB = {"fr": "Numéro ID-RCB : 2026-A01873-45", "en": "ID-RCB number: 2026-A01873-45"}
TO_BE_REGISTERED = {
    "fr": "L'étude sera enregistrée sur ClinicalTrials.gov avant l'inclusion du premier "
          "participant.\n",
    "en": "The study will be registered on ClinicalTrials.gov before the first participant is "
          "included.\n",
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_id_rcb_number_is_not_the_registration(lang) -> None:
    """The title page's ID-RCB number was quoted as E03's registry number, and the sentence
    saying the study will be registered on ClinicalTrials.gov was not quoted at all."""
    text = TITLE[lang].format(id_line=ID_RCB[lang], registration=TO_BE_REGISTERED[lang])
    e03 = suggest(text, lang, study_type="observational")["E03"]
    quoted = [q.text for q in e03.quotations]
    assert not any("RCB" in q for q in quoted), quoted
    assert any("ClinicalTrials.gov" in q for q in quoted), quoted
    assert e03.answer == "partially_met"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_an_id_rcb_number_alone_is_named_as_another_matter(lang) -> None:
    text = TITLE[lang].format(id_line=ID_RCB[lang], registration="")
    e03 = suggest(text, lang)["E03"]
    assert not e03.quotations, e03.quotations
    assert e03.answer in ("not_reported", "not_met")
    # In French the registry element's cues find the ID-RCB line only, which the rationale
    # names; in English the element is inferred from the whole text.
    if lang == "fr":
        assert "sur un autre sujet" in e03.rationale["fr"], e03.rationale


@pytest.mark.parametrize(("lang", "line"), [
    ("fr", "ID-RCB : 2026-A01873-45 ; ClinicalTrials.gov : NCT06123456"),
    ("en", "ID-RCB 2026-A01873-45; registration: NCT06123456"),
    ("fr", "Numéro EudraCT : 2026-001234-56 ; ID-RCB : 2026-A01873-45"),
])
def test_a_registry_named_beside_the_id_rcb_is_still_quoted(lang, line) -> None:
    text = TITLE[lang].format(id_line=line, registration="")
    e03 = suggest(text, lang, study_type="observational")["E03"]
    assert any("RCB" in q.text for q in e03.quotations), e03.quotations


CARE = {
    "fr": ("# LOMBAREHAB : protocole\n\n"
           "## 3. Schéma de l'étude\n\n"
           "Il s'agit d'une cohorte prospective multicentrique. L'étude ne modifie pas la prise "
           "en charge des patients : le programme de réadaptation est proposé selon les "
           "pratiques habituelles de chaque centre, indépendamment de la participation à la "
           "recherche.\n\n"
           "## 8.5 Indemnisation des participants\n\n"
           "{payment}\n"),
    "en": ("# LOMBAREHAB: protocol\n\n"
           "## 3. Study design\n\n"
           "This is a prospective multicentre cohort. The study does not change the care of "
           "the patients: the rehabilitation programme is offered as usual in each centre, "
           "whether or not the patient takes part.\n\n"
           "## 8.5 Compensation of participants\n\n"
           "{payment}\n"),
}
PAYMENT = {"fr": ["Les participants ne reçoivent aucune indemnité.",
                  "Les participants recevront une carte cadeau de 20 € par questionnaire rempli."],
           "en": ["Participants receive no payment.",
                  "Participants will receive a $20 voucher for each questionnaire completed."]}


@pytest.mark.parametrize(("lang", "payment"),
                         [(lang, p) for lang, payments in PAYMENT.items() for p in payments])
def test_the_participants_payment_is_not_their_care(lang, payment) -> None:
    """« Les participants ne reçoivent aucune indemnité. » was E14's (no loss of chance) only
    quotation; it is the participants' compensation (E09), which still quotes it."""
    suggestions = suggest(CARE[lang].format(payment=payment), lang, study_type="observational")
    e14 = suggestions["E14"]
    assert not any(payment[:30] in q.text for q in e14.quotations), e14.quotations
    if "20" in payment:  # a payment given (not its absence) stays E09's evidence
        assert any(payment[:30] in q.text for q in suggestions["E09"].quotations)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_study_that_does_not_change_the_care_is_quoted_first(lang) -> None:
    e14 = suggest(CARE[lang].format(payment=PAYMENT[lang][0]), lang,
                  study_type="observational")["E14"]
    assert e14.quotations, e14
    assert {"fr": "ne modifie pas la prise en charge",
            "en": "does not change the care"}[lang] in e14.quotations[0].text


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Les séances du programme seront remboursées aux participants à l'issue de l'étude."),
    ("en", "Participants will be offered the programme after the study, and their travel "
           "costs will be reimbursed."),
])
def test_care_paid_after_the_study_is_still_quoted(lang, sentence) -> None:
    e14 = suggest(CARE[lang].format(payment=sentence), lang)["E14"]
    assert any(sentence[:30] in q.text for q in e14.quotations), e14.quotations


DATA = {
    "fr": ("# LOMBAREHAB : protocole\n\n## 8.3 Protection des données\n\n"
           "Le traitement des données est conforme à la méthodologie de référence MR-003 de la "
           "CNIL. {sentence}\n"),
    "en": ("# LOMBAREHAB: protocol\n\n## 8.3 Data protection\n\n"
           "Data processing complies with the CNIL reference methodology MR-003. {sentence}\n"),
}
PSEUDONYMS_AND_RETENTION = {
    "fr": ["Les données sont pseudonymisées : chaque participant est identifié par un numéro de "
           "centre et un numéro d'ordre.",
           "Elles seront conservées deux ans après la dernière publication, puis archivées "
           "pendant 15 ans."],
    "en": ["Data are pseudonymised: each participant is identified by a centre number and a "
           "serial number."],
}


@pytest.mark.parametrize(("lang", "sentence"),
                         [(lang, s) for lang, sentences in PSEUDONYMS_AND_RETENTION.items()
                          for s in sentences])
def test_pseudonymisation_and_retention_are_quoted_for_data_protection(lang, sentence) -> None:
    """E07's statement asks for pseudonymised data kept for a stated time; « Les données sont
    pseudonymisées » and « archivées pendant 15 ans » were not quoted (only « données
    pseudonymisées », « durée de conservation » were its words)."""
    e07 = suggest(DATA[lang].format(sentence=sentence), lang, study_type="observational")["E07"]
    assert any(sentence[:30] in q.text for q in e07.quotations), e07.quotations


@pytest.mark.parametrize(("lang", "text", "sentence"), [
    ("fr", "# Protocole\n\n## 11. Liens d'intérêts\n\nLes investigateurs déclarent n'avoir aucun "
           "lien d'intérêts en rapport avec cette étude. {s}\n",
     "Le Dr Vasseur a reçu des honoraires de la société Kinésia pour des conférences en 2025."),
    ("en", "# Protocol\n\n## 11. Competing interests\n\nThe investigators declare no competing "
           "interests related to this study. {s}\n",
     "Dr Vasseur received honoraria from Kinesia for talks in 2025."),
])
def test_fees_declared_after_no_conflict_are_quoted(lang, text, sentence) -> None:
    """A CPP member reads « aucun lien d'intérêts » and the fees declared right after it
    together; the fees were not quoted."""
    e05 = suggest(text.format(s=sentence), lang, study_type="observational")["E05"]
    assert any(sentence[:30] in q.text for q in e05.quotations), e05.quotations


@pytest.mark.parametrize(("lang", "text", "sentence"), [
    ("fr", "# Protocole\n\n## 12. Publication et diffusion des résultats\n\nLes résultats seront "
           "publiés dans une revue à comité de lecture. {s}\n",
     "Un résumé en langage simple sera adressé aux participants qui le souhaitent."),
    ("en", "# Protocol\n\n## 12. Dissemination\n\nThe results will be submitted to a journal. "
           "{s}\n",
     "A plain language summary will be sent to the participants who wish it."),
])
def test_how_participants_are_told_the_results_is_quoted(lang, text, sentence) -> None:
    e13 = suggest(text.format(s=sentence), lang, study_type="observational")["E13"]
    assert any(sentence[:30] in q.text for q in e13.quotations), e13.quotations


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "Les critères secondaires sont le retour au travail, l'intensité douloureuse, "
           "l'EQ-5D-5L et la consommation d'antalgiques."),
    ("fr", "L'intensité de la douleur est mesurée sur une échelle numérique de 0 à 10."),
    ("en", "Secondary outcomes are return to work, pain intensity and quality of life."),
    ("en", "The intensity of pain is rated on a numerical scale from 0 to 10."),
])
def test_a_symptoms_intensity_is_no_dose_of_the_practice(lang, sentence) -> None:
    """OBS03/OBS04 (the observed practice's dose) quoted « l'intensité douloureuse », an
    outcome, as the programme's intensity."""
    text = {"fr": "# Protocole\n\n## 6. Critères de jugement\n\n{s}\n",
            "en": "# Protocol\n\n## 6. Outcomes\n\n{s}\n"}[lang].format(s=sentence)
    suggestions = suggest(text, lang, study_type="observational")
    for invariant in ("OBS03", "OBS04"):
        assert not any(sentence[:30] in q.text for q in suggestions[invariant].quotations), \
            (invariant, suggestions[invariant].quotations)


@pytest.mark.parametrize(("lang", "sentence"), [
    ("fr", "L'intensité des séances d'exercice est modérée, à 60 % de la fréquence cardiaque "
           "maximale."),
    ("en", "The intensity of the exercise sessions is moderate, at 60% of maximal heart rate."),
])
def test_the_practices_intensity_is_still_its_dose(lang, sentence) -> None:
    text = {"fr": "# Protocole\n\n## 3. Programme observé\n\n{s}\n",
            "en": "# Protocol\n\n## 3. Observed programme\n\n{s}\n"}[lang].format(s=sentence)
    obs04 = suggest(text, lang, study_type="observational")["OBS04"]
    assert any(sentence[:30] in q.text for q in obs04.quotations), obs04.quotations


@pytest.mark.parametrize(("lang", "words"), [
    ("en", ("non-opposition instead of written consent", "take the place of the consent form")),
    ("fr", ("non-opposition au lieu d'un consentement écrit",
            "remplacent le formulaire de consentement")),
])
def test_e02_guidance_lets_non_opposition_stand_for_the_consent_form(lang, words) -> None:
    """What a protocol must say for E02 to be met: a RIPH3 study with non-opposition has no
    consent form to append; the guidance the reviewer reads says what takes its place."""
    met = get_catalogue().invariant("E02").guidance("protocol").met
    assert all(word in met[lang] for word in words), met[lang]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_sponsor_and_the_coordinating_investigator_are_no_setting(lang) -> None:
    """OBS02 quoted the title page's sponsor with its address, then the coordinating
    investigator's department, as where the study takes place (element *setting*)."""
    lines = {"fr": ("Promoteur : CHU de Valmont, 12 rue des Tilleuls, 49100 Valmont",
                    "Investigatrice coordonnatrice : Dr Claire Vasseur, service de médecine "
                    "physique et de réadaptation, CHU de Valmont"),
             "en": ("Sponsor: Valmont University Hospital, 12 Lime Street, Valmont",
                    "Coordinating investigator: Dr Claire Vasseur, Department of Physical and "
                    "Rehabilitation Medicine, Valmont University Hospital")}[lang]
    sponsor = {"fr": "Promoteur : CHU de Valmont", "en": "Sponsor: Valmont University Hospital"}
    text = TITLE[lang].format(id_line="", registration="").replace(
        sponsor[lang], "\n\n".join(lines))
    obs02 = suggest(text, lang, study_type="observational")["OBS02"]
    quoted = [q.text for q in obs02.quotations]
    assert not any(q.startswith(lines[0][:9]) or q.startswith(lines[1][:12]) for q in quoted), \
        quoted
