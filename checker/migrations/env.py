"""Alembic environment: always given a live connection by :func:`checker.migrations.upgrade`."""

from alembic import context

from checker import models  # noqa: F401  (registers the tables on Base.metadata)
from checker.extensions import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations with `npis-check db upgrade` (it supplies the connection)")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
