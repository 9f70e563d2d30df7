"""Platform disputes (维权): opened from the conversation about an order, with the engine's
assessment and deadline stored, the kind's checklist ticked item by item, evidence uploaded onto
the conversation, and moved open → submitted → closed (every step in the dispute's events)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, Dispute, DisputeEvent, ShopOrder
from kefu.aftersales.rules import (
    CHECKLISTS,
    DisputedOrder,
    DisputeFacts,
    DisputeKind,
    DisputeOutcome,
    DisputeState,
    assess_dispute,
    decide_dispute_transition,
    dispute_deadline,
)
from kefu.aftersales.service.cases import refused
from kefu.aftersales.service.decisions import instant, rule_json
from kefu.aftersales.service.events import DisputeMoved, DisputeOpened
from kefu.aftersales.service.orders import get_order, paid_order
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.tickets import service as tickets
from kefu.users.service import Principal


@dataclass(frozen=True)
class DisputeInput:
    order_id: int
    kind: DisputeKind
    opened_at: datetime | None = None  # None: now
    platform_deadline_at: datetime | None = None  # the platform's own deadline, when known
    note: str = ""


def open_dispute(
    session: Session, ticket_id: int, data: DisputeInput, *, actor: Principal | None, tz: tzinfo
) -> Dispute:
    """Record a dispute the buyer opened on the platform about one of their orders."""
    ticket = tickets.get_ticket(session, ticket_id)
    order = get_order(session, data.order_id)
    _check_open(data, order, ticket.customer_id)
    now = clock.now()
    opened_at = data.opened_at or now
    rows = rows_in_force(session)
    deadline = dispute_deadline(
        opened_at,
        rows=rows,
        platform=order.platform,
        platform_deadline=data.platform_deadline_at,
        tz=tz,
    )
    dispute = Dispute(
        order_id=order.id,
        ticket_id=ticket.id,
        customer_id=ticket.customer_id,
        agent_id=actor.user_id if actor else ticket.assignee_id,
        kind=data.kind.value,
        state=DisputeState.OPEN.value,
        outcome="",
        opened_at=opened_at,
        platform_deadline_at=data.platform_deadline_at,
        deadline_at=deadline.at,
        checklist={},
        assessment=_assessment(data.kind, order, opened_at, rows, tz),
        note=data.note.strip(),
        created_at=now,
        updated_at=now,
    )
    dispute.assessment["deadline"] = {
        "code": deadline.reason,
        "params": deadline.params,
        "rule": rule_json(deadline.rule),
        "at": instant(deadline.at),
    }
    session.add(dispute)
    session.flush()
    log_dispute(session, dispute, actor, "opened", {"note": dispute.note})
    record(session, DisputeOpened(dispute.id, ticket.id, order.id, dispute.kind))
    return dispute


def _check_open(data: DisputeInput, order: ShopOrder, customer_id: int) -> None:
    errors: dict[str, FieldError] = {}
    if order.customer_id != customer_id:
        errors["order_id"] = FieldError("aftersales.case.order_of_another_customer")
    if data.opened_at is not None and data.opened_at > clock.now():
        errors["opened_at"] = FieldError("aftersales.dispute.in_future")
    if errors:
        raise Invalid("validation_failed", fields=errors)


def _assessment(
    kind: DisputeKind, order: ShopOrder, opened_at: datetime, rows: Any, tz: tzinfo
) -> dict[str, Any]:
    engine = paid_order(order)
    facts = DisputedOrder(
        platform=order.platform,
        paid_at=order.paid_at,
        item_paid_fen=engine.item_paid_fen if engine else 0,
        shipped_at=order.shipped_at,
        signed_at=order.signed_at,
        tracking_number=order.tracking_number,
        presale=order.presale,
    )
    found = assess_dispute(kind, facts, opened_at=opened_at, rows=rows, tz=tz)
    return {
        "code": found.reason,
        "params": found.params,
        "rule": rule_json(found.rule),
        "upheld": found.upheld,
    }


def get_dispute(session: Session, dispute_id: int, *, for_update: bool = False) -> Dispute:
    stmt = select(Dispute).where(Dispute.id == dispute_id)
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    dispute = session.scalar(stmt)
    if dispute is None:
        raise NotFound("aftersales.dispute.not_found")
    return dispute


def disputes_of_order(session: Session, order_id: int) -> list[Dispute]:
    get_order(session, order_id)
    return list(
        session.scalars(select(Dispute).where(Dispute.order_id == order_id).order_by(Dispute.id))
    )


def dispute_events(session: Session, dispute_id: int) -> list[DisputeEvent]:
    return list(
        session.scalars(
            select(DisputeEvent)
            .where(DisputeEvent.dispute_id == dispute_id)
            .order_by(DisputeEvent.id)
        )
    )


def linked_tickets(session: Session, dispute: Dispute) -> list[int]:
    """The conversations the dispute rests on: its own, then those of the order's cases."""
    case_tickets = session.scalars(
        select(AfterSalesCase.ticket_id)
        .where(AfterSalesCase.order_id == dispute.order_id)
        .order_by(AfterSalesCase.id)
    )
    ordered = [dispute.ticket_id]
    for ticket_id in case_tickets:
        if ticket_id not in ordered:
            ordered.append(ticket_id)
    return ordered


