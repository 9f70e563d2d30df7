"""A local stand-in for WeChat's official-account API, speaking the same JSON: access tokens that
expire, customer-service messages counted per openid inside the 5-message / 48-hour window
(45015 outside it, 45047 past the count), temporary media, and any error code on demand.

It reads the time from ``kefu.core.clock`` so that a test moving the clock moves WeChat's too;
the customer's last message is told to it (``customer_wrote``), as WeChat would know it."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from kefu.core import clock
from tests.conftest import _free_port

WINDOW = timedelta(hours=48)
WINDOW_REPLIES = 5


@dataclass
class FakeWechat:
    appid: str = ""
    secret: str = ""
    expires_in: int = 7200
    tokens: dict[str, datetime] = field(default_factory=dict)  # token -> expires at
    token_requests: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)  # accepted message bodies
    calls: list[str] = field(default_factory=list)  # "token", "send", "media", in order
    last_message: dict[str, datetime] = field(default_factory=dict)
    replies: dict[str, int] = field(default_factory=dict)  # openid -> sent since last message
    media: dict[str, tuple[bytes, str, str]] = field(default_factory=dict)
    forced: dict[str, list[int]] = field(default_factory=dict)
    _serial: Iterator[int] = field(default_factory=itertools.count)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def customer_wrote(self, openid: str, at: datetime | None = None) -> None:
        with self.lock:
            self.last_message[openid] = at or clock.now()
            self.replies[openid] = 0

    def fail_next(self, call: str, *errcodes: int) -> None:
        """Answer the next calls of ``call`` (token, send, media) with these codes."""
        with self.lock:
            self.forced.setdefault(call, []).extend(errcodes)

    def revoke_tokens(self) -> None:
        """As when another client fetched a token: every one issued so far is refused (40001)."""
        with self.lock:
            self.tokens.clear()

    # -- the API --------------------------------------------------------------------------------

    def _forced(self, call: str) -> dict[str, Any] | None:
        self.calls.append(call)
        codes = self.forced.get(call)
        if codes:
            return {"errcode": codes.pop(0), "errmsg": "forced by the test"}
        return None

    def _token_error(self, token: str | None) -> dict[str, Any] | None:
        if not token:
            return {"errcode": 41001, "errmsg": "access_token missing"}
        expires_at = self.tokens.get(token)
        if expires_at is None:
            return {"errcode": 40001, "errmsg": "invalid credential, access_token is invalid"}
        if clock.now() >= expires_at:
            return {"errcode": 42001, "errmsg": "access_token expired"}
        return None

    def issue(self, params: dict[str, str]) -> dict[str, Any]:
        with self.lock:
            forced = self._forced("token")
            if forced:
                return forced
            if params.get("grant_type") != "client_credential":
                return {"errcode": 40002, "errmsg": "invalid grant_type"}
            if params.get("appid") != self.appid:
                return {"errcode": 40013, "errmsg": "invalid appid"}
            if params.get("secret") != self.secret:
                return {"errcode": 40125, "errmsg": "invalid appsecret"}
            self.token_requests += 1
            token = f"TOKEN-{next(self._serial)}"
            self.tokens[token] = clock.now() + timedelta(seconds=self.expires_in)
            return {"access_token": token, "expires_in": self.expires_in}

    def send(self, token: str | None, body: dict[str, Any]) -> dict[str, Any]:
        with self.lock:
            problem = self._forced("send") or self._token_error(token)
            if problem:
                return problem
            openid = body.get("touser")
            content = (body.get("text") or {}).get("content")
            if body.get("msgtype") != "text" or not isinstance(content, str) or not openid:
                return {"errcode": 44002, "errmsg": "empty post data or bad message"}
            since = self.last_message.get(openid)
            if since is None or clock.now() >= since + WINDOW:
                return {"errcode": 45015, "errmsg": "response out of time limit"}
            if self.replies.get(openid, 0) >= WINDOW_REPLIES:
                return {"errcode": 45047, "errmsg": "out of response count limit"}
            self.replies[openid] = self.replies.get(openid, 0) + 1
            self.sent.append(body)
            return {"errcode": 0, "errmsg": "ok"}

    def fetch(self, token: str | None, media_id: str) -> Response:
        with self.lock:
            problem = self._forced("media") or self._token_error(token)
            found = self.media.get(media_id)
        if problem is None and found is None:
            problem = {"errcode": 40007, "errmsg": "invalid media_id"}
        if problem is not None:  # WeChat labels its error answers text/plain
            return JSONResponse(problem, media_type="text/plain")
        assert found is not None
        content, content_type, filename = found
        disposition = f'attachment; filename="{filename}"'
        return Response(
            content, media_type=content_type, headers={"Content-Disposition": disposition}
        )


def build_app(current: Callable[[], FakeWechat]) -> FastAPI:
    """``current`` gives the state to answer from: each test starts with a fresh one while the
    server keeps running."""
    app = FastAPI()

    @app.get("/cgi-bin/token")
    def token(request: Request) -> dict[str, Any]:
        return current().issue(dict(request.query_params))

    @app.post("/cgi-bin/message/custom/send")
    async def send(request: Request) -> dict[str, Any]:
        body = await request.json()
        return current().send(request.query_params.get("access_token"), body)

    @app.get("/cgi-bin/media/get")
    def media(request: Request) -> Response:
        params = request.query_params
        return current().fetch(params.get("access_token"), params.get("media_id", ""))

    return app


@contextmanager
def running(current: Callable[[], FakeWechat]) -> Iterator[str]:
    """Serve on a free local port; yields the base URL."""
    port = _free_port()
    config = uvicorn.Config(build_app(current), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("fake WeChat API did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
