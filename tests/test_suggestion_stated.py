"""A protocol's suggestions say what it states (catalogue after 1.5.7, from a walkthrough).

A French ethics-committee member's walkthrough of a French CBT-for-insomnia protocol found
suggestions saying something was missing that the protocol states: patient involvement under
a heading « Participation des patients » whose sentence names no patient (E11 not reported),
the funder's role worded « n'intervient ni dans la conception… » (E06), the version line of
the title page (E04), a control arm described under its heading « Bras contrôle » (INT02,
E14), who is not blinded (INT05), the visits' schedule (INT09), the consent's collection
« consentement libre, éclairé et écrit » (E02); and a per-protocol sensitivity analysis
taken for responder and moderator analyses (INT16), and the involvement sentence, read by
the model as contributors' roles, quoted for conflicts of interest (E05). Each is checked
here in French and in English on short passages.
"""

from __future__ import annotations

import pytest
from suggestion_support import quotation_texts, quoted, suggest

INVOLVEMENT = {  # language -> (a protocol whose involvement section names no patient, its text)
    "fr": ("# Protocole de l'essai SOMMEIL\n\n## Méthodes\n\nIl s'agit d'un essai contrôlé "
           "randomisé en groupes parallèles.\n\n## Participation des patients\n\nDeux "
           "représentants de l'association France Alzheimer ont relu la note d'information et "
           "contribué au choix des critères de jugement secondaires.\n",
           "Deux représentants de l'association France Alzheimer"),
    "en": ("# Protocol of the SLEEP trial\n\n## Methods\n\nThis is a randomised controlled "
           "trial with parallel groups.\n\n## Patient involvement\n\nTwo members of the "
           "France Alzheimer association reviewed the information sheet and helped to choose "
           "the secondary outcomes.\n",
           "Two members of the France Alzheimer association"),
}


@pytest.mark.parametrize("lang", sorted(INVOLVEMENT))
def test_a_patient_involvement_heading_makes_its_text_e11s_evidence(lang: str) -> None:
    """The heading names the matter; the sentence under it names no patient: it is E11's
    evidence all the same (it was not reported, which lowered the verdict)."""
    text, sentence = INVOLVEMENT[lang]
    e11 = suggest(text, lang)["E11"]
    assert e11.answer == "partially_met"
    assert "X_patient_involvement" in e11.elements_found
    assert quoted(e11, sentence)


@pytest.mark.parametrize(("lang", "text"), [
    ("fr", "# Protocole\n\n## Méthodes\n\nLa participation des patients à l'étude est "
           "volontaire et peut être interrompue à tout moment.\nTous les cliniciens des "
           "centres remplissent un questionnaire ; la participation des patients est "
           "indépendante de celle de leur clinicien.\n"),
    ("en", "# Protocol\n\n## Methods\n\nPatient participation in the sessions is recorded "
           "by the therapist at each visit.\n"),
])
def test_patients_taking_part_in_the_study_is_no_involvement(lang: str, text: str) -> None:
    assert suggest(text, lang)["E11"].answer == "not_reported"


FUNDER = {
    "fr": ("# Protocole\n\n## Financement\n\nLe promoteur de l'étude est les Hospices "
           "Civils de Lyon. Cette recherche est financée par le Programme "
           "hospitalier de recherche clinique (PHRC-I 2025), pour un montant de 412 000 euros. "
           "Le financeur n'intervient ni dans la conception, ni dans la conduite, ni dans "
           "l'analyse de l'étude.\n"),
    "en": ("# Protocol\n\n## Funding\n\nThe trial sponsor is the University Hospital of "
           "Lyon. This study is funded by the National Institute for "
           "Health Research (grant NIHR-2025-0412). The funder is involved neither in the "
           "design nor in the conduct or the analysis of the study.\n"),
}


@pytest.mark.parametrize("lang", sorted(FUNDER))
def test_a_funder_that_does_not_intervene_states_its_role(lang: str) -> None:
    e06 = suggest(FUNDER[lang], lang)["E06"]
    assert (e06.answer, e06.details_missing) == ("met", [])
    role = next(q.text for q in e06.quotations if q.element == "detail:role")
    assert role.startswith(("The funder is involved neither", "Le financeur n'intervient"))


