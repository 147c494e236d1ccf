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
* The current password asked on *My account* is checked and counted the same way
  (:func:`change_own_password`): a stolen session cannot try passwords there without end.
* A refused sign-up with a well-formed name counts against its address only
  (:func:`refused_sign_up`): open sign-up must say a name is not available, but no faster
  than sign-in guesses could find it. The accounts a sign-up creates are counted per address
  too (:func:`sign_up`, their own limit and window, counted in the transaction that creates
  each, so that sign-ups made at the same moment cannot pass it), so that one address cannot
  create accounts without end.
* A browser that signed in with a username before (a signed cookie, :func:`knows_browser`)
  is not held up by its address's lock for that username, only by the username's own:
  colleagues behind one hospital proxy are not locked out by a guesser among them. The
  cookie vouches for the account with the password it had then: after a new password it no
  longer does (a browser that was stolen, or someone who saw the old password, loses it).
"""

from __future__ import annotations

import hashlib
import hmac
import math
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext
from itsdangerous import BadData, URLSafeTimedSerializer
from sqlalchemy import and_, case, delete, func, or_, select, update
from werkzeug.security import check_password_hash
from werkzeug.wrappers import Response

from ..extensions import db
from ..models import SignInFailures, User
from ..models._time import utcnow
from .accounts import (
    USERNAME_RE,
    AccountError,
    check_credentials,
    create_user,
    password_problem,
    set_password,
    username_taken,
)

ACCOUNT = "account"
ADDRESS = "address"
# Accounts created by sign-up from an address (counted as the failures are, with their own
# limit and window: README "Open sign-up").
SIGN_UP = "sign-up"
# A row untouched for this long after its window and lock ended is deleted (so that a flood
# of made-up names leaves nothing behind), but never one a worker may be counting in.
_FORGOTTEN_AFTER = timedelta(days=1)

_table = SignInFailures.__table__

# What the log calls each kind of password check (all counted alike).
SIGN_IN = "sign-in"
ACCOUNT_PAGE = "password check on My account"

# The cookie of a browser that signed in: which accounts (as keyed digests of the username
# and the password's stamp, which nobody reading the cookie can turn back into names) signed
# in from it, the latest first; a new password makes the digests made before it useless.
KNOWN_BROWSER_COOKIE = "npis_known_browser"
_KNOWN_NAMES = 8
_KNOWN_FOR = timedelta(days=180)


@dataclass(frozen=True)
class SignInResult:
    """A user signed in, or nobody; ``locked_until`` (UTC): refused, or the failure just
    made started a lock, until then."""

    user: User | None
    locked_until: datetime | None = None
    # The lock is sign-up's own: too many accounts created from the address (not failures).
    created_too_many: bool = False

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

    def account_lock_message(self) -> str:
        """What *My account* says when its current-password check is locked."""
        minutes = math.ceil(self.seconds_left() / 60)
        return ngettext(
            "Too many wrong passwords or failed sign-ins for this account or from this "
            "address. Try again in %(num)d minute; signing in with this username waits as "
            "long. If you have forgotten your password, the administrator of this server can "
            "set a new one (npis-check user set-password), which also lifts this wait.",
            "Too many wrong passwords or failed sign-ins for this account or from this "
            "address. Try again in %(num)d minutes; signing in with this username waits as "
            "long. If you have forgotten your password, the administrator of this server can "
            "set a new one (npis-check user set-password), which also lifts this wait.",
            minutes)

    def sign_up_lock_message(self) -> str:
        """What the sign-up page says while its address is locked."""
        minutes = math.ceil(self.seconds_left() / 60)
        if self.created_too_many and minutes > 90:
            return ngettext(
                "Too many accounts have been created from this address. Try again in "
                "%(num)d hour, or ask the administrator of this server to create your "
                "account (npis-check user create).",
                "Too many accounts have been created from this address. Try again in "
                "%(num)d hours, or ask the administrator of this server to create your "
                "account (npis-check user create).", math.ceil(minutes / 60))
        if self.created_too_many:
            return ngettext(
                "Too many accounts have been created from this address. Try again in "
                "%(num)d minute, or ask the administrator of this server to create your "
                "account (npis-check user create).",
                "Too many accounts have been created from this address. Try again in "
                "%(num)d minutes, or ask the administrator of this server to create your "
                "account (npis-check user create).", minutes)
        return ngettext(
            "Too many refused sign-ups or failed sign-ins from this address. Try again in "
            "%(num)d minute, or ask the administrator of this server to create your account "
            "(npis-check user create).",
            "Too many refused sign-ups or failed sign-ins from this address. Try again in "
            "%(num)d minutes, or ask the administrator of this server to create your account "
            "(npis-check user create).", minutes)


class TooManyFailures(Exception):
    """A password check refused, or that started a lock: ``result`` says until when."""

    def __init__(self, result: SignInResult) -> None:
        super().__init__("too many failed password checks")
        self.result = result


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


def sign_in(username: str, password: str, address: str | None,
            known_browser: bool = False) -> SignInResult:
    """Check a sign-in from ``address`` (``request.remote_addr``) and commit what it
    changes: the user signed in (its count cleared, its last sign-in recorded), or nobody
    (the failure counted and logged). ``known_browser``: this browser signed in with this
    username before (:func:`knows_browser`), which the address's lock does not hold up."""
    result = _attempt(username, address, lambda: check_credentials(username, password),
                      SIGN_IN, known_browser)
    if result.user is not None:
        result.user.last_sign_in_at = utcnow()
        db.session.commit()
    return result


