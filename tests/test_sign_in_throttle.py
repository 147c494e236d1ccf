"""Failed sign-ins: written to the log, counted in the database per username tried and per
address, refused for a while after too many (README "Running it for a team")."""

from __future__ import annotations

import logging
import re
from datetime import timedelta

import pytest
from conftest import PASSWORD, csrf_token, login, make_user, post
from sqlalchemy import select

from checker.cli import main
from checker.extensions import db
from checker.models import User
from checker.models._time import utcnow
from checker.services import sign_in as sign_in_service

WRONG = "not the password 42"
LOCKED_EN = ("Too many failed sign-ins with this username or from this address. Try again in "
             "%s minutes. If you have forgotten your password, the administrator of this "
             "server can set a new one (npis-check user set-password), which also lifts this "
             "wait.")
ALERT_RE = re.compile(r'<div class="error-summary" role="alert" tabindex="-1"><p>(.*?)</p>',
                      re.S)


def _try(client, username: str, password: str = WRONG, **kwargs):
    return post(client, "/auth/login", {"username": username, "password": password}, **kwargs)


def _client_at(app, address: str):
    """A browser at ``address``."""
    client = app.test_client()
    client.environ_base["REMOTE_ADDR"] = address
    return client


def _alert(response) -> str:
    match = ALERT_RE.search(response.get_data(as_text=True).replace("&#39;", "'"))
    return match.group(1) if match else ""


@pytest.fixture
def strict_app(make_app):
    """Three failures per username, ten per address, within 15 minutes: 15 minutes' lock."""
    return make_app(SIGNIN_ACCOUNT_ATTEMPTS=3, SIGNIN_ADDRESS_ATTEMPTS=10,
                    SIGNIN_WINDOW_MINUTES=15, SIGNIN_LOCK_MINUTES=15)


def _later(monkeypatch, minutes: float) -> None:
    """The service's clock ``minutes`` ahead of now."""
    start = utcnow()
    monkeypatch.setattr(sign_in_service, "utcnow",
                        lambda: start + timedelta(minutes=minutes))


def test_each_failed_sign_in_is_logged_with_the_name_and_address_never_the_password(
        make_app, caplog):
    app = make_app(BEHIND_PROXY=True)
    make_user(app, "bob")
    client = app.test_client()
    proxied = {"X-Forwarded-For": "198.51.100.9, 203.0.113.7", "X-Forwarded-Proto": "http"}
    with caplog.at_level(logging.WARNING):
        _try(client, "bob", headers=proxied)
        _try(client, "nobody", PASSWORD, headers=proxied)
        _try(client, "bob\nforged line")
    lines = [r.getMessage() for r in caplog.records]
    # The address the proxy saw (one hop), not what the browser claimed before it.
    assert "failed sign-in for username 'bob' from 203.0.113.7 (wrong password)" in lines
    assert "failed sign-in for username 'nobody' from 203.0.113.7 (no such account)" in lines
    # A name cannot write a line of its own into the log.
    assert "failed sign-in for username 'bob\\nforged line' from 127.0.0.1 (no such account)" \
        in lines
    assert WRONG not in caplog.text and PASSWORD not in caplog.text
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        login(client, "bob")
    assert not caplog.records  # a sign-in that works is not a warning


def test_after_too_many_failures_even_the_right_password_waits(strict_app, caplog):
    make_user(strict_app, "bob")
    client = strict_app.test_client()
    for _attempt in range(2):
        response = _try(client, "bob")
        assert response.status_code == 400
        assert "Unknown username or wrong password." in response.get_data(as_text=True)
    with caplog.at_level(logging.WARNING):
        third = _try(client, "bob")
    # The failure that reaches the limit says so at once.
    assert third.status_code == 429 and _alert(third) == LOCKED_EN % 15
    assert 14 * 60 < int(third.headers["Retry-After"]) <= 15 * 60
    assert any(r.getMessage().startswith("sign-ins locked for username 'bob' until ")
               and r.getMessage().endswith("UTC: 3 failed within 15 minutes")
               for r in caplog.records)
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        right = _try(client, "bob", PASSWORD)
    assert right.status_code == 429 and _alert(right) == LOCKED_EN % 15
    assert client.get("/").status_code == 302  # not signed in
    assert re.fullmatch(r"sign-in refused for username 'bob' from 127\.0\.0\.1: too many "
                        r"failed sign-ins, locked until [0-9: -]+ UTC",
                        caplog.records[-1].getMessage())
    # Another person of the team, from another computer, is not held up.
    make_user(strict_app, "carol")
    other = strict_app.test_client()
    login(other, "carol")


def test_the_wait_ends_and_says_how_long_is_left(strict_app, monkeypatch):
    client = strict_app.test_client()
    make_user(strict_app, "bob")
    for _attempt in range(3):
        _try(client, "bob")
    _later(monkeypatch, 13.5)
    response = _try(client, "bob", PASSWORD)
    assert response.status_code == 429 and _alert(response) == LOCKED_EN.replace(
        "%s minutes", "2 minutes")
    _later(monkeypatch, 14.5)
    assert "Try again in 1 minute. If" in _alert(_try(client, "bob", PASSWORD))
    _later(monkeypatch, 15.5)
    login(client, "bob")


def test_failures_further_apart_than_the_window_do_not_add_up(strict_app, monkeypatch):
    client = strict_app.test_client()
    make_user(strict_app, "bob")
    _try(client, "bob")
    _try(client, "bob")
    _later(monkeypatch, 16)
    assert _try(client, "bob").status_code == 400  # the first of a new window
    assert _try(client, "bob").status_code == 400
    assert _try(client, "bob").status_code == 429


