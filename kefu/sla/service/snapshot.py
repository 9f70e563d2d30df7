"""Policies and calendars as pure-rule objects, cached per process for a few seconds (every new
ticket picks a policy). A change made here is seen at once in this process, within ``TTL_S`` in
the others."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core.cache import ConfigCache
from kefu.sla.calendar import ALWAYS_OPEN, Calendar, make_calendar
from kefu.sla.models import BusinessCalendar, CalendarDay, SlaPolicy
from kefu.sla.rules import Policy, Targets

TTL_S = 5.0


@dataclass(frozen=True)
class Snapshot:
    policies: tuple[Policy, ...]
    policy_ids: dict[str, int]  # policy key -> row id
    escalations: dict[str, dict[str, object]]
    calendars: dict[str, Calendar]  # calendar key -> calendar

    def calendar(self, key: str) -> Calendar:
        return self.calendars.get(key, ALWAYS_OPEN)


def invalidate() -> None:
    _cache.invalidate()


def changed(session: Session) -> None:
    _cache.changed(session)


def snapshot(session: Session) -> Snapshot:
    return _cache.get(session)


def load(session: Session) -> Snapshot:
    calendars = load_calendars(session)
    keys = {c.id: c.key for c in session.scalars(select(BusinessCalendar))}
    rows = list(
        session.scalars(
            select(SlaPolicy).where(SlaPolicy.active).order_by(SlaPolicy.position, SlaPolicy.id)
        )
    )
    return Snapshot(
        policies=tuple(policy_of(row, keys) for row in rows),
        policy_ids={row.key: row.id for row in rows},
        escalations={row.key: dict(row.escalation) for row in rows},
        calendars=calendars,
    )


def policy_of(row: SlaPolicy, calendar_keys: dict[int, str]) -> Policy:
    return Policy(
        key=row.key,
        name=row.name,
        channels=frozenset(row.channels),
        types=frozenset(row.types),
        priorities=frozenset(row.priorities),
        min_vip_level=row.min_vip_level,
        targets=Targets(
            first_response_s=row.first_response_s,
            next_response_s=row.next_response_s,
            resolution_s=row.resolution_s,
            warn_ratio=row.warn_ratio,
            pause_statuses=frozenset(row.pause_statuses),
        ),
        calendar=calendar_keys.get(row.calendar_id, "always_open")
        if row.calendar_id
        else "always_open",
    )


def load_calendars(session: Session) -> dict[str, Calendar]:
    days: dict[int, dict[str, set[date]]] = defaultdict(
        lambda: {"holiday": set(), "workday": set()}
    )
    for row in session.scalars(select(CalendarDay)):
        days[row.calendar_id][row.kind].add(row.day)
    out: dict[str, Calendar] = {}
    for cal in session.scalars(select(BusinessCalendar)):
        special = days[cal.id]
        out[cal.key] = make_calendar(
            cal.weekly,
            timezone=cal.timezone,
            holidays=special["holiday"],
            workdays=special["workday"],
            always_open=cal.always_open,
        )
    return out


_cache: ConfigCache[Snapshot] = ConfigCache(load, TTL_S)
