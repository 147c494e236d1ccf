"""Alembic migrations: they build exactly the models' schema, go down and up, run at start."""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Iterator

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError

from checker.config import normalise_database_url
from checker.extensions import Base
from checker.migrations import alembic_config, downgrade, upgrade
from checker.models import load_all
from checker.services.records import AnswerRecord

# Each test builds its own database from TEST_DATABASE_URL when set: CI's PostgreSQL run (the
# "db" tests) must run them too, as SQLite's batch migrations differ from PostgreSQL's ALTERs.
pytestmark = pytest.mark.db


@pytest.fixture
def empty_engine(tmp_path) -> Iterator[Engine]:
    """An engine on a brand-new empty database (own schema on PostgreSQL)."""
    base = os.environ.get("TEST_DATABASE_URL")
    if not base:
        engine = create_engine(f"sqlite:///{tmp_path / 'mig.db'}")
        yield engine
        engine.dispose()
        return
    base = normalise_database_url(base)
    schema = f"mig_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as conn:
        conn.execute(text(f'CREATE SCHEMA "{schema}"'))
    engine = create_engine(base, connect_args={"options": f"-csearch_path={schema}"})
    try:
        yield engine
    finally:
        engine.dispose()
        with admin.begin() as conn:
            conn.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


def test_migrations_match_the_models(empty_engine):
    load_all()
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"compare_type": True})
        diff = compare_metadata(context, Base.metadata)
    assert diff == []


def test_downgrade_then_upgrade_again(empty_engine):
    upgrade(empty_engine)
    tables = set(inspect(empty_engine).get_table_names())
    assert {"users", "assessments", "answers", "answer_history", "catalogue_snapshots"} <= tables
    downgrade(empty_engine, "base")
    assert set(inspect(empty_engine).get_table_names()) <= {"alembic_version"}
    upgrade(empty_engine)
    upgrade(empty_engine)  # idempotent
    assert "answers" in inspect(empty_engine).get_table_names()


def test_app_start_applies_migrations(empty_engine, make_app):
    url = empty_engine.url.render_as_string(hide_password=False)
    if empty_engine.dialect.name == "postgresql":
        pytest.skip("covered by the session database on PostgreSQL")
    app = make_app(SQLALCHEMY_DATABASE_URI=url)
    assert app is not None
    with empty_engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    assert version == ScriptDirectory.from_config(alembic_config()).get_current_head()


def _alice_and_a_catalogue(conn) -> None:
    """User 1, alice, and a catalogue snapshot 'f' for assessments to refer to."""
    conn.execute(text(
        "INSERT INTO users (id, username, password_hash, created_at) "
        "VALUES (1, 'alice', 'x', '2026-11-01 10:00:00')"))
    conn.execute(text(
        "INSERT INTO catalogue_snapshots (fingerprint, catalogue_id, version, data, "
        "created_at) VALUES ('f', 'c', '1', '{}', '2026-11-01 10:00:00')"))


def test_existing_documents_become_the_first_listed_version(empty_engine):
    upgrade(empty_engine, "0002")
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
        for uid, name, sha in (("a1", "protocol.pdf", "ab" * 32), ("a2", "", "")):
            conn.execute(text(
                "INSERT INTO assessments (uid, owner_id, title, document_kind, study_type, "
                "npi_name, domain, country, language, reference, catalogue_id, "
                "catalogue_version, catalogue_fingerprint, document_filename, "
                "document_sha256, document_size, created_at, updated_at) VALUES "
                f"('{uid}', 1, 't', 'protocol', 'interventional', 'n', 'physical', 'FR', 'en', "
                f"'', 'c', '1', 'f', '{name}', '{sha}', 10, '2026-11-02 09:00:00', "
                "'2026-11-02 09:00:00')"))
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        rows = conn.execute(text(
            "SELECT filename, sha256, size, username FROM assessment_documents")).all()
    assert [tuple(r) for r in rows] == [("protocol.pdf", "ab" * 32, 10, "alice")]


