"""Agents' presence and capacity, transfers, and what happens to a conversation that comes
back while its agent is away."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.routing.models import AgentGroup, AgentPresence
from kefu.routing.rules import Presence
from kefu.tickets.events import TicketChanged
from kefu.tickets.models import Ticket
from kefu.tickets.service import audit, get_ticket, ticket_event
from kefu.users.models import User
from kefu.users.service import Principal

DEFAULT_CHAT_CAPACITY = 5
DEFAULT_TICKET_CAPACITY = 30
MAX_CAPACITY = 500


@dataclass(frozen=True)
class PresenceChange:
    presence: Presence | None = None
    chat_capacity: int | None = None
    ticket_capacity: int | None = None
    skills: list[str] | None = None


@dataclass(frozen=True)
class PresenceChanged:
    user_id: int
    presence: str


def presence_of(session: Session, user_id: int) -> AgentPresence:
    row = session.get(AgentPresence, user_id)
    if row is not None:
        return row
    if session.get(User, user_id) is None:
        raise NotFound("routing.unknown_agent")
    row = AgentPresence(
        user_id=user_id,
        presence=Presence.OFFLINE.value,
        chat_capacity=DEFAULT_CHAT_CAPACITY,
        ticket_capacity=DEFAULT_TICKET_CAPACITY,
        skills=[],
        last_assigned_at=None,
        updated_at=clock.now(),
    )
    session.add(row)
    session.flush()
    return row


def set_presence(session: Session, user_id: int, change: PresenceChange) -> AgentPresence:
    row = presence_of(session, user_id)
    wake = False
    for name in ("chat_capacity", "ticket_capacity"):
        value = getattr(change, name)
        if value is not None and not 0 <= value <= MAX_CAPACITY:
            raise Invalid(
                "validation_failed",
                fields={name: FieldError("routing.capacity_range", {"max": MAX_CAPACITY})},
            )
        if value is not None:
            # More room can take waiting work at once: the event wakes the worker.
            wake = wake or value > getattr(row, name)
            setattr(row, name, value)
    if change.skills is not None:
        row.skills = sorted({s.strip() for s in change.skills if s.strip()})
    if change.presence is not None and change.presence.value != row.presence:
        row.presence = change.presence.value
        wake = True
    if wake:
        record(session, PresenceChanged(user_id, row.presence))
    row.updated_at = clock.now()
    return row


def list_presence(session: Session) -> list[AgentPresence]:
    return list(session.scalars(select(AgentPresence).order_by(AgentPresence.user_id)))


def transfer(
    session: Session,
    ticket_id: int,
    *,
    group_id: int | None,
    assignee_id: int | None,
    actor: Principal | None,
) -> Ticket:
    """Hand a ticket to another group or agent. The ticket, its messages and its history stay
    one: only who holds it changes, and the audit log says who moved it where."""
    if group_id is None and assignee_id is None:
        raise Invalid(
            "routing.transfer_target_required", fields={"group_id": FieldError("field.required")}
        )
    ticket = get_ticket(session, ticket_id, for_update=True)
    changed: list[str] = []
    if group_id is not None and group_id != ticket.group_id:
        if session.get(AgentGroup, group_id) is None:
            raise Invalid(
                "validation_failed", fields={"group_id": FieldError("routing.unknown_group")}
            )
        audit(session, ticket.id, actor, "group_id", ticket.group_id, group_id)
        ticket.group_id = group_id
        changed.append("group_id")
        if assignee_id is None and ticket.assignee_id is not None:
            # Into the new group's queue: its own strategy picks the agent.
            audit(session, ticket.id, actor, "assignee_id", ticket.assignee_id, None)
            ticket.assignee_id = None
            changed.append("assignee_id")
    if assignee_id is not None and assignee_id != ticket.assignee_id:
        if session.get(User, assignee_id) is None:
            raise Invalid(
                "validation_failed", fields={"assignee_id": FieldError("routing.unknown_agent")}
            )
        audit(session, ticket.id, actor, "assignee_id", ticket.assignee_id, assignee_id)
        ticket.assignee_id = assignee_id
        changed.append("assignee_id")
    if changed:
        ticket.updated_at = clock.now()
        record(session, TicketChanged(ticket.id, tuple(changed)))
        session.flush()
        ticket_event(session, ticket, "changed", tuple(changed))
    return ticket


def requeue_if_agent_away(
    session: Session, ticket: Ticket, kind: str, fields: tuple[str, ...]
) -> None:
    """A conversation the customer reopens while its agent is not online goes back to the
    group's queue instead of waiting for them (a peer's reported bug: Chatwoot #9587). The
    previous agent still gets it back first if the group is sticky and they come online."""
    if kind != "message" or "status" not in fields or ticket.assignee_id is None:
        return
    if ticket.status != "open" or ticket.group_id is None:
        return
    row = session.get(AgentPresence, ticket.assignee_id)
    if row is None or row.presence == Presence.ONLINE.value:
        return  # online, or an agent routing does not know (no presence kept): leave it
    audit(session, ticket.id, None, "assignee_id", ticket.assignee_id, None)
    ticket.assignee_id = None
    record(session, TicketChanged(ticket.id, ("assignee_id",)))
