"""`npis-check db copy`: an installation's database copied, all or nothing, into an empty one
(how an SQLite installation moves to PostgreSQL)."""

from __future__ import annotations

import io
import os
import re
import uuid
from typing import Any

import pytest
from conftest import create_assessment, login, make_user, post
from dossier_support import PEER, imported_study
from flask import Flask
from sqlalchemy import create_engine, func, insert, inspect, select, text
from sqlalchemy.exc import OperationalError

from checker.cli import main
from checker.config import normalise_database_url
from checker.extensions import db
from checker.migrations import upgrade
from checker.models import DossierStudy, User, load_all
from checker.services import db_copy
from checker.services.verification import CHANGED, UNCHANGED, verify_report


def _answer(client: Any, uid: str, inv_id: str, answer: str, justification: str) -> None:
    version = re.search(rf'name="{inv_id}-version" type="hidden" value="(\d+)"', client.get(
        f"/assessments/{uid}/answers/{inv_id}").get_data(as_text=True)).group(1)
    assert post(client, f"/assessments/{uid}/answers/{inv_id}", {
        f"{inv_id}-version": version, f"{inv_id}-answer": answer,
        f"{inv_id}-justification": justification}).status_code == 302


def populate(app: Flask) -> dict[str, Any]:
    """Two accounts, an assessment with a document, answers and their history, an imported
    study with its publication details, a dossier of both, and issued reports: the dossier's
    (its study changed since) and the assessment's (unchanged)."""
    from test_dossiers import new_dossier

    make_user(app, "alice")
    make_user(app, "bob")
    client = app.test_client()
    login(client, "alice")
    uid = create_assessment(client, document=(io.BytesIO(b"Protocol text. " * 50),
                                              "protocol.txt"))
    _answer(client, uid, "E01", "met", "Alice's reading, « en français » too")
    study = imported_study(app, "alice", "interventional", publication=PEER)
    dossier = new_dossier(client)
    for member in (uid, study):
        assert post(client, f"/dossiers/{dossier}/studies",
                    {"assessment": member}).status_code == 302
    # A second dossier holds the paper before its protocol, and names that protocol as the
    # paper's: its row refers to a row copied after it.
    reported = new_dossier(client, npi_name="Walking, the paper first")
    for member in (study, uid):
        assert post(client, f"/dossiers/{reported}/studies",
                    {"assessment": member}).status_code == 302
    assert post(client, f"/dossiers/{reported}/studies/{study}/protocol",
                {"protocol": uid}).status_code == 302
    dossier_report = client.get(f"/dossiers/{dossier}/report.xlsx").get_data()
    _answer(client, uid, "E01", "not_met", "Read again")
    report = client.get(f"/assessments/{uid}/report.pdf").get_data()
    with app.app_context():
        assert verify_report(report).subject_status == UNCHANGED
        assert verify_report(dossier_report).subject_status == CHANGED
    return {"uid": uid, "dossier": dossier, "report": report,
            "dossier_report": dossier_report}


def table_rows(url: str) -> dict[str, list[tuple]]:
    """Every row of every table of the database at ``url``, in primary-key order."""
    load_all()
    engine = create_engine(normalise_database_url(url))
    try:
        with engine.connect() as connection:
            return {table.name: [tuple(row) for row in connection.execute(
                select(table).order_by(*table.primary_key.columns))]
                for table in db.metadata.sorted_tables}
    finally:
        engine.dispose()


def copy(cli_env: Any, target: str, *args: str) -> Any:
    return cli_env.invoke(main, ["db", "copy", "--to", target, *args])


def check_the_copy(make_app: Any, source_url: str, target: str, made: dict[str, Any]) -> None:
    """Row for row the source; alice signs in on it and reads her assessment and its
    document; the reports issued before verify as before; a new account gets a fresh id."""
    rows = table_rows(target)
    assert rows == table_rows(source_url)
    assert rows["users"] and rows["answer_history"] and rows["issued_reports"] \
        and rows["dossier_studies"] and rows["study_publications"] \
        and rows["assessment_documents"]
    moved = make_app(SQLALCHEMY_DATABASE_URI=target)
    client = moved.test_client()
    login(client, "alice")
    page = client.get(f"/assessments/{made['uid']}/answers/E01").get_data(as_text=True)
    assert "Read again" in page
    document = client.get(f"/assessments/{made['uid']}/document")
    assert document.status_code == 200 and "Protocol text." in document.get_data(as_text=True)
    assert made["uid"] in client.get(f"/dossiers/{made['dossier']}").get_data(as_text=True)
    # The paper's protocol, a row copied after the paper's own, is still named.
    columns = [c.name for c in DossierStudy.__table__.columns]
    links = [(row[0], row[columns.index("protocol_study_id")]) for row in rows["dossier_studies"]
             if row[columns.index("protocol_study_id")] is not None]
    assert len(links) == 1 and links[0][0] < links[0][1]
    with moved.app_context():
        result = verify_report(made["report"])
        assert result.ok and result.subject_status == UNCHANGED
        result = verify_report(made["dossier_report"])
        assert result.ok and result.subject_status == CHANGED
        highest = max(row[0] for row in rows["users"])
    make_user(moved, "carol")
    with moved.app_context():
        carol = db.session.scalar(select(User).where(User.username == "carol"))
        assert carol.id == highest + 1


