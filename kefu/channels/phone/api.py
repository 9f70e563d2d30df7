"""The call-event webhook (``/channels/phone/events``, signed with ``KEFU_PHONE_SECRET``), the
call log for agents (``/api/v1/calls/{id}``) and the call list (``/api/v1/call-list``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from kefu.channels.phone import rules
from kefu.channels.phone import service as phone
from kefu.channels.phone.models import CallLog, CallTask
from kefu.channels.phone.schemas import (
    CallEventIn,
    CallEventResult,
    CallRead,
    CallTaskCreate,
    CallTaskPage,
    CallTaskRead,
    CallTaskUpdate,
    CallUpdate,
)
from kefu.core import clock
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


# -- the call list ---------------------------------------------------------------------------


def _task(listed: phone.ListedTask) -> CallTaskRead:
    task = listed.task
    return CallTaskRead(
        id=task.id,
        position=listed.position,
        contact_name=task.contact_name,
        phone=task.phone,
        customer_id=task.customer_id,
        due_at=task.due_at,
        points=task.points,
        importance=task.importance,
        urgency=task.urgency,
        quadrant=listed.placed.label,
        overdue=listed.placed.overdue and task.state == rules.TaskState.OPEN.value,
        remarks=task.remarks,
        assignee_id=task.assignee_id,
        ticket_id=task.ticket_id,
        state=task.state,
        outcome=task.outcome,
        created_at=task.created_at,
        done_at=task.done_at,
    )


def _listed(session: Session, task: CallTask) -> CallTaskRead:
    """A task as it stands in its assignee's list (with its position)."""
    if task.assignee_id is not None:
        for listed in phone.call_list(session, task.assignee_id, include_finished=True):
            if listed.task.id == task.id:
                return _task(listed)
    now = clock.now()
    placed = rules.place(
        rules.Importance(task.importance), rules.Urgency(task.urgency), task.due_at, now
    )
    return _task(phone.ListedTask(task, None, placed))


@router.post("/api/v1/call-list", status_code=201, response_model=CallTaskRead)
def add_call_task(body: CallTaskCreate, db: DB, caller: Caller) -> CallTaskRead:
    """Put a call on a list (one's own by default; a supervisor may fill an agent's)."""
    require(caller, Permission.WORK_TICKETS)
    if body.assignee_id not in (None, caller.user_id):
        require(caller, Permission.MANAGE_ROUTING)
    with db.transaction() as session:
        return _listed(session, phone.add_task(session, body, caller.user_id))


@router.get("/api/v1/call-list", response_model=CallTaskPage)
def list_call_tasks(
    db: DB,
    caller: Caller,
    assignee_id: Annotated[int | None, Query()] = None,
    include_finished: bool = False,
) -> CallTaskPage:
    """The call list in the order to call: calls past their time first, then by 轻重缓急
    (重急, 轻急, 重缓, 轻缓), then by time; ``position`` is the 序号."""
    require(caller, Permission.WORK_TICKETS)
    owner = assignee_id if assignee_id is not None else caller.user_id
    if owner != caller.user_id:
        require(caller, Permission.MANAGE_ROUTING)
    with db.reading() as session:
        found = phone.call_list(session, owner, include_finished=include_finished)
        return CallTaskPage(items=[_task(listed) for listed in found])


@router.patch("/api/v1/call-list/{task_id}", response_model=CallTaskRead)
def update_call_task(task_id: int, body: CallTaskUpdate, db: DB, caller: Caller) -> CallTaskRead:
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        task = phone.get_task(session, task_id)
        if task.assignee_id != caller.user_id or body.assignee_id not in (None, caller.user_id):
            require(caller, Permission.MANAGE_ROUTING)
        return _listed(session, phone.update_task(session, task_id, body))
