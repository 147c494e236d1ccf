"""Saving one answer: validation against the catalogue, conflict detection, history.

Each answer carries a version. A save names the version it was edited from; if the stored
answer has moved on since (another tab, another device), the save is refused as a conflict
and both values are returned so the person can choose. Re-sending exactly the stored values
(a double click) is accepted as a no-op whatever the version.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import asdict, dataclass, replace

from flask_babel import format_number, get_locale
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from ..catalogue import ANSWER_IDS, Catalogue, Invariant, pick
from ..extensions import db
from ..models import Answer, AnswerHistory, Assessment, User
from ..models._time import utcnow
from .assessments import answer_record
from .records import AnswerRecord

LIMITS = {"justification": 5000, "quotation": 5000, "page": 50, "section": 200}
ANSWER_FIELDS = ("answer", "justification", "quotation", "page", "section")


@dataclass(frozen=True)
class AnswerInput:
    answer: str | None
    justification: str = ""
    quotation: str = ""
    page: str = ""
    section: str = ""

    def cleaned(self) -> AnswerInput:
        """Trimmed, with a browser's "\r\n" line breaks read as the "\n" stored ones."""
        def text(value: str) -> str:
            return value.replace("\r\n", "\n").replace("\r", "\n").strip()

        return AnswerInput(self.answer or None, text(self.justification), text(self.quotation),
                           text(self.page), text(self.section))

    def over(self, kept: AnswerInput, sent: Collection[str] | None) -> AnswerInput:
        """These values for the fields in ``sent`` (None: all of them), ``kept``'s for the
        others: a post that leaves a field out (an old page, a script sending only the
        justification) says nothing of it, which is not the same as clearing it; a field
        sent empty (a browser's form always sends its text fields; the answer's empty
        choice) clears it."""
        if sent is None:
            return self
        return replace(self, **{name: getattr(kept, name) for name in ANSWER_FIELDS
                                if name not in sent})

    @classmethod
    def of(cls, record: AnswerRecord, lang: str) -> AnswerInput:
        """The values of ``record`` as its form shows them in ``lang``."""
        return cls(record.answer, record.justification_in(lang), record.quotation, record.page,
                   record.section)


class AnswerError(ValueError):
    """Refused answer values; ``errors`` maps field name -> message."""

    def __init__(self, errors: dict[str, str]) -> None:
        super().__init__("; ".join(errors.values()))
        self.errors = errors


@dataclass
class SaveOutcome:
    status: str  # "saved" | "unchanged" | "conflict"
    stored: AnswerRecord  # the answer as it now is in the database
    submitted: AnswerInput


def applicable_invariant(
    catalogue: Catalogue, assessment: Assessment, invariant_id: str
) -> Invariant:
    """The invariant if it applies to this assessment's study type, else KeyError."""
    for inv in catalogue.invariants_for(assessment.study_type):
        if inv.id == invariant_id:
            return inv
    raise KeyError(invariant_id)


def validate_answer(catalogue: Catalogue, invariant: Invariant, values: AnswerInput) -> None:
    """Raise :class:`AnswerError` unless ``values`` are acceptable for ``invariant``."""
    errors: dict[str, str] = {}
    if values.answer is not None and values.answer not in ANSWER_IDS:
        errors["answer"] = _("Choose one of the proposed answers.")
    elif values.answer == "not_applicable" and not invariant.na_allowed:
        errors["answer"] = _(
            "“Not applicable” is not allowed for this invariant: it applies to every study "
            "of this type."
        )
    elif values.answer is not None:
        option = catalogue.scoring.answer(values.answer)
        if option.requires_justification and not values.justification:
            errors["justification"] = _(
                "A justification is required for the answer “%(label)s”.",
                label=pick(option.label, str(get_locale() or "en")),
            )
    for name, limit in LIMITS.items():
        if len(getattr(values, name)) > limit:
            # How much to cut, since a long paste cannot be measured by eye.
            count = len(getattr(values, name))
            errors[name] = _("At most %(n)s characters: this text has %(count)s, %(over)s too "
                             "many.", n=format_number(limit), count=format_number(count),
                             over=format_number(count - limit))
    if errors:
        raise AnswerError(errors)


def _stored(assessment: Assessment, invariant_id: str) -> Answer | None:
    return db.session.scalar(
        select(Answer).where(
            Answer.assessment_id == assessment.id, Answer.invariant_id == invariant_id
        )
    )


def _values_of(row: Answer | None) -> AnswerInput:
    if row is None:
        return AnswerInput(None)
    return AnswerInput(row.answer, row.justification, row.quotation, row.page, row.section)


def _held(assessment: Assessment, invariant_id: str, version: int) -> AnswerInput | None:
    """The values the answer held at ``version``, from its history."""
    change = db.session.scalar(select(AnswerHistory).where(
        AnswerHistory.assessment_id == assessment.id,
        AnswerHistory.invariant_id == invariant_id, AnswerHistory.version == version,
    ).order_by(AnswerHistory.id.desc()).limit(1))
    if change is None:
        return None
    held = change.new_values or {}
    return AnswerInput(
        held.get("answer") or None,
        **{name: str(held.get(name) or "") for name in ("justification", "quotation", "page",
                                                         "section")},
    )


def without_stale_location(values: AnswerInput, edited_from: AnswerInput | None) -> AnswerInput:
    """``values`` without the page and section of a quotation they remove.

    A page and section locate the quotation they came with: when a save takes the quotation
    out and leaves them as they were (a suggestion's wrong quotation cleared, its location
    overlooked), they go with it, or a report would send its reader to a passage that
    evidences nothing ("Not reported — Location: p. 3, Interventions"). A location changed
    in the same save, or given to an answer without a quotation, is the person's and stays.
    """
    if (edited_from is not None and edited_from.quotation and not values.quotation
            and (values.page or values.section)
            and (values.page, values.section) == (edited_from.page, edited_from.section)):
        return replace(values, page="", section="")
    return values


