"""Suggested answers for the invariants of a study type, from detected elements.

Only a suggestion: a person accepts, edits or rejects it. The rule is deliberately simple and
explainable: an invariant lists the elements that evidence it (``evidence.elements``);
all found -> met, some found -> partially_met, none -> not_reported. When the document is given,
the invariant's own language cues (``evidence.cues``) are also searched: a cue sentence alone
supports partially_met, and a met needs the particulars the invariant asks of the kind of
document (``evidence.details``: an approval reference, a registry number, a protocol's
version…) stated in or right after a sentence of its evidence, else it is partially_met.
A sentence that states that what the invariant asks is not done ("Patients were not
involved.", ``evidence.absence``) or not done yet ("Trial registration: to be registered.",
``evidence.not_yet``) is never its evidence, though it holds its words. An element its
detection missed may be read in a sentence wording it for the invariant (``evidence.worded``),
and sentences about a further part of what it covers (``evidence.secondary``: E08's
safeguarding procedure) are quoted after all the others, never giving the answer.
"not_met" is suggested only when the document says so: with no evidence left, an explicit
statement of absence gives not_met, quoting it, and a statement that it is still to be done
gives partially_met (a protocol that plans a registration is partially met, see E03's
guidance). Silence is never not_met: absence of text is not proof of a failing study, and
judging that is the reviewer's call.

``suggest_answers`` reads the document once, then takes each invariant through the same steps
(``_suggest``). Their parts with a job of their own have their own modules: the statements
that it is not done (``stated_absence``), the particulars a met needs (``particulars``), and
the rationale's wording (``rationale``).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field, replace
from typing import TYPE_CHECKING

from checker.catalogue.patterns import any_pattern
from checker.documents import Document
from checker.documents.tables import (
    in_cells,
    is_caption_label,
    is_caption_sentence,
    quoted_last,
    rows_under,
    without_label,
)

from .detect import Detection, normalise_kind
from .elements import is_title_item, sctm_code
from .features import SentenceIndex, matching_sentences, matching_text
from .own_heading import under_own_heading
from .particulars import Particulars, details_check, states_design
from .quotes import MAX_QUOTATIONS, Quotation, verify_quotation
from .rationale import (
    STATED_RATIONALE,
    details_rationale,
    evidence_rationale,
    waived_details_rationale,
    waived_rationale,
)
from .sections import (
    CONTEXT,
    CONTRIBUTIONS_LAST,
    GLOSSARY,
    OWN_REPORT,
    ContextSections,
    get_context_sections,
)
from .spelling import english_variants
from .stated_absence import (
    ABSENCE,
    NO_STATEMENTS,
    NOT_YET,
    StatedAnswer,
    Statements,
    find_statements,
    stated_answer,
)
from .usual_sections import in_usual_sections

if TYPE_CHECKING:
    from checker.catalogue import Catalogue, Invariant

__all__ = ["ABSENCE", "MAX_QUOTATIONS", "NOT_YET", "Quotation", "Suggestion", "suggest_answers"]

MIN_QUOTATION_WORDS = 4
CUE_ONLY_CONFIDENCE = 0.3  # a phrase match alone is weak evidence
# One sentence in the invariant's own words saying it is not done (or not yet): as sure as an
# extra element found by one cue sentence.
STATED_CONFIDENCE = 0.5
# An element read in a sentence the invariant words it in (``evidence.worded``), its own
# detection having missed it: as sure as an extra element found by one cue sentence.
WORDED_CONFIDENCE = 0.5
# A numbered reference ("[7]", "[4,9]", "[2–5]") or an author citation ("Smith et al.").
_CITATION = re.compile(r"\[\d+(?:\s*[,;–‐-]\s*\d+)*\]|\bet al\b")


@dataclass
class Suggestion:
    invariant_id: str
    answer: str  # "met" | "partially_met" | "not_met" (stated, never inferred) | "not_reported"
    # How far the document evidences the invariant in full, 0 to 1 (see ``_confidence``): a
    # partially met answer never reads as certain, nor a not reported one as evidenced.
    confidence: float
    elements_found: list[str] = field(default_factory=list)
    elements_missing: list[str] = field(default_factory=list)
    # not asked of this document: of its kind, or of the design it states (evidence.waived)
    elements_not_applicable: list[str] = field(default_factory=list)
    # found from the text as a whole, without a sentence to quote (see Detection.cue_match)
    elements_inferred: list[str] = field(default_factory=list)
    # particulars the invariant asks for (evidence.details ids) not found beside its evidence
    details_missing: list[str] = field(default_factory=list)
    # particulars not asked: the design the document states has none (waived_when)
    details_waived: list[str] = field(default_factory=list)
    quotations: list[Quotation] = field(default_factory=list)
    rationale: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {**asdict(self), "quotations": [q.to_dict() for q in self.quotations]}


def suggest_answers(
    catalogue: Catalogue,
    study_type: str,
    detections: list[Detection],
    lang: str = "en",
    document: Document | None = None,
    kind: str | None = None,
) -> dict[str, Suggestion]:
    """One suggestion per invariant applicable to ``study_type`` (catalogue order).

    With ``kind`` ("protocol" or "paper"), elements that never apply to that kind of document
    (e.g. results items in a protocol) are left out of the met/partially_met rule.
    """
    applies = _applicability(kind)
    detail_kind = None if kind is None else normalise_kind(kind)
    by_element: dict[str, list[Detection]] = {}
    for detection in sorted(detections, key=lambda d: d.rank):
        by_element.setdefault(detection.element, []).append(detection)
    sections = get_context_sections()
    reading = None if document is None else _read(document, sections, detail_kind)
    suggestions = {invariant.id: _suggest(catalogue, invariant, lang, by_element, applies,
                                          detail_kind, reading, study_type)
                   for invariant in catalogue.invariants_for(study_type)}
    if document is not None and document.line_marks:
        for suggestion in suggestions.values():
            suggestion.quotations = [_with_line(quotation, document)
                                     for quotation in suggestion.quotations]
    return suggestions


def _with_line(quotation: Quotation, document: Document) -> Quotation:
    """The quotation with the line number its first sentence starts on, in a PDF whose lines
    are numbered (a manuscript sent to reviewers, who name a place by page and line)."""
    return replace(quotation, line=document.line_at(quotation.start))


def _suggest(catalogue: Catalogue, invariant: Invariant, lang: str,
             by_element: dict[str, list[Detection]], applies: Callable[[str], bool],
             detail_kind: str | None, reading: _Reading | None,
             study_type: str | None = None) -> Suggestion:
    """One invariant's suggestion: its evidence (the elements', then its own words'), the
    answer they give, or failing them the answer the document states, the particulars a met
    needs, and the reasons, as a reviewer's note."""
    stated = _statements(invariant, lang, reading)
    other = _other_matter(invariant, lang)
    usual = frozenset() if reading is None else reading.usual_sections(
        invariant, lang, catalogue.headings_of_their_own.get(lang, ()))
    evidence = _element_evidence(invariant, lang, by_element, applies, stated, reading, other,
                                 catalogue.own_report_elements)
    own_words = _own_words(invariant, lang, stated, reading, other, usual)
    quotations = _in_order(evidence.quotations, own_words, invariant.id, reading, usual)
    answer = _answer(evidence, quotations)
    statement = None
    headed = False  # quoted under a heading in its own words (own_heading.py)
    if answer == "not_reported" and reading is not None:
        # Nothing evidences it, and the document may say why (see stated_absence.py).
        statement = stated_answer(reading.document, stated, reading.own_first,
                                  reading.sections, reading.citing)
        if statement is not None:
            answer, quotations = statement.answer, statement.quotations
        elif invariant.id in reading.sections.heading_invariants:
            # Harms reported under « Événements indésirables » without its words.
            own_words = _under_own_heading(invariant, lang, stated, reading, other)
            headed = bool(own_words)
            quotations = _in_order(evidence.quotations, own_words, invariant.id, reading,
                                   usual)
            answer = _answer(evidence, quotations)
    cue_only = not evidence.found and bool(own_words)
    particulars = Particulars()
    if answer == "met" and reading is not None:
        # The particulars are looked for beside the sentences the place alone would quote:
        # the usual sections choose which sentences are shown first, never the answer (the
        # own words keep only the first few cue sentences, so their order changes which; on
        # the train split one English INT13 met became partially met without this).
        beside = quotations if not usual else _in_order(
            evidence.quotations, _own_words(invariant, lang, stated, reading, other),
            invariant.id, reading)
        # Nor are they looked for in an element's sentence about another matter ("a data
        # sharing agreement approved by the sponsor" states no ethics approval).
        detections = [d for d in evidence.detections
                      if other is None or not other.search(matching_text(d.quote))]
        particulars = details_check(
            invariant, lang, detail_kind, detections, beside, reading.document,
            reading.index, reading.position_of, reading.own_first, reading.discussed,
            study_type, other, catalogue.headings_of_their_own.get(lang, ()),
            reading.not_criteria_evidence(invariant.id))
        if particulars.missing:
            answer = "partially_met"
    quotations = _shown(quotations, len(evidence.found), particulars.quotations)
    if quotations and statement is None and reading is not None:
        # After everything that gives the answer, never instead of it.
        quotations += _secondary(invariant, lang, stated, reading, other, quotations)
    return Suggestion(
        invariant_id=invariant.id,
        answer=answer,
        confidence=round(_confidence(evidence, statement, bool(own_words), particulars.asked,
                                     len(particulars.missing)), 3),
        elements_found=evidence.found,
        elements_missing=evidence.missing,
        elements_not_applicable=evidence.not_applicable,
        elements_inferred=evidence.unquoted,
        details_missing=particulars.missing,
        details_waived=particulars.waived,
        quotations=quotations,
        rationale=_rationale(catalogue, invariant, evidence, cue_only, statement,
                             particulars, quotations, headed),
    )


