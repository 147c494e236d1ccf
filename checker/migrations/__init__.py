"""Alembic migrations, shipped inside the package and applied programmatically."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Connection, Engine

SCRIPT_LOCATION = Path(__file__).resolve().parent


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(SCRIPT_LOCATION))
    return cfg


@lru_cache(maxsize=1)
def head_revisions() -> frozenset[str]:
    """The revisions the shipped migration scripts end at (read once per process)."""
    return frozenset(ScriptDirectory.from_config(alembic_config()).get_heads())


def is_current(connection: Connection) -> bool:
    """Whether the database already stands at the shipped head revisions."""
    current = MigrationContext.configure(connection).get_current_heads()
    return frozenset(current) == head_revisions()


def upgrade(engine: Engine, revision: str = "head") -> None:
    """Bring the database behind ``engine`` to ``revision`` (idempotent).

    A database already at the head is left without running Alembic's environment, which
    imports the migration scripts every time: a third of the time an app took to start on
    an up-to-date database, paid on every start and by every test that builds an app."""
    cfg = alembic_config()
    with engine.begin() as connection:
        if revision == "head" and is_current(connection):
            return
        cfg.attributes["connection"] = connection
        command.upgrade(cfg, revision)


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as connection:
        cfg.attributes["connection"] = connection
        command.downgrade(cfg, revision)
