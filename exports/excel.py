"""Excel report of one assessment (openpyxl): Summary, Detail, How to fix it and a tidy Data
sheet.

"Summary", "Detail" and "How to fix it" are for people (labels in the report language, wrapped
text, colours); "Data" (« Données » in a French report) is for software: one header row of
stable snake_case names, the same in both languages, one row per invariant, answer ids rather
than labels, no merged cells, so ``pandas.read_excel(sheet_name=-1)`` (the last sheet) gives a
clean table.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.formatting.rule import FormulaRule
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from checker.catalogue import Catalogue
from checker.services.records import AssessmentRecord
from checker.services.scoring import ScoreResult
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
from .context import answer_label, build_context
from .stamping import stamp_workbook

# Same hues as the summary figure, lightened so black text stays readable.
FILLS = {
    "met": "D3EAD8",
    "partially_met": "FBEFC4",
    "not_met": "F1CFD3",
    "not_reported": "E2E2E2",
    "not_applicable": "EEF3F9",
}
DATA_COLUMNS = (
    "assessment_uid", "report_id", "catalogue_id", "catalogue_version", "study_type",
    "document_kind", "invariant_id", "kind", "title", "answer", "answer_label", "scored_as",
    "points", "max_points", "weight", "weighted_points", "weighted_max", "origin", "confirmed",
    "confirmed_by", "justification", "justification_source", "quotation", "page", "section",
    "updated_at", "version", "quotation_in_document",
)
BOLD = Font(bold=True)
HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
WRAP = Alignment(wrap_text=True, vertical="top")
THIN = Border(bottom=Side(style="thin", color="BBBBBB"))


def _summary(ws: Worksheet, ctx: dict) -> None:
    lab = ctx["lab"]
    ws.title = lab["sheet_summary"][:31]
    ws.column_dimensions["A"].width = 38
    ws.column_dimensions["B"].width = 90
    append_row(ws, [ctx["title"]])
    ws["A1"].font = Font(bold=True, size=14)
    append_row(ws, [lab["report_id"], ctx["report_id"]])
    append_row(ws, [])

    def block(heading: str, pairs: list[tuple[str, str]]) -> None:
        append_row(ws, [heading])
        ws.cell(ws.max_row, 1).font = Font(bold=True, size=12)
        for key, value in pairs:
            append_row(ws, [key, value])
            ws.cell(ws.max_row, 2).alignment = WRAP
        append_row(ws, [])

    block(lab["summary"], [
        # "Compliant — provisional: 13 of 30 answers are unconfirmed suggestions" when it is.
        (lab["verdict"], ctx["verdict_line"]),
        *[(lab["shortfalls"] if i == 0 else "", line) for i, line in enumerate(ctx["shortfalls"])],
        *[(k["label"], f"{k['score']} ({k['points']})") for k in ctx["kinds"]],
        (lab["progress"], ctx["progress"]),
        *[("", notice) for notice in ctx["notices"]],
        *[(lab["scoring_warnings"], w) for w in ctx["warnings"]],
    ])
    ws.cell(5, 2).font = Font(bold=True, size=12)  # the verdict: first line of the summary
    block(lab["study"], ctx["study"])
    block(lab["document"], ctx["document"])
    block(lab["catalogue"], ctx["catalogue"] + ctx["assessment"])
    block(lab["method"], [
        (lab["provenance"], ctx["provenance"]),
        *([(lab["automatic_suggestions"], ctx["suggestions_note"])]
          if ctx["suggestions_note"] else []),
        (lab["scoring_rules"], ctx["rules_text"]),
        (lab["answer_points"], "\n".join(ctx["rules"]["answers"])),
        (lab["verdict_rules"], "\n".join(ctx["rules"]["verdicts"])),
        ("", ctx["label_statement"]),
        # The last sheet's English column names, said in the report's language.
        ("", data_sheet_note(lab, "invariant")),
    ])
    for row in ws.iter_rows(min_col=1, max_col=1):
        row[0].alignment = WRAP
    unwrap_headings(ws)
    print_setup(ws, landscape=False)


def _detail(ws: Worksheet, ctx: dict) -> None:
    lab = ctx["lab"]
    headers = [lab["invariant"], lab["kind"], lab["title"], lab["answer"], lab["points"],
               lab["weight"], lab["justification"], lab["justification_source"],
               lab["quotation"], lab["quote_check"], lab["location"], lab["confirmation"]]
    widths = [10, 15, 40, 20, 8, 7, 50, 24, 50, 22, 18, 26]
    append_row(ws, headers)
    for col, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = ws.cell(1, col)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
    for r in ctx["rows"]:
        append_row(ws, [r.id, r.kind_label, r.title, r.answer_label, r.points, r.weight,
                   r.justification, r.justification_label, r.quotation,
                   lab["quote_found_workbook"] if r.quotation_found else r.quotation_check,
                   r.location, r.confirmation])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            cell.border = THIN
    last = ws.max_row
    ws.freeze_panes = "B2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(headers))}{last}"
    # Conditional fills follow the answer label, so they stay right if someone edits a cell.
    catalogue_labels = ctx["answer_labels"]
    for answer, colour in FILLS.items():
        label = catalogue_labels[answer].replace('"', '""')
        ws.conditional_formatting.add(
            f"D2:D{last}",
            FormulaRule(formula=[f'$D2="{label}"'],
                        fill=PatternFill("solid", fgColor=colour, bgColor=colour)),
        )
    print_setup(ws, landscape=True, title_rows="1:1")


def _gaps(ws: Worksheet, ctx: dict) -> None:
    """What is missing and how to fix it, as the PDF says it for this kind of document: the
    invariants not met or partially met, then those not reported or not answered; for a paper,
    the advice for a dossier too, in a last column (absent when the catalogue gives none)."""
    lab = ctx["lab"]
    gaps = [*ctx["unmet"], *ctx["unreported"]]
    for_a_dossier = any(gap.dossier_advice for gap in gaps)
    headers = [lab["invariant"], lab["title"], lab["answer"], ctx["expected_label"],
               lab["how_to_fix"], lab["example"], *([lab["for_a_dossier"]] * for_a_dossier)]
    widths = [10, 36, 20, 50, 50, 50, 50]
    append_row(ws, headers)
    for col, width in enumerate(widths[:len(headers)], start=1):
        ws.column_dimensions[get_column_letter(col)].width = width
        cell = ws.cell(1, col)
        cell.font, cell.fill, cell.alignment = BOLD, HEADER_FILL, WRAP
    for gap in gaps:
        answer = gap.answer_label
        if gap.unconfirmed:
            answer += f" ({lab['unconfirmed'].lower()})"
        append_row(ws, [gap.id, gap.title, answer, gap.expected, gap.remedy, gap.example,
                        *([gap.dossier_advice] * for_a_dossier)])
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = WRAP
            cell.border = THIN
    ws.freeze_panes = "B2"
    print_setup(ws, landscape=True, title_rows="1:1")


def _data(ws: Worksheet, ctx: dict, score: ScoreResult) -> None:
    record: AssessmentRecord = ctx["record"]
    append_row(ws, list(DATA_COLUMNS))
    for cell in ws[1]:
        cell.font = BOLD
    for row, view in zip(score.rows, ctx["rows"], strict=True):
        rec = row.record
        updated = rec.updated_at
        if updated is not None and updated.tzinfo is not None:
            updated = updated.astimezone(UTC).replace(tzinfo=None)
        append_row(ws, [
            record.uid, ctx["report_id"], record.catalogue_id, record.catalogue_version,
            record.study_type, record.document_kind, row.invariant.id, row.invariant.kind,
            view.title, row.answer, view.answer_label, row.effective, row.points,
            None if row.points is None else ctx["max_points"], row.weight, row.weighted_points,
            row.weighted_max, rec.origin if row.answer is not None else None,
            None if row.answer is None else not row.unconfirmed, rec.confirmed_by,
            view.justification, view.justification_source or None, rec.quotation, rec.page,
            rec.section, updated, rec.version, view.quotation_found,
        ])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = f"A1:{get_column_letter(len(DATA_COLUMNS))}{ws.max_row}"
    for col in range(1, len(DATA_COLUMNS) + 1):
        ws.column_dimensions[get_column_letter(col)].width = 16


def render_xlsx(catalogue: Catalogue, record: AssessmentRecord, score: ScoreResult, lang: str,
                report_id: str, stamp: ReportStamp | None = None,
                quotation_checks: dict[str, bool | None] | None = None,
                answers_to_check: Sequence[str] = ()) -> bytes:
    """The Excel report as bytes; a ``stamp`` is printed on the summary and kept in the
    custom document properties for ``npis-check verify``."""
    ctx = build_context(catalogue, record, score, lang, report_id,
                        quotation_checks=quotation_checks, answers_to_check=answers_to_check)
    ctx["answer_labels"] = {a: answer_label(catalogue, a, ctx["lang"]) for a in FILLS}
    ctx["max_points"] = catalogue.scoring.max_points
    wb = Workbook()
    _summary(wb.active, ctx)
    if stamp is not None:
        stamp_workbook(wb, wb.active, stamp, ctx["lab"])
    _detail(wb.create_sheet(ctx["lab"]["sheet_detail"][:31]), ctx)
    _gaps(wb.create_sheet(ctx["lab"]["sheet_gaps"][:31]), ctx)
    data = data_sheet(wb, ctx["lab"])
    _data(data, ctx, score)
    note_data_sheet(data, ctx["lab"], "invariant")
    props = wb.properties
    props.title = cell_text(f"{ctx['title']} — {record.title}")
    props.subject = cell_text(f"{record.npi_name} ({record.study_type}, {record.document_kind})")
    props.creator = cell_text(record.assessor or "npis-checker")
    props.identifier = report_id
    props.keywords = cell_text(f"npis-checker, {report_id}, {record.study_type}")
    props.description = cell_text(ctx["label_statement"])
    props.language = ctx["lang"]
    props.category = cell_text(ctx["verdict_line"])
    now = datetime.now(UTC).replace(tzinfo=None)
    props.created = props.modified = now
    buffer = BytesIO()
    wb.save(buffer)
    return buffer.getvalue()

