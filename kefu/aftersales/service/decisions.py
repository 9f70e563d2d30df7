"""The engine's decisions for a case, computed from its facts and its order and stored with it
(as JSON, each with its reason code, parameters and the rule row it rests on), so an agent sees
what was decided and why, and can repeat it to the customer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, tzinfo
from typing import Any

from kefu.aftersales.models import AfterSalesCase, OrderItem, ShopOrder
from kefu.aftersales.rules import (
    AfterSalesReason,
    CaseFacts,
    CaseState,
    Category,
    Deadline,
    Flaw,
    Goods,
    Remedy,
    RemedyDecision,
    RemedyRequest,
    RuleRow,
    ShippingDecision,
    ShippingRequest,
    check_refund_timer,
    decide_no_reason_return,
    decide_remedy,
    decide_shipping,
    extend_transaction,
    quote_instant_refund,
    refund_timer,
    respond_deadline,
    yuan,
)
from kefu.aftersales.service.terms import PREFERENCE, CaseKind, CaseReason

Json = dict[str, Any]
_TIMED = frozenset({CaseState.INSPECTING, CaseState.REFUNDING})
_RETURN_STARTED = frozenset(
    {
        CaseState.AWAITING_RETURN,
        CaseState.RETURN_SHIPPED,
        CaseState.INSPECTING,
        CaseState.REFUNDING,
        CaseState.REPLACING,
    }
)


@dataclass(frozen=True)
class Situation:
    """Everything a case's decisions depend on."""

    case: AfterSalesCase
    order: ShopOrder
    item: OrderItem | None
    rows: tuple[RuleRow, ...]
    refund_paid: bool
    now: datetime
    tz: tzinfo

    @property
    def reason(self) -> CaseReason:
        return CaseReason(self.case.reason)

    @property
    def on(self) -> date:
        """The day the case was asked for: the rules of that day decide it."""
        return self.case.requested_at.astimezone(self.tz).date()

    @property
    def goods_paid_fen(self) -> int:
        if self.item is not None:
            return self.item.paid_fen
        return max(self.order.paid_fen - self.order.shipping_fee_fen, 0)


def instant(value: datetime) -> str:
    """Instants are stored in UTC, whatever zone they were computed in."""
    return value.astimezone(UTC).isoformat()


def rule_json(row: RuleRow | None) -> Json | None:
    if row is None:
        return None
    return {
        "scope": row.scope,
        "key": row.key,
        "value": row.value,
        "source": row.source,
        "effective_from": row.effective_from.isoformat(),
    }


def _explained(code: str, params: dict[str, str], rule: RuleRow | None, **extra: Any) -> Json:
    return {"code": code, "params": dict(params), "rule": rule_json(rule), **extra}


def _deadline(deadline: Deadline) -> Json:
    return _explained(deadline.reason, deadline.params, deadline.rule, at=instant(deadline.at))


def evaluate(s: Situation) -> Json:
    """Every decision that applies to the case as it stands."""
    decisions: Json = {"respond": _respond(s)}
    if s.reason.buyers_own:
        decisions["return"] = _no_reason_return(s)
    remedy = _remedy(s)
    decisions["remedy"] = _remedy_json(remedy)
    chosen = Remedy(s.case.remedy) if s.case.remedy else remedy.remedy
    if chosen is not Remedy.PARTIAL_REFUND:
        shipping = _shipping(s, chosen)
        decisions["shipping"] = _shipping_json(shipping)
        if chosen is Remedy.RETURN:
            decisions["refund_due"] = _refund_due(s, shipping)
    if s.case.amount_fen > 0:
        decisions["instant_refund"] = _instant(s)
    timer = _refund_timer(s)
    if timer is not None:
        decisions["refund_timer"] = timer
    extension = _extension(s, chosen)
    if extension is not None:
        decisions["transaction_extended"] = extension
    return decisions


def _respond(s: Situation) -> Json:
    deadline = respond_deadline(
        s.case.requested_at,
        rows=s.rows,
        platform=s.order.platform,
        platform_timeout=s.case.platform_timeout_at,
        tz=s.tz,
    )
    return _deadline(deadline)


def _no_reason_return(s: Situation) -> Json:
    signed = s.order.signed_at
    requested = max(s.case.requested_at, signed) if signed else s.case.requested_at
    flaws = frozenset(Flaw(f) for f in s.case.flaws) if s.case.received_at else None
    decision = decide_no_reason_return(
        Goods(Category(s.case.category)),
        signed,
        requested,
        rows=s.rows,
        platform=s.order.platform,
        flaws=flaws,
        tz=s.tz,
    )
    deadline = instant(decision.deadline) if decision.deadline else None
    return _explained(
        decision.reason, decision.params, decision.rule, allowed=decision.allowed, deadline=deadline
    )


def _remedy(s: Situation) -> RemedyDecision:
    kind = CaseKind(s.case.kind)
    preference: Remedy | None = PREFERENCE[kind]
    if kind is CaseKind.EXCHANGE and s.case.amount_fen > 0:
        # A partial refund was offered instead: the cheaper of the two is proposed.
        preference = None
    paid = s.goods_paid_fen if s.item is not None else s.order.paid_fen
    request = RemedyRequest(
        reason=s.reason.engine,
        price_fen=s.item.price_fen if s.item is not None else s.goods_paid_fen,
        paid_fen=paid,
        outbound_fen=s.order.shipping_fee_fen,
        return_fen=s.case.return_shipping_fen,
        replacement_fen=s.case.replacement_shipping_fen,
        discount_fen=min(s.case.amount_fen, paid),
        free_shipping=s.order.shipping_fee_fen == 0,
        preference=preference,
        in_stock=s.case.in_stock,
    )
    return decide_remedy(request, rows=s.rows, platform=s.order.platform, on=s.on)


