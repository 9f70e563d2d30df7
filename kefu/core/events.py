"""Domain events: recorded in the outbox inside the transaction that caused them, handed to the
in-process bus only after that transaction commits (so no subscriber sees a fact that was rolled
back). The worker delivers outbox rows to other processes."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy import String, insert
from sqlalchemy.orm import Mapped, Session, mapped_column

from kefu.core import clock
from kefu.core.db import Base, after_commit, table_of

log = logging.getLogger(__name__)


class OutboxEvent(Base):
    __tablename__ = "outbox_event"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(80))
    payload: Mapped[dict[str, Any]]
    created_at: Mapped[datetime]
    published_at: Mapped[datetime | None] = mapped_column(index=True)


Subscriber = Callable[[str, dict[str, Any]], None]


class InProcessBus:
    """The embedded default bus; a Redis-backed one replaces it when KEFU_REDIS_URL is set."""

    def __init__(self) -> None:
        self._subscribers: list[Subscriber] = []

    def subscribe(self, subscriber: Subscriber) -> None:
        self._subscribers.append(subscriber)

    def publish(self, name: str, payload: dict[str, Any]) -> None:
        for subscriber in list(self._subscribers):
            try:
                subscriber(name, payload)
            except Exception:  # a broken subscriber must not break the writer
                log.exception("event subscriber failed for %s", name)


bus = InProcessBus()


_INSERT_EVENT = insert(table_of(OutboxEvent))


def record(session: Session, event: object) -> None:
    """Store ``event`` (a frozen dataclass) in the outbox and publish it after commit."""
    name = type(event).__name__
    payload = _jsonable(dataclasses.asdict(event))  # type: ignore[call-overload]
    session.connection().execute(
        _INSERT_EVENT, {"name": name, "payload": payload, "created_at": clock.now()}
    )
    after_commit(session, lambda: bus.publish(name, payload))


def _jsonable(data: dict[str, Any]) -> dict[str, Any]:
    return {k: (v.isoformat() if isinstance(v, datetime) else v) for k, v in data.items()}
