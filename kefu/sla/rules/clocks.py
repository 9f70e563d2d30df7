"""SLA clocks: how long a ticket has waited, in working time, against each target.

A clock is a pure function of the ticket's history (its happenings), the targets and the
calendar, evaluated at ``now``. Nothing is stored between two computations: when the policy,
the priority or the calendar changes, the caller recomputes and gets the right answer (no
stored sums to drift, unlike Frappe Helpdesk's ``total_hold_time``, PR #2449).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from itertools import pairwise

from kefu.sla import messages as _messages  # noqa: F401  (registers the texts)
from kefu.sla.calendar import Calendar, add_working_time, is_working, working_seconds_between
from kefu.sla.rules.history import Happening, History, Metric, Window, history_of, windows_of


class ClockState(StrEnum):
    RUNNING = "running"
    PAUSED = "paused"
    AT_RISK = "at_risk"
    MET = "met"
    BREACHED = "breached"


_NAMED_PAUSES = frozenset({"pending", "on_hold"})  # pausing statuses with their own texts


@dataclass(frozen=True)
class Targets:
    """Targets in working seconds of the policy's calendar; None means no clock."""

    first_response_s: int | None
    next_response_s: int | None
    resolution_s: int | None
    warn_ratio: float = 0.8  # warn when 80% of the target has elapsed
    pause_statuses: frozenset[str] = frozenset({"pending"})  # pending on the customer

    def __post_init__(self) -> None:
        for target in (self.first_response_s, self.next_response_s, self.resolution_s):
            if target is not None and target <= 0:
                raise ValueError(f"an SLA target must be positive, got {target}")
        if not 0 < self.warn_ratio <= 1:
            raise ValueError(f"warn_ratio must be in (0, 1], got {self.warn_ratio}")

    def target(self, metric: Metric) -> int | None:
        if metric is Metric.FIRST_RESPONSE:
            return self.first_response_s
        if metric is Metric.NEXT_RESPONSE:
            return self.next_response_s
        return self.resolution_s


@dataclass(frozen=True)
class Segment:
    """A stretch of a clock's timeline: ``running`` (counted), ``paused`` (a pausing status)
    or ``stopped`` (solved, until a reopening); ``working_s`` is the working time inside it,
    counted only when running. ``end`` is None for the stretch still going on at ``now``."""

    start: datetime
    end: datetime | None
    kind: str
    reason: str
    params: dict[str, str]
    working_s: float


@dataclass(frozen=True)
class Clock:
    metric: Metric
    state: ClockState
    target_s: int
    started_at: datetime | None
    due_at: datetime | None  # None while paused or stopped
    warn_at: datetime | None  # None while paused or stopped
    stopped_at: datetime | None
    breached_at: datetime | None  # when elapsed passed the target, also if met late
    elapsed_s: float
    cycle: int  # next_response: which waiting period (1-based); 1 otherwise
    segments: tuple[Segment, ...]
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def compute_clocks(
    targets: Targets, cal: Calendar, happenings: Sequence[Happening], now: datetime
) -> tuple[Clock, ...]:
    """Every clock of a ticket at ``now``; metrics whose target is None have none, and
    happenings after ``now`` are not yet known. No ``opened`` happening, no clocks."""
    if now.utcoffset() is None:
        raise ValueError("now must be a timezone-aware datetime")
    history = history_of(happenings, now)
    if history is None:
        return ()
    clocks: list[Clock] = []
    for metric in Metric:
        target = targets.target(metric)
        if target is None:
            continue
        windows, cycle = windows_of(metric, history)
        if windows:
            clocks.append(_clock(metric, target, targets, cal, history, windows, cycle, now))
    return tuple(clocks)


# -- segments ---------------------------------------------------------------------------------


def _segments(
    targets: Targets, cal: Calendar, history: History, windows: list[Window], now: datetime
) -> list[Segment]:
    """The timeline: running where the clock counts, paused while the status is one of the
    pause statuses (a ticket pending over a weekend or a holiday counts nothing, GLPI #10594),
    stopped between solving and reopening."""
    pieces: list[tuple[datetime, datetime | None, str, str]] = []  # start, end, kind, status
    for window in windows:
        if pieces and pieces[-1][1] is not None and pieces[-1][1] < window.start:
            pieces.append((pieces[-1][1], window.start, "stopped", ""))
        end = window.stop or now
        inner = sorted({t for t in history.status_times if _changes_within(t, window, end)})
        bounds = [window.start, *inner, end]
        for lo, hi in pairwise(bounds):
            status = history.status_at(lo)
            kind = "paused" if status in targets.pause_statuses else "running"
            prev = pieces[-1] if pieces else None
            if (
                prev is not None
                and prev[1] == lo
                and prev[2] == kind
                and (kind == "running" or prev[3] == status)
            ):
                pieces[-1] = (prev[0], hi, kind, status)
            else:
                pieces.append((lo, hi, kind, status))
        if window.stop is None:
            pieces[-1] = (pieces[-1][0], None, pieces[-1][2], pieces[-1][3])
    return [_segment(cal, lo, hi, kind, status, now) for lo, hi, kind, status in pieces]


