"""Accounts: create users and check passwords (werkzeug hashes, never plain text)."""

from __future__ import annotations

import re
import secrets
from collections.abc import Callable
from functools import lru_cache

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from werkzeug.security import check_password_hash, generate_password_hash

from ..extensions import db
from ..models import User
from ..models._time import utcnow

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
    found = {"username": username_problem(username), "password": password_problem(password)}
    return {field: problem for field, problem in found.items() if problem}


def username_problem(username: str) -> str | None:
    """What is wrong with ``username`` for a new account, or None: checked before a password
    is asked for, so that nobody types one twice for a name that is then refused."""
    username = username.strip()
    if not USERNAME_RE.match(username):
        return _("3 to 64 letters, digits, dots, dashes or underscores.")
    if username_taken(username):
        # Not "taken": the page need not say that an account has this name. It cannot hide
        # it either (the name is refused); refused sign-ups are counted per address
        # (services.sign_in.refused_sign_up), README "Failed sign-ins".
        return _("This username is not available: choose another.")
    return None


def username_taken(username: str) -> bool:
    """Whether an account has ``username``, in any case: "Alice" and "alice" would be two
    accounts that people cannot tell apart."""
    return db.session.scalar(select(User.id).where(
        func.lower(User.username) == username.strip().lower())) is not None


def password_problem(password: str) -> str | None:
    if len(password) < MIN_PASSWORD:
        return _("Too short: at least %(n)d characters.", n=MIN_PASSWORD)
    return None


def create_user(username: str, password: str,
                before_commit: Callable[[], None] | None = None) -> User:
    """Create and commit a user; raise :class:`AccountError` on a bad or taken name.

    ``before_commit``: run in the same transaction, once the password is hashed (the slow
    part) and before the user is added; whatever it raises rolls the whole back (open
    sign-up counts the account toward its address's limit there)."""
    username = username.strip()
    problems = account_problems(username, password)
    if problems:
        field = next(iter(problems))
        raise AccountError(problems[field], field)
    user = User(username=username, password_hash=generate_password_hash(password))
    try:
        if before_commit is not None:
            before_commit()
        db.session.add(user)
        db.session.commit()
    except IntegrityError:
        # The same name created meanwhile, by a sign-up at the same moment: the check above
        # passed for both, the unique index stops the second. Its answer is the check's.
        db.session.rollback()
        if username_taken(username):
            raise AccountError(_("This username is not available: choose another.")) from None
        raise
    except BaseException:
        db.session.rollback()
        raise
    return user


def authenticate(username: str, password: str) -> User | None:
    """The user if the password matches and the account is not disabled, else None: the same
    answer for an unknown name, a wrong password and a disabled account, so that the sign-in
    page tells nobody which accounts exist."""
    return check_credentials(username, password)[0]


def check_credentials(username: str, password: str) -> tuple[User | None, str]:
    """(the user, "") if the password matches and the account is not disabled, else (None,
    why not) for the administrator's log only: "no such account", "wrong password" or
    "account disabled"."""
    user = find_user(username)
    # An unknown name is checked against a hash too: answering it faster than a wrong
    # password would tell which accounts exist by the time the page takes.
    if not check_password_hash(user.password_hash if user else _unknown_user_hash(), password):
        return None, "wrong password" if user else "no such account"
    if user is None:
        return None, "no such account"
    return (user, "") if user.is_active else (None, "account disabled")


@lru_cache(maxsize=1)
def _unknown_user_hash() -> str:
    """A hash made as the accounts' are (same method and cost), of no one's password."""
    return generate_password_hash(secrets.token_urlsafe(32))


def set_password(user: User, password: str) -> None:
    """Give ``user`` a new password and commit; :class:`AccountError` (field ``password``)
    if it is too short."""
    problem = password_problem(password)
    if problem:
        raise AccountError(problem, "password")
    user.password_hash = generate_password_hash(password)
    # Ends the sessions opened before with no stamp (checker.models.User.honours_session);
    # the new hash ends the others, and unvouches its known browsers (services.sign_in).
    user.password_changed_at = utcnow()
    db.session.commit()


def set_disabled(user: User, disabled: bool) -> bool:
    """Disable (or enable again) ``user`` and commit; False when it already was so. Nothing
    else changes: a disabled account's assessments and dossiers stay, as they were."""
    if disabled == (not user.is_active):
        return False
    user.disabled_at = utcnow() if disabled else None
    db.session.commit()
    return True


def all_users() -> list[tuple[User, int]]:
    """Every account, by name, with how many assessments it owns."""
    from ..models import Assessment

    counts = (select(Assessment.owner_id, func.count(Assessment.id).label("n"))
              .group_by(Assessment.owner_id).subquery())
    rows = db.session.execute(
        select(User, func.coalesce(counts.c.n, 0))
        .outerjoin(counts, counts.c.owner_id == User.id).order_by(User.username))
    return [(user, int(count)) for user, count in rows]


def hand_over(giver: User, receiver: User) -> tuple[int, int]:
    """Give all of ``giver``'s assessments and dossiers to ``receiver`` (a colleague who
    leaves the unit, say) and commit; (assessments, dossiers) moved.

    Answers, their history (who wrote what, by name), documents and issued reports go with
    them unchanged: each assessment only changes hands, so its reports still verify. The
    documents stay readable: ``receiver`` is recorded as holding each one ``giver`` uploaded.
    Dossiers move with the assessments they hold, which must be their owner's.
    """
    from ..models import Assessment, Dossier, StoredUpload

    if giver.id == receiver.id:
        raise AccountError(_("Choose two different accounts."))
    held = set(db.session.scalars(
        select(StoredUpload.sha256).where(StoredUpload.user_id == receiver.id)))
    for sha256 in db.session.scalars(
            select(StoredUpload.sha256).where(StoredUpload.user_id == giver.id)).all():
        if sha256 not in held:
            db.session.add(StoredUpload(user_id=receiver.id, sha256=sha256))
    moved = []
    for model in (Assessment, Dossier):
        rows = db.session.scalars(select(model).where(model.owner_id == giver.id)).all()
        for row in rows:
            row.owner_id = receiver.id
        moved.append(len(rows))
    db.session.commit()
    return moved[0], moved[1]