@pytest.fixture
def made(app: Flask) -> dict[str, Any]:
    return populate(app)


def test_a_copy_into_a_new_sqlite_file_holds_every_row(cli_env, made, make_app, database_url,
                                                       tmp_path):
    target = f"sqlite:///{tmp_path / 'moved' / 'npis.db'}"
    (tmp_path / "moved").mkdir()
    result = copy(cli_env, target, "--batch-size", "2")  # several batches per table
    assert result.exit_code == 0, result.output
    assert re.search(r"answer_history +\d+", result.output)
    issued = len(table_rows(database_url)["issued_reports"])
    assert f"{issued} issued report files verify as before" in result.output
    assert f"set DATABASE_URL={target}" in result.output
    assert "keep NPIS_DATA_DIR=" in result.output and "warning" not in result.output
    check_the_copy(make_app, database_url, target, made)


def test_a_copy_run_with_another_data_directory_is_warned(cli_env, made, database_url,
                                                          tmp_path, monkeypatch):
    # The database names the documents and the reports' key, which stay in the data
    # directory: a copy run with another NPIS_DATA_DIR says that they are not there.
    elsewhere = tmp_path / "elsewhere"
    monkeypatch.setenv("NPIS_DATA_DIR", str(elsewhere))
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 0, result.output
    issued = len(table_rows(database_url)["issued_reports"])
    assert f"warning: {issued} of the {issued} issued report files are not confirmed by the " \
           f"signing key in {elsewhere} (report-signing.key): is NPIS_DATA_DIR the server's?" \
        in result.output
    assert f"warning: 1 of the 1 uploaded documents are not in {elsewhere / 'uploads'}: is " \
           "NPIS_DATA_DIR the server's?" in result.output
    assert not (elsewhere / "report-signing.key").exists()  # read, never made there


def test_a_target_that_holds_data_is_refused_and_left_untouched(cli_env, made, app,
                                                                tmp_path):
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    assert copy(cli_env, target).exit_code == 0
    before = table_rows(target)
    make_user(app, "dave")  # the source goes on; a second copy would merge or overwrite
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert re.search(r"already holds data: catalogue_snapshots \(1\), issued_reports "
                     r"\(\d+\), users \(2\), assessments \(2\)", result.output)
    assert "never merges into nor overwrites" in result.output
    assert "nothing was changed" in result.output
    assert table_rows(target) == before


def test_an_unreachable_target_is_said_with_its_password_hidden(cli_env, app, database_url):
    result = copy(cli_env, "postgresql://npis:s3cret@127.0.0.1:1/npis")
    assert result.exit_code == 1
    assert "cannot reach the target database postgresql://npis:***@127.0.0.1:1/npis (" \
        in result.output
    assert "s3cret" not in result.output and "Traceback" not in result.output
    result = copy(cli_env, "sqlite:////nonexistent-folder/npis.db")
    assert result.exit_code == 1
    assert "cannot reach the target database sqlite:////nonexistent-folder/npis.db " \
           "(unable to open database file)" in result.output
    result = copy(cli_env, "mysql://npis@db/npis")
    assert result.exit_code == 1 and "names no database npis-checker can use" in result.output
    result = copy(cli_env, database_url)
    assert result.exit_code == 1 and "is the database in use (the source)" in result.output


def test_a_failure_midway_leaves_the_target_empty(cli_env, made, make_app, database_url,
                                                  tmp_path):
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    engine = create_engine(target)
    upgrade(engine)  # an empty database, as createdb and `db upgrade` leave it
    with engine.begin() as connection:  # the disk fills up when the links are copied
        connection.execute(text(
            "CREATE TRIGGER full BEFORE INSERT ON dossier_studies "
            "BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END"))
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert "copying table dossier_studies failed (database or disk is full); the copy was " \
           "undone: the target holds no copied rows" in result.output
    assert all(rows == [] for rows in table_rows(target).values())
    with engine.begin() as connection:
        connection.execute(text("DROP TRIGGER full"))
    engine.dispose()
    assert copy(cli_env, target).exit_code == 0  # once the cause is gone, it copies
    check_the_copy(make_app, database_url, target, made)


