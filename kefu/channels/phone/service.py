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
from kefu.channels.phone.models import CallLog
from kefu.channels.phone.rules import CallEvent, CallNotes, CallStatus, answer_time
from kefu.channels.phone.schemas import CallEventIn, CallUpdate
from kefu.conversations import service as conversations
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.config import Settings
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.core.i18n import translate
from kefu.customers.rules import IdentityKind, InvalidIdentity, normalise
from kefu.customers.service import CustomerInput
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
