"""Assignment: presence, capacity, the four strategies, the backlog and the queue."""

from __future__ import annotations

import math
from datetime import UTC, datetime, timedelta

from kefu.routing.rules import (
    AgentState,
    AssignmentRule,
    Presence,
    Strategy,
    WorkItem,
    WorkKind,
    assign_backlog,
    choose_agent,
    estimated_wait_s,
    queue_position,
)

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


def agent(
    user_id: int,
    *,
    presence: Presence = Presence.ONLINE,
    chats: int = 0,
    tickets: int = 0,
    chat_capacity: int = 3,
    ticket_capacity: int = 10,
    skills: frozenset[str] = frozenset(),
    last: datetime | None = None,
) -> AgentState:
    return AgentState(
        user_id, presence, chat_capacity, ticket_capacity, chats, tickets, skills, last
    )


def _item(
    kind: WorkKind,
    ticket_id: int,
    minutes: int,
    required_skills: frozenset[str],
    previous_agent_id: int | None,
) -> WorkItem:
    waiting_since = T0 + timedelta(minutes=minutes)
    return WorkItem(ticket_id, kind, waiting_since, required_skills, previous_agent_id)


def chat(
    ticket_id: int,
    minutes: int = 0,
    *,
    required_skills: frozenset[str] = frozenset(),
    previous_agent_id: int | None = None,
) -> WorkItem:
    return _item(WorkKind.CHAT, ticket_id, minutes, required_skills, previous_agent_id)


def ticket(
    ticket_id: int,
    minutes: int = 0,
    *,
    required_skills: frozenset[str] = frozenset(),
    previous_agent_id: int | None = None,
) -> WorkItem:
    return _item(WorkKind.TICKET, ticket_id, minutes, required_skills, previous_agent_id)


# -- presence and capacity ----------------------------------------------------------------------


def test_only_online_agents_receive_new_work() -> None:
    agents = [agent(1, presence=p) for p in (Presence.BUSY, Presence.AWAY, Presence.OFFLINE)]
    for strategy in Strategy:
        decision = choose_agent(strategy, agents, chat(1))
        assert decision.agent_id is None, strategy
        assert decision.rule == AssignmentRule.QUEUED
        assert decision.reason == "routing.assign.nobody_online"


def test_no_agent_is_given_work_beyond_capacity() -> None:
    agents = [agent(1, chats=3), agent(2, chats=5, chat_capacity=5)]
    for strategy in Strategy:
        decision = choose_agent(strategy, agents, chat(1, previous_agent_id=1))
        assert decision.agent_id is None, strategy
        assert decision.reason == "routing.assign.all_full"
        assert decision.params["kind"] == "chat"


def test_chats_and_tickets_count_against_their_own_capacity() -> None:
    full_of_chats = agent(1, chats=3, tickets=0)
    assert choose_agent(Strategy.LEAST_LOADED, [full_of_chats], chat(1)).agent_id is None
    assert choose_agent(Strategy.LEAST_LOADED, [full_of_chats], ticket(1)).agent_id == 1


def test_a_capacity_of_zero_takes_no_work_of_that_kind() -> None:
    no_chats = agent(1, chat_capacity=0)
    assert choose_agent(Strategy.ROUND_ROBIN, [no_chats], chat(1)).agent_id is None
    assert choose_agent(Strategy.ROUND_ROBIN, [no_chats], ticket(1)).agent_id == 1


# -- round robin --------------------------------------------------------------------------------


def test_round_robin_gives_work_to_the_next_agent_after_the_cursor() -> None:
    agents = [agent(7), agent(3), agent(5)]
    decision = choose_agent(Strategy.ROUND_ROBIN, agents, ticket(1), cursor=3)
    assert (decision.agent_id, decision.rule) == (5, AssignmentRule.ROUND_ROBIN)
    assert decision.params["after"] == "3"


def test_round_robin_wraps_around_to_the_lowest_user_id() -> None:
    agents = [agent(3), agent(5), agent(7)]
    assert choose_agent(Strategy.ROUND_ROBIN, agents, ticket(1), cursor=7).agent_id == 3
    assert choose_agent(Strategy.ROUND_ROBIN, agents, ticket(1)).agent_id == 3


def test_round_robin_skips_agents_offline_or_full() -> None:
    agents = [agent(3), agent(5, presence=Presence.AWAY), agent(7, tickets=10)]
    assert choose_agent(Strategy.ROUND_ROBIN, agents, ticket(1), cursor=3).agent_id == 3


def test_round_robin_keeps_turns_when_the_last_agent_went_offline() -> None:
    # the cursor names agent 5, who is no longer in the list: agent 7 is next, not agent 3
    agents = [agent(3), agent(7)]
    assert choose_agent(Strategy.ROUND_ROBIN, agents, ticket(1), cursor=5).agent_id == 7


