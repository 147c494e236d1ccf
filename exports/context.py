"""What a report says, computed once and shared by the PDF and Excel writers.

Formatting (percentages, dates, labels in the report language) happens here so the template
and the workbook only lay things out and can never disagree on content.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from checker.catalogue import Catalogue, pick
from checker.documents.language import document_language, language_name, language_tag
from checker.services.detection_guide import measurement
from checker.services.locations import location_parts
from checker.services.records import AssessmentRecord
from checker.services.scoring import (
    UNANSWERED,
    AnswerCounts,
    Gap,
    InvariantRow,
    ScoreResult,
    VerdictShortfall,
    verdict_shortfalls,
)

from .labels import Labels, expected_key, labels


def fmt_pct(value: float | None, lang: str) -> str:
    if value is None:
        return "n/a"
    text = f"{100 * value:.1f}".removesuffix(".0")  # 80% rather than 80.0%
    return f"{text.replace('.', ',')}\u00a0%" if lang == "fr" else f"{text}%"


def fmt_number(value: float, lang: str) -> str:
    text = f"{value:g}"
    return text.replace(".", ",") if lang == "fr" else text


def fmt_count(value: int, lang: str) -> str:
    """A whole number with its thousands grouped: 39,583 in English, 39 583 in French."""
    return f"{value:,}".replace(",", "\u00a0" if lang == "fr" else ",")


def fmt_dt(value: datetime | None) -> str:
    if value is None:
        return ""
    if value.tzinfo is not None:
        value = value.astimezone(UTC).replace(tzinfo=None)
    return value.strftime("%Y-%m-%d %H:%M UTC")


@dataclass(frozen=True)
class RowView:
    id: str
    kind: str
    kind_label: str
    title: str
    statement: str
    answer: str | None
    effective: str
    answer_label: str
    points: str
    weight: str
    justification: str
    justification_source: str  # one of JUSTIFICATION_SOURCES, "" without a justification
    justification_label: str  # whose words the justification is, worded
    quotation: str
    location: str
    confirmation: str
    unconfirmed: bool
    warning: str
    quotation_found: bool | None = None  # None: no quotation, or not checked (no document)
    quotation_check: str = ""  # the check, worded


@dataclass(frozen=True)
class GapView:
    id: str
    title: str
    answer_label: str
    unconfirmed: bool
    expected: str
    remedy: str  # what the authors are asked to report (a paper) or to add (a protocol)
    example: str
    dossier_advice: str = ""  # a paper's: for a dossier built on it once published


def answer_label(catalogue: Catalogue, answer: str | None, lang: str) -> str:
    if answer is None or answer == UNANSWERED:
        return labels(lang)["unanswered"]
    try:
        return pick(catalogue.scoring.answer(answer).label, lang)
    except KeyError:
        return answer


def location(lab: Labels, page: str, section: str) -> str:
    """"p. 2, 2.1 Study design", or for a quotation of parts from several places
    "p. 2, 2.1 Study design; p. 1, Abstract" (see checker.services.locations), each place
    once. A part in no section stands before the first heading (the title, a sponsor's line
    on the title page): its page says where ("p. 1"), else "start of the document" does, not
    nothing ("8.2 Funding; start of the document", not "8.2 Funding" alone for a part that is
    not there); "title page" would claim more than a text without pages shows."""
    places = []
    for part_page, part_section in location_parts(page, section):
        parts = []
        if part_page:
            parts.append(f"{lab['page_short']} {part_page}")
        if part_section:
            parts.append(part_section)
        places.append(", ".join(parts) or lab["document_start"])
    # Two parts from one place (two sentences of "7. Safety" and one of "2.2 Objectives")
    # send the reader there once: "7. Safety; 7. Safety; 2.2 Objectives" reads as a slip.
    places = list(dict.fromkeys(places))
    return lab["separator"].join(places)  # French: a no-break space before ";"


def confirmation(lab: Labels, row: InvariantRow) -> str:
    if row.answer is None:
        return ""
    if row.unconfirmed:
        return lab["unconfirmed"]
    who = row.record.confirmed_by
    if not who:
        return lab["given_by_person"]
    # When, too: a decision record says who confirmed each answer and when (its last save).
    when = fmt_dt(row.record.updated_at)
    return lab("confirmed_by_on", who=who, when=when) if when else lab("confirmed_by", who=who)


JUSTIFICATION_SOURCES = ("assessor", "suggestion", "accepted_suggestion")
"""Whose words a justification is: the assessor's; an unconfirmed suggestion's rationale; a
suggestion's rationale a person accepted without changing it (still the software's reasoning,
which a reader defending the judgement must be able to tell from the assessor's)."""


