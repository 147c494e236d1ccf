"""Timestamps are stored naive in UTC so SQLite and PostgreSQL return the same values."""

from datetime import UTC, datetime


def utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)
