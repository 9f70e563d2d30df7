"""The rule table: the row in force on a day, and law < platform < shop only in the buyer's favour."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kefu.aftersales.rules import DEFAULT_RULES, LAW, RULE_KEYS, SHOP, Favours, RuleRow, rule_value

D = date(2026, 5, 1)


def row(scope: str, key: str, value: int, since: date = date(2020, 1, 1), **kw: Any) -> RuleRow:
    return RuleRow(scope, key, value, f"{scope} {key} {value}", since, **kw)


def test_before_the_2017_measures_the_return_window_cites_the_law_itself() -> None:
    resolved = rule_value(
        DEFAULT_RULES, "return.no_reason_days", platform="taobao", on=date(2016, 6, 1)
    )
    assert resolved.value == 7
    assert resolved.row.effective_from == date(2014, 3, 15)
    assert "第二十五条" in resolved.source


def test_from_the_2017_measures_the_return_window_cites_their_article_10() -> None:
    resolved = rule_value(
        DEFAULT_RULES, "return.no_reason_days", platform="taobao", on=date(2017, 3, 15)
    )
    assert resolved.row.effective_from == date(2017, 3, 15)
    assert "第十条" in resolved.source


def test_the_day_before_a_row_takes_effect_the_older_one_still_applies() -> None:
    resolved = rule_value(
        DEFAULT_RULES, "return.no_reason_days", platform=None, on=date(2017, 3, 14)
    )
    assert resolved.row.effective_from == date(2014, 3, 15)


def test_on_a_tie_the_general_row_is_cited_because_it_binds() -> None:
    resolved = rule_value(DEFAULT_RULES, "return.no_reason_days", platform=None, on=D)
    assert resolved.row.scope == LAW
    assert [r.scope for r in resolved.set_aside] == [SHOP]


def test_before_the_law_only_the_shop_rule_applies() -> None:
    resolved = rule_value(
        DEFAULT_RULES, "return.no_reason_days", platform=None, on=date(2012, 1, 1)
    )
    assert (resolved.value, resolved.row.scope) == (7, SHOP)


def test_a_shop_may_promise_a_longer_return_window() -> None:
    rows = (*DEFAULT_RULES, row(SHOP, "return.no_reason_days", 15))
    resolved = rule_value(rows, "return.no_reason_days", platform="taobao", on=D)
    assert (resolved.value, resolved.row.scope) == (15, SHOP)
    assert resolved.set_aside[0].scope == LAW


def test_a_shop_rule_less_generous_than_the_law_is_set_aside() -> None:
    # The handbook charges the outbound parcel of a free-shipping order; the law does not.
    resolved = rule_value(DEFAULT_RULES, "return.buyer_pays_outbound_if_free", platform="jd", on=D)
    assert (resolved.value, resolved.row.scope) == (0, LAW)
    assert [(r.scope, r.value) for r in resolved.set_aside] == [(SHOP, 1)]


def test_a_platform_row_applies_only_to_orders_of_that_platform() -> None:
    taobao = rule_value(DEFAULT_RULES, "exchange.buyer_pays_shipping", platform="taobao", on=D)
    jd = rule_value(DEFAULT_RULES, "exchange.buyer_pays_shipping", platform="jd", on=D)
    assert taobao.row.scope == "taobao"
    assert jd.row.scope == SHOP


def test_a_platform_rule_applies_only_from_the_revision_it_was_read_in() -> None:
    before = rule_value(
        DEFAULT_RULES, "exchange.buyer_pays_shipping", platform="taobao", on=date(2025, 8, 14)
    )
    after = rule_value(
        DEFAULT_RULES, "exchange.buyer_pays_shipping", platform="taobao", on=date(2025, 8, 15)
    )
    assert (before.row.scope, after.row.scope) == (SHOP, "taobao")


def test_a_platform_deadline_shorter_than_the_law_applies() -> None:
    resolved = rule_value(DEFAULT_RULES, "refund.respond_hours", platform="jd", on=D)
    assert (resolved.value, resolved.row.scope) == (24, "jd")
    assert rule_value(DEFAULT_RULES, "refund.respond_hours", platform="taobao", on=D).value == 360


def test_the_shop_housekeeping_keys_take_the_most_specific_row_even_if_larger() -> None:
    rows = (
        row("taobao", "payout.approval_above_fen", 100_00),
        row(SHOP, "payout.approval_above_fen", 500_00),
    )
    resolved = rule_value(rows, "payout.approval_above_fen", platform="taobao", on=D)
    assert (resolved.value, resolved.row.scope) == (500_00, SHOP)


def test_a_newer_row_of_the_same_scope_replaces_the_older_one_from_its_date() -> None:
    rows = (
        row("taobao", "refund.respond_hours", 72, date(2020, 1, 1)),
        row("taobao", "refund.respond_hours", 48, date(2024, 1, 1)),
    )
    assert (
        rule_value(rows, "refund.respond_hours", platform="taobao", on=date(2023, 12, 31)).value
        == 72
    )
    assert (
        rule_value(rows, "refund.respond_hours", platform="taobao", on=date(2024, 1, 1)).value == 48
    )


def test_a_row_no_longer_applies_from_its_effective_until() -> None:
    rows = (
        row(LAW, "return.no_reason_days", 7),
        row(SHOP, "return.no_reason_days", 30, effective_until=date(2026, 2, 1)),
    )
    assert (
        rule_value(rows, "return.no_reason_days", platform=None, on=date(2026, 1, 31)).value == 30
    )
    assert rule_value(rows, "return.no_reason_days", platform=None, on=date(2026, 2, 1)).value == 7


def test_no_row_in_force_is_a_configuration_error() -> None:
    with pytest.raises(LookupError):
        rule_value(DEFAULT_RULES, "refund.respond_hours", platform=None, on=date(2015, 1, 1))


def test_two_rows_of_a_scope_starting_the_same_day_are_ambiguous() -> None:
    rows = (row(SHOP, "late_shipment.points", 3), row(SHOP, "late_shipment.points", 4))
    with pytest.raises(ValueError, match="start on"):
        rule_value(rows, "late_shipment.points", platform=None, on=D)


def test_an_unknown_key_cannot_be_looked_up() -> None:
    with pytest.raises(KeyError):
        rule_value(DEFAULT_RULES, "return.forever", platform=None, on=D)


@pytest.mark.parametrize("platform", [LAW, SHOP])
def test_law_and_shop_are_scopes_not_platforms(platform: str) -> None:
    with pytest.raises(ValueError):
        rule_value(DEFAULT_RULES, "return.no_reason_days", platform=platform, on=D)


@pytest.mark.parametrize(
    ("scope", "key", "value", "source", "until"),
    [
        ("shop", "return.forever", 7, "x", None),
        ("shop", "return.no_reason_days", -1, "x", None),
        ("shop", "return.no_reason_days", True, "x", None),
        ("shop", "return.no_reason_days", 7.5, "x", None),
        ("shop", "fault.shop_pays_shipping", 2, "x", None),
        ("shop", "return.no_reason_days", 7, " ", None),
        ("Shop", "return.no_reason_days", 7, "x", None),
        ("", "return.no_reason_days", 7, "x", None),
        ("shop", "return.no_reason_days", 7, "x", date(2020, 1, 1)),
    ],
)
def test_a_malformed_row_is_refused(
    scope: str, key: str, value: Any, source: str, until: date | None
) -> None:
    with pytest.raises(ValueError):
        RuleRow(scope, key, value, source, date(2020, 1, 1), until)


def test_every_key_has_a_default_in_force_for_every_platform_today() -> None:
    for platform in (None, "taobao", "jd", "wechat"):
        for key in RULE_KEYS:
            assert rule_value(DEFAULT_RULES, key, platform=platform, on=D).row.source


def test_every_default_row_cites_a_source_and_only_known_scopes() -> None:
    assert {r.scope for r in DEFAULT_RULES} == {LAW, SHOP, "taobao", "jd"}
    assert all(r.source.strip() and r.key in RULE_KEYS for r in DEFAULT_RULES)


@pytest.mark.parametrize(
    ("key", "value"),
    [
        ("return.no_reason_days", 7),
        ("return.extend_transaction_days", 7),
        ("refund.legal_days_after_return", 7),
        ("refund.penalty_days_after_return", 15),
        ("refund.promise_hours_after_return", 24),
        ("refund.escalate_hours_after_return", 120),
        ("instant_refund.fee_bp", 100),
        ("late_shipment.ship_within_hours", 72),
        ("late_shipment.penalty_bp", 500),
        ("late_shipment.penalty_cap_fen", 3000),
        ("late_shipment.points", 3),
        ("late_shipment.warn_lead_hours", 12),
        ("complaint.pass_on_minutes", 5),
        ("complaint.analysis_minutes", 30),
        ("complaint.confirm_minutes", 10),
    ],
)
def test_the_handbook_numbers_are_the_defaults(key: str, value: int) -> None:
    assert rule_value(DEFAULT_RULES, key, platform="taobao", on=D).value == value


def test_each_key_says_which_way_favours_the_buyer() -> None:
    assert RULE_KEYS["return.no_reason_days"].favours is Favours.HIGHER
    assert RULE_KEYS["instant_refund.fee_bp"].favours is Favours.LOWER
    assert RULE_KEYS["payout.approval_above_fen"].favours is Favours.SHOP
