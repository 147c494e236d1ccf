"""Dossiers, their studies, study publication details, and the registry of issued reports.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "dossiers",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("uid", sa.String(32), nullable=False),
        sa.Column("owner_id", sa.Integer(), nullable=False),
        sa.Column("npi_name", sa.String(300), nullable=False),
        sa.Column("domain", sa.String(40), nullable=False),
        sa.Column("health_problem", sa.String(300), nullable=False),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("screening_answers", sa.JSON(), nullable=True),
        sa.Column("screening_domain", sa.String(40), nullable=False),
        sa.Column("screening_version", sa.String(40), nullable=False),
        sa.Column("screened_at", sa.DateTime(), nullable=True),
        sa.Column("created_at", sa.DateTime(), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["owner_id"], ["users.id"], ondelete="CASCADE", name="fk_dossiers_owner_id_users",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossiers"),
        sa.UniqueConstraint("uid", name="uq_dossiers_uid"),
    )
    op.create_index("ix_dossiers_owner_id", "dossiers", ["owner_id"])
    op.create_table(
        "study_publications",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("peer_reviewed", sa.Boolean(), nullable=False),
        sa.Column("journal", sa.String(300), nullable=False),
        sa.Column("doi", sa.String(200), nullable=False),
        sa.Column("year", sa.Integer(), nullable=True),
        sa.Column("country", sa.String(100), nullable=False),
        sa.Column("updated_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], ondelete="CASCADE",
            name="fk_study_publications_assessment_id_assessments",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_study_publications"),
        sa.UniqueConstraint("assessment_id", name="uq_study_publications_assessment_id"),
    )
    op.create_table(
        "dossier_studies",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dossier_id", sa.Integer(), nullable=False),
        sa.Column("assessment_id", sa.Integer(), nullable=False),
        sa.Column("added_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["dossier_id"], ["dossiers.id"], ondelete="CASCADE",
            name="fk_dossier_studies_dossier_id_dossiers",
        ),
        sa.ForeignKeyConstraint(
            ["assessment_id"], ["assessments.id"], ondelete="CASCADE",
            name="fk_dossier_studies_assessment_id_assessments",
        ),
        sa.PrimaryKeyConstraint("id", name="pk_dossier_studies"),
        sa.UniqueConstraint("dossier_id", "assessment_id", name="uq_dossier_studies_dossier_id"),
    )
    op.create_index("ix_dossier_studies_dossier_id", "dossier_studies", ["dossier_id"])
    op.create_index("ix_dossier_studies_assessment_id", "dossier_studies", ["assessment_id"])
    op.create_table(
        "issued_reports",
        sa.Column("report_id", sa.String(64), nullable=False),
        sa.Column("format", sa.String(10), nullable=False),
        sa.Column("subject_kind", sa.String(20), nullable=False),
        sa.Column("subject_uid", sa.String(32), nullable=False),
        sa.Column("lang", sa.String(5), nullable=False),
        sa.Column("content_digest", sa.String(64), nullable=False),
        sa.Column("signature", sa.String(64), nullable=False),
        sa.Column("file_sha256", sa.String(64), nullable=False),
        sa.Column("issued_at", sa.DateTime(), nullable=False),
        sa.Column("issued_by", sa.String(64), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("report_id", "format", name="pk_issued_reports"),
    )
    op.create_index("ix_issued_reports_subject_uid", "issued_reports", ["subject_uid"])


def downgrade() -> None:
    op.drop_index("ix_issued_reports_subject_uid", table_name="issued_reports")
    op.drop_table("issued_reports")
    op.drop_index("ix_dossier_studies_assessment_id", table_name="dossier_studies")
    op.drop_index("ix_dossier_studies_dossier_id", table_name="dossier_studies")
    op.drop_table("dossier_studies")
    op.drop_table("study_publications")
    op.drop_index("ix_dossiers_owner_id", table_name="dossiers")
    op.drop_table("dossiers")
