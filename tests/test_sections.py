"""Context sections: an item's quotations come first from the trial's own report, not from
the background or the discussion (checker/evidence/sections.yaml)."""

from __future__ import annotations

from pathlib import Path

import pytest
from suggestion_support import suggest

from checker.documents import extract_document, extract_path
from checker.evidence import detect_elements
from checker.evidence.elements import HEADING_EVIDENCE, extra_elements, sctm_items
from checker.evidence.sections import ContextSections, get_context_sections

REPO = Path(__file__).resolve().parents[1]
FRENCH_BENCHMARK = REPO / "benchmarks" / "spirit-consort-tm-fr"

PROTOCOL = """Yoga for chronic low back pain: protocol for a randomised, assessor-blinded trial

## Background

An earlier double-blind trial of yoga found that outcome assessors who were blinded to \
allocation rated pain lower than unblinded ones.

## Methods

Participants will be randomised in a 1:1 ratio using a computer-generated sequence with \
permuted blocks of variable size, stratified by centre. Allocation will be concealed using \
sealed opaque envelopes. Outcome assessors will be blinded to group allocation.

## Discussion

### Strengths and limitations

Outcome assessors will be blinded, but participants cannot be blinded to yoga.

## Ethics and dissemination

The study was approved by the Regional Research Ethics Committee (ref. 12/345). Written \
informed consent will be obtained from all participants.
"""


@pytest.mark.parametrize(("titles", "context"), [
    (["Background"], True),
    (["Background and rationale"], True),
    (["2. Discussion"], True),
    (["Discussion", "Strengths and limitations"], True),
    (["Conclusions"], True),
    (["Contexte"], True),
    (["Contexte et justification"], True),
    (["Contexte :"], True),
    (["Contexte d'utilisation"], False),  # a setting, not background
    (["Contexte clinique"], False),
    (["Forces et limites"], True),
    # The study's rationale, not a design choice argued in the methods.
    (["Justification"], True),
    (["2. Justification scientifique"], True),
    (["Justification de l'étude"], True),
    (["Rationnel"], True),
    (["Rationale"], True),
    (["Rationale for the study"], True),
    (["1. Scientific rationale"], True),  # as « 1. Justification scientifique »
    (["Methods", "Scientific rationale for the choice of comparator"], False),
    (["Justification de la taille de l'échantillon"], False),
    (["Methods", "Rationale for not including an attentional control group"], False),
    (["Methods", "Blinding"], False),
    (["Méthodes"], False),
    (["Trial registration"], False),
    ([], False),
])
def test_context_headings(titles: list[str], context: bool) -> None:
    assert get_context_sections().is_context(titles) is context


def test_context_items_and_invariants_exist() -> None:
    from checker.catalogue import get_catalogue

    catalogue = get_catalogue()
    invariants = {i.id for st in catalogue.study_types for i in catalogue.invariants_for(st.id)}
    assert get_context_sections().items <= set(sctm_items()) | set(extra_elements())
    assert get_context_sections().invariants <= invariants
    assert get_context_sections().results_items <= set(sctm_items())
    assert get_context_sections().results_invariants <= invariants
    assert get_context_sections().heading_invariants <= invariants


@pytest.mark.parametrize("data", [
    None,
    [],
    {"context_headings": ["background"]},
    {"context_headings": {"en": []}},
    {"context_headings": {"en": ["background", 3]}},
    {"context_headings": {"en": ["background("]}},
    {"context_headings": {"en": ["background"]}, "context_items": "7_Objectives"},
    {"context_headings": {"en": ["background"]}, "context_invariants": "MEC02"},
    {"context_headings": {"en": ["background"]}, "results_headings": ["results"]},
    {"context_headings": {"en": ["background"]}, "results_headings": {"en": ["results)"]}},
    {"context_headings": {"en": ["background"]}, "results_items": [34]},
    {"context_headings": {"en": ["background"]}, "abstract_headings": {"en": []}},
    {"context_headings": {"en": ["background"]}, "glossary_headings": {"en": ["glossary["]}},
    {"context_headings": {"en": ["background"]}, "min_quotation_words": "five"},
    {"context_headings": {"en": ["background"]}, "min_quotation_words": -1},
    {"context_headings": {"en": ["background"]}, "min_quotation_words": True},
    {"context_headings": {"en": ["background"]}, "results_invariants": "INT11"},
    {"context_headings": {"en": ["background"]}, "keyword_labels": {"en": ["key(words"]}},
    {"context_headings": {"en": ["background"]}, "discussion_headings": ["discussion"]},
    {"context_headings": {"en": ["background"]},
     "own_study_in_discussion": {"fr": ["l'intervention("]}},
])
def test_malformed_sections_file_is_named(data: object) -> None:
    with pytest.raises(ValueError, match="sections.yaml"):
        ContextSections.from_data(data)


