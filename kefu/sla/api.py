"""JSON routes of the SLA context under /api/v1: a ticket's clocks explained, policies and
business calendars (reading for agents, editing for admins)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kefu.core import clock
from kefu.core.i18n import DEFAULT_LOCALE, label, translate
from kefu.sla import service
from kefu.sla.rules import Clock, Segment
from kefu.sla.schemas import (
    CalendarRead,
    CalendarSaved,
    CalendarWrite,
    ClockRead,
    EscalationRead,
    PolicyRead,
    PolicyRef,
    PolicySaved,
    PolicyWrite,
    SegmentRead,
    SpecialDay,
    TicketSlaRead,
)
from kefu.sla.service import CalendarView, PolicyView
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, locale_of, require

router = APIRouter(prefix="/api/v1", tags=["sla"])


# -- a ticket's clocks --------------------------------------------------------------------------


@router.get("/tickets/{ticket_id}/sla", response_model=TicketSlaRead)
def ticket_sla(db: DB, caller: Caller, request: Request, ticket_id: int) -> TicketSlaRead:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        found = service.ticket_sla(session, ticket_id, clock.now())
    return _ticket_sla_read(found, locale_of(request))


def _ticket_sla_read(found: service.TicketSla, locale: str) -> TicketSlaRead:
    choice = found.choice
    policy = choice.policy
    ref = None
    if policy is not None:
        name = policy_name(policy.key, policy.name, locale)
        ref = PolicyRef(id=found.policy_id, key=policy.key, name=name)
    return TicketSlaRead(
        ticket_id=found.ticket_id,
        computed_at=found.now,
        policy=ref,
        policy_reason=_text(choice.reason, choice.params, locale),
        calendar=found.calendar,
        clocks=[_clock_read(c, found, ref, locale) for c in found.clocks],
    )


def _clock_read(
    c: Clock, found: service.TicketSla, ref: PolicyRef | None, locale: str
) -> ClockRead:
    stored = found.stored.get(c.metric.value)
    same_cycle = stored is not None and stored.cycle == c.cycle
    return ClockRead(
        metric=c.metric.value,
        metric_label=translate(f"sla.metric.{c.metric.value}", locale),
        state=c.state.value,
        state_label=translate(f"sla.state.{c.state.value}", locale),
        target_s=c.target_s,
        started_at=c.started_at,
        due_at=c.due_at,
        warn_at=c.warn_at,
        stopped_at=c.stopped_at,
        breached_at=c.breached_at,
        elapsed_s=c.elapsed_s,
        cycle=c.cycle,
        policy_key=ref.key if ref else "",
        policy_name=ref.name if ref else "",
        reason=c.reason,
        explanation=_text(c.reason, c.params, locale),
        warned_at=stored.warned_at if stored and same_cycle else None,
        escalated_at=stored.escalated_at if stored and same_cycle else None,
        timeline=[_segment_read(s, locale) for s in c.segments],
    )


def _segment_read(segment: Segment, locale: str) -> SegmentRead:
    return SegmentRead(
        start=segment.start,
        end=segment.end,
        kind=segment.kind,
        working_s=segment.working_s,
        reason=segment.reason,
        text=_text(segment.reason, segment.params, locale),
    )


def _text(code: str, params: dict[str, str], locale: str) -> str:
    """A reason in words; a status code among the parameters is shown as its label."""
    shown = {k: label(v, locale) if k == "status" else v for k, v in params.items()}
    return translate(code, locale, **shown)


def policy_name(key: str, name: str, locale: str) -> str:
    """A default policy still under its shipped name is shown in the reader's language; an
    operator's own name as written."""
    code = f"sla.policy_name.{key}"
    if name in (code, translate(code, DEFAULT_LOCALE)) and code != translate(code, locale):
        return translate(code, locale)
    return name


# -- policies -----------------------------------------------------------------------------------