def _remedy_json(decision: RemedyDecision) -> Json:
    costs = decision.costs
    return _explained(
        decision.reason,
        decision.params,
        decision.rule,
        remedy=decision.remedy.value,
        costs={
            "partial_refund_fen": costs.partial_refund_fen,
            "exchange_fen": costs.exchange_fen,
            "return_fen": costs.return_fen,
        },
    )


def _shipping(s: Situation, remedy: Remedy) -> ShippingDecision:
    if s.reason.engine is AfterSalesReason.MISSING_ITEM and remedy is not Remedy.RETURN:
        remedy = Remedy.RESHIP
    request = ShippingRequest(
        reason=s.reason.engine,
        remedy=remedy,
        free_shipping=s.order.shipping_fee_fen == 0,
        outbound_fen=s.order.shipping_fee_fen,
        return_fen=s.case.return_shipping_fen,
        replacement_fen=s.case.replacement_shipping_fen,
    )
    return decide_shipping(request, rows=s.rows, platform=s.order.platform, on=s.on)


def _shipping_json(decision: ShippingDecision) -> Json:
    amounts = decision.amounts
    return _explained(
        decision.reason,
        decision.params,
        decision.rule,
        payer_outbound=decision.payer_outbound.value,
        payer_return=decision.payer_return.value,
        amounts={
            "buyer_fen": amounts.buyer_fen,
            "shop_fen": amounts.shop_fen,
            "owed_to_buyer_fen": amounts.owed_to_buyer_fen,
            "owed_by_buyer_fen": amounts.owed_by_buyer_fen,
        },
        sources=[r.source for r in decision.rules],
    )


def _refund_due(s: Situation, shipping: ShippingDecision) -> Json:
    """What a return pays back: the goods, plus or minus the shipping the decision settles."""
    amounts = shipping.amounts
    due = max(s.goods_paid_fen + amounts.owed_to_buyer_fen - amounts.owed_by_buyer_fen, 0)
    params = {
        "amount": yuan(due),
        "goods": yuan(s.goods_paid_fen),
        "owed_to_buyer": yuan(amounts.owed_to_buyer_fen),
        "owed_by_buyer": yuan(amounts.owed_by_buyer_fen),
    }
    return _explained(
        "aftersales.case.refund_due", params, shipping.rule, amount_fen=due,
        goods_fen=s.goods_paid_fen,
    )  # fmt: skip


def _instant(s: Situation) -> Json:
    quote = quote_instant_refund(
        s.case.amount_fen,
        s.reason.engine,
        payee_verified=s.case.payee_verified,
        rows=s.rows,
        platform=s.order.platform,
        on=s.now.astimezone(s.tz).date(),
    )
    return _explained(
        quote.reason,
        quote.params,
        quote.rule,
        fee_fen=quote.fee_fen,
        deducted_fen=quote.deducted_fen,
        payout_fen=quote.payout_fen,
        warnings=[{"code": w, "params": dict(quote.params)} for w in quote.warnings],
    )


def timer_start(case: AfterSalesCase) -> datetime | None:
    """Since when a refund is owed: the goods came back, or a refund without a return was
    decided (the case entered its refund step)."""
    if CaseState(case.state) not in _TIMED:
        return None
    return case.received_at or case.state_since


def _refund_timer(s: Situation) -> Json | None:
    start = timer_start(s.case)
    if start is None or s.refund_paid:
        return None
    timer = refund_timer(
        start,
        rows=s.rows,
        platform=s.order.platform,
        platform_timeout=s.case.platform_timeout_at,
        tz=s.tz,
    )
    check = check_refund_timer(timer, s.now, s.tz)
    return _explained(
        check.reason,
        check.params,
        timer.due.rule,
        stage=check.stage.name.lower(),
        level=int(check.stage),
        due=_deadline(timer.due),
        escalate_at=instant(timer.escalate_at),
        legal_due_at=instant(timer.legal_due_at),
        penalty_at=instant(timer.penalty_at),
        next_at=instant(check.next_at) if check.next_at else None,
    )


def _extension(s: Situation, remedy: Remedy) -> Json | None:
    """Seed 000 八(1): once a return starts, the transaction is extended by 7 days."""
    started = CaseState(s.case.state) in _RETURN_STARTED
    if s.case.confirm_by is None or remedy is not Remedy.RETURN or not started:
        return None
    deadline = extend_transaction(
        s.case.confirm_by, rows=s.rows, platform=s.order.platform, on=s.on, tz=s.tz
    )
    return _deadline(deadline)


def case_facts(case: AfterSalesCase, *, refund_paid: bool) -> CaseFacts:
    return CaseFacts(
        reason=CaseReason(case.reason).engine,
        remedy=Remedy(case.remedy) if case.remedy else None,
        photos=len(case.evidence),
        return_tracking=case.return_tracking or None,
        return_received=case.received_at is not None,
        check_passed=case.check_passed,
        refund_paid=refund_paid,
        replacement_tracking=case.replacement_tracking or None,
        withdrawn=case.withdrawn,
        rejected=case.rejected,
    )
