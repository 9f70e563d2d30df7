"""Receiving a message from any channel: recognise the sender, continue the ticket the channel's
threading chose or open one, store the message with where it came from and why it went there.

Channels decide *which* ticket (each has its own evidence: mail headers, a chat session, a call);
this module does the rest the same way for all of them, inside the caller's transaction, so the
channel acknowledges (SMTP 250, HTTP 201, chat ack) only what is committed."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import insert, select, update
from sqlalchemy.orm import Session

from kefu.conversations import messages as _messages  # noqa: F401  (registers the texts)
from kefu.conversations.models import ChannelMessage, TicketParticipant
from kefu.conversations.rules import ThreadDecision
from kefu.core import clock
from kefu.core.db import table_of
from kefu.core.i18n import translate
from kefu.customers.models import CustomerIdentity
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, recognise
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel

_INSERT_PARTICIPANT = insert(table_of(TicketParticipant))


@dataclass
class InboundMessage:
    """One message as a channel adapter hands it over."""

    channel: Channel
    external_id: str | None  # the channel's own id; a second delivery of it stores nothing
    sender: CustomerInput
    subject: str
    text: str
    html: str | None = None
    attachments: list[tickets.NewAttachment] = field(default_factory=list)
    # Others in the conversation (a mail's CC): their replies continue the ticket too.
    participants: list[tuple[IdentityKind, str]] = field(default_factory=list)
    public: bool = True
    author: AuthorKind = AuthorKind.CUSTOMER
    # The entry point it came through (``wechat:<account>``, ``mail:<address>``): multi-desk
    # delivery can route each to its own desk.
    entry_point: str = ""


@dataclass(frozen=True)
class Storage:
    attachments_root: Path
    max_attachment_bytes: int
    timezone: str


@dataclass(frozen=True)
class Received:
    ticket: Ticket
    message_id: int
    opened: bool
    duplicate: bool


def already_received(session: Session, channel: Channel, external_id: str) -> ChannelMessage | None:
    return session.scalar(
        select(ChannelMessage).where(
            ChannelMessage.channel == channel.value, ChannelMessage.external_id == external_id
        )
    )


def tickets_by_external_ids(session: Session, channel: Channel, ids: list[str]) -> dict[str, int]:
    """Ticket of each of ``ids`` that arrived on ``channel``."""
    if not ids:
        return {}
    rows = session.execute(
        select(ChannelMessage.external_id, ChannelMessage.ticket_id).where(
            ChannelMessage.channel == channel.value, ChannelMessage.external_id.in_(ids)
        )
    )
    return {str(external_id): int(ticket_id) for external_id, ticket_id in rows}


def known_identity(session: Session, kind: IdentityKind, value: str) -> bool:
    """Whether some customer already has this identity (a returning caller)."""
    return (
        session.scalar(
            select(CustomerIdentity.id).where(
                CustomerIdentity.kind == kind.value, CustomerIdentity.value == value
            )
        )
        is not None
    )


def participates(session: Session, ticket_id: int, kind: IdentityKind, value: str) -> bool:
    """Whether ``value`` is the ticket's customer (any identity of theirs) or a participant."""
    ticket = tickets.get_ticket(session, ticket_id)
    customer_has_it = session.scalar(
        select(CustomerIdentity.id).where(
            CustomerIdentity.customer_id == ticket.customer_id,
            CustomerIdentity.kind == kind.value,
            CustomerIdentity.value == value,
        )
    )
    if customer_has_it is not None:
        return True
    return (
        session.scalar(
            select(TicketParticipant.ticket_id).where(
                TicketParticipant.ticket_id == ticket_id,
                TicketParticipant.kind == kind.value,
                TicketParticipant.value == value,
            )
        )
        is not None
    )


def participants_of(session: Session, ticket_id: int, kind: IdentityKind) -> list[str]:
    """The others in a conversation (e.g. colleagues on a mail's CC), in the order they joined."""
    return list(
        session.scalars(
            select(TicketParticipant.value)
            .where(TicketParticipant.ticket_id == ticket_id, TicketParticipant.kind == kind.value)
            .order_by(TicketParticipant.created_at, TicketParticipant.value)
        )
    )


