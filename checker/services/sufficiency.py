"""Evidence sufficiency of an NPI dossier against the catalogue's minimum-evidence rules.

This is the submitter's self-check: it counts compliant studies per study type, tells which of
the five criteria have enough studies behind them, which NPI sheet fields are covered, and what
is missing. It never says or suggests that an NPI is labelled: experts vote and NPIS decides.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.catalogue import Catalogue, pick


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

    @property
    def minimum_reached(self) -> bool:
        return all(c.reached for c in self.criteria)


_TEXT = {
    "en": {
        "verdict": "its assessment verdict is not one that counts (only {verdicts})",
        "quoted": "“{}”",
        "kind": "a protocol is not evidence of results (assess the published paper)",
        "peer": "not published in a peer-reviewed journal",
        "need": "{label}: {missing} more compliant {type} {study}{where} needed "
                "({have} of {minimum})",
        "study": ("study", "studies"),
        "where": " conducted in {country}",
        "field": "NPI sheet field not covered by a compliant study: {field} "
                 "(needs a compliant study of type {types})",
        "or": " or ",
    },
    "fr": {
        "verdict": "le verdict de son évaluation ne fait pas partie de ceux qui comptent "
                   "(seulement {verdicts})",
        "quoted": "«\u00a0{}\u00a0»",
        "kind": "un protocole ne prouve pas de résultats (évaluez l'article publié)",
        "peer": "non publiée dans une revue à comité de lecture",
        # "de type prototypique": the study types' labels are adjectives and a noun
        # ("Implémentation"), which "de type" takes alike, without an agreement to make.
        # The count beside the criterion: after "(France)", "(0 sur 1)" would be a second
        # bracket in a row.
        "need": "{label} ({have} sur {minimum})\u00a0: il manque {missing} {study} "
                "de type {type}{where}",
        "study": ("étude conforme", "études conformes"),
        "where": " dans le pays visé ({country})",
        "field": "Rubrique de la fiche INM non couverte\u00a0: {field} "
                 "(il faut une étude conforme de type {types})",
        "or": " ou ",
    },
}


def _same_country(a: str, b: str) -> bool:
    return bool(a.strip()) and a.strip().casefold() == b.strip().casefold()


def standing_of(catalogue: Catalogue, study: StudyEvidence, lang: str = "en") -> StudyStanding:
    """Whether a study counts towards the minimum-evidence rules, and why not."""
    text = _TEXT.get(lang, _TEXT["en"])
    reasons = []
    if study.verdict not in catalogue.counting_verdicts:
        # Named, so that "Compliant with reservations" is not taken for a verdict that counts.
        labels = {v.id: pick(v.label, lang) for v in catalogue.scoring.verdicts}
        verdicts = text["or"].join(text["quoted"].format(labels.get(v, v))
                                   for v in catalogue.counting_verdicts)
        reasons.append(text["verdict"].format(verdicts=verdicts))
    if study.document_kind not in catalogue.counting_document_kinds:
        reasons.append(text["kind"])
    if catalogue.peer_reviewed_required and not study.peer_reviewed:
        reasons.append(text["peer"])
    return StudyStanding(study, not reasons, reasons)


def assess_sufficiency(
    catalogue: Catalogue, country: str, studies: list[StudyEvidence], lang: str = "en"
) -> Sufficiency:
    """Apply the catalogue's minimum-evidence rules to the studies of one dossier."""
    text = _TEXT.get(lang, _TEXT["en"])
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
            and (not rule.same_country or _same_country(s.country, country))
        ]
        label = pick(catalogue_criterion(catalogue, rule.criterion), lang)
        status = CriterionStatus(rule.criterion, label, rule.study_type, rule.minimum,
                                 rule.same_country, supporting, len(supporting) >= rule.minimum)
        criteria.append(status)
        if not status.reached:
            short = rule.minimum - len(supporting)
            missing.append(text["need"].format(
                label=label,
                missing=short,
                study=text["study"][short > 1],
                type=pick(catalogue.study_type(rule.study_type).label, lang).lower(),
                where=text["where"].format(country=country or "?") if rule.same_country else "",
                have=len(supporting),
                minimum=rule.minimum,
            ))

    coverage: dict[str, list[str]] = {}
    for sheet_field in catalogue.sheet_fields:
        coverage[sheet_field.id] = [s.key for s in counting
                                    if s.study_type in sheet_field.evidenced_by]
        if not coverage[sheet_field.id]:
            types = text["or"].join(pick(catalogue.study_type(t).label, lang).lower()
                                    for t in sheet_field.evidenced_by)
            missing.append(text["field"].format(field=pick(sheet_field.label, lang), types=types))
    return Sufficiency(standings, counts_by_type, criteria, coverage, missing)


def catalogue_criterion(catalogue: Catalogue, criterion_id: str) -> dict[str, str]:
    for criterion in catalogue.criteria:
        if criterion.id == criterion_id:
            return criterion.label
    raise KeyError(criterion_id)
