"""Running it for a team: accounts from the command line (list, set-password, disable,
enable), closed sign-up, one's own password, which database a command uses, unsupported
databases, one message per import problem, the disabled-accounts migration."""

from __future__ import annotations

import json
import re

import pytest
from conftest import PASSWORD, create_assessment, csrf_token, login, make_user, post
from sqlalchemy import select
from werkzeug.security import check_password_hash

from checker.cli import main
from checker.extensions import db
from checker.models import Assessment, User

NEW = "a brand new password"
CSRF_VALUE = re.compile(r'(?<=name="csrf_token" value=")[^"]+|(?<=id="csrf_token" '
                        r'name="csrf_token" type="hidden" value=")[^"]+')


def _user(app, name: str) -> User:
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == name))
        db.session.expunge(user)
        return user


def _login_status(client, name: str, password: str) -> tuple[int, str]:
    response = post(client, "/auth/login", {"username": name, "password": password})
    return response.status_code, response.get_data(as_text=True)


# --- user create: the name first -------------------------------------------------------------


def test_user_create_refuses_a_bad_or_taken_name_before_asking_for_a_password(cli_env, user):
    for name, message in (("ab", "3 to 64"),
                          ("ALICE", "This username is not available: choose another.")):
        result = cli_env.invoke(main, ["user", "create", name], input="")
        assert result.exit_code == 1
        assert f"error: username: {message}" in result.output
        assert "Password" not in result.output  # never asked


def test_user_create_reads_the_password_from_stdin_or_asks_twice(cli_env, client):
    result = cli_env.invoke(main, ["user", "create", "carol", "--password-stdin"],
                            input=PASSWORD + "\n")
    assert result.exit_code == 0 and "created user carol" in result.output
    login(client, "carol")
    result = cli_env.invoke(main, ["user", "create", "dave"], input=f"{PASSWORD}\n{PASSWORD}\n")
    assert result.exit_code == 0, result.output
    assert result.output.count("Password") == 1 and "Repeat for confirmation" in result.output
    result = cli_env.invoke(main, ["user", "create", "erin", "--password-stdin"], input="short\n")
    assert result.exit_code == 1
    assert "error: password: Too short: at least 8 characters." in result.output
    result = cli_env.invoke(main, ["user", "create", "erin", "--password-stdin"], input="")
    assert result.exit_code == 1 and "nothing on standard input" in result.output
    result = cli_env.invoke(main, ["user", "create", "erin", "--password", PASSWORD,
                                   "--password-stdin"])
    assert result.exit_code == 2 and "not both" in result.output


# --- user list -------------------------------------------------------------------------------


