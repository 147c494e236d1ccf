"""Initial schema: users, catalogue snapshots, assessments, answers, answer history.

Revision ID: 0001
Revises:
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("password_hash", sa.String(255), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("id", name="pk_users"),
        sa.UniqueConstraint("username", name="uq_users_username"),
    )
    op.create_table(
        "catalogue_snapshots",
        sa.Column("fingerprint", sa.String(64), nullable=False),
        sa.Column("catalogue_id", sa.String(128), nullable=False),
        sa.Column("version", sa.String(64), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.PrimaryKeyConstraint("fingerprint", name="pk_catalogue_snapshots"),
    )
    op.create_table(
        "assessments",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("title", sa.String(300), nullable=False),
        sa.Column("document_kind", sa.String(20), nullable=False),
        sa.Column("study_type", sa.String(40), nullable=False),
        sa.Column("npi_name", sa.String(300), nullable=False),
        sa.Column("domain", sa.String(40), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("language", sa.String(20), nullable=False),
        sa.Column("reference", sa.String(300), nullable=False),
        sa.Column("catalogue_id", sa.String(128), nullable=False),
        sa.Column("catalogue_version", sa.String(64), nullable=False),
        sa.Column("catalogue_fingerprint", sa.String(64), nullable=False),
        sa.Column("document_filename", sa.String(255), nullable=False),
        sa.Column("document_sha256", sa.String(64), nullable=False),
        sa.Column("document_size", sa.Integer(), nullable=False),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["catalogue_fingerprint"], ["catalogue_snapshots.fingerprint"],
            name="fk_assessments_catalogue_fingerprint_catalogue_snapshots",
        ),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], ondelete="CASCADE",
            name="fk_assessments_owner_id_users",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_assessments"),
        sa.UniqueConstraint("uid", name="uq_assessments_uid"),
    )
    op.create_index("ix_assessments_owner_id", "assessments", ["owner_id"])
    op.create_table(
        "answers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("invariant_id", sa.String(32), nullable=False),
        sa.Column("answer", sa.String(20), nullable=True),
        sa.Column("justification", sa.Text(), nullable=False),
        sa.Column("quotation", sa.Text(), nullable=False),
        sa.Column("page", sa.String(50), nullable=False),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("origin", sa.String(20), nullable=False),
        sa.Column("confirmed_by", sa.String(64), nullable=True),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], ondelete="CASCADE",
            name="fk_answers_assessment_id_assessments",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answers"),
        sa.UniqueConstraint("assessment_id", "invariant_id", name="uq_answers_assessment_id"),
    )
    op.create_index("ix_answers_assessment_id", "answers", ["assessment_id"])
    op.create_table(
        "answer_history",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("invariant_id", sa.String(32), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=True),
        sa.Column("username", sa.String(64), nullable=False),
        sa.Column("changed_at", sa.DateTime(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("old_answer", sa.String(20), nullable=True),
        sa.Column("new_answer", sa.String(20), nullable=True),
        sa.Column("old_values", sa.JSON(), nullable=False),
        sa.Column("new_values", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], ondelete="CASCADE",
            name="fk_answer_history_assessment_id_assessments",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], ondelete="SET NULL",
            name="fk_answer_history_user_id_users",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_answer_history"),
    )
    op.create_index("ix_answer_history_assessment_id", "answer_history", ["assessment_id"])


def downgrade() -> None:
    op.drop_index("ix_answer_history_assessment_id", table_name="answer_history")
    op.drop_table("answer_history")
    op.drop_index("ix_answers_assessment_id", table_name="answers")
    op.drop_table("answers")
    op.drop_index("ix_assessments_owner_id", table_name="assessments")
    op.drop_table("assessments")
    op.drop_table("catalogue_snapshots")
    op.drop_table("users")
