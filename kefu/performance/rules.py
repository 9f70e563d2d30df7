"""Pure aggregation rules of the supervisor's board and today's charts: local days and hours
(Asia/Shanghai, where the shops and their handbooks keep time), waits, percentiles of first
response times and SLA attainment. No I/O; ``now`` is passed in.

Seeds: 004 (客服工单系统: supervisors watch queues, agents and complaints) and 000 (管理制度:
response times and service levels judged per day)."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")
HOURS = tuple(range(24))
PERCENT = 100


@dataclass(frozen=True)
class LocalDay:
    """A local calendar day as UTC instants: ``start`` (00:00) and ``end`` (next 00:00), and
    the start of each of its hours, so a query can bucket with plain comparisons."""

    day: str  # ISO date, local
    start: datetime
    end: datetime
    hour_starts: tuple[datetime, ...]


def local_day(now: datetime, tz: tzinfo = SHANGHAI) -> LocalDay:
    """The local day containing ``now`` (rule: a day is counted in Beijing time, seed 000)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    today = now.astimezone(tz).date()
    starts = tuple(datetime.combine(today, time(hour), tzinfo=tz).astimezone(UTC) for hour in HOURS)
    end = datetime.combine(today + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return LocalDay(today.isoformat(), starts[0], end, starts)


def hour_of(instant: datetime, tz: tzinfo = SHANGHAI) -> int:
    """The local hour (0–23) an instant falls in."""
    return instant.astimezone(tz).hour


def wait_seconds(since: datetime | None, now: datetime) -> int:
    """How long something has waited, in whole seconds; never negative (clocks of two
    machines may disagree by a little), 0 when nothing waits."""
    if since is None:
        return 0
    return max(0, int((now - since).total_seconds()))


def response_seconds(created_at: datetime, first_response_at: datetime) -> float:
    """First response time of one ticket: from its opening to the first public reply."""
    return max(0.0, (first_response_at - created_at).total_seconds())


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0 < q < 100) by linear interpolation between closest ranks,
    the method of PostgreSQL's ``percentile_cont`` and of spreadsheets' PERCENTILE; None for
    no values."""
    if not 0 < q < PERCENT:
        raise ValueError("q must be between 0 and 100")
    if not values:
        return None
    if len(values) == 1:
        return float(values[0])
    if float(q).is_integer():
        cuts = statistics.quantiles(values, n=PERCENT, method="inclusive")
        return cuts[int(q) - 1]
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / PERCENT
    low = int(rank)
    return ordered[low] + (ordered[low + 1] - ordered[low]) * (rank - low)


@dataclass(frozen=True)
class HourPercentiles:
    hour: int
    count: int
    p50: float | None
    p90: float | None


def first_response_by_hour(
    pairs: Iterable[tuple[datetime, datetime]], tz: tzinfo = SHANGHAI
) -> list[HourPercentiles]:
    """Per local hour of opening (all 24), how many tickets had a first response and its p50
    and p90 in seconds. ``pairs`` are (created_at, first_response_at)."""
    by_hour: dict[int, list[float]] = defaultdict(list)
    for created_at, first_response_at in pairs:
        by_hour[hour_of(created_at, tz)].append(response_seconds(created_at, first_response_at))
    return [
        HourPercentiles(
            hour,
            len(by_hour[hour]),
            percentile(by_hour[hour], 50),
            percentile(by_hour[hour], 90),
        )
        for hour in HOURS
    ]


def volume_by_hour(
    counts: Iterable[tuple[str, int, int]], channels: Iterable[str] = ()
) -> dict[str, list[int]]:
    """Rows of (channel, hour, count) as one 24-slot series per channel; ``channels`` always
    get a series, even an empty one. An hour outside 0–23 is a caller's bug and raises."""
    series: dict[str, list[int]] = {channel: [0] * len(HOURS) for channel in channels}
    for channel, hour, count in counts:
        if hour not in HOURS:
            raise ValueError(f"hour out of range: {hour}")
        series.setdefault(channel, [0] * len(HOURS))[hour] += count
    return series


@dataclass(frozen=True)
class Attainment:
    met: int
    breached: int
    ratio: float | None  # None: no clock settled, nothing to judge


def attainment(met: int, breached: int) -> Attainment:
    """SLA attainment = met / (met + breached): clocks still running or paused are not
    judged yet and count in neither."""
    if met < 0 or breached < 0:
        raise ValueError("counts cannot be negative")
    settled = met + breached
    return Attainment(met, breached, met / settled if settled else None)


def attainment_by(rows: Iterable[tuple[str, str, int]]) -> dict[str, Attainment]:
    """Rows of (key, clock state, count) → attainment per key; states other than met and
    breached are ignored."""
    met: dict[str, int] = defaultdict(int)
    breached: dict[str, int] = defaultdict(int)
    keys: list[str] = []
    for key, state, count in rows:
        if key not in keys:
            keys.append(key)
        if state == "met":
            met[key] += count
        elif state == "breached":
            breached[key] += count
    return {key: attainment(met[key], breached[key]) for key in keys}


def load_ratio(held: int, capacity: int) -> float | None:
    """How full an agent is: what they hold over what they can hold (None: no capacity)."""
    return held / capacity if capacity > 0 else None
