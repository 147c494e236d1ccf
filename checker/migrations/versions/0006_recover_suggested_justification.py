"""Recover, from the answer history, the rationale of suggestions accepted before 0004.

Reports tell a suggestion's rationale kept unchanged from an assessor's justification by
comparing the justification with the rationale stored beside it (``suggested_justification``).
Answers accepted before 0004 have none stored, so their rationale would read as the assessor's
words. The history kept every suggestion's values: where an answer's justification is, word
for word, the justification of a suggestion in its history, that text is stored as the
suggestion's. The language it was written in is not known (it followed the interface of the
person who asked for suggestions), hence the key ``und`` (BCP 47 "undetermined"); reports
then show it as written, in every language, as before.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-08
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

UNDETERMINED_LANGUAGE = "und"
# The history entries whose values a suggestion wrote (see checker.services.suggestions._log).
SUGGESTION_ORIGINS = ("suggestion", "accepted suggestion")

answers = sa.table(
    "answers",
    sa.column("id", sa.Integer()),
    sa.column("assessment_id", sa.Integer()),
    sa.column("invariant_id", sa.String()),
    sa.column("justification", sa.Text()),
    sa.column("suggested_justification", sa.JSON()),
)
history = sa.table(
    "answer_history",
    sa.column("assessment_id", sa.Integer()),
    sa.column("invariant_id", sa.String()),
    sa.column("new_values", sa.JSON()),
)


def upgrade() -> None:
    connection = op.get_bind()
    missing = {
        (row.assessment_id, row.invariant_id): (row.id, row.justification)
        for row in connection.execute(
            sa.select(answers.c.id, answers.c.assessment_id, answers.c.invariant_id,
                      answers.c.justification, answers.c.suggested_justification)
            .where(answers.c.justification != "")
        )
        # SQL NULL or a JSON null, whichever the database holds.
        if not row.suggested_justification
    }
    if not missing:
        return
    recovered: dict[int, str] = {}
    for entry in connection.execute(
            sa.select(history.c.assessment_id, history.c.invariant_id, history.c.new_values)):
        found = missing.get((entry.assessment_id, entry.invariant_id))
        values = entry.new_values or {}
        if (found is not None and values.get("origin") in SUGGESTION_ORIGINS
                and values.get("justification") == found[1]):
            recovered[found[0]] = found[1]
    for answer_id, text in recovered.items():
        connection.execute(
            answers.update().where(answers.c.id == answer_id)
            .values(suggested_justification={UNDETERMINED_LANGUAGE: text})
        )


def downgrade() -> None:
    # What 0004 stored and what this recovered cannot be told apart; both stay (the column
    # itself goes with 0004's downgrade).
    pass
