"""Signing in on the web: failed attempts written to the log and throttled.

Every failed sign-in is logged (the username tried, the client's address as the reverse proxy
gives it, why it failed; never the password). After too many failures for one username, or
from one address, within a window, further attempts of that username, or from that address,
are refused for a while, whatever the password, with a message saying when to try again.

* The count is per username *as typed*, whether or not such an account exists: an unknown
  name is counted, locked and answered exactly as a known one, so the page tells nobody which
  accounts exist.
* The counts live in the database (``sign_in_failures``), each one changed by a single
  ``UPDATE`` of its row: several worker processes (and PostgreSQL as well as SQLite) share
  them, and a restart does not lift a lock.
* A successful sign-in clears its username's count, not its address's: otherwise someone with
  an account of their own could sign in with it between guesses at another's. The
  administrator's ``npis-check user set-password``, ``user enable`` and ``user unlock`` lift a
  username's lock; ``user unlock --address`` an address's.
* The limits are settings (:data:`checker.config.SIGN_IN_LIMITS`): failures per username
  (5), per address (20), within a window (15 minutes), and how long a lock lasts (15
  minutes); a limit of 0 turns that kind of lock off.
"""

from __future__ import annotations

import hashlib
import math
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import ngettext
from sqlalchemy import and_, case, delete, func, or_, select, update

from ..extensions import db
from ..models import SignInFailures, User
from ..models._time import utcnow
from .accounts import check_credentials

ACCOUNT = "account"
ADDRESS = "address"
# A row untouched for this long after its window and lock ended is deleted (so that a flood
# of made-up names leaves nothing behind), but never one a worker may be counting in.
_FORGOTTEN_AFTER = timedelta(days=1)

_table = SignInFailures.__table__


@dataclass(frozen=True)
class SignInResult:
    """A user signed in, or nobody; ``locked_until`` (UTC): refused, or the failure just
    made started a lock, until then."""

    user: User | None
    locked_until: datetime | None = None

    def seconds_left(self) -> int:
        if self.locked_until is None:
            return 0
        return max(1, math.ceil((self.locked_until - utcnow()).total_seconds()))

    def lock_message(self) -> str:
        """What the sign-in page says while locked: when to try again and who can help; the
        same whether the account exists or not."""
        minutes = math.ceil(self.seconds_left() / 60)
        return ngettext(
            "Too many failed sign-ins with this username or from this address. Try again in "
            "%(num)d minute. If you have forgotten your password, the administrator of this "
            "server can set a new one (npis-check user set-password), which also lifts this "
            "wait.",
            "Too many failed sign-ins with this username or from this address. Try again in "
            "%(num)d minutes. If you have forgotten your password, the administrator of this "
            "server can set a new one (npis-check user set-password), which also lifts this "
            "wait.", minutes)


def account_key(username: str) -> str:
    """The count's key for a username as typed: in lower case (names differ by more than
    case), or a digest of an odd one (too long for a name, or not printable)."""
    key = username.strip().lower()
    if len(key) > 64 or not key.isprintable():
        return "sha256:" + hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()
    return key


def _shown(username: str) -> str:
    """The username for the log: quoted and escaped (no line of its own can be forged), cut."""
    return repr(username[:80]) + ("…" if len(username) > 80 else "")


