"""The browser's safety copy of what a person types and has not saved yet (static/app.js keeps
it in localStorage, so that a crash or a closed tab loses nothing).

The copies are filed under a scope that names the installation and the person without saying
either: an HMAC of the user's id with the installation's secret key. A copy typed by one person
is never offered to another signed in on the same browser, nor one typed on another
installation served from the same address (a test server after the real one); and the scope,
kept in the browser, gives away no name.
"""

from __future__ import annotations

import hashlib
import hmac

SCOPE_LENGTH = 20


def copy_scope(user_id: int, secret_key: str | bytes) -> str:
    """The scope of ``user_id``'s typed copies on the installation whose secret is
    ``secret_key`` (hex, stable as long as both are)."""
    key = secret_key.encode() if isinstance(secret_key, str) else secret_key
    digest = hmac.new(key, f"typed-copies:{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:SCOPE_LENGTH]
