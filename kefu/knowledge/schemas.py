"""Request and response shapes of the canned-reply API. Shapes only: lengths, categories and
shortcuts are checked by ``rules.validate_reply`` (through the service), which names each bad
field in the reader's language, the same way for the API and the admin page."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

# Generous bounds against abuse; the real limits (60, 20, 2000) are the rules' to explain.
_LOOSE = 10_000


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReplyCreate(Strict):
    title: str = Field(max_length=_LOOSE)
    shortcut: str = Field(max_length=_LOOSE)
    category: str = Field(max_length=_LOOSE)
    body: str = Field(max_length=_LOOSE)
    locale: str = Field(default="zh-CN", max_length=_LOOSE)
    position: int | None = Field(default=None, ge=0, le=1_000_000)


class ReplyUpdate(Strict):
    """Only the fields sent change; ``active: true`` brings a retired reply back."""

    title: str | None = Field(default=None, max_length=_LOOSE)
    shortcut: str | None = Field(default=None, max_length=_LOOSE)
    category: str | None = Field(default=None, max_length=_LOOSE)
    body: str | None = Field(default=None, max_length=_LOOSE)
    locale: str | None = Field(default=None, max_length=_LOOSE)
    position: int | None = Field(default=None, ge=0, le=1_000_000)
    active: bool | None = None


class ReplyItem(BaseModel):
    """A reply as an agent inserts it: ``rendered`` has the variables filled in for the caller
    (and the ticket's customer); ``unknown_variables`` are the ones left as written."""

    id: int
    title: str
    shortcut: str
    category: str
    body: str
    rendered: str
    unknown_variables: list[str]
    locale: str
    position: int
    active: bool
    source: str
    updated_at: datetime


class ReplyList(BaseModel):
    items: list[ReplyItem]
