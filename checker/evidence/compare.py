"""What changed between two drafts of a document, invariant by invariant.

A researcher revises a protocol after a first check and wants to know what the revision
settled: which invariants the new draft now evidences, which it evidences less (a passage cut
or reworded), with the quotation that shows it. Both drafts go through the same detection and
suggestion rule, so a change of suggested answer is a change of the text, not of the method.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from checker.catalogue import Catalogue, pick
from checker.documents import Document

from .detect import detect_elements
from .quotes import locate_quotation
from .suggest import Quotation, Suggestion, suggest_answers
from .wording import words_for

BETTER, WORSE, SAME = "better", "worse", "same"


@dataclass(frozen=True)
class InvariantChange:
    invariant_id: str
    before: str  # suggested answer on the earlier draft (met / partially_met / not_reported)
    after: str  # on the later draft
    change: str  # "better" | "worse" | "same", by the catalogue's points for the answers
    elements_gained: tuple[str, ...] = ()  # the invariant's elements found only in the later
    elements_lost: tuple[str, ...] = ()  # found only in the earlier draft
    # The later draft's first quotation (what now evidences it), or for a change for the
    # worse the earlier draft's (what is gone).
    quotation: Quotation | None = None
    # Same answer, but other elements or other sentences behind it (a passage added or cut).
    evidence_changed: bool = False


@dataclass
class DraftComparison:
    study_type: str
    kind: str
    changes: list[InvariantChange] = field(default_factory=list)  # catalogue order

    def count(self, change: str) -> int:
        return sum(1 for c in self.changes if c.change == change)

    def to_dict(self) -> dict:
        return {"study_type": self.study_type, "kind": self.kind,
                "better": self.count(BETTER), "worse": self.count(WORSE),
                "same": self.count(SAME), "changes": [_change_dict(c) for c in self.changes]}


def _change_dict(change: InvariantChange) -> dict:
    found = asdict(change)
    if change.quotation is not None:
        found["quotation"] = change.quotation.to_dict()
    return found


def _suggestions(catalogue: Catalogue, study_type: str, kind: str,
                 document: Document) -> dict[str, Suggestion]:
    detections = detect_elements(document, kind=kind, lang=document.language)
    return suggest_answers(catalogue, study_type, detections, document.language,
                           document=document, kind=kind)


def _evidence(suggestion: Suggestion, elements: tuple[str, ...],
              other: Document) -> Quotation | None:
    """The quotation that shows the change: first a sentence the ``other`` draft does not
    contain (what was added, or what is gone), of one of ``elements`` (those that changed) if
    possible; else a quotation of those elements; else the first one."""
    quotations = suggestion.quotations
    fresh = [q for q in quotations
             if locate_quotation(other.text, q.text, tolerant_whitespace=True) is None]
    for candidates in ([q for q in fresh if q.element in elements], fresh,
                       [q for q in quotations if q.element in elements], quotations):
        if candidates:
            return candidates[0]
    return None


def _quoted(suggestion: Suggestion) -> list[str]:
    """The elements the suggestion quotes a sentence for."""
    return [e for e in suggestion.elements_found if e not in suggestion.elements_inferred]


def compare_drafts(catalogue: Catalogue, study_type: str, kind: str, before: Document,
                   after: Document) -> DraftComparison:
    """Each applicable invariant's suggested answer on ``before`` and on ``after``."""
    points = {option.id: option.points or 0 for option in catalogue.scoring.answers}
    earlier = _suggestions(catalogue, study_type, kind, before)
    later = _suggestions(catalogue, study_type, kind, after)
    comparison = DraftComparison(study_type, kind)
    for invariant_id, new in later.items():
        old = earlier[invariant_id]
        delta = points[new.answer] - points[old.answer]
        change = BETTER if delta > 0 else WORSE if delta < 0 else SAME
        # Only elements shown by a quotation: one the model only infers, or finds in
        # sentences about another matter, is said to be uncertain in the suggestion, and
        # would read as found here.
        gained = tuple(e for e in _quoted(new) if e not in _quoted(old))
        lost = tuple(e for e in _quoted(old) if e not in _quoted(new))
        quoted_before = {" ".join(q.text.split()) for q in old.quotations}
        quoted_after = {" ".join(q.text.split()) for q in new.quotations}
        comparison.changes.append(InvariantChange(
            invariant_id=invariant_id, before=old.answer, after=new.answer, change=change,
            elements_gained=gained, elements_lost=lost,
            quotation=(_evidence(old, lost, after) if change == WORSE
                       else _evidence(new, gained, before)),
            evidence_changed=bool(gained or lost or quoted_before != quoted_after),
        ))
    return comparison


