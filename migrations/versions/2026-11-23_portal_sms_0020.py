"""portal: sign-in codes by SMS (a code goes to a mail address or a phone) and the durable queue
of text messages

Revision ID: 0020
Revises: 0021
Create Date: 2026-11-23 20:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0020"
down_revision: str | None = "0021"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "outbound_sms",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("to", sa.String(length=32), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("sent_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_sms")),
    )
    with op.batch_alter_table("outbound_sms", schema=None) as batch_op:
        batch_op.create_index("ix_outbound_sms_state_due", ["state", "next_attempt_at"])

    with op.batch_alter_table("portal_code", schema=None) as batch_op:
        batch_op.add_column(sa.Column("phone", sa.String(length=32), nullable=True))
        batch_op.alter_column("email", existing_type=sa.String(length=200), nullable=True)
        batch_op.create_index("ix_portal_code_phone_created", ["phone", "created_at"])


def downgrade() -> None:
    # Codes sent by SMS have no address to keep once the column goes; they live 10 minutes.
    op.execute("DELETE FROM portal_code WHERE email IS NULL")
    with op.batch_alter_table("portal_code", schema=None) as batch_op:
        batch_op.drop_index("ix_portal_code_phone_created")
        batch_op.alter_column("email", existing_type=sa.String(length=200), nullable=False)
        batch_op.drop_column("phone")

    with op.batch_alter_table("outbound_sms", schema=None) as batch_op:
        batch_op.drop_index("ix_outbound_sms_state_due")
    op.drop_table("outbound_sms")