@dataclass(frozen=True)
class _Reading:
    """What every invariant's suggestion reads of the document, worked out once."""

    document: Document
    index: SentenceIndex  # its sentences as cues match them
    sections: ContextSections
    # Per sentence, its place in the order to quote: the trial's own report, then background
    # and discussion, then an abbreviation list (``own_first``); for an invariant whose place
    # is the background or the discussion, only the list last (``glossary_last``).
    own_first: list[int]
    glossary_last: list[int]
    position_of: dict[int, int]  # sentence index by start offset
    # A background or discussion sentence citing a reference ("… holding a specific
    # university degree [7].") states another work's finding or a country's rule, not
    # this study's: no evidence for an invariant whose place is the study's own report.
    citing: frozenset[int]
    # Of them, those in the discussion, where "the intervention" is the study's own
    # (sections.yaml ``own_study_in_discussion``).
    citing_discussed: frozenset[int]
    title_start: int | None
    # Start offsets of the results sentences: only a results paper reports results (as for
    # the elements, see detect.py).
    in_results: frozenset[int]
    # Start offsets of a keywords line's sentences (sections.yaml): index terms, no
    # invariant's evidence, neither in its own words nor as an element's.
    keywords: frozenset[int] = frozenset()
    # Positions of the discussion's sentences citing no other work, or citing one while
    # speaking of the study itself ("We chose a placebo as the control, as this is the most
    # rigorous test … RCT.15", sections.yaml ``own_study``): the study's own limitations and
    # choices, where a detail stated in the ``discussion`` is looked for too.
    discussed: frozenset[int] = frozenset()
    # The sentences each pattern finds, by the pattern: an invariant's other matter is read
    # for its own words, its secondary and its worded evidence alike.
    found_by: dict[re.Pattern[str], frozenset[int]] = field(default_factory=dict)
    # Positions of the eligibility criteria (sections.yaml): who may take part, evidence only
    # for the invariants whose matter that is (``eligibility_invariants``).
    criteria: frozenset[int] = frozenset()
    # Positions of the sentences outside the study's own report (background, discussion, an
    # abbreviation list) that do not speak of the study itself (sections.yaml ``own_study``,
    # and in the discussion ``own_study_in_discussion``): never the evidence of an invariant
    # whose own words tell what the study does (``evidence.own_report``).
    not_own_study: frozenset[int] = frozenset()
    # The two place orders above with an authors' contributions section last
    # (sections.yaml), for the invariants it does not evidence first: "SS designed the
    # informed consent form" says who, not how consent is obtained. None without one.
    contributions_last: tuple[list[int], list[int]] | None = None

    def matching(self, pattern: re.Pattern[str]) -> frozenset[int]:
        """The positions of the sentences ``pattern`` finds (worked out once per pattern)."""
        if pattern not in self.found_by:
            self.found_by[pattern] = frozenset(self.index.finding(pattern))
        return self.found_by[pattern]

    def order(self, invariant_id: str) -> list[int]:
        """The place order of the sentences to quote for the invariant (sections.yaml)."""
        own_first, glossary_last = (
            (self.own_first, self.glossary_last)
            if self.contributions_last is None
            or invariant_id in self.sections.contribution_invariants
            else self.contributions_last)
        return glossary_last if invariant_id in self.sections.invariants else own_first

    def usual_sections(self, invariant: Invariant, lang: str,
                       of_their_own: Sequence[str]) -> frozenset[int]:
        """The sentences inside a section where the invariant's evidence is usually found
        (``evidence.sections`` in the document's language, not only inside one of the
        catalogue's headings ``of_their_own``, see usual_sections.py), and, for an invariant
        whose evidence a results paper reports in its results (sections.yaml), its results."""
        usual = in_usual_sections(self.document, invariant.evidence.sections.get(lang, ()),
                                  of_their_own)
        if invariant.id in self.sections.results_invariants and self.in_results:
            # What a results paper reports it received, not what its methods planned.
            usual |= {self.position_of[start] for start in self.in_results}
        return usual

    def skip_title(self, invariant_id: str) -> bool:
        """A title shows the design in a few words, not what most invariants ask
        (sections.yaml): for those, a sentence in the title is not quoted."""
        return invariant_id not in self.sections.title_invariants

    def not_own_words(self, invariant_id: str, stated: Statements,
                      own_report: bool = False) -> frozenset[int]:
        """The sentences that are never the invariant's evidence in its own words: its
        statements that it is not done, a keywords line, unless its matter is who takes part,
        the eligibility criteria, and, unless its place is the background or the discussion,
        those citing another work and, if its own words tell what the study does
        (``own_report``), those outside the study's own report that do not speak of the study
        itself."""
        keywords = frozenset(self.position_of[start] for start in self.keywords)
        excluded = stated.positions | keywords | self.not_criteria_evidence(invariant_id)
        if invariant_id in self.sections.invariants:
            return excluded
        return excluded | self.citing | (self.not_own_study if own_report else frozenset())

    def not_criteria_evidence(self, invariant_id: str) -> frozenset[int]:
        """The eligibility criteria, unless the invariant's matter is who takes part
        (sections.yaml ``eligibility_invariants``): "Patients who will not be available for
        the 12-month follow-up" is no participant timeline."""
        return (frozenset() if invariant_id in self.sections.eligibility_invariants
                else self.criteria)


