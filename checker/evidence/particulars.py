"""The particulars a met needs: those an invariant asks of a kind of document
(``evidence.details``: an approval reference, a registry number, a protocol's version…),
stated in or right after a sentence of its evidence or, in its own stricter wordings, under
the ``sections`` where the study's own report describes its matter (an NPI's components in
"Description of interventions"), or, for a particular stated ``anywhere`` (a protocol's
version on its title page), in any sentence of the study's own report, and for one stated
in the ``discussion`` too (a paper's residual bias, in its limitations), in the discussion's
sentences that cite no other work or, citing one, speak of the study itself ("we", "this is a
pragmatic study"). An element found without them ("the protocol was
submitted to the CPP") makes the invariant only partially met. A particular the document's
own report shows not to apply (``waived_when``: the losses to follow-up of a
cross-sectional survey) is not asked, though quoted if stated.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from checker.catalogue.patterns import any_pattern
from checker.documents import Document

from .detect import Detection
from .features import SentenceIndex
from .quotes import Quotation, verify_quotation
from .sections import OWN_REPORT
from .usual_sections import in_usual_sections

if TYPE_CHECKING:
    from checker.catalogue import Invariant
    from checker.catalogue.model import EvidenceDetail, Waiver


@dataclass(frozen=True)
class Particulars:
    """What a document states of the particulars an invariant asks of it."""

    asked: int = 0  # of this kind of document and study type, none waived unless stated
    missing: list[str] = field(default_factory=list)  # ids, asked and not stated
    waived: list[str] = field(default_factory=list)  # ids, not asked (waived_when), not stated
    quotations: list[Quotation] = field(default_factory=list)  # of each one stated


def states_design(waiver: Waiver, lang: str, own: Sequence[str]) -> bool:
    """Whether one of the ``own`` sentences (the study's own report, as cues match them)
    states the design the ``waiver`` names, and none the design that keeps the part asked
    all the same (a cross-sectional survey, with no 12-month follow-up)."""
    if not any(any_pattern(waiver.patterns_for(lang)).search(text) for text in own):
        return False
    unless = waiver.unless_for(lang)
    return not (unless and any(any_pattern(unless).search(text) for text in own))


def details_check(invariant: Invariant, lang: str, kind: str | None,
                  detections: list[Detection], quotations: list[Quotation],
                  document: Document, index: SentenceIndex,
                  position_of: dict[int, int],
                  places: list[int] | None = None,
                  discussed: frozenset[int] = frozenset(),
                  study_type: str | None = None,
                  other: re.Pattern[str] | None = None,
                  of_their_own: Sequence[str] = (),
                  excluded: frozenset[int] = frozenset()) -> Particulars:
    """The particulars the invariant asks of a document of ``kind`` (normalised) of a study
    of ``study_type`` (when known): those not stated beside its evidence (its
    ``quotations``, then the sentences of the ``detections`` of its elements found), those
    its own report shows not to apply, and a quotation of each one stated.
    ``position_of``: sentence index by start offset. ``places``: each sentence's place
    (sections.py); a particular stated ``anywhere`` is looked for in the study's own report
    (in every sentence without them), and one stated in the ``discussion`` also in the
    ``discussed`` sentences (positions), and one with ``sections`` also in the own report's
    sentences under those headings (not only inside one of the headings ``of_their_own``).
    ``other``: the invariant's sentences about another matter (``evidence.other_matter``),
    where no particular is looked for beside its evidence nor under its sections.
    ``excluded``: positions of sentences where no particular is looked for at all (the
    eligibility criteria, for an invariant whose matter is not who takes part: a referral
    among the exclusion criteria is no context of use)."""
    # The particulars asked of this kind of document (a protocol's version, where a
    # paper's protocol can be read).
    details = [d for d in invariant.evidence.details if d.applies_to(kind, study_type)]
    if not details:
        return Particulars()
    positions = _evidence_positions(quotations, detections, position_of,
                                    len(document.sentences))
    if other is not None:
        # The sentence after the evidence may be about another matter: "to monitor therapist
        # adherence to the protocol" after a strategy to promote the participants' adherence
        # states no adherence of theirs defined or measured (INT11).
        positions = [p for p in positions if not other.search(index.sentences[p])]
    if excluded:
        positions = [p for p in positions if p not in excluded]
    anywhere = [p for p in range(len(document.sentences))
                if (places is None or places[p] == OWN_REPORT) and p not in excluded]
    with_discussion = sorted(set(anywhere) | discussed) if discussed else anywhere

    def looked(detail: EvidenceDetail) -> list[tuple[int, re.Pattern[str]]]:
        """Where to look for ``detail`` and in which wordings: beside the evidence (then
        under its sections, in theirs), or in the whole report."""
        pattern = any_pattern(detail.patterns_for(lang))
        if detail.anywhere:
            return [(p, pattern) for p in (with_discussion if detail.discussion else anywhere)]
        beside = [(p, pattern) for p in positions]
        sections = detail.sections
        if sections is None or not sections.names_for(lang) or not sections.patterns_for(lang):
            return beside
        # The evidence's sentences and the one after each come first, then the sentences
        # under those headings in reading order: "Stage 1 begins with psychoeducation that
        # includes …" under "Description of interventions", when the evidence is the
        # abstract's dose followed by its outcomes.
        under = in_usual_sections(document, sections.names_for(lang), of_their_own)
        wording = any_pattern(sections.patterns_for(lang))
        # Not a heading itself: a table's title names the intervention whose effect it shows
        # (« Tableau 4 Effet de l'intervention PIJP …, incluant les caractéristiques … »).
        return beside + [(p, wording) for p in anywhere
                         if p in under and not document.is_heading(document.sentences[p])
                         and (other is None or not other.search(index.sentences[p]))]

    missing, found = _find_details(details, document, index, looked)
    # The design is read in the study's own report only: a background's "a cross-sectional
    # study of the ARIC cohort" is another study's.
    own = [index.sentences[p] for p in anywhere]
    waived = [d.id for d in details if d.id in missing and d.waived_when is not None
              and states_design(d.waived_when, lang, own)]
    return Particulars(asked=len(details) - len(waived),
                       missing=[i for i in missing if i not in waived], waived=waived,
                       quotations=found)


def _evidence_positions(quotations: list[Quotation], detections: list[Detection],
                        position_of: dict[int, int], count: int) -> list[int]:
    """Where to look for an invariant's details: each sentence of its evidence (the quoted
    ones first), then the sentence after it, where a reference or a date often stands on its
    own ("Registered on 16 January 2017.")."""
    starts = [q.start for q in quotations] + [d.start for d in detections if d.cue_match]
    evidence = list(dict.fromkeys(position_of[s] for s in starts if s in position_of))
    after = [p + 1 for p in evidence if p + 1 < count]
    return list(dict.fromkeys(evidence + after))


def _find_details(details: list[EvidenceDetail], document: Document, index: SentenceIndex,
                  looked_for: Callable[[EvidenceDetail], list[tuple[int, re.Pattern[str]]]]
                  ) -> tuple[list[str], list[Quotation]]:
    """The ids of the ``details`` stated nowhere at the positions ``looked_for`` gives each
    (in the wordings it gives there), and a quotation of the first sentence stating each
    detail that is found."""
    missing: list[str] = []
    quotations: list[Quotation] = []
    for detail in details:
        at = next((p for p, pattern in looked_for(detail)
                   if pattern.search(index.sentences[p])), None)
        if at is None:
            missing.append(detail.id)
            continue
        sentence = document.sentences[at]
        text = document.sentence_text(sentence)
        if verify_quotation(document.text, text):
            quotations.append(Quotation(text, sentence.start, sentence.end, sentence.page,
                                        sentence.section, f"detail:{detail.id}"))
    return missing, quotations
