"""The event stream to browsers: ``GET /api/v1/stream?after=<id>`` (WebSocket).

Every message is ``{"id", "name", "data"}``: events (``TicketOpened``, ``Notified``, ...) with
their outbox id, and control messages (``ready``, ``heartbeat``, ``resync``) carrying the
stream's cursor. A client reconnects with ``after=`` the last id it received and gets exactly
what it missed, nothing twice (the protocol: docs/realtime.md).

Each process keeps one :class:`Feed`: the outbox in id order, complete, fed by the bus and
topped up from the database where the bus skipped something (events published out of order, a
Redis outage, another web process without Redis). Every connection subscribes to the feed
first, then replays from the database up to the feed's position at that instant, so the
replayed part and the live part meet exactly at one id.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections import deque
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from functools import partial
from typing import Annotated, Any, NamedTuple

import anyio
from anyio import to_thread
from fastapi import APIRouter, FastAPI, Query, WebSocket, WebSocketDisconnect

from kefu.core import events
from kefu.core.db import Database
from kefu.core.errors import Unauthenticated
from kefu.core.events import Published
from kefu.users import service as users
from kefu.users.rules import Permission, may
from kefu.users.service import Principal
from kefu.web import auth

log = logging.getLogger(__name__)

REPLAY_LIMIT = 1000
HEARTBEAT_S = 20.0
POLL_S = 5.0  # the feed also reads the outbox this often: a safety net behind the bus
BATCH = 1000
QUEUE_LIMIT = 10_000  # events waiting for one slow client before it is told to reconnect
CLOSE_UNAUTHENTICATED = 4401
CLOSE_TRY_AGAIN = 1013
CLOSE_RESTART = 1012

# Events meant for one user: the payload field naming that user. Every other event is shown to
# staff who work tickets.
PRIVATE_TO = {"Notified": "user_id"}


class Outgoing(NamedTuple):
    """An event and its message, encoded once for every connection that sends it."""

    event: Published
    text: str


def message(event_id: int, name: str, data: dict[str, Any]) -> str:
    return json.dumps({"id": event_id, "name": name, "data": data}, ensure_ascii=False)


def outgoing(event: Published) -> Outgoing:
    return Outgoing(event, message(event.id, event.name, event.payload))


def visible(principal: Principal, event: Published) -> bool:
    """Whether ``principal`` may see ``event``."""
    owner = PRIVATE_TO.get(event.name)
    if owner is not None:
        return bool(event.payload.get(owner) == principal.user_id)
    return may(principal.role, Permission.WORK_TICKETS)


# -- one process's feed ------------------------------------------------------------------------


class Subscription:
    """Events for one connection, in id order. Lives on the event loop; no locks."""

    def __init__(self) -> None:
        self._items: deque[Outgoing] = deque()
        self._ready = asyncio.Event()
        self.overflowed = False
        self.closed = False

    def push(self, item: Outgoing) -> None:
        if len(self._items) >= QUEUE_LIMIT:
            self.overflowed = True
        else:
            self._items.append(item)
        self._ready.set()

    def close(self) -> None:
        self.closed = True
        self._ready.set()

    def wake(self) -> None:
        """End a waiting ``take`` early: its connection has work of its own to do."""
        self._ready.set()

    async def take(self, timeout: float) -> list[Outgoing]:
        """What has arrived, waiting up to ``timeout`` seconds for something."""
        if not self._items and not (self.closed or self.overflowed):
            try:
                await asyncio.wait_for(self._ready.wait(), timeout)
            except TimeoutError:
                return []
        self._ready.clear()
        taken = list(self._items)
        self._items.clear()
        return taken


class Feed:
    """The outbox in id order, without gaps, for this process's connections.

    Outbox ids become visible in order (``kefu.core.events``), so when the bus brings event
    ``n`` and the feed is at ``m < n - 1``, the events between are settled: committed, or
    rolled back and never coming. The feed reads them from the database and moves on; a late
    copy arriving on the bus afterwards is recognised by its id and dropped."""

    def __init__(self, db: Database, loop: asyncio.AbstractEventLoop) -> None:
        self.db = db
        self.loop = loop
        self.last = 0
        self._inbox: asyncio.Queue[Published | None] = asyncio.Queue()
        self._subscriptions: set[Subscription] = set()
        self._started = asyncio.Event()
        self._lock = asyncio.Lock()
        self._tasks: list[asyncio.Task[None]] = []
        self._unlisten = events.bus.listen(self._from_bus, on_gap=self._gap_from_bus)
        self._tasks.append(loop.create_task(self._start()))

    async def ready(self) -> None:
        await self._started.wait()

    def subscribe(self) -> tuple[Subscription, int]:
        """A new subscription and the id up to which it must read the outbox itself."""
        subscription = Subscription()
        self._subscriptions.add(subscription)
        return subscription, self.last

    def unsubscribe(self, subscription: Subscription) -> None:
        self._subscriptions.discard(subscription)

    async def stop(self) -> None:
        self._unlisten()
        for task in self._tasks:
            task.cancel()
        for subscription in self._subscriptions:
            subscription.close()
        self._subscriptions.clear()

    # called from any thread (the committing one, or the Redis listener)
    def _from_bus(self, event: Published) -> None:
        self._hand_over(event)

    def _gap_from_bus(self) -> None:
        self._hand_over(None)

    def _hand_over(self, item: Published | None) -> None:
        try:
            self.loop.call_soon_threadsafe(self._inbox.put_nowait, item)
        except RuntimeError:  # the loop is closed: this feed's app is gone
            self._unlisten()

    async def _start(self) -> None:
        while True:
            try:
                self.last = await to_thread.run_sync(_latest, self.db)
                break
            except Exception:  # the database is away: connections wait until it is back
                log.exception("event stream: reading the outbox failed")
                await asyncio.sleep(1)
        self._started.set()
        self._tasks.append(self.loop.create_task(self._poll()))
        await self._run()

    async def _poll(self) -> None:
        while True:
            await asyncio.sleep(POLL_S)
            self._inbox.put_nowait(None)

    async def check(self) -> None:
        """Before a new client relies on our position: notice an outbox that went back (a
        database restored from a backup, emptied between tests)."""
        async with self._lock:
            latest = await to_thread.run_sync(_latest, self.db)
            if latest < self.last:
                self._rewind(latest)

    async def resync(self) -> None:
        """After the database was replaced under a running process (restored from a backup,
        emptied between tests): forget what the bus brought before and start again from the
        outbox as it is now."""
        async with self._lock:
            while not self._inbox.empty():
                self._inbox.get_nowait()
            latest = await to_thread.run_sync(_latest, self.db)
            if latest != self.last:
                self._rewind(latest)

    async def _run(self) -> None:
        while True:
            item = await self._inbox.get()
            try:
                async with self._lock:
                    await self._take(item)
            except Exception:  # the database is away: the next event or poll tries again
                log.exception("event stream: reading the outbox failed")

    async def _take(self, item: Published | None) -> None:
        if item is None:  # a poll, or the bus may have missed something
            latest = await to_thread.run_sync(_latest, self.db)
            if latest < self.last:
                self._rewind(latest)
            elif latest > self.last:
                await self._catch_up(latest)
        elif item.id == self.last + 1:
            self._deliver(item)
        elif item.id > self.last:
            await self._catch_up(item.id)
            if item.id > self.last:  # not readable yet: deliver what the bus brought
                self._deliver(item)
        # else: already delivered (read from the outbox before the bus brought it)

    async def _catch_up(self, upto: int) -> None:
        while True:
            rows = await to_thread.run_sync(_read, self.db, self.last, upto, BATCH)
            for row in rows:
                self._deliver(row)
            if len(rows) < BATCH:
                return

    def _rewind(self, latest: int) -> None:
        log.warning("event stream: the outbox went back from %d to %d", self.last, latest)
        for subscription in self._subscriptions:
            subscription.close()  # their clients reconnect and are told to resync
        self._subscriptions.clear()
        self.last = latest

    def _deliver(self, event: Published) -> None:
        self.last = event.id
        if self._subscriptions:
            item = outgoing(event)
            for subscription in self._subscriptions:
                subscription.push(item)


def _latest(db: Database) -> int:
    with db.read_connection() as conn:
        return events.latest_id(conn)


def _read(db: Database, after: int, upto: int, limit: int) -> list[Published]:
    with db.read_connection() as conn:
        return events.read_after(conn, after, upto=upto, limit=limit)


async def feed_of(app: FastAPI) -> Feed:
    """This app's feed, started on first use (the app's lifespan stops it)."""
    loop = asyncio.get_running_loop()
    feed: Feed | None = getattr(app.state, "stream_feed", None)
    if feed is None or feed.loop is not loop:
        if feed is not None:
            feed._unlisten()
        feed = app.state.stream_feed = Feed(app.state.db, loop)
    await feed.ready()
    await feed.check()
    return feed


@asynccontextmanager
async def _lifespan(app: FastAPI) -> AsyncIterator[None]:
    yield
    feed: Feed | None = getattr(app.state, "stream_feed", None)
    if feed is not None:
        await feed.stop()


router = APIRouter(lifespan=_lifespan)


# -- one connection ----------------------------------------------------------------------------


def _credential(websocket: WebSocket, token: str | None) -> str:
    if token:
        return token.strip()
    scheme, _, value = websocket.headers.get("authorization", "").partition(" ")
    return value.strip() if scheme.lower() == "bearer" else ""


def _authenticate(db: Database, credential: str) -> Principal | None:
    if not credential:
        return None
    try:
        with db.read_connection() as conn:
            return users.authenticate_token(conn, credential)
    except Unauthenticated:
        return None


def _from_cookie(websocket: WebSocket, db: Database) -> Callable[[], Principal | None] | None:
    """The pages' session cookie, when the request comes from this site's own page (a cookie
    rides along on a cross-site WebSocket too, so the Origin is checked)."""
    if not websocket.cookies.get(auth.SESSION_COOKIE) or not auth.same_origin(websocket):
        return None

    def check() -> Principal | None:
        web = auth.session_of(websocket, db)
        return web.principal if web is not None else None

    return check


async def _refuse(websocket: WebSocket) -> None:
    await websocket.close(code=CLOSE_UNAUTHENTICATED, reason="unauthenticated")


class Client:
    """One client's stream: replay what it missed, then forward live events."""

    def __init__(
        self,
        websocket: WebSocket,
        db: Database,
        principal: Principal,
        recheck: Callable[[], Principal | None],
    ) -> None:
        self.websocket = websocket
        self.db = db
        self.principal = principal
        self.recheck = recheck
        self.cursor = 0

    async def run(self, subscription: Subscription, after: int | None, boundary: int) -> None:
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._watch_for_close, tasks.cancel_scope)
            try:
                await self._replay(after, boundary)
                await self._forward(subscription)
            except WebSocketDisconnect:
                pass
            tasks.cancel_scope.cancel()

    async def _watch_for_close(self, scope: anyio.CancelScope) -> None:
        while (await self.websocket.receive())["type"] != "websocket.disconnect":
            pass  # the client has nothing to say; we only notice when it goes
        scope.cancel()

    async def _replay(self, after: int | None, boundary: int) -> None:
        if after is None or after >= boundary:
            if after is not None and after > boundary:
                if after > await to_thread.run_sync(_latest, self.db):
                    return await self._resync(boundary, "unknown_cursor")
                boundary = after  # another process is ahead of ours: skip to the client
            self.cursor = boundary
            return await self._control("ready")
        missed = await to_thread.run_sync(_read, self.db, after, boundary, REPLAY_LIMIT + 1)
        if len(missed) > REPLAY_LIMIT:
            return await self._resync(boundary, "too_far_behind")
        self.cursor = after
        for event in missed:
            await self._deliver(outgoing(event))
        self.cursor = boundary
        await self._control("ready")

    async def _forward(self, subscription: Subscription) -> None:
        beat_at = time.monotonic() + HEARTBEAT_S
        while True:
            batch = await subscription.take(max(0.0, beat_at - time.monotonic()))
            if subscription.overflowed or subscription.closed:
                code = CLOSE_TRY_AGAIN if subscription.overflowed else CLOSE_RESTART
                return await self.websocket.close(code=code)
            for item in batch:
                await self._deliver(item)
            if time.monotonic() >= beat_at:
                # A revoked token or a deactivated user stops receiving within one beat.
                if self.recheck() is None:
                    return await _refuse(self.websocket)
                await self._control("heartbeat")
                beat_at = time.monotonic() + HEARTBEAT_S

    async def _deliver(self, item: Outgoing) -> None:
        if item.event.id <= self.cursor:
            return  # already sent (or deliberately skipped)
        self.cursor = item.event.id
        if visible(self.principal, item.event):
            await self.websocket.send_text(item.text)

    async def _resync(self, cursor: int, reason: str) -> None:
        self.cursor = cursor
        await self._control("resync", reason=reason)

    async def _control(self, name: str, **data: Any) -> None:
        await self.websocket.send_text(message(self.cursor, name, data))


@router.websocket("/api/v1/stream")
async def stream(
    websocket: WebSocket,
    after: Annotated[int | None, Query(ge=0)] = None,
    token: str | None = None,
) -> None:
    """Events as they commit, after replaying those since ``after`` (see the module doc).
    Authenticates with an API token: ``?token=`` (browsers cannot set headers on a WebSocket)
    or ``Authorization: Bearer``; or with the pages' session cookie."""
    db: Database = websocket.app.state.db
    credential = _credential(websocket, token)
    recheck = _from_cookie(websocket, db) if not credential else None
    if recheck is None:
        recheck = partial(_authenticate, db, credential)
    principal = recheck()
    await websocket.accept()
    if principal is None:
        # Refused after the handshake: a browser cannot read the status of a refused upgrade
        # (it sees 1006, as for a network failure, and would retry forever), but it can read a
        # close code and send its user to log in.
        return await _refuse(websocket)
    feed = await feed_of(websocket.app)
    subscription, boundary = feed.subscribe()
    try:
        await Client(websocket, db, principal, recheck).run(subscription, after, boundary)
    finally:
        feed.unsubscribe(subscription)
