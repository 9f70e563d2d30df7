"""What opening a complaint does (seed 000 七(1)–(2)): every conversation the customer has had,
on any channel, is gathered onto it (the agent must read 客人的所有聊天记录), and a phone
call-back task is created, due within the SOP's minutes for a first analysis (立即电话联系客人).
The supervisors are told of a complaint ticket by routing when it opens; the SOP's 5 and 30
minutes run as the ticket's SLA clocks (the ``complaint`` SLA policy), read here, not copied.

``open_complaint`` is idempotent: the worker's ``sweep_complaints`` calls it for every complaint
ticket not opened yet (a ticket opened as one, or changed into one), and the complaint's first
move calls it too."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta, tzinfo
from zoneinfo import ZoneInfo

from sqlalchemy import exists, select
from sqlalchemy.orm import Session

from kefu.aftersales.models import CallbackTask, Complaint, ComplaintConversation
from kefu.aftersales.rules import ComplaintState, complaint_time_limits
from kefu.aftersales.service.events import CallbackDone, ComplaintOpened
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.customers import service as customers
from kefu.customers.rules import IdentityKind
from kefu.routing import service as routing
from kefu.tickets.models import Ticket
from kefu.tickets.rules import TicketType
from kefu.users.rules import Role
from kefu.users.service import Principal

BATCH = 100


def fresh_complaint(ticket: Ticket) -> Complaint:
    """The complaint as it stands before anyone moved it: received when the ticket was."""
    return Complaint(
        ticket_id=ticket.id,
        state=ComplaintState.RECEIVED.value,
        state_since=ticket.created_at,
        supervisor_informed_at=None,
        informed_by_id=None,
        proposal="",
        carried_out=False,
        malicious=False,
        created_at=ticket.created_at,
        updated_at=ticket.created_at,
    )


def open_complaint(session: Session, ticket: Ticket, *, tz: tzinfo) -> Complaint:
    """The ticket's complaint, stored with the customer's conversations and its call-back task
    (each made once, however often this is called)."""
    complaint = session.get(Complaint, ticket.id)
    if complaint is None:
        complaint = fresh_complaint(ticket)
        session.add(complaint)
        session.flush()
    elif _task_id(session, ticket.id) is not None:
        return complaint
    gathered = gather_conversations(session, complaint, ticket.customer_id)
    task = _callback(session, complaint, ticket, tz)
    record(session, ComplaintOpened(ticket.id, ticket.customer_id, gathered))
    _tell(session, ticket, task, tz)
    return complaint


def _task_id(session: Session, complaint_id: int) -> int | None:
    return session.scalar(select(CallbackTask.id).where(CallbackTask.complaint_id == complaint_id))


def gather_conversations(session: Session, complaint: Complaint, customer_id: int) -> int:
    """Link every ticket of the customer to the complaint; returns how many are linked."""
    known = set(
        session.scalars(
            select(ComplaintConversation.ticket_id).where(
                ComplaintConversation.complaint_id == complaint.ticket_id
            )
        )
    )
    rows = session.execute(
        select(Ticket.id, Ticket.channel)
        .where(Ticket.customer_id == customer_id)
        .order_by(Ticket.id)
    )
    for ticket_id, channel in rows:
        if ticket_id not in known:
            session.add(ComplaintConversation(
                complaint_id=complaint.ticket_id, ticket_id=ticket_id, channel=channel
            ))  # fmt: skip
            known.add(ticket_id)
    session.flush()
    return len(known)


def conversations_of(session: Session, complaint_id: int) -> list[Ticket]:
    return list(
        session.scalars(
            select(Ticket)
            .join(ComplaintConversation, ComplaintConversation.ticket_id == Ticket.id)
            .where(ComplaintConversation.complaint_id == complaint_id)
            .order_by(Ticket.id)
        )
    )


def _phone(session: Session, customer_id: int) -> str:
    identities = customers.identities_of(session, [customer_id])[customer_id]
    phones = [i.value for i in identities if i.kind == IdentityKind.PHONE]
    return phones[0] if phones else ""


def _callback(session: Session, complaint: Complaint, ticket: Ticket, tz: tzinfo) -> CallbackTask:
    now = clock.now()
    limits = complaint_time_limits(
        rows_in_force(session), platform=None, on=now.astimezone(tz).date()
    )
    task = CallbackTask(
        complaint_id=complaint.ticket_id,
        customer_phone=_phone(session, ticket.customer_id),
        due_at=now + timedelta(minutes=limits[ComplaintState.INVESTIGATING].minutes),
        done_at=None,
        done_by_id=None,
        note="",
        created_at=now,
    )
    session.add(task)
    session.flush()
    return task


def _tell(session: Session, ticket: Ticket, task: CallbackTask, tz: tzinfo) -> None:
    """The agent handling the complaint is told of the call owed (the supervisors when none)."""
    people = [ticket.assignee_id] if ticket.assignee_id else []
    people = people or routing.users_with_role(session, Role.SUPERVISOR.value)
    due = task.due_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
    routing.notify(
        session,
        people,
        "complaint_callback",
        ticket_id=ticket.id,
        dedupe_key=f"complaint_callback:{task.id}",
        params={"due": due, "phone": task.customer_phone or "-"},
    )


# -- call-back tasks --------------------------------------------------------------------------


@dataclass(frozen=True)
class CallbackView:
    task: CallbackTask
    ticket_number: str
    customer_id: int


def callbacks(
    session: Session, *, open_only: bool, limit: int, before_id: int | None = None
) -> list[CallbackView]:
    """Call-back tasks, the most urgent first when ``open_only`` (by due time), else newest."""
    stmt = select(CallbackTask, Ticket.number, Ticket.customer_id).join(
        Ticket, Ticket.id == CallbackTask.complaint_id
    )
    if open_only:
        stmt = stmt.where(CallbackTask.done_at.is_(None)).order_by(
            CallbackTask.due_at, CallbackTask.id
        )
    else:
        if before_id is not None:
            stmt = stmt.where(CallbackTask.id < before_id)
        stmt = stmt.order_by(CallbackTask.id.desc())
    rows = session.execute(stmt.limit(limit)).all()
    return [CallbackView(task, number, customer) for task, number, customer in rows]


def callback_of(session: Session, complaint_id: int) -> CallbackTask | None:
    return session.scalar(select(CallbackTask).where(CallbackTask.complaint_id == complaint_id))


def complete_callback(
    session: Session, task_id: int, note: str, *, actor: Principal, tz: tzinfo
) -> CallbackTask:
    """The call was made: who, when and how it went."""
    stmt = select(CallbackTask).where(CallbackTask.id == task_id)
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    task = session.scalar(stmt)
    if task is None:
        raise NotFound("aftersales.callback.not_found")
    if task.done_at is not None:
        raise Conflict(
            "aftersales.callback.done", at=task.done_at.astimezone(tz).strftime("%Y-%m-%d %H:%M")
        )
    if not note.strip():
        raise Invalid(
            "validation_failed", fields={"note": FieldError("aftersales.callback.needs_note")}
        )
    task.done_at, task.done_by_id, task.note = clock.now(), actor.user_id, note.strip()
    record(session, CallbackDone(task.id, task.complaint_id, actor.user_id))
    return task


# -- the worker -------------------------------------------------------------------------------


def sweep_complaints(db: Database, settings: Settings) -> int:
    """Open the complaint of every complaint ticket that has none yet; returns how many."""
    unopened = (
        select(Ticket.id)
        .where(
            Ticket.type == TicketType.COMPLAINT.value,
            ~exists().where(CallbackTask.complaint_id == Ticket.id),
        )
        .order_by(Ticket.id)
        .limit(BATCH)
    )
    with db.read_connection() as conn:
        if conn.execute(unopened.limit(1)).first() is None:
            return 0
    tz = ZoneInfo(settings.timezone)
    with db.transaction() as session:
        stmt = select(Ticket).where(Ticket.id.in_(unopened))
        if session.get_bind().dialect.name == "postgresql":
            stmt = stmt.with_for_update(skip_locked=True)
        found = list(session.scalars(stmt))
        for ticket in found:
            open_complaint(session, ticket, tz=tz)
        return len(found)
