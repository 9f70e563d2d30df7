"""Response shapes of the users API."""

from __future__ import annotations

from pydantic import BaseModel


class UserRead(BaseModel):
    id: int
    username: str
    display_name: str
    work_number: int | None
    signature: str
    role: str
