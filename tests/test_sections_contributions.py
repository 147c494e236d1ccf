"""An authors' contributions section, quoted last (sections.yaml ``contribution_headings``),
and a "Research in context" panel read as context (``context_panel_headings``)."""

from __future__ import annotations

import pytest
from suggestion_support import suggest

from checker.documents import extract_document
from checker.evidence import detect_elements
from checker.evidence.elements import extra_elements, sctm_items
from checker.evidence.sections import ContextSections, get_context_sections

PROTOCOL = """Walking after stroke: protocol of a randomised controlled trial

## Methods

### Sample size

The sample size of 120 participants gives 80% power to detect a difference of 5 points on the \
walking scale, with a two-sided alpha of 0.05. Written informed consent will be obtained from \
all participants by the research nurse before randomisation.

### Statistical analysis

The primary outcome will be analysed with a linear mixed model adjusted for centre.

## Authors' contributions

AK has been responsible for the statistical analysis and the power calculation. SS designed \
the informed consent form. For this trial, there is no coordinating centre and no steering \
committee. All authors read and approved the final manuscript.

## Competing interests

The authors declare that they have no competing interests.
"""

# A BMJ-style back matter: run-in labels opening paragraphs, no headings.
FRENCH_PAPER = """Marche après un AVC : essai contrôlé randomisé

## Méthodes

Les participants ont été randomisés selon un ratio 1:1 par une séquence générée par \
ordinateur.

## Notes

Contributions : KL et IH ont conçu l'essai et obtenu le financement. KL a rédigé le \
manuscrit et en est la garante.

Financement : cet essai a été financé par la Fondation suédoise pour la recherche (subvention \
2017-0042).

Liens d'intérêts : aucun déclaré.
"""


@pytest.mark.parametrize(("title", "contributions"), [
    ("Authors' contributions", True), ("Authors’ contributions", True),
    ("Author Contributions", True), ("AUTHOR CONTRIBUTIONS", True),
    ("Authors´ contributions", True), ("Authors’ contributions {31b}", True),
    ("CONTRIBUTIONS", True), ("Contributors", True),
    ("Contributions des auteurs", True), ("Contribution des auteurs", True),
    ("Contributeurs", True),
    # A list of the authors' affiliations, or a section of the study's own contribution.
    ("Contributor Information", False), ("Informations sur les auteurs", False),
    ("Contributions to the literature", False), ("Contribution of each component", False),
    ("Methods", False),
])
def test_contribution_headings(title: str, contributions: bool) -> None:
    pattern = get_context_sections().contributions
    assert (pattern.match(title) is not None) is contributions


def test_contribution_items_and_invariants_exist() -> None:
    from checker.catalogue import get_catalogue

    catalogue = get_catalogue()
    invariants = {i.id for st in catalogue.study_types for i in catalogue.invariants_for(st.id)}
    sections = get_context_sections()
    assert sections.contribution_items <= set(sctm_items()) | set(extra_elements())
    assert sections.contribution_invariants <= invariants
    assert {"E05", "E13"} <= sections.contribution_invariants


@pytest.mark.parametrize("data", [
    {"context_headings": {"en": ["background"]}, "contribution_headings": ["contributions"]},
    {"context_headings": {"en": ["background"]},
     "contribution_headings": {"en": ["contributions("]}},
    {"context_headings": {"en": ["background"]}, "contribution_items": "31b_Authorship"},
    {"context_headings": {"en": ["background"]}, "contribution_invariants": "E05"},
    {"context_headings": {"en": ["background"]}, "context_panel_headings": ["in context"]},
    {"context_headings": {"en": ["background"]},
     "context_panel_headings": {"en": ["research in context("]}},
])
def test_malformed_contribution_keys_are_named(data: object) -> None:
    with pytest.raises(ValueError, match="sections.yaml"):
        ContextSections.from_data(data)


def _in_contributions(doc) -> set[int]:
    flags = get_context_sections().contribution_flags(doc)
    return {s.start for s, flag in zip(doc.sentences, flags, strict=True) if flag}


