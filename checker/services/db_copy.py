"""Copy this installation's database into another, empty one (``npis-check db copy``): the way
to move an SQLite installation to PostgreSQL (or to another SQLite file).

All or nothing. The target is refused, untouched, when it cannot be reached or already holds
data (a copy never merges into, nor overwrites, a live database). Its schema is then created
or upgraded with the project's migrations and must be at the source's revision; every table
is copied in dependency order, in batches, primary keys kept, in one transaction on the target;
PostgreSQL's id sequences are moved past the copied ids; and, before that transaction commits,
the copy is checked: the same number of rows in every table as in the source, and every issued
report still verifies as it did on the source (its signature under this installation's key,
and its assessment or dossier unchanged, changed or deleted as on the source). Any failure
(or an interruption) rolls the whole copy back, removes what the copy made in the target (the
SQLite file it created, else the tables it created: the migrations' tables are not part of
that transaction) and says what failed and what was removed.

Run inside the source app's context (``db.engine`` is the source; the data directory, whose
``report-signing.key`` the reports' signatures need, stays the same).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from alembic.script import ScriptDirectory
from alembic.util.exc import CommandError
from flask import current_app
from sqlalchemy import (
    Integer,
    MetaData,
    Table,
    bindparam,
    create_engine,
    func,
    inspect,
    select,
    text,
)
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.exc import ArgumentError, SQLAlchemyError
from sqlalchemy.orm import Session

from ..config import SUPPORTED_DATABASES, normalise_database_url
from ..extensions import db
from ..migrations import alembic_config, upgrade
from ..models import load_all
from ..models.assessment import StoredUpload
from ..models.dossier import IssuedReport
from . import signing

DEFAULT_BATCH = 500


class CopyError(RuntimeError):
    """Why the copy was refused or failed, in one message; the target holds no copied rows."""


@dataclass
class CopyResult:
    source: str  # URLs as shown: password hidden
    target: str
    revision: str
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows, in copy order
    reports: int = 0  # issued report files checked, all of which verify as on the source
    sequences: int = 0  # PostgreSQL sequences moved past the copied ids
    # What suggests the data directory is not the server's (the copy itself is complete)
    warnings: list[str] = field(default_factory=list)

    @property
    def rows(self) -> int:
        return sum(self.counts.values())


def shown_url(url: str) -> str:
    """``url`` with its password hidden, for messages."""
    try:
        return make_url(url).render_as_string(hide_password=True)
    except (ArgumentError, ValueError):
        return url.split("@")[-1]


def _reason(exc: BaseException) -> str:
    """The first line of a database error, without SQLAlchemy's long suffix."""
    orig = getattr(exc, "orig", None)
    lines = str(orig or exc).strip().splitlines()
    return lines[0] if lines else type(exc).__name__


def _same_database(source: str, target: str) -> bool:
    a, b = make_url(source), make_url(target)
    if a.get_backend_name() == b.get_backend_name() == "sqlite":
        if not a.database or not b.database or ":memory:" in (a.database, b.database):
            return False
        return Path(a.database).resolve() == Path(b.database).resolve()
    return a.set(password=None) == b.set(password=None)


def tables() -> list[Table]:
    """The application's tables, parents before the tables that refer to them."""
    load_all()
    return list(db.metadata.sorted_tables)


def _rows_by_table(connection: Connection, names: set[str] | None = None) -> dict[str, int]:
    return {table.name: connection.scalar(select(func.count()).select_from(table))
            for table in tables() if names is None or table.name in names}


def _revision(connection: Connection) -> str | None:
    if not inspect(connection).has_table("alembic_version"):
        return None
    return connection.scalar(text("SELECT version_num FROM alembic_version"))


def _head() -> str:
    return ScriptDirectory.from_config(alembic_config()).get_current_head() or ""


@contextmanager
def _session_on(connection: Connection) -> Iterator[None]:
    """``db.session`` on ``connection`` (inside its uncommitted transaction) for the duration:
    the report checks then read the target through the app's own services."""
    db.session.remove()
    db.session.registry.set(Session(bind=connection, autoflush=False))
    try:
        yield
    finally:
        db.session.remove()


