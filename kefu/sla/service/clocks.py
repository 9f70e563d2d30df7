"""A ticket's SLA clocks, kept in step with its history inside the ticket's own transaction.
The clocks are recomputed from the history (never patched with stored sums), so a change of
policy, priority or calendar simply gives the right answer again."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import table_of
from kefu.customers.models import Customer
from kefu.sla.models import TicketClock
from kefu.sla.rules import (
    Clock,
    ClockState,
    Happening,
    PolicyChoice,
    PolicyFacts,
    compute_clocks,
    select_policy,
)
from kefu.sla.service.snapshot import Snapshot, snapshot
from kefu.tickets.models import AuditEntry, Message, Ticket
from kefu.tickets.service import get_ticket

# Changes that can move a clock: a new status, or what chooses the policy.
RELEVANT_FIELDS = frozenset({"status", "priority", "type", "channel", "first_response_at"})
LIVE = (ClockState.RUNNING, ClockState.AT_RISK)
_INSERT_CLOCK = insert(table_of(TicketClock))


def choose_policy(
    session: Session, config: Snapshot, ticket: Ticket, vip_level: int | None = None
) -> PolicyChoice:
    """The policy for ``ticket``; ``vip_level`` is its customer's when the caller has it."""
    if vip_level is None:
        customer = session.get(Customer, ticket.customer_id)
        vip_level = customer.vip_level if customer else 0
    facts = PolicyFacts(
        channel=ticket.channel, type=ticket.type, priority=ticket.priority, vip_level=vip_level
    )
    return select_policy(config.policies, facts)


def history(session: Session, ticket: Ticket) -> list[Happening]:
    """The facts a clock runs on, in order: opened, messages, status changes, and the phone's
    answer (first_response_at without an agent message)."""
    return histories(session, [ticket])[ticket.id]


def histories(session: Session, tickets: Sequence[Ticket]) -> dict[int, list[Happening]]:
    """:func:`history` of many tickets with two queries in all."""
    ids = [t.id for t in tickets]
    out = {t.id: [Happening(t.created_at, "opened")] for t in tickets}
    for ticket_id, author, public, at in session.execute(
        select(Message.ticket_id, Message.author_kind, Message.public, Message.created_at)
        .where(Message.ticket_id.in_(ids))
        .order_by(Message.ticket_id, Message.id)
    ):
        if author == "customer":
            out[ticket_id].append(Happening(at, "customer_message"))
        elif author == "agent" and public:
            out[ticket_id].append(Happening(at, "agent_reply"))
    for ticket_id, new, at in session.execute(
        select(AuditEntry.ticket_id, AuditEntry.new_value, AuditEntry.at)
        .where(AuditEntry.ticket_id.in_(ids), AuditEntry.field == "status")
        .order_by(AuditEntry.ticket_id, AuditEntry.id)
    ):
        out[ticket_id].append(Happening(at, "status", new))
    for ticket in tickets:
        facts = out[ticket.id]
        answered = ticket.first_response_at
        if answered is not None and not any(h.kind == "agent_reply" for h in facts):
            facts.append(Happening(answered, "agent_reply"))
        facts.sort(key=lambda h: h.at)
    return out


def compute_for(
    session: Session, ticket: Ticket, now: datetime
) -> tuple[PolicyChoice, tuple[Clock, ...]]:
    config = snapshot(session)
    choice = choose_policy(session, config, ticket)
    if choice.policy is None:
        return choice, ()
    cal = config.calendar(choice.policy.calendar)
    return choice, compute_clocks(choice.policy.targets, cal, history(session, ticket), now)


@dataclass(frozen=True)
class TicketSla:
    """A ticket's clocks recomputed live at ``now``, with the policy that applies and what the
    worker stored (``stored``: metric -> row, for the warning and escalation times)."""

    ticket_id: int
    now: datetime
    choice: PolicyChoice
    policy_id: int | None
    calendar: str | None
    clocks: tuple[Clock, ...]
    stored: dict[str, TicketClock]


def ticket_sla(session: Session, ticket_id: int, now: datetime) -> TicketSla:
    """What the SLA page of a ticket shows; NotFound for an unknown ticket."""
    ticket = get_ticket(session, ticket_id)
    choice, clocks = compute_for(session, ticket, now)
    stored = {
        row.metric: row
        for row in session.scalars(select(TicketClock).where(TicketClock.ticket_id == ticket.id))
    }
    policy = choice.policy
    return TicketSla(
        ticket_id=ticket.id,
        now=now,
        choice=choice,
        policy_id=snapshot(session).policy_ids.get(policy.key) if policy else None,
        calendar=policy.calendar if policy else None,
        clocks=clocks,
        stored=stored,
    )


