"""Orders on SQLite and PostgreSQL: imported one by one (idempotent on platform and number) or
from a shop's export (CSV, GB18030 CSV, .xlsx; a file with any bad row imports nothing and
names every row and column), linked to their customer, remarks in the handbook's format, and
the late-shipment watch of the worker.

The factories at the top are shared with the other ``test_service_*`` modules."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from kefu.aftersales import service
from kefu.aftersales.models import OrderItem, ShopOrder
from kefu.aftersales.rules import Category
from kefu.aftersales.service import OrderStatus, RemarkFlag
from kefu.core import clock
from kefu.core.errors import Invalid, NotFound
from kefu.core.i18n import translate
from kefu.customers.models import CustomerIdentity
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.routing.models import Notification
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel, TicketType
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env

SH = ZoneInfo("Asia/Shanghai")
FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "orders"
# Friday 20 November 2026, 10:00 in Beijing.
T0 = datetime(2026, 11, 20, 2, 0, tzinfo=UTC)


# -- factories ------------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.at = start
        clock.set_clock(lambda: self.at)

    def tick(self, **delta: float) -> datetime:
        self.at += timedelta(**delta)
        return self.at


def bj(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0, us: int = 0) -> datetime:
    """An instant in Beijing time."""
    return datetime(y, mo, d, h, mi, s, us, tzinfo=SH)


def make_user(
    env: Env, username: str, role: Role = Role.AGENT, display_name: str | None = None
) -> Principal:
    with env.db.transaction() as session:
        user = users.create_user(
            session, username=username, role=role, display_name=display_name or username
        )
        return Principal(user.id, username, role)


def item(
    sku: str = "TR-2231-BK",
    price_fen: int = 398_00,
    *,
    quantity: int = 1,
    category: Category = Category.APPAREL,
    size: str = "37",
    colour: str = "黑色",
) -> service.ItemInput:
    return service.ItemInput(
        sku=sku,
        title="睿途 真皮尖头单鞋女",
        size=size,
        colour=colour,
        price_fen=price_fen,
        quantity=quantity,
        category=category,
    )


def order_input(number: str = "3318864512790231147", **changes: object) -> service.OrderInput:
    values: dict[str, object] = {
        "platform": "taobao",
        "number": number,
        "paid_fen": 398_00,
        "buyer_id": "小鹿乱撞0521",
        "receiver_name": "王丽",
        "receiver_phone": "13857120345",
        "address": "浙江省 杭州市 西湖区 文三路478号",
        "paid_at": bj(2026, 11, 10, 20, 15),
        "shipped_at": bj(2026, 11, 11, 16, 40),
        "signed_at": bj(2026, 11, 13, 10, 5),
        "carrier": "中通快递",
        "tracking_number": "78563412098745",
        "items": (item(),),
        **changes,
    }
    return service.OrderInput(**values)  # type: ignore[arg-type]


def make_order(env: Env, number: str = "3318864512790231147", **changes: object) -> ShopOrder:
    with env.db.transaction() as session:
        order, _ = service.upsert_order(session, order_input(number, **changes), tz=SH)
        return order


def open_ticket(
    env: Env,
    *,
    phone: str = "13857120345",
    type: TicketType = TicketType.AFTER_SALES,
    subject: str = "鞋子开胶了,要退货",
) -> Ticket:
    with env.db.transaction() as session:
        ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject=subject,
                description="买了三天鞋底就开胶了,我要退货",
                customer=CustomerInput(None, {IdentityKind.PHONE: phone}),
                channel=Channel.WEB_CHAT,
                type=type,
            ),
            actor=None,
            timezone="Asia/Shanghai",
        )
        return ticket


def count(env: Env, model: type) -> int:
    with env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def notices(env: Env, kind: str) -> list[Notification]:
    with env.db.reading() as session:
        return list(
            session.scalars(
                select(Notification).where(Notification.kind == kind).order_by(Notification.id)
            )
        )


# -- one by one -----------------------------------------------------------------------------------


def test_an_order_is_linked_to_the_customer_of_its_buyer_id_and_phone(env: Env) -> None:
    Clock()
    order = make_order(env)
    ticket = open_ticket(env, phone="138 5712 0345")
    assert ticket.customer_id == order.customer_id
    with env.db.reading() as session:
        kinds = {
            (i.kind, i.value)
            for i in session.scalars(
                select(CustomerIdentity).where(CustomerIdentity.customer_id == order.customer_id)
            )
        }
        listed = service.orders_of_customer(session, order.customer_id, limit=10)
    assert kinds == {("buyer_nick", "小鹿乱撞0521"), ("phone", "+8613857120345")}
    assert [o.number for o in listed] == ["3318864512790231147"]
    assert (order.status, order.receiver_phone) == (OrderStatus.SIGNED, "+8613857120345")


def test_importing_the_same_order_again_updates_it_without_a_second_row(env: Env) -> None:
    Clock()
    first = make_order(
        env, signed_at=None, shipped_at=None, status=OrderStatus.PAID,
        remarks=(service.RemarkInput(RemarkFlag.YELLOW, "脚背偏高", "小美", date(2026, 11, 10)),),
    )  # fmt: skip
    with env.db.transaction() as session:
        again, created = service.upsert_order(
            session,
            order_input(
                items=(item(size="38"), item("TR-0907-BR", 257_00, size="")),
                remarks=(
                    service.RemarkInput(RemarkFlag.YELLOW, "脚背偏高", "小美", date(2026, 11, 10)),
                ),
            ),
            tz=SH,
        )
    assert (again.id, created, again.status) == (first.id, False, OrderStatus.SIGNED)
    with env.db.reading() as session:
        lines = service.items_of(session, [first.id])[first.id]
        remarks = service.remarks_of(session, [first.id])[first.id]
    assert [(i.position, i.sku, i.size) for i in lines] == [
        (1, "TR-2231-BK", "38"),
        (2, "TR-0907-BR", ""),
    ]
    assert [service.remark_text(r) for r in remarks] == ["脚背偏高--小美--2026-11-10"]
    assert count(env, ShopOrder) == 1


def test_a_buyer_without_id_or_phone_is_found_by_name_and_address(env: Env) -> None:
    Clock()
    first = make_order(env, "A-1", buyer_id="", receiver_phone="")
    second = make_order(env, "A-2", buyer_id="", receiver_phone="")
    stranger = make_order(env, "A-3", buyer_id="", receiver_phone="", address="北京市 朝阳区")
    assert first.customer_id == second.customer_id != stranger.customer_id


def test_a_bad_phone_or_a_reserved_platform_is_refused_and_nothing_is_written(env: Env) -> None:
    Clock()
    with pytest.raises(Invalid) as bad_phone, env.db.transaction() as session:
        service.upsert_order(session, order_input(receiver_phone="1385712"), tz=SH)
    with pytest.raises(Invalid) as reserved, env.db.transaction() as session:
        service.upsert_order(session, order_input(platform="law", buyer_id=""), tz=SH)
    with pytest.raises(Invalid) as nobody, env.db.transaction() as session:
        service.upsert_order(
            session, order_input(buyer_id="", receiver_phone="", receiver_name=""), tz=SH
        )
    assert set(bad_phone.value.fields) == {"receiver_phone"}
    assert set(reserved.value.fields) == {"platform"}
    assert nobody.value.fields["buyer_id"].code == "aftersales.order.no_buyer"
    assert count(env, ShopOrder) == 0


def test_a_remark_is_signed_with_the_agents_name_and_the_shops_date(env: Env) -> None:
    Clock(bj(2026, 11, 21, 0, 30))  # the 21st in Beijing, still the 20th in UTC
    agent = make_user(env, "xiaomei", display_name="小美")
    order = make_order(env)
    with env.db.transaction() as session:
        author = service.author_name(session, agent.user_id, agent.username)
        remark = service.add_remark(
            session, order.id, RemarkFlag.BLUE, "换货寄回单号待补", author=author,
            actor_id=agent.user_id, tz=SH,
        )  # fmt: skip
    assert service.remark_text(remark) == "换货寄回单号待补--小美--2026-11-21"
    with pytest.raises(NotFound), env.db.transaction() as session:
        service.add_remark(
            session, 999, RemarkFlag.RED, "x", author="小美", actor_id=agent.user_id, tz=SH
        )


def test_orders_follow_their_customer_into_a_merge(env: Env) -> None:
    Clock()
    kept = make_order(env, "M-1", buyer_id="买家甲", receiver_phone="13900000001")
    other = make_order(env, "M-2", buyer_id="买家乙", receiver_phone="13900000002")
    with env.db.transaction() as session:
        service.move_customer_orders(session, other.customer_id, kept.customer_id)
    with env.db.reading() as session:
        listed = service.orders_of_customer(session, kept.customer_id, limit=10)
    assert [o.number for o in listed] == ["M-2", "M-1"]


# -- the shop's export ----------------------------------------------------------------------------


def test_the_taobao_csv_export_imports_every_order_with_its_lines_and_remarks(env: Env) -> None:
    Clock()
    data = (FIXTURES / "taobao_orders.csv").read_bytes()
    with env.db.transaction() as session:
        result = service.import_orders(session, data, platform="taobao", tz=SH)
    assert (result.created, result.updated, len(result.order_ids)) == (3, 0, 3)
    with env.db.reading() as session:
        orders = {o.number: o for o in session.scalars(select(ShopOrder).order_by(ShopOrder.id))}
        lines = service.items_of(session, [o.id for o in orders.values()])
        remarks = service.remarks_of(session, [o.id for o in orders.values()])
    shoes = orders["3318864512790231147"]
    assert (shoes.status, shoes.paid_fen, shoes.carrier) == ("shipped", 398_00, "中通快递")
    assert shoes.paid_at == bj(2026, 11, 18, 20, 15, 2)
    assert [(i.colour, i.size, i.price_fen) for i in lines[shoes.id]] == [("黑色", "37", 398_00)]
    assert [(r.flag, service.remark_text(r)) for r in remarks[shoes.id]] == [
        ("yellow", "脚背偏高，建议大一码--小美--2026-11-18")
    ]
    two_pairs = orders["3318790012214458860"]
    assert [i.sku for i in lines[two_pairs.id]] == ["TR-1108-WH", "TR-0907-BR"]
    assert two_pairs.ship_by == bj(2026, 11, 23, 9, 2, 45)  # 72 hours after payment
    scarf = orders["3319011223345566770"]
    assert (scarf.shipping_fee_fen, scarf.signed_at) == (10_00, bj(2026, 11, 13, 10, 5, 12))
    # Imported again: the same three orders, updated, nothing added.
    with env.db.transaction() as session:
        again = service.import_orders(session, data, platform="taobao", tz=SH)
    assert (again.created, again.updated) == (0, 3)
    assert (count(env, ShopOrder), count(env, OrderItem)) == (3, 4)


def test_an_export_in_gb18030_reads_the_same(env: Env) -> None:
    Clock()
    text = (FIXTURES / "taobao_orders.csv").read_bytes().decode("utf-8-sig")
    with env.db.transaction() as session:
        result = service.import_orders(session, text.encode("gb18030"), platform="taobao", tz=SH)
    assert result.created == 3


def test_the_jd_xlsx_export_imports_with_its_platform_cells_and_categories(env: Env) -> None:
    Clock()
    data = (FIXTURES / "jd_orders.xlsx").read_bytes()
    with env.db.transaction() as session:
        result = service.import_orders(session, data, platform="taobao", tz=SH)
    assert result.created == 2
    with env.db.reading() as session:
        boots = session.scalars(select(ShopOrder).where(ShopOrder.number == "290011809913")).one()
        lines = service.items_of(session, [boots.id])[boots.id]
        remarks = service.remarks_of(session, [boots.id])[boots.id]
    assert (boots.platform, boots.paid_fen, boots.shipping_fee_fen) == ("jd", 237_50, 12_00)
    assert boots.shipped_at == bj(2026, 11, 19, 17, 12, 40)
    assert [(i.category, i.price_fen, i.size) for i in lines] == [("apparel", 225_50, "36")]
    assert [service.remark_text(r) for r in remarks] == ["换货寄回单号待补--小美--2026-11-21"]


def test_a_file_with_bad_rows_imports_nothing_and_names_every_row_and_column(env: Env) -> None:
    Clock()
    data = (FIXTURES / "taobao_orders_bad.csv").read_bytes()
    with pytest.raises(Invalid) as refused, env.db.transaction() as session:
        service.import_orders(session, data, platform="taobao", tz=SH)
    fields = refused.value.fields
    assert list(fields) == [
        "row2.paid",
        "row2.receiver_phone",
        "row2.paid_at",
        "row2.quantity",
        "row2.remark",
        "row3.status",
        "row3.buyer_id",
        "row5.sku",
        "row5.paid",
    ]
    said = {k: translate(f.code, "zh-CN", **f.params) for k, f in fields.items()}
    assert said["row2.paid"] == "「买家实际支付金额」不是有效的金额(元,最多两位小数):39B.00"
    assert said["row5.paid"] == "同一订单的「买家实际支付金额」与第 4 行不一致"
    assert said["row3.status"].startswith("「订单状态」不是已知的订单状态")
    assert refused.value.params == {"count": 9}
    assert count(env, ShopOrder) == 0


@pytest.mark.parametrize(
    ("data", "code"),
    [
        (b"", "aftersales.import.empty"),
        ("订单编号,价格\n".encode(), "aftersales.import.header_missing"),
        ("名字,年龄\n张三,3\n".encode(), "aftersales.import.no_header"),
        (b"PK\x03\x04 not a workbook", "aftersales.import.not_readable"),
        (
            "订单编号,买家实际支付金额,商家编码,价格,购买数量\n".encode(),
            "aftersales.import.no_rows",
        ),
    ],
)
def test_a_file_that_is_not_an_order_export_is_one_problem(
    env: Env, data: bytes, code: str
) -> None:
    with pytest.raises(Invalid) as refused, env.db.transaction() as session:
        service.import_orders(session, data, platform="taobao", tz=SH)
    assert {f.code for f in refused.value.fields.values()} == {code}


# -- the late-shipment watch ----------------------------------------------------------------------


def test_the_watch_warns_the_team_once_near_the_72_hours_and_once_when_late(env: Env) -> None:
    at = Clock(bj(2026, 11, 20, 9, 0))
    boss = make_user(env, "boss", Role.SUPERVISOR)
    make_user(env, "agent")
    order = make_order(env, "W-1", paid_at=bj(2026, 11, 20, 9, 0), shipped_at=None, signed_at=None)
    assert order.watch_at == bj(2026, 11, 22, 21, 0)  # 60 hours after payment
    at.tick(hours=59, minutes=59)
    assert service.sweep_late_shipments(env.db, env.settings) == 0
    at.tick(minutes=2)
    assert service.sweep_late_shipments(env.db, env.settings) == 1
    assert service.sweep_late_shipments(env.db, env.settings) == 0
    at.tick(hours=12)  # 72 hours and a minute after payment
    assert service.sweep_late_shipments(env.db, env.settings) == 1
    assert service.sweep_late_shipments(env.db, env.settings) == 0
    warned, late = notices(env, "late_shipment_warn"), notices(env, "late_shipment_late")
    assert [(n.user_id, n.params["order"]) for n in warned + late] == [
        (boss.user_id, "W-1"),
        (boss.user_id, "W-1"),
    ]
    said = translate("notification.late_shipment_late", "zh-CN", **late[0].params)
    assert said == "订单 W-1 已超过发货期限 2026-11-23 09:00:00 仍未发货,请立即发货并联系买家"


def test_a_shipped_or_presale_order_is_not_watched(env: Env) -> None:
    Clock(bj(2026, 11, 20, 9, 0))
    make_user(env, "boss", Role.SUPERVISOR)
    shipped = make_order(env, "S-1", paid_at=bj(2026, 11, 20, 9, 0), signed_at=None)
    presale = make_order(
        env, "S-2", paid_at=bj(2026, 11, 20, 9, 0), shipped_at=None, signed_at=None,
        presale=True,
    )  # fmt: skip
    waiting = make_order(
        env, "S-3", paid_at=bj(2026, 11, 20, 9, 0), shipped_at=None, signed_at=None
    )
    assert (shipped.watch_at, presale.watch_at) == (None, None)
    assert waiting.watch_at is not None
    # Shipped before the watch looks: imported again with its shipping time, never warned.
    make_order(
        env, "S-3", paid_at=bj(2026, 11, 20, 9, 0), shipped_at=bj(2026, 11, 21, 9, 0),
        signed_at=None,
    )  # fmt: skip
    Clock(bj(2026, 11, 24, 9, 0))
    assert service.sweep_late_shipments(env.db, env.settings) == 0
    assert notices(env, "late_shipment_warn") == []


def test_an_orders_lateness_is_explained_with_its_penalty(env: Env) -> None:
    Clock(bj(2026, 11, 24, 9, 0))
    order = make_order(env, "L-1", paid_at=bj(2026, 11, 20, 9, 0), shipped_at=None, signed_at=None)
    with env.db.reading() as session:
        rows = service.rows_in_force(session)
    late = service.lateness(order, rows, clock.now(), SH)
    assert late is not None and late.late
    assert (late.penalty_fen, late.points) == (19_90, 3)  # 5% of 398 yuan, under the 30 cap
