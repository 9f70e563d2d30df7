"""Request and response shapes of the tickets API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from kefu.tickets.rules import Channel, Priority, Status, TicketType

Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Short = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class CustomerRef(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    email: Short | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    wechat_openid: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None
    ) = None
    buyer_nick: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = (
        None
    )


class TicketCreate(Strict):
    subject: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    description: Annotated[str, StringConstraints(max_length=50_000)] = ""
    description_html: Annotated[str, StringConstraints(max_length=200_000)] | None = None
    customer: CustomerRef
    priority: Priority = Priority.NORMAL
    type: TicketType = TicketType.INQUIRY
    channel: Channel = Channel.API
    catalog_item: int | Annotated[str, StringConstraints(max_length=400)] | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] = []
    custom_fields: dict[str, Any] = {}


class TicketUpdate(Strict):
    subject: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
        | None
    ) = None
    status: Status | None = None
    priority: Priority | None = None
    type: TicketType | None = None
    assignee_id: int | None = None
    tags: Annotated[list[Tag], Field(max_length=20)] | None = None
    catalog_item: int | Annotated[str, StringConstraints(max_length=400)] | None = None
    custom_fields: dict[str, Any] | None = None


class SlaBadge(BaseModel):
    """One SLA clock as last stored: met, running, at risk, breached or paused."""

    metric: str
    state: str
    due_at: datetime | None


class TicketRead(BaseModel):
    id: int
    number: str
    subject: str
    status: Status
    priority: Priority
    type: TicketType
    channel: Channel
    customer_id: int
    catalog_item_id: int | None
    catalog_item: str | None
    assignee_id: int | None
    group_id: int | None = None
    tags: list[str]
    custom_fields: dict[str, Any]
    created_at: datetime
    updated_at: datetime
    first_response_at: datetime | None
    solved_at: datetime | None
    closed_at: datetime | None
    merged_into_id: int | None = None
    # The ticket's SLA clocks (null in the create response: one GET away).
    sla: list[SlaBadge] | None = None


class TicketMerge(Strict):
    """Merge this ticket into ``into_id``: its messages move there, it stays closed as a pointer."""

    into_id: int


class TicketPage(BaseModel):
    items: list[TicketRead]
    next_cursor: str | None


class MessageCreate(Strict):
    body: Annotated[str, StringConstraints(max_length=50_000)] = ""
    html: Annotated[str, StringConstraints(max_length=200_000)] | None = None
    public: bool = True


class AttachmentRead(BaseModel):
    id: int
    filename: str
    content_type: str
    size: int
    sha256: str
    url: str


class ArrivalRead(BaseModel):
    """How a message arrived from its channel and why it joined (or opened) this ticket."""

    channel: str
    rule: str
    reason: str


class MessageRead(BaseModel):
    id: int
    ticket_id: int
    author_kind: str
    author_user_id: int | None
    author_customer_id: int | None
    public: bool
    channel: str
    body: str
    body_html: str
    created_at: datetime
    attachments: list[AttachmentRead]
    arrival: ArrivalRead | None = None


class MessageList(BaseModel):
    items: list[MessageRead]


class AuditRead(BaseModel):
    id: int
    at: datetime
    actor_kind: str
    actor_user_id: int | None
    field: str
    old: str | None
    new: str | None


class AuditList(BaseModel):
    items: list[AuditRead]


class CatalogItemCreate(Strict):
    path: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=400)]
    field_schema: dict[str, Any] | None = None


class CatalogItemRead(BaseModel):
    id: int
    parent_id: int | None
    name: str
    path: str
    field_schema: dict[str, Any] | None


class CatalogList(BaseModel):
    items: list[CatalogItemRead]
