"""Request and response shapes of the routing API."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from kefu.routing.rules import DeliveryMode, Presence, Strategy
from kefu.tickets.rules import Channel, Priority, TicketType


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class DeskCreate(Strict):
    name: str = Field(min_length=1, max_length=100)
    description: str = Field(default="", max_length=500)
    private: bool = False


class DeskRead(BaseModel):
    id: int
    name: str
    description: str
    private: bool


class GroupCreate(Strict):
    desk_id: int
    name: str = Field(min_length=1, max_length=100)
    strategy: Strategy = Strategy.LEAST_LOADED
    auto_assign: bool = True


class GroupRead(BaseModel):
    id: int
    desk_id: int
    name: str
    strategy: Strategy
    auto_assign: bool
    members: list[int]


class MembersUpdate(Strict):
    user_ids: list[int] = Field(max_length=1000)


class DeliveryUpdate(Strict):
    mode: DeliveryMode
    default_group_id: int | None = None
    supervisor_group_id: int | None = None
    by_channel: dict[Channel, int] = Field(default_factory=dict)
    by_entry_point: dict[str, int] = Field(default_factory=dict, max_length=200)


class DeliveryRead(BaseModel):
    mode: DeliveryMode
    default_group_id: int | None
    supervisor_group_id: int | None
    by_channel: dict[str, int]
    by_entry_point: dict[str, int]
    responsible: dict[int, int]


class ResponsibleUpdate(Strict):
    group_id: int | None


class RuleWrite(Strict):
    name: str = Field(min_length=1, max_length=100)
    match: str = Field(default="all", pattern="^(all|any)$")
    active: bool = True
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    conditions: list[dict[str, Any]] = Field(default_factory=list, max_length=50)
    actions: list[dict[str, Any]] = Field(min_length=1, max_length=20)


class RuleRead(BaseModel):
    id: int
    name: str
    match: str
    active: bool
    position: int
    conditions: list[dict[str, Any]]
    actions: list[dict[str, Any]]


class DryRunRequest(Strict):
    """A ticket to explain (``ticket_id``), or a request described field by field."""

    ticket_id: int | None = None
    channel: Channel = Channel.WEB_CHAT
    type: TicketType = TicketType.INQUIRY
    priority: Priority = Priority.NORMAL
    catalog_item: int | str | None = None
    vip_level: int = Field(default=0, ge=0, le=10)
    blacklisted: bool = False
    text: str = Field(default="", max_length=5000)
    entry_point: str = Field(default="", max_length=100)


class Explained(BaseModel):
    code: str
    message: str


class RuleTraceRead(BaseModel):
    rule_id: int
    name: str
    matched: bool
    reasons: list[Explained]


class DryRunRead(BaseModel):
    delivered_group_id: int | None
    delivery: Explained
    group_id: int | None
    priority: str | None
    tags: list[str]
    assignee_id: int | None
    fired: list[int]
    rules: list[RuleTraceRead]


class PresenceUpdate(Strict):
    presence: Presence | None = None
    chat_capacity: int | None = Field(default=None, ge=0, le=500)
    ticket_capacity: int | None = Field(default=None, ge=0, le=500)
    skills: list[str] | None = Field(default=None, max_length=50)


class PresenceRead(BaseModel):
    user_id: int
    presence: Presence
    chat_capacity: int
    ticket_capacity: int
    active_chats: int
    open_tickets: int
    skills: list[str]
    last_assigned_at: datetime | None


class QueueItem(BaseModel):
    ticket_id: int
    kind: str
    waiting_since: datetime
    position: int
    estimated_wait_s: float | None  # None: nobody online with room, so no estimate


class QueueRead(BaseModel):
    group_id: int
    online_with_room: int
    items: list[QueueItem]


class TransferRequest(Strict):
    group_id: int | None = None
    assignee_id: int | None = None


class CatalogImportRead(BaseModel):
    items: int
    responsible: int


class NotificationRead(BaseModel):
    id: int
    kind: str
    message: str
    ticket_id: int | None
    params: dict[str, Any]
    created_at: datetime
    read_at: datetime | None


class NotificationsRead(Strict):
    ids: list[int] = Field(max_length=500)
