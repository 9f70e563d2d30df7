"""Orders: imported (JSON or a shop's export) idempotently on platform and number, linked to
their customer, listed by customer, with flagged remarks and the late-shipment watch's
deadline kept on the row."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase, OrderItem, OrderRemark, ShopOrder
from kefu.aftersales.rules import Category, LateShipment, PaidOrder, RuleRow, late_shipment
from kefu.aftersales.rules.policy_table import rule_value
from kefu.aftersales.service.events import OrderImported
from kefu.aftersales.service.rule_rows import rows_in_force
from kefu.aftersales.service.terms import OrderStatus, RemarkFlag
from kefu.core import clock
from kefu.core.errors import FieldError, Invalid, NotFound
from kefu.core.events import record
from kefu.customers import rules as customer_rules
from kefu.customers import service as customers
from kefu.customers.rules import IdentityKind, InvalidIdentity
from kefu.users.models import User

UNSET_PLATFORMS = frozenset({"law", "shop"})  # the rule table's scopes are not platforms


@dataclass(frozen=True)
class ItemInput:
    sku: str
    title: str = ""
    size: str = ""
    colour: str = ""
    price_fen: int = 0
    quantity: int = 1
    paid_fen: int | None = None  # None: price × quantity
    category: Category = Category.GENERAL


@dataclass(frozen=True)
class RemarkInput:
    flag: RemarkFlag
    matter: str
    author: str = ""
    day: date | None = None


@dataclass(frozen=True)
class OrderInput:
    platform: str
    number: str
    paid_fen: int
    buyer_id: str = ""
    receiver_name: str = ""
    receiver_phone: str = ""
    address: str = ""
    status: OrderStatus | None = None  # None: from the instants given
    shipping_fee_fen: int = 0
    carrier: str = ""
    tracking_number: str = ""
    paid_at: datetime | None = None
    shipped_at: datetime | None = None
    signed_at: datetime | None = None
    presale: bool = False
    items: tuple[ItemInput, ...] = ()
    remarks: tuple[RemarkInput, ...] = field(default_factory=tuple)


def status_of(data: OrderInput) -> OrderStatus:
    if data.status is not None:
        return data.status
    if data.signed_at is not None:
        return OrderStatus.SIGNED
    if data.shipped_at is not None:
        return OrderStatus.SHIPPED
    return OrderStatus.PAID if data.paid_at is not None else OrderStatus.UNPAID


def normal_phone(raw: str) -> str:
    """The receiver's phone in E.164, or "" when none was given."""
    if not raw.strip():
        return ""
    return customer_rules.normalise_phone(raw)


def upsert_order(session: Session, data: OrderInput, *, tz: tzinfo) -> tuple[ShopOrder, bool]:
    """Create the order, or update the one with the same platform and number (an export read
    again, a status that moved on). Returns the order and whether it was created."""
    _check(data)
    try:
        phone = normal_phone(data.receiver_phone)
    except InvalidIdentity as exc:
        raise Invalid("validation_failed", fields={"receiver_phone": FieldError(exc.code)}) from exc
    stmt = select(ShopOrder).where(
        ShopOrder.platform == data.platform, ShopOrder.number == data.number
    )
    if session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()
    order = session.scalar(stmt)
    created = order is None
    now = clock.now()
    if order is None:
        customer_id = link_customer(session, data, phone)
        order = ShopOrder(
            platform=data.platform, number=data.number, customer_id=customer_id, created_at=now
        )
        session.add(order)
    _fill(order, data, phone, now)
    session.flush()
    _write_items(session, order, data.items)
    _add_remarks(session, order, data.remarks, actor_id=None)
    watch(session, order, rows_in_force(session), tz)
    record(session, OrderImported(order.id, order.customer_id, created))
    return order, created


def _check(data: OrderInput) -> None:
    errors: dict[str, FieldError] = {}
    if data.platform in UNSET_PLATFORMS:
        errors["platform"] = FieldError("aftersales.order.platform_reserved")
    if not (data.buyer_id.strip() or data.receiver_phone.strip() or data.receiver_name.strip()):
        errors["buyer_id"] = FieldError("aftersales.order.no_buyer")
    if errors:
        raise Invalid("validation_failed", fields=errors)


