"""email channel and conversations: channel_message, ticket_participant, inbound_mail,
outbound_mail; ticket.merged_into_id

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 15:01:58.239843
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.add_column(sa.Column("merged_into_id", sa.Integer(), nullable=True))
        batch_op.create_foreign_key(
            batch_op.f("fk_ticket_merged_into_id_ticket"), "ticket", ["merged_into_id"], ["id"]
        )
    op.create_table(
        "ticket_participant",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("value", sa.String(length=200), nullable=False),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_ticket_participant_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("ticket_id", "kind", "value", name=op.f("pk_ticket_participant")),
    )
    with op.batch_alter_table("ticket_participant", schema=None) as batch_op:
        batch_op.create_index("ix_ticket_participant_kind_value", ["kind", "value"], unique=False)

    op.create_table(
        "channel_message",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.Column("external_id", sa.String(length=300), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("reason_params", sa.JSON(), nullable=False),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_channel_message_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_channel_message_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_channel_message")),
        sa.UniqueConstraint(
            "channel", "external_id", name=op.f("uq_channel_message_channel_external_id")
        ),
    )
    with op.batch_alter_table("channel_message", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_channel_message_message_id"), ["message_id"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_channel_message_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "inbound_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("message_id_header", sa.String(length=300), nullable=True),
        sa.Column("raw_key", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("sender", sa.String(length=200), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("outcome", sa.String(length=24), nullable=False),
        sa.Column("rule", sa.String(length=32), nullable=False),
        sa.Column("reason", sa.String(length=300), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("defects", sa.JSON(), nullable=False),
        sa.Column("received_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_inbound_mail_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_inbound_mail_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_inbound_mail")),
    )
    with op.batch_alter_table("inbound_mail", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_inbound_mail_message_id_header"), ["message_id_header"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_inbound_mail_outcome"), ["outcome"], unique=False)
        batch_op.create_index(batch_op.f("ix_inbound_mail_ticket_id"), ["ticket_id"], unique=False)

    op.create_table(
        "outbound_mail",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("message_id_header", sa.String(length=300), nullable=False),
        sa.Column("in_reply_to", sa.String(length=300), nullable=True),
        sa.Column("references", sa.JSON(), nullable=False),
        sa.Column("to_addrs", sa.JSON(), nullable=False),
        sa.Column("cc_addrs", sa.JSON(), nullable=False),
        sa.Column("subject", sa.String(length=300), nullable=False),
        sa.Column("body_text", sa.Text(), nullable=False),
        sa.Column("body_html", sa.Text(), nullable=True),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("next_attempt_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("sent_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_outbound_mail_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_outbound_mail_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outbound_mail")),
        sa.UniqueConstraint("message_id_header", name=op.f("uq_outbound_mail_message_id_header")),
    )
    with op.batch_alter_table("outbound_mail", schema=None) as batch_op:
        batch_op.create_index(
            "ix_outbound_mail_status_due", ["status", "next_attempt_at"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_outbound_mail_ticket_id"), ["ticket_id"], unique=False)

    # ### end Alembic commands ###


def downgrade() -> None:
    # ### commands auto generated by Alembic - please adjust! ###
    with op.batch_alter_table("outbound_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_outbound_mail_ticket_id"))
        batch_op.drop_index("ix_outbound_mail_status_due")

    op.drop_table("outbound_mail")
    with op.batch_alter_table("inbound_mail", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_inbound_mail_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_inbound_mail_outcome"))
        batch_op.drop_index(batch_op.f("ix_inbound_mail_message_id_header"))

    op.drop_table("inbound_mail")
    with op.batch_alter_table("channel_message", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_channel_message_ticket_id"))
        batch_op.drop_index(batch_op.f("ix_channel_message_message_id"))

    op.drop_table("channel_message")
    with op.batch_alter_table("ticket_participant", schema=None) as batch_op:
        batch_op.drop_index("ix_ticket_participant_kind_value")

    op.drop_table("ticket_participant")
    # ### end Alembic commands ###
    with op.batch_alter_table("ticket", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("fk_ticket_merged_into_id_ticket"), type_="foreignkey")
        batch_op.drop_column("merged_into_id")