def _an_assessment_of_alice(conn) -> None:
    """Assessment 1 ('a1'), alice's interventional protocol, with no document."""
    conn.execute(text(
        "INSERT INTO assessments (id, uid, owner_id, title, document_kind, study_type, "
        "npi_name, domain, country, language, reference, catalogue_id, catalogue_version, "
        "catalogue_fingerprint, document_filename, document_sha256, document_size, "
        "created_at, updated_at) VALUES (1, 'a1', 1, 't', 'protocol', 'interventional', "
        "'n', 'physical', 'FR', 'en', '', 'c', '1', 'f', '', '', 0, "
        "'2026-11-02 09:00:00', '2026-11-02 09:00:00')"))


def test_migration_recovers_the_rationale_of_suggestions_accepted_before(empty_engine):
    """Reports tell a rationale accepted unchanged by the one stored beside it; answers accepted
    before 0004 had none stored: 0006 takes it from the history, only where the justification
    is still, word for word, what a suggestion wrote."""
    upgrade(empty_engine, "0003")
    rationale = "Elements detected: Informed consent (SPIRIT/CONSORT 26a)."
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
        _an_assessment_of_alice(conn)
        justifications = {"E01": rationale, "E02": rationale + " Edited.",
                          "E03": "Consent is mentioned."}
        for number, (inv, justification) in enumerate(justifications.items(), start=1):
            conn.execute(text(
                "INSERT INTO answers (id, assessment_id, invariant_id, answer, justification, "
                "quotation, page, section, origin, confirmed_by, updated_at, version) VALUES "
                f"({number}, 1, '{inv}', 'met', :j, '', '', '', 'human', 'alice', "
                "'2026-11-02 09:00:00', 2)"), {"j": justification})
            suggested = {"answer": "met", "justification": rationale, "quotation": "",
                         "page": "", "section": "", "origin": "suggestion"}
            for version, values in ((1, suggested), (2, {**suggested, "origin": "accepted"})):
                conn.execute(text(
                    "INSERT INTO answer_history (assessment_id, invariant_id, user_id, "
                    "username, changed_at, version, old_answer, new_answer, old_values, "
                    "new_values) VALUES (1, :inv, 1, 'alice', '2026-11-02 09:00:00', :v, "
                    "NULL, 'met', '{}', :new)"),
                    {"inv": inv, "v": version, "new": json.dumps(values)})
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        rows = dict(conn.execute(text(
            "SELECT invariant_id, suggested_justification FROM answers")).all())
    recovered = {inv: json.loads(value) if isinstance(value, str) else value
                 for inv, value in rows.items()}
    assert recovered == {"E01": {"und": rationale}, "E02": None, "E03": None}
    # Read back: the justification is the suggestion's, shown as written in any language.
    record = AnswerRecord("E01", "met", rationale, origin="human",
                          suggested_justification=recovered["E01"])
    assert record.accepted_rationale and record.justification_in("fr") == rationale


