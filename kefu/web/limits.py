"""Refuse oversized request bodies before reading them (413 with a clear message)."""

from __future__ import annotations

import json
from typing import Any

from kefu.core.i18n import human_size, negotiate, translate


class BodyLimitMiddleware:
    """Uses Content-Length; the attachment store also counts bytes as it writes (chunked)."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] == "http":
            headers = dict(scope["headers"])
            length = headers.get(b"content-length")
            if length is not None and length.isdigit() and int(length) > self.limit:
                locale = negotiate(headers.get(b"accept-language", b"").decode("latin-1"))
                message = translate("payload_too_large", locale, limit=human_size(self.limit))
                body = json.dumps(
                    {"error": {"code": "payload_too_large", "message": message, "fields": {}}},
                    ensure_ascii=False,
                ).encode()
                await send(
                    {
                        "type": "http.response.start",
                        "status": 413,
                        "headers": [
                            (b"content-type", b"application/json"),
                            (b"connection", b"close"),
                        ],
                    }
                )
                await send({"type": "http.response.body", "body": body})
                return
        await self.app(scope, receive, send)
