"""What a dossier report says, worded once for the PDF and the Excel writers."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from checker.catalogue import pick
from checker.services.dossier_view import (
    COVERED,
    NOT_COUNTED,
    DossierView,
    Publication,
    StudySummary,
)
from checker.services.stamps import ReportStamp

from .context import enumeration, fmt_dt, fmt_pct, progress_value
from .labels import labels
from .stamping import stamp_rows

CELL_MARKS = {COVERED: "✓", NOT_COUNTED: "○", "": ""}


def _yes_no(lab: Any, value: bool) -> str:
    return lab["bool_yes"] if value else lab["bool_no"]


def counts_value(lab: Any, study: StudySummary) -> str:
    """Whether a study counts towards the minimums and, if not, why: "no — not published in
    a peer-reviewed journal"."""
    if study.counts:
        return _yes_no(lab, True)
    return f"{_yes_no(lab, False)} — {lab['separator'].join(study.reasons)}"


def publication_pairs(lab: Any, pub: Publication | None) -> list[tuple[str, str]]:
    """A study's publication details, or that none were given."""
    if pub is None:
        return [(lab["publication"], lab["no_publication"])]
    return [
        (lab["peer_reviewed"], lab["bool_yes"] if pub.peer_reviewed else lab["not_stated"]),
        (lab["journal"], pub.journal),
        (lab["doi"], pub.doi),
        (lab["year"], "" if pub.year is None else str(pub.year)),
    ]


def npi_pairs(lab: Any, view: DossierView) -> list[tuple[str, str]]:
    """The intervention the dossier is about: name, domain, health problem, country."""
    domain_key = f"domain_{view.domain}"
    return [
        (lab["npi"], view.npi_name),
        (lab["domain"], lab[domain_key] if view.domain in ("physical", "psychosocial",
                                                           "nutritional") else view.domain),
        (lab["health_problem"], view.health_problem),
        (lab["deployment_country"], view.country),
    ]


def criteria_rows(lab: Any, view: DossierView) -> list[dict[str, Any]]:
    """The five criteria, worded: study type, minimum, count, reached, supporting studies."""
    catalogue = view.catalogue
    return [{
        "label": c.label,
        "type": pick(catalogue.study_type(c.study_type).label, lab.lang),
        "minimum": f"≥ {c.minimum}" + (" " + lab("in_country", country=view.country)
                                       if c.same_country else ""),
        "count": c.count,
        "reached": _yes_no(lab, c.reached),
        "ok": c.reached,
        "supporting": lab["separator"].join(view.supporting.get(c.criterion, [])) or lab["none"],
    } for c in view.sufficiency.criteria]


def draft_pairs(lab: Any, study: StudySummary) -> list[tuple[str, str]]:
    """The study's answers that may rest on another text than its current document, counted
    and named ("4 (E03, E04, E11 and INT08)"); none when there are none."""
    flags = study.drafts
    return [(lab[key], lab("draft_flags_value", count=len(ids), invariants=enumeration(ids, lab)))
            for key, ids in (("draft_quotes_not_found", flags.quotations_not_found),
                             ("draft_answers_to_check", flags.answers_to_check)) if ids]


def study_line(lab: Any, view: DossierView, number: int) -> str:
    """A study of the dossier by its number and title: "Study 5: SLEEP protocol"."""
    return f"{lab('study_n', n=number)}{lab['colon']} {view.studies[number - 1].title}"


def protocol_pairs(lab: Any, view: DossierView, study: StudySummary) -> list[tuple[str, str]]:
    """The protocol a paper reports, or the papers that report a protocol, as the submitter
    named them; none when there are none."""
    if study.protocol is not None:
        return [(lab["reports_protocol"], study_line(lab, view, study.protocol))]
    if study.reported_by:
        return [(lab["reported_by"],
                 lab["separator"].join(study_line(lab, view, n) for n in study.reported_by))]
    return []


