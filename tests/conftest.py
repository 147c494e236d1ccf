"""Shared fixtures: an app on an isolated database, clients, users, CSRF tokens.

The database comes from ``TEST_DATABASE_URL`` (e.g. postgresql://postgres@127.0.0.1:5432/test)
or, by default, a temporary SQLite file. On PostgreSQL the session works in its own schema,
created at start and dropped at the end, so concurrent or aborted runs never collide.
Every test starts with empty tables.
"""

from __future__ import annotations

import os
import re
import threading
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from flask import Flask
from flask.testing import FlaskClient
from sqlalchemy import create_engine, text
from werkzeug.serving import make_server

from checker.config import normalise_database_url

# The tests read the command line's English messages: a French locale on the machine that runs
# them must not change those (tests/test_cli_french.py asks for French itself).
os.environ["NPIS_LANG"] = "en"

PASSWORD = "correct horse battery"
CSRF_RE = re.compile(r'name="csrf_token"[^>]*value="([^"]+)"')


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark every test that uses the database, so CI can rerun just those on PostgreSQL."""
    for item in items:
        if "database_url" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.db)


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        yield f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.db'}"
        return
    base = normalise_database_url(base)
    schema = f"test_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    separator = "&" if "?" in base else "?"
    try:
        yield f"{base}{separator}options=-csearch_path%3D{schema}"
    finally:
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


@pytest.fixture
def make_app(database_url: str, tmp_path: Path) -> Iterator[Any]:
    """Factory: ``make_app(**config)`` builds an app on the test database (tables emptied after)."""
    from checker.app import create_app
    from checker.extensions import db

    apps: list[Flask] = []

    def factory(**overrides: Any) -> Flask:
        config = {
            "TESTING": True,
            "SECRET_KEY": "test-secret",
            "DATA_DIR": str(tmp_path / "data"),
            "SQLALCHEMY_DATABASE_URI": database_url,
        }
        config.update(overrides)
        app = create_app(config)
        apps.append(app)
        return app

    yield factory
    if apps:
        with apps[0].app_context():
            db.session.remove()
            with db.engine.begin() as conn:
                for table in reversed(db.metadata.sorted_tables):
                    conn.execute(table.delete())
    for app in apps:
        with app.app_context():
            db.session.remove()
            db.engine.dispose()


@pytest.fixture
def app(make_app: Any) -> Flask:
    return make_app()


@pytest.fixture
def live_server(make_app: Any) -> Iterator[str]:
    """The app on a real HTTP server on 127.0.0.1 (a free port), for the browser tests."""
    server = make_server("127.0.0.1", 0, make_app(), threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}"
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture
def client(app: Flask) -> FlaskClient:
    return app.test_client()


def csrf_token(client: FlaskClient, path: str = "/auth/login") -> str:
    """The CSRF token of the client's session, read from a rendered form."""
    page = client.get(path, follow_redirects=True).get_data(as_text=True)
    match = CSRF_RE.search(page)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def post(client: FlaskClient, path: str, data: dict[str, Any] | None = None, **kwargs: Any):
    """POST with the session's CSRF token added (as a browser would)."""
    payload = {"csrf_token": csrf_token(client), **(data or {})}
    return client.post(path, data=payload, **kwargs)


def save_answer(client: FlaskClient, uid: str, inv_id: str, version: int | str = 0,
                **fields: Any):
    """Save one answer through its form (``answer``, ``justification``, ``quotation``, ``page``,
    ``section``; a field given as None is left out of the post). As a browser's form does, the
    text fields not given are sent empty (clearing them) and the answer only when given."""
    fields = {name: "" for name in ("justification", "quotation", "page", "section")} | fields
    data = {f"{inv_id}-version": str(version)}
    data.update({f"{inv_id}-{key}": value for key, value in fields.items() if value is not None})
    return post(client, f"/assessments/{uid}/answers/{inv_id}", data)


def make_user(app: Flask, username: str, password: str = PASSWORD) -> Any:
    from checker.services.accounts import create_user

    with app.app_context():
        user = create_user(username, password)
        return user.id


def login(client: FlaskClient, username: str, password: str = PASSWORD) -> None:
    response = post(client, "/auth/login", {"username": username, "password": password})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]


@pytest.fixture
def user(app: Flask) -> str:
    make_user(app, "alice")
    return "alice"


@pytest.fixture
def auth_client(app: Flask, user: str) -> FlaskClient:
    """A client logged in as ``alice``."""
    client = app.test_client()
    login(client, user)
    return client


ASSESSMENT_FORM = {
    "title": "Walking programme after stroke",
    "document_kind": "protocol",
    "study_type": "interventional",
    "npi_name": "Supervised walking",
    "domain": "physical",
    "country": "France",
    "language": "en",
    "reference": "NCT01234567",
}


def create_assessment(client: FlaskClient, **changes: Any) -> str:
    """Create an assessment through the web form; return its uid."""
    data = {**ASSESSMENT_FORM, **changes}
    response = post(client, "/assessments/new", data, content_type="multipart/form-data")
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    return response.headers["Location"].rstrip("/").split("/")[-1]


@pytest.fixture
def assessment(auth_client: FlaskClient) -> str:
    return create_assessment(auth_client)


@pytest.fixture
def cli_env(app: Flask, monkeypatch: pytest.MonkeyPatch, database_url: str) -> Any:
    """A CLI runner whose `npis-check` (its own create_app) uses the test database and data
    dir."""
    from click.testing import CliRunner

    monkeypatch.setenv("DATABASE_URL", database_url)
    monkeypatch.setenv("NPIS_DATA_DIR", app.config["DATA_DIR"])
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    return CliRunner()


@pytest.fixture(scope="session")
def catalogue():
    """The built-in catalogue (tests that need another one build their own)."""
    from checker.catalogue import get_catalogue

    return get_catalogue()


@pytest.fixture(scope="module")
def demo(catalogue):
    """The demo assessment's record (a module that changes it asks for its own)."""
    from checker.demo import load_demo

    return load_demo(catalogue)
