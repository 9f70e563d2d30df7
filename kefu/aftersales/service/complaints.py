"""The complaint workflow (投诉, seed 000 七 and seed 004 客诉作业指引) on tickets of type
complaint: received → investigating → proposed → accepted / refused → closed, each move
decided by the engine and audited on the ticket; the SOP's minutes per state as due instants;
a malicious complainant blacklisted by a supervisor, with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import Complaint
from kefu.aftersales.rules import (
    SHOP_TZ,
    ComplaintFacts,
    ComplaintState,
    TimeLimit,
    complaint_time_limits,
    decide_complaint_transition,
)
from kefu.aftersales.service.cases import refused
from kefu.aftersales.service.complaint_intake import fresh_complaint, open_complaint
from kefu.aftersales.service.events import ComplaintMoved
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.core import clock
from kefu.core.errors import Conflict
from kefu.core.events import record
from kefu.customers import service as customers
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import TicketType
from kefu.users.rules import RANK, Role
from kefu.users.service import Principal

C = ComplaintState


def _complaint_ticket(session: Session, ticket_id: int, *, for_update: bool = False) -> Ticket:
    ticket = tickets.get_ticket(session, ticket_id, for_update=for_update)
    if ticket.type != TicketType.COMPLAINT:
        raise Conflict("aftersales.complaint.not_complaint")
    return ticket


def complaint_of(session: Session, ticket_id: int) -> Complaint:
    """The ticket's complaint (not stored until it first moves)."""
    ticket = _complaint_ticket(session, ticket_id)
    return session.get(Complaint, ticket.id) or fresh_complaint(ticket)


def complaints_of(session: Session, found: list[Ticket]) -> dict[int, Complaint]:
    """The complaints of many complaint tickets in one query (a list shows them); a ticket whose
    complaint has not moved yet gets its fresh state, as ``complaint_of`` gives it."""
    ids = [t.id for t in found]
    stored = (
        {
            c.ticket_id: c
            for c in session.scalars(select(Complaint).where(Complaint.ticket_id.in_(ids)))
        }
        if ids
        else {}
    )
    return {t.id: stored.get(t.id) or fresh_complaint(t) for t in found}


def _stored(session: Session, ticket: Ticket, tz: tzinfo) -> Complaint:
    """The complaint, opened (conversations gathered, call-back owed) if the worker has not
    opened it yet."""
    return open_complaint(session, ticket, tz=tz)


@dataclass(frozen=True)
class ComplaintMove:
    to: ComplaintState
    proposal: str | None = None  # moving to proposed
    supervisor_informed: bool = False  # the agent reported it to the supervisor
    carried_out: bool = False  # the accepted proposal was done


def _is_supervisor(actor: Principal) -> bool:
    return RANK[actor.role] >= RANK[Role.SUPERVISOR]


def move_complaint(
    session: Session,
    ticket_id: int,
    move: ComplaintMove,
    *,
    actor: Principal,
    tz: tzinfo = SHOP_TZ,
) -> Complaint:
    """Move the complaint if the engine allows it; a refusal raises ``Conflict`` with its reason.
    A supervisor acting is informed by definition, and the one who decides a refused proposal."""
    ticket = _complaint_ticket(session, ticket_id, for_update=True)
    complaint = _stored(session, ticket, tz)
    current = ComplaintState(complaint.state)
    informed = (
        complaint.supervisor_informed_at is not None
        or move.supervisor_informed
        or _is_supervisor(actor)
    )
    proposal = move.proposal.strip() if move.proposal is not None else complaint.proposal
    facts = ComplaintFacts(
        supervisor_informed=informed,
        proposal=proposal,
        carried_out=complaint.carried_out or move.carried_out,
        supervisor_decided=_is_supervisor(actor),
    )
    decision = decide_complaint_transition(current, move.to, facts)
    if not decision.allowed:
        raise refused(decision.reason, decision.params)
    now = clock.now()
    if informed and complaint.supervisor_informed_at is None:
        complaint.supervisor_informed_at, complaint.informed_by_id = now, actor.user_id
    complaint.proposal = proposal
    complaint.carried_out = facts.carried_out
    complaint.state, complaint.state_since, complaint.updated_at = move.to.value, now, now
    tickets.audit(session, ticket.id, actor, "complaint_state", current.value, move.to.value)
    record(session, ComplaintMoved(ticket.id, current.value, move.to.value))
    return complaint


def blacklist_complainant(
    session: Session, ticket_id: int, reason: str, *, actor: Principal, tz: tzinfo = SHOP_TZ
) -> Complaint:
    """A malicious complaint (恶意投诉): the supervisor blacklists the customer with a reason,
    through the customers context (which refuses anyone below a supervisor, or no reason)."""
    ticket = _complaint_ticket(session, ticket_id, for_update=True)
    changes = customers.CustomerChanges(
        given={"blacklisted", "blacklist_reason"}, blacklisted=True, blacklist_reason=reason
    )
    customers.update_customer(
        session, ticket.customer_id, changes, actor_id=actor.user_id, role=actor.role
    )
    complaint = _stored(session, ticket, tz)
    complaint.malicious = True
    complaint.updated_at = clock.now()
    tickets.audit(session, ticket.id, actor, "complaint_malicious", None, reason.strip())
    return complaint


def time_limits(session: Session, *, tz: tzinfo) -> dict[ComplaintState, TimeLimit]:
    """The SOP's minutes per state (5 to pass on, 30 for a first analysis, 10 to confirm)."""
    today = clock.now().astimezone(tz).date()
    return complaint_time_limits(rows_in_force(session), platform=None, on=today)


def due_at(complaint: Complaint, limits: dict[ComplaintState, TimeLimit]) -> datetime | None:
    limit = limits.get(ComplaintState(complaint.state))
    return limit.due(complaint.state_since) if limit else None
