"""Use cases of the web chat channel: starting (or resuming) a visitor's chat, receiving a
message, and reading the conversation back as the visitor may see it.

A message is stored before it is acknowledged: ``receive_message`` returns only once its
transaction has committed, and the socket acknowledges only then. The widget's ``client_id``
is the message's channel id (``<session>:<client_id>``, so two visitors' ids never meet): a
message sent again after a lost acknowledgement finds the first and stores nothing.

A visitor sees the public messages of the tickets their session has been on (and of the
tickets those were merged into), never more: typing someone's phone number into the start form
attaches the chat to that customer's profile for the agents, but shows the visitor nothing of
that customer's other conversations.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, bindparam, func, select
from sqlalchemy.orm import Session

from kefu.channels.webchat import rules
from kefu.channels.webchat.events import ChatTicketAdded
from kefu.channels.webchat.models import ChatSession, ChatSessionTicket
from kefu.channels.webchat.rules import ChatStatus, QueuePlace, StartForm, TicketState
from kefu.conversations import service as conversations
from kefu.conversations.models import ChannelMessage
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.events import record
from kefu.core.i18n import DEFAULT_LOCALE
from kefu.core.security import token_digest
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, normalise_identities, recognise
from kefu.routing import service as routing
from kefu.tickets.models import Attachment, Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel
from kefu.tickets.service import NewAttachment
from kefu.users.models import User

CHANNEL = Channel.WEB_CHAT
TOKEN_PREFIX = "kfc_"
HISTORY_LIMIT = 200  # messages shown when a chat is resumed
REPLAY_LIMIT = 1000  # messages replayed to a reconnecting socket at most


@dataclass(frozen=True)
class Visitor:
    """A chat session as the socket knows it."""

    session_id: int
    customer_id: int | None


@dataclass(frozen=True)
class Started:
    token: str  # shown to the visitor's browser; only its digest is stored
    resumed: bool
    visitor: Visitor


@dataclass(frozen=True)
class Stored:
    message_id: int
    ticket_id: int
    customer_id: int
    opened: bool
    duplicate: bool


@dataclass(frozen=True)
class ChatFile:
    """A file on a message, with the address the visitor's browser fetches it from (signed for
    this chat: an ``<img>`` cannot send the visitor's token)."""

    id: int
    filename: str
    content_type: str
    size: int
    image: bool
    url: str

    def frame(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "filename": self.filename,
            "content_type": self.content_type,
            "size": self.size,
            "image": self.image,
            "url": self.url,
        }


@dataclass(frozen=True)
class ChatMessage:
    """A public message of the conversation as the visitor sees it."""

    id: int
    ticket_id: int
    author: str  # customer, agent or system
    name: str | None  # the agent's label ("客服8号"); None for the visitor and the system
    text: str
    at: datetime
    client_id: str | None  # the widget's id, on the visitor's own messages
    files: tuple[ChatFile, ...] = ()

    def frame(self) -> dict[str, Any]:
        return {
            "type": "message",
            "id": self.id,
            "author": self.author,
            "name": self.name,
            "text": self.text,
            "at": self.at.isoformat(),
            "client_id": self.client_id,
            "files": [f.frame() for f in self.files],
        }


# -- sessions ----------------------------------------------------------------------------------

_BY_DIGEST = select(ChatSession.id, ChatSession.customer_id).where(
    ChatSession.token_digest == bindparam("digest")
)


def authenticate(db: Session | Connection, token: str) -> Visitor | None:
    """The chat session holding ``token``, or None."""
    if not token or not token.startswith(TOKEN_PREFIX):
        return None
    row = db.execute(_BY_DIGEST, {"digest": token_digest(token)}).first()
    return Visitor(int(row.id), row.customer_id) if row is not None else None


def start(session: Session, form: StartForm) -> Started:
    """Resume the chat of ``form.token`` if it is one of ours; otherwise start a new one. A
    phone or email given is checked (a bad one refused with the field named) and recognises
    the customer; without either, the customer is created with the first message."""
    if form.token:
        chat = session.scalar(
            select(ChatSession).where(ChatSession.token_digest == token_digest(form.token))
        )
        if chat is not None:
            chat.last_seen_at = clock.now()
            return Started(form.token, True, Visitor(chat.id, chat.customer_id))
    raw = {IdentityKind.PHONE: form.phone, IdentityKind.EMAIL: form.email}
    identities = normalise_identities({k: v for k, v in raw.items() if v})
    customer_id = None
    if identities:
        customer_id = recognise(session, CustomerInput(form.name or None, identities)).id
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    now = clock.now()
    chat = ChatSession(
        token_digest=token_digest(token),
        customer_id=customer_id,
        name=form.name,
        shop=form.shop,
        page=form.page,
        ticket_id=None,
        created_at=now,
        last_seen_at=now,
    )
    session.add(chat)
    session.flush()
    return Started(token, False, Visitor(chat.id, customer_id))


