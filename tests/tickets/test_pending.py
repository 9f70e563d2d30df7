"""Tickets pending on their customer: reminded once after three days, solved after seven; a
reply stops both. The pure rule at chosen instants, the worker's sweep on both backends."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import func, select

from kefu.core import clock
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service
from kefu.tickets.jobs import sweep_pending
from kefu.tickets.models import Message, PendingWatch, Ticket
from kefu.tickets.rules import AuthorKind, Status, pending_step
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env

T0 = datetime(2026, 11, 2, 2, 0, tzinfo=UTC)
DAY = timedelta(days=1)
THREE, SEVEN = timedelta(days=3), timedelta(days=7)


def test_nothing_happens_before_three_days_pending() -> None:
    step = pending_step(T0, None, T0 + 2 * DAY, remind_after=THREE, solve_after=SEVEN)
    assert step.action == "wait" and step.next_at == T0 + THREE


def test_after_three_days_the_customer_is_reminded_once() -> None:
    step = pending_step(T0, None, T0 + THREE, remind_after=THREE, solve_after=SEVEN)
    assert step.action == "remind" and step.next_at == T0 + SEVEN
    again = pending_step(T0, T0 + THREE, T0 + 4 * DAY, remind_after=THREE, solve_after=SEVEN)
    assert again.action == "wait" and again.next_at == T0 + SEVEN


def test_after_seven_days_the_ticket_is_solved_even_if_never_reminded() -> None:
    step = pending_step(T0, None, T0 + SEVEN, remind_after=THREE, solve_after=SEVEN)
    assert step.action == "solve"


def test_either_step_can_be_turned_off() -> None:
    assert pending_step(T0, None, T0 + 30 * DAY, remind_after=None, solve_after=None).action == (
        "wait"
    )
    only_remind = pending_step(T0, None, T0 + 30 * DAY, remind_after=THREE, solve_after=None)
    assert only_remind.action == "remind" and only_remind.next_at is None


@pytest.fixture
def at(env: Env) -> Iterator[list[datetime]]:
    now = [T0]
    clock.set_clock(lambda: now[0])
    yield now
    clock.set_clock(None)


def _pending_ticket(env: Env) -> int:
    with env.db.transaction() as session:
        user = users.create_user(session, username="a1", role=Role.AGENT)
        actor = Principal(user.id, user.username, Role.AGENT)
        ticket, _ = service.open_ticket(
            session,
            service.NewTicket(
                subject="尺码问题",
                description="鞋子偏小,能换吗?",
                customer=CustomerInput("张三", {IdentityKind.PHONE: "13900000001"}),
            ),
            actor=actor,
            timezone="Asia/Shanghai",
        )
        service.add_message(session, ticket.id, body="亲,请问您平时穿多大码呢?", actor=actor)
        changes = service.TicketChanges(given={"status"}, status=Status.PENDING)
        service.update_ticket(session, ticket.id, changes, actor=actor)
        return ticket.id


def _system_messages(env: Env, ticket_id: int, public: bool) -> int:
    with env.db.reading() as session:
        return (
            session.scalar(
                select(func.count())
                .select_from(Message)
                .where(
                    Message.ticket_id == ticket_id,
                    Message.author_kind == AuthorKind.SYSTEM.value,
                    Message.public.is_(public),
                )
            )
            or 0
        )


def _status(env: Env, ticket_id: int) -> str:
    with env.db.reading() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket.status


def test_the_sweep_reminds_once_then_solves(env: Env, at: list[datetime]) -> None:
    ticket_id = _pending_ticket(env)
    at[0] = T0 + 2 * DAY
    assert sweep_pending(env.db, env.settings) == 1  # looked at, nothing due yet
    assert _system_messages(env, ticket_id, public=True) == 0
    at[0] = T0 + THREE + timedelta(minutes=1)
    sweep_pending(env.db, env.settings)
    sweep_pending(env.db, env.settings)
    assert _system_messages(env, ticket_id, public=True) == 1
    assert _status(env, ticket_id) == Status.PENDING.value
    at[0] = T0 + SEVEN + timedelta(minutes=1)
    sweep_pending(env.db, env.settings)
    assert _status(env, ticket_id) == Status.SOLVED.value
    assert _system_messages(env, ticket_id, public=False) == 1
    with env.db.reading() as session:
        assert session.get(PendingWatch, ticket_id) is None
    assert sweep_pending(env.db, env.settings) == 0


def test_a_customer_reply_ends_the_watch(env: Env, at: list[datetime]) -> None:
    ticket_id = _pending_ticket(env)
    at[0] = T0 + DAY
    with env.db.transaction() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        service.add_message(
            session,
            ticket_id,
            body="平时穿 38 码",
            actor=None,
            author_kind=AuthorKind.CUSTOMER,
            customer_id=ticket.customer_id,
        )
    at[0] = T0 + SEVEN + DAY
    assert sweep_pending(env.db, env.settings) == 0
    assert _status(env, ticket_id) == Status.OPEN.value
    assert _system_messages(env, ticket_id, public=True) == 0
