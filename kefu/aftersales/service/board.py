"""What the supervisor's board reads of complaints: the open ones (the ticket not solved or
closed, the complaint not closed) with their state, since when, and when the SOP wants the
next step (seed 004 客诉作业指引: 5 / 30 / 10 minutes)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kefu.aftersales.models import Complaint
from kefu.aftersales.rules import ComplaintState
from kefu.aftersales.service.complaints import due_at, time_limits
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Status, TicketType

OPEN_STATUSES = (Status.NEW.value, Status.OPEN.value, Status.PENDING.value, Status.ON_HOLD.value)
BEIJING = ZoneInfo("Asia/Shanghai")


@dataclass(frozen=True)
class OpenComplaint:
    ticket_id: int
    number: str
    subject: str
    channel: str
    assignee_id: int | None
    state: str
    state_since: datetime
    opened_at: datetime
    due_at: datetime | None  # when the SOP wants the next step; None: no limit in this state


def open_complaints(session: Session, limit: int) -> tuple[int, list[OpenComplaint]]:
    """How many complaints are open, and the oldest ``limit`` of them."""
    # A complaint is stored once it first moves; before that it is "received" since opening.
    state = func.coalesce(Complaint.state, ComplaintState.RECEIVED.value)
    where = (
        Ticket.type == TicketType.COMPLAINT.value,
        Ticket.status.in_(OPEN_STATUSES),
        state != ComplaintState.CLOSED.value,
    )
    joined = select(Ticket.id).outerjoin(Complaint, Complaint.ticket_id == Ticket.id)
    total = session.scalar(select(func.count()).select_from(joined.where(*where).subquery()))
    rows = session.execute(
        select(
            Ticket.id,
            Ticket.number,
            Ticket.subject,
            Ticket.channel,
            Ticket.assignee_id,
            state,
            Complaint.state_since,
            Ticket.created_at,
        )
        .outerjoin(Complaint, Complaint.ticket_id == Ticket.id)
        .where(*where)
        .order_by(Ticket.id)
        .limit(limit)
    ).all()
    limits = time_limits(session, tz=BEIJING)
    out = []
    for ticket_id, number, subject, channel, assignee_id, st, since, opened in rows:
        since = since or opened
        probe = Complaint(state=st, state_since=since)
        out.append(
            OpenComplaint(
                ticket_id=ticket_id,
                number=number,
                subject=subject,
                channel=channel,
                assignee_id=assignee_id,
                state=st,
                state_since=since,
                opened_at=opened,
                due_at=due_at(probe, limits),
            )
        )
    return int(total or 0), out
