"""Business calendars: when the clock of an SLA counts.

A calendar is a week of working periods in local wall time, plus days off (public holidays) and
adjusted working days (调休上班, which work Monday's hours). Every function takes and returns
timezone-aware datetimes (results in UTC) and walks day by day, never minute by minute. Pure: no
I/O; the caller passes every instant in.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from itertools import pairwise
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kefu.sla.holidays_cn import cn_days

DAY_MINUTES = 1440
ONE_DAY = timedelta(days=1)
# A calendar without working time for this long is treated as broken rather than searched on.
MAX_IDLE_DAYS = 3 * 366
# However long the work to place, never walk further than this.
MAX_SEARCH_DAYS = 100 * 366
_CACHE_LIMIT = 4096

Span = tuple[float, float]  # one working period as POSIX timestamps [start, end)


@dataclass(frozen=True)
class Period:
    """One working period of a day in local wall time, minutes from midnight: [start, end)."""

    start: int
    end: int

    def __post_init__(self) -> None:
        if not (0 <= self.start < self.end <= DAY_MINUTES):
            raise ValueError(
                f"a period must satisfy 0 <= start < end <= {DAY_MINUTES} minutes, "
                f"got {self.start}-{self.end}"
            )


@dataclass(frozen=True, kw_only=True)
class Calendar:
    timezone: str = "Asia/Shanghai"  # IANA name
    weekly: tuple[tuple[Period, ...], ...]  # 7 entries, Monday first; () is a day off
    holidays: frozenset[date] = frozenset()  # days off although their weekday has hours
    workdays: frozenset[date] = frozenset()  # adjusted working days: Monday's hours
    always_open: bool = False  # 24x7: every instant is working time
    _zone: ZoneInfo = field(init=False, repr=False, compare=False, hash=False)
    _spans: dict[date, tuple[Span, ...]] = field(
        init=False, repr=False, compare=False, hash=False, default_factory=dict
    )

    def __post_init__(self) -> None:
        if len(self.weekly) != 7:
            raise ValueError(f"a calendar needs 7 days of hours, got {len(self.weekly)}")
        for weekday, periods in enumerate(self.weekly):
            for before, after in pairwise(periods):
                if after.start < before.end:
                    raise ValueError(
                        f"day {weekday}: periods must be sorted and must not overlap "
                        f"({before.start}-{before.end}, {after.start}-{after.end})"
                    )
        both = self.holidays & self.workdays
        if both:
            raise ValueError(f"a day cannot be both a holiday and a working day: {min(both)}")
        try:
            zone = ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {self.timezone!r}") from exc
        object.__setattr__(self, "_zone", zone)


def make_calendar(
    weekly: Sequence[Sequence[Period | Sequence[int]]],
    *,
    timezone: str = "Asia/Shanghai",
    holidays: Iterable[date] = (),
    workdays: Iterable[date] = (),
    always_open: bool = False,
) -> Calendar:
    """A calendar from plain data, e.g. stored JSON: seven lists of ``[start, end]`` minutes."""
    days = tuple(
        tuple(p if isinstance(p, Period) else Period(int(p[0]), int(p[1])) for p in day)
        for day in weekly
    )
    return Calendar(
        timezone=timezone,
        weekly=days,
        holidays=frozenset(holidays),
        workdays=frozenset(workdays),
        always_open=always_open,
    )


def period(start: str, end: str) -> Period:
    """A period from wall times such as ``"09:00"`` and ``"23:30"`` (``"24:00"`` is midnight)."""
    return Period(_minutes(start), _minutes(end))


def _minutes(text: str) -> int:
    hours, _, minutes = text.partition(":")
    if not (hours.isdigit() and minutes.isdigit() and int(minutes) < 60):
        raise ValueError(f"not a wall time HH:MM: {text!r}")
    return int(hours) * 60 + int(minutes)


# -- public functions -------------------------------------------------------------------------


def periods_on(cal: Calendar, day: date) -> tuple[Period, ...]:
    """The working periods of one local day: none on a holiday, Monday's on an adjusted
    working day (调休上班), else the weekday's."""
    if cal.always_open:
        return (Period(0, DAY_MINUTES),)
    if day in cal.holidays:
        return ()
    if day in cal.workdays:
        return cal.weekly[0]
    return cal.weekly[day.weekday()]


def is_working(cal: Calendar, at: datetime) -> bool:
    t = _ts(at)
    if cal.always_open:
        return True
    return any(s <= t < e for s, e in _day_spans(cal, _local_day(cal, t)))


def next_working_instant(cal: Calendar, at: datetime) -> datetime:
    """``at`` itself when it is working time, else the start of the next working period."""
    return _dt(_next_working(cal, _ts(at)))


def add_working_time(cal: Calendar, start: datetime, seconds: float) -> datetime:
    """The instant at which ``seconds`` of working time have passed, counting from ``start``.

    A deadline reached exactly at the end of a period stays at that end; otherwise it always
    lands in working time, so an escalation never falls at night or on a holiday."""
    return _dt(_add(cal, _ts(start), seconds))


def working_seconds_between(cal: Calendar, a: datetime, b: datetime) -> float:
    """Working seconds inside [a, b); 0 when b <= a. Rounded to the microsecond, the
    resolution of a datetime, so float noise cannot tip a clock over its target."""
    return round(sum(hi - lo for lo, hi in _clip(cal, _ts(a), _ts(b, "b"))), 6)