# -- receiving ---------------------------------------------------------------------------------


def receive_message(
    db: Database,
    settings: Settings,
    session_id: int,
    client_id: str,
    text: str,
    *,
    files: tuple[NewAttachment, ...] = (),
    subject: str = "",
) -> Stored:
    """Store one visitor message (its words, its files, or both) on the session's unfinished
    ticket, or on a new one; returns after the commit. The same ``client_id`` again stores
    nothing and gives the first id. ``subject``: a new ticket's, when the words cannot give one
    (a picture sent first)."""
    storage = conversations.Storage(
        settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
    )
    inbound = _Inbound(session_id, client_id, text, files, subject)
    return db.retrying(lambda session: _store(session, storage, inbound))


@dataclass(frozen=True)
class _Inbound:
    session_id: int
    client_id: str
    text: str
    files: tuple[NewAttachment, ...]
    subject: str


def _store(session: Session, storage: conversations.Storage, said: _Inbound) -> Stored:
    chat = lock_session(session, said.session_id)
    for upload in said.files:
        upload.stream.seek(0)  # a retried transaction reads the files again
    inbound = conversations.InboundMessage(
        channel=CHANNEL,
        external_id=f"{chat.id}:{said.client_id}",
        sender=CustomerInput(
            name=chat.name or rules.visitor_name(chat.id, DEFAULT_LOCALE),
            customer_id=chat.customer_id,
        ),
        subject=said.subject,  # mostly none: the ticket takes the message's first words
        text=said.text,
        entry_point=rules.entry_point(chat.shop),
        attachments=list(said.files),
    )
    decision = rules.decide_thread(current_ticket(session, chat.ticket_id))
    received = conversations.receive(session, inbound, decision, storage)
    ticket_id, customer_id = received.ticket.id, received.ticket.customer_id
    if not received.duplicate:
        now = clock.now()
        if chat.customer_id is None:
            chat.customer_id = customer_id
        chat.ticket_id = ticket_id
        chat.last_seen_at = now
        if session.get(ChatSessionTicket, (chat.id, ticket_id)) is None:
            session.add(ChatSessionTicket(session_id=chat.id, ticket_id=ticket_id, created_at=now))
            record(session, ChatTicketAdded(chat.id, ticket_id))
        session.flush()
    customer_id = chat.customer_id or customer_id
    return Stored(received.message_id, ticket_id, customer_id, received.opened, received.duplicate)


def lock_session(session: Session, session_id: int) -> ChatSession:
    """The session row, locked: two messages sent at once must not both open a ticket."""
    stmt = select(ChatSession).where(ChatSession.id == session_id)
    if session.get_bind().dialect.name != "sqlite":  # SQLite's writers are serialised anyway
        stmt = stmt.with_for_update()
    chat = session.scalar(stmt)
    if chat is None:
        raise LookupError(f"chat session {session_id} is gone")
    return chat


def current_ticket(session: Session, ticket_id: int | None) -> TicketState | None:
    """The session's ticket, followed through merges to the one that holds it now."""
    seen: set[int] = set()
    while ticket_id is not None and ticket_id not in seen:
        seen.add(ticket_id)
        row = session.execute(
            select(Ticket.id, Ticket.status, Ticket.merged_into_id).where(Ticket.id == ticket_id)
        ).first()
        if row is None:
            return None
        if row.merged_into_id is None:
            return TicketState(row.id, row.status)
        ticket_id = row.merged_into_id
    return None


# -- reading the conversation ------------------------------------------------------------------


def tickets_of(session: Session, session_id: int) -> frozenset[int]:
    """The tickets whose public messages the visitor sees: the session's, and those they were
    merged into."""
    found = set(
        session.scalars(
            select(ChatSessionTicket.ticket_id).where(ChatSessionTicket.session_id == session_id)
        )
    )
    frontier = set(found)
    while frontier:
        targets = set(
            session.scalars(
                select(Ticket.merged_into_id).where(
                    Ticket.id.in_(frontier), Ticket.merged_into_id.is_not(None)
                )
            )
        )
        frontier = {t for t in targets if t is not None} - found
        found |= frontier
    return frozenset(found)


def history(session: Session, session_id: int, locale: str) -> list[ChatMessage]:
    """The latest messages of the conversation, oldest first (what a resumed widget shows)."""
    tickets = tickets_of(session, session_id)
    if not tickets:
        return []
    query = _public(tickets).order_by(Message.id.desc()).limit(HISTORY_LIMIT)
    return list(reversed(_read(session, session_id, query, locale)))


def messages_after(
    session: Session, session_id: int, after: int, locale: str, tickets: frozenset[int]
) -> list[ChatMessage]:
    """Every message after ``after`` (a message id the visitor has), oldest first: what a
    reconnecting widget missed."""
    if not tickets:
        return []
    query = _public(tickets).where(Message.id > after).order_by(Message.id).limit(REPLAY_LIMIT)
    return _read(session, session_id, query, locale)


