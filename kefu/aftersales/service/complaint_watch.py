"""The worker's watch for complaints not reported (seed 000 七 注: 发现投诉后不予理睬和上报的).

``sweep_unreported_complaints`` reads the customers' new messages once each (a cursor shared by
every worker): a message that reads like a complaint (``rules.complaint_signal``) on a ticket
that is not a complaint starts a watch, due after the SOP's minutes to pass a complaint on. At
that instant the ticket must have been marked a complaint (which tells the supervisors) or the
complaint reported to a supervisor; if neither, the agent handling the ticket gets the
handbook's points, once per ticket, and the supervisors are told.
"""

from __future__ import annotations

from datetime import datetime, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kefu.aftersales.models import Complaint, ComplaintWatch, SweepCursor
from kefu.aftersales.rules import (
    ComplaintState,
    ReportFacts,
    complaint_signal,
    complaint_time_limits,
    report_due,
    reported_in_time,
)
from kefu.aftersales.service.penalties import record_penalty
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.aftersales.service.terms import Fault
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.routing import service as routing
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, TicketType
from kefu.users.rules import Role

CURSOR = "complaint_signals"
BATCH = 500
# Messages older than this when first read (a database that predates the watch) start no watch:
# nobody can still report them in time.
STALE = timedelta(days=1)


def sweep_unreported_complaints(db: Database, settings: Settings) -> int:
    """Read new messages, then judge the watches that are due; returns the watches started and
    the penalties recorded."""
    tz = ZoneInfo(settings.timezone)
    return _read_messages(db, tz) + _judge_due(db, tz)


def _insert(session: Session, model: type[Any]) -> Any:
    """The dialect's INSERT (both know ON CONFLICT DO NOTHING)."""
    dialect = session.get_bind().dialect.name
    return pg_insert(model) if dialect == "postgresql" else sqlite_insert(model)


def _read_messages(db: Database, tz: tzinfo) -> int:
    with db.read_connection() as conn:
        newest = conn.execute(select(func.max(Message.id))).scalar()
        read = conn.execute(select(SweepCursor.last_id).where(SweepCursor.name == CURSOR)).scalar()
    if newest is None or (read is not None and read >= newest):
        return 0
    with db.transaction() as session:
        cursor = _cursor(session)
        rows = session.execute(
            select(
                Message.id,
                Message.ticket_id,
                Message.author_kind,
                Message.body_text,
                Message.created_at,
                Ticket.type,
                Ticket.assignee_id,
            )
            .join(Ticket, Ticket.id == Message.ticket_id)
            .where(Message.id > cursor.last_id)
            .order_by(Message.id)
            .limit(BATCH)
        ).all()
        if not rows:
            return 0
        cursor.last_id = rows[-1].id
        now = clock.now()
        minutes = _pass_on_minutes(session, now, tz)
        started = 0
        for row in rows:
            if row.author_kind != AuthorKind.CUSTOMER or row.type == TicketType.COMPLAINT:
                continue
            signal = complaint_signal(row.body_text or "")
            if signal is None or row.created_at < now - STALE:
                continue
            started += _watch(session, row, signal.keyword, minutes)
        return started


def _cursor(session: Session) -> SweepCursor:
    """The shared cursor, locked for this transaction (created at 0 the first time)."""
    session.execute(
        _insert(session, SweepCursor).values(name=CURSOR, last_id=0).on_conflict_do_nothing()
    )
    stmt = select(SweepCursor).where(SweepCursor.name == CURSOR)
    if session.get_bind().dialect.name == "postgresql":
        stmt = stmt.with_for_update()
    return session.scalars(stmt).one()


def _pass_on_minutes(session: Session, now: datetime, tz: tzinfo) -> int:
    limits = complaint_time_limits(
        rows_in_force(session), platform=None, on=now.astimezone(tz).date()
    )
    return limits[ComplaintState.RECEIVED].minutes


def _watch(session: Session, row: Any, keyword: str, minutes: int) -> int:
    statement = (
        _insert(session, ComplaintWatch)
        .values(
            ticket_id=row.ticket_id,
            message_id=row.id,
            keyword=keyword,
            seen_at=row.created_at,
            due_at=report_due(row.created_at, minutes),
            outcome="",
            agent_id=row.assignee_id,
        )
        .on_conflict_do_nothing(index_elements=["ticket_id"])
        .returning(ComplaintWatch.ticket_id)
    )
    return int(session.execute(statement).scalar() is not None)


def _judge_due(db: Database, tz: tzinfo) -> int:
    now = clock.now()
    with db.read_connection() as conn:
        probe = select(ComplaintWatch.ticket_id).where(ComplaintWatch.due_at <= now).limit(1)
        if conn.execute(probe).first() is None:
            return 0
    with db.transaction() as session:
        stmt = (
            select(ComplaintWatch)
            .where(ComplaintWatch.due_at <= now)
            .order_by(ComplaintWatch.due_at)
            .limit(BATCH)
        )
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        watches = list(session.scalars(stmt))
        minutes = _pass_on_minutes(session, now, tz)
        return sum(_judge(session, watch, minutes) for watch in watches)


def _marked_at(session: Session, ticket: Ticket) -> datetime | None:
    """When the ticket became a complaint: the change in its audit, else its opening."""
    for entry in tickets.audit_of(session, ticket.id):
        if entry.field == "type" and entry.new_value == TicketType.COMPLAINT.value:
            return entry.at
    return ticket.created_at if ticket.type == TicketType.COMPLAINT else None


def _judge(session: Session, watch: ComplaintWatch, minutes: int) -> int:
    assert watch.due_at is not None
    due_at, watch.due_at = watch.due_at, None
    ticket = tickets.get_ticket(session, watch.ticket_id)
    complaint = session.get(Complaint, ticket.id)
    facts = ReportFacts(
        marked_complaint_at=_marked_at(session, ticket),
        supervisor_informed_at=complaint.supervisor_informed_at if complaint else None,
    )
    if reported_in_time(facts, due_at):
        watch.outcome = "reported"
        return 0
    if ticket.assignee_id is None:
        watch.outcome = "unassigned"  # nobody was handling it: there is no one to blame
        return 0
    watch.agent_id, watch.outcome = ticket.assignee_id, "penalised"
    recorded = record_penalty(
        session,
        ticket.assignee_id,
        Fault.COMPLAINT_NOT_REPORTED,
        dedupe_key=f"{Fault.COMPLAINT_NOT_REPORTED.value}:ticket:{ticket.id}",
        ticket_id=ticket.id,
        detail={"keyword": watch.keyword, "message_id": watch.message_id},
        at=due_at,
    )
    supervisors = routing.users_with_role(session, Role.SUPERVISOR.value)
    routing.notify(
        session,
        supervisors,
        "complaint_not_reported",
        ticket_id=ticket.id,
        dedupe_key=f"complaint_not_reported:{ticket.id}",
        params={"keyword": watch.keyword, "minutes": str(minutes)},
    )
    return int(recorded)
