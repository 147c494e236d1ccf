"""What a revised draft changed in an assessment: suggested answers before and after, the
person's quotations that the new draft no longer contains, and the person's answers whose
suggestion the new draft turned against them (and the person keeping such an answer as it is).

Every uploaded version stays stored by fingerprint, so any two versions can be compared; by
default the current document and the one it replaced.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update

from ..catalogue import Catalogue
from ..documents import DocumentError
from ..evidence import ModelMissingError, detect_elements, suggest_answers
from ..evidence.compare import DraftComparison, compare_drafts
from ..evidence.quotes import locate_quotation
from ..extensions import db
from ..models import Answer, AnswerHistory, Assessment, AssessmentDocument, User
from ..models._time import utcnow
from .answers import applicable_invariant
from .assessments import answer_record, uploaded_by
from .quotation_checks import quotation_checks, quotation_parts
from .records import AnswerRecord
from .suggestions import NoDocumentError, NotUploadedByOwner, read_stored_file


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

    def later_suggestion(self, invariant_id: str) -> str | None:
        """The later draft's suggested answer for the invariant."""
        return next((c.after for c in self.comparison.changes
                     if c.invariant_id == invariant_id), None)

    def adoptable_changes(self, current_sha256: str) -> frozenset[str]:
        """The invariants whose suggestion changed and whose later suggestion the person may
        take as their answer here: answered otherwise by the person, the later draft being
        the assessment's current document (a suggestion is adopted from the current one)."""
        if self.after.sha256 != current_sha256:
            return frozenset()
        return frozenset(
            c.invariant_id for c in self.comparison.changes
            if c.change != "same" and (now := self.answers.get(c.invariant_id))
            and now[1] == "human" and now[0] != c.after)

    def adoptable_lost(self, current_sha256: str) -> frozenset[int]:
        """The positions in ``lost_quotations`` beside which the person may take the later
        draft's suggestion, which quotes it, as their answer (else they re-quote it by hand):
        their own answer, a later suggestion with evidence, once per invariant and not where
        :meth:`adoptable_changes` offers it already."""
        if self.after.sha256 != current_sha256:
            return frozenset()
        offered = set(self.adoptable_changes(current_sha256))
        positions = set()
        for position, lost in enumerate(self.lost_quotations):
            now = self.answers.get(lost.invariant_id)
            if (now and now[1] == "human" and lost.invariant_id not in offered
                    and self.later_suggestion(lost.invariant_id) in SOME_EVIDENCE):
                offered.add(lost.invariant_id)
                positions.add(position)
        return frozenset(positions)


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


# --- answers a revised draft turned against ------------------------------------------------

MET, PARTIALLY_MET, NOT_REPORTED = "met", "partially_met", "not_reported"
# The answers a draft that evidences the invariant in full ("met") contradicts, those a draft
# that shows nothing of it ("not reported") contradicts, and the one a draft that quotes
# something of it ("partially met") contradicts: "not reported", which says the document
# states nothing of it. "Not applicable" is a judgement the text does not settle.
SHORT_OF_MET = frozenset({"partially_met", "not_met", "not_reported"})
SOME_EVIDENCE = frozenset({"met", "partially_met"})


@dataclass(frozen=True)
class AnswerToReview:
    """A person's answer, given on an earlier draft, that the current draft's suggestion
    contradicts where the suggestion on that earlier draft did not."""

    invariant_id: str
    answer: str  # the person's
    suggested: str  # the current draft's suggestion: "met", "partially_met" or "not_reported"
    earlier: str  # the suggestion on the draft the answer was given on
    given_on: AssessmentDocument  # that draft

    @property
    def now_evidenced(self) -> bool:
        """The current draft evidences what the answer says is missing (else it no longer
        shows what the answer says is there)."""
        return self.suggested in SOME_EVIDENCE

    @property
    def evidenced_in_full(self) -> bool:
        """The current draft evidences the invariant in full (else it quotes part of it, or
        shows nothing of it)."""
        return self.suggested == MET


def contradicts(answer: str | None, has_quotation: bool, suggested: str,
                suggested_quoted: bool) -> bool:
    """Whether a draft whose suggestion is ``suggested`` contradicts a person's ``answer`` in a
    way worth their attention: it evidences in full (with quotations) an invariant the answer
    says is short of met, quotes part of one the answer says is not reported at all, or shows
    nothing of one the answer says is met or partly met without quoting anything (a quotation
    the draft still contains is the person's evidence against the suggestion; one it no longer
    contains is reported as such)."""
    if suggested == MET:
        return answer in SHORT_OF_MET and suggested_quoted
    if suggested == PARTIALLY_MET:
        return answer == NOT_REPORTED and suggested_quoted
    if suggested == NOT_REPORTED:
        return answer in SOME_EVIDENCE and not has_quotation
    return False


