"""The complaint workflow of a complaint ticket, and blacklisting a malicious complainant."""

from __future__ import annotations

from fastapi import APIRouter, Request

from kefu.aftersales import service
from kefu.aftersales.api.words import labelled, shop_tz
from kefu.aftersales.rules import COMPLAINT_TRANSITIONS, ComplaintState
from kefu.aftersales.schemas import BlacklistRequest, ComplaintRead, ComplaintTransition
from kefu.core.config import Settings
from kefu.core.errors import Conflict
from kefu.core.i18n import translate
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of, require

router = APIRouter()


def _complaint_read(db: DB, settings: Settings, ticket_id: int, locale: str) -> ComplaintRead:
    with db.reading() as session:
        complaint = service.complaint_of(session, ticket_id)
        limits = service.time_limits(session, tz=shop_tz(settings))
    return ComplaintRead(
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
    )


@router.get("/tickets/{ticket_id}/complaint", response_model=ComplaintRead)
def get_complaint(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, ticket_id: int
) -> ComplaintRead:
    require(caller, Permission.WORK_TICKETS)
    return _complaint_read(db, settings, ticket_id, locale_of(request))


@router.post("/tickets/{ticket_id}/complaint/transitions", response_model=ComplaintRead)
def move_complaint(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    ticket_id: int,
    body: ComplaintTransition,
) -> ComplaintRead:
    require(caller, Permission.WORK_TICKETS)
    locale = locale_of(request)
    move = service.ComplaintMove(**body.model_dump())
    try:
        with db.transaction() as session:
            service.move_complaint(session, ticket_id, move, actor=caller)
    except Conflict as exc:
        raise labelled(exc, locale, "aftersales.complaint_state") from None
    return _complaint_read(db, settings, ticket_id, locale)


@router.post("/tickets/{ticket_id}/complaint/blacklist", response_model=ComplaintRead)
def blacklist_complainant(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    ticket_id: int,
    body: BlacklistRequest,
) -> ComplaintRead:
    """A malicious complaint: the supervisor blacklists the customer, with the reason."""
    require(caller, Permission.BLACKLIST_CUSTOMER)
    with db.transaction() as session:
        service.blacklist_complainant(session, ticket_id, body.reason, actor=caller)
    return _complaint_read(db, settings, ticket_id, locale_of(request))
