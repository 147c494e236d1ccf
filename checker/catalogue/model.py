"""Typed, read-only view of a validated catalogue.

Instances are built by :mod:`checker.catalogue.loader` from a dict that has already passed
validation, so constructors here trust their input.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Any

Text = dict[str, str]
"""A translated text: language code -> wording."""

ANSWER_IDS = ("met", "partially_met", "not_met", "not_reported", "not_applicable")
DOCUMENT_KINDS = ("protocol", "paper")


def pick(text: Text, lang: str) -> str:
    """Return the wording in ``lang``, falling back to English then any language."""
    return text.get(lang) or text.get("en") or next(iter(text.values()), "")


def is_text_by_kind(data: Any) -> bool:
    """Whether a remedy or an example gives one text per document kind (``{protocol: …,
    paper: …}``) rather than one text for both (``{en: …, fr: …}``), as the schema reads it."""
    return isinstance(data, dict) and any(kind in data for kind in DOCUMENT_KINDS)


def _by_kind(data: dict[str, Any]) -> tuple[Text, Text]:
    """(protocol text, paper text) of a remedy or an example in either form."""
    if is_text_by_kind(data):
        return data["protocol"], data["paper"]
    return data, data


@dataclass(frozen=True)
class Guidance:
    met: Text
    partially_met: Text
    not_met: Text

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Guidance:
        return cls(data["met"], data["partially_met"], data["not_met"])


@dataclass(frozen=True)
class CrosswalkRef:
    standard: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class EvidenceDetail:
    """A particular the invariant's statement asks for (an approval reference, a registry
    number): a suggestion is met only when one of its patterns (regular expressions, matched
    without regard to case) occurs beside the evidence."""

    id: str
    label: Text
    patterns: dict[str, tuple[str, ...]]
    # The kinds of document that must state it ("protocol", "paper"); empty: every kind. A
    # protocol's version is asked of a protocol, where to read the protocol of a paper.
    kinds: tuple[str, ...] = ()
    # Stated anywhere in the document, not only in or right after a sentence of the
    # invariant's evidence: a protocol's version stands on its title page, not beside its
    # amendments.
    anywhere: bool = False
    # With ``anywhere``, also stated in the discussion (its limitations), where a paper
    # discusses its residual bias, not only in the study's own report.
    discussion: bool = False
    # The study types whose documents must state it; empty: every type the invariant applies
    # to. E08 asks the contraindications screened and a participant's stopping rule of a study
    # assigning an NPI, not of an observational one, which assigns none.
    study_types: tuple[str, ...] = ()
    # Not asked of a document whose own report states a design without it (OBS08's losses
    # to follow-up of a cross-sectional survey, which follows no one).
    waived_when: DetailWaiver | None = None
    # Also looked for in the study's own report under some headings, where the document
    # describes the matter: PRO04's components in "Description of interventions", beyond the
    # sentence after the evidence.
    sections: DetailSections | None = None

    def applies_to(self, kind: str | None, study_type: str | None = None) -> bool:
        """Whether a document of ``kind`` (an unknown kind: yes, as for the elements) of a
        study of ``study_type`` (unknown: yes) must state it."""
        return ((kind is None or not self.kinds or kind in self.kinds)
                and (study_type is None or not self.study_types
                     or study_type in self.study_types))

    def patterns_for(self, lang: str) -> tuple[str, ...]:
        """The patterns of ``lang``, else the English ones (identifiers read alike)."""
        return self.patterns.get(lang) or self.patterns.get("en") or ()


@dataclass(frozen=True)
class DetailSections:
    """Where else a particular is looked for: the sentences of the study's own report under
    the headings ``names`` (per language, read as ``evidence.sections``: the sentence's own
    heading names one as whole words), in the wordings ``patterns`` (per language), stricter
    than the detail's own: a whole section is read, not a sentence beside the evidence, and
    "community leaders including ssengas" there says nothing of what the NPI is made of."""

    names: dict[str, tuple[str, ...]]
    patterns: dict[str, tuple[str, ...]]

    def names_for(self, lang: str) -> tuple[str, ...]:
        """The headings of ``lang`` (worded in the document's language); () if none."""
        return self.names.get(lang, ())

    def patterns_for(self, lang: str) -> tuple[str, ...]:
        """The wordings of ``lang``; () if none."""
        return self.patterns.get(lang, ())

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DetailSections:
        return cls(_by_lang(data["names"]), _by_lang(data["patterns"]))


@dataclass(frozen=True)
class Waiver:
    """An element an invariant does not ask of a document that states a design without it
    (INT03's block size under minimisation): the reason said in the rationale, the wordings
    of the sentence stating that design, and those of a sentence that keeps it asked all the
    same (a cross-sectional baseline followed up for 12 months loses participants)."""

    reason: Text
    patterns: dict[str, tuple[str, ...]]
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def patterns_for(self, lang: str) -> tuple[str, ...]:
        """The patterns of ``lang``, else the English ones."""
        return self.patterns.get(lang) or self.patterns.get("en") or ()

    def unless_for(self, lang: str) -> tuple[str, ...]:
        """The patterns that keep it asked in ``lang``, else the English ones; () if none."""
        return self.unless.get(lang) or self.unless.get("en") or ()

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Waiver:
        return cls(data["reason"], _by_lang(data["patterns"]), _by_lang(data.get("unless")))


@dataclass(frozen=True)
class DetailWaiver(Waiver):
    """A particular (``evidence.details``) not asked of a document that states a design
    without it: a waiver, with the short name said in the rationale instead of the detail's
    label, which lists examples (empty: the label)."""

    label: Text = field(default_factory=dict)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> DetailWaiver:
        return cls(data["reason"], _by_lang(data["patterns"]), _by_lang(data.get("unless")),
                   data.get("label") or {})


def _by_lang(patterns: dict[str, list[str]] | None) -> dict[str, tuple[str, ...]]:
    """Per-language lists of patterns, as tuples (none: empty)."""
    return {lang: tuple(v) for lang, v in (patterns or {}).items()}


@dataclass(frozen=True)
class Evidence:
    elements: tuple[str, ...]
    cues: dict[str, tuple[str, ...]]
    sections: dict[str, tuple[str, ...]]
    details: tuple[EvidenceDetail, ...] = ()
    # Wordings (regular expressions per language, matched without regard to case) of a
    # sentence that states what the invariant asks is not done ("Patients were not
    # involved.") or not done yet ("Trial registration: to be registered."). Such a sentence
    # names the invariant's topic without evidencing it, so it is never its evidence.
    absence: dict[str, tuple[str, ...]] = field(default_factory=dict)
    not_yet: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def absence_for(self, lang: str) -> tuple[str, ...]:
        """The absence patterns of ``lang``, else the English ones."""
        return self.absence.get(lang) or self.absence.get("en") or ()

    def not_yet_for(self, lang: str) -> tuple[str, ...]:
        """The not-yet patterns of ``lang``, else the English ones."""
        return self.not_yet.get(lang) or self.not_yet.get("en") or ()
    # Per listed element, patterns per language (regular expressions, case not significant)
    # one of which the element's sentence must hold to be quoted for this invariant: an
    # element's cues word the SPIRIT/CONSORT item, and some of its sentences are about
    # something else here (a protocol's version line is no amendment for E04).
    about: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Per listed element, patterns per language (regular expressions, case not significant)
    # of a sentence that reports the element for this invariant, when the element's own
    # detection (its SPIRIT/CONSORT cues and model, frozen) missed it: E08 reads "The DMC may
    # recommend stopping the trial if there is evidence of harm" as a stopping rule (21c).
    worded: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Per listed element, patterns per language (regular expressions, case not significant)
    # of the element's sentence to quote first for this invariant, when several are its
    # evidence: the first cue sentence holding one is quoted, else the first as usual (for
    # INT05, the sentence naming who is blinded before an objective's "trial with a blinded
    # assessor"). Unlike ``about``, it never leaves the element without a sentence.
    quoted_first: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    # Wordings (regular expressions per language, case not significant) of a sentence about
    # another matter than the invariant's though it holds its words or its elements' cues
    # (for E09, participants' burden, a member of staff paid or an author's travel expenses):
    # such a sentence is quoted neither in the invariant's own words nor as an element's.
    other_matter: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Wordings (regular expressions per language, case not significant) of a sentence that
    # holds the invariant's words only in passing, as the moment something else happens
    # (for E02, consent, "After informed consent, participants are randomised"): such a
    # sentence is not quoted in the invariant's own words, only as an element's evidence, so
    # after the sentences in its own words.
    in_passing: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Wordings (regular expressions per language, case not significant) of a sentence about a
    # further part of what the invariant covers, which a reviewer looks for beside its main
    # evidence (for E08, a safeguarding procedure): quoted after the other quotations, only
    # when there are some, and never part of the answer nor of its particulars.
    secondary: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Wordings (regular expressions per language, case not significant) in the invariant's
    # own words where a phrase would be too broad (for PRO05, "une séance hebdomadaire de
    # 2 h 30", a weekly session with its length, not any weekly session's content).
    cue_patterns: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Whether its own words (cues, cue_patterns) tell what the document's own study does (for
    # MEC08, "mediated by", an interaction term): a background or discussion sentence holding
    # them ("Exercise effects are mediated by BDNF.") is its evidence only where it speaks of
    # the study itself, as a citing sentence never is.
    own_report: bool = False
    # Wordings (regular expressions per language, case not significant) of a table's header
    # row, its cells " | " apart (for PRO04, "Séance | Thème | Pratiques principales"): the
    # rows under it are quoted in the invariant's own words, the header never.
    table_rows: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # Per listed element, when it is not asked of a document (the design the document states
    # has no such thing: a block size under minimisation): why, and the wordings (regular
    # expressions per language, case not significant) of the sentence of the study's own
    # report that states that design.
    waived: dict[str, Waiver] = field(default_factory=dict)

    def about_patterns(self, element: str, lang: str) -> tuple[str, ...]:
        """What ``element``'s sentence must hold in ``lang`` (else English); () if anything."""
        by_lang = self.about.get(element) or {}
        return by_lang.get(lang) or by_lang.get("en") or ()

    def quoted_first_patterns(self, element: str, lang: str) -> tuple[str, ...]:
        """The wordings of ``element``'s sentence to quote first in ``lang`` (else English)."""
        by_lang = self.quoted_first.get(element) or {}
        return by_lang.get(lang) or by_lang.get("en") or ()

    def worded_patterns(self, element: str, lang: str) -> tuple[str, ...]:
        """The wordings of ``element`` in ``lang`` (else English); () if none."""
        by_lang = self.worded.get(element) or {}
        return by_lang.get(lang) or by_lang.get("en") or ()

    def other_matter_for(self, lang: str) -> tuple[str, ...]:
        """The other-matter patterns of ``lang``, else the English ones."""
        return self.other_matter.get(lang) or self.other_matter.get("en") or ()

    def in_passing_for(self, lang: str) -> tuple[str, ...]:
        """The in-passing patterns of ``lang``, else the English ones."""
        return self.in_passing.get(lang) or self.in_passing.get("en") or ()

    def secondary_for(self, lang: str) -> tuple[str, ...]:
        """The secondary patterns of ``lang``, else the English ones."""
        return self.secondary.get(lang) or self.secondary.get("en") or ()

    def cue_patterns_for(self, lang: str) -> tuple[str, ...]:
        """The own-words patterns of ``lang``, else the English ones."""
        return self.cue_patterns.get(lang) or self.cue_patterns.get("en") or ()

    def table_rows_for(self, lang: str) -> tuple[str, ...]:
        """The table header patterns of ``lang``, else the English ones."""
        return self.table_rows.get(lang) or self.table_rows.get("en") or ()


@dataclass(frozen=True)
class Invariant:
    id: str
    kind: str
    study_types: tuple[str, ...]
    weight: float
    title: Text
    statement: Text
    guidance_protocol: Guidance
    guidance_paper: Guidance
    remedy_protocol: Text
    remedy_paper: Text
    # For a submitter whose paper is already published and cannot change: where the missing
    # part may be found and what to add to the dossier (None: the catalogue gives none).
    remedy_dossier: Text | None
    example_protocol: Text
    example_paper: Text
    na_allowed: bool
    na_when: Text | None
    sheet_fields: tuple[str, ...]
    criteria: tuple[str, ...]
    crosswalk: tuple[CrosswalkRef, ...]
    evidence: Evidence

    @property
    def is_ethical(self) -> bool:
        return self.kind == "ethical"

    def guidance(self, document_kind: str) -> Guidance:
        """Guidance for a ``protocol`` (planned work) or a ``paper`` (reported work)."""
        return self.guidance_paper if document_kind == "paper" else self.guidance_protocol

    def remedy(self, document_kind: str) -> Text:
        """How to fix it: what to add to a protocol, or what to ask a paper's authors to
        report."""
        return self.remedy_paper if document_kind == "paper" else self.remedy_protocol

    def dossier_advice(self, document_kind: str) -> Text | None:
        """For a paper, what a submitter building a dossier on it once it is published should
        look for and add to the dossier, apart from what its authors are asked to report (a
        protocol, or a catalogue without that advice: None)."""
        return self.remedy_dossier if document_kind == "paper" else None

    def example(self, document_kind: str) -> Text:
        """Compliant wording as a protocol (plans) or a paper (what was done) would put it."""
        return self.example_paper if document_kind == "paper" else self.example_protocol

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Invariant:
        na = data.get("not_applicable") or {}
        ev = data.get("evidence") or {}
        remedy_protocol, remedy_paper = _by_kind(data["remedy"])
        example_protocol, example_paper = _by_kind(data["example"])
        return cls(
            id=data["id"],
            kind=data["kind"],
            study_types=tuple(data["study_types"]),
            weight=float(data.get("weight", 1)),
            title=data["title"],
            statement=data["statement"],
            guidance_protocol=Guidance.from_dict(data["guidance"]["protocol"]),
            guidance_paper=Guidance.from_dict(data["guidance"]["paper"]),
            remedy_protocol=remedy_protocol,
            remedy_paper=remedy_paper,
            remedy_dossier=data["remedy"].get("dossier"),
            example_protocol=example_protocol,
            example_paper=example_paper,
            na_allowed=bool(na.get("allowed", False)),
            na_when=na.get("when"),
            sheet_fields=tuple(data.get("sheet_fields", ())),
            criteria=tuple(data.get("criteria", ())),
            crosswalk=tuple(
                CrosswalkRef(ref["standard"], tuple(str(i) for i in ref["items"]))
                for ref in data.get("crosswalk", ())
            ),
            evidence=Evidence(
                elements=tuple(ev.get("elements", ())),
                cues={lang: tuple(v) for lang, v in (ev.get("cues") or {}).items()},
                sections={lang: tuple(v) for lang, v in (ev.get("sections") or {}).items()},
                details=tuple(
                    EvidenceDetail(d["id"], d["label"],
                                   {lang: tuple(v) for lang, v in d["patterns"].items()},
                                   tuple(d.get("kinds") or ()), bool(d.get("anywhere")),
                                   bool(d.get("discussion")),
                                   tuple(d.get("study_types") or ()),
                                   DetailWaiver.from_dict(d["waived_when"])
                                   if d.get("waived_when") else None,
                                   DetailSections.from_dict(d["sections"])
                                   if d.get("sections") else None)
                    for d in ev.get("details") or ()
                ),
                absence={lang: tuple(v) for lang, v in (ev.get("absence") or {}).items()},
                not_yet={lang: tuple(v) for lang, v in (ev.get("not_yet") or {}).items()},
                about={element: {lang: tuple(v) for lang, v in by_lang.items()}
                       for element, by_lang in (ev.get("about") or {}).items()},
                worded={element: {lang: tuple(v) for lang, v in by_lang.items()}
                        for element, by_lang in (ev.get("worded") or {}).items()},
                quoted_first={element: {lang: tuple(v) for lang, v in by_lang.items()}
                              for element, by_lang in (ev.get("quoted_first") or {}).items()},
                other_matter={lang: tuple(v)
                              for lang, v in (ev.get("other_matter") or {}).items()},
                in_passing={lang: tuple(v)
                            for lang, v in (ev.get("in_passing") or {}).items()},
                secondary={lang: tuple(v)
                           for lang, v in (ev.get("secondary") or {}).items()},
                cue_patterns={lang: tuple(v)
                              for lang, v in (ev.get("cue_patterns") or {}).items()},
                table_rows={lang: tuple(v)
                            for lang, v in (ev.get("table_rows") or {}).items()},
                own_report=bool(ev.get("own_report", False)),
                waived={element: Waiver.from_dict(w)
                        for element, w in (ev.get("waived") or {}).items()},
            ),
        )


@dataclass(frozen=True)
class StudyType:
    id: str
    number: int
    label: Text
    purpose: Text
    # The type named after the word "type" ("a study of type interventional"): in French it
    # agrees with the masculine « type » (« de type interventionnel »), where the label agrees
    # with « étude » (« Interventionnelle »). Optional: the label in lower case otherwise.
    type_label: Text = field(default_factory=dict)

    def type_name(self, lang: str) -> str:
        """The type as named after the word "type", in ``lang``."""
        return self.type_label.get(lang) or pick(self.label, lang).lower()


@dataclass(frozen=True)
class SheetField:
    id: str
    label: Text
    content: Text
    evidenced_by: tuple[str, ...]


@dataclass(frozen=True)
class Criterion:
    id: str
    label: Text


@dataclass(frozen=True)
class EvidenceRule:
    criterion: str
    study_type: str
    minimum: int
    same_country: bool = False


@dataclass(frozen=True)
class AnswerOption:
    id: str
    points: int | None
    label: Text
    excluded: bool = False
    requires_justification: bool = False


@dataclass(frozen=True)
class VerdictRule:
    id: str
    label: Text
    ethical_forbidden: tuple[str, ...] = ()
    methodological_min: float | None = None


@dataclass(frozen=True)
class Scoring:
    max_points: int
    answers: tuple[AnswerOption, ...]
    verdicts: tuple[VerdictRule, ...]
    rules_text: Text

    def answer(self, answer_id: str) -> AnswerOption:
        for option in self.answers:
            if option.id == answer_id:
                return option
        raise KeyError(answer_id)


@dataclass(frozen=True)
class Standard:
    id: str
    name: str
    citation: str
    items: tuple[str, ...]


@dataclass(frozen=True)
class Element:
    id: str
    label: Text
    # What the document's own study does (its costs, its number of centres): found only in
    # the background or the discussion, no invariant's evidence (see checker/evidence/suggest.py).
    own_report: bool = False


@dataclass(frozen=True)
class Catalogue:
    id: str
    name: Text
    version: str
    languages: tuple[str, ...]
    provenance: Text
    notes: Text
    counts: dict[str, Any]
    study_types: tuple[StudyType, ...]
    sheet_fields: tuple[SheetField, ...]
    criteria: tuple[Criterion, ...]
    evidence_rules: tuple[EvidenceRule, ...]
    expert_agreement: float
    counting_verdicts: tuple[str, ...]
    counting_document_kinds: tuple[str, ...]
    peer_reviewed_required: bool
    scoring: Scoring
    standards: tuple[Standard, ...]
    reporting_elements: tuple[Element, ...]  # readable names of the SCTM items
    extra_elements: tuple[Element, ...]
    invariants: tuple[Invariant, ...]
    fingerprint: str
    source: str
    data: dict[str, Any] = field(repr=False, compare=False)
    # Per language, headings that name a matter of their own in words holding a section's
    # name ("Consent for publication"): such a name found only inside one of them does not
    # place a sentence in an invariant's usual sections (see usual_sections.py).
    headings_of_their_own: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def own_report_elements(self) -> frozenset[str]:
        """The elements that tell what the document's own study does (``own_report``)."""
        return frozenset(e.id for e in self.reporting_elements + self.extra_elements
                         if e.own_report)

    def element_label(self, element_id: str, lang: str) -> str:
        """Readable name of a detection element; its id when the catalogue names it nowhere."""
        for element in self.reporting_elements + self.extra_elements:
            if element.id == element_id:
                return pick(element.label, lang)
        return element_id

    def invariant(self, invariant_id: str) -> Invariant:
        for inv in self.invariants:
            if inv.id == invariant_id:
                return inv
        raise KeyError(invariant_id)

    def study_type(self, study_type_id: str) -> StudyType:
        for st in self.study_types:
            if st.id == study_type_id:
                return st
        raise KeyError(study_type_id)

    def invariants_for(self, study_type: str) -> list[Invariant]:
        """Ethical invariants first, then the methodological ones of ``study_type``."""
        if study_type not in {st.id for st in self.study_types}:
            raise KeyError(study_type)
        applicable = [inv for inv in self.invariants if study_type in inv.study_types]
        return [i for i in applicable if i.is_ethical] + [i for i in applicable if not i.is_ethical]

    def to_dict(self) -> dict[str, Any]:
        """The whole catalogue (metadata and every invariant) as plain data."""
        return copy.deepcopy(self.data)

    @classmethod
    def from_dict(cls, data: dict[str, Any], *, fingerprint: str, source: str) -> Catalogue:
        scoring = data["scoring"]
        evidence = data["minimum_evidence"]
        return cls(
            id=data["id"],
            name=data["name"],
            version=str(data["version"]),
            languages=tuple(data["languages"]),
            provenance=data["provenance"],
            notes=data.get("notes") or {},
            counts=data["counts"],
            study_types=tuple(
                StudyType(s["id"], int(s["number"]), s["label"], s["purpose"],
                          s.get("type_label") or {})
                for s in data["study_types"]
            ),
            sheet_fields=tuple(
                SheetField(f["id"], f["label"], f["content"], tuple(f["evidenced_by"]))
                for f in data["sheet_fields"]
            ),
            criteria=tuple(Criterion(c["id"], c["label"]) for c in data["criteria"]),
            evidence_rules=tuple(
                EvidenceRule(
                    r["criterion"], r["study_type"], int(r["minimum"]),
                    bool(r.get("same_country", False)),
                )
                for r in evidence["rules"]
            ),
            expert_agreement=float(evidence.get("expert_agreement", 0.8)),
            counting_verdicts=tuple(evidence.get("counting_verdicts", ("compliant",))),
            counting_document_kinds=tuple(evidence.get("counting_document_kinds", ("paper",))),
            peer_reviewed_required=bool(evidence.get("peer_reviewed_required", True)),
            scoring=Scoring(
                max_points=int(scoring["max_points"]),
                answers=tuple(
                    AnswerOption(
                        a["id"], a.get("points"), a["label"], bool(a.get("excluded", False)),
                        bool(a.get("requires_justification", False)),
                    )
                    for a in scoring["answers"]
                ),
                verdicts=tuple(
                    VerdictRule(
                        v["id"], v["label"], tuple(v.get("ethical_forbidden", ())),
                        v.get("methodological_min"),
                    )
                    for v in scoring["verdicts"]
                ),
                rules_text=scoring["rules_text"],
            ),
            standards=tuple(
                Standard(s["id"], s["name"], s.get("citation", ""),
                         tuple(str(i) for i in s["items"]))
                for s in data["standards"]
            ),
            reporting_elements=tuple(
                Element(e["id"], e["label"], bool(e.get("own_report", False)))
                for e in data.get("reporting_elements", ())
            ),
            extra_elements=tuple(
                Element(e["id"], e["label"], bool(e.get("own_report", False)))
                for e in data.get("extra_elements", ())
            ),
            invariants=tuple(Invariant.from_dict(i) for i in data["invariants"]),
            fingerprint=fingerprint,
            source=source,
            data=data,
            headings_of_their_own={lang: tuple(v) for lang, v
                                   in (data.get("headings_of_their_own") or {}).items()},
        )
