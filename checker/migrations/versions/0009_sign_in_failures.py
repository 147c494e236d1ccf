"""Failed sign-ins and last sign-in: ``sign_in_failures`` and ``users.last_sign_in_at``.

``sign_in_failures`` counts the failed sign-ins of each username tried and of each client
address, so that after too many in a while further attempts are refused for a time (the
limits are settings, README "Configuration"); it is in the database so that every worker
process of a server shares it. ``users.last_sign_in_at`` is shown by ``npis-check user list``;
it is not known for sign-ins before this version (NULL).

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "sign_in_failures",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("scope", sa.String(16), nullable=False),
        sa.Column("key", sa.String(128), nullable=False),
        sa.Column("failures", sa.Integer(), nullable=False),
        sa.Column("first_failed_at", sa.DateTime(), nullable=True),
        sa.Column("locked_until", sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_sign_in_failures"),
        sa.UniqueConstraint("scope", "key", name="uq_sign_in_failures_scope"),
    )
    with op.batch_alter_table("users") as batch:
        batch.add_column(sa.Column("last_sign_in_at", sa.DateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("users") as batch:
        batch.drop_column("last_sign_in_at")
    op.drop_table("sign_in_failures")
