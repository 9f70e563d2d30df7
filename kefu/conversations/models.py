"""Where each stored message came from, why it joined its ticket, and who takes part."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class ChannelMessage(Base):
    """One message as its channel delivered it: the channel's own id (a mail's Message-ID, a
    WeChat MsgId, a call id) makes redelivery a no-op, and ``rule``/``reason`` tell the agent
    why the message continued this ticket or opened it."""

    __tablename__ = "channel_message"
    __table_args__ = (UniqueConstraint("channel", "external_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))
    external_id: Mapped[str | None] = mapped_column(String(300))
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id"), index=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    rule: Mapped[str] = mapped_column(String(32))
    # A message code and its parameters, translated when read: each agent sees it in their
    # own language, whatever the language of the process that stored it.
    reason: Mapped[str] = mapped_column(String(300))
    reason_params: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]


class TicketParticipant(Base):
    """Someone in a ticket's conversation besides its customer: a colleague on CC, say. Their
    replies continue the ticket as the customer's do."""

    __tablename__ = "ticket_participant"
    __table_args__ = (Index("ix_ticket_participant_kind_value", "kind", "value"),)

    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    value: Mapped[str] = mapped_column(String(200), primary_key=True)
    created_at: Mapped[datetime]
