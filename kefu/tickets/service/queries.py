"""Reading tickets: one ticket, keyset-paged lists, tags, audit, counts; the merge hook."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kefu.core.errors import NotFound
from kefu.search import service as search
from kefu.tickets.models import AuditEntry, Message, Ticket, TicketTag


def get_ticket(session: Session, ticket_id: int, *, for_update: bool = False) -> Ticket:
    stmt = select(Ticket).where(Ticket.id == ticket_id)
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()  # SQLite's BEGIN IMMEDIATE already serialises writers
    ticket = session.scalar(stmt)
    if ticket is None:
        raise NotFound("ticket.not_found")
    return ticket


@dataclass
class TicketFilters:
    status: list[str] | None = None
    priority: list[str] | None = None
    type: list[str] | None = None
    assignee_id: int | None = None
    unassigned: bool = False
    customer_id: int | None = None
    tag: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    q: str | None = None


def list_tickets(
    session: Session, filters: TicketFilters, *, limit: int, before_id: int | None = None
) -> list[Ticket]:
    """Newest first, keyset-paged on the id: a page never shifts when tickets are added, and no
    OFFSET or COUNT is paid however deep the list is."""
    stmt = select(Ticket)
    if filters.status:
        stmt = stmt.where(Ticket.status.in_(filters.status))
    if filters.priority:
        stmt = stmt.where(Ticket.priority.in_(filters.priority))
    if filters.type:
        stmt = stmt.where(Ticket.type.in_(filters.type))
    if filters.assignee_id is not None:
        stmt = stmt.where(Ticket.assignee_id == filters.assignee_id)
    if filters.unassigned:
        stmt = stmt.where(Ticket.assignee_id.is_(None))
    if filters.customer_id is not None:
        stmt = stmt.where(Ticket.customer_id == filters.customer_id)
    if filters.tag:
        stmt = stmt.where(
            Ticket.id.in_(select(TicketTag.ticket_id).where(TicketTag.tag == filters.tag))
        )
    if filters.created_after is not None:
        stmt = stmt.where(Ticket.created_at >= filters.created_after)
    if filters.created_before is not None:
        stmt = stmt.where(Ticket.created_at < filters.created_before)
    if filters.q:
        stmt = stmt.where(Ticket.id.in_(search.matching_ticket_ids(session, filters.q)))
    if before_id is not None:
        stmt = stmt.where(Ticket.id < before_id)
    return list(session.scalars(stmt.order_by(Ticket.id.desc()).limit(limit)))


def tags_of(session: Session, ticket_ids: list[int]) -> dict[int, list[str]]:
    result: dict[int, list[str]] = {tid: [] for tid in ticket_ids}
    if ticket_ids:
        rows = session.execute(
            select(TicketTag.ticket_id, TicketTag.tag)
            .where(TicketTag.ticket_id.in_(ticket_ids))
            .order_by(TicketTag.tag)
        )
        for ticket_id, tag in rows:
            result[ticket_id].append(tag)
    return result


def audit_of(session: Session, ticket_id: int) -> list[AuditEntry]:
    get_ticket(session, ticket_id)
    return list(
        session.scalars(
            select(AuditEntry).where(AuditEntry.ticket_id == ticket_id).order_by(AuditEntry.id)
        )
    )


def counts_by_customer(session: Session, customer_ids: list[int]) -> dict[int, dict[str, int]]:
    """Ticket counts per status for each customer (one grouped query)."""
    result: dict[int, dict[str, int]] = {cid: {} for cid in customer_ids}
    if customer_ids:
        rows = session.execute(
            select(Ticket.customer_id, Ticket.status, func.count())
            .where(Ticket.customer_id.in_(customer_ids))
            .group_by(Ticket.customer_id, Ticket.status)
        )
        for customer_id, status, count in rows:
            result[customer_id][status] = count
    return result


def move_customer_records(session: Session, from_id: int, to_id: int) -> None:
    """Merge hook: a merged customer's tickets and messages now belong to the kept one."""
    session.execute(update(Ticket).where(Ticket.customer_id == from_id).values(customer_id=to_id))
    session.execute(
        update(Message)
        .where(Message.author_customer_id == from_id)
        .values(author_customer_id=to_id)
    )
