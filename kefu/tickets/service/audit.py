"""Writing the audit log: every change to a ticket, who, when, field, old and new."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.tickets.models import AuditEntry
from kefu.users.service import Principal


def audit(
    session: Session,
    ticket_id: int,
    actor: Principal | None,
    field: str,
    old: object,
    new: object,
) -> None:
    session.add(
        AuditEntry(
            ticket_id=ticket_id,
            actor_kind="agent" if actor else "system",
            actor_user_id=actor.user_id if actor else None,
            field=field,
            old_value=_text(old),
            new_value=_text(new),
            at=clock.now(),
        )
    )


def _text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, list | tuple):
        return ",".join(str(v) for v in value)
    return str(value)
