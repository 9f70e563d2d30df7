"""The after-sales panel of a conversation (``GET /workspace/tickets/{id}/aftersales``): the
customer's orders, the cases of this ticket, and opening a case in two clicks — the kind and
reason are guessed from the conversation, the engine's decision is previewed
(``…/aftersales/preview``, computed on an unsaved case: nothing is written), and the agent
confirms, which posts to ``POST /api/v1/tickets/{id}/cases``.

Fetched by the conversation page, the address answers the bare fragment; opened in the
browser's address bar, it answers a whole page around it."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kefu.aftersales import service
from kefu.aftersales.models import OrderItem, ShopOrder
from kefu.aftersales.rules import RuleRow
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import NotFound
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import AuthorKind
from kefu.web import auth
from kefu.web.aftersales import common
from kefu.web.aftersales.drafting import Draft, DraftOutcome, draft_decisions, parse_draft
from kefu.web.aftersales.guess import Guess, guess_case
from kefu.web.aftersales.present import explain
from kefu.web.aftersales.queries import order_numbers

router = APIRouter(include_in_schema=False)
RECEIVED = frozenset({service.OrderStatus.SIGNED.value, service.OrderStatus.COMPLETED.value})
ORDERS_SHOWN = 20


@dataclass(frozen=True)
class Line:
    """One choice of what the case is about: an order line, or the whole order."""

    value: str  # "<order id>:<item id>", or "<order id>:" for the whole order
    title: str
    detail: str
    paid_fen: int


@dataclass(frozen=True)
class OrderView:
    id: int
    number: str
    platform: str
    status: str
    status_label: str
    paid_fen: int
    paid_at: Any
    signed_at: Any
    late: str
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True)
class CaseRow:
    id: int
    kind_label: str
    reason_label: str
    state: str
    state_label: str
    created_at: Any
    order_number: str


def _conversation_text(session: Session, ticket: Ticket) -> list[str]:
    messages, _ = tickets.list_messages(session, ticket.id)
    said = [m.body_text for m in messages if m.author_kind == AuthorKind.CUSTOMER]
    return [ticket.subject, *said]


def _orders(session: Session, ticket: Ticket, locale: str, request: Request) -> list[OrderView]:
    orders = service.orders_of_customer(session, ticket.customer_id, limit=ORDERS_SHOWN)
    items = service.items_of(session, [o.id for o in orders])
    rows, now, tz = service.rows_in_force(session), clock.now(), common.shop_tz(request)
    views = []
    for order in orders:
        whole = Line(f"{order.id}:", translate("asp.whole_order", locale), "", order.paid_fen)
        lines = [_line(order.id, i) for i in items[order.id]] or [whole]
        views.append(
            OrderView(
                id=order.id,
                number=order.number,
                platform=order.platform,
                status=order.status,
                status_label=translate(f"aftersales.order_status.{order.status}", locale),
                paid_fen=order.paid_fen,
                paid_at=order.paid_at,
                signed_at=order.signed_at,
                late=_late(order, rows, now, tz, locale),
                lines=lines,
            )
        )
    return views


def _line(order_id: int, item: OrderItem) -> Line:
    detail = " ".join(part for part in (item.colour, item.size) if part)
    return Line(f"{order_id}:{item.id}", item.title or item.sku, detail, item.paid_fen)


def _late(
    order: ShopOrder, rows: tuple[RuleRow, ...], now: datetime, tz: tzinfo, locale: str
) -> str:
    """The late-shipment warning of an order still waiting to be shipped (as the watch sees
    it: a paid order without a pick-up), in words; "" otherwise."""
    if order.status != service.OrderStatus.PAID or order.shipped_at is not None:
        return ""
    late = service.lateness(order, rows, now, tz)
    return translate(late.reason, locale, **late.params) if late and late.late else ""


def chosen_line(orders: list[OrderView], text: str) -> str:
    """The order named in the conversation, else the newest one received, else the newest."""
    if not orders:
        return ""
    named = [o for o in orders if o.number and o.number in text]
    received = [o for o in orders if o.status in RECEIVED]
    order = (named or received or orders)[0]
    return order.lines[0].value


def _cases(session: Session, ticket_id: int, locale: str) -> list[CaseRow]:
    cases = service.cases_of_ticket(session, ticket_id)
    numbers = order_numbers(session, [c.order_id for c in cases])
    return [
        CaseRow(
            id=c.id,
            kind_label=translate(f"aftersales.kind.{c.kind}", locale),
            reason_label=translate(f"aftersales.reason.{c.reason}", locale),
            state=c.state,
            state_label=translate(f"aftersales.case_state.{c.state}", locale),
            created_at=c.created_at,
            order_number=numbers.get(c.order_id, ""),
        )
        for c in cases
    ]


def panel_data(db: Database, request: Request, ticket_id: int) -> dict[str, Any]:
    locale = auth.locale_of(request)
    with db.reading() as session:
        ticket = tickets.get_ticket(session, ticket_id)
        texts = _conversation_text(session, ticket)
        orders = _orders(session, ticket, locale, request)
        cases = _cases(session, ticket.id, locale)
        name = customers.names_of(session, [ticket.customer_id]).get(ticket.customer_id, "")
    guess: Guess = guess_case(texts)
    return {
        "ticket": ticket,
        "customer_name": name or f"#{ticket.customer_id}",
        "orders": orders,
        "line": chosen_line(orders, "\n".join(texts)),
        "cases": cases,
        "guess": guess,
        "kinds": [k.value for k in service.CaseKind],
        "reasons": [r.value for r in service.CaseReason],
    }


@router.get("/workspace/tickets/{ticket_id}/aftersales", response_model=None)
def panel(
    request: Request, ticket_id: int, db: Annotated[Database, Depends(auth.get_db)]
) -> Response:
    web = common.staff_session(request, db)
    if web is None:
        return common.unauthorised(request)
    try:
        data = panel_data(db, request, ticket_id)
    except NotFound:
        return common.problem(request, "asp.not_found", 404)
    page = common.wants_page(request)
    template = "aftersales/panel_page.html" if page else "aftersales/panel.html"
    return common.templates.TemplateResponse(
        request, template, common.context(request, web, **data)
    )


@router.get("/workspace/tickets/{ticket_id}/aftersales/preview", response_model=None)
def preview(
    request: Request, ticket_id: int, db: Annotated[Database, Depends(auth.get_db)]
) -> Response:
    """The engine's decision for the case the agent is about to open; nothing is written."""
    web = common.staff_session(request, db)
    if web is None:
        return Response(status_code=401)
    locale = auth.locale_of(request)
    draft: Draft | None = None
    outcome: DraftOutcome
    parsed = parse_draft(dict(request.query_params), locale)
    if isinstance(parsed, Draft):
        draft = parsed
        try:
            outcome = draft_decisions(db, ticket_id, draft, common.shop_tz(request), locale)
        except NotFound:
            return common.problem(request, "asp.not_found", 404)
    else:
        outcome = parsed
    said = explain(outcome.decisions, common.shop_tz(request), locale)
    refused = [s for s in said if s.refused]
    status = 422 if outcome.errors else 200
    return common.templates.TemplateResponse(
        request,
        "aftersales/preview.html",
        common.context(
            request, web, ticket_id=ticket_id, outcome=outcome, said=said, refused=refused
        ),
        status_code=status,
    )
