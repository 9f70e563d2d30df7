"""Request and response shapes of the customers API."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Name = Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)]
Tag = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=50)]
Contact = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Identities(Strict):
    email: Contact | None = None
    phone: Contact | None = None
    wechat_openid: Contact | None = None
    buyer_nick: Contact | None = None


class CustomerCreate(Identities):
    name: Name | None = None
    tags: Annotated[list[Tag], Field(max_length=50)] = []
    vip_level: Annotated[int, Field(ge=0, le=10)] = 0
    birthday: date | None = None


class CustomerUpdate(Strict):
    name: Name | None = None
    tags: Annotated[list[Tag], Field(max_length=50)] | None = None
    vip_level: Annotated[int, Field(ge=0, le=10)] | None = None
    birthday: date | None = None
    note: Annotated[str, StringConstraints(max_length=2000)] | None = None
    blacklisted: bool | None = None
    blacklist_reason: (
        Annotated[str, StringConstraints(strip_whitespace=True, max_length=500)] | None
    ) = None
    add_identities: Identities | None = None


class MergeRequest(Strict):
    other_id: int


class IdentityRead(BaseModel):
    kind: str
    value: str


class CustomerRead(BaseModel):
    id: int
    name: str
    identities: list[IdentityRead]
    tags: list[str]
    vip_level: int
    birthday: date | None
    note: str
    blacklisted: bool
    blacklist_reason: str | None
    blacklisted_by_id: int | None
    blacklisted_at: datetime | None
    merged_into_id: int | None
    ticket_counts: dict[str, int]
    ticket_total: int
    created_at: datetime
    updated_at: datetime


class CustomerPage(BaseModel):
    items: list[CustomerRead]
    next_cursor: str | None
