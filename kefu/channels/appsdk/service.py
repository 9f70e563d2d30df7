"""Use cases of the app SDK channel. Every call acts for one customer, the token's; a ticket of
anyone else does not exist as far as the app can tell (404, never 403: no probing)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kefu.channels.appsdk import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.appsdk import rules
from kefu.channels.appsdk.models import CustomerToken
from kefu.conversations import service as conversations
from kefu.core import clock
from kefu.core.errors import Conflict, Invalid, NotFound
from kefu.core.security import token_digest
from kefu.customers import service as customers
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import Channel

CHANNEL = Channel.APP_SDK
MAX_TICKETS = 100
MAX_MESSAGES = 200


@dataclass(frozen=True)
class Issued:
    token: str  # shown once; only its digest is kept
    customer_id: int
    expires_at: str


@dataclass(frozen=True)
class Sent:
    ticket: Ticket
    message_id: int
    opened: bool
    duplicate: bool


def issue_token(
    session: Session,
    data: CustomerInput,
    *,
    app_user: str | None,
    label: str,
    issued_by: int | None,
) -> Issued:
    """A token for the app user's customer: the one this app user had before, else the customer
    recognised by the identities given (or a new one)."""
    customer_id = _customer_of_app_user(session, app_user) if app_user else None
    if customer_id is not None:
        data = CustomerInput(data.name, data.identities, customer_id=customer_id)
    customer = customers.recognise(session, data)
    now = clock.now()
    token = rules.new_token()
    row = CustomerToken(
        token_digest=token_digest(token),
        customer_id=customer.id,
        app_user=app_user,
        label=label,
        created_by=issued_by,
        created_at=now,
        expires_at=rules.expires(now),
    )
    session.add(row)
    session.flush()
    return Issued(token, customer.id, row.expires_at.isoformat())


def _customer_of_app_user(session: Session, app_user: str) -> int | None:
    found = session.scalar(
        select(CustomerToken.customer_id)
        .where(CustomerToken.app_user == app_user)
        .order_by(CustomerToken.id.desc())
        .limit(1)
    )
    return customers.live_customer_id(session, found) if found is not None else None


def authenticate(session: Session, token: str) -> int | None:
    """The customer a token speaks for (following merges), or None when unknown, expired or
    revoked."""
    if not rules.looks_like_token(token):
        return None
    row = session.scalar(
        select(CustomerToken).where(CustomerToken.token_digest == token_digest(token))
    )
    now = clock.now()
    if row is None or row.revoked_at is not None or row.expires_at <= now:
        return None
    return customers.live_customer_id(session, row.customer_id)


def revoke(session: Session, token: str) -> None:
    session.execute(
        update(CustomerToken)
        .where(CustomerToken.token_digest == token_digest(token))
        .values(revoked_at=clock.now())
    )


def revoke_customer(session: Session, customer_id: int) -> int:
    """Every live token of a customer (staff action: a lost phone)."""
    result = session.execute(
        update(CustomerToken)
        .where(CustomerToken.customer_id == customer_id, CustomerToken.revoked_at.is_(None))
        .values(revoked_at=clock.now())
    )
    return int(result.rowcount or 0)  # type: ignore[attr-defined]


def own_tickets(session: Session, customer_id: int) -> list[Ticket]:
    return tickets.list_tickets(
        session, tickets.TicketFilters(customer_id=customer_id), limit=MAX_TICKETS
    )


def own_ticket(session: Session, customer_id: int, ticket_id: int) -> Ticket:
    ticket = session.get(Ticket, ticket_id)
    while ticket is not None and ticket.merged_into_id is not None:
        ticket = session.get(Ticket, ticket.merged_into_id)
    if ticket is None or ticket.customer_id != customer_id:
        raise NotFound("ticket.not_found")
    return ticket


def public_messages(
    session: Session, customer_id: int, ticket_id: int, after: int = 0
) -> list[Message]:
    """What the customer may read: public messages only, never internal notes."""
    ticket = own_ticket(session, customer_id, ticket_id)
    return list(
        session.scalars(
            select(Message)
            .where(Message.ticket_id == ticket.id, Message.public.is_(True), Message.id > after)
            .order_by(Message.id)
            .limit(MAX_MESSAGES)
        )
    )


def send(
    session: Session,
    storage: conversations.Storage,
    customer_id: int,
    text: str,
    *,
    client_id: str | None,
    ticket_id: int | None,
    subject: str = "",
) -> Sent:
    """Store the customer's message: on ``ticket_id`` when given (theirs, not closed), else on
    a new conversation. The same ``client_id`` again returns the first message."""
    checked, errors = rules.check_message(text, client_id)
    if checked is None:
        raise Invalid("validation_failed", fields=errors)
    target = None
    if ticket_id is not None:
        target = own_ticket(session, customer_id, ticket_id)
        if not rules.may_continue(target.status):
            raise Conflict("appsdk.ticket_closed")
    inbound = conversations.InboundMessage(
        channel=CHANNEL,
        external_id=rules.external_id(customer_id, checked.client_id),
        sender=CustomerInput(customer_id=customer_id),
        subject=subject,
        text=checked.text,
        entry_point="app",
    )
    decision = rules.decide_thread(target.id if target is not None else None)
    received = conversations.receive(session, inbound, decision, storage)
    return Sent(received.ticket, received.message_id, received.opened, received.duplicate)