@router.get("/sla/policies", response_model=list[PolicyRead])
def list_policies(db: DB, caller: Caller) -> list[PolicyRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return [_policy_read(p) for p in service.list_policies(session)]


@router.post("/sla/policies", response_model=PolicySaved, status_code=201)
def create_policy(db: DB, caller: Caller, body: PolicyWrite) -> PolicySaved:
    require(caller, Permission.MANAGE_SLA)
    saved = service.create_policy(db, _policy_input(body))
    return PolicySaved(**_policy_read(saved.item).model_dump(), recomputed_tickets=saved.recomputed)


@router.put("/sla/policies/{policy_id}", response_model=PolicySaved)
def update_policy(db: DB, caller: Caller, policy_id: int, body: PolicyWrite) -> PolicySaved:
    require(caller, Permission.MANAGE_SLA)
    saved = service.update_policy(db, policy_id, _policy_input(body))
    return PolicySaved(**_policy_read(saved.item).model_dump(), recomputed_tickets=saved.recomputed)


def _policy_input(body: PolicyWrite) -> service.PolicyInput:
    return service.PolicyInput(
        key=body.key,
        name=body.name,
        calendar=body.calendar,
        position=body.position,
        active=body.active,
        channels=tuple(body.channels),
        types=tuple(body.types),
        priorities=tuple(body.priorities),
        min_vip_level=body.min_vip_level,
        first_response_s=body.first_response_s,
        next_response_s=body.next_response_s,
        resolution_s=body.resolution_s,
        warn_ratio=body.warn_ratio,
        pause_statuses=tuple(body.pause_statuses),
        escalation=service.Escalation(
            notify=tuple(body.escalation.notify),
            raise_priority=body.escalation.raise_priority,
            reassign_group_id=body.escalation.reassign_group_id,
        ),
    )


def _policy_read(view: PolicyView) -> PolicyRead:
    row, escalation = view.row, view.row.escalation
    notify = escalation.get("notify", [])
    group = escalation.get("reassign_group_id")
    return PolicyRead(
        id=row.id,
        key=row.key,
        name=row.name,
        position=row.position,
        active=row.active,
        channels=row.channels,
        types=row.types,
        priorities=row.priorities,
        min_vip_level=row.min_vip_level,
        first_response_s=row.first_response_s,
        next_response_s=row.next_response_s,
        resolution_s=row.resolution_s,
        warn_ratio=row.warn_ratio,
        pause_statuses=row.pause_statuses,
        calendar=view.calendar,
        escalation=EscalationRead(
            notify=[str(n) for n in notify] if isinstance(notify, list) else [],
            raise_priority=bool(escalation.get("raise_priority", False)),
            reassign_group_id=group if isinstance(group, int) else None,
        ),
        updated_at=row.updated_at,
    )


# -- calendars ----------------------------------------------------------------------------------


@router.get("/sla/calendars", response_model=list[CalendarRead])
def list_calendars(db: DB, caller: Caller) -> list[CalendarRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return [_calendar_read(c) for c in service.list_calendars(session)]


@router.put("/sla/calendars/{key}", response_model=CalendarSaved)
def set_calendar(db: DB, caller: Caller, key: str, body: CalendarWrite) -> CalendarSaved:
    require(caller, Permission.MANAGE_SLA)
    saved = service.set_calendar(
        db,
        key,
        service.CalendarInput(
            weekly=body.weekly,
            timezone=body.timezone,
            always_open=body.always_open,
            name=body.name,
            special_days=[
                service.SpecialDayInput(d.day, d.kind, d.name) for d in body.special_days
            ],
        ),
    )
    read = _calendar_read(saved.item)
    return CalendarSaved(**read.model_dump(), recomputed_tickets=saved.recomputed)


def _calendar_read(view: CalendarView) -> CalendarRead:
    row = view.row
    return CalendarRead(
        id=row.id,
        key=row.key,
        name=row.name,
        timezone=row.timezone,
        always_open=row.always_open,
        weekly=[
            [(service.wall_time(start), service.wall_time(end)) for start, end in day]
            for day in row.weekly
        ],
        special_days=[
            SpecialDay(day=d.day, kind="holiday" if d.kind == "holiday" else "workday", name=d.name)
            for d in view.days
        ],
        policies=view.policies,
        updated_at=row.updated_at,
    )
