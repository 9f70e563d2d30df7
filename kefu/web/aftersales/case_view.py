"""What the case page shows, built from the after-sales services: the case and its order, the
engine's decisions in words, the timeline, the evidence photos, the moves the state machine
allows next (each with the facts its step asks for) and the payouts."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy.orm import Session

from kefu.aftersales import service
from kefu.aftersales.models import AfterSalesCase, CaseEvent, Payout
from kefu.aftersales.rules import (
    CASE_TRANSITIONS,
    AfterSalesReason,
    CaseState,
    Flaw,
    Remedy,
    payout_policy,
)
from kefu.core import clock
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.tickets import service as tickets
from kefu.web.aftersales.present import Said, explain, money
from kefu.web.aftersales.queries import user_names

S = CaseState
# After the decision step the target names the remedy, except for a parcel coming back, which
# is a return or an exchange.
_FIXED_REMEDY = {S.REFUNDING: Remedy.PARTIAL_REFUND, S.REPLACING: Remedy.RESHIP}
_COMING_BACK = (Remedy.RETURN, Remedy.EXCHANGE)
_AFTER_CHECK = {S.REFUNDING: Remedy.RETURN, S.REPLACING: Remedy.EXCHANGE}


@dataclass(frozen=True)
class Step:
    """A move the state machine allows from here, and what its form asks for."""

    to: str
    label: str
    asks: tuple[str, ...] = ()  # reason, remedy, tracking, flaws, replacement, close
    fixed: dict[str, Any] = field(default_factory=dict)  # sent as they are
    remedies: tuple[str, ...] = ()
    remedy: str = ""


@dataclass(frozen=True)
class EventView:
    at: datetime
    actor: str
    kind: str
    change: str
    detail: str


@dataclass(frozen=True)
class PayoutView:
    id: int
    amount_fen: int
    method: str
    method_label: str
    status: str
    status_label: str
    fee_fen: int
    deducted_fen: int
    requested_by: str
    approver: str
    message: str
    created_at: datetime


@dataclass(frozen=True)
class Photo:
    id: int
    filename: str
    image: bool


def _deciding_step(case: AfterSalesCase, to: CaseState, label: str) -> Step | None:
    if to in _FIXED_REMEDY:
        fixed_remedy = _FIXED_REMEDY[to]
        missing = service.CaseReason(case.reason).engine is AfterSalesReason.MISSING_ITEM
        if fixed_remedy is Remedy.RESHIP and not missing:
            return None  # only a missing item is reshipped: no button for what cannot be done
        return Step(to.value, label, fixed={"remedy": fixed_remedy.value})
    if to is S.AWAITING_RETURN:
        proposal = (case.decisions.get("remedy") or {}).get("remedy", "")
        chosen = proposal if proposal in _COMING_BACK else Remedy.RETURN.value
        remedies = tuple(r.value for r in _COMING_BACK)
        return Step(to.value, label, ("remedy",), remedies=remedies, remedy=chosen)
    return Step(to.value, label, ("close",))


def _inspecting_step(case: AfterSalesCase, to: CaseState, label: str, locale: str) -> Step | None:
    if to is S.JUDGING:
        label = translate("asp.go.inspect_failed", locale)
        return Step(to.value, label, ("flaws",), fixed={"check_passed": False})
    remedy = Remedy(case.remedy) if case.remedy else None
    if remedy is not _AFTER_CHECK.get(to):
        return None  # the check leads where the decided remedy goes, nowhere else
    return Step(to.value, label, fixed={"check_passed": True})


def _closing_step(current: CaseState, label: str) -> Step:
    if current is S.REPLACING:
        return Step(S.CLOSED.value, label, ("replacement",))
    if current is S.REFUNDING:
        return Step(S.CLOSED.value, label)
    return Step(S.CLOSED.value, label, ("close",))


def _step(case: AfterSalesCase, current: CaseState, to: CaseState, locale: str) -> Step | None:
    label = translate(f"asp.go.{to.value}", locale)
    if current is S.DECIDING:
        return _deciding_step(case, to, label)
    if current is S.INSPECTING:
        return _inspecting_step(case, to, label, locale)
    if to is S.RETURN_SHIPPED:
        return Step(to.value, label, ("tracking",))
    if to in (S.JUDGING, S.DECIDING):
        return Step(to.value, label, ("reason",))
    if to is S.CLOSED:
        return _closing_step(current, label)
    return Step(to.value, label)


def next_steps(case: AfterSalesCase, locale: str) -> list[Step]:
    current = CaseState(case.state)
    order = list(CaseState)  # the workflow's own order reads better than the alphabet
    targets = sorted(CASE_TRANSITIONS[current], key=order.index)
    return [s for to in targets if (s := _step(case, current, to, locale)) is not None]


_DETAIL_LABELS = {
    "note": "asp.note",
    "return_tracking": "asp.tracking",
    "return_carrier": "asp.carrier",
    "replacement_tracking": "asp.replacement_tracking",
    "remedy": "asp.remedy_choice",
    "reason": "asp.reason",
    "amount_fen": "asp.fact.amount",
    "status": "asp.status",
    "attachments": "asp.files",
}


def _detail_value(key: str, value: Any, locale: str) -> str:
    if key == "remedy":
        return translate(f"asp.remedy.{value}", locale)
    if key == "reason":
        return translate(f"aftersales.reason.{value}", locale)
    if key == "amount_fen":
        return money(int(value), locale)
    if key == "status":
        return translate(f"aftersales.payout_status.{value}", locale)
    if key == "attachments":
        return str(len(value))
    return str(value)


def _event(e: CaseEvent, names: dict[int, str], locale: str) -> EventView:
    change = ""
    if e.old_state or e.new_state:
        old = translate(f"aftersales.case_state.{e.old_state}", locale) if e.old_state else ""
        new = translate(f"aftersales.case_state.{e.new_state}", locale) if e.new_state else ""
        change = f"{old} → {new}" if old else new
    shown = [
        f"{translate(_DETAIL_LABELS[k], locale)}:{_detail_value(k, v, locale)}"
        for k, v in e.detail.items()
        if k in _DETAIL_LABELS
    ]
    actor = names.get(e.actor_id, "") if e.actor_id else translate("asp.system", locale)
    kind = translate(f"asp.event.{e.kind}", locale)
    return EventView(e.at, actor, kind, change, ";".join(shown))


def _payout(p: Payout, names: dict[int, str], locale: str) -> PayoutView:
    return PayoutView(
        id=p.id,
        amount_fen=p.amount_fen,
        method=p.method,
        method_label=translate(f"aftersales.method.{p.method}", locale),
        status=p.status,
        status_label=translate(f"aftersales.payout_status.{p.status}", locale),
        fee_fen=p.fee_fen,
        deducted_fen=p.deducted_fen,
        requested_by=names.get(p.requested_by_id, ""),
        approver=names.get(p.approver_id, "") if p.approver_id else "",
        message=translate(p.reason, locale, **p.params) if p.reason else "",
        created_at=p.created_at,
    )


def _photos(session: Session, case: AfterSalesCase) -> list[Photo]:
    photos = []
    for raw in case.evidence:
        attachment = tickets.get_attachment(session, int(raw))
        image = attachment.content_type.startswith("image/")
        photos.append(Photo(attachment.id, attachment.filename, image))
    return photos


def refund_default(case: AfterSalesCase) -> int:
    """What a payout pre-fills: the refund the engine says is due, else the amount asked."""
    due = case.decisions.get("refund_due") or {}
    return int(due.get("amount_fen") or case.amount_fen or 0)


def case_page(session: Session, case_id: int, tz: tzinfo, locale: str) -> dict[str, Any]:
    case = service.get_case(session, case_id)
    order = service.get_order(session, case.order_id)
    ticket = tickets.get_ticket(session, case.ticket_id)
    history = service.history_of(session, case.id)
    payouts = service.payouts_of_case(session, case.id)
    names = user_names(
        session,
        [case.agent_id, *(e.actor_id for e in history), *(p.requested_by_id for p in payouts),
         *(p.approver_id for p in payouts)],
    )  # fmt: skip
    today = clock.now().astimezone(tz).date()
    policy = payout_policy(service.rows_in_force(session), platform=order.platform, on=today)
    said: list[Said] = explain(case.decisions, tz, locale)
    paid = sum(p.amount_fen for p in payouts if p.status == service.PayoutStatus.PAID)
    return {
        "case": case,
        "order": order,
        "ticket": ticket,
        "customer_name": customers.names_of(session, [case.customer_id]).get(case.customer_id, ""),
        "agent_name": names.get(case.agent_id, "") if case.agent_id else "",
        "kind_label": translate(f"aftersales.kind.{case.kind}", locale),
        "reason_label": translate(f"aftersales.reason.{case.reason}", locale),
        "state_label": translate(f"aftersales.case_state.{case.state}", locale),
        "said": said,
        "events": [_event(e, names, locale) for e in history],
        "photos": _photos(session, case),
        "steps": next_steps(case, locale),
        "reasons": [r.value for r in service.CaseReason],
        "flaws": [f.value for f in Flaw],
        "payouts": [_payout(p, names, locale) for p in payouts],
        "paid_fen": paid,
        "refund_default_fen": refund_default(case),
        "approval_above_fen": policy.approval_above_fen,
        "refunding": case.state == S.REFUNDING,
    }
