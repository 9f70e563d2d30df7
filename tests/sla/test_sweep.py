"""The worker's SLA sweep on SQLite and PostgreSQL: a warning, then one escalation, each once;
nothing before the next working minute; nothing for a paused clock."""

from __future__ import annotations

from collections import Counter

from sqlalchemy import select

from kefu.core.db import Database
from kefu.core.events import OutboxEvent
from kefu.routing.models import Notification
from kefu.sla import service as sla
from kefu.tickets.models import AuditEntry, Ticket
from kefu.tickets.rules import Channel, Status, TicketType
from tests.conftest import Env
from tests.sla.factories import (
    Hands,
    at,
    clocks_of,
    customer_writes,
    open_ticket,
    reply,
    set_status,
    set_up,
)


def audit_fields(db: Database, ticket_id: int) -> Counter[str]:
    with db.reading() as session:
        fields = session.scalars(select(AuditEntry.field).where(AuditEntry.ticket_id == ticket_id))
        return Counter(fields)


def told(db: Database) -> Counter[tuple[int, str]]:
    """How many SLA notifications of each kind each user got."""
    with db.reading() as session:
        rows = session.execute(
            select(Notification.user_id, Notification.kind).where(Notification.kind.like("sla_%"))
        )
        return Counter((user, kind) for user, kind in rows)


def events(db: Database) -> Counter[str]:
    with db.reading() as session:
        return Counter(
            session.scalars(select(OutboxEvent.name).where(OutboxEvent.name.like("Sla%")))
        )


def priority_of(db: Database, ticket_id: int) -> str:
    with db.reading() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.priority


