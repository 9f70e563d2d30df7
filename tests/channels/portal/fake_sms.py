"""A local stand-in for the shop's SMS gateway, speaking its JSON: POST ``{phone, text, sign}``
with ``Authorization: Bearer <key>`` answers ``{"code": "OK", "id"}``, or an error the test
asks for (``fail_next``), or 401 for a wrong key. It records every message it accepted."""

from __future__ import annotations

import itertools
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.conftest import _free_port

KEY = "sms-gateway-key-for-tests"


@dataclass
class FakeSms:
    key: str = KEY
    received: list[dict[str, Any]] = field(default_factory=list)  # accepted bodies
    calls: int = 0
    forced: list[tuple[int, dict[str, Any]]] = field(default_factory=list)
    _serial: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def fail_next(self, *answers: tuple[int, dict[str, Any]]) -> None:
        """Answer the next calls with these (HTTP status, body) pairs."""
        with self.lock:
            self.forced.extend(answers)

    def texts_to(self, phone: str) -> list[str]:
        with self.lock:
            return [str(body["text"]) for body in self.received if body["phone"] == phone]

    def send(self, authorization: str | None, body: Any) -> tuple[int, dict[str, Any]]:
        with self.lock:
            self.calls += 1
            if self.forced:
                return self.forced.pop(0)
            if authorization != f"Bearer {self.key}":
                return 401, {"code": "UNAUTHORIZED", "message": "bad key"}
            if not isinstance(body, dict) or not all(
                isinstance(body.get(k), str) and body[k] for k in ("phone", "text", "sign")
            ):
                return 400, {"code": "BAD_REQUEST", "message": "phone, text and sign required"}
            self.received.append(body)
            return 200, {"code": "OK", "id": f"SMS-{next(self._serial)}"}


def build_app(current: Callable[[], FakeSms]) -> FastAPI:
    app = FastAPI()

    @app.post("/send")
    async def send(request: Request) -> JSONResponse:
        try:
            body = await request.json()
        except ValueError:
            body = None
        status, answer = current().send(request.headers.get("authorization"), body)
        return JSONResponse(answer, status_code=status)

    return app


@contextmanager
def running(current: Callable[[], FakeSms]) -> Iterator[str]:
    """Serve on a free local port; yields the URL to send to."""
    port = _free_port()
    config = uvicorn.Config(build_app(current), host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("fake SMS gateway did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}/send"
    finally:
        server.should_exit = True
        thread.join(timeout=10)
