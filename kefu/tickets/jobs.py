"""Time-based work of the tickets context, run by the worker: tickets pending on their customer
are reminded once, then solved (``Settings.pending_remind_hours`` / ``pending_solve_hours``).
Each watch row is claimed with a lock other workers skip and stamped in the transaction that
acts, so nothing is done twice."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.tickets import messages as _texts  # noqa: F401  (registers the texts used here)
from kefu.tickets import rules
from kefu.tickets.models import PendingWatch, Ticket
from kefu.tickets.rules import AuthorKind, Status
from kefu.tickets.service import TicketChanges, add_message, update_ticket

BATCH = 200


def sweep_pending(db: Database, settings: Settings) -> int:
    done = 0
    while True:
        with db.transaction() as session:
            acted = pending_batch(session, settings, clock.now())
        done += acted
        if acted < BATCH:
            return done


def pending_batch(session: Session, settings: Settings, now: datetime) -> int:
    rows = list(
        session.scalars(
            select(PendingWatch)
            .where(PendingWatch.next_at <= now)
            .order_by(PendingWatch.next_at)
            .limit(BATCH)
            .with_for_update(skip_locked=True)
        )
    )
    remind = (
        timedelta(hours=settings.pending_remind_hours) if settings.pending_remind_hours else None
    )
    solve = timedelta(hours=settings.pending_solve_hours) if settings.pending_solve_hours else None
    for row in rows:
        ticket = session.get(Ticket, row.ticket_id)
        if ticket is None or ticket.status != Status.PENDING.value:
            session.execute(delete(PendingWatch).where(PendingWatch.ticket_id == row.ticket_id))
            continue
        step = rules.pending_step(
            row.since, row.reminded_at, now, remind_after=remind, solve_after=solve
        )
        if step.action == "remind":
            _remind(session, ticket, settings)
            row.reminded_at = now
        elif step.action == "solve":
            _solve(session, ticket, settings)
            continue  # leaving pending removed the watch
        row.next_at = step.next_at
    return len(rows)


def _remind(session: Session, ticket: Ticket, settings: Settings) -> None:
    text = translate("ticket.pending_reminder", settings.default_locale, number=ticket.number)
    add_message(
        session, ticket.id, body=text, public=True, actor=None, author_kind=AuthorKind.SYSTEM
    )


def _solve(session: Session, ticket: Ticket, settings: Settings) -> None:
    hours = settings.pending_solve_hours
    note = translate("ticket.pending_solved", settings.default_locale, days=hours // 24 or 1)
    add_message(
        session, ticket.id, body=note, public=False, actor=None, author_kind=AuthorKind.SYSTEM
    )
    solved = TicketChanges(given={"status"}, status=Status.SOLVED)
    update_ticket(session, ticket.id, solved, actor=None)
