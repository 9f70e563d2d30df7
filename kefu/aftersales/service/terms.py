"""The words the after-sales use cases share on top of the engine's: what a buyer asks for
(the case's kind), why (its reason, one more than the engine knows), an order's status and
remark flags, a payout's status and the faults that cost an agent points."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum

from kefu.aftersales.rules import AfterSalesReason, Remedy


class CaseKind(StrEnum):
    """What the buyer asks for (issue 6, seed 004 售后客服工作流程)."""

    RETURN_REFUND = "return_refund"  # 退货退款
    REFUND_ONLY = "refund_only"  # 仅退款
    EXCHANGE = "exchange"  # 换货
    RESEND = "resend"  # 补发
    PARTIAL_REFUND = "partial_refund"  # 折价
    PRICE_DIFFERENCE = "price_difference"  # 退差价
    SHIPPING_REFUND = "shipping_refund"  # 退运费


class CaseReason(StrEnum):
    """Why the buyer asks: the engine's reasons and "not received"."""

    QUALITY = "quality"
    WRONG_ITEM = "wrong_item"
    MISSING_ITEM = "missing_item"
    TRANSIT_DAMAGE = "transit_damage"
    NOT_AS_DESCRIBED = "not_as_described"
    DOES_NOT_FIT = "does_not_fit"
    CHANGED_MIND = "changed_mind"
    NOT_RECEIVED = "not_received"

    @property
    def engine(self) -> AfterSalesReason:
        """The engine's reason. A parcel that never arrived is an item missing in full: the
        shop's responsibility, sent again or refunded, with nothing to send back."""
        if self is CaseReason.NOT_RECEIVED:
            return AfterSalesReason.MISSING_ITEM
        return AfterSalesReason(self.value)

    @property
    def buyers_own(self) -> bool:
        return not self.engine.shop_at_fault


# What each kind asks the remedy engine for.
PREFERENCE: Mapping[CaseKind, Remedy] = {
    CaseKind.RETURN_REFUND: Remedy.RETURN,
    CaseKind.REFUND_ONLY: Remedy.PARTIAL_REFUND,
    CaseKind.EXCHANGE: Remedy.EXCHANGE,
    CaseKind.RESEND: Remedy.RESHIP,
    CaseKind.PARTIAL_REFUND: Remedy.PARTIAL_REFUND,
    CaseKind.PRICE_DIFFERENCE: Remedy.PARTIAL_REFUND,
    CaseKind.SHIPPING_REFUND: Remedy.PARTIAL_REFUND,
}

# Kinds that pay money without anything travelling: the amount asked for is required.
MONEY_ONLY: frozenset[CaseKind] = frozenset(
    {
        CaseKind.REFUND_ONLY,
        CaseKind.PARTIAL_REFUND,
        CaseKind.PRICE_DIFFERENCE,
        CaseKind.SHIPPING_REFUND,
    }
)


class OrderStatus(StrEnum):
    UNPAID = "unpaid"  # 等待买家付款
    PAID = "paid"  # 买家已付款, 等待卖家发货
    SHIPPED = "shipped"  # 卖家已发货
    SIGNED = "signed"  # 已签收
    COMPLETED = "completed"  # 交易成功
    CLOSED = "closed"  # 交易关闭


class RemarkFlag(StrEnum):
    """The handbooks' remark flags: red for pre-sales matters (seed 003 标单格式), blue for
    after-sales ones, yellow for the buyer's height, weight and size (seed 004)."""

    RED = "red"
    BLUE = "blue"
    YELLOW = "yellow"


class PayoutStatus(StrEnum):
    PAID = "paid"
    AWAITING_APPROVAL = "awaiting_approval"
    REJECTED = "rejected"


class Fault(StrEnum):
    """The handbook's faults (seed 000 七 注, 八 注) with their points."""

    COMPLAINT_NOT_REPORTED = "complaint_not_reported"
    UNINFORMED_APPEAL = "uninformed_appeal"
    REFUND_NOT_HANDLED = "refund_not_handled"
    MISSED_REPORT = "missed_report"
    DUPLICATE_INSTANT_REFUND = "duplicate_instant_refund"
    AGREEMENT_UNCONFIRMED = "agreement_unconfirmed"
    MISJUDGED_REFUND = "misjudged_refund"


@dataclass(frozen=True)
class FaultRule:
    points: int
    source: str


_SEED = "店规(客服部规章 七、八)"
# fmt: off
FAULTS: Mapping[Fault, FaultRule] = {
    Fault.COMPLAINT_NOT_REPORTED: FaultRule(10, f"{_SEED}:发现投诉后不予理睬和上报的扣10分"),
    Fault.UNINFORMED_APPEAL: FaultRule(10, f"{_SEED}:未了解情况私自申诉的扣10分"),
    Fault.REFUND_NOT_HANDLED: FaultRule(1, f"{_SEED}:客人联系客服后,未及时帮助客人处理退款的扣1分"),
    Fault.MISSED_REPORT: FaultRule(5, f"{_SEED}:因客服失误遗漏上报导致客人要求淘宝介入的扣5分"),
    Fault.DUPLICATE_INSTANT_REFUND: FaultRule(
        5, f"{_SEED}:即时到账重复提交未备注好导致重复打款的扣5分(并承担相应费用)"),
    Fault.AGREEMENT_UNCONFIRMED: FaultRule(2, f"{_SEED}:退款协议未确认好就提交退款的扣2分"),
    Fault.MISJUDGED_REFUND: FaultRule(
        5, f"{_SEED}:自己判断失误,未引导客人进行相对应的退款申请,导致客人退款后给中差评的扣5分"),
}
# fmt: on
