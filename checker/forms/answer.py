"""The form for one invariant's answer; one per invariant, told apart by a field prefix."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, IntegerField, RadioField, StringField, TextAreaField
from wtforms.validators import InputRequired, Optional

from ..catalogue import Catalogue, Invariant, pick
from ..services.answers import ANSWER_FIELDS, AnswerInput
from ..services.records import AnswerRecord
from .validators import IntegerRange


class AnswerForm(FlaskForm):
    answer = RadioField(_l("Answer"), validators=[Optional()], validate_choice=False)
    justification = TextAreaField(_l("Justification"))
    quotation = TextAreaField(_l("Quotation from the document"))
    page = StringField(_l("Page"))
    section = StringField(_l("Section"))
    version = HiddenField()

    def says_nothing(self) -> bool:
        """Whether the post carries none of the answer's fields (only its version, say).

        A browser's form always sends its text fields, empty or not, and the answer once one
        is ticked: a post without any of them (a truncated request, a page cached without its
        fields) is not an empty answer, which would wipe the stored one.
        """
        return not any(field.raw_data for field in (
            self.answer, self.justification, self.quotation, self.page, self.section))

    def sent(self) -> frozenset[str]:
        """The answer's fields the post carried (an empty one included): those it did not
        are kept as stored (:meth:`AnswerInput.over`), not cleared.

        A browser sends the radio buttons' answer only once one is ticked, but always every
        text field: a post with all four text fields is the whole form, whose answer left
        out is "no answer chosen" (which clears it); one without some of them is partial (an
        old page, a script sending only the justification), and its answer left out is kept.
        """
        sent = {name for name in ANSWER_FIELDS if getattr(self, name).raw_data}
        if sent >= set(ANSWER_FIELDS[1:]):
            sent.add("answer")
        return frozenset(sent)

    def keep_unsent(self, kept: AnswerInput) -> None:
        """Show ``kept``'s values (the stored answer's) in the fields the post did not carry:
        the page sent back (values to correct, a conflict) must not show them blank, or
        saving it again would clear what the post had left alone."""
        sent = self.sent()
        for name in ANSWER_FIELDS:
            if name not in sent:
                getattr(self, name).data = getattr(kept, name) or \
                    (None if name == "answer" else "")

    def values(self) -> AnswerInput:
        """The answer as posted (not yet validated against the catalogue)."""
        return AnswerInput(self.answer.data or None, self.justification.data or "",
                           self.quotation.data or "", self.page.data or "",
                           self.section.data or "")


class RestoreForm(FlaskForm):
    """Restore an earlier version of an answer from its history."""

    restore = IntegerField(validators=[InputRequired(), IntegerRange(1, 2**31 - 1)])
    # The version the page showed as current: a change made since is a conflict.
    version = IntegerField(validators=[InputRequired(), IntegerRange(0, 2**31 - 1)])


class KeepForm(FlaskForm):
    """Keep an answer a revised draft contradicts as it is (see draft_changes.keep_answer)."""

    # The version the page showed: a change made since is a conflict.
    version = IntegerField(validators=[InputRequired(), IntegerRange(0, 2**31 - 1)])
    # The page to go back to: the form ("form"), the answer's own page ("answer"), or what
    # changed between drafts ("changes", with the earlier draft it compared, ``before``).
    back = HiddenField()
    before = HiddenField()


def answer_form(
    catalogue: Catalogue, invariant: Invariant, lang: str,
    stored: AnswerRecord | None = None, formdata: object = "auto",
) -> AnswerForm:
    """Form for ``invariant``; pre-filled with ``stored`` when not bound to a submission.

    Not applicable is offered only where the catalogue allows it; the service re-checks.
    """
    kwargs: dict[str, object] = {"prefix": invariant.id}
    if formdata is None:
        kwargs["formdata"] = None
    if stored is not None:
        kwargs.update(
            answer=stored.answer, justification=stored.justification_in(lang),
            quotation=stored.quotation, page=stored.page, section=stored.section,
            version=str(stored.version),
        )
    form = AnswerForm(**kwargs)
    form.answer.choices = [
        (opt.id, pick(opt.label, lang))
        for opt in catalogue.scoring.answers
        if opt.id != "not_applicable" or invariant.na_allowed
    ]
    return form