def justification_source(row: InvariantRow) -> str:
    """One of :data:`JUSTIFICATION_SOURCES` for the row's justification ("" without one)."""
    record = row.record
    if not record.justification:
        return ""
    if record.origin == "suggestion":
        return "suggestion"
    return "accepted_suggestion" if record.accepted_rationale else "assessor"


def justification_label(lab: Labels, source: str, who: str | None) -> str:
    """The heading of a justification: "Assessor's justification", or "Suggestion's rationale
    (accepted by alice)". Without ``who`` (a review to paste leaves names out, an imported
    answer may have none), the person accepting it is "the assessor"."""
    if source == "accepted_suggestion":
        return lab("justification_accepted_by", who=who) if who else lab["justification_accepted"]
    if source == "suggestion":
        return lab["justification_by_suggestion"]
    return lab["justification_by_assessor"] if source else ""


def document_versions(record: AssessmentRecord, lab: Labels) -> list[tuple[str, str]]:
    """After a revised draft, which of the uploaded versions is assessed and the earlier ones
    (none with a single version: the file name says it all)."""
    versions = record.document_versions
    if len(versions) < 2:
        return []
    current = versions[-1]
    earlier = "; ".join(
        lab("earlier_version_value", file=v.filename, when=fmt_dt(v.uploaded_at),
            sha256=v.sha256[:12]) for v in reversed(versions[:-1]))
    return [
        (lab["document_version"],
         lab("document_version_value", number=len(versions), total=len(versions),
             when=fmt_dt(current.uploaded_at), who=current.uploaded_by)),
        (lab["earlier_versions"], earlier),
    ]


def _row_view(catalogue: Catalogue, lab: Labels, row: InvariantRow, lang: str,
              quotation_checks: dict[str, bool | None] | None) -> RowView:
    inv = row.invariant
    points = "" if row.points is None else f"{row.points}/{catalogue.scoring.max_points}"
    found = (quotation_checks or {}).get(inv.id) if row.record.quotation.strip() else None
    check = "" if found is None else lab["quote_found"] if found else lab["quote_not_found"]
    source = justification_source(row)
    return RowView(
        id=inv.id,
        kind=inv.kind,
        kind_label=lab[f"{inv.kind}_one"],
        title=pick(inv.title, lang),
        statement=pick(inv.statement, lang),
        answer=row.answer,
        effective=row.effective,
        answer_label=answer_label(catalogue, row.answer, lang),
        points=points,
        weight=fmt_number(row.weight, lang),
        justification=row.record.justification_in(lang),
        justification_source=source,
        justification_label=justification_label(lab, source, row.record.accepter),
        quotation=row.record.quotation,
        location=location(lab, row.record.page, row.record.section),
        confirmation=confirmation(lab, row),
        unconfirmed=row.unconfirmed,
        warning=pick(row.warning, lang) if row.warning else "",
        quotation_found=found,
        quotation_check=check,
    )


def _gap_view(catalogue: Catalogue, gap: Gap, lang: str) -> GapView:
    expected, remedy, example = gap.texts(lang)
    return GapView(
        id=gap.invariant.id,
        title=pick(gap.invariant.title, lang),
        answer_label=answer_label(catalogue, gap.answer, lang),
        unconfirmed=gap.unconfirmed,
        expected=expected,
        remedy=remedy,
        example=example,
        dossier_advice=gap.dossier_advice_in(lang),
    )


def scoring_rules(catalogue: Catalogue, lab: Labels, lang: str) -> dict[str, list[str]]:
    """The scoring configuration as printed lines: answer points and verdict rules."""
    answers = []
    for option in catalogue.scoring.answers:
        name = pick(option.label, lang)
        if option.excluded:
            text = f"{name}{lab['colon']} {lab['excluded']}"
        else:
            text = f"{name}{lab['colon']} {option.points}"
        if option.requires_justification:
            text += f" ({lab['requires_justification']})"
        answers.append(text)
    verdicts = []
    for rule in catalogue.scoring.verdicts:
        conditions = []
        if rule.ethical_forbidden:
            names = _answer_names(catalogue, lab, rule.ethical_forbidden, lang)
            conditions.append(lab("rule_ethical_forbidden", answers=names))
        if rule.methodological_min is not None:
            conditions.append(
                lab("rule_methodological_min", threshold=fmt_pct(rule.methodological_min, lang))
            )
        condition = f" {lab['and']} ".join(conditions) if conditions else lab["rule_fallback"]
        verdicts.append(f"{pick(rule.label, lang)}{lab['colon']} {condition}")
    return {"answers": answers, "verdicts": verdicts}


