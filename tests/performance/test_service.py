"""The board and today's charts on SQLite and PostgreSQL, from a known set of tickets,
presences, SLA clocks and complaints; and a query budget that does not grow with the tickets."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import event

from kefu.aftersales.rules import ComplaintState
from kefu.core.db import Database
from kefu.performance import service
from kefu.routing.rules import Presence
from kefu.tickets.rules import Channel, Status, TicketType
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env
from tests.performance.factories import (
    Hands,
    at,
    make_group,
    make_user,
    move_complaint,
    open_ticket,
    reply,
    set_clock,
    set_presence,
)

NOW = at(2025, 3, 3, 10, 30)


@dataclass
class Floor:
    hands: Hands
    one: Principal
    two: Principal
    boss: Principal
    presales: int
    aftersales: int
    t: dict[str, int]


def floor(db: Database) -> Floor:
    """Two groups, two agents (one online, one away), a supervisor, eight tickets."""
    hands = Hands(at(2025, 3, 3, 7))
    one = make_user(db, "one", name="客服1号")
    two = make_user(db, "two", name="客服2号")
    boss = make_user(db, "boss", Role.SUPERVISOR, name="主管")
    presales = make_group(db, "售前服务台", "售前一组", [one.user_id, two.user_id])
    aftersales = make_group(db, "售后服务台", "售后一组", [two.user_id])
    set_presence(db, one.user_id, Presence.ONLINE, chats=3, tickets=10)
    set_presence(db, two.user_id, Presence.AWAY)
    t = {
        "chat_waiting": open_ticket(
            db, hands, at(2025, 3, 3, 9), channel=Channel.WEB_CHAT, group_id=presales
        ),
        "mail_waiting": open_ticket(db, hands, at(2025, 3, 3, 10), group_id=presales),
        "chat_held": open_ticket(
            db, hands, at(2025, 3, 3, 9, 30), channel=Channel.WEB_CHAT, group_id=presales,
            assignee=one, status=Status.OPEN,
        ),
        "mail_held": open_ticket(db, hands, at(2025, 3, 3, 8), assignee=one, status=Status.PENDING),
        "phone_loose": open_ticket(db, hands, at(2025, 3, 3, 10, 20), channel=Channel.PHONE),
        "complaint_new": open_ticket(
            db, hands, at(2025, 3, 3, 10, 10), channel=Channel.WEB_FORM,
            type=TicketType.COMPLAINT, group_id=aftersales, assignee=two,
        ),
        "complaint_moving": open_ticket(
            db, hands, at(2025, 3, 3, 10, 25), type=TicketType.COMPLAINT, assignee=one
        ),
        "complaint_solved": open_ticket(
            db, hands, at(2025, 3, 3, 8, 30), type=TicketType.COMPLAINT, status=Status.SOLVED
        ),
    }  # fmt: skip
    move_complaint(
        db, hands, t["complaint_moving"], ComplaintState.INVESTIGATING, boss, at(2025, 3, 3, 10, 26)
    )
    hands.set(NOW)
    set_clock(db, t["mail_waiting"], "first_response", "at_risk", at(2025, 3, 3, 10, 40))
    set_clock(db, t["chat_held"], "first_response", "breached", at(2025, 3, 3, 10))
    set_clock(db, t["chat_held"], "resolution", "at_risk", at(2025, 3, 3, 11))
    set_clock(db, t["mail_held"], "resolution", "running", at(2025, 3, 3, 12))
    set_clock(db, t["mail_held"], "first_response", "met", at(2025, 3, 3, 9))
    set_clock(db, t["complaint_solved"], "first_response", "breached", at(2025, 3, 3, 8, 35))
    return Floor(hands, one, two, boss, presales, aftersales, t)


def board(db: Database) -> service.Board:
    with db.reading() as session:
        return service.board(session, NOW)


def test_queues_count_the_waiting_tickets_of_each_group_and_their_longest_wait(
    env: Env,
) -> None:
    f = floor(env.db)
    queues = {q.group: q for q in board(env.db).queues}
    presales = queues["售前一组"]
    assert (presales.desk, presales.waiting) == ("售前服务台", 2)
    assert presales.longest_wait_s == 90 * 60  # the chat waiting since 09:00
    assert (presales.members, presales.online) == (2, 1)
    after = queues["售后一组"]
    assert (after.waiting, after.longest_wait_s, after.members, after.online) == (0, 0, 1, 0)
    loose = queues[""]  # waiting tickets no group holds
    assert (loose.group_id, loose.waiting, loose.longest_wait_s) == (None, 1, 10 * 60)
    assert set(queues) == {"售前一组", "售后一组", ""}
    assert f.presales == presales.group_id


def test_agents_show_presence_load_and_capacity(env: Env) -> None:
    f = floor(env.db)
    agents = {a.username: a for a in board(env.db).agents}
    one = agents["one"]
    assert (one.name, one.presence) == ("客服1号", "online")
    assert (one.active_chats, one.chat_capacity, one.open_tickets, one.ticket_capacity) == (
        1, 3, 2, 10,
    )  # fmt: skip
    assert one.chat_load == pytest.approx(1 / 3)
    assert one.groups == ["售前一组"]
    two = agents["two"]
    assert (two.presence, two.open_tickets, two.groups) == ("away", 1, ["售前一组", "售后一组"])
    # the supervisor keeps no presence and is in no group: not on the floor
    assert "boss" not in agents
    assert f.boss.user_id not in {a.user_id for a in board(env.db).agents}


def test_sla_alerts_count_open_tickets_and_list_breached_first(env: Env) -> None:
    f = floor(env.db)
    b = board(env.db)
    assert (b.sla_at_risk, b.sla_breached) == (2, 1)  # the solved complaint's breach is history
    listed = [(s.ticket.ticket_id, s.metric, s.state) for s in b.sla]
    assert listed == [
        (f.t["chat_held"], "first_response", "breached"),
        (f.t["mail_waiting"], "first_response", "at_risk"),
        (f.t["chat_held"], "resolution", "at_risk"),
    ]
    assert b.sla[0].overdue_s == 30 * 60
    assert b.sla[0].ticket.assignee == "客服1号"
    assert (b.sla[1].overdue_s, b.sla[1].ticket.assignee) == (0, "")


def test_open_complaints_show_state_age_and_the_sop_limit(env: Env) -> None:
    f = floor(env.db)
    b = board(env.db)
    assert b.complaints_open == 2
    by_ticket = {c.ticket.ticket_id: c for c in b.complaints}
    assert set(by_ticket) == {f.t["complaint_new"], f.t["complaint_moving"]}
    fresh = by_ticket[f.t["complaint_new"]]
    assert (fresh.state, fresh.age_s, fresh.in_state_s) == ("received", 20 * 60, 20 * 60)
    assert fresh.ticket.assignee == "客服2号"
    assert fresh.overdue  # passed on within 5 minutes: the SOP's limit is long gone
    moving = by_ticket[f.t["complaint_moving"]]
    assert (moving.state, moving.age_s, moving.in_state_s) == ("investigating", 300, 240)
    assert moving.due_at is not None and moving.due_at > NOW
    assert not moving.overdue


def test_the_oldest_waiting_tickets_are_listed_with_their_group(env: Env) -> None:
    f = floor(env.db)
    waiting = board(env.db).waiting
    assert [(w.ticket.ticket_id, w.group, w.wait_s) for w in waiting] == [
        (f.t["chat_waiting"], "售前一组", 90 * 60),
        (f.t["mail_waiting"], "售前一组", 30 * 60),
        (f.t["phone_loose"], "", 10 * 60),
    ]


def test_an_empty_floor_gives_an_empty_board(env: Env) -> None:
    b = board(env.db)
    assert (b.queues, b.agents, b.sla, b.complaints, b.waiting) == ([], [], [], [], [])
    assert (b.sla_at_risk, b.sla_breached, b.complaints_open) == (0, 0, 0)


# -- query budget ------------------------------------------------------------------------------


@contextmanager
def counted(db: Database) -> Iterator[list[str]]:
    statements: list[str] = []

    def count(*args: Any) -> None:
        statements.append(args[2])

    engine = db.read_engine
    event.listen(engine, "before_cursor_execute", count)
    try:
        yield statements
    finally:
        event.remove(engine, "before_cursor_execute", count)


def test_the_board_runs_the_same_queries_for_ten_tickets_or_a_hundred(env: Env) -> None:
    f = floor(env.db)
    with counted(env.db) as few:
        board(env.db)
    for minute in range(100):
        open_ticket(env.db, f.hands, at(2025, 3, 3, 9) + timedelta(seconds=minute),
                    group_id=f.presales, phone=f"1390000{minute:04d}")  # fmt: skip
    f.hands.set(NOW)
    with counted(env.db) as many:
        after = board(env.db)
    assert next(q for q in after.queues if q.group == "售前一组").waiting == 102
    assert len(many) == len(few)
    assert len(many) <= 13  # BEGIN and a dozen GROUP BYs and short lists


# -- today's charts ----------------------------------------------------------------------------


def charts(db: Database, now: datetime) -> service.Charts:
    with db.reading() as session:
        return service.today_charts(session, now)


def test_todays_volume_is_bucketed_by_beijing_hour_and_channel(env: Env) -> None:
    hands = Hands(at(2025, 3, 3))
    open_ticket(env.db, hands, at(2025, 3, 2, 23, 59, 59))  # yesterday
    open_ticket(env.db, hands, at(2025, 3, 3, 0, 0), channel=Channel.PHONE)  # midnight: hour 0
    open_ticket(env.db, hands, at(2025, 3, 3, 9, 5), channel=Channel.WEB_CHAT)
    open_ticket(env.db, hands, at(2025, 3, 3, 9, 59, 59), channel=Channel.WEB_CHAT)
    open_ticket(env.db, hands, at(2025, 3, 3, 10, 0), channel=Channel.WEB_CHAT)
    open_ticket(env.db, hands, at(2025, 3, 3, 14, 10))
    open_ticket(env.db, hands, at(2025, 3, 4, 0, 0))  # tomorrow
    result = charts(env.db, at(2025, 3, 3, 15))
    assert (result.day, result.timezone) == ("2025-03-03", "Asia/Shanghai")
    volume = {v.channel: v for v in result.volume}
    assert list(volume) == ["phone", "email", "web_chat"]  # the channels' own order
    assert volume["phone"].counts[0] == 1 and volume["phone"].total == 1
    assert (volume["web_chat"].counts[9], volume["web_chat"].counts[10]) == (2, 1)
    assert volume["email"].counts[14] == 1 and volume["email"].total == 1


def test_first_response_percentiles_by_hour_of_opening(env: Env) -> None:
    hands = Hands(at(2025, 3, 3))
    agent = make_user(env.db, "one", name="客服1号")
    for opened, answered in [
        (at(2025, 3, 3, 9, 5), at(2025, 3, 3, 9, 5, 30)),
        (at(2025, 3, 3, 9, 40), at(2025, 3, 3, 9, 42)),
        (at(2025, 3, 3, 9, 50), at(2025, 3, 3, 10, 50)),
        (at(2025, 3, 2, 9, 0), at(2025, 3, 2, 9, 1)),  # yesterday: not today's
    ]:
        ticket = open_ticket(env.db, hands, opened, channel=Channel.WEB_CHAT)
        reply(env.db, hands, ticket, agent, answered)
    open_ticket(env.db, hands, at(2025, 3, 3, 11))  # no answer yet: not in the percentiles
    hours = charts(env.db, at(2025, 3, 3, 15)).first_response
    assert (hours[9].count, hours[9].p50) == (3, 120.0)
    assert hours[9].p90 == pytest.approx(2904.0)
    assert (hours[11].count, hours[11].p50) == (0, None)
    assert sum(h.count for h in hours) == 3


def test_sla_attainment_by_channel_counts_settled_clocks_of_todays_tickets(env: Env) -> None:
    hands = Hands(at(2025, 3, 3))
    chats = [
        open_ticket(env.db, hands, at(2025, 3, 3, 9, m), channel=Channel.WEB_CHAT) for m in range(4)
    ]
    mail = open_ticket(env.db, hands, at(2025, 3, 3, 9, 30))
    phone = open_ticket(env.db, hands, at(2025, 3, 3, 9, 40), channel=Channel.PHONE)
    old = open_ticket(env.db, hands, at(2025, 3, 2, 9), channel=Channel.WEB_CHAT)
    hands.set(at(2025, 3, 3, 12))
    for ticket, state in zip(chats, ["met", "met", "met", "breached"], strict=True):
        set_clock(env.db, ticket, "first_response", state, at(2025, 3, 3, 10))
    set_clock(env.db, chats[0], "resolution", "running", at(2025, 3, 3, 18))
    set_clock(env.db, mail, "first_response", "breached", at(2025, 3, 3, 10))
    set_clock(env.db, phone, "first_response", "at_risk", at(2025, 3, 3, 13))
    set_clock(env.db, old, "first_response", "breached", at(2025, 3, 2, 10))
    attained = {a.channel: a for a in charts(env.db, at(2025, 3, 3, 15)).attainment}
    assert set(attained) == {"web_chat", "email"}  # the phone clock is not settled yet
    assert (attained["web_chat"].met, attained["web_chat"].breached) == (3, 1)
    assert attained["web_chat"].ratio == pytest.approx(0.75)
    assert (attained["email"].met, attained["email"].breached, attained["email"].ratio) == (
        0, 1, 0.0,
    )  # fmt: skip


def test_charts_of_a_quiet_day_are_empty(env: Env) -> None:
    result = charts(env.db, at(2025, 3, 3, 15))
    assert (result.volume, result.attainment) == ([], [])
    assert len(result.first_response) == 24
    assert all(h.count == 0 and h.p50 is None for h in result.first_response)