def test_the_trials_own_sentence_is_quoted_before_background_and_discussion() -> None:
    doc = extract_document(PROTOCOL.encode(), "protocol.md")
    flags = get_context_sections().places(doc)
    masked = [d for d in detect_elements(doc, kind="protocol")
              if d.element == "17a_Masking_People_masked"]
    assert masked, "masking detected"
    assert masked[0].quote == "Outcome assessors will be blinded to group allocation."
    assert masked[0].section == "Methods"
    # The background and discussion sentences ("An earlier double-blind trial ...") may
    # follow, never precede it.
    positions = [next(i for i, s in enumerate(doc.sentences) if s.start == d.start)
                 for d in masked]
    in_context = [bool(flags[p]) for p in positions]
    assert in_context == sorted(in_context) and in_context[0] is False


ABBREVIATED = """Yoga for chronic low back pain: protocol for a randomised trial

## Abbreviations

AE: adverse event; DSMB: data and safety monitoring board; RCT: randomised controlled trial.

## Background

Yoga may relieve chronic low back pain, but adverse events of yoga are rarely reported.

## Methods

Participants will be randomised in a 1:1 ratio using a computer-generated sequence. All \
adverse events will be recorded at each visit and reported to the data and safety monitoring \
board within 48 hours.

## Abbreviations and acronyms

##

### Appendix 1: safety procedures

Serious adverse events will be reported to the sponsor within 24 hours.
"""


@pytest.mark.parametrize(("title", "glossary"), [
    ("Abbreviations", True), ("List of abbreviations", True), ("Abbreviation", True),
    ("Nonstandard Abbreviations and Acronyms", True), ("Glossary", True),
    ("Abréviations", True), ("Liste des abréviations", True), ("Liste des sigles", True),
    ("Methods", False), ("Trial acronym", False), ("Background", False),
])
def test_glossary_headings(title: str, glossary: bool) -> None:
    pattern = get_context_sections().glossary
    assert (pattern.match(title) is not None) is glossary


@pytest.mark.parametrize(("title", "cited"), [
    ("References", True), ("5. References", True), ("Reference list", True),
    ("References cited", True), ("Bibliography", True), ("Literature cited", True),
    ("References and Notes", True), ("Références", True),
    ("Références bibliographiques", True), ("Bibliographie", True),
    ("Reference standard", False), ("Reference values", False), ("Methods", False),
    ("Références du protocole et amendements", False),
])
def test_reference_list_headings(title: str, cited: bool) -> None:
    pattern = get_context_sections().references
    assert (pattern.match(title) is not None) is cited