def study_rows(lab: Any, view: DossierView) -> list[dict[str, Any]]:
    """One dict per study: printed pairs plus the tidy values for the Data sheet."""
    rows = []
    for n, s in enumerate(view.studies, start=1):
        kind_key = f"kind_{s.document_kind}"
        pairs = [
            (lab["title"], s.title),
            (lab["study_type"], s.study_type_label),
            (lab["document_kind"], lab[kind_key] if s.document_kind in ("protocol", "paper")
             else s.document_kind),
            (lab["verdict"], s.verdict_line),
            # What kept the study from a better verdict, as its own reports say it.
            *([(lab["shortfalls"], " ".join(s.shortfalls))] if s.shortfalls else []),
            (lab["ethical_score"], fmt_pct(s.ethical_score, view.lang)),
            (lab["methodological_score"], fmt_pct(s.methodological_score, view.lang)),
            (lab["progress"], progress_value(s.answer_counts, view.lang)),
            # Answers that may rest on an earlier draft, next to the scores they count in.
            *draft_pairs(lab, s),
            # Which answers the unconfirmed suggestions counted above are.
            *([(lab["unconfirmed_answers"], enumeration(s.unconfirmed, lab))]
              if s.unconfirmed else []),
            # Which study of the dossier is the paper's protocol, or the protocol's papers.
            *protocol_pairs(lab, view, s),
            (lab["counts_towards"], counts_value(lab, s)),
            *publication_pairs(lab, s.publication),
            (lab["study_country"], s.country),
            (lab["assessment_id"], s.uid),
            (lab["study_report_id"], s.report_id),
            (lab["file_name"], s.document_filename or lab["no_document"]),
            (lab["file_sha256"], s.document_sha256),
            (lab["study_digest"], s.content_digest),
        ]
        # The scores as numbers, for a spreadsheet to sort and compute with (None: no score).
        numbers = {lab["ethical_score"]: s.ethical_score,
                   lab["methodological_score"]: s.methodological_score}
        rows.append({"n": n, "heading": lab("study_n", n=n), "pairs": pairs, "study": s,
                     "fractions": numbers})
    return rows


def _answer(lab: Any, study: Any) -> str:
    """A lacking study's answer: "Partially met (unconfirmed suggestion)"."""
    return study.answer_label + (f" ({lab['dossier_advice_unconfirmed']})"
                                 if study.unconfirmed else "")


def study_ref(lab: Any, study: Any) -> str:
    """A study of the dossier by its number and type: "Study 3 (prototypical)"."""
    if not study.type_name:
        return lab("study_n", n=study.number)
    return lab("study_ref", n=study.number, type=study.type_name)


def held_line(lab: Any, held: Any, papers: Sequence[int] = ()) -> str:
    """The protocols the dossier already holds where an advice sends the submitter to look
    for one (:attr:`AdviceEntry.held`): "Already in the dossier: Study 5 (implementation), a
    protocol, answered Met. If it is …"; "" when there are none. ``papers``: the studies the
    "if it is …" names (:attr:`AdviceEntry.held_for`), "a study listed" when none."""
    if not held:
        return ""
    # Each holds a comma: separated as the studies' answers are ("; ").
    protocols = lab["separator"].join(
        lab("dossier_advice_held_one" if p.answer else "dossier_advice_held_unanswered",
            n=p.number, type=p.type_name, answer=p.answer_label) for p in held)
    key = "dossier_advice_held_many" if len(held) > 1 else "dossier_advice_held"
    if not papers:
        return lab(key, protocols=protocols)
    return lab(key + ("_papers" if len(papers) > 1 else "_paper"), protocols=protocols,
               papers=enumeration([str(n) for n in papers], lab))


def own_lines(lab: Any, own: Any) -> list[str]:
    """The protocols that papers given advice name as theirs (:attr:`AdviceEntry.own`), one
    line each: "The protocol of study 2, already in the dossier: Study 5 (implementation),
    answered Met. Look there first …"."""
    return [lab("dossier_advice_own_many" if len(p.papers) > 1 else "dossier_advice_own_one",
                papers=enumeration([str(n) for n in p.papers], lab),
                protocol=lab("dossier_advice_own_protocol" if p.answer
                             else "dossier_advice_own_unanswered",
                             n=p.number, type=p.type_name, answer=p.answer_label))
            for p in own]


def advice_rows(lab: Any, view: DossierView) -> list[dict[str, Any]]:
    """What to look for and add to the dossier (:attr:`DossierView.advice`), worded for the
    reports and the review: per invariant, the studies that lack it gathered by their answer
    ("Not reported: Study 2 (observational), Study 3 (prototypical)") and the advice for a
    dossier, said once when every study listed shares it, else with the studies it is for
    ("For studies 1 and 3: …"). ``answers``: the answers alone, for a row under the one study
    its group names."""
    rows = []
    for entry in view.advice:
        # Gathered by answer: "Partially met (unconfirmed suggestion): Study 1 (mechanistic),
        # Study 2 (observational)".
        studies = [lab("dossier_advice_answer", answer=_answer(lab, group[0]),
                       studies=", ".join(study_ref(lab, s) for s in group))
                   for *_, group in entry.by_answer]
        if entry.shared:
            advice = [entry.advice[0].text]
        else:
            advice = [lab("dossier_advice_for_one" if len(a.studies) == 1
                          else "dossier_advice_for_many", advice=a.text,
                          numbers=enumeration([str(n) for n in a.studies], lab))
                      for a in entry.advice]
        # A protocol the dossier holds, where the advice sends the submitter to look for one:
        # the papers' own first, then those that may be.
        held = " ".join(line for line in (*own_lines(lab, entry.own),
                                          held_line(lab, entry.held, entry.held_for))
                        if line)
        rows.append({
            "id": entry.invariant_id, "title": entry.title, "ethical": entry.ethical,
            "kind": lab["ethical_one" if entry.ethical else "methodological_one"],
            "count": len(entry.studies), "studies": studies,
            "answers": [_answer(lab, s) for s in entry.studies],
            "advice": advice or [lab["dossier_advice_no_text"]], "has_advice": bool(advice),
            "held": held,
            "shared": entry.shared,
        })
    return rows


