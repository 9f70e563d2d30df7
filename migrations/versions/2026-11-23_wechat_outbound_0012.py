"""wechat replies out, media downloads and access tokens

Revision ID: 0012
Revises: 0011
Create Date: 2026-11-23 20:00:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0012"
down_revision: str | None = "0011"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def _utc(name: str, *, nullable: bool) -> sa.Column[object]:
    return sa.Column(name, kefu.core.db.UTCDateTime(timezone=True), nullable=nullable)


def upgrade() -> None:
    op.create_table(
        "wechat_outbound",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("ticket_id", sa.Integer(), nullable=False),
        sa.Column("message_id", sa.Integer(), nullable=False),
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("openid", sa.String(length=64), nullable=False),
        sa.Column("content", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _utc("next_attempt_at", nullable=True),
        sa.Column("errcode", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("fallback", sa.String(length=16), nullable=True),
        sa.Column("fallback_mail_id", sa.Integer(), nullable=True),
        _utc("sent_at", nullable=True),
        _utc("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["wechat_account.id"],
            name=op.f("fk_wechat_outbound_account_id_wechat_account"),
        ),
        sa.ForeignKeyConstraint(
            ["fallback_mail_id"],
            ["outbound_mail.id"],
            name=op.f("fk_wechat_outbound_fallback_mail_id_outbound_mail"),
        ),
        sa.ForeignKeyConstraint(
            ["message_id"], ["message.id"], name=op.f("fk_wechat_outbound_message_id_message")
        ),
        sa.ForeignKeyConstraint(
            ["ticket_id"], ["ticket.id"], name=op.f("fk_wechat_outbound_ticket_id_ticket")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_outbound")),
        sa.UniqueConstraint("message_id", name=op.f("uq_wechat_outbound_message_id")),
    )
    with op.batch_alter_table("wechat_outbound", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wechat_outbound_state_due", ["state", "next_attempt_at"], unique=False
        )
        batch_op.create_index(
            batch_op.f("ix_wechat_outbound_ticket_id"), ["ticket_id"], unique=False
        )

    op.create_table(
        "wechat_access_token",
        sa.Column("account_id", sa.Integer(), nullable=False),
        sa.Column("token", sa.String(length=512), nullable=False),
        _utc("expires_at", nullable=False),
        _utc("fetched_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["account_id"],
            ["wechat_account.id"],
            name=op.f("fk_wechat_access_token_account_id_wechat_account"),
        ),
        sa.PrimaryKeyConstraint("account_id", name=op.f("pk_wechat_access_token")),
    )

    op.create_table(
        "wechat_media",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("push_id", sa.Integer(), nullable=False),
        sa.Column("media_id", sa.String(length=128), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        _utc("next_attempt_at", nullable=True),
        sa.Column("errcode", sa.Integer(), nullable=True),
        sa.Column("last_error", sa.String(length=500), nullable=True),
        sa.Column("attachment_id", sa.Integer(), nullable=True),
        _utc("done_at", nullable=True),
        _utc("created_at", nullable=False),
        sa.ForeignKeyConstraint(
            ["attachment_id"],
            ["attachment.id"],
            name=op.f("fk_wechat_media_attachment_id_attachment"),
        ),
        sa.ForeignKeyConstraint(
            ["push_id"], ["wechat_push.id"], name=op.f("fk_wechat_media_push_id_wechat_push")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_wechat_media")),
        sa.UniqueConstraint("push_id", name=op.f("uq_wechat_media_push_id")),
    )
    with op.batch_alter_table("wechat_media", schema=None) as batch_op:
        batch_op.create_index(
            "ix_wechat_media_state_due", ["state", "next_attempt_at"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("wechat_media", schema=None) as batch_op:
        batch_op.drop_index("ix_wechat_media_state_due")
    op.drop_table("wechat_media")
    op.drop_table("wechat_access_token")
    with op.batch_alter_table("wechat_outbound", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_wechat_outbound_ticket_id"))
        batch_op.drop_index("ix_wechat_outbound_state_due")
    op.drop_table("wechat_outbound")
