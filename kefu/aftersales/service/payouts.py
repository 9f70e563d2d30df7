"""Paying refunds out through the engine's ledger, safely.

Every payout of an order is decided with the order's row locked (``SELECT … FOR UPDATE`` on
PostgreSQL; SQLite has one writer at a time), so two requests at once are decided one after the
other and cannot both pass: a case is paid once, an order never pays back more than it took.
A payout above the approval limit waits for a named supervisor other than the agent asking. A
refused request is returned, not raised, so the caller can commit the penalty points of a fault
the refusal reveals (a second instant refund, an unconfirmed agreement) before answering 409.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, aliased

from kefu.aftersales.models import AfterSalesCase, Payout, ShopOrder
from kefu.aftersales.rules import (
    CaseState,
    Ledger,
    PayoutMethod,
    RuleRow,
    payout_policy,
    quote_instant_refund,
)
from kefu.aftersales.rules import Payout as EnginePayout
from kefu.aftersales.service.cases import get_case, log_event, refresh
from kefu.aftersales.service.decisions import rule_json
from kefu.aftersales.service.events import PayoutRecorded
from kefu.aftersales.service.orders import get_order
from kefu.aftersales.service.penalties import record_penalty
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.aftersales.service.terms import CaseReason, Fault, PayoutStatus
from kefu.core import clock
from kefu.core.errors import Forbidden, NotFound
from kefu.core.events import record
from kefu.routing import service as routing
from kefu.tickets.models import Ticket
from kefu.users.models import User
from kefu.users.rules import RANK, Role
from kefu.users.service import Principal

_FAULTS = {
    "aftersales.payout.duplicate_instant": Fault.DUPLICATE_INSTANT_REFUND,
    "aftersales.payout.agreement_unconfirmed": Fault.AGREEMENT_UNCONFIRMED,
}
APPROVAL_REQUIRED = "aftersales.payout.approval_required"


@dataclass(frozen=True)
class PayoutInput:
    amount_fen: int
    method: PayoutMethod
    agreement_confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class PayoutOutcome:
    """A payout made or waiting for approval (``payout``), or a refusal (``payout`` None) with
    its reason; ``rule`` is the rule row the decision rests on, when one does."""

    payout: Payout | None
    reason: str
    params: dict[str, str] = field(default_factory=dict)
    rule: dict[str, Any] | None = None
    penalised: bool = False

    @property
    def allowed(self) -> bool:
        return self.payout is not None


def _names(session: Session, user_ids: set[int]) -> dict[int, str]:
    if not user_ids:
        return {}
    rows = session.execute(select(User.id, User.display_name).where(User.id.in_(user_ids)))
    return {uid: name for uid, name in rows}


def _ledger(session: Session, order: ShopOrder, *, leaving_out: int | None = None) -> Ledger:
    live = [
        p
        for p in session.scalars(
            select(Payout)
            .where(Payout.order_id == order.id, Payout.status != PayoutStatus.REJECTED)
            .order_by(Payout.id)
        )
        if p.id != leaving_out
    ]
    names = _names(session, {p.requested_by_id for p in live})
    payouts = tuple(
        EnginePayout(
            case_id=str(p.case_id),
            amount_fen=p.amount_fen,
            method=PayoutMethod(p.method),
            requested_by=names.get(p.requested_by_id, str(p.requested_by_id)),
            agreement_confirmed=p.agreement_confirmed,
        )
        for p in live
    )
    return Ledger(order_id=str(order.id), paid_fen=order.paid_fen, payouts=payouts)


def _today(tz: tzinfo) -> date:
    return clock.now().astimezone(tz).date()


def request_payout(
    session: Session, case_id: int, data: PayoutInput, *, actor: Principal, tz: tzinfo
) -> PayoutOutcome:
    """Pay ``data.amount_fen`` back for the case, or ask a supervisor to approve it."""
    case = get_case(session, case_id)
    order = get_order(session, case.order_id, for_update=True)  # serialises the order's payouts
    rows = rows_in_force(session)
    policy = payout_policy(rows, platform=order.platform, on=_today(tz))
    asked = EnginePayout(
        case_id=str(case.id),
        amount_fen=data.amount_fen,
        method=data.method,
        requested_by=_names(session, {actor.user_id}).get(actor.user_id, actor.username),
        agreement_confirmed=data.agreement_confirmed,
    )
    decision = _ledger(session, order).decide(asked, policy)
    params = {**decision.params, "case": str(case.id)}
    if not decision.allowed and decision.reason != APPROVAL_REQUIRED:
        penalised = _penalise(session, case, actor, decision.reason, params)
        return PayoutOutcome(None, decision.reason, params, rule_json(decision.rule), penalised)
    if case.state != CaseState.REFUNDING:
        return PayoutOutcome(None, "aftersales.payout.not_refunding", params)
    waiting = not decision.allowed
    payout = _store(session, case, order, data, actor, rows, tz, waiting=waiting)
    payout.reason, payout.params = decision.reason, params
    session.flush()
    if waiting:
        _ask_approval(session, case, payout, params)
    else:
        refresh(session, case, tz, order=order)
    _logged(session, case, payout, actor)
    return PayoutOutcome(payout, decision.reason, params, rule_json(decision.rule))


def _penalise(
    session: Session, case: AfterSalesCase, actor: Principal, reason: str, params: dict[str, str]
) -> bool:
    fault = _FAULTS.get(reason)
    if fault is None:
        return False
    return record_penalty(
        session,
        actor.user_id,
        fault,
        dedupe_key=f"{fault.value}:case:{case.id}",
        ticket_id=case.ticket_id,
        case_id=case.id,
        detail={"reason": reason, "amount": params.get("amount", "")},
    )


def _store(
    session: Session,
    case: AfterSalesCase,
    order: ShopOrder,
    data: PayoutInput,
    actor: Principal,
    rows: tuple[RuleRow, ...],
    tz: tzinfo,
    *,
    waiting: bool,
) -> Payout:
    fee = deducted = 0
    if data.method is PayoutMethod.INSTANT:
        quote = quote_instant_refund(
            data.amount_fen,
            CaseReason(case.reason).engine,
            payee_verified=case.payee_verified,
            rows=rows,
            platform=order.platform,
            on=_today(tz),
        )
        fee, deducted = quote.fee_fen, quote.deducted_fen
    now = clock.now()
    payout = Payout(
        case_id=case.id,
        order_id=order.id,
        amount_fen=data.amount_fen,
        method=data.method.value,
        status=(PayoutStatus.AWAITING_APPROVAL if waiting else PayoutStatus.PAID).value,
        fee_fen=fee,
        deducted_fen=deducted,
        agreement_confirmed=data.agreement_confirmed,
        requested_by_id=actor.user_id,
        approver_id=None,
        reason="",
        params={},
        note=data.note.strip(),
        created_at=now,
        decided_at=None,
        paid_at=None if waiting else now,
    )
    session.add(payout)
    return payout


def _ask_approval(
    session: Session, case: AfterSalesCase, payout: Payout, params: dict[str, str]
) -> None:
    supervisors = routing.users_with_role(session, Role.SUPERVISOR.value)
    routing.notify(
        session,
        supervisors or routing.users_with_role(session, Role.ADMIN.value),
        "payout_approval",
        ticket_id=case.ticket_id,
        dedupe_key=f"payout:{payout.id}:approval",
        params={"case": str(case.id), "amount": params.get("amount", "")},
    )


def _logged(session: Session, case: AfterSalesCase, payout: Payout, actor: Principal) -> None:
    detail = {"payout": payout.id, "amount_fen": payout.amount_fen, "status": payout.status}
    log_event(session, case, actor, "payout", None, None, detail)
    record(
        session,
        PayoutRecorded(payout.id, case.id, case.ticket_id, payout.status, payout.amount_fen),
    )


def get_payout(session: Session, payout_id: int) -> Payout:
    payout = session.get(Payout, payout_id)
    if payout is None:
        raise NotFound("aftersales.payout.not_found")
    return payout


def payouts_of_case(session: Session, case_id: int) -> list[Payout]:
    return list(
        session.scalars(select(Payout).where(Payout.case_id == case_id).order_by(Payout.id))
    )


def _supervisor(actor: Principal) -> None:
    if RANK[actor.role] < RANK[Role.SUPERVISOR]:
        raise Forbidden("forbidden")


def approve_payout(
    session: Session, payout_id: int, *, actor: Principal, tz: tzinfo
) -> PayoutOutcome:
    """A supervisor other than the agent asking approves a payout above the limit, by name."""
    _supervisor(actor)
    payout = get_payout(session, payout_id)
    case = get_case(session, payout.case_id)
    order = get_order(session, payout.order_id, for_update=True)
    session.refresh(payout)  # as of the lock: another approval may have just decided it
    if payout.status != PayoutStatus.AWAITING_APPROVAL:
        return PayoutOutcome(None, "aftersales.payout.not_awaiting", {"case": str(case.id)})
    names = _names(session, {payout.requested_by_id, actor.user_id})
    asked = EnginePayout(
        case_id=str(case.id),
        amount_fen=payout.amount_fen,
        method=PayoutMethod(payout.method),
        requested_by=names.get(payout.requested_by_id, ""),
        agreement_confirmed=payout.agreement_confirmed,
        approver=names.get(actor.user_id, actor.username),
    )
    policy = payout_policy(rows_in_force(session), platform=order.platform, on=_today(tz))
    decision = _ledger(session, order, leaving_out=payout.id).decide(asked, policy)
    params = {**decision.params, "case": str(case.id)}
    if not decision.allowed:
        return PayoutOutcome(None, decision.reason, params, rule_json(decision.rule))
    if case.state != CaseState.REFUNDING:
        return PayoutOutcome(None, "aftersales.payout.not_refunding", params)
    now = clock.now()
    payout.status, payout.approver_id = PayoutStatus.PAID.value, actor.user_id
    payout.decided_at = payout.paid_at = now
    payout.reason, payout.params = decision.reason, params
    session.flush()
    refresh(session, case, tz, order=order)
    _logged(session, case, payout, actor)
    return PayoutOutcome(payout, decision.reason, params, rule_json(decision.rule))


def reject_payout(
    session: Session, payout_id: int, *, actor: Principal, note: str
) -> PayoutOutcome:
    """A supervisor turns a payout down; the case may then ask again."""
    _supervisor(actor)
    payout = get_payout(session, payout_id)
    case = get_case(session, payout.case_id)
    get_order(session, payout.order_id, for_update=True)
    session.refresh(payout)
    if payout.status != PayoutStatus.AWAITING_APPROVAL:
        return PayoutOutcome(None, "aftersales.payout.not_awaiting", {"case": str(case.id)})
    payout.status, payout.approver_id = PayoutStatus.REJECTED.value, actor.user_id
    payout.decided_at = clock.now()
    payout.reason = "aftersales.payout.rejected"
    payout.params = {"case": str(case.id), "note": note.strip()}
    payout.note = note.strip()[:500]
    session.flush()
    _logged(session, case, payout, actor)
    return PayoutOutcome(payout, payout.reason, dict(payout.params))


# -- the daily refund register ---------------------------------------------------------------


@dataclass(frozen=True)
class RegisterLine:
    """One refund paid, as the handbook's register records it (八(3): 每天下班前提交)."""

    payout: Payout
    case: AfterSalesCase
    order: ShopOrder
    ticket_number: str
    agent: str
    approver: str


