"""The protocol a paper of a dossier reports: ``dossier_studies.protocol_study_id``.

Another row of the same table (the protocol's place in the same dossier), set to NULL when
that row goes: the protocol taken out of the dossier, its assessment or the dossier deleted.
Existing papers name none (the dossier's advice then words it as before).

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-07
"""

import sqlalchemy as sa
from alembic import op

revision = "0011"
down_revision = "0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("dossier_studies") as batch:
        batch.add_column(sa.Column("protocol_study_id", sa.Integer(), nullable=True))
        batch.create_foreign_key(
            "fk_dossier_studies_protocol_study_id_dossier_studies", "dossier_studies",
            ["protocol_study_id"], ["id"], ondelete="SET NULL")
        batch.create_index("ix_dossier_studies_protocol_study_id", ["protocol_study_id"])


def downgrade() -> None:
    with op.batch_alter_table("dossier_studies") as batch:
        batch.drop_index("ix_dossier_studies_protocol_study_id")
        batch.drop_constraint("fk_dossier_studies_protocol_study_id_dossier_studies",
                              type_="foreignkey")
        batch.drop_column("protocol_study_id")
