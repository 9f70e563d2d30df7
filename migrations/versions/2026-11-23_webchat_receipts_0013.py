"""webchat: read positions and typing times of a chat session (read receipts and typing
indicators for the visitor and the agents)

Revision ID: 0013
Revises: 0012
Create Date: 2026-11-23 21:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0013"
down_revision: str | None = "0012"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

COLUMNS = ("customer_read_id", "agent_read_id", "customer_typing_at", "agent_typing_at")


def upgrade() -> None:
    with op.batch_alter_table("chat_session", schema=None) as batch_op:
        batch_op.add_column(sa.Column("customer_read_id", sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column("agent_read_id", sa.Integer(), nullable=True))
        batch_op.add_column(
            sa.Column("customer_typing_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True)
        )
        batch_op.add_column(
            sa.Column("agent_typing_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True)
        )


def downgrade() -> None:
    with op.batch_alter_table("chat_session", schema=None) as batch_op:
        for name in reversed(COLUMNS):
            batch_op.drop_column(name)
