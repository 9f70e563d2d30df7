"""Writing the audit log: every change to a ticket, who, when, field, old and new."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import insert
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import table_of
from kefu.tickets.models import AuditEntry
from kefu.users.service import Principal

_INSERT_ENTRY = insert(table_of(AuditEntry))


def audit(
    session: Session,
    ticket_id: int,
    actor: Principal | None,
    field: str,
    old: object,
    new: object,
) -> None:
    # A plain INSERT: the log is written, never read back in the same transaction.
    session.connection().execute(
        _INSERT_ENTRY,
        {
            "ticket_id": ticket_id,
            "actor_kind": "agent" if actor else "system",
            "actor_user_id": actor.user_id if actor else None,
            "field": field,
            "old_value": _text(old),
            "new_value": _text(new),
            "at": clock.now(),
        },
    )


def audit_entry(
    ticket_id: int, actor: Principal | None, field: str, old: object, new: object, at: datetime
) -> dict[str, object]:
    """One audit row, for :func:`audit_many`."""
    return {
        "ticket_id": ticket_id,
        "actor_kind": "agent" if actor else "system",
        "actor_user_id": actor.user_id if actor else None,
        "field": field,
        "old_value": _text(old),
        "new_value": _text(new),
        "at": at,
    }


def audit_many(session: Session, entries: list[dict[str, object]]) -> None:
    """Many audit rows in one executemany (a worker's batch)."""
    if entries:
        session.connection().execute(_INSERT_ENTRY, entries)


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)
