"""The SLA clocks as a ticket list shows them: one indexed query for a whole page."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.sla.models import TicketClock


def badges_of(session: Session, ticket_ids: list[int]) -> dict[int, list[dict[str, Any]]]:
    """Per ticket: each clock's metric, stored state and due time."""
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    if not ticket_ids:
        return out
    rows = session.execute(
        select(TicketClock.ticket_id, TicketClock.metric, TicketClock.state, TicketClock.due_at)
        .where(TicketClock.ticket_id.in_(ticket_ids))
        .order_by(TicketClock.ticket_id, TicketClock.id)
    )
    for ticket_id, metric, state, due_at in rows:
        out[ticket_id].append({"metric": metric, "state": state, "due_at": due_at})
    return out
