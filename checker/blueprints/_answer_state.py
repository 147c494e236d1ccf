"""What an answer's block on the assessment form says of the saved answer, beyond its fields.

The page renders it, and a background save (app.js) gets it back as JSON from the same
function, so that after a save the block reads as it would reloaded: the suggestion's note,
the save status, the notes under the justification and the quotation, the link to the
quotation in the document. The rules themselves are the records' and services' (an accepted
rationale, a quotation found in the document); this only words them for the page.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from flask import url_for
from flask_babel import gettext as _

from ..catalogue import Catalogue, pick
from ..models import Assessment
from ..services.quotation_checks import QuotationFinding
from ..services.records import AnswerRecord


@dataclass(frozen=True)
class AnswerState:
    suggestion: bool  # an unconfirmed suggestion: its note, with accept and reject, shows
    status_text: str  # beside the Save button
    # Said under the justification and the quotation while each field shows the saved value
    # (AnswerInput.of): they are about that value.
    justification_note: str
    quotation_note: str
    document_url: str | None  # where the document page marks the quotation, if anywhere

    def as_json(self) -> dict[str, object]:
        return asdict(self)


def answer_state(catalogue: Catalogue, assessment: Assessment, stored: AnswerRecord,
                 lang: str, finding: QuotationFinding | None) -> AnswerState:
    """The block's state for the saved answer ``stored``; ``finding`` is its quotation's
    against the current document (None: no quotation, no document, or not checked)."""
    if stored.origin == "suggestion":
        status = _("Not confirmed yet")
    elif stored.answer:
        status = _("Saved: %(answer)s",
                   answer=pick(catalogue.scoring.answer(stored.answer).label, lang))
    else:
        status = _("Not answered yet")
    justification_note = _(
        "Saved as the suggestion's rationale, accepted unchanged by %(who)s: reports present "
        "it as the software's reasoning, not yours. Edit it to make it your own "
        "justification.", who=stored.accepter or _("a person")) \
        if stored.accepted_rationale else ""
    # Said of the saved quotation only when it is known not to be in the document (an
    # unreadable document leaves it unchecked, and unflagged).
    quotation_note = ""
    if finding is not None and finding.found is False:
        # An earlier draft is named only when there is one to have answered on.
        quotation_note = _(
            "Not found word for word in the current document (%(name)s): check the quotation, "
            "and the answer if it was given on an earlier draft.",
            name=assessment.document_filename) if len(assessment.documents) > 1 else _(
            "Not found word for word in the document (%(name)s): check the quotation.",
            name=assessment.document_filename)
    located = finding is not None and finding.located
    return AnswerState(
        suggestion=stored.origin == "suggestion", status_text=status,
        justification_note=justification_note, quotation_note=quotation_note,
        document_url=url_for("document_text.show", uid=assessment.uid,
                             _anchor=f"q-{stored.invariant_id}") if located else None)
