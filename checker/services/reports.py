"""Report identifiers: readable, time-sortable and unique."""

from __future__ import annotations

import re
import secrets
from datetime import UTC, datetime

from .records import AssessmentRecord

REPORT_ID_PATTERN = re.compile(r"^NPIS-CHK-[0-9A-Z]{1,8}-\d{14}-[0-9A-F]{4}$")


def new_report_id(record: AssessmentRecord, *, now: datetime | None = None) -> str:
    """``NPIS-CHK-<first 8 chars of the uid>-<UTC yyyymmddHHMMSS>-<4 random hex>``.

    Readable over the phone, sortable by time, and unique even for two reports of the same
    assessment in the same second (the random suffix).
    """
    uid = re.sub(r"[^0-9A-Za-z]", "", record.uid)[:8].upper() or "NOUID"
    stamp = (now or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%d%H%M%S")
    return f"NPIS-CHK-{uid}-{stamp}-{secrets.token_hex(2).upper()}"