def _report_states() -> dict[tuple[str, str], tuple[bool, str]]:
    """For each issued report file (id, format): whether its signature is valid under this
    installation's key, and whether its subject is unchanged, changed or deleted now."""
    from .verification import CHANGED, DELETED, UNCHANGED, current_digest

    states: dict[tuple[str, str], tuple[bool, str]] = {}
    digests: dict[tuple[str, str], str | None] = {}
    rows = db.session.scalars(select(IssuedReport)).all()
    key_file = Path(current_app.config["DATA_DIR"]) / signing.KEY_FILE_NAME
    # Read, never made: a data directory without the key is not the one that signed them.
    key = signing.load_or_create_key(key_file.parent) if rows and key_file.exists() else b""
    for row in rows:
        subject = (row.subject_kind, row.subject_uid)
        if subject not in digests:
            digests[subject] = current_digest(*subject)
        now = digests[subject]
        status = DELETED if now is None else UNCHANGED if now == row.content_digest else CHANGED
        signed = signing.signature_valid(key, row.report_id, row.content_digest, row.signature)
        states[(row.report_id, row.format)] = (signed, status)
    return states


def _data_dir_warnings(states: dict[tuple[str, str], tuple[bool, str]]) -> list[str]:
    """What suggests that the data directory is not the server's: issued reports whose
    signature its key does not confirm, uploaded documents missing from its uploads folder.
    The copied database would work, but without those files."""
    data_dir, upload_dir = current_app.config["DATA_DIR"], current_app.config["UPLOAD_DIR"]
    warnings = []
    unsigned = sum(1 for signed, _status in states.values() if not signed)
    if unsigned:
        warnings.append(
            f"{unsigned} of the {len(states)} issued report files are not confirmed by the "
            f"signing key in {data_dir} ({signing.KEY_FILE_NAME}): is NPIS_DATA_DIR the "
            "server's? Without the key that signed them, they cannot be verified as issued "
            "here")
    uploads = db.session.scalars(select(StoredUpload.sha256).distinct()).all()
    missing = [sha for sha in uploads if not any(Path(upload_dir).glob(f"{sha}.*"))]
    if missing:
        warnings.append(
            f"{len(missing)} of the {len(uploads)} uploaded documents are not in {upload_dir}: "
            "is NPIS_DATA_DIR the server's? The documents stay in the data directory, which "
            "the moved installation must keep using")
    return warnings


def _copy_table(source: Connection, target: Connection, table: Table, batch: int) -> int:
    """Insert every row of ``table`` from ``source`` into ``target``, ``batch`` at a time
    (ordered by primary key, so that a rerun copies the same way).

    A column referring to another row of the same table (a paper's protocol in a dossier)
    may name a row not copied yet: it is copied empty, then set once every row is there."""
    own = [fk.parent for fk in table.foreign_keys if fk.column.table is table]
    copied = 0
    result = source.execution_options(yield_per=batch).execute(
        select(table).order_by(*table.primary_key.columns))
    for rows in result.partitions():
        target.execute(table.insert(), [row._asdict() | {column.name: None for column in own}
                                        for row in rows])
        copied += len(rows)
    for column in own:
        keys = list(table.primary_key.columns)
        linked = source.execution_options(yield_per=batch).execute(
            select(*keys, column).where(column.is_not(None)).order_by(*keys))
        for rows in linked.partitions():
            target.execute(
                table.update().where(*(key == bindparam(f"key_{key.name}") for key in keys))
                .values({column.name: bindparam("value")}),
                [{**{f"key_{key.name}": row[n] for n, key in enumerate(keys)},
                  "value": row[-1]} for row in rows])
    return copied


def _reset_sequences(target: Connection) -> int:
    """On PostgreSQL, move each integer id's sequence past the largest copied id (the rows
    kept their ids, which the sequence never handed out): new rows then get fresh ids."""
    if target.dialect.name != "postgresql":
        return 0  # SQLite takes max(id) + 1 by itself
    moved = 0
    for table in tables():
        columns = list(table.primary_key.columns)
        if len(columns) != 1 or not isinstance(columns[0].type, Integer):
            continue  # keyed by text (a fingerprint, a report id): no sequence
        column = columns[0]
        sequence = target.scalar(text("SELECT pg_get_serial_sequence(:t, :c)"),
                                 {"t": table.name, "c": column.name})
        if sequence is None:
            continue
        target.execute(
            text(f'SELECT setval(:s, COALESCE(MAX("{column.name}"), 1), '
                 f'MAX("{column.name}") IS NOT NULL) FROM "{table.name}"'),
            {"s": sequence})
        moved += 1
    return moved


