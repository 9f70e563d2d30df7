"""A ticket's history as the SLA clocks read it, and when each metric's clock is active.

Pure: the caller lists the facts (``Happening``), the functions here find the windows during
which a clock is active and why each one stopped.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class Metric(StrEnum):
    FIRST_RESPONSE = "first_response"
    NEXT_RESPONSE = "next_response"
    RESOLUTION = "resolution"


HAPPENING_KINDS = frozenset({"opened", "customer_message", "agent_reply", "status"})
DONE_STATUSES = frozenset({"solved", "closed"})
# At one instant: the opening first, then status changes, then messages (a customer message
# that reopens a solved ticket is recorded with its reopening; a reply sent with "pending"
# stops its clock either way).
_RANK = {"opened": 0, "status": 1}


@dataclass(frozen=True)
class Happening:
    """One fact from the ticket's history. ``agent_reply`` is a public reply by an agent;
    ``status`` carries the new status (new/open/pending/on_hold/solved/closed)."""

    at: datetime
    kind: str
    status: str | None = None

    def __post_init__(self) -> None:
        if self.at.utcoffset() is None:
            raise ValueError("a happening needs a timezone-aware datetime")
        if self.kind not in HAPPENING_KINDS:
            raise ValueError(f"unknown happening {self.kind!r}")
        if (self.kind == "status") != (self.status is not None):
            raise ValueError("a status happening, and only one, carries a status")


@dataclass(frozen=True)
class Window:
    """One stretch during which a clock is active; ``cause`` is why it stopped."""

    start: datetime
    stop: datetime | None
    cause: str | None = None  # "reply" | "solved"


@dataclass(frozen=True)
class History:
    """The happenings from the opening up to now, in order, and the status at each instant."""

    opened_at: datetime
    events: tuple[Happening, ...]  # sorted, from the opening up to now
    status_times: tuple[datetime, ...]
    statuses: tuple[str, ...]

    def status_at(self, at: datetime) -> str:
        return self.statuses[bisect_right(self.status_times, at) - 1]


def history_of(happenings: Sequence[Happening], now: datetime) -> History | None:
    """The history as known at ``now`` (later happenings are ignored); None before the
    ticket was opened. A ticket starts as ``new``."""
    ordered = sorted(
        (h for h in happenings if h.at <= now), key=lambda h: (h.at, _RANK.get(h.kind, 2))
    )
    opened = next((h for h in ordered if h.kind == "opened"), None)
    if opened is None:
        return None
    events = tuple(h for h in ordered if h.at >= opened.at and h is not opened)
    changes = [(h.at, h.status) for h in events if h.kind == "status" and h.status]
    return History(
        opened.at,
        events,
        (opened.at, *(at for at, _ in changes)),
        ("new", *(status for _, status in changes)),
    )


def windows_of(metric: Metric, history: History) -> tuple[list[Window], int]:
    """When ``metric``'s clock is active, and the cycle number (1 but for next response)."""
    if metric is Metric.FIRST_RESPONSE:
        return _first_response(history), 1
    if metric is Metric.NEXT_RESPONSE:
        return _next_response(history)
    return _resolution(history), 1


def _first_response(history: History) -> list[Window]:
    """First response: from the opening to the first public agent reply. Solving the ticket
    before any reply also stops it (there is nobody left to answer)."""
    for h in history.events:
        if h.kind == "agent_reply":
            return [Window(history.opened_at, h.at, "reply")]
        if h.kind == "status" and h.status in DONE_STATUSES:
            replied_too = any(e.kind == "agent_reply" and e.at == h.at for e in history.events)
            return [Window(history.opened_at, h.at, "reply" if replied_too else "solved")]
    return [Window(history.opened_at, None)]


def _next_response(history: History) -> tuple[list[Window], int]:
    """Next response: a cycle starts at the first customer message after an agent reply (none
    running, ticket not solved) and stops at the next agent reply or at solving. Once the agent
    has replied it stops, never escalates (Zammad bug #3140). Only the latest cycle is kept."""
    replied = done = False
    start: datetime | None = None
    latest: Window | None = None
    cycle = 0
    for h in history.events:
        if h.kind == "status":
            done = h.status in DONE_STATUSES
            if start is not None and done:
                latest, start = Window(start, h.at, "solved"), None
        elif h.kind == "agent_reply":
            replied = True
            if start is not None:
                latest, start = Window(start, h.at, "reply"), None
        elif h.kind == "customer_message" and replied and not done and start is None:
            start, cycle = h.at, cycle + 1
    if start is not None:
        latest = Window(start, None)
    return ([latest] if latest else []), max(cycle, 1)


def _resolution(history: History) -> list[Window]:
    """Resolution: from the opening to solved or closed; a reopening resumes the clock from
    the elapsed time it had."""
    windows: list[Window] = []
    start: datetime | None = history.opened_at
    for at, status in zip(history.status_times, history.statuses, strict=True):
        if status in DONE_STATUSES and start is not None:
            windows.append(Window(start, at, "solved"))
            start = None
        elif status not in DONE_STATUSES and start is None:
            start = at
    if start is not None:
        windows.append(Window(start, None))
    return windows
