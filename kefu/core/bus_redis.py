"""The bus across processes: Redis pub/sub, chosen when ``KEFU_REDIS_URL`` is set.

After a commit the writer publishes the transaction's events (ids, names, payloads) on one
channel; every process runs one listener thread that hands what it hears to its own listeners,
its own events included, so all processes see the same order. Pub/sub keeps nothing: while a
process is cut off from Redis it misses events. Nothing is lost for a browser, though, because
the outbox is the record and events carry their ids: when the listener is back (it reconnects
with backoff) it tells the listeners there may be a gap, and they read the outbox from the last
id they had (``kefu.web.stream`` does; the worker's wake-up is only a hint, its sweeps read the
tables). When publishing fails, the events go to this process's listeners directly and the
others catch up the same way.

redis-py because it is Redis's own client, already a dependency, and has both the blocking
API this thread and the after-commit hooks want and the asyncio one a future async path
would; nothing here needs more than PUBLISH and SUBSCRIBE.
"""

from __future__ import annotations

import json
import logging
import os
import random
import threading
import time
from collections.abc import Sequence
from typing import Any
from urllib.parse import parse_qs, urlsplit

import redis
from redis.backoff import NoBackoff
from redis.exceptions import RedisError
from redis.retry import Retry

from kefu.core.events import InProcessBus, Published

log = logging.getLogger(__name__)

MIN_BACKOFF_S = 0.1
MAX_BACKOFF_S = 5.0
# A publish that failed marks Redis down for this long: writers then skip it instead of each
# waiting for a connect timeout after their commit.
DOWN_FOR_S = 1.0
POLL_S = 0.25  # how often the listener thread looks up from its socket to check for stop
HEALTH_CHECK_S = 10


def channel_for(url: str) -> str:
    """The channel of the installation using this Redis URL. Pub/sub ignores the database
    number; the channel carries it, so installations that share a Redis server by using
    different database numbers (as their keys would) do not hear each other."""
    parts = urlsplit(url)
    path = "" if parts.scheme == "unix" else parts.path.strip("/")
    return f"kefu:events:{int(path or parse_qs(parts.query).get('db', ['0'])[0])}"


def _client(url: str, *, name: str, health_check: int = 0) -> redis.Redis:
    # No retries inside redis-py: a dropped connection must surface here, so the listener
    # knows it may have missed events and says so.
    return redis.Redis.from_url(
        url,
        socket_connect_timeout=1.0,
        socket_timeout=2.0,
        retry=Retry(NoBackoff(), 0),
        health_check_interval=health_check,
        client_name=name,  # shown by CLIENT LIST
    )


def encode(events: Sequence[Published]) -> bytes:
    return json.dumps([[e.id, e.name, e.payload] for e in events], ensure_ascii=False).encode()


def decode(data: bytes) -> list[Published]:
    return [Published(int(i), str(name), dict(payload)) for i, name, payload in json.loads(data)]


class RedisBus(InProcessBus):
    """Publishes to Redis; a listener thread dispatches what arrives to local listeners."""

    def __init__(self, url: str, *, channel: str | None = None) -> None:
        super().__init__()
        self.url = self._redis_url = url
        self.channel = channel or channel_for(url)
        self.listener_name = f"kefu-listen:{self.channel}:{os.getpid()}:{id(self):x}"
        self._publisher = _client(url, name=f"kefu-publish:{self.channel}:{os.getpid()}")
        self._down_until = 0.0
        self._stop = threading.Event()
        self._connected = threading.Event()
        self._thread = threading.Thread(target=self._listen, name="kefu-redis-bus", daemon=True)
        self._thread.start()

    def publish(self, events: Sequence[Published]) -> None:
        if time.monotonic() >= self._down_until:
            try:
                self._publisher.publish(self.channel, encode(events))
                return
            except RedisError as exc:
                self._down_until = time.monotonic() + DOWN_FOR_S
                log.warning("redis publish failed (%s); other processes read the outbox", exc)
        self.dispatch(events)

    def wait_connected(self, timeout: float) -> bool:
        """Whether the listener is subscribed (within ``timeout`` seconds)."""
        return self._connected.wait(timeout)

    def close(self) -> None:
        self._stop.set()
        self._thread.join(timeout=POLL_S + 3)
        self._publisher.close()

    # -- the listener thread ---------------------------------------------------------------

    def _listen(self) -> None:
        delay = MIN_BACKOFF_S
        while not self._stop.is_set():
            try:
                self._subscribed_session()
            except (RedisError, OSError) as exc:
                log.warning("redis bus: %s; reconnecting", exc)
            if self._connected.is_set():  # it had worked: back off from the bottom again
                delay = MIN_BACKOFF_S
            self._connected.clear()
            if self._stop.wait(delay * random.uniform(0.5, 1.0)):
                return
            delay = min(delay * 2, MAX_BACKOFF_S)

    def _subscribed_session(self) -> None:
        """One connection's life: subscribe, then dispatch until it fails or we stop."""
        client = _client(self._redis_url, name=self.listener_name, health_check=HEALTH_CHECK_S)
        pubsub = client.pubsub()  # type: ignore[no-untyped-call]
        try:
            pubsub.subscribe(self.channel)
            while not self._stop.is_set():
                message = pubsub.get_message(timeout=POLL_S)
                if message is not None:
                    self._handle(message)
        finally:
            pubsub.close()
            client.close()

    def _handle(self, message: dict[str, Any]) -> None:
        if message["type"] == "subscribe":
            self._connected.set()
            # Whatever was published while we were not subscribed: listeners read the outbox.
            self.signal_gap()
        elif message["type"] == "message":
            try:
                events = decode(message["data"])
            except (ValueError, TypeError):
                log.warning("redis bus: ignored a malformed message on %s", self.channel)
                return
            self.dispatch(events)
