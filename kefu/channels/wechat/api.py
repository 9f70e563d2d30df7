"""The WeChat push endpoint: /channels/wechat/{name} (GET: URL verification, POST: pushes).

No API token here: WeChat's servers call it, and the account's signature is the credential.
Errors are the usual JSON (``{"error": {...}}``); WeChat only looks at the status and retries.
"""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import PlainTextResponse
from starlette.concurrency import run_in_threadpool

from kefu.channels.wechat import service as wechat
from kefu.core.errors import TooLarge
from kefu.core.i18n import human_size
from kefu.web.api_support import DB, CurrentSettings

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
