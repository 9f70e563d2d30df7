"""Response shapes of the WeChat routes under /api/v1 (the agent's view of a ticket's replies)."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel

from kefu.channels.wechat.rules import Fallback, SendState


class ReplyWindowRead(BaseModel):
    """Whether a reply written now can go out on WeChat, shown before the agent sends it."""

    ticket_id: int
    wechat: bool  # the ticket has a WeChat conversation to answer
    open: bool
    remaining: int  # replies still allowed in this window (queued ones already counted)
    queued: int  # replies waiting to be sent
    closes_at: datetime | None
    reason_code: str
    reason: str  # in the caller's language
    fallback: Fallback  # where a reply is offered when the window is closed
    fallback_to: str | None  # the address, when by mail
    fallback_text: str


class WechatReplyRead(BaseModel):
    id: int
    message_id: int
    state: SendState
    attempts: int
    errcode: int | None
    last_error: str | None
    next_attempt_at: datetime | None
    fallback: Fallback | None  # held replies: where it was offered instead
    fallback_mail_id: int | None
    fallback_mail_status: str | None  # queued, sent, failed, bounced
    sent_at: datetime | None
    created_at: datetime


class WechatReplyList(BaseModel):
    items: list[WechatReplyRead]
