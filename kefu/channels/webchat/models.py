"""Tables of the web chat channel: a visitor's chat session (its token stored as a digest, how
far each side has read, when each side last typed) and the tickets its conversation has lived
on."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class ChatSession(Base):
    """One visitor's chat, from a widget on a shop's page. The visitor holds the token (kept in
    the browser); only its SHA-256 digest is stored. ``customer_id`` is set once the visitor
    gave a contact or wrote a first message; ``ticket_id`` is the ticket the next message
    continues while it is unfinished."""

    __tablename__ = "chat_session"

    id: Mapped[int] = mapped_column(primary_key=True)
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    shop: Mapped[str] = mapped_column(String(64))
    page: Mapped[str] = mapped_column(String(500))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    # Read receipts: the last message id each side has seen (the visitor's widget reports its
    # own; an agent's page reports the agents'). Typing: when each side last said it was
    # typing, which also throttles how often that is passed on.
    customer_read_id: Mapped[int | None]
    agent_read_id: Mapped[int | None]
    customer_typing_at: Mapped[datetime | None]
    agent_typing_at: Mapped[datetime | None]


class ChatSessionTicket(Base):
    """A ticket the session's conversation has been on: the visitor sees the public messages of
    these (and of the tickets they were merged into), and nothing else."""

    __tablename__ = "chat_session_ticket"

    session_id: Mapped[int] = mapped_column(ForeignKey("chat_session.id"), primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), primary_key=True, index=True)
    created_at: Mapped[datetime]