def test_an_abbreviation_list_is_quoted_last() -> None:
    """Its lines name things ("AE: adverse event") without reporting them: every element and
    invariant quotes the protocol's own sentences, then its background, before them."""
    from checker.evidence.sections import GLOSSARY

    doc = extract_document(ABBREVIATED.encode(), "protocol.md")
    places = get_context_sections().places(doc)
    texts = [doc.sentence_text(s) for s in doc.sentences]
    assert places[next(i for i, t in enumerate(texts) if t.startswith("AE: adverse"))] == GLOSSARY
    # What follows an empty heading is not part of the list, though nested under it.
    appendix = next(i for i, t in enumerate(texts) if t.startswith("Serious adverse events"))
    assert places[appendix] != GLOSSARY
    detections = detect_elements(doc, kind="protocol")
    in_list = {s.start for s, place in zip(doc.sentences, places, strict=True)
               if place == GLOSSARY}
    ranked: dict[str, list[bool]] = {}
    for detection in sorted(detections, key=lambda d: d.rank):
        ranked.setdefault(detection.element, []).append(detection.start in in_list)
    assert any(True in flags for flags in ranked.values()), "the list holds some cues"
    for element, flags in ranked.items():
        assert flags == sorted(flags), element  # never before another sentence
    suggestions = suggest(doc, "en", detections=detections)
    harms = suggestions["INT13"].quotations
    assert harms and harms[0].start not in in_list
    for suggestion in suggestions.values():
        flags = [q.start in in_list for q in suggestion.quotations]
        assert flags == sorted(flags)


NAMED_PROTOCOL = """Walking after stroke: protocol of a randomised controlled trial

## Methods

Participants will be randomised in a 1:1 ratio using a computer-generated sequence. The \
sample size was discussed with the trial steering committee.

### Sample size

The sample size of 120 participants gives 80% power to detect a difference of 5 points.
"""

NAMED_PAPER = """Walking after stroke: a randomised controlled trial

## Methods

### Procedures

Participants were randomised in a 1:1 ratio using a computer-generated sequence. The primary \
outcome was the six-minute walk distance at 12 weeks.

### Table 1. Primary and secondary outcomes

Secondary outcomes were recorded as shown in the table.

## Results

### Secondary outcomes

Secondary outcomes did not differ between groups.
"""


def _quotes(text: str, kind: str, element: str) -> list[str]:
    doc = extract_document(text.encode(), "article.md")
    return [d.quote for d in sorted(detect_elements(doc, kind=kind), key=lambda d: d.rank)
            if d.element == element]


def test_a_cue_sentence_under_a_heading_that_names_the_element_comes_first() -> None:
    # Both sentences hold "sample size" once; the one under "Sample size" is quoted first.
    assert _quotes(NAMED_PROTOCOL, "protocol", "14a_Sample_size") == [
        "The sample size of 120 participants gives 80% power to detect a difference of 5 points.",
        "The sample size was discussed with the trial steering committee.",
    ]


def test_a_caption_or_a_results_heading_does_not_name_a_methods_element() -> None:
    # "Table 1. Primary and secondary outcomes" names a table's content, and the Results'
    # "Secondary outcomes" heads results: neither puts its sentence before the definition.
    quotes = _quotes(NAMED_PAPER, "paper", "12a_Outcomes_Definitions")
    assert quotes[0] == "The primary outcome was the six-minute walk distance at 12 weeks."
    doc = extract_document(NAMED_PAPER.encode(), "article.md")
    texts = [doc.sentence_text(s) for s in doc.sentences]
    headed_by = [texts[i] if i >= 0 else None for i in doc.heading_indices]
    # The text after a table's caption belongs to the section the table stands in.
    assert headed_by[texts.index("Secondary outcomes were recorded as shown in the table.")] \
        == "Procedures"
    assert headed_by[texts.index("Secondary outcomes did not differ between groups.")] \
        == "Secondary outcomes"


PAPER = """Yoga for chronic low back pain: a randomised controlled trial

## Methods

### Participants

Adults with chronic low back pain were randomised in a 1:1 ratio using a computer-generated \
sequence.

### Harms

Adverse events were recorded at each visit and classified by severity.

### Statistical analysis

The number of participants analysed in each group was planned to be 60. Analyses were by \
intention to treat.

## Results

### Participant flow

Of 150 people screened, 120 were randomised: 60 to yoga and 60 to usual care. All 120 \
participants were analysed in their allocated group.

### Harms

Adverse events occurred in 12 of 60 participants in the yoga group and 9 of 60 in the usual \
care group; none was serious.

## Discussion

Adverse events were mild, as in earlier trials of yoga.
"""


