"""Partial refund, exchange or return: the handbook's choice by cost, and the buyer's own."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    SHOP,
    AfterSalesReason,
    Remedy,
    RemedyDecision,
    RemedyRequest,
    RuleRow,
    decide_remedy,
)
from tests.aftersales.factories import explained

R = AfterSalesReason
D = date(2026, 5, 1)
SHIP = {"outbound_fen": 1000, "return_fen": 800, "replacement_fen": 800}


def remedy(
    reason: AfterSalesReason, rows: tuple[RuleRow, ...] = DEFAULT_RULES, **kw: Any
) -> RemedyDecision:
    fields: dict[str, Any] = {"price_fen": 5000, "paid_fen": 5000, **SHIP, **kw}
    decision = decide_remedy(RemedyRequest(reason, **fields), rows=rows, platform="taobao", on=D)
    explained(decision)
    return decision


@pytest.mark.parametrize(
    ("reason", "discount", "remedy_", "code"),
    [
        # A defective unit is written off: an exchange costs 800 + 800 + 5000 = 6600.
        (R.QUALITY, 1000, Remedy.PARTIAL_REFUND, "partial.cheaper"),
        (R.QUALITY, 4999, Remedy.PARTIAL_REFUND, "partial.cheaper"),
        (R.QUALITY, 5000, Remedy.PARTIAL_REFUND, "partial.cheaper"),
        # A wrong item can be sold again: the exchange costs the two parcels, 1600.
        (R.WRONG_ITEM, 1500, Remedy.PARTIAL_REFUND, "partial.cheaper"),
        (R.WRONG_ITEM, 1600, Remedy.EXCHANGE, "exchange.cheaper"),  # as dear: not cheaper
        (R.WRONG_ITEM, 2000, Remedy.EXCHANGE, "exchange.cheaper"),
        (R.NOT_AS_DESCRIBED, 1599, Remedy.PARTIAL_REFUND, "partial.cheaper"),
        # A change of mind costs the shop no shipping: an exchange is always cheaper.
        (R.DOES_NOT_FIT, 100, Remedy.EXCHANGE, "exchange.cheaper"),
        (R.QUALITY, 0, Remedy.EXCHANGE, "exchange.no_discount"),
    ],
)
def test_a_partial_refund_is_offered_when_it_costs_less_than_an_exchange(
    reason: AfterSalesReason, discount: int, remedy_: Remedy, code: str
) -> None:
    decision = remedy(reason, discount_fen=discount)
    assert (decision.remedy, decision.reason) == (remedy_, f"aftersales.remedy.{code}")


def test_the_costs_are_shown_for_each_remedy() -> None:
    quality = remedy(R.QUALITY, discount_fen=1000)
    assert (quality.costs.partial_refund_fen, quality.costs.exchange_fen) == (1000, 6600)
    assert quality.costs.return_fen == 1000 + 800 + 5000  # both parcels, and the money for a dud
    wrong = remedy(R.WRONG_ITEM, discount_fen=0, free_shipping=False)
    assert (wrong.costs.partial_refund_fen, wrong.costs.exchange_fen, wrong.costs.return_fen) == (
        None,
        1600,
        1800,
    )


def test_the_choice_by_cost_cites_the_shops_rule() -> None:
    decision = remedy(R.QUALITY, discount_fen=1000)
    assert decision.rule.key == "remedy.partial_when_cheaper"
    assert "10.00" in explained(decision)["zh-CN"]


def test_a_shop_that_never_offers_partial_refunds_exchanges() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "remedy.partial_when_cheaper", 0, "店规:不折价", date(2026, 1, 1)),
    )
    decision = remedy(R.QUALITY, rows=rows, discount_fen=1000)
    assert (decision.remedy, decision.reason) == (
        Remedy.EXCHANGE,
        "aftersales.remedy.exchange.shop_policy",
    )


def test_without_stock_an_exchange_becomes_a_return() -> None:
    decision = remedy(R.WRONG_ITEM, discount_fen=3000, in_stock=False)
    assert (decision.remedy, decision.reason) == (
        Remedy.RETURN,
        "aftersales.remedy.return.no_stock",
    )


@pytest.mark.parametrize(
    ("reason", "preference", "kw", "remedy_", "code"),
    [
        (R.QUALITY, Remedy.RETURN, {"discount_fen": 100}, Remedy.RETURN, "return.buyer_choice"),
        (R.CHANGED_MIND, Remedy.RETURN, {}, Remedy.RETURN, "return.buyer_choice"),
        (
            R.QUALITY,
            Remedy.EXCHANGE,
            {"discount_fen": 100},
            Remedy.EXCHANGE,
            "exchange.buyer_choice",
        ),
        (R.QUALITY, Remedy.EXCHANGE, {"in_stock": False}, Remedy.RETURN, "return.no_stock"),
        (
            R.WRONG_ITEM,
            Remedy.PARTIAL_REFUND,
            {"discount_fen": 3000},
            Remedy.PARTIAL_REFUND,
            "partial.buyer_choice",
        ),
        (R.WRONG_ITEM, Remedy.PARTIAL_REFUND, {}, Remedy.EXCHANGE, "exchange.no_discount"),
    ],
)
def test_the_buyers_choice_is_honoured_where_it_can_be(
    reason: AfterSalesReason, preference: Remedy, kw: dict[str, Any], remedy_: Remedy, code: str
) -> None:
    decision = remedy(reason, preference=preference, **kw)
    assert (decision.remedy, decision.reason) == (remedy_, f"aftersales.remedy.{code}")


def test_a_return_cites_the_buyers_right_not_the_shops_preference() -> None:
    quality = remedy(R.QUALITY, preference=Remedy.RETURN)
    assert "第二十四条" in quality.rule.source and quality.params["source"] == quality.rule.source
    whim = remedy(R.CHANGED_MIND, preference=Remedy.RETURN)
    assert whim.rule.key == "return.no_reason_days"


@pytest.mark.parametrize(
    ("kw", "remedy_", "code"),
    [
        ({}, Remedy.RESHIP, "missing.reship"),
        ({"preference": Remedy.EXCHANGE}, Remedy.RESHIP, "missing.reship"),
        ({"in_stock": False, "discount_fen": 1200}, Remedy.PARTIAL_REFUND, "missing.no_stock"),
        (
            {"preference": Remedy.PARTIAL_REFUND, "discount_fen": 1200},
            Remedy.PARTIAL_REFUND,
            "missing.refund_part",
        ),
    ],
)
def test_a_missing_item_is_sent_again_or_its_part_refunded(
    kw: dict[str, Any], remedy_: Remedy, code: str
) -> None:
    decision = remedy(R.MISSING_ITEM, **kw)
    assert (decision.remedy, decision.reason) == (remedy_, f"aftersales.remedy.{code}")
    assert decision.costs.exchange_fen == 800  # only the parcel with the missing part


def test_a_missing_item_without_a_price_of_its_own_is_refunded_in_full() -> None:
    decision = remedy(R.MISSING_ITEM, in_stock=False)
    assert decision.params["discount"] == "50.00"
    assert "50.00" in explained(decision)["en"]


@pytest.mark.parametrize(
    "kw",
    [{"discount_fen": 5001}, {"price_fen": -1}, {"return_fen": -5}],
    ids=["a partial refund above what was paid", "a negative price", "a negative parcel"],
)
def test_impossible_amounts_are_refused(kw: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        remedy(R.QUALITY, **kw)
