"""What the supervisor's board and today's charts read of the SLA clocks: the open tickets
whose clocks are at risk or breached, and the settled clocks (met or breached) of a period's
tickets by channel. Counted by GROUP BY in the database, never clock by clock in Python."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kefu.sla.models import TicketClock
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Status

OPEN_STATUSES = (Status.NEW.value, Status.OPEN.value, Status.PENDING.value, Status.ON_HOLD.value)
ALERT_STATES = ("breached", "at_risk")
SETTLED_STATES = ("met", "breached")


@dataclass(frozen=True)
class ClockAlert:
    ticket_id: int
    number: str
    subject: str
    channel: str
    assignee_id: int | None
    group_id: int | None
    metric: str
    state: str
    due_at: datetime | None


def alert_counts(session: Session) -> dict[str, int]:
    """Open tickets with at least one clock in each alert state: ``{"at_risk": n,
    "breached": m}`` (a ticket with both counts in both)."""
    rows = session.execute(
        select(TicketClock.state, func.count(func.distinct(TicketClock.ticket_id)))
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(Ticket.status.in_(OPEN_STATUSES), TicketClock.state.in_(ALERT_STATES))
        .group_by(TicketClock.state)
    )
    counts = dict.fromkeys(ALERT_STATES, 0)
    counts.update({state: int(n) for state, n in rows})
    return counts


def clock_alerts(session: Session, limit: int) -> list[ClockAlert]:
    """The at-risk and breached clocks of open tickets: breached first, then the soonest due."""
    breached_first = case((TicketClock.state == "breached", 0), else_=1)
    rows = session.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.channel,
            Ticket.assignee_id,
            Ticket.group_id,
            TicketClock.metric,
            TicketClock.state,
            TicketClock.due_at,
        )
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(Ticket.status.in_(OPEN_STATUSES), TicketClock.state.in_(ALERT_STATES))
        .order_by(breached_first, TicketClock.due_at, TicketClock.id)
        .limit(limit)
    )
    return [ClockAlert(*row) for row in rows]


def settled_by_channel(
    session: Session, start: datetime, end: datetime
) -> list[tuple[str, str, int]]:
    """(channel, state, clocks) for the met and breached clocks of tickets opened in
    [start, end): the inputs of SLA attainment."""
    rows = session.execute(
        select(Ticket.channel, TicketClock.state, func.count())
        .join(Ticket, Ticket.id == TicketClock.ticket_id)
        .where(
            Ticket.created_at >= start,
            Ticket.created_at < end,
            TicketClock.state.in_(SETTLED_STATES),
        )
        .group_by(Ticket.channel, TicketClock.state)
    )
    return [(channel, state, int(n)) for channel, state, n in rows]
