"""After-sales cases: opened from a conversation about an order, moved along the engine's state
machine (every move audited, every refusal explained), with the buyer's photos as evidence and
the engine's decisions recomputed and stored after each change."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, CaseEvent, OrderItem, Payout, ShopOrder
from kefu.aftersales.rules import (
    AfterSalesReason,
    CaseState,
    Category,
    Flaw,
    Remedy,
    decide_transition,
)
from kefu.aftersales.service.decisions import Situation, case_facts, evaluate
from kefu.aftersales.service.events import CaseMoved, CaseOpened
from kefu.aftersales.service.orders import get_order
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.aftersales.service.terms import MONEY_ONLY, CaseKind, CaseReason, PayoutStatus
from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.tickets import service as tickets
from kefu.users.service import Principal

S = CaseState


@dataclass(frozen=True)
class CaseInput:
    order_id: int
    kind: CaseKind
    reason: CaseReason
    item_id: int | None = None
    amount_fen: int = 0
    return_shipping_fen: int = 0
    replacement_shipping_fen: int = 0
    in_stock: bool = True
    category: Category | None = None  # None: the item's
    payee_verified: bool = True
    platform_timeout_at: datetime | None = None
    confirm_by: datetime | None = None
    requested_at: datetime | None = None  # None: now
    note: str = ""


def open_case(
    session: Session, ticket_id: int, data: CaseInput, *, actor: Principal | None, tz: tzinfo
) -> AfterSalesCase:
    """Open a case from the conversation ``ticket_id`` about one of its customer's orders."""
    ticket = tickets.get_ticket(session, ticket_id)
    order = get_order(session, data.order_id)
    item = _item(session, order, data.item_id)
    _check_open(data, order, ticket.customer_id)
    now = clock.now()
    category = data.category or (Category(item.category) if item else Category.GENERAL)
    case = AfterSalesCase(
        ticket_id=ticket.id,
        order_id=order.id,
        order_item_id=item.id if item else None,
        customer_id=ticket.customer_id,
        agent_id=actor.user_id if actor else ticket.assignee_id,
        kind=data.kind.value,
        reason=data.reason.value,
        remedy=None,
        state=S.UNDERSTANDING.value,
        state_since=now,
        requested_at=data.requested_at or now,
        amount_fen=data.amount_fen,
        return_shipping_fen=data.return_shipping_fen,
        replacement_shipping_fen=data.replacement_shipping_fen,
        in_stock=data.in_stock,
        category=category.value,
        payee_verified=data.payee_verified,
        platform_timeout_at=data.platform_timeout_at,
        confirm_by=data.confirm_by,
        evidence=[],
        return_carrier="",
        return_tracking="",
        flaws=[],
        replacement_tracking="",
        created_at=now,
        updated_at=now,
    )
    session.add(case)
    session.flush()
    refresh(session, case, tz, order=order, item=item)
    log_event(session, case, actor, "opened", None, S.UNDERSTANDING, {"note": data.note})
    record(session, CaseOpened(case.id, ticket.id, order.id, case.kind, case.reason))
    return case


def _item(session: Session, order: ShopOrder, item_id: int | None) -> OrderItem | None:
    if item_id is None:
        return None
    item = session.get(OrderItem, item_id)
    if item is None or item.order_id != order.id:
        raise Invalid(
            "validation_failed", fields={"item_id": FieldError("aftersales.case.item_not_in_order")}
        )
    return item


def _check_open(data: CaseInput, order: ShopOrder, customer_id: int) -> None:
    errors: dict[str, FieldError] = {}
    if order.customer_id != customer_id:
        errors["order_id"] = FieldError("aftersales.case.order_of_another_customer")
    if data.kind is CaseKind.RESEND and data.reason.engine is not AfterSalesReason.MISSING_ITEM:
        errors["kind"] = FieldError("aftersales.case.resend_only_missing")
    if data.kind in MONEY_ONLY and data.amount_fen <= 0:
        errors["amount_fen"] = FieldError("aftersales.case.amount_required")
    if data.amount_fen > order.paid_fen:
        errors["amount_fen"] = FieldError(
            "aftersales.case.amount_above_paid", {"paid": f"{order.paid_fen / 100:.2f}"}
        )
    if data.requested_at is not None and data.requested_at > clock.now():
        errors["requested_at"] = FieldError("aftersales.case.in_future")
    if errors:
        raise Invalid("validation_failed", fields=errors)