def _read(document: Document, sections: ContextSections, detail_kind: str | None) -> _Reading:
    """The document's sentences, places, citations and results, read once for all
    invariants."""
    index = SentenceIndex(matching_sentences(document))
    places = sections.places(document)
    own_first, glossary_last = places.tolist(), (places == GLOSSARY).astype(int).tolist()
    position_of = {sentence.start: i for i, sentence in enumerate(document.sentences)}
    citing = frozenset(i for i, place in enumerate(own_first)
                       if place == CONTEXT and _CITATION.search(index.sentences[i]))
    discussed = sections.discussion_flags(document)
    citing_discussed = frozenset(i for i in citing if discussed[i])
    # The title, not a journal's name or an article type above it (« Article original »).
    title_start = (document.sentences[document.title_position].start if document.sentences
                   else None)
    in_results = frozenset(
        sentence.start for sentence, flag
        in zip(document.sentences, sections.results_flags(document), strict=True)
        if flag) if detail_kind == "paper" else frozenset()
    keywords = frozenset(sentence.start for sentence, flag
                         in zip(document.sentences, sections.keyword_flags(document),
                                strict=True) if flag)
    own_discussion = frozenset(
        i for i, flag in enumerate(discussed.tolist())
        if flag and (i not in citing
                     or sections.speaks_of_own_study(index.sentences[i], in_discussion=False)))
    stating = (set(index.finding(sections.eligibility_criteria))
               if sections.eligibility_criteria is not None else set())
    criteria = frozenset(i for i, flag in enumerate(sections.criteria_flags(document, stating))
                         if flag)
    not_own_study = frozenset(
        i for i, place in enumerate(own_first)
        if place != OWN_REPORT
        and not sections.speaks_of_own_study(index.sentences[i], bool(discussed[i])))
    contributions = sections.contribution_flags(document).tolist()
    contributions_last = None if not any(contributions) else (
        [CONTRIBUTIONS_LAST if flag else place
         for flag, place in zip(contributions, own_first, strict=True)],
        [CONTRIBUTIONS_LAST if flag else place
         for flag, place in zip(contributions, glossary_last, strict=True)])
    return _Reading(document, index, sections, own_first, glossary_last, position_of, citing,
                    citing_discussed, title_start, in_results, keywords, own_discussion,
                    criteria=criteria, not_own_study=not_own_study,
                    contributions_last=contributions_last)