_WORDS = {
    "en": {"title": "{before} → {after}, {kind}, study type {type}",
           "summary": "invariants better evidenced: {better}, less well: {worse}, unchanged: "
                      "{same}",
           "reworded": "Same answer, other evidence",
           "gained": "now found", "lost": "no longer found", "better": "better",
           "worse": "less well"},
    "fr": {"title": "{before} → {after}, {kind}, étude de type {type}",
           "summary": "invariants mieux étayés\u00a0: {better}, moins bien\u00a0: {worse}, "
                      "inchangés\u00a0: "
                      "{same}",
           "reworded": "Même réponse, autres éléments de preuve",
           "gained": "désormais trouvés", "lost": "ne sont plus trouvés", "better": "mieux",
           "worse": "moins bien"},
}


def format_comparison(comparison: DraftComparison, catalogue: Catalogue, lang: str,
                      before: str, after: str) -> list[str]:
    """The comparison as lines of text: counts, each invariant whose answer changed, then
    those whose answer stayed but whose evidence changed."""
    words = words_for(_WORDS, lang)
    colon = words["colon"]
    # Named as after "type": in French, agreeing with « type » (« de type interventionnel »).
    study_type = (catalogue.study_type(comparison.study_type).type_name(lang) if lang == "fr"
                  else pick(catalogue.study_type(comparison.study_type).label, lang))
    lines = [words["title"].format(before=before, after=after, kind=words[comparison.kind],
                                   type=study_type),
             words["summary"].format(better=comparison.count(BETTER),
                                     worse=comparison.count(WORSE), same=comparison.count(SAME))]
    changed = [c for c in comparison.changes if c.change != SAME]
    reworded = [c for c in comparison.changes if c.change == SAME and c.evidence_changed]
    for change in changed:
        old, new = (pick(catalogue.scoring.answer(a).label, lang)
                    for a in (change.before, change.after))
        lines += ["", f"{_title(catalogue, change, lang)}{colon} {old} → {new} "
                      f"({words[change.change]})", *_evidence_lines(change, catalogue, words, lang)]
    if reworded:
        lines += ["", f"{words['reworded']}{colon}"]
        for change in reworded:
            answer = pick(catalogue.scoring.answer(change.after).label, lang)
            lines += [f"{_title(catalogue, change, lang)} ({answer})",
                      *_evidence_lines(change, catalogue, words, lang)]
    return lines


def _title(catalogue: Catalogue, change: InvariantChange, lang: str) -> str:
    return f"{change.invariant_id} {pick(catalogue.invariant(change.invariant_id).title, lang)}"


def _evidence_lines(change: InvariantChange, catalogue: Catalogue, words: dict[str, str],
                    lang: str) -> list[str]:
    lines = []
    for key, elements in (("gained", change.elements_gained), ("lost", change.elements_lost)):
        if elements:
            names = words["separator"].join(catalogue.element_label(e, lang) for e in elements)
            lines.append(f"  {words[key]}{words['colon']} {names}")
    if change.quotation:
        lines.append("  " + words["quote"].format(" ".join(change.quotation.text.split())))
    return lines
