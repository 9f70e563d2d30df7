"""Opening tickets: the customer recognised or created, a number for the day, the description as
the first message, tags, the search index and the outbox, all in one transaction."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam, insert, select, text, update
from sqlalchemy.orm import Session
from sqlalchemy.orm.attributes import set_committed_value

from kefu.core import clock
from kefu.core.db import insert_persistent, table_of
from kefu.core.errors import FieldError, Invalid
from kefu.core.events import record
from kefu.customers.service import CustomerInput, recognise
from kefu.search import service as search
from kefu.tickets import rules
from kefu.tickets.events import TicketOpened
from kefu.tickets.models import IdempotencyKey, Message, Ticket, TicketTag
from kefu.tickets.rules import AuthorKind, Channel, Priority, Status, TicketType
from kefu.tickets.service.audit import audit
from kefu.tickets.service.catalog import find_catalog_item
from kefu.tickets.service.changes import check_custom_fields
from kefu.tickets.service.hooks import Draft, classify, ticket_event
from kefu.tickets.service.messages import index_message
from kefu.users.service import Principal


@dataclass
class NewTicket:
    subject: str
    description: str
    customer: CustomerInput
    priority: Priority = Priority.NORMAL
    type: TicketType = TicketType.INQUIRY
    channel: Channel = Channel.API
    catalog_item: int | str | None = None
    tags: list[str] = field(default_factory=list)
    custom_fields: dict[str, Any] = field(default_factory=dict)
    description_html: str | None = None
    # Where the request came in (a WeChat account, a web form, a menu item): multi-desk
    # delivery may send each entry point to its own desk.
    entry_point: str = ""


@dataclass(frozen=True)
class Idempotency:
    key: str
    request_hash: str


_NEXT_SEQUENCE = text(
    "INSERT INTO ticket_number_counter (day, last) VALUES (:day, 1) "
    "ON CONFLICT (day) DO UPDATE SET last = ticket_number_counter.last + 1 "
    "RETURNING last"
)


_INSERT_TAG = insert(table_of(TicketTag))
_INSERT_KEY = insert(table_of(IdempotencyKey))
_SET_NUMBER = (
    update(table_of(Ticket))
    .where(table_of(Ticket).c.id == bindparam("ticket_id"))
    .values(number=bindparam("number"))
)


def next_number(session: Session, timezone: str) -> str:
    """The next ticket number of today. The upsert takes the counter row's lock, so concurrent
    writers on PostgreSQL (and serialized writers on SQLite) never get the same sequence."""
    day = rules.number_day(clock.now(), timezone)
    sequence = session.connection().execute(_NEXT_SEQUENCE, {"day": f"{day:%Y%m%d}"}).scalar_one()
    return rules.format_number(day, sequence)


def _provisional_number() -> str:
    # Unique placeholder for the moment between the ticket's INSERT and its number; never
    # committed (the number replaces it in the same transaction).
    return "~" + secrets.token_hex(8)


def insert_new_ticket(
    session: Session,
    *,
    subject: str,
    priority: str,
    type: str,
    channel: str,
    customer_id: int,
    catalog_item_id: int | None,
    created_by_id: int | None,
    custom_fields: dict[str, Any],
    now: datetime,
    group_id: int | None = None,
    assignee_id: int | None = None,
) -> Ticket:
    """The ticket row of a new ticket, status new, with a placeholder number until
    :func:`_number` gives it the day's next one."""
    return insert_persistent(
        session,
        Ticket,
        number=_provisional_number(),
        subject=subject,
        status=Status.NEW.value,
        priority=priority,
        type=type,
        channel=channel,
        customer_id=customer_id,
        catalog_item_id=catalog_item_id,
        created_by_id=created_by_id,
        assignee_id=assignee_id,
        group_id=group_id,
        custom_fields=custom_fields,
        created_at=now,
        updated_at=now,
        first_response_at=None,
        solved_at=None,
        closed_at=None,
        merged_into_id=None,
    )