def _statements(invariant: Invariant, lang: str, reading: _Reading | None) -> Statements:
    """Where the document states that what the invariant asks is not done, or not yet: such
    sentences hold its words but are never its evidence, and may give its answer."""
    if reading is None or not (invariant.evidence.absence or invariant.evidence.not_yet):
        return NO_STATEMENTS
    return find_statements(invariant, lang, reading.index)


@dataclass(frozen=True)
class _ElementEvidence:
    """The invariant's elements (``evidence.elements``) as the detections evidence them."""

    expected: list[str]  # of this kind of document
    not_applicable: list[str]  # never expected of this kind of document, or waived
    waived: list[str]  # not asked: the design the document states has none
    evidence_of: dict[str, list[Detection]]  # its detections per element, best first
    found: list[str]  # expected or not
    missing: list[str]  # expected, and not found
    quotations: list[Quotation]  # the best sentence of each found element that has one
    unquoted: list[str]  # found with no sentence to quote
    elsewhere: list[str]  # of them, found in sentences about another matter only
    # of them, elements telling what the study does (``own_report``) found only in the
    # background or the discussion
    in_context: list[str] = field(default_factory=list)

    @property
    def detections(self) -> list[Detection]:
        """The detections of the elements found, element by element."""
        return [d for e in self.found for d in self.evidence_of[e]]


def _other_matter(invariant: Invariant, lang: str) -> re.Pattern[str] | None:
    """The sentences about another matter than the invariant's, though they hold its words
    (``evidence.other_matter``): None if the catalogue names none."""
    patterns = invariant.evidence.other_matter_for(lang)
    return any_pattern(patterns) if patterns else None


def _element_evidence(invariant: Invariant, lang: str, by_element: dict[str, list[Detection]],
                      applies: Callable[[str], bool], stated: Statements,
                      reading: _Reading | None,
                      other: re.Pattern[str] | None = None,
                      own_report: frozenset[str] = frozenset()) -> _ElementEvidence:
    """Which of the invariant's elements the document reports, and the sentence to quote for
    each: the best one found by the element's cues, about the invariant's matter when it
    says what that is, and not about another matter it names (``other``), not the title
    unless the invariant may be seen there, nor a keywords line; for an element telling what
    the study does (``own_report``, catalogue elements), only in the study's own report,
    unless the invariant's place is the background or the discussion."""
    listed = list(invariant.evidence.elements)
    evidence_of = by_element
    if stated.positions:
        # "Patients were not involved." holds the words of patient involvement: such a
        # sentence is no element's evidence for this invariant, and an element it alone
        # supported is not found.
        denied = stated.positions
        evidence_of = {e: [d for d in by_element.get(e, ())
                           if reading.position_of.get(d.start) not in denied]
                       for e in listed}
        evidence_of = {e: kept for e, kept in evidence_of.items() if kept}
    if reading is not None and reading.citing and invariant.id not in reading.sections.invariants:
        # A catalogue element found by its cues alone in background sentences citing another
        # work ("meta-analyses show that MBCT reduces relapse compared with usual care
        # (Kuyken et al.)") is that work's, not this study's: as for the invariant's own
        # words, such sentences are not its evidence, unless its place is the background.
        evidence_of = {e: [d for d in evidence_of.get(e, ()) if not _cited(e, d, reading)]
                       for e in listed}
        evidence_of = {e: kept for e, kept in evidence_of.items() if kept}
    worded = _worded(invariant, lang, evidence_of, stated, reading, other)
    if worded:
        evidence_of = {**evidence_of, **worded}
    waived = _waived(invariant, lang, reading)
    expected = [e for e in listed if applies(e) and e not in waived]
    # An element not expected of this kind still counts when found (a results paper that
    # states its dissemination plan); it is only not asked for.
    found = [e for e in listed if e in evidence_of]
    skip_title = reading is not None and reading.skip_title(invariant.id)
    title_start = None if reading is None else reading.title_start
    keywords = frozenset() if reading is None else reading.keywords
    # An eligibility criterion says who may take part: evidence only for an invariant whose
    # matter that is (a referral among the exclusion criteria is no context of use).
    criteria = frozenset() if reading is None else reading.not_criteria_evidence(invariant.id)
    quotations: list[Quotation] = []
    unquoted: list[str] = []
    elsewhere: list[str] = []
    in_context: list[str] = []
    own_only = own_report if reading is not None and \
        invariant.id not in reading.sections.invariants else frozenset()
    for element in found:
        candidates = [d for d in evidence_of[element]
                      if not (skip_title and d.start == title_start
                              and not is_title_item(element)) and d.start not in keywords
                      and not (criteria and element not in reading.sections.eligibility_elements
                               and reading.position_of.get(d.start) in criteria)]
        if element in own_only:
            # Costs found only in the background ("the up-front cost of household filters
            # has limited …") or a wish in the discussion ("further multi-centre studies are
            # warranted") are another work's or a future one's, not this study's: as a
            # sentence about another matter, no evidence here.
            own = [d for d in candidates if _in_own_report(d, reading)]
            if not any(d.cue_match for d in own) and any(d.cue_match for d in candidates):
                in_context.append(element)
                unquoted.append(element)
                continue
            candidates = own
        about = invariant.evidence.about_patterns(element, lang)
        first = invariant.evidence.quoted_first_patterns(element, lang)
        if first:
            # The cue sentence the invariant reads best first (INT05: who is blinded, not an
            # objective's "trial with a blinded assessor"), the others after it: it only
            # orders them, so the element keeps a sentence when none holds the wording.
            preferred = any_pattern(first)
            candidates = sorted(candidates, key=lambda d: not (
                d.cue_match and preferred.search(matching_text(d.quote))))
        best, off_matter = _best_sentence(candidates, about, other)
        if off_matter:
            elsewhere.append(element)
        if best is not None:
            quotations.append(Quotation(best.quote, best.start, best.end, best.page,
                                        best.section, element))
        else:  # a sentence only close in vocabulary, or the title here, is no evidence
            unquoted.append(element)
    waived = [e for e in waived if applies(e) and e not in found]  # found: it still counts
    return _ElementEvidence(
        expected=expected, not_applicable=[e for e in listed if not applies(e) or e in waived],
        waived=waived,
        evidence_of=evidence_of, found=found,
        missing=[e for e in expected if e not in evidence_of],
        quotations=quotations, unquoted=unquoted, elsewhere=elsewhere, in_context=in_context)