VERSIONED = {  # the version line stands on the title page, far from amendments and sharing
    "fr": ("# Protocole de l'essai SOMMEIL\n\nVersion 2.1 du 14 octobre 2026\n\n"
           "## Aspects réglementaires\n\nToute modification substantielle du protocole sera "
           "soumise au CPP avant sa mise en œuvre.\n\n## Diffusion\n\nLes données "
           "individuelles anonymisées pourront être partagées sur demande motivée après "
           "publication.\n", "Version 2.1 du 14 octobre 2026"),
    "en": ("# Protocol of the SLEEP trial\n\nVersion 2.0, 3 March 2026\n\n"
           "## Protocol amendments\n\nAny substantial amendment to the protocol (changes to "
           "eligibility criteria or outcomes) will be submitted to the ethics committee and "
           "communicated to the trial registry before it is implemented.\n\n"
           "## Data sharing statement\n\nDe-identified individual participant data will be "
           "shared on reasonable request after publication.\n", "Version 2.0, 3 March 2026"),
}


@pytest.mark.parametrize("lang", sorted(VERSIONED))
def test_a_protocols_version_line_on_its_title_page_is_its_version(lang: str) -> None:
    text, line = VERSIONED[lang]
    e04 = suggest(text, lang)["E04"]
    assert (e04.answer, e04.details_missing) == ("met", [])
    assert any(q.element == "detail:version" and line in q.text for q in e04.quotations)


@pytest.mark.parametrize("lang, line", [
    # Labelled as a title page or a running header sets them, or before any heading.
    ("en", "Version: 1.2 Date: 12/03/2021"),
    ("en", "Version 1.2   Date: 12 March 2021"),
    ("en", "SLEEP | Version 2.0 | 12/03/2021"),
    ("fr", "Version\u00a0: 1.2 Date\u00a0: 12/03/2021"),
    ("fr", "SOMMEIL | Version 2 | 15/03/2022"),
])
@pytest.mark.parametrize("before_title", [False, True])
def test_a_labelled_version_line_is_the_protocols_version(lang: str, line: str,
                                                         before_title: bool) -> None:
    text, title_line = VERSIONED[lang]
    text = text.replace(f"{title_line}\n\n", "")
    text = f"{line}\n\n{text}" if before_title else text.replace("\n\n", f"\n\n{line}\n\n", 1)
    e04 = suggest(text, lang)["E04"]
    assert (e04.answer, e04.details_missing) == ("met", []), e04.quotations
    assert any(q.element == "detail:version" and line in q.text for q in e04.quotations)


@pytest.mark.parametrize("lang, line", [
    ("en", "Analyses will use R version: 4.4."),
    ("en", "Version: 2, revised after 12 participants had been seen."),
    ("fr", "Les analyses utiliseront R version\u00a0: 4.4."),
])
def test_a_labelled_version_without_a_date_is_no_protocols_version(lang: str,
                                                                   line: str) -> None:
    text, title_line = VERSIONED[lang]
    e04 = suggest(text.replace(title_line, line), lang)["E04"]
    assert (e04.answer, e04.details_missing) == ("partially_met", ["version"])


def test_a_version_without_a_date_is_no_protocols_version_line() -> None:
    """"R version 4.4" is no protocol's version, wherever it stands."""
    text = VERSIONED["en"][0].replace("Version 2.0, 3 March 2026",
                                      "Analyses will use R version 4.4.")
    e04 = suggest(text, "en")["E04"]
    assert (e04.answer, e04.details_missing) == ("partially_met", ["version"])


