"""The visitor's WebSocket: ``/chat/ws?token=<visitor token>&after=<last message id>``.

The protocol (README.md of this package has it in full):

- the server first sends every public message after ``after`` (a reconnecting widget's
  bookmark), then ``{"type": "ready", "last_id", "status"}``, then live messages;
- the visitor sends ``{"type": "message", "client_id", "text"}``; the server stores it, and
  only after the commit answers ``{"type": "ack", "client_id", "message_id"}``; a resend with
  the same ``client_id`` is acknowledged with the same id and stores nothing;
- replies are pushed as ``{"type": "message", "id", "author", "name", "text", "at",
  "client_id"}``, each message once per connection, in the order of the events that added them;
- ``{"type": "status", ...}`` when the visitor's place in the queue or their agent changes;
- ``{"type": "typing", "who": "agent", "name"}`` when an agent types an answer, and
  ``{"type": "read", "last_id"}`` when the agents have read up to there; the visitor's own
  ``{"type": "typing"}`` and ``{"type": "read", "last_id"}`` go the other way
  (``indicators.py``);
  ``{"type": "heartbeat", "last_id"}`` every 20 s; ``ping`` is answered with ``pong``;
- a refused frame gets ``{"type": "error", "code", "message", "client_id"}`` and stores
  nothing; the connection stays open.

Live messages come from the process's event feed (``kefu.web.stream``): the outbox after
commit, complete and in order, on one process or many. An event only says *which* message was
added; the message itself is read from the database, so what the visitor sees is what was
committed. The connection subscribes to the feed before it replays, so nothing falls between
the replayed part and the live part; what both bring is sent once (ids already sent are kept).
"""

from __future__ import annotations

import contextlib
import json
import logging
import time
from typing import Annotated, Any

import anyio
from anyio import to_thread
from fastapi import APIRouter, Query, WebSocket, WebSocketDisconnect
from sqlalchemy.exc import SQLAlchemyError

from kefu.channels.webchat import indicators, rules
from kefu.channels.webchat import service as chat
from kefu.channels.webchat.rules import FrameError, Ping, Read, Say, Typing
from kefu.channels.webchat.service import ChatMessage, Visitor
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import KefuError
from kefu.core.i18n import DEFAULT_LOCALE, LOCALES, negotiate, translate
from kefu.web import stream
from kefu.web.stream import Outgoing, Subscription

log = logging.getLogger(__name__)

HEARTBEAT_S = 20.0
STATUS_EVERY_S = 2.0  # the queue position is read again at most this often
CLOSE_UNAUTHENTICATED = 4401
CLOSE_TRY_AGAIN = 1013
CLOSE_RESTART = 1012
# What sending to, or reading from, a socket the visitor has closed raises.
GONE = (WebSocketDisconnect, RuntimeError)

router = APIRouter()


def _frame(**data: Any) -> str:
    return json.dumps(data, ensure_ascii=False)


