"""Facts the tickets context records in the outbox."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TicketOpened:
    ticket_id: int
    number: str
    customer_id: int
    channel: str
    type: str
    priority: str


@dataclass(frozen=True)
class TicketChanged:
    ticket_id: int
    fields: tuple[str, ...]


@dataclass(frozen=True)
class MessageAdded:
    ticket_id: int
    message_id: int
    author_kind: str
    public: bool
