"""Excel report of an NPI dossier: Summary, Studies, Coverage (matrix), what to add to the
dossier per invariant, and a tidy Data sheet (« Données » in French, its column names the
same snake_case keys in both languages)."""

from __future__ import annotations

from datetime import UTC, datetime
from io import BytesIO
from typing import Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.services.dossier_view import DossierView
from checker.services.stamps import ReportStamp

from .cells import (
    append_row,
    cell_text,
    data_sheet,
    data_sheet_note,
    note_data_sheet,
    print_setup,
    unwrap_headings,
)
from .dossier_context import build_dossier_context
from .stamping import stamp_workbook

BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="top")
DATA_COLUMNS = (
    "dossier_uid", "report_id", "assessment_uid", "title", "study_type", "document_kind",
    "verdict", "ethical_score", "methodological_score", "counts", "not_counted_reasons",
    "peer_reviewed", "journal", "doi", "year", "study_country", "study_report_id",
    "document_sha256", "content_digest", "quotations_not_found", "answers_to_check",
    # Whether the study's verdict rests on automatic suggestions no person has confirmed, and
    # how many there are beside the answers a person gave or confirmed (as the Studies sheet
    # and the study's own reports say it).
    "provisional", "answered_by_person", "unconfirmed_suggestions",
    # Which invariants those suggestions answer, separated by "; " as the two lists above.
    "unconfirmed_invariants",
    # A paper's: the assessment uid of the dossier's protocol it reports, as its submitter
    # named it (empty when it names none, and for a protocol).
    "protocol_uid",
)


def _header(ws: Worksheet, values: list[str], widths: list[int]) -> None:
    append_row(ws, values)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = ws.cell(ws.max_row, col)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP


def _heading(ws: Worksheet, text: str) -> None:
    append_row(ws, [])
    append_row(ws, [text])
    ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)


