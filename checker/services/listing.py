"""A user's assessments as the home page lists them: searched, filtered, sorted, a page at a
time, each with its verdict, scores and progress.

An ethics committee or a reviewer gathers hundreds of assessments; the list must stay quick
and findable by what people remember: a word of the title, the NPI's name, the reference or the
document's file name, typed without its accents or capitals ("etude" finds « Étude »). To
compare protocols, it narrows to a verdict, a study type, the assessments with ethical problems
or with suggestions waiting for review, and sorts by verdict, ethical score or problems: that
needs the score of every matching assessment, not only the page's, so scores are kept between
requests (see :class:`_ScoreCache`).
"""

from __future__ import annotations

import unicodedata
from collections import defaultdict
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from threading import Lock
from typing import Any

from flask import current_app
from flask_babel import LazyString
from flask_babel import lazy_gettext as _l
from sqlalchemy import Row, select

from ..catalogue import Catalogue, pick
from ..catalogue.model import Text
from ..extensions import db
from ..models import Answer, Assessment, User
from .assessments import catalogue_of
from .records import AnswerRecord, AssessmentRecord
from .scoring import (
    NOT_MET,
    NOT_REPORTED,
    AnswerCounts,
    VerdictShortfall,
    score_assessment,
    verdict_shortfalls,
)
from .snapshots import catalogue_by_fingerprint

PAGE_SIZE = 50
# Longer search text is cut: it matches nothing a title field (300 characters) could hold.
MAX_SEARCH_CHARS = 300

# The orders the list offers; ties keep the default order.
SORTS: dict[str, LazyString] = {
    "updated": _l("Most recently updated first"),
    "title": _l("Title, A to Z"),
    "verdict": _l("Verdict, worst first"),
    "ethical": _l("Ethical score, lowest first"),
    "problems": _l("Most ethical problems first"),
}
DEFAULT_SORT = "updated"


@dataclass(frozen=True, slots=True)
class ListedScore:
    """What the list shows, filters and sorts by of an assessment's score: the verdict and
    scores as the results page gives them (suggestions counted, and flagged as provisional)."""

    verdict_id: str
    verdict_label: Text
    # Place among its catalogue's verdicts, counted from the last one (0), the fallback that
    # no condition guards: the rules are tried best first, so the lowest is the worst.
    verdict_rank: int
    ethical_score: float | None
    methodological_score: float | None
    # Ethical invariants answered not met or not reported (a suggestion counts): what a
    # committee looks at first. Unanswered ones are left out.
    ethical_problems: int
    # Answered by a person, unconfirmed suggestions, of how many: as the form and the results
    # page count them; its verdict is provisional when a suggestion is counted.
    counts: AnswerCounts
    # What kept it from each better verdict, as the results page says it (kept with the
    # score: worded only for the rows of the page shown, in the reader's language).
    shortfalls: tuple[VerdictShortfall, ...] = ()

    def verdict(self, lang: str) -> str:
        return pick(self.verdict_label, lang)

    @property
    def pending(self) -> int:
        """Automatic suggestions no person has confirmed yet."""
        return self.counts.unconfirmed

    @property
    def answered(self) -> int:
        """Invariants answered or confirmed by a person."""
        return self.counts.by_person

    @property
    def total(self) -> int:
        """Invariants of its study type."""
        return self.counts.total


def listed_score(catalogue: Catalogue, record: AssessmentRecord) -> ListedScore:
    """The list's summary of ``record``'s score under ``catalogue``."""
    score = score_assessment(catalogue, record)
    verdicts = [rule.id for rule in catalogue.scoring.verdicts]
    counts = score.ethical.counts
    return ListedScore(
        verdict_id=score.verdict_id, verdict_label=score.verdict_label,
        verdict_rank=len(verdicts) - 1 - verdicts.index(score.verdict_id),
        ethical_score=score.ethical_score, methodological_score=score.methodological_score,
        ethical_problems=counts.get(NOT_MET, 0) + counts.get(NOT_REPORTED, 0),
        counts=score.answer_counts,
        shortfalls=verdict_shortfalls(catalogue, score))


@dataclass(frozen=True)
class ListedAssessment:
    assessment: Assessment
    score: ListedScore


