"""Factories for the SLA service tests: a clock set by hand, people, tickets and their history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import select

from kefu.core import clock
from kefu.core.db import Database
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.sla import service as sla
from kefu.sla.models import SlaPolicy, TicketClock
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind, Channel, Priority, Status, TicketType
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal

SH = ZoneInfo("Asia/Shanghai")
TZ = "Asia/Shanghai"


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """An instant in Beijing time."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


class Hands:
    """The clock every service reads, moved by the test (never by sleeping)."""

    def __init__(self, start: datetime) -> None:
        self.now = start.astimezone(UTC)
        clock.set_clock(lambda: self.now)

    def set(self, when: datetime) -> None:
        self.now = when.astimezone(UTC)

    def forward(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass(frozen=True)
class People:
    agent: Principal
    supervisor: Principal


def set_up(db: Database) -> People:
    """Default calendars and policies, an agent and a supervisor."""
    with db.transaction() as session:
        sla.ensure_defaults(session)
        made = [
            users.create_user(session, username=name, role=role, display_name=name)
            for name, role in (("agent", Role.AGENT), ("supervisor", Role.SUPERVISOR))
        ]
    agent, supervisor = (Principal(u.id, u.username, Role(u.role)) for u in made)
    return People(agent, supervisor)


def open_ticket(
    db: Database,
    *,
    type: TicketType = TicketType.INQUIRY,
    channel: Channel = Channel.EMAIL,
    phone: str = "13800138000",
    assignee: Principal | None = None,
) -> int:
    with db.transaction() as session:
        ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject="鞋子开胶了",
                description="刚买一周就开胶,要求退货",
                customer=CustomerInput("王小姐", {IdentityKind.PHONE: phone}),
                type=type,
                channel=channel,
            ),
            actor=None,
            timezone=TZ,
        )
        if assignee is not None:
            tickets.update_ticket(
                session,
                ticket.id,
                tickets.TicketChanges(given={"assignee_id"}, assignee_id=assignee.user_id),
                actor=None,
            )
        return ticket.id


def reply(
    db: Database, ticket_id: int, agent: Principal, body: str = "您好,已为您登记退货"
) -> None:
    with db.transaction() as session:
        tickets.add_message(session, ticket_id, body=body, actor=agent)


def customer_writes(db: Database, ticket_id: int, body: str = "请问进度如何?") -> None:
    with db.transaction() as session:
        customer_id = tickets.get_ticket(session, ticket_id).customer_id
        tickets.add_message(
            session,
            ticket_id,
            body=body,
            actor=None,
            author_kind=AuthorKind.CUSTOMER,
            customer_id=customer_id,
        )


def change(db: Database, ticket_id: int, actor: Principal | None, **fields: Any) -> None:
    with db.transaction() as session:
        tickets.update_ticket(
            session, ticket_id, tickets.TicketChanges(given=set(fields), **fields), actor=actor
        )


def set_status(db: Database, ticket_id: int, status: Status, actor: Principal) -> None:
    change(db, ticket_id, actor, status=status)


def set_priority(db: Database, ticket_id: int, priority: Priority, actor: Principal) -> None:
    change(db, ticket_id, actor, priority=priority)


def clocks_of(db: Database, ticket_id: int) -> dict[str, TicketClock]:
    with db.reading() as session:
        rows = session.scalars(select(TicketClock).where(TicketClock.ticket_id == ticket_id))
        return {row.metric: row for row in rows}


def policy_id(db: Database, key: str) -> int:
    with db.reading() as session:
        found = session.scalar(select(SlaPolicy.id).where(SlaPolicy.key == key))
    assert found is not None, key
    return found
