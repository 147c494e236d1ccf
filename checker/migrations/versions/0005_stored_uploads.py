"""Which account uploaded which stored content (a fingerprint alone gives no access to a file).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05
"""

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "stored_uploads",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["user_id"], ["users.id"], ondelete="CASCADE",
                                name="fk_stored_uploads_user_id_users"),
        sa.PrimaryKeyConstraint("id", name="pk_stored_uploads"),
        sa.UniqueConstraint("user_id", "sha256", name="uq_stored_uploads_user_id"),
    )
    op.create_index("ix_stored_uploads_user_id", "stored_uploads", ["user_id"])
    # Until now every document listed with an assessment counted as its owner's: keep it so
    # (an earlier import cannot be told from an upload any more).
    op.execute(
        "INSERT INTO stored_uploads (user_id, sha256, uploaded_at) "
        "SELECT a.owner_id, d.sha256, MIN(d.uploaded_at) FROM assessment_documents d "
        "JOIN assessments a ON a.id = d.assessment_id WHERE d.sha256 <> '' "
        "GROUP BY a.owner_id, d.sha256"
    )


def downgrade() -> None:
    op.drop_index("ix_stored_uploads_user_id", table_name="stored_uploads")
    op.drop_table("stored_uploads")
