"""Late shipment (延迟发货, seed 001 维权): the penalty owed and the watch that prevents it.

The handbook quotes Taobao: an order not shipped within 72 hours of payment, or one the seller
says is out of stock, is shipped late; the seller pays the buyer 5% of what was actually paid
for the item, at most 30 yuan, and loses 3 points. Made-to-order and presale goods are exempt,
and an agreed shipping time replaces the 72 hours. Shipping time is the carrier's record
(淘宝平台争议处理规则 第二十五条), so ``shipped_at`` must be that, not the click on "ship".
Research could not confirm these numbers, and platforms change them, so they are shop rows of
the rule table; the rows in force on the day of payment govern the order.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import ResolvedRule, RuleRow, rule_value
from kefu.aftersales.rules.terms import (
    SHOP_TZ,
    duration_text,
    local_day,
    percent,
    require_aware,
    share,
    shown,
    yuan,
)


@dataclass(frozen=True)
class PaidOrder:
    order_id: str
    platform: str | None
    paid_at: datetime
    item_paid_fen: int  # 实际成交金额 of the item
    shipped_at: datetime | None = None  # the carrier's record
    presale: bool = False
    made_to_order: bool = False
    agreed_ship_by: datetime | None = None  # a shipping time agreed with the buyer
    out_of_stock_declared: bool = False  # the seller told the buyer it is out of stock

    def __post_init__(self) -> None:
        require_aware(self.paid_at, "paid_at")
        for value in (self.shipped_at, self.agreed_ship_by):
            if value is not None:
                require_aware(value, "an order's instant")
        if self.item_paid_fen < 0:
            raise ValueError("an amount paid is never negative")


@dataclass(frozen=True)
class LateShipment:
    late: bool
    ship_by: datetime | None  # None for exempt orders
    penalty_fen: int  # owed to the buyer; 0 unless late
    points: int  # the points the platform deducts; 0 unless late
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class _Terms:
    within: ResolvedRule
    rate: ResolvedRule
    cap: ResolvedRule
    points: ResolvedRule
    warn: ResolvedRule


def _terms(rows: tuple[RuleRow, ...], order: PaidOrder, tz: tzinfo) -> _Terms:
    on = local_day(order.paid_at, tz)

    def value(key: str) -> ResolvedRule:
        return rule_value(rows, f"late_shipment.{key}", platform=order.platform, on=on)

    return _Terms(
        value("ship_within_hours"),
        value("penalty_bp"),
        value("penalty_cap_fen"),
        value("points"),
        value("warn_lead_hours"),
    )


def _ship_by(order: PaidOrder, terms: _Terms) -> datetime:
    return order.agreed_ship_by or order.paid_at + timedelta(hours=terms.within.value)


def late_shipment(
    order: PaidOrder, *, rows: Iterable[RuleRow], now: datetime, tz: tzinfo = SHOP_TZ
) -> LateShipment:
    """Whether ``order`` is (or was) shipped late at ``now``, and what that costs the shop."""
    require_aware(now, "now")
    terms = _terms(tuple(rows), order, tz)
    source = {"source": terms.within.source}
    if order.presale or order.made_to_order:
        code = "presale" if order.presale else "made_to_order"
        return LateShipment(
            False, None, 0, 0, terms.within.row, f"aftersales.late.exempt.{code}", source
        )
    ship_by = _ship_by(order, terms)
    penalty = min(share(order.item_paid_fen, terms.rate.value, round_up=True), terms.cap.value)
    params = {
        **source,
        "paid_at": shown(order.paid_at, tz),
        "ship_by": shown(ship_by, tz),
        "hours": str(terms.within.value),
        "rate": percent(terms.rate.value),
        "cap": yuan(terms.cap.value),
        "penalty": yuan(penalty),
        "points": str(terms.points.value),
    }
    reason = _lateness(order, ship_by, now)
    if reason is None:
        code = "shipped_on_time" if order.shipped_at is not None else "not_yet_due"
        params["remaining"] = duration_text(ship_by - now)
        return LateShipment(
            False, ship_by, 0, 0, terms.within.row, f"aftersales.late.{code}", params
        )
    if order.agreed_ship_by is not None:
        reason += "_agreed"
    late = LateShipment(True, ship_by, penalty, terms.points.value, terms.rate.row, reason, params)
    return late


def _lateness(order: PaidOrder, ship_by: datetime, now: datetime) -> str | None:
    if order.shipped_at is not None and order.shipped_at <= ship_by:
        return None
    if order.shipped_at is not None:
        return "aftersales.late.shipped_late"
    if order.out_of_stock_declared:
        return "aftersales.late.out_of_stock"
    return "aftersales.late.not_shipped" if now > ship_by else None


class WatchStage(StrEnum):
    WARN = "warn"  # still time, but little
    LATE = "late"  # past the shipping time


@dataclass(frozen=True)
class ShipmentAlert:
    order_id: str
    stage: WatchStage
    ship_by: datetime
    remaining: timedelta  # negative once late
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def shipment_watch(
    orders: Iterable[PaidOrder], *, rows: Iterable[RuleRow], now: datetime, tz: tzinfo = SHOP_TZ
) -> tuple[ShipmentAlert, ...]:
    """The unshipped, non-exempt orders that need someone now: those within the warning lead of
    their shipping time (12 hours by default: 60 hours after payment under the 72-hour limit)
    and those already late; the closest to their shipping time first."""
    require_aware(now, "now")
    rows = tuple(rows)
    alerts = [a for order in orders if (a := _alert(order, rows, now, tz)) is not None]
    return tuple(sorted(alerts, key=lambda a: (a.ship_by, a.order_id)))


def _alert(
    order: PaidOrder, rows: tuple[RuleRow, ...], now: datetime, tz: tzinfo
) -> ShipmentAlert | None:
    if order.shipped_at is not None or order.presale or order.made_to_order:
        return None
    terms = _terms(rows, order, tz)
    ship_by = _ship_by(order, terms)
    if now < ship_by - timedelta(hours=terms.warn.value):
        return None
    stage = WatchStage.LATE if now > ship_by else WatchStage.WARN
    params = {
        "order": order.order_id,
        "ship_by": shown(ship_by, tz),
        "remaining": duration_text(ship_by - now),
        "source": terms.warn.source if stage is WatchStage.WARN else terms.within.source,
    }
    rule = terms.warn.row if stage is WatchStage.WARN else terms.within.row
    return ShipmentAlert(
        order.order_id, stage, ship_by, ship_by - now, rule, f"aftersales.watch.{stage}", params
    )