def test_a_results_paper_quotes_its_results_items_from_the_results() -> None:
    """What the methods planned ("adverse events were recorded") comes after what the
    results report ("adverse events occurred in 12 of 60"), and the discussion last."""
    doc = extract_document(PAPER.encode(), "paper.md")
    detections = detect_elements(doc, kind="paper")

    def where(element: str) -> list[list[str]]:
        ranked = sorted((d for d in detections if d.element == element), key=lambda d: d.rank)
        return [doc.sections_at(d.start) for d in ranked]

    assert where("40_Harms_results") == [["Results", "Harms"], ["Methods", "Harms"],
                                         ["Discussion"]]
    assert where("37a_Analysis_Numbers") == [["Results", "Participant flow"],
                                             ["Methods", "Statistical analysis"]]
    # Other items keep their order: the methods' sentence of allocation comes first.
    assert where("16a_Randomization_Generation")[0] == ["Methods", "Participants"]


STRUCTURED = """Walking for knee osteoarthritis: protocol for a randomised controlled trial

## Abstract

### Background

Knee osteoarthritis limits walking in older adults.

### Methods

We will randomise 200 adults to a walking programme or usual care; the primary outcome is \
pain at 12 weeks.

### Trial registration

ClinicalTrials.gov NCT01234567.

## Background

Knee osteoarthritis is common.

## Methods

Participants will be randomised in a 1:1 ratio by a computer-generated sequence.
"""


@pytest.mark.parametrize(("text", "first"), [
    # Labelled parts as headings: the label is quoted with its first sentence, not the bare
    # "Abstract" heading, which proves little.
    (STRUCTURED, "Background\n\nKnee osteoarthritis limits walking in older adults."),
    # Labels inside the sentences: the labelled sentence itself.
    (STRUCTURED.replace("### Background\n\n", "Background: ")
     .replace("### Methods\n\n", "Methods: ")
     .replace("### Trial registration\n\n", "Trial registration: "),
     "Background: Knee osteoarthritis limits walking in older adults."),
])
def test_a_structured_abstract_is_quoted_by_its_labelled_parts(text: str, first: str) -> None:
    doc = extract_document(text.encode(), "protocol.md")
    quoted = sorted((d for d in detect_elements(doc, kind="protocol")
                     if d.element == "2_Abstract_structured"), key=lambda d: d.rank)
    assert [d.quote for d in quoted][:1] == [first]
    assert all(d.quote == doc.text[d.start:d.end] for d in quoted)
    # Only the abstract's labels: not the body's "Background" and "Methods" headings.
    body = doc.text.index("\n## Background")
    assert all(d.start < body for d in quoted) and len(quoted) == 3


@pytest.mark.parametrize("path", sorted((FRENCH_BENCHMARK / "documents").glob("*/0[0-2]*.txt")),
                         ids=lambda p: p.name)
def test_quotations_outside_context_sections_come_first(path: Path) -> None:
    """On benchmark articles: for every element but those whose place is the background or
    the discussion, the ranked quotations never put a context sentence before another one;
    a results item's, in a results paper, never put another sentence before one of the
    results. An inferred
    pointer (no cue sentence) is taken from the best place the article has."""
    doc = extract_path(path)
    sections = get_context_sections()
    kind = "paper" if path.parent.name == "results" else "protocol"
    flags = sections.places(doc)
    # Only a results paper has results to prefer.
    results = sections.results_flags(doc) & (kind == "paper")
    start_to_index = {s.start: i for i, s in enumerate(doc.sentences)}
    text = [i for i, s in enumerate(doc.sentences) if not doc.is_heading(s)]
    ranked: dict[str, list[int]] = {}
    for detection in sorted(detect_elements(doc, kind=kind), key=lambda d: d.rank):
        if detection.element in sections.items or detection.element in HEADING_EVIDENCE:
            continue
        if detection.element in sections.results_items:
            place = [0 if results[i] else int(flags[i]) + 1 for i in range(len(flags))]
        else:
            place = [int(flag) for flag in flags]
        where = place[start_to_index[detection.start]]
        if detection.cue_match:
            ranked.setdefault(detection.element, []).append(where)
        else:
            assert where == min(place[i] for i in text), detection.element
    assert ranked
    for element, where in ranked.items():
        assert where == sorted(where), element
