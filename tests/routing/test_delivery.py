"""Delivery of service requests to desks (服务请求投递, seed 004): single, multi and
primary/secondary desks, and the supervisors' share."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from kefu.routing.rules import (
    DeliveryConfig,
    DeliveryMode,
    DeliveryRule,
    TicketFacts,
    deliver,
)
from kefu.tickets.rules import Channel, Priority, TicketType

FACTS = TicketFacts(
    channel="wechat",
    type="after_sales",
    priority="normal",
    catalog_path=(12, 3, 1),
    vip_level=0,
    blacklisted=False,
    text="运动鞋开胶了,想退货",
    in_business_hours=True,
    entry_point="menu:aftersales",
)

MULTI = DeliveryConfig(
    DeliveryMode.MULTI,
    default_group_id=1,
    by_channel={"wechat": 2, "phone": 3},
    by_entry_point={"menu:aftersales": 4},
)
PRIMARY = DeliveryConfig(
    DeliveryMode.PRIMARY_SECONDARY, default_group_id=1, responsible={3: 30, 1: 10}
)


def test_single_desk_delivers_everything_to_the_default_group() -> None:
    config = DeliveryConfig(DeliveryMode.SINGLE, default_group_id=1, by_channel={"wechat": 2})
    decision = deliver(config, FACTS)
    assert (decision.group_id, decision.rule) == (1, DeliveryRule.DEFAULT)
    assert (decision.reason, decision.params) == ("routing.delivery.default", {"group": "1"})


def test_multi_desk_asks_the_entry_point_first() -> None:
    decision = deliver(MULTI, FACTS)
    assert (decision.group_id, decision.rule) == (4, DeliveryRule.ENTRY_POINT)
    assert decision.params == {"entry_point": "menu:aftersales", "group": "4"}


def test_multi_desk_falls_back_to_the_channel() -> None:
    decision = deliver(MULTI, replace(FACTS, entry_point="form:invoice"))
    assert (decision.group_id, decision.rule) == (2, DeliveryRule.CHANNEL)
    assert decision.params == {"channel": "wechat", "group": "2"}


def test_multi_desk_falls_back_to_the_default_group() -> None:
    decision = deliver(MULTI, replace(FACTS, channel="email", entry_point=""))
    assert (decision.group_id, decision.rule) == (1, DeliveryRule.DEFAULT)


def test_primary_secondary_prefers_the_nearest_responsible_group() -> None:
    decision = deliver(PRIMARY, FACTS)  # 12 has none, its parent 3 has group 30
    assert (decision.group_id, decision.rule) == (30, DeliveryRule.RESPONSIBLE)
    assert decision.params == {"item": "3", "group": "30"}


def test_primary_secondary_uses_an_ancestor_when_nearer_items_have_no_group() -> None:
    decision = deliver(PRIMARY, replace(FACTS, catalog_path=(13, 1)))
    assert (decision.group_id, decision.params["item"]) == (10, "1")


def test_primary_secondary_sends_other_requests_to_the_default_group() -> None:
    for path in ((), (99, 98)):
        decision = deliver(PRIMARY, replace(FACTS, catalog_path=path))
        assert (decision.group_id, decision.rule) == (1, DeliveryRule.DEFAULT)


def test_complaints_go_to_the_supervisors_when_they_are_set() -> None:
    config = replace(MULTI, supervisor_group_id=9)
    decision = deliver(config, replace(FACTS, type="complaint"))
    assert (decision.group_id, decision.rule) == (9, DeliveryRule.SUPERVISOR)
    assert decision.reason == "routing.delivery.complaint"


def test_a_blacklisted_customer_is_routed_to_supervisors_not_refused() -> None:
    config = replace(PRIMARY, supervisor_group_id=9)
    decision = deliver(config, replace(FACTS, blacklisted=True))
    assert (decision.group_id, decision.reason) == (9, "routing.delivery.blacklisted")


def test_without_supervisors_complaints_and_blacklisted_customers_are_delivered_normally() -> None:
    decision = deliver(MULTI, replace(FACTS, type="complaint", blacklisted=True))
    assert (decision.group_id, decision.rule) == (4, DeliveryRule.ENTRY_POINT)


def test_nothing_configured_gives_no_group_and_says_so() -> None:
    for mode in DeliveryMode:
        decision = deliver(DeliveryConfig(mode), FACTS)
        assert (decision.group_id, decision.rule) == (None, DeliveryRule.NONE)
        assert decision.reason == "routing.delivery.unconfigured"


def test_multi_desk_without_default_delivers_what_its_map_covers_only() -> None:
    config = replace(MULTI, default_group_id=None)
    assert deliver(config, FACTS).group_id == 4
    assert deliver(config, replace(FACTS, channel="email", entry_point="")).group_id is None


facts_strategy = st.builds(
    TicketFacts,
    channel=st.sampled_from([c.value for c in Channel]),
    type=st.sampled_from([t.value for t in TicketType]),
    priority=st.sampled_from([p.value for p in Priority]),
    catalog_path=st.lists(st.integers(1, 50), max_size=4, unique=True).map(tuple),
    vip_level=st.integers(0, 5),
    blacklisted=st.booleans(),
    text=st.text(max_size=20),
    in_business_hours=st.booleans(),
    entry_point=st.sampled_from(["", "menu:aftersales", "form:invoice", "wx:shop"]),
)
config_strategy = st.builds(
    DeliveryConfig,
    mode=st.sampled_from(list(DeliveryMode)),
    default_group_id=st.integers(1, 100),
    by_channel=st.dictionaries(st.sampled_from([c.value for c in Channel]), st.integers(1, 100)),
    by_entry_point=st.dictionaries(
        st.sampled_from(["menu:aftersales", "wx:shop"]), st.integers(1, 100)
    ),
    responsible=st.dictionaries(st.integers(1, 50), st.integers(1, 100)),
    supervisor_group_id=st.none() | st.integers(1, 100),
)


@given(config_strategy, facts_strategy)
def test_with_a_default_group_every_ticket_is_delivered_to_some_group(
    config: DeliveryConfig, facts: TicketFacts
) -> None:
    decision = deliver(config, facts)
    assert decision.group_id is not None
    assert decision.rule != DeliveryRule.NONE


def test_complaints_and_blacklisted_customers_owe_the_supervisors_a_notice() -> None:
    from dataclasses import replace

    from kefu.routing.rules import supervisor_notice

    plain = replace(FACTS, type="inquiry", blacklisted=False)
    assert supervisor_notice(plain) is None
    assert supervisor_notice(replace(plain, type="complaint")) == "complaint_received"
    assert supervisor_notice(replace(plain, blacklisted=True)) == "blacklisted_customer"
