"""Accounts: a username, a werkzeug password hash, whether the account is disabled, and its
last sign-in."""

from __future__ import annotations

import hashlib
import hmac
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ._time import utcnow


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(64), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    created_at: Mapped[datetime] = mapped_column(DateTime, default=utcnow)
    # Set by `npis-check user disable`: the account can no longer sign in, and a session it
    # had is no longer honoured; its assessments and dossiers stay. None: an active account.
    disabled_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # The last successful sign-in on the web (`npis-check user list`); None: never since 0009.
    last_sign_in_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)
    # When the password was last changed (`user set-password`, *My account*); None: not since
    # 0010. A session without the password's stamp (opened by an older version) is honoured
    # only while this is None.
    password_changed_at: Mapped[datetime | None] = mapped_column(DateTime, nullable=True)

    @property
    def is_active(self) -> bool:  # Flask-Login's flag: login_user refuses an inactive user
        return self.disabled_at is None

    @property
    def password_stamp(self) -> str:
        """A short digest of the password hash: it changes with the password."""
        return hashlib.sha256(self.password_hash.encode()).hexdigest()[:16]

    def get_id(self) -> str:
        """What a session holds (Flask-Login): the id and the password's stamp, so that a
        new password (``npis-check user set-password``, or *My account*) ends the sessions
        opened with the old one."""
        return f"{self.id}.{self.password_stamp}"

    def honours_session(self, stamp: str) -> bool:
        """Whether a session holding ``stamp`` (the password's, or "" for a session opened by
        a version before the stamps) is still this account's: active, and opened with the
        password it has now (a stampless one: only if the password has not changed since)."""
        if not self.is_active:
            return False
        if stamp:
            return hmac.compare_digest(stamp.encode("utf-8", "surrogatepass"),
                                       self.password_stamp.encode())
        return self.password_changed_at is None
