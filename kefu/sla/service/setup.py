"""The SLA set-up every install starts from: the three calendars (shop hours, office hours with
China's public holidays, 24x7) and the handbooks' default policies. Idempotent: it adds only what
is missing, so an operator's edits survive every start."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.i18n import DEFAULT_LOCALE, translate
from kefu.sla.calendar import Calendar, named_calendar
from kefu.sla.holidays_cn import CN_YEARS
from kefu.sla.models import BusinessCalendar, CalendarDay, SlaPolicy
from kefu.sla.rules import DEFAULT_POLICIES
from kefu.sla.service.snapshot import changed

CALENDAR_NAMES = {
    "shop_hours": "网店在线时间 9:00–23:30(每天)",
    "office": "办公时间(周一至周五 9:00–12:00、13:30–18:00,法定节假日休息)",
    "always_open": "全天候 7×24",
}


def _weekly_json(cal: Calendar) -> list[list[list[int]]]:
    return [[[p.start, p.end] for p in day] for day in cal.weekly]


def ensure_defaults(session: Session) -> bool:
    """Create the default calendars and policies that are missing; True if anything was."""
    now = clock.now()
    have = {c.key: c for c in session.scalars(select(BusinessCalendar))}
    made = False
    for key, name in CALENDAR_NAMES.items():
        if key in have:
            continue
        template = named_calendar(key)
        row = BusinessCalendar(
            key=key,
            name=name,
            timezone=template.timezone,
            always_open=template.always_open,
            weekly=_weekly_json(template),
            updated_at=now,
        )
        session.add(row)
        session.flush()
        if key == "office":
            for year in CN_YEARS.values():
                for day in sorted(year.holidays):
                    session.add(CalendarDay(calendar_id=row.id, day=day, kind="holiday", name=""))
                for day in sorted(year.workdays):
                    session.add(CalendarDay(calendar_id=row.id, day=day, kind="workday", name=""))
        have[key] = row
        made = True
    existing = set(session.scalars(select(SlaPolicy.key)))
    for position, policy in enumerate(DEFAULT_POLICIES, start=1):
        if policy.key in existing:
            continue
        t = policy.targets
        session.add(
            SlaPolicy(
                key=policy.key,
                name=translate(policy.name, DEFAULT_LOCALE),
                position=position * 10,
                active=True,
                channels=sorted(policy.channels),
                types=sorted(policy.types),
                priorities=sorted(policy.priorities),
                min_vip_level=policy.min_vip_level,
                first_response_s=t.first_response_s,
                next_response_s=t.next_response_s,
                resolution_s=t.resolution_s,
                warn_ratio=t.warn_ratio,
                pause_statuses=sorted(t.pause_statuses),
                calendar_id=have[policy.calendar].id,
                escalation={"notify": ["assignee", "supervisors"], "raise_priority": True},
                updated_at=now,
            )
        )
        made = True
    session.flush()
    if made:
        # A snapshot cached before (with nothing in it) must not outlive the new rows.
        changed(session)
    return made
