"""What a revised draft changed in an assessment: suggested answers before and after, and the
person's quotations that the new draft no longer contains.

Every uploaded version stays stored by fingerprint, so any two versions can be compared; by
default the current document and the one it replaced.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Catalogue
from ..evidence.compare import DraftComparison, compare_drafts
from ..evidence.quotes import locate_quotation
from ..models import Assessment, AssessmentDocument
from .quotation_checks import quotation_parts
from .suggestions import read_stored_file


class NoEarlierDraft(LookupError):
    """The assessment has fewer than two document versions: nothing to compare."""


class UnknownVersion(LookupError):
    """No document version of this assessment has that fingerprint."""


@dataclass(frozen=True)
class LostQuotation:
    invariant_id: str
    answer: str | None
    text: str  # the part of the person's quotation that the later draft no longer contains


@dataclass
class DraftChanges:
    before: AssessmentDocument
    after: AssessmentDocument
    comparison: DraftComparison
    # invariant -> (answer, origin, version) as stored now
    answers: dict[str, tuple[str | None, str, int]]
    lost_quotations: list[LostQuotation]


def versions_of(assessment: Assessment) -> list[AssessmentDocument]:
    """The assessment's document versions, oldest first, one per fingerprint (the last upload
    of a fingerprint that was uploaded twice)."""
    by_sha = {row.sha256: row for row in sorted(assessment.documents, key=lambda r: r.id)}
    return sorted(by_sha.values(), key=lambda r: r.id)


def _version(versions: list[AssessmentDocument], sha256: str) -> AssessmentDocument:
    for row in versions:
        if row.sha256 == sha256:
            return row
    raise UnknownVersion(sha256)


def draft_changes(catalogue: Catalogue, assessment: Assessment, upload_dir: str | Path,
                  before_sha: str | None = None, after_sha: str | None = None) -> DraftChanges:
    """Compare two versions of the assessment's document (default: the current one and the
    one before it), for the assessment's study type and document kind.

    Raises :class:`NoEarlierDraft`, :class:`UnknownVersion`,
    :class:`~checker.services.suggestions.NoDocumentError` (a version's file is missing from the
    upload folder) or :class:`checker.documents.DocumentError` (unreadable).
    """
    versions = versions_of(assessment)
    if len(versions) < 2:
        raise NoEarlierDraft(assessment.uid)
    after = _version(versions, after_sha) if after_sha else versions[-1]
    if before_sha:
        before = _version(versions, before_sha)
    else:
        earlier = [row for row in versions if row.id < after.id]
        before = earlier[-1] if earlier else versions[0]
    if before.id > after.id:  # "earlier" and "later" mean upload order, whatever was asked
        before, after = after, before
    old = read_stored_file(assessment, before.sha256, before.filename, upload_dir)
    new = read_stored_file(assessment, after.sha256, after.filename, upload_dir)
    comparison = compare_drafts(catalogue, assessment.study_type, assessment.document_kind,
                                old, new)
    applicable = {change.invariant_id for change in comparison.changes}
    lost = []
    for answer in assessment.answers:
        if answer.origin != "human" or answer.invariant_id not in applicable:
            continue
        for part in quotation_parts(answer.quotation):
            found_before = locate_quotation(old.text, part, tolerant_whitespace=True)
            found_after = locate_quotation(new.text, part, tolerant_whitespace=True)
            if found_before is not None and found_after is None:
                lost.append(LostQuotation(answer.invariant_id, answer.answer, part))
    order = {change.invariant_id: i for i, change in enumerate(comparison.changes)}
    lost.sort(key=lambda q: order[q.invariant_id])
    answers = {a.invariant_id: (a.answer, a.origin, a.version) for a in assessment.answers}
    return DraftChanges(before, after, comparison, answers, lost)
