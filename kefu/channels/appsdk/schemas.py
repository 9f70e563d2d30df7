"""Request and response bodies of the app SDK API."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, StringConstraints

Text = Annotated[str, StringConstraints(max_length=20000)]
ClientId = Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class AppCustomer(Strict):
    name: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] | None = None
    email: Annotated[str, StringConstraints(strip_whitespace=True, max_length=254)] | None = None
    phone: Annotated[str, StringConstraints(strip_whitespace=True, max_length=40)] | None = None
    buyer_nick: Annotated[str, StringConstraints(strip_whitespace=True, max_length=64)] | None = (
        None
    )


class TokenCreate(Strict):
    """The app's back end asks for a token for its signed-in user."""

    app_user: (
        Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=128)]
        | None
    ) = None
    customer: AppCustomer = AppCustomer()
    label: Annotated[str, StringConstraints(strip_whitespace=True, max_length=100)] = "app"


class TokenRead(BaseModel):
    token: str
    customer_id: int
    expires_at: str


class Revoked(BaseModel):
    revoked: int


class Me(BaseModel):
    customer_id: int
    name: str


class MessageCreate(Strict):
    body: Text
    client_id: ClientId | None = None


class ConversationCreate(MessageCreate):
    subject: Annotated[str, StringConstraints(strip_whitespace=True, max_length=200)] = ""


class ConversationRead(BaseModel):
    id: int
    number: str
    subject: str
    status: str
    created_at: datetime
    updated_at: datetime


class ConversationPage(BaseModel):
    items: list[ConversationRead]


class MessageRead(BaseModel):
    id: int
    author: Literal["customer", "agent", "system"]
    agent: str | None  # the work-number name an agent signs with (客服8号)
    body: str
    created_at: datetime


class MessagePage(BaseModel):
    items: list[MessageRead]


class Sent(BaseModel):
    conversation: ConversationRead
    message: MessageRead
    duplicate: bool
