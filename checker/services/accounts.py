"""Accounts: create users and check passwords (werkzeug hashes, never plain text)."""

from __future__ import annotations

import re

from flask_babel import gettext as _
from sqlalchemy import func, select
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


def account_problems(username: str, password: str) -> dict[str, str]:
    """Field -> message for everything wrong with a new account, all at once. A message does
    not repeat its field's name: the form shows it under the field, and its error summary and
    the command line put the name before it."""
    username = username.strip()
    problems: dict[str, str] = {}
    if not USERNAME_RE.match(username):
        problems["username"] = _("3 to 64 letters, digits, dots, dashes or underscores.")
    # "Alice" and "alice" would be two accounts that people cannot tell apart.
    elif db.session.scalar(select(User).where(func.lower(User.username) == username.lower())):
        problems["username"] = _("This username is already taken.")
    if len(password) < MIN_PASSWORD:
        problems["password"] = _("Too short: at least %(n)d characters.", n=MIN_PASSWORD)
    return problems


def create_user(username: str, password: str) -> User:
    """Create and commit a user; raise :class:`AccountError` on a bad or taken name."""
    username = username.strip()
    problems = account_problems(username, password)
    if problems:
        field = next(iter(problems))
        raise AccountError(problems[field], field)
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
