"""OBS09's particulars (``evidence.details``): a *met* needs, beside the sample size, an
assumption of its calculation or the precision it gives and, of a protocol, the losses it
allows for, as its guidance says ("a target size without its assumptions … or no allowance
for losses" is partially met)."""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.documents import extract_document

TARGET = {
    "en": "The sample size was calculated with the usual formula: 300 participants will be "
          "needed.",
    "fr": "Le nombre de sujets nécessaires a été calculé selon la formule habituelle : 300 "
          "participants seront nécessaires.",
}
PRECISION = {
    "en": "300 participants would allow the proportion of regular practitioners to be "
          "estimated within ±6% with 95% confidence.",
    "fr": "300 participants permettraient d'estimer la proportion de pratiquants réguliers à "
          "±6 % près avec une confiance de 95 %.",
}
LOSSES = {
    "en": "This number allows for 15% loss to follow-up at two years.",
    "fr": "Cet effectif tient compte de 15 % de perdus de vue à deux ans.",
}
HEADING = {"en": "## Sample size", "fr": "## Nombre de sujets nécessaires"}
TITLE = {"en": "# Walking and health in later life: protocol of a prospective cohort",
         "fr": "# Marche et santé après 65 ans : protocole d'une cohorte prospective"}


def protocol(lang: str, *sentences: dict[str, str]) -> str:
    body = " ".join(sentence[lang] for sentence in sentences)
    return f"{TITLE[lang]}\n\n{HEADING[lang]}\n\n{body}\n"


def obs09(text: str, lang: str, kind: str = "protocol"):
    return suggest(text, lang, study_type="observational", kind=kind)["OBS09"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_the_precision_and_the_losses_make_it_met(lang):
    suggestion = obs09(protocol(lang, PRECISION, LOSSES), lang)
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, LOSSES[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_without_losses_is_partially_met(lang):
    suggestion = obs09(protocol(lang, PRECISION), lang)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["losses"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_target_alone_is_partially_met(lang):
    """Both items found in the target's sentence (as the model may find them), no assumption
    beside it: partially met, the assumptions named as missing."""
    document = extract_document(protocol(lang, TARGET, LOSSES).encode(), "doc.md")
    detections = in_first_sentence(document, ["14a_Sample_size", "14b_Sample_Calculation"])
    suggestion = suggest(document, lang, study_type="observational",
                         detections=detections)["OBS09"]
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["assumptions"]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_paper_is_not_asked_for_the_losses_anticipated(lang):
    suggestion = obs09(protocol(lang, PRECISION), lang, kind="results")
    assert "losses" not in suggestion.details_missing