def _changes_within(t: datetime, window: Window, end: datetime) -> bool:
    """A status change inside the window. One at ``now`` itself is known (history_of keeps it)
    and opens the stretch going on, so a ticket set to pending this instant is paused now."""
    return window.start < t < end or (window.stop is None and window.start < t == end)


def _segment(
    cal: Calendar, lo: datetime, hi: datetime | None, kind: str, status: str, now: datetime
) -> Segment:
    until = hi or now
    working = working_seconds_between(cal, lo, until)
    params = {"working": format_seconds(working)}
    if kind == "stopped":
        reason = "sla.segment.solved"
    elif kind == "paused":
        reason, params = _pause_reason("sla.segment.paused", status, params)
    else:
        off_hours = max((until - lo).total_seconds() - working, 0.0)
        reason = "sla.segment.running"
        if off_hours >= 1:
            # Non-working time inside a running stretch is simply not counted; say how much.
            reason = "sla.segment.running_off_hours"
            params["off_hours"] = format_seconds(off_hours)
    return Segment(lo, hi, kind, reason, params, working)


def _pause_reason(prefix: str, status: str, params: dict[str, str]) -> tuple[str, dict[str, str]]:
    if status in _NAMED_PAUSES:
        return f"{prefix}.{status}", params
    return prefix, {**params, "status": status}


# -- the clock --------------------------------------------------------------------------------


def _clock(
    metric: Metric,
    target: int,
    targets: Targets,
    cal: Calendar,
    history: History,
    windows: list[Window],
    cycle: int,
    now: datetime,
) -> Clock:
    """Only working time counts: a ticket opened on a day off starts counting at the next
    working minute (Frappe #2075), the lunch break is not counted (Frappe #2212), and due and
    warning instants are placed with the calendar, so an escalation outside working hours
    falls on the next working minute, never at midnight (Zammad #4432, GLPI PR #22678)."""
    segments = _segments(targets, cal, history, windows, now)
    runs = [s for s in segments if s.kind == "running"]
    elapsed = sum(s.working_s for s in runs)
    stop = windows[-1]
    paused = stop.stop is None and segments[-1].kind == "paused"
    counting = stop.stop is None and not paused
    stopped = stop.stop is not None
    state = _state(elapsed, target, targets.warn_ratio, stopped=stopped, paused=paused)
    pause_status = history.status_at(segments[-1].start) if paused else ""
    reason, params = _reason(
        state, elapsed, target, stop, pause_status, counting and is_working(cal, now)
    )
    return Clock(
        metric=metric,
        state=state,
        target_s=target,
        started_at=windows[0].start,
        due_at=_reach(cal, runs, target) if counting else None,
        warn_at=_reach(cal, runs, target * targets.warn_ratio) if counting else None,
        stopped_at=stop.stop,
        breached_at=_reach(cal, runs, target) if elapsed > target else None,
        elapsed_s=elapsed,
        cycle=cycle,
        segments=tuple(segments),
        reason=reason,
        params=params,
    )


def _state(
    elapsed: float, target: int, warn_ratio: float, *, stopped: bool, paused: bool
) -> ClockState:
    """Past the target: breached. Else stopped: met; paused: paused; at risk from warn_ratio."""
    if elapsed > target:
        return ClockState.BREACHED
    if stopped:
        return ClockState.MET
    if paused:
        return ClockState.PAUSED
    if elapsed >= warn_ratio * target:
        return ClockState.AT_RISK
    return ClockState.RUNNING


def _reach(cal: Calendar, runs: list[Segment], amount: float) -> datetime | None:
    """The instant the counted working time reaches ``amount``: found in a finished running
    stretch, or projected from the one still going on; None if it never did."""
    counted = 0.0
    for run in runs:
        if run.end is None or counted + run.working_s >= amount:
            return add_working_time(cal, run.start, max(amount - counted, 0.0))
        counted += run.working_s
    return None


def _reason(
    state: ClockState,
    elapsed: float,
    target: int,
    stop: Window,
    pause_status: str,
    working_now: bool,
) -> tuple[str, dict[str, str]]:
    """The state in words: an i18n key and its parameters (durations as H:MM:SS)."""
    params = {"elapsed": format_seconds(elapsed), "target": format_seconds(target)}
    if state is ClockState.BREACHED:
        params["over"] = format_seconds(elapsed - target)
    else:
        params["remaining"] = format_seconds(target - elapsed)
    if stop.stop is not None:
        return f"sla.{state.value}.{stop.cause}", params
    if state is ClockState.BREACHED:
        return ("sla.breached.paused" if pause_status else "sla.breached.running"), params
    if state is ClockState.PAUSED:
        return _pause_reason("sla.paused", pause_status, params)
    if state is ClockState.AT_RISK:
        return "sla.at_risk", params
    return ("sla.running" if working_now else "sla.running.off_hours"), params


def format_seconds(seconds: float) -> str:
    """A duration as H:MM:SS, the same in every locale (``8:00:00``, ``0:00:10``)."""
    total = max(round(seconds), 0)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}"
