"""What a submitter should look for and add to a dossier, invariant by invariant.

A study of the dossier that does not meet an invariant (partially met, not met or not
reported) leaves a gap the submitter may fill with another document: the registry record,
the published protocol, the ethics approval letter. The catalogue words that advice per
invariant (``remedy.dossier``, for a published paper); a study's own results and reports
give it labelled "For a dossier". Here it is gathered over the dossier's studies: one entry
per invariant, naming the studies that lack it, with the advice once however many studies
share it. The dossier page, its PDF and Excel reports and its review .txt all read this list
(through :class:`checker.services.dossier_view.DossierView`), so they cannot disagree.

Each study's advice comes from the catalogue the study was assessed with, as its own reports
say it: a protocol, or a study assessed with a catalogue that gives no advice for a dossier
(before 1.5.0 it ended the paper's remedy instead), brings none, rather than advice from
another version that its assessment did not see. Invariants not answered yet are left out:
nothing is known to be missing there yet, and the dossier's review says which studies have
answers to give.

The advice for a paper mostly sends the submitter to its published protocol ("look for the
approval in the published protocol and add that document to the dossier"). When the dossier
already holds a protocol of the same study type, that advice would send him to look for a
document he has already added: the entry names those protocols, each with its own answer to
the invariant, so he looks there first. A paper may name the protocol it reports (the
submitter says it on the dossier page): that protocol is then named as the paper's own
(``own``), and the dossier's other protocols are not offered for that paper. For a paper that
names none, which protocol is its own is not known, so the entry says so ("if it is …",
``held``) rather than dropping the advice. When some papers listed name their protocol and
others do not, "a study listed" would take in the papers already sent to their own: the entry
then names the papers the "if it is …" is about (``held_for``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from exports.context import answer_label

from ..catalogue import Catalogue, pick
from .scoring import Gap, ScoreResult


@dataclass(frozen=True)
class StudyGaps:
    """One study of the dossier as the advice list needs it."""

    number: int  # its place in the dossier (1 = first), as the dossier's reports number it
    uid: str
    title: str
    catalogue: Catalogue  # the catalogue it was assessed with
    score: ScoreResult  # scored with that catalogue
    study_type: str = ""  # its study type's id
    type_name: str = ""  # its study type as named after "type" ("prototypical")
    document_kind: str = ""  # "protocol" or "paper"
    protocol: int | None = None  # a paper's: the number of the protocol it reports, if named


@dataclass(frozen=True)
class HeldProtocol:
    """A protocol the dossier already holds, of the study type of a paper whose advice sends
    the submitter to look for its protocol, and how that protocol answers the invariant."""

    number: int
    uid: str
    type_name: str
    answer: str  # the catalogue's answer id as given, "" when not answered yet
    answer_label: str
    meets: bool  # answered met (or not applicable where the catalogue admits it)
    # The studies listed (papers) that name it as the protocol they report, by number; empty
    # for a protocol that may be theirs ("if it is …").
    papers: tuple[int, ...] = ()


@dataclass(frozen=True)
class LackingStudy:
    """A study that does not meet the invariant, and how it was answered."""

    number: int
    uid: str
    title: str
    answer: str  # the catalogue's answer id as given (not_met, partially_met, not_reported…)
    answer_label: str
    unconfirmed: bool  # an automatic suggestion no person has confirmed yet
    advice: str  # its own catalogue's advice for a dossier; "" when that gives none
    study_type: str = ""
    type_name: str = ""


@dataclass(frozen=True)
class Advice:
    """One wording of the advice and the studies whose catalogue gives it."""

    text: str
    studies: tuple[int, ...]  # study numbers


@dataclass(frozen=True)
class AdviceEntry:
    invariant_id: str
    title: str
    ethical: bool
    studies: tuple[LackingStudy, ...]  # in dossier order
    # The distinct wordings of the advice (one, unless the studies were assessed with
    # catalogue versions that word it differently); empty when none of them gives any.
    advice: tuple[Advice, ...]
    # The protocols the dossier holds of the study types of the studies given advice that
    # name no protocol of their own, other than those studies, in dossier order: the
    # advice's "published protocol" may be there.
    held: tuple[HeldProtocol, ...] = ()
    # The protocols that studies given advice name as the one they report (``papers``), in
    # dossier order: their "published protocol" is there.
    own: tuple[HeldProtocol, ...] = ()
    # The studies given advice that name no protocol in the dossier, of a study type of a
    # protocol ``held``, by number: those whose protocol it may be.
    unlinked: tuple[int, ...] = ()

    @property
    def held_for(self) -> tuple[int, ...]:
        """The studies the "if it is …" of ``held`` names, by number: those it is about
        (``unlinked``) when other studies listed name their own protocol (``own``), since
        "a study listed" would take those in too; empty otherwise ("a study listed")."""
        return self.unlinked if self.own and self.held else ()

    @property
    def shared(self) -> bool:
        """One advice for every study listed, which can then be said without naming them."""
        return len(self.advice) == 1 and len(self.advice[0].studies) == len(self.studies)

    @property
    def by_answer(self) -> list[tuple[str, bool, tuple[LackingStudy, ...]]]:
        """The studies that lack it, gathered by their answer (its label, and whether it is
        an unconfirmed suggestion), in the order the answers first come: five studies
        "Partially met (unconfirmed suggestion)" read as one line, not five."""
        answers: dict[tuple[str, bool], list[LackingStudy]] = {}
        for study in self.studies:
            answers.setdefault((study.answer_label, study.unconfirmed), []).append(study)
        return [(label, unconfirmed, tuple(studies))
                for (label, unconfirmed), studies in answers.items()]


def _lacking(score: ScoreResult) -> list[Gap]:
    # The score's own gaps (partially met, not met, not reported as scored: an answer the
    # catalogue refuses, like "not applicable" where it is not admitted, counts as not
    # reported), what its results page and reports list under "how to fix it", less the
    # invariants not answered yet.
    return [gap for gap in (*score.unmet, *score.unreported) if gap.answer is not None]


def _held(protocol: StudyGaps, invariant_id: str, lang: str,
          papers: Sequence[int] = ()) -> HeldProtocol:
    """``protocol`` as an entry for ``invariant_id`` names it, with its own answer (and the
    ``papers`` that report it)."""
    row = next((row for row in protocol.score.rows if row.invariant.id == invariant_id), None)
    answer = row.answer if row is not None else None
    lacking = {gap.invariant.id for gap in _lacking(protocol.score)}
    return HeldProtocol(
        number=protocol.number, uid=protocol.uid, type_name=protocol.type_name,
        answer=answer or "", answer_label=answer_label(protocol.catalogue, answer, lang),
        meets=answer is not None and invariant_id not in lacking, papers=tuple(papers))


def dossier_advice(studies: Sequence[StudyGaps], catalogue: Catalogue,
                   lang: str) -> list[AdviceEntry]:
    """One entry per invariant that some study lacks, in ``lang``: ethical first, then the
    ones most studies lack, then in catalogue order.

    ``catalogue`` (the active one) names the invariants and gives their order; an invariant
    it does not have is named by the first study's catalogue that lists it, and comes after
    those it orders that as many studies lack.
    """
    lacking: dict[str, list[tuple[LackingStudy, Gap]]] = {}
    for study in studies:
        for gap in _lacking(study.score):
            entry = LackingStudy(
                number=study.number, uid=study.uid, title=study.title, answer=gap.answer or "",
                answer_label=answer_label(study.catalogue, gap.answer, lang),
                unconfirmed=gap.unconfirmed, advice=gap.dossier_advice_in(lang),
                study_type=study.study_type, type_name=study.type_name)
            lacking.setdefault(gap.invariant.id, []).append((entry, gap))

    order = {inv.id: n for n, inv in enumerate(catalogue.invariants)}
    protocols = [study for study in studies if study.document_kind == "protocol"]
    numbered = {protocol.number: protocol for protocol in protocols}
    reports = {study.number: study.protocol for study in studies
               if study.protocol is not None and study.protocol in numbered}
    entries = []
    for inv_id, found in lacking.items():
        try:
            invariant = catalogue.invariant(inv_id)
        except KeyError:
            invariant = found[0][1].invariant
        texts: dict[str, list[int]] = {}
        for study, _gap in found:
            if study.advice:
                texts.setdefault(study.advice, []).append(study.number)
        advised = {study.number for study, _gap in found if study.advice}
        # A paper that names its protocol is sent there; one that does not, to any protocol
        # of its type the dossier holds.
        papers_of: dict[int, list[int]] = {}
        for number in sorted(advised & reports.keys()):
            papers_of.setdefault(reports[number], []).append(number)
        own = tuple(_held(numbered[number], inv_id, lang, papers_of[number])
                    for number in sorted(papers_of))
        unlinked_types = {study.study_type for study, _gap in found
                          if study.advice and study.number not in reports}
        held_protocols = [protocol for protocol in protocols
                          if protocol.study_type in unlinked_types
                          and protocol.number not in advised]
        held = tuple(_held(protocol, inv_id, lang) for protocol in held_protocols)
        held_types = {protocol.study_type for protocol in held_protocols}
        unlinked = tuple(study.number for study, _gap in found
                         if study.advice and study.number not in reports
                         and study.study_type in held_types)
        entries.append(AdviceEntry(
            invariant_id=inv_id, title=pick(invariant.title, lang),
            ethical=invariant.is_ethical, studies=tuple(study for study, _gap in found),
            advice=tuple(Advice(text, tuple(numbers)) for text, numbers in texts.items()),
            held=held, own=own, unlinked=unlinked))
    entries.sort(key=lambda e: (not e.ethical, -len(e.studies),
                                order.get(e.invariant_id, len(order)), e.invariant_id))
    return entries


@dataclass(frozen=True)
class AdviceGroup:
    """A part of the list as a reader goes through it: the ethical invariants, which every
    study answers (each entry names the studies that lack it), or the methodological
    invariants of one study type, which only its studies answer: those studies are named once,
    with their titles, above their entries."""

    ethical: bool
    study_type: str  # "" for the ethical invariants
    studies: tuple[LackingStudy, ...]  # the group's studies, once each, in dossier order
    entries: tuple[AdviceEntry, ...]

    @property
    def one_study(self) -> bool:
        """The group names a single study: its entries need not name it again."""
        return not self.ethical and len(self.studies) == 1


def advice_groups(entries: Sequence[AdviceEntry]) -> list[AdviceGroup]:
    """``entries`` (:func:`dossier_advice`) grouped for reading: the ethical ones first, in
    their order, then the methodological ones per study type, the type of the first study in
    the dossier first, each group's entries in their order. A methodological invariant is of
    one study type, so each of its entries falls in one group."""
    groups = []
    ethical = tuple(entry for entry in entries if entry.ethical)
    if ethical:
        groups.append(AdviceGroup(True, "", (), ethical))
    by_type: dict[str, list[AdviceEntry]] = {}
    for entry in entries:
        if not entry.ethical:
            by_type.setdefault(entry.studies[0].study_type, []).append(entry)
    for study_type, typed in sorted(by_type.items(), key=lambda item: min(
            study.number for entry in item[1] for study in entry.studies)):
        studies = {study.number: study for entry in typed for study in entry.studies}
        groups.append(AdviceGroup(False, study_type,
                                  tuple(studies[number] for number in sorted(studies)),
                                  tuple(typed)))
    return groups
