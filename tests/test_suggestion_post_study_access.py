"""E14's particular of a paper (``evidence.details`` ``post_study_access``): a paper's *met*
needs, beside its diagnosis and the usual care kept in each group, what access to the NPI
was offered after the study, as its guidance says ("not the diagnostic criteria or
post-study access" is partially met). Item 30, which reads it in a protocol, is not
expected of a paper, so a paper was met without it. A protocol is not asked for it here."""

from __future__ import annotations

import pytest
from suggestion_support import in_first_sentence, quoted, suggest

from checker.documents import extract_document

ELEMENTS = ["11d_Intervention_Concomitant", "X_diagnosis_criteria", "X_comparator"]
USUAL_CARE = {
    "en": "Adults with major depression diagnosed with DSM-5 criteria were randomised to the "
          "exercise programme in addition to usual care or to usual care alone.",
    "fr": "Les adultes présentant une dépression caractérisée selon les critères du DSM-5 ont "
          "été randomisés entre le programme d'exercice en plus des soins habituels et les "
          "soins habituels seuls.",
}
ACCESS = {
    "en": "The control group was offered the programme after the final assessment.",
    "fr": "Le groupe témoin s'est vu proposer le programme à l'issue de l'étude.",
}
DELAYED = {
    "en": "Families in the wait-list group received a delayed intervention.",
    "fr": "Les familles du groupe en liste d'attente ont bénéficié d'une intervention "
          "différée.",
}
NUMBERS = {
    "en": "(63 in the intervention arm and 46 in the control arm), 89% of the participants in "
          "the intervention arm received a session after the first month.",
    "fr": "(63 dans le bras intervention et 46 dans le bras témoin), 89 % des participants du "
          "bras intervention ont reçu une séance après le premier mois.",
}
TITLE = {"en": "# Exercise for depression: a randomised trial",
         "fr": "# Exercice et dépression : un essai randomisé"}
HEADINGS = {"en": ("## Methods", "## Results"), "fr": ("## Méthode", "## Résultats")}


def e14(lang: str, *later: dict[str, str], kind: str = "results"):
    body = " ".join(sentence[lang] for sentence in later) or "."
    methods, results = HEADINGS[lang]
    text = f"{TITLE[lang]}\n\n{methods}\n\n{USUAL_CARE[lang]}\n\n{results}\n\n{body}\n"
    document = extract_document(text.encode(), "doc.md")
    return suggest(document, lang, kind=kind,
                   detections=in_first_sentence(document, ELEMENTS))["E14"]


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("access", [ACCESS, DELAYED])
def test_a_paper_stating_post_study_access_is_met(lang, access):
    suggestion = e14(lang, access)
    assert suggestion.answer == "met", suggestion.rationale
    assert quoted(suggestion, access[lang])


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("later", [(), (NUMBERS,)])
def test_a_paper_without_it_is_partially_met(lang, later):
    """Numbers per arm that name the control arm before a session "after" are no access."""
    suggestion = e14(lang, *later)
    assert suggestion.answer == "partially_met"
    assert suggestion.details_missing == ["post_study_access"]
    word = {"en": "after the study", "fr": "après l'étude"}[lang]
    assert word in suggestion.rationale[lang]


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_protocol_is_not_asked_for_it_as_a_particular(lang):
    suggestion = e14(lang, kind="protocol")
    assert "post_study_access" not in suggestion.details_missing