# -- least loaded -------------------------------------------------------------------------------


def test_least_loaded_picks_the_lowest_share_of_capacity() -> None:
    agents = [agent(1, chats=2, chat_capacity=4), agent(2, chats=1, chat_capacity=3)]
    decision = choose_agent(Strategy.LEAST_LOADED, agents, chat(1))
    assert (decision.agent_id, decision.rule) == (2, AssignmentRule.LEAST_LOADED)
    assert decision.params == {"agent": "2", "load": "1", "capacity": "3"}


def test_least_loaded_does_not_pile_onto_one_agent_while_others_are_free() -> None:
    agents = [agent(1, chats=1), agent(2), agent(3)]
    assert choose_agent(Strategy.LEAST_LOADED, agents, chat(1)).agent_id == 2


def test_least_loaded_ties_go_to_the_least_recently_assigned() -> None:
    agents = [
        agent(1, last=T0),
        agent(2, last=T0 - timedelta(minutes=5)),
        agent(3, last=T0 - timedelta(minutes=1)),
    ]
    assert choose_agent(Strategy.LEAST_LOADED, agents, ticket(1)).agent_id == 2


def test_least_loaded_prefers_an_agent_never_assigned_then_the_lower_user_id() -> None:
    agents = [agent(4, last=T0), agent(9), agent(6)]
    assert choose_agent(Strategy.LEAST_LOADED, agents, ticket(1)).agent_id == 6


# -- skills -------------------------------------------------------------------------------------


def test_skills_choose_only_agents_having_every_required_skill() -> None:
    agents = [
        agent(1, skills=frozenset({"退货"})),
        agent(2, tickets=5, skills=frozenset({"退货", "英语"})),
        agent(3, tickets=2, skills=frozenset({"退货", "英语", "发票"})),
    ]
    item = ticket(1, required_skills=frozenset({"退货", "英语"}))
    decision = choose_agent(Strategy.SKILLS, agents, item)
    assert (decision.agent_id, decision.rule) == (3, AssignmentRule.SKILLS)
    assert decision.params["skills"] == "英语、退货"


def test_skills_give_no_agent_when_nobody_has_them_and_say_which() -> None:
    agents = [agent(1, skills=frozenset({"退货"}))]
    decision = choose_agent(Strategy.SKILLS, agents, ticket(1, required_skills=frozenset({"日语"})))
    assert decision.agent_id is None
    assert (decision.reason, decision.params) == (
        "routing.assign.no_skilled_agent",
        {"skills": "日语"},
    )


def test_skills_wait_when_the_skilled_agents_are_offline_or_full() -> None:
    agents = [
        agent(1, skills=frozenset({"日语"}), presence=Presence.OFFLINE),
        agent(2, skills=frozenset({"日语"}), tickets=10),
        agent(3),
    ]
    decision = choose_agent(Strategy.SKILLS, agents, ticket(1, required_skills=frozenset({"日语"})))
    assert decision.agent_id is None and decision.reason == "routing.assign.skilled_unavailable"


def test_skills_without_requirements_is_least_loaded() -> None:
    agents = [agent(1, tickets=3), agent(2, tickets=1)]
    decision = choose_agent(Strategy.SKILLS, agents, ticket(1))
    assert (decision.agent_id, decision.rule) == (2, AssignmentRule.LEAST_LOADED)


# -- sticky -------------------------------------------------------------------------------------


def test_sticky_returns_work_to_the_previous_agent_when_online_with_room() -> None:
    agents = [agent(1), agent(2, chats=2)]
    decision = choose_agent(Strategy.STICKY, agents, chat(1, previous_agent_id=2))
    assert (decision.agent_id, decision.rule) == (2, AssignmentRule.STICKY)
    assert decision.reason == "routing.assign.sticky"


def test_sticky_falls_back_to_least_loaded_when_the_previous_agent_is_offline() -> None:
    agents = [agent(1, chats=1), agent(2, presence=Presence.OFFLINE), agent(3)]
    decision = choose_agent(Strategy.STICKY, agents, chat(1, previous_agent_id=2))
    assert (decision.agent_id, decision.rule) == (3, AssignmentRule.LEAST_LOADED)
    assert decision.reason == "routing.assign.sticky_previous_not_online"
    assert decision.params["previous"] == "2" and decision.params["presence"] == "offline"


def test_sticky_falls_back_when_the_previous_agent_is_full() -> None:
    agents = [agent(1), agent(2, chats=3)]
    decision = choose_agent(Strategy.STICKY, agents, chat(1, previous_agent_id=2))
    assert (decision.agent_id, decision.reason) == (1, "routing.assign.sticky_previous_full")


def test_sticky_falls_back_when_the_previous_agent_left_the_group() -> None:
    decision = choose_agent(Strategy.STICKY, [agent(1)], chat(1, previous_agent_id=8))
    assert (decision.agent_id, decision.reason) == (1, "routing.assign.sticky_previous_gone")