def answers_to_review(catalogue: Catalogue, assessment: Assessment,
                      upload_dir: str | Path, *,
                      checks: dict[str, bool | None] | None = None) -> list[AnswerToReview]:
    """The answers a person gave on an earlier draft (saved before the current document was
    uploaded) that the current draft's suggestion contradicts (:func:`contradicts`) while the
    suggestion on that earlier draft did not, in catalogue order.

    Saving the answer again, in any way, after the upload settles it: the person has looked
    at it with the new draft. Answers whose quotation the current document lacks are left out:
    they are already named for it (:func:`~.quotation_checks.person_quotations_not_found`).
    Empty when there is no earlier draft, or when a draft cannot be read (a missing file or
    model, an unreadable document: the pages that read it say so). ``checks``:
    :func:`~.quotation_checks.quotation_checks` of the assessment when the caller has them
    already (read here otherwise).
    """
    uploads = sorted(assessment.documents, key=lambda row: row.id)
    if len(versions_of(assessment)) < 2 or not assessment.document_sha256:
        return []
    current = uploads[-1]
    candidates: list[tuple[Answer, AssessmentDocument]] = []
    for answer in assessment.answers:
        if answer.origin != "human" or answer.answer not in SHORT_OF_MET | SOME_EVIDENCE:
            continue
        given_on = _draft_of(uploads, answer)
        if given_on.sha256 != current.sha256:
            candidates.append((answer, given_on))
    if not candidates:
        return []  # the usual case: nothing to read
    try:
        later = _suggested_on(catalogue, assessment, current, upload_dir)
        if checks is None:
            checks = quotation_checks(assessment, upload_dir) or {}
        found = []
        for answer, given_on in candidates:
            if answer.invariant_id not in later or checks.get(answer.invariant_id) is False:
                continue
            suggested, quoted = later[answer.invariant_id]
            if not contradicts(answer.answer, bool(answer.quotation.strip()), suggested, quoted):
                continue
            earlier = _suggested_on(catalogue, assessment, given_on, upload_dir)
            before = earlier.get(answer.invariant_id, (None, False))[0]
            if before != suggested:
                found.append(AnswerToReview(answer.invariant_id, answer.answer or "",
                                            suggested, before or "", given_on))
    except (NoDocumentError, DocumentError, ModelMissingError, OSError):
        return []
    order = {inv.id: i for i, inv in enumerate(catalogue.invariants_for(assessment.study_type))}
    return sorted(found, key=lambda item: order[item.invariant_id])


# --- keeping an answer the revised draft turned against --------------------------------------

# The mark in an answer's history (its new values) of a change that kept it as it was after a
# draft: {"draft": its number among the versions, "filename": ..., "sha256": ...}.
KEPT_AFTER = "kept_after"


@dataclass(frozen=True)
class KeepOutcome:
    # "kept": recorded; "already_kept": the same request again (a double click), nothing more
    # recorded; "not_to_review": the answer is not one answers_to_review names (settled
    # meanwhile, or never marked), nothing recorded; "conflict": the answer changed since the
    # page showed it (another tab), nothing recorded.
    status: str
    stored: AnswerRecord  # the answer as it now is in the database
    draft: int  # the number of the current draft among the document's versions (1 = first)
    filename: str  # the current draft's file name


