"""The scope of the browser's copies of unsaved typing (static/app.js keeps them): one per
person and installation, given to the page only while someone is signed in."""

from __future__ import annotations

import re

from conftest import login, make_user

from checker.services.typed_copies import SCOPE_LENGTH, copy_scope


def test_the_scope_names_the_person_and_the_installation_without_saying_either():
    scope = copy_scope(7, "secret-of-one-installation")
    assert re.fullmatch(f"[0-9a-f]{{{SCOPE_LENGTH}}}", scope)
    assert copy_scope(7, "secret-of-one-installation") == scope  # stable across pages
    assert copy_scope(8, "secret-of-one-installation") != scope  # another person
    assert copy_scope(7, "secret-of-another") != scope  # another installation
    assert copy_scope(7, b"secret-of-one-installation") == scope


def test_pages_give_the_scope_only_to_someone_signed_in(app, client):
    user_id = make_user(app, "bob")
    signed_out = client.get("/auth/login").get_data(as_text=True)
    assert "data-copy-scope" not in signed_out
    assert "data-restored-text" not in signed_out
    login(client, "bob")
    page = client.get("/").get_data(as_text=True)
    assert f'data-copy-scope="{copy_scope(user_id, app.secret_key)}"' in page
    assert ("data-restored-text=\"Restored what you typed on {date} at {time} but had not "
            "saved. Save it, or discard it.\"") in page
    # Its sign-out form is marked: app.js removes the person's copies when it is sent.
    assert re.search(r'<form [^>]*action="/auth/logout"[^>]*data-sign-out', page)
