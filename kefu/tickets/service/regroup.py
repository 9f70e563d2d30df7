"""Regrouping messages when threading got it wrong: merge two tickets into one, or split a
message out into a ticket of its own. History is kept: messages keep their times and authors,
both tickets record what happened in their audit log, and a merged ticket stays as a closed
pointer to the one it went into (old links and numbers keep resolving)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, NotFound
from kefu.core.events import record
from kefu.search import service as search
from kefu.tickets.events import TicketChanged, TicketOpened
from kefu.tickets.models import Attachment, Message, Ticket, TicketTag
from kefu.tickets.rules import Status
from kefu.tickets.service.audit import audit
from kefu.tickets.service.hooks import ticket_event
from kefu.tickets.service.opening import _number, insert_new_ticket
from kefu.tickets.service.queries import get_ticket
from kefu.users.service import Principal

# Contexts holding per-message or per-ticket records (a mail's headers, a channel's ids) move
# them here, in the same transaction. Arguments: session, from ticket, to ticket, and the moved
# message ids (None: every message, a merge).
MovedHook = Callable[[Session, int, int, list[int] | None], None]
_moved_hooks: dict[str, MovedHook] = {}


def on_messages_moved(name: str, hook: MovedHook) -> None:
    _moved_hooks[name] = hook


def merge_tickets(
    session: Session, source_id: int, target_id: int, *, actor: Principal | None
) -> Ticket:
    """Move everything of ``source`` into ``target``; ``source`` is closed as a pointer."""
    if source_id == target_id:
        raise Conflict("ticket.merge_into_itself", fields={"into_id": FieldError("field.invalid")})
    first, second = sorted((source_id, target_id))  # lock in id order: no deadlock
    get_ticket(session, first, for_update=True)
    get_ticket(session, second, for_update=True)
    source, target = get_ticket(session, source_id), get_ticket(session, target_id)
    for ticket in (source, target):
        if ticket.merged_into_id is not None or ticket.status == Status.CLOSED.value:
            raise Conflict("ticket.merge_closed", number=ticket.number)
    _move_messages(session, source.id, target.id, None)
    _merge_tags(session, source.id, target.id)
    now = clock.now()
    old_status = Status(source.status)
    source.merged_into_id = target.id
    source.status, source.closed_at, source.updated_at = Status.CLOSED.value, now, now
    target.updated_at = now
    audit(session, source.id, actor, "merged_into", None, target.number)
    audit(session, source.id, actor, "status", old_status, Status.CLOSED)
    audit(session, target.id, actor, "merged_from", None, source.number)
    record(session, TicketChanged(source.id, ("merged_into", "status")))
    record(session, TicketChanged(target.id, ("merged_from",)))
    session.flush()
    ticket_event(session, source, "changed", ("status",))
    ticket_event(session, target, "message")
    return target


def split_message(
    session: Session, ticket_id: int, message_id: int, *, actor: Principal | None, timezone: str
) -> Ticket:
    """Open a new ticket for one message that does not belong where it landed."""
    origin = get_ticket(session, ticket_id, for_update=True)
    message = session.get(Message, message_id)
    if message is None or message.ticket_id != origin.id:
        raise NotFound("ticket.message_not_found")
    remaining = session.scalar(
        select(Message.id).where(Message.ticket_id == origin.id, Message.id != message.id).limit(1)
    )
    if remaining is None:
        raise Conflict("ticket.split_only_message")
    now = clock.now()
    fresh = insert_new_ticket(
        session,
        subject=origin.subject,
        priority=origin.priority,
        type=origin.type,
        channel=message.channel,
        customer_id=message.author_customer_id or origin.customer_id,
        catalog_item_id=origin.catalog_item_id,
        created_by_id=actor.user_id if actor else None,
        custom_fields={},
        now=now,
        group_id=origin.group_id,
    )
    _move_messages(session, origin.id, fresh.id, [message.id])
    _number(session, fresh, timezone)
    search.index(
        session, search.DocKind.TICKET, fresh.id, fresh.number, title=fresh.subject,
        ticket_id=fresh.id, customer_id=fresh.customer_id, new=True,
    )  # fmt: skip
    audit(session, fresh.id, actor, "split_from", None, origin.number)
    audit(session, origin.id, actor, "split_out", None, fresh.number)
    origin.updated_at = now
    record(
        session,
        TicketOpened(
            fresh.id, fresh.number, fresh.customer_id, fresh.channel, fresh.type, fresh.priority
        ),
    )
    session.flush()
    ticket_event(session, fresh, "opened")
    ticket_event(session, origin, "message")
    return fresh


def _move_messages(session: Session, from_id: int, to_id: int, ids: list[int] | None) -> None:
    session.flush()
    messages = update(Message).where(Message.ticket_id == from_id)
    files = update(Attachment).where(Attachment.ticket_id == from_id)
    if ids is not None:
        messages = messages.where(Message.id.in_(ids))
        files = files.where(Attachment.message_id.in_(ids))
    session.execute(messages.values(ticket_id=to_id))
    session.execute(files.values(ticket_id=to_id))
    search.move_messages(session, from_id, to_id, ids)
    for hook in _moved_hooks.values():
        hook(session, from_id, to_id, ids)
    session.expire_all()


def _merge_tags(session: Session, from_id: int, to_id: int) -> None:
    have = set(session.scalars(select(TicketTag.tag).where(TicketTag.ticket_id == to_id)))
    for tag in session.scalars(select(TicketTag.tag).where(TicketTag.ticket_id == from_id)):
        if tag not in have:
            session.add(TicketTag(ticket_id=to_id, tag=tag))