def _answer_names(catalogue: Catalogue, lab: Labels, answers: Sequence[str],
                  lang: str) -> str:
    """“not met” or “not reported”: answer labels, quoted, lower case."""
    return f" {lab['or']} ".join(
        f"{lab['quote_open']}{answer_label(catalogue, a, lang).lower()}{lab['quote_close']}"
        for a in answers)


def enumeration(items: Sequence[str], lab: Labels) -> str:
    """E03, E09 and E12."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {lab['and']} {items[-1]}"


# A not-compliant study can have all 14 ethical invariants unreported, named again on the
# line of each better verdict; past this many, the first few are named and the rest counted.
SHORTFALL_NAMED = 6


def _named_or_counted(items: Sequence[str], lab: Labels) -> str:
    """E01, E02, E03, E04, E05 and 9 more (all named when there are few)."""
    if len(items) <= SHORTFALL_NAMED:
        return enumeration(items, lab)
    named = items[:SHORTFALL_NAMED - 1]
    return lab("and_more", named=", ".join(named), count=len(items) - len(named))


def _forbidden_groups(catalogue: Catalogue, shortfall: VerdictShortfall, lab: Labels,
                      lang: str) -> list[str]:
    """'E09 answered “not reported”', and apart those no one has answered yet, which count
    as that answer: 'E13 not answered yet'."""
    groups = []
    for f in shortfall.forbidden:
        answer = _answer_names(catalogue, lab, [f.answer], lang)
        answered = [i for i in f.invariant_ids if i not in f.unanswered]
        if answered:
            groups.append(lab("shortfall_answered", invariants=_named_or_counted(answered, lab),
                              answer=answer))
        if f.unanswered:
            groups.append(lab("shortfall_unanswered",
                              invariants=_named_or_counted(f.unanswered, lab)))
    return groups


def shortfall_line(catalogue: Catalogue, shortfall: VerdictShortfall, lang: str) -> str:
    """What kept an assessment from a better verdict, as one sentence: 'Not “Compliant”: E09
    answered “not reported” (Compliant allows no ethical invariant answered “not met” or “not
    reported”); methodological score 72% (Compliant needs at least 80%).'

    The one wording of these lines, from ``labels.yaml`` (``shortfall*`` keys), for every
    place that shows them: the reports, the JSON export, the structured reviews and the web
    pages (results, list of assessments, dossier), in ``lang``."""
    lab = labels(lang)
    lang = lab.lang
    rule = shortfall.rule
    name = pick(rule.label, lang)
    reasons = []
    if shortfall.forbidden:
        groups = ", ".join(_forbidden_groups(catalogue, shortfall, lab, lang))
        reasons.append(lab("shortfall_ethical", groups=groups, verdict=name,
                           answers=_answer_names(catalogue, lab, rule.ethical_forbidden, lang)))
    if shortfall.methodological_short and rule.methodological_min is not None:
        threshold = fmt_pct(rule.methodological_min, lang)
        if shortfall.methodological_score is None:
            reasons.append(lab("shortfall_no_methodological", verdict=name, threshold=threshold))
        else:
            reasons.append(lab("shortfall_methodological", verdict=name, threshold=threshold,
                               score=fmt_pct(shortfall.methodological_score, lang)))
    quoted = f"{lab['quote_open']}{name}{lab['quote_close']}"
    return lab("shortfall", verdict=quoted, reasons=lab["separator"].join(reasons))


def shortfall_lines(catalogue: Catalogue, score: ScoreResult, lang: str) -> list[str]:
    """One line per verdict better than the one reached (none for the best verdict)."""
    return [shortfall_line(catalogue, s, lang) for s in verdict_shortfalls(catalogue, score)]


def provisional_note(counts: AnswerCounts, lang: str) -> str:
    """"provisional: 13 of 30 answers are unconfirmed suggestions" when the verdict rests in
    part on suggestions no person has confirmed (:attr:`AnswerCounts.provisional`); "" when
    every answer scored is a person's."""
    if not counts.provisional:
        return ""
    lab = labels(lang)
    key = "provisional_one" if counts.unconfirmed == 1 else "provisional_many"
    return lab(key, count=counts.unconfirmed, answers=counts.counted)