@dataclass(frozen=True)
class ListingQuery:
    """What the list is asked for: the page's query parameters, so that a list can be
    bookmarked and is the same with or without JavaScript."""

    search: str = ""
    verdict: str = ""  # a verdict id; "" for any
    study_type: str = ""  # a study type id; "" for any
    ethical_problems: bool = False  # only those with ethical invariants not met/not reported
    pending: bool = False  # only those with suggestions waiting for review
    sort: str = DEFAULT_SORT
    page: int = 1  # 1-based

    @classmethod
    def from_args(cls, args: Mapping[str, str]) -> ListingQuery:
        """The query that the parameters ask for. A malformed value is left at its default
        rather than refused: a hand-edited or outdated address still shows a list (a verdict
        or study type no catalogue has is dropped by :func:`list_owned`)."""
        page = args.get("page", "")
        return cls(
            search=args.get("q", ""), verdict=args.get("verdict", ""),
            study_type=args.get("study_type", ""),
            ethical_problems=args.get("ethical_problems") == "1",
            pending=args.get("pending") == "1", sort=args.get("sort", DEFAULT_SORT),
            page=int(page) if page.isdigit() and len(page) < 7 else 1)

    @property
    def filtered(self) -> bool:
        """Whether a filter other than the search narrows the list."""
        return bool(self.verdict or self.study_type or self.ethical_problems or self.pending)

    def args(self) -> dict[str, str | int]:
        """The query parameters that ask for this list again; defaults are left out so that
        the addresses stay short."""
        values = {"q": self.search, "verdict": self.verdict, "study_type": self.study_type,
                  "ethical_problems": "1" if self.ethical_problems else "",
                  "pending": "1" if self.pending else "",
                  "sort": self.sort if self.sort != DEFAULT_SORT else "",
                  "page": self.page if self.page != 1 else ""}
        return {name: value for name, value in values.items() if value}

    def at_page(self, page: int) -> ListingQuery:
        return replace(self, page=page)

    def unfiltered(self) -> ListingQuery:
        """The same search and order without the filters."""
        return ListingQuery(search=self.search, sort=self.sort)

    def everything(self) -> ListingQuery:
        """All the assessments, in the same order."""
        return ListingQuery(sort=self.sort)


@dataclass(frozen=True)
class Choice:
    id: str
    label: Text


@dataclass(frozen=True)
class AssessmentList:
    rows: list[ListedAssessment]
    query: ListingQuery  # as applied: values no catalogue knows dropped, the page clamped
    pages: int
    matching: int  # assessments matching the search and filters, over all pages
    owned: int  # all the user's assessments
    verdicts: list[Choice]  # what the verdict filter offers, best first
    study_types: list[Choice]


def folded(text: str) -> str:
    """Lower case without accents, for matching what a person types."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _matches(words: list[str], fields: tuple[str | None, ...]) -> bool:
    haystack = folded(" ".join(field or "" for field in fields))
    return all(word in haystack for word in words)


# How the sorts by score order two assessments; ties keep the order they come in, the default.
_SCORE_SORT_KEYS: dict[str, Callable[[ListedScore], Any]] = {
    "verdict": lambda score: score.verdict_rank,
    # An assessment whose ethical invariants are all not applicable has no ethical score: last.
    "ethical": lambda score: (score.ethical_score is None, score.ethical_score or 0.0),
    "problems": lambda score: -score.ethical_problems,
}


def list_owned(user: User, query: ListingQuery | None = None,
               per_page: int | None = None) -> AssessmentList:
    """The page ``query.page`` (clamped to the pages there are) of the user's assessments
    whose title, NPI name, reference or document file name hold every word of
    ``query.search`` and that pass its filters, in the order of ``query.sort``. The default
    order, the most recently updated first (then the latest created), also breaks the ties
    of the others, so that a list and its pages always come in the same order."""
    query = query or ListingQuery()
    per_page = per_page or PAGE_SIZE
    # Matching is done here rather than in SQL: SQLite's lower() leaves "É" as it is, and the
    # few columns of even a thousand assessments are read in milliseconds.
    candidates = db.session.execute(
        select(Assessment.id, Assessment.uid, Assessment.title, Assessment.npi_name,
               Assessment.reference, Assessment.document_filename, Assessment.study_type,
               Assessment.catalogue_fingerprint, Assessment.updated_at)
        .where(Assessment.owner_id == user.id)
        .order_by(Assessment.updated_at.desc(), Assessment.id.desc())
    ).all()
    verdicts, study_types = _choices(candidates)
    query = _applicable(query, verdicts, study_types)
    words = folded(query.search).split()
    matching = [row for row in candidates
                if _matches(words, (row.title, row.npi_name, row.reference,
                                    row.document_filename))
                and query.study_type in ("", row.study_type)]
    by_score = bool(query.verdict or query.ethical_problems or query.pending)
    score_key = _SCORE_SORT_KEYS.get(query.sort)
    scores = _scores(matching) if by_score or score_key else {}
    if by_score:
        matching = [row for row in matching if _passes(query, scores[row.id])]
    if score_key is not None:
        matching.sort(key=lambda row: score_key(scores[row.id]))
    elif query.sort == "title":
        matching.sort(key=lambda row: folded(row.title))
    pages = max(1, -(-len(matching) // per_page))
    query = query.at_page(min(max(query.page, 1), pages))
    shown = matching[(query.page - 1) * per_page:query.page * per_page]
    scores.update(_scores([row for row in shown if row.id not in scores]))
    assessments = {a.id: a for a in db.session.scalars(
        select(Assessment).where(Assessment.id.in_([row.id for row in shown])))} if shown else {}
    rows = [ListedAssessment(assessments[row.id], scores[row.id]) for row in shown]
    return AssessmentList(rows, query, pages, len(matching), len(candidates), verdicts,
                          study_types)


def _passes(query: ListingQuery, score: ListedScore) -> bool:
    return ((not query.verdict or score.verdict_id == query.verdict)
            and (not query.ethical_problems or score.ethical_problems > 0)
            and (not query.pending or score.pending > 0))


def _choices(candidates: list[Row[Any]]) -> tuple[list[Choice], list[Choice]]:
    """The verdicts and study types of the catalogues the user's assessments were made with
    (most often one), in their catalogue's order."""
    verdicts: dict[str, Choice] = {}
    study_types: dict[str, Choice] = {}
    for fingerprint in dict.fromkeys(row.catalogue_fingerprint for row in candidates):
        catalogue = catalogue_by_fingerprint(fingerprint)
        if catalogue is None:
            continue
        for rule in catalogue.scoring.verdicts:
            verdicts.setdefault(rule.id, Choice(rule.id, rule.label))
        for study_type in catalogue.study_types:
            study_types.setdefault(study_type.id, Choice(study_type.id, study_type.label))
    return list(verdicts.values()), list(study_types.values())


