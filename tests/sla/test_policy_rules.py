"""Choosing an SLA policy: the first, in order, whose conditions all match; the handbook targets."""

from __future__ import annotations

from typing import Any

import pytest

from kefu.core.i18n import CATALOG, LOCALES
from kefu.sla.calendar import CALENDAR_KEYS
from kefu.sla.rules import (
    DEFAULT_POLICIES,
    Policy,
    PolicyFacts,
    Targets,
    describe_conditions,
    select_policy,
)


def facts(
    channel: str = "email", type: str = "inquiry", priority: str = "normal", vip: int = 0
) -> PolicyFacts:
    return PolicyFacts(channel=channel, type=type, priority=priority, vip_level=vip)


def chosen(**kwargs: Any) -> str | None:
    policy = select_policy(DEFAULT_POLICIES, facts(**kwargs)).policy
    return None if policy is None else policy.key


def by_key(key: str) -> Policy:
    return next(p for p in DEFAULT_POLICIES if p.key == key)


@pytest.mark.parametrize(
    ("ticket", "key"),
    [
        ({"channel": "phone", "type": "complaint"}, "complaint"),
        ({"channel": "email", "type": "complaint", "vip": 3}, "complaint"),
        ({"channel": "phone", "type": "order"}, "phone"),
        ({"channel": "phone", "vip": 2}, "phone"),
        ({"channel": "wechat"}, "chat"),
        ({"channel": "web_chat", "type": "order"}, "chat"),
        ({"channel": "email", "type": "order"}, "order"),
        ({"channel": "email", "vip": 1}, "vip"),
        ({"channel": "web_form", "vip": 2}, "vip"),
        ({"channel": "api", "type": "after_sales", "vip": 1}, "vip"),
        ({"channel": "email", "vip": 0}, "default"),
        ({"channel": "app_sdk", "vip": 5}, "default"),
    ],
)
def test_the_most_specific_default_policy_wins(ticket: dict[str, Any], key: str) -> None:
    assert chosen(**ticket) == key


def test_the_choice_says_which_conditions_matched() -> None:
    choice = select_policy(DEFAULT_POLICIES, facts(channel="email", vip=2))
    assert choice.reason == "sla.policy.matched"
    assert choice.params == {"policy": "vip", "conditions": "channel=api|email|web_form, vip>=1"}


def test_the_catch_all_says_no_more_specific_policy_applied() -> None:
    choice = select_policy(DEFAULT_POLICIES, facts())
    assert (choice.reason, choice.params) == ("sla.policy.default", {"policy": "default"})


def test_without_a_matching_policy_there_is_none() -> None:
    choice = select_policy(DEFAULT_POLICIES[:1], facts())
    assert (choice.policy, choice.reason) == (None, "sla.policy.none")
    assert select_policy([], facts()).policy is None


def test_order_decides_between_two_matching_policies() -> None:
    targets = Targets(60, None, None)
    urgent = Policy(
        "urgent",
        "Urgent",
        frozenset(),
        frozenset(),
        frozenset({"urgent"}),
        None,
        targets,
        "always_open",
    )
    phone = by_key("phone")
    ticket = facts(channel="phone", priority="urgent")
    assert select_policy([urgent, phone], ticket).policy is urgent
    assert select_policy([phone, urgent], ticket).policy is phone
    assert select_policy([urgent, phone], facts(channel="phone")).policy is phone


def test_every_condition_must_match() -> None:
    strict = Policy(
        "vip_phone_urgent",
        "x",
        frozenset({"phone"}),
        frozenset({"complaint"}),
        frozenset({"urgent"}),
        2,
        Targets(60, None, None),
        "always_open",
    )
    complete = facts(channel="phone", type="complaint", priority="urgent", vip=2)
    assert select_policy([strict], complete).policy is strict
    for partial in (
        facts(channel="email", type="complaint", priority="urgent", vip=2),
        facts(channel="phone", type="inquiry", priority="urgent", vip=2),
        facts(channel="phone", type="complaint", priority="high", vip=2),
        facts(channel="phone", type="complaint", priority="urgent", vip=1),
    ):
        assert select_policy([strict], partial).policy is None
    assert describe_conditions(strict) == ("type=complaint, channel=phone, priority=urgent, vip>=2")


# -- the default targets ----------------------------------------------------------------------


def test_the_default_policies_keep_the_handbook_order() -> None:
    assert [p.key for p in DEFAULT_POLICIES] == [
        "complaint",
        "phone",
        "chat",
        "order",
        "vip",
        "default",
    ]


def test_a_complaint_is_passed_on_in_5_minutes_and_analysed_in_30_any_time() -> None:
    complaint = by_key("complaint")  # seed 004 客诉作业指引 6.2.1
    assert (complaint.targets.first_response_s, complaint.targets.next_response_s) == (300, 1800)
    assert complaint.calendar == "always_open"


def test_calls_and_chats_are_answered_within_10_seconds_in_shop_hours() -> None:
    phone, chat = by_key("phone"), by_key("chat")  # seeds 000 and 001
    assert phone.targets.first_response_s == 10 and phone.targets.next_response_s is None
    assert (chat.targets.first_response_s, chat.targets.next_response_s) == (10, 10)
    assert phone.calendar == chat.calendar == "shop_hours"


def test_an_order_is_called_back_within_10_minutes() -> None:
    assert by_key("order").targets.first_response_s == 600  # seed 004 接订单 d


def test_vips_and_everyone_else_are_measured_in_office_time() -> None:
    vip, default = by_key("vip"), by_key("default")
    assert (vip.targets.first_response_s, vip.targets.resolution_s) == (7200, 27000)
    assert default.targets.first_response_s == default.targets.next_response_s == 28800
    assert default.targets.resolution_s == 3 * 27000
    assert vip.calendar == default.calendar == "office"


def test_every_default_policy_pauses_while_pending_and_warns_at_80_percent() -> None:
    for policy in DEFAULT_POLICIES:
        assert policy.targets.pause_statuses == frozenset({"pending"})
        assert policy.targets.warn_ratio == 0.8


def test_every_default_policy_names_a_ready_calendar_and_a_translated_name() -> None:
    for policy in DEFAULT_POLICIES:
        assert policy.calendar in CALENDAR_KEYS
        assert set(CATALOG[policy.name]) == set(LOCALES)
