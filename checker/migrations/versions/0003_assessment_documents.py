"""Every document uploaded to an assessment (revised drafts keep the earlier ones listed).

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-01
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assessment_documents",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("filename", sa.String(255), nullable=False),
        sa.Column("sha256", sa.String(64), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("uploaded_at", sa.DateTime(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], ondelete="CASCADE",
            name="fk_assessment_documents_assessment_id_assessments",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessment_documents"),
    )
    op.create_index("ix_assessment_documents_assessment_id", "assessment_documents",
                    ["assessment_id"])
    # The document each existing assessment was created with is its first listed version.
    op.execute(
        "INSERT INTO assessment_documents "
        "(assessment_id, filename, sha256, size, uploaded_at, username) "
        "SELECT a.id, a.document_filename, a.document_sha256, a.document_size, a.created_at, "
        "u.username FROM assessments a JOIN users u ON u.id = a.owner_id "
        "WHERE a.document_sha256 <> ''"
    )


def downgrade() -> None:
    op.drop_index("ix_assessment_documents_assessment_id", table_name="assessment_documents")
    op.drop_table("assessment_documents")