def _applicable(query: ListingQuery, verdicts: list[Choice],
                study_types: list[Choice]) -> ListingQuery:
    """``query`` with what no list could apply dropped: an unknown verdict, study type or
    sort, and the spaces of the search."""
    return replace(
        query, search=" ".join(query.search.split())[:MAX_SEARCH_CHARS],
        verdict=query.verdict if query.verdict in {c.id for c in verdicts} else "",
        study_type=query.study_type if query.study_type in {c.id for c in study_types} else "",
        sort=query.sort if query.sort in SORTS else DEFAULT_SORT)


# Scores of the assessments listed, kept between requests for each app: sorting or filtering
# by verdict needs the score of every matching assessment, and reading and scoring the answers
# of 300 of them takes longer than a page may. An entry serves while the assessment's stamp
# is unchanged: every change of its answers or details sets its updated_at (the list's own
# "Updated"), and the catalogue snapshot a fingerprint names never changes.
MAX_KEPT_SCORES = 20_000

Stamp = tuple[datetime, str, str]  # updated_at, study type, catalogue fingerprint


class _ScoreCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[Stamp, ListedScore]] = {}
        self._lock = Lock()  # a threaded server lists for several requests at once

    def get(self, uid: str, stamp: Stamp) -> ListedScore | None:
        kept = self._entries.get(uid)
        return kept[1] if kept is not None and kept[0] == stamp else None

    def put(self, uid: str, stamp: Stamp, score: ListedScore) -> None:
        with self._lock:
            self._entries.pop(uid, None)  # to the end: the oldest entries go first
            self._entries[uid] = (stamp, score)
            while len(self._entries) > MAX_KEPT_SCORES:
                del self._entries[next(iter(self._entries))]


def _score_cache() -> _ScoreCache:
    return current_app.extensions.setdefault("npis_listed_scores", _ScoreCache())


def _scores(rows: list[Row[Any]]) -> dict[int, ListedScore]:
    """The listed score of each of ``rows`` (candidate rows of :func:`list_owned`), by id:
    kept ones as they are, the others from their answers, read in a few queries as plain
    rows (ORM objects for 50 × 30 answers cost more than all the rest)."""
    cache = _score_cache()
    scores: dict[int, ListedScore] = {}
    missing: dict[int, Stamp] = {}
    for row in rows:
        stamp = (row.updated_at, row.study_type, row.catalogue_fingerprint)
        kept = cache.get(row.uid, stamp)
        if kept is None:
            missing[row.id] = stamp
        else:
            scores[row.id] = kept
    ids = list(missing)
    for start in range(0, len(ids), 500):  # bound the query's parameters
        chunk = ids[start:start + 500]
        answers: dict[int, dict[str, AnswerRecord]] = defaultdict(dict)
        for assessment_id, invariant_id, answer, justification, origin in db.session.execute(
                select(Answer.assessment_id, Answer.invariant_id, Answer.answer,
                       Answer.justification, Answer.origin)
                .where(Answer.assessment_id.in_(chunk))):
            answers[assessment_id][invariant_id] = AnswerRecord(
                invariant_id, answer, justification or "", origin=origin)
        for assessment in db.session.scalars(select(Assessment).where(Assessment.id.in_(chunk))):
            score = listed_score(catalogue_of(assessment),
                                 _scored_record(assessment, answers[assessment.id]))
            cache.put(assessment.uid, missing[assessment.id], score)
            scores[assessment.id] = score
    return scores


def _scored_record(assessment: Assessment, answers: dict[str, AnswerRecord]) -> AssessmentRecord:
    """The part of :func:`~.assessments.to_record` that progress and scoring read (no
    owner, document versions or answer texts beyond the justification)."""
    return AssessmentRecord(
        uid=assessment.uid, title=assessment.title, document_kind=assessment.document_kind,
        study_type=assessment.study_type, npi_name=assessment.npi_name,
        domain=assessment.domain, country=assessment.country, language=assessment.language,
        catalogue_id=assessment.catalogue_id, catalogue_version=assessment.catalogue_version,
        catalogue_fingerprint=assessment.catalogue_fingerprint, assessor="", answers=answers)