def _number(session: Session, ticket: Ticket, timezone: str) -> None:
    """Give the ticket its number of the day. Called as late as possible: the counter row stays
    locked from here to the commit, so on PostgreSQL concurrent openers queue only for the few
    statements that need the number, not for the whole ticket."""
    number = next_number(session, timezone)
    session.connection().execute(_SET_NUMBER, {"ticket_id": ticket.id, "number": number})
    set_committed_value(ticket, "number", number)


def find_replay(session: Session, user_id: int, key: str, request_hash: str) -> Ticket | None:
    """The ticket an earlier request with this Idempotency-Key created, if any. Reusing a key for a
    different request body is refused rather than silently answered with the wrong ticket."""
    row = session.scalar(
        select(IdempotencyKey).where(IdempotencyKey.user_id == user_id, IdempotencyKey.key == key)
    )
    if row is None:
        return None
    if row.request_hash != request_hash:
        raise Invalid("ticket.idempotency_mismatch")
    return session.get(Ticket, row.ticket_id)


def open_ticket(
    session: Session,
    data: NewTicket,
    *,
    actor: Principal | None,
    timezone: str,
    idempotency: Idempotency | None = None,
) -> tuple[Ticket, bool]:
    """Open a ticket; returns it and whether it is a replay of an earlier identical request."""
    if idempotency and actor:
        replay = find_replay(session, actor.user_id, idempotency.key, idempotency.request_hash)
        if replay is not None:
            return replay, True
    known = data.customer.customer_id is not None
    if not known and not data.customer.name and not data.customer.identities:
        raise Invalid("ticket.customer_required", fields={"customer": FieldError("field.required")})
    catalog = (
        find_catalog_item(session, data.catalog_item) if data.catalog_item is not None else None
    )
    check_custom_fields(catalog, data.custom_fields)
    customer = recognise(session, data.customer)
    now = clock.now()
    routed = classify(
        session,
        Draft(
            channel=data.channel.value,
            type=data.type.value,
            priority=data.priority.value,
            catalog_item_id=catalog.id if catalog else None,
            customer=customer,
            text=f"{data.subject}\n{data.description}",
            entry_point=data.entry_point,
        ),
    )
    ticket = insert_new_ticket(
        session,
        subject=data.subject,
        priority=routed.priority or data.priority.value,
        group_id=routed.group_id,
        assignee_id=routed.assignee_id,
        type=data.type.value,
        channel=data.channel.value,
        customer_id=customer.id,
        catalog_item_id=catalog.id if catalog else None,
        created_by_id=actor.user_id if actor else None,
        custom_fields=data.custom_fields,
        now=now,
    )
    _first_message(session, ticket, data)
    tags = [*data.tags, *routed.tags]
    if tags:
        session.connection().execute(
            _INSERT_TAG, [{"ticket_id": ticket.id, "tag": t} for t in dict.fromkeys(tags)]
        )
    if idempotency and actor:
        session.connection().execute(
            _INSERT_KEY,
            {
                "user_id": actor.user_id,
                "key": idempotency.key,
                "request_hash": idempotency.request_hash,
                "ticket_id": ticket.id,
                "created_at": now,
            },
        )
    _number(session, ticket, timezone)
    audit(session, ticket.id, actor, "created", None, ticket.number)
    search.index(
        session,
        search.DocKind.TICKET,
        ticket.id,
        ticket.number,
        title=ticket.subject,
        ticket_id=ticket.id,
        customer_id=customer.id,
        new=True,
    )
    record(
        session,
        TicketOpened(
            ticket.id, ticket.number, customer.id, ticket.channel, ticket.type, ticket.priority
        ),
    )
    if routed.then is not None:
        routed.then(session, ticket)
    ticket_event(session, ticket, "opened")
    return ticket, False


def _first_message(session: Session, ticket: Ticket, data: NewTicket) -> None:
    body_text, body_html = rules.message_bodies(data.description, data.description_html)
    message = insert_persistent(
        session,
        Message,
        ticket_id=ticket.id,
        author_kind=AuthorKind.CUSTOMER.value,
        author_user_id=None,
        author_customer_id=ticket.customer_id,
        public=True,
        channel=ticket.channel,
        body_text=body_text,
        body_html=body_html,
        created_at=ticket.created_at,
    )
    index_message(session, ticket, message)
