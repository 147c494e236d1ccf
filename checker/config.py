"""Application settings: defaults that work with no configuration, overridable by env vars.

Everything is read from the environment at app creation so that ``pip install . &&
npis-check serve`` needs nothing, while a deployment can point at PostgreSQL or another
catalogue without code changes.
"""

from __future__ import annotations

import math
import os
import secrets
import sys
from pathlib import Path
from typing import Any

DEFAULT_UPLOAD_MB = 20


def data_dir() -> Path:
    """Per-user data directory (database, uploaded files, secret key), created on demand.

    ``NPIS_DATA_DIR`` wins; otherwise ``$XDG_DATA_HOME/npis-checker`` or
    ``~/.local/share/npis-checker``. Not the package directory: it may be read-only once installed.
    """
    explicit = os.environ.get("NPIS_DATA_DIR")
    if explicit:
        path = Path(explicit).expanduser()
    else:
        base = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
        path = Path(base) / "npis-checker"
    path.mkdir(parents=True, exist_ok=True)
    return path


class ConfigError(RuntimeError):
    """A setting that cannot work (e.g. an unsupported database): one clear message, said
    before anything is created or connected."""


# The databases npis-checker is built and tested on; any other would fail on first use with
# a driver's traceback, or worse, half way through a migration.
SUPPORTED_DATABASES = ("sqlite", "postgresql", "postgres")


def database_url(directory: Path) -> str:
    """``DATABASE_URL``, or the embedded SQLite file in the data directory ``directory``."""
    return os.environ.get("DATABASE_URL") or f"sqlite:///{directory / 'npis-checker.db'}"


def check_database_url(url: str) -> None:
    """Raise :class:`ConfigError` unless ``url`` names SQLite or PostgreSQL."""
    scheme, separator, _rest = url.partition("://")
    backend = scheme.split("+", 1)[0].strip().lower()
    if not separator or not backend:
        raise ConfigError(
            f"DATABASE_URL={url.split('@')[-1]!r} is not a database URL. npis-checker uses "
            "SQLite (leave DATABASE_URL unset for the embedded database in the data "
            "directory) or PostgreSQL (DATABASE_URL=postgresql://USER@HOST:5432/DATABASE).")
    if backend not in SUPPORTED_DATABASES:
        raise ConfigError(
            f"DATABASE_URL names a {backend!r} database, which npis-checker does not support: "
            "it runs on SQLite (leave DATABASE_URL unset for the embedded database in the data "
            "directory) or PostgreSQL (DATABASE_URL=postgresql://USER@HOST:5432/DATABASE).")


def database_in_use() -> str:
    """Which database a command uses, its password hidden, and why, for the command line
    (a forgotten DATABASE_URL would otherwise go unseen: the SQLite file is made silently)."""
    url = database_url(data_dir())
    check_database_url(url)
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        shown = make_url(normalise_database_url(url)).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        shown = url.split("@")[-1]
    if os.environ.get("DATABASE_URL"):
        return f"{shown} (DATABASE_URL)"
    from .cli_i18n import _

    return _("%(database)s (embedded SQLite in the data directory; DATABASE_URL is not set)",
             database=shown)


def signup_open() -> bool:
    """``NPIS_SIGNUP``: ``open`` (default) lets anyone reaching the server create an account;
    ``closed`` leaves it to the administrator (``npis-check user create``). Another value
    closes it too, with a warning: a typo must not open a server meant to be closed."""
    raw = os.environ.get("NPIS_SIGNUP", "").strip().lower()
    if not raw or raw == "open":
        return True
    if raw != "closed":
        print(f"warning: NPIS_SIGNUP={raw!r} is neither 'open' nor 'closed'; sign-up is "
              "closed", file=sys.stderr)
    return False


SWITCH_ON = ("1", "true", "yes", "on")
SWITCH_OFF = ("0", "false", "no", "off")


def switch(name: str) -> bool:
    """An on/off setting: ``1``/``true``/``yes``/``on`` or ``0``/``false``/``no``/``off``
    (any case), off when unset or empty. Another value stops the start with a
    :class:`ConfigError`: both guesses could be wrong for these (secure cookies left off
    would cross the network in clear; trusting a proxy that is not there lets anyone forge
    its headers)."""
    raw = os.environ.get(name, "").strip().lower()
    if raw in SWITCH_ON:
        return True
    if not raw or raw in SWITCH_OFF:
        return False
    raise ConfigError(
        f"{name}={os.environ.get(name, '')!r} is neither on nor off: use 1 (or true, yes, "
        "on) or 0 (or false, no, off), or leave it unset (off).")