def test_the_lock_message_is_in_french_too(strict_app):
    client = strict_app.test_client()
    make_user(strict_app, "bob")
    post(client, "/language", {"lang": "fr"})
    for _attempt in range(3):
        response = _try(client, "bob")
    assert response.status_code == 429
    assert _alert(response) == (
        "Trop d'échecs de connexion avec ce nom d'utilisateur ou depuis cette adresse. "
        "Réessayez dans 15\u00a0minutes. Si vous avez oublié votre mot de passe, "
        "l'administrateur de ce serveur peut en définir un nouveau (npis-check user "
        "set-password), ce qui lève aussi cette attente.")


def test_an_unknown_username_is_answered_exactly_as_a_known_one(strict_app):
    """Counted, locked and answered alike: the page tells nobody which accounts exist."""
    make_user(strict_app, "bob")
    pages = {}
    for name in ("bob", "nobody"):
        client = strict_app.test_client()
        seen = [_try(client, name, environ_base={"REMOTE_ADDR": f"192.0.2.{len(pages) + 1}"})
                for _attempt in range(4)]
        pages[name] = [(r.status_code, _alert(r) or re.findall(r'class="error"[^>]*>([^<]*)',
                                                               r.get_data(as_text=True)))
                       for r in seen]
    assert pages["bob"] == pages["nobody"]
    assert [status for status, _said in pages["bob"]] == [400, 400, 429, 429]


def test_a_successful_sign_in_clears_the_count_of_its_username(strict_app):
    client = strict_app.test_client()
    make_user(strict_app, "bob")
    _try(client, "bob")
    _try(client, "bob")
    login(client, "bob")
    post(client, "/auth/logout")
    assert _try(client, "bob").status_code == 400
    assert _try(client, "bob").status_code == 400  # two again, not four
    with strict_app.app_context():
        user = db.session.scalar(select(User).where(User.username == "bob"))
        assert user.last_sign_in_at is not None
        assert abs(user.last_sign_in_at - utcnow()) < timedelta(minutes=5)


def test_too_many_failures_from_one_address_lock_that_address(make_app):
    """Guessing over many names from one address is slowed too; a sign-in with one's own
    account does not reset that count (it would, between every two guesses)."""
    app = make_app(SIGNIN_ACCOUNT_ATTEMPTS=5, SIGNIN_ADDRESS_ATTEMPTS=4)
    make_user(app, "mallory")
    make_user(app, "bob")
    guesser = app.test_client()
    for name in ("bob", "carol", "dave"):
        assert _try(guesser, name).status_code == 400
    login(guesser, "mallory")
    post(guesser, "/auth/logout")
    assert _try(guesser, "erin").status_code == 429
    assert _try(guesser, "bob", PASSWORD).status_code == 429
    # Mallory's own name, from a browser that never signed in with it, waits too (her own
    # browser is let through: test_a_browser_that_signed_in_before_passes_its_address_s_lock)
    assert _try(_client_at(app, "127.0.0.1"), "mallory", PASSWORD).status_code == 429
    # Bob, at another address, signs in.
    login(_client_at(app, "192.0.2.20"), "bob")


def test_a_limit_of_zero_turns_that_lock_off(make_app):
    app = make_app(SIGNIN_ACCOUNT_ATTEMPTS=0, SIGNIN_ADDRESS_ATTEMPTS=0)
    make_user(app, "bob")
    client = app.test_client()
    for _attempt in range(6):
        assert _try(client, "bob").status_code == 400
    login(client, "bob")


def test_the_counts_are_shared_by_several_worker_processes(make_app):
    """Each worker of a server is an app of its own on the same database: a guesser whose
    attempts are spread over them is counted once, not per worker."""
    workers = [make_app(SIGNIN_ACCOUNT_ATTEMPTS=3), make_app(SIGNIN_ACCOUNT_ATTEMPTS=3)]
    make_user(workers[0], "bob")
    statuses = [_try(workers[n % 2].test_client(), "bob").status_code for n in range(3)]
    assert statuses == [400, 400, 429]
    assert _try(workers[1].test_client(), "bob", PASSWORD).status_code == 429


