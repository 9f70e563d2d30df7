"""app SDK: customer tokens (digests only), one app user to one customer

Revision ID: 0018
Revises: 0013
Create Date: 2026-11-23 20:05:00.000000
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import kefu.core.db

revision: str = "0018"
down_revision: str | None = "0013"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "customer_token",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("token_digest", sa.String(length=64), nullable=False),
        sa.Column("customer_id", sa.Integer(), nullable=False),
        sa.Column("app_user", sa.String(length=128), nullable=True),
        sa.Column("label", sa.String(length=100), nullable=False),
        sa.Column("created_by", sa.Integer(), nullable=True),
        sa.Column("created_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("expires_at", kefu.core.db.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_used_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.Column("revoked_at", kefu.core.db.UTCDateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["customer_id"], ["customer.id"], name=op.f("fk_customer_token_customer_id_customer")
        ),
        sa.ForeignKeyConstraint(
            ["created_by"],
            ["user_account.id"],
            name=op.f("fk_customer_token_created_by_user_account"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_customer_token")),
        sa.UniqueConstraint("token_digest", name=op.f("uq_customer_token_token_digest")),
    )
    with op.batch_alter_table("customer_token", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_customer_token_customer_id"), ["customer_id"], unique=False
        )
        batch_op.create_index(batch_op.f("ix_customer_token_app_user"), ["app_user"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("customer_token", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_customer_token_app_user"))
        batch_op.drop_index(batch_op.f("ix_customer_token_customer_id"))
    op.drop_table("customer_token")
