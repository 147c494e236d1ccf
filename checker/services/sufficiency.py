"""Evidence sufficiency of an NPI dossier against the catalogue's minimum-evidence rules.

This is the submitter's self-check: it counts compliant studies per study type, tells which of
the five criteria have enough studies behind them, which NPI sheet fields are covered, and what
is missing. It never says or suggests that an NPI is labelled: experts vote and NPIS decides.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

from checker.catalogue import Catalogue, pick
from exports.labels import Labels, labels

from .countries import country_codes, country_name, fold, same_country


@dataclass(frozen=True)
class StudyEvidence:
    """What sufficiency needs to know about one study of a dossier."""

    key: str  # stable identifier of the study within the dossier (e.g. assessment uid)
    title: str
    study_type: str
    document_kind: str
    verdict: str
    country: str = ""
    peer_reviewed: bool = False
    year: int | None = None


@dataclass
class StudyStanding:
    study: StudyEvidence
    counts: bool
    reasons: list[str] = field(default_factory=list)  # why it does not count


@dataclass
class CriterionStatus:
    criterion: str
    label: str
    study_type: str
    minimum: int
    same_country: bool
    supporting: list[StudyEvidence]
    reached: bool

    @property
    def count(self) -> int:
        return len(self.supporting)


@dataclass
class Sufficiency:
    standings: list[StudyStanding]
    counts_by_type: dict[str, int]
    criteria: list[CriterionStatus]
    coverage: dict[str, list[str]]  # sheet field id -> keys of counting studies evidencing it
    missing: list[str]
    # Where a minimum asks for studies in the country of deployment: each counting study of
    # such a type whose country was matched under another spelling, or not matched, and why;
    # first, when the country of deployment is not one known, that it is compared as written.
    country_notes: list[str] = field(default_factory=list)

    @property
    def minimum_reached(self) -> bool:
        return all(c.reached for c in self.criteria)


def _quoted(lab: Labels, text: str) -> str:
    return lab["quote_open"] + text + lab["quote_close"]


def _joined(lab: Labels, word: str, items: list[str]) -> str:
    """``items`` joined with the label ``word`` ("and", "or") between spaces."""
    return f" {lab[word]} ".join(items)


def _named(lab: Labels, typed: str, lang: str) -> str:
    """A country as typed, quoted, with the countries it was read as when they are not what
    was typed (“England” (United Kingdom)); the names in ``lang``."""
    names = sorted(country_name(code, lang) for code in country_codes(typed))
    if not names or [fold(typed)] == [fold(name) for name in names]:
        return _quoted(lab, typed.strip())
    return lab("sufficiency_named_as", named=_quoted(lab, typed.strip()), names=", ".join(names))


def country_notes(studies: list[StudyEvidence], country: str, lang: str = "en") -> list[str]:
    """Why each of ``studies`` counts or not in the country of deployment, where it is not
    plain: its country written otherwise than the country of deployment, or not matched (see
    :func:`~checker.services.countries.same_country`)."""
    lab = labels(lang)
    deployment = _named(lab, country, lang)
    notes = []
    if country.strip() and not country_codes(country):
        notes.append(lab("sufficiency_deployment_unknown", country=deployment))
    for study in studies:
        title, study_codes = study.title, country_codes(study.country)
        if not study.country.strip():
            key = "no_country"
        elif same_country(study.country, country):
            if fold(study.country) == fold(country):
                continue  # written alike: nothing to explain
            key = "among" if len(study_codes) > 1 else "counted_as"
        else:
            key = "elsewhere" if study_codes else "unknown"
        notes.append(lab(f"sufficiency_{key}", title=title,
                         study=_named(lab, study.country, lang), deployment=deployment))
    return notes


def standing_of(catalogue: Catalogue, study: StudyEvidence, lang: str = "en") -> StudyStanding:
    """Whether a study counts towards the minimum-evidence rules, and why not."""
    lab = labels(lang)
    reasons = []
    if study.verdict not in catalogue.counting_verdicts:
        # Named, so that "Compliant with reservations" is not taken for a verdict that counts.
        names = {v.id: pick(v.label, lang) for v in catalogue.scoring.verdicts}
        verdicts = _joined(lab, "or", [_quoted(lab, names.get(v, v))
                                       for v in catalogue.counting_verdicts])
        reasons.append(lab("sufficiency_verdict", verdicts=verdicts))
    if study.document_kind not in catalogue.counting_document_kinds:
        reasons.append(lab["sufficiency_kind"])
    if catalogue.peer_reviewed_required and not study.peer_reviewed:
        reasons.append(lab["sufficiency_peer"])
    return StudyStanding(study, not reasons, reasons)


def assess_sufficiency(
    catalogue: Catalogue, country: str, studies: list[StudyEvidence], lang: str = "en"
) -> Sufficiency:
    """Apply the catalogue's minimum-evidence rules to the studies of one dossier."""
    lab = labels(lang)
    standings = [standing_of(catalogue, s, lang) for s in studies]
    counting = [st.study for st in standings if st.counts]
    counts_by_type = {t.id: sum(1 for s in counting if s.study_type == t.id)
                      for t in catalogue.study_types}

    criteria: list[CriterionStatus] = []
    missing: list[str] = []
    for rule in catalogue.evidence_rules:
        supporting = [
            s for s in counting
            if s.study_type == rule.study_type
            and (not rule.same_country or same_country(s.country, country))
        ]
        label = pick(catalogue_criterion(catalogue, rule.criterion), lang)
        status = CriterionStatus(rule.criterion, label, rule.study_type, rule.minimum,
                                 rule.same_country, supporting, len(supporting) >= rule.minimum)
        criteria.append(status)
        if not status.reached:
            short = rule.minimum - len(supporting)
            type_name = catalogue.study_type(rule.study_type).type_name(lang)
            missing.append(lab(
                "sufficiency_need",
                label=label,
                missing=short,
                study=lab["sufficiency_study_many" if short > 1 else "sufficiency_study_one"],
                type=type_name,
                where=(lab("sufficiency_where", country=country or "?") if rule.same_country
                       else ""),
                have=len(supporting),
                minimum=rule.minimum,
            ) + _held_back(lab, [(n, st) for n, st in enumerate(standings, start=1)
                                  if st.study.study_type == rule.study_type and not st.counts
                                  and (not rule.same_country
                                       or same_country(st.study.country, country))],
                           type_name, short, catalogue.counting_verdicts,
                           catalogue.counting_document_kinds))

    coverage: dict[str, list[str]] = {}
    # A field no counting study covers has no counting study of any of its types: where one
    # of them is a type a minimum asks for, that minimum is not reached either (its line is
    # above), and the study it needs will cover the field. Those fields are named together;
    # a field only a type no minimum asks for would cover keeps its own line and types.
    asked = {rule.study_type for rule in catalogue.evidence_rules if rule.minimum > 0}
    by_minimums: list[str] = []
    alone: list[str] = []
    for sheet_field in catalogue.sheet_fields:
        coverage[sheet_field.id] = [s.key for s in counting
                                    if s.study_type in sheet_field.evidenced_by]
        if coverage[sheet_field.id]:
            continue
        if asked & set(sheet_field.evidenced_by):
            by_minimums.append(pick(sheet_field.label, lang))
        else:
            types = _joined(lab, "or", [catalogue.study_type(t).type_name(lang)
                                        for t in sheet_field.evidenced_by])
            alone.append(lab("sufficiency_field", field=pick(sheet_field.label, lang),
                             types=types))
    if by_minimums:
        fields = by_minimums[0] if len(by_minimums) == 1 else (
            _joined(lab, "and", [", ".join(by_minimums[:-1]), by_minimums[-1]]))
        missing.append(lab("sufficiency_fields_by_minimums_"
                           + ("many" if len(by_minimums) > 1 else "one"), fields=fields))
    missing += alone
    in_country_types = {r.study_type for r in catalogue.evidence_rules if r.same_country}
    notes = country_notes([s for s in counting if s.study_type in in_country_types],
                          country, lang) if in_country_types else []
    return Sufficiency(standings, counts_by_type, criteria, coverage, missing, notes)


