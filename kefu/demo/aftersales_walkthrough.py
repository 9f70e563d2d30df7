"""The after-sales walkthrough of the demo shop, through the same use cases the API calls.

A new user opens the web chat "鞋子开胶了,要退货" of 周女士, waiting in the after-sales queue;
her white sneakers were signed for three days ago, so the panel beside the conversation
pre-selects a quality return, and the engine says the shop pays the shipping both ways, by
when the request must be answered and why. The showcase customer 王小姐 gets her order too,
a few more buyers get orders, and two paid orders wait unshipped: one past the 72 hours the
late-shipment watch allows, one within its warning lead.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy.orm import Session

from kefu.aftersales import service as aftersales
from kefu.aftersales.rules import Category
from kefu.customers import service as customers
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.demo.play import Clock
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind, Channel, Priority, TicketType

ZHOU_NAME = "周女士"
ZHOU_PHONE = "13700137000"
ZHOU_NICK = "周周的鞋柜"
ZHOU_SUBJECT = "鞋子开胶了,要退货"
ZHOU_TEXT = "你好,三天前签收的小白鞋,今天穿出门发现左脚鞋头开胶了,鞋子有质量问题,要退货。"
ZHOU_FOLLOW_UP = "开胶的照片我拍好了,订单里就这一双鞋。"
SHOWCASE_PHONE = "13800138000"  # 王小姐, the loader's showcase conversation
ADDRESS = "浙江省 杭州市 西湖区 文三路 90 号"


@dataclass(frozen=True)
class DemoOrder:
    number: str
    buyer: str  # receiver name
    phone: str
    nick: str
    title: str
    sku: str
    size: str
    colour: str
    price_fen: int
    category: Category
    paid_hours_ago: float
    shipped_hours_ago: float | None
    signed_hours_ago: float | None


# fmt: off
ORDERS = (
    DemoOrder("3391204577810236541", ZHOU_NAME, ZHOU_PHONE, ZHOU_NICK, "轻跑 女款百搭小白鞋",
              "QP-5521-WH", "37", "白色", 169_00, Category.APPAREL, 24 * 6, 24 * 5, 24 * 3),
    DemoOrder("3391204577810236002", ZHOU_NAME, ZHOU_PHONE, ZHOU_NICK, "棉麻 长款连衣裙",
              "MM-1180-BE", "M", "米色", 239_00, Category.APPAREL, 24 * 41, 24 * 40, 24 * 38),
    DemoOrder("3391204577810235117", "王小姐", SHOWCASE_PHONE, "", "飞织 男女同款运动鞋",
              "FZ-3302-BK", "38", "黑色", 199_00, Category.APPAREL, 24 * 9, 24 * 8, 24 * 6),
    DemoOrder("3391204577810239020", "赵先生", "13600136002", "老赵爱跑步", "防风 户外冲锋衣",
              "FF-7701-NV", "XL", "藏青", 459_00, Category.APPAREL, 24 * 20, 24 * 19, 24 * 17),
    # The late-shipment watch: paid 80 hours ago and not shipped (late under the 72 hours)…
    DemoOrder("3391204577810239981", "李先生", "13600136003", "", "加绒 休闲卫裤",
              "JR-2090-GY", "L", "灰色", 129_00, Category.APPAREL, 80, None, None),
    # …and paid 62 hours ago, within the 12-hour warning before its shipping deadline.
    DemoOrder("3391204577810239982", "陈小姐", "13600136004", "小陈今天也要开心", "真丝 印花丝巾",
              "ZS-0415-RD", "", "酒红", 89_00, Category.APPAREL, 62, None, None),
)
# fmt: on


def _at(now: datetime, hours_ago: float | None) -> datetime | None:
    return None if hours_ago is None else now - timedelta(hours=hours_ago)


def _order(session: Session, order: DemoOrder, now: datetime, tz: ZoneInfo) -> None:
    shipped = order.shipped_hours_ago is not None
    item = aftersales.ItemInput(
        sku=order.sku, title=order.title, size=order.size, colour=order.colour,
        price_fen=order.price_fen, category=order.category,
    )  # fmt: skip
    aftersales.upsert_order(
        session,
        aftersales.OrderInput(
            platform="taobao", number=order.number, paid_fen=order.price_fen,
            buyer_id=order.nick, receiver_name=order.buyer, receiver_phone=order.phone,
            address=ADDRESS, carrier="中通快递" if shipped else "",
            tracking_number=f"7856{order.number[-10:]}" if shipped else "",
            paid_at=_at(now, order.paid_hours_ago), shipped_at=_at(now, order.shipped_hours_ago),
            signed_at=_at(now, order.signed_hours_ago), items=(item,),
        ),
        tz=tz,
    )  # fmt: skip


def _zhou(session: Session) -> None:
    identities = {IdentityKind.PHONE: ZHOU_PHONE, IdentityKind.BUYER_NICK: ZHOU_NICK}
    customers.recognise(session, CustomerInput(ZHOU_NAME, identities))


def _conversation(session: Session, timer: Clock, now: datetime, timezone: str) -> int:
    """周女士's web chat, new and unassigned: it waits in the after-sales group's queue."""
    timer.at = now  # the newest ticket of the day, so today's numbers still count up in time
    ticket, _ = tickets.open_ticket(
        session,
        tickets.NewTicket(
            subject=ZHOU_SUBJECT, description=ZHOU_TEXT,
            customer=CustomerInput(None, {IdentityKind.PHONE: ZHOU_PHONE}),
            priority=Priority.HIGH, type=TicketType.AFTER_SALES, channel=Channel.WEB_CHAT,
            catalog_item="售后 › 退货", tags=["质量问题", "开胶"],
        ),
        actor=None,
        timezone=timezone,
    )  # fmt: skip
    tickets.add_message(
        session, ticket.id, body=ZHOU_FOLLOW_UP, public=True, actor=None,
        author_kind=AuthorKind.CUSTOMER, customer_id=ticket.customer_id,
    )  # fmt: skip
    return ticket.id


def add_walkthrough(session: Session, timer: Clock, now: datetime, timezone: str) -> int:
    """Orders for 周女士, 王小姐 and a few more buyers, and 周女士's waiting conversation;
    returns the conversation's ticket id."""
    tz = ZoneInfo(timezone)
    timer.at = now - timedelta(days=45)
    _zhou(session)
    for order in ORDERS:
        timer.at = min(_at(now, order.paid_hours_ago) or now, now)
        _order(session, order, now, tz)
    return _conversation(session, timer, now, timezone)
