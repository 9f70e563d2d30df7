"""The WeChat push endpoint: /channels/wechat/{name} (GET: URL verification, POST: pushes), and
for agents: a ticket's reply window and its WeChat replies under /api/v1.

No API token on the push endpoint: WeChat's servers call it, and the account's signature is the
credential. Errors are the usual JSON (``{"error": {...}}``); WeChat only looks at the status and
retries.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from kefu.channels.wechat import outbound
from kefu.channels.wechat import service as wechat
from kefu.channels.wechat.rules import Fallback, SendState
from kefu.channels.wechat.schemas import ReplyWindowRead, WechatReplyList, WechatReplyRead
from kefu.core import clock
from kefu.core.errors import TooLarge
from kefu.core.i18n import human_size, translate
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of

router = APIRouter(tags=["channels"])


@router.get("/channels/wechat/{name}", response_class=PlainTextResponse)
def verify_url(name: str, request: Request, db: DB) -> PlainTextResponse:
    """The check WeChat makes when the server URL is saved in its console."""
    echo = wechat.verify_url(db, name, dict(request.query_params))
    return PlainTextResponse(echo)


@router.post("/channels/wechat/{name}", response_class=PlainTextResponse)
async def push(name: str, request: Request, db: DB, settings: CurrentSettings) -> PlainTextResponse:
    """A message or event. "success" once stored: WeChat then neither retries nor shows the
    customer "该公众号暂时无法提供服务"; a reply message, if any, goes out by the send API."""
    body = await _body(request, settings.max_request_body_bytes)
    params = dict(request.query_params)
    await run_in_threadpool(wechat.receive_push, db, settings, name, params, body)
    return PlainTextResponse("success")


async def _body(request: Request, limit: int) -> bytes:
    """Read at most ``limit`` bytes: a push is a few hundred, whatever Content-Length says."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise TooLarge("payload_too_large", limit=human_size(limit))
        chunks.append(chunk)
    return b"".join(chunks)


@router.get("/api/v1/tickets/{ticket_id}/wechat/window", response_model=ReplyWindowRead)
def reply_window(ticket_id: int, request: Request, db: DB, caller: Caller) -> ReplyWindowRead:
    """Whether a reply written now can go out on WeChat (5 messages within 48 hours of the
    customer's last message), and where it is offered instead when it cannot."""
    locale = locale_of(request)
    with db.reading() as session:
        seen = outbound.ticket_window(session, ticket_id, clock.now())
    window = seen.window
    reason_code = window.reason if seen.target else "wechat.not_a_wechat_ticket"
    return ReplyWindowRead(
        ticket_id=ticket_id,
        wechat=seen.target is not None,
        open=window.open,
        remaining=window.remaining,
        queued=seen.queued,
        closes_at=window.closes_at,
        reason_code=reason_code,
        reason=translate(reason_code, locale, **window.params),
        fallback=seen.fallback,
        fallback_to=seen.fallback_to,
        fallback_text=translate(
            f"wechat.fallback.{seen.fallback.value}", locale, email=seen.fallback_to or ""
        ),
    )


@router.get("/api/v1/tickets/{ticket_id}/wechat/replies", response_model=WechatReplyList)
def replies(ticket_id: int, db: DB, caller: Caller) -> WechatReplyList:
    """The ticket's replies as WeChat messages: sent, waiting, held (and offered by mail or in
    the portal) or failed, with WeChat's error code."""
    with db.reading() as session:
        rows = outbound.replies_of(session, ticket_id)
    return WechatReplyList(
        items=[
            WechatReplyRead(
                id=row.id,
                message_id=row.message_id,
                state=SendState(row.state),
                attempts=row.attempts,
                errcode=row.errcode,
                last_error=row.last_error,
                next_attempt_at=row.next_attempt_at,
                fallback=Fallback(row.fallback) if row.fallback else None,
                fallback_mail_id=row.fallback_mail_id,
                fallback_mail_status=mail_status,
                sent_at=row.sent_at,
                created_at=row.created_at,
            )
            for row, mail_status in rows
        ]
    )
