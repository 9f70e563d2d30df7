"""Routing decision time: one ``choose_agent`` per strategy among 500 online agents, one
``deliver`` + ``evaluate`` of 50 rules (as when a ticket is routed, and explained as in the dry
run), and one ``assign_backlog`` of 100 waiting items (a batch: the 1 ms target is a decision's).

``python -m bench.routing [--agents 500] [--decisions 20000] [--rules 50] [--seed 7]``. Pure
functions, no database: the figure is the rules' own cost inside a ticket's transaction. The
agents have mixed loads (some full), capacities and skills; each decision draws a new work item
(kind, skills, previous agent) or new ticket facts (text from ``bench/corpus.py``). Each call
is timed alone with ``time.perf_counter_ns``; printed: p50, p99 and max in µs.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from functools import partial

from bench.corpus import CATEGORIES
from kefu.routing.rules import (
    Action,
    AgentState,
    Condition,
    DeliveryConfig,
    DeliveryMode,
    Presence,
    Rule,
    Strategy,
    TicketFacts,
    WorkItem,
    WorkKind,
    assign_backlog,
    choose_agent,
    deliver,
    evaluate,
)
from kefu.tickets.rules import Channel, Priority, TicketType

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
SKILLS = ("退货", "换货", "发票", "物流", "英语", "日语", "大客户", "投诉")
KEYWORDS = ("退货", "退款", "开胶", "发票", "快递", "尺码", "质量问题", "投诉", "差评", "换货")
TARGET_US = 1000.0


def build_agents(rng: random.Random, count: int) -> list[AgentState]:
    agents = []
    for user_id in range(1, count + 1):
        chat_capacity, ticket_capacity = rng.randint(3, 6), rng.randint(10, 30)
        agents.append(
            AgentState(
                user_id=user_id,
                presence=Presence.ONLINE,
                chat_capacity=chat_capacity,
                ticket_capacity=ticket_capacity,
                active_chats=rng.randint(0, chat_capacity),  # some are full
                open_tickets=rng.randint(0, ticket_capacity),
                skills=frozenset(rng.sample(SKILLS, rng.randint(1, 4))),
                last_assigned_at=T0 - timedelta(seconds=rng.randint(0, 36_000)),
            )
        )
    return agents


def work_item(rng: random.Random, ticket_id: int, agents: int, strategy: Strategy) -> WorkItem:
    skills = (
        frozenset(rng.sample(SKILLS, rng.randint(1, 2))) if strategy == Strategy.SKILLS else None
    )
    return WorkItem(
        ticket_id=ticket_id,
        kind=rng.choice((WorkKind.CHAT, WorkKind.TICKET)),
        waiting_since=T0 - timedelta(seconds=rng.randint(0, 3_600)),
        required_skills=skills or frozenset(),
        previous_agent_id=rng.randint(1, agents) if strategy == Strategy.STICKY else None,
    )


def build_rules(rng: random.Random, count: int) -> list[Rule]:
    makers: list[Callable[[], Condition]] = [
        lambda: Condition("channel", "in", rng.sample([c.value for c in Channel], 3)),
        lambda: Condition("type", "eq", rng.choice([t.value for t in TicketType])),
        lambda: Condition("priority", "gte", rng.choice([p.value for p in Priority])),
        lambda: Condition("catalog_item", "in", rng.sample(range(1, 60), 3)),
        lambda: Condition("vip_level", "gte", rng.randint(1, 5)),
        lambda: Condition("keywords", rng.choice(("any_of", "all_of")), rng.sample(KEYWORDS, 3)),
        lambda: Condition("business_hours", "is", rng.random() < 0.5),
    ]
    rules = []
    for rule_id in range(1, count + 1):
        conditions = tuple(rng.choice(makers)() for _ in range(rng.randint(1, 3)))
        actions = (
            Action("set_group", rng.randint(1, 20)),
            Action("add_tags", [rng.choice(KEYWORDS)]),
            Action("notify", {"group": rng.randint(1, 20)}),
        )
        match = rng.choice(("all", "any"))
        rules.append(Rule(rule_id, f"规则{rule_id}", rule_id, True, conditions, match, actions))
    return rules


def ticket_facts(rng: random.Random) -> TicketFacts:
    category = rng.choice(CATEGORIES)
    text = rng.choice(category.subjects) + "".join(rng.sample(category.lines, 2))
    return TicketFacts(
        channel=rng.choice([c.value for c in Channel]),
        type=category.type,
        priority=rng.choice([p.value for p in Priority]),
        catalog_path=tuple(rng.sample(range(1, 60), rng.randint(0, 3))),
        vip_level=rng.randint(0, 5),
        blacklisted=rng.random() < 0.02,
        text=text.casefold(),
        in_business_hours=rng.random() < 0.7,
        entry_point=rng.choice(("", "menu:aftersales", "form:invoice", "wx:shop")),
    )


def timed(calls: list[Callable[[], object]]) -> dict[str, float]:
    """Each call timed alone, the collector paused so its pauses are not charged to a call."""
    samples = []
    gc.disable()
    try:
        for call in calls:
            t0 = time.perf_counter_ns()
            call()
            samples.append((time.perf_counter_ns() - t0) / 1000)
    finally:
        gc.enable()
    ordered = sorted(samples)
    return {
        "n": len(ordered),
        "p50": statistics.median(ordered),
        "p99": ordered[int(0.99 * (len(ordered) - 1))],
        "max": ordered[-1],
    }


def row(name: str, result: dict[str, float], *, batch: bool = False) -> str:
    verdict = "n/a" if batch else "yes" if result["p99"] <= TARGET_US else "no"
    return (
        f"| {name} | {result['n']:,.0f} | {result['p50']:.1f} | {result['p99']:.1f} "
        f"| {result['max']:.1f} | {verdict} |"
    )


def route(config: DeliveryConfig, rules: list[Rule], facts: TicketFacts) -> object:
    """What the service does for a new ticket: deliver, then the rules (no explanation kept)."""
    return deliver(config, facts), evaluate(rules, facts, explain=False)


def bench_strategies(rng: random.Random, agents: list[AgentState], decisions: int) -> None:
    for strategy in Strategy:
        calls: list[Callable[[], object]] = [
            partial(
                choose_agent,
                strategy,
                agents,
                work_item(rng, i, len(agents), strategy),
                cursor=rng.randint(1, len(agents)),
            )
            for i in range(decisions)
        ]
        print(row(f"choose_agent {strategy}", timed(calls)), flush=True)


def bench_rules(rng: random.Random, count: int, decisions: int) -> None:
    rules = build_rules(rng, count)
    config = DeliveryConfig(
        DeliveryMode.PRIMARY_SECONDARY,
        default_group_id=1,
        responsible={item: rng.randint(2, 20) for item in rng.sample(range(1, 60), 20)},
        supervisor_group_id=21,
    )
    facts = [ticket_facts(rng) for _ in range(decisions)]
    calls: list[Callable[[], object]] = [partial(route, config, rules, f) for f in facts]
    print(row(f"deliver + evaluate {count} rules", timed(calls)), flush=True)
    calls = [partial(evaluate, rules, f) for f in facts]
    print(row(f"dry run: evaluate {count} rules, explained", timed(calls)), flush=True)


def bench_backlog(rng: random.Random, agents: list[AgentState], runs: int = 200) -> None:
    waiting = [work_item(rng, i, len(agents), Strategy.LEAST_LOADED) for i in range(100)]
    calls: list[Callable[[], object]] = [
        partial(assign_backlog, Strategy.LEAST_LOADED, agents, waiting) for _ in range(runs)
    ]
    print(row("assign_backlog of 100 waiting (a batch)", timed(calls), batch=True), flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.routing", description=__doc__)
    parser.add_argument("--agents", type=int, default=500)
    parser.add_argument("--decisions", type=int, default=20_000)
    parser.add_argument("--rules", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    agents = build_agents(rng, args.agents)
    print(f"{args.agents} online agents, {args.rules} rules; target: p99 ≤ 1 ms a decision\n")
    print("| decision | calls | p50 µs | p99 µs | max µs | p99 ≤ 1 ms |")
    print("| --- | ---: | ---: | ---: | ---: | :---: |")
    bench_strategies(rng, agents, args.decisions)
    bench_rules(rng, args.rules, args.decisions)
    bench_backlog(rng, agents)


if __name__ == "__main__":
    main()
