"""Tables of the tickets context."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class CatalogItem(Base):
    """A node of the service catalog (服务目录), e.g. 售后 › 退货."""

    __tablename__ = "catalog_item"
    __table_args__ = (UniqueConstraint("path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_item.id"))
    name: Mapped[str] = mapped_column(String(100))
    path: Mapped[str] = mapped_column(String(400))
    field_schema: Mapped[dict[str, Any] | None]
    active: Mapped[bool] = mapped_column(default=True)


class Ticket(Base):
    __tablename__ = "ticket"
    __table_args__ = (
        # One index per list filter, each ending in id so keyset pages walk it in order.
        Index("ix_ticket_status_id", "status", "id"),
        Index("ix_ticket_priority_id", "priority", "id"),
        Index("ix_ticket_type_id", "type", "id"),
        Index("ix_ticket_assignee_id_id", "assignee_id", "id"),
        # an agent's load (open tickets and live chats), counted on every assignment
        Index("ix_ticket_assignee_id_status_channel", "assignee_id", "status", "channel"),
        Index("ix_ticket_customer_id_id", "customer_id", "id"),
        Index("ix_ticket_created_at", "created_at"),
        # The queue of a group: its unassigned tickets, oldest first.
        Index("ix_ticket_group_id_assignee_id_id", "group_id", "assignee_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    number: Mapped[str] = mapped_column(String(20), unique=True)
    subject: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16))
    priority: Mapped[str] = mapped_column(String(16))
    type: Mapped[str] = mapped_column(String(16))
    channel: Mapped[str] = mapped_column(String(16))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    catalog_item_id: Mapped[int | None] = mapped_column(ForeignKey("catalog_item.id"))
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    # The group (客服组) the request was delivered to; routing owns the table.
    group_id: Mapped[int | None] = mapped_column(ForeignKey("agent_group.id"))
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    custom_fields: Mapped[dict[str, Any]] = mapped_column(default=dict)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    first_response_at: Mapped[datetime | None]
    solved_at: Mapped[datetime | None]
    closed_at: Mapped[datetime | None]
    # Set when this ticket was merged into another: it stays, closed, as a pointer.
    merged_into_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))


class TicketTag(Base):
    __tablename__ = "ticket_tag"
    __table_args__ = (Index("ix_ticket_tag_tag_ticket", "tag", "ticket_id"),)

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(50), primary_key=True)


class TicketNumberCounter(Base):
    """Last sequence handed out per day; bumped with an atomic upsert."""

    __tablename__ = "ticket_number_counter"

    day: Mapped[str] = mapped_column(String(8), primary_key=True)
    last: Mapped[int]


class Message(Base):
    __tablename__ = "message"
    __table_args__ = (Index("ix_message_ticket_id_id", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    author_kind: Mapped[str] = mapped_column(String(16))
    author_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    author_customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    public: Mapped[bool]
    channel: Mapped[str] = mapped_column(String(16))
    body_text: Mapped[str] = mapped_column(Text)
    body_html: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class Attachment(Base):
    __tablename__ = "attachment"

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"), index=True)
    filename: Mapped[str] = mapped_column(String(255))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    storage_key: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime]


class AuditEntry(Base):
    __tablename__ = "audit_entry"
    __table_args__ = (Index("ix_audit_entry_ticket_id_id", "ticket_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    actor_kind: Mapped[str] = mapped_column(String(16))
    actor_user_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    field: Mapped[str] = mapped_column(String(50))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
    at: Mapped[datetime]


class IdempotencyKey(Base):
    """A client's Idempotency-Key and the ticket its first request created."""

    __tablename__ = "idempotency_key"
    __table_args__ = (UniqueConstraint("user_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    key: Mapped[str] = mapped_column(String(200))
    request_hash: Mapped[str] = mapped_column(String(64))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    created_at: Mapped[datetime]


class PendingWatch(Base):
    """A ticket waiting on its customer: when to remind them and when to solve it. Kept while
    the status is pending; ``next_at`` is when the worker must look again."""

    __tablename__ = "pending_watch"

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True
    )
    since: Mapped[datetime]
    reminded_at: Mapped[datetime | None]
    next_at: Mapped[datetime | None] = mapped_column(index=True)