def log_dispute(
    session: Session,
    dispute: Dispute,
    actor: Principal | None,
    kind: str,
    detail: dict[str, Any],
) -> None:
    session.add(
        DisputeEvent(
            dispute_id=dispute.id,
            actor_id=actor.user_id if actor else None,
            kind=kind,
            detail={k: v for k, v in detail.items() if v not in (None, "")},
            at=clock.now(),
        )
    )
    tickets.audit(session, dispute.ticket_id, actor, "dispute", None, f"{dispute.id}:{kind}")


def tick_item(
    session: Session,
    dispute_id: int,
    item: str,
    *,
    done: bool,
    actor: Principal,
    name: str,
) -> Dispute:
    """Tick (or untick) an item of the dispute's checklist, signed with the agent's name."""
    dispute = get_dispute(session, dispute_id, for_update=True)
    if dispute.state == DisputeState.CLOSED:
        raise Conflict("aftersales.dispute.closed")
    items = CHECKLISTS[DisputeKind(dispute.kind)]
    if item not in items:
        choices = ", ".join(items)
        raise Invalid(
            "validation_failed",
            fields={"item": FieldError("aftersales.dispute.unknown_item", {"choices": choices})},
        )
    checklist = dict(dispute.checklist)
    if done == (item in checklist):
        return dispute  # already so: nothing to record
    now = clock.now()
    if done:
        checklist[item] = {"by": actor.user_id, "name": name, "at": instant(now)}
    else:
        checklist.pop(item)
    dispute.checklist, dispute.updated_at = checklist, now
    log_dispute(session, dispute, actor, "ticked" if done else "unticked", {"item": item})
    return dispute


def move_dispute(
    session: Session,
    dispute_id: int,
    to: DisputeState,
    *,
    outcome: DisputeOutcome | None,
    actor: Principal,
) -> Dispute:
    """Submit the evidence (the checklist done) or close the dispute with its outcome; a
    refusal raises ``Conflict`` with the engine's reason and writes nothing."""
    dispute = get_dispute(session, dispute_id, for_update=True)
    current = DisputeState(dispute.state)
    facts = DisputeFacts(DisputeKind(dispute.kind), frozenset(dispute.checklist), outcome)
    decision = decide_dispute_transition(current, to, facts)
    if not decision.allowed:
        raise refused(decision.reason, decision.params)
    now = clock.now()
    dispute.state, dispute.updated_at = to.value, now
    if to is DisputeState.CLOSED:
        assert outcome is not None
        dispute.outcome, dispute.closed_at = outcome.value, now
    detail = {"old": current.value, "new": to.value, "outcome": dispute.outcome}
    log_dispute(session, dispute, actor, "moved", detail)
    record(session, DisputeMoved(dispute.id, current.value, to.value))
    return dispute


def add_dispute_evidence(
    session: Session,
    dispute_id: int,
    uploads: list[tickets.NewAttachment],
    *,
    note: str,
    actor: Principal,
    root: Any,
    limit: int,
) -> list[int]:
    """Files for the platform (the waybill, the carrier's statement), stored as an internal
    note on the dispute's conversation, where the evidence pack finds them."""
    dispute = get_dispute(session, dispute_id, for_update=True)
    if dispute.state == DisputeState.CLOSED:
        raise Conflict("aftersales.dispute.closed")
    if not uploads:
        raise Invalid("validation_failed", fields={"files": FieldError("field.required")})
    message = tickets.add_message(
        session,
        dispute.ticket_id,
        body=note,
        public=False,
        actor=actor,
        attachments=uploads,
        attachments_root=root,
        max_attachment_bytes=limit,
    )
    session.flush()
    _, files = tickets.list_messages(session, dispute.ticket_id)
    ids = [a.id for a in files.get(message.id, [])]
    dispute.updated_at = clock.now()
    log_dispute(session, dispute, actor, "evidence", {"attachments": ids})
    return ids
