"""The worker's SLA sweep: warnings before a breach, escalation at it. Each due clock is claimed
with a row lock that other workers skip (PostgreSQL ``FOR UPDATE SKIP LOCKED``; SQLite has one
writer at a time), and the warning or escalation is stamped on the clock in the same
transaction as its effects — so a restart repeats nothing and two workers never act twice."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.events import record
from kefu.routing.service import Notice, get_delivery, members_of, notify_many, users_with_role
from kefu.sla.models import TicketClock
from kefu.sla.rules import ClockState
from kefu.sla.service.snapshot import snapshot
from kefu.tickets.models import Ticket
from kefu.tickets.service import audit_entry, audit_many

BATCH = 500
PRIORITY_UP = {"low": "normal", "normal": "high", "high": "urgent", "urgent": "urgent"}


@dataclass(frozen=True)
class SlaWarned:
    ticket_id: int
    metric: str
    due_at: str


@dataclass(frozen=True)
class SlaBreached:
    ticket_id: int
    metric: str
    due_at: str


def sweep_clocks(db: Database, _settings: object = None) -> int:
    """Every due warning and breach, in batches; returns how many clocks were acted on."""
    total = 0
    while True:
        with db.transaction() as session:
            done = sweep_batch(session, clock.now(), BATCH)
        total += done
        if done < BATCH:
            return total


def sweep_batch(session: Session, now: datetime, limit: int) -> int:
    rows = list(
        session.scalars(
            select(TicketClock)
            .where(TicketClock.next_check_at <= now)
            .order_by(TicketClock.next_check_at, TicketClock.id)
            .limit(limit)
            .with_for_update(skip_locked=True)
        )
    )
    if not rows:
        return 0
    tickets = _lock_tickets(session, {r.ticket_id for r in rows})
    batch = _Batch(session, now)
    acted = 0
    # The clock and ticket rows are written once, in one flush after the loop, instead of an
    # autoflush before every notification.
    with session.no_autoflush:
        for row in rows:
            ticket = tickets.get(row.ticket_id)
            if ticket is None:
                continue  # being changed right now: its own transaction recomputes it; next pass
            acted += 1
            if row.warned_at is None and row.warn_at is not None and row.warn_at <= now:
                _warn(batch, row, ticket)
            if row.escalated_at is None and row.due_at is not None and row.due_at <= now:
                _escalate(batch, row, ticket)
            row.next_check_at = (
                row.due_at if row.escalated_at is None and row.due_at and row.due_at > now else None
            )
            row.updated_at = now
    session.flush()
    batch.write()
    return acted


def _lock_tickets(session: Session, ids: set[int]) -> dict[int, Ticket]:
    """The tickets of the claimed clocks, locked in id order, skipping any another transaction
    holds. Waiting would deadlock: a ticket's change locks the ticket, then its clocks (which
    this sweep holds), while the sweep would wait for the ticket. Its clocks are simply taken
    on the next pass."""
    query = select(Ticket).where(Ticket.id.in_(ids)).order_by(Ticket.id)
    return {t.id: t for t in session.scalars(query.with_for_update(skip_locked=True, of=Ticket))}


class _Batch:
    """What one batch looks up once rather than per clock: the configuration, the
    supervisors, the members of each group."""

    def __init__(self, session: Session, now: datetime) -> None:
        self.session, self.now = session, now
        self.config = snapshot(session)
        self._policy_keys = {v: k for k, v in self.config.policy_ids.items()}
        self._supervisors: list[int] | None = None
        self._groups: dict[int, list[int]] = {}
        # Written once at the end of the batch: one statement each instead of one per clock.
        self.audits: list[dict[str, object]] = []
        self.notices: list[Notice] = []
        self.events: list[object] = []

    def audit(self, ticket: Ticket, field: str, old: object, new: object) -> None:
        self.audits.append(audit_entry(ticket.id, None, field, old, new, self.now))

    def write(self) -> None:
        audit_many(self.session, self.audits)
        notify_many(self.session, self.notices, now=self.now)
        for event in self.events:
            record(self.session, event)

    def escalation(self, policy_id: int | None) -> dict[str, object]:
        key = self._policy_keys.get(policy_id) if policy_id is not None else None
        return self.config.escalations.get(key, {}) if key else {}

    def people(self, ticket: Ticket) -> list[int]:
        """Who holds the ticket: its agent, or else its whole group."""
        if ticket.assignee_id is not None:
            return [ticket.assignee_id]
        if ticket.group_id is None:
            return []
        if ticket.group_id not in self._groups:
            self._groups[ticket.group_id] = members_of(self.session, ticket.group_id)
        return self._groups[ticket.group_id]

    def supervisors(self) -> list[int]:
        if self._supervisors is None:
            self._supervisors = _supervisors(self.session)
        return self._supervisors


def _supervisors(session: Session) -> list[int]:
    delivery = get_delivery(session)
    if delivery is not None and delivery.supervisor_group_id is not None:
        people = members_of(session, delivery.supervisor_group_id)
        if people:
            return people
    return users_with_role(session, "supervisor")


def _warn(batch: _Batch, row: TicketClock, ticket: Ticket) -> None:
    row.warned_at = batch.now
    if row.state == ClockState.RUNNING.value:
        row.state = ClockState.AT_RISK.value
    due = row.due_at.isoformat() if row.due_at else ""
    batch.audit(ticket, "sla_warning", row.metric, due)
    batch.notices.append(
        Notice(
            tuple(batch.people(ticket)),
            "sla_warning",
            ticket.id,
            f"sla_warning:{row.id}:{row.cycle}",
            {"metric": row.metric, "due_at": due, "number": ticket.number},
        )
    )
    batch.events.append(SlaWarned(ticket.id, row.metric, due))


def _escalate(batch: _Batch, row: TicketClock, ticket: Ticket) -> None:
    row.escalated_at = batch.now
    row.state = ClockState.BREACHED.value
    row.breached_at = row.breached_at or row.due_at
    due = row.due_at.isoformat() if row.due_at else ""
    batch.audit(ticket, "sla_breached", row.metric, due)
    escalation = batch.escalation(row.policy_id)
    targets = escalation.get("notify", ["assignee", "supervisors"])
    people: list[int] = []
    if isinstance(targets, list):
        if "assignee" in targets:
            people += batch.people(ticket)
        if "supervisors" in targets:
            people += batch.supervisors()
    batch.notices.append(
        Notice(
            tuple(people),
            "sla_breached",
            ticket.id,
            f"sla_breached:{row.id}:{row.cycle}",
            {"metric": row.metric, "due_at": due, "number": ticket.number},
        )
    )
    if escalation.get("raise_priority") and PRIORITY_UP[ticket.priority] != ticket.priority:
        batch.audit(ticket, "priority", ticket.priority, PRIORITY_UP[ticket.priority])
        ticket.priority = PRIORITY_UP[ticket.priority]
    group = escalation.get("reassign_group_id")
    if isinstance(group, int) and group != ticket.group_id:
        batch.audit(ticket, "group_id", ticket.group_id, group)
        if ticket.assignee_id is not None:
            batch.audit(ticket, "assignee_id", ticket.assignee_id, None)
        ticket.group_id, ticket.assignee_id = group, None
    batch.events.append(SlaBreached(ticket.id, row.metric, due))
