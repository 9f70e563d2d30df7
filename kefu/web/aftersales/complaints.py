"""The supervisors' complaints list (``/workspace/complaints``): each complaint ticket with its
workflow state, how long it has been in it against the SOP's limit (5 minutes to pass on, 30
for a first analysis, 10 to confirm with the customer), and blacklisting a malicious
complainant with a reason (the page's script posts to the complaint API)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response

from kefu.aftersales import service
from kefu.aftersales.rules import ComplaintState
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.tickets import service as tickets
from kefu.tickets.rules import TicketType
from kefu.web import auth
from kefu.web.aftersales import common

router = APIRouter(include_in_schema=False)
SHOWN = 100
OPEN = "open"


@dataclass(frozen=True)
class ComplaintRow:
    ticket_id: int
    number: str
    subject: str
    customer: str
    blacklisted: bool
    state: str
    state_label: str
    state_since: datetime
    age_minutes: int
    limit_minutes: int | None
    overdue: bool
    malicious: bool


def complaint_rows(db: Database, wanted: str, tz: tzinfo, locale: str) -> list[ComplaintRow]:
    """The complaint tickets, newest first, in the workflow state ``wanted`` (or not closed)."""
    now = clock.now()
    rows: list[ComplaintRow] = []
    with db.reading() as session:
        found = tickets.list_tickets(
            session, tickets.TicketFilters(type=[TicketType.COMPLAINT.value]), limit=SHOWN
        )
        limits = service.time_limits(session, tz=tz)
        names = customers.names_of(session, {t.customer_id for t in found})
        blacklisted = customers.blacklisted_among(session, {t.customer_id for t in found})
        complaints = service.complaints_of(session, found)
        for ticket in found:
            complaint = complaints[ticket.id]
            if wanted == OPEN and complaint.state == ComplaintState.CLOSED:
                continue
            if wanted not in (OPEN, "") and complaint.state != wanted:
                continue
            limit = limits.get(ComplaintState(complaint.state))
            due = service.due_at(complaint, limits)
            rows.append(
                ComplaintRow(
                    ticket_id=ticket.id,
                    number=ticket.number,
                    subject=ticket.subject,
                    customer=names.get(ticket.customer_id) or f"#{ticket.customer_id}",
                    blacklisted=ticket.customer_id in blacklisted,
                    state=complaint.state,
                    state_label=translate(f"aftersales.complaint_state.{complaint.state}", locale),
                    state_since=complaint.state_since,
                    age_minutes=max(0, int((now - complaint.state_since).total_seconds() // 60)),
                    limit_minutes=limit.minutes if limit else None,
                    overdue=due is not None and now > due,
                    malicious=complaint.malicious,
                )
            )
    return rows


@router.get("/workspace/complaints", response_model=None)
def complaints(request: Request, db: Annotated[Database, Depends(auth.get_db)]) -> Response:
    web = common.staff_session(request, db)
    if web is None:
        return common.to_login(request)
    if not common.is_supervisor(web):
        return common.problem_page(request, web, "forbidden", 403)
    states = [s.value for s in ComplaintState]
    wanted = request.query_params.get("state", OPEN)
    if wanted not in (OPEN, "", *states):
        wanted = OPEN
    rows = complaint_rows(db, wanted, common.shop_tz(request), auth.locale_of(request))
    return common.templates.TemplateResponse(
        request,
        "aftersales/complaints.html",
        common.context(request, web, rows=rows, wanted=wanted, states=states),
    )
