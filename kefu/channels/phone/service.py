"""Call events in: a ringing call finds or creates the caller's profile and opens a ticket (the
handbook's screen pop: history for a known caller, a new profile for a new one); answering
assigns it to the agent and measures the wait; hanging up records duration and recording, and a
missed call leaves a note to call back. Each event is applied once, whatever the retries."""

from __future__ import annotations

from dataclasses import dataclass
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.channels.phone import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.phone.events import CallAnswered, CallRinging
from kefu.channels.phone.models import CallLog, CallTask
from kefu.channels.phone.rules import (
    CallEvent,
    CallNotes,
    CallStatus,
    Importance,
    Placed,
    TaskState,
    Urgency,
    answer_time,
    may_move,
    order_key,
    outcome_needed,
    place,
)
from kefu.channels.phone.schemas import CallEventIn, CallTaskCreate, CallTaskUpdate, CallUpdate
from kefu.conversations import service as conversations
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.core.i18n import translate
from kefu.customers.rules import IdentityKind, InvalidIdentity, normalise
from kefu.customers.service import CustomerInput, recognise
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind, Channel
from kefu.users.models import User


@dataclass(frozen=True)
class Applied:
    call: CallLog
    new_caller: bool


def apply_event(session: Session, settings: Settings, event: CallEventIn) -> Applied:
    call = session.scalar(select(CallLog).where(CallLog.call_id == event.call_id))
    new_caller = False
    if call is None:
        call, new_caller = _ring(session, settings, event)
    if event.event == CallEvent.ANSWERED and call.answered_at is None and call.ended_at is None:
        _answer(session, call, event)
    elif event.event == CallEvent.ENDED and call.ended_at is None:
        _end(session, call, event, ZoneInfo(settings.timezone))
    session.flush()
    return Applied(call, new_caller)


def _caller_number(raw: str) -> str | None:
    try:
        return normalise(IdentityKind.PHONE, raw) if raw else None
    except InvalidIdentity:
        return None  # withheld or foreign formats: the call still counts, the profile has no number


def _ring(session: Session, settings: Settings, event: CallEventIn) -> tuple[CallLog, bool]:
    number = _caller_number(event.caller)
    # Shown as people in China write it: without the +86 that the stored identity carries.
    shown = (number.removeprefix("+86") if number else event.caller) or translate(
        "call.hidden_number"
    )
    known = number is not None and conversations.known_identity(session, IdentityKind.PHONE, number)
    inbound = conversations.InboundMessage(
        channel=Channel.PHONE,
        external_id=event.call_id,
        sender=CustomerInput(
            name=None if number else shown,
            identities={IdentityKind.PHONE: number} if number else {},
        ),
        subject=translate("call.subject", caller=shown),
        text=translate("call.ringing_text", caller=shown, called=event.called or "-"),
    )
    received = conversations.receive(
        session,
        inbound,
        ThreadDecision(None, ThreadRule.NEW, "thread.new_conversation"),
        conversations.Storage(
            settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
        ),
    )
    call = CallLog(
        call_id=event.call_id,
        direction=event.direction,
        caller=(number or event.caller)[:40],
        called=event.called,
        status=CallStatus.RINGING.value,
        customer_id=received.ticket.customer_id,
        ticket_id=received.ticket.id,
        ringing_at=event.at,
    )
    session.add(call)
    record(
        session,
        CallRinging(
            call_id=event.call_id,
            caller=shown,
            called=event.called or "",
            customer_id=received.ticket.customer_id,
            ticket_id=received.ticket.id,
            new_caller=not known,
        ),
    )
    return call, not known


def _agent(session: Session, ref: str | None) -> User | None:
    if not ref:
        return None
    stmt = select(User).where(User.username == ref)
    if ref.isdigit():
        stmt = select(User).where((User.work_number == int(ref)) | (User.username == ref))
    agent = session.scalar(stmt)
    if agent is None:
        raise Invalid(
            "call.unknown_agent", fields={"agent": FieldError("call.unknown_agent")}, agent=ref
        )
    return agent


def _answer(session: Session, call: CallLog, event: CallEventIn) -> None:
    agent = _agent(session, event.agent)
    call.answered_at = max(event.at, call.ringing_at)
    call.status = CallStatus.ANSWERED.value
    waited = answer_time(call.ringing_at, call.answered_at)
    if agent is not None:
        call.agent_id = agent.id
        if call.ticket_id is not None:
            tickets.update_ticket(
                session,
                call.ticket_id,
                tickets.TicketChanges(given={"assignee_id"}, assignee_id=agent.id),
                actor=None,
            )
    record(
        session,
        CallAnswered(call.call_id, call.ticket_id, agent.id if agent else None, waited.seconds),
    )
    late = "" if waited.within_target else translate("call.late_suffix")
    who = (agent.display_name or agent.username) if agent else "-"
    _note(
        session,
        call,
        translate("call.answered_note", agent=who, seconds=round(waited.seconds or 0), late=late),
    )


def _end(session: Session, call: CallLog, event: CallEventIn, zone: ZoneInfo) -> None:
    call.ended_at = max(event.at, call.answered_at or call.ringing_at)
    call.recording_url = event.recording_url or call.recording_url
    if call.answered_at is None:
        call.status = CallStatus.MISSED.value
        _note(
            session,
            call,
            translate(
                "call.missed_note",
                caller=call.caller,
                at=f"{call.ringing_at.astimezone(zone):%Y-%m-%d %H:%M:%S}",
            ),
        )
        return
    call.status = CallStatus.ENDED.value
    seconds = round((call.ended_at - call.answered_at).total_seconds())
    recording = f"\n{call.recording_url}" if call.recording_url else ""
    _note(session, call, translate("call.ended_note", seconds=seconds, recording=recording))