def refused(code: str, params: dict[str, str]) -> Conflict:
    """A 409 with the engine's reason and its parameters."""
    conflict = Conflict(code)
    conflict.params = dict(params)
    return conflict


def get_case(session: Session, case_id: int, *, for_update: bool = False) -> AfterSalesCase:
    stmt = select(AfterSalesCase).where(AfterSalesCase.id == case_id)
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    case = session.scalar(stmt)
    if case is None:
        raise NotFound("aftersales.case.not_found")
    return case


def cases_of_ticket(session: Session, ticket_id: int) -> list[AfterSalesCase]:
    tickets.get_ticket(session, ticket_id)
    return list(
        session.scalars(
            select(AfterSalesCase)
            .where(AfterSalesCase.ticket_id == ticket_id)
            .order_by(AfterSalesCase.id)
        )
    )


def history_of(session: Session, case_id: int) -> list[CaseEvent]:
    return list(
        session.scalars(
            select(CaseEvent).where(CaseEvent.case_id == case_id).order_by(CaseEvent.id)
        )
    )


def refund_paid(session: Session, case_id: int) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Payout.case_id == case_id, Payout.status == PayoutStatus.PAID))
        )
    )


def refresh(
    session: Session,
    case: AfterSalesCase,
    tz: tzinfo,
    *,
    order: ShopOrder | None = None,
    item: OrderItem | None = None,
) -> None:
    """Recompute and store the case's decisions, and when the refund timer must be looked at."""
    order = order or get_order(session, case.order_id)
    if item is None and case.order_item_id is not None:
        item = session.get(OrderItem, case.order_item_id)
    situation = Situation(
        case=case,
        order=order,
        item=item,
        rows=rows_in_force(session),
        refund_paid=refund_paid(session, case.id),
        now=clock.now(),
        tz=tz,
    )
    case.decisions = evaluate(situation)
    timer = case.decisions.get("refund_timer")
    next_at = timer.get("next_at") if timer else None
    case.timer_at = datetime.fromisoformat(next_at) if next_at else None


def log_event(
    session: Session,
    case: AfterSalesCase,
    actor: Principal | None,
    kind: str,
    old: CaseState | None,
    new: CaseState | None,
    detail: dict[str, Any],
) -> None:
    session.add(
        CaseEvent(
            case_id=case.id,
            actor_id=actor.user_id if actor else None,
            kind=kind,
            old_state=old.value if old else None,
            new_state=new.value if new else None,
            detail={k: v for k, v in detail.items() if v not in (None, "", [], ())},
            at=clock.now(),
        )
    )
    before = f"{case.id}:{old.value}" if old else None
    after = f"{case.id}:{new.value}" if new else f"{case.id}:{kind}"
    tickets.audit(session, case.ticket_id, actor, "aftersales_case", before, after)


# -- changing what the decisions rest on ------------------------------------------------------


@dataclass(frozen=True)
class CaseChanges:
    """The inputs of the decisions an agent may correct; only the names in ``given`` apply."""

    given: frozenset[str]
    amount_fen: int = 0
    return_shipping_fen: int = 0
    replacement_shipping_fen: int = 0
    in_stock: bool = True
    category: Category = Category.GENERAL
    payee_verified: bool = True
    platform_timeout_at: datetime | None = None
    confirm_by: datetime | None = None


CHANGEABLE = (
    "amount_fen",
    "return_shipping_fen",
    "replacement_shipping_fen",
    "in_stock",
    "category",
    "payee_verified",
    "platform_timeout_at",
    "confirm_by",
)


def update_case(
    session: Session,
    case_id: int,
    changes: CaseChanges,
    *,
    actor: Principal | None,
    tz: tzinfo,
) -> AfterSalesCase:
    case = get_case(session, case_id, for_update=True)
    if case.state == S.CLOSED:
        raise Conflict("aftersales.case.closed")
    order = get_order(session, case.order_id)
    if "amount_fen" in changes.given and changes.amount_fen > order.paid_fen:
        raise Invalid(
            "validation_failed",
            fields={
                "amount_fen": FieldError(
                    "aftersales.case.amount_above_paid", {"paid": f"{order.paid_fen / 100:.2f}"}
                )
            },
        )
    shown: dict[str, Any] = {}
    for name in CHANGEABLE:
        if name in changes.given:
            value = getattr(changes, name)
            value = value.value if isinstance(value, Category) else value
            setattr(case, name, value)
            shown[name] = value.isoformat() if isinstance(value, datetime) else value
    case.updated_at = clock.now()
    refresh(session, case, tz, order=order)
    log_event(session, case, actor, "updated", None, None, shown)
    return case