def test_failures_made_at_the_same_moment_are_all_counted(make_app):
    """Sign-ins arriving together (threads of one server, or workers) each add one: none is
    lost between reading a count and writing it back."""
    import threading

    from checker.models import SignInFailures

    app = make_app(SIGNIN_ACCOUNT_ATTEMPTS=100, SIGNIN_ADDRESS_ATTEMPTS=100)
    clients = [app.test_client() for _n in range(8)]
    tokens = [csrf_token(client) for client in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def attempt(client, token) -> None:
        start.wait()
        statuses.append(client.post("/auth/login", data={
            "csrf_token": token, "username": "bob", "password": WRONG}).status_code)

    threads = [threading.Thread(target=attempt, args=pair)
               for pair in zip(clients, tokens, strict=True)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert statuses == [400] * len(clients)
    with app.app_context():
        counts = dict(db.session.execute(
            select(SignInFailures.scope, SignInFailures.failures)).all())
    assert counts == {"account": len(clients), "address": len(clients)}


def test_settings_come_from_the_environment_and_a_typo_keeps_the_default(monkeypatch, capsys,
                                                                         tmp_path):
    from checker.config import build_config

    monkeypatch.setenv("NPIS_SIGNIN_ATTEMPTS", "8")
    monkeypatch.setenv("NPIS_SIGNIN_ADDRESS_ATTEMPTS", "0")
    monkeypatch.setenv("NPIS_SIGNIN_WINDOW_MINUTES", "ten")
    monkeypatch.setenv("NPIS_SIGNIN_LOCK_MINUTES", "0")
    config = build_config({"DATA_DIR": str(tmp_path), "SECRET_KEY": "x"})
    assert (config["SIGNIN_ACCOUNT_ATTEMPTS"], config["SIGNIN_ADDRESS_ATTEMPTS"],
            config["SIGNIN_WINDOW_MINUTES"], config["SIGNIN_LOCK_MINUTES"]) == (8, 0, 15, 15)
    said = capsys.readouterr().err
    assert "NPIS_SIGNIN_WINDOW_MINUTES='ten' is not a whole number from 1 to 10080; using 15" \
        in said
    assert "NPIS_SIGNIN_LOCK_MINUTES='0' is not a whole number from 1 to 10080" in said
    for name in ("NPIS_SIGNIN_ATTEMPTS", "NPIS_SIGNIN_ADDRESS_ATTEMPTS",
                 "NPIS_SIGNIN_WINDOW_MINUTES", "NPIS_SIGNIN_LOCK_MINUTES"):
        monkeypatch.delenv(name)
    config = build_config({"DATA_DIR": str(tmp_path), "SECRET_KEY": "x"})
    assert (config["SIGNIN_ACCOUNT_ATTEMPTS"], config["SIGNIN_ADDRESS_ATTEMPTS"],
            config["SIGNIN_WINDOW_MINUTES"], config["SIGNIN_LOCK_MINUTES"]) == (5, 20, 15, 15)


# --- the administrator's commands --------------------------------------------------------------


def _lock(app, name: str, times: int = 5) -> None:
    """``times`` failed sign-ins of ``name`` (the default limit: locked), each from an
    address of its own (no address lock)."""
    for n in range(times):
        _try(_client_at(app, f"192.0.2.{100 + n}"), name)


def test_user_list_shows_the_last_sign_in_and_a_lock(cli_env, app, auth_client):
    make_user(app, "bob")
    _lock(app, "bob")
    for n in range(20):  # and an address
        _try(_client_at(app, "198.51.100.4"), f"guess{n}")
    result = cli_env.invoke(main, ["user", "list"])
    assert result.exit_code == 0, result.output
    alice, bob, address = result.stdout.splitlines()
    assert re.match(r"alice +created \d{4}-\d\d-\d\d  last sign-in \d{4}-\d\d-\d\d \d\d:\d\d "
                    r"UTC +0 assessments +active$", alice)
    assert re.match(r"bob +created \S+  no sign-in recorded +0 assessments +locked until "
                    r"\d{4}-\d\d-\d\d \d\d:\d\d UTC \(too many failed sign-ins; `npis-check "
                    r"user unlock bob` lifts it\)$", bob)
    assert re.match(r"address 198\.51\.100\.4 locked until \S+ \S+ UTC \(too many failed "
                    r"sign-ins from it; sign-ups, and sign-ins from browsers that never signed "
                    r"in with the name, are refused from there; `npis-check user unlock "
                    r"--address 198\.51\.100\.4` lifts it\)$", address)


def test_set_password_lifts_the_lock(cli_env, app):
    make_user(app, "bob")
    _lock(app, "bob")
    assert _try(app.test_client(), "bob", PASSWORD).status_code == 429
    result = cli_env.invoke(main, ["user", "set-password", "bob", "--password-stdin"],
                            input="a brand new password\n")
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "new password set for bob (its sign-in lock is lifted)"
    login(app.test_client(), "bob", "a brand new password")
    result = cli_env.invoke(main, ["user", "set-password", "bob", "--password-stdin"],
                            input="another new password\n")
    assert result.stdout.strip() == "new password set for bob"


def test_enable_lifts_the_lock(cli_env, app):
    make_user(app, "bob")
    _lock(app, "bob")
    result = cli_env.invoke(main, ["user", "enable", "bob"])
    assert result.exit_code == 0, result.output
    assert result.stdout.strip() == "bob was not disabled; its sign-in lock is lifted"
    login(app.test_client(), "bob")
    assert cli_env.invoke(main, ["user", "enable", "bob"]).stdout.strip() == \
        "bob was not disabled"


def test_unlock_lifts_a_username_s_or_an_address_s_lock(cli_env, app):
    make_user(app, "bob")
    _lock(app, "bob")
    result = cli_env.invoke(main, ["user", "unlock", "bob"])
    assert result.exit_code == 0 and result.stdout.strip() == "bob: sign-in lock lifted"
    login(app.test_client(), "bob")
    assert cli_env.invoke(main, ["user", "unlock", "bob"]).stdout.strip() == \
        "bob was not locked"
    for n in range(20):
        _try(_client_at(app, "198.51.100.4"), f"guess{n}")
    assert _try(_client_at(app, "198.51.100.4"), "bob", PASSWORD).status_code == 429
    result = cli_env.invoke(main, ["user", "unlock", "--address", "198.51.100.4"])
    assert result.stdout.strip() == "address 198.51.100.4: sign-in lock lifted"
    login(_client_at(app, "198.51.100.4"), "bob")
    result = cli_env.invoke(main, ["user", "unlock"])
    assert result.exit_code == 2 and "give a USERNAME or --address ADDRESS" in result.output
    result = cli_env.invoke(main, ["user", "unlock", "ghost"])
    assert result.exit_code == 1 and "no user 'ghost'" in result.output


# --- My account: the current password is counted as a sign-in --------------------------------

NEW = "a brand new password"
ACCOUNT_LOCKED_EN = (
    "Too many wrong passwords or failed sign-ins for this account or from this address. Try "
    "again in 15 minutes; signing in with this username waits as long. If you have forgotten "
    "your password, the administrator of this server can set a new one (npis-check user "
    "set-password), which also lifts this wait.")


def _change(client, current: str, new: str = NEW):
    return post(client, "/auth/account", {"current": current, "password": new, "confirm": new})


def _password_is(app, name: str, password: str) -> bool:
    from werkzeug.security import check_password_hash

    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == name))
        return check_password_hash(user.password_hash, password)


