"""The agent's conversation page, ``/workspace/tickets/{id}``: the ticket's messages, the reply
box, the fields, the response timer and the customer beside it.

The page and its fragments come from the same templates: ``/thread?after=<id>`` gives the
messages after the last one the page shows (the script asks when the stream says a message
was added, so a message never shows twice), ``/fields`` the editable fields after a change.
Writing goes through the REST API (tickets, routing transfer) with the page's CSRF token.

Who may open a ticket: ``conversation_rules.may_open`` (an agent: every ticket but a private
desk's they are not on, unless assigned to them); an unknown ticket is 404, a hidden one 403.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import NotFound
from kefu.core.i18n import translate
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.web import auth, shell, workspace
from kefu.web import conversation_view as view
from kefu.web.conversation_rules import CHAT_CHANNELS, FIRST_RESPONSE_GOAL_S, WARN_AFTER_S
from kefu.web.pages import templates

STATIC = Path(__file__).parent / "static"
SHORTCUTS = (
    ("Ctrl + Enter", "ws.shortcut.send"),
    ("/ · Ctrl + K", "ws.shortcut.canned"),
    ("?", "ws.shortcut.help"),
)
# Texts the page's script shows (filled in the reader's language).
SCRIPT_TEXTS = (
    "cv.canned.none", "cv.coach.suggest", "cv.timer.seconds", "cv.timer.idle", "cv.sla.due",
    "cv.sla.none", "cv.field.saved", "cv.reply.empty", "cv.reply.failed",
)  # fmt: skip

router = APIRouter(include_in_schema=False)


class Refused(Exception):
    """The reader may not see this ticket (403) or it does not exist (404)."""

    def __init__(self, status: int, code: str) -> None:
        super().__init__(code)
        self.status = status
        self.code = code


def _ticket(session: Session, web: auth.WebSession, ticket_id: int) -> Ticket:
    try:
        ticket = tickets.get_ticket(session, ticket_id)
    except NotFound as exc:
        raise Refused(404, "ticket.not_found") from exc
    if not view.can_open(session, web.principal, ticket):
        raise Refused(403, "cv.not_yours")
    return ticket


def _timezone(request: Request) -> str:
    zone: str = request.app.state.settings.timezone
    return zone


def _page_context(
    request: Request, web: auth.WebSession, db: Database, ticket_id: int
) -> dict[str, Any]:
    locale, zone = auth.locale_of(request), _timezone(request)
    with db.reading() as session:
        ticket = _ticket(session, web, ticket_id)
        messages = view.messages_of(session, ticket, locale, zone)
        others, hidden = view.other_tickets(session, web.principal, ticket, zone)
        merged = (
            tickets.get_ticket(session, ticket.merged_into_id) if ticket.merged_into_id else None
        )
        context = {
            "ticket": ticket,
            "merged_into": merged,
            "messages": messages,
            "customer": view.customer_of(session, ticket.customer_id, locale),
            "orders": view.orders_of(session, ticket.customer_id, locale),
            "others": others,
            "hidden_tickets": hidden,
            "fields": view.fields_of(session, ticket),
        }
    chat = ticket.channel in CHAT_CHANNELS
    page = {
        "ticket_id": ticket.id,
        "last_id": messages[-1].id if messages else 0,
        "mode": "chat" if chat else "sla",
        "waiting_since": view.waiting_from(messages),
        "first_reply": not any(m.author_kind == "agent" and m.public for m in messages),
        "server_now": clock.now().isoformat(timespec="milliseconds"),
        "warn_after_s": WARN_AFTER_S,
        "goal_s": FIRST_RESPONSE_GOAL_S,
        "texts": {code: translate(code, locale) for code in SCRIPT_TEXTS},
    }
    return {
        **shell.page_context(request, web, "workspace"),
        **context,
        "shortcuts": SHORTCUTS,
        "config": workspace.live_config(request, db, web),
        "page": page,
    }


def _refusal(request: Request, web: auth.WebSession, refused: Refused) -> HTMLResponse:
    context = {
        **shell.page_context(request, web, "workspace"),
        "message": translate(refused.code, auth.locale_of(request)),
    }
    return templates.TemplateResponse(
        request, "workspace/conversation_refused.html", context, status_code=refused.status
    )


@router.get("/workspace/tickets/{ticket_id}", response_model=None)
def conversation(
    ticket_id: int, request: Request, db: Annotated[Database, Depends(auth.get_db)]
) -> HTMLResponse | RedirectResponse:
    web = workspace.staff_session(request, db)
    if web is None:
        return RedirectResponse(f"/login?next=/workspace/tickets/{ticket_id}", status_code=303)
    try:
        context = _page_context(request, web, db, ticket_id)
    except Refused as refused:
        return _refusal(request, web, refused)
    return templates.TemplateResponse(request, "workspace/conversation.html", context)


def _fragment(
    request: Request, db: Database, ticket_id: int, build: Any, template: str
) -> Response:
    web = workspace.staff_session(request, db)
    if web is None:
        return Response(status_code=401)
    locale = auth.locale_of(request)
    try:
        with db.reading() as session:
            ticket = _ticket(session, web, ticket_id)
            context = build(session, ticket)
    except Refused as refused:
        return Response(translate(refused.code, locale), status_code=refused.status)
    return templates.TemplateResponse(
        request,
        template,
        {"t": lambda code, **p: translate(code, locale, **p), "locale": locale, **context},
    )


@router.get("/workspace/tickets/{ticket_id}/thread", response_model=None)
def thread_fragment(
    ticket_id: int,
    request: Request,
    db: Annotated[Database, Depends(auth.get_db)],
    after: Annotated[int, Query(ge=0)] = 0,
) -> Response:
    """The messages after ``after``, as the page shows them."""
    locale, zone = auth.locale_of(request), _timezone(request)

    def build(session: Session, ticket: Ticket) -> dict[str, Any]:
        return {"messages": view.messages_of(session, ticket, locale, zone, after=after)}

    return _fragment(request, db, ticket_id, build, "workspace/conversation_thread.html")


@router.get("/workspace/tickets/{ticket_id}/fields", response_model=None)
def fields_fragment(
    ticket_id: int, request: Request, db: Annotated[Database, Depends(auth.get_db)]
) -> Response:
    """The editable fields as they are now (the allowed statuses follow the current one)."""

    def build(session: Session, ticket: Ticket) -> dict[str, Any]:
        return {"fields": view.fields_of(session, ticket)}

    return _fragment(request, db, ticket_id, build, "workspace/conversation_fields.html")


@router.get("/static/conversation.js")
def script() -> FileResponse:
    return FileResponse(STATIC / "conversation.js", media_type="text/javascript")
