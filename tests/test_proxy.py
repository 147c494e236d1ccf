"""A team installation behind a reverse proxy that adds HTTPS (README, "Running it for a
team"): Secure session cookies (NPIS_SECURE_COOKIES) and the proxy's forwarded headers trusted,
one hop, through the server `npis-check serve` runs (NPIS_BEHIND_PROXY)."""

from __future__ import annotations

import gc
import json
import logging
import threading
import urllib.request

import pytest
from conftest import PASSWORD, csrf_token, make_user

from checker.cli import main
from checker.config import ConfigError
from checker.proxy import PLAIN_HTTP_WARNING


def _cookie_headers(response) -> list[str]:
    return response.headers.getlist("Set-Cookie")


@pytest.fixture
def no_proxy_settings(monkeypatch):
    monkeypatch.delenv("NPIS_SECURE_COOKIES", raising=False)
    monkeypatch.delenv("NPIS_BEHIND_PROXY", raising=False)


def _signed_in_cookies(app) -> list[str]:
    """The Set-Cookie headers of signing in to ``app`` (a user ``tls`` made first)."""
    make_user(app, "tls")
    client = app.test_client()
    token = csrf_token(client)
    response = client.post("/auth/login", data={"csrf_token": token, "username": "tls",
                                                "password": PASSWORD})
    assert response.status_code == 302
    cookies = _cookie_headers(response)
    assert any(c.startswith("session=") for c in cookies)
    return cookies


def test_the_session_cookie_is_secure_when_asked(make_app, monkeypatch, no_proxy_settings):
    monkeypatch.setenv("NPIS_SECURE_COOKIES", "1")
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] and app.config["REMEMBER_COOKIE_SECURE"]
    for cookie in _signed_in_cookies(app):
        assert "; Secure" in cookie and "; HttpOnly" in cookie and "SameSite=Lax" in cookie


def test_the_session_cookie_is_not_secure_by_default(make_app, no_proxy_settings):
    # `npis-check serve` on its own speaks plain HTTP: a Secure cookie would be dropped.
    app = make_app()
    assert not app.config["SESSION_COOKIE_SECURE"] and not app.config["BEHIND_PROXY"]
    assert all("Secure" not in cookie for cookie in _signed_in_cookies(app))


@pytest.mark.parametrize(("raw", "on"), [("1", True), ("TRUE", True), (" yes ", True),
                                         ("on", True), ("0", False), ("false", False),
                                         ("No", False), ("off", False), ("", False)])
def test_the_switches_read_the_usual_words(make_app, monkeypatch, raw, on):
    monkeypatch.setenv("NPIS_SECURE_COOKIES", raw)
    monkeypatch.setenv("NPIS_BEHIND_PROXY", raw)
    app = make_app()
    assert app.config["SESSION_COOKIE_SECURE"] is on and app.config["BEHIND_PROXY"] is on