CONTROL_ARM = {  # the arm's heading names it; its text does not
    "fr": ("# Protocole\n\n## Interventions\n\n### Bras expérimental : TCC-I de groupe\n\n"
           "Le programme comprend 8 séances hebdomadaires de 90 minutes animées par un "
           "psychologue formé.\n\n### Bras contrôle : éducation à l'hygiène du sommeil\n\n"
           "Huit séances hebdomadaires de 90 minutes sont animées par une infirmière et "
           "portent sur l'hygiène du sommeil et l'alimentation.\n",
           "Huit séances hebdomadaires de 90 minutes sont animées par une infirmière"),
    "en": ("# Protocol\n\n## Interventions\n\n### Experimental arm: group CBT-I\n\n"
           "The programme comprises 8 weekly sessions of 90 minutes led by a trained "
           "psychologist.\n\n### Control arm: sleep hygiene education\n\n"
           "Eight weekly sessions of 90 minutes are led by a nurse and deal with sleep "
           "hygiene and diet.\n",
           "Eight weekly sessions of 90 minutes are led by a nurse"),
}


@pytest.mark.parametrize("lang", sorted(CONTROL_ARM))
def test_a_control_arms_section_describes_the_comparator(lang: str) -> None:
    text, sentence = CONTROL_ARM[lang]
    suggestions = suggest(text, lang)
    for invariant in ("INT02", "E14"):
        assert "X_comparator" in suggestions[invariant].elements_found, invariant
        assert quoted(suggestions[invariant], sentence), invariant


def test_a_control_arm_named_in_an_analysis_describes_no_comparator() -> None:
    text = ("# Protocole\n\n## Analyse\n\nL'observance sera comparée entre les patients du "
            "bras intervention et ceux du bras témoin, selon le centre.\n")
    assert "X_comparator" not in suggest(text, "fr")["INT02"].elements_found


NOT_BLINDED = {
    "fr": ("# Protocole\n\n## Schéma\n\nL'évaluateur du critère de jugement principal "
           "ignorera le bras de randomisation ; les participants et les thérapeutes ne "
           "pourront pas être tenus dans l'ignorance du traitement reçu, en raison de la "
           "nature de l'intervention.\n", "ne pourront pas être tenus dans l'ignorance"),
    "en": ("# Protocol\n\n## Design\n\nParticipants and therapists cannot be blinded to the "
           "treatment received, given the nature of the intervention.\n",
           "cannot be blinded"),
}


@pytest.mark.parametrize("lang", sorted(NOT_BLINDED))
def test_who_is_not_blinded_is_int05s_evidence(lang: str) -> None:
    text, words = NOT_BLINDED[lang]
    int05 = suggest(text, lang)["INT05"]
    assert int05.answer != "not_reported"
    assert quoted(int05, words)


VISITS = {
    "fr": ("# Protocole\n\n## Calendrier\n\nLes visites ont lieu à l'inclusion (J0), à la fin "
           "du programme (M2), à 3 mois (M3), à 6 mois (M6) et à 12 mois (M12).\n",
           "Les visites ont lieu"),
    "en": ("# Protocol\n\n## Schedule\n\nVisits will take place at baseline (D0), at the end "
           "of the programme (M2), and at 3, 6 and 12 months (M3, M6, M12).\n",
           "Visits will take place"),
}


@pytest.mark.parametrize("lang", sorted(VISITS))
def test_the_visits_schedule_is_int09s_evidence(lang: str) -> None:
    text, words = VISITS[lang]
    int09 = suggest(text, lang)["INT09"]
    assert int09.answer != "not_reported"
    assert quoted(int09, words)


CONSENT = {  # the information sheet is named twice; the consent's collection once
    "fr": ("# Protocole\n\n## Information et consentement\n\nChaque participant recevra une "
           "note d'information écrite exposant les objectifs et les risques de la recherche. "
           "Le consentement libre, éclairé et écrit sera recueilli par l'investigateur avant "
           "toute procédure spécifique à la recherche.\n\n## Participation des patients\n\n"
           "Deux représentants de l'association France Alzheimer ont relu la note "
           "d'information.\n", "Le consentement libre, éclairé et écrit sera recueilli"),
    "en": ("# Protocol\n\n## Information and consent\n\nEach participant will receive a "
           "written participant information sheet setting out the aims and risks of the "
           "study. Consent will be obtained in writing by the investigator before any "
           "study-specific procedure.\n\n## Patient involvement\n\nTwo members of the France "
           "Alzheimer association reviewed the participant information sheet.\n",
           "Consent will be obtained in writing"),
}


