"""Loading the demo shop through the same use cases the API calls."""

from __future__ import annotations

from sqlalchemy import func, select

from kefu.core.db import Database
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel, Priority, TicketType
from kefu.users import service as users
from kefu.users.rules import Role

DEMO_PASSWORD = "kefu-demo-2026"
CATALOG = [
    "售前咨询",
    "物流查询",
    "售后 › 退货",
    "售后 › 换货",
    "售后 › 退款",
    "售后 › 补发",
    "投诉",
    "建议",
]


def load_demo(db: Database, *, timezone: str) -> str:
    with db.reading() as session:
        if session.scalar(select(func.count()).select_from(Ticket)):
            return "演示数据已存在,跳过 (demo data already loaded)"
    with db.transaction() as session:
        for n in range(1, 9):
            users.create_user(
                session,
                username=f"agent{n}",
                role=Role.AGENT,
                password=DEMO_PASSWORD,
                display_name=f"客服{n}号",
                work_number=n,
            )
        users.create_user(
            session,
            username="supervisor",
            role=Role.SUPERVISOR,
            password=DEMO_PASSWORD,
            display_name="客服主管",
        )
        users.create_user(
            session,
            username="admin",
            role=Role.ADMIN,
            password=DEMO_PASSWORD,
            display_name="管理员",
        )
        for path in CATALOG:
            tickets.create_catalog_item(session, path)
    with db.transaction() as session:
        tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject="鞋子开胶了,要退货",
                description="你好,我上周买的运动鞋穿了两天就开胶了,鞋子有质量问题,我想申请退款。",
                customer=CustomerInput("王小姐", {IdentityKind.PHONE: "13800138000"}),
                type=TicketType.AFTER_SALES,
                channel=Channel.WEB_CHAT,
                priority=Priority.HIGH,
                catalog_item="售后 › 退货",
            ),
            actor=None,
            timezone=timezone,
        )
    return "演示数据已载入 (demo data loaded)"
