"""The supervision aggregation rules, table-driven: Beijing days and hours, waits, percentiles,
volume series and SLA attainment."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from kefu.performance import rules

SH = ZoneInfo("Asia/Shanghai")


def bj(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """An instant in Beijing time."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


@pytest.mark.parametrize(
    ("now", "day", "start_utc"),
    [
        # 07:59 UTC is 15:59 in Beijing: the same day
        (
            datetime(2025, 3, 3, 7, 59, tzinfo=UTC),
            "2025-03-03",
            datetime(2025, 3, 2, 16, tzinfo=UTC),
        ),
        # 16:00 UTC is already midnight of the next day in Beijing
        (
            datetime(2025, 3, 3, 16, 0, tzinfo=UTC),
            "2025-03-04",
            datetime(2025, 3, 3, 16, tzinfo=UTC),
        ),
        # one second before Beijing midnight still belongs to the day
        (bj(2025, 12, 31, 23, 59, 59), "2025-12-31", datetime(2025, 12, 30, 16, tzinfo=UTC)),
    ],
)
def test_a_day_is_counted_in_beijing_time(now: datetime, day: str, start_utc: datetime) -> None:
    local = rules.local_day(now)
    assert local.day == day
    assert local.start == start_utc
    assert local.end - local.start == timedelta(days=1)
    assert len(local.hour_starts) == 24
    assert local.hour_starts[9] == start_utc + timedelta(hours=9)


def test_a_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        rules.local_day(datetime(2025, 3, 3, 10))  # noqa: DTZ001


@pytest.mark.parametrize(
    ("instant", "hour"),
    [
        (datetime(2025, 3, 3, 16, 0, tzinfo=UTC), 0),
        (datetime(2025, 3, 3, 15, 59, 59, tzinfo=UTC), 23),
        (bj(2025, 3, 3, 9, 30), 9),
        (datetime(2025, 3, 3, 1, 0, tzinfo=UTC), 9),
    ],
)
def test_the_hour_of_an_instant_is_its_beijing_hour(instant: datetime, hour: int) -> None:
    assert rules.hour_of(instant) == hour


@pytest.mark.parametrize(
    ("since", "now", "seconds"),
    [
        (None, bj(2025, 3, 3, 10), 0),
        (bj(2025, 3, 3, 9, 0), bj(2025, 3, 3, 10, 30), 5400),
        (bj(2025, 3, 3, 10, 0, 5), bj(2025, 3, 3, 10), 0),  # a clock a little ahead: not negative
        (bj(2025, 3, 3, 10), bj(2025, 3, 3, 10, 0, 59), 59),
    ],
)
def test_a_wait_is_whole_seconds_and_never_negative(
    since: datetime | None, now: datetime, seconds: int
) -> None:
    assert rules.wait_seconds(since, now) == seconds


@pytest.mark.parametrize(
    ("values", "q", "expected"),
    [
        ([], 50, None),
        ([42.0], 50, 42.0),
        ([42.0], 90, 42.0),
        ([30.0, 120.0, 3600.0], 50, 120.0),
        ([30.0, 120.0, 3600.0], 90, 2904.0),
        ([1.0, 2.0, 3.0, 4.0], 50, 2.5),
        ([4.0, 1.0, 3.0, 2.0], 90, 3.7),  # order does not matter
        ([10.0, 20.0], 25, 12.5),
        ([1.0, 2.0, 3.0, 4.0], 12.5, 1.375),  # a fractional percentile
    ],
)
def test_percentiles_interpolate_between_closest_ranks(
    values: list[float], q: float, expected: float | None
) -> None:
    got = rules.percentile(values, q)
    if expected is None:
        assert got is None
    else:
        assert got == pytest.approx(expected)


@pytest.mark.parametrize("q", [0, 100, -5, 150])
def test_a_percentile_outside_0_to_100_is_refused(q: float) -> None:
    with pytest.raises(ValueError, match="between"):
        rules.percentile([1.0, 2.0], q)


def test_first_responses_are_bucketed_by_the_beijing_hour_of_opening() -> None:
    pairs = [
        (bj(2025, 3, 3, 9, 5), bj(2025, 3, 3, 9, 5, 30)),  # 30 s
        (bj(2025, 3, 3, 9, 40), bj(2025, 3, 3, 9, 42)),  # 120 s
        (bj(2025, 3, 3, 9, 50), bj(2025, 3, 3, 10, 50)),  # 3600 s, still counted in hour 9
        (bj(2025, 3, 3, 0, 0), bj(2025, 3, 3, 0, 0, 10)),  # midnight is hour 0
    ]
    hours = rules.first_response_by_hour(pairs)
    assert [h.hour for h in hours] == list(range(24))
    assert (hours[9].count, hours[9].p50) == (3, 120.0)
    assert hours[9].p90 == pytest.approx(2904.0)
    assert (hours[0].count, hours[0].p50, hours[0].p90) == (1, 10.0, 10.0)
    assert (hours[10].count, hours[10].p50, hours[10].p90) == (0, None, None)


def test_a_reply_stamped_before_the_opening_counts_as_zero() -> None:
    assert rules.response_seconds(bj(2025, 3, 3, 9), bj(2025, 3, 3, 8, 59)) == 0.0


def test_volume_rows_become_24_slot_series_per_channel() -> None:
    series = rules.volume_by_hour(
        [("web_chat", 9, 2), ("email", 9, 1), ("web_chat", 14, 3), ("web_chat", 9, 1)],
        channels=["phone"],
    )
    assert series["web_chat"][9] == 3
    assert series["web_chat"][14] == 3
    assert sum(series["web_chat"]) == 6
    assert series["email"] == [0] * 9 + [1] + [0] * 14
    assert series["phone"] == [0] * 24


def test_a_volume_hour_out_of_range_is_a_bug() -> None:
    with pytest.raises(ValueError, match="hour"):
        rules.volume_by_hour([("email", 24, 1)])


@pytest.mark.parametrize(
    ("met", "breached", "ratio"),
    [
        (0, 0, None),  # nothing settled: nothing to judge, not 0 % or 100 %
        (9, 1, 0.9),
        (0, 3, 0.0),
        (5, 0, 1.0),
        (1, 2, 1 / 3),
    ],
)
def test_attainment_is_met_over_met_plus_breached(
    met: int, breached: int, ratio: float | None
) -> None:
    result = rules.attainment(met, breached)
    assert (result.met, result.breached) == (met, breached)
    assert result.ratio == (pytest.approx(ratio) if ratio is not None else None)


def test_attainment_refuses_negative_counts() -> None:
    with pytest.raises(ValueError, match="negative"):
        rules.attainment(-1, 0)


def test_attainment_by_key_ignores_clocks_not_yet_settled() -> None:
    by = rules.attainment_by(
        [
            ("web_chat", "met", 3),
            ("web_chat", "breached", 1),
            ("web_chat", "running", 7),
            ("email", "at_risk", 2),
            ("email", "met", 2),
            ("phone", "paused", 4),
        ]
    )
    assert by["web_chat"].ratio == pytest.approx(0.75)
    assert by["email"].ratio == 1.0
    assert by["phone"].ratio is None
    assert list(by) == ["web_chat", "email", "phone"]


@pytest.mark.parametrize(
    ("held", "capacity", "ratio"), [(3, 10, 0.3), (5, 5, 1.0), (6, 5, 1.2), (1, 0, None)]
)
def test_load_is_held_over_capacity(held: int, capacity: int, ratio: float | None) -> None:
    assert rules.load_ratio(held, capacity) == ratio