def test_sticky_without_a_previous_agent_is_least_loaded() -> None:
    decision = choose_agent(Strategy.STICKY, [agent(1, chats=1), agent(2)], chat(1))
    assert (decision.agent_id, decision.reason) == (2, "routing.assign.sticky_no_previous")


def test_sticky_queues_when_nobody_can_take_it_and_keeps_why() -> None:
    agents = [agent(2, presence=Presence.AWAY)]
    decision = choose_agent(Strategy.STICKY, agents, chat(1, previous_agent_id=2))
    assert decision.agent_id is None and decision.reason == "routing.assign.nobody_online"
    assert decision.params["fallback"] == "routing.assign.sticky_previous_not_online"


def test_strategy_may_be_given_as_its_stored_string() -> None:
    assert choose_agent("least_loaded", [agent(1)], ticket(1)).agent_id == 1  # type: ignore[arg-type]


# -- backlog ------------------------------------------------------------------------------------


def test_backlog_is_assigned_oldest_first_when_capacity_frees_up() -> None:
    waiting = [chat(30, minutes=3), chat(10, minutes=1), chat(20, minutes=2)]
    pairs = assign_backlog(Strategy.LEAST_LOADED, [agent(1, chats=1)], waiting)
    assert pairs == ((10, 1), (20, 1))  # two places free; the newest waits


def test_backlog_counts_each_assignment_before_the_next() -> None:
    agents = [agent(1), agent(2)]
    pairs = assign_backlog(Strategy.LEAST_LOADED, agents, [ticket(i, minutes=i) for i in range(4)])
    assert [a for _, a in pairs] == [1, 2, 1, 2]


def test_backlog_round_robin_continues_from_the_cursor() -> None:
    agents = [agent(1), agent(2), agent(3)]
    waiting = [ticket(i, minutes=i) for i in range(4)]
    pairs = assign_backlog(Strategy.ROUND_ROBIN, agents, waiting, cursor=2)
    assert [a for _, a in pairs] == [3, 1, 2, 3]


def test_backlog_passes_over_an_item_nobody_has_the_skills_for() -> None:
    agents = [agent(1, skills=frozenset({"退货"}))]
    waiting = [ticket(1, 0, required_skills=frozenset({"日语"})), ticket(2, 1)]
    assert assign_backlog(Strategy.SKILLS, agents, waiting) == ((2, 1),)


def test_backlog_fills_chats_and_tickets_independently() -> None:
    agents = [agent(1, chat_capacity=1, ticket_capacity=1)]
    waiting = [chat(1, 0), chat(2, 1), ticket(3, 2), ticket(4, 3)]
    assert assign_backlog(Strategy.LEAST_LOADED, agents, waiting) == ((1, 1), (3, 1))


def test_backlog_with_nothing_waiting_or_nobody_online_assigns_nothing() -> None:
    assert assign_backlog(Strategy.LEAST_LOADED, [agent(1)], []) == ()
    away = [agent(1, presence=Presence.AWAY)]
    assert assign_backlog(Strategy.LEAST_LOADED, away, [ticket(1)]) == ()


# -- queue --------------------------------------------------------------------------------------


def test_queue_position_counts_older_work_of_the_same_kind() -> None:
    waiting = [chat(1, 5), ticket(2, 0), chat(3, 1), chat(4, 9)]
    assert queue_position(waiting, 3) == 1
    assert queue_position(waiting, 1) == 2
    assert queue_position(waiting, 4) == 3
    assert queue_position(waiting, 2) == 1


def test_queue_position_of_work_not_waiting_is_zero() -> None:
    assert queue_position([chat(1)], 99) == 0


def test_queue_position_breaks_equal_waits_by_ticket_id() -> None:
    waiting = [chat(8, 0), chat(5, 0)]
    assert (queue_position(waiting, 5), queue_position(waiting, 8)) == (1, 2)


def test_estimated_wait_shares_the_line_among_agents() -> None:
    assert estimated_wait_s(4, 2, 300.0) == 600.0
    assert estimated_wait_s(1, 1, 120.0) == 120.0


def test_estimated_wait_is_zero_when_not_waiting_and_infinite_without_agents() -> None:
    assert estimated_wait_s(0, 3, 300.0) == 0.0
    assert math.isinf(estimated_wait_s(2, 0, 300.0))


def test_live_channels_are_chats_and_everything_else_is_a_ticket() -> None:
    from kefu.routing.rules import WorkKind, work_kind

    assert {work_kind(c) for c in ("web_chat", "wechat", "app_sdk")} == {WorkKind.CHAT}
    assert {work_kind(c) for c in ("email", "phone", "web_form", "api")} == {WorkKind.TICKET}
