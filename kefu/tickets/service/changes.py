"""Changing a ticket: fields, status through the transition table, tags; each change audited.
Everything is checked before anything is written, and the caller's transaction rolls back on any
error, so a refused PATCH leaves no trace."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid
from kefu.core.events import record
from kefu.tickets import messages as _texts  # noqa: F401  (registers ticket.already_taken)
from kefu.tickets import rules
from kefu.tickets.events import TicketChanged
from kefu.tickets.models import CatalogItem, PendingWatch, Ticket, TicketTag
from kefu.tickets.rules import Priority, Status, TicketType
from kefu.tickets.service.audit import audit
from kefu.tickets.service.catalog import find_catalog_item
from kefu.tickets.service.hooks import ticket_event
from kefu.tickets.service.queries import get_ticket
from kefu.users.service import Principal, user_exists


@dataclass
class TicketChanges:
    """What a PATCH asks for; only the names in ``given`` are applied (``None`` clears)."""

    given: set[str]
    status: Status | None = None
    priority: Priority | None = None
    type: TicketType | None = None
    assignee_id: int | None = None
    tags: list[str] | None = None
    catalog_item: int | str | None = None
    custom_fields: dict[str, Any] = field(default_factory=dict)
    subject: str | None = None


def check_custom_fields(catalog: CatalogItem | None, values: dict[str, Any]) -> None:
    problems = rules.custom_field_problems(catalog.field_schema if catalog else None, values)
    if problems:
        item = catalog.path if catalog else "-"
        raise Invalid(
            "ticket.custom_field_invalid",
            fields={
                f"custom_fields.{path}": FieldError("field.invalid", {"detail": detail})
                for path, detail in problems.items()
            },
            item=item,
            detail="; ".join(f"{k}: {v}" for k, v in problems.items()),
        )


def update_ticket(
    session: Session, ticket_id: int, changes: TicketChanges, *, actor: Principal | None
) -> Ticket:
    ticket = get_ticket(session, ticket_id, for_update=True)
    changed: list[str] = []
    if "status" in changes.given and changes.status is not None:
        _change_status(session, ticket, changes.status, actor, changed)
    _change_simple_fields(session, ticket, changes, actor, changed)
    if "assignee_id" in changes.given:
        _change_assignee(session, ticket, changes.assignee_id, actor, changed)
    catalog = _change_catalog(session, ticket, changes, actor, changed)
    if "custom_fields" in changes.given or "catalog_item" in changes.given:
        _change_custom_fields(session, ticket, catalog, changes, actor, changed)
    if "tags" in changes.given:
        _change_tags(session, ticket, changes.tags or [], actor, changed)
    if changed:
        ticket.updated_at = clock.now()
        record(session, TicketChanged(ticket.id, tuple(changed)))
    session.flush()
    if changed:
        ticket_event(session, ticket, "changed", tuple(changed))
    return ticket


def take_ticket(session: Session, ticket_id: int, actor: Principal) -> Ticket:
    """An agent takes a ticket nobody holds (接入). The row is locked first, so of two agents
    taking the same ticket at once exactly one gets it; the other is told who has it. Taking a
    ticket one already holds changes nothing."""
    ticket = get_ticket(session, ticket_id, for_update=True)
    if ticket.assignee_id not in (None, actor.user_id):
        raise Conflict("ticket.already_taken")
    if ticket.assignee_id == actor.user_id:
        return ticket
    return update_ticket(
        session,
        ticket_id,
        TicketChanges(given={"assignee_id"}, assignee_id=actor.user_id),
        actor=actor,
    )


def _change_simple_fields(
    session: Session,
    ticket: Ticket,
    changes: TicketChanges,
    actor: Principal | None,
    changed: list[str],
) -> None:
    """priority, type and subject: required when given (null is not a value for them)."""
    for name in ("priority", "type", "subject"):
        if name not in changes.given:
            continue
        value = getattr(changes, name)
        if not value:
            raise Invalid("validation_failed", fields={name: FieldError("field.required")})
        _set(session, ticket, name, getattr(value, "value", value), actor, changed)


def _set(
    session: Session,
    ticket: Ticket,
    name: str,
    value: Any,
    actor: Principal | None,
    changed: list[str],
) -> None:
    old = getattr(ticket, name)
    if old == value:
        return
    setattr(ticket, name, value)
    audit(session, ticket.id, actor, name, old, value)
    changed.append(name)


def change_status(session: Session, ticket: Ticket, new: Status, actor: Principal | None) -> None:
    """Move ``ticket`` to ``new`` if the transition table allows it (409 otherwise)."""
    _change_status(session, ticket, new, actor, [])


def _change_status(
    session: Session, ticket: Ticket, new: Status, actor: Principal | None, changed: list[str]
) -> None:
    old = Status(ticket.status)
    decision = rules.decide_transition(old, new)
    if not decision.allowed:
        raise Conflict(
            "ticket.illegal_transition",
            fields={"status": FieldError("ticket.illegal_transition", {"old": old, "new": new})},
            old=old.value,
            new=new.value,
        )
    if old == new:
        return
    now = clock.now()
    for stamp, set_it in rules.timestamps_for(new).items():
        setattr(ticket, stamp, now if set_it else None)
    _set(session, ticket, "status", new.value, actor, changed)
    _watch_pending(session, ticket.id, old, new, now)


def _watch_pending(session: Session, ticket_id: int, old: Status, new: Status, now: Any) -> None:
    """Start the pending-on-customer watch (the worker's reminder and auto-solve) when a
    ticket starts waiting, end it when it stops."""
    if new == Status.PENDING:
        session.merge(PendingWatch(ticket_id=ticket_id, since=now, reminded_at=None, next_at=now))
    elif old == Status.PENDING:
        session.execute(delete(PendingWatch).where(PendingWatch.ticket_id == ticket_id))


def _change_assignee(
    session: Session,
    ticket: Ticket,
    assignee_id: int | None,
    actor: Principal | None,
    changed: list[str],
) -> None:
    if assignee_id is not None and not user_exists(session, assignee_id):
        raise Invalid(
            "ticket.unknown_assignee", fields={"assignee_id": FieldError("ticket.unknown_assignee")}
        )
    _set(session, ticket, "assignee_id", assignee_id, actor, changed)


def _change_catalog(
    session: Session,
    ticket: Ticket,
    changes: TicketChanges,
    actor: Principal | None,
    changed: list[str],
) -> CatalogItem | None:
    if "catalog_item" not in changes.given:
        return session.get(CatalogItem, ticket.catalog_item_id) if ticket.catalog_item_id else None
    catalog = (
        find_catalog_item(session, changes.catalog_item)
        if changes.catalog_item is not None
        else None
    )
    _set(session, ticket, "catalog_item_id", catalog.id if catalog else None, actor, changed)
    return catalog


def _change_custom_fields(
    session: Session,
    ticket: Ticket,
    catalog: CatalogItem | None,
    changes: TicketChanges,
    actor: Principal | None,
    changed: list[str],
) -> None:
    merged = dict(ticket.custom_fields or {})
    for key, value in changes.custom_fields.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = value
    check_custom_fields(catalog, merged)
    if merged != ticket.custom_fields:
        for key in sorted(set(merged) | set(ticket.custom_fields or {})):
            old, new = (ticket.custom_fields or {}).get(key), merged.get(key)
            if old != new:
                audit(session, ticket.id, actor, f"custom_fields.{key}", old, new)
        ticket.custom_fields = merged
        changed.append("custom_fields")


def _change_tags(
    session: Session, ticket: Ticket, tags: list[str], actor: Principal | None, changed: list[str]
) -> None:
    old = list(session.scalars(select(TicketTag.tag).where(TicketTag.ticket_id == ticket.id)))
    new = list(dict.fromkeys(tags))
    if sorted(old) == sorted(new):
        return
    session.execute(delete(TicketTag).where(TicketTag.ticket_id == ticket.id))
    session.add_all(TicketTag(ticket_id=ticket.id, tag=tag) for tag in new)
    audit(session, ticket.id, actor, "tags", sorted(old), sorted(new))
    changed.append("tags")