def receive(
    session: Session, inbound: InboundMessage, decision: ThreadDecision, storage: Storage
) -> Received:
    """Store ``inbound`` on the ticket ``decision`` chose, or on a new one."""
    if inbound.external_id:
        seen = already_received(session, inbound.channel, inbound.external_id)
        if seen is not None:
            return Received(
                tickets.get_ticket(session, seen.ticket_id), seen.message_id, False, True
            )
    if decision.ticket_id is not None:
        ticket, message_id = _continue(session, inbound, decision.ticket_id, storage)
        opened = False
    else:
        ticket, message_id = _open(session, inbound, storage)
        opened = True
    _add_participants(session, ticket, inbound.participants)
    session.add(
        ChannelMessage(
            channel=inbound.channel.value,
            external_id=inbound.external_id,
            message_id=message_id,
            ticket_id=ticket.id,
            rule=decision.rule.value,
            reason=decision.reason,
            reason_params=dict(decision.params),
            created_at=clock.now(),
        )
    )
    session.flush()
    return Received(ticket, message_id, opened, False)


def _continue(
    session: Session, inbound: InboundMessage, ticket_id: int, storage: Storage
) -> tuple[Ticket, int]:
    author_id = None
    if inbound.author == AuthorKind.CUSTOMER:
        author_id = recognise(session, inbound.sender).id
    message: Message = tickets.add_message(
        session,
        ticket_id,
        body=inbound.text,
        body_html=inbound.html,
        public=inbound.public,
        actor=None,
        author_kind=inbound.author,
        customer_id=author_id,
        channel=inbound.channel,
        attachments=inbound.attachments or None,
        attachments_root=storage.attachments_root,
        max_attachment_bytes=storage.max_attachment_bytes,
    )
    return tickets.get_ticket(session, ticket_id), message.id


def _open(session: Session, inbound: InboundMessage, storage: Storage) -> tuple[Ticket, int]:
    ticket, _ = tickets.open_ticket(
        session,
        tickets.NewTicket(
            subject=(inbound.subject or inbound.text[:60] or "(无主题)")[:200],
            description=inbound.text,
            description_html=inbound.html,
            customer=inbound.sender,
            channel=inbound.channel,
            entry_point=inbound.entry_point,
        ),
        actor=None,
        timezone=storage.timezone,
    )
    message_id = tickets.first_message_id(session, ticket.id)
    if inbound.attachments:
        tickets.attach_files(
            session,
            ticket.id,
            message_id,
            inbound.attachments,
            storage.attachments_root,
            storage.max_attachment_bytes,
        )
    return ticket, message_id


def _add_participants(
    session: Session, ticket: Ticket, participants: list[tuple[IdentityKind, str]]
) -> None:
    wanted = {(kind.value, value) for kind, value in participants if value}
    if not wanted:
        return
    rows = session.execute(
        select(TicketParticipant.kind, TicketParticipant.value).where(
            TicketParticipant.ticket_id == ticket.id
        )
    )
    present = {(str(kind), str(value)) for kind, value in rows}
    now = clock.now()
    fresh = [
        {"ticket_id": ticket.id, "kind": kind, "value": value, "created_at": now}
        for kind, value in sorted(wanted - present)
    ]
    if fresh:
        session.connection().execute(_INSERT_PARTICIPANT, fresh)


def why(session: Session, message_ids: list[int], locale: str) -> dict[int, tuple[str, str, str]]:
    """For each message: (channel, rule, reason in ``locale``) of how it arrived, when a channel
    delivered it."""
    if not message_ids:
        return {}
    rows = session.execute(
        select(
            ChannelMessage.message_id,
            ChannelMessage.channel,
            ChannelMessage.rule,
            ChannelMessage.reason,
            ChannelMessage.reason_params,
        ).where(ChannelMessage.message_id.in_(message_ids))
    )
    return {
        int(mid): (str(ch), str(rule), translate(str(code), locale, **(params or {})))
        for mid, ch, rule, code, params in rows
    }


def move_messages(session: Session, from_id: int, to_id: int, ids: list[int] | None) -> None:
    """Tickets regrouped (merge: ``ids`` None; split: the moved messages): arrivals follow
    their messages, and on a merge the participants of both take part in the result."""
    stmt = update(ChannelMessage).where(ChannelMessage.ticket_id == from_id)
    if ids is not None:
        stmt = stmt.where(ChannelMessage.message_id.in_(ids))
    session.execute(stmt.values(ticket_id=to_id))
    if ids is None:
        rows = session.execute(
            select(TicketParticipant.kind, TicketParticipant.value).where(
                TicketParticipant.ticket_id == from_id
            )
        )
        target = tickets.get_ticket(session, to_id)
        _add_participants(session, target, [(IdentityKind(k), str(v)) for k, v in rows])
