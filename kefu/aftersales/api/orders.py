"""Orders: one by one (idempotent on platform and number), a shop's export, read, listed by
customer, flagged remarks."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, File, Form, Request, Response, UploadFile
from starlette.concurrency import run_in_threadpool

from kefu.aftersales import service
from kefu.aftersales.api.words import decision, shop_tz
from kefu.aftersales.schemas import (
    ImportRead,
    ItemRead,
    OrderCreate,
    OrderPage,
    OrderRead,
    RemarkCreate,
    RemarkRead,
)
from kefu.aftersales.service.decisions import instant, rule_json
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.errors import FieldError, Invalid, TooLarge
from kefu.core.i18n import human_size, translate
from kefu.users.rules import Permission
from kefu.web.api_support import (
    DB,
    Caller,
    CurrentSettings,
    decode_cursor,
    locale_of,
    next_cursor,
    require,
)

router = APIRouter()
MAX_EXPORT_BYTES = 5 * 1024 * 1024


def order_reads(db: DB, settings: Settings, orders: list[Any], locale: str) -> list[OrderRead]:
    tz, now = shop_tz(settings), clock.now()
    with db.reading() as session:
        ids = [o.id for o in orders]
        items, remarks = service.items_of(session, ids), service.remarks_of(session, ids)
        rows = service.rows_in_force(session)
    reads = []
    for o in orders:
        late = service.lateness(o, rows, now, tz)
        reads.append(
            OrderRead(
                **{k: getattr(o, k) for k in _ORDER_FIELDS},
                status_label=translate(f"aftersales.order_status.{o.status}", locale),
                free_shipping=o.shipping_fee_fen == 0,
                late_shipment=decision(_late_json(late), locale) if late else None,
                items=[ItemRead.model_validate(i, from_attributes=True) for i in items[o.id]],
                remarks=[_remark_read(r, locale) for r in remarks[o.id]],
            )
        )
    return reads


_ORDER_FIELDS = (
    "id", "platform", "number", "customer_id", "buyer_id", "receiver_name", "receiver_phone",
    "address", "status", "paid_fen", "shipping_fee_fen", "carrier", "tracking_number", "paid_at",
    "shipped_at", "signed_at", "presale", "ship_by", "created_at", "updated_at",
)  # fmt: skip


def _late_json(late: Any) -> dict[str, Any]:
    return {
        "code": late.reason,
        "params": late.params,
        "rule": rule_json(late.rule),
        "late": late.late,
        "ship_by": instant(late.ship_by) if late.ship_by else None,
        "penalty_fen": late.penalty_fen,
        "points": late.points,
    }


def _remark_read(remark: Any, locale: str) -> RemarkRead:
    return RemarkRead(
        id=remark.id,
        flag=remark.flag,
        flag_label=translate(f"aftersales.flag.{remark.flag}", locale),
        matter=remark.matter,
        author=remark.author,
        day=remark.day,
        text=service.remark_text(remark),
        created_at=remark.created_at,
    )


def order_input(body: OrderCreate) -> service.OrderInput:
    data = body.model_dump(exclude={"items", "remarks"})
    return service.OrderInput(
        **data,
        items=tuple(service.ItemInput(**i.model_dump()) for i in body.items),
        remarks=tuple(service.RemarkInput(**r.model_dump()) for r in body.remarks),
    )


@router.post("/orders", response_model=OrderRead, status_code=201)
def import_order(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, body: OrderCreate,
    response: Response,
) -> OrderRead:  # fmt: skip
    """One order; the same platform and number again updates it (200) instead of adding one."""
    require(caller, Permission.WORK_TICKETS)

    def write(session: Any) -> tuple[Any, bool]:
        return service.upsert_order(session, order_input(body), tz=shop_tz(settings))

    order, created = db.retrying(write)
    if not created:
        response.status_code = 200
    return order_reads(db, settings, [order], locale_of(request))[0]


@router.post("/orders/import", response_model=ImportRead, status_code=201)
async def import_export(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    file: Annotated[UploadFile, File()],
    platform: Annotated[str, Form(pattern=r"^[a-z][a-z0-9_]{0,19}$")] = "taobao",
) -> ImportRead:
    """A shop's order export (CSV or .xlsx): every order, or none when any row has a problem."""
    require(caller, Permission.WORK_TICKETS)
    data = await file.read(MAX_EXPORT_BYTES + 1)
    if len(data) > MAX_EXPORT_BYTES:
        raise TooLarge("payload_too_large", limit=human_size(MAX_EXPORT_BYTES))
    if not data:
        raise Invalid("validation_failed", fields={"file": FieldError("field.required")})

    def write() -> service.ImportResult:
        with db.transaction() as session:
            return service.import_orders(session, data, platform=platform, tz=shop_tz(settings))

    result = await run_in_threadpool(write)
    return ImportRead(created=result.created, updated=result.updated, order_ids=[*result.order_ids])


@router.get("/orders/{order_id}", response_model=OrderRead)
def get_order(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, order_id: int
) -> OrderRead:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        order = service.get_order(session, order_id)
    return order_reads(db, settings, [order], locale_of(request))[0]


@router.get("/customers/{customer_id}/orders", response_model=OrderPage)
def customer_orders(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    customer_id: int,
    cursor: str | None = None,
    limit: int = 20,
) -> OrderPage:
    """The customer's orders, newest first: what the workspace shows beside a conversation."""
    require(caller, Permission.WORK_TICKETS)
    limit = max(1, min(limit, 100))
    with db.reading() as session:
        orders = service.orders_of_customer(
            session, customer_id, limit=limit + 1, before_id=decode_cursor(cursor)
        )
    reads = order_reads(db, settings, orders[:limit], locale_of(request))
    return OrderPage(items=reads, next_cursor=next_cursor([o.id for o in orders], limit))


@router.post("/orders/{order_id}/remarks", response_model=RemarkRead, status_code=201)
def add_remark(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    order_id: int,
    body: RemarkCreate,
) -> RemarkRead:
    """A flagged remark signed with the agent's name and today's date (事由--姓名--日期)."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        author = service.author_name(session, caller.user_id, caller.username)
        remark = service.add_remark(
            session, order_id, body.flag, body.matter, author=author,
            actor_id=caller.user_id, tz=shop_tz(settings),
        )  # fmt: skip
        return _remark_read(remark, locale_of(request))