# -- moving along the state machine -----------------------------------------------------------


@dataclass(frozen=True)
class CaseMove:
    """A move and the facts of its step (facts that belong to another step are ignored)."""

    to: CaseState
    reason: CaseReason | None = None  # the cause as judged (moves to evidence, judging, deciding)
    remedy: Remedy | None = None  # leaving the decision step; None: the engine's proposal
    return_carrier: str | None = None
    return_tracking: str | None = None
    received_at: datetime | None = None  # the goods came back (the move to inspecting)
    check_passed: bool | None = None  # leaving the inspection
    flaws: tuple[Flaw, ...] = ()
    replacement_tracking: str | None = None
    withdrawn: bool = False
    rejected: bool = False
    note: str = ""


def move_case(
    session: Session, case_id: int, move: CaseMove, *, actor: Principal | None, tz: tzinfo
) -> AfterSalesCase:
    """Move the case to ``move.to`` if the state machine allows it with the facts given; a
    refusal raises ``Conflict`` with the engine's reason and writes nothing."""
    case = get_case(session, case_id, for_update=True)
    current = CaseState(case.state)
    changes = _step_facts(case, current, move)
    remedy = changes.get("remedy")
    reason = CaseReason(changes.get("reason", case.reason))
    if remedy == Remedy.RESHIP and reason.engine is not AfterSalesReason.MISSING_ITEM:
        raise Conflict("aftersales.case.resend_only_missing", old=current, new=move.to)
    proposed = _with(case, changes)
    decision = decide_transition(
        current, move.to, case_facts(proposed, refund_paid=refund_paid(session, case.id))
    )
    if not decision.allowed:
        raise refused(decision.reason, decision.params)
    now = clock.now()
    for name, value in changes.items():
        setattr(case, name, value)
    case.state, case.state_since, case.updated_at = move.to.value, now, now
    if move.to is S.CLOSED:
        case.closed_at = now
    refresh(session, case, tz)
    detail = {k: _plain(v) for k, v in changes.items()}
    log_event(session, case, actor, "moved", current, move.to, {**detail, "note": move.note})
    record(session, CaseMoved(case.id, case.ticket_id, current.value, move.to.value))
    return case


def _step_facts(case: AfterSalesCase, current: CaseState, move: CaseMove) -> dict[str, Any]:
    """The columns this move would set, from the facts that belong to its step."""
    changes: dict[str, Any] = {}
    judging = current in (S.UNDERSTANDING, S.EVIDENCE, S.JUDGING, S.INSPECTING)
    if move.reason is not None and (judging or move.to in (S.JUDGING, S.DECIDING)):
        changes["reason"] = move.reason.value
    if current is S.DECIDING and move.to is not S.CLOSED:
        proposal = (case.decisions.get("remedy") or {}).get("remedy")
        remedy = move.remedy.value if move.remedy else case.remedy or proposal
        changes["remedy"] = remedy
    if move.to is S.RETURN_SHIPPED:
        changes["return_tracking"] = (move.return_tracking or "").strip()
        changes["return_carrier"] = (move.return_carrier or "").strip()
    if move.to is S.INSPECTING:
        changes["received_at"] = move.received_at or clock.now()
    if current is S.INSPECTING:
        changes["check_passed"] = move.check_passed
        changes["flaws"] = [f.value for f in move.flaws]
    if current is S.REPLACING and move.replacement_tracking is not None:
        changes["replacement_tracking"] = move.replacement_tracking.strip()
    if move.to is S.CLOSED:
        changes["withdrawn"] = move.withdrawn
        changes["rejected"] = move.rejected
    return changes


def _with(case: AfterSalesCase, changes: dict[str, Any]) -> AfterSalesCase:
    """A detached copy of the case with ``changes`` applied, for the engine to judge."""
    columns = {c.key: getattr(case, c.key) for c in AfterSalesCase.__table__.columns}
    return AfterSalesCase(**{**columns, **changes})


def _plain(value: Any) -> Any:
    return value.isoformat() if isinstance(value, datetime) else value