def test_wrong_current_passwords_on_my_account_are_counted_and_locked(strict_app, caplog):
    """A stolen session cannot try passwords on *My account* without end: each wrong one
    counts as a failed sign-in of the username (and address), with the same lock."""
    make_user(strict_app, "alice")
    session = strict_app.test_client()
    login(session, "alice")
    with caplog.at_level(logging.WARNING):
        for _attempt in range(2):
            response = _change(session, WRONG)
            assert response.status_code == 400
            assert "This is not your current password." in response.get_data(as_text=True)
        third = _change(session, WRONG)
    assert third.status_code == 429 and _alert(third) == ACCOUNT_LOCKED_EN
    assert 14 * 60 < int(third.headers["Retry-After"]) <= 15 * 60
    lines = [r.getMessage() for r in caplog.records]
    assert lines.count("failed password check on My account for username 'alice' from "
                       "127.0.0.1 (wrong password)") == 3
    assert WRONG not in caplog.text and PASSWORD not in caplog.text
    # Locked: even the right current password waits, and the password stays.
    caplog.clear()
    with caplog.at_level(logging.WARNING):
        right = _change(session, PASSWORD)
    assert right.status_code == 429 and _alert(right) == ACCOUNT_LOCKED_EN
    assert caplog.records[-1].getMessage().startswith(
        "password check on My account refused for username 'alice' from 127.0.0.1: too many "
        "failed sign-ins, locked until ")
    assert _password_is(strict_app, "alice", PASSWORD)
    # The same count as sign-in's: alice's sign-in from elsewhere waits as long.
    assert _try(_client_at(strict_app, "192.0.2.30"), "alice", PASSWORD).status_code == 429
    assert session.get("/auth/account").status_code == 200  # the session itself goes on


def test_sign_in_failures_lock_my_account_s_check_too_and_a_success_clears_them(strict_app,
                                                                               monkeypatch):
    make_user(strict_app, "alice")
    session = strict_app.test_client()
    login(session, "alice")
    assert _change(session, WRONG).status_code == 400
    assert _change(session, WRONG).status_code == 400
    assert _change(session, WRONG, "short").status_code == 400  # no guess spent
    assert _change(session, PASSWORD).status_code == 302  # right: the count cleared
    assert _password_is(strict_app, "alice", NEW)
    for _attempt in range(2):
        assert _try(_client_at(strict_app, "192.0.2.31"), "alice").status_code == 400
    assert _change(session, NEW, "yet another password").status_code == 302
    for _attempt in range(3):
        _try(_client_at(strict_app, "192.0.2.32"), "alice")
    assert _change(session, "yet another password", NEW).status_code == 429
    _later(monkeypatch, 15.5)
    assert _change(session, "yet another password", NEW).status_code == 302


def test_a_new_password_too_short_does_not_spend_a_guess(strict_app):
    make_user(strict_app, "alice")
    session = strict_app.test_client()
    login(session, "alice")
    for _attempt in range(5):
        response = _change(session, WRONG, "short")
        assert response.status_code == 400
        assert "Too short: at least 8 characters." in response.get_data(as_text=True)
    assert _change(session, WRONG).status_code == 400  # the first counted


def test_my_account_s_lock_message_is_in_french_too(strict_app):
    make_user(strict_app, "alice")
    session = strict_app.test_client()
    login(session, "alice")
    post(session, "/language", {"lang": "fr"})
    for _attempt in range(3):
        response = _change(session, WRONG)
    assert response.status_code == 429
    assert _alert(response) == (
        "Trop de mots de passe erronés ou d'échecs de connexion pour ce compte ou depuis cette "
        "adresse. Réessayez dans 15\u00a0minutes\u00a0; la connexion avec ce nom "
        "d'utilisateur attend aussi longtemps. Si vous avez oublié votre mot de passe, "
        "l'administrateur de ce serveur peut en définir un nouveau (npis-check user "
        "set-password), ce qui lève aussi cette attente.")


# --- open sign-up: refused sign-ups counted per address ---------------------------------------

SIGN_UP_LOCKED_EN = (
    "Too many refused sign-ups or failed sign-ins from this address. Try again in 15 minutes, "
    "or ask the administrator of this server to create your account (npis-check user create).")


def _sign_up(client, username: str, password: str = PASSWORD, confirm: str | None = None):
    return post(client, "/auth/signup", {"username": username, "password": password,
                                         "confirm": password if confirm is None else confirm})