def _open_target(target_url: str) -> Engine:
    scheme, separator, _rest = target_url.partition("://")
    if not separator or scheme.split("+", 1)[0].strip().lower() not in SUPPORTED_DATABASES:
        raise CopyError(
            f"--to {shown_url(target_url)!r} names no database npis-checker can use: give a "
            "PostgreSQL URL (postgresql://USER@HOST:5432/DATABASE) or an SQLite file "
            "(sqlite:////absolute/path/npis-checker.db)")
    try:
        return create_engine(normalise_database_url(target_url))
    except (ArgumentError, ValueError, ImportError) as exc:
        raise CopyError(f"--to {shown_url(target_url)} is not a database URL npis-checker "
                        f"can use ({exc})") from exc


def _check_empty(target: Engine, shown: str) -> None:
    """Refuse a target that holds rows in any of the application's tables."""
    with target.connect() as connection:
        present = set(inspect(connection).get_table_names())
        counts = {name: count for name, count in _rows_by_table(connection, present).items()
                  if count}
    if counts:
        listed = ", ".join(f"{name} ({count})" for name, count in counts.items())
        raise CopyError(
            f"the target {shown} already holds data: {listed}. A copy never merges into nor "
            "overwrites a database; nothing was changed. Copy into a new, empty database "
            "(PostgreSQL: createdb; SQLite: a file that does not exist yet).")


def copy_database(target_url: str, *, batch: int = DEFAULT_BATCH) -> CopyResult:
    """Copy the database of the current app (``db.engine``) into the empty ``target_url``."""
    source_engine = db.engine
    source_url = source_engine.url.render_as_string(hide_password=False)
    result = CopyResult(source=shown_url(source_url), target=shown_url(target_url),
                        revision="")
    target_engine = _open_target(target_url)
    try:
        if _same_database(source_url, target_engine.url.render_as_string(hide_password=False)):
            raise CopyError(f"the target {result.target} is the database in use (the source): "
                            "copy into another, empty database")
        target_file = _sqlite_file(target_engine)
        file_existed = target_file is not None and target_file.exists()
        try:
            with target_engine.connect():  # makes an SQLite file that was missing
                pass
        except SQLAlchemyError as exc:
            raise CopyError(f"cannot reach the target database {result.target} "
                            f"({_reason(exc)}); nothing was copied") from exc
        _check_empty(target_engine, result.target)
        before = _target_state(target_engine, None if file_existed else target_file)
        _copy_or_undo(source_engine, target_engine, result, batch, before)
    finally:
        target_engine.dispose()
    return result


@dataclass(frozen=True)
class _TargetState:
    """What the target held before the copy touched it: its tables, and (SQLite) whether
    its file was there before the copy opened it, which made it."""

    tables: frozenset[str]
    new_file: Path | None = None


def _sqlite_file(engine: Engine) -> Path | None:
    url = engine.url
    if url.get_backend_name() != "sqlite" or not url.database or ":memory:" in url.database \
            or url.database.startswith("file:"):
        return None
    return Path(url.database)


def _target_state(engine: Engine, new_file: Path | None) -> _TargetState:
    with engine.connect() as connection:
        return _TargetState(frozenset(inspect(connection).get_table_names()), new_file)


def _copy_or_undo(source_engine: Engine, target_engine: Engine, result: CopyResult,
                  batch: int, before: _TargetState) -> None:
    """Create the target's tables and copy; on any failure (or an interruption), remove
    what the copy made (the tables it created; an SQLite file it created) and say so."""
    try:
        _create_and_copy(source_engine, target_engine, result, batch)
    except BaseException as exc:
        undone = _undo(target_engine, before)
        if isinstance(exc, CopyError) and undone:
            raise CopyError(f"{exc}. {undone}") from exc
        raise


def _undo(engine: Engine, before: _TargetState) -> str:
    """Remove what a failed copy made in the target: the file it created (SQLite), else the
    tables it created; what was done, or what to do if it could not be ("" if nothing was
    made)."""
    engine.dispose()
    if before.new_file is not None:
        try:
            for path in (before.new_file, *(before.new_file.with_name(before.new_file.name + end)
                                           for end in ("-journal", "-wal", "-shm"))):
                path.unlink(missing_ok=True)
        except OSError as exc:
            return (f"The file {before.new_file} that this copy created could not be deleted "
                    f"({exc.strerror or exc}): delete it before copying again")
        return f"The file {before.new_file} that this copy created was deleted"
    try:
        with engine.begin() as connection:
            created = set(inspect(connection).get_table_names()) - before.tables
            if not created:
                return ""
            made = MetaData()
            made.reflect(bind=connection, only=sorted(created))
            made.drop_all(bind=connection, tables=[made.tables[name] for name in created],
                          checkfirst=False)
    except SQLAlchemyError as exc:
        return (f"The tables that this copy created in the target could not be removed "
                f"({_reason(exc)}): drop and create the target database again (SQLite: delete "
                "the file) before copying again")
    finally:
        engine.dispose()
    # (A target whose tables were brought up to date first keeps its newer revision.)
    return (f"The {len(created)} tables that this copy created in the target were removed"
            + ("" if "alembic_version" in before.tables else ": it is as it was before the copy"))


