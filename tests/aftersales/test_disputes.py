"""Late shipment: 72 hours after payment, 5% of the price paid capped at 30 yuan, 3 points; the watch."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, timedelta
from typing import Any

import pytest

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    SHOP,
    LateShipment,
    PaidOrder,
    RuleRow,
    WatchStage,
    late_shipment,
    shipment_watch,
)
from tests.aftersales.factories import at, explained

PAID = at(2026, 5, 1, 10, 0)
DUE = at(2026, 5, 4, 10, 0)  # 72 hours later


def order(**kw: Any) -> PaidOrder:
    fields: dict[str, Any] = {"platform": "taobao", "paid_at": PAID, "item_paid_fen": 100_00, **kw}
    return PaidOrder("o1", **fields)


def late(o: PaidOrder, now: datetime, rows: tuple[RuleRow, ...] = DEFAULT_RULES) -> LateShipment:
    result = late_shipment(o, rows=rows, now=now)
    explained(result)
    return result


@pytest.mark.parametrize(
    ("shipped_at", "now", "is_late", "code"),
    [
        (DUE, DUE + timedelta(days=1), False, "shipped_on_time"),  # at 72:00:00 exactly
        (DUE + timedelta(seconds=1), DUE + timedelta(days=1), True, "shipped_late"),
        (None, DUE, False, "not_yet_due"),
        (None, DUE + timedelta(seconds=1), True, "not_shipped"),
        (None, at(2026, 5, 2, 10, 0), False, "not_yet_due"),
    ],
)
def test_an_order_not_shipped_within_72_hours_of_payment_is_late(
    shipped_at: datetime | None, now: datetime, is_late: bool, code: str
) -> None:
    result = late(order(shipped_at=shipped_at), now)
    assert (result.late, result.reason, result.ship_by) == (is_late, f"aftersales.late.{code}", DUE)
    assert (result.penalty_fen, result.points) == ((500, 3) if is_late else (0, 0))


@pytest.mark.parametrize(
    ("paid_fen", "penalty"),
    [
        (100_00, 5_00),
        (333, 17),  # 16.65 fen, rounded up: the buyer is owed it
        (599_99, 30_00),  # 29.9995 yuan rounds up to the cap
        (600_00, 30_00),
        (600_01, 30_00),  # over the cap
        (5000_00, 30_00),
        (0, 0),
    ],
)
def test_the_penalty_is_five_percent_of_the_price_paid_at_most_thirty_yuan(
    paid_fen: int, penalty: int
) -> None:
    result = late(order(item_paid_fen=paid_fen), DUE + timedelta(hours=1))
    assert result.penalty_fen == penalty


def test_the_late_answer_names_the_penalty_and_the_points() -> None:
    texts = explained(late(order(), DUE + timedelta(hours=1)))
    assert "5.00" in texts["zh-CN"] and "30.00" in texts["zh-CN"] and "3" in texts["en"]


def test_saying_it_is_out_of_stock_counts_as_late_at_once() -> None:
    result = late(order(out_of_stock_declared=True), PAID + timedelta(hours=2))
    assert (result.late, result.reason) == (True, "aftersales.late.out_of_stock")


def test_out_of_stock_but_shipped_in_time_after_all_is_not_late() -> None:
    result = late(order(out_of_stock_declared=True, shipped_at=PAID + timedelta(hours=30)), DUE)
    assert not result.late


@pytest.mark.parametrize(
    ("kw", "code"), [({"presale": True}, "presale"), ({"made_to_order": True}, "made_to_order")]
)
def test_presale_and_made_to_order_goods_are_exempt(kw: dict[str, Any], code: str) -> None:
    result = late(order(**kw), PAID + timedelta(days=10))
    assert (result.late, result.ship_by, result.reason) == (
        False,
        None,
        f"aftersales.late.exempt.{code}",
    )


def test_an_agreed_shipping_time_replaces_the_72_hours() -> None:
    agreed = at(2026, 5, 8, 18, 0)
    assert not late(order(agreed_ship_by=agreed), DUE + timedelta(days=2)).late
    result = late(
        order(agreed_ship_by=agreed, shipped_at=agreed + timedelta(minutes=1)),
        agreed + timedelta(days=1),
    )
    assert (result.late, result.reason) == (True, "aftersales.late.shipped_late_agreed")
    result = late(order(agreed_ship_by=agreed), agreed + timedelta(minutes=1))
    assert result.reason == "aftersales.late.not_shipped_agreed"


def test_the_rules_in_force_on_the_day_of_payment_govern_the_order() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "late_shipment.ship_within_hours", 48, "店规:48小时发货", date(2026, 6, 1)),
        RuleRow(SHOP, "late_shipment.penalty_bp", 1000, "店规:延迟发货赔付10%", date(2026, 6, 1)),
    )
    before = late(order(), PAID + timedelta(hours=50), rows)
    assert (before.late, before.ship_by) == (False, DUE)
    june = order(paid_at=at(2026, 6, 1, 10, 0))
    after = late(june, at(2026, 6, 3, 10, 1), rows)
    assert (after.late, after.penalty_fen, after.rule.source) == (
        True,
        10_00,
        "店规:延迟发货赔付10%",
    )


def test_an_order_needs_aware_instants() -> None:
    with pytest.raises(ValueError):
        order(paid_at=datetime(2026, 5, 1, 10, 0))  # noqa: DTZ001


# -- the watch ----------------------------------------------------------------------------------


def test_the_watch_lists_orders_past_60_hours_and_late_ones_soonest_first() -> None:
    now = at(2026, 5, 4, 10, 0)  # orders paid 59 h, 60 h, 71 h, 73 h ago
    orders = [
        replace(order(), order_id="59h", paid_at=now - timedelta(hours=59)),
        replace(order(), order_id="60h", paid_at=now - timedelta(hours=60)),
        replace(order(), order_id="71h", paid_at=now - timedelta(hours=71)),
        replace(order(), order_id="73h", paid_at=now - timedelta(hours=73)),
        replace(order(), order_id="shipped", paid_at=now - timedelta(hours=70), shipped_at=now),
        replace(order(), order_id="presale", paid_at=now - timedelta(hours=80), presale=True),
    ]
    alerts = shipment_watch(orders, rows=DEFAULT_RULES, now=now)
    assert [(a.order_id, a.stage) for a in alerts] == [
        ("73h", WatchStage.LATE),
        ("71h", WatchStage.WARN),
        ("60h", WatchStage.WARN),
    ]
    assert alerts[1].remaining == timedelta(hours=1)
    assert alerts[1].params["remaining"] == "1:00:00"
    assert alerts[0].remaining == -timedelta(hours=1)
    for alert in alerts:
        explained(alert)


def test_an_order_exactly_at_72_hours_is_still_a_warning() -> None:
    [alert] = shipment_watch([order()], rows=DEFAULT_RULES, now=DUE)
    assert alert.stage is WatchStage.WARN and alert.remaining == timedelta(0)


def test_an_agreed_shipping_time_is_warned_the_same_12_hours_ahead() -> None:
    agreed = at(2026, 5, 8, 18, 0)
    o = order(agreed_ship_by=agreed)
    assert (
        shipment_watch([o], rows=DEFAULT_RULES, now=agreed - timedelta(hours=12, seconds=1)) == ()
    )
    [alert] = shipment_watch([o], rows=DEFAULT_RULES, now=agreed - timedelta(hours=12))
    assert alert.stage is WatchStage.WARN


def test_orders_of_different_platforms_are_watched_by_their_own_rows() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow("jd", "late_shipment.ship_within_hours", 48, "京东:48小时发货", date(2026, 1, 1)),
    )
    now = at(2026, 5, 3, 10, 0)  # 48 h after payment
    orders = [order(), replace(order(), order_id="jd1", platform="jd")]
    alerts = shipment_watch(orders, rows=rows, now=now)
    # The JD order is due now; the Taobao one still has 24 hours and is not yet warned.
    assert [(a.order_id, a.stage) for a in alerts] == [("jd1", WatchStage.WARN)]
    # The same 12-hour lead applies to JD's shorter limit: 36 hours after payment.
    [early] = shipment_watch(orders[1:], rows=rows, now=now - timedelta(hours=12))
    assert early.remaining == timedelta(hours=12)
    assert shipment_watch(orders[1:], rows=rows, now=now - timedelta(hours=12, seconds=1)) == ()