class Conversation:
    """One visitor connection: replay, then live messages and the visitor's frames."""

    def __init__(
        self,
        websocket: WebSocket,
        db: Database,
        settings: Settings,
        visitor: Visitor,
        locale: str,
    ) -> None:
        self.websocket = websocket
        self.db = db
        self.settings = settings
        self.visitor = visitor
        self.locale = locale
        self.tickets: frozenset[int] = frozenset()
        self.sent: set[int] = set()
        self.cursor = 0
        # Held while a message is stored and acknowledged, and while anything is sent: the
        # event of the visitor's own message must not overtake its acknowledgement.
        self.lock = anyio.Lock()
        self.status: dict[str, Any] | None = None
        self.status_stale = False
        self.status_read_at = 0.0
        self.subscription: Subscription | None = None
        self.typing_at = -float("inf")
        self.agent_names: dict[int, str | None] = {}

    async def run(self, subscription: Subscription, after: int | None) -> None:
        self.subscription = subscription
        try:
            await self._replay(after)
        except GONE:
            return
        async with anyio.create_task_group() as tasks:
            tasks.start_soon(self._listen, tasks.cancel_scope)
            with contextlib.suppress(*GONE):
                await self._forward(subscription)
            tasks.cancel_scope.cancel()

    # -- the database, off the event loop -----------------------------------------------------

    async def _read(self, work: Any, *args: Any) -> Any:
        def run() -> Any:
            with self.db.reading() as session:
                return work(session, *args)

        return await to_thread.run_sync(run)

    async def _refresh_tickets(self) -> None:
        self.tickets = await self._read(chat.tickets_of, self.visitor.session_id)

    # -- replay -------------------------------------------------------------------------------

    async def _replay(self, after: int | None) -> None:
        await self._refresh_tickets()
        if after is None:  # a fresh widget: the conversation came with the chat start
            self.cursor = await self._read(chat.latest_message_id, self.tickets)
        else:
            self.cursor = after
            missed = await self._read(
                chat.messages_after, self.visitor.session_id, after, self.locale, self.tickets
            )
            async with self.lock:
                for message in missed:
                    await self._deliver(message)
        status = await self._read_status()
        read_id = await self._read(indicators.read_by_agents, self.visitor.session_id)
        async with self.lock:
            await self._send(type="ready", last_id=self.cursor, status=status, read_id=read_id)

    # -- the visitor's frames -----------------------------------------------------------------

    async def _listen(self, scope: anyio.CancelScope) -> None:
        with contextlib.suppress(*GONE):
            await self._read_frames()
        scope.cancel()

    async def _read_frames(self) -> None:
        while True:
            received = await self.websocket.receive()
            if received["type"] == "websocket.disconnect":
                return
            try:
                frame = rules.read_frame(received.get("text"))
            except FrameError as refused:
                await self._refuse(refused.code, refused.explain(self.locale), refused.client_id)
                continue
            if isinstance(frame, Say):
                await self._store(frame)
            elif isinstance(frame, Ping):
                async with self.lock:
                    await self._send(type="pong", last_id=self.cursor)
            elif isinstance(frame, Typing):
                await self._typing()
            elif isinstance(frame, Read):
                await self._read_up_to(frame.last_id)

    async def _typing(self) -> None:
        # Most keystrokes stop here: the database is asked (it throttles across tabs and
        # processes) at most once per interval per connection.
        now = time.monotonic()
        if now - self.typing_at < rules.TYPING_EVERY.total_seconds():
            return
        self.typing_at = now
        try:
            await self._write(indicators.customer_typing, self.visitor.session_id)
        except (SQLAlchemyError, OSError, LookupError):
            log.exception("web chat: passing on typing failed")  # a lost hint, nothing more

    async def _read_up_to(self, last_id: int) -> None:
        try:
            await self._write(indicators.customer_read, self.visitor.session_id, last_id)
        except LookupError:
            await self._refuse("webchat.bad_read", translate("webchat.bad_read", self.locale), None)
        except (SQLAlchemyError, OSError):
            log.exception("web chat: storing the read position failed")

    async def _write(self, work: Any, *args: Any) -> Any:
        return await to_thread.run_sync(self.db.retrying, lambda session: work(session, *args))

    async def _store(self, say: Say) -> None:
        async with self.lock:
            try:
                stored = await to_thread.run_sync(
                    chat.receive_message,
                    self.db,
                    self.settings,
                    self.visitor.session_id,
                    say.client_id,
                    say.text,
                )
            except KefuError as exc:
                message = translate(exc.code, self.locale, **exc.params)
                return await self._send_error(exc.code, message, say.client_id)
            except (SQLAlchemyError, OSError, LookupError):
                log.exception("web chat: storing a message failed")
                message = translate("webchat.not_stored", self.locale)
                return await self._send_error("webchat.not_stored", message, say.client_id)
            self.sent.add(stored.message_id)
            self.cursor = max(self.cursor, stored.message_id)
            await self._send(type="ack", client_id=say.client_id, message_id=stored.message_id)
        if stored.ticket_id not in self.tickets:
            await self._refresh_tickets()
        if not stored.duplicate:
            self.status_stale = True
            if self.subscription is not None:
                self.subscription.wake()  # the status answers the visitor, not a later event

    async def _refuse(self, code: str, message: str, client_id: str | None) -> None:
        async with self.lock:
            await self._send_error(code, message, client_id)

    async def _send_error(self, code: str, message: str, client_id: str | None) -> None:
        await self._send(type="error", code=code, message=message, client_id=client_id)

    # -- live ---------------------------------------------------------------------------------

    async def _forward(self, subscription: Subscription) -> None:
        beat_at = time.monotonic() + HEARTBEAT_S
        while True:
            wait = beat_at - time.monotonic()
            if self.status_stale:
                wait = min(wait, self.status_read_at + STATUS_EVERY_S - time.monotonic())
            batch = await subscription.take(max(0.0, wait))
            if subscription.overflowed or subscription.closed:
                code = CLOSE_TRY_AGAIN if subscription.overflowed else CLOSE_RESTART
                return await self.websocket.close(code=code)
            await self._take(batch)
            await self._maybe_send_status()
            if time.monotonic() >= beat_at:
                async with self.lock:
                    await self._send(type="heartbeat", last_id=self.cursor)
                beat_at = time.monotonic() + HEARTBEAT_S

    async def _take(self, batch: list[Outgoing]) -> None:
        wanted: list[int] = []
        for item in batch:
            name, data = item.event.name, item.event.payload
            ticket_id = data.get("ticket_id")
            if name == "MessageAdded" and ticket_id in self.tickets and data.get("public"):
                wanted.append(int(data["message_id"]))
                self.status_stale = self.status_stale or data.get("author_kind") == "agent"
            elif name in ("ChatTyping", "ChatRead") and ticket_id in self.tickets:
                await self._signal(name, data)
            elif name == "ChatTicketAdded" and data.get("session_id") == self.visitor.session_id:
                await self._opened_elsewhere(int(data["ticket_id"]))
            elif name == "TicketChanged" and ticket_id in self.tickets:
                await self._refresh_tickets()  # a merge moves the conversation on
                self.status_stale = True
            elif name in ("TicketChanged", "PresenceChanged") and self._waiting():
                self.status_stale = True  # the line moved, or an agent came or went
        wanted = [i for i in wanted if i not in self.sent]
        if not wanted:
            return
        found = await self._read(
            chat.messages_by_id, self.visitor.session_id, wanted, self.locale, self.tickets
        )
        async with self.lock:
            for message in found:
                await self._deliver(message)

    async def _signal(self, name: str, data: dict[str, Any]) -> None:
        """An agent typing, or the agents having read: the visitor's own are not echoed."""
        if data.get("who") != indicators.AGENT:
            return
        if name == "ChatRead":
            async with self.lock:
                return await self._send(type="read", last_id=int(data["last_id"]))
        user_id = data.get("user_id")
        agent = await self._agent_name(user_id) if isinstance(user_id, int) else None
        async with self.lock:
            await self._send(type="typing", who=indicators.AGENT, name=agent)

    async def _agent_name(self, user_id: int) -> str | None:
        if user_id not in self.agent_names:
            self.agent_names[user_id] = await self._read(chat.agent_label, user_id, self.locale)
        return self.agent_names[user_id]

    async def _opened_elsewhere(self, ticket_id: int) -> None:
        """The chat is on a new ticket: opened from another tab or by an upload, whose first
        message this connection has not sent (a new ticket's first message has no
        ``MessageAdded`` of its own)."""
        before = self.tickets
        await self._refresh_tickets()
        if ticket_id in self.tickets and ticket_id not in before:
            opening = await self._read(
                chat.messages_after, self.visitor.session_id, 0, self.locale, frozenset({ticket_id})
            )
            async with self.lock:
                for message in opening:
                    await self._deliver(message)
            self.status_stale = True

    def _waiting(self) -> bool:
        return self.status is not None and self.status.get("state") == "waiting"

    async def _maybe_send_status(self) -> None:
        if not self.status_stale or time.monotonic() < self.status_read_at + STATUS_EVERY_S:
            return
        before = self.status
        status = await self._read_status()
        if status != before:
            async with self.lock:
                await self._send(**status)

    async def _read_status(self) -> dict[str, Any]:
        self.status_stale = False
        self.status_read_at = time.monotonic()
        found = await self._read(chat.status, self.visitor.session_id, self.locale)
        self.status = found.frame()
        return self.status

    # -- sending ------------------------------------------------------------------------------

    async def _deliver(self, message: ChatMessage) -> None:
        if message.id in self.sent:
            return
        self.sent.add(message.id)
        self.cursor = max(self.cursor, message.id)
        await self.websocket.send_text(_frame(**message.frame()))

    async def _send(self, **data: Any) -> None:
        await self.websocket.send_text(_frame(**data))


