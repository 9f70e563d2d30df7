"""The web chat's HTTP side: ``POST /chat/sessions`` starts or resumes a visitor's chat,
``POST /chat/files`` sends a picture or a file, ``GET /chat/files/...`` fetches one back; this
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
from fastapi.responses import FileResponse, JSONResponse
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile
from starlette.formparsers import MultiPartException

from kefu.channels.webchat import files, indicators, live, pages, rules
from kefu.channels.webchat import service as chat
from kefu.channels.webchat.rules import StartForm, StartRefused, UploadRefused
from kefu.channels.webchat.service import Visitor
from kefu.core.errors import KefuError
from kefu.core.i18n import LOCALES, translate
from kefu.web.api_support import DB, CurrentSettings, error_body, locale_of

MAX_BODY = 16 * 1024
CORS = {"Access-Control-Allow-Origin": "*"}
PREFLIGHT = {
    **CORS,
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": "Content-Type",
    "Access-Control-Max-Age": "86400",
}
# The visitor's token on an upload: a header, not the query string (kept out of access logs).
TOKEN_HEADER = "X-Kefu-Chat-Token"
UPLOAD_PREFLIGHT = {**PREFLIGHT, "Access-Control-Allow-Headers": f"Content-Type, {TOKEN_HEADER}"}
# A chat file fetched back: never interpreted as a page, wherever it is opened.
FILE_HEADERS = {
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; sandbox",
    "Cross-Origin-Resource-Policy": "cross-origin",
    "Cache-Control": "private, max-age=86400",
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
async def start_chat(request: Request, db: DB, settings: CurrentSettings) -> JSONResponse:
    """Start a chat (201) or resume the one whose ``token`` is given (200): the visitor's token,
    the conversation so far (its latest messages), the last message id (the socket's ``after``)
    and the visitor's status (waiting with a place in the queue, served by an agent, or idle).
    An unknown or expired token starts a new chat."""
    locale = _locale(request)
    try:
        form = rules.read_start(_decode(await _body(request)))
    except StartRefused as refused:
        return _refused(refused.problems, refused.params, locale)
    max_file = settings.max_attachment_bytes
    try:
        body, resumed = await run_in_threadpool(_start, db, form, locale, max_file)
    except KefuError as exc:
        return _kefu_error(exc, locale)
    return JSONResponse(body, status_code=200 if resumed else 201, headers=CORS)


def _start(db: DB, form: StartForm, locale: str, max_file: int) -> tuple[dict[str, Any], bool]:
    started = db.retrying(lambda session: chat.start(session, form))
    with db.reading() as session:
        messages = chat.history(session, started.visitor.session_id, locale)
        status = chat.status(session, started.visitor.session_id, locale)
        read_id = indicators.read_by_agents(session, started.visitor.session_id)
    body = {
        "token": started.token,
        "resumed": started.resumed,
        "messages": [m.frame() for m in messages],
        "last_id": messages[-1].id if messages else 0,
        "status": status.frame(),
        "read_id": read_id,
        "max_file_bytes": max_file,
    }
    return body, started.resumed


# -- pictures and files ------------------------------------------------------------------------


@router.options("/chat/files", include_in_schema=False)
def upload_preflight() -> Response:
    return Response(status_code=204, headers=UPLOAD_PREFLIGHT)


_UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file", "client_id"],
                    "properties": {
                        "file": {"type": "string", "format": "binary"},
                        "client_id": {"type": "string", "pattern": rules.CLIENT_ID.pattern},
                        "text": {"type": "string", "maxLength": rules.MAX_TEXT},
                    },
                }
            }
        },
    }
}


@router.post("/chat/files", status_code=201, openapi_extra=_UPLOAD_BODY)
async def send_file(request: Request, db: DB, settings: CurrentSettings) -> JSONResponse:
    """The visitor sends a picture or a file (multipart: ``file``, ``client_id``, optional
    ``text``), authenticated by the chat's token in ``X-Kefu-Chat-Token``. Answers after the
    commit with the acknowledgement and the message as the socket shows it (201; 200 for a
    resend of a ``client_id`` already stored, which stores nothing)."""
    locale = _locale(request)
    visitor = await _visitor(db, request.headers.get(TOKEN_HEADER, ""))
    if visitor is None:
        message = translate("webchat.session_expired", locale)
        return _error("unauthenticated", message, {}, 401)
    try:
        async with request.form(max_files=1, max_fields=4) as form:
            upload, file = _upload_of(form)
            stored = await run_in_threadpool(
                files.receive_file,
                db,
                settings,
                visitor.session_id,
                upload,
                file.file,
                file.content_type or "",
            )
    except UploadRefused as refused:
        return _refused(refused.problems, refused.params, locale)
    except MultiPartException:
        return _refused({"file": "webchat.file_missing"}, {}, locale)
    except KefuError as exc:
        return _kefu_error(exc, locale)
    body = await run_in_threadpool(_acknowledged, db, visitor, upload.client_id, stored, locale)
    return JSONResponse(body, status_code=200 if stored.duplicate else 201, headers=CORS)


def _upload_of(form: Any) -> tuple[rules.Upload, UploadFile]:
    file = form.get("file")
    filename = file.filename if isinstance(file, UploadFile) else None
    upload = rules.read_upload(form.get("client_id"), form.get("text"), filename)
    if not isinstance(file, UploadFile):  # a name without a file part
        raise UploadRefused({"file": "webchat.file_missing"}, {})
    return upload, file


def _acknowledged(
    db: DB, visitor: Visitor, client_id: str, stored: chat.Stored, locale: str
) -> dict[str, Any]:
    with db.reading() as session:
        tickets = chat.tickets_of(session, visitor.session_id)
        found = chat.messages_by_id(
            session, visitor.session_id, [stored.message_id], locale, tickets
        )
    return {
        "type": "ack",
        "client_id": client_id,
        "message_id": stored.message_id,
        "message": found[0].frame() if found else None,
    }


@router.get("/chat/files/{session_id}/{attachment_id}/{signature}", include_in_schema=False)
async def fetch_file(
    session_id: int, attachment_id: int, signature: str, request: Request, db: DB,
    settings: CurrentSettings,
) -> Response:  # fmt: skip
    """A file of the chat, at the address its message gave the widget: a picture inline, any
    other file as a download."""

    def find() -> files.VisitorFile | None:
        with db.reading() as session:
            return files.file_for_visitor(
                session, session_id, attachment_id, signature, settings.attachments_dir
            )

    found = await run_in_threadpool(find)
    if found is None or not found.path.is_file():
        return _error("not_found", translate("not_found", _locale(request)), {}, 404)
    if found.image:
        return FileResponse(
            found.path, media_type=found.content_type, headers=FILE_HEADERS,
            filename=found.filename, content_disposition_type="inline",
        )  # fmt: skip
    return FileResponse(
        found.path, media_type=rules.GENERIC_TYPE, filename=found.filename, headers=FILE_HEADERS
    )


async def _visitor(db: DB, token: str) -> Visitor | None:
    def find() -> Visitor | None:
        with db.read_connection() as conn:
            return chat.authenticate(conn, token.strip())

    return await run_in_threadpool(find) if token else None


def _locale(request: Request) -> str:
    lang = request.query_params.get("lang", "")
    return lang if lang in LOCALES else locale_of(request)


def _refused(
    problems: dict[str, str], params: dict[str, dict[str, object]], locale: str
) -> JSONResponse:
    fields = {
        name: translate(code, locale, **params.get(name, {})) for name, code in problems.items()
    }
    return _error("validation_failed", translate("validation_failed", locale), fields, 422)


def _kefu_error(exc: KefuError, locale: str) -> JSONResponse:
    fields = {name: translate(err.code, locale, **err.params) for name, err in exc.fields.items()}
    return _error(exc.code, translate(exc.code, locale, **exc.params), fields, exc.status)


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