@pytest.mark.parametrize("lang", sorted(CONSENT))
def test_e02_quotes_the_consents_collection(lang: str) -> None:
    text, sentence = CONSENT[lang]
    e02 = suggest(text, lang)["E02"]
    assert quoted(e02, sentence)
    texts = quotation_texts(e02)
    reviewed = [i for i, t in enumerate(texts) if "France Alzheimer" in t]
    collected = next(i for i, t in enumerate(texts) if sentence in t)
    assert all(collected < i for i in reviewed)


ANALYSES = {  # language -> (a sensitivity analysis only, a subgroup analysis)
    "fr": ("# Protocole\n\n## Analyse statistique\n\nL'analyse principale sera conduite en "
           "intention de traiter. Une analyse per protocole (participants ayant suivi au moins "
           "6 séances) sera conduite en analyse de sensibilité.\n",
           "Une analyse en sous-groupes selon l'âge sera conduite avec un terme "
           "d'interaction."),
    "en": ("# Protocol\n\n## Statistical analysis\n\nThe primary analysis will follow the "
           "intention-to-treat principle. A per-protocol analysis (participants attending at "
           "least 6 sessions) will be conducted as a sensitivity analysis.\n",
           "A subgroup analysis by age will be conducted with an interaction term."),
}


@pytest.mark.parametrize("lang", sorted(ANALYSES))
def test_a_per_protocol_analysis_is_no_responder_or_moderator_analysis(lang: str) -> None:
    text, subgroups = ANALYSES[lang]
    int16 = suggest(text, lang)["INT16"]
    assert not quoted(int16, "per proto")
    assert int16.answer == "not_reported"
    with_subgroups = suggest(text + subgroups + "\n", lang)["INT16"]
    assert with_subgroups.answer == "partially_met"
    assert quoted(with_subgroups, subgroups.split(" sera")[0].split(" will")[0])


@pytest.mark.parametrize("lang", sorted(INVOLVEMENT))
def test_patient_representatives_are_no_contributors_for_conflicts_of_interest(
        lang: str) -> None:
    """The model may read the involvement sentence as contributors' roles (item 5b): E05
    (conflicts of interest, independence) quotes such a sentence only about investigators,
    authors, sponsors, funders or committees."""
    text, sentence = INVOLVEMENT[lang]
    interests = {"fr": "\n## Liens d'intérêts\n\nLes investigateurs déclarent n'avoir aucun "
                       "lien d'intérêts en rapport avec cette recherche.\n",
                 "en": "\n## Competing interests\n\nThe investigators declare no competing "
                       "interests related to this study.\n"}[lang]
    e05 = suggest(text + interests, lang)["E05"]
    assert not quoted(e05, sentence)


THANKED = {  # language -> a protocol thanking an association for its review, the thanks
    "fr": ("# Protocole\n\n## Méthodes\n\nIl s'agit d'un essai randomisé en groupes "
           "parallèles.\n\n## Remerciements\n\nNous remercions l'association Lombalgie "
           "Solidarité pour sa relecture de la notice d'information.\n",
           "Nous remercions l'association"),
    "en": ("# Protocol\n\n## Methods\n\nThis is a randomised controlled trial with "
           "parallel groups.\n\n## Acknowledgements\n\nWe thank the Back Pain Association "
           "for reviewing the participant information sheet.\n",
           "We thank the Back Pain Association"),
}


@pytest.mark.parametrize("lang", sorted(THANKED))
def test_an_association_thanked_for_reviewing_the_information_sheet_is_involvement(lang):
    """Thanked for reading the information sheet, a patients' association was involved (E11);
    it says nothing of how consent is sought (E02 had quoted it)."""
    text, thanks = THANKED[lang]
    suggestions = suggest(text, lang)
    assert suggestions["E02"].answer == "not_reported", quotation_texts(suggestions["E02"])
    assert quoted(suggestions["E11"], thanks)
    assert suggestions["E11"].answer == "partially_met"
