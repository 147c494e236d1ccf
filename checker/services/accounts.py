"""Accounts: create users and check passwords (werkzeug hashes, never plain text)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import select
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import User

USERNAME_RE = re.compile(r"^[A-Za-z0-9_.-]{3,64}$")
MIN_PASSWORD = 8


class AccountError(ValueError):
    """A refused account operation; ``field`` names the form field at fault."""

    def __init__(self, message: str, field: str = "username") -> None:
        super().__init__(message)
        self.field = field


def find_user(username: str) -> User | None:
    return db.session.scalar(select(User).where(User.username == username.strip()))


def create_user(username: str, password: str) -> User:
    """Create and commit a user; raise :class:`AccountError` on a bad or taken name."""
    username = username.strip()
    if not USERNAME_RE.match(username):
        raise AccountError(
            _("Username: 3 to 64 letters, digits, dots, dashes or underscores."), "username"
        )
    if len(password) < MIN_PASSWORD:
        raise AccountError(
            _("Password: at least %(n)d characters.", n=MIN_PASSWORD), "password"
        )
    if find_user(username) is not None:
        raise AccountError(_("This username is already taken."), "username")
    user = User(username=username, password_hash=generate_password_hash(password))
    db.session.add(user)
    db.session.commit()
    return user


def authenticate(username: str, password: str) -> User | None:
    """The user if the password matches, else None (same answer for unknown names)."""
    user = find_user(username)
    if user is None or not check_password_hash(user.password_hash, password):
        return None
    return user
