"""Whether each answer's quotation occurs word for word in the assessment's document.

The software's own quotations are verbatim by construction; a person's may be typed, edited or
kept from an earlier version of the document. Reports say which is which, so a reader can
rely on the quotations that are found (spacing and line breaks aside) and check the others.
"""

from __future__ import annotations

from pathlib import Path

from ..catalogue import Catalogue
from ..evidence.quotes import locate_quotation
from ..models import Assessment
from .suggestions import QUOTATION_MARKS, NoDocumentError, stored_document_text


def quotation_parts(quotation: str) -> list[str]:
    """The separate quotations of an answer: suggestions join several with "[…]", and a
    person marks a passage left out with it, or with "[...]" (see ``QUOTATION_MARKS``)."""
    return [part.strip() for part in QUOTATION_MARKS.split(quotation) if part.strip()]


def quotation_checks(assessment: Assessment,
                     upload_dir: str | Path) -> dict[str, bool | None] | None:
    """Per invariant with a quotation: all its parts are found in the current document.

    None when the assessment has no document (nothing to check against); each value None when
    its document cannot be read (a report then says the quotations were not checked).
    """
    try:
        text = stored_document_text(assessment, upload_dir)
    except NoDocumentError:
        return None
    if text is None:
        return {answer.invariant_id: None for answer in assessment.answers
                if answer.quotation.strip()}
    return {
        answer.invariant_id: all(
            locate_quotation(text, part, tolerant_whitespace=True) is not None
            for part in quotation_parts(answer.quotation))
        for answer in assessment.answers if answer.quotation.strip()
    }


def person_quotations_not_found(catalogue: Catalogue, assessment: Assessment,
                                upload_dir: str | Path) -> list[str]:
    """Ids of the invariants (of the assessment's study type, in catalogue order) whose answer
    a person gave quotes text that the current document does not contain word for word: after
    a revised draft, such an answer was given on another text and may no longer hold."""
    checks = quotation_checks(assessment, upload_dir) or {}
    by_person = {answer.invariant_id for answer in assessment.answers
                 if answer.origin != "suggestion"}
    return [inv.id for inv in catalogue.invariants_for(assessment.study_type)
            if inv.id in by_person and checks.get(inv.id) is False]