def change_own_password(user: User, current: str, new: str, address: str | None,
                        known_browser: bool = False) -> None:
    """A signed-in person's change of their own password (*My account*), and commit.

    The new one must follow the rule (:class:`AccountError` on field ``password``, checked
    first: no guess of the current one is spent on it). The current one must match
    (``current``), and each wrong one counts as a failed sign-in of the username and of the
    address, with the same limits and locks: a stolen session cannot try passwords without
    end (:class:`TooManyFailures` while locked, or when the failure starts a lock)."""
    problem = password_problem(new)
    if problem:
        raise AccountError(problem, "password")

    def check() -> tuple[User | None, str]:
        return (user, "") if check_password_hash(user.password_hash, current) \
            else (None, "wrong password")

    result = _attempt(user.username, address, check, ACCOUNT_PAGE, known_browser)
    if result.locked_until is not None:
        raise TooManyFailures(result)
    if result.user is None:
        raise AccountError(_("This is not your current password."), "current")
    set_password(user, new)


def _attempt(username: str, address: str | None,
             check: Callable[[], tuple[User | None, str]], action: str,
             known_browser: bool) -> SignInResult:
    """One password check of ``username`` (``check``: the user, or None and why not, for
    the log) counted and throttled as a sign-in; ``action`` names it in the log. A success
    clears the username's count (the caller commits); a failure is logged, counted and
    committed."""
    now = utcnow()
    config = current_app.config
    window = timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"])
    lock = timedelta(minutes=config["SIGNIN_LOCK_MINUTES"])
    counted = [(scope, key, limit) for scope, key, limit in (
        (ACCOUNT, account_key(username), config["SIGNIN_ACCOUNT_ATTEMPTS"]),
        (ADDRESS, address, config["SIGNIN_ADDRESS_ATTEMPTS"])) if key and limit > 0]
    source = address or "an unknown address"
    # A browser this username signed in from before is not held up by its address's lock:
    # colleagues behind one hospital proxy keep working while a guesser among them, whose
    # browser knows none of their names, is refused (README "Failed sign-ins").
    held = [(scope, key) for scope, key, _limit in counted
            if not (scope == ADDRESS and known_browser)]
    locked = _locked_until(held, now)
    if locked is not None:
        # Refused without checking the password: a lock that a right guess could pass
        # would not slow the guessing.
        current_app.logger.warning(
            "%s refused for username %s from %s: too many failed sign-ins, locked until "
            "%s UTC", action, _shown(username), source, f"{locked:%Y-%m-%d %H:%M:%S}")
        return SignInResult(None, locked)
    user, reason = check()
    if user is not None:
        db.session.execute(delete(_table).where(_table.c.scope == ACCOUNT,
                                                _table.c.key == account_key(username)))
        return SignInResult(user)
    current_app.logger.warning("failed %s for username %s from %s (%s)", action,
                               _shown(username), source, reason)
    return SignInResult(None, _count_failures(username, counted, now, window, lock))


