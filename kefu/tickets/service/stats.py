"""Counts over tickets for reports and the supervisor's charts: volume per channel and hour
bucket, first response pairs. The caller gives the buckets' boundaries (local hours as UTC
instants), so one portable GROUP BY serves SQLite and PostgreSQL alike."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from kefu.tickets.models import Ticket


def volume_by_channel_and_bucket(
    session: Session, starts: Sequence[datetime], end: datetime
) -> list[tuple[str, int, int]]:
    """(channel, bucket index, tickets opened) for tickets opened in [starts[0], end); bucket
    ``i`` is [starts[i], starts[i + 1]) and the last one runs to ``end``."""
    if not starts:
        return []
    # Latest boundary first: the first one the ticket is not before names its bucket.
    bucket = case(
        *[
            (Ticket.created_at >= start, index)
            for index, start in reversed(list(enumerate(starts)))
        ],
        else_=-1,
    ).label("bucket")
    # Grouped outside a subquery: PostgreSQL would not see two copies of the bound CASE as
    # the same expression.
    opened = (
        select(Ticket.channel, bucket)
        .where(Ticket.created_at >= starts[0], Ticket.created_at < end)
        .subquery()
    )
    rows = session.execute(
        select(opened.c.channel, opened.c.bucket, func.count()).group_by(
            opened.c.channel, opened.c.bucket
        )
    )
    return [(channel, int(index), int(n)) for channel, index, n in rows]


def first_responses(
    session: Session, start: datetime, end: datetime
) -> list[tuple[datetime, datetime]]:
    """(created_at, first_response_at) of the tickets opened in [start, end) that had a first
    response: one period's tickets, read through the created_at index."""
    rows = session.execute(
        select(Ticket.created_at, Ticket.first_response_at).where(
            Ticket.created_at >= start,
            Ticket.created_at < end,
            Ticket.first_response_at.is_not(None),
        )
    )
    return [(created, responded) for created, responded in rows if responded is not None]
