"""Penalty points (扣分) recorded against the agent responsible when the system itself sees one
of the handbook's faults: a second instant refund submitted for a case, a refund submitted
before the buyer confirmed the agreement, a refund not handled in time. Each fault counts once
per dedupe key, however often it is seen; the monthly KPIs read the table."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kefu.aftersales.models import PenaltyPoint
from kefu.aftersales.service.events import PenaltyRecorded
from kefu.aftersales.service.terms import FAULTS, Fault
from kefu.core import clock
from kefu.core.events import record


def record_penalty(
    session: Session,
    agent_id: int,
    fault: Fault,
    *,
    dedupe_key: str,
    ticket_id: int | None = None,
    case_id: int | None = None,
    detail: dict[str, Any] | None = None,
    at: datetime | None = None,
) -> bool:
    """Record the fault's points against ``agent_id`` once per ``dedupe_key``; True if this call
    recorded it (False when it was recorded before)."""
    rule = FAULTS[fault]
    insert_ = pg_insert if session.get_bind().dialect.name == "postgresql" else sqlite_insert
    statement = (
        insert_(PenaltyPoint)
        .values(
            agent_id=agent_id,
            fault=fault.value,
            points=rule.points,
            source=rule.source,
            ticket_id=ticket_id,
            case_id=case_id,
            detail=detail or {},
            dedupe_key=dedupe_key,
            at=at or clock.now(),
        )
        .on_conflict_do_nothing(index_elements=["dedupe_key"])
        .returning(PenaltyPoint.id)
    )
    recorded = session.execute(statement).scalar() is not None
    if recorded:
        record(session, PenaltyRecorded(agent_id, fault.value, rule.points))
    return recorded


def penalties_of(
    session: Session, agent_id: int, *, since: datetime, until: datetime
) -> list[PenaltyPoint]:
    """An agent's penalties recorded in [since, until), oldest first."""
    return list(
        session.scalars(
            select(PenaltyPoint)
            .where(
                PenaltyPoint.agent_id == agent_id,
                PenaltyPoint.at >= since,
                PenaltyPoint.at < until,
            )
            .order_by(PenaltyPoint.at, PenaltyPoint.id)
        )
    )


def points_of(session: Session, agent_id: int, *, since: datetime, until: datetime) -> int:
    total = session.scalar(
        select(func.coalesce(func.sum(PenaltyPoint.points), 0)).where(
            PenaltyPoint.agent_id == agent_id,
            PenaltyPoint.at >= since,
            PenaltyPoint.at < until,
        )
    )
    return int(total or 0)