def test_refused_sign_ups_count_against_the_address_not_the_username(strict_app, caplog):
    """Open sign-up must say a name is not available; each such answer costs the address one
    of its attempts, so it lists accounts no faster than guessing at sign-in."""
    make_user(strict_app, "bob")
    prober = strict_app.test_client()
    with caplog.at_level(logging.WARNING):
        taken = _sign_up(prober, "BOB")
        assert taken.status_code == 400
        page = taken.get_data(as_text=True)
        assert "This username is not available: choose another." in page
        assert "taken" not in page
        for n in range(8):
            assert _sign_up(prober, f"name{n}", "short").status_code == 400
        # A name no account can have is refused for its form, and not counted.
        assert _sign_up(prober, "b b").status_code == 400
        tenth = _sign_up(prober, "carol", PASSWORD, "other password")
    assert tenth.status_code == 429 and _alert(tenth) == SIGN_UP_LOCKED_EN
    assert 14 * 60 < int(tenth.headers["Retry-After"]) <= 15 * 60
    lines = [r.getMessage() for r in caplog.records]
    assert "refused sign-up for username 'BOB' from 127.0.0.1 (username taken)" in lines
    assert "refused sign-up for username 'name0' from 127.0.0.1 (form incomplete)" in lines
    assert not any("'b b'" in line for line in lines)
    assert PASSWORD not in caplog.text
    # Locked: no answer about a name, even a free one with a good form, and no account.
    assert _sign_up(prober, "dave").status_code == 429
    assert _sign_up(prober, "bob").status_code == 429
    assert _try(prober, "bob", PASSWORD).status_code == 429  # the address's one lock
    with strict_app.app_context():
        assert db.session.scalar(select(User).where(User.username == "dave")) is None
    # Bob himself is not locked by it, and another address signs up.
    login(_client_at(strict_app, "192.0.2.40"), "bob")
    assert _sign_up(_client_at(strict_app, "192.0.2.41"), "dave").status_code == 302


def test_failed_sign_ins_lock_sign_up_from_that_address_and_it_says_so_in_french(strict_app):
    client = strict_app.test_client()
    post(client, "/language", {"lang": "fr"})
    for n in range(10):
        _try(client, f"guess{n}")
    response = _sign_up(client, "erin")
    assert response.status_code == 429
    assert _alert(response) == (
        "Trop d'inscriptions refusées ou d'échecs de connexion depuis cette adresse. "
        "Réessayez dans 15\u00a0minutes, ou demandez à l'administrateur de ce serveur de "
        "créer votre compte (npis-check user create).")
    taken = _sign_up(_client_at(strict_app, "192.0.2.42"), "guess0", "short")
    assert "Ce nom d'utilisateur n'est pas disponible" not in taken.get_data(as_text=True)


def test_a_sign_up_that_works_is_not_counted(make_app):
    app = make_app(SIGNIN_ADDRESS_ATTEMPTS=2)
    for n in range(3):
        client = app.test_client()
        assert _sign_up(client, f"colleague{n}").status_code == 302
    assert _sign_up(app.test_client(), "colleague9", "short").status_code == 400


# --- one address for a whole team: a known browser passes the address's lock -----------------


def _lock_address(app, address: str = "127.0.0.1", times: int = 10) -> None:
    for n in range(times):
        _try(_client_at(app, address), f"guess{n}")


def test_a_browser_that_signed_in_before_passes_its_address_s_lock(strict_app, caplog):
    """Colleagues behind one hospital proxy: a guesser among them locks the address, but a
    browser that has signed in with a name before still signs in with it; every other
    browser there (the guesser's) waits."""
    make_user(strict_app, "alice")
    make_user(strict_app, "bob")
    alice = strict_app.test_client()
    login(alice, "alice")
    post(alice, "/auth/logout")
    _lock_address(strict_app)
    assert _try(strict_app.test_client(), "alice", PASSWORD).status_code == 429
    assert _try(strict_app.test_client(), "bob", PASSWORD).status_code == 429
    login(alice, "alice")
    post(alice, "/auth/logout")
    # Her browser does not know bob: he waits there (a guess at his name from it too).
    assert _try(alice, "bob", PASSWORD).status_code == 429
    # A wrong password from her browser is a failure like any other, counted.
    for _attempt in range(2):
        response = _try(alice, "alice")
        assert response.status_code == 400
        assert "Unknown username or wrong password." in response.get_data(as_text=True)
    assert _try(alice, "alice").status_code == 429  # her username's own lock holds
    assert _try(alice, "alice", PASSWORD).status_code == 429


def test_the_known_browser_cookie_names_nobody_and_cannot_be_forged(strict_app):
    from checker.services.sign_in import KNOWN_BROWSER_COOKIE

    make_user(strict_app, "alice")
    alice = strict_app.test_client()
    login(alice, "alice")
    cookie = alice.get_cookie(KNOWN_BROWSER_COOKIE)
    assert cookie is not None and cookie.http_only and "alice" not in cookie.value
    import base64
    payload = cookie.value.split(".")[0]
    assert b"alice" not in base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4))
    _lock_address(strict_app)
    for forged in (cookie.value[:-2] + "xx", "garbage", ""):
        other = strict_app.test_client()
        other.set_cookie(KNOWN_BROWSER_COOKIE, forged)
        assert _try(other, "alice", PASSWORD).status_code == 429
    copy = strict_app.test_client()
    copy.set_cookie(KNOWN_BROWSER_COOKIE, cookie.value)
    assert _try(copy, "alice", PASSWORD).status_code == 302


def test_a_ward_computer_remembers_several_colleagues(strict_app):
    names = [f"nurse{n}" for n in range(3)]
    ward = strict_app.test_client()
    for name in names:
        make_user(strict_app, name)
        login(ward, name)
        post(ward, "/auth/logout")
    _lock_address(strict_app)
    for name in names:
        login(ward, name)
        post(ward, "/auth/logout")


# --- a new password: the known-browser cookies issued before it vouch no more -----------------


def _with_cookie(app, cookie: str, address: str = "127.0.0.1"):
    """Another browser at ``address`` holding a copy of a known-browser cookie (a stolen
    laptop, a copied cookie)."""
    from checker.services.sign_in import KNOWN_BROWSER_COOKIE

    other = _client_at(app, address)
    other.set_cookie(KNOWN_BROWSER_COOKIE, cookie)
    return other


