"""Response shapes of the search API."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel


class SearchHit(BaseModel):
    kind: str
    id: int
    ticket_id: int | None
    customer_id: int | None
    title: str
    excerpt: str
    created_at: datetime


class SearchPage(BaseModel):
    items: list[SearchHit]
    next_cursor: str | None