def on_ticket(session: Session, ticket: Ticket, kind: str, fields: tuple[str, ...]) -> None:
    """The ticket hook: set clocks when a ticket opens, recompute when its history moves."""
    if kind == "changed" and not RELEVANT_FIELDS.intersection(fields):
        return
    now = clock.now()
    if kind == "opened":
        _open(session, ticket, now)
    else:
        refresh(session, ticket, now)


def _open(session: Session, ticket: Ticket, now: datetime) -> None:
    # A new ticket's history is known without a query: opened, with the customer's words.
    config = snapshot(session)
    choice = choose_policy(session, config, ticket)
    if choice.policy is None:
        return
    happenings = [
        Happening(ticket.created_at, "opened"),
        Happening(ticket.created_at, "customer_message"),
    ]
    clocks = compute_clocks(
        choice.policy.targets, config.calendar(choice.policy.calendar), happenings, now
    )
    if clocks:
        policy_id = config.policy_ids.get(choice.policy.key)
        session.connection().execute(
            _INSERT_CLOCK, [clock_row(ticket.id, policy_id, c, now) for c in clocks]
        )


def refresh(session: Session, ticket: Ticket, now: datetime) -> None:
    refresh_many(session, [ticket], now)


def refresh_many(session: Session, tickets: Sequence[Ticket], now: datetime) -> None:
    """Recompute and store the clocks of ``tickets`` with four queries in all (customers,
    messages, status changes, stored clocks) plus the rows that moved."""
    if not tickets:
        return
    config = snapshot(session)
    ids = [t.id for t in tickets]
    vip = {
        customer_id: level
        for customer_id, level in session.execute(
            select(Customer.id, Customer.vip_level).where(
                Customer.id.in_({t.customer_id for t in tickets})
            )
        )
    }
    happenings = histories(session, tickets)
    stored: dict[int, dict[str, TicketClock]] = {i: {} for i in ids}
    for row in session.scalars(select(TicketClock).where(TicketClock.ticket_id.in_(ids))):
        stored[row.ticket_id][row.metric] = row
    for ticket in tickets:
        choice = choose_policy(session, config, ticket, vip.get(ticket.customer_id, 0))
        policy = choice.policy
        clocks: tuple[Clock, ...] = ()
        if policy is not None:
            cal = config.calendar(policy.calendar)
            clocks = compute_clocks(policy.targets, cal, happenings[ticket.id], now)
        policy_id = config.policy_ids.get(policy.key) if policy else None
        _store(session, ticket.id, policy_id, clocks, stored[ticket.id], now)


def _store(
    session: Session,
    ticket_id: int,
    policy_id: int | None,
    clocks: tuple[Clock, ...],
    stored: dict[str, TicketClock],
    now: datetime,
) -> None:
    seen: set[str] = set()
    for c in clocks:
        seen.add(c.metric.value)
        row = stored.get(c.metric.value)
        values = clock_row(ticket_id, policy_id, c, now)
        if row is None:
            session.connection().execute(_INSERT_CLOCK, [values])
            continue
        if row.cycle != c.cycle:
            # A new waiting period: its warning and escalation are still to come.
            row.warned_at = row.escalated_at = None
        for name, value in values.items():
            if name not in ("warned_at", "escalated_at"):
                setattr(row, name, value)
        row.next_check_at = next_check(c, row.warned_at, row.escalated_at)
    for metric, row in stored.items():
        if metric not in seen:
            session.delete(row)


def next_check(
    c: Clock, warned_at: datetime | None, escalated_at: datetime | None
) -> datetime | None:
    """When the worker must look at this clock again: its warning, then its breach — only while
    it runs (a paused or stopped clock needs nobody)."""
    if c.state not in LIVE and not (
        c.state == ClockState.BREACHED and c.stopped_at is None and c.due_at
    ):
        return None
    if warned_at is None and c.warn_at is not None and (c.due_at is None or c.warn_at < c.due_at):
        return c.warn_at
    if escalated_at is None and c.due_at is not None:
        return c.due_at
    return None


def clock_row(ticket_id: int, policy_id: int | None, c: Clock, now: datetime) -> dict[str, Any]:
    """A ``ticket_clock`` row's values for a computed clock (also for bulk loads)."""
    return {
        "ticket_id": ticket_id,
        "metric": c.metric.value,
        "policy_id": policy_id,
        "target_s": c.target_s,
        "state": c.state.value,
        "cycle": c.cycle,
        "started_at": c.started_at,
        "due_at": c.due_at,
        "warn_at": c.warn_at,
        "stopped_at": c.stopped_at,
        "breached_at": c.breached_at,
        "elapsed_s": c.elapsed_s,
        "next_check_at": next_check(c, None, None),
        "warned_at": None,
        "escalated_at": None,
        "updated_at": now,
    }
