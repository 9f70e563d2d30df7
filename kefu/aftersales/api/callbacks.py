"""Complaint call-back tasks (list, complete) and the penalty points recorded against agents,
under /api/v1/aftersales."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from fastapi import APIRouter, Request

from kefu.aftersales import service
from kefu.aftersales.api.words import shop_tz
from kefu.aftersales.dispute_schemas import (
    CallbackDone,
    CallbackPage,
    CallbackRead,
    PenaltyPage,
    PenaltyRead,
)
from kefu.core import clock
from kefu.core.errors import FieldError, Forbidden, Invalid
from kefu.core.i18n import translate
from kefu.users.rules import RANK, Permission, Role
from kefu.web.api_support import (
    DB,
    Caller,
    CurrentSettings,
    decode_cursor,
    locale_of,
    next_cursor,
    require,
)

router = APIRouter(prefix="/aftersales")


def callback_read(task: Any, ticket_number: str, customer_id: int) -> CallbackRead:
    return CallbackRead(
        id=task.id,
        complaint_id=task.complaint_id,
        ticket_number=ticket_number,
        customer_id=customer_id,
        customer_phone=task.customer_phone,
        due_at=task.due_at,
        overdue=task.done_at is None and task.due_at < clock.now(),
        done_at=task.done_at,
        done_by_id=task.done_by_id,
        note=task.note,
        created_at=task.created_at,
    )


@router.get("/callbacks", response_model=CallbackPage)
def list_callbacks(
    db: DB, caller: Caller, open: bool = True, cursor: str | None = None, limit: int = 50
) -> CallbackPage:
    """The call-backs complaints owe: open ones by due time (``open=false``: all, newest first,
    keyset-paged)."""
    require(caller, Permission.WORK_TICKETS)
    limit = max(1, min(limit, 200))
    with db.reading() as session:
        views = service.callbacks(
            session, open_only=open, limit=limit + 1, before_id=decode_cursor(cursor)
        )
    items = [callback_read(v.task, v.ticket_number, v.customer_id) for v in views[:limit]]
    more = None if open else next_cursor([v.task.id for v in views], limit)
    return CallbackPage(items=items, next_cursor=more)


@router.post("/callbacks/{task_id}/done", response_model=CallbackRead)
def complete_callback(
    db: DB, caller: Caller, settings: CurrentSettings, task_id: int, body: CallbackDone
) -> CallbackRead:
    """The call was made: who made it, when, and how it went (``note``)."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        task = service.complete_callback(
            session, task_id, body.note, actor=caller, tz=shop_tz(settings)
        )
        views = service.callbacks(session, open_only=False, limit=1, before_id=task.id + 1)
    return callback_read(task, views[0].ticket_number, views[0].customer_id)


@router.get("/penalties", response_model=PenaltyPage)
def penalties(
    db: DB,
    caller: Caller,
    request: Request,
    agent_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> PenaltyPage:
    """An agent's penalty points in [since, until) (the last 31 days by default): an agent sees
    their own, a supervisor anyone's."""
    require(caller, Permission.WORK_TICKETS)
    agent_id = caller.user_id if agent_id is None else agent_id
    if agent_id != caller.user_id and RANK[caller.role] < RANK[Role.SUPERVISOR]:
        raise Forbidden("forbidden")
    # By default the last 31 days up to and including now.
    until = until or clock.now() + timedelta(seconds=1)
    since = since or until - timedelta(days=31)
    for name, value in (("since", since), ("until", until)):
        if value.utcoffset() is None:
            raise Invalid("validation_failed", fields={name: FieldError("field.datetime")})
    locale = locale_of(request)
    with db.reading() as session:
        rows = service.penalties_of(session, agent_id, since=since, until=until)
    items = [
        PenaltyRead(
            id=p.id,
            agent_id=p.agent_id,
            fault=p.fault,
            fault_label=translate(f"aftersales.fault.{p.fault}", locale),
            points=p.points,
            source=p.source,
            ticket_id=p.ticket_id,
            case_id=p.case_id,
            detail=p.detail,
            at=p.at,
        )
        for p in rows
    ]
    total = sum(p.points for p in items)
    return PenaltyPage(agent_id=agent_id, since=since, until=until, total_points=total, items=items)