@pytest.mark.parametrize("name", ["NPIS_SECURE_COOKIES", "NPIS_BEHIND_PROXY"])
def test_another_value_stops_the_start_with_one_clear_line(make_app, tmp_path, monkeypatch,
                                                           no_proxy_settings, name):
    from click.testing import CliRunner

    monkeypatch.setenv(name, "https")
    with pytest.raises(ConfigError, match=f"{name}='https' is neither on nor off"):
        make_app()
    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    for command in (["user", "list"], ["serve", "--port", "1"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert f"Error: {name}='https' is neither on nor off: use 1" in result.output
        assert "Traceback" not in result.output


def _probe(app) -> None:
    """A page saying what the app sees of the request (added before any request)."""
    from flask import jsonify, request

    @app.get("/_probe")
    def probe():
        return jsonify(secure=request.is_secure, remote=request.remote_addr,
                       root=request.url_root)


def _through_waitress(app, headers: dict[str, str]) -> dict:
    """What ``app`` sees of a request with ``headers``, served as `npis-check serve` serves
    it (Waitress, with its options)."""
    from waitress.server import create_server

    from checker.cli_reports import waitress_options

    server = create_server(app, **waitress_options(app, host="127.0.0.1", port=0, threads=1))
    stop = threading.Event()

    def serve() -> None:
        # Waitress's own loop, a turn at a time, so that it ends before its sockets close
        # (closed under a running select, the thread would fail).
        while not stop.is_set():
            server.asyncore.loop(timeout=0.05, map=server._map, count=1)

    thread = threading.Thread(target=serve, daemon=True)
    thread.start()
    try:
        request = urllib.request.Request(
            f"http://127.0.0.1:{server.effective_port}/_probe", headers=headers)
        with urllib.request.urlopen(request, timeout=10) as response:
            return json.loads(response.read())
    finally:
        stop.set()
        thread.join(timeout=10)
        server.close()
        server.task_dispatcher.shutdown()


FORWARDED = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.9, 203.0.113.7",
             "X-Forwarded-Host": "evil.example", "Host": "npis.example.org"}


def test_behind_the_proxy_the_app_sees_what_the_browser_used(make_app, monkeypatch,
                                                             no_proxy_settings):
    monkeypatch.setenv("NPIS_BEHIND_PROXY", "1")
    app = make_app()
    _probe(app)
    seen = _through_waitress(app, FORWARDED)
    # One hop: the address the proxy saw (the last one), not what the browser claimed before
    # it; the host is the one the proxy passed on, never X-Forwarded-Host.
    assert seen == {"secure": True, "remote": "203.0.113.7",
                    "root": "https://npis.example.org/"}


def test_without_the_setting_forwarded_headers_are_ignored(make_app, no_proxy_settings):
    app = make_app()
    _probe(app)
    seen = _through_waitress(app, FORWARDED)
    assert seen == {"secure": False, "remote": "127.0.0.1", "root": "http://npis.example.org/"}


def test_secure_cookies_over_plain_http_are_said_once_in_the_log(make_app, monkeypatch,
                                                                 no_proxy_settings, caplog):
    monkeypatch.setenv("NPIS_SECURE_COOKIES", "1")
    app = make_app()
    client = app.test_client()
    with caplog.at_level(logging.WARNING):
        client.get("/auth/login")
        client.get("/auth/login")
        client.get("/auth/login", base_url="https://localhost")
    said = [r for r in caplog.records if r.msg == PLAIN_HTTP_WARNING]
    assert len(said) == 1 and "NPIS_BEHIND_PROXY=1" in said[0].getMessage()
    monkeypatch.setenv("NPIS_SECURE_COOKIES", "0")
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        make_app().test_client().get("/auth/login")
    assert not [r for r in caplog.records if r.msg == PLAIN_HTTP_WARNING]


@pytest.mark.parametrize(("host", "warned"), [("127.0.0.1", False), ("0.0.0.0", True)])
def test_serve_passes_the_forwarded_headers_on_only_behind_a_proxy(cli_env, monkeypatch,
                                                                   host, warned):
    import waitress

    served: dict = {}
    monkeypatch.setattr(waitress, "serve", lambda app, **options: served.update(options))
    monkeypatch.setattr("checker.cli_reports._warm_up", lambda app: None)
    monkeypatch.setenv("NPIS_BEHIND_PROXY", "1")
    try:
        result = cli_env.invoke(main, ["serve", "--host", host, "--port", "8080"])
    finally:
        gc.unfreeze()  # serve freezes what the start made, for a server's life only
    assert result.exit_code == 0, result.output
    assert served["clear_untrusted_proxy_headers"] is False and served["host"] == host
    assert ("anyone reaching it directly can forge" in result.stderr) is warned
    monkeypatch.setenv("NPIS_BEHIND_PROXY", "0")
    cli_env.invoke(main, ["serve", "--host", host, "--port", "8080"])
    gc.unfreeze()
    assert served["clear_untrusted_proxy_headers"] is True
