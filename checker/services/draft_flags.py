"""Which of a study's answers may rest on another text than its current document.

A revised draft uploaded to an assessment keeps the person's answers: some quote text the new
draft does not contain word for word
(:func:`~.quotation_checks.person_quotations_not_found`), some are contradicted by the new
draft's suggestion where the earlier draft's was not (:func:`~.draft_changes.answers_to_review`).
The assessment's pages say so; a dossier lists the study with its current file and scores it
as it stands, so its page, reports and review say it too, per study, from this. The
assessment's own reports, review and JSON export say the answers to check too, and its
quotations not found as they always have (:func:`report_checks`, :class:`DocumentChecks`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from ..catalogue import Catalogue
from ..models import Assessment
from .draft_changes import AnswerToReview, answers_to_review
from .quotation_checks import person_quotations_not_found, quotation_checks


@dataclass(frozen=True)
class DraftFlags:
    """A study's answers to check against its current document (invariant ids, in catalogue
    order). Empty when there is nothing to check, or when the documents were not read."""

    # Answers whose quotation, given by a person, the current document lacks word for word.
    quotations_not_found: tuple[str, ...] = ()
    # Answers given on an earlier draft that the current draft's suggestion contradicts.
    answers_to_check: tuple[str, ...] = ()
    # Every quotation checked against the current document, as
    # :func:`~.quotation_checks.quotation_checks` returns them (None: not checked): read here
    # once, for the study's part of the dossier review too.
    quotation_checks: dict[str, bool | None] | None = field(default=None, compare=False)
    # ``answers_to_check`` as :func:`~.draft_changes.answers_to_review` gives them (what the
    # answer and the suggestions say, the draft it was given on), for the study's JSON report.
    to_review: tuple[AnswerToReview, ...] = field(default=(), compare=False)

    @property
    def any(self) -> bool:
        return bool(self.quotations_not_found or self.answers_to_check)

    @property
    def document_checks(self) -> DocumentChecks:
        """The same, as the study's own reports take them (nothing read again)."""
        return DocumentChecks(self.quotation_checks, self.to_review)


@dataclass(frozen=True)
class DocumentChecks:
    """What an assessment's reports and JSON export say of its current document."""

    # Every quotation checked against it, as :func:`~.quotation_checks.quotation_checks`
    # returns them: None without a document, each value None when it could not be read.
    quotation_checks: dict[str, bool | None] | None = None
    # The answers given on an earlier draft that the current draft's suggestion contradicts
    # (:func:`~.draft_changes.answers_to_review`), in catalogue order.
    answers_to_review: tuple[AnswerToReview, ...] = ()

    @property
    def answers_to_check(self) -> list[str]:
        """The ids of ``answers_to_review``, as the PDF, the workbook and the review say them."""
        return [item.invariant_id for item in self.answers_to_review]


def draft_flags(catalogue: Catalogue, assessment: Assessment,
                upload_dir: str | Path) -> DraftFlags:
    """The study's answers to check against its current document, by its own ``catalogue``
    (the one it was assessed with), reading that document once."""
    checks = quotation_checks(assessment, upload_dir)
    known = checks or {}  # no document: nothing to look for, nothing to read again
    to_review = tuple(answers_to_review(catalogue, assessment, upload_dir, checks=known))
    return DraftFlags(
        tuple(person_quotations_not_found(catalogue, assessment, upload_dir, checks=known)),
        tuple(item.invariant_id for item in to_review),
        checks,
        to_review,
    )


def report_checks(catalogue: Catalogue, assessment: Assessment,
                  upload_dir: str | Path) -> DocumentChecks:
    """What an assessment's reports, review and JSON export say of its current document: every
    quotation checked against it (:func:`~.quotation_checks.quotation_checks`; None without
    one) and the answers to check after a revised draft
    (:func:`~.draft_changes.answers_to_review`), reading it once."""
    checks = quotation_checks(assessment, upload_dir)
    return DocumentChecks(checks, tuple(answers_to_review(catalogue, assessment, upload_dir,
                                                          checks=checks or {})))
