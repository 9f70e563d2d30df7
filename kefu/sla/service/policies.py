"""Editing SLA policies and business calendars, and bringing open tickets' clocks in line.

Every input is checked before anything is written, each problem named on its field (a refused
edit writes nothing). The edit commits in one transaction and invalidates the cached
configuration; then the clocks of the open tickets it can move are recomputed from their
history (``refresh``) in batches, one short transaction each — see
:func:`recompute_open_tickets` for what that costs.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Generic, TypeVar
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.routing.service import get_group
from kefu.sla.calendar import DAY_MINUTES, make_calendar, next_working_instant
from kefu.sla.models import BusinessCalendar, CalendarDay, SlaPolicy, TicketClock
from kefu.sla.rules import DONE_STATUSES
from kefu.sla.service.clocks import refresh_many
from kefu.sla.service.snapshot import changed
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel, Priority, Status, TicketType

RECOMPUTE_BATCH = 200
MAX_TARGET_S = 365 * 86_400
MAX_VIP_LEVEL = 10
MAX_SPECIAL_DAYS = 1000
KEY = re.compile(r"[a-z][a-z0-9_]{0,39}")
WALL_TIME = re.compile(r"(\d{2}):(\d{2})")
NOTIFY_TARGETS = ("assignee", "supervisors")
PAUSABLE = tuple(s.value for s in Status if s.value not in DONE_STATUSES)
Errors = dict[str, FieldError]
T = TypeVar("T")


@dataclass(frozen=True)
class Escalation:
    notify: tuple[str, ...] = NOTIFY_TARGETS
    raise_priority: bool = True
    reassign_group_id: int | None = None


@dataclass(frozen=True)
class PolicyInput:
    """A whole policy as an editor gives it; ``position`` None keeps the place (or, for a new
    policy, puts it last)."""

    key: str
    name: str
    calendar: str
    position: int | None = None
    active: bool = True
    channels: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    priorities: tuple[str, ...] = ()
    min_vip_level: int | None = None
    first_response_s: int | None = None
    next_response_s: int | None = None
    resolution_s: int | None = None
    warn_ratio: float = 0.8
    pause_statuses: tuple[str, ...] = ("pending",)
    escalation: Escalation = field(default_factory=Escalation)


@dataclass(frozen=True)
class SpecialDayInput:
    day: date
    kind: str  # holiday | workday
    name: str = ""


@dataclass(frozen=True)
class CalendarInput:
    """A whole calendar: seven lists (Monday first) of ``("09:00", "12:00")`` periods."""

    weekly: Sequence[Sequence[tuple[str, str]]]
    timezone: str = "Asia/Shanghai"
    always_open: bool = False
    name: str | None = None
    special_days: Sequence[SpecialDayInput] = ()


@dataclass(frozen=True)
class PolicyView:
    row: SlaPolicy
    calendar: str  # the calendar's key


@dataclass(frozen=True)
class CalendarView:
    row: BusinessCalendar
    days: list[CalendarDay]
    policies: list[str]


@dataclass(frozen=True)
class Saved(Generic[T]):
    item: T
    recomputed: int  # open tickets whose clocks were recomputed


# -- reading ------------------------------------------------------------------------------------


def list_policies(session: Session) -> list[PolicyView]:
    """Every policy, active or not, in the order they are tried."""
    keys = {
        cid: key for cid, key in session.execute(select(BusinessCalendar.id, BusinessCalendar.key))
    }
    rows = session.scalars(select(SlaPolicy).order_by(SlaPolicy.position, SlaPolicy.id))
    return [PolicyView(row, keys.get(row.calendar_id or 0, "always_open")) for row in rows]


def list_calendars(session: Session) -> list[CalendarView]:
    days: dict[int, list[CalendarDay]] = {}
    for day in session.scalars(select(CalendarDay).order_by(CalendarDay.day)):
        days.setdefault(day.calendar_id, []).append(day)
    users: dict[int, list[str]] = {}
    for cal_id, key in session.execute(
        select(SlaPolicy.calendar_id, SlaPolicy.key).order_by(SlaPolicy.position, SlaPolicy.id)
    ):
        users.setdefault(cal_id or 0, []).append(key)
    return [
        CalendarView(row, days.get(row.id, []), users.get(row.id, []))
        for row in session.scalars(select(BusinessCalendar).order_by(BusinessCalendar.id))
    ]


def wall_time(minutes: int) -> str:
    """Minutes from midnight as ``HH:MM`` (1440 is ``24:00``)."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