def progress_value(counts: AnswerCounts, lang: str) -> str:
    """"17 of 30 by a person; 13 unconfirmed suggestions" (the suggestions left out when there
    are none), as the home list, the form and the results page count them."""
    lab = labels(lang)
    person = lab("progress_by_person", count=counts.by_person, total=counts.total)
    if not counts.unconfirmed:
        return person
    key = "progress_unconfirmed_one" if counts.unconfirmed == 1 else "progress_unconfirmed_many"
    return f"{person}{lab['separator']}{lab(key, count=counts.unconfirmed)}"


def verdict_line(verdict: str, counts: AnswerCounts, lang: str) -> str:
    """The verdict as every page and report states it: "Compliant", or "Compliant —
    provisional: 13 of 30 answers are unconfirmed suggestions" (``verdict`` already worded
    in ``lang``)."""
    note = provisional_note(counts, lang)
    return labels(lang)("verdict_provisional", verdict=verdict, provisional=note) if note \
        else verdict


def suggestions_note(record: AssessmentRecord, lang: str) -> str | None:
    """How far the automatic detection can be trusted, for a report some of whose answers began
    as its suggestions (unconfirmed, or accepted with their rationale): the held-out figures of
    the document's language (English's for a language without its own measurement), as the
    page "How the suggestions are made" states them. None when no answer did."""
    count = sum(1 for answer in record.answers.values() if answer.answer and (
        answer.origin == "suggestion" or answer.justification_from_suggestion))
    if not count:
        return None
    measured = measurement()
    by_language = {row.language: row for row in measured.figures}
    row = by_language.get(document_language(record.language) or "") or by_language["en"]
    lab = labels(lang)
    return lab("suggestions_accuracy", count=fmt_count(count, lang),
               articles=measured.articles, corpus=measured.corpus,
               language=_measured_language(row.language, lab),
               recall=fmt_pct(row.recall, lang), precision=fmt_pct(row.precision, lang),
               micro=fmt_pct(row.micro_f1, lang), macro=fmt_pct(row.macro_f1, lang))


def _measured_language(code: str, lab: Labels) -> str:
    """A measured language as a sentence names it ("in French", « en français »); a language
    other than English was measured on articles translated from English."""
    name = language_name(code, lab.lang)
    name = name.lower() if lab.lang == "fr" else name
    return name + (lab["translated_from_english"] if code != "en" else "")


def _language_name(declared: str, lab: Labels) -> str:
    """The document's language as a word in the report's language ("English", "Anglais",
    "Allemand"), as the web page shows it; a value that names no language is printed as
    given."""
    return language_name(declared or "", lab.lang)