def _count_failures(username: str, counted: list[tuple[str, str, int]], now: datetime,
                    window: timedelta, lock: timedelta) -> datetime | None:
    """Count one failure of each (scope, key, limit) and commit; the end of the latest lock
    it starts, if any (logged)."""
    _forget_old(now)
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
    return max(ends) if ends else None


def _forget_old(now: datetime) -> None:
    """Delete the rows whose window and lock ended long ago (not committed): a flood of
    made-up names leaves nothing behind, and no row a worker may be counting in goes."""
    config = current_app.config
    window = max(timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"]),
                 timedelta(hours=config["SIGNUP_WINDOW_HOURS"]))
    db.session.execute(delete(_table).where(
        or_(_table.c.locked_until.is_(None), _table.c.locked_until < now - _FORGOTTEN_AFTER),
        or_(_table.c.first_failed_at.is_(None),
            _table.c.first_failed_at < now - window - _FORGOTTEN_AFTER)))


def sign_up_lock(address: str | None) -> SignInResult:
    """Whether sign-ups from ``address`` are refused now (``locked_until``): its lock, the
    one failed sign-ins start, which refused sign-ups count toward too; or its sign-up lock,
    once too many accounts were created from it (``created_too_many``)."""
    if not address:
        return SignInResult(None)
    now, config = utcnow(), current_app.config
    failed = (_locked_until([(ADDRESS, address)], now)
              if config["SIGNIN_ADDRESS_ATTEMPTS"] > 0 else None)
    created = (_locked_until([(SIGN_UP, address)], now)
               if config["SIGNUP_ADDRESS_ACCOUNTS"] > 0 else None)
    if created is not None and (failed is None or created >= failed):
        return SignInResult(None, created, created_too_many=True)
    return SignInResult(None, failed)


class _AddressFull(Exception):
    """The address reached its limit of accounts while this sign-up was being made."""


