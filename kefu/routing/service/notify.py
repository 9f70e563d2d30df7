"""Notifications: who must look at what. Each carries a dedupe key, so a sweep that runs again
(or two workers racing) can never tell someone the same thing twice."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import table_of
from kefu.core.events import record
from kefu.routing.models import GroupMember, Notification
from kefu.users.models import User


@dataclass(frozen=True)
class Notified:
    """Someone was told something (the workspace shows it live)."""

    user_id: int
    kind: str
    ticket_id: int | None


def members_of(session: Session, group_id: int) -> list[int]:
    return list(
        session.scalars(
            select(GroupMember.user_id)
            .join(User, User.id == GroupMember.user_id)
            .where(GroupMember.group_id == group_id, User.is_active.is_(True))
            .order_by(GroupMember.user_id)
        )
    )


def users_with_role(session: Session, role: str) -> list[int]:
    return list(
        session.scalars(
            select(User.id).where(User.role == role, User.is_active.is_(True)).order_by(User.id)
        )
    )


_TABLE = table_of(Notification)
_RETURNED = (_TABLE.c.user_id, _TABLE.c.kind, _TABLE.c.ticket_id)
_INSERT_PG = (
    pg_insert(_TABLE)
    .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
    .returning(*_RETURNED)
)
_INSERT_SQLITE = (
    sqlite_insert(_TABLE)
    .on_conflict_do_nothing(index_elements=["user_id", "dedupe_key"])
    .returning(*_RETURNED)
)


@dataclass(frozen=True)
class Notice:
    """One thing to tell some people, once per (person, dedupe key)."""

    user_ids: tuple[int, ...]
    kind: str
    ticket_id: int | None
    dedupe_key: str
    params: dict[str, Any] = field(default_factory=dict)


def notify(
    session: Session,
    user_ids: Iterable[int],
    kind: str,
    *,
    ticket_id: int | None,
    dedupe_key: str,
    params: dict[str, Any] | None = None,
    now: datetime | None = None,
) -> int:
    """Tell each user once; returns how many were told now (0 for those told before)."""
    notice = Notice(tuple(user_ids), kind, ticket_id, dedupe_key, params or {})
    return notify_many(session, [notice], now=now)


def notify_many(session: Session, notices: Iterable[Notice], *, now: datetime | None = None) -> int:
    """Every notice in one INSERT (a sweep's whole batch): rows whose (user, dedupe key) exists
    already are skipped by the database, so repeating a batch tells nobody twice."""
    at = now or clock.now()
    rows: dict[tuple[int, str], dict[str, Any]] = {}
    for n in notices:
        for user_id in n.user_ids:
            rows.setdefault(
                (user_id, n.dedupe_key),
                {
                    "user_id": user_id,
                    "ticket_id": n.ticket_id,
                    "kind": n.kind,
                    "params": n.params,
                    "dedupe_key": n.dedupe_key,
                    "created_at": at,
                    "read_at": None,
                },
            )
    if not rows:
        return 0
    conn = session.connection()
    statement = _INSERT_PG if conn.dialect.name == "postgresql" else _INSERT_SQLITE
    # An executemany: SQLAlchemy sends it as multi-row INSERTs of a statement compiled once.
    told = conn.execute(statement, list(rows.values())).all()
    for user_id, kind, ticket_id in told:
        record(session, Notified(user_id, kind, ticket_id))
    return len(told)


def notifications_of(
    session: Session, user_id: int, *, unread_only: bool = False, limit: int = 50
) -> list[Notification]:
    query = select(Notification).where(Notification.user_id == user_id)
    if unread_only:
        query = query.where(Notification.read_at.is_(None))
    return list(session.scalars(query.order_by(Notification.id.desc()).limit(limit)))


def mark_read(session: Session, user_id: int, ids: list[int]) -> None:
    for row in session.scalars(
        select(Notification).where(Notification.user_id == user_id, Notification.id.in_(ids))
    ):
        row.read_at = row.read_at or clock.now()


__all__ = ["Notified", "mark_read", "members_of", "notifications_of", "notify"]