def _create_and_copy(source_engine: Engine, target_engine: Engine, result: CopyResult,
                     batch: int) -> None:
    """The target's tables created (or brought up to date) by the migrations, at the
    source's revision; then the copy (:func:`_copy_all`)."""
    try:
        upgrade(target_engine)
    except CommandError as exc:  # a revision these migrations do not know
        raise CopyError(
            f"cannot upgrade the tables of the target {result.target} ({_reason(exc)}): "
            "it was made by a newer version of npis-checker. Nothing was copied") from exc
    except SQLAlchemyError as exc:
        raise CopyError(f"cannot create the tables of the target {result.target} "
                        f"({_reason(exc)}). Nothing was copied") from exc
    head = _head()
    with source_engine.connect() as source:
        source_revision = _revision(source)
    with target_engine.connect() as target:
        target_revision = _revision(target)
    if not (source_revision == target_revision == head):
        raise CopyError(
            f"schema revisions differ (source {source_revision}, target {target_revision}, "
            f"this version of npis-checker {head}): run `npis-check db upgrade` on the "
            "source with this version, then copy again; nothing was copied")
    result.revision = head
    _check_empty(target_engine, result.target)  # nothing written meanwhile
    _copy_all(source_engine, target_engine, result, batch)


@contextmanager
def _snapshot(engine: Engine) -> Iterator[Connection]:
    """A connection that reads the source as it was when the copy began, whatever a server
    still running writes meanwhile: PostgreSQL's repeatable read; on SQLite, a transaction
    begun explicitly (the driver begins none for reads), whose first read fixes what it sees."""
    with engine.connect() as connection:
        if connection.dialect.name == "postgresql":
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
        elif connection.dialect.name == "sqlite":
            connection.exec_driver_sql("BEGIN")
        yield connection  # closing it rolls back: nothing is written to the source


def _copy_all(source_engine: Engine, target_engine: Engine, result: CopyResult,
              batch: int) -> None:
    """The copy itself and its checks, in one transaction on the target."""
    db.session.remove()
    table = None
    try:
        with _snapshot(source_engine) as source, target_engine.begin() as target:
            with _session_on(source):
                before = _report_states()
                result.warnings = _data_dir_warnings(before)
            expected = _rows_by_table(source)
            for table in tables():
                result.counts[table.name] = _copy_table(source, target, table, batch)
            table = None
            result.sequences = _reset_sequences(target)
            copied = _rows_by_table(target)
            problems = [f"table {name}: {copied.get(name)} rows in the target, {count} in "
                        "the source" for name, count in expected.items()
                        if copied.get(name) != count]
            with _session_on(target):
                after = _report_states()
            problems += _report_differences(before, after)
            if problems:
                raise CopyError("the copy does not match the source, so it was undone: "
                                + "; ".join(problems))
            result.reports = len(after)
    except CopyError:
        raise
    except SQLAlchemyError as exc:
        where = f"copying table {table.name}" if table is not None else "checking the copy"
        raise CopyError(f"{where} failed ({_reason(exc)}); the copy was undone: the target "
                        "holds no copied rows") from exc


def _described(state: tuple[bool, str] | None) -> str:
    if state is None:
        return "not registered"
    signed, status = state
    return f"{'signature valid' if signed else 'signature not valid'}, subject {status}"


def _report_differences(before: dict[tuple[str, str], tuple[bool, str]],
                        after: dict[tuple[str, str], tuple[bool, str]]) -> list[str]:
    return [f"issued report {report_id} ({fmt}) would verify differently: "
            f"{_described(state)} in the source, {_described(after.get((report_id, fmt)))} "
            "in the target"
            for (report_id, fmt), state in before.items() if after.get((report_id, fmt)) != state]
