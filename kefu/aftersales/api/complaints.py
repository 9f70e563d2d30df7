"""The complaint workflow of a complaint ticket, and blacklisting a malicious complainant. A
complaint is read with the customer's conversations gathered onto it, its call-back task and
the ticket's SLA clocks, which run the SOP's minutes (the ``complaint`` SLA policy)."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kefu.aftersales import service
from kefu.aftersales.api.callbacks import callback_read
from kefu.aftersales.api.words import labelled, shop_tz
from kefu.aftersales.dispute_schemas import ComplaintDetailRead, ConversationRef, SlaClockRead
from kefu.aftersales.rules import COMPLAINT_TRANSITIONS, ComplaintState
from kefu.aftersales.schemas import BlacklistRequest, ComplaintTransition
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.errors import Conflict
from kefu.core.i18n import translate
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of, require

router = APIRouter()


def _complaint_read(db: DB, settings: Settings, ticket_id: int, locale: str) -> ComplaintDetailRead:
    now = clock.now()
    with db.reading() as session:
        complaint = service.complaint_of(session, ticket_id)
        limits = service.time_limits(session, tz=shop_tz(settings))
        conversations = service.conversations_of(session, ticket_id)
        task = service.callback_of(session, ticket_id)
        ticket = tickets.get_ticket(session, ticket_id)
        timers = sla.ticket_sla(session, ticket_id, now)
    policy = timers.choice.policy
    return ComplaintDetailRead(
        ticket_id=complaint.ticket_id,
        state=complaint.state,
        state_label=translate(f"aftersales.complaint_state.{complaint.state}", locale),
        state_since=complaint.state_since,
        due_at=service.due_at(complaint, limits),
        next_states=sorted(COMPLAINT_TRANSITIONS[ComplaintState(complaint.state)]),
        supervisor_informed_at=complaint.supervisor_informed_at,
        proposal=complaint.proposal,
        carried_out=complaint.carried_out,
        malicious=complaint.malicious,
        limits_minutes={state.value: limit.minutes for state, limit in limits.items()},
        conversations=[
            ConversationRef(
                ticket_id=t.id,
                number=t.number,
                channel=t.channel,
                subject=t.subject,
                status=t.status,
            )
            for t in conversations
        ],
        callback=callback_read(task, ticket.number, ticket.customer_id) if task else None,
        sla_policy=policy.key if policy else None,
        sla_clocks=[
            SlaClockRead(
                metric=str(c.metric),
                state=str(c.state),
                target_minutes=c.target_s / 60,
                due_at=c.due_at,
            )
            for c in timers.clocks
        ],
    )


@router.get("/tickets/{ticket_id}/complaint", response_model=ComplaintDetailRead)
def get_complaint(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, ticket_id: int
) -> ComplaintDetailRead:
    require(caller, Permission.WORK_TICKETS)
    return _complaint_read(db, settings, ticket_id, locale_of(request))


@router.post("/tickets/{ticket_id}/complaint/transitions", response_model=ComplaintDetailRead)
def move_complaint(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    ticket_id: int,
    body: ComplaintTransition,
) -> ComplaintDetailRead:
    require(caller, Permission.WORK_TICKETS)
    locale = locale_of(request)
    move = service.ComplaintMove(**body.model_dump())
    try:
        with db.transaction() as session:
            service.move_complaint(session, ticket_id, move, actor=caller, tz=shop_tz(settings))
    except Conflict as exc:
        raise labelled(exc, locale, "aftersales.complaint_state") from None
    return _complaint_read(db, settings, ticket_id, locale)


@router.post("/tickets/{ticket_id}/complaint/blacklist", response_model=ComplaintDetailRead)
def blacklist_complainant(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    ticket_id: int,
    body: BlacklistRequest,
) -> ComplaintDetailRead:
    """A malicious complaint: the supervisor blacklists the customer, with the reason."""
    require(caller, Permission.BLACKLIST_CUSTOMER)
    with db.transaction() as session:
        service.blacklist_complainant(
            session, ticket_id, body.reason, actor=caller, tz=shop_tz(settings)
        )
    return _complaint_read(db, settings, ticket_id, locale_of(request))
