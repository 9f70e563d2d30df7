"""Typing indicators and read receipts of a web chat, for both sides.

The visitor's widget says it is typing and how far it has read (socket frames); an agent's
page does the same for a ticket (``agent_api.py``). Each is kept on the chat session row (the
read positions only move forward; the typing time throttles the signal to one every
``rules.TYPING_EVERY`` a side) and recorded as an outbox event (``ChatTyping``, ``ChatRead``), so
it reaches the other side's page on every process, through the same stream as the messages.
Each use case here runs inside the caller's transaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kefu.channels.webchat import rules
from kefu.channels.webchat.events import ChatRead, ChatTyping
from kefu.channels.webchat.models import ChatSession, ChatSessionTicket
from kefu.channels.webchat.service import current_ticket, lock_session, tickets_of
from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid
from kefu.core.events import record
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.users.service import Principal

CUSTOMER = "customer"
AGENT = "agent"


@dataclass(frozen=True)
class ChatState:
    """What an agent's page shows of a chat: how far the visitor has read and when they last
    typed; how far the agents have read."""

    ticket_id: int
    customer_read_id: int | None
    customer_typing_at: datetime | None
    agent_read_id: int | None


# -- the visitor --------------------------------------------------------------------------------


def customer_typing(session: Session, session_id: int) -> bool:
    """The visitor is typing: pass it on unless they did within the last few seconds, or the
    chat has no ticket yet (no agent is looking at it). Whether it was passed on."""
    chat = lock_session(session, session_id)
    now = clock.now()
    current = current_ticket(session, chat.ticket_id)
    if current is None or not rules.typing_due(chat.customer_typing_at, now):
        return False
    chat.customer_typing_at = now
    record(session, ChatTyping(current.id, CUSTOMER, None))
    return True


def customer_read(session: Session, session_id: int, last_id: int) -> int | None:
    """The visitor has seen the conversation up to ``last_id`` (a message they can see). The
    new read position, or None when it did not move. A message they cannot see: LookupError."""
    message = session.get(Message, last_id)
    if message is None or not message.public:
        raise LookupError(f"message {last_id} is not in the chat")
    if message.ticket_id not in tickets_of(session, session_id):
        raise LookupError(f"message {last_id} is not in the chat")
    chat = lock_session(session, session_id)
    if not rules.read_moves(chat.customer_read_id, last_id):
        return None
    chat.customer_read_id = last_id
    record(session, ChatRead(message.ticket_id, CUSTOMER, None, last_id))
    return last_id


# -- the agents ---------------------------------------------------------------------------------


def agent_typing(session: Session, ticket_id: int, actor: Principal) -> bool:
    """An agent is typing an answer on ``ticket_id``: passed on to the visitor unless an agent
    did within the last few seconds. Whether it was passed on."""
    chats = _chats_locked(session, ticket_id)
    now = clock.now()
    if not any(rules.typing_due(chat.agent_typing_at, now) for chat in chats):
        return False
    for chat in chats:
        chat.agent_typing_at = now
    record(session, ChatTyping(ticket_id, AGENT, actor.user_id))
    return True


def agent_read(
    session: Session, ticket_id: int, last_id: int | None, actor: Principal
) -> ChatState:
    """The agents have read the chat of ``ticket_id`` up to ``last_id`` (a message of the
    ticket; by default its latest public one). The visitor's widget marks their messages up to
    it 已读."""
    chats = _chats_locked(session, ticket_id)
    if last_id is None:
        last_id = session.scalar(
            select(func.max(Message.id)).where(
                Message.ticket_id == ticket_id, Message.public.is_(True)
            )
        )
    else:
        found = session.get(Message, last_id)
        if found is None or found.ticket_id != ticket_id:
            field = {"last_id": FieldError("webchat.not_in_ticket")}
            raise Invalid("validation_failed", fields=field)
    if last_id is not None:
        moved = [chat for chat in chats if rules.read_moves(chat.agent_read_id, last_id)]
        for chat in moved:
            chat.agent_read_id = last_id
        if moved:
            record(session, ChatRead(ticket_id, AGENT, actor.user_id, last_id))
    session.flush()
    return _state(ticket_id, chats)


def chat_state(session: Session, ticket_id: int) -> ChatState:
    """The chat of ``ticket_id`` as an agent's page shows it (see :class:`ChatState`)."""
    tickets.get_ticket(session, ticket_id)
    ids = sessions_of_ticket(session, ticket_id)
    if not ids:
        raise Conflict("webchat.not_a_chat")
    chats = list(session.scalars(select(ChatSession).where(ChatSession.id.in_(ids))))
    return _state(ticket_id, chats)


def _state(ticket_id: int, chats: list[ChatSession]) -> ChatState:
    customer_read = [c.customer_read_id for c in chats if c.customer_read_id is not None]
    typed = [c.customer_typing_at for c in chats if c.customer_typing_at is not None]
    agent_read = [c.agent_read_id for c in chats if c.agent_read_id is not None]
    return ChatState(
        ticket_id=ticket_id,
        customer_read_id=max(customer_read, default=None),
        customer_typing_at=max(typed, default=None),
        agent_read_id=max(agent_read, default=None),
    )


def sessions_of_ticket(session: Session, ticket_id: int) -> list[int]:
    """The chat sessions whose visitor sees ``ticket_id``: those that were on it, or on a
    ticket merged into it."""
    found, frontier = {ticket_id}, {ticket_id}
    while frontier:
        sources = set(session.scalars(select(Ticket.id).where(Ticket.merged_into_id.in_(frontier))))
        frontier = sources - found
        found |= frontier
    return sorted(
        set(
            session.scalars(
                select(ChatSessionTicket.session_id).where(ChatSessionTicket.ticket_id.in_(found))
            )
        )
    )


def _chats_locked(session: Session, ticket_id: int) -> list[ChatSession]:
    """The ticket's chat sessions, locked in id order (two agents' pages never deadlock)."""
    tickets.get_ticket(session, ticket_id)
    ids = sessions_of_ticket(session, ticket_id)
    if not ids:
        raise Conflict("webchat.not_a_chat")
    stmt = select(ChatSession).where(ChatSession.id.in_(ids)).order_by(ChatSession.id)
    if session.get_bind().dialect.name != "sqlite":  # SQLite's writers are serialised anyway
        stmt = stmt.with_for_update()
    return list(session.scalars(stmt))


def read_by_agents(session: Session, session_id: int) -> int | None:
    """How far the agents have read this visitor's chat (the widget's 已读 marks)."""
    found = session.get(ChatSession, session_id)
    return found.agent_read_id if found is not None else None
