"""SLA clocks: first response, next response and resolution, in working time, with pauses."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kefu.core.i18n import CATALOG, LOCALES, translate
from kefu.sla.calendar import ALWAYS_OPEN, Calendar, office_calendar, shop_hours_calendar
from kefu.sla.rules import (
    Clock,
    ClockState,
    Happening,
    Metric,
    Targets,
    compute_clocks,
    format_seconds,
)

SH = ZoneInfo("Asia/Shanghai")
OFFICE = office_calendar()
SHOP = shop_hours_calendar()
HOUR = 3600


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


def local(instant: datetime | None) -> datetime | None:
    return None if instant is None else instant.astimezone(SH)


def opened(when: datetime) -> list[Happening]:
    return [Happening(when, "opened"), Happening(when, "customer_message")]


def reply(when: datetime) -> Happening:
    return Happening(when, "agent_reply")


def message(when: datetime) -> Happening:
    return Happening(when, "customer_message")


def status(when: datetime, value: str) -> Happening:
    return Happening(when, "status", value)


def clock_of(metric: Metric, clocks: tuple[Clock, ...]) -> Clock:
    return next(c for c in clocks if c.metric is metric)


def only(
    metric: Metric, targets: Targets, cal: Calendar, happenings: list[Happening], now: datetime
) -> Clock:
    return clock_of(metric, compute_clocks(targets, cal, happenings, now))


FIRST_8H = Targets(8 * HOUR, None, None)
RESOLVE_8H = Targets(None, None, 8 * HOUR)
NEXT_1H = Targets(None, HOUR, None)


# -- working time only ------------------------------------------------------------------------


def test_a_ticket_opened_on_saturday_counts_from_monday_nine() -> None:
    # Frappe #2075: a ticket opened on a day off starts counting at the next working minute.
    clock = only(
        Metric.FIRST_RESPONSE,
        FIRST_8H,
        OFFICE,
        opened(at(2025, 3, 15, 10, 0)),
        at(2025, 3, 17, 9, 30),
    )
    assert clock.elapsed_s == 1800
    assert clock.started_at == at(2025, 3, 15, 10, 0)
    assert local(clock.due_at) == at(2025, 3, 18, 9, 30)  # 7.5 h on Monday, 0.5 h on Tuesday
    assert clock.state is ClockState.RUNNING


def test_over_the_weekend_the_clock_is_running_but_counts_nothing_yet() -> None:
    clock = only(
        Metric.FIRST_RESPONSE,
        FIRST_8H,
        OFFICE,
        opened(at(2025, 3, 15, 10, 0)),
        at(2025, 3, 16, 12, 0),
    )
    assert clock.elapsed_s == 0
    assert clock.reason == "sla.running.off_hours"


def test_a_ticket_opened_during_lunch_counts_from_half_past_one() -> None:
    # Frappe #2212: the lunch break inside working hours is not counted.
    happenings = [*opened(at(2025, 3, 12, 12, 10)), reply(at(2025, 3, 12, 14, 0))]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 12, 15, 0))
    assert clock.elapsed_s == 1800
    assert clock.state is ClockState.MET
    assert clock.reason == "sla.met.reply"
    assert clock.segments[0].reason == "sla.segment.running_off_hours"
    assert clock.segments[0].params == {"working": "0:30:00", "off_hours": "1:20:00"}


def test_a_deadline_past_closing_falls_on_the_next_working_minute_not_at_midnight() -> None:
    # Zammad #4432, GLPI PR #22678: 17:59 + 2 working minutes is 09:01 the next working day.
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(120, None, None),
        OFFICE,
        opened(at(2025, 3, 14, 17, 59)),
        at(2025, 3, 14, 17, 59, 30),
    )
    assert local(clock.due_at) == at(2025, 3, 17, 9, 1)
    assert local(clock.warn_at) == at(2025, 3, 17, 9, 0, 36)  # 80% of 120 s


def test_a_round_the_clock_calendar_counts_nights_and_holidays() -> None:
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(300, None, None),
        ALWAYS_OPEN,
        opened(at(2025, 10, 1, 2, 0)),
        at(2025, 10, 1, 2, 3),
    )
    assert clock.elapsed_s == 180
    assert local(clock.due_at) == at(2025, 10, 1, 2, 5)
    assert clock.reason == "sla.running"


def test_the_same_history_gives_other_clocks_on_another_calendar() -> None:
    # Clocks are recomputed, never patched: a change of calendar just gives the new answer.
    happenings = opened(at(2025, 3, 15, 10, 0))
    now = at(2025, 3, 15, 11, 0)
    assert only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, now).elapsed_s == 0
    assert only(Metric.FIRST_RESPONSE, FIRST_8H, SHOP, happenings, now).elapsed_s == HOUR


# -- pauses -----------------------------------------------------------------------------------


def test_pending_across_a_weekend_counts_nothing() -> None:
    # GLPI #10594. The shop works weekends, so only the pause keeps them out.
    happenings = [
        *opened(at(2025, 3, 14, 20, 0)),
        reply(at(2025, 3, 14, 21, 0)),
        status(at(2025, 3, 14, 21, 0), "pending"),
        message(at(2025, 3, 17, 10, 0)),
        status(at(2025, 3, 17, 10, 0), "open"),
    ]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, SHOP, happenings, at(2025, 3, 17, 10, 30))
    assert clock.elapsed_s == 1.5 * HOUR
    assert [s.kind for s in clock.segments] == ["running", "paused", "running"]
    paused = clock.segments[1]
    assert (local(paused.start), local(paused.end)) == (
        at(2025, 3, 14, 21, 0),
        at(2025, 3, 17, 10, 0),
    )
    assert paused.reason == "sla.segment.paused.pending"
    assert paused.working_s == (2.5 + 14.5 + 14.5 + 1) * HOUR  # time that was not counted


def test_pending_across_the_national_day_holiday_counts_nothing() -> None:
    happenings = [
        *opened(at(2025, 9, 30, 16, 0)),
        reply(at(2025, 9, 30, 17, 0)),
        status(at(2025, 9, 30, 17, 0), "pending"),
        message(at(2025, 10, 9, 9, 30)),
        status(at(2025, 10, 9, 9, 30), "open"),
    ]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, at(2025, 10, 9, 10, 0))
    assert clock.elapsed_s == 1.5 * HOUR
    # 6.5 h left at 10:00 fill the rest of the 9th: due at closing time, not the next morning.
    assert local(clock.due_at) == at(2025, 10, 9, 18, 0)


def test_a_paused_clock_has_no_due_time() -> None:
    happenings = [*opened(at(2025, 3, 12, 10, 0)), status(at(2025, 3, 12, 11, 0), "pending")]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, at(2025, 3, 13, 10, 0))
    assert clock.state is ClockState.PAUSED
    assert (clock.due_at, clock.warn_at, clock.stopped_at) == (None, None, None)
    assert clock.elapsed_s == HOUR
    assert clock.reason == "sla.paused.pending"
    assert clock.segments[-1].end is None


def test_a_clock_breached_before_its_pause_stays_breached() -> None:
    happenings = [*opened(at(2025, 3, 12, 9, 0)), status(at(2025, 3, 13, 11, 0), "pending")]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, at(2025, 3, 14, 10, 0))
    assert clock.state is ClockState.BREACHED
    assert clock.reason == "sla.breached.paused"
    assert local(clock.breached_at) == at(2025, 3, 13, 9, 30)
    assert clock.due_at is None


def test_on_hold_pauses_only_when_the_policy_says_so() -> None:
    happenings = [*opened(at(2025, 3, 12, 10, 0)), status(at(2025, 3, 12, 11, 0), "on_hold")]
    now = at(2025, 3, 12, 12, 0)
    counting = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, now)
    assert counting.state is ClockState.RUNNING and counting.elapsed_s == 2 * HOUR
    waiting = Targets(None, None, 8 * HOUR, pause_statuses=frozenset({"pending", "on_hold"}))
    paused = only(Metric.RESOLUTION, waiting, OFFICE, happenings, now)
    assert paused.state is ClockState.PAUSED and paused.elapsed_s == HOUR
    assert paused.reason == "sla.paused.on_hold"


def test_a_status_without_its_own_text_is_named_in_the_pause_reason() -> None:
    targets = Targets(None, None, 8 * HOUR, pause_statuses=frozenset({"new"}))
    clock = only(
        Metric.RESOLUTION, targets, OFFICE, opened(at(2025, 3, 12, 10, 0)), at(2025, 3, 12, 11, 0)
    )
    assert clock.reason == "sla.paused" and clock.params["status"] == "new"
    assert clock.segments[0].reason == "sla.segment.paused"


# -- first response ---------------------------------------------------------------------------


def test_a_reply_in_time_meets_the_first_response() -> None:
    happenings = [*opened(at(2025, 3, 12, 10, 0)), reply(at(2025, 3, 12, 11, 0))]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 20, 10, 0))
    assert clock.state is ClockState.MET
    assert clock.stopped_at == at(2025, 3, 12, 11, 0)
    assert (clock.due_at, clock.breached_at) == (None, None)
    assert clock.params == {"elapsed": "1:00:00", "target": "8:00:00", "remaining": "7:00:00"}


def test_a_late_reply_is_a_breach_with_the_instant_it_happened() -> None:
    happenings = [*opened(at(2025, 3, 12, 10, 0)), reply(at(2025, 3, 13, 12, 0))]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 13, 12, 0))
    assert clock.state is ClockState.BREACHED
    assert clock.reason == "sla.breached.reply"
    assert local(clock.breached_at) == at(2025, 3, 13, 10, 30)
    assert clock.params["over"] == "1:30:00"


def test_solving_without_a_reply_stops_the_first_response() -> None:
    happenings = [*opened(at(2025, 3, 12, 10, 0)), status(at(2025, 3, 12, 10, 5), "solved")]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 13, 10, 0))
    assert clock.state is ClockState.MET
    assert clock.reason == "sla.met.solved"


def test_replying_and_solving_at_once_counts_as_the_reply() -> None:
    when = at(2025, 3, 12, 10, 5)
    happenings = [*opened(at(2025, 3, 12, 10, 0)), reply(when), status(when, "solved")]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 13, 10, 0))
    assert clock.reason == "sla.met.reply"


# -- state boundaries -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "state"),
    [
        (79, ClockState.RUNNING),
        (80, ClockState.AT_RISK),
        (100, ClockState.AT_RISK),
        (101, ClockState.BREACHED),
    ],
)
def test_a_running_clock_is_at_risk_from_80_percent_and_breached_past_its_target(
    seconds: int, state: ClockState
) -> None:
    start = at(2025, 3, 12, 3, 0)
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(100, None, None),
        ALWAYS_OPEN,
        opened(start),
        start + timedelta(seconds=seconds),
    )
    assert clock.state is state
    assert clock.due_at == start + timedelta(seconds=100)
    assert clock.warn_at == start + timedelta(seconds=80)
    assert clock.breached_at == (start + timedelta(seconds=100) if seconds > 100 else None)


def test_a_reply_exactly_at_the_target_is_met() -> None:
    start = at(2025, 3, 12, 3, 0)
    happenings = [*opened(start), reply(start + timedelta(seconds=100))]
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(100, None, None),
        ALWAYS_OPEN,
        happenings,
        start + timedelta(hours=1),
    )
    assert clock.state is ClockState.MET and clock.breached_at is None


def test_an_at_risk_clock_says_how_little_is_left() -> None:
    start = at(2025, 3, 12, 3, 0)
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(100, None, None),
        ALWAYS_OPEN,
        opened(start),
        start + timedelta(seconds=90),
    )
    assert clock.reason == "sla.at_risk" and clock.params["remaining"] == "0:00:10"
    assert "0:00:10" in translate(clock.reason, "zh-CN", **clock.params)


# -- next response ----------------------------------------------------------------------------


def test_next_response_stops_when_the_agent_replies() -> None:
    # Zammad #3140: once the agent has replied, the clock stops and never escalates.
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        message(at(2025, 3, 12, 10, 0)),
        message(at(2025, 3, 12, 10, 5)),
        reply(at(2025, 3, 12, 10, 40)),
    ]
    clock = only(Metric.NEXT_RESPONSE, NEXT_1H, OFFICE, happenings, at(2025, 3, 20, 9, 0))
    assert clock.state is ClockState.MET
    assert (clock.started_at, clock.stopped_at) == (at(2025, 3, 12, 10, 0), at(2025, 3, 12, 10, 40))
    assert clock.elapsed_s == 40 * 60 and clock.cycle == 1 and clock.due_at is None


def test_the_latest_next_response_cycle_is_reported() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        message(at(2025, 3, 12, 10, 0)),
        reply(at(2025, 3, 12, 10, 40)),
        message(at(2025, 3, 12, 14, 0)),
    ]
    clock = only(Metric.NEXT_RESPONSE, NEXT_1H, OFFICE, happenings, at(2025, 3, 12, 14, 50))
    assert clock.cycle == 2
    assert clock.state is ClockState.AT_RISK
    assert local(clock.due_at) == at(2025, 3, 12, 15, 0)


def test_no_next_response_before_the_first_reply() -> None:
    happenings = [*opened(at(2025, 3, 12, 9, 0)), message(at(2025, 3, 12, 9, 30))]
    clocks = compute_clocks(Targets(HOUR, HOUR, None), OFFICE, happenings, at(2025, 3, 12, 10, 0))
    assert [c.metric for c in clocks] == [Metric.FIRST_RESPONSE]


def test_a_thank_you_on_a_solved_ticket_starts_no_next_response() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        status(at(2025, 3, 12, 9, 10), "solved"),
        message(at(2025, 3, 12, 9, 30)),
    ]
    assert compute_clocks(NEXT_1H, OFFICE, happenings, at(2025, 3, 12, 10, 0)) == ()


def test_a_customer_message_that_reopens_a_ticket_starts_a_next_response_cycle() -> None:
    when = at(2025, 3, 13, 9, 30)
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        status(at(2025, 3, 12, 9, 10), "solved"),
        message(when),
        status(when, "open"),  # recorded after the message, at the same instant
    ]
    clock = only(Metric.NEXT_RESPONSE, NEXT_1H, OFFICE, happenings, at(2025, 3, 13, 10, 0))
    assert clock.started_at == when and clock.state is ClockState.RUNNING


def test_solving_ends_a_next_response_cycle() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        message(at(2025, 3, 12, 10, 0)),
        status(at(2025, 3, 12, 10, 20), "solved"),
    ]
    clock = only(Metric.NEXT_RESPONSE, NEXT_1H, OFFICE, happenings, at(2025, 3, 13, 10, 0))
    assert clock.state is ClockState.MET and clock.reason == "sla.met.solved"


# -- resolution -------------------------------------------------------------------------------


def test_a_reopened_ticket_resumes_resolution_from_its_elapsed_time() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        status(at(2025, 3, 12, 11, 0), "solved"),
        status(at(2025, 3, 13, 10, 0), "open"),
    ]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, at(2025, 3, 13, 11, 0))
    assert clock.elapsed_s == 3 * HOUR
    assert clock.state is ClockState.RUNNING and clock.stopped_at is None
    assert [s.kind for s in clock.segments] == ["running", "stopped", "running"]
    assert clock.segments[1].reason == "sla.segment.solved"
    assert local(clock.due_at) == at(2025, 3, 13, 17, 30)  # 5 h from 11:00: 1 h, lunch, 4 h


def test_solving_in_time_meets_the_resolution_and_a_later_solve_is_the_stop() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        status(at(2025, 3, 12, 11, 0), "solved"),
        status(at(2025, 3, 13, 10, 0), "open"),
        status(at(2025, 3, 13, 12, 0), "solved"),
        status(at(2025, 3, 20, 12, 0), "closed"),
    ]
    clock = only(Metric.RESOLUTION, RESOLVE_8H, OFFICE, happenings, at(2025, 3, 21, 9, 0))
    assert clock.state is ClockState.MET
    assert clock.stopped_at == at(2025, 3, 13, 12, 0)
    assert clock.elapsed_s == 4 * HOUR


# -- inputs -----------------------------------------------------------------------------------


def test_metrics_without_a_target_have_no_clock() -> None:
    clocks = compute_clocks(
        Targets(HOUR, None, None), OFFICE, opened(at(2025, 3, 12, 9, 0)), at(2025, 3, 12, 10, 0)
    )
    assert [c.metric for c in clocks] == [Metric.FIRST_RESPONSE]


def test_without_an_opening_there_are_no_clocks() -> None:
    happenings = [message(at(2025, 3, 12, 9, 0))]
    assert compute_clocks(FIRST_8H, OFFICE, happenings, at(2025, 3, 12, 10, 0)) == ()


def test_what_happens_after_now_is_not_known_yet() -> None:
    happenings = [*opened(at(2025, 3, 12, 9, 0)), reply(at(2025, 3, 12, 11, 0))]
    clock = only(Metric.FIRST_RESPONSE, FIRST_8H, OFFICE, happenings, at(2025, 3, 12, 10, 0))
    assert clock.state is ClockState.RUNNING and clock.stopped_at is None


def test_the_order_of_happenings_does_not_matter() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        status(at(2025, 3, 12, 10, 0), "pending"),
        status(at(2025, 3, 12, 14, 0), "open"),
    ]
    now = at(2025, 3, 12, 15, 0)
    assert compute_clocks(RESOLVE_8H, OFFICE, happenings, now) == compute_clocks(
        RESOLVE_8H, OFFICE, list(reversed(happenings)), now
    )


@pytest.mark.parametrize(
    ("build", "message_part"),
    [
        (lambda: Happening(datetime(2025, 3, 12, 9, 0), "opened"), "timezone-aware"),  # noqa: DTZ001
        (lambda: Happening(datetime(2025, 3, 12, 9, 0, tzinfo=UTC), "note"), "unknown"),
        (lambda: Happening(datetime(2025, 3, 12, 9, 0, tzinfo=UTC), "status"), "status"),
        (lambda: Targets(0, None, None), "positive"),
        (lambda: Targets(60, None, None, warn_ratio=1.5), "warn_ratio"),
    ],
)
def test_invalid_inputs_are_refused(build: Callable[[], object], message_part: str) -> None:
    with pytest.raises(ValueError, match=message_part):
        build()


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        compute_clocks(FIRST_8H, OFFICE, [], datetime(2025, 3, 12, 9, 0))  # noqa: DTZ001


# -- reasons ----------------------------------------------------------------------------------


def test_durations_read_the_same_in_every_locale() -> None:
    assert format_seconds(10) == "0:00:10"
    assert format_seconds(81000) == "22:30:00"
    assert format_seconds(-3) == "0:00:00"


def test_every_sla_text_exists_in_the_three_locales_and_fills_its_parameters() -> None:
    codes = [code for code in CATALOG if code.startswith("sla.")]
    assert len(codes) > 30
    params = {
        "elapsed": "1:00:00",
        "target": "2:00:00",
        "remaining": "1:00:00",
        "over": "0:10:00",
        "working": "1:00:00",
        "off_hours": "0:30:00",
        "status": "on_hold",
        "conditions": "type=complaint",
        "policy": "complaint",
        "detail": "overlap",
        # the editing errors
        "key": "refund",
        "calendar": "office",
        "group": "3",
        "value": "phone",
        "timezone": "Mars/Olympus",
        "day": "2026-10-01",
        "max": "1000",
    }
    for code in codes:
        assert set(CATALOG[code]) == set(LOCALES), code
        for locale in LOCALES:
            assert "{" not in translate(code, locale, **params), (code, locale)


def test_every_reason_a_clock_gives_has_a_text() -> None:
    happenings = [
        *opened(at(2025, 3, 12, 9, 0)),
        reply(at(2025, 3, 12, 9, 10)),
        message(at(2025, 3, 12, 10, 0)),
        status(at(2025, 3, 12, 10, 30), "pending"),
        status(at(2025, 3, 12, 14, 0), "open"),
    ]
    targets = Targets(HOUR, HOUR, 8 * HOUR)
    for now in (at(2025, 3, 12, 11, 0), at(2025, 3, 12, 15, 0), at(2025, 3, 20, 9, 0)):
        for clock in compute_clocks(targets, OFFICE, happenings, now):
            assert clock.reason in CATALOG
            assert all(segment.reason in CATALOG for segment in clock.segments)


def test_instants_with_microseconds_meet_a_target_reached_exactly() -> None:
    start = datetime(2025, 3, 12, 3, 0, 0, 123457, tzinfo=UTC)
    happenings = [*opened(start), reply(start + timedelta(seconds=100))]
    clock = only(
        Metric.FIRST_RESPONSE,
        Targets(100, None, None),
        OFFICE,
        happenings,
        start + timedelta(hours=1),
    )
    assert clock.elapsed_s == 100 and clock.state is ClockState.MET
