"""aftersales: platform disputes with their events, complaint conversations and call-back
tasks, the watch for complaints not reported, and the sweeps' cursor

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-23 21:10:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0011"
down_revision: str | None = "0010"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = kefu.core.db.UTCDateTime(timezone=True)


def upgrade() -> None:
    _disputes()
    _complaints()
    op.create_table(
        "aftersales_sweep_cursor",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("last_id", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_aftersales_sweep_cursor")),
    )


def _disputes() -> None:
    op.create_table(
        "aftersales_dispute",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("order_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("outcome", sa.String(length=16), nullable=False),
        sa.Column("opened_at", UTC, nullable=False),
        sa.Column("platform_deadline_at", UTC, nullable=True),
        sa.Column("deadline_at", UTC, nullable=False),
        sa.Column("checklist", sa.JSON(), nullable=False),
        sa.Column("assessment", sa.JSON(), nullable=False),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.Column("closed_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["order_id"], ["shop_order.id"], name=op.f("fk_aftersales_dispute_order_id_shop_order")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_aftersales_dispute_ticket_id_ticket")
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"],
            ["customer.id"],
            name=op.f("fk_aftersales_dispute_customer_id_customer"),
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"],
            ["user_account.id"],
            name=op.f("fk_aftersales_dispute_agent_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_dispute")),
    )
    with op.batch_alter_table("aftersales_dispute", schema=None) as batch_op:
        batch_op.create_index("ix_aftersales_dispute_order_id_id", ["order_id", "id"])
        batch_op.create_index("ix_aftersales_dispute_ticket_id_id", ["ticket_id", "id"])
        batch_op.create_index("ix_aftersales_dispute_state_deadline_at", ["state", "deadline_at"])
        batch_op.create_index(
            batch_op.f("ix_aftersales_dispute_customer_id"), ["customer_id"], unique=False
        )
    op.create_table(
        "aftersales_dispute_event",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("dispute_id", sa.Integer(), nullable=False),
        sa.Column("actor_id", sa.Integer(), nullable=True),
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("detail", sa.JSON(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["dispute_id"],
            ["aftersales_dispute.id"],
            name=op.f("fk_aftersales_dispute_event_dispute_id_aftersales_dispute"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["actor_id"],
            ["user_account.id"],
            name=op.f("fk_aftersales_dispute_event_actor_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_aftersales_dispute_event")),
    )
    with op.batch_alter_table("aftersales_dispute_event", schema=None) as batch_op:
        batch_op.create_index(
            "ix_aftersales_dispute_event_dispute_id_id", ["dispute_id", "id"], unique=False
        )


def _complaints() -> None:
    op.create_table(
        "complaint_conversation",
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("channel", sa.String(length=16), nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.ticket_id"],
            name=op.f("fk_complaint_conversation_complaint_id_complaint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_complaint_conversation_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint(
            "complaint_id", "ticket_id", name=op.f("pk_complaint_conversation")
        ),
    )
    op.create_table(
        "callback_task",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("complaint_id", sa.Integer(), nullable=False),
        sa.Column("customer_phone", sa.String(length=32), nullable=False),
        sa.Column("due_at", UTC, nullable=False),
        sa.Column("done_at", UTC, nullable=True),
        sa.Column("done_by_id", sa.Integer(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(
            ["complaint_id"],
            ["complaint.ticket_id"],
            name=op.f("fk_callback_task_complaint_id_complaint"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["done_by_id"],
            ["user_account.id"],
            name=op.f("fk_callback_task_done_by_id_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_callback_task")),
        sa.UniqueConstraint("complaint_id", name=op.f("uq_callback_task_complaint_id")),
    )
    with op.batch_alter_table("callback_task", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_callback_task_due_at"), ["due_at"], unique=False)
    op.create_table(
        "complaint_watch",
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("keyword", sa.String(length=20), nullable=False),
        sa.Column("seen_at", UTC, nullable=False),
        sa.Column("due_at", UTC, nullable=True),
        sa.Column("outcome", sa.String(length=20), nullable=False),
        sa.Column("agent_id", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(
            ["ticket_id"],
            ["ticket.id"],
            name=op.f("fk_complaint_watch_ticket_id_ticket"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["message_id"],
            ["message.id"],
            name=op.f("fk_complaint_watch_message_id_message"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["agent_id"], ["user_account.id"], name=op.f("fk_complaint_watch_agent_id_user_account")
        ),
        sa.PrimaryKeyConstraint("ticket_id", name=op.f("pk_complaint_watch")),
    )
    with op.batch_alter_table("complaint_watch", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_complaint_watch_due_at"), ["due_at"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("complaint_watch", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_complaint_watch_due_at"))
    op.drop_table("complaint_watch")
    with op.batch_alter_table("callback_task", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_callback_task_due_at"))
    op.drop_table("callback_task")
    op.drop_table("complaint_conversation")
    with op.batch_alter_table("aftersales_dispute_event", schema=None) as batch_op:
        batch_op.drop_index("ix_aftersales_dispute_event_dispute_id_id")
    op.drop_table("aftersales_dispute_event")
    with op.batch_alter_table("aftersales_dispute", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_aftersales_dispute_customer_id"))
        batch_op.drop_index("ix_aftersales_dispute_state_deadline_at")
        batch_op.drop_index("ix_aftersales_dispute_ticket_id_id")
        batch_op.drop_index("ix_aftersales_dispute_order_id_id")
    op.drop_table("aftersales_dispute")
    op.drop_table("aftersales_sweep_cursor")
