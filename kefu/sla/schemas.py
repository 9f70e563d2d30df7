"""Request and response shapes of the SLA API. Requests are checked for shape here and for
meaning (known codes, calendars, ordered periods) by the service, which names each bad field."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- policies -----------------------------------------------------------------------------------


class EscalationWrite(Strict):
    """At a breach: who is told (``assignee``: the ticket's agent or else its group;
    ``supervisors``), whether the priority goes up one step, and an optional group to hand the
    ticket to."""

    notify: list[str] = Field(default_factory=lambda: ["assignee", "supervisors"])
    raise_priority: bool = True
    reassign_group_id: int | None = None


class PolicyWrite(Strict):
    """A whole policy (POST and PUT alike). Empty condition lists match anything; targets are
    working seconds of the calendar, null for no clock."""

    key: str
    name: str = Field(min_length=1, max_length=100)
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    active: bool = True
    channels: list[str] = Field(default_factory=list)
    types: list[str] = Field(default_factory=list)
    priorities: list[str] = Field(default_factory=list)
    min_vip_level: int | None = None
    first_response_s: int | None = None
    next_response_s: int | None = None
    resolution_s: int | None = None
    warn_ratio: float = 0.8
    pause_statuses: list[str] = Field(default_factory=lambda: ["pending"])
    calendar: str
    escalation: EscalationWrite = Field(default_factory=EscalationWrite)


class EscalationRead(BaseModel):
    notify: list[str]
    raise_priority: bool
    reassign_group_id: int | None


class PolicyRead(BaseModel):
    id: int
    key: str
    name: str
    position: int
    active: bool
    channels: list[str]
    types: list[str]
    priorities: list[str]
    min_vip_level: int | None
    first_response_s: int | None
    next_response_s: int | None
    resolution_s: int | None
    warn_ratio: float
    pause_statuses: list[str]
    calendar: str
    escalation: EscalationRead
    updated_at: datetime


class PolicySaved(PolicyRead):
    recomputed_tickets: int  # open tickets whose clocks were recomputed after the change


# -- calendars ----------------------------------------------------------------------------------


class SpecialDay(Strict):
    day: date
    kind: Literal["holiday", "workday"]  # a day off, or an adjusted working day (调休上班)
    name: str = Field(default="", max_length=50)


class CalendarWrite(Strict):
    """A whole calendar: seven lists (Monday first) of ``["09:00", "12:00"]`` periods, its time
    zone and its special days. ``always_open`` makes every instant working time."""

    name: str | None = Field(default=None, min_length=1, max_length=100)
    timezone: str = Field(default="Asia/Shanghai", max_length=64)
    always_open: bool = False
    weekly: list[list[tuple[str, str]]]
    special_days: list[SpecialDay] = Field(default_factory=list)


class CalendarRead(BaseModel):
    id: int
    key: str
    name: str
    timezone: str
    always_open: bool
    weekly: list[list[tuple[str, str]]]
    special_days: list[SpecialDay]
    policies: list[str]  # keys of the policies counting in this calendar
    updated_at: datetime


class CalendarSaved(CalendarRead):
    recomputed_tickets: int


# -- a ticket's clocks --------------------------------------------------------------------------


class SegmentRead(BaseModel):
    """One stretch of a clock's timeline; ``end`` is null for the stretch going on now."""

    start: datetime
    end: datetime | None
    kind: str  # running | paused | stopped
    working_s: float
    reason: str  # message code
    text: str  # the reason in the caller's language


class ClockRead(BaseModel):
    metric: str
    metric_label: str
    state: str
    state_label: str
    target_s: int
    started_at: datetime | None
    due_at: datetime | None
    warn_at: datetime | None
    stopped_at: datetime | None
    breached_at: datetime | None
    elapsed_s: float
    cycle: int
    policy_key: str
    policy_name: str
    reason: str
    explanation: str
    warned_at: datetime | None  # when the worker sent the warning of this cycle
    escalated_at: datetime | None  # when the worker escalated this cycle
    timeline: list[SegmentRead]


class PolicyRef(BaseModel):
    id: int | None
    key: str
    name: str


class TicketSlaRead(BaseModel):
    ticket_id: int
    computed_at: datetime
    policy: PolicyRef | None
    policy_reason: str  # why this policy (or none) applies, in the caller's language
    calendar: str | None
    clocks: list[ClockRead]