def _known_cookie(client) -> str:
    from checker.services.sign_in import KNOWN_BROWSER_COOKIE

    cookie = client.get_cookie(KNOWN_BROWSER_COOKIE)
    assert cookie is not None
    return cookie.value


def test_a_password_set_by_the_administrator_unvouches_the_browsers_known_before(
        cli_env, strict_app, caplog):
    """Someone saw alice's password, or her laptop was stolen: the administrator sets a new
    one. The browsers that knew her name before no longer pass the address's lock for it."""
    make_user(strict_app, "alice")
    laptop = strict_app.test_client()
    login(laptop, "alice")
    post(laptop, "/auth/logout")
    before = _known_cookie(laptop)
    _lock_address(strict_app)
    assert _try(_with_cookie(strict_app, before), "alice", PASSWORD).status_code == 302
    result = cli_env.invoke(main, ["user", "set-password", "alice", "--password-stdin"],
                            input=NEW + "\n")
    assert result.exit_code == 0, result.output
    with caplog.at_level(logging.WARNING):
        for password in (NEW, PASSWORD):
            assert _try(laptop, "alice", password).status_code == 429
            assert _try(_with_cookie(strict_app, before), "alice", password).status_code == 429
    assert "sign-in refused for username 'alice' from 127.0.0.1: too many failed sign-ins" \
        in caplog.text
    # Signed in with the new password (from another address), a browser is known again,
    # with a cookie that passes the lock.
    home = _client_at(strict_app, "192.0.2.60")
    login(home, "alice", NEW)
    assert _try(_with_cookie(strict_app, _known_cookie(home)), "alice", NEW).status_code == 302


def test_a_password_changed_on_my_account_unvouches_the_other_browsers(strict_app):
    """Changing one's own password: the browser where it was changed stays known (with the
    new password only), the others are not any more."""
    from checker.services import sign_in as service

    make_user(strict_app, "alice")
    ward, office = strict_app.test_client(), strict_app.test_client()
    login(ward, "alice")
    post(ward, "/auth/logout")
    login(office, "alice")
    ward_cookie = _known_cookie(ward)
    # A change refused (wrong current password) changes nothing.
    assert _change(office, WRONG).status_code == 400
    with strict_app.test_request_context():
        assert service._known_marks(_known_cookie(office)) == service._known_marks(ward_cookie)
    assert _change(office, PASSWORD).status_code == 302
    office_cookie = _known_cookie(office)
    with strict_app.test_request_context():
        assert len(service._known_marks(office_cookie)) == 1  # the useless mark dropped
    post(office, "/auth/logout")
    _lock_address(strict_app)
    assert _try(_with_cookie(strict_app, ward_cookie), "alice", NEW).status_code == 429
    assert _try(_with_cookie(strict_app, office_cookie), "alice", NEW).status_code == 302
    assert _try(office, "alice", NEW).status_code == 302


def test_a_known_browser_cookie_of_another_name_or_of_nobody_vouches_for_nothing(strict_app):
    make_user(strict_app, "alice")
    make_user(strict_app, "bob")
    alice = strict_app.test_client()
    login(alice, "alice")
    cookie = _known_cookie(alice)
    with strict_app.test_request_context():
        assert service_knows(cookie, "alice") and service_knows(cookie, " ALICE ")
        assert not service_knows(cookie, "bob")
        assert not service_knows(cookie, "nobody")
        assert not service_knows(cookie, "x" * 300)
        assert not service_knows(None, "alice") and not service_knows("", "alice")
        # A cookie signed here whose list holds odd items (another version's, say).
        odd = sign_in_service._serializer().dumps(["é", 5, None, {"a": 1}])
        assert not service_knows(odd, "alice")
        assert not service_knows(sign_in_service._serializer().dumps({"a": 1}), "alice")


def service_knows(cookie, name: str) -> bool:
    return sign_in_service.knows_browser(cookie, name)


# --- open sign-up: the accounts created from one address are limited --------------------------

CREATED_EN = ("Too many accounts have been created from this address. Try again in %s, or ask "
              "the administrator of this server to create your account (npis-check user "
              "create).")
CREATED_FR = ("Trop de comptes ont été créés depuis cette adresse. Réessayez dans %s, ou "
              "demandez à l'administrateur de ce serveur de créer votre compte (npis-check user "
              "create).")


@pytest.fixture
def sign_up_app(make_app):
    """Three accounts per address within 24 hours."""
    return make_app(SIGNUP_ADDRESS_ACCOUNTS=3, SIGNUP_WINDOW_HOURS=24)


def _users(app) -> list[str]:
    with app.app_context():
        return sorted(db.session.scalars(select(User.username)))


def test_too_many_accounts_created_from_one_address_make_sign_up_wait(sign_up_app, caplog,
                                                                       monkeypatch):
    with caplog.at_level(logging.INFO):
        for n in range(3):
            assert _sign_up(sign_up_app.test_client(), f"colleague{n}").status_code == 302
        fourth = _sign_up(sign_up_app.test_client(), "colleague3")
    assert fourth.status_code == 429 and _alert(fourth) == CREATED_EN % "24 hours"
    assert 23 * 3600 < int(fourth.headers["Retry-After"]) <= 24 * 3600
    assert _users(sign_up_app) == ["colleague0", "colleague1", "colleague2"]
    lines = [r.getMessage() for r in caplog.records]
    assert "account 'colleague0' created by sign-up from 127.0.0.1" in lines
    assert any(re.fullmatch(r"sign-ups locked for address 127\.0\.0\.1 until \S+ \S+ UTC: 3 "
                            r"accounts created within 24 hours", line) for line in lines)
    # A refused form and a taken name say nothing about names while it waits.
    assert _sign_up(sign_up_app.test_client(), "colleague0").status_code == 429
    assert _sign_up(sign_up_app.test_client(), "x", "short").status_code == 429
    # Signing in from there is not held up, nor signing up from another address.
    login(sign_up_app.test_client(), "colleague0")
    assert _sign_up(_client_at(sign_up_app, "192.0.2.70"), "visitor").status_code == 302
    # The wait ends after the hours set.
    _later(monkeypatch, 24 * 60 + 1)
    assert _sign_up(sign_up_app.test_client(), "colleague3").status_code == 302