def messages_by_id(
    session: Session, session_id: int, ids: list[int], locale: str, tickets: frozenset[int]
) -> list[ChatMessage]:
    """Those of ``ids`` the visitor may see (public, on their tickets), oldest first."""
    if not ids or not tickets:
        return []
    query = _public(tickets).where(Message.id.in_(ids)).order_by(Message.id)
    return _read(session, session_id, query, locale)


def latest_message_id(session: Session, tickets: frozenset[int]) -> int:
    if not tickets:
        return 0
    found = session.scalar(
        select(func.max(Message.id)).where(Message.ticket_id.in_(tickets), Message.public.is_(True))
    )
    return int(found or 0)


def _public(tickets: frozenset[int]) -> Any:
    return select(Message).where(Message.ticket_id.in_(sorted(tickets)), Message.public.is_(True))


def _read(session: Session, session_id: int, query: Any, locale: str) -> list[ChatMessage]:
    messages: list[Message] = list(session.scalars(query))
    if not messages:
        return []
    ids = [m.id for m in messages]
    prefix = f"{session_id}:"
    client_ids = {
        int(message_id): str(external_id).removeprefix(prefix)
        for message_id, external_id in session.execute(
            select(ChannelMessage.message_id, ChannelMessage.external_id).where(
                ChannelMessage.message_id.in_(ids), ChannelMessage.channel == CHANNEL.value
            )
        )
        if external_id is not None and str(external_id).startswith(prefix)
    }
    names = _agent_labels(session, {m.author_user_id for m in messages}, locale)
    files = _files_of(session, session_id, ids)
    return [
        ChatMessage(
            id=m.id,
            ticket_id=m.ticket_id,
            author=m.author_kind,
            name=names.get(m.author_user_id) if m.author_user_id is not None else None,
            text=m.body_text,
            at=m.created_at,
            client_id=client_ids.get(m.id),
            files=tuple(files.get(m.id, ())),
        )
        for m in messages
    ]


def _files_of(
    session: Session, session_id: int, message_ids: list[int]
) -> dict[int, list[ChatFile]]:
    found = list(
        session.scalars(
            select(Attachment).where(Attachment.message_id.in_(message_ids)).order_by(Attachment.id)
        )
    )
    if not found:
        return {}
    digest = session.scalar(select(ChatSession.token_digest).where(ChatSession.id == session_id))
    files: dict[int, list[ChatFile]] = {}
    for a in found:
        url = rules.file_path(session_id, a.id, rules.file_signature(digest or "", a.id))
        image = a.content_type in rules.IMAGE_TYPES
        chat_file = ChatFile(a.id, a.filename, a.content_type, a.size, image, url)
        files.setdefault(int(a.message_id or 0), []).append(chat_file)
    return files


def agent_label(session: Session, user_id: int, locale: str) -> str | None:
    """How the visitor is told who an agent is (客服8号)."""
    return _agent_labels(session, {user_id}, locale).get(user_id)


def _agent_labels(session: Session, user_ids: set[int | None], locale: str) -> dict[int, str]:
    wanted = {u for u in user_ids if u is not None}
    if not wanted:
        return {}
    rows = session.execute(
        select(User.id, User.work_number, User.display_name).where(User.id.in_(wanted))
    )
    return {int(user_id): rules.agent_label(number, name, locale) for user_id, number, name in rows}


# -- the visitor's place in the queue ----------------------------------------------------------


def status(session: Session, session_id: int, locale: str) -> ChatStatus:
    """Waiting (with the place in the line and the estimated wait), served (by whom) or idle."""
    chat = session.get(ChatSession, session_id)
    current = current_ticket(session, chat.ticket_id) if chat is not None else None
    if current is None:
        return rules.chat_status(None, None, None)
    ticket = session.get(Ticket, current.id)
    assert ticket is not None
    # Served by the assignee, or by whoever answered an unassigned chat.
    agent_id = ticket.assignee_id or _last_answered_by(session, ticket.id)
    agent = None
    if agent_id is not None:
        agent = _agent_labels(session, {agent_id}, locale).get(agent_id)
    place = None
    if agent is None and ticket.group_id is not None:
        online, line = routing.queue_of(session, ticket.group_id)
        mine = next((w for w in line if w.item.ticket_id == ticket.id), None)
        if mine is not None:
            place = QueuePlace(mine.position, mine.estimated_wait_s, online)
    return rules.chat_status(current, agent, place)


def _last_answered_by(session: Session, ticket_id: int) -> int | None:
    return session.scalar(
        select(Message.author_user_id)
        .where(
            Message.ticket_id == ticket_id,
            Message.author_kind == AuthorKind.AGENT.value,
            Message.public.is_(True),
            Message.author_user_id.is_not(None),
        )
        .order_by(Message.id.desc())
        .limit(1)
    )
