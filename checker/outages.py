"""A server that cannot store: its database unreachable (stopped, restarting, the network
down) or its disk full. Each request that meets one says so in plain words, keeps what the
person typed on the page to copy, and leaves one line in the log, rather than a generic error
page (or, the database being needed to show even that page, the web server's bare one in
English with the typed text lost).
"""

from __future__ import annotations

import errno

from sqlalchemy.exc import DBAPIError, OperationalError

DISK_FULL_ERRNOS = frozenset({errno.ENOSPC, errno.EDQUOT})
# PostgreSQL's SQLSTATE for a full disk (class 53, insufficient resources: 53100 disk_full),
# SQLite's message for it.
POSTGRES_DISK_FULL = "53100"
SQLITE_DISK_FULL = "database or disk is full"


def storage_problem(exc: BaseException) -> str | None:
    """"disk_full", "database_unavailable" or None (another error) for ``exc``."""
    if isinstance(exc, OSError):
        return "disk_full" if exc.errno in DISK_FULL_ERRNOS else None
    if not isinstance(exc, DBAPIError):
        return None
    original = exc.orig
    if getattr(original, "sqlstate", None) == POSTGRES_DISK_FULL \
            or SQLITE_DISK_FULL in str(original):
        return "disk_full"
    if isinstance(exc, OperationalError) or exc.connection_invalidated:
        return "database_unavailable"
    return None


def log_line(exc: BaseException) -> str:
    """The error's first line, without the SQL and parameters that follow it."""
    text = str(getattr(exc, "orig", None) or exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__