def test_the_sign_up_wait_is_said_in_minutes_when_short_and_in_french(make_app):
    app = make_app(SIGNUP_ADDRESS_ACCOUNTS=1, SIGNUP_WINDOW_HOURS=1)
    assert _sign_up(app.test_client(), "first").status_code == 302
    response = _sign_up(app.test_client(), "second")
    assert response.status_code == 429 and _alert(response) == CREATED_EN % "60 minutes"
    french = app.test_client()
    post(french, "/language", {"lang": "fr"})
    response = _sign_up(french, "second")
    assert response.status_code == 429
    assert _alert(response) == CREATED_FR % "60\u00a0minutes"
    day = make_app(SIGNUP_ADDRESS_ACCOUNTS=1, SIGNUP_WINDOW_HOURS=3)
    client = _client_at(day, "192.0.2.71")
    post(client, "/language", {"lang": "fr"})
    assert _sign_up(client, "third").status_code == 302
    response = _sign_up(client, "fourth")
    assert response.status_code == 429 and "Réessayez dans 3\u00a0heures" in _alert(response)


def test_refused_sign_ups_do_not_use_up_the_accounts_and_zero_lifts_the_limit(make_app):
    app = make_app(SIGNUP_ADDRESS_ACCOUNTS=1)
    for _refused in range(3):
        assert _sign_up(app.test_client(), "carol", "short").status_code == 400
    assert _sign_up(app.test_client(), "carol").status_code == 302
    assert _sign_up(app.test_client(), "dave").status_code == 429
    unlimited = make_app(SIGNUP_ADDRESS_ACCOUNTS=0)
    for n in range(12):
        assert _sign_up(_client_at(unlimited, "192.0.2.72"), f"member{n}").status_code == 302


def test_user_list_shows_a_sign_up_lock_and_unlock_lifts_it(cli_env, app, monkeypatch):
    monkeypatch.setitem(app.config, "SIGNUP_ADDRESS_ACCOUNTS", 2)
    for n in range(2):
        assert _sign_up(_client_at(app, "198.51.100.9"), f"intern{n}").status_code == 302
    assert _sign_up(_client_at(app, "198.51.100.9"), "intern2").status_code == 429
    monkeypatch.setenv("NPIS_SIGNUP_ADDRESS_ACCOUNTS", "2")
    result = cli_env.invoke(main, ["user", "list"])
    assert result.exit_code == 0, result.output
    assert re.search(r"^address 198\.51\.100\.9: sign-ups refused until \S+ \S+ UTC \(2 "
                     r"accounts created from it within 24 hours; `npis-check user unlock "
                     r"--address 198\.51\.100\.9` lifts it\)$", result.stdout, re.M)
    result = cli_env.invoke(main, ["user", "unlock", "--address", "198.51.100.9"])
    assert result.stdout.strip() == "address 198.51.100.9: sign-in lock lifted"
    assert _sign_up(_client_at(app, "198.51.100.9"), "intern2").status_code == 302


def _sign_up_count(app, address: str = "127.0.0.1") -> tuple[int, object]:
    """The address's row of accounts created: its count and its lock's end."""
    from checker.models import SignInFailures

    with app.app_context():
        row = db.session.execute(select(SignInFailures.failures, SignInFailures.locked_until)
                                 .where(SignInFailures.scope == "sign-up",
                                        SignInFailures.key == address)).one_or_none()
    return (row[0], row[1]) if row else (0, None)


def test_sign_ups_made_at_the_same_moment_cannot_pass_the_limit(sign_up_app, make_app,
                                                               monkeypatch, caplog):
    """Two sign-ups arrive together, at two workers of the server, with one account left:
    both pass the page's check before either is made. Here one after the other: the second's
    check, then the whole of the first (at the other worker, its own database session), then
    the rest of the second. The first takes the last account; the second, counted in the
    transaction that would create it, finds the address locked: no account, and the page
    says so as it does once the limit is known."""
    from checker.blueprints import auth

    other_worker = make_app(SIGNUP_ADDRESS_ACCOUNTS=3, SIGNUP_WINDOW_HOURS=24)
    for n in range(2):
        assert _sign_up(sign_up_app.test_client(), f"colleague{n}").status_code == 302
    checked = auth.sign_up_lock
    first: list[int] = []
    calls: list[str] = []

    def check_then_the_other_sign_up(address):
        result = checked(address)  # not locked yet
        calls.append(address)
        if len(calls) == 1:  # the second sign-up's check: the first one is made now, whole
            first.append(_sign_up(other_worker.test_client(), "colleague2").status_code)
        return result

    monkeypatch.setattr(auth, "sign_up_lock", check_then_the_other_sign_up)
    with caplog.at_level(logging.INFO):
        second = _sign_up(sign_up_app.test_client(), "colleague3")
    assert first == [302]
    assert second.status_code == 429 and _alert(second) == CREATED_EN % "24 hours"
    assert 23 * 3600 < int(second.headers["Retry-After"]) <= 24 * 3600
    assert _users(sign_up_app) == ["colleague0", "colleague1", "colleague2"]
    count, locked_until = _sign_up_count(sign_up_app)
    assert count == 0 and locked_until is not None  # the refused one left nothing counted
    assert "refused sign-up for username 'colleague3' from 127.0.0.1 (too many accounts " \
           "created, made at the same moment)" in [r.getMessage() for r in caplog.records]
    # Nobody is signed in by the refused form.
    assert second.headers.get("Location") is None