def build_context(catalogue: Catalogue, record: AssessmentRecord, score: ScoreResult,
                  lang: str, report_id: str, *, generated_at: datetime | None = None,
                  quotation_checks: dict[str, bool | None] | None = None,
                  answers_to_check: Sequence[str] = ()) -> dict:
    """Everything a report shows, already worded in ``lang``.

    ``quotation_checks``: per invariant, whether its quotation occurs word for word in the
    assessed document (see :mod:`checker.services.quotation_checks`); None when not checked.
    ``answers_to_check``: ids of the answers given on an earlier draft that the suggestion on
    the assessed document contradicts
    (:attr:`checker.services.draft_flags.DocumentChecks.answers_to_check`), said in a notice.
    """
    lab = labels(lang)
    lang = lab.lang
    try:
        study_type = pick(catalogue.study_type(record.study_type).label, lang)
    except KeyError:
        study_type = record.study_type
    kind_key = f"kind_{record.document_kind}"
    domain_key = f"domain_{record.domain}"
    study = [
        (lab["title"], record.title),
        (lab["document_kind"], lab[kind_key] if kind_key in ("kind_protocol", "kind_paper")
         else record.document_kind),
        (lab["study_type"], study_type),
        (lab["npi"], record.npi_name),
        (lab["domain"], lab[domain_key] if record.domain in ("physical", "psychosocial",
                                                               "nutritional")
         else record.domain),
        (lab["country"], record.country),
        (lab["language"], _language_name(record.language, lab)),
        (lab["reference"], record.reference),
    ]
    document = [
        (lab["file_name"], record.document_filename or lab["no_document"]),
        (lab["file_sha256"], record.document_sha256),
        (lab["file_size"], fmt_count(record.document_size, lang)
         if record.document_filename else ""),
        *document_versions(record, lab),
    ]
    cat = [
        (lab["catalogue"], pick(catalogue.name, lang)),
        (lab["catalogue_id"], catalogue.id),
        (lab["catalogue_version"], catalogue.version),
        (lab["catalogue_fingerprint"], catalogue.fingerprint),
    ]
    generated = generated_at or datetime.now(UTC)
    # The report id is printed at the top of the cover already.
    assessment = [
        (lab["assessor"], record.assessor),
        (lab["assessment_id"], record.uid),
        (lab["created_at"], fmt_dt(record.created_at)),
        (lab["updated_at"], fmt_dt(record.updated_at)),
        (lab["generated_at"], fmt_dt(generated)),
    ]
    notices = []
    if record.catalogue_fingerprint and record.catalogue_fingerprint != catalogue.fingerprint:
        notices.append(lab("catalogue_mismatch", id=record.catalogue_id,
                           version=record.catalogue_version,
                           fingerprint=record.catalogue_fingerprint[:16] + "…"))
    if not score.complete:
        notices.append(lab("incomplete_warning", missing=score.total - score.answered,
                           total=score.total))
    if score.unconfirmed:
        notices.append(lab("unconfirmed_warning", count=score.unconfirmed))
    kinds = []
    for kind in ("ethical", "methodological"):
        ks = score.kind(kind)
        kinds.append({
            "kind": kind,
            "label": lab[f"{kind}_score"],
            "score": fmt_pct(ks.score, lang) if ks.score is not None else lab["not_scorable"],
            "points": f"{fmt_number(ks.points, lang)} / {fmt_number(ks.max_points, lang)}",
            "applicable": ks.applicable,
        })
    rows = [_row_view(catalogue, lab, row, lang, quotation_checks) for row in score.rows]
    # Counted and named, so that a dossier's review, which names a person's quotations not
    # found, says it in this one line.
    not_found = [row.id for row in rows if row.quotation_found is False]
    if not_found:
        notices.append(lab("quotes_not_found_warning", count=len(not_found),
                           invariants=enumeration(not_found, lab)))
    if answers_to_check:
        notices.append(lab("answers_to_check_warning", count=len(answers_to_check),
                           invariants=enumeration(list(answers_to_check), lab)))
    if quotation_checks and any(found is None for found in quotation_checks.values()):
        notices.append(lab["quotes_unchecked_warning"])
    return {
        "lang": lang,
        "lab": lab,
        "report_id": report_id,
        "record": record,
        # Quotations are in the document's language, which may not be the report's.
        "quotation_lang": language_tag(record.language),
        "study": study,
        "document": document,
        "catalogue": cat,
        "assessment": assessment,
        "generated_at": generated,
        "verdict": score.verdict(lang),
        "verdict_id": score.verdict_id,
        # Resting in part on unconfirmed suggestions: said with the verdict wherever it is.
        "provisional": provisional_note(score.answer_counts, lang),
        "verdict_line": verdict_line(score.verdict(lang), score.answer_counts, lang),
        # Why not a better verdict: the rules tried before the one reached, and what failed.
        "shortfalls": shortfall_lines(catalogue, score, lang),
        "kinds": kinds,
        "progress": progress_value(score.answer_counts, lang),
        "complete": score.complete,
        "notices": notices,
        "expected_label": lab[expected_key(record.document_kind)],
        "warnings": [pick(w, lang) for w in score.warnings],
        "rows": rows,
        "rows_by_kind": [
            (lab[f"{k}_invariants"], [r for r in rows if r.kind == k])
            for k in ("ethical", "methodological")
        ],
        "unmet": [_gap_view(catalogue, g, lang) for g in score.unmet],
        "unreported": [_gap_view(catalogue, g, lang) for g in score.unreported],
        "provenance": pick(catalogue.provenance, lang),
        "suggestions_note": suggestions_note(record, lang),
        "rules_text": pick(catalogue.scoring.rules_text, lang),
        "rules": scoring_rules(catalogue, lab, lang),
        "label_statement": lab["label_statement"],
        "title": lab["report_title"],
    }