def _in_own_report(detection: Detection, reading: _Reading) -> bool:
    """Whether a detection's sentence is in the study's own report, not in the background,
    the discussion or an abbreviation list (sections.yaml)."""
    position = reading.position_of.get(detection.start)
    return position is None or reading.own_first[position] == OWN_REPORT


def _waived(invariant: Invariant, lang: str, reading: _Reading | None) -> list[str]:
    """The invariant's elements not asked of this document (``evidence.waived``): a
    sentence of the study's own report states a design without them ("Allocation will be by
    minimisation": no block size)."""
    if reading is None or not invariant.evidence.waived:
        return []
    own = [text for place, text in zip(reading.own_first, reading.index.sentences,
                                       strict=True) if place == OWN_REPORT]
    return [element for element, waiver in invariant.evidence.waived.items()
            if states_design(waiver, lang, own)]


def _worded(invariant: Invariant, lang: str, evidence_of: dict[str, list[Detection]],
            stated: Statements, reading: _Reading | None,
            other: re.Pattern[str] | None) -> dict[str, list[Detection]]:
    """The invariant's elements that its detections found in no cue sentence, read in the
    first sentence wording them for it (``evidence.worded``: E08 reads "The DMC may recommend
    stopping the trial if there is evidence of harm" as a stopping rule, which the frozen
    detection of the item may miss), by place then in document order; not in a sentence its
    own words may not quote, nor about another matter it names."""
    if reading is None or not invariant.evidence.worded:
        return {}
    skip = _skipped(reading, invariant, stated, (other,))
    found: dict[str, list[Detection]] = {}
    for element in invariant.evidence.elements:
        patterns = invariant.evidence.worded_patterns(element, lang)
        if not patterns or _on_matter(evidence_of.get(element, ()),
                                      invariant.evidence.about_patterns(element, lang), other):
            continue
        positions = _matching_in_order(reading, invariant.id, any_pattern(patterns))
        first = next(iter(_quotable(reading.document, reading.index, positions, None,
                                    reading.skip_title(invariant.id), skip)), None)
        if first is not None:
            found[element] = [Detection(element, first.text, first.start, first.end, first.page,
                                        first.section, WORDED_CONFIDENCE, 1)]
    return found


def _on_matter(detections: Sequence[Detection], about: tuple[str, ...],
               other: re.Pattern[str] | None) -> bool:
    """Whether one of an element's ``detections`` is a cue sentence that may be its evidence
    for the invariant: about its matter (``about``, when it says) and not about another one
    (``other``). An element found only in such other sentences (a feasibility study's
    "progression criteria" for a personalisation rule) may still be read in a sentence
    wording it (``evidence.worded``)."""
    pattern = any_pattern(about) if about else None
    return any(d.cue_match
               and (pattern is None or pattern.search(matching_text(d.quote)))
               and (other is None or not other.search(matching_text(d.quote)))
               for d in detections)


def _cited(element: str, detection: Detection, reading: _Reading) -> bool:
    """A catalogue element's (X_…) detection in a context sentence citing another work and
    not speaking of the study itself (sections.yaml ``own_study``, and in the discussion
    ``own_study_in_discussion``), the element's own place not being the background or the
    discussion."""
    position = reading.position_of.get(detection.start)
    return (sctm_code(element) is None and element not in reading.sections.items
            and position in reading.citing
            and not reading.sections.speaks_of_own_study(
                detection.quote, position in reading.citing_discussed))


def _best_sentence(candidates: list[Detection], about: tuple[str, ...],
                   other: re.Pattern[str] | None = None) -> tuple[Detection | None, bool]:
    """The element's detection to quote (the first of ``candidates``, if found by a cue), and
    whether its cue sentences are all about another matter than the invariant's."""
    off_matter = False
    if about or other is not None:
        # The element's cues word its SPIRIT/CONSORT item; for this invariant only its
        # sentences about the invariant's matter (``about``) are evidence ("Protocol version
        # 1.0" is no amendment), and none about a matter it names as another (``other``: a
        # member of staff paid is no participant's compensation): the first of them is
        # quoted, or none.
        pattern = any_pattern(about) if about else None
        cued = [d for d in candidates if d.cue_match]
        on_matter = [d for d in cued
                     if (pattern is None or pattern.search(matching_text(d.quote)))
                     and (other is None or not other.search(matching_text(d.quote)))]
        off_matter = not on_matter and bool(cued)
        candidates = on_matter
    best = next(iter(candidates), None)
    if best is not None and best.cue_match and _after_sentences(best.quote):
        # A caption ("Figure 1 Trial Overview") names what a figure shows, and a summary
        # table's row labels what the text says ("Ethics approval | Approved by …"), where a
        # sentence states it: the element's next cue sentence is quoted, the caption or row
        # only failing one.
        best = next((d for d in candidates
                     if d.cue_match and not _after_sentences(d.quote)), best)
    return (best if best is not None and best.cue_match else None), off_matter


