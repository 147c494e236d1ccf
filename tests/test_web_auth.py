"""Accounts: sign up, log in, log out, hashing, CSRF, access control."""

from __future__ import annotations

import re

from conftest import PASSWORD, csrf_token, login, make_user, post
from sqlalchemy import select

from checker.extensions import db
from checker.models import User


def test_signup_logs_in_and_hashes_password(app, client):
    response = post(client, "/auth/signup",
                    {"username": "bob", "password": PASSWORD, "confirm": PASSWORD})
    assert response.status_code == 302
    assert client.get("/").status_code == 200  # logged in: the list, not a redirect
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username == "bob"))
        assert user is not None
        assert PASSWORD not in user.password_hash
        assert user.password_hash.startswith(("scrypt:", "pbkdf2:"))


def test_signup_refuses_taken_name_bad_name_short_and_mismatched_password(app, client):
    make_user(app, "bob")
    cases = [
        ({"username": "bob", "password": PASSWORD, "confirm": PASSWORD}, "not available"),
        ({"username": "b b", "password": PASSWORD, "confirm": PASSWORD}, "3 to 64"),
        ({"username": "carol", "password": "short", "confirm": "short"}, "Too short"),
        ({"username": "carol", "password": PASSWORD, "confirm": "other pass"}, "differ"),
    ]
    for data, message in cases:
        response = post(client, "/auth/signup", data)
        assert response.status_code == 400
        assert message in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == "carol")) is None


def test_login_wrong_password_and_unknown_user_same_message(app, client):
    make_user(app, "bob")
    for name, password in (("bob", "wrong password"), ("nobody", PASSWORD)):
        response = post(client, "/auth/login", {"username": name, "password": password})
        assert response.status_code == 400
        assert "Unknown username or wrong password" in response.get_data(as_text=True)
    assert client.get("/").status_code == 302


def test_login_then_logout(app, client):
    make_user(app, "bob")
    login(client, "bob")
    assert client.get("/").status_code == 200
    assert client.get("/auth/logout").status_code == 405  # logging out needs a POST form
    response = post(client, "/auth/logout")
    assert response.status_code == 302
    assert client.get("/").headers["Location"].endswith("/auth/login")


def test_login_next_is_kept_only_for_local_paths(app, client):
    make_user(app, "bob")
    token = csrf_token(client)
    response = client.post("/auth/login?next=https://evil.example/x",
                           data={"csrf_token": token, "username": "bob", "password": PASSWORD})
    assert response.headers["Location"] == "/"


def test_protected_pages_redirect_to_login(client):
    for path in ("/assessments/new", "/assessments/import", "/assessments/abc",
                 "/assessments/abc/results"):
        response = client.get(path)
        assert response.status_code == 302
        assert "/auth/login" in response.headers["Location"]


def test_missing_csrf_token_is_refused_with_a_message(app, client):
    make_user(app, "bob")
    response = client.post("/auth/login", data={"username": "bob", "password": PASSWORD})
    assert response.status_code == 400
    assert "security token" in response.get_data(as_text=True)
    response = client.post("/auth/signup", data={"username": "x1234", "password": PASSWORD,
                                                 "confirm": PASSWORD, "csrf_token": "forged"})
    assert response.status_code == 400


def test_signup_says_every_problem_at_once_and_names_differ_by_more_than_case(app, client):
    token = csrf_token(client, "/auth/signup")
    response = client.post("/auth/signup", data={"csrf_token": token, "username": "al ice/é",
                                                 "password": "short", "confirm": "other"})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "The passwords differ." in page and "Too short: at least 8 characters." in page
    assert "3 to 64 letters" in page
    # The summary names each field once, before its message (not "Password: Password: …").
    assert "Password: at least" not in page and "Username: 3 to 64" not in page
    assert re.search(r'href="#password">Password</a>: Too short: at least 8 characters\.', page)
    make_user(app, "alice")
    taken = client.post("/auth/signup", data={"csrf_token": token, "username": "ALICE",
                                              "password": "a good long password",
                                              "confirm": "a good long password"})
    assert taken.status_code == 400 and "not available" in taken.get_data(as_text=True)


def test_the_login_page_says_who_resets_a_forgotten_password(app, client):
    """There is no reset by e-mail: a person who tried every password they know learns who
    can set a new one, rather than guessing on."""
    make_user(app, "bob")
    page = post(client, "/auth/login", {"username": "bob", "password": "wrong password"})
    assert ("Forgotten your password? The administrator of this server can set a new one; "
            "your assessments are kept.") in page.get_data(as_text=True)
    post(client, "/language", {"lang": "fr"})
    page = client.get("/auth/login").get_data(as_text=True).replace("&#39;", "'")
    assert ("Mot de passe oublié\u00a0? L'administrateur de ce serveur peut en définir un "
            "nouveau\u00a0; vos évaluations sont conservées.") in page
