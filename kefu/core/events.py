"""Domain events and the outbox: every fact is a row of ``outbox_event`` written by the
transaction that caused it, and handed to this process's bus only after that transaction
commits, so no subscriber ever sees a fact that was rolled back.

The outbox id is the event's position in one stream that browsers follow and resume from
(``/api/v1/stream?after=<id>``). That only works if ids become visible in the order they were
given out: a client that saw event 12 must never later find an event 11 committed behind its
back. SQLite has one writer at a time (the write gate), so its ids are in commit order anyway.
On PostgreSQL a sequence gives ids at insert time and transactions commit in any order, so the
rows are written at the end of the transaction, just before ``COMMIT``, under a transaction
advisory lock taken in the same ``INSERT`` statement; the lock is held only for that insert and
the commit. Hence: once an event is visible, every event with a smaller id is visible too, or
was rolled back and never will be. Readers rely on it (``kefu.web.stream``).

The bus is per process: :class:`InProcessBus` by default, ``kefu.core.bus_redis.RedisBus`` when
``KEFU_REDIS_URL`` is set (every process then hears every process's events).
"""

from __future__ import annotations

import dataclasses
import logging
import threading
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import (
    JSON,
    Connection,
    String,
    bindparam,
    event,
    func,
    insert,
    literal,
    select,
)
from sqlalchemy.orm import Mapped, Session, SessionTransaction, mapped_column

from kefu.core import clock
from kefu.core.db import Base, UTCDateTime, after_commit, table_of

log = logging.getLogger(__name__)


class OutboxEvent(Base):
    __tablename__ = "outbox_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None] = mapped_column(index=True)


class Published(NamedTuple):
    """A committed event as the bus carries it: its outbox id, name and payload."""

    id: int
    name: str
    payload: dict[str, Any]


Subscriber = Callable[[str, dict[str, Any]], None]
Listener = Callable[[Published], None]
Unsubscribe = Callable[[], None]


class InProcessBus:
    """The embedded default: publishing hands the events straight to this process's listeners.

    Listeners run in the publishing thread (after its commit), so they must be quick: wake a
    worker, hand the event to an event loop. A failing listener never breaks the writer."""

    url: str | None = None

    def __init__(self) -> None:
        self._listeners: list[Listener] = []
        self._gap_watchers: list[Callable[[], None]] = []
        self._lock = threading.Lock()

    def subscribe(self, subscriber: Subscriber) -> Unsubscribe:
        """Call ``subscriber(name, payload)`` for every event (the id is not needed by most)."""

        def listener(event: Published) -> None:
            subscriber(event.name, event.payload)

        return self.listen(listener)

    def listen(
        self, listener: Listener, *, on_gap: Callable[[], None] | None = None
    ) -> Unsubscribe:
        """Call ``listener(event)`` for every event; ``on_gap()`` when the bus may have missed
        some (a Redis connection came back): the listener then reads the outbox to catch up."""
        with self._lock:
            self._listeners.append(listener)
            if on_gap is not None:
                self._gap_watchers.append(on_gap)

        def unsubscribe() -> None:
            with self._lock:
                if listener in self._listeners:
                    self._listeners.remove(listener)
                if on_gap is not None and on_gap in self._gap_watchers:
                    self._gap_watchers.remove(on_gap)

        return unsubscribe

    def publish(self, events: Sequence[Published]) -> None:
        """Called after commit with one transaction's events, in id order."""
        self.dispatch(events)

    def dispatch(self, events: Sequence[Published]) -> None:
        with self._lock:
            listeners = list(self._listeners)
        for published in events:
            for listener in listeners:
                try:
                    listener(published)
                except Exception:  # a broken listener must not break the writer
                    log.exception("event listener failed for %s", published.name)

    def signal_gap(self) -> None:
        with self._lock:
            watchers = list(self._gap_watchers)
        for watcher in watchers:
            try:
                watcher()
            except Exception:
                log.exception("event gap watcher failed")

    def adopt(self, other: InProcessBus) -> None:
        """Take over ``other``'s listeners (when the process switches bus at start-up)."""
        with other._lock:
            listeners, watchers = list(other._listeners), list(other._gap_watchers)
            other._listeners.clear()
            other._gap_watchers.clear()
        with self._lock:
            self._listeners.extend(listeners)
            self._gap_watchers.extend(watchers)

    def close(self) -> None:
        """Nothing to release here; the Redis bus stops its listener thread."""


bus: InProcessBus = InProcessBus()


def use_bus(new: InProcessBus) -> InProcessBus:
    """Make ``new`` this process's bus, moving the listeners over and closing the old one."""
    global bus
    old, bus = bus, new
    if old is not new:
        new.adopt(old)
        old.close()
    return new