def _summary(ws: Worksheet, ctx: dict[str, Any]) -> None:
    lab = ctx["lab"]
    ws.title = lab["sheet_summary"][:31]
    for col, width in zip("ABCDEF", (34, 30, 22, 16, 12, 60), strict=True):
        ws.column_dimensions[col].width = width
    append_row(ws, [ctx["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [lab["report_id"], ctx["report_id"]])
    append_row(ws, ["", ctx["self_check_statement"]])
    _heading(ws, lab["dossier_npi"])
    for key, value in ctx["npi"] + ctx["catalogue"]:
        append_row(ws, [key, value])
    _heading(ws, lab["screening"])
    screening = ctx["screening"]
    if screening is None:
        append_row(ws, ["", lab["screening_not_done"]])
    elif screening.is_npi:
        append_row(ws, ["", lab["screening_is_npi"]])
    else:
        append_row(ws, ["", lab["screening_not_npi"]])
        for reason in screening.reasons:
            append_row(ws, ["", reason])
    for question, answer, excludes in ctx["screening_questions"]:
        append_row(ws, [question, answer])
        if excludes:
            ws.cell(ws.max_row, 2).font = BOLD
    _heading(ws, lab["counts_vs_minimums"])
    append_row(ws, [lab["study_type"], lab["count"], lab["minimum"], lab["reached"]])
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    for m in ctx["minimums"]:
        append_row(ws, [m["label"], m["count"], m["minimum"], m["reached"]])
    for line in ctx["country_notes"]:
        append_row(ws, ["", line])
    _heading(ws, lab["criteria"])
    append_row(ws, [lab["criterion"], lab["study_type"], lab["minimum"], lab["count"],
                    lab["reached"], lab["supporting_studies"]])
    for cell in ws[ws.max_row]:
        cell.font = BOLD
    for c in ctx["criteria"]:
        append_row(ws, [c["label"], c["type"], c["minimum"], c["count"], c["reached"],
                        c["supporting"]])
    _heading(ws, lab["missing"])
    for line in ctx["missing"] or [lab["nothing_missing"]]:
        append_row(ws, ["", line])
    _heading(ws, lab["provenance"])
    append_row(ws, ["", ctx["provenance"]])
    # The dossier's statement, as its PDF gives it: the assessment reports' "label_statement"
    # speaks of "one document".
    append_row(ws, ["", ctx["self_check_statement"]])
    # The last sheet's English column names, said in the report's language.
    append_row(ws, ["", data_sheet_note(lab, "study")])
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = WRAP
    unwrap_headings(ws)
    print_setup(ws, landscape=True)


def _studies(ws: Worksheet, ctx: dict[str, Any]) -> None:
    lab = ctx["lab"]
    studies = ctx["studies"]
    if not studies:
        append_row(ws, [lab["studies"], lab["none"]])
        return
    # One row per study, with the union of the printed fields (why not a better verdict, the
    # answers to check and the publication fields vary), each where the studies print it: a
    # field the first study lacks goes after the field that precedes it in another's.
    keys: list[str] = []
    for s in studies:
        before = -1
        for key, _value in s["pairs"]:
            if key not in keys:
                keys.insert(before + 1, key)
            before = keys.index(key)
    _header(ws, ["#", *keys], [5] + [24] * len(keys))
    for s in studies:
        values = dict(s["pairs"])
        append_row(ws, [s["n"], *[values.get(k, "") for k in keys]])
        for col, key in enumerate(keys, start=2):
            fraction = s["fractions"].get(key)
            if fraction is not None:  # a number Excel shows as "39.3%" or "39,3 %"
                cell = ws.cell(ws.max_row, col)
                cell.value, cell.number_format = fraction, "0.0%"
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
    if ctx["drafts_help"]:  # unwrapped: it reads across the empty cells to its right
        append_row(ws, [])
        append_row(ws, ["", ctx["drafts_help"]])
    ws.freeze_panes = "B2"
    # One column per printed field: too wide for one page, so the study's number and title
    # are repeated on every page across.
    print_setup(ws, landscape=True, fit_width=False, title_rows="1:1", title_cols="A:B")


def _coverage(ws: Worksheet, ctx: dict[str, Any]) -> None:
    lab = ctx["lab"]
    studies = ctx["studies"]
    _header(ws, [lab["sheet_field"], lab["evidenced_by"],
                 *[f"{s['n']}. {s['study'].title}" for s in studies], lab["covered"]],
            [30, 30] + [18] * len(studies) + [10])
    for row in ctx["coverage"]:
        append_row(ws, [row.label, ", ".join(row.evidenced_by),
                   *[ctx["marks"][cell] for cell in row.cells],
                   lab["bool_yes"] if row.covered else lab["bool_no"]])
    append_row(ws, [])
    append_row(ws, [lab["coverage_help"]])
    _wrapped_table_layout(ws)


def _wrapped_table_layout(ws: Worksheet) -> None:
    """A table sheet's layout: every cell wrapped, the header row and two first columns kept in
    view, printed landscape with the header on every page."""
    for r in ws.iter_rows():
        for cell in r:
            cell.alignment = WRAP
    ws.freeze_panes = "C2"
    unwrap_headings(ws)
    print_setup(ws, landscape=True, title_rows="1:1")


def _advice(ws: Worksheet, ctx: dict[str, Any]) -> None:
    """What to look for and add to the dossier: one row per invariant some study lacks."""
    lab = ctx["lab"]
    _header(ws, [lab["invariant"], lab["title"], lab["kind"], lab["dossier_advice_count"],
                 lab["dossier_advice_studies"], lab["for_a_dossier"]],
            [10, 34, 16, 10, 30, 70])
    for row in ctx["advice"]:
        append_row(ws, [row["id"], row["title"], row["kind"], row["count"],
                        "\n".join(row["studies"]),
                        "\n".join([*row["advice"], *([row["held"]] if row["held"] else [])])])
    append_row(ws, [])
    append_row(ws, [lab["dossier_advice_help"] if ctx["advice"] else lab["dossier_advice_none"]])
    _wrapped_table_layout(ws)


def _data(ws: Worksheet, ctx: dict[str, Any]) -> None:
    view: DossierView = ctx["view"]
    append_row(ws, list(DATA_COLUMNS))
    for cell in ws[1]:
        cell.font = BOLD
    for s in view.studies:
        pub = s.publication
        append_row(ws, [
            view.uid, ctx["report_id"], s.uid, s.title, s.study_type, s.document_kind,
            s.verdict_id, s.ethical_score, s.methodological_score, s.counts,
            "; ".join(s.reasons), pub.peer_reviewed if pub else None,
            pub.journal if pub else None, pub.doi if pub else None, pub.year if pub else None,
            s.country, s.report_id, s.document_sha256, s.content_digest,
            "; ".join(s.drafts.quotations_not_found), "; ".join(s.drafts.answers_to_check),
            s.answer_counts.provisional, s.answer_counts.by_person, s.answer_counts.unconfirmed,
            "; ".join(s.unconfirmed),
            view.studies[s.protocol - 1].uid if s.protocol is not None else None,
        ])
    ws.freeze_panes = "A2"
    for col in range(1, len(DATA_COLUMNS) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 18


def render_dossier_xlsx(view: DossierView, stamp: ReportStamp) -> bytes:
    """The dossier workbook as bytes, stamped (summary sheet and custom properties)."""
    ctx = build_dossier_context(view, stamp)
    lab = ctx["lab"]
    wb = Workbook()
    _summary(wb.active, ctx)
    stamp_workbook(wb, wb.active, stamp, lab)
    _studies(wb.create_sheet(lab["sheet_studies"][:31]), ctx)
    _coverage(wb.create_sheet(lab["sheet_coverage"][:31]), ctx)
    _advice(wb.create_sheet(lab["sheet_dossier_advice"][:31]), ctx)
    data = data_sheet(wb, lab)
    _data(data, ctx)
    note_data_sheet(data, lab, "study")
    props = wb.properties
    props.title = cell_text(f"{ctx['title']} — {view.npi_name}")
    props.creator = cell_text(view.owner or "npis-checker")
    props.identifier = stamp.report_id
    props.keywords = cell_text(f"npis-checker, {stamp.report_id}, dossier")
    props.description = cell_text(ctx["self_check_statement"])
    props.language = ctx["lang"]
    props.created = props.modified = datetime.now(UTC).replace(tzinfo=None)
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
