"""Call events as the telephony system posts them, and the call log as agents read and fill it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from kefu.channels.phone.rules import CallEvent, Importance, TaskState, Urgency

Text = Annotated[str, StringConstraints(strip_whitespace=True, max_length=2000)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class CallEventIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    event: CallEvent
    call_id: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    direction: Annotated[str, Field(pattern="^(inbound|outbound)$")] = "inbound"
    caller: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    called: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] = ""
    agent: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    at: AwareDatetime
    recording_url: Annotated[str, StringConstraints(max_length=500)] | None = None


class CallEventResult(BaseModel):
    call_id: str
    status: str
    ticket_id: int | None
    customer_id: int | None
    new_caller: bool


class CallUpdate(BaseModel):
    """The handbook's call-log fields an agent fills in (all optional; given ones are set)."""

    model_config = ConfigDict(extra="forbid")

    contact_name: Short | None = None
    contact_title: Short | None = None
    company: Short | None = None
    content: Text | None = None
    reason: Text | None = None
    follow_up: Text | None = None
    follow_up_due_at: AwareDatetime | None = None


class CallRead(BaseModel):
    id: int
    call_id: str
    direction: str
    caller: str
    called: str
    status: str
    customer_id: int | None
    ticket_id: int | None
    agent_id: int | None
    ringing_at: datetime
    answered_at: datetime | None
    ended_at: datetime | None
    answer_seconds: float | None
    answered_within_target: bool | None
    duration_seconds: float | None
    recording_url: str | None
    contact_name: str
    contact_title: str
    company: str
    content: str
    reason: str
    follow_up: str
    follow_up_due_at: datetime | None
    missing_5w1h: list[str]


# -- the call list ---------------------------------------------------------------------------


Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class CallTaskCreate(BaseModel):
    """One row of the call list: whom (电话对象), when (电话时间), the points (内容要点), the
    轻重缓急 analysis and remarks (备注)."""

    model_config = ConfigDict(extra="forbid")

    contact_name: Name
    phone: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=40)]
    due_at: AwareDatetime
    points: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    importance: Importance
    urgency: Urgency
    remarks: Short = ""
    assignee_id: int | None = None  # default: the caller's own list
    ticket_id: int | None = None


class CallTaskUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    state: TaskState | None = None
    outcome: Text | None = None
    due_at: AwareDatetime | None = None
    importance: Importance | None = None
    urgency: Urgency | None = None
    remarks: Short | None = None
    assignee_id: int | None = None


class CallTaskRead(BaseModel):
    id: int
    position: int | None  # 序号 in today's open list; None when done or cancelled
    contact_name: str
    phone: str
    customer_id: int | None
    due_at: datetime
    points: str
    importance: str
    urgency: str
    quadrant: str  # 重急 / 轻急 / 重缓 / 轻缓
    overdue: bool
    remarks: str
    assignee_id: int | None
    ticket_id: int | None
    state: str
    outcome: str
    created_at: datetime
    done_at: datetime | None


class CallTaskPage(BaseModel):
    items: list[CallTaskRead]