def configure_bus(redis_url: str | None) -> InProcessBus:
    """The bus for these settings: Redis when a URL is given, else in-process. Kept as it is if
    it already matches (``kefu serve`` picks it, then the app it starts asks again)."""
    if redis_url:
        if bus.url != redis_url:
            from kefu.core.bus_redis import RedisBus

            use_bus(RedisBus(redis_url))
    elif bus.url is not None:
        use_bus(InProcessBus())
    return bus


# -- recording -------------------------------------------------------------------------------

_PENDING = "outbox_pending"
# pg_advisory_xact_lock key: the bytes of "kefu.obx" read as one positive bigint.
OUTBOX_LOCK_KEY = int.from_bytes(b"kefu.obx", "big")

_TABLE = table_of(OutboxEvent)
_INSERT = insert(_TABLE).returning(_TABLE.c.id)
# The rest of a transaction's events in one multi-row INSERT, ids back in the events' order.
_INSERT_MANY = insert(_TABLE).returning(_TABLE.c.id, sort_by_parameter_order=True)
_INSERT_LOCKED = (
    insert(_TABLE)
    .from_select(
        ["name", "payload", "created_at"],
        select(
            bindparam("name", type_=String(80)),
            bindparam("payload", type_=JSON()),
            bindparam("created_at", type_=UTCDateTime()),
        ).select_from(func.pg_advisory_xact_lock(literal(OUTBOX_LOCK_KEY))),
    )
    .returning(_TABLE.c.id)
)


def record(session: Session, event: object) -> None:
    """Record ``event`` (a frozen dataclass) in this transaction's outbox; it is written when
    the transaction commits and published once the commit has succeeded."""
    if not _writing_at_commit:
        _write_at_commit()
    session.connection()  # the transaction has begun, so a rollback of it forgets the event
    pending: list[tuple[str, dict[str, Any], datetime]] = session.info.setdefault(_PENDING, [])
    payload = _jsonable(dataclasses.asdict(event))  # type: ignore[call-overload]
    pending.append((type(event).__name__, payload, clock.now()))


_writing_at_commit = False
_registering = threading.Lock()


def _write_at_commit() -> None:
    """Register the outbox writer on the first ``record``, not at import: listeners run in the
    order they were registered, and the writer should be the last ``before_commit`` listener
    (after every context's, such as search's batch of documents), so that the lock it takes is
    held for nothing but its own inserts and the commit."""
    global _writing_at_commit
    with _registering:
        if not _writing_at_commit:
            event.listen(Session, "before_commit", _write_outbox)
            _writing_at_commit = True


def _write_outbox(session: Session) -> None:
    if not session.info.get(_PENDING):
        return
    session.flush()  # the unit of work first, so the lock below is held for as little as possible
    pending: list[tuple[str, dict[str, Any], datetime]] = session.info.pop(_PENDING)
    conn = session.connection()
    first = _INSERT_LOCKED if conn.dialect.name == "postgresql" else _INSERT
    rows = [{"name": name, "payload": payload, "created_at": at} for name, payload, at in pending]
    # The first row takes the commit-order lock; a worker's batch of hundreds of events then
    # costs one more statement, not one each.
    ids = [conn.execute(first, rows[0]).scalar_one()]
    if len(rows) > 1:
        ids += list(conn.execute(_INSERT_MANY, rows[1:]).scalars())
    published = [
        Published(new_id, name, payload)
        for new_id, (name, payload, _at) in zip(ids, pending, strict=True)
    ]
    after_commit(session, lambda: bus.publish(published))


@event.listens_for(Session, "after_soft_rollback")
def _forget_outbox(session: Session, previous: SessionTransaction) -> None:
    if previous.parent is None:
        session.info.pop(_PENDING, None)


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()}


# -- reading ---------------------------------------------------------------------------------

_LATEST = select(func.max(_TABLE.c.id))
_AFTER = (
    select(_TABLE.c.id, _TABLE.c.name, _TABLE.c.payload)
    .where(_TABLE.c.id > bindparam("after"), _TABLE.c.id <= bindparam("upto"))
    .order_by(_TABLE.c.id)
    .limit(bindparam("limit"))
)
NO_LIMIT = 2**31 - 1  # the id column is a 32-bit integer on PostgreSQL


def latest_id(conn: Connection) -> int:
    """The newest committed event's id (0 when there is none)."""
    return int(conn.execute(_LATEST).scalar() or 0)


def read_after(
    conn: Connection, after: int, *, upto: int = NO_LIMIT, limit: int = 1000
) -> list[Published]:
    """Committed events with ``after < id <= upto``, oldest first, at most ``limit``."""
    rows = conn.execute(_AFTER, {"after": after, "upto": upto, "limit": limit})
    return [Published(row.id, row.name, row.payload) for row in rows]