def advice_sections(lab: Any, view: DossierView) -> list[dict[str, Any]]:
    """:func:`advice_rows` in the groups the list is read in
    (:attr:`DossierView.advice_groups`): the ethical invariants, each naming the studies that
    lack it; then, per study type, its studies named once with their titles ("Study 1
    (mechanistic): Neuromuscular …") and their methodological invariants, each with its
    answer alone when the group names one study (``one_study``)."""
    rows = {row["id"]: row for row in advice_rows(lab, view)}
    sections = []
    for group in view.advice_groups:
        if group.ethical:
            heading, titles = "", []
        elif group.one_study:
            study = group.studies[0]
            heading, titles = f"{study_ref(lab, study)}{lab['colon']} {study.title}", []
        else:
            numbers = enumeration([str(s.number) for s in group.studies], lab)
            heading = lab("studies_ref", numbers=numbers, type=group.studies[0].type_name)
            titles = [f"{lab('study_n', n=s.number)}{lab['colon']} {s.title}"
                      for s in group.studies]
        sections.append({"ethical": group.ethical, "heading": heading, "titles": titles,
                         "one_study": group.one_study,
                         "rows": [rows[entry.invariant_id] for entry in group.entries]})
    return sections


def build_dossier_context(view: DossierView, stamp: ReportStamp, *,
                          generated_at: datetime | None = None) -> dict[str, Any]:
    lab = labels(view.lang)
    lang = lab.lang
    catalogue = view.catalogue
    generated = generated_at or datetime.now(UTC)
    npi = [
        *npi_pairs(lab, view),
        (lab["submitter"], view.owner),
        (lab["dossier_id"], view.uid),
        (lab["generated_at"], fmt_dt(generated)),
    ]
    cat = [
        (lab["catalogue"], pick(catalogue.name, lang)),
        (lab["catalogue_version"], catalogue.version),
        (lab["catalogue_fingerprint"], catalogue.fingerprint),
    ]
    minimums = [{
        "label": m.label,
        "count": lab("in_country_of_all", n=m.count_in_country, country=view.country,
                     all=m.count) if m.same_country else str(m.count),
        "minimum": f"≥ {m.minimum}" + (" " + lab("in_country", country=view.country)
                                       if m.same_country else ""),
        "reached": _yes_no(lab, m.reached),
        "ok": m.reached,
    } for m in view.minimums]
    screening = view.screening
    return {
        "lang": lang,
        "lab": lab,
        "title": lab["dossier_title"],
        "view": view,
        "stamp": stamp,
        "stamp_rows": stamp_rows(lab, stamp),
        "report_id": stamp.report_id,
        "npi": npi,
        "catalogue": cat,
        "generated_at": generated,
        "screening": screening,
        "screening_questions": _screening_questions(view),
        "minimums": minimums,
        "criteria": criteria_rows(lab, view),
        "coverage": view.coverage,
        "marks": CELL_MARKS,
        "missing": view.sufficiency.missing,
        "country_notes": view.sufficiency.country_notes,
        "studies": study_rows(lab, view),
        # Said once below the studies when some study has answers to check (draft_pairs).
        "drafts_help": (lab["draft_flags_help"] if any(s.drafts.any for s in view.studies)
                        else ""),
        "advice": advice_rows(lab, view),
        "advice_sections": advice_sections(lab, view),
        "provenance": pick(catalogue.provenance, lang),
        "self_check_statement": lab["self_check_statement"],
    }


def _screening_questions(view: DossierView) -> list[tuple[str, str, bool]]:
    """(question, answer, excludes?) for the printed questionnaire."""
    from checker.services.screening import load_questionnaire

    if view.screening is None:
        return []
    lab = labels(view.lang)
    excluded = set(view.screening.excluded_by)
    # Worded as the questionnaire's form gives them (Yes / No), not as a yes/no cell.
    return [(pick(q.text, view.lang),
             lab["screening_yes"] if view.screening.answers.get(q.id) == "yes"
             else lab["screening_no"],
             q.id in excluded)
            for q in load_questionnaire().questions]