def keep_answer(catalogue: Catalogue, assessment: Assessment, invariant_id: str,
                submitted_version: int, user: User, upload_dir: str | Path) -> KeepOutcome:
    """Record that ``user`` looked at an answer :func:`answers_to_review` names and keeps it as
    it is after the current draft: a new version of the answer, with the same values, and a
    line in its history saying so. It settles the mark as a save would (the answer is then
    saved after the upload), without asking the person to edit anything.

    The values, who confirmed the answer and who gave its justification stay as they were:
    what a report says does not change (nor the digest of a report issued earlier). Like a
    save, it names the version the page showed: an answer changed since is a conflict.
    Raises KeyError for an invariant that does not apply.
    """
    applicable_invariant(catalogue, assessment, invariant_id)
    versions = versions_of(assessment)
    current = next((row for row in versions if row.sha256 == assessment.document_sha256), None)
    draft = versions.index(current) + 1 if current is not None else 0
    filename = current.filename if current is not None else ""
    row = db.session.scalar(select(Answer).where(Answer.assessment_id == assessment.id,
                                                 Answer.invariant_id == invariant_id))

    def outcome(status: str) -> KeepOutcome:
        found = db.session.scalar(select(Answer).where(
            Answer.assessment_id == assessment.id, Answer.invariant_id == invariant_id))
        return KeepOutcome(status, answer_record(found) if found else
                           AnswerRecord(invariant_id), draft, filename)

    if row is None or row.origin != "human":
        return outcome("not_to_review")
    if row.version != submitted_version:
        return outcome("already_kept" if _kept_from(assessment, row, submitted_version)
                       else "conflict")
    flagged = {item.invariant_id for item in answers_to_review(catalogue, assessment,
                                                               upload_dir)}
    if invariant_id not in flagged or current is None:
        return outcome("not_to_review")
    now = utcnow()
    # Compare-and-set on the version, as a save does: one made meanwhile wins.
    result = db.session.execute(
        update(Answer).where(Answer.id == row.id, Answer.version == submitted_version)
        .values(updated_at=now, version=submitted_version + 1)
        .execution_options(synchronize_session=False))
    if result.rowcount != 1:
        db.session.rollback()
        return outcome("conflict")
    values = {"answer": row.answer, "justification": row.justification,
              "quotation": row.quotation, "page": row.page, "section": row.section}
    db.session.add(AnswerHistory(
        assessment_id=assessment.id, invariant_id=invariant_id, user_id=user.id,
        username=user.username, changed_at=now, version=submitted_version + 1,
        old_answer=row.answer, new_answer=row.answer, old_values=values,
        new_values={**values, KEPT_AFTER: {"draft": draft, "filename": current.filename,
                                           "sha256": current.sha256}}))
    assessment.updated_at = now
    db.session.commit()
    db.session.expire_all()
    return outcome("kept")


def _kept_from(assessment: Assessment, row: Answer, submitted_version: int) -> bool:
    """Whether the answer's current version is a keep made from ``submitted_version``: the
    second request of a double click, already done."""
    if row.version != submitted_version + 1:
        return False
    change = db.session.scalar(select(AnswerHistory).where(
        AnswerHistory.assessment_id == assessment.id,
        AnswerHistory.invariant_id == row.invariant_id, AnswerHistory.version == row.version,
    ).order_by(AnswerHistory.id.desc()).limit(1))
    return change is not None and KEPT_AFTER in (change.new_values or {})


def _draft_of(uploads: list[AssessmentDocument], answer: Answer) -> AssessmentDocument:
    """The draft that was current when the answer was last saved (the first one for an answer
    saved before any document was uploaded: it was kept through that draft's suggestions)."""
    given_on = uploads[0]
    for row in uploads:
        if answer.updated_at is not None and row.uploaded_at <= answer.updated_at:
            given_on = row
    return given_on


# (fingerprint, study type, document kind, catalogue fingerprint) -> invariant ->
# (suggested answer, with quotations): a stored file's content never changes, and the form
# asks on every view.
_SUGGESTED: OrderedDict[tuple[str, str, str, str], dict[str, tuple[str, bool]]] = OrderedDict()
_SUGGESTED_KEPT = 32
# The app serves requests on several threads: reordering and evicting must not interleave.
_SUGGESTED_LOCK = threading.Lock()


def _suggested_on(catalogue: Catalogue, assessment: Assessment, version: AssessmentDocument,
                  upload_dir: str | Path) -> dict[str, tuple[str, bool]]:
    if not uploaded_by(assessment.owner_id, version.sha256):  # checked before any cache
        raise NotUploadedByOwner(version.sha256)
    key = (version.sha256, assessment.study_type, assessment.document_kind,
           catalogue.fingerprint)
    with _SUGGESTED_LOCK:
        if key in _SUGGESTED:
            _SUGGESTED.move_to_end(key)
            return _SUGGESTED[key]
    document = read_stored_file(assessment, version.sha256, version.filename, upload_dir)
    detections = detect_elements(document, kind=assessment.document_kind)
    suggestions = suggest_answers(catalogue, assessment.study_type, detections,
                                  lang=document.language, document=document,
                                  kind=assessment.document_kind)
    suggested = {inv_id: (s.answer, bool(s.quotations)) for inv_id, s in suggestions.items()}
    with _SUGGESTED_LOCK:
        _SUGGESTED[key] = suggested
        while len(_SUGGESTED) > _SUGGESTED_KEPT:
            _SUGGESTED.popitem(last=False)
    return suggested