def sign_up(username: str, password: str, address: str | None) -> User:
    """Create the account open sign-up asks for, from ``address``, and commit: logged, and
    counted toward the address's limit of accounts created (``NPIS_SIGNUP_ADDRESS_ACCOUNTS``
    within ``NPIS_SIGNUP_WINDOW_HOURS``), whose last one starts a wait of as many hours
    (logged). One address cannot fill the server with accounts.

    :class:`AccountError` for a bad or taken name or a bad password (nothing counted);
    :class:`TooManyFailures` (``created_too_many``) when the limit was reached since the
    page checked it (:func:`sign_up_lock`), by sign-ups made at the same moment: no account
    is then created.

    The page's check first (:func:`sign_up_lock`) cannot hold alone: two sign-ups arriving
    together would both pass it before either is counted. So the account is counted in the
    transaction that creates it, by one conditional ``UPDATE`` of the address's row that adds
    it only while the address is not locked and starts the lock when it makes the limit
    (:func:`_claim`); the account is inserted and committed after it, and a refusal or a
    failure rolls both back. The database applies two such statements one after the other:
    SQLite lets one transaction write at a time (each begins at its first write, no earlier
    read holding it, so the second waits for the first's commit), and PostgreSQL locks the
    row until the first commits, then evaluates the second's ``WHERE`` again on the row as
    committed (READ COMMITTED suffices: one row, one statement). The second sees the lock
    the first started, and is refused."""
    config = current_app.config
    limit, hours = config["SIGNUP_ADDRESS_ACCOUNTS"], config["SIGNUP_WINDOW_HOURS"]
    started: list[datetime] = []

    def claim() -> None:
        if not address or limit <= 0:
            return
        now = utcnow()
        _forget_old(now)
        until = _claim(address, limit, now, timedelta(hours=hours))
        if until is not None:
            started.append(until)

    try:
        user = create_user(username, password, before_commit=claim)
    except _AddressFull:
        # Rolled back: no account, nothing counted. The lock met is the one shown.
        now = utcnow()
        until = _locked_until([(SIGN_UP, address or "")], now) or now
        current_app.logger.warning(
            "refused sign-up for username %s from %s (too many accounts created, made at the "
            "same moment)", _shown(username), address or "an unknown address")
        raise TooManyFailures(SignInResult(None, until, created_too_many=True)) from None
    current_app.logger.warning("account %s created by sign-up from %s", _shown(user.username),
                               address or "an unknown address")
    for until in started:
        current_app.logger.warning(
            "sign-ups locked for address %s until %s UTC: %d accounts created within %d "
            "hours", address, f"{until:%Y-%m-%d %H:%M:%S}", limit, hours)
    return user


def _claim(address: str, limit: int, now: datetime, window: timedelta) -> datetime | None:
    """Count one account created from ``address`` unless it is locked (not committed: the
    caller's transaction creates the account); the end of the lock it starts when it makes
    ``limit`` within ``window`` (a lock as long as the window), else None;
    :class:`_AddressFull` if the address is locked."""
    insert = _dialect_insert()
    db.session.execute(insert(_table).values(scope=SIGN_UP, key=address, failures=0)
                       .on_conflict_do_nothing(index_elements=["scope", "key"]))
    row = and_(_table.c.scope == SIGN_UP, _table.c.key == address)
    fresh = or_(_table.c.first_failed_at.is_(None), _table.c.first_failed_at < now - window)
    open_ = or_(_table.c.locked_until.is_(None), _table.c.locked_until <= now)
    counted = db.session.execute(update(_table).where(row, open_).values(
        failures=case((fresh, 1), else_=_table.c.failures + 1),
        first_failed_at=case((fresh, now), else_=_table.c.first_failed_at)))
    if not counted.rowcount:
        raise _AddressFull
    until = now + window
    started = db.session.execute(update(_table).where(row, _table.c.failures >= limit).values(
        failures=0, first_failed_at=None, locked_until=until))
    return until if started.rowcount else None


def refused_sign_up(username: str, address: str | None) -> SignInResult:
    """A sign-up refused with ``username`` (well formed: its answer said whether the name
    is free): logged and counted as a failed sign-in of the address (not of the username,
    which a stranger would otherwise lock), and committed; ``locked_until`` if that starts
    a lock. Each such answer costs a prober one of the address's attempts, so open sign-up
    cannot list the accounts faster than sign-in guesses could."""
    if not USERNAME_RE.match(username.strip()):
        return SignInResult(None)  # a name no account can have tells nothing
    config = current_app.config
    reason = "username taken" if username_taken(username) else "form incomplete"
    current_app.logger.warning("refused sign-up for username %s from %s (%s)",
                               _shown(username), address or "an unknown address", reason)
    limit = config["SIGNIN_ADDRESS_ATTEMPTS"]
    if not address or limit <= 0:
        return SignInResult(None)
    until = _count_failures(username, [(ADDRESS, address, limit)], utcnow(),
                            timedelta(minutes=config["SIGNIN_WINDOW_MINUTES"]),
                            timedelta(minutes=config["SIGNIN_LOCK_MINUTES"]))
    return SignInResult(None, until)


