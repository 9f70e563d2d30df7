"""Claiming due work from the channel's durable queues (replies to send, media to fetch), as the
mail sender does: due rows are pushed a little into the future so another worker leaves them
alone while this one works (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the write gate on
SQLite); a crash then only delays them."""

from __future__ import annotations

from datetime import timedelta
from typing import TypeVar

from sqlalchemy import select

from kefu.channels.wechat.models import WechatMedia, WechatOutbound
from kefu.channels.wechat.rules import SendState
from kefu.core import clock
from kefu.core.db import Database

BATCH = 20
LEASE = timedelta(minutes=2)
Queued = TypeVar("Queued", WechatOutbound, WechatMedia)


def claim_due(db: Database, model: type[Queued]) -> list[int]:
    now = clock.now()
    with db.transaction() as session:
        stmt = (
            select(model)
            .where(model.state == SendState.QUEUED.value, model.next_attempt_at <= now)
            .order_by(model.next_attempt_at, model.id)
            .limit(BATCH)
        )
        if not db.is_sqlite:
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(session.scalars(stmt))
        for row in rows:
            row.next_attempt_at = now + LEASE
        return [row.id for row in rows]
