"""The cases pages: ``/workspace/cases`` (filtered by state, kind and "mine", keyset-paged) and
``/workspace/cases/{id}`` (decisions, timeline, photos, next moves, payouts), plus the payout
preview that shows an instant refund's fee, and whether a supervisor must approve, before the
agent confirms. Every write is the page's script calling the after-sales API."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response

from kefu.aftersales import service
from kefu.aftersales.rules import CaseState, PayoutMethod, payout_policy, quote_instant_refund, yuan
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.errors import NotFound
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.web import auth, shell
from kefu.web.aftersales import common
from kefu.web.aftersales.case_view import case_page
from kefu.web.aftersales.drafting import yuan_to_fen
from kefu.web.aftersales.queries import CaseFilters, list_cases, order_numbers, user_names

router = APIRouter(include_in_schema=False)
PAGE = 50
STATIC = shell.WEB_TEMPLATES.parent / "static"


@dataclass(frozen=True)
class CaseListRow:
    id: int
    created_at: datetime
    customer: str
    order_number: str
    kind_label: str
    reason_label: str
    state: str
    state_label: str
    state_since: datetime
    agent: str


def _filters(request: Request, user_id: int) -> tuple[CaseFilters, dict[str, str], int | None]:
    """The query's filters; values that are not states or kinds are ignored, not an error."""
    q = request.query_params
    state = q.get("state", "") if q.get("state", "") in {s.value for s in CaseState} else ""
    kind = q.get("kind", "") if q.get("kind", "") in {k.value for k in service.CaseKind} else ""
    mine = q.get("mine") == "1"
    before = q.get("before", "")
    chosen = {"state": state, "kind": kind, "mine": "1" if mine else ""}
    filters = CaseFilters(
        states=(state,) if state else (),
        kinds=(kind,) if kind else (),
        agent_id=user_id if mine else None,
    )
    return filters, chosen, int(before) if before.isdigit() else None


def _rows(db: Database, filters: CaseFilters, before: int | None, locale: str) -> list[Any]:
    with db.reading() as session:
        cases = list_cases(session, filters, limit=PAGE + 1, before_id=before)
        numbers = order_numbers(session, [c.order_id for c in cases])
        names = customers.names_of(session, {c.customer_id for c in cases})
        agents = user_names(session, [c.agent_id for c in cases])
    return [
        CaseListRow(
            id=c.id,
            created_at=c.created_at,
            customer=names.get(c.customer_id) or f"#{c.customer_id}",
            order_number=numbers.get(c.order_id, ""),
            kind_label=translate(f"aftersales.kind.{c.kind}", locale),
            reason_label=translate(f"aftersales.reason.{c.reason}", locale),
            state=c.state,
            state_label=translate(f"aftersales.case_state.{c.state}", locale),
            state_since=c.state_since,
            agent=agents.get(c.agent_id, "") if c.agent_id else "",
        )
        for c in cases
    ]


@router.get("/workspace/cases", response_model=None)
def case_list(request: Request, db: Annotated[Database, Depends(auth.get_db)]) -> Response:
    web = common.staff_session(request, db)
    if web is None:
        return common.to_login(request)
    filters, chosen, before = _filters(request, web.principal.user_id)
    rows = _rows(db, filters, before, auth.locale_of(request))
    older = rows[PAGE - 1].id if len(rows) > PAGE else None
    return common.templates.TemplateResponse(
        request,
        "aftersales/cases.html",
        common.context(
            request, web, rows=rows[:PAGE], chosen=chosen, older=older,
            states=[s.value for s in CaseState], kinds=[k.value for k in service.CaseKind],
        ),
    )  # fmt: skip


@router.get("/workspace/cases/{case_id}", response_model=None)
def case_detail(
    request: Request, case_id: int, db: Annotated[Database, Depends(auth.get_db)]
) -> Response:
    web = common.staff_session(request, db)
    if web is None:
        return common.to_login(request)
    try:
        with db.reading() as session:
            data = case_page(session, case_id, common.shop_tz(request), auth.locale_of(request))
    except NotFound:
        return common.problem_page(request, web, "aftersales.case.not_found", 404)
    return common.templates.TemplateResponse(
        request, "aftersales/case.html", common.context(request, web, **data)
    )


@router.get("/workspace/cases/{case_id}/payout-preview", response_model=None)
def payout_preview(
    request: Request, case_id: int, db: Annotated[Database, Depends(auth.get_db)]
) -> Response:
    """What paying would do: the instant refund's fee and who bears it, and whether a
    supervisor must approve. Nothing is written; the confirm button posts to the API."""
    web = common.staff_session(request, db)
    if web is None:
        return Response(status_code=401)
    locale = auth.locale_of(request)
    q = request.query_params
    amount = yuan_to_fen(q.get("amount", "")) if q.get("amount", "").strip() else None
    method = q.get("method", "")
    errors: dict[str, str] = {}
    if amount is None or amount <= 0:
        errors["amount"] = translate("asp.field.amount", locale)
    if method not in {m.value for m in PayoutMethod}:
        errors["method"] = translate("field.required", locale)
    lines: list[str] = []
    if not errors and amount is not None:
        try:
            lines = _payout_lines(db, case_id, amount, PayoutMethod(method), request, locale)
        except NotFound:
            return common.problem(request, "aftersales.case.not_found", 404)
    body = {
        "amount_fen": amount,
        "method": method,
        "agreement_confirmed": q.get("agreement") == "1",
        "note": q.get("note", "")[:500],
    }
    return common.templates.TemplateResponse(
        request,
        "aftersales/payout_preview.html",
        common.context(request, web, case_id=case_id, errors=errors, lines=lines, body=body),
        status_code=422 if errors else 200,
    )


def _payout_lines(
    db: Database, case_id: int, amount: int, method: PayoutMethod, request: Request, locale: str
) -> list[str]:
    tz = common.shop_tz(request)
    today = clock.now().astimezone(tz).date()
    with db.reading() as session:
        case = service.get_case(session, case_id)
        order = service.get_order(session, case.order_id)
        rows = service.rows_in_force(session)
    if method is PayoutMethod.INSTANT:
        quote = quote_instant_refund(
            amount, service.CaseReason(case.reason).engine, payee_verified=case.payee_verified,
            rows=rows, platform=order.platform, on=today,
        )  # fmt: skip
        lines = [translate(quote.reason, locale, **quote.params)]
        lines += [translate(w, locale, **quote.params) for w in quote.warnings]
    else:
        lines = [translate("asp.platform_payout", locale, amount=yuan(amount))]
    limit = payout_policy(rows, platform=order.platform, on=today).approval_above_fen
    if amount > limit:
        lines.append(translate("asp.approval_needed", locale, limit=yuan(limit)))
    return lines


@router.get("/static/aftersales.js")
def script() -> FileResponse:
    return FileResponse(STATIC / "aftersales.js", media_type="text/javascript")
