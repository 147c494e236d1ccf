"""Where a document states that what an invariant asks is not done, or not done yet.

A sentence that states that what the invariant asks is not done ("Patients were not
involved.", ``evidence.absence``) or not done yet ("Trial registration: to be registered.",
``evidence.not_yet``) holds the invariant's words but is never its evidence. With no evidence
left, such a statement is the only ground for a "not_met" (it is quoted): silence never is.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from checker.catalogue.patterns import any_pattern
from checker.documents import Document

from .features import SentenceIndex
from .quotes import MAX_QUOTATIONS, Quotation, verify_quotation
from .sections import CONTEXT, OWN_REPORT

if TYPE_CHECKING:
    from checker.catalogue import Invariant

    from .sections import ContextSections

ABSENCE, NOT_YET = "absence", "not_yet"  # Quotation.element of such a statement


@dataclass(frozen=True)
class Statements:
    """Where a document states that what an invariant asks is not done (``absence``) or not
    done yet (``not_yet``): sentence positions, in document order."""

    absence: list[int]
    not_yet: list[int]

    @property
    def positions(self) -> frozenset[int]:
        return frozenset(self.absence) | frozenset(self.not_yet)


NO_STATEMENTS = Statements([], [])


def find_statements(invariant: Invariant, lang: str, index: SentenceIndex) -> Statements:
    """The sentences in ``index`` that match the invariant's absence and not-yet patterns in
    ``lang`` (else English)."""
    found = []
    for patterns in (invariant.evidence.absence_for(lang), invariant.evidence.not_yet_for(lang)):
        if not patterns:
            found.append([])
            continue
        pattern = any_pattern(patterns)
        found.append(index.finding(pattern))
    return Statements(*found)


def statement_quotations(document: Document, positions: list[int], places: list[int],
                         element: str, sections: ContextSections | None = None,
                         citing: frozenset[int] = frozenset()) -> list[Quotation]:
    """The statements at ``positions`` to quote, those of the trial's own report (``places``):
    "patients were not involved" in a background about earlier trials, or in a discussion of
    other studies, says nothing of this one. In the background or the discussion, only one
    that speaks of the study itself (``sections``' ``own_study``: "Patients were not involved in
    the design of this evaluation", "We did not measure falls outcomes", a paper's limitations)
    and cites no other work (``citing``). The discussion's "the intervention" rule
    (``own_study_in_discussion``) is not applied: it was judged for an element's evidence,
    not for a statement that something was not done. A heading states nothing."""
    found = []
    for position in positions:
        sentence = document.sentences[position]
        text = document.sentence_text(sentence)
        if places[position] != OWN_REPORT and not (
                places[position] == CONTEXT and position not in citing
                and sections is not None
                and sections.speaks_of_own_study(text, in_discussion=False)):
            continue
        if document.is_heading(sentence) or not verify_quotation(document.text, text):
            continue
        found.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                               sentence.section, element))
        if len(found) >= MAX_QUOTATIONS:
            break
    return found


@dataclass(frozen=True)
class StatedAnswer:
    """The answer a statement gives, of which kind (``ABSENCE`` or ``NOT_YET``), quoting it."""

    kind: str
    answer: str
    quotations: list[Quotation]


def stated_answer(document: Document, statements: Statements, places: list[int],
                  sections: ContextSections | None = None,
                  citing: frozenset[int] = frozenset()) -> StatedAnswer | None:
    """For an invariant nothing evidences, the answer the document's own statement gives: it
    is still to be done (a plan: partially met, as a protocol that plans a registration, see
    E03's guidance), else it was not done (not met); None when it states neither. Read in the
    own report, or in the background or the discussion where it speaks of the study itself
    (see :func:`statement_quotations`)."""
    for kind, positions, answer in ((NOT_YET, statements.not_yet, "partially_met"),
                                    (ABSENCE, statements.absence, "not_met")):
        quotations = statement_quotations(document, positions, places, kind, sections,
                                          citing)
        if quotations:
            return StatedAnswer(kind, answer, quotations)
    return None