def _fill(order: ShopOrder, data: OrderInput, phone: str, now: datetime) -> None:
    order.buyer_id = data.buyer_id.strip()
    order.receiver_name = data.receiver_name.strip()
    order.receiver_phone = phone
    order.address = data.address.strip()
    order.status = status_of(data).value
    order.paid_fen = data.paid_fen
    order.shipping_fee_fen = data.shipping_fee_fen
    order.carrier = data.carrier.strip()
    order.tracking_number = data.tracking_number.strip()
    order.paid_at = data.paid_at
    order.shipped_at = data.shipped_at
    order.signed_at = data.signed_at
    order.presale = data.presale
    order.updated_at = now


def link_customer(session: Session, data: OrderInput, phone: str) -> int:
    """The buyer's customer: by buyer id or phone (recognised, or created with them), else by
    an earlier order to the same name and address, else a new customer with the name."""
    identities: dict[IdentityKind, str] = {}
    if data.buyer_id.strip():
        identities[IdentityKind.BUYER_NICK] = data.buyer_id
    if phone:
        identities[IdentityKind.PHONE] = phone
    name = data.receiver_name.strip()
    if not identities and name and data.address.strip():
        earlier = session.scalar(
            select(ShopOrder.customer_id)
            .where(ShopOrder.receiver_name == name, ShopOrder.address == data.address.strip())
            .order_by(ShopOrder.id)
            .limit(1)
        )
        if earlier is not None:
            return earlier
    customer = customers.recognise(
        session, customers.CustomerInput(name=name or None, identities=identities)
    )
    return customer.id


def _write_items(session: Session, order: ShopOrder, items: tuple[ItemInput, ...]) -> None:
    """Lines are matched by position, so a case pointing at a line keeps pointing at it."""
    existing = {
        i.position: i
        for i in session.scalars(select(OrderItem).where(OrderItem.order_id == order.id))
    }
    for position, data in enumerate(items, start=1):
        item = existing.pop(position, None) or OrderItem(order_id=order.id, position=position)
        item.sku = data.sku.strip()
        item.title = data.title.strip()
        item.size = data.size.strip()
        item.colour = data.colour.strip()
        item.price_fen = data.price_fen
        item.quantity = data.quantity
        item.paid_fen = (
            data.paid_fen if data.paid_fen is not None else data.price_fen * data.quantity
        )
        item.category = data.category.value
        session.add(item)
    surplus = [i.id for i in existing.values()]
    if surplus:
        referenced = set(
            session.scalars(
                select(AfterSalesCase.order_item_id).where(
                    AfterSalesCase.order_item_id.in_(surplus)
                )
            )
        )
        gone = [i for i in surplus if i not in referenced]
        if gone:
            session.execute(delete(OrderItem).where(OrderItem.id.in_(gone)))
    session.flush()


def _add_remarks(
    session: Session, order: ShopOrder, remarks: tuple[RemarkInput, ...], *, actor_id: int | None
) -> list[OrderRemark]:
    """Add the remarks not on the order yet (an export read twice adds nothing)."""
    known = {
        (r.flag, r.matter, r.author, r.day)
        for r in session.scalars(select(OrderRemark).where(OrderRemark.order_id == order.id))
    }
    added: list[OrderRemark] = []
    for data in remarks:
        key = (data.flag.value, data.matter.strip(), data.author.strip(), data.day)
        if key in known or not key[1]:
            continue
        known.add(key)
        remark = OrderRemark(
            order_id=order.id,
            flag=key[0],
            matter=key[1],
            author=key[2],
            day=key[3],
            created_by_id=actor_id,
            created_at=clock.now(),
        )
        session.add(remark)
        added.append(remark)
    session.flush()
    return added


def add_remark(
    session: Session,
    order_id: int,
    flag: RemarkFlag,
    matter: str,
    *,
    author: str,
    actor_id: int,
    tz: tzinfo,
) -> OrderRemark:
    """An agent's remark, signed with their name and today's date, as the handbook asks."""
    order = get_order(session, order_id)
    if not matter.strip():
        raise Invalid("validation_failed", fields={"matter": FieldError("field.required")})
    today = clock.now().astimezone(tz).date()
    added = _add_remarks(
        session, order, (RemarkInput(flag, matter, author, today),), actor_id=actor_id
    )
    if added:
        order.updated_at = clock.now()
        return added[0]
    return session.scalars(
        select(OrderRemark)
        .where(OrderRemark.order_id == order.id, OrderRemark.matter == matter.strip())
        .order_by(OrderRemark.id.desc())
        .limit(1)
    ).one()


