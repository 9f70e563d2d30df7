"""Which remedy to offer: a partial refund (折价), an exchange, a return or a reshipment.

Seed 004 售后客服工作流程: offer a partial refund when it costs the shop less than an
exchange; exchange when no partial refund was agreed; return for a quality problem. Seed 001
(五.2): for worn or washed clothes with a quality problem, offer a fair compensation rather than
a return or an exchange. A missing item is sent again (补发) or its part refunded (退少发的产品).

Costs are the shop's, in fen, against keeping the sale as it is:

- partial refund: the discount;
- exchange: the shop's share of the shipping, plus the item's price when the unit that comes
  back cannot be sold again (a quality defect, damage in transit: 暂行办法 第二十五条 lets a
  returned unit be sold as new only when fully restorable);
- return: the shop's share of the shipping, plus what was paid when the unit is written off.

The buyer's own choice of a return is always honoured here: whether a return is allowed at all
is for ``returns.py`` (no reason) or the law (a quality claim, 消法 第二十四条).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.shipping import ShippingRequest, decide_shipping
from kefu.aftersales.rules.terms import AfterSalesReason, Remedy, yuan

_WRITTEN_OFF = frozenset({AfterSalesReason.QUALITY, AfterSalesReason.TRANSIT_DAMAGE})


@dataclass(frozen=True)
class RemedyRequest:
    reason: AfterSalesReason
    price_fen: int  # the item's price (what a unit is worth to the shop)
    paid_fen: int  # what the buyer paid for it
    outbound_fen: int  # the original parcel
    return_fen: int  # a parcel back from the buyer
    replacement_fen: int  # a parcel with a replacement
    # The partial refund offered to keep the item, 0 for none; for a missing item, the price
    # of the missing part (0: the whole item's).
    discount_fen: int = 0
    free_shipping: bool = True
    preference: Remedy | None = None  # what the buyer asked for, if anything
    in_stock: bool = True  # a replacement can be sent

    def __post_init__(self) -> None:
        amounts = (self.price_fen, self.paid_fen, self.outbound_fen, self.return_fen)
        if min(*amounts, self.replacement_fen, self.discount_fen) < 0:
            raise ValueError("amounts are never negative")
        if self.discount_fen > self.paid_fen:
            raise ValueError("a partial refund cannot exceed what was paid")


@dataclass(frozen=True)
class RemedyCosts:
    partial_refund_fen: int | None  # None when no partial refund was offered
    exchange_fen: int
    return_fen: int


@dataclass(frozen=True)
class RemedyDecision:
    remedy: Remedy
    costs: RemedyCosts
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def decide_remedy(
    request: RemedyRequest, *, rows: Iterable[RuleRow], platform: str | None, on: date
) -> RemedyDecision:
    """The remedy to propose, by the buyer's choice where they made one and by cost otherwise."""
    rows = tuple(rows)
    costs = _costs(request, rows, platform, on)
    policy = rule_value(rows, "remedy.partial_when_cheaper", platform=platform, on=on)
    params = {
        "discount": yuan(request.discount_fen),
        "exchange_cost": yuan(costs.exchange_fen),
        "return_cost": yuan(costs.return_fen),
        "source": policy.source,
    }
    if request.reason is AfterSalesReason.MISSING_ITEM:
        remedy, reason = _missing_item(request)
        params["discount"] = yuan(request.discount_fen or request.paid_fen)
    elif request.preference is Remedy.RETURN:
        remedy, reason = Remedy.RETURN, "aftersales.remedy.return.buyer_choice"
    elif request.preference is Remedy.EXCHANGE:
        remedy, reason = _exchange_or_return(request, "aftersales.remedy.exchange.buyer_choice")
    elif request.discount_fen and (
        request.preference is Remedy.PARTIAL_REFUND
        or (policy.value and request.discount_fen < costs.exchange_fen)
    ):
        remedy, reason = Remedy.PARTIAL_REFUND, _partial_reason(request)
    else:
        remedy, reason = _exchange_or_return(request, _exchange_reason(request, policy.value))
    rule = policy.row
    if remedy is Remedy.RETURN:
        # A return rests on the buyer's right, not on the shop's preference: cite that.
        key = (
            "fault.shop_pays_shipping" if request.reason.shop_at_fault else "return.no_reason_days"
        )
        rule = rule_value(rows, key, platform=platform, on=on).row
        params["source"] = rule.source
    return RemedyDecision(remedy, costs, rule, reason, params)


def _missing_item(request: RemedyRequest) -> tuple[Remedy, str]:
    if request.preference is Remedy.PARTIAL_REFUND:
        return Remedy.PARTIAL_REFUND, "aftersales.remedy.missing.refund_part"
    if not request.in_stock:
        return Remedy.PARTIAL_REFUND, "aftersales.remedy.missing.no_stock"
    return Remedy.RESHIP, "aftersales.remedy.missing.reship"


def _exchange_or_return(request: RemedyRequest, reason: str) -> tuple[Remedy, str]:
    if request.in_stock:
        return Remedy.EXCHANGE, reason
    return Remedy.RETURN, "aftersales.remedy.return.no_stock"


def _partial_reason(request: RemedyRequest) -> str:
    if request.preference is Remedy.PARTIAL_REFUND:
        return "aftersales.remedy.partial.buyer_choice"
    return "aftersales.remedy.partial.cheaper"


def _exchange_reason(request: RemedyRequest, partial_when_cheaper: int) -> str:
    if not request.discount_fen:
        return "aftersales.remedy.exchange.no_discount"
    if not partial_when_cheaper:
        return "aftersales.remedy.exchange.shop_policy"
    return "aftersales.remedy.exchange.cheaper"


def _costs(
    request: RemedyRequest, rows: tuple[RuleRow, ...], platform: str | None, on: date
) -> RemedyCosts:
    written_off = request.reason in _WRITTEN_OFF
    exchange = decide_shipping(
        _shipping(request, Remedy.EXCHANGE), rows=rows, platform=platform, on=on
    )
    back = decide_shipping(_shipping(request, Remedy.RETURN), rows=rows, platform=platform, on=on)
    return RemedyCosts(
        partial_refund_fen=request.discount_fen or None,
        exchange_fen=exchange.amounts.shop_fen + (request.price_fen if written_off else 0),
        return_fen=back.amounts.shop_fen + (request.paid_fen if written_off else 0),
    )


def _shipping(request: RemedyRequest, remedy: Remedy) -> ShippingRequest:
    # A missing item is reshipped: nothing comes back, only the replacement parcel travels.
    if request.reason is AfterSalesReason.MISSING_ITEM:
        remedy = Remedy.RESHIP
    return ShippingRequest(
        reason=request.reason,
        remedy=remedy,
        free_shipping=request.free_shipping,
        outbound_fen=request.outbound_fen,
        return_fen=request.return_fen,
        replacement_fen=request.replacement_fen,
    )
