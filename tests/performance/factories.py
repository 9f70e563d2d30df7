"""Factories for the supervision tests: a clock moved by hand, staff, groups, tickets opened at
chosen instants, SLA clocks in chosen states and complaints."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import delete

from kefu.aftersales import service as aftersales
from kefu.aftersales.rules import ComplaintState
from kefu.core import clock
from kefu.core.db import Database
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.routing import service as routing
from kefu.routing.rules import Presence, Strategy
from kefu.sla.models import TicketClock
from kefu.tickets import service as tickets
from kefu.tickets.rules import Channel, Status, TicketType
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """An instant in Beijing time, as UTC."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SH).astimezone(UTC)


class Hands:
    """The clock every service reads, moved by the test (never by sleeping)."""

    def __init__(self, start: datetime) -> None:
        self.now = start
        clock.set_clock(lambda: self.now)

    def set(self, when: datetime) -> datetime:
        self.now = when
        return when


def make_user(db: Database, username: str, role: Role = Role.AGENT, name: str = "") -> Principal:
    with db.transaction() as session:
        user = users.create_user(session, username=username, role=role, display_name=name)
        return Principal(user.id, user.username, role)


def make_group(db: Database, desk: str, name: str, members: Iterable[int]) -> int:
    with db.transaction() as session:
        found = next((d for d in routing.list_desks(session) if d.name == desk), None)
        desk_id = found.id if found else routing.create_desk(session, desk).id
        group = routing.create_group(session, desk_id, name, Strategy.LEAST_LOADED, False)
        routing.set_members(session, group.id, list(members))
        return group.id


def set_presence(
    db: Database, user_id: int, presence: Presence, *, chats: int = 5, tickets: int = 30
) -> None:
    with db.transaction() as session:
        routing.set_presence(
            session,
            user_id,
            routing.PresenceChange(presence=presence, chat_capacity=chats, ticket_capacity=tickets),
        )


def open_ticket(
    db: Database,
    hands: Hands,
    when: datetime,
    *,
    channel: Channel = Channel.EMAIL,
    type: TicketType = TicketType.INQUIRY,
    group_id: int | None = None,
    assignee: Principal | None = None,
    status: Status | None = None,
    subject: str = "鞋子开胶了",
    phone: str = "13800138000",
) -> int:
    """A ticket opened at ``when``, then put in a group, given to an agent and moved to a
    status (each a real use case, at that same instant)."""
    hands.set(when)
    with db.transaction() as session:
        ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject=subject,
                description="买了三天鞋底就开胶了",
                customer=CustomerInput("王小姐", {IdentityKind.PHONE: phone}),
                channel=channel,
                type=type,
            ),
            actor=None,
            timezone="Asia/Shanghai",
        )
        ticket_id = ticket.id
    if group_id is not None or assignee is not None:
        with db.transaction() as session:
            routing.transfer(
                session,
                ticket_id,
                group_id=group_id,
                assignee_id=assignee.user_id if assignee else None,
                actor=None,
            )
    if status is not None:
        with db.transaction() as session:
            tickets.update_ticket(
                session, ticket_id, tickets.TicketChanges({"status"}, status=status), actor=None
            )
    return ticket_id


def reply(db: Database, hands: Hands, ticket_id: int, agent: Principal, when: datetime) -> None:
    """The agent's first public reply at ``when`` (records the first response)."""
    hands.set(when)
    with db.transaction() as session:
        tickets.add_message(session, ticket_id, body="您好,马上为您处理", actor=agent)


def set_clock(
    db: Database, ticket_id: int, metric: str, state: str, due_at: datetime | None = None
) -> None:
    """One SLA clock of a ticket in the given state, written as the SLA context stores it."""
    now = clock.now()
    with db.transaction() as session:
        session.execute(
            delete(TicketClock).where(
                TicketClock.ticket_id == ticket_id, TicketClock.metric == metric
            )
        )
        session.add(
            TicketClock(
                ticket_id=ticket_id,
                metric=metric,
                policy_id=None,
                target_s=600,
                state=state,
                cycle=1,
                started_at=now - timedelta(minutes=10),
                due_at=due_at,
                warn_at=None,
                stopped_at=now if state == "met" else None,
                breached_at=due_at if state == "breached" else None,
                elapsed_s=0.0,
                next_check_at=None,
                warned_at=None,
                escalated_at=None,
                updated_at=now,
            )
        )


def move_complaint(
    db: Database, hands: Hands, ticket_id: int, to: ComplaintState, by: Principal, when: datetime
) -> None:
    hands.set(when)
    with db.transaction() as session:
        aftersales.move_complaint(session, ticket_id, aftersales.ComplaintMove(to=to), actor=by)