def test_a_copy_that_does_not_match_the_source_is_undone(cli_env, made, tmp_path,
                                                         monkeypatch):
    copy_table = db_copy._copy_table

    def losing_a_row(source, target, table, batch):
        copied = copy_table(source, target, table, batch)
        if table.name == "answers":
            target.execute(table.delete().where(table.c.id == select(
                table.c.id).order_by(table.c.id.desc()).limit(1).scalar_subquery()))
        return copied

    monkeypatch.setattr(db_copy, "_copy_table", losing_a_row)
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert "the copy does not match the source, so it was undone: table answers:" \
        in result.output
    assert f"The file {tmp_path / 'npis.db'} that this copy created was deleted" \
        in result.output
    assert not (tmp_path / "npis.db").exists()


def test_a_copy_on_which_an_issued_report_would_verify_differently_is_undone(
        cli_env, made, tmp_path, monkeypatch):
    copy_table = db_copy._copy_table

    def altering_an_answer(source, target, table, batch):
        copied = copy_table(source, target, table, batch)
        if table.name == "answers":  # an answer of the assessment whose report is unchanged
            target.execute(table.update().values(justification="altered in transit").where(
                table.c.id == select(func.min(table.c.id)).scalar_subquery()))
        return copied

    monkeypatch.setattr(db_copy, "_copy_table", altering_an_answer)
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert re.search(r"the copy does not match the source, so it was undone: issued report "
                     r"NPIS-CHK-\S+ \(pdf\) would verify differently: signature valid, subject "
                     r"unchanged in the source, signature valid, subject changed in the target",
                     result.output)
    assert not (tmp_path / "npis.db").exists()


def test_a_server_still_writing_during_the_copy_cannot_half_copy(cli_env, made, database_url,
                                                                 tmp_path, monkeypatch):
    # The server was left running: an account made while the copy runs is either held back
    # (SQLite: the copy reads the source in one transaction) or left out whole (PostgreSQL:
    # the copy reads the source as it was when it began); never copied in part.
    copy_table = db_copy._copy_table
    on_sqlite = database_url.startswith("sqlite")
    outcomes = []

    def with_a_write_meanwhile(source, target, table, batch):
        if table.name == "users":
            writer = create_engine(normalise_database_url(database_url),
                                   connect_args={"timeout": 0} if on_sqlite else {})
            try:
                with writer.begin() as connection:
                    connection.execute(insert(User).values(username="late", password_hash="x"))
                outcomes.append("written")
            except OperationalError as exc:
                outcomes.append(str(exc.orig))
            finally:
                writer.dispose()
        return copy_table(source, target, table, batch)

    monkeypatch.setattr(db_copy, "_copy_table", with_a_write_meanwhile)
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 0, result.output
    assert outcomes == (["database is locked"] if on_sqlite else ["written"])
    assert [row[1] for row in table_rows(target)["users"]] == ["alice", "bob"]


def test_a_target_made_by_a_newer_version_is_refused(cli_env, app, tmp_path):
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    engine = create_engine(target)
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE alembic_version (version_num VARCHAR(32))"))
        connection.execute(text("INSERT INTO alembic_version VALUES ('9999')"))
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert "cannot upgrade the tables of the target" in result.output
    assert "it was made by a newer version of npis-checker. Nothing was copied" in result.output
    assert inspect(engine).get_table_names() == ["alembic_version"]
    engine.dispose()


# PostgreSQL: with TEST_DATABASE_URL (the suite's PostgreSQL convention, see conftest), an
# SQLite installation is copied into a schema of its own in that database, dropped after.
PG_BASE = os.environ.get("TEST_DATABASE_URL", "")


@pytest.mark.skipif(not PG_BASE.startswith(("postgres", "postgresql")),
                    reason="TEST_DATABASE_URL names no PostgreSQL database")
def test_an_sqlite_installation_moves_to_postgresql(make_app, tmp_path, monkeypatch):
    from click.testing import CliRunner

    source_url = f"sqlite:///{tmp_path / 'npis-checker.db'}"
    source = make_app(SQLALCHEMY_DATABASE_URI=source_url)
    made = populate(source)
    monkeypatch.setenv("DATABASE_URL", source_url)
    monkeypatch.setenv("NPIS_DATA_DIR", source.config["DATA_DIR"])
    monkeypatch.setenv("SECRET_KEY", "test-secret")
    base = normalise_database_url(PG_BASE)
    schema = f"copy_{uuid.uuid4().hex[:12]}"
    admin = create_engine(base)
    with admin.begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    target = f"{base}{'&' if '?' in base else '?'}options=-csearch_path%3D{schema}"
    try:
        result = CliRunner().invoke(main, ["db", "copy", "--to", target, "--batch-size", "3"])
        assert result.exit_code == 0, result.output
        with admin.connect() as connection:
            sequences = connection.scalar(text(
                "SELECT count(*) FROM information_schema.sequences WHERE sequence_schema = :s"),
                {"s": schema})
        assert sequences > 0
        assert f"{sequences} id sequences moved past the copied ids" in result.output
        check_the_copy(make_app, source_url, target, made)
        refused = CliRunner().invoke(main, ["db", "copy", "--to", target])
        assert refused.exit_code == 1 and "already holds data" in refused.output
    finally:
        with admin.begin() as connection:
            connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))
        admin.dispose()


