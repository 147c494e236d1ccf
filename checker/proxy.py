"""Running behind a reverse proxy that adds HTTPS (README, "Running it for a team").

``NPIS_BEHIND_PROXY=1`` trusts the proxy's ``X-Forwarded-For`` and ``X-Forwarded-Proto``, one
hop (werkzeug's ``ProxyFix``): ``request.is_secure``, ``request.remote_addr`` and any absolute
URL are then those the browser used. The host is not taken from a header: the proxy passes the
browser's ``Host`` on, port included (``proxy_set_header Host $http_host``), and a proxy that
does not overwrite ``X-Forwarded-Host`` would let any browser choose it.

Over HTTPS, a form is accepted only from a page of this very address (Flask-WTF compares the
browser's ``Referer`` with ``https://`` and the ``Host`` the app sees): a proxy that drops the
port (nginx's ``$host``, on a port other than 443) or a browser that sends no ``Referer`` has
every form refused. :func:`refused_origin` tells these from an expired form, for the page and
the log.

``NPIS_SECURE_COOKIES=1`` marks the session cookie Secure (:mod:`checker.config`); a request
that arrives over plain HTTP meanwhile is said once in the log, since a browser on plain HTTP
drops that cookie and nobody can sign in.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from flask import Flask, request
from flask_wtf.csrf import same_origin
from werkzeug.middleware.proxy_fix import ProxyFix

PLAIN_HTTP_WARNING = (
    "NPIS_SECURE_COOKIES is on, but a request arrived over plain HTTP (%s): a browser on plain "
    "HTTP drops the session cookie, so nobody can sign in that way. Behind a reverse proxy "
    "that adds HTTPS, set NPIS_BEHIND_PROXY=1 and have the proxy send X-Forwarded-Proto.")


WRONG_HOST_WARNING = (
    "a form was refused: it was sent from a page of %s, but this server sees itself as %s "
    "(the Host header the reverse proxy passes on); if the first is the address people use, "
    "the proxy must pass the browser's Host with its port (nginx: proxy_set_header Host "
    "$http_host;)")
NO_REFERRER_WARNING = (
    "a form sent over HTTPS was refused: the browser sent no Referer header, which the "
    "check of forms over HTTPS needs (a browser setting or extension removes it)")


def refused_origin() -> tuple[str, str] | None:
    """Why the HTTPS check of a form refused it, if that is why: (the origin of the page it
    was sent from, "" if the browser did not say; this server's origin as it sees it)."""
    if not request.is_secure:
        return None
    here = f"https://{request.host}"
    referrer = request.referrer
    if not referrer:
        return "", here
    if same_origin(referrer, here + "/"):
        return None
    parts = urlsplit(referrer)
    return f"{parts.scheme}://{parts.netloc}", here


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
