"""Reading tickets: one ticket, keyset-paged lists, tags, audit, counts; the merge hook."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import ColumnElement, func, or_, select, update
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
    group_id: int | None = None
    customer_id: int | None = None
    tag: str | None = None
    created_after: datetime | None = None
    created_before: datetime | None = None
    q: str | None = None
    # A viewer's blind spots (private desks they are not on): those groups' tickets are left
    # out unless assigned to ``viewer_id``.
    hidden_group_ids: frozenset[int] = frozenset()
    viewer_id: int | None = None


def _conditions(session: Session, filters: TicketFilters) -> list[ColumnElement[bool]]:
    """One WHERE condition per given filter; each is served by an index ending in ``id``."""
    f = filters
    # Conditions are built lazily: SQLAlchemy refuses comparisons such as ``>= None``.
    wanted: list[tuple[bool, Callable[[], ColumnElement[bool]]]] = [
        (bool(f.status), lambda: Ticket.status.in_(f.status or [])),
        (bool(f.priority), lambda: Ticket.priority.in_(f.priority or [])),
        (bool(f.type), lambda: Ticket.type.in_(f.type or [])),
        (f.assignee_id is not None, lambda: Ticket.assignee_id == f.assignee_id),
        (f.unassigned, lambda: Ticket.assignee_id.is_(None)),
        (f.group_id is not None, lambda: Ticket.group_id == f.group_id),
        (f.customer_id is not None, lambda: Ticket.customer_id == f.customer_id),
        (
            bool(f.tag),
            lambda: Ticket.id.in_(select(TicketTag.ticket_id).where(TicketTag.tag == f.tag)),
        ),
        (f.created_after is not None, lambda: Ticket.created_at >= f.created_after),
        (f.created_before is not None, lambda: Ticket.created_at < f.created_before),
    ]
    conditions = [build() for given, build in wanted if given]
    if f.hidden_group_ids:
        conditions.append(
            or_(
                Ticket.group_id.is_(None),
                Ticket.group_id.not_in(f.hidden_group_ids),
                Ticket.assignee_id == f.viewer_id,
            )
        )
    if f.q:
        conditions.append(Ticket.id.in_(search.matching_ticket_ids(session, f.q)))
    return conditions


def list_tickets(
    session: Session, filters: TicketFilters, *, limit: int, before_id: int | None = None
) -> list[Ticket]:
    """Newest first, keyset-paged on the id: a page never shifts when tickets are added, and no
    OFFSET or COUNT is paid however deep the list is."""
    stmt = select(Ticket).where(*_conditions(session, filters))
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
