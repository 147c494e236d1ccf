"""A dossier's structured review as plain text, to paste into a letter or a review form.

The dossier counterpart of :mod:`checker.services.review_text`, built from the same pieces so
that each study's part says what that study's own review (and its PDF report) says: the NPI
and its screening; the studies at a glance; then for each study its details, its verdict with
why it is not a better one, its scores, whether it counts towards the minimum evidence, its
notes (unconfirmed automatic suggestions, invariants not answered, quotations not found,
answers given on an earlier draft to check) and its points to address; then the evidence
sufficiency (the five criteria, what is missing); then what to look for and add to the
dossier, per invariant a study lacks, with the advice for a dossier that the studies' points
to address leave out (:mod:`checker.services.dossier_advice`).
The dossier-level facts come from :func:`checker.services.dossier_view.build_view`, which the
dossier's PDF and Excel reports read too. Fixed wording comes from ``exports/labels.yaml``.

Like a study's review, it leaves people's names out (a review may be blind) and lists only the
points to address of each study, not the invariants reported: the study's own review and
reports give those.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from exports.context import enumeration, fmt_dt
from exports.dossier_context import (
    advice_sections,
    counts_value,
    criteria_rows,
    npi_pairs,
    protocol_pairs,
    publication_pairs,
)
from exports.labels import Labels, labels

from ..catalogue import Catalogue, pick
from ..models.dossier import Dossier
from .dossier_view import StudySummary, build_view
from .review_text import heading, notes, one_line, points_to_address, study_context, study_items
from .screening import ScreeningResult


def dossier_review_text(dossier: Dossier, catalogue: Catalogue, lang: str, *,
                        upload_dir: str | Path | None = None,
                        generated_at: datetime | None = None, short: bool = False) -> str:
    """The structured review of ``dossier`` in ``lang`` (``en`` or ``fr``; anything else is
    English), ending with a newline.

    ``catalogue`` holds the minimum-evidence rules (the active one, as for the dossier's
    reports); each study is scored with its own. ``upload_dir``: where the studies' documents
    are, to check their quotations as their reports do (None: not checked).
    """
    lab = labels(lang)
    lang = lab.lang
    generated = generated_at or datetime.now(UTC)
    view = build_view(dossier, catalogue, lang, upload_dir)
    colon = lab["colon"]
    lines = [f"# {lab['dossier_review_title']}", ""]
    header = [
        *npi_pairs(lab, view),
        (lab["dossier_id"], view.uid),
        (lab["catalogue"], lab("review_catalogue_value", name=pick(catalogue.name, lang),
                               version=catalogue.version)),
        (lab["review_date"], fmt_dt(generated)),
        (lab["screening"], _screening(view.screening, lab)),
    ]
    lines += [f"- {key}{colon} {one_line(value)}" for key, value in header if value]
    lines += ["", lab["self_check_statement"], "", lab["review_wording_note"], ""]

    studies = []
    for number, (scored, summary) in enumerate(
            zip(view.scored, view.studies, strict=True), start=1):
        checks = summary.drafts.quotation_checks  # read once, by the view
        own, record = scored.catalogue, scored.record
        # The score the view counted, not scored again; the answers to check as the view
        # found them: the study's notes say them as its own review does, each once (its
        # quotations not found, counted and named, and its answers to check).
        context = study_context(own, record, lang, score=scored.score, quotation_checks=checks,
                                answers_to_check=summary.drafts.answers_to_check,
                                generated_at=generated)
        studies.append((number, summary, own, record, context))

    dossier_notes = [
        lab(key, studies=enumeration(
            [lab("dossier_review_study_ref", n=n) for n, *_, context in studies
             if test(context)], lab))
        for key, test in (("dossier_review_unconfirmed", _has_unconfirmed),
                          ("dossier_review_incomplete", lambda context: not context["complete"]))
        if any(test(context) for *_, context in studies)]
    # Answers that may rest on an earlier draft: which studies, and what that means, once.
    with_drafts = [lab("dossier_review_study_ref", n=number)
                   for number, summary, *_ in studies if summary.drafts.any]
    if with_drafts:
        which = lab("dossier_review_drafts", studies=enumeration(with_drafts, lab))
        dossier_notes.append(f"{which} {lab['draft_flags_help']}")
    if dossier_notes:
        lines += [f"{lab['review_notes']}{colon}", ""]
        lines += [f"- {note}" for note in dossier_notes]
        lines.append("")

    lines += heading(lab("review_count", heading=lab["studies"], count=len(studies)))
    if not studies:
        lines += [lab["dossier_review_no_study"], ""]
    else:
        lines += [lab["dossier_review_studies_help"], ""]
        lines += [f"{number}. " + _glance(summary, lab) for number, summary, *_ in studies]
        lines.append("")
    for number, summary, own, record, context in studies:
        lines += heading(lab("study_n", n=number))
        lines += study_items(own, record, context, dated=False)
        lines += [f"- {key}{colon} {one_line(value)}" for key, value in [
            # The protocol it reports (a paper), or the papers reporting it (a protocol).
            *protocol_pairs(lab, view, summary),
            (lab["counts_towards"], counts_value(lab, summary)),
            *publication_pairs(lab, summary.publication),
            (lab["study_country"], summary.country),
        ] if value]
        lines.append("")
        lines += notes(context)
        lines += points_to_address(context, record.document_kind, level=3, short=short)

    lines += heading(lab["sufficiency"])
    lines += heading(lab["criteria"], 3)
    # "Yes" / "No" head a report's cell; inside this line's sentence they read in lower case.
    lines += ["- " + lab("dossier_review_criterion", criterion=row["label"],
                          study_type=row["type"], minimum=row["minimum"],
                          reached=row["reached"].lower(), supporting=row["supporting"])
              for row in criteria_rows(lab, view)]
    # How each study's country was matched with the country of deployment, where not plain.
    lines += [f"- {line}" for line in view.sufficiency.country_notes]
    lines.append("")
    lines += heading(lab["missing"], 3)
    lines += [f"- {line}" for line in view.sufficiency.missing] or [lab["nothing_missing"]]
    lines.append("")
    lines += _advice(advice_sections(lab, view), lab)

    lines += ["---", "", lab("dossier_review_footer", uid=view.uid)]
    return "\n".join(lines) + "\n"


def _advice(sections: list[dict], lab: Labels) -> list[str]:
    """What to look for and add to the dossier, numbered: the ethical invariants, each with
    the studies that lack it; then the methodological ones under each study (or the studies of
    one type), named once, each with its answer; and the advice for a dossier."""
    colon = lab["colon"]
    count = sum(len(section["rows"]) for section in sections)
    lines = heading(lab("review_count", heading=lab["dossier_advice"], count=count))
    if not sections:
        return [*lines, lab["dossier_advice_none"], ""]
    lines += [lab["dossier_advice_help"], ""]
    number = 0
    for index, section in enumerate(sections):
        if index == 0 or section["ethical"] != sections[index - 1]["ethical"]:
            lines += heading(lab["ethical_invariants" if section["ethical"]
                                 else "methodological_invariants"], 3)
        if section["heading"]:
            lines += heading(one_line(section["heading"]), 4)
            if section["titles"]:
                lines += [*(f"- {one_line(title)}" for title in section["titles"]), ""]
        for row in section["rows"]:
            number += 1
            if section["one_study"]:
                lines.append(f"{number}. {row['id']} {one_line(row['title'])} — "
                             f"{lab['separator'].join(row['answers'])}")
            else:
                lines.append(f"{number}. {row['id']} {one_line(row['title'])}")
                lines.append(f"    - {lab['dossier_advice_studies']}{colon} "
                             f"{lab['separator'].join(row['studies'])}")
            # One advice for all: labelled; else each says whom it is for ("For studies 1 and
            # 3: …"), or that there is none.
            lines += [f"    - {lab['for_a_dossier']}{colon} {one_line(advice)}"
                      if row["shared"] else f"    - {one_line(advice)}"
                      for advice in row["advice"]]
            if row["held"]:  # a protocol the dossier holds, where the advice says to add one
                lines.append(f"    - {one_line(row['held'])}")
            lines.append("")
    return lines


def _screening(result: ScreeningResult | None, lab: Labels) -> str:
    """Whether the intervention is an NPI by the screening answers, and if not why."""
    if result is None:
        return lab["screening_not_done"]
    if result.is_npi:
        return lab["screening_is_npi"]
    return f"{lab['screening_not_npi']} {lab['separator'].join(result.reasons)}"


def _glance(summary: StudySummary, lab: Labels) -> str:
    """One study in a line: title, type, kind, verdict, and whether it counts."""
    kind_key = f"kind_{summary.document_kind}"
    kind = lab[kind_key] if summary.document_kind in ("protocol", "paper") \
        else summary.document_kind
    line = lab("dossier_review_study_line", title=one_line(summary.title),
               study_type=summary.study_type_label, kind=kind, verdict=summary.verdict_line)
    return f"{line}{lab['separator']}{lab['counts_towards']}{lab['colon']} " \
        f"{counts_value(lab, summary)}"


def _has_unconfirmed(context: dict) -> bool:
    return any(row.unconfirmed for row in context["rows"])
