"""SLA clocks kept with the ticket, and editing policies and calendars, on SQLite and PostgreSQL,
at chosen instants (Monday 23 November 2026 unless said otherwise)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from kefu.core.errors import Conflict, Invalid
from kefu.sla import service as sla
from kefu.sla.models import BusinessCalendar, CalendarDay, SlaPolicy
from kefu.tickets.rules import Channel, Priority, Status, TicketType
from tests.conftest import Env
from tests.sla.factories import (
    Hands,
    at,
    change,
    clocks_of,
    customer_writes,
    open_ticket,
    policy_id,
    reply,
    set_priority,
    set_status,
    set_up,
)

MONDAY_10 = at(2026, 11, 23, 10, 0)
OFFICE_WEEK = [[("09:00", "12:00"), ("13:30", "18:00")]] * 5 + [[], []]


def test_a_complaint_gets_a_five_minute_first_response_clock(env: Env) -> None:
    set_up(env.db)
    Hands(MONDAY_10)
    ticket = open_ticket(env.db, type=TicketType.COMPLAINT)
    clocks = clocks_of(env.db, ticket)
    assert set(clocks) == {"first_response"}  # no reply yet: no next response; none to solve
    first = clocks["first_response"]
    assert first.policy_id == policy_id(env.db, "complaint")
    assert (first.target_s, first.state) == (300, "running")
    assert first.due_at == MONDAY_10 + timedelta(minutes=5)
    assert first.warn_at == MONDAY_10 + timedelta(minutes=4)
    assert first.next_check_at == first.warn_at  # the worker looks again at the warning


def test_a_phone_call_on_saturday_morning_is_due_ten_seconds_after_the_shop_opens(
    env: Env,
) -> None:
    set_up(env.db)
    saturday_8 = at(2026, 11, 28, 8, 0)
    hands = Hands(saturday_8)
    ticket = open_ticket(env.db, channel=Channel.PHONE)
    first = clocks_of(env.db, ticket)["first_response"]
    assert first.policy_id == policy_id(env.db, "phone")
    assert first.due_at == at(2026, 11, 28, 9, 0, 10)
    assert first.warn_at == at(2026, 11, 28, 9, 0, 8)
    hands.set(at(2026, 11, 28, 8, 30))
    with env.db.reading() as session:
        found = sla.ticket_sla(session, ticket, hands.now)
    (live,) = found.clocks
    assert live.reason == "sla.running.off_hours" and live.elapsed_s == 0


def test_pending_pauses_the_clocks_and_the_customer_writing_again_resumes_them(
    env: Env,
) -> None:
    people = set_up(env.db)
    hands = Hands(MONDAY_10)
    ticket = open_ticket(env.db)  # email inquiry: the default policy, office hours
    opened = clocks_of(env.db, ticket)
    assert opened["resolution"].due_at == at(2026, 11, 26, 10, 0)  # 3 office days of 7.5 h
    hands.set(at(2026, 11, 23, 10, 30))
    reply(env.db, ticket, people.agent)
    hands.set(at(2026, 11, 23, 11, 0))
    set_status(env.db, ticket, Status.PENDING, people.agent)
    paused = clocks_of(env.db, ticket)
    assert paused["first_response"].state == "met"
    assert paused["resolution"].state == "paused"
    assert paused["resolution"].due_at is None and paused["resolution"].next_check_at is None

    hands.set(at(2026, 11, 23, 14, 0))
    customer_writes(env.db, ticket)  # pending -> open
    resumed = clocks_of(env.db, ticket)
    resolution = resumed["resolution"]
    assert resolution.state == "running"
    assert resolution.elapsed_s == 3600  # 10:00-11:00 counted, the pending afternoon not
    # 1.5 working hours paused (11:00-12:00, 13:30-14:00): due 1.5 h later than it was
    assert resolution.due_at == at(2026, 11, 26, 11, 30)
    next_response = resumed["next_response"]
    assert next_response.started_at == at(2026, 11, 23, 14, 0)
    assert next_response.due_at == at(2026, 11, 24, 14, 30)  # 8 office hours later


def test_an_agent_reply_meets_the_first_response_and_a_late_one_breaches_it(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(MONDAY_10)
    quick = open_ticket(env.db, type=TicketType.COMPLAINT)
    slow = open_ticket(env.db, type=TicketType.COMPLAINT, phone="13900139000")
    hands.forward(minutes=3)
    reply(env.db, quick, people.agent)
    hands.forward(minutes=4)
    reply(env.db, slow, people.agent)
    met = clocks_of(env.db, quick)["first_response"]
    assert (met.state, met.stopped_at, met.next_check_at) == (
        "met",
        MONDAY_10 + timedelta(minutes=3),
        None,
    )
    late = clocks_of(env.db, slow)["first_response"]
    assert (late.state, late.elapsed_s, late.next_check_at) == ("breached", 420, None)
    assert late.breached_at == MONDAY_10 + timedelta(minutes=5)


def test_changing_type_or_priority_selects_the_policy_again_and_recomputes(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(MONDAY_10)
    ticket = open_ticket(env.db)
    assert clocks_of(env.db, ticket)["first_response"].policy_id == policy_id(env.db, "default")

    hands.forward(minutes=1)
    change(env.db, ticket, people.agent, type=TicketType.COMPLAINT)
    now_complaint = clocks_of(env.db, ticket)
    assert set(now_complaint) == {"first_response"}  # the complaint policy has no resolution
    assert now_complaint["first_response"].policy_id == policy_id(env.db, "complaint")
    assert now_complaint["first_response"].due_at == MONDAY_10 + timedelta(minutes=5)

    created = sla.create_policy(
        env.db,
        sla.PolicyInput(
            key="urgent",
            name="紧急",
            calendar="always_open",
            position=1,
            priorities=("urgent",),
            first_response_s=60,
        ),
    )
    assert created.recomputed == 1  # the open ticket, checked: it stays a complaint
    assert clocks_of(env.db, ticket)["first_response"].policy_id == policy_id(env.db, "complaint")
    hands.forward(minutes=1)
    set_priority(env.db, ticket, Priority.URGENT, people.agent)
    urgent = clocks_of(env.db, ticket)["first_response"]
    assert urgent.policy_id == created.item.row.id
    assert urgent.state == "breached" and urgent.due_at == MONDAY_10 + timedelta(minutes=1)
    assert urgent.next_check_at == MONDAY_10 + timedelta(seconds=48)  # the overdue warning


def test_a_solved_ticket_stops_its_clocks_and_keeps_them(env: Env) -> None:
    people = set_up(env.db)
    hands = Hands(MONDAY_10)
    ticket = open_ticket(env.db)
    hands.forward(hours=1)
    reply(env.db, ticket, people.agent)
    set_status(env.db, ticket, Status.SOLVED, people.agent)
    clocks = clocks_of(env.db, ticket)
    assert clocks["resolution"].state == "met" and clocks["resolution"].next_check_at is None


# -- editing policies -------------------------------------------------------------------------


def _policy(**overrides: object) -> sla.PolicyInput:
    values: dict[str, object] = {
        "key": "refund",
        "name": "退款",
        "calendar": "shop_hours",
        "types": ("after_sales",),
        "first_response_s": 600,
    }
    values.update(overrides)
    return sla.PolicyInput(**values)  # type: ignore[arg-type]


def test_a_new_target_recomputes_the_open_tickets_of_that_policy_only(env: Env) -> None:
    people = set_up(env.db)
    Hands(MONDAY_10)
    email = open_ticket(env.db)  # default policy
    complaint = open_ticket(env.db, type=TicketType.COMPLAINT, phone="13900139000")
    solved = open_ticket(env.db, phone="13700137000")
    reply(env.db, solved, people.agent)
    set_status(env.db, solved, Status.SOLVED, people.agent)
    before = clocks_of(env.db, email)["first_response"].due_at
    solved_before = clocks_of(env.db, solved)["resolution"].target_s

    with env.db.reading() as session:
        (default,) = [p for p in sla.list_policies(session) if p.row.key == "default"]
    saved = sla.update_policy(
        env.db,
        default.row.id,
        _policy(key="default", name="默认", calendar="office", types=(), first_response_s=3600,
                next_response_s=3600, resolution_s=7200, position=None),
    )  # fmt: skip
    assert saved.recomputed == 1  # the open email; not the complaint, not the solved ticket
    after = clocks_of(env.db, email)["first_response"]
    assert before == at(2026, 11, 24, 10, 30) and after.due_at == at(2026, 11, 23, 11, 0)
    assert clocks_of(env.db, complaint)["first_response"].target_s == 300
    assert clocks_of(env.db, solved)["resolution"].target_s == solved_before


def test_narrowing_a_policy_moves_its_tickets_to_the_next_matching_one(env: Env) -> None:
    set_up(env.db)
    Hands(MONDAY_10)
    ticket = open_ticket(env.db, type=TicketType.COMPLAINT)
    complaint = policy_id(env.db, "complaint")
    saved = sla.update_policy(
        env.db,
        complaint,
        _policy(key="complaint", name="客诉", calendar="always_open", types=("complaint",),
                channels=("phone",), first_response_s=300, next_response_s=1800),
    )  # fmt: skip
    assert saved.recomputed == 1
    assert clocks_of(env.db, ticket)["first_response"].policy_id == policy_id(env.db, "default")


def test_a_refused_policy_names_every_bad_field_and_writes_nothing(env: Env) -> None:
    set_up(env.db)
    bad = _policy(
        key="Refund!",
        channels=("fax",),
        pause_statuses=("solved",),
        first_response_s=None,
        warn_ratio=1.0,
        calendar="moon",
        min_vip_level=99,
    )
    with pytest.raises(Invalid) as caught:
        sla.create_policy(env.db, bad)
    assert set(caught.value.fields) == {
        "key",
        "channels.0",
        "pause_statuses.0",
        "first_response_s",
        "warn_ratio",
        "calendar",
        "min_vip_level",
    }
    assert caught.value.fields["calendar"].params == {"calendar": "moon"}
    with pytest.raises(Conflict):
        sla.create_policy(env.db, _policy(key="complaint"))
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SlaPolicy)) == 6


# -- editing calendars ------------------------------------------------------------------------


def test_a_new_holiday_moves_the_deadlines_of_the_tickets_counting_in_that_calendar(
    env: Env,
) -> None:
    set_up(env.db)
    Hands(MONDAY_10)
    ticket = open_ticket(env.db)
    assert clocks_of(env.db, ticket)["first_response"].due_at == at(2026, 11, 24, 10, 30)
    saved = sla.set_calendar(
        env.db,
        "office",
        sla.CalendarInput(
            weekly=OFFICE_WEEK,
            special_days=[sla.SpecialDayInput(date(2026, 11, 24), "holiday", "公司周年庆")],
        ),
    )
    assert saved.recomputed == 1
    assert saved.item.policies == ["vip", "default"]
    assert clocks_of(env.db, ticket)["first_response"].due_at == at(2026, 11, 25, 10, 30)
    with env.db.reading() as session:
        office = session.scalar(select(BusinessCalendar).where(BusinessCalendar.key == "office"))
        assert office is not None and office.weekly[0] == [[540, 720], [810, 1080]]
        days = session.scalars(select(CalendarDay).where(CalendarDay.calendar_id == office.id))
        assert [(d.day, d.kind, d.name) for d in days] == [
            (date(2026, 11, 24), "holiday", "公司周年庆")
        ]


def test_a_refused_calendar_names_its_bad_periods_and_writes_nothing(env: Env) -> None:
    set_up(env.db)
    week = [
        [("09:00", "12:00"), ("11:00", "18:00")],
        [("9点", "18:00")],
        [("18:00", "09:00")],
        [("09:00", "24:30")],
        [],
        [],
        [],
    ]
    twice = [
        sla.SpecialDayInput(date(2026, 12, 1), "holiday"),
        sla.SpecialDayInput(date(2026, 12, 1), "workday"),
    ]
    with pytest.raises(Invalid) as caught:
        sla.set_calendar(
            env.db,
            "office",
            sla.CalendarInput(weekly=week, timezone="Mars/Olympus", special_days=twice),
        )
    assert {k: v.code for k, v in caught.value.fields.items()} == {
        "weekly.0.1": "sla.field.period_overlap",
        "weekly.1.0": "sla.field.wall_time",
        "weekly.2.0": "sla.field.period_order",
        "weekly.3.0": "sla.field.wall_time",
        "timezone": "sla.field.timezone",
        "special_days.1.day": "sla.field.day_twice",
    }
    with pytest.raises(Invalid) as idle:
        sla.set_calendar(env.db, "never", sla.CalendarInput(weekly=[[]] * 7))
    assert idle.value.fields["weekly"].code == "sla.field.no_working_time"
    with env.db.reading() as session:
        keys = session.scalars(select(BusinessCalendar.key).order_by(BusinessCalendar.key))
        assert list(keys) == ["always_open", "office", "shop_hours"]
