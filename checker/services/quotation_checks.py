"""Whether each answer's quotation occurs word for word in the assessment's document.

The software's own quotations are verbatim by construction; a person's may be typed, edited or
kept from an earlier version of the document. Reports say which is which, so a reader can
rely on the quotations that are found (spacing and line breaks aside) and check the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..catalogue import Catalogue
from ..evidence.quotes import locate_quotation
from ..models import Assessment
from .suggestions import QUOTATION_MARKS, NoDocumentError, stored_document_text


def quotation_parts(quotation: str) -> list[str]:
    """The separate quotations of an answer: suggestions join several with "[…]", and a
    person marks a passage left out with it, or with "[...]" (see ``QUOTATION_MARKS``)."""
    return [part.strip() for part in QUOTATION_MARKS.split(quotation) if part.strip()]


@dataclass(frozen=True)
class QuotationFinding:
    """Where an answer's quotation stands against the assessment's current document."""

    found: bool | None  # every part word for word in it; None when it cannot be read
    located: bool  # some part is: the document page marks it (its "q-" anchor goes there)


def quotation_findings(assessment: Assessment, upload_dir: str | Path,
                       invariant_id: str | None = None) -> dict[str, QuotationFinding] | None:
    """Per invariant with a quotation (or only ``invariant_id``'s, for a page that updates one
    answer): whether its parts are found in the current document.

    None when the assessment has no document (nothing to check against).
    """
    try:
        text = stored_document_text(assessment, upload_dir)
    except NoDocumentError:
        return None
    findings: dict[str, QuotationFinding] = {}
    for answer in assessment.answers:
        if not answer.quotation.strip() or invariant_id not in (None, answer.invariant_id):
            continue
        if text is None:
            findings[answer.invariant_id] = QuotationFinding(None, False)
            continue
        hits = [locate_quotation(text, part, tolerant_whitespace=True) is not None
                for part in quotation_parts(answer.quotation)]
        findings[answer.invariant_id] = QuotationFinding(all(hits), any(hits))
    return findings


def quotation_checks(assessment: Assessment,
                     upload_dir: str | Path) -> dict[str, bool | None] | None:
    """Per invariant with a quotation: all its parts are found in the current document.

    None when the assessment has no document (nothing to check against); each value None when
    its document cannot be read (a report then says the quotations were not checked).
    """
    findings = quotation_findings(assessment, upload_dir)
    if findings is None:
        return None
    return {invariant_id: finding.found for invariant_id, finding in findings.items()}


def person_quotations_not_found(catalogue: Catalogue, assessment: Assessment,
                                upload_dir: str | Path, *,
                                checks: dict[str, bool | None] | None = None) -> list[str]:
    """Ids of the invariants (of the assessment's study type, in catalogue order) whose answer
    a person gave quotes text that the current document does not contain word for word: after
    a revised draft, such an answer was given on another text and may no longer hold.

    ``checks``: :func:`quotation_checks` of the assessment when the caller has them already
    (read here otherwise)."""
    if checks is None:
        checks = quotation_checks(assessment, upload_dir) or {}
    by_person = {answer.invariant_id for answer in assessment.answers
                 if answer.origin != "suggestion"}
    return [inv.id for inv in catalogue.invariants_for(assessment.study_type)
            if inv.id in by_person and checks.get(inv.id) is False]
