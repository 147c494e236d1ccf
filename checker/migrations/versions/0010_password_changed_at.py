"""When a password was last changed: ``users.password_changed_at``.

A session holds the password's stamp, and ends when the password changes; one opened by a
version before the stamp holds none. Such a session is honoured only while the account's
password has not changed since this migration (NULL), so that a new password ends it too.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("password_changed_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("password_changed_at")
