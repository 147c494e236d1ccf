"""Who accepted a suggestion: the person whose save gave the answer its justification.

Reports head a suggestion's rationale kept unchanged "accepted by <name>"; the name was the
answer's ``confirmed_by``, which every save overwrites, so a colleague who later moved only the
quotation became the one who "accepted" it. ``accepted_by`` keeps who gave the answer its
current justification. For existing answers it is read from the history: walking each answer's
changes in order, a person's save that changes the justification, or confirms a suggestion,
sets it; one that leaves a person's justification as it was keeps it. Where the history does
not end on the answer's current justification (an answer imported from a file, or a history
that is incomplete), the only name known is kept: ``confirmed_by``, as before.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-09
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

answers = sa.table(
    "answers",
    sa.column("id", sa.Integer()),
    sa.column("assessment_id", sa.Integer()),
    sa.column("invariant_id", sa.String()),
    sa.column("justification", sa.Text()),
    sa.column("origin", sa.String()),
    sa.column("confirmed_by", sa.String()),
    sa.column("accepted_by", sa.String()),
)
history = sa.table(
    "answer_history",
    sa.column("id", sa.Integer()),
    sa.column("assessment_id", sa.Integer()),
    sa.column("invariant_id", sa.String()),
    sa.column("username", sa.String()),
    sa.column("new_values", sa.JSON()),
)


def accepters(entries: list[tuple[str, dict]]) -> tuple[str, str | None] | None:
    """(justification, who gave it) after the changes ``entries`` (username, new values),
    oldest first; None without any."""
    state: tuple[str, str | None] | None = None
    by_person = False
    for username, values in entries:
        justification = str(values.get("justification") or "")
        if values.get("origin") == "suggestion":  # written by the software, accepted by nobody
            state, by_person = (justification, None), False
        elif values.get("imported"):  # who gave it before the import is not known
            state, by_person = (justification, None), True
        elif by_person and state is not None and state[0] == justification:
            continue  # the person's justification kept as it was: so is who gave it
        else:
            state, by_person = (justification, username), True
    return state


def upgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.add_column(sa.Column("accepted_by", sa.String(64), nullable=True))
    connection = op.get_bind()
    people = {
        (row.assessment_id, row.invariant_id): row
        for row in connection.execute(
            sa.select(answers.c.id, answers.c.assessment_id, answers.c.invariant_id,
                      answers.c.justification, answers.c.confirmed_by)
            .where(answers.c.origin == "human"))
    }
    if not people:
        return
    changes: dict[tuple[int, str], list[tuple[str, dict]]] = {}
    for entry in connection.execute(
            sa.select(history.c.assessment_id, history.c.invariant_id, history.c.username,
                      history.c.new_values).order_by(history.c.id)):
        key = (entry.assessment_id, entry.invariant_id)
        if key in people:
            changes.setdefault(key, []).append((entry.username, entry.new_values or {}))
    for key, row in people.items():
        state = accepters(changes.get(key, []))
        who = state[1] if state is not None and state[0] == (row.justification or "") else None
        connection.execute(answers.update().where(answers.c.id == row.id)
                           .values(accepted_by=who or row.confirmed_by))


def downgrade() -> None:
    with op.batch_alter_table("answers") as batch:
        batch.drop_column("accepted_by")