def day_bounds(day: date, tz: tzinfo) -> tuple[datetime, datetime]:
    start = datetime.combine(day, time.min, tzinfo=tz)
    return start, datetime.combine(day + timedelta(days=1), time.min, tzinfo=tz)


def refund_register(
    session: Session, day: date, *, agent_id: int | None, tz: tzinfo
) -> list[RegisterLine]:
    """The refunds paid on ``day`` (the shop's day), by the agent who asked for them (every
    agent's when ``agent_id`` is None), in the order they were paid."""
    start, end = day_bounds(day, tz)
    agent, approver = aliased(User), aliased(User)
    stmt = (
        select(Payout, AfterSalesCase, ShopOrder, Ticket.number, agent.display_name)
        .join(AfterSalesCase, AfterSalesCase.id == Payout.case_id)
        .join(ShopOrder, ShopOrder.id == Payout.order_id)
        .join(Ticket, Ticket.id == AfterSalesCase.ticket_id)
        .join(agent, agent.id == Payout.requested_by_id)
        .outerjoin(approver, approver.id == Payout.approver_id)
        .add_columns(approver.display_name)
        .where(
            Payout.status == PayoutStatus.PAID,
            Payout.paid_at >= start,
            Payout.paid_at < end,
        )
        .order_by(Payout.paid_at, Payout.id)
    )
    if agent_id is not None:
        stmt = stmt.where(Payout.requested_by_id == agent_id)
    return [
        RegisterLine(payout, case, order, number, agent_name, approver_name or "")
        for payout, case, order, number, agent_name, approver_name in session.execute(stmt)
    ]
