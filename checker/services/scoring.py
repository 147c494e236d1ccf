"""Score one assessment against its catalogue: per-kind scores, verdict, gaps to fix.

Everything numeric comes from ``catalogue.scoring`` (answer points, exclusions, verdict rules)
and from each invariant's weight; nothing here knows the default 2/1/0 scale or the 80%/60%
thresholds. The result is plain data that the web page, the PDF, the Excel workbook and the
JSON export all read, so they can never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from checker.catalogue import Catalogue, Invariant, pick
from checker.catalogue.model import Text, VerdictRule

from .records import AnswerRecord, AssessmentRecord

KINDS = ("ethical", "methodological")
UNANSWERED = "unanswered"
"""Pseudo answer id for an invariant nobody has answered yet (scored as not reported)."""
NOT_REPORTED = "not_reported"
NOT_MET = "not_met"
PARTIALLY_MET = "partially_met"
NOT_APPLICABLE = "not_applicable"

# Weighted sums are floats; a score that is mathematically exactly on a threshold (e.g. 0.8)
# must pass it even if floating-point rounding lands it a hair below.
_EPSILON = 1e-9


@dataclass(frozen=True)
class KindScore:
    """Points of one kind of invariant (ethical or methodological)."""

    kind: str
    points: float  # weighted points obtained
    max_points: float  # weighted maximum over the applicable invariants
    applicable: int  # invariants counted (not excluded)
    counts: dict[str, int]  # effective answer id (or "unanswered") -> number of invariants

    @property
    def score(self) -> float | None:
        """Fraction of the maximum, or None when no invariant of this kind is applicable."""
        return self.points / self.max_points if self.max_points > 0 else None


@dataclass(frozen=True)
class InvariantRow:
    """One invariant of the assessment with its answer as scored."""

    invariant: Invariant
    record: AnswerRecord
    answer: str | None  # the answer as given (None while unanswered)
    effective: str  # the answer as scored: "unanswered" or a catalogue answer id
    points: int | None  # unweighted points of the effective answer, None when excluded
    weight: float
    weighted_points: float | None
    weighted_max: float | None
    warning: Text | None = None  # why the given answer was not scored as given (EN/FR)

    @property
    def origin(self) -> str:
        return self.record.origin

    @property
    def unconfirmed(self) -> bool:
        """An automatic suggestion no person has confirmed yet."""
        return unconfirmed_suggestion(self.record)

    @property
    def excluded(self) -> bool:
        return self.points is None


@dataclass(frozen=True)
class AnswerCounts:
    """How an assessment's invariants stand: answered (or confirmed) by a person, holding an
    automatic suggestion no person has confirmed yet, or not answered, of ``total``.

    The one count that every page and report says: the home list, the form's progress bar and
    the results page word it alike ("17 of 30 answered by a person; 13 unconfirmed
    suggestions"), and a verdict that rests on a suggestion says so wherever it is shown.
    """

    by_person: int
    unconfirmed: int
    total: int

    @property
    def counted(self) -> int:
        """Invariants with an answer the score counts: a person's or a suggestion."""
        return self.by_person + self.unconfirmed

    @property
    def unanswered(self) -> int:
        return self.total - self.counted

    @property
    def provisional(self) -> bool:
        """Whether the scores and verdict rest in part on suggestions no person has confirmed
        (they are scored like answers): such a verdict is provisional wherever it is shown."""
        return self.unconfirmed > 0


def person_answered(record: AnswerRecord) -> bool:
    """An answer a person gave, or confirmed by accepting a suggestion."""
    return record.answer is not None and record.origin != "suggestion"


def unconfirmed_suggestion(record: AnswerRecord) -> bool:
    """An automatic suggestion no person has confirmed yet (scored like an answer)."""
    return record.answer is not None and record.origin == "suggestion"


def answer_counts(catalogue: Catalogue, record: AssessmentRecord) -> AnswerCounts:
    """:class:`AnswerCounts` of ``record`` over the invariants of its study type, without
    scoring it (the same as ``score_assessment(catalogue, record).answer_counts``)."""
    answers = [record.answer_for(inv.id) for inv in catalogue.invariants_for(record.study_type)]
    return AnswerCounts(by_person=sum(1 for a in answers if person_answered(a)),
                        unconfirmed=sum(1 for a in answers if unconfirmed_suggestion(a)),
                        total=len(answers))


@dataclass(frozen=True)
class Gap:
    """An invariant that is not (fully) satisfied, with what is expected and how to fix it."""

    invariant: Invariant
    answer: str | None  # None while unanswered
    unconfirmed: bool
    expected: Text  # guidance for "met" for the record's document kind
    remedy: Text  # for the record's document kind, as the example
    example: Text
    # A paper's advice for a dossier built on it once published, apart from the remedy asked of
    # its authors (None for a protocol, or when the catalogue gives none).
    dossier_advice: Text | None = None

    def texts(self, lang: str) -> tuple[str, str, str]:
        """(what is expected, how to fix it, an example) in ``lang``."""
        return pick(self.expected, lang), pick(self.remedy, lang), pick(self.example, lang)

    def dossier_advice_in(self, lang: str) -> str:
        """The advice for a dossier in ``lang``; empty when there is none."""
        return pick(self.dossier_advice, lang) if self.dossier_advice else ""


@dataclass(frozen=True)
class ScoreResult:
    ethical: KindScore
    methodological: KindScore
    verdict_id: str
    verdict_label: Text
    answered: int
    total: int
    rows: tuple[InvariantRow, ...]
    unmet: tuple[Gap, ...]  # not met and partially met
    unreported: tuple[Gap, ...]  # not reported, or not answered yet
    warnings: tuple[Text, ...] = field(default=())

    @property
    def ethical_score(self) -> float | None:
        return self.ethical.score

    @property
    def methodological_score(self) -> float | None:
        return self.methodological.score

    @property
    def complete(self) -> bool:
        """Every applicable invariant has an answer (a suggestion counts, but is flagged)."""
        return self.answered == self.total

    @property
    def unconfirmed(self) -> int:
        return sum(1 for row in self.rows if row.unconfirmed)

    @property
    def answer_counts(self) -> AnswerCounts:
        """How many of the answers scored a person gave, and how many are suggestions."""
        return AnswerCounts(by_person=self.answered - self.unconfirmed,
                            unconfirmed=self.unconfirmed, total=self.total)

    @property
    def provisional(self) -> bool:
        """The verdict rests in part on suggestions no person has confirmed."""
        return self.answer_counts.provisional

    def kind(self, kind: str) -> KindScore:
        return self.ethical if kind == "ethical" else self.methodological

    def verdict(self, lang: str) -> str:
        return pick(self.verdict_label, lang)


def _effective_answer(
    catalogue: Catalogue, inv: Invariant, rec: AnswerRecord
) -> tuple[str, Text | None]:
    """The answer as scored, and a warning (in each language) when it differs from the answer
    given.

    An exclusion that the catalogue does not allow (not applicable on an invariant where it is
    not admitted, or without the required justification) cannot shrink the denominator: it is
    scored as not reported, otherwise a score could be raised by excluding what is missing.
    """
    if rec.answer is None:
        return UNANSWERED, None
    try:
        option = catalogue.scoring.answer(rec.answer)
    except KeyError:
        return NOT_REPORTED, {
            "en": f"{inv.id}: unknown answer '{rec.answer}' scored as not reported",
            "fr": f"{inv.id}\u00a0: réponse inconnue «\u00a0{rec.answer}\u00a0», comptée comme "
                  "non rapportée",
        }
    if option.excluded:
        label = {lang: pick(option.label, lang) for lang in ("en", "fr")}
        if rec.answer == NOT_APPLICABLE and not inv.na_allowed:
            return NOT_REPORTED, {
                "en": f"{inv.id}: '{label['en']}' is not allowed for this invariant; "
                      "scored as not reported",
                "fr": f"{inv.id}\u00a0: «\u00a0{label['fr']}\u00a0» n'est pas admis pour cet "
                      "invariant\u00a0; compté comme non rapporté",
            }
        if option.requires_justification and not rec.justification.strip():
            return NOT_REPORTED, {
                "en": f"{inv.id}: '{label['en']}' needs a justification; scored as not reported",
                "fr": f"{inv.id}\u00a0: «\u00a0{label['fr']}\u00a0» demande une "
                      "justification\u00a0; compté comme non rapporté",
            }
    return rec.answer, None


def _points(catalogue: Catalogue, effective: str) -> int | None:
    if effective == UNANSWERED:
        effective = NOT_REPORTED
    option = catalogue.scoring.answer(effective)
    return None if option.excluded else int(option.points or 0)


def _kind_score(kind: str, rows: list[InvariantRow]) -> KindScore:
    counts: dict[str, int] = {}
    points = maximum = 0.0
    applicable = 0
    for row in rows:
        counts[row.effective] = counts.get(row.effective, 0) + 1
        if row.weighted_points is not None and row.weighted_max is not None:
            points += row.weighted_points
            maximum += row.weighted_max
            applicable += 1
    return KindScore(kind, points, maximum, applicable, counts)


@dataclass(frozen=True)
class ForbiddenAnswer:
    """The ethical invariants whose answer (as scored) a verdict rule forbids."""

    answer: str  # catalogue answer id, e.g. "not_reported" (unanswered counts as that)
    invariant_ids: tuple[str, ...]  # in catalogue order
    # Those of ``invariant_ids`` no one has answered yet (scored as not reported): a line
    # saying they were "answered “not reported”" would contradict the report's own count of
    # the invariants not answered yet.
    unanswered: tuple[str, ...] = ()


@dataclass(frozen=True)
class VerdictShortfall:
    """A verdict rule better than the one reached, and what kept the assessment from it.

    ``forbidden`` lists the rule's forbidden answers that some ethical invariant has (empty
    when the ethical condition holds); ``methodological_short`` says the methodological score
    (``methodological_score``, None when no methodological invariant is applicable) is below
    the rule's ``methodological_min``.
    """

    rule: VerdictRule
    forbidden: tuple[ForbiddenAnswer, ...]
    methodological_score: float | None
    methodological_short: bool

    @property
    def holds(self) -> bool:
        """Nothing keeps the assessment from this rule."""
        return not self.forbidden and not self.methodological_short


def _ethical_answer(row: InvariantRow) -> str:
    # Unanswered ethical invariants count as not reported for the verdict as for the score.
    return NOT_REPORTED if row.effective == UNANSWERED else row.effective


def _shortfall(rule: VerdictRule, ethical_rows: list[InvariantRow] | tuple[InvariantRow, ...],
               methodological: float | None) -> VerdictShortfall:
    forbidden = []
    for answer in rule.ethical_forbidden:
        rows = [r for r in ethical_rows if _ethical_answer(r) == answer]
        if rows:
            forbidden.append(ForbiddenAnswer(
                answer, tuple(r.invariant.id for r in rows),
                tuple(r.invariant.id for r in rows if r.effective == UNANSWERED)))
    # No applicable methodological invariant means nothing supports compliance.
    short = rule.methodological_min is not None and (
        methodological is None or methodological < rule.methodological_min - _EPSILON)
    return VerdictShortfall(rule, tuple(forbidden), methodological, short)


def _verdict(
    catalogue: Catalogue, ethical_rows: list[InvariantRow], methodological: float | None
) -> VerdictRule:
    rules = catalogue.scoring.verdicts
    for rule in rules:
        if _shortfall(rule, ethical_rows, methodological).holds:
            return rule
    return rules[-1]  # the last rule is the fallback even if it carries conditions


def verdict_shortfalls(catalogue: Catalogue, score: ScoreResult) -> tuple[VerdictShortfall, ...]:
    """For each verdict rule of ``catalogue`` tried before the one ``score`` reached (the
    better verdicts), what kept the assessment from it; empty for the best verdict.

    Read from the catalogue's rules as :func:`score_assessment` applies them, so what is said
    here is what decided the verdict. Raises ``KeyError`` when ``score`` was reached with
    another catalogue (its verdict is not one of these rules).
    """
    ids = [rule.id for rule in catalogue.scoring.verdicts]
    if score.verdict_id not in ids:
        raise KeyError(f"verdict {score.verdict_id!r} is not a rule of catalogue "
                       f"{catalogue.id} {catalogue.version}")
    ethical_rows = [r for r in score.rows if r.invariant.kind == "ethical"]
    better = catalogue.scoring.verdicts[:ids.index(score.verdict_id)]
    return tuple(_shortfall(rule, ethical_rows, score.methodological_score) for rule in better)


def _gap(inv: Invariant, row: InvariantRow, document_kind: str) -> Gap:
    return Gap(
        invariant=inv,
        answer=row.answer,
        unconfirmed=row.unconfirmed,
        expected=inv.guidance(document_kind).met,
        remedy=inv.remedy(document_kind),
        example=inv.example(document_kind),
        dossier_advice=inv.dossier_advice(document_kind),
    )


def score_assessment(catalogue: Catalogue, record: AssessmentRecord) -> ScoreResult:
    """Score ``record`` with the rules, points and weights of ``catalogue``.

    Raises ``KeyError`` when the record's study type is not in the catalogue.
    """
    max_points = catalogue.scoring.max_points
    rows: list[InvariantRow] = []
    warnings: list[Text] = []
    for inv in catalogue.invariants_for(record.study_type):
        rec = record.answer_for(inv.id)
        effective, warning = _effective_answer(catalogue, inv, rec)
        points = _points(catalogue, effective)
        if warning:
            warnings.append(warning)
        rows.append(
            InvariantRow(
                invariant=inv,
                record=rec,
                answer=rec.answer,
                effective=effective,
                points=points,
                weight=inv.weight,
                weighted_points=None if points is None else points * inv.weight,
                weighted_max=None if points is None else max_points * inv.weight,
                warning=warning,
            )
        )
    by_kind = {k: [r for r in rows if r.invariant.kind == k] for k in KINDS}
    ethical = _kind_score("ethical", by_kind["ethical"])
    methodological = _kind_score("methodological", by_kind["methodological"])
    rule = _verdict(catalogue, by_kind["ethical"], methodological.score)
    unmet = tuple(
        _gap(r.invariant, r, record.document_kind)
        for r in rows if r.effective in (NOT_MET, PARTIALLY_MET)
    )
    unreported = tuple(
        _gap(r.invariant, r, record.document_kind)
        for r in rows if r.effective in (NOT_REPORTED, UNANSWERED)
    )
    return ScoreResult(
        ethical=ethical,
        methodological=methodological,
        verdict_id=rule.id,
        verdict_label=rule.label,
        answered=sum(1 for r in rows if r.answer is not None),
        total=len(rows),
        rows=tuple(rows),
        unmet=unmet,
        unreported=unreported,
        warnings=tuple(warnings),
    )
