"""Payouts through the ledger, their approval by a supervisor, and the daily refund register
(JSON, or CSV for Excel)."""

from __future__ import annotations

import csv
import io
from datetime import date
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Request, Response
from openpyxl import Workbook

from kefu.aftersales import service
from kefu.aftersales.api.cases import payout_read
from kefu.aftersales.api.words import require_supervisor, shop_tz
from kefu.aftersales.rules import yuan
from kefu.aftersales.schemas import (
    PayoutCreate,
    PayoutRead,
    PayoutReject,
    RegisterLineRead,
    RegisterRead,
)
from kefu.core.errors import FieldError, Forbidden, Invalid
from kefu.core.i18n import translate
from kefu.users.rules import RANK, Permission, Role
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of, require

router = APIRouter()


def _settled(db: DB, outcome: service.PayoutOutcome, locale: str) -> PayoutRead:
    """The payout made, or — the transaction committed, so a fault's points stay — 409."""
    if outcome.payout is None:
        raise service.refused(outcome.reason, outcome.params)
    with db.reading() as session:
        payout = service.get_payout(session, outcome.payout.id)
    return payout_read(payout, locale)


@router.post("/cases/{case_id}/payouts", response_model=PayoutRead, status_code=201)
def request_payout(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    case_id: int,
    body: PayoutCreate,
) -> PayoutRead:
    """Pay a refund through the ledger: a case is paid once, never more than the order took;
    above the approval limit it waits for a supervisor (status ``awaiting_approval``)."""
    require(caller, Permission.WORK_TICKETS)
    data = service.PayoutInput(**body.model_dump())
    with db.transaction() as session:
        outcome = service.request_payout(session, case_id, data, actor=caller, tz=shop_tz(settings))
    return _settled(db, outcome, locale_of(request))


@router.post("/payouts/{payout_id}/approve", response_model=PayoutRead)
def approve_payout(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, payout_id: int
) -> PayoutRead:
    require_supervisor(caller)
    with db.transaction() as session:
        outcome = service.approve_payout(session, payout_id, actor=caller, tz=shop_tz(settings))
    return _settled(db, outcome, locale_of(request))


@router.post("/payouts/{payout_id}/reject", response_model=PayoutRead)
def reject_payout(
    db: DB, caller: Caller, request: Request, payout_id: int, body: PayoutReject
) -> PayoutRead:
    require_supervisor(caller)
    with db.transaction() as session:
        outcome = service.reject_payout(session, payout_id, actor=caller, note=body.note)
    return _settled(db, outcome, locale_of(request))


@router.get("/refunds/register", response_model=RegisterRead)
def refund_register(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    day: date,
    agent_id: int | None = None,
    format: str = "json",
) -> Any:
    """The day's refunds per agent (the handbook's 退款登记, handed in before leaving): an
        agent sees their own, a supervisor anyone's or everyone's. ``format=csv`` or ``xlsx`` for
    Excel."""
    require(caller, Permission.WORK_TICKETS)
    supervisor = RANK[caller.role] >= RANK[Role.SUPERVISOR]
    if not supervisor:
        if agent_id not in (None, caller.user_id):
            raise Forbidden("forbidden")
        agent_id = caller.user_id
    if format not in ("json", "csv", "xlsx"):
        raise Invalid(
            "validation_failed",
            fields={"format": FieldError("field.choice", {"choices": "json, csv, xlsx"})},
        )
    locale = locale_of(request)
    with db.reading() as session:
        lines = service.refund_register(session, day, agent_id=agent_id, tz=shop_tz(settings))
    reads = [_register_line(line, locale) for line in lines]
    if format == "csv":
        return _register_csv(reads, day, locale, shop_tz(settings))
    if format == "xlsx":
        return _register_xlsx(reads, day, locale, shop_tz(settings))
    total = sum(r.amount_fen for r in reads)
    return RegisterRead(day=day, agent_id=agent_id, count=len(reads), total_fen=total, lines=reads)


def _register_line(line: service.RegisterLine, locale: str) -> RegisterLineRead:
    p, case, order = line.payout, line.case, line.order
    assert p.paid_at is not None
    return RegisterLineRead(
        payout_id=p.id,
        paid_at=p.paid_at,
        agent=line.agent,
        ticket_number=line.ticket_number,
        case_id=case.id,
        platform=order.platform,
        order_number=order.number,
        buyer_id=order.buyer_id,
        kind=translate(f"aftersales.kind.{case.kind}", locale),
        reason=translate(f"aftersales.reason.{case.reason}", locale),
        method=translate(f"aftersales.method.{p.method}", locale),
        amount_fen=p.amount_fen,
        fee_fen=p.fee_fen,
        deducted_fen=p.deducted_fen,
        approver=line.approver,
        note=p.note,
    )


_REGISTER_COLUMNS = (
    "paid_at", "agent", "ticket", "case", "platform", "order", "buyer", "kind", "reason",
    "method", "amount", "fee", "approver", "note",
)  # fmt: skip


def _register_rows(lines: list[RegisterLineRead], tz: ZoneInfo) -> list[list[Any]]:
    return [
        [
            r.paid_at.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S"),
            r.agent,
            r.ticket_number,
            r.case_id,
            r.platform,
            r.order_number,
            r.buyer_id,
            r.kind,
            r.reason,
            r.method,
            yuan(r.amount_fen),
            yuan(r.fee_fen),
            r.approver,
            r.note,
        ]
        for r in lines
    ]


def _register_xlsx(lines: list[RegisterLineRead], day: date, locale: str, tz: ZoneInfo) -> Response:
    """The register as a workbook; amounts are numbers in yuan, so Excel can sum them."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = translate("aftersales.register.sheet", locale)
    sheet.append([translate(f"aftersales.register.column.{c}", locale) for c in _REGISTER_COLUMNS])
    for row in _register_rows(lines, tz):
        row[10], row[11] = Decimal(row[10]), Decimal(row[11])
        sheet.append(row)
    total = sum(r.amount_fen for r in lines)
    sheet.append([translate("aftersales.register.total", locale), *[""] * 9, Decimal(yuan(total))])
    out = io.BytesIO()
    book.save(out)
    return Response(
        out.getvalue(),
        media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        headers={"Content-Disposition": f'attachment; filename="refunds-{day.isoformat()}.xlsx"'},
    )


def _register_csv(lines: list[RegisterLineRead], day: date, locale: str, tz: ZoneInfo) -> Response:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(
        [translate(f"aftersales.register.column.{c}", locale) for c in _REGISTER_COLUMNS]
    )
    writer.writerows(_register_rows(lines, tz))
    total = sum(r.amount_fen for r in lines)
    writer.writerow([translate("aftersales.register.total", locale), *[""] * 9, yuan(total)])
    body = "\ufeff" + out.getvalue()  # a BOM, so Excel reads the Chinese as UTF-8
    return Response(
        body.encode("utf-8"),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="refunds-{day.isoformat()}.csv"'},
    )