# -- policies -----------------------------------------------------------------------------------


def create_policy(db: Database, data: PolicyInput) -> Saved[PolicyView]:
    """Add a policy; a new active policy may capture any open ticket, so all are recomputed."""
    with db.transaction() as session:
        calendar_id = _check_policy(session, data, None)
        position = data.position
        if position is None:
            position = (session.scalar(select(func.max(SlaPolicy.position))) or 0) + 10
        row = SlaPolicy(key=data.key, position=position, updated_at=clock.now())
        _apply(row, data, calendar_id)
        session.add(row)
        session.flush()
        changed(session)
        view = PolicyView(row, data.calendar)
    recomputed = recompute_open_tickets(db, None) if data.active else 0
    return Saved(view, recomputed)


def update_policy(db: Database, policy_id: int, data: PolicyInput) -> Saved[PolicyView]:
    """Replace a policy. Changed targets, calendar or pauses move only the tickets on this
    policy; changed conditions, order or activity can move any open ticket to another policy,
    so then every open ticket is recomputed."""
    with db.transaction() as session:
        row = session.get(SlaPolicy, policy_id)
        if row is None:
            raise NotFound("sla.policy.not_found")
        calendar_id = _check_policy(session, data, row.id)
        before = _selection(row)
        _apply(row, data, calendar_id)
        if data.position is not None:
            row.position = data.position
        row.key = data.key
        row.updated_at = clock.now()
        session.flush()
        changed(session)
        scope: set[int] | None = None if _selection(row) != before else {row.id}
        view = PolicyView(row, data.calendar)
    return Saved(view, recompute_open_tickets(db, scope))


def _selection(row: SlaPolicy) -> tuple[Any, ...]:
    """What decides which tickets a policy takes."""
    return (
        row.active,
        row.position,
        sorted(row.channels),
        sorted(row.types),
        sorted(row.priorities),
        row.min_vip_level,
    )


def _apply(row: SlaPolicy, data: PolicyInput, calendar_id: int) -> None:
    row.name = data.name.strip()
    row.active = data.active
    row.channels = sorted(set(data.channels))
    row.types = sorted(set(data.types))
    row.priorities = sorted(set(data.priorities))
    row.min_vip_level = data.min_vip_level
    row.first_response_s = data.first_response_s
    row.next_response_s = data.next_response_s
    row.resolution_s = data.resolution_s
    row.warn_ratio = data.warn_ratio
    row.pause_statuses = sorted(set(data.pause_statuses))
    row.calendar_id = calendar_id
    row.escalation = {
        "notify": list(dict.fromkeys(data.escalation.notify)),
        "raise_priority": data.escalation.raise_priority,
        "reassign_group_id": data.escalation.reassign_group_id,
    }


def _check_policy(session: Session, data: PolicyInput, own_id: int | None) -> int:
    """The calendar's id once everything is valid; raises Invalid naming every bad field."""
    errors: Errors = {}
    if not KEY.fullmatch(data.key):
        errors["key"] = FieldError("sla.field.key")
    if not data.name.strip():
        errors["name"] = FieldError("field.required")
    errors |= _check_choices("channels", data.channels, [c.value for c in Channel])
    errors |= _check_choices("types", data.types, [t.value for t in TicketType])
    errors |= _check_choices("priorities", data.priorities, [p.value for p in Priority])
    errors |= _check_choices("pause_statuses", data.pause_statuses, PAUSABLE)
    errors |= _check_choices("escalation.notify", data.escalation.notify, NOTIFY_TARGETS)
    errors |= _check_targets(data)
    if data.min_vip_level is not None and not 0 <= data.min_vip_level <= MAX_VIP_LEVEL:
        errors["min_vip_level"] = FieldError("sla.field.vip_level")
    calendar_id = session.scalar(
        select(BusinessCalendar.id).where(BusinessCalendar.key == data.calendar)
    )
    if calendar_id is None:
        errors["calendar"] = FieldError("sla.field.calendar", {"calendar": data.calendar})
    errors |= _check_group(session, data.escalation.reassign_group_id)
    if errors:
        raise Invalid("validation_failed", fields=errors)
    _check_key_free(session, data.key, own_id)
    assert calendar_id is not None
    return calendar_id


