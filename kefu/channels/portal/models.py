"""Tables of the customer portal: one-time sign-in codes and signed-in sessions, both kept only
as digests, and the durable queue of text messages (SMS) that carry codes to phones."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class PortalCode(Base):
    """A 6-digit code mailed to ``email`` or texted to ``phone`` (E.164; one of the two is
    set); only its keyed digest is stored. Good for a few minutes and a few tries; ``used_at``
    is set once it signed someone in."""

    __tablename__ = "portal_code"
    __table_args__ = (
        Index("ix_portal_code_email_created", "email", "created_at"),
        Index("ix_portal_code_phone_created", "phone", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    email: Mapped[str | None] = mapped_column(String(200))
    phone: Mapped[str | None] = mapped_column(String(32))
    code_digest: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class PortalSession(Base):
    """A signed-in customer's browser. The browser holds the token in a signed cookie; only
    its SHA-256 digest is stored."""

    __tablename__ = "portal_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    expires_at: Mapped[datetime]
    created_at: Mapped[datetime]


class OutboundSms(Base):
    """A text message to send, committed with what caused it (a sign-in code) and sent by the
    worker through the SMS gateway, with retries."""

    __tablename__ = "outbound_sms"
    __table_args__ = (Index("ix_outbound_sms_state_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    to: Mapped[str] = mapped_column(String(32))  # E.164
    text: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    sent_at: Mapped[datetime | None]
