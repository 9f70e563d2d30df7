"""Business calendars: working periods, lunch breaks, China's holidays and adjusted working days."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kefu.sla.calendar import (
    ALWAYS_OPEN,
    Calendar,
    Period,
    add_working_time,
    is_working,
    make_calendar,
    named_calendar,
    next_working_instant,
    office_calendar,
    period,
    periods_on,
    shop_hours_calendar,
    working_intervals,
    working_seconds_between,
)
from kefu.sla.holidays_cn import CN_YEARS, cn_days

SH = ZoneInfo("Asia/Shanghai")
OFFICE = office_calendar()
SHOP = shop_hours_calendar()
MORNING, AFTERNOON = Period(540, 720), Period(810, 1080)


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


def local(instant: datetime) -> datetime:
    return instant.astimezone(SH)


# -- periods of a day -------------------------------------------------------------------------


def test_a_weekday_has_the_morning_and_the_afternoon_periods() -> None:
    assert periods_on(OFFICE, date(2025, 3, 12)) == (MORNING, AFTERNOON)


def test_a_plain_weekend_day_has_no_periods() -> None:
    assert periods_on(OFFICE, date(2025, 3, 15)) == ()


def test_a_public_holiday_has_no_periods() -> None:
    assert periods_on(OFFICE, date(2025, 10, 3)) == ()  # a Friday of the National Day holiday


def test_an_adjusted_working_day_has_mondays_hours() -> None:
    assert date(2025, 10, 11).weekday() == 5
    assert periods_on(OFFICE, date(2025, 10, 11)) == (MORNING, AFTERNOON)


def test_a_year_not_listed_falls_back_to_plain_weekends() -> None:
    assert periods_on(OFFICE, date(2027, 10, 1)) == (MORNING, AFTERNOON)  # a Friday
    assert periods_on(OFFICE, date(2027, 10, 2)) == ()


def test_the_lunch_break_is_not_working_time() -> None:
    assert is_working(OFFICE, at(2025, 3, 12, 11, 59))
    assert not is_working(OFFICE, at(2025, 3, 12, 12, 0))
    assert not is_working(OFFICE, at(2025, 3, 12, 13, 29))
    assert is_working(OFFICE, at(2025, 3, 12, 13, 30))


def test_the_end_of_a_period_is_not_working_time() -> None:
    assert not is_working(OFFICE, at(2025, 3, 12, 18, 0))


def test_working_time_is_judged_in_the_calendars_zone_whatever_zone_the_instant_has() -> None:
    assert is_working(OFFICE, datetime(2025, 3, 12, 1, 0, tzinfo=UTC))  # 09:00 in Shanghai
    assert not is_working(OFFICE, datetime(2025, 3, 12, 0, 59, tzinfo=UTC))


# -- next working instant and deadlines -------------------------------------------------------


def test_a_working_instant_is_its_own_next_working_instant() -> None:
    instant = at(2025, 3, 12, 10, 0, 5)
    assert next_working_instant(OFFICE, instant) == instant


def test_saturday_moves_to_monday_morning() -> None:
    assert local(next_working_instant(OFFICE, at(2025, 3, 15, 10, 0))) == at(2025, 3, 17, 9, 0)


def test_results_are_in_utc() -> None:
    result = add_working_time(OFFICE, at(2025, 3, 12, 10, 0), 60)
    assert result.tzinfo is UTC and result == at(2025, 3, 12, 10, 1)


def test_a_deadline_at_1759_plus_two_minutes_falls_at_0901_on_the_next_working_day() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 12, 17, 59), 120)) == at(2025, 3, 13, 9, 1)


def test_a_deadline_after_friday_closing_falls_on_monday_not_at_midnight() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 14, 17, 59), 120)) == at(2025, 3, 17, 9, 1)


def test_a_deadline_reached_exactly_at_closing_stays_at_closing() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 12, 17, 0), 3600)) == at(2025, 3, 12, 18, 0)


def test_a_deadline_skips_the_lunch_break() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 12, 11, 30), 3600)) == at(2025, 3, 12, 14, 0)


def test_counting_from_the_lunch_break_starts_at_half_past_one() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 12, 12, 10), 600)) == at(2025, 3, 12, 13, 40)


def test_zero_seconds_is_the_next_working_instant() -> None:
    assert local(add_working_time(OFFICE, at(2025, 3, 12, 18, 0), 0)) == at(2025, 3, 13, 9, 0)


def test_a_deadline_skips_the_national_day_holiday() -> None:
    # 2025: 1–8 October off; Thursday 9 October is the first working day.
    assert local(add_working_time(OFFICE, at(2025, 9, 30, 17, 0), 2 * 3600)) == at(
        2025, 10, 9, 10, 0
    )


def test_an_adjusted_saturday_workday_counts() -> None:
    # 2025: Saturday 11 October is a working day (调休上班).
    assert local(add_working_time(OFFICE, at(2025, 10, 10, 17, 0), 2 * 3600)) == at(
        2025, 10, 11, 10, 0
    )


def test_the_spring_festival_2026_is_nine_days_off() -> None:
    assert local(add_working_time(OFFICE, at(2026, 2, 14, 17, 59), 120)) == at(2026, 2, 24, 9, 1)


def test_negative_seconds_are_refused() -> None:
    with pytest.raises(ValueError, match="seconds"):
        add_working_time(OFFICE, at(2025, 3, 12, 10, 0), -1)


def test_naive_datetimes_are_refused() -> None:
    naive = datetime(2025, 3, 12, 10, 0)  # noqa: DTZ001
    for call in (
        lambda: is_working(OFFICE, naive),
        lambda: next_working_instant(OFFICE, naive),
        lambda: add_working_time(OFFICE, naive, 60),
        lambda: working_seconds_between(OFFICE, naive, at(2025, 3, 13, 0, 0)),
        lambda: working_intervals(OFFICE, at(2025, 3, 12, 0, 0), naive),
    ):
        with pytest.raises(ValueError, match="timezone-aware"):
            call()


# -- durations and intervals ------------------------------------------------------------------


def test_a_working_day_of_the_office_is_seven_and_a_half_hours() -> None:
    assert working_seconds_between(OFFICE, at(2025, 3, 12, 0, 0), at(2025, 3, 13, 0, 0)) == 27000


def test_a_weekend_counts_nothing_on_the_office_calendar() -> None:
    assert working_seconds_between(OFFICE, at(2025, 3, 14, 18, 0), at(2025, 3, 17, 9, 0)) == 0


def test_nothing_counts_when_the_end_is_not_after_the_start() -> None:
    assert working_seconds_between(OFFICE, at(2025, 3, 13, 10, 0), at(2025, 3, 12, 10, 0)) == 0


def test_working_intervals_are_the_periods_clipped_to_the_range_in_utc() -> None:
    intervals = working_intervals(OFFICE, at(2025, 3, 14, 11, 0), at(2025, 3, 17, 10, 0))
    assert [(local(a), local(b)) for a, b in intervals] == [
        (at(2025, 3, 14, 11, 0), at(2025, 3, 14, 12, 0)),
        (at(2025, 3, 14, 13, 30), at(2025, 3, 14, 18, 0)),
        (at(2025, 3, 17, 9, 0), at(2025, 3, 17, 10, 0)),
    ]
    assert all(a.tzinfo is UTC for a, _ in intervals)


def test_touching_periods_make_one_interval() -> None:
    cal = make_calendar([[[0, 720], [720, 1440]]] * 7)
    assert working_intervals(cal, at(2025, 3, 12, 6, 0), at(2025, 3, 13, 6, 0)) == [
        (at(2025, 3, 12, 6, 0), at(2025, 3, 13, 6, 0))
    ]


# -- the ready calendars ----------------------------------------------------------------------


def test_the_shop_is_open_on_weekends_and_public_holidays() -> None:
    assert is_working(SHOP, at(2025, 10, 1, 10, 0))
    assert is_working(SHOP, at(2025, 3, 15, 23, 29))
    assert not is_working(SHOP, at(2025, 3, 15, 23, 30))
    assert not is_working(SHOP, at(2025, 3, 16, 8, 59))


def test_a_chat_at_closing_time_is_due_the_next_morning() -> None:
    assert local(add_working_time(SHOP, at(2025, 3, 15, 23, 29, 55), 10)) == at(
        2025, 3, 16, 9, 0, 5
    )


def test_always_open_counts_every_second() -> None:
    start = at(2025, 10, 1, 2, 0)
    assert is_working(ALWAYS_OPEN, start)
    assert add_working_time(ALWAYS_OPEN, start, 300) == start + timedelta(minutes=5)
    assert working_seconds_between(ALWAYS_OPEN, start, start + timedelta(days=2)) == 172800
    assert periods_on(ALWAYS_OPEN, date(2025, 10, 1)) == (Period(0, 1440),)


def test_calendars_are_found_by_the_key_a_policy_names() -> None:
    assert named_calendar("shop_hours") is SHOP
    assert named_calendar("office") == OFFICE
    assert named_calendar("always_open") is ALWAYS_OPEN
    with pytest.raises(ValueError, match="unknown calendar"):
        named_calendar("night_shift")


def test_an_office_calendar_for_chosen_years_knows_only_their_holidays() -> None:
    only_2024 = office_calendar([2024])
    assert periods_on(only_2024, date(2024, 10, 1)) == ()
    assert periods_on(only_2024, date(2025, 10, 1)) == (MORNING, AFTERNOON)


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("build", "message"),
    [
        (lambda: make_calendar([[]] * 6), "7 days"),
        (lambda: make_calendar([[[540, 720], [700, 800]]] * 7), "overlap"),
        (lambda: make_calendar([[[810, 1080], [540, 720]]] * 7), "sorted"),
        (lambda: make_calendar([[[540, 1500]]] * 7), "start < end"),
        (lambda: make_calendar([[[600, 600]]] * 7), "start < end"),
        (lambda: make_calendar([[]] * 7, timezone="Mars/Olympus_Mons"), "time zone"),
        (
            lambda: make_calendar(
                [[]] * 7, holidays=[date(2025, 1, 1)], workdays=[date(2025, 1, 1)]
            ),
            "both",
        ),
        (lambda: period("9h", "18:00"), "HH:MM"),
    ],
)
def test_invalid_calendars_are_refused_with_a_clear_message(
    build: Callable[[], object], message: str
) -> None:
    with pytest.raises(ValueError, match=message):
        build()


def test_a_calendar_without_working_time_cannot_place_a_deadline() -> None:
    never = Calendar(weekly=((),) * 7)
    with pytest.raises(ValueError, match="no working time"):
        add_working_time(never, at(2025, 3, 12, 10, 0), 60)
    with pytest.raises(ValueError, match="no working time"):
        next_working_instant(never, at(2025, 3, 12, 10, 0))


def test_wall_times_parse_into_minutes_with_midnight_as_1440() -> None:
    assert period("09:00", "23:30") == Period(540, 1410)
    assert period("00:00", "24:00") == Period(0, 1440)


def test_a_calendar_follows_daylight_saving_time_in_its_zone() -> None:
    berlin = make_calendar([[[0, 1440]]] * 7, timezone="Europe/Berlin")
    start = datetime(2025, 3, 30, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    end = datetime(2025, 3, 31, 0, 0, tzinfo=ZoneInfo("Europe/Berlin"))
    assert working_seconds_between(berlin, start, end) == 23 * 3600


# -- the holiday data -------------------------------------------------------------------------


def test_every_adjusted_working_day_is_a_weekend_day() -> None:
    for year in CN_YEARS.values():
        assert all(day.weekday() >= 5 for day in year.workdays)


def test_holidays_and_adjusted_working_days_never_coincide() -> None:
    holidays, workdays = cn_days()
    assert not holidays & workdays


def test_each_year_lists_its_notice_and_its_own_days() -> None:
    for number, year in CN_YEARS.items():
        assert "部分节假日安排的通知" in year.source and str(number) in year.source
        assert {d.year for d in year.holidays | year.workdays} == {number}


def test_the_2025_national_day_and_mid_autumn_holiday_is_eight_days() -> None:
    october = sorted(d for d in CN_YEARS[2025].holidays if d.month == 10)
    assert october == [date(2025, 10, n) for n in range(1, 9)]


def test_a_year_not_listed_adds_no_days() -> None:
    assert cn_days([2031]) == (frozenset(), frozenset())


# -- properties -------------------------------------------------------------------------------

CUSTOM = make_calendar(
    [[[480, 600], [660, 1020]], [[0, 90], [1380, 1440]], [], [[540, 1080]], [], [], [[600, 660]]],
    holidays=[date(2025, 5, 1)],
    workdays=[date(2025, 5, 3)],
)
calendars = st.sampled_from([OFFICE, SHOP, ALWAYS_OPEN, CUSTOM])
starts = st.datetimes(
    min_value=datetime(2024, 1, 1),  # noqa: DTZ001
    max_value=datetime(2026, 12, 1),  # noqa: DTZ001
    timezones=st.just(SH),
)
amounts = st.floats(min_value=0, max_value=40 * 27000, allow_nan=False)
PROPERTY = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(calendars, starts, amounts)
def test_the_working_time_up_to_a_deadline_is_the_time_that_was_added(
    cal: Calendar, start: datetime, seconds: float
) -> None:
    assert working_seconds_between(cal, start, add_working_time(cal, start, seconds)) == (
        pytest.approx(seconds, abs=1e-3)
    )


@PROPERTY
@given(calendars, starts, amounts)
def test_a_deadline_is_a_working_instant_or_the_end_of_a_period(
    cal: Calendar, start: datetime, seconds: float
) -> None:
    due = add_working_time(cal, start, seconds)
    assert is_working(cal, due) or is_working(cal, due - timedelta(microseconds=1))
    assert due >= start


@PROPERTY
@given(calendars, starts, amounts, amounts)
def test_more_working_time_never_gives_an_earlier_deadline(
    cal: Calendar, start: datetime, one: float, other: float
) -> None:
    low, high = sorted((one, other))
    assert add_working_time(cal, start, low) <= add_working_time(cal, start, high)


@PROPERTY
@given(calendars, starts, starts)
def test_working_intervals_add_up_to_the_working_seconds(
    cal: Calendar, one: datetime, other: datetime
) -> None:
    a, b = sorted((one, other))
    total = sum((hi - lo).total_seconds() for lo, hi in working_intervals(cal, a, b))
    assert total == pytest.approx(working_seconds_between(cal, a, b), abs=1e-3)
