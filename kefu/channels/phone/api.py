"""The call-event webhook (``/channels/phone/events``, signed with ``KEFU_PHONE_SECRET``) and the
call log for agents (``/api/v1/calls/{id}``)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kefu.channels.phone import rules
from kefu.channels.phone import service as phone
from kefu.channels.phone.models import CallLog
from kefu.channels.phone.schemas import CallEventIn, CallEventResult, CallRead, CallUpdate
from kefu.core.errors import Forbidden, KefuError
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, require

router = APIRouter(tags=["channels"])


class NotConfigured(KefuError):
    status = 503


@router.post("/channels/phone/events", response_model=CallEventResult)
async def call_event(request: Request, db: DB, settings: CurrentSettings) -> CallEventResult:
    """One call event (ringing, answered, ended) from the telephony system. Retries are safe:
    each event is applied once per call."""
    secret = settings.phone_secret.get_secret_value()
    if not secret:
        raise NotConfigured("call.not_configured")
    body = await request.body()
    if not rules.signature_ok(secret, body, request.headers.get("x-kefu-signature")):
        raise Forbidden("call.bad_signature")
    try:
        event = CallEventIn.model_validate_json(body)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from exc

    def work(session: Session) -> CallEventResult:
        applied = phone.apply_event(session, settings, event)
        call = applied.call
        return CallEventResult(
            call_id=call.call_id,
            status=call.status,
            ticket_id=call.ticket_id,
            customer_id=call.customer_id,
            new_caller=applied.new_caller,
        )

    return await run_in_threadpool(db.retrying, work)


def _read(call: CallLog) -> CallRead:
    waited = rules.answer_time(call.ringing_at, call.answered_at)
    duration = (
        (call.ended_at - call.answered_at).total_seconds()
        if call.ended_at and call.answered_at
        else None
    )
    return CallRead(
        id=call.id,
        call_id=call.call_id,
        direction=call.direction,
        caller=call.caller,
        called=call.called,
        status=call.status,
        customer_id=call.customer_id,
        ticket_id=call.ticket_id,
        agent_id=call.agent_id,
        ringing_at=call.ringing_at,
        answered_at=call.answered_at,
        ended_at=call.ended_at,
        answer_seconds=waited.seconds,
        answered_within_target=waited.within_target,
        duration_seconds=duration,
        recording_url=call.recording_url,
        contact_name=call.contact_name,
        contact_title=call.contact_title,
        company=call.company,
        content=call.content,
        reason=call.reason,
        follow_up=call.follow_up,
        follow_up_due_at=call.follow_up_due_at,
        missing_5w1h=rules.missing_5w1h(phone.notes_of(call)),
    )


@router.get("/api/v1/calls/{call_id}", response_model=CallRead)
def get_call(call_id: int, db: DB, caller: Caller) -> CallRead:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        return _read(phone.get_call(session, call_id))


@router.patch("/api/v1/calls/{call_id}", response_model=CallRead)
def update_call(call_id: int, body: CallUpdate, db: DB, caller: Caller) -> CallRead:
    """The agent's call record: who (name, title, company), what, why, what follows and when."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        return _read(phone.update_call(session, call_id, body))
