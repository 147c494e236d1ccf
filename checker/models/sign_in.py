"""Failed sign-ins, counted per username tried and per client address (see
:mod:`checker.services.sign_in`). In the database, not in memory: every worker process of a
team's server sees the same counts, and a restart does not lift a lock."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import DateTime, Integer, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db


class SignInFailures(db.Model):
    """The failed sign-ins of one username (scope ``account``, the name as typed, in lower
    case, whether or not such an account exists) or of one address (scope ``address``)."""

    __tablename__ = "sign_in_failures"
    __table_args__ = (UniqueConstraint("scope", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(16))
    key: Mapped[str] = mapped_column(String(128))
    # Failures since ``first_failed_at`` (the window's start); both reset when a lock starts.
    failures: Mapped[int] = mapped_column(Integer, default=0)
    first_failed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    locked_until: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