def _after_sentences(text: str) -> bool:
    """Whether a unit of the text is quoted after the sentences of its place: a caption, or a
    table's row read in cells (a summary table's "Ethics approval | …"; one of three cells or
    more comes later still, see ``quoted_last``)."""
    return is_caption_sentence(text) or in_cells(text)


def _own_words(invariant: Invariant, lang: str, stated: Statements,
               reading: _Reading | None,
               other: re.Pattern[str] | None = None,
               usual: frozenset[int] = frozenset()) -> list[Quotation]:
    """The sentences in the invariant's own words (``evidence.cues``), more specific than an
    element's, the trial's own report first unless the invariant's place is the background or
    the discussion, an abbreviation list last (sections.yaml), and within a place those in
    the sections where it is usually found (``usual``) first; none about another matter the
    invariant names (``other``), nor holding its words only in passing (``in_passing``)."""
    if reading is None:
        return []
    order = [2 * place + (position not in usual)
             for position, place in enumerate(reading.order(invariant.id))]
    skip_title = reading.skip_title(invariant.id)
    skip = _not_own_words(invariant, lang, stated, reading, other)
    quotations = _cue_quotations(reading.document, reading.index, _cues(invariant, lang), order,
                                 skip_title, skip, invariant.evidence.cue_patterns_for(lang))
    headers = invariant.evidence.table_rows_for(lang)
    if headers:
        # A table of the sessions' content (« Séance | Thème | Pratiques principales ») lists
        # the components row by row, though no row holds the invariant's words; its rows
        # come after its sentences (see ``_shown``).
        document = reading.document
        rows = rows_under([document.sentence_text(s) for s in document.sentences],
                          any_pattern(headers))
        rows.sort(key=lambda position: order[position])
        quoted = {q.start for q in quotations}
        quotations += [q for q in _quotable(document, reading.index, rows, None, skip_title,
                                            skip) if q.start not in quoted]
    return quotations


def _cues(invariant: Invariant, lang: str) -> tuple[str, ...]:
    """The invariant's own words in ``lang`` (English ones for a language without), English
    ones in British and American spellings ("randomised" finds "randomized", "centre"
    "center", see spelling.py)."""
    own = invariant.evidence.cues.get(lang)
    if own and lang != "en":
        return tuple(own)
    return english_variants(own or invariant.evidence.cues.get("en") or ())


def _not_own_words(invariant: Invariant, lang: str, stated: Statements, reading: _Reading,
                   other: re.Pattern[str] | None) -> frozenset[int]:
    """The positions of the sentences never quoted in the invariant's own words: those
    ``_Reading.not_own_words`` names, and those about another matter (``other``) or holding
    its words only in passing (``in_passing``)."""
    # A sentence holding its words only in passing ("After informed consent, participants
    # are randomised", ``evidence.in_passing``) may still be an element's evidence, which
    # comes after the own words (see ``_ordered``).
    passing = invariant.evidence.in_passing_for(lang)
    return _skipped(reading, invariant, stated,
                    (other, any_pattern(passing) if passing else None))


def _skipped(reading: _Reading, invariant: Invariant, stated: Statements,
             patterns: Sequence[re.Pattern[str] | None]) -> frozenset[int]:
    """The positions of the sentences ``_Reading.not_own_words`` names, and of those any of
    ``patterns`` (those given) finds."""
    skip = set(reading.not_own_words(invariant.id, stated, invariant.evidence.own_report))
    for pattern in filter(None, patterns):
        skip |= reading.matching(pattern)
    return frozenset(skip)


def _matching_in_order(reading: _Reading, invariant_id: str,
                       pattern: re.Pattern[str]) -> list[int]:
    """The positions of the sentences ``pattern`` finds, by the invariant's place order, then
    in document order."""
    order = reading.order(invariant_id)
    return sorted(reading.matching(pattern), key=lambda i: (order[i], i))


def _under_own_heading(invariant: Invariant, lang: str, stated: Statements,
                       reading: _Reading | None,
                       other: re.Pattern[str] | None) -> list[Quotation]:
    """The sentences under a heading in the invariant's own words (see own_heading.py), the
    study's own report first; for an invariant nothing else evidences."""
    if reading is None:
        return []
    skip = _not_own_words(invariant, lang, stated, reading, other)
    if reading.skip_title(invariant.id) and reading.document.sentences:
        skip |= {reading.document.title_position}
    return under_own_heading(reading.document, _cues(invariant, lang),
                             reading.order(invariant.id), skip, MIN_QUOTATION_WORDS)


def _secondary(invariant: Invariant, lang: str, stated: Statements, reading: _Reading,
               other: re.Pattern[str] | None, quoted: list[Quotation]) -> list[Quotation]:
    """The sentences about a further part of what the invariant covers
    (``evidence.secondary``: E08's safeguarding procedure beside its adverse events), by
    place, then in document order, and none quoted already, nor about another matter it
    names, nor a sentence its own words may not quote."""
    patterns = invariant.evidence.secondary_for(lang)
    if not patterns:
        return []
    skip = _skipped(reading, invariant, stated, (other,)) | {
        reading.position_of[q.start] for q in quoted if q.start in reading.position_of}
    positions = _matching_in_order(reading, invariant.id, any_pattern(patterns))
    return [Quotation(q.text, q.start, q.end, q.page, q.section, "secondary")
            for q in _quotable(reading.document, reading.index, positions, None,
                               reading.skip_title(invariant.id), skip)]


