"""Call events as the telephony system posts them, and the call log as agents read and fill it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, StringConstraints

from kefu.channels.phone.rules import CallEvent

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
