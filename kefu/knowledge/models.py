"""The table of canned replies (快捷语)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text, text
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class CannedReply(Base):
    """One reply an agent can insert by its shortcut. Deactivated, never deleted: a shortcut is
    unique among the active ones only, so a retired reply frees its shortcut."""

    __tablename__ = "canned_reply"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(60))
    shortcut: Mapped[str] = mapped_column(String(20))
    category: Mapped[str] = mapped_column(String(20))
    body: Mapped[str] = mapped_column(Text)
    locale: Mapped[str] = mapped_column(String(10), default="zh-CN")
    position: Mapped[int] = mapped_column(default=0)
    active: Mapped[bool] = mapped_column(default=True)
    # Where a shipped reply comes from (the handbook and its section); empty for one of our own.
    source: Mapped[str] = mapped_column(String(200), default="")
    # The key of a shipped reply, so that defaults are added once and never again.
    seed_key: Mapped[str | None] = mapped_column(String(40), unique=True)
    created_by: Mapped[int | None] = mapped_column(
        ForeignKey("user_account.id", ondelete="SET NULL")
    )
    updated_at: Mapped[datetime]

    __table_args__ = (
        Index(
            "uq_canned_reply_active_shortcut",
            "shortcut",
            unique=True,
            sqlite_where=text("active"),
            postgresql_where=text("active"),
        ),
        Index("ix_canned_reply_category_position", "category", "position"),
    )
