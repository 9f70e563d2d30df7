"""Assignment (分配): presence, capacity, strategies, the backlog and the queue. Pure: agents'
states and the waiting work are handed in; nothing here reads a clock or a database.

The peers' assignment bugs each rule prevents are named in its docstring (research §3E).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum


class Presence(StrEnum):
    ONLINE = "online"  # the only state that receives new work automatically
    BUSY = "busy"
    AWAY = "away"
    OFFLINE = "offline"


class Strategy(StrEnum):
    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"
    SKILLS = "skills"
    STICKY = "sticky"


class WorkKind(StrEnum):
    CHAT = "chat"  # a live web chat, WeChat or app conversation: counts against chat capacity
    TICKET = "ticket"


# Channels whose conversations are live (the handbooks' 10-second reply): they count against an
# agent's chat capacity; everything else is a ticket.
CHAT_CHANNELS = frozenset({"web_chat", "wechat", "app_sdk"})


def work_kind(channel: str) -> WorkKind:
    return WorkKind.CHAT if channel in CHAT_CHANNELS else WorkKind.TICKET


class AssignmentRule(StrEnum):
    """How the agent was chosen; QUEUED when nobody was (the work waits)."""

    ROUND_ROBIN = "round_robin"
    LEAST_LOADED = "least_loaded"
    SKILLS = "skills"
    STICKY = "sticky"
    QUEUED = "queued"


@dataclass(frozen=True)
class AgentState:
    user_id: int
    presence: Presence
    chat_capacity: int
    ticket_capacity: int
    active_chats: int
    open_tickets: int
    skills: frozenset[str] = frozenset()
    last_assigned_at: datetime | None = None


@dataclass(frozen=True)
class WorkItem:
    ticket_id: int
    kind: WorkKind
    waiting_since: datetime
    required_skills: frozenset[str] = frozenset()
    previous_agent_id: int | None = None


@dataclass(frozen=True)
class AssignmentDecision:
    agent_id: int | None
    rule: AssignmentRule
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


# -- capacity -----------------------------------------------------------------------------------


def load_of(agent: AgentState, kind: WorkKind) -> tuple[int, int]:
    """(work held, capacity) for ``kind``: chats and tickets are counted apart, since an agent
    can hold a few live chats and many tickets at once."""
    if kind == WorkKind.CHAT:
        return agent.active_chats, agent.chat_capacity
    return agent.open_tickets, agent.ticket_capacity


def has_room(agent: AgentState, kind: WorkKind) -> bool:
    """Only an ONLINE agent below capacity takes new work: never beyond capacity, whatever the
    strategy (Chatwoot #11034 piles chats onto one agent past the per-agent limit)."""
    held, capacity = load_of(agent, kind)
    return agent.presence == Presence.ONLINE and held < capacity


def load_ratio(agent: AgentState, kind: WorkKind) -> float:
    """The share of capacity in use (infinite without capacity), what least-loaded compares."""
    held, capacity = load_of(agent, kind)
    return held / capacity if capacity > 0 else math.inf


_NEVER = datetime.min.replace(tzinfo=UTC)


def _with_room(agents: Sequence[AgentState], kind: WorkKind) -> list[AgentState]:
    """The agents ``has_room`` accepts, in one pass (the hot loop of every strategy)."""
    online = Presence.ONLINE
    if kind == WorkKind.CHAT:
        return [a for a in agents if a.presence == online and a.active_chats < a.chat_capacity]
    return [a for a in agents if a.presence == online and a.open_tickets < a.ticket_capacity]


_Key = tuple[float, datetime, int]  # load ratio, last assigned, user id


def _chat_key(a: AgentState) -> _Key:
    return a.active_chats / a.chat_capacity, a.last_assigned_at or _NEVER, a.user_id


def _ticket_key(a: AgentState) -> _Key:
    return a.open_tickets / a.ticket_capacity, a.last_assigned_at or _NEVER, a.user_id


def _params(agent: AgentState, kind: WorkKind, **extra: str) -> dict[str, str]:
    held, capacity = load_of(agent, kind)
    return {"agent": str(agent.user_id), "load": str(held), "capacity": str(capacity), **extra}


def _queued(agents: Sequence[AgentState], kind: WorkKind, **extra: str) -> AssignmentDecision:
    """Nobody takes the work now: say whether nobody is online or everybody is full."""
    if not any(a.presence == Presence.ONLINE for a in agents):
        reason = "routing.assign.nobody_online"
    else:
        reason = "routing.assign.all_full"
    return AssignmentDecision(None, AssignmentRule.QUEUED, reason, {"kind": str(kind), **extra})


# -- strategies ---------------------------------------------------------------------------------


def _round_robin(
    agents: Sequence[AgentState], item: WorkItem, cursor: int | None
) -> AssignmentDecision:
    """Round robin (轮流分配): the first eligible agent after ``cursor`` (the user id given work
    last) in user-id order, wrapping around. The cursor is a user id, not a list index, so an
    agent going offline or joining does not shift everybody's turn (Zammad #854 asks for this;
    osTicket, FreeScout and UVdesk lack it)."""
    eligible = _with_room(agents, item.kind)
    if not eligible:
        return _queued(agents, item.kind)
    after = [a for a in eligible if a.user_id > cursor] if cursor is not None else []
    chosen = min(after or eligible, key=lambda a: a.user_id)
    params = _params(chosen, item.kind, after="-" if cursor is None else str(cursor))
    return AssignmentDecision(
        chosen.user_id, AssignmentRule.ROUND_ROBIN, "routing.assign.round_robin", params
    )


def _pick_least_loaded(agents: Sequence[AgentState], kind: WorkKind) -> AgentState | None:
    """An agent with room has a capacity above zero, so the ratio is safe to compute."""
    eligible = _with_room(agents, kind)
    if not eligible:
        return None
    return min(eligible, key=_chat_key if kind == WorkKind.CHAT else _ticket_key)


def _least_loaded(
    agents: Sequence[AgentState], item: WorkItem, cursor: int | None
) -> AssignmentDecision:
    """Least loaded (负载均衡): the lowest share of capacity in use; ties go to the agent given
    work least recently, then to the lower user id. No piling onto one agent while others are
    free (Chatwoot #11034)."""
    chosen = _pick_least_loaded(agents, item.kind)
    if chosen is None:
        return _queued(agents, item.kind)
    return AssignmentDecision(
        chosen.user_id,
        AssignmentRule.LEAST_LOADED,
        "routing.assign.least_loaded",
        _params(chosen, item.kind),
    )


def _skills(agents: Sequence[AgentState], item: WorkItem, cursor: int | None) -> AssignmentDecision:
    """Skills (技能组): only agents having every required skill, then the least loaded of them.
    When nobody has the skills the work is not given to an unskilled agent: it waits, and the
    reason names the missing skills so a supervisor can act. Work needing no skill goes to
    the least loaded agent."""
    if not item.required_skills:
        return _least_loaded(agents, item, cursor)
    skills = "、".join(sorted(item.required_skills))
    skilled = [a for a in agents if item.required_skills <= a.skills]
    if not skilled:
        return AssignmentDecision(
            None, AssignmentRule.QUEUED, "routing.assign.no_skilled_agent", {"skills": skills}
        )
    chosen = _pick_least_loaded(skilled, item.kind)
    if chosen is None:
        return AssignmentDecision(
            None, AssignmentRule.QUEUED, "routing.assign.skilled_unavailable", {"skills": skills}
        )
    params = _params(chosen, item.kind, skills=skills)
    return AssignmentDecision(
        chosen.user_id, AssignmentRule.SKILLS, "routing.assign.skills", params
    )


def _sticky_miss(agents: Sequence[AgentState], item: WorkItem) -> tuple[str, dict[str, str]]:
    """Why the previous agent cannot take the work back."""
    previous = item.previous_agent_id
    if previous is None:
        return "routing.assign.sticky_no_previous", {}
    agent = next((a for a in agents if a.user_id == previous), None)
    if agent is None:
        return "routing.assign.sticky_previous_gone", {"previous": str(previous)}
    if agent.presence != Presence.ONLINE:
        params = {"previous": str(previous), "presence": str(agent.presence)}
        return "routing.assign.sticky_previous_not_online", params
    return "routing.assign.sticky_previous_full", {"previous": str(previous)}


def _sticky(agents: Sequence[AgentState], item: WorkItem, cursor: int | None) -> AssignmentDecision:
    """Sticky (原客服优先): the agent who handled the customer before, if ONLINE with room.
    Otherwise the work falls back to the least loaded agent and the reason says why: a reopened
    conversation whose previous agent is offline must not wait for them (Chatwoot #9587)."""
    previous = next((a for a in agents if a.user_id == item.previous_agent_id), None)
    if previous is not None and has_room(previous, item.kind):
        return AssignmentDecision(
            previous.user_id,
            AssignmentRule.STICKY,
            "routing.assign.sticky",
            _params(previous, item.kind),
        )
    why, why_params = _sticky_miss(agents, item)
    chosen = _pick_least_loaded(agents, item.kind)
    if chosen is None:
        return _queued(agents, item.kind, fallback=why)
    params = _params(chosen, item.kind, **why_params)
    return AssignmentDecision(chosen.user_id, AssignmentRule.LEAST_LOADED, why, params)


_Chooser = Callable[[Sequence[AgentState], WorkItem, int | None], AssignmentDecision]
_STRATEGIES: dict[Strategy, _Chooser] = {
    Strategy.ROUND_ROBIN: _round_robin,
    Strategy.LEAST_LOADED: _least_loaded,
    Strategy.SKILLS: _skills,
    Strategy.STICKY: _sticky,
}


def choose_agent(
    strategy: Strategy,
    agents: Sequence[AgentState],
    item: WorkItem,
    *,
    cursor: int | None = None,
) -> AssignmentDecision:
    """The agent who gets ``item`` under ``strategy``, or None (it waits in the queue), with
    the reason. Whatever the strategy, only ONLINE agents below capacity are chosen: work given
    to someone away or offline waits unseen (the requests to include offline agents, Chatwoot
    #5672, are answered here by the queue and the sticky fallback instead)."""
    return _STRATEGIES[Strategy(strategy)](agents, item, cursor)


# -- backlog and queue --------------------------------------------------------------------------


def _oldest_first(waiting: Sequence[WorkItem]) -> list[WorkItem]:
    return sorted(waiting, key=lambda w: (w.waiting_since, w.ticket_id))


def _one_more(agent: AgentState, kind: WorkKind, at: datetime) -> AgentState:
    if kind == WorkKind.CHAT:
        return replace(agent, active_chats=agent.active_chats + 1, last_assigned_at=at)
    return replace(agent, open_tickets=agent.open_tickets + 1, last_assigned_at=at)


def _latest(agents: Sequence[AgentState], waiting: Sequence[WorkItem]) -> datetime:
    stamps = [a.last_assigned_at for a in agents if a.last_assigned_at is not None]
    return max([*stamps, *(w.waiting_since for w in waiting)])


# Reasons meaning nobody at all can take this kind of work: later items of the kind are skipped.
_KIND_EXHAUSTED = frozenset({"routing.assign.nobody_online", "routing.assign.all_full"})


def assign_backlog(
    strategy: Strategy,
    agents: Sequence[AgentState],
    waiting: Sequence[WorkItem],
    *,
    cursor: int | None = None,
) -> tuple[tuple[int, int], ...]:
    """(ticket id, agent id) pairs for the waiting work that can be placed now, oldest waiting
    first, counting each assignment against the agent's load before the next one, so freed
    capacity drains the backlog in arrival order (Chatwoot #10376 leaves it unassigned).

    An item nobody can take (missing skills) is passed over, not allowed to block the items
    behind it. Within the batch, each assignment counts as more recent than any before it, so
    least-loaded ties rotate rather than fall on the same agent."""
    if not waiting:
        return ()
    pool = list({a.user_id: a for a in agents}.values())  # one state an agent
    index = {a.user_id: i for i, a in enumerate(pool)}
    stamp = _latest(agents, waiting)
    exhausted: set[WorkKind] = set()
    pairs: list[tuple[int, int]] = []
    for item in _oldest_first(waiting):
        if item.kind in exhausted:
            continue
        decision = choose_agent(strategy, pool, item, cursor=cursor)
        if decision.agent_id is None:
            if decision.reason in _KIND_EXHAUSTED:
                exhausted.add(item.kind)
            continue
        stamp += timedelta(microseconds=1)
        slot = index[decision.agent_id]
        pool[slot] = _one_more(pool[slot], item.kind, stamp)
        pairs.append((item.ticket_id, decision.agent_id))
        cursor = decision.agent_id
    return tuple(pairs)


def queue_position(waiting: Sequence[WorkItem], ticket_id: int) -> int:
    """1 for the next in line, counting only work of the same kind (chats and tickets draw on
    separate capacities, so a waiting chat is not behind waiting tickets); 0 when the ticket
    is not waiting."""
    item = next((w for w in waiting if w.ticket_id == ticket_id), None)
    if item is None:
        return 0
    mine = (item.waiting_since, item.ticket_id)
    return 1 + sum(
        1 for w in waiting if w.kind == item.kind and (w.waiting_since, w.ticket_id) < mine
    )


def estimated_wait_s(position: int, online_agents_with_room: int, average_handle_s: float) -> float:
    """Seconds until work at ``position`` is taken: agents finish one item each per average
    handle time, so the line moves ``online_agents_with_room`` places per ``average_handle_s``.
    0 when not waiting; ``math.inf`` when nobody online can ever take it (no estimate)."""
    if position <= 0:
        return 0.0
    if online_agents_with_room <= 0:
        return math.inf
    return position * max(average_handle_s, 0.0) / online_agents_with_room
