"""Everything the dossier pages and dossier reports show, as plain data built once.

Sufficiency rules come from the active catalogue; each study's verdict from the catalogue it
was assessed with. The page, the PDF and the workbook all read this, so they cannot disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from exports.context import shortfall_lines, verdict_line

from ..catalogue import Catalogue, pick
from ..models.dossier import Dossier
from .countries import same_country as in_country_of
from .dossier_advice import AdviceEntry, AdviceGroup, StudyGaps, advice_groups, dossier_advice
from .dossiers import (
    ScoredStudy,
    dossier_digest,
    dossier_studies,
    protocol_links,
    scored_study,
    screening_of,
    study_evidence,
)
from .draft_flags import DraftFlags, draft_flags
from .scoring import AnswerCounts, unconfirmed_suggestion
from .screening import ScreeningResult
from .sufficiency import StudyEvidence, Sufficiency, assess_sufficiency, standing_of

COVERED, NOT_COUNTED = "covered", "not_counted"


@dataclass
class Publication:
    peer_reviewed: bool
    journal: str
    doi: str
    year: int | None
    country: str


@dataclass
class StudySummary:
    uid: str
    title: str
    study_type: str
    study_type_label: str
    document_kind: str
    verdict_id: str
    verdict_label: str
    # The verdict as the study's results page and reports state it: "Compliant — provisional:
    # 13 of 30 answers are unconfirmed suggestions" when it rests on some.
    verdict_line: str
    ethical_score: float | None
    methodological_score: float | None
    # Invariants answered (an unconfirmed suggestion included, as scored) of those of its
    # type, and how many of them by a person: what the study's results page and own reports
    # say, so a dossier agrees with them.
    answered: int
    total: int
    answer_counts: AnswerCounts
    publication: Publication | None
    country: str
    document_filename: str
    document_sha256: str
    content_digest: str
    counts: bool
    reasons: list[str]
    # Why its verdict is not a better one: one line per better verdict (none for the best).
    shortfalls: list[str]
    report_id: str = ""  # filled in by the dossier report (latest current or fresh report)
    # Answers that may rest on an earlier draft: the view says them, the score stands as is.
    drafts: DraftFlags = field(default_factory=DraftFlags)
    # The invariants whose answer is still an automatic suggestion no person has confirmed
    # (scored as it stands), in catalogue order: which answers "11 unconfirmed suggestions"
    # are, so that a reader of the dossier's reports can tell them from a person's.
    unconfirmed: list[str] = field(default_factory=list)
    # A paper's: the number of the dossier's study it names as the protocol it reports.
    protocol: int | None = None
    # A protocol's: the numbers of the dossier's papers that name it as theirs.
    reported_by: list[int] = field(default_factory=list)


@dataclass
class TypeMinimum:
    study_type: str
    label: str
    minimum: int
    same_country: bool
    count: int  # compliant (counting) studies of this type, any country
    count_in_country: int  # of those, conducted in the dossier's country
    reached: bool


@dataclass
class CoverageRow:
    field_id: str
    label: str
    content: str
    evidenced_by: list[str]  # study type labels
    cells: list[str]  # per study: "covered", "not_counted" or ""
    covered: bool


@dataclass
class DossierView:
    uid: str
    npi_name: str
    domain: str
    health_problem: str
    country: str
    owner: str
    screening: ScreeningResult | None
    studies: list[StudySummary]
    sufficiency: Sufficiency
    minimums: list[TypeMinimum]
    coverage: list[CoverageRow]
    catalogue: Catalogue
    digest: str
    lang: str
    supporting: dict[str, list[str]] = field(default_factory=dict)  # criterion -> study titles
    # What to look for and add to the dossier, per invariant some study lacks.
    advice: list[AdviceEntry] = field(default_factory=list)
    # The studies as read and scored for this view, in dossier order (``studies`` says them):
    # what the page, the reports and the review need of a study beyond its summary, without
    # reading or scoring it again.
    scored: list[ScoredStudy] = field(default_factory=list)
    # Whether each study's ``drafts`` were read from its documents (build_view's upload_dir).
    drafts_read: bool = False

    @property
    def advice_groups(self) -> list[AdviceGroup]:
        """The advice list as it is read: the ethical invariants, then the methodological
        ones under each study type's studies, named once (:func:`advice_groups`)."""
        return advice_groups(self.advice)


def _type_name(catalogue: Catalogue, study: ScoredStudy, study_type: str, lang: str) -> str:
    """The study's type as named after "type" ("prototypical"), by the active catalogue, else
    its own; its id when neither knows it."""
    for source in (catalogue, study.catalogue):
        try:
            return source.study_type(study_type).type_name(lang)
        except KeyError:
            continue
    return study_type


