"""A user's assessments as the home page lists them: searched, a page at a time, with progress.

An ethics committee or a reviewer gathers hundreds of assessments; the list must stay quick
(three queries for the page, not one per assessment) and findable by what people remember: a
word of the title, the NPI's name, the reference or the document's file name, typed without
its accents or capitals ("etude" finds « Étude »).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from dataclasses import dataclass

from sqlalchemy import select

from ..extensions import db
from ..models import Answer, Assessment, User
from .assessments import catalogue_of, progress
from .records import AnswerRecord, AssessmentRecord
from .scoring import ScoreResult, score_assessment

PAGE_SIZE = 50
# Longer search text is cut: it matches nothing a title field (300 characters) could hold.
MAX_SEARCH_CHARS = 300


@dataclass(frozen=True)
class ListedAssessment:
    assessment: Assessment
    answered: int  # invariants answered or confirmed by a person
    total: int  # invariants of its study type
    # The verdict and scores as the results page shows them (suggestions counted, flagged),
    # so that a committee can compare protocols and spot ethical problems from the list.
    score: ScoreResult | None = None

    @property
    def pending(self) -> int:
        """Automatic suggestions no person has confirmed yet."""
        return self.score.unconfirmed if self.score else 0

    @property
    def ethical_problems(self) -> int:
        """Ethical invariants answered not met or not reported (a suggestion counts):
        what a committee looks at first. Unanswered ones are left out."""
        if not self.score:
            return 0
        counts = self.score.ethical.counts
        return counts.get("not_met", 0) + counts.get("not_reported", 0)


@dataclass(frozen=True)
class AssessmentList:
    rows: list[ListedAssessment]
    search: str
    page: int  # 1-based, within 1..pages
    pages: int
    matching: int  # assessments matching the search, over all pages
    owned: int  # all the user's assessments


def folded(text: str) -> str:
    """Lower case without accents, for matching what a person types."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(words: list[str], fields: tuple[str | None, ...]) -> bool:
    haystack = folded(" ".join(field or "" for field in fields))
    return all(word in haystack for word in words)


def list_owned(user: User, search: str = "", page: int = 1,
               per_page: int | None = None) -> AssessmentList:
    """The page ``page`` (clamped to the pages there are) of the user's assessments whose
    title, NPI name, reference or document file name hold every word of ``search``; the
    most recently updated first."""
    per_page = per_page or PAGE_SIZE
    search = " ".join(search.split())[:MAX_SEARCH_CHARS]
    words = folded(search).split()
    # Matching is done here rather than in SQL: SQLite's lower() leaves "É" as it is, and the
    # few columns of even a thousand assessments are read in milliseconds.
    candidates = db.session.execute(
        select(Assessment.id, Assessment.title, Assessment.npi_name, Assessment.reference,
               Assessment.document_filename)
        .where(Assessment.owner_id == user.id)
        .order_by(Assessment.updated_at.desc(), Assessment.id.desc())
    ).all()
    owned = len(candidates)
    ids = [row.id for row in candidates if _matches(words, tuple(row[1:]))]
    pages = max(1, -(-len(ids) // per_page))
    page = min(max(page, 1), pages)
    shown = ids[(page - 1) * per_page:page * per_page]
    return AssessmentList(_with_progress(shown), search, page, pages, len(ids), owned)


def _with_progress(ids: list[int]) -> list[ListedAssessment]:
    if not ids:
        return []
    by_id = {a.id: a for a in db.session.scalars(select(Assessment).where(Assessment.id.in_(ids)))}
    # What progress and scoring read of each answer, in one query for the whole page, as
    # plain rows: ORM objects for a page's 50 × 30 answers cost more than all the rest.
    answers: dict[int, dict[str, AnswerRecord]] = defaultdict(dict)
    query = select(Answer.assessment_id, Answer.invariant_id, Answer.answer,
                   Answer.justification, Answer.origin).where(Answer.assessment_id.in_(ids))
    for assessment_id, invariant_id, answer, justification, origin in db.session.execute(query):
        answers[assessment_id][invariant_id] = AnswerRecord(
            invariant_id, answer, justification or "", origin=origin)
    rows = []
    for assessment_id in ids:
        assessment = by_id[assessment_id]
        catalogue = catalogue_of(assessment)
        record = _scored_record(assessment, answers[assessment_id])
        answered, total = progress(catalogue, record)
        rows.append(ListedAssessment(assessment, answered, total,
                                     score_assessment(catalogue, record)))
    return rows


def _scored_record(assessment: Assessment, answers: dict[str, AnswerRecord]) -> AssessmentRecord:
    """The part of :func:`~.assessments.to_record` that progress and scoring read (no
    owner, document versions or answer texts beyond the justification)."""
    return AssessmentRecord(
        uid=assessment.uid, title=assessment.title, document_kind=assessment.document_kind,
        study_type=assessment.study_type, npi_name=assessment.npi_name,
        domain=assessment.domain, country=assessment.country, language=assessment.language,
        catalogue_id=assessment.catalogue_id, catalogue_version=assessment.catalogue_version,
        catalogue_fingerprint=assessment.catalogue_fingerprint, assessor="", answers=answers)
