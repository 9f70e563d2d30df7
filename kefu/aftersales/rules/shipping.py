"""Who pays the shipping of a return, an exchange or a reshipment.

- The shop's fault (quality, wrong or missing item, damaged in transit, not as described): the
  shop pays both ways (消法 第二十四条; seed 001 售后环节; seed 004 发错货发少货). Damage in
  transit is then the shop's claim against the carrier (seed 004 追究快递), never the buyer's.
- Changed mind or does not fit, returned: the buyer pays the return parcel (消法 第二十五条).
  The outbound parcel: the handbook has the buyer pay it too (seed 001); Taobao only when the
  order was not free-shipping (争议处理规则 第五十三条), and the law never lets a free-shipping
  order's outbound parcel be charged unless a partial return broke the free-shipping condition
  (暂行办法 第十七条, 第十八条). The rule table's precedence settles it per platform and day.
- Exchanged for size: the buyer pays both ways (Taobao 第五十四条; seed 001).

Money flows assumed: the buyer advances the return parcel; the outbound parcel was paid by the
buyer unless the order shipped free; the shop advances a replacement parcel.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import ResolvedRule, RuleRow, rule_value
from kefu.aftersales.rules.terms import AfterSalesReason, Payer, Remedy, yuan


@dataclass(frozen=True)
class ShippingRequest:
    reason: AfterSalesReason
    remedy: Remedy  # RETURN, EXCHANGE or RESHIP
    free_shipping: bool  # the order shipped free (包邮)
    outbound_fen: int  # the original parcel: what the buyer paid, or the shop's cost if free
    return_fen: int = 0  # the buyer's parcel back
    replacement_fen: int = 0  # the replacement parcel (exchange, reshipment)
    free_shipping_lost: bool = False  # a partial return leaves the order below the threshold

    def __post_init__(self) -> None:
        if min(self.outbound_fen, self.return_fen, self.replacement_fen) < 0:
            raise ValueError("shipping costs are never negative")
        if self.remedy is Remedy.PARTIAL_REFUND:
            raise ValueError("a partial refund ships nothing")
        if self.remedy is Remedy.RESHIP and self.reason is not AfterSalesReason.MISSING_ITEM:
            raise ValueError("only a missing item is reshipped")


@dataclass(frozen=True)
class ShippingAmounts:
    """In fen. ``owed_to_buyer_fen`` is added to the refund or reimbursed (outbound shipping
    the buyer paid, return freight the buyer advanced); ``owed_by_buyer_fen`` is deducted from
    the refund or paid before a replacement ships."""

    buyer_fen: int
    shop_fen: int
    owed_to_buyer_fen: int
    owed_by_buyer_fen: int


@dataclass(frozen=True)
class ShippingDecision:
    """``payer_outbound`` bears the shop-to-buyer parcel being settled: the original one for a
    return, the replacement for an exchange or reshipment. ``rules`` are every row the decision
    rests on, ``rule`` first."""

    payer_outbound: Payer
    payer_return: Payer
    amounts: ShippingAmounts
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)
    rules: tuple[RuleRow, ...] = ()


def decide_shipping(
    request: ShippingRequest, *, rows: Iterable[RuleRow], platform: str | None, on: date
) -> ShippingDecision:
    """Who pays each parcel and what that means for the refund, under the rules in force on
    ``on`` (the day the after-sales case was opened)."""
    rows = tuple(rows)
    if request.reason.shop_at_fault:
        fault = rule_value(rows, "fault.shop_pays_shipping", platform=platform, on=on)
        payer = Payer.SHOP if fault.value else Payer.BUYER
        back = Payer.NOBODY if request.remedy is Remedy.RESHIP else payer
        reason = f"aftersales.shipping.fault.{request.reason}"
        return _decision(request, payer, back, reason, (fault,))
    if request.remedy is Remedy.EXCHANGE:
        exchange = rule_value(rows, "exchange.buyer_pays_shipping", platform=platform, on=on)
        payer = Payer.BUYER if exchange.value else Payer.SHOP
        return _decision(
            request, payer, payer, f"aftersales.shipping.exchange.{payer}", (exchange,)
        )
    return _no_reason_return(request, rows, platform, on)


def _no_reason_return(
    request: ShippingRequest, rows: tuple[RuleRow, ...], platform: str | None, on: date
) -> ShippingDecision:
    back = rule_value(rows, "return.buyer_pays_return_shipping", platform=platform, on=on)
    free = request.free_shipping and not request.free_shipping_lost
    key = "return.buyer_pays_outbound_if_free" if free else "return.buyer_pays_outbound_if_paid"
    out = rule_value(rows, key, platform=platform, on=on)
    payer_out = Payer.BUYER if out.value else Payer.SHOP
    payer_back = Payer.BUYER if back.value else Payer.SHOP
    if payer_out is Payer.BUYER and request.free_shipping_lost:
        reason = "aftersales.shipping.free_shipping_lost"
    else:
        reason = f"aftersales.shipping.no_reason.{payer_out}_{payer_back}"
    # Cite the rule that decided the outbound parcel first: it is the one buyers dispute.
    return _decision(request, payer_out, payer_back, reason, (out, back))


def _decision(
    request: ShippingRequest,
    payer_out: Payer,
    payer_back: Payer,
    reason: str,
    resolved: tuple[ResolvedRule, ...],
) -> ShippingDecision:
    amounts = _amounts(request, payer_out, payer_back)
    params = {
        "outbound": yuan(_outbound_cost(request)),
        "return": yuan(request.return_fen),
        "buyer": yuan(amounts.buyer_fen),
        "owed_to_buyer": yuan(amounts.owed_to_buyer_fen),
        "owed_by_buyer": yuan(amounts.owed_by_buyer_fen),
        "source": "; ".join(dict.fromkeys(r.source for r in resolved)),
    }
    rows = tuple(r.row for r in resolved)
    return ShippingDecision(payer_out, payer_back, amounts, rows[0], reason, params, rows)


def _outbound_cost(request: ShippingRequest) -> int:
    return request.outbound_fen if request.remedy is Remedy.RETURN else request.replacement_fen


def _amounts(request: ShippingRequest, payer_out: Payer, payer_back: Payer) -> ShippingAmounts:
    buyer = shop = to_buyer = by_buyer = 0
    cost = _outbound_cost(request)
    # Who advanced the outbound parcel: the buyer for a paid-shipping order's original parcel,
    # the shop for a free one and for every replacement.
    buyer_advanced = request.remedy is Remedy.RETURN and not request.free_shipping
    if payer_out is Payer.BUYER:
        buyer += cost
        by_buyer += 0 if buyer_advanced else cost
    else:
        shop += cost
        to_buyer += cost if buyer_advanced else 0
    if payer_back is Payer.BUYER:
        buyer += request.return_fen
    elif payer_back is Payer.SHOP:
        shop += request.return_fen
        to_buyer += request.return_fen
    return ShippingAmounts(buyer, shop, to_buyer, by_buyer)