def _numbers(lab: Labels, numbers: list[int]) -> str:
    """1, 2 and 3 (« 1, 2 et 3 »)."""
    names = [str(n) for n in numbers]
    return names[0] if len(names) == 1 else _joined(lab, "and", [", ".join(names[:-1]),
                                                                 names[-1]])


def _held_back(lab: Labels, held: list[tuple[int, StudyStanding]], type_name: str, short: int,
               counting_verdicts: Collection[str],
               counting_kinds: Collection[str]) -> str:
    """What to add after a minimum not reached when the dossier already holds studies of its
    type (in the country of deployment, where the minimum asks for it) that do not count (their
    verdict, a protocol, no peer review): ``held``, numbered as in the dossier's list, why,
    and whether making them count would be enough. Nothing when it holds none (a study of the
    type that counts, but elsewhere than the country of deployment, is the country notes'
    matter).

    A protocol (a document kind that never counts) is named apart, as one that will not count
    whatever its verdict: a submitter who holds a trial's protocol and its paper must not read
    "making them count meets this minimum" as a minimum of two met by the one trial."""
    if not held:
        return ""
    number = "many" if len(held) > 1 else "one"
    if len(held) > 1:
        reasons = lab["separator"].join(
            lab("sufficiency_held_reason", number=n, reasons=_joined(lab, "and", st.reasons))
            for n, st in held)
    else:
        reasons = _joined(lab, "and", held[0][1].reasons)
    line = ". " + lab(f"sufficiency_held_{number}",
                      numbers=_numbers(lab, [n for n, _ in held]), type=type_name,
                      reasons=reasons)
    countable = [(n, st) for n, st in held if st.study.document_kind in counting_kinds]
    never = [n for n, st in held if st.study.document_kind not in counting_kinds]
    if not never:
        line += " " + _enough(lab, number, short, len(held), "")
    else:
        line += " " + lab("sufficiency_held_never_" + ("many" if len(never) > 1 else "one"),
                          numbers=_numbers(lab, never))
        if countable:
            line += " " + _enough(lab, "many" if len(countable) > 1 else "one", short,
                                  len(countable), _numbers(lab, [n for n, _ in countable]))
    if any(st.study.verdict not in counting_verdicts for _, st in countable):
        line += " " + lab["sufficiency_held_verdict"]
    return line


def _enough(lab: Labels, number: str, short: int, held: int, numbers: str) -> str:
    """Whether making ``held`` studies count meets a minimum ``short`` studies short of it;
    the studies named by their ``numbers`` when other studies of the type were named beside
    them (a protocol, which never counts), else as "it" / "they"."""
    named = "_named" if numbers else ""
    if held >= short:
        return lab(f"sufficiency_held_enough{named}_{number}", numbers=numbers)
    return lab(f"sufficiency_held_short{named}_{number}", missing=short - held, numbers=numbers)


def catalogue_criterion(catalogue: Catalogue, criterion_id: str) -> dict[str, str]:
    for criterion in catalogue.criteria:
        if criterion.id == criterion_id:
            return criterion.label
    raise KeyError(criterion_id)
