"""What every JSON route shares: the database, the caller, the locale, cursors and errors."""

from __future__ import annotations

import base64
import binascii
import logging
import re
from typing import Annotated, Any

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import FieldError, Forbidden, Invalid, KefuError, Unauthenticated
from kefu.core.i18n import label, negotiate, translate
from kefu.users import service as users
from kefu.users.rules import Permission, may
from kefu.users.service import Principal
from kefu.web import auth

log = logging.getLogger(__name__)


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


def locale_of(request: Request) -> str:
    return negotiate(request.headers.get("accept-language"))


async def current_principal(
    request: Request, db: Annotated[Database, Depends(get_db)]
) -> Principal:
    """The caller of an API request. Deliberately run on the event loop rather than handed to a
    thread: it is one indexed lookup (about 0.1 ms), and the hop to a thread and back cost
    several times that on every request."""
    header = request.headers.get("authorization", "")
    scheme, _, token = header.partition(" ")
    if not header and request.cookies.get(auth.SESSION_COOKIE):
        return _cookie_principal(request, db)
    if scheme.lower() != "bearer" or not token.strip():
        raise Unauthenticated("unauthenticated")
    with db.read_connection() as conn:
        return users.authenticate_token(conn, token.strip())


def _cookie_principal(request: Request, db: Database) -> Principal:
    """The pages' own calls: the session cookie, and for an unsafe method the session's CSRF
    token in ``X-CSRF-Token`` (a cross-site form or script cannot read it)."""
    web = auth.session_of(request, db)
    if web is None:
        raise Unauthenticated("unauthenticated")
    if request.method not in auth.SAFE_METHODS and not auth.csrf_ok(
        request, web, request.headers.get(auth.CSRF_HEADER)
    ):
        raise Forbidden("auth.csrf_invalid")
    return web.principal


def require(principal: Principal, permission: Permission) -> None:
    if not may(principal.role, permission):
        raise Forbidden("forbidden")


DB = Annotated[Database, Depends(get_db)]
CurrentSettings = Annotated[Settings, Depends(get_settings)]
Caller = Annotated[Principal, Depends(current_principal)]


# -- cursors -----------------------------------------------------------------------------------


def encode_cursor(last_id: int) -> str:
    return base64.urlsafe_b64encode(f"id:{last_id}".encode()).decode().rstrip("=")


def decode_cursor(cursor: str | None) -> int | None:
    if not cursor:
        return None
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)).decode()
        prefix, _, value = raw.partition(":")
        if prefix != "id":
            raise ValueError(raw)
        return int(value)
    except (ValueError, binascii.Error, UnicodeDecodeError) as exc:
        raise Invalid("cursor.invalid", fields={"cursor": FieldError("cursor.invalid")}) from exc


def next_cursor(ids: list[int], limit: int) -> str | None:
    """A cursor when the page came back full (we fetch ``limit + 1`` to know)."""
    return encode_cursor(ids[limit - 1]) if len(ids) > limit else None


# -- errors ------------------------------------------------------------------------------------

_PYDANTIC_CODES = {
    "missing": "field.required",
    "extra_forbidden": "field.unknown",
    "string_too_long": "field.too_long",
    "too_long": "field.too_long",
    "string_too_short": "field.too_short",
    "too_short": "field.too_short",
    "enum": "field.choice",
    "literal_error": "field.choice",
    "datetime_parsing": "field.datetime",
    "datetime_from_date_parsing": "field.datetime",
    "datetime_type": "field.datetime",
    "date_parsing": "field.datetime",
    "date_from_datetime_parsing": "field.datetime",
    "greater_than": "field.out_of_range",
    "greater_than_equal": "field.out_of_range",
    "less_than": "field.out_of_range",
    "less_than_equal": "field.out_of_range",
}


def _field_message(error: dict[str, Any], locale: str) -> str:
    code = _PYDANTIC_CODES.get(
        error["type"],
        "field.type" if "type" in error["type"] or "parsing" in error["type"] else "field.invalid",
    )
    ctx = error.get("ctx") or {}
    params: dict[str, object] = {}
    if code == "field.too_long":
        params["max"] = ctx.get("max_length", "?")
    elif code == "field.too_short":
        params["min"] = ctx.get("min_length", "?")
    elif code == "field.choice":
        # pydantic words the list in English ("'a', 'b' or 'c'"); keep only the values
        params["choices"] = ", ".join(re.findall(r"'([^']*)'", str(ctx.get("expected", ""))))
    return translate(code, locale, **params)


def _path(loc: tuple[Any, ...]) -> str:
    parts = [str(p) for p in loc]
    if parts and parts[0] in ("body", "query", "path", "header", "form"):
        parts = parts[1:]
    return ".".join(parts) or "body"


def error_body(code: str, message: str, fields: dict[str, str] | None = None) -> dict[str, Any]:
    return {"error": {"code": code, "message": message, "fields": fields or {}}}


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(KefuError)
    async def _kefu_error(request: Request, exc: KefuError) -> JSONResponse:
        locale = locale_of(request)
        params = {k: label(v, locale) if isinstance(v, str) else v for k, v in exc.params.items()}
        fields = {
            name: translate(err.code, locale, **{**params, **err.params})
            for name, err in exc.fields.items()
        }
        message = translate(exc.code, locale, **params)
        return JSONResponse(error_body(exc.code, message, fields), status_code=exc.status)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> JSONResponse:
        locale = locale_of(request)
        fields: dict[str, str] = {}
        for error in exc.errors():
            if error["type"] == "json_invalid":
                fields["body"] = translate("field.invalid", locale)
                continue
            fields.setdefault(_path(tuple(error["loc"])), _field_message(dict(error), locale))
        body = error_body("validation_failed", translate("validation_failed", locale), fields)
        return JSONResponse(body, status_code=422)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        message = translate("internal_error", locale_of(request))
        return JSONResponse(error_body("internal_error", message), status_code=500)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        locale = locale_of(request)
        code = {
            401: "unauthenticated",
            403: "forbidden",
            404: "not_found",
            413: "payload_too_large",
        }.get(exc.status_code, "http_error")
        message = translate(code, locale, limit="") if code != "http_error" else str(exc.detail)
        return JSONResponse(error_body(code, message), status_code=exc.status_code)
