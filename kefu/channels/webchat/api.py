"""The web chat's HTTP side: ``POST /chat/sessions`` starts or resumes a visitor's chat, and this
module's ``router`` also carries the socket (``live.py``) and the widget's pages (``pages.py``).

No staff token here: a visitor has none. The chat's own token, returned by the start, is the
visitor's credential. The widget runs on a shop's pages, another origin, so the start answers
cross-origin requests (``Access-Control-Allow-Origin: *``; no cookies are involved), errors
included: the widget must be able to read which field was wrong.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from kefu.channels.webchat import live, pages, rules
from kefu.channels.webchat import service as chat
from kefu.channels.webchat.rules import StartForm, StartRefused
from kefu.core.errors import KefuError
from kefu.core.i18n import LOCALES, translate
from kefu.web.api_support import DB, error_body, locale_of

MAX_BODY = 16 * 1024
CORS = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
}

router = APIRouter(tags=["channels"])
router.include_router(live.router)
router.include_router(pages.router)

_START_BODY: dict[str, Any] = {
    "requestBody": {
        "content": {
            "application/json": {
                "schema": {
                    "type": "object",
                    "additionalProperties": False,
                    "properties": {
                        "token": {"type": "string", "description": "resume this chat"},
                        "name": {"type": "string", "maxLength": 100},
                        "phone": {"type": "string", "maxLength": 40},
                        "email": {"type": "string", "maxLength": 200},
                        "shop": {"type": "string", "maxLength": 64},
                        "page": {"type": "string"},
                    },
                }
            }
        }
    }
}


@router.options("/chat/sessions", include_in_schema=False)
def preflight() -> Response:
    return Response(status_code=204, headers=PREFLIGHT)


@router.post("/chat/sessions", status_code=201, openapi_extra=_START_BODY)
async def start_chat(request: Request, db: DB) -> JSONResponse:
    """Start a chat (201) or resume the one whose ``token`` is given (200): the visitor's token,
    the conversation so far (its latest messages), the last message id (the socket's ``after``)
    and the visitor's status (waiting with a place in the queue, served by an agent, or idle).
    An unknown or expired token starts a new chat."""
    lang = request.query_params.get("lang", "")
    locale = lang if lang in LOCALES else locale_of(request)
    try:
        form = rules.read_start(_decode(await _body(request)))
    except StartRefused as refused:
        fields = {
            name: translate(code, locale, **refused.params.get(name, {}))
            for name, code in refused.problems.items()
        }
        return _error("validation_failed", translate("validation_failed", locale), fields, 422)
    try:
        body, resumed = await run_in_threadpool(_start, db, form, locale)
    except KefuError as exc:
        fields = {
            name: translate(err.code, locale, **err.params) for name, err in exc.fields.items()
        }
        return _error(exc.code, translate(exc.code, locale, **exc.params), fields, exc.status)
    return JSONResponse(body, status_code=200 if resumed else 201, headers=CORS)


def _start(db: DB, form: StartForm, locale: str) -> tuple[dict[str, Any], bool]:
    started = db.retrying(lambda session: chat.start(session, form))
    with db.reading() as session:
        messages = chat.history(session, started.visitor.session_id, locale)
        status = chat.status(session, started.visitor.session_id, locale)
    body = {
        "token": started.token,
        "resumed": started.resumed,
        "messages": [m.frame() for m in messages],
        "last_id": messages[-1].id if messages else 0,
        "status": status.frame(),
    }
    return body, started.resumed


async def _body(request: Request) -> bytes:
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > MAX_BODY:
            raise StartRefused({"body": "field.too_long"}, {"body": {"max": MAX_BODY}})
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(raw: bytes) -> object:
    if not raw.strip():
        return {}
    try:
        return json.loads(raw)
    except ValueError as exc:  # not JSON, or not UTF-8
        raise StartRefused({"body": "field.invalid"}, {}) from exc


def _error(code: str, message: str, fields: dict[str, str], status: int) -> JSONResponse:
    return JSONResponse(error_body(code, message, fields), status_code=status, headers=CORS)