def _summary(study: ScoredStudy, evidence: StudyEvidence, catalogue: Catalogue,
             lang: str) -> StudySummary:
    assessment, own, score = study.assessment, study.catalogue, study.score
    standing = standing_of(catalogue, evidence, lang)
    publication = study.publication
    try:
        type_label = pick(own.study_type(assessment.study_type).label, lang)
    except KeyError:
        type_label = assessment.study_type
    return StudySummary(
        uid=assessment.uid, title=assessment.title, study_type=assessment.study_type,
        study_type_label=type_label, document_kind=assessment.document_kind,
        verdict_id=score.verdict_id, verdict_label=score.verdict(lang),
        verdict_line=verdict_line(score.verdict(lang), score.answer_counts, lang),
        ethical_score=score.ethical_score, methodological_score=score.methodological_score,
        answered=score.answered, total=score.total, answer_counts=score.answer_counts,
        publication=Publication(publication.peer_reviewed, publication.journal, publication.doi,
                                publication.year, publication.country) if publication else None,
        country=evidence.country, document_filename=assessment.document_filename,
        document_sha256=assessment.document_sha256, content_digest=study.content_digest,
        counts=standing.counts, reasons=standing.reasons,
        shortfalls=shortfall_lines(own, score, lang),
        unconfirmed=[inv.id for inv in own.invariants_for(assessment.study_type)
                     if unconfirmed_suggestion(study.record.answer_for(inv.id))],
    )


def type_minimums(catalogue: Catalogue, sufficiency: Sufficiency, studies: list[StudyEvidence],
                  country: str, lang: str) -> list[TypeMinimum]:
    """Counting studies per study type against the largest minimum the rules ask of it."""
    counting = {st.study.key for st in sufficiency.standings if st.counts}
    rows = []
    for type_id in dict.fromkeys(rule.study_type for rule in catalogue.evidence_rules):
        rules = [r for r in catalogue.evidence_rules if r.study_type == type_id]
        minimum = max(r.minimum for r in rules)
        same_country = any(r.same_country for r in rules)
        of_type = [s for s in studies if s.key in counting and s.study_type == type_id]
        in_country = [s for s in of_type if in_country_of(s.country, country)]
        have = len(in_country) if same_country else len(of_type)
        rows.append(TypeMinimum(type_id, pick(catalogue.study_type(type_id).label, lang),
                                minimum, same_country, len(of_type), len(in_country),
                                have >= minimum))
    return rows


def coverage_rows(catalogue: Catalogue, sufficiency: Sufficiency,
                  studies: list[StudyEvidence], lang: str) -> list[CoverageRow]:
    """NPI sheet fields (Tableau 2) × studies: which study evidences which field."""
    rows = []
    for sheet_field in catalogue.sheet_fields:
        supporting = set(sufficiency.coverage.get(sheet_field.id, []))
        cells = [COVERED if s.key in supporting
                 else NOT_COUNTED if s.study_type in sheet_field.evidenced_by else ""
                 for s in studies]
        rows.append(CoverageRow(
            sheet_field.id, pick(sheet_field.label, lang), pick(sheet_field.content, lang),
            [pick(catalogue.study_type(t).label, lang) for t in sheet_field.evidenced_by],
            cells, bool(supporting)))
    return rows


def build_view(dossier: Dossier, catalogue: Catalogue, lang: str,
               upload_dir: str | Path | None = None) -> DossierView:
    """The dossier in ``lang``, as its page, its reports and its review say it.

    ``upload_dir``: where the studies' documents are, to say which answers may rest on an
    earlier draft (:mod:`.draft_flags`); None: not looked at (the sufficiency page).
    """
    # Each study read and scored once, with its own catalogue, for its verdict in the
    # sufficiency, its summary, the advice list and the dossier's digest.
    scored = [scored_study(a) for a in dossier_studies(dossier)]
    evidence = [study_evidence(study) for study in scored]
    sufficiency = assess_sufficiency(catalogue, dossier.country, evidence, lang)
    studies = [_summary(study, its_evidence, catalogue, lang)
               for study, its_evidence in zip(scored, evidence, strict=True)]
    if upload_dir is not None:
        for summary, study in zip(studies, scored, strict=True):
            summary.drafts = draft_flags(study.catalogue, study.assessment, upload_dir)
    titles = {s.uid: s.title for s in studies}
    # Which protocol each paper reports, as study numbers (1 = first), as the reports name
    # the studies.
    numbers = {s.uid: n for n, s in enumerate(studies, start=1)}
    for paper_uid, protocol_uid in protocol_links(dossier).items():
        paper = studies[numbers[paper_uid] - 1]
        paper.protocol = numbers[protocol_uid]
        studies[paper.protocol - 1].reported_by.append(numbers[paper_uid])
    return DossierView(
        uid=dossier.uid, npi_name=dossier.npi_name, domain=dossier.domain,
        health_problem=dossier.health_problem, country=dossier.country,
        owner=dossier.owner.username, screening=screening_of(dossier, lang), studies=studies,
        sufficiency=sufficiency,
        minimums=type_minimums(catalogue, sufficiency, evidence, dossier.country, lang),
        coverage=coverage_rows(catalogue, sufficiency, evidence, lang),
        catalogue=catalogue, digest=dossier_digest(dossier, scored), lang=lang,
        supporting={c.criterion: [titles[s.key] for s in c.supporting]
                    for c in sufficiency.criteria},
        advice=dossier_advice(
            [StudyGaps(n, s.uid, s.title, study.catalogue, study.score, s.study_type,
                       _type_name(catalogue, study, s.study_type, lang), s.document_kind,
                       s.protocol)
             for n, (s, study) in enumerate(zip(studies, scored, strict=True), start=1)],
            catalogue, lang),
        scored=scored,
        drafts_read=upload_dir is not None,
    )