def sign_in(username: str, password: str, address: str | None) -> SignInResult:
    """Check a sign-in from ``address`` (``request.remote_addr``) and commit what it
    changes: the user signed in (its count cleared, its last sign-in recorded), or nobody
    (the failure counted and logged)."""
    now = utcnow()
    config = current_app.config
    window = timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"])
    lock = timedelta(minutes=config["SIGNIN_LOCK_MINUTES"])
    counted = [(scope, key, limit) for scope, key, limit in (
        (ACCOUNT, account_key(username), config["SIGNIN_ACCOUNT_ATTEMPTS"]),
        (ADDRESS, address, config["SIGNIN_ADDRESS_ATTEMPTS"])) if key and limit > 0]
    source = address or "an unknown address"
    locked = _locked_until([(scope, key) for scope, key, _limit in counted], now)
    if locked is not None:
        # Refused without checking the password: a lock that a right guess could pass
        # would not slow the guessing.
        current_app.logger.warning(
            "sign-in refused for username %s from %s: too many failed sign-ins, locked until "
            "%s UTC", _shown(username), source, f"{locked:%Y-%m-%d %H:%M:%S}")
        return SignInResult(None, locked)
    user, reason = check_credentials(username, password)
    if user is not None:
        db.session.execute(delete(_table).where(_table.c.scope == ACCOUNT,
                                                _table.c.key == account_key(username)))
        user.last_sign_in_at = now
        db.session.commit()
        return SignInResult(user)
    current_app.logger.warning("failed sign-in for username %s from %s (%s)",
                               _shown(username), source, reason)
    db.session.execute(delete(_table).where(
        or_(_table.c.locked_until.is_(None), _table.c.locked_until < now - _FORGOTTEN_AFTER),
        or_(_table.c.first_failed_at.is_(None),
            _table.c.first_failed_at < now - window - _FORGOTTEN_AFTER)))
    ends = []
    for scope, key, limit in counted:
        until = _count_failure(scope, key, limit, now, window, lock)
        if until is not None:
            ends.append(until)
            what = f"username {_shown(username)}" if scope == ACCOUNT else f"address {key}"
            current_app.logger.warning(
                "sign-ins locked for %s until %s UTC: %d failed within %d minutes", what,
                f"{until:%Y-%m-%d %H:%M:%S}", limit, window.total_seconds() // 60)
    db.session.commit()
    return SignInResult(None, max(ends) if ends else None)


def _locked_until(keys: list[tuple[str, str]], now: datetime) -> datetime | None:
    """The latest end of a lock now on one of ``keys`` (scope, key), or None."""
    if not keys:
        return None
    return db.session.scalar(select(func.max(_table.c.locked_until)).where(
        or_(*(and_(_table.c.scope == scope, _table.c.key == key) for scope, key in keys)),
        _table.c.locked_until > now))


def _count_failure(scope: str, key: str, limit: int, now: datetime, window: timedelta,
                   lock: timedelta) -> datetime | None:
    """Count one failure of (scope, key); the end of the lock it starts, if it reaches
    ``limit`` within ``window``. Each step is one statement on the row, which the database
    applies one worker at a time."""
    insert = _dialect_insert()
    db.session.execute(insert(_table).values(scope=scope, key=key, failures=0)
                       .on_conflict_do_nothing(index_elements=["scope", "key"]))
    row = and_(_table.c.scope == scope, _table.c.key == key)
    fresh = or_(_table.c.first_failed_at.is_(None), _table.c.first_failed_at < now - window)
    db.session.execute(update(_table).where(row).values(
        failures=case((fresh, 1), else_=_table.c.failures + 1),
        first_failed_at=case((fresh, now), else_=_table.c.first_failed_at)))
    until = now + lock
    started = db.session.execute(update(_table).where(row, _table.c.failures >= limit).values(
        failures=0, first_failed_at=None, locked_until=until))
    return until if started.rowcount else None


def _dialect_insert():  # noqa: ANN202 (the dialect's insert construct)
    """An INSERT that can skip a row already there (both supported databases have one)."""
    if db.session.get_bind().dialect.name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert
    else:
        from sqlalchemy.dialects.sqlite import insert
    return insert


def lock_of(username: str) -> datetime | None:
    """When the lock on the username ``username`` ends, if there is one now."""
    return _locked_until([(ACCOUNT, account_key(username))], utcnow())


def locked_addresses() -> list[tuple[str, datetime]]:
    """The addresses locked now, with when each lock ends."""
    rows = db.session.execute(select(_table.c.key, _table.c.locked_until).where(
        _table.c.scope == ADDRESS, _table.c.locked_until > utcnow()).order_by(_table.c.key))
    return [(key, until) for key, until in rows]


def clear_failures(username: str) -> bool:
    """Forget the failed sign-ins of ``username`` and lift its lock, and commit; True if it
    was locked (``npis-check user set-password``, ``user enable``)."""
    was_locked = lock_of(username) is not None
    db.session.execute(delete(_table).where(_table.c.scope == ACCOUNT,
                                            _table.c.key == account_key(username)))
    db.session.commit()
    return was_locked


def clear_address(address: str) -> bool:
    """Forget the failed sign-ins from ``address`` and lift its lock, and commit; True if it
    was locked (``npis-check user unlock --address``)."""
    was_locked = _locked_until([(ADDRESS, address)], utcnow()) is not None
    db.session.execute(delete(_table).where(_table.c.scope == ADDRESS, _table.c.key == address))
    db.session.commit()
    return was_locked


def record_sign_in(user: User) -> None:
    """A sign-in without the form (a new account, signed in at once): its time, committed."""
    user.last_sign_in_at = utcnow()
    db.session.commit()