def test_a_contributions_section_is_quoted_last_but_stays_evidence() -> None:
    doc = extract_document(PROTOCOL.encode(), "protocol.md")
    contributed = _in_contributions(doc)
    texts = {doc.sentence_text(s) for s in doc.sentences if s.start in contributed}
    assert "SS designed the informed consent form." in texts
    assert not any(t.startswith("The authors declare") for t in texts)  # the next section
    detections = detect_elements(doc, kind="protocol")
    sections = get_context_sections()
    ranked: dict[str, list[bool]] = {}
    for detection in sorted(detections, key=lambda d: d.rank):
        ranked.setdefault(detection.element, []).append(detection.start in contributed)
    for element, flags in ranked.items():
        if element not in sections.contribution_items:
            assert flags == sorted(flags), element
    for study_type in ("interventional", "implementation"):
        suggestions = suggest(doc, "en", detections=detections, study_type=study_type)
        for invariant, suggestion in suggestions.items():
            if invariant not in sections.contribution_invariants:
                flags = [q.start in contributed for q in suggestion.quotations]
                assert flags == sorted(flags), invariant
    consent = suggest(doc, "en", detections=detections)["E02"].quotations
    assert consent[0].text.startswith("Written informed consent will be obtained")
    assert consent[-1].text == "SS designed the informed consent form."
    # Still evidence: the only word on a coordinating centre is IMP07's.
    centre = suggest(doc, "en", detections=detections, study_type="implementation")["IMP07"]
    assert centre.quotations[0].text.startswith("For this trial, there is no coordinating")


def test_a_run_in_contributions_paragraph_ends_at_the_next_label() -> None:
    doc = extract_document(FRENCH_PAPER.encode(), "paper.md")
    contributed = _in_contributions(doc)
    texts = [doc.sentence_text(s) for s in doc.sentences if s.start in contributed]
    assert texts == ["Contributions : KL et IH ont conçu l'essai et obtenu le financement.",
                     "KL a rédigé le manuscrit et en est la garante."]
    funding = suggest(doc, "fr", kind="paper")["E06"].quotations
    assert funding and funding[0].text.startswith("Financement : cet essai a été financé")


@pytest.mark.parametrize(("titles", "context"), [
    (["Abstract", "Research in Context"], True),
    (["Abstract", "Research in Context", "Evidence Before This Study"], True),
    (["Added value of this study"], True), (["Added Value of Study"], True),
    (["Implications of All the Available Evidence"], True),
    (["Résumé", "L'étude dans son contexte", "Apport de l'étude"], True),
    (["Données disponibles avant cette étude"], True),
    (["Implications de l'ensemble des données disponibles"], True),
    (["Recherche en contexte"], True),
    (["Abstract", "Methods"], False), (["Implications for practice"], False),
    (["Résumé", "Méthodes"], False),
])
def test_research_in_context_panel_headings(titles: list[str], context: bool) -> None:
    assert get_context_sections().is_context(titles) is context


MECHANISTIC = """Acute bronchitis and a herbal syrup: protocol of a randomised trial

## Introduction

As there are no specific diagnostic criteria for acute bronchitis, diagnosis is primarily \
clinical and requires a thorough assessment to differentiate it from pneumonia.

## Methods

### Inclusion criteria

Participants aged 19 to 75 years with a Bronchitis Severity Score of 5 points or more due to \
acute bronchitis will be included.
"""


def test_a_diagnosis_in_the_background_alone_is_not_the_studys() -> None:
    """X_diagnosis_criteria tells what the study does (``own_report``): a background sentence
    on diagnosis makes no invariant met."""
    from checker.catalogue import get_catalogue

    assert "X_diagnosis_criteria" in get_catalogue().own_report_elements
    suggestion = suggest(MECHANISTIC, "en", study_type="mechanistic")["MEC01"]
    assert suggestion.answer != "met"
    assert "X_diagnosis_criteria" not in suggestion.elements_found or \
        "X_diagnosis_criteria" in suggestion.elements_inferred