def _mark(user: User) -> str:
    """An account as the known-browser cookie holds it: a digest, keyed with the server's
    secret, of its username and its password's stamp. A cookie read on a shared computer
    names nobody, and a new password (``npis-check user set-password``, *My account*) makes
    every cookie issued before it vouch for that account no more."""
    secret = current_app.secret_key
    key = secret.encode() if isinstance(secret, str) else bytes(secret or b"")
    vouched = f"{account_key(user.username)}\n{user.password_stamp}"
    return hmac.new(key, vouched.encode("utf-8", "surrogatepass"),
                    hashlib.sha256).hexdigest()[:24]


def browser_mark(user: User) -> str:
    """The mark of ``user`` with the password it has now (kept by *My account* before a
    change, so that the browser's cookie drops the mark the change makes useless)."""
    return _mark(user)


def _serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.secret_key, salt="npis-known-browser")


def _known_marks(cookie: str | None) -> list[str]:
    """The usernames' marks in a known-browser cookie; none if it is missing, forged, too
    old or odd."""
    if not cookie:
        return []
    try:
        marks = _serializer().loads(cookie, max_age=int(_KNOWN_FOR.total_seconds()))
    except BadData:
        return []
    if not isinstance(marks, list):
        return []
    return [mark for mark in marks if isinstance(mark, str)][:_KNOWN_NAMES]


def knows_browser(cookie: str | None, username: str) -> bool:
    """Whether the browser sending ``cookie`` has signed in with ``username`` (in any case)
    since that account's password was last set. False for a name no account has: the cookie
    is only given by a sign-in that worked."""
    marks = _known_marks(cookie)
    if not marks:
        return False
    user = db.session.scalar(select(User).where(
        func.lower(User.username) == account_key(username)))
    if user is None:
        return False
    mark = _mark(user).encode()
    return any(hmac.compare_digest(mark, known.encode("utf-8", "surrogatepass"))
               for known in marks)


def remember_browser(response: Response, cookie: str | None, user: User,
                     forget: str | None = None) -> None:
    """Set on ``response`` the cookie saying that this browser signed in as ``user`` with
    its present password (kept with the others it holds, the oldest dropped beyond a few: a
    ward's computer; ``forget``: a mark no longer of use, dropped at once)."""
    mark = _mark(user)
    marks = [mark] + [known for known in _known_marks(cookie) if known not in (mark, forget)]
    config = current_app.config
    response.set_cookie(KNOWN_BROWSER_COOKIE, _serializer().dumps(marks[:_KNOWN_NAMES]),
                        max_age=int(_KNOWN_FOR.total_seconds()), httponly=True,
                        samesite="Lax", secure=bool(config.get("SESSION_COOKIE_SECURE")))


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


def locked_addresses(scope: str = ADDRESS) -> list[tuple[str, datetime]]:
    """The addresses locked now, with when each lock ends: by failed sign-ins (``ADDRESS``)
    or by the accounts created from them (``SIGN_UP``)."""
    rows = db.session.execute(select(_table.c.key, _table.c.locked_until).where(
        _table.c.scope == scope, _table.c.locked_until > utcnow()).order_by(_table.c.key))
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
    """Forget the failed sign-ins from ``address`` and the accounts created from it, lift
    its locks, and commit; True if it was locked (``npis-check user unlock --address``)."""
    was_locked = _locked_until([(ADDRESS, address), (SIGN_UP, address)], utcnow()) is not None
    db.session.execute(delete(_table).where(_table.c.scope.in_((ADDRESS, SIGN_UP)),
                                            _table.c.key == address))
    db.session.commit()
    return was_locked


def record_sign_in(user: User) -> None:
    """A sign-in without the form (a new account, signed in at once): its time, committed."""
    user.last_sign_in_at = utcnow()
    db.session.commit()