def save_answer(
    catalogue: Catalogue, assessment: Assessment, invariant_id: str, values: AnswerInput,
    submitted_version: int, user: User, sent: Collection[str] | None = None,
) -> SaveOutcome:
    """Validate and save one answer; see the module docstring for the version rules, and
    :func:`without_stale_location` for the location of a quotation taken out. ``sent``: the
    fields the post carried (None: all); the others keep their stored values
    (:meth:`AnswerInput.over`).

    Raises KeyError for an invariant that does not apply, :class:`AnswerError` for bad values.
    """
    invariant = applicable_invariant(catalogue, assessment, invariant_id)
    row = _stored(assessment, invariant_id)
    old = _values_of(row)
    values = values.cleaned().over(old, sent)
    validate_answer(catalogue, invariant, values)
    stored_version = row.version if row else 0
    if not values.quotation and (values.page or values.section):
        # The version the form was edited from: the stored one, or an earlier one for a
        # double click's second request.
        edited_from = old if submitted_version == stored_version \
            else _held(assessment, invariant_id, submitted_version)
        values = without_stale_location(values, edited_from)
    return _save(assessment, invariant_id, values, submitted_version, user, row)


def _save(assessment: Assessment, invariant_id: str, values: AnswerInput,
          submitted_version: int, user: User, row: Answer | None) -> SaveOutcome:
    """Save ``values``, validated, over the stored ``row`` edited from ``submitted_version``."""
    old = _values_of(row)
    stored_version = row.version if row else 0

    def current() -> AnswerRecord:
        found = _stored(assessment, invariant_id)
        return answer_record(found) if found else AnswerRecord(invariant_id)

    # Re-sending the stored values is a no-op, except that saving an automatic suggestion
    # unchanged is how a person confirms it (it then becomes a human answer).
    confirming = row is not None and row.origin != "human"
    if values == old and not (confirming and submitted_version == stored_version):
        return SaveOutcome("unchanged", current(), values)
    if submitted_version != stored_version:
        return SaveOutcome("conflict", current(), values)

    now = utcnow()
    new_version = stored_version + 1
    fields = asdict(values)
    # Who gave the justification stays who it was while a person's justification is kept as
    # it was (bob moving alice's quotation has not accepted her suggestion); a save that
    # confirms a suggestion or changes the justification makes it this person's.
    kept = (row is not None and row.origin == "human"
            and values.justification == old.justification)
    accepted_by = (row.accepted_by or row.confirmed_by) if kept and row else user.username
    try:
        if row is None:
            db.session.add(Answer(
                assessment_id=assessment.id, invariant_id=invariant_id, origin="human",
                confirmed_by=user.username, accepted_by=accepted_by, updated_at=now,
                version=new_version, **fields,
            ))
            db.session.flush()
        else:
            # Compare-and-set on the version: a concurrent save that won the race makes
            # this update match no row, and we report a conflict instead of overwriting it.
            result = db.session.execute(
                update(Answer)
                .where(Answer.id == row.id, Answer.version == stored_version)
                .values(origin="human", confirmed_by=user.username, accepted_by=accepted_by,
                        updated_at=now, version=new_version, **fields)
                .execution_options(synchronize_session=False)
            )
            if result.rowcount != 1:
                db.session.rollback()
                return SaveOutcome("conflict", current(), values)
        db.session.add(AnswerHistory(
            assessment_id=assessment.id, invariant_id=invariant_id, user_id=user.id,
            username=user.username, changed_at=now, version=new_version,
            old_answer=old.answer, new_answer=values.answer,
            old_values=asdict(old), new_values=fields,
        ))
        assessment.updated_at = now
        db.session.commit()
    except IntegrityError:  # two first saves of the same invariant at once
        db.session.rollback()
        return SaveOutcome("conflict", current(), values)
    db.session.expire_all()
    return SaveOutcome("saved", current(), values)


class NoSuchVersion(LookupError):
    """The answer never had the version asked to be restored."""


def restore_version(
    catalogue: Catalogue, assessment: Assessment, invariant_id: str, version: int,
    submitted_version: int, user: User,
) -> SaveOutcome:
    """Save again the values the answer held at ``version`` (from its history), as a new
    version by ``user``: nothing is erased, the history only grows.

    ``submitted_version`` is the version the person saw as current; if the answer has moved
    on since, this is a conflict, as for any save. Raises :class:`NoSuchVersion`, KeyError
    for an invariant that does not apply, :class:`AnswerError` for values the catalogue no
    longer accepts.
    """
    values = _held(assessment, invariant_id, version)
    if values is None:
        raise NoSuchVersion(f"{invariant_id} has no version {version}")
    # Saved as it was held, location and all: the version chosen, not an edit of a form.
    invariant = applicable_invariant(catalogue, assessment, invariant_id)
    values = values.cleaned()
    validate_answer(catalogue, invariant, values)
    return _save(assessment, invariant_id, values, submitted_version, user,
                 _stored(assessment, invariant_id))


def history(assessment: Assessment, invariant_id: str | None = None) -> list[AnswerHistory]:
    """Changes of one invariant's answer (or all), newest first."""
    query = select(AnswerHistory).where(AnswerHistory.assessment_id == assessment.id)
    if invariant_id is not None:
        query = query.where(AnswerHistory.invariant_id == invariant_id)
    return list(db.session.scalars(query.order_by(AnswerHistory.id.desc())))
