"""The agents' side of a web chat's typing indicators and read receipts, under ``/api/v1``:

- ``GET /api/v1/tickets/{id}/chat``: how far the visitor has read, when they last typed, how
  far the agents have read (an agent's page shows "对方正在输入…" and marks its messages read;
  live, it follows ``ChatTyping`` / ``ChatRead`` on ``/api/v1/stream``);
- ``POST /api/v1/tickets/{id}/typing``: an agent is typing; the visitor's widget shows it
  (passed on at most every 3 s; ``published`` says whether this one was);
- ``POST /api/v1/tickets/{id}/read`` with ``{"last_id"}`` (optional: the latest message): the
  agents have read up to there; the widget marks the visitor's messages 已读.

A ticket that is not a web chat answers 409.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Body
from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kefu.channels.webchat import indicators
from kefu.channels.webchat.indicators import ChatState
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, require

router = APIRouter(prefix="/api/v1", tags=["channels"])


class ChatRead(BaseModel):
    ticket_id: int
    customer_read_id: int | None
    customer_typing_at: datetime | None
    agent_read_id: int | None


class ReadUpTo(BaseModel):
    model_config = ConfigDict(extra="forbid")

    last_id: int | None = Field(default=None, ge=1, le=2**31 - 1)


class TypingResult(BaseModel):
    published: bool


def _read(state: ChatState) -> ChatRead:
    return ChatRead(
        ticket_id=state.ticket_id,
        customer_read_id=state.customer_read_id,
        customer_typing_at=state.customer_typing_at,
        agent_read_id=state.agent_read_id,
    )


@router.get("/tickets/{ticket_id}/chat", response_model=ChatRead)
def chat_of_ticket(ticket_id: int, db: DB, caller: Caller) -> ChatRead:
    """The chat's read positions and when the visitor last typed."""
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return _read(indicators.chat_state(session, ticket_id))


@router.post("/tickets/{ticket_id}/typing", response_model=TypingResult)
async def agent_typing(ticket_id: int, db: DB, caller: Caller) -> TypingResult:
    """An agent is typing an answer (the page calls this while its reply box changes)."""
    require(caller, Permission.WORK_TICKETS)

    def work(session: Session) -> bool:
        return indicators.agent_typing(session, ticket_id, caller)

    return TypingResult(published=await run_in_threadpool(db.retrying, work))


@router.post("/tickets/{ticket_id}/read", response_model=ChatRead)
async def agents_read(
    ticket_id: int,
    db: DB,
    caller: Caller,
    body: Annotated[ReadUpTo | None, Body()] = None,
) -> ChatRead:
    """The agents have read the chat up to ``last_id`` (default: its latest message)."""
    require(caller, Permission.WORK_TICKETS)
    last_id = body.last_id if body is not None else None

    def work(session: Session) -> ChatState:
        return indicators.agent_read(session, ticket_id, last_id, caller)

    return _read(await run_in_threadpool(db.retrying, work))