def test_the_sweep_warns_once_then_escalates_once_and_then_does_nothing(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(at(2026, 11, 23, 10, 0))
    ticket = open_ticket(env.db, type=TicketType.COMPLAINT, assignee=people.agent)
    agent, supervisor = people.agent.user_id, people.supervisor.user_id

    hands.set(at(2026, 11, 23, 10, 3, 59))
    assert sla.sweep_clocks(env.db) == 0
    hands.set(at(2026, 11, 23, 10, 4))
    assert sla.sweep_clocks(env.db) == 1
    assert sla.sweep_clocks(env.db) == 0  # the same minute again: nothing
    warned = clocks_of(env.db, ticket)["first_response"]
    assert (warned.state, warned.warned_at, warned.escalated_at) == ("at_risk", hands.now, None)
    assert warned.next_check_at == at(2026, 11, 23, 10, 5)
    assert audit_fields(env.db, ticket)["sla_warning"] == 1
    assert told(env.db) == {(agent, "sla_warning"): 1}

    hands.set(at(2026, 11, 23, 10, 5))
    assert sla.sweep_clocks(env.db) == 1
    hands.set(at(2026, 11, 23, 10, 30))
    assert sla.sweep_clocks(env.db) == 0
    breached = clocks_of(env.db, ticket)["first_response"]
    assert breached.state == "breached" and breached.next_check_at is None
    assert breached.escalated_at == at(2026, 11, 23, 10, 5)
    assert breached.breached_at == at(2026, 11, 23, 10, 5)
    fields = audit_fields(env.db, ticket)
    assert (fields["sla_warning"], fields["sla_breached"], fields["priority"]) == (1, 1, 1)
    assert priority_of(env.db, ticket) == "high"
    assert told(env.db) == {
        (agent, "sla_warning"): 1,
        (agent, "sla_breached"): 1,
        (supervisor, "sla_breached"): 1,
    }
    assert events(env.db) == {"SlaWarned": 1, "SlaBreached": 1}

    customer_writes(env.db, ticket)  # recomputed: still breached, never escalated twice
    assert clocks_of(env.db, ticket)["first_response"].next_check_at is None
    hands.set(at(2026, 11, 23, 12, 0))
    assert sla.sweep_clocks(env.db) == 0
    assert audit_fields(env.db, ticket)["sla_breached"] == 1


def test_an_assignee_who_is_also_a_supervisor_is_told_once(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(at(2026, 11, 23, 10, 0))
    open_ticket(env.db, type=TicketType.COMPLAINT, assignee=people.supervisor)
    hands.set(at(2026, 11, 23, 10, 6))
    assert sla.sweep_clocks(env.db) == 1  # warning and escalation in one pass
    assert told(env.db) == {
        (people.supervisor.user_id, "sla_warning"): 1,
        (people.supervisor.user_id, "sla_breached"): 1,
    }


def test_an_escalation_due_after_closing_time_fires_at_the_next_working_minute(env: Env) -> None:
    set_up(env.db)
    hands = Hands(at(2026, 11, 23, 23, 25))
    ticket = open_ticket(env.db, type=TicketType.ORDER)  # 10 minutes of shop hours (09:00-23:30)
    first = clocks_of(env.db, ticket)["first_response"]
    assert first.warn_at == at(2026, 11, 24, 9, 3) and first.due_at == at(2026, 11, 24, 9, 5)
    for quiet in (at(2026, 11, 23, 23, 45), at(2026, 11, 24, 3, 0), at(2026, 11, 24, 9, 2, 59)):
        hands.set(quiet)
        assert sla.sweep_clocks(env.db) == 0, quiet
    assert audit_fields(env.db, ticket)["sla_warning"] == 0
    hands.set(at(2026, 11, 24, 9, 3))
    assert sla.sweep_clocks(env.db) == 1
    hands.set(at(2026, 11, 24, 9, 4, 59))
    assert sla.sweep_clocks(env.db) == 0
    assert audit_fields(env.db, ticket)["sla_breached"] == 0
    hands.set(at(2026, 11, 24, 9, 5))
    assert sla.sweep_clocks(env.db) == 1
    assert audit_fields(env.db, ticket)["sla_breached"] == 1


def test_a_saturday_call_is_escalated_only_once_the_shop_has_opened(env: Env) -> None:
    set_up(env.db)
    hands = Hands(at(2026, 11, 28, 8, 0))
    ticket = open_ticket(env.db, channel=Channel.PHONE)
    hands.set(at(2026, 11, 28, 8, 59, 59))
    assert sla.sweep_clocks(env.db) == 0
    hands.set(at(2026, 11, 28, 9, 0, 10))
    assert sla.sweep_clocks(env.db) == 1
    fields = audit_fields(env.db, ticket)
    assert (fields["sla_warning"], fields["sla_breached"]) == (1, 1)


def test_a_paused_clock_is_never_escalated(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(at(2026, 11, 23, 10, 0))
    ticket = open_ticket(env.db, assignee=people.agent)
    hands.set(at(2026, 11, 23, 10, 30))
    reply(env.db, ticket, people.agent)
    set_status(env.db, ticket, Status.PENDING, people.agent)
    hands.set(at(2026, 12, 31, 10, 0))  # weeks later, the customer still has not answered
    assert sla.sweep_clocks(env.db) == 0
    assert audit_fields(env.db, ticket)["sla_breached"] == 0


def test_each_new_waiting_period_is_warned_and_escalated_again(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(at(2026, 11, 23, 10, 0))
    ticket = open_ticket(env.db, channel=Channel.WEB_CHAT, assignee=people.agent)
    hands.set(at(2026, 11, 23, 10, 0, 5))
    reply(env.db, ticket, people.agent)  # first response met (10 s)
    for minute in (1, 3):
        hands.set(at(2026, 11, 23, 10, minute))
        customer_writes(env.db, ticket)
        hands.set(at(2026, 11, 23, 10, minute, 11))
        assert sla.sweep_clocks(env.db) == 1
        hands.set(at(2026, 11, 23, 10, minute + 1))
        reply(env.db, ticket, people.agent)
    assert clocks_of(env.db, ticket)["next_response"].cycle == 2
    fields = audit_fields(env.db, ticket)
    assert (fields["sla_warning"], fields["sla_breached"]) == (2, 2)
    assert told(env.db)[(people.agent.user_id, "sla_breached")] == 2
    assert priority_of(env.db, ticket) == "urgent"  # normal -> high -> urgent