def test_user_list_names_every_account_with_its_status_and_assessments(cli_env, auth_client,
                                                                       app):
    make_user(app, "bob")
    create_assessment(auth_client)
    result = cli_env.invoke(main, ["user", "disable", "bob"])
    assert result.exit_code == 0
    result = cli_env.invoke(main, ["user", "list"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert [line.split()[0] for line in lines] == ["alice", "bob"]
    assert "1 assessment " in lines[0] and lines[0].rstrip().endswith("active")
    assert "0 assessments" in lines[1] and "disabled since" in lines[1]


def test_user_list_without_accounts_says_how_to_create_one(cli_env):
    result = cli_env.invoke(main, ["user", "list"])
    assert result.exit_code == 0 and "npis-check user create" in result.stdout


# --- user set-password -----------------------------------------------------------------------


def test_set_password_asks_twice_and_the_new_one_signs_in(cli_env, app, user):
    result = cli_env.invoke(main, ["user", "set-password", "alice"], input=f"{NEW}\n{NEW}\n")
    assert result.exit_code == 0, result.output
    assert "Repeat for confirmation" in result.output and "new password set for alice" in \
        result.output
    client = app.test_client()
    assert _login_status(client, "alice", PASSWORD)[0] == 400
    assert _login_status(client, "alice", NEW)[0] == 302


def test_set_password_from_stdin_and_its_refusals(cli_env, app, user):
    result = cli_env.invoke(main, ["user", "set-password", "alice", "--password-stdin"],
                            input=NEW + "\n")
    assert result.exit_code == 0, result.output
    assert check_password_hash(_user(app, "alice").password_hash, NEW)
    result = cli_env.invoke(main, ["user", "set-password", "alice", "--password-stdin"],
                            input="short\n")
    assert result.exit_code == 1 and "Too short: at least 8 characters" in result.output
    assert check_password_hash(_user(app, "alice").password_hash, NEW)  # unchanged
    result = cli_env.invoke(main, ["user", "set-password", "ghost"], input="")
    assert result.exit_code == 1 and "no user 'ghost'" in result.output
    assert "Password" not in result.output  # the name is checked first


def test_the_demo_account_cannot_be_given_a_password(cli_env, app):
    from checker.services.demo_reports import demo_owner

    with app.app_context():
        demo_owner()
    result = cli_env.invoke(main, ["user", "set-password", "(demo)", "--password-stdin"],
                            input=NEW + "\n")
    assert result.exit_code == 1 and "built-in" in result.output
    assert _user(app, "(demo)").password_hash == "!"
    assert "built-in" in cli_env.invoke(main, ["user", "list"]).stdout


# --- user disable / enable -------------------------------------------------------------------


def test_a_disabled_user_cannot_sign_in_and_keeps_their_data(cli_env, app, auth_client):
    uid = create_assessment(auth_client)
    result = cli_env.invoke(main, ["user", "disable", "alice"])
    assert result.exit_code == 0 and "disabled alice" in result.output
    # The session they had ends.
    response = auth_client.get("/")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    # The sign-in page says what it says to a wrong password, nothing more.
    client = app.test_client()
    disabled_status, disabled_page = _login_status(client, "alice", PASSWORD)
    wrong_status, wrong_page = _login_status(client, "alice", "not the password")
    unknown_status, unknown_page = _login_status(client, "nobody", PASSWORD)
    assert disabled_status == wrong_status == unknown_status == 400
    assert "Unknown username or wrong password." in disabled_page
    pages = [CSRF_VALUE.sub("", page) for page in (disabled_page, wrong_page,
                                                    unknown_page.replace("nobody", "alice"))]
    assert pages[0] == pages[1] == pages[2]
    with app.app_context():
        assert db.session.scalar(select(Assessment).where(Assessment.uid == uid)) is not None
    assert "already disabled" in cli_env.invoke(main, ["user", "disable", "alice"]).output

    result = cli_env.invoke(main, ["user", "enable", "alice"])
    assert result.exit_code == 0 and "enabled alice" in result.output
    login(client, "alice")
    assert uid in client.get("/").get_data(as_text=True)
    assert "was not disabled" in cli_env.invoke(main, ["user", "enable", "alice"]).output
    result = cli_env.invoke(main, ["user", "disable", "ghost"])
    assert result.exit_code == 1 and "no user 'ghost'" in result.output


# --- closed sign-up --------------------------------------------------------------------------


def test_closed_sign_up_says_who_creates_accounts_and_refuses_posts(make_app, monkeypatch):
    monkeypatch.setenv("NPIS_SIGNUP", "closed")
    app = make_app()
    client = app.test_client()
    page = client.get("/auth/signup")
    assert page.status_code == 200
    body = page.get_data(as_text=True)
    assert "accounts are created by its administrator" in body and 'name="password"' not in body
    token = csrf_token(client)
    response = client.post("/auth/signup", data={"csrf_token": token, "username": "mallory",
                                                 "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 403
    with app.app_context():
        assert db.session.scalar(select(User)) is None
    login_page = client.get("/auth/login").get_data(as_text=True)
    assert "/auth/signup" not in login_page
    assert "Accounts are created by the administrator of this server." in login_page
    french = client.get("/auth/signup", headers={"Accept-Language": "fr"}).get_data(as_text=True)
    assert "L'inscription est fermée sur ce serveur\u00a0: les comptes" in french


def test_sign_up_is_open_by_default_and_an_odd_setting_closes_it(make_app, monkeypatch,
                                                                 capsys):
    monkeypatch.delenv("NPIS_SIGNUP", raising=False)
    assert make_app().config["SIGNUP_OPEN"] is True
    monkeypatch.setenv("NPIS_SIGNUP", "Open")
    assert make_app().config["SIGNUP_OPEN"] is True
    monkeypatch.setenv("NPIS_SIGNUP", "close")
    app = make_app()
    assert app.config["SIGNUP_OPEN"] is False
    assert "NPIS_SIGNUP='close' is neither 'open' nor 'closed'" in capsys.readouterr().err
    assert 'href="/auth/signup"' not in app.test_client().get("/auth/login").get_data(
        as_text=True)  # neither the header's link nor the page's


# --- one's own password ----------------------------------------------------------------------


def test_account_page_changes_ones_own_password(app, auth_client):
    page = auth_client.get("/auth/account")
    assert page.status_code == 200 and "alice" in page.get_data(as_text=True)
    assert 'href="/auth/account"' in auth_client.get("/").get_data(as_text=True)
    response = post(auth_client, "/auth/account",
                    {"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert response.status_code == 302
    assert "Your password is changed." in auth_client.get("/auth/account").get_data(as_text=True)
    client = app.test_client()
    assert _login_status(client, "alice", PASSWORD)[0] == 400
    assert _login_status(client, "alice", NEW)[0] == 302


@pytest.mark.parametrize(("data", "message"), [
    ({"current": "not it at all", "password": NEW, "confirm": NEW},
     "This is not your current password."),
    ({"current": PASSWORD, "password": "short", "confirm": "short"},
     "Too short: at least 8 characters."),
    ({"current": PASSWORD, "password": NEW, "confirm": NEW + "x"}, "The passwords differ."),
    ({"current": "", "password": NEW, "confirm": NEW}, "This field is required."),
])
def test_account_page_refuses_and_keeps_the_password(app, auth_client, data, message):
    response = post(auth_client, "/auth/account", data)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert check_password_hash(_user(app, "alice").password_hash, PASSWORD)


def test_account_page_needs_sign_in_and_csrf_and_speaks_french(app, client, auth_client):
    response = client.get("/auth/account")
    assert response.status_code == 302 and "/auth/login" in response.headers["Location"]
    response = auth_client.post("/auth/account",
                                data={"current": PASSWORD, "password": NEW, "confirm": NEW})
    assert response.status_code == 400
    assert check_password_hash(_user(app, "alice").password_hash, PASSWORD)
    french = auth_client.get("/auth/account", headers={"Accept-Language": "fr"})
    body = french.get_data(as_text=True)
    assert "Mon compte" in body and "Mot de passe actuel" in body
    assert "Nom d'utilisateur\u00a0:" in body or "Nom d’utilisateur\u00a0:" in body


# --- which database, and which are supported ------------------------------------------------


def test_a_data_command_says_which_database_it_uses(tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    result = CliRunner().invoke(main, ["user", "list"])
    assert result.exit_code == 0, result.output
    assert f"database: sqlite:///{tmp_path / 'npis-checker.db'}" in result.stderr
    assert "DATABASE_URL is not set" in result.stderr
    assert "database:" not in result.stdout


def test_the_database_line_hides_the_password(tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", "postgresql://marc:s3cret@127.0.0.1:1/npis")
    result = CliRunner().invoke(main, ["user", "list"])
    assert result.exit_code == 1 and "cannot use the database" in result.output
    assert "database: postgresql+psycopg://marc:***@127.0.0.1:1/npis (DATABASE_URL)" in \
        result.stderr
    assert "s3cret" not in result.output


def test_the_database_line_names_the_test_database_under_database_url(cli_env, user):
    result = cli_env.invoke(main, ["user", "list"])
    assert result.exit_code == 0
    assert result.stderr.startswith("database: ") and "(DATABASE_URL)" in result.stderr


def test_commands_without_data_say_nothing_of_a_database(tmp_path, monkeypatch):
    from click.testing import CliRunner

    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    result = CliRunner().invoke(main, ["catalogue", "list"])
    assert result.exit_code == 0 and "database:" not in result.output


@pytest.mark.parametrize("url", ["mysql://root:s3cret@localhost/npis",
                                 "mysql+pymysql://root@localhost/npis",
                                 "oracle://scott:tiger@db", "not a url"])
def test_an_unsupported_database_is_one_clear_line(tmp_path, monkeypatch, url):
    from click.testing import CliRunner

    monkeypatch.setenv("NPIS_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("DATABASE_URL", url)
    for command in (["user", "list"], ["db", "upgrade"], ["serve", "--port", "1"]):
        result = CliRunner().invoke(main, command)
        assert result.exit_code == 1, (command, result.output)
        assert "SQLite" in result.output and "PostgreSQL" in result.output
        assert "Traceback" not in result.output and "s3cret" not in result.output
        assert not isinstance(result.exception, ModuleNotFoundError)
    assert not (tmp_path / "npis-checker.db").exists()


def test_create_app_refuses_an_unsupported_database(tmp_path):
    from checker.app import create_app
    from checker.config import ConfigError

    with pytest.raises(ConfigError, match="SQLite.*PostgreSQL"):
        create_app({"DATA_DIR": str(tmp_path), "SECRET_KEY": "k",
                    "SQLALCHEMY_DATABASE_URI": "mysql://localhost/npis"})


# --- import: each problem once ---------------------------------------------------------------


def test_import_says_each_problem_once(cli_env, user, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"format": "npis-checker-assessment", "format_version": 1,
                               "assessment": {"title": "t", "document_kind": None},
                               "catalogue": {}}), encoding="utf-8")
    result = cli_env.invoke(main, ["import", str(bad), "--user", "alice"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error:")]
    assert len(errors) == len(set(errors)) > 3
    assert "error: assessment.document_kind: expected a string, got null" in errors
    assert "error: assessment.domain: missing" in errors


def test_an_unknown_name_costs_a_password_check_as_a_wrong_password_does(app, monkeypatch):
    """Signing in with an unknown name checks the password against a hash too: answering it
    without one would be faster, and tell by the time taken which accounts exist."""
    from checker.services import accounts

    make_user(app, "known-user")
    checked: list[str] = []
    real = accounts.check_password_hash

    def counted(pwhash: str, password: str) -> bool:
        checked.append(pwhash.split("$", 1)[0])
        return real(pwhash, password)

    monkeypatch.setattr(accounts, "check_password_hash", counted)
    with app.app_context():
        assert accounts.authenticate("known-user", "a wrong password") is None
        assert accounts.authenticate("nobody-here", "a wrong password") is None
        assert accounts.authenticate("nobody-here", "") is None
        assert accounts.authenticate("known-user", PASSWORD) is not None
    assert len(checked) == 4
    assert len(set(checked)) == 1  # the same method and cost for every name
