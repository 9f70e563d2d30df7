"""Response shapes of the supervision API (read from the service's dataclasses)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class QueueRead(Read):
    group_id: int | None
    group: str
    desk: str
    waiting: int
    longest_wait_s: int
    members: int
    online: int


class AgentRead(Read):
    user_id: int
    name: str
    username: str
    role: str
    presence: str
    presence_since: datetime | None
    groups: list[str]
    open_tickets: int
    ticket_capacity: int
    active_chats: int
    chat_capacity: int
    ticket_load: float | None
    chat_load: float | None


class TicketRefRead(Read):
    ticket_id: int
    number: str
    subject: str
    channel: str
    assignee_id: int | None
    assignee: str


class SlaLineRead(Read):
    ticket: TicketRefRead
    metric: str
    state: str
    due_at: datetime | None
    overdue_s: int


class ComplaintLineRead(Read):
    ticket: TicketRefRead
    state: str
    state_since: datetime
    age_s: int
    in_state_s: int
    due_at: datetime | None
    overdue: bool


class WaitingLineRead(Read):
    ticket: TicketRefRead
    priority: str
    group: str
    wait_s: int


class BoardRead(Read):
    at: datetime
    queues: list[QueueRead]
    agents: list[AgentRead]
    sla_at_risk: int
    sla_breached: int
    sla: list[SlaLineRead]
    complaints_open: int
    complaints: list[ComplaintLineRead]
    waiting: list[WaitingLineRead]


class ChannelVolumeRead(Read):
    channel: str
    counts: list[int]
    total: int


class HourPercentilesRead(Read):
    hour: int
    count: int
    p50: float | None
    p90: float | None


class ChannelAttainmentRead(Read):
    channel: str
    met: int
    breached: int
    ratio: float | None


class ChartsRead(Read):
    day: str
    timezone: str
    hours: list[int]
    volume: list[ChannelVolumeRead]
    first_response: list[HourPercentilesRead]
    attainment: list[ChannelAttainmentRead]
