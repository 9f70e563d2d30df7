"""The demo's scripts and plans, without a database: every line fills, reads as simplified
Chinese, and every planned conversation stays within the ticket rules."""

from __future__ import annotations

import dataclasses
import random
from datetime import UTC, datetime

import opencc
import pytest

from kefu.customers.rules import IdentityKind, normalise
from kefu.demo import scripts
from kefu.demo.conversation import FLOWS, MAX_MESSAGES, Act, Conversation
from kefu.demo.people import people
from kefu.demo.scripts import Scenario, common
from kefu.demo.shop import context
from kefu.tickets import rules
from kefu.tickets.rules import Channel, Status

NOW = datetime(2026, 11, 22, 4, 0, tzinfo=UTC)
FOLKS = people(random.Random(1), 30, vips=3, blacklisted=1)


def _lines(scenario: Scenario) -> list[str]:
    lines: list[str] = []
    for field in dataclasses.fields(scenario):
        value = getattr(scenario, field.name)
        if isinstance(value, tuple):
            lines.extend(value)
    return lines


def _common_lines() -> list[str]:
    found: list[str] = []
    for value in vars(common).values():
        if isinstance(value, tuple) and all(isinstance(v, str) for v in value):
            found.extend(value)
    return [*found, common.PHONE_FAREWELL]


@pytest.mark.parametrize("scenario", scripts.SCENARIOS, ids=lambda s: s.key)
def test_every_line_fills_and_is_simplified_chinese(scenario: Scenario) -> None:
    facts = context(random.Random(2), FOLKS[5], 3, NOW, "Asia/Shanghai")
    to_simplified = opencc.OpenCC("t2s")
    for line in [*_lines(scenario), *_common_lines()]:
        text = line.format(**facts)
        assert "{" not in text and "}" not in text, line
        assert to_simplified.convert(text) == text, line


def test_every_type_has_scenarios_and_every_status_is_reachable() -> None:
    for kind in rules.TicketType:
        assert scripts.by_type(kind), kind
    assert any(s.waits for s in scripts.SCENARIOS) and any(s.holds for s in scripts.SCENARIOS)


def _replay(status: Status, acts: list[tuple[Act, Status | None]]) -> Status:
    """The status a conversation's steps leave a ticket in, by the ticket rules alone."""
    current = Status.NEW
    for act, target in acts:
        if act == Act.REPLY:
            current = rules.status_after_agent_reply(current)
        elif act == Act.CUSTOMER:
            current = rules.status_after_customer_message(current)
        elif act == Act.STATUS:
            assert target is not None
            assert rules.decide_transition(current, target).allowed, (current, target)
            current = target
    return current


@pytest.mark.parametrize("status", list(Status))
def test_each_flow_ends_in_its_status_with_two_to_six_messages(status: Status) -> None:
    rng = random.Random(status.value)
    for n in range(300):
        scenario = rng.choice([s for s in scripts.SCENARIOS if s.waits and s.holds])
        channel = rng.choice(list(Channel))
        facts = context(rng, FOLKS[n % len(FOLKS)], 1 + n % 8, NOW, "Asia/Shanghai")
        conversation = Conversation(rng, scenario, channel, facts, NOW)
        FLOWS[status](conversation)
        steps = conversation.steps
        messages = 1 + sum(s.act not in (Act.ASSIGN, Act.STATUS, Act.ESCALATE) for s in steps)
        assert 2 <= messages <= MAX_MESSAGES
        assert _replay(status, [(s.act, s.status) for s in steps]) == status
        assert [s.at for s in steps] == sorted(s.at for s in steps)


def test_people_have_unique_valid_identities() -> None:
    folks = people(random.Random(3), 300, vips=18, blacklisted=3)
    seen = [
        (kind, normalise(kind, value))
        for person in folks
        for kind, value in person.identities.items()
    ]
    assert len(seen) == len(set(seen))
    assert all(person.identities for person in folks)
    assert sum(bool(p.blacklist_reason) for p in folks) == 3
    assert sum(p.vip_level > 0 for p in folks) == 18
    openids = [v for p in folks for k, v in p.identities.items() if k == IdentityKind.WECHAT_OPENID]
    assert openids and all(len(v) == 28 and v.startswith("o") for v in openids)