def _note(session: Session, call: CallLog, text: str) -> None:
    if call.ticket_id is not None:
        tickets.add_message(
            session,
            call.ticket_id,
            body=text,
            public=False,
            actor=None,
            author_kind=AuthorKind.SYSTEM,
            channel=Channel.PHONE,
        )


def get_call(session: Session, call_id: int) -> CallLog:
    call = session.get(CallLog, call_id)
    if call is None:
        raise NotFound("call.not_found")
    return call


def update_call(session: Session, call_id: int, changes: CallUpdate) -> CallLog:
    call = get_call(session, call_id)
    for name, value in changes.model_dump(exclude_unset=True).items():
        setattr(call, name, value if value is not None or name == "follow_up_due_at" else "")
    session.flush()
    return call


def notes_of(call: CallLog) -> CallNotes:
    return CallNotes(
        contact_name=call.contact_name,
        company=call.company,
        content=call.content,
        reason=call.reason,
        follow_up=call.follow_up,
        follow_up_due_at=call.follow_up_due_at,
    )


# -- the call list ---------------------------------------------------------------------------


@dataclass(frozen=True)
class ListedTask:
    task: CallTask
    position: int | None
    placed: Placed


def add_task(session: Session, body: CallTaskCreate, created_by: int) -> CallTask:
    """A call to make: the number is checked and the person recognised (or a profile made, as
    the screen pop does for a new caller), so the call's history lands on their record."""
    try:
        phone_number = normalise(IdentityKind.PHONE, body.phone)
    except InvalidIdentity as exc:
        raise Invalid("validation_failed", fields={"phone": FieldError(exc.code)}) from exc
    assignee = body.assignee_id if body.assignee_id is not None else created_by
    _check_assignee(session, assignee)
    if body.ticket_id is not None:
        tickets.get_ticket(session, body.ticket_id)
    customer = recognise(
        session, CustomerInput(body.contact_name, {IdentityKind.PHONE: phone_number})
    )
    task = CallTask(
        customer_id=customer.id,
        contact_name=body.contact_name,
        phone=phone_number,
        due_at=body.due_at,
        points=body.points,
        importance=body.importance.value,
        urgency=body.urgency.value,
        remarks=body.remarks,
        assignee_id=assignee,
        ticket_id=body.ticket_id,
        state=TaskState.OPEN.value,
        outcome="",
        created_by=created_by,
        created_at=clock.now(),
        done_at=None,
    )
    session.add(task)
    session.flush()
    return task


def _check_assignee(session: Session, user_id: int) -> None:
    user = session.get(User, user_id)
    if user is None or not user.is_active:
        raise Invalid("validation_failed", fields={"assignee_id": FieldError("call.no_such_agent")})


def call_list(
    session: Session, assignee_id: int, *, include_finished: bool = False, limit: int = 200
) -> list[ListedTask]:
    """An agent's call list in the order to call: due calls first, then by 轻重缓急, then time.
    The position (序号) counts open calls only."""
    query = select(CallTask).where(CallTask.assignee_id == assignee_id)
    if not include_finished:
        query = query.where(CallTask.state == TaskState.OPEN.value)
    found = list(session.scalars(query.order_by(CallTask.due_at).limit(limit)))
    now = clock.now()
    open_tasks = sorted(
        (t for t in found if t.state == TaskState.OPEN.value),
        key=lambda t: order_key(Importance(t.importance), Urgency(t.urgency), t.due_at, now, t.id),
    )
    listed = [
        ListedTask(t, i, place(Importance(t.importance), Urgency(t.urgency), t.due_at, now))
        for i, t in enumerate(open_tasks, start=1)
    ]
    listed += [
        ListedTask(t, None, place(Importance(t.importance), Urgency(t.urgency), t.due_at, now))
        for t in found
        if t.state != TaskState.OPEN.value
    ]
    return listed


def get_task(session: Session, task_id: int) -> CallTask:
    task = session.get(CallTask, task_id)
    if task is None:
        raise NotFound("call.task_not_found")
    return task


def update_task(session: Session, task_id: int, changes: CallTaskUpdate) -> CallTask:
    """Move a call along (done with its outcome, cancelled, back to open) or reschedule it."""
    task = get_task(session, task_id)
    target = changes.state or TaskState(task.state)
    outcome = changes.outcome if changes.outcome is not None else task.outcome
    _check_update(session, task, target, outcome, changes.assignee_id)
    if target != TaskState(task.state):
        task.state = target.value
        task.done_at = clock.now() if target == TaskState.DONE else None
    task.outcome = outcome
    given = changes.model_dump(exclude_none=True, include={"due_at", "remarks", "assignee_id"})
    for name, value in given.items():
        setattr(task, name, value)
    if changes.importance is not None:
        task.importance = changes.importance.value
    if changes.urgency is not None:
        task.urgency = changes.urgency.value
    session.flush()
    return task


def _check_update(
    session: Session, task: CallTask, target: TaskState, outcome: str, assignee_id: int | None
) -> None:
    """Every problem of an update at once, before anything changes."""
    errors: dict[str, FieldError] = {}
    if not may_move(TaskState(task.state), target):
        errors["state"] = FieldError("call.task_bad_move", {"current": task.state})
    elif outcome_needed(target, outcome):
        errors["outcome"] = FieldError("call.task_outcome_needed")
    if assignee_id is not None:
        try:
            _check_assignee(session, assignee_id)
        except Invalid as exc:
            errors.update(exc.fields)
    if errors:
        raise Invalid("validation_failed", fields=errors)
