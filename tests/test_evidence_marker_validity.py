"""MEC05's particular ``marker_validity``: markers named with their method and schedule are
met only with evidence of their validity or reliability beside them (an ICC, a coefficient of
variation, Cronbach's alpha, a validated instrument), as the invariant's statement and its
guidance for *met* ask; without it they are partially met."""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.catalogue import Catalogue
from checker.documents import extract_document
from checker.evidence import suggest_answers, verify_quotation
from checker.evidence.suggest import Suggestion

ELEMENTS = ("12a_Outcomes_Definitions", "13_Participant_timeline", "18a_Data_Collection",
            "33_Biological_specimens")

MARKERS = {
    "en": "The primary mechanistic marker is fasting serum IL-6, measured by high-sensitivity "
          "ELISA in venous blood samples at baseline, week 6 and week 12.",
    "fr": "Le marqueur mécanistique principal est l'IL-6 sérique à jeun, dosée par ELISA haute "
          "sensibilité sur des prélèvements sanguins veineux à l'inclusion, à 6 et à "
          "12 semaines.",
}
HEADING = {"en": "Measurements", "fr": "Mesures"}


def _mec05(catalogue: Catalogue, lang: str, *after: str, kind: str = "protocol") -> Suggestion:
    """MEC05's suggestion when its four elements are detected in the markers' sentence, the
    sentences ``after`` following it; every quotation is verified in the document."""
    text = " ".join((MARKERS[lang], *after))
    document = extract_document(f"# {HEADING[lang]}\n\n{text}\n".encode(), "protocol.md")
    detections = in_first_sentence(document, ELEMENTS)
    suggestion = suggest_answers(catalogue, "mechanistic", detections, lang,
                                 document=document, kind=kind)["MEC05"]
    assert all(verify_quotation(document.text, q.text) for q in suggestion.quotations)
    return suggestion


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_markers_and_schedule_without_validity_are_partially_met(catalogue, lang) -> None:
    suggestion = _mec05(catalogue, lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["marker_validity"]
    assert suggestion.rationale["en"].endswith(
        "The quoted passages do not state: evidence of the markers' validity or reliability "
        "(a validated instrument, ICC, coefficient of variation, Cronbach's alpha…).")
    assert suggestion.rationale["fr"].endswith(
        "Ces passages n'indiquent pas\u00a0: les preuves de la validité ou de la fiabilité des "
        "marqueurs (instrument validé, CCI, coefficient de variation, alpha de Cronbach…).")


@pytest.mark.parametrize("lang, sentence", [
    ("en", "Its test–retest ICC is 0.91."),
    ("en", "The intra-assay coefficient of variation is below 5%."),
    ("en", "The MFI-20 has been validated in older adults and has good test-retest "
           "reliability."),
    # A questionnaire validated, when it measures the mechanism (a mediator).
    ("en", "Fatigue, the hypothesised mediator, is rated on the validated French version of "
           "the MFI-20 [12]."),
    ("fr", "La fatigue, médiateur supposé, est mesurée par la version française validée du "
           "MFI-20 [12]."),
    ("fr", "Sa fidélité test-retest est excellente (CCI 0,91)."),
    ("fr", "Le CV inter-essais est de 6 %."),
    ("fr", "L'alpha de Cronbach de l'échelle d'auto-efficacité, médiateur supposé, est de "
           "0,87."),
])
def test_the_validity_beside_the_markers_makes_them_met(catalogue, lang, sentence) -> None:
    """The sentence after the markers' states their validity or reliability; it is quoted
    (as the detail's, or already as MEC05's own words: "coefficient of variation" is a cue)."""
    suggestion = _mec05(catalogue, lang, sentence)
    assert suggestion.answer == "met", suggestion.rationale
    assert suggestion.details_missing == []
    assert [q.text for q in suggestion.quotations].count(sentence) == 1


@pytest.mark.parametrize("lang, sentence", [
    # A dataset or a diagnosis validated, a variation, staff who are reliable: no measure's
    # validity or reliability.
    ("en", "The dataset was validated by two researchers."),
    ("en", "The diagnosis was validated by a rheumatologist."),
    ("en", "The questionnaire has not been validated in this population."),
    ("en", "The variation of IL-6 between visits is the outcome."),
    ("en", "Reliable and trained staff collect the samples."),
    ("en", "Data were validated against source documents."),
    ("en", "CV risk factors are recorded at baseline."),
    # A cluster trial's intraclass correlation and coefficient of variation in its sample
    # size, a Charlson index, fidelity to the intervention.
    ("en", "The trial is powered at 85% with an intraclass correlation of 2%."),
    ("en", "The coefficient of variation (k) between clusters was 0.336."),
    ("fr", "Le diagnostic a été validé par le médecin."),
    ("fr", "Un questionnaire non validé est utilisé."),
    ("fr", "La variation de l'IL-6 entre les visites est le critère."),
    ("fr", "Une bonne fidélité à l'intervention est attendue."),
    ("fr", "La puissance est de 85 % avec une corrélation intraclasse de 2 %."),
    ("fr", "L'indice de comorbidité de Charlson (CCI) est de 3 en moyenne."),
    ("fr", "Le protocole a été validé par le comité scientifique."),
    # A validated questionnaire of another measure than the markers (since 1.5.18): the
    # fatigue or the diet beside a blood marker.
    ("en", "Fatigue is rated on the validated French version of the MFI-20 [12]."),
    ("en", "Diet is recorded with a validated food frequency questionnaire [32]."),
    ("fr", "La fatigue est mesurée par la version française validée du MFI-20 [12]."),
    ("fr", "Ce questionnaire d'activité est largement utilisé, et sa fiabilité et sa validité "
           "sont bien établies [52]."),
])
def test_other_senses_of_validity_are_not_the_markers(catalogue, lang, sentence) -> None:
    suggestion = _mec05(catalogue, lang, sentence)
    assert suggestion.answer == "partially_met", suggestion.quotations
    assert suggestion.details_missing == ["marker_validity"]


@pytest.mark.parametrize("lang, later", [
    ("en", "Participants are recruited from two clinics. Its test–retest ICC is 0.91."),
    ("fr", "Les participants sont recrutés dans deux centres. Le CCI test-retest est de "
           "0,91."),
])
def test_validity_two_sentences_away_is_not_beside_the_markers(catalogue, lang,
                                                                later) -> None:
    """The detail is looked for beside the evidence (its sentences and the one after each),
    not anywhere: anywhere in the study's own report, on train, found only a cluster trial's
    intraclass correlation in its sample size. (A sentence in MEC05's own words, « fidélité
    test-retest », is its evidence wherever it stands.)"""
    assert _mec05(catalogue, lang, later.split(". ")[1]).answer == "met"
    assert _mec05(catalogue, lang, later).answer == "partially_met"


def test_a_paper_is_asked_the_markers_validity_too(catalogue) -> None:
    assert _mec05(catalogue, "en", kind="paper").details_missing == ["marker_validity"]
    assert _mec05(catalogue, "en", "Its test–retest ICC is 0.91.", kind="paper").answer == "met"


@pytest.mark.parametrize("lang, text, words", [
    ("en", "# Results\n\n## Active cohort detection\n\nThe coefficient of variation (k) between "
           "clusters for RDT positive test results was calculated to be 0.336 using GEE.\n",
     "coefficient of variation (k)"),
    ("fr", "# Résultats\n\n## Détection dans la cohorte active\n\nLe coefficient de variation "
           "(k) entre grappes des résultats de TDR positifs, calculé à l'aide des GEE, était de "
           "0,336.\n", "coefficient de variation (k)"),
    # The sample size, in French as in English ("sample size").
    ("fr", "# Discussion\n\nEn outre, la réduction nette de l'incidence du paludisme a été "
           "inférieure à celle initialement attendue pour le calcul de la taille de "
           "l'échantillon ; cela a toutefois été en partie compensé par le coefficient de "
           "variation qui, une fois calculé rétrospectivement, s'est révélé plus faible que "
           "supposé.\n", "la réduction nette"),
])
def test_a_cluster_trials_variation_between_clusters_is_not_quoted(lang, text, words) -> None:
    """MEC05's cue "coefficient of variation" quoted a cluster trial's variation between
    clusters and its sample size (a train paper), which say nothing of a marker's
    reliability."""
    mec05 = suggest(text, lang, study_type="mechanistic", kind="paper")["MEC05"]
    assert not quoted(mec05, words), mec05.quotations