# --- a failure leaves no empty tables behind ---------------------------------------------------


def _failing_at(monkeypatch, name: str, exc: BaseException) -> None:
    """``_copy_table`` fails when it reaches table ``name`` (late: most tables are copied)."""
    copy_table = db_copy._copy_table

    def failing(source, target, table, batch):
        if table.name == name:
            raise exc
        return copy_table(source, target, table, batch)

    monkeypatch.setattr(db_copy, "_copy_table", failing)


def _late_tables() -> list[str]:
    load_all()
    return [table.name for table in db.metadata.sorted_tables]


def test_a_late_failure_deletes_the_sqlite_file_it_created_and_a_rerun_copies(
        cli_env, made, make_app, database_url, tmp_path, monkeypatch):
    late, copy_table = _late_tables()[-1], db_copy._copy_table
    _failing_at(monkeypatch, late, OperationalError("INSERT", {}, Exception("disk I/O error")))
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert (f"copying table {late} failed (disk I/O error); the copy was undone: the target "
            f"holds no copied rows. The file {tmp_path / 'npis.db'} that this copy created "
            "was deleted") in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "npis.db").exists()
    monkeypatch.setattr(db_copy, "_copy_table", copy_table)
    assert copy(cli_env, target).exit_code == 0
    check_the_copy(make_app, database_url, target, made)


def test_a_late_failure_removes_the_tables_it_created_in_an_existing_database(
        cli_env, made, tmp_path, monkeypatch):
    # An empty database made beforehand (createdb; here an SQLite file with a table of the
    # administrator's own): the copy's tables go, the rest stays.
    path = tmp_path / "npis.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (line TEXT)"))
    engine.dispose()
    _failing_at(monkeypatch, "issued_reports",
                OperationalError("INSERT", {}, Exception("database or disk is full")))
    result = copy(cli_env, f"sqlite:///{path}")
    assert result.exit_code == 1
    assert re.search(r"copying table issued_reports failed \(database or disk is full\); the "
                     r"copy was undone: the target holds no copied rows\. The \d+ tables that "
                     r"this copy created in the target were removed: it is as it was before the "
                     r"copy", result.output)
    engine = create_engine(f"sqlite:///{path}")
    assert inspect(engine).get_table_names() == ["notes"]
    engine.dispose()


def test_a_refused_revision_or_an_interruption_leaves_nothing_either(cli_env, made, tmp_path,
                                                                     monkeypatch):
    head = db_copy._head
    monkeypatch.setattr(db_copy, "_head", lambda: "9999")
    target = f"sqlite:///{tmp_path / 'npis.db'}"
    result = copy(cli_env, target)
    assert result.exit_code == 1
    assert "schema revisions differ" in result.output
    assert "that this copy created was deleted" in result.output
    assert not (tmp_path / "npis.db").exists()
    monkeypatch.setattr(db_copy, "_head", head)
    _failing_at(monkeypatch, "answers", KeyboardInterrupt())  # Ctrl-C midway
    result = copy(cli_env, target)
    assert result.exit_code == 1 and "Aborted!" in result.output
    assert not (tmp_path / "npis.db").exists()


def test_tables_that_cannot_be_removed_are_said_with_what_to_do(cli_env, made, tmp_path,
                                                                monkeypatch):
    path = tmp_path / "npis.db"
    engine = create_engine(f"sqlite:///{path}")
    with engine.begin() as connection:
        connection.execute(text("CREATE TABLE notes (line TEXT)"))
    engine.dispose()
    _failing_at(monkeypatch, "answers", OperationalError("INSERT", {}, Exception("I/O error")))

    class Stuck(db_copy.MetaData):
        def drop_all(self, *args, **kwargs):
            raise OperationalError("DROP TABLE", {}, Exception("database is locked"))

    monkeypatch.setattr(db_copy, "MetaData", Stuck)
    result = copy(cli_env, f"sqlite:///{path}")
    assert result.exit_code == 1
    assert ("The tables that this copy created in the target could not be removed (database "
            "is locked): drop and create the target database again (SQLite: delete the file) "
            "before copying again") in result.output