def working_intervals(cal: Calendar, a: datetime, b: datetime) -> list[tuple[datetime, datetime]]:
    """The working time inside [a, b) as UTC intervals, touching ones merged (for timelines)."""
    merged: list[list[float]] = []
    for lo, hi in _clip(cal, _ts(a), _ts(b, "b")):
        if merged and merged[-1][1] == lo:
            merged[-1][1] = hi
        else:
            merged.append([lo, hi])
    return [(_dt(lo), _dt(hi)) for lo, hi in merged]


# -- ready calendars --------------------------------------------------------------------------


@functools.cache
def shop_hours_calendar() -> Calendar:
    """The online shop's hours, every day 09:00–23:30 (seed 004: 客服部在线时间:9:00-23:30).
    Shops also serve on weekends and public holidays, so there are no days off."""
    return Calendar(weekly=((period("09:00", "23:30"),),) * 7)


def office_calendar(years: Iterable[int] | None = None) -> Calendar:
    """Office hours, Monday–Friday 09:00–12:00 and 13:30–18:00 (the lunch break does not
    count), with mainland China's public holidays and adjusted working days of ``years``
    (every year holidays_cn lists when None)."""
    return _office_calendar(None if years is None else tuple(sorted(set(years))))


@functools.cache
def _office_calendar(years: tuple[int, ...] | None) -> Calendar:
    holidays, workdays = cn_days(years)
    day = (period("09:00", "12:00"), period("13:30", "18:00"))
    return Calendar(weekly=(day,) * 5 + ((), ()), holidays=holidays, workdays=workdays)


ALWAYS_OPEN = Calendar(weekly=((Period(0, DAY_MINUTES),),) * 7, always_open=True)

CALENDAR_KEYS = ("shop_hours", "office", "always_open")


def named_calendar(key: str) -> Calendar:
    """One of the ready calendars by the key a policy names."""
    if key == "shop_hours":
        return shop_hours_calendar()
    if key == "office":
        return office_calendar()
    if key == "always_open":
        return ALWAYS_OPEN
    raise ValueError(f"unknown calendar {key!r}, expected one of {', '.join(CALENDAR_KEYS)}")


# -- the arithmetic, on POSIX timestamps ------------------------------------------------------


def _ts(at: datetime, name: str = "at") -> float:
    if at.tzinfo is None or at.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")
    return at.timestamp()


def _dt(t: float) -> datetime:
    return datetime.fromtimestamp(t, UTC)


def _local_day(cal: Calendar, t: float) -> date:
    return datetime.fromtimestamp(t, cal._zone).date()


def _day_spans(cal: Calendar, day: date) -> tuple[Span, ...]:
    """The working periods of one local day as timestamps, cached on the calendar."""
    spans = cal._spans.get(day)
    if spans is None:
        midnight = datetime(day.year, day.month, day.day, tzinfo=cal._zone)
        out: list[Span] = []
        for p in periods_on(cal, day):
            # Wall-clock arithmetic, then the offset in force at each end (DST-safe).
            s = (midnight + timedelta(minutes=p.start)).timestamp()
            e = (midnight + timedelta(minutes=p.end)).timestamp()
            if e > s:
                out.append((s, e))
        spans = tuple(out)
        if len(cal._spans) >= _CACHE_LIMIT:
            cal._spans.clear()
        cal._spans[day] = spans
    return spans


def _next_working(cal: Calendar, t: float) -> float:
    if cal.always_open:
        return t
    day = _local_day(cal, t)
    for _ in range(MAX_IDLE_DAYS):
        for s, e in _day_spans(cal, day):
            if t < e:
                return max(s, t)
        day += ONE_DAY
    raise ValueError("the calendar has no working time in the next three years")


def _add(cal: Calendar, t: float, seconds: float) -> float:
    if not (seconds >= 0 and math.isfinite(seconds)):
        raise ValueError(f"seconds must be a finite number >= 0, got {seconds}")
    if cal.always_open:
        return t + seconds
    if seconds == 0:
        return _next_working(cal, t)
    remaining = seconds
    day = _local_day(cal, t)
    idle = 0
    for _ in range(MAX_SEARCH_DAYS):
        spans = _day_spans(cal, day)
        idle = idle + 1 if not spans else 0
        if idle > MAX_IDLE_DAYS:
            raise ValueError("the calendar has no working time in the next three years")
        for s, e in spans:
            if e <= t:
                continue
            lo = max(s, t)
            if remaining <= e - lo:
                return lo + remaining
            remaining -= e - lo
        day += ONE_DAY
    raise ValueError(f"{seconds} working seconds reach beyond {MAX_SEARCH_DAYS} days")


def _clip(cal: Calendar, ta: float, tb: float) -> Iterator[Span]:
    """The working spans inside [ta, tb)."""
    if tb <= ta:
        return
    if cal.always_open:
        yield ta, tb
        return
    day, last = _local_day(cal, ta), _local_day(cal, tb)
    while day <= last:
        for s, e in _day_spans(cal, day):
            lo, hi = max(s, ta), min(e, tb)
            if lo < hi:
                yield lo, hi
        day += ONE_DAY