def _in_order(elements: list[Quotation], own_words: list[Quotation], invariant_id: str,
              reading: _Reading | None, usual: frozenset[int] = frozenset()
              ) -> list[Quotation]:
    """The quotations to show first first (see ``_ordered``), by place in the document when
    it is given, then, within a place, those in the sections where the invariant's evidence
    is usually found (``usual``, sentence positions) first, save a results sentence in its
    own words alone, which stays after the elements' (see ``_ordered``)."""
    if reading is None:
        return _ordered(elements, own_words)
    element_starts = {q.start for q in elements}
    results_only = frozenset(q.start for q in own_words
                             if q.start in reading.in_results and q.start not in element_starts)
    return _by_place(_ordered(elements, own_words, reading.in_results),
                     reading.order(invariant_id), reading.position_of, usual, results_only)


def _answer(evidence: _ElementEvidence, quotations: list[Quotation]) -> str:
    """The answer the evidence gives. A suggestion must be defensible by a quotation: an
    element inferred from the text as a whole, with no sentence to quote, never makes an
    invariant met, nor alone partially met; and silence is never not met."""
    if evidence.found and not evidence.missing and not evidence.unquoted:
        return "met"
    return "partially_met" if quotations else "not_reported"


def _confidence(evidence: _ElementEvidence, statement: StatedAnswer | None, own_words: bool,
                details_asked: int = 0, details_missing: int = 0) -> float:
    """How far the document evidences the invariant in full, from 0 to 1: the mean, over the
    parts a met needs, of each part's confidence. The parts are its elements (expected of the
    document's kind, or found) and, once they are all quoted, the particulars it asks for.
    A quoted element counts its detection's confidence; a particular stated, the mean of
    those; a part missing, or found with no sentence to quote (inferred, or only about
    another matter), nothing, as it does not count towards a met either. So a met reads its
    elements' confidence, a partially met less (the particulars it lacks, or its elements
    missing, weigh), and a not reported 0. Without a quoted element: a statement's fixed
    confidence, or the invariant's own words'."""
    if statement is not None:
        return STATED_CONFIDENCE
    quoted = [evidence.evidence_of[e][0].confidence for e in evidence.found
              if e not in evidence.unquoted]
    if not quoted:
        return CUE_ONLY_CONFIDENCE if own_words else 0.0
    elements = len(set(evidence.expected) | set(evidence.found))
    parts = elements + details_asked
    return sum(quoted) / elements * (parts - details_missing) / parts


def _shown(quotations: list[Quotation], found: int,
           detail_quotations: list[Quotation]) -> list[Quotation]:
    """The quotations shown: the first ones (a few beyond one per element ``found``), then
    each detail stated in a sentence not quoted yet, as it is what makes the answer met, so
    the reviewer must see it. A table's row only after the sentences (a stable sort)."""
    quotations = _distinct(sorted(quotations, key=lambda q: quoted_last(q.text)))
    quotations = quotations[:MAX_QUOTATIONS + found]
    quoted = {q.start for q in quotations}
    texts = {" ".join(q.text.split()) for q in quotations}
    return quotations + [q for q in dict((q.start, q) for q in detail_quotations).values()
                         if q.start not in quoted and " ".join(q.text.split()) not in texts]


def _distinct(quotations: list[Quotation]) -> list[Quotation]:
    """The quotations without a repeat of the same words: a paper restating a sentence word
    for word in its abstract and its results ("No serious adverse events occurred.") is
    quoted once, where it first comes."""
    seen: set[str] = set()
    kept = []
    for quotation in quotations:
        words = " ".join(quotation.text.split())
        if words not in seen:
            seen.add(words)
            kept.append(quotation)
    return kept


def _rationale(catalogue: Catalogue, invariant: Invariant, evidence: _ElementEvidence,
               cue_only: bool, statement: StatedAnswer | None, particulars: Particulars,
               quotations: list[Quotation], headed: bool = False) -> dict[str, str]:
    """The reasons for the answer, as a reviewer's note (see rationale.py): the statement's,
    or what the evidence shows and lacks; then the particulars a met lacks; then what is
    not asked of this document, and why. ``headed``: the quotations stand under a heading
    in the invariant's own words (own_heading.py)."""
    rationale = (STATED_RATIONALE[statement.kind] if statement is not None
                 else evidence_rationale(catalogue, evidence.found, evidence.missing, cue_only,
                                         evidence.unquoted, evidence.elsewhere,
                                         any(q.element == "cue" for q in quotations), headed,
                                         evidence.in_context))
    if particulars.missing:
        rationale = {lang: f"{text} {details_rationale(invariant, particulars.missing)[lang]}"
                     for lang, text in rationale.items()}
    if evidence.waived and statement is None:
        waived = waived_rationale(catalogue, invariant, evidence.waived)
        rationale = {lang: f"{text} {waived[lang]}" for lang, text in rationale.items()}
    if particulars.waived:  # looked for only when no statement gives the answer
        waived = waived_details_rationale(invariant, particulars.waived)
        rationale = {lang: f"{text} {waived[lang]}" for lang, text in rationale.items()}
    return rationale