def _authenticate(db: Database, token: str) -> Visitor | None:
    with db.read_connection() as conn:
        return chat.authenticate(conn, token.strip())


@router.websocket("/chat/ws")
async def chat_socket(
    websocket: WebSocket,
    token: str = "",
    after: Annotated[int | None, Query(ge=0)] = None,
    lang: str = "",
) -> None:
    """A visitor's live chat (see the module doc for the protocol)."""
    db: Database = websocket.app.state.db
    settings: Settings = websocket.app.state.settings
    locale = lang if lang in LOCALES else negotiate(websocket.headers.get("accept-language"))
    visitor = await to_thread.run_sync(_authenticate, db, token) if token else None
    await websocket.accept()
    if visitor is None:
        # Refused after the handshake, so that the widget can read why (a refused upgrade
        # looks like a network failure) and start a new chat instead of retrying.
        message = translate("webchat.session_expired", locale or DEFAULT_LOCALE)
        await websocket.send_text(_frame(type="error", code="unauthenticated", message=message))
        return await websocket.close(code=CLOSE_UNAUTHENTICATED, reason="unauthenticated")
    feed = await stream.feed_of(websocket.app)
    subscription, _ = feed.subscribe()
    try:
        await Conversation(websocket, db, settings, visitor, locale).run(subscription, after)
    finally:
        feed.unsubscribe(subscription)
