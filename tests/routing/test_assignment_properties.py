"""Properties of assignment over any agents and any backlog: capacity is never exceeded, only
online agents get work, the backlog drains oldest first, and least-loaded is fair."""

from __future__ import annotations

from collections import Counter
from dataclasses import replace
from datetime import UTC, datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from kefu.routing.rules import (
    AgentState,
    Presence,
    Strategy,
    WorkItem,
    WorkKind,
    assign_backlog,
    has_room,
    load_of,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SKILLS = ("退货", "发票", "英语")


@st.composite
def agents_strategy(draw: st.DrawFn) -> list[AgentState]:
    ids = draw(st.lists(st.integers(1, 60), min_size=0, max_size=8, unique=True))
    agents = []
    for user_id in ids:
        chat_capacity = draw(st.integers(0, 4))
        ticket_capacity = draw(st.integers(0, 6))
        agents.append(
            AgentState(
                user_id=user_id,
                presence=draw(st.sampled_from(list(Presence))),
                chat_capacity=chat_capacity,
                ticket_capacity=ticket_capacity,
                # a lowered capacity may leave an agent above it
                active_chats=draw(st.integers(0, chat_capacity + 2)),
                open_tickets=draw(st.integers(0, ticket_capacity + 2)),
                skills=frozenset(draw(st.lists(st.sampled_from(SKILLS), max_size=3))),
                last_assigned_at=draw(st.none() | st.integers(0, 600).map(_minutes)),
            )
        )
    return agents


def _minutes(n: int) -> datetime:
    return T0 + timedelta(minutes=n)


@st.composite
def waiting_strategy(draw: st.DrawFn, first_id: int = 1) -> list[WorkItem]:
    count = draw(st.integers(0, 15))
    return [
        WorkItem(
            ticket_id=first_id + i,
            kind=draw(st.sampled_from(list(WorkKind))),
            waiting_since=_minutes(draw(st.integers(0, 600))),
            required_skills=frozenset(draw(st.lists(st.sampled_from(SKILLS), max_size=2))),
            previous_agent_id=draw(st.none() | st.integers(1, 60)),
        )
        for i in range(count)
    ]


def _apply(
    agents: list[AgentState], pairs: tuple[tuple[int, int], ...], items: list[WorkItem]
) -> list[AgentState]:
    """What the service does with the pairs: each agent holds one more item of its kind."""
    kind_of = {w.ticket_id: w.kind for w in items}
    added = Counter((agent_id, kind_of[ticket_id]) for ticket_id, agent_id in pairs)
    return [
        replace(
            a,
            active_chats=a.active_chats + added[(a.user_id, WorkKind.CHAT)],
            open_tickets=a.open_tickets + added[(a.user_id, WorkKind.TICKET)],
        )
        for a in agents
    ]


def _check_round(
    before: list[AgentState], pairs: tuple[tuple[int, int], ...], items: list[WorkItem]
) -> None:
    assert len({t for t, _ in pairs}) == len(pairs), "a ticket assigned twice"
    assert {t for t, _ in pairs} <= {w.ticket_id for w in items}
    kind_of = {w.ticket_id: w.kind for w in items}
    added = Counter((agent_id, kind_of[ticket_id]) for ticket_id, agent_id in pairs)
    for a in before:
        for kind in WorkKind:
            held, capacity = load_of(a, kind)
            given_now = added[(a.user_id, kind)]
            if a.presence != Presence.ONLINE:
                assert given_now == 0, "work given to an agent who is not online"
            assert given_now <= max(0, capacity - held), "capacity exceeded"


@settings(max_examples=150, deadline=None)
@given(
    agents=agents_strategy(),
    rounds=st.lists(
        st.tuples(
            st.sampled_from(list(Strategy)),
            st.none() | st.integers(1, 60),
            waiting_strategy(),
            st.lists(st.sampled_from(list(Presence)), max_size=8),
            st.integers(0, 2),
        ),
        min_size=1,
        max_size=5,
    ),
)
def test_capacity_is_never_exceeded_over_any_sequence_of_backlog_runs(
    agents: list[AgentState],
    rounds: list[tuple[Strategy, int | None, list[WorkItem], list[Presence], int]],
) -> None:
    for strategy, cursor, waiting, presences, finished in rounds:
        pairs = assign_backlog(strategy, agents, waiting, cursor=cursor)
        _check_round(agents, pairs, waiting)
        agents = _apply(agents, pairs, waiting)
        # between runs agents finish some work and change presence
        agents = [
            replace(
                a,
                presence=presences[i] if i < len(presences) else a.presence,
                active_chats=max(0, a.active_chats - finished),
                open_tickets=max(0, a.open_tickets - finished),
            )
            for i, a in enumerate(agents)
        ]


@settings(max_examples=150, deadline=None)
@given(
    strategy=st.sampled_from([Strategy.LEAST_LOADED, Strategy.ROUND_ROBIN]),
    agents=agents_strategy(),
    waiting=waiting_strategy(),
)
def test_the_backlog_drains_oldest_first_up_to_the_room_left(
    strategy: Strategy, agents: list[AgentState], waiting: list[WorkItem]
) -> None:
    pairs = assign_backlog(strategy, agents, waiting)
    assigned = {t for t, _ in pairs}
    for kind in WorkKind:
        room = sum(
            max(0, load_of(a, kind)[1] - load_of(a, kind)[0]) for a in agents if has_room(a, kind)
        )
        line = sorted(
            (w for w in waiting if w.kind == kind), key=lambda w: (w.waiting_since, w.ticket_id)
        )
        expected = [w.ticket_id for w in line[:room]]
        assert [w.ticket_id for w in line if w.ticket_id in assigned] == expected


@settings(max_examples=200, deadline=None)
@given(
    data=st.data(),
    count=st.integers(1, 12),
    capacity=st.integers(1, 6),
    kind=st.sampled_from(list(WorkKind)),
)
def test_least_loaded_with_equal_capacities_keeps_loads_within_one(
    data: st.DataObject, count: int, capacity: int, kind: WorkKind
) -> None:
    agents = [
        AgentState(
            user_id=i + 1,
            presence=Presence.ONLINE,
            chat_capacity=capacity,
            ticket_capacity=capacity,
            active_chats=0,
            open_tickets=0,
            last_assigned_at=data.draw(st.none() | st.integers(0, 600).map(_minutes)),
        )
        for i in range(count)
    ]
    items = data.draw(st.integers(0, count * capacity))
    waiting = [
        WorkItem(ticket_id=i + 1, kind=kind, waiting_since=_minutes(data.draw(st.integers(0, 60))))
        for i in range(items)
    ]
    pairs = assign_backlog(Strategy.LEAST_LOADED, agents, waiting)
    assert len(pairs) == items
    loads = Counter(agent_id for _, agent_id in pairs)
    per_agent = [loads[a.user_id] for a in agents]
    assert max(per_agent) - min(per_agent) <= 1