def _cue_quotations(document: Document, index: SentenceIndex, cues: tuple[str, ...],
                    order: list[int] | None = None, skip_title: bool = False,
                    skip: frozenset[int] = frozenset(),
                    patterns: tuple[str, ...] = ()) -> list[Quotation]:
    """The first sentences with one of the invariant's own ``cues``, or matching one of its
    own-words ``patterns`` (``evidence.cue_patterns``), by ``order`` per sentence (lower
    first) when given; not the title (``Document.title_position``) if ``skip_title``, nor
    the sentences at positions ``skip``."""
    if not cues and not patterns:
        return []
    # A cue typed with ' finds a document typeset with ’ (« imputables à l’intervention »),
    # and the reverse, as the element cues' patterns do; one typed with a hyphen finds a
    # journal's en dash between two words ("dose–response", "test–retest reliability"),
    # which the cues' reading of a sentence keeps (only typeset hyphens become "-"). English
    # cues come in both spellings already (``_cues``).
    cues = tuple(dict.fromkeys(variant for cue in cues
                               for variant in (cue, cue.replace("'", "’"),
                                               cue.replace("’", "'"),
                                               cue.replace("-", "\u2013"))))
    # The cues are literal words: only sentences containing one of them can match.
    positions = index.containing_any(c.lower() for c in cues)  # a new list, in document order
    if patterns:
        worded = any_pattern(patterns)
        positions = sorted(set(positions) | set(index.finding(worded)))
    if not positions:  # nothing to quote: the joined pattern need not be compiled
        return []
    pattern = re.compile(
        "|".join([r"(?<!\w)" + re.escape(c) + r"(?!\w)" for c in cues]
                 + [f"(?:{p})" for p in patterns]), re.IGNORECASE
    )
    if order is not None:
        positions.sort(key=lambda position: order[position])
    return _quotable(document, index, positions, pattern, skip_title, skip)


def _quotable(document: Document, index: SentenceIndex, positions: list[int],
              pattern: re.Pattern[str] | None, skip_title: bool,
              skip: frozenset[int]) -> list[Quotation]:
    """The first sentences at ``positions`` (in that order) that ``pattern`` matches (any, if
    None) and that report something, as quotations: a caption or a summary table's row after
    the sentences, a grid's row last; not the title if ``skip_title``, nor the sentences at
    positions ``skip``."""
    found: list[Quotation] = []
    captions: list[Quotation] = []  # and rows in cells: after the sentences (see ``_by_place``)
    last: list[Quotation] = []  # a table's rows: only when nothing else is
    for position in positions:
        if (skip_title and position == document.title_position) or position in skip:
            continue
        sentence = document.sentences[position]
        text = document.sentence_text(sentence)  # the quotation: verbatim, not as matched
        # A bare heading, a caption's label, a table's header row or a fragment names a topic
        # without reporting anything (a caption's label counts no words: "Fig. 2. CONSORT flow
        # diagram." is as short as "CONSORT flow diagram.").
        if document.is_heading(sentence) \
                or len(without_label(text).split()) < MIN_QUOTATION_WORDS \
                or is_caption_label(text) or document.is_table_header(sentence):
            continue
        if (pattern is None or pattern.search(index.sentences[position])) \
                and verify_quotation(document.text, text):
            quotation = Quotation(text, sentence.start, sentence.end, sentence.page,
                                  sentence.section, "cue")
            (last if quoted_last(text) else captions if _after_sentences(text) else found
             ).append(quotation)
            if len(found) >= MAX_QUOTATIONS:
                break
    return (found + captions + last)[:MAX_QUOTATIONS]


def _ordered(elements: list[Quotation], cues: list[Quotation],
             in_results: frozenset[int] = frozenset()) -> list[Quotation]:
    """The quotations to show first first, each sentence once.

    The invariant's own phrases ("dose-response" for a dose-response invariant) are more
    specific than an element's (any mention of a dose): the sentences that hold both come
    first, then the invariant's, then the elements' (judged blind, see the model card). But
    a results paper's results sentence that only holds the invariant's words ("leisure-time
    physical activity remained higher…" for how the exposure was measured) reports a finding,
    not how the study was done: such sentences (``in_results``, by start offset) come after
    the elements'.
    """
    cue_starts = {q.start for q in cues}
    both = [q for q in elements if q.start in cue_starts]
    methods_cues = [q for q in cues if q.start not in in_results]
    results_cues = [q for q in cues if q.start in in_results]
    seen: set[int] = set()  # two elements may share their best sentence: quote it once
    unique = []
    for quotation in both + methods_cues + elements + results_cues:
        if quotation.start not in seen:
            seen.add(quotation.start)
            unique.append(quotation)
    return unique


def _by_place(quotations: list[Quotation], order: list[int],
              position_of: dict[int, int], usual: frozenset[int] = frozenset(),
              after: frozenset[int] = frozenset()) -> list[Quotation]:
    """The same quotations, by ``order`` of the sentence each starts (lower first); within a
    place, those starting at ``after`` (start offsets) last, before them a caption ("Figure 1
    Trial Overview" names a figure, where a sentence states what it shows) or a summary
    table's row ("Ethics approval | Approved by …"), and before them those in a ``usual``
    section (sentence positions) first; a stable sort keeps the order otherwise.
    ``position_of``: sentence index by start offset."""
    def key(quotation: Quotation) -> tuple[int, bool, bool, bool]:
        position = position_of.get(quotation.start)
        if position is None:
            return 0, False, _after_sentences(quotation.text), True
        return (order[position], quotation.start in after, _after_sentences(quotation.text),
                position not in usual)

    return sorted(quotations, key=key)


def _applicability(kind: str | None) -> Callable[[str], bool]:
    """Whether an element is expected of a document of ``kind`` (any, when unknown)."""
    if kind is None:
        return lambda element: True
    from .model import get_model

    model, kind = get_model(), normalise_kind(kind)
    return lambda element: model.applies_to(element, kind)