def _check_targets(data: PolicyInput) -> Errors:
    errors: Errors = {}
    targets = {
        "first_response_s": data.first_response_s,
        "next_response_s": data.next_response_s,
        "resolution_s": data.resolution_s,
    }
    for name, value in targets.items():
        if value is not None and not 1 <= value <= MAX_TARGET_S:
            errors[name] = FieldError("sla.field.target")
    if all(value is None for value in targets.values()):
        errors["first_response_s"] = FieldError("sla.field.no_target")
    if not 0 < data.warn_ratio < 1:
        errors["warn_ratio"] = FieldError("sla.field.warn_ratio")
    return errors


def _check_choices(name: str, values: Sequence[str], allowed: Sequence[str]) -> Errors:
    for index, value in enumerate(values):
        if value not in allowed:
            return {f"{name}.{index}": FieldError("field.choice", {"choices": ", ".join(allowed)})}
        if value in values[:index]:
            return {f"{name}.{index}": FieldError("sla.field.duplicate", {"value": value})}
    return {}


def _check_group(session: Session, group_id: int | None) -> Errors:
    if group_id is None:
        return {}
    try:
        get_group(session, group_id)
    except NotFound:
        return {"escalation.reassign_group_id": FieldError("sla.field.group", {"group": group_id})}
    return {}


def _check_key_free(session: Session, key: str, own_id: int | None) -> None:
    other = session.scalar(select(SlaPolicy.id).where(SlaPolicy.key == key))
    if other is not None and other != own_id:
        raise Conflict(
            "sla.policy.key_taken",
            fields={"key": FieldError("sla.policy.key_taken", {"key": key})},
            key=key,
        )


# -- calendars ----------------------------------------------------------------------------------


def set_calendar(db: Database, key: str, data: CalendarInput) -> Saved[CalendarView]:
    """Replace a calendar's hours, time zone and special days (or add a calendar under a new
    key), then recompute the open tickets of the policies counting in it."""
    weekly = _check_calendar(key, data)
    now = clock.now()
    with db.transaction() as session:
        row = session.scalar(select(BusinessCalendar).where(BusinessCalendar.key == key))
        if row is None:
            row = BusinessCalendar(key=key, name=data.name or key)
            session.add(row)
        row.name = data.name or row.name
        row.timezone = data.timezone
        row.always_open = data.always_open
        row.weekly = weekly
        row.updated_at = now
        session.flush()
        session.execute(delete(CalendarDay).where(CalendarDay.calendar_id == row.id))
        days = [
            CalendarDay(calendar_id=row.id, day=d.day, kind=d.kind, name=d.name)
            for d in sorted(data.special_days, key=lambda d: d.day)
        ]
        session.add_all(days)
        session.flush()
        changed(session)
        users = set(session.scalars(select(SlaPolicy.id).where(SlaPolicy.calendar_id == row.id)))
        keys = list(session.scalars(select(SlaPolicy.key).where(SlaPolicy.id.in_(users))))
        view = CalendarView(row, days, keys)
    return Saved(view, recompute_open_tickets(db, users) if users else 0)


