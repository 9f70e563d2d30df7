"""Paying refunds out safely: the ledger of an order's payouts.

Three things are never configurable:

- a case is paid once. Seed 000 八 names paying an instant refund twice (即时到账重复提交…导致
  重复打款) as the mistake whose cost the agent bears; a second payout for a case is refused,
  whatever its method. Money owed on top is a new case, with its own decision.
- all payouts of an order together never exceed what the buyer paid for it (暂行办法 第十七条:
  the refund is the amount actually paid).
- the buyer has confirmed the refund agreement (amount and way) before money moves (seed 000
  八(2) and its penalty for 退款协议未确认好就提交退款).

One is: a payout above ``payout.approval_above_fen`` needs a named approver other than the
agent asking.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.terms import yuan

PAID_ONCE_SOURCE = "店规:同一售后单只打款一次,杜绝即时到账重复打款"
AT_MOST_PAID_SOURCE = (
    "《网络购买商品七日无理由退货暂行办法》第十七条:退款金额为消费者实际支付的金额"
)
AGREEMENT_SOURCE = "店规:退款协议经顾客确认后才能打款"


class PayoutMethod(StrEnum):
    PLATFORM = "platform"  # through the platform's refund (退款协议)
    INSTANT = "instant"  # a direct transfer (支付宝即时到账)


@dataclass(frozen=True)
class Payout:
    case_id: str
    amount_fen: int
    method: PayoutMethod
    requested_by: str  # the agent asking
    agreement_confirmed: bool  # the buyer confirmed the amount and the way
    approver: str | None = None  # who approved it, by name


@dataclass(frozen=True)
class PayoutPolicy:
    approval_above_fen: int
    rule: RuleRow


def payout_policy(rows: Iterable[RuleRow], *, platform: str | None, on: date) -> PayoutPolicy:
    resolved = rule_value(rows, "payout.approval_above_fen", platform=platform, on=on)
    return PayoutPolicy(resolved.value, resolved.row)


@dataclass(frozen=True)
class PayoutDecision:
    """``rule`` is None for the invariants above; their source is in ``params`` too."""

    allowed: bool
    rule: RuleRow | None
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Ledger:
    """What an order's buyer paid and what has been paid back, payout by payout. A value: every
    change gives a new ledger, and an invalid one cannot be built."""

    order_id: str
    paid_fen: int
    payouts: tuple[Payout, ...] = ()

    def __post_init__(self) -> None:
        if self.paid_fen < 0:
            raise ValueError("an order's paid amount is never negative")
        if len({p.case_id for p in self.payouts}) != len(self.payouts):
            raise ValueError("a case was paid twice")
        if any(p.amount_fen <= 0 for p in self.payouts) or self.refunded_fen > self.paid_fen:
            raise ValueError("payouts exceed what was paid")

    @property
    def refunded_fen(self) -> int:
        return sum(p.amount_fen for p in self.payouts)

    @property
    def remaining_fen(self) -> int:
        return self.paid_fen - self.refunded_fen

    def paid_for(self, case_id: str) -> Payout | None:
        return next((p for p in self.payouts if p.case_id == case_id), None)

    def decide(self, payout: Payout, policy: PayoutPolicy) -> PayoutDecision:
        """May ``payout`` be made now? Refusals first, in order of gravity."""
        params = {
            "case": payout.case_id,
            "amount": yuan(payout.amount_fen),
            "paid": yuan(self.paid_fen),
            "refunded": yuan(self.refunded_fen),
            "remaining": yuan(self.remaining_fen),
            "limit": yuan(policy.approval_above_fen),
        }
        refusal = self._invariant(payout, params) or _approval(payout, policy, params)
        if refusal is not None:
            return refusal
        approved = payout.amount_fen > policy.approval_above_fen
        reason = "aftersales.payout.allowed" + (".approved" if approved else "")
        params = {**params, "approver": payout.approver or "", "source": policy.rule.source}
        return PayoutDecision(True, policy.rule, reason, params)

    def apply(self, payout: Payout, policy: PayoutPolicy) -> tuple[Ledger, PayoutDecision]:
        """The ledger after ``payout`` (unchanged when refused) and the decision."""
        decision = self.decide(payout, policy)
        if not decision.allowed:
            return self, decision
        return replace(self, payouts=(*self.payouts, payout)), decision

    def _invariant(self, payout: Payout, params: dict[str, str]) -> PayoutDecision | None:
        if payout.amount_fen <= 0:
            return _refused("aftersales.payout.non_positive", AT_MOST_PAID_SOURCE, params)
        if not payout.agreement_confirmed:
            return _refused("aftersales.payout.agreement_unconfirmed", AGREEMENT_SOURCE, params)
        earlier = self.paid_for(payout.case_id)
        if earlier is not None:
            both_instant = PayoutMethod.INSTANT == earlier.method == payout.method
            code = "duplicate_instant" if both_instant else "duplicate"
            params = {**params, "earlier": yuan(earlier.amount_fen)}
            return _refused(f"aftersales.payout.{code}", PAID_ONCE_SOURCE, params)
        if payout.amount_fen > self.remaining_fen:
            return _refused("aftersales.payout.exceeds_paid", AT_MOST_PAID_SOURCE, params)
        return None


def _approval(
    payout: Payout, policy: PayoutPolicy, params: dict[str, str]
) -> PayoutDecision | None:
    if payout.amount_fen <= policy.approval_above_fen:
        return None
    cited = {**params, "source": policy.rule.source}
    approver = (payout.approver or "").strip()
    if not approver:
        return PayoutDecision(False, policy.rule, "aftersales.payout.approval_required", cited)
    if approver == payout.requested_by.strip():
        return PayoutDecision(False, policy.rule, "aftersales.payout.self_approved", cited)
    return None


def _refused(reason: str, source: str, params: dict[str, str]) -> PayoutDecision:
    return PayoutDecision(False, None, reason, {**params, "source": source})
