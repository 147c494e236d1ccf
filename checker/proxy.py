"""Running behind a reverse proxy that adds HTTPS (README, "Running it for a team").

``NPIS_BEHIND_PROXY=1`` trusts the proxy's ``X-Forwarded-For`` and ``X-Forwarded-Proto``, one
hop (werkzeug's ``ProxyFix``): ``request.is_secure``, ``request.remote_addr`` and any absolute
URL are then those the browser used. The host is not taken from a header: the proxy passes the
browser's ``Host`` on (``proxy_set_header Host $host``), and a proxy that does not overwrite
``X-Forwarded-Host`` would let any browser choose it.

``NPIS_SECURE_COOKIES=1`` marks the session cookie Secure (:mod:`checker.config`); a request
that arrives over plain HTTP meanwhile is said once in the log, since a browser on plain HTTP
drops that cookie and nobody can sign in.
"""

from __future__ import annotations

from typing import Any

from flask import Flask, request
from werkzeug.middleware.proxy_fix import ProxyFix

PLAIN_HTTP_WARNING = (
    "NPIS_SECURE_COOKIES is on, but a request arrived over plain HTTP (%s): a browser on plain "
    "HTTP drops the session cookie, so nobody can sign in that way. Behind a reverse proxy "
    "that adds HTTPS, set NPIS_BEHIND_PROXY=1 and have the proxy send X-Forwarded-Proto.")


def configure_proxy(app: Flask) -> None:
    """Trust one proxy's forwarded headers if ``BEHIND_PROXY``; watch for plain HTTP if the
    session cookie is Secure."""
    if app.config.get("BEHIND_PROXY"):
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)  # type: ignore[method-assign]
    if not app.config.get("SESSION_COOKIE_SECURE"):
        return
    said: list[bool] = []

    @app.before_request
    def plain_http_said_once() -> Any:
        if not said and not request.is_secure:
            said.append(True)
            app.logger.warning(PLAIN_HTTP_WARNING, request.url_root)
        return None