def normalise_database_url(url: str) -> str:
    """Accept plain ``postgresql://`` / ``postgres://`` URLs and use the psycopg 3 driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def _secret_key(directory: Path) -> str:
    """A stable random secret kept in the data dir, so sessions survive restarts."""
    env = os.environ.get("SECRET_KEY")
    if env:
        return env
    key_file = directory / "secret_key"
    if key_file.exists():
        return key_file.read_text(encoding="utf-8").strip()
    key = secrets.token_hex(32)
    key_file.write_text(key, encoding="utf-8")
    key_file.chmod(0o600)
    return key


MAX_UPLOAD_MB = 1024  # a larger limit is a typo: no protocol or paper comes near it


def _upload_mb() -> float:
    """NPIS_MAX_UPLOAD_MB, or the default (with a warning) when it is not a number of MB
    between 0 and 1024: a typo must neither stop the app nor disable the limit."""
    raw = os.environ.get("NPIS_MAX_UPLOAD_MB", "").strip()
    if not raw:
        return DEFAULT_UPLOAD_MB
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not 0 < value <= MAX_UPLOAD_MB:  # also false for nan
        print(f"warning: NPIS_MAX_UPLOAD_MB={raw!r} is not a number of MB between 0 and "
              f"{MAX_UPLOAD_MB}; using {DEFAULT_UPLOAD_MB:g}", file=sys.stderr)
        return DEFAULT_UPLOAD_MB
    return value


# Sign-in and sign-up throttle (checker.services.sign_in): environment variable, default,
# whether 0 is allowed (no limit of that kind), largest value.
SIGN_IN_LIMITS = {
    "SIGNIN_ACCOUNT_ATTEMPTS": ("NPIS_SIGNIN_ATTEMPTS", 5, True, 1000),
    "SIGNIN_ADDRESS_ATTEMPTS": ("NPIS_SIGNIN_ADDRESS_ATTEMPTS", 20, True, 100000),
    "SIGNIN_WINDOW_MINUTES": ("NPIS_SIGNIN_WINDOW_MINUTES", 15, False, 10080),
    "SIGNIN_LOCK_MINUTES": ("NPIS_SIGNIN_LOCK_MINUTES", 15, False, 10080),
    # Accounts created by open sign-up from one address within the hours below, after which
    # sign-up from there waits as many hours.
    "SIGNUP_ADDRESS_ACCOUNTS": ("NPIS_SIGNUP_ADDRESS_ACCOUNTS", 10, True, 100000),
    "SIGNUP_WINDOW_HOURS": ("NPIS_SIGNUP_WINDOW_HOURS", 24, False, 720),
}


def _sign_in_limit(name: str, default: int, zero_allowed: bool, largest: int) -> int:
    """A whole number from the environment variable ``name``, or ``default`` (with a
    warning) when it is not one in range: a typo must neither stop the app nor lift the
    protection."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    lowest = 0 if zero_allowed else 1
    if raw.isascii() and raw.isdigit() and lowest <= int(raw) <= largest:
        return int(raw)
    print(f"warning: {name}={raw!r} is not a whole number from {lowest} to {largest}; "
          f"using {default}", file=sys.stderr)
    return default


def build_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """The settings for :func:`checker.app.create_app`; ``overrides`` (tests) win."""
    overrides = dict(overrides or {})
    directory = Path(overrides.get("DATA_DIR") or data_dir())
    directory.mkdir(parents=True, exist_ok=True)
    upload_bytes = int(overrides.get("MAX_UPLOAD_BYTES") or _upload_mb() * 1024 * 1024)
    # A file up to twice the limit still reaches the form, which refuses it with the
    # per-field message and keeps what was typed; only a far larger body gets the 413 page.
    body_bytes = 2 * upload_bytes + 1024 * 1024
    config: dict[str, Any] = {
        "DATA_DIR": str(directory),
        "UPLOAD_DIR": str(directory / "uploads"),
        "SECRET_KEY": overrides.get("SECRET_KEY") or _secret_key(directory),
        "SQLALCHEMY_DATABASE_URI": database_url(directory),
        "SQLALCHEMY_ENGINE_OPTIONS": {"pool_pre_ping": True},
        "MAX_UPLOAD_BYTES": upload_bytes,
        "MAX_CONTENT_LENGTH": body_bytes,
        # Flask refuses a text field over 500 kB of a multipart form (the creation form) with
        # a 413, whose page speaks of a file: a long paste must reach the form instead, which
        # says which field is too long and keeps the rest. The body's limit still holds.
        "MAX_FORM_MEMORY_SIZE": body_bytes,
        "NPIS_CATALOGUE": os.environ.get("NPIS_CATALOGUE") or None,
        "SIGNUP_OPEN": signup_open(),
        "AUTO_MIGRATE": True,
        "BABEL_DEFAULT_LOCALE": "en",
        "LANGUAGES": ("en", "fr"),
        "WTF_CSRF_TIME_LIMIT": None,  # a long assessment session must not lose its drafts
        "SESSION_COOKIE_SAMESITE": "Lax",
        "SESSION_COOKIE_HTTPONLY": True,
        # Behind a reverse proxy that adds HTTPS: the session cookie is sent over HTTPS only
        # (Flask-Login's remember cookie too, should it ever be used), and the proxy's
        # X-Forwarded-For and X-Forwarded-Proto are trusted, one hop (create_app, serve).
        "SESSION_COOKIE_SECURE": switch("NPIS_SECURE_COOKIES"),
        "REMEMBER_COOKIE_SECURE": switch("NPIS_SECURE_COOKIES"),
        "BEHIND_PROXY": switch("NPIS_BEHIND_PROXY"),
        **{key: _sign_in_limit(*setting) for key, setting in SIGN_IN_LIMITS.items()},
    }
    config.update(overrides)
    check_database_url(config["SQLALCHEMY_DATABASE_URI"])
    config["SQLALCHEMY_DATABASE_URI"] = normalise_database_url(config["SQLALCHEMY_DATABASE_URI"])
    return config
