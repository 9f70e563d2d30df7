"""Mail in and mail out: every received mail with what became of it, and the durable queue of
mail to send."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class InboundMail(Base):
    """One received mail, kept raw under ``KEFU_HOME/mail`` whatever became of it: threaded,
    ignored as an auto-reply or our own mail, matched as a bounce, or held for review."""

    __tablename__ = "inbound_mail"

    id: Mapped[int] = mapped_column(primary_key=True)
    message_id_header: Mapped[str | None] = mapped_column(String(300), index=True)
    raw_key: Mapped[str] = mapped_column(String(200))
    size: Mapped[int]
    sender: Mapped[str] = mapped_column(String(200))
    subject: Mapped[str] = mapped_column(String(300))
    outcome: Mapped[str] = mapped_column(String(24), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    reason: Mapped[str] = mapped_column(String(300))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"))
    defects: Mapped[list[str]]
    received_at: Mapped[datetime]


class OutboundMail(Base):
    """A mail to send (a reply, an acknowledgement), committed with what caused it and sent by
    the worker with retries; its Message-ID is how the customer's reply finds the ticket."""

    __tablename__ = "outbound_mail"
    __table_args__ = (Index("ix_outbound_mail_status_due", "status", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    # None for mail about no ticket (a portal sign-in code)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"))
    kind: Mapped[str] = mapped_column(String(16))
    message_id_header: Mapped[str] = mapped_column(String(300), unique=True)
    in_reply_to: Mapped[str | None] = mapped_column(String(300))
    references: Mapped[list[str]]
    to_addrs: Mapped[list[str]]
    cc_addrs: Mapped[list[str]]
    subject: Mapped[str] = mapped_column(String(300))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str | None] = mapped_column(Text)
    status: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
