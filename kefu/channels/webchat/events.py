"""Facts of the web chat channel, recorded in the outbox. They are signals, not messages: a
page shows "对方正在输入…" or marks messages read from them, nothing else reads them back.

``who`` is ``customer`` (the visitor's widget) or ``agent`` (an agent's page, ``user_id`` the
agent). ``ticket_id`` is the ticket that holds the conversation now (merges followed)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ChatTicketAdded:
    """The chat of ``session_id`` is now on ``ticket_id`` too (its first message, or the first
    after the last matter was finished): the visitor's open tabs start showing that ticket."""

    session_id: int
    ticket_id: int


@dataclass(frozen=True)
class ChatTyping:
    """Someone is typing in the chat of ``ticket_id``: at most one every few seconds a side."""

    ticket_id: int
    who: str
    user_id: int | None


@dataclass(frozen=True)
class ChatRead:
    """One side has read the chat of ``ticket_id`` up to message ``last_id``."""

    ticket_id: int
    who: str
    user_id: int | None
    last_id: int
