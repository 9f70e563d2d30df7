"""Points where contexts built on tickets act inside a ticket's own transaction: routing
classifies a new request before its row is written (so delivery costs no extra statement), and
SLA clocks follow every change. Tickets cannot import those contexts; ``kefu/wiring.py``
registers them here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from kefu.customers.models import Customer
from kefu.tickets.models import Ticket
from kefu.users.rules import Role
from kefu.users.service import Principal


@dataclass(frozen=True)
class Draft:
    """What is known of a request before its ticket exists."""

    channel: str
    type: str
    priority: str
    catalog_item_id: int | None
    customer: Customer
    text: str
    entry_point: str = ""


@dataclass
class Classification:
    """What routing decided for a draft; applied when the row is written."""

    group_id: int | None = None
    priority: str | None = None
    assignee_id: int | None = None
    tags: list[str] = field(default_factory=list)
    # Work that needs the ticket's id (notifications): run right after the row exists.
    then: Callable[[Session, Ticket], None] | None = None


Classifier = Callable[[Session, Draft], Classification]
# kind: "opened", "message" (a message was added), "changed" (fields changed, given in order)
TicketHook = Callable[[Session, Ticket, str, tuple[str, ...]], None]

_classifier: list[Classifier] = []
_ticket_hooks: dict[str, TicketHook] = {}


def set_classifier(classifier: Classifier | None) -> None:
    _classifier[:] = [classifier] if classifier else []


def classify(session: Session, draft: Draft) -> Classification:
    return _classifier[0](session, draft) if _classifier else Classification()


def on_ticket_event(name: str, hook: TicketHook) -> None:
    """Register (or replace) the hook called ``name``."""
    _ticket_hooks[name] = hook


def ticket_event(session: Session, ticket: Ticket, kind: str, fields: tuple[str, ...] = ()) -> None:
    for hook in _ticket_hooks.values():
        hook(session, ticket, kind, fields)


# Which groups' tickets a viewer may not see (routing's private desks): (session, user id,
# role) → group ids. Unset, everyone sees everything.
HiddenGroups = Callable[[Session, int, Role], frozenset[int]]
_hidden_groups: list[HiddenGroups] = []


def set_visibility(hidden: HiddenGroups | None) -> None:
    _hidden_groups[:] = [hidden] if hidden else []


def hidden_groups_for(session: Session, viewer: Principal) -> frozenset[int]:
    return (
        _hidden_groups[0](session, viewer.user_id, viewer.role) if _hidden_groups else frozenset()
    )


def may_see(session: Session, viewer: Principal, ticket: Ticket) -> bool:
    """A ticket of a private desk only for that desk's members, its assignee and supervisors."""
    if ticket.assignee_id == viewer.user_id or ticket.group_id is None:
        return True
    return ticket.group_id not in hidden_groups_for(session, viewer)
