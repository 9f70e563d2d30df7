"""Per-client rate limits for the public pages (web form, portal sign-in and replies): a
script hammering them from one address is turned away with a clear message, people are not.

The ``limits`` library keeps a moving window per (scope, client address); with
``KEFU_REDIS_URL`` set the windows live in Redis, so every ``kefu serve`` process counts
together, else in this process's memory. If Redis is away the pages stay open (logged): a
limiter must not become the outage.
"""

from __future__ import annotations

import logging
from typing import Final

from limits import RateLimitItem, parse, storage, strategies
from starlette.requests import HTTPConnection

from kefu.core.i18n import register

log = logging.getLogger(__name__)

# What a person plausibly does in ten minutes, with room; a script does far more.
RATES: Final[dict[str, RateLimitItem]] = {
    "webform": parse("10/10minutes"),  # new requests through /support/new
    "portal_code": parse("5/10minutes"),  # sign-in codes asked for
    "portal_verify": parse("20/10minutes"),  # codes typed
    "portal_reply": parse("30/10minutes"),  # replies on the portal
}
WINDOW_MINUTES: Final = 10

register(
    {
        "ratelimit.too_many": {
            "zh-CN": "操作过于频繁,请 {minutes} 分钟后再试",
            "zh-TW": "操作過於頻繁,請 {minutes} 分鐘後再試",
            "en": "Too many attempts: try again in {minutes} minutes",
        },
    }
)


class RateLimits:
    def __init__(self, redis_url: str | None) -> None:
        uri = redis_url if redis_url else "memory://"
        self._storage = storage.storage_from_string(uri, key_prefix="kefu-limits")
        self._limiter = strategies.MovingWindowRateLimiter(self._storage)

    def allow(self, scope: str, client: str) -> bool:
        """Count one attempt; False once the client is over its scope's rate."""
        try:
            return bool(self._limiter.hit(RATES[scope], scope, client))
        except Exception:  # the shared store is away: stay open, say so
            log.exception("rate limits: the store failed; letting the request through")
            return True

    def reset(self) -> None:
        self._storage.reset()


def limits_of(conn: HTTPConnection) -> RateLimits:
    """The app's limiter, made on first use from its settings."""
    found: RateLimits | None = getattr(conn.app.state, "rate_limits", None)
    if found is None:
        found = conn.app.state.rate_limits = RateLimits(conn.app.state.settings.redis_url)
    return found


def allow(conn: HTTPConnection, scope: str) -> bool:
    client = conn.client.host if conn.client is not None else "unknown"
    return limits_of(conn).allow(scope, client)
