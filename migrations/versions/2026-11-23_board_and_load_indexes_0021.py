"""indexes for the live board and assignment: clocks by state and due time (the supervisor's
board lists those at risk or breached, soonest due first); tickets by assignee, status and
channel (an agent's load, counted on every assignment, reads only their open tickets)

Revision ID: 0021
Revises: 0019
Create Date: 2026-11-23 20:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

from alembic import op

revision: str = "0021"
down_revision: str | None = "0019"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket_clock", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_clock_state_due_at", ["state", "due_at"], unique=False)
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.create_index(
            "ix_ticket_assignee_id_status_channel",
            ["assignee_id", "status", "channel"],
            unique=False,
        )


def downgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_assignee_id_status_channel")
    with op.batch_alter_table("ticket_clock", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_clock_state_due_at")
