"""Talking to WeChat's official-account API over HTTPS (httpx): access tokens, customer-service
messages and media. The base URL is a setting (``KEFU_WECHAT_API_BASE``), so tests talk to a
local server that speaks the same JSON.

Every call but the token's needs ``access_token``. A token is fetched once and cached (where,
the caller's :class:`TokenStore` decides: the database, so every worker shares it), replaced 5
minutes before it expires, and when WeChat rejects it anyway (40001, 40014, 42001: another
process fetched a newer one, say) a new one is fetched at once and the call is made once more.
WeChat answers errors with HTTP 200 and ``{"errcode": ..., "errmsg": ...}``; those, and no
answer at all, raise :class:`ApiError` for the caller to judge with ``rules.api_outcome``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol, TypeVar

import httpx

from kefu.channels.wechat import rules
from kefu.core import clock

TIMEOUT = httpx.Timeout(15.0, connect=5.0)
MAX_JSON_BYTES = 64 * 1024
_FILENAME = re.compile(r"""filename\*?=(?:UTF-8'')?"?([^";]+)"?""", re.IGNORECASE)

T = TypeVar("T")


class ApiError(Exception):
    """WeChat said no (``errcode``), or did not answer usably (``errcode`` None)."""

    def __init__(self, errcode: int | None, errmsg: str) -> None:
        super().__init__(f"{errcode}: {errmsg}")
        self.errcode = errcode
        self.errmsg = errmsg

    @property
    def outcome(self) -> rules.ApiOutcome:
        return rules.api_outcome(self.errcode)


class MediaTooLarge(Exception):
    """The media is bigger than attachments may be; it is not downloaded further."""


@dataclass(frozen=True)
class Credentials:
    account_id: int
    appid: str
    secret: str


@dataclass(frozen=True)
class Token:
    value: str
    expires_at: datetime


@dataclass(frozen=True)
class Media:
    content: bytes
    content_type: str
    filename: str | None  # as WeChat names it in Content-Disposition


class TokenStore(Protocol):
    def load(self, account_id: int) -> Token | None: ...

    def save(self, account_id: int, token: Token, fetched_at: datetime) -> None: ...

    def discard(self, account_id: int, value: str) -> None: ...


class WechatClient:
    def __init__(self, base_url: str, tokens: TokenStore, http: httpx.Client) -> None:
        self._base = base_url.rstrip("/")
        self._tokens = tokens
        self._http = http

    # -- tokens ---------------------------------------------------------------------------------

    def access_token(self, creds: Credentials, *, renew: bool = False) -> str:
        cached = None if renew else self._tokens.load(creds.account_id)
        if cached is not None and rules.token_usable(cached.expires_at, clock.now()):
            return cached.value
        fetched_at = clock.now()
        answer = self._json(
            "GET",
            "/cgi-bin/token",
            params={
                "grant_type": "client_credential",
                "appid": creds.appid,
                "secret": creds.secret,
            },
        )
        value = answer.get("access_token")
        expires_in = answer.get("expires_in")
        if not isinstance(value, str) or not value or not isinstance(expires_in, int):
            raise ApiError(None, "token answer without access_token or expires_in")
        token = Token(value, rules.token_expiry(fetched_at, expires_in))
        self._tokens.save(creds.account_id, token, fetched_at)
        return token.value

    def _with_token(self, creds: Credentials, call: Callable[[str], T]) -> T:
        token = self.access_token(creds)
        try:
            return call(token)
        except ApiError as exc:
            if exc.errcode not in rules.TOKEN_ERRCODES:
                raise
        self._tokens.discard(creds.account_id, token)
        return call(self.access_token(creds, renew=True))

    # -- calls ----------------------------------------------------------------------------------

    def send_text(self, creds: Credentials, openid: str, content: str) -> None:
        """One text customer-service message; returns when WeChat accepted it."""
        body = json.dumps(rules.custom_text(openid, content), ensure_ascii=False).encode()

        def send(token: str) -> None:
            self._json(
                "POST",
                "/cgi-bin/message/custom/send",
                params={"access_token": token},
                content=body,
                headers={"Content-Type": "application/json; charset=utf-8"},
            )

        self._with_token(creds, send)

    def get_media(self, creds: Credentials, media_id: str, limit: int) -> Media:
        """A temporary media file (an image or a voice message), at most ``limit`` bytes."""
        return self._with_token(creds, lambda token: self._media(token, media_id, limit))

    def _media(self, token: str, media_id: str, limit: int) -> Media:
        params = {"access_token": token, "media_id": media_id}
        try:
            with self._http.stream("GET", self._base + "/cgi-bin/media/get", params=params) as r:
                content_type = r.headers.get("content-type", "application/octet-stream")
                if _is_json(content_type) or r.status_code != 200:
                    _check(_decode(r.status_code, _read(r, MAX_JSON_BYTES)))
                    raise ApiError(None, f"HTTP {r.status_code} without media")
                content = _read(r, limit)
                disposition = r.headers.get("content-disposition", "")
        except httpx.HTTPError as exc:
            raise ApiError(None, f"{type(exc).__name__}: {exc}") from exc
        found = _FILENAME.search(disposition)
        return Media(content, content_type, found.group(1).strip() if found else None)

    def _json(self, method: str, path: str, **kwargs: Any) -> dict[str, Any]:
        try:
            response = self._http.request(method, self._base + path, **kwargs)
        except httpx.HTTPError as exc:
            raise ApiError(None, f"{type(exc).__name__}: {exc}") from exc
        return _check(_decode(response.status_code, response.content))


def _is_json(content_type: str) -> bool:
    """WeChat labels its error answers application/json or text/plain."""
    kind = content_type.split(";")[0].strip().lower()
    return kind in ("application/json", "text/plain", "text/json")


def _read(response: httpx.Response, limit: int) -> bytes:
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_bytes():
        size += len(chunk)
        if size > limit:
            raise MediaTooLarge(str(limit))
        chunks.append(chunk)
    return b"".join(chunks)


def _decode(status: int, content: bytes) -> dict[str, Any]:
    try:
        answer = json.loads(content)
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise ApiError(None, f"HTTP {status}, not a JSON object")
    return answer


def _check(answer: dict[str, Any]) -> dict[str, Any]:
    errcode = answer.get("errcode", 0)
    if not isinstance(errcode, int):
        raise ApiError(None, f"errcode is not a number: {errcode!r}")
    if errcode != 0:
        raise ApiError(errcode, str(answer.get("errmsg", "")))
    return answer
