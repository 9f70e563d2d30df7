"""A case not opened yet: the agent's choices read from the panel's form, checked as opening it
would check them, and the engine's decisions computed on an unsaved case (the same
``evaluate`` the context stores with a case), so the agent sees what will be decided — remedy,
who pays the parcels, deadlines, the instant refund's fee — before confirming."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import tzinfo
from decimal import Decimal, InvalidOperation
from typing import Any

from kefu.aftersales import service
from kefu.aftersales.models import AfterSalesCase, OrderItem, ShopOrder
from kefu.aftersales.rules import AfterSalesReason, CaseState, Category, yuan
from kefu.aftersales.schemas import MAX_FEN
from kefu.aftersales.service.decisions import Situation, evaluate
from kefu.aftersales.service.terms import MONEY_ONLY
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.tickets import service as tickets

# Kinds whose refund, when the agent leaves it blank, is what was paid for the goods.
REFUND_OF_GOODS = frozenset({service.CaseKind.RETURN_REFUND, service.CaseKind.REFUND_ONLY})


@dataclass(frozen=True)
class Draft:
    order_id: int
    item_id: int | None
    kind: service.CaseKind
    reason: service.CaseReason
    amount_fen: int | None  # None: left blank, the default for the kind applies
    return_shipping_fen: int


@dataclass
class DraftOutcome:
    errors: dict[str, str] = field(default_factory=dict)
    decisions: dict[str, Any] = field(default_factory=dict)
    body: dict[str, Any] = field(default_factory=dict)  # what confirming posts to the API


def yuan_to_fen(raw: str) -> int | None:
    """Yuan as typed ("12", "12.5", "12.50") in fen; None when it is not an amount."""
    try:
        value = Decimal(raw.strip())
    except InvalidOperation:
        return None
    if not value.is_finite() or value < 0 or value != value.quantize(Decimal("0.01")):
        return None
    fen = int(value * 100)
    return fen if fen <= MAX_FEN else None


def _line(raw: str) -> tuple[int, int | None] | None:
    order, _, item = raw.partition(":")
    if not order.isdigit() or (item and not item.isdigit()):
        return None
    return int(order), int(item) if item else None


def parse_draft(query: dict[str, str], locale: str) -> Draft | DraftOutcome:
    """The form's values, or the problems with them, each in the reader's language."""
    errors: dict[str, str] = {}
    line = _line(query.get("line", ""))
    if line is None:
        errors["line"] = translate("asp.field.line", locale)
    kinds, reasons = {k.value for k in service.CaseKind}, {r.value for r in service.CaseReason}
    kind, reason = query.get("kind", ""), query.get("reason", "")
    if kind not in kinds:
        errors["kind"] = translate("field.required" if not kind else "field.invalid", locale)
    if reason not in reasons:
        errors["reason"] = translate("field.required" if not reason else "field.invalid", locale)
    amounts: dict[str, int | None] = {}
    for name in ("amount", "return_shipping"):
        raw = query.get(name, "").strip()
        amounts[name] = yuan_to_fen(raw) if raw else None
        if raw and amounts[name] is None:
            errors[name] = translate("asp.field.amount", locale)
    if errors or line is None:
        return DraftOutcome(errors=errors)
    return Draft(
        order_id=line[0],
        item_id=line[1],
        kind=service.CaseKind(kind),
        reason=service.CaseReason(reason),
        amount_fen=amounts["amount"],
        return_shipping_fen=amounts["return_shipping"] or 0,
    )


def goods_paid(order: ShopOrder, item: OrderItem | None) -> int:
    return item.paid_fen if item is not None else max(order.paid_fen - order.shipping_fee_fen, 0)


def _check(
    draft: Draft, order: ShopOrder, customer_id: int, amount: int, locale: str
) -> dict[str, str]:
    """The checks opening the case makes, said before the agent confirms."""
    errors: dict[str, str] = {}
    if order.customer_id != customer_id:
        errors["line"] = translate("aftersales.case.order_of_another_customer", locale)
    missing = draft.reason.engine is AfterSalesReason.MISSING_ITEM
    if draft.kind is service.CaseKind.RESEND and not missing:
        errors["kind"] = translate("aftersales.case.resend_only_missing", locale)
    if draft.kind in MONEY_ONLY and amount <= 0:
        errors["amount"] = translate("aftersales.case.amount_required", locale)
    if amount > order.paid_fen:
        errors["amount"] = translate(
            "aftersales.case.amount_above_paid", locale, paid=yuan(order.paid_fen)
        )
    return errors


def _unsaved(draft: Draft, ticket_id: int, customer_id: int, item: OrderItem | None,
             amount: int) -> AfterSalesCase:  # fmt: skip
    now = clock.now()
    return AfterSalesCase(
        ticket_id=ticket_id, order_id=draft.order_id, order_item_id=draft.item_id,
        customer_id=customer_id, kind=draft.kind.value, reason=draft.reason.value, remedy=None,
        state=CaseState.UNDERSTANDING.value, state_since=now, requested_at=now,
        amount_fen=amount, return_shipping_fen=draft.return_shipping_fen,
        replacement_shipping_fen=0, in_stock=True,
        category=(item.category if item else Category.GENERAL.value), payee_verified=True,
        platform_timeout_at=None, confirm_by=None, evidence=[], return_carrier="",
        return_tracking="", received_at=None, check_passed=None, flaws=[],
        replacement_tracking="", withdrawn=False, rejected=False,
    )  # fmt: skip


def draft_decisions(
    db: Database, ticket_id: int, draft: Draft, tz: tzinfo, locale: str
) -> DraftOutcome:
    """Check the draft and compute its decisions, in a read-only transaction."""
    with db.reading() as session:
        ticket = tickets.get_ticket(session, ticket_id)
        order = service.get_order(session, draft.order_id)
        items = {i.id: i for i in service.items_of(session, [order.id])[order.id]}
        item = items.get(draft.item_id) if draft.item_id is not None else None
        if draft.item_id is not None and item is None:
            return DraftOutcome(errors={"line": translate("asp.field.line", locale)})
        amount = draft.amount_fen
        if amount is None:
            amount = goods_paid(order, item) if draft.kind in REFUND_OF_GOODS else 0
        errors = _check(draft, order, ticket.customer_id, amount, locale)
        if errors:
            return DraftOutcome(errors=errors)
        case = _unsaved(draft, ticket.id, ticket.customer_id, item, amount)
        situation = Situation(
            case=case, order=order, item=item, rows=service.rows_in_force(session),
            refund_paid=False, now=clock.now(), tz=tz,
        )  # fmt: skip
        decisions = evaluate(situation)
    body: dict[str, Any] = {
        "order_id": draft.order_id,
        "kind": draft.kind.value,
        "reason": draft.reason.value,
        "amount_fen": amount,
        "return_shipping_fen": draft.return_shipping_fen,
    }
    if draft.item_id is not None:
        body["item_id"] = draft.item_id
    return DraftOutcome(decisions=decisions, body=body)