def test_migration_recovers_who_accepted_from_the_history(empty_engine):
    """0007 walks each answer's history: a person's save that changes the justification or
    confirms a suggestion gives it; one that keeps a person's justification keeps it."""
    upgrade(empty_engine, "0006")
    rationale = "Elements detected: Informed consent (SPIRIT/CONSORT 26a)."
    suggested = {"answer": "met", "justification": rationale, "quotation": "q", "page": "",
                 "section": "", "origin": "suggestion"}
    accepted = {**suggested, "origin": "accepted suggestion"}
    moved = {k: v for k, v in suggested.items() if k != "origin"} | {"page": "12"}
    # invariant: (origin, justification, confirmed_by, [(username, new values), ...])
    answers = {
        "E01": ("human", rationale, "bob", [("alice", suggested), ("alice", accepted),
                                            ("bob", moved)]),
        "E02": ("human", rationale + " Edited.", "bob",
                [("alice", suggested), ("alice", accepted),
                 ("bob", {**moved, "justification": rationale + " Edited."})]),
        # Confirmed through the form by bob, after alice asked for the suggestions.
        "E03": ("human", rationale, "bob", [("alice", suggested), ("bob", moved)]),
        # Imported: who accepted before the import is not known; the only name is kept.
        "E04": ("human", rationale, "carol", [("bob", {**moved, "imported": True})]),
        "E05": ("suggestion", rationale, None, [("alice", suggested)]),
        # A history that does not end on the answer's justification: not trusted.
        "E06": ("human", "Typed elsewhere.", "bob", [("alice", suggested), ("alice", accepted)]),
    }
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
        _an_assessment_of_alice(conn)
        for number, (inv, (origin, justification, who, changes)) in enumerate(
                answers.items(), start=1):
            conn.execute(text(
                "INSERT INTO answers (id, assessment_id, invariant_id, answer, justification, "
                "quotation, page, section, origin, confirmed_by, updated_at, version) VALUES "
                f"({number}, 1, '{inv}', 'met', :j, 'q', '', '', :o, :who, "
                "'2026-11-02 09:00:00', :v)"),
                {"j": justification, "o": origin, "who": who, "v": len(changes)})
            for version, (username, values) in enumerate(changes, start=1):
                conn.execute(text(
                    "INSERT INTO answer_history (assessment_id, invariant_id, user_id, "
                    "username, changed_at, version, old_answer, new_answer, old_values, "
                    "new_values) VALUES (1, :inv, NULL, :u, '2026-11-02 09:00:00', :v, "
                    "NULL, 'met', '{}', :new)"),
                    {"inv": inv, "u": username, "v": version, "new": json.dumps(values)})
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        recovered = dict(conn.execute(text(
            "SELECT invariant_id, accepted_by FROM answers")).all())
    assert recovered == {"E01": "alice", "E02": "bob", "E03": "bob", "E04": "carol",
                         "E05": None, "E06": "bob"}


def test_disabled_accounts_migration_keeps_existing_accounts_active(empty_engine):
    """0008 adds users.disabled_at: every existing account stays active, and going down
    keeps the accounts."""
    upgrade(empty_engine, "0007")
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT username, disabled_at FROM users")).all() == [
            ("alice", None)]
    downgrade(empty_engine, "0007")
    assert "disabled_at" not in {column["name"] for column in
                                 inspect(empty_engine).get_columns("users")}
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT username FROM users")).scalars().all() == ["alice"]


def test_sign_in_failures_migration_keeps_the_accounts(empty_engine):
    """0009 adds the failed sign-ins' counts and users.last_sign_in_at (not known before:
    NULL); going down removes both and keeps the accounts."""
    upgrade(empty_engine, "0008")
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
    upgrade(empty_engine)
    assert "sign_in_failures" in inspect(empty_engine).get_table_names()
    with empty_engine.begin() as conn:
        assert conn.execute(text("SELECT username, last_sign_in_at FROM users")).all() == [
            ("alice", None)]
        conn.execute(text(
            "INSERT INTO sign_in_failures (scope, key, failures, first_failed_at) "
            "VALUES ('account', 'alice', 2, '2026-12-07 06:00:00')"))
    downgrade(empty_engine, "0008")
    assert "sign_in_failures" not in inspect(empty_engine).get_table_names()
    assert "last_sign_in_at" not in {column["name"] for column in
                                     inspect(empty_engine).get_columns("users")}
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT username FROM users")).scalars().all() == ["alice"]
    upgrade(empty_engine)
    assert "last_sign_in_at" in {column["name"] for column in
                                 inspect(empty_engine).get_columns("users")}


def test_password_changed_at_migration_keeps_the_accounts_and_their_sessions(empty_engine):
    """0010 adds users.password_changed_at, NULL for every account (so the sessions opened
    before the stamps are kept until the password next changes); going down keeps them."""
    upgrade(empty_engine, "0009")
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
    upgrade(empty_engine)
    with empty_engine.begin() as conn:
        assert conn.execute(text("SELECT username, password_changed_at FROM users")).all() \
            == [("alice", None)]
    downgrade(empty_engine, "0009")
    assert "password_changed_at" not in {column["name"] for column in
                                         inspect(empty_engine).get_columns("users")}
    with empty_engine.connect() as conn:
        assert conn.execute(text("SELECT username FROM users")).scalars().all() == ["alice"]


