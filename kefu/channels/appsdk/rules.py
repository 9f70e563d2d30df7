"""Pure rules of the app SDK channel: token shape and lifetime, message checks, and how an app's
message finds its ticket."""

from __future__ import annotations

import re
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.errors import FieldError

TOKEN_PREFIX = "kfa_"  # tells a customer token from a staff one at a glance (logs, support)
TOKEN_DAYS = 30  # an app refreshes through its back end; a leaked token dies on its own
MAX_TEXT = 5000
CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")


def new_token() -> str:
    return TOKEN_PREFIX + secrets.token_urlsafe(32)


def looks_like_token(value: str) -> bool:
    return value.startswith(TOKEN_PREFIX) and len(value) > len(TOKEN_PREFIX) + 20


def expires(now: datetime, days: int = TOKEN_DAYS) -> datetime:
    return now + timedelta(days=days)


@dataclass(frozen=True)
class Checked:
    text: str
    client_id: str | None


def check_message(text: str, client_id: str | None) -> tuple[Checked | None, dict[str, FieldError]]:
    """A customer's message: not empty once trimmed, not too long; the app's own id for it
    (used to recognise a retry) short and plain."""
    errors: dict[str, FieldError] = {}
    cleaned = text.strip()
    if not cleaned:
        errors["body"] = FieldError("appsdk.body_empty")
    elif len(cleaned) > MAX_TEXT:
        errors["body"] = FieldError("appsdk.body_too_long", {"max": MAX_TEXT})
    if client_id is not None and not CLIENT_ID.match(client_id):
        errors["client_id"] = FieldError("appsdk.client_id_invalid")
    if errors:
        return None, errors
    return Checked(cleaned, client_id), {}


def external_id(customer_id: int, client_id: str | None) -> str | None:
    """The channel id of an app message: a retry with the same client id stores nothing new.
    Scoped by customer, so two customers' apps never collide."""
    return f"{customer_id}:{client_id}" if client_id else None


def decide_thread(ticket_id: int | None) -> ThreadDecision:
    """A message on a conversation continues it unless it was closed; opening a conversation
    always makes a new ticket."""
    if ticket_id is None:
        return ThreadDecision(None, ThreadRule.NEW, "thread.new_conversation")
    return ThreadDecision(ticket_id, ThreadRule.SESSION, "thread.session")


def may_continue(status: str) -> bool:
    """A closed ticket takes no more messages (the app opens a new conversation); a solved one
    reopens, as a customer's reply would by mail."""
    return status != "closed"
