"""A structured review as plain text, to paste into a journal's or an ethics committee's form.

Built from what the PDF report says (:func:`exports.context.build_context` over
:func:`checker.services.scoring.score_assessment`), so the two never disagree: the same
verdict, scores, answers, quotations and guidance, laid out as Markdown-flavoured plain text
(headings, lists, no tables, no HTML, no hard wrapping: one line per paragraph) that reads
well pasted into a plain text box. Fixed wording comes from ``exports/labels.yaml``;
invariant wording from the catalogue.

Layout: a header (study, document, catalogue, date, verdict with why it is not a better one,
scores, the statement that the tool never awards the NPIS© label), the points to address (not
met, partially met, not reported: ethical invariants first, then methodological, in catalogue
order) with the justification (the assessor's, or a suggestion's rationale, said so), the
quotation and its location, what the catalogue expects of this kind of document, how to fix
it and its example (the short review leaves out what is expected and the example, for a form
with a length limit: what is missing is then said by how to fix it); the invariants reported
(met) with where; then the not applicable and the unanswered ones, briefly. Unconfirmed
automatic suggestions are marked as such wherever they appear. The ethical review
(``ethical_only``) keeps the header and lists the ethical invariants alone, saying how many of
them a person answered: what an ethics committee screening protocols for their ethics reads.
Assessors' names are left out (a review may be blind); the PDF report names them.

:func:`study_items`, :func:`notes` and :func:`points_to_address` also make each study's part
of a dossier's review (:mod:`checker.services.dossier_review_text`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import datetime

from exports.context import (
    GapView,
    RowView,
    answer_label,
    build_context,
    document_versions,
    fmt_dt,
    justification_label,
)
from exports.labels import Labels, expected_key

from ..catalogue import Catalogue
from .records import AssessmentRecord
from .scoring import (
    NOT_APPLICABLE,
    NOT_MET,
    NOT_REPORTED,
    PARTIALLY_MET,
    UNANSWERED,
    ScoreResult,
    score_assessment,
)

TO_ADDRESS = (NOT_MET, PARTIALLY_MET, NOT_REPORTED)
"""Effective answers (as scored) that make a point to address."""
REPORTED = "met"
_LINE_BREAKS = re.compile(r"[ \t]*[\r\n\v\f\u2028\u2029]+[ \t]*")
KINDS = ("ethical", "methodological")
ETHICAL = ("ethical",)


def review_text(catalogue: Catalogue, record: AssessmentRecord, lang: str, *,
                score: ScoreResult | None = None,
                quotation_checks: dict[str, bool | None] | None = None,
                answers_to_check: Sequence[str] = (),
                generated_at: datetime | None = None, short: bool = False,
                ethical_only: bool = False) -> str:
    """The structured review of ``record`` in ``lang`` (``en`` or ``fr``; anything else is
    English), ending with a newline; ``short``: without what is expected and the examples;
    ``ethical_only``: the ethical invariants alone (the header, verdict and scores unchanged).

    ``score`` defaults to :func:`score_assessment` of the record; ``quotation_checks`` is
    what :func:`checker.services.quotation_checks.quotation_checks` returns (None: quotations
    not checked, as for a record without a document); ``answers_to_check``, the answers
    given on an earlier draft to check against the document
    (:attr:`checker.services.draft_flags.DocumentChecks.answers_to_check`).
    """
    context = study_context(catalogue, record, lang, score=score,
                            quotation_checks=quotation_checks,
                            answers_to_check=answers_to_check, generated_at=generated_at)
    lab: Labels = context["lab"]
    lang = lab.lang
    kinds = ETHICAL if ethical_only else KINDS
    rows = _rows(context, kinds)
    lines = [f"# {lab['review_title_ethical' if ethical_only else 'review_title']}", ""]
    lines += study_items(catalogue, record, context, dated=True)
    if ethical_only:
        lines.append(f"- {lab['review_ethical_answered']}{lab['colon']} "
                     f"{_answered(rows, lab)}")
    lines += ["", lab["label_statement"], "", lab["review_wording_note"], ""]
    if ethical_only:
        lines += [lab("review_ethical_only", count=len(rows)), ""]
    lines += notes(context)
    lines += points_to_address(context, record.document_kind, level=2, short=short, kinds=kinds)

    reported = [row for row in rows if row.effective == REPORTED]
    lines += heading(lab("review_count", heading=lab["review_reported"], count=len(reported)))
    if reported:
        lines += [lab["review_reported_help"], ""]
        lines += [f"- {_name(row)} — {_where(row, lab)}{_unconfirmed(row, lab)}"
                  for row in reported]
        lines.append("")
    else:
        lines += [lab["review_none"], ""]

    excluded = [row for row in rows if row.effective == NOT_APPLICABLE]
    if excluded:
        title = answer_label(catalogue, NOT_APPLICABLE, lang)
        lines += heading(lab("review_count", heading=title, count=len(excluded)))
        lines += [f"- {_name(row)}" + _excluded_because(row, lab) + _unconfirmed(row, lab)
                  for row in excluded]
        lines.append("")
    unanswered = [row for row in rows if row.effective == UNANSWERED]
    if unanswered:
        lines += heading(lab("review_count", heading=lab["unanswered"], count=len(unanswered)))
        lines += [f"- {_name(row)}" for row in unanswered]
        lines.append("")

    lines += ["---", "", lab("review_footer", uid=record.uid)]
    return "\n".join(lines) + "\n"


def study_context(catalogue: Catalogue, record: AssessmentRecord, lang: str, *,
                  score: ScoreResult | None = None,
                  quotation_checks: dict[str, bool | None] | None = None,
                  answers_to_check: Sequence[str] = (),
                  generated_at: datetime | None = None) -> dict:
    """What the PDF report says of ``record`` (:func:`exports.context.build_context`), for
    the pieces below: a review says what the report says."""
    score = score or score_assessment(catalogue, record)
    return build_context(catalogue, record, score, lang, report_id="",
                         generated_at=generated_at, quotation_checks=quotation_checks,
                         answers_to_check=answers_to_check)


def _rows(context: dict, kinds: Sequence[str] = KINDS) -> list[RowView]:
    """The invariants of ``kinds``, ethical first, each kind in catalogue order."""
    return sorted((row for row in context["rows"] if row.kind in kinds),
                  key=lambda row: KINDS.index(row.kind))


def study_items(catalogue: Catalogue, record: AssessmentRecord, context: dict, *,
                dated: bool) -> list[str]:
    """The study as list items: its details, the verdict with why it is not a better one,
    the scores and how much is answered. ``dated``: with the moment the text was made (a
    dossier's review says it once, for all its studies)."""
    lab: Labels = context["lab"]
    colon = lab["colon"]
    study = dict(context["study"])
    fields = [
        (lab["title"], record.title),
        (lab["reference"], record.reference),
        (lab["document"], lab("review_document_value", file=record.document_filename,
                              sha256=record.document_sha256)
         if record.document_filename else lab["no_document"]),
        *document_versions(record, lab),
        (lab["document_kind"], study[lab["document_kind"]]),
        (lab["study_type"], study[lab["study_type"]]),
        (lab["catalogue"], lab("review_catalogue_value", name=dict(context["catalogue"])[
            lab["catalogue"]], version=catalogue.version)),
    ]
    if dated:
        fields.append((lab["review_date"], fmt_dt(context["generated_at"])))
    scores = [
        *[(kind["label"], lab("review_score_value", score=kind["score"], points=kind["points"]))
          for kind in context["kinds"]],
        (lab["progress"], context["progress"]),
    ]
    lines = [f"- {key}{colon} {one_line(value)}" for key, value in fields if value]
    lines.append(f"- {lab['verdict']}{colon} {context['verdict_line']}")
    # Why not a better verdict, nested under it (indented past the "- " of its item).
    lines += [f"    - {line}" for line in context["shortfalls"]]
    lines += [f"- {key}{colon} {one_line(value)}" for key, value in scores if value]
    return lines


def notes(context: dict) -> list[str]:
    """The report's notices and scoring warnings (an incomplete assessment, unconfirmed
    suggestions, quotations not found, answers to check after a revised draft…) under a
    "Notes" line; nothing when there are none."""
    lab: Labels = context["lab"]
    found = [*context["notices"], *context["warnings"]]
    if not found:
        return []
    return [f"{lab['review_notes']}{lab['colon']}", "", *[f"- {note}" for note in found], ""]


def points_to_address(context: dict, document_kind: str, *, level: int,
                      short: bool = False, kinds: Sequence[str] = KINDS) -> list[str]:
    """The invariants not met, partially met or not reported, numbered, ethical first, each
    with the justification (saying whose words it is), the quotation, what is expected (unless
    ``short``), how to fix it and its example (unless ``short``);
    under a heading of ``level`` (its kinds one level below); only those of ``kinds``."""
    lab: Labels = context["lab"]
    gaps = {gap.id: gap for gap in (*context["unmet"], *context["unreported"])}
    points = [row for row in _rows(context, kinds) if row.effective in TO_ADDRESS]
    lines = heading(lab("review_count", heading=lab["review_points"], count=len(points)),
                    level)
    if not points:
        return [*lines, lab["review_points_none"], ""]
    lines += [lab["review_points_help" if tuple(kinds) == KINDS else "review_points_help_ethical"],
              ""]
    number = 0
    for kind in kinds:
        of_kind = [row for row in points if row.kind == kind]
        if not of_kind:
            continue
        lines += heading(lab[f"{kind}_invariants"], level + 1)
        for row in of_kind:
            number += 1
            lines += _point(number, row, gaps[row.id], document_kind, lab, short)
    return lines


def heading(text: str, level: int = 2) -> list[str]:
    """A Markdown heading (``level`` 2: ``## text``) and its blank line."""
    return [f"{'#' * level} {text}", ""]


def _answered(rows: Sequence[RowView], lab: Labels) -> str:
    """How many of ``rows`` a person answered, and how many are unconfirmed suggestions
    (left out when none are), as the progress of the whole assessment is said."""
    by_person = sum(1 for row in rows if row.effective != UNANSWERED and not row.unconfirmed)
    unconfirmed = sum(1 for row in rows if row.unconfirmed)
    person = lab("progress_by_person", count=by_person, total=len(rows))
    if not unconfirmed:
        return person
    key = "progress_unconfirmed_one" if unconfirmed == 1 else "progress_unconfirmed_many"
    return f"{person}{lab['separator']}{lab(key, count=unconfirmed)}"


def _name(row: RowView) -> str:
    return f"{row.id} {one_line(row.title)}"


def _unconfirmed(row: RowView, lab: Labels) -> str:
    return f" ({lab['review_unconfirmed']})" if row.unconfirmed else ""


def _justification_label(row: RowView, lab: Labels) -> str:
    """Whose words the justification is, without naming the assessor (a review may be
    blind): "Suggestion's rationale (accepted by the assessor)"."""
    return justification_label(lab, row.justification_source, None)


def _quoted(text: str, lab: Labels) -> str:
    return f"{lab['quote_open']}{text}{lab['quote_close']}"


def _not_found(row: RowView, lab: Labels) -> str:
    return f" ({lab['review_quote_not_found']})" if row.quotation_found is False else ""


def _excluded_because(row: RowView, lab: Labels) -> str:
    """Why a person found the invariant not applicable, in their words; the words of a
    suggestion are introduced as such."""
    if not row.justification:
        return ""
    if row.justification_source == "assessor":
        return f" — {one_line(row.justification)}"
    return f" — {_justification_label(row, lab)}{lab['colon']} {one_line(row.justification)}"


def _where(row: RowView, lab: Labels) -> str:
    """Where the document reports a met invariant: its quotation's location."""
    if not row.quotation:
        return one_line(row.location) or lab["review_no_quotation"]
    return (one_line(row.location) or lab["review_no_location"]) + _not_found(row, lab)


def _point(number: int, row: RowView, gap: GapView, document_kind: str,
           lab: Labels, short: bool) -> list[str]:
    colon = lab["colon"]
    lines = [f"{number}. {_name(row)} — {row.answer_label}{_unconfirmed(row, lab)}"]
    items: list[str] = []
    if row.warning:
        items.append(row.warning)
    if row.justification:
        items.append(f"{_justification_label(row, lab)}{colon} {one_line(row.justification)}")
    location = one_line(row.location)
    if row.quotation:
        where = f" ({location})" if location else ""
        items.append(f"{lab['quotation']}{where}{colon} "
                     f"{_quoted(one_line(row.quotation), lab)}{_not_found(row, lab)}")
    elif location:
        items.append(f"{lab['location']}{colon} {location}")
    if gap.expected and not short:
        items.append(f"{lab[expected_key(document_kind)]}{colon} {gap.expected}")
    if gap.remedy:
        items.append(f"{lab['how_to_fix']}{colon} {gap.remedy}")
    if gap.example and not short:
        items.append(f"{lab['example']}{colon} {gap.example}")
    # Four spaces: nested under "1." as under "10." (CommonMark needs the marker's width).
    lines += [f"    - {item}" for item in items]
    lines.append("")
    return lines


def one_line(text: str) -> str:
    """A person's text as one paragraph: a line break inside a list item would end it (the
    separate quotations of a suggestion, joined by "[…]" lines, stay apart by that mark).
    Only line breaks go: no-break spaces (French typography) stay as typed."""
    return _LINE_BREAKS.sub(" ", text).strip()