def test_an_up_to_date_database_starts_without_running_alembic(empty_engine, monkeypatch):
    upgrade(empty_engine)
    calls = []
    monkeypatch.setattr("checker.migrations.command.upgrade", lambda *a, **k: calls.append(a))
    upgrade(empty_engine)
    assert calls == []
    downgrade(empty_engine, "0009")
    monkeypatch.undo()
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert MigrationContext.configure(conn).get_current_heads() == (
            ScriptDirectory.from_config(alembic_config()).get_current_head(),)


def test_paper_protocol_migration_keeps_the_studies_and_follows_the_protocol(empty_engine):
    """0011 adds dossier_studies.protocol_study_id, NULL for every study (no paper names its
    protocol yet); the protocol's row gone, the paper names none (SET NULL); a row that does
    not exist cannot be named; going down keeps the studies."""
    upgrade(empty_engine, "0010")
    with empty_engine.begin() as conn:
        _alice_and_a_catalogue(conn)
        _an_assessment_of_alice(conn)  # 1: the protocol
        conn.execute(text(
            "INSERT INTO assessments (id, uid, owner_id, title, document_kind, study_type, "
            "npi_name, domain, country, language, reference, catalogue_id, catalogue_version, "
            "catalogue_fingerprint, document_filename, document_sha256, document_size, "
            "created_at, updated_at) VALUES (2, 'a2', 1, 't', 'paper', 'interventional', "
            "'n', 'physical', 'FR', 'en', '', 'c', '1', 'f', '', '', 0, "
            "'2026-11-02 09:00:00', '2026-11-02 09:00:00')"))
        conn.execute(text(
            "INSERT INTO dossiers (id, uid, owner_id, npi_name, domain, health_problem, "
            "country, screening_domain, screening_version, created_at, updated_at) VALUES "
            "(1, 'd1', 1, 'n', 'physical', 'h', 'FR', 'physical', '', '2026-11-02 09:00:00', "
            "'2026-11-02 09:00:00')"))
        # The paper's row first: it names a row after its own.
        for row, assessment in ((1, 2), (2, 1)):
            conn.execute(text(
                "INSERT INTO dossier_studies (id, dossier_id, assessment_id, added_at) VALUES "
                f"({row}, 1, {assessment}, '2026-11-02 09:00:00')"))
    upgrade(empty_engine)
    studies = "SELECT id, assessment_id, protocol_study_id FROM dossier_studies ORDER BY id"
    with empty_engine.begin() as conn:
        assert conn.execute(text(studies)).all() == [(1, 2, None), (2, 1, None)]
        conn.execute(text("UPDATE dossier_studies SET protocol_study_id = 2 WHERE id = 1"))
    with empty_engine.connect() as conn:
        if conn.dialect.name == "sqlite":  # as the app's connections do
            conn.execute(text("PRAGMA foreign_keys=ON"))
        with pytest.raises(IntegrityError):
            conn.execute(text("UPDATE dossier_studies SET protocol_study_id = 99 WHERE id = 1"))
        conn.rollback()
        conn.execute(text("DELETE FROM dossier_studies WHERE id = 2"))
        conn.commit()
        assert conn.execute(text(studies)).all() == [(1, 2, None)]
        conn.execute(text(
            "INSERT INTO dossier_studies (id, dossier_id, assessment_id, added_at, "
            "protocol_study_id) VALUES (3, 1, 1, '2026-11-03 09:00:00', NULL)"))
        conn.execute(text("UPDATE dossier_studies SET protocol_study_id = 3 WHERE id = 1"))
        conn.commit()
    downgrade(empty_engine, "0010")
    assert "protocol_study_id" not in {column["name"] for column in
                                       inspect(empty_engine).get_columns("dossier_studies")}
    with empty_engine.connect() as conn:
        assert conn.execute(text(
            "SELECT id, assessment_id FROM dossier_studies ORDER BY id")).all() == [(1, 2), (3, 1)]
    upgrade(empty_engine)
    with empty_engine.connect() as conn:
        assert conn.execute(text(studies)).all() == [(1, 2, None), (3, 1, None)]
