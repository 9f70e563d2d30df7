"""Who pays the shipping: the shop for its faults, the buyer for a change of mind, the law's floor."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    LAW,
    SHOP,
    AfterSalesReason,
    Payer,
    Remedy,
    RuleRow,
    ShippingAmounts,
    ShippingDecision,
    ShippingRequest,
    decide_shipping,
)
from tests.aftersales.factories import explained

R = AfterSalesReason
D = date(2026, 5, 1)
OUT, BACK, NEW = 1000, 1200, 900  # the original parcel, the return parcel, a replacement


def ship(
    reason: AfterSalesReason,
    remedy: Remedy = Remedy.RETURN,
    *,
    free: bool,
    platform: str | None = "taobao",
    on: date = D,
    rows: tuple[RuleRow, ...] = DEFAULT_RULES,
    lost: bool = False,
) -> ShippingDecision:
    request = ShippingRequest(reason, remedy, free, OUT, BACK, NEW, free_shipping_lost=lost)
    decision = decide_shipping(request, rows=rows, platform=platform, on=on)
    explained(decision)
    return decision


FAULTS = [R.QUALITY, R.WRONG_ITEM, R.TRANSIT_DAMAGE, R.NOT_AS_DESCRIBED]


@pytest.mark.parametrize("reason", FAULTS)
@pytest.mark.parametrize("free", [True, False])
def test_for_the_shops_fault_the_shop_pays_both_ways(reason: AfterSalesReason, free: bool) -> None:
    decision = ship(reason, free=free)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.SHOP, Payer.SHOP)
    assert decision.reason == f"aftersales.shipping.fault.{reason}"
    assert decision.rule.scope == LAW and "第二十四条" in decision.rule.source
    # The buyer gets back the return freight, and the outbound shipping if they paid it.
    assert decision.amounts == ShippingAmounts(0, OUT + BACK, BACK + (0 if free else OUT), 0)


@pytest.mark.parametrize("reason", FAULTS)
def test_a_faulty_item_exchanged_ships_both_ways_at_the_shops_cost(
    reason: AfterSalesReason,
) -> None:
    decision = ship(reason, Remedy.EXCHANGE, free=False)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.SHOP, Payer.SHOP)
    assert decision.amounts == ShippingAmounts(0, NEW + BACK, BACK, 0)


def test_a_missing_item_is_reshipped_at_the_shops_cost_and_nothing_comes_back() -> None:
    decision = ship(R.MISSING_ITEM, Remedy.RESHIP, free=True)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.SHOP, Payer.NOBODY)
    assert decision.amounts == ShippingAmounts(0, NEW, 0, 0)


@pytest.mark.parametrize(
    ("reason", "free", "platform", "payers", "amounts", "code"),
    [
        # Taobao art. 53: free shipping → the buyer pays the return only.
        (
            R.CHANGED_MIND,
            True,
            "taobao",
            (Payer.SHOP, Payer.BUYER),
            ShippingAmounts(BACK, OUT, 0, 0),
            "shop_buyer",
        ),
        # Not free shipping → all of it; the outbound shipping is simply not refunded.
        (
            R.CHANGED_MIND,
            False,
            "taobao",
            (Payer.BUYER, Payer.BUYER),
            ShippingAmounts(OUT + BACK, 0, 0, 0),
            "buyer_buyer",
        ),
        (
            R.DOES_NOT_FIT,
            True,
            "taobao",
            (Payer.SHOP, Payer.BUYER),
            ShippingAmounts(BACK, OUT, 0, 0),
            "shop_buyer",
        ),
        (
            R.DOES_NOT_FIT,
            False,
            "taobao",
            (Payer.BUYER, Payer.BUYER),
            ShippingAmounts(OUT + BACK, 0, 0, 0),
            "buyer_buyer",
        ),
        # JD has no row: the handbook's "buyer pays both" stands for paid shipping, but the law
        # never lets a free-shipping order's outbound parcel be charged.
        (
            R.DOES_NOT_FIT,
            True,
            "jd",
            (Payer.SHOP, Payer.BUYER),
            ShippingAmounts(BACK, OUT, 0, 0),
            "shop_buyer",
        ),
        (
            R.DOES_NOT_FIT,
            False,
            "jd",
            (Payer.BUYER, Payer.BUYER),
            ShippingAmounts(OUT + BACK, 0, 0, 0),
            "buyer_buyer",
        ),
        (
            R.CHANGED_MIND,
            True,
            None,
            (Payer.SHOP, Payer.BUYER),
            ShippingAmounts(BACK, OUT, 0, 0),
            "shop_buyer",
        ),
    ],
)
def test_a_change_of_mind_is_paid_by_the_buyer_as_far_as_the_rules_allow(
    reason: AfterSalesReason,
    free: bool,
    platform: str | None,
    payers: tuple[Payer, Payer],
    amounts: ShippingAmounts,
    code: str,
) -> None:
    decision = ship(reason, free=free, platform=platform)
    assert (decision.payer_outbound, decision.payer_return) == payers
    assert decision.amounts == amounts
    assert decision.reason == f"aftersales.shipping.no_reason.{code}"


def test_the_free_shipping_case_cites_the_law_and_the_return_rule() -> None:
    decision = ship(R.CHANGED_MIND, free=True, platform="jd")
    assert [r.key for r in decision.rules] == [
        "return.buyer_pays_outbound_if_free",
        "return.buyer_pays_return_shipping",
    ]
    assert decision.rule.scope == LAW
    assert "第十七条" in explained(decision)["zh-CN"]


def test_the_paid_shipping_case_on_taobao_cites_article_53() -> None:
    decision = ship(R.CHANGED_MIND, free=False)
    assert decision.rule.scope == "taobao" and "第五十三条" in decision.rule.source


def test_before_the_2017_measures_the_handbook_charged_the_free_outbound_parcel() -> None:
    decision = ship(R.CHANGED_MIND, free=True, platform=None, on=date(2016, 6, 1))
    assert (decision.payer_outbound, decision.rule.scope) == (Payer.BUYER, SHOP)
    assert decision.amounts == ShippingAmounts(OUT + BACK, 0, 0, OUT)  # deducted from the refund


def test_a_partial_return_that_loses_free_shipping_deducts_the_outbound_parcel() -> None:
    decision = ship(R.CHANGED_MIND, free=True, lost=True)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.BUYER, Payer.BUYER)
    assert decision.amounts == ShippingAmounts(OUT + BACK, 0, 0, OUT)
    assert decision.reason == "aftersales.shipping.free_shipping_lost"


def test_an_exchange_for_size_is_paid_by_the_buyer_both_ways() -> None:
    decision = ship(R.DOES_NOT_FIT, Remedy.EXCHANGE, free=True)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.BUYER, Payer.BUYER)
    # The buyer pays the replacement parcel before it ships, and their own parcel back.
    assert decision.amounts == ShippingAmounts(NEW + BACK, 0, 0, NEW)
    assert decision.reason == "aftersales.shipping.exchange.buyer"
    assert "第五十四条" in decision.rule.source


def test_a_shop_offering_free_returns_beats_the_law_that_charges_the_buyer() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "return.buyer_pays_return_shipping", 0, "店规:退货运费险", date(2026, 1, 1)),
    )
    decision = ship(R.CHANGED_MIND, free=True, rows=rows)
    assert (decision.payer_outbound, decision.payer_return) == (Payer.SHOP, Payer.SHOP)
    assert decision.amounts == ShippingAmounts(0, OUT + BACK, BACK, 0)
    assert decision.reason == "aftersales.shipping.no_reason.shop_shop"


def test_a_shop_paying_exchanges_is_said_so() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "exchange.buyer_pays_shipping", 0, "店规:换货包邮", date(2026, 1, 1)),
    )
    decision = ship(R.DOES_NOT_FIT, Remedy.EXCHANGE, free=True, rows=rows)
    assert (decision.payer_outbound, decision.reason) == (
        Payer.SHOP,
        "aftersales.shipping.exchange.shop",
    )


def test_a_shop_returning_the_return_freight_only_on_paid_orders_is_said_so() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "return.buyer_pays_return_shipping", 0, "店规:退货运费险", date(2026, 1, 1)),
    )
    decision = ship(R.CHANGED_MIND, free=False, rows=rows)
    assert decision.reason == "aftersales.shipping.no_reason.buyer_shop"
    assert decision.amounts == ShippingAmounts(OUT, BACK, BACK, 0)


def test_requests_that_make_no_sense_cannot_be_built() -> None:
    base = ShippingRequest(R.QUALITY, Remedy.RETURN, True, OUT)
    for changes in (
        {"remedy": Remedy.PARTIAL_REFUND},
        {"remedy": Remedy.RESHIP},
        {"outbound_fen": -1},
    ):
        with pytest.raises(ValueError):
            replace(base, **changes)
