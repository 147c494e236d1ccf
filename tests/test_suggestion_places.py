"""Which sentence a suggestion quotes first, and when a sentence is no evidence: the
mechanistic, prototypical and observational invariants (from a walkthrough's documents)."""

from __future__ import annotations

import pytest

from checker.catalogue import get_catalogue
from checker.documents import extract_document
from checker.evidence.detect import detect_elements
from checker.evidence.suggest import suggest_answers


def _suggest(text: str, lang: str, study_type: str, kind: str = "protocol") -> dict:
    doc = extract_document(text.encode(), "doc.md")
    detections = detect_elements(doc, kind=kind, lang=lang)
    return suggest_answers(get_catalogue(), study_type, detections, lang, document=doc,
                           kind=kind)


def _first(suggestion) -> str:
    return suggestion.quotations[0].text if suggestion.quotations else ""


def _quoted(suggestion, words: str) -> bool:
    return any(words in q.text for q in suggestion.quotations)


EXPOSURE_PAPER = {  # language -> (paper, the exposure's definition, a result with a cue)
    "en": ("# Adapted physical activity after breast cancer: a cohort study\n\n## Methods\n\n"
           "### Exposure\n\nExposure was participation in a supervised APA programme (two "
           "60-minute sessions per week for 12 weeks).\n\n## Results\n\n"
           "### Secondary outcomes\n\nSelf-reported leisure-time physical activity remained "
           "higher in the APA group at 12 months.\n",
           "Exposure was participation", "Self-reported leisure-time"),
    "fr": ("# Activité physique adaptée après un cancer du sein : une étude de cohorte\n\n"
           "## Méthodes\n\n### Exposition\n\nL'exposition était la participation à un "
           "programme d'APA supervisé (deux séances de 60 minutes par semaine pendant "
           "12 semaines).\n\n## Résultats\n\n### Critères secondaires\n\nL'activité physique "
           "de loisir déclarée restait plus élevée dans le groupe APA à 12 mois.\n",
           "L'exposition était la participation", "L'activité physique de loisir"),
}


@pytest.mark.parametrize("lang", sorted(EXPOSURE_PAPER))
def test_a_papers_result_holding_the_invariants_words_comes_after_its_methods(lang) -> None:
    """OBS04 (exposure measurement) quotes how the exposure was defined first, not a
    secondary outcome's result that happens to hold its words ("leisure-time physical
    activity"); the result is still quoted, after it."""
    paper, definition, result = EXPOSURE_PAPER[lang]
    obs04 = _suggest(paper, lang, "observational", kind="paper")["OBS04"]
    assert _first(obs04).startswith(definition), obs04.quotations
    assert _quoted(obs04, result), obs04.quotations