def _check_calendar(key: str, data: CalendarInput) -> list[list[list[int]]]:
    """The weekly periods in minutes once everything is valid; raises Invalid otherwise."""
    errors: Errors = {}
    if not KEY.fullmatch(key):
        errors["key"] = FieldError("sla.field.key")
    try:
        ZoneInfo(data.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        errors["timezone"] = FieldError("sla.field.timezone", {"timezone": data.timezone})
    weekly, week_errors = _parse_weekly(data.weekly)
    errors |= week_errors
    errors |= _check_days(data.special_days)
    if not errors and not data.always_open:
        errors |= _check_working_time(data, weekly)
    if errors:
        raise Invalid("validation_failed", fields=errors)
    return weekly


def _parse_weekly(
    weekly: Sequence[Sequence[tuple[str, str]]],
) -> tuple[list[list[list[int]]], Errors]:
    if len(weekly) != 7:
        return [], {"weekly": FieldError("sla.field.weekly")}
    out: list[list[list[int]]] = []
    errors: Errors = {}
    for day_index, day in enumerate(weekly):
        periods: list[list[int]] = []
        for index, (start, end) in enumerate(day):
            where = f"weekly.{day_index}.{index}"
            lo, hi = _minutes(start), _minutes(end)
            if lo is None or hi is None:
                errors[where] = FieldError("sla.field.wall_time")
            elif hi <= lo:
                errors[where] = FieldError("sla.field.period_order")
            elif periods and lo < periods[-1][1]:
                errors[where] = FieldError("sla.field.period_overlap")
            else:
                periods.append([lo, hi])
        out.append(periods)
    return out, errors


def _minutes(text: str) -> int | None:
    match = WALL_TIME.fullmatch(text)
    if match is None:
        return None
    hours, minutes = int(match[1]), int(match[2])
    total = hours * 60 + minutes
    return total if minutes < 60 and total <= DAY_MINUTES else None


def _check_days(days: Sequence[SpecialDayInput]) -> Errors:
    if len(days) > MAX_SPECIAL_DAYS:
        return {"special_days": FieldError("sla.field.too_many_days", {"max": MAX_SPECIAL_DAYS})}
    seen: set[date] = set()
    for index, day in enumerate(days):
        if day.kind not in ("holiday", "workday"):
            return {
                f"special_days.{index}.kind": FieldError(
                    "field.choice", {"choices": "holiday, workday"}
                )
            }
        if day.day in seen:
            return {
                f"special_days.{index}.day": FieldError(
                    "sla.field.day_twice", {"day": day.day.isoformat()}
                )
            }
        seen.add(day.day)
    return {}


def _check_working_time(data: CalendarInput, weekly: list[list[list[int]]]) -> Errors:
    """A calendar with no working time in the next three years could never reach a deadline."""
    calendar = make_calendar(
        weekly,
        timezone=data.timezone,
        holidays=[d.day for d in data.special_days if d.kind == "holiday"],
        workdays=[d.day for d in data.special_days if d.kind == "workday"],
    )
    try:
        next_working_instant(calendar, clock.now())
    except ValueError:
        return {"weekly": FieldError("sla.field.no_working_time")}
    return {}


# -- recomputing open tickets -------------------------------------------------------------------


def recompute_open_tickets(
    db: Database, policy_ids: Collection[int] | None, *, batch: int = RECOMPUTE_BATCH
) -> int:
    """Recompute the clocks of open tickets (status neither solved nor closed): those with a
    clock of one of ``policy_ids``, or every open ticket when None. Returns how many.

    What it costs: per batch, five indexed reads (the tickets, their customers, messages,
    status changes and stored clocks: ``refresh_many``) and the clock rows that moved; per
    ticket, the clock arithmetic (``compute_clocks``). ``python -m bench.sla`` measured about
    3,000 tickets a second on SQLite and on PostgreSQL, so an edit that can move every one of
    100,000 open tickets (new conditions, order or activity) answers after half a minute;
    a new target or calendar moves only its own policy's tickets.

    It runs after the edit has committed, in batches of ``batch`` tickets taken in id order
    (keyset, never OFFSET), each batch one short transaction holding only its own tickets'
    locks: a large install is never locked for the whole pass, and a ticket changed meanwhile
    is recomputed by its own transaction with the new configuration anyway. Solved and closed
    tickets keep the clocks they stopped with. Other processes see the edit within
    ``snapshot.TTL_S`` seconds."""
    total, after = 0, 0
    while True:
        with db.transaction() as session:
            ids = _open_ticket_ids(session, policy_ids, after, batch)
            if ids:
                _refresh_tickets(session, ids)
        total += len(ids)
        if len(ids) < batch:
            return total
        after = ids[-1]


def _open_ticket_ids(
    session: Session, policy_ids: Collection[int] | None, after: int, limit: int
) -> list[int]:
    query = select(Ticket.id).where(Ticket.id > after, Ticket.status.not_in(DONE_STATUSES))
    if policy_ids is not None:
        query = query.where(
            Ticket.id.in_(
                select(TicketClock.ticket_id).where(TicketClock.policy_id.in_(policy_ids))
            )
        )
    return list(session.scalars(query.order_by(Ticket.id).limit(limit)))


def _refresh_tickets(session: Session, ids: list[int]) -> None:
    query = select(Ticket).where(Ticket.id.in_(ids)).order_by(Ticket.id)
    if session.get_bind().dialect.name != "sqlite":
        query = query.with_for_update()  # in id order, as every batch takes them
    refresh_many(session, session.scalars(query).all(), clock.now())
