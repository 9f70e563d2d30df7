"""Pure rules of the agent's conversation page: who may open a ticket, and since when the
customer has been waiting for an answer. No I/O."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass
from datetime import datetime

from kefu.tickets.rules import Channel
from kefu.users.rules import RANK, Role

# Chats are answered in seconds (seed 001: never let a customer wait more than 10 s); the other
# channels are measured by their SLA clocks.
CHAT_CHANNELS = frozenset({Channel.WEB_CHAT.value, Channel.WECHAT.value})
FIRST_RESPONSE_GOAL_S = 10
WARN_AFTER_S = 7


def may_open(
    role: Role,
    user_id: int,
    my_groups: Collection[int],
    *,
    assignee_id: int | None,
    group_id: int | None,
) -> bool:
    """Supervisors and admins see every ticket. An agent sees the tickets assigned to them, those
    of their groups (a colleague's included: they cover for each other), and those nobody holds
    yet (no group, no assignee: routing has not placed them, so anyone may pick them up)."""
    if RANK[role] >= RANK[Role.SUPERVISOR]:
        return True
    if assignee_id == user_id:
        return True
    if group_id is not None:
        return group_id in my_groups
    return assignee_id is None


@dataclass(frozen=True)
class Said:
    """One message as the waiting rule sees it."""

    author_kind: str  # customer | agent | system
    public: bool
    at: datetime


def waiting_since(messages: Sequence[Said]) -> datetime | None:
    """When the customer's oldest still unanswered message was sent (None when the last word is
    the agent's): the customer has waited since then, however many messages followed it.
    Internal notes and system messages answer nobody."""
    since: datetime | None = None
    for said in messages:
        if said.author_kind == "agent" and said.public:
            since = None
        elif said.author_kind == "customer" and since is None:
            since = said.at
    return since
