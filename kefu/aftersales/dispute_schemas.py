"""Request and response shapes of the after-sales API added with platform disputes: disputes and
their checklists, complaint call-back tasks and gathered conversations, penalty points."""

from __future__ import annotations

from datetime import datetime

from pydantic import AwareDatetime, BaseModel, Field

from kefu.aftersales.rules import DisputeKind, DisputeOutcome, DisputeState
from kefu.aftersales.schemas import ComplaintRead, Decision, Strict


class DisputeCreate(Strict):
    ticket_id: int = Field(ge=1)
    order_id: int = Field(ge=1)
    kind: DisputeKind
    opened_at: AwareDatetime | None = None
    platform_deadline_at: AwareDatetime | None = None
    note: str = Field(default="", max_length=2000)


class ChecklistTick(Strict):
    item: str = Field(min_length=1, max_length=40)
    done: bool = True


class DisputeTransition(Strict):
    to: DisputeState
    outcome: DisputeOutcome | None = None


class ChecklistItemRead(BaseModel):
    item: str
    label: str
    done: bool
    done_by: str | None
    done_at: datetime | None


class DisputeRead(BaseModel):
    id: int
    order_id: int
    order_number: str
    ticket_id: int
    customer_id: int
    agent_id: int | None
    kind: str
    kind_label: str
    state: str
    state_label: str
    outcome: str
    next_states: list[str]
    opened_at: datetime
    platform_deadline_at: datetime | None
    deadline_at: datetime
    deadline: Decision
    assessment: Decision
    checklist: list[ChecklistItemRead]
    checklist_done: bool
    linked_ticket_ids: list[int]
    note: str
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None


class ConversationRef(BaseModel):
    ticket_id: int
    number: str
    channel: str
    subject: str
    status: str


class CallbackRead(BaseModel):
    id: int
    complaint_id: int
    ticket_number: str
    customer_id: int
    customer_phone: str
    due_at: datetime
    overdue: bool
    done_at: datetime | None
    done_by_id: int | None
    note: str
    created_at: datetime


class CallbackPage(BaseModel):
    items: list[CallbackRead]
    next_cursor: str | None


class CallbackDone(Strict):
    note: str = Field(min_length=1, max_length=2000)


class SlaClockRead(BaseModel):
    """A clock of the complaint ticket's SLA policy that runs one of the SOP's limits."""

    metric: str
    state: str
    target_minutes: float
    due_at: datetime | None


class ComplaintDetailRead(ComplaintRead):
    """The complaint with what was gathered when it opened: every conversation of the customer,
    the call-back owed, and the SLA clocks that run the SOP's 5 and 30 minutes."""

    conversations: list[ConversationRef]
    callback: CallbackRead | None
    sla_policy: str | None
    sla_clocks: list[SlaClockRead]


class PenaltyRead(BaseModel):
    id: int
    agent_id: int
    fault: str
    fault_label: str
    points: int
    source: str
    ticket_id: int | None
    case_id: int | None
    detail: dict[str, object]
    at: datetime


class PenaltyPage(BaseModel):
    agent_id: int
    since: datetime
    until: datetime
    total_points: int
    items: list[PenaltyRead]