def author_name(session: Session, user_id: int, fallback: str) -> str:
    """How an agent signs a remark: their display name."""
    name = session.scalar(select(User.display_name).where(User.id == user_id))
    return name or fallback


def remark_text(remark: OrderRemark) -> str:
    """The handbook's format: 事由--姓名--日期 (the parts that are known)."""
    day = remark.day.isoformat() if remark.day else ""
    return "--".join(part for part in (remark.matter, remark.author, day) if part)


def get_order(session: Session, order_id: int, *, for_update: bool = False) -> ShopOrder:
    stmt = select(ShopOrder).where(ShopOrder.id == order_id)
    if for_update and session.get_bind().dialect.name != "sqlite":
        stmt = stmt.with_for_update()  # SQLite's BEGIN IMMEDIATE already serialises writers
    order = session.scalar(stmt)
    if order is None:
        raise NotFound("aftersales.order.not_found")
    return order


def items_of(session: Session, order_ids: list[int]) -> dict[int, list[OrderItem]]:
    result: dict[int, list[OrderItem]] = {i: [] for i in order_ids}
    rows = session.scalars(
        select(OrderItem)
        .where(OrderItem.order_id.in_(order_ids))
        .order_by(OrderItem.order_id, OrderItem.position)
    )
    for item in rows:
        result[item.order_id].append(item)
    return result


def remarks_of(session: Session, order_ids: list[int]) -> dict[int, list[OrderRemark]]:
    result: dict[int, list[OrderRemark]] = {i: [] for i in order_ids}
    rows = session.scalars(
        select(OrderRemark).where(OrderRemark.order_id.in_(order_ids)).order_by(OrderRemark.id)
    )
    for remark in rows:
        result[remark.order_id].append(remark)
    return result


def orders_of_customer(
    session: Session, customer_id: int, *, limit: int, before_id: int | None = None
) -> list[ShopOrder]:
    """The customer's orders, newest first (shown beside every conversation of theirs)."""
    customers.get_customer(session, customer_id)
    stmt = select(ShopOrder).where(ShopOrder.customer_id == customer_id)
    if before_id is not None:
        stmt = stmt.where(ShopOrder.id < before_id)
    return list(session.scalars(stmt.order_by(ShopOrder.id.desc()).limit(limit)))


def move_customer_orders(session: Session, from_id: int, to_id: int) -> None:
    """A merge hook for the customers context: orders and cases follow the customer kept."""
    session.execute(
        update(ShopOrder).where(ShopOrder.customer_id == from_id).values(customer_id=to_id)
    )
    session.execute(
        update(AfterSalesCase)
        .where(AfterSalesCase.customer_id == from_id)
        .values(customer_id=to_id)
    )


# -- the late-shipment watch ------------------------------------------------------------------


def paid_order(order: ShopOrder) -> PaidOrder | None:
    """The engine's view of a paid order; None before payment."""
    if order.paid_at is None:
        return None
    return PaidOrder(
        order_id=str(order.id),
        platform=order.platform,
        paid_at=order.paid_at,
        item_paid_fen=max(order.paid_fen - order.shipping_fee_fen, 0),
        shipped_at=order.shipped_at,
        presale=order.presale,
    )


def lateness(
    order: ShopOrder, rows: tuple[RuleRow, ...], now: datetime, tz: tzinfo
) -> LateShipment | None:
    engine_order = paid_order(order)
    if engine_order is None:
        return None
    return late_shipment(engine_order, rows=rows, now=now, tz=tz)


def watch(session: Session, order: ShopOrder, rows: tuple[RuleRow, ...], tz: tzinfo) -> None:
    """Set the order's shipping deadline and when the watch must first look at it: the warning
    lead before the deadline, for a paid order not shipped yet; never otherwise."""
    decision = lateness(order, rows, order.paid_at or clock.now(), tz)
    order.ship_by = decision.ship_by if decision else None
    waiting = order.status == OrderStatus.PAID and order.shipped_at is None
    if decision is None or decision.ship_by is None or not waiting:
        order.watch_at = None
        return
    assert order.paid_at is not None
    lead = rule_value(
        rows,
        "late_shipment.warn_lead_hours",
        platform=order.platform,
        on=order.paid_at.astimezone(tz).date(),
    )
    order.watch_at = decision.ship_by - timedelta(hours=lead.value)
