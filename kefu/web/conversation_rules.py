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
    hidden_groups: Collection[int],
    *,
    assignee_id: int | None,
    group_id: int | None,
) -> bool:
    """Supervisors and admins see every ticket. An agent sees every ticket but those of a
    private desk they are not on (``hidden_groups``, from routing), and even those when the
    ticket is assigned to them. The REST API applies the same rule (``tickets.may_see``)."""
    if RANK[role] >= RANK[Role.SUPERVISOR] or assignee_id == user_id or group_id is None:
        return True
    return group_id not in hidden_groups


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
