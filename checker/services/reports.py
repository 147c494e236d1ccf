"""Report identifiers and writing a set of report files (PDF, Excel, JSON) for one assessment."""

from __future__ import annotations

import json
import re
import secrets
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path

from checker.catalogue import Catalogue

from .json_io import export_json
from .records import AssessmentRecord
from .scoring import score_assessment

FORMATS = ("pdf", "xlsx", "json")
REPORT_ID_PATTERN = re.compile(r"^NPIS-CHK-[0-9A-Z]{1,8}-\d{14}-[0-9A-F]{4}$")


def new_report_id(record: AssessmentRecord, *, now: datetime | None = None) -> str:
    """``NPIS-CHK-<first 8 chars of the uid>-<UTC yyyymmddHHMMSS>-<4 random hex>``.

    Readable over the phone, sortable by time, and unique even for two reports of the same
    assessment in the same second (the random suffix).
    """
    uid = re.sub(r"[^0-9A-Za-z]", "", record.uid)[:8].upper() or "NOUID"
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d%H%M%S")
    return f"NPIS-CHK-{uid}-{stamp}-{secrets.token_hex(2).upper()}"


def write_reports(
    catalogue: Catalogue,
    record: AssessmentRecord,
    out_dir: str | Path,
    lang: str,
    formats: Iterable[str] = FORMATS,
    *,
    report_id: str | None = None,
) -> list[Path]:
    """Write ``<report id>.<format>`` files into ``out_dir`` and return their paths.

    Raises ``ValueError`` for an unknown format and ``KeyError`` for a study type the
    catalogue does not know.
    """
    formats = tuple(formats)
    unknown = [f for f in formats if f not in FORMATS]
    if unknown:
        raise ValueError(f"unknown report format(s): {', '.join(unknown)}; "
                         f"choose among {', '.join(FORMATS)}")
    # Imported here: WeasyPrint takes a while to import and JSON-only callers do not need it.
    from exports.excel import render_xlsx
    from exports.pdf import render_pdf

    report_id = report_id or new_report_id(record)
    score = score_assessment(catalogue, record)
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for fmt in formats:
        path = out / f"{report_id}.{fmt}"
        if fmt == "pdf":
            path.write_bytes(render_pdf(catalogue, record, score, lang, report_id))
        elif fmt == "xlsx":
            path.write_bytes(render_xlsx(catalogue, record, score, lang, report_id))
        else:
            data = export_json(catalogue, record)
            data["report_id"] = report_id
            path.write_text(json.dumps(data, ensure_ascii=False, indent=2), encoding="utf-8")
        paths.append(path)
    return paths
