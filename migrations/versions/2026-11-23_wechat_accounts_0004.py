"""wechat accounts, followers and pushes

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-23 16:40:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "wechat_account",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=64), nullable=False),
        sa.Column("appid", sa.String(length=32), nullable=False),
        sa.Column("token", sa.String(length=64), nullable=False),
        sa.Column("aes_key", sa.String(length=43), nullable=True),
        sa.Column("secret", sa.String(length=64), nullable=True),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_account")),
        sa.UniqueConstraint("name", name=op.f("uq_wechat_account_name")),
    )
    op.create_table(
        "wechat_follower",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("openid", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("subscribed", sa.Boolean(), nullable=False),
        sa.Column("subscribed_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("unsubscribed_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("last_message_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("replies_since_message", sa.Integer(), nullable=False),
        sa.Column("last_event_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("replies_since_event", sa.Integer(), nullable=False),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("updated_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["wechat_account.id"],
            name=op.f("fk_wechat_follower_account_id_wechat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_wechat_follower_customer_id_customer")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_follower")),
        sa.UniqueConstraint(
            "account_id", "openid", name=op.f("uq_wechat_follower_account_id_openid")
        ),
    )
    with op.batch_alter_table("wechat_follower", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_wechat_follower_customer_id"), ["customer_id"], unique=False
        )

    op.create_table(
        "wechat_push",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("openid", sa.String(length=64), nullable=False),
        sa.Column("dedupe_key", sa.String(length=100), nullable=False),
        sa.Column("msg_type", sa.String(length=32), nullable=False),
        sa.Column("event", sa.String(length=64), nullable=True),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=True),
        sa.Column("message_id", sa.Integer(), nullable=True),
        sa.Column("sent_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("received_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["wechat_account.id"],
            name=op.f("fk_wechat_push_account_id_wechat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_wechat_push_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_wechat_push_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_push")),
        sa.UniqueConstraint(
            "account_id", "dedupe_key", name=op.f("uq_wechat_push_account_id_dedupe_key")
        ),
    )
    with op.batch_alter_table("wechat_push", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_wechat_push_ticket_id"), ["ticket_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("wechat_push", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wechat_push_ticket_id"))

    op.drop_table("wechat_push")
    with op.batch_alter_table("wechat_follower", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wechat_follower_customer_id"))

    op.drop_table("wechat_follower")
    op.drop_table("wechat_account")