def test_sign_ups_sent_together_by_threads_make_no_more_accounts_than_the_limit(sign_up_app):
    """The same, with real sign-ups at once (threads of one server): whatever their order,
    exactly the limit's number of accounts is made, and the others are refused."""
    import threading

    clients = [sign_up_app.test_client() for _n in range(8)]
    tokens = [csrf_token(client, "/auth/signup") for client in clients]
    start = threading.Barrier(len(clients))
    statuses: list[int] = []

    def attempt(n: int) -> None:
        start.wait()
        statuses.append(clients[n].post("/auth/signup", data={
            "csrf_token": tokens[n], "username": f"colleague{n}", "password": PASSWORD,
            "confirm": PASSWORD}).status_code)

    threads = [threading.Thread(target=attempt, args=(n,)) for n in range(len(clients))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(statuses) == [302] * 3 + [429] * 5
    assert len(_users(sign_up_app)) == 3


def test_a_sign_up_refused_at_the_same_moment_is_said_in_french(make_app, monkeypatch):
    """The page's check saw no lock (as before another sign-up took the last account): the
    refusal is the page's usual one, in French too."""
    from checker.blueprints import auth
    from checker.services.sign_in import SignInResult

    app = make_app(SIGNUP_ADDRESS_ACCOUNTS=1, SIGNUP_WINDOW_HOURS=1)
    assert _sign_up(app.test_client(), "first").status_code == 302
    monkeypatch.setattr(auth, "sign_up_lock", lambda address: SignInResult(None))
    french = app.test_client()
    post(french, "/language", {"lang": "fr"})
    response = _sign_up(french, "second")
    assert response.status_code == 429
    assert _alert(response) == CREATED_FR % "60\u00a0minutes"
    assert _users(app) == ["first"]


def test_a_sign_up_counts_only_once_its_account_is_made(sign_up_app, monkeypatch):
    """The count and the account are one transaction: an account the database refuses
    after it was counted (two sign-ups with one name at the same moment, the name free when
    each checked it) leaves the address's count as it was."""
    from sqlalchemy.exc import IntegrityError

    from checker.services import accounts

    assert _sign_up(sign_up_app.test_client(), "colleague0").status_code == 302
    assert _sign_up_count(sign_up_app)[0] == 1
    monkeypatch.setattr(accounts, "username_taken", lambda username: False)
    with sign_up_app.app_context(), pytest.raises(IntegrityError):
        sign_in_service.sign_up("colleague0", PASSWORD, "127.0.0.1")
    monkeypatch.undo()
    assert _sign_up_count(sign_up_app)[0] == 1
    assert _sign_up(sign_up_app.test_client(), "colleague1").status_code == 302
    assert _sign_up_count(sign_up_app)[0] == 2


def test_a_name_taken_at_the_same_moment_is_refused_as_a_taken_name_not_a_crash(
        sign_up_app, monkeypatch):
    """Two sign-ups with one name at the same moment: both checks found it free, the unique
    index refuses the second account. The second person is told the name is not available,
    as if it had been taken before (the form again, not an error page), and nothing is counted."""
    from checker.services import accounts

    assert _sign_up(sign_up_app.test_client(), "colleague0").status_code == 302
    real_taken = accounts.username_taken
    checks: list[str] = []

    def stale_first_check(username: str) -> bool:
        # The first check ran before the other sign-up committed; the second after.
        checks.append(username)
        return False if len(checks) == 1 else real_taken(username)

    monkeypatch.setattr(accounts, "username_taken", stale_first_check)
    response = _sign_up(sign_up_app.test_client(), "colleague0")
    monkeypatch.undo()
    assert response.status_code == 400  # as for a name taken before
    assert "This username is not available: choose another." in response.get_data(as_text=True)
    assert len(checks) == 2
    assert _sign_up_count(sign_up_app)[0] == 1
    assert _users(sign_up_app) == ["colleague0"]


def test_sign_up_limits_come_from_the_environment_and_a_typo_keeps_the_default(
        monkeypatch, capsys, tmp_path):
    from checker.config import build_config

    monkeypatch.setenv("NPIS_SIGNUP_ADDRESS_ACCOUNTS", "3")
    monkeypatch.setenv("NPIS_SIGNUP_WINDOW_HOURS", "48")
    config = build_config({"DATA_DIR": str(tmp_path), "SECRET_KEY": "x"})
    assert (config["SIGNUP_ADDRESS_ACCOUNTS"], config["SIGNUP_WINDOW_HOURS"]) == (3, 48)
    monkeypatch.setenv("NPIS_SIGNUP_ADDRESS_ACCOUNTS", "-1")
    monkeypatch.setenv("NPIS_SIGNUP_WINDOW_HOURS", "0")
    config = build_config({"DATA_DIR": str(tmp_path), "SECRET_KEY": "x"})
    assert (config["SIGNUP_ADDRESS_ACCOUNTS"], config["SIGNUP_WINDOW_HOURS"]) == (10, 24)
    said = capsys.readouterr().err
    assert "NPIS_SIGNUP_ADDRESS_ACCOUNTS='-1' is not a whole number from 0 to 100000; using " \
           "10" in said
    assert "NPIS_SIGNUP_WINDOW_HOURS='0' is not a whole number from 1 to 720; using 24" in said
