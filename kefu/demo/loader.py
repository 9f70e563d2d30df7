"""Loading the demo shop through the same use cases the API calls.

The content is drawn from a fixed seed, so every load tells the same stories; only the dates
follow the day it is loaded (tickets spread over the last 60 days). Everything goes in one
transaction: a load either happens completely or not at all, and a database that already has
tickets is left alone.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.customers import service as customers
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerChanges, CustomerInput
from kefu.demo import scripts
from kefu.demo.aftersales_walkthrough import add_walkthrough
from kefu.demo.people import Person, people
from kefu.demo.plan import TicketPlan, plan_ticket, plan_tickets
from kefu.demo.play import Clock, Staff, play
from kefu.demo.routing import go_online, set_up_routing
from kefu.knowledge import service as knowledge
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel, Priority, Status
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal

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
SEED = 20260101
CUSTOMERS = 300
TICKETS = 450
VIPS = 18
BLACKLISTED = 3
# The ticket the README and the first look at the queue show: a fixed customer and text.
SHOWCASE = Person(name="王小姐", gender="female", identities={IdentityKind.PHONE: "13800138000"})
SHOWCASE_SUBJECT = "鞋子开胶了,要退货"
SHOWCASE_TEXT = "你好,我上周买的运动鞋穿了两天就开胶了,鞋子有质量问题,我想申请退款。"


def load_demo(
    db: Database,
    *,
    timezone: str,
    seed: int = SEED,
    now: datetime | None = None,
    customer_count: int = CUSTOMERS,
    ticket_count: int = TICKETS,
) -> str:
    """Load the demo shop into a database without tickets; say what was done (zh + en)."""
    with db.reading() as session:
        if session.scalar(select(func.count()).select_from(Ticket)):
            return "演示数据已存在,跳过 (demo data already loaded)"
    now = now or clock.now()
    rng = random.Random(seed)
    folks = people(rng, customer_count, vips=VIPS, blacklisted=BLACKLISTED, reserved=[SHOWCASE])
    plans = plan_tickets(rng, folks, ticket_count - 1, now=now, timezone=timezone,
                         troublemakers=BLACKLISTED)  # fmt: skip
    plans.append(_showcase(rng, folks, now, timezone))
    plans.sort(key=lambda plan: plan.opened)  # numbers count up through each day
    with Clock(now - timedelta(days=120)) as timer, db.transaction() as session:
        staff = _staff(session)
        for path in CATALOG:
            tickets.create_catalog_item(session, path)
        sla.ensure_defaults(session)
        knowledge.ensure_defaults(session)
        set_up_routing(session, staff)
        go_online(session, staff)
        _customers(session, rng, folks, plans, timer, now)
        for plan in plans:
            play(session, plan, staff, timer, timezone)
        _blacklist(session, folks, plans, staff, timer, now)
        add_walkthrough(session, timer, now, timezone)
        timer.at = now
        go_online(session, staff, away=(8,))
    return (
        f"演示数据已载入:10 位用户,{len(folks)} 位客户,{len(plans)} 个工单 "
        f"(demo data loaded: {len(folks)} customers, {len(plans)} tickets)"
    )


def _staff(session: Session) -> Staff:
    """客服1号…8号, the supervisor and the admin; users that already exist are kept."""
    agents = {
        n: _user(session, f"agent{n}", Role.AGENT, f"客服{n}号", work_number=n) for n in range(1, 9)
    }
    supervisor = _user(session, "supervisor", Role.SUPERVISOR, "客服主管")
    _user(session, "admin", Role.ADMIN, "管理员")
    return Staff(agents=agents, supervisor=supervisor)


def _user(
    session: Session, username: str, role: Role, name: str, work_number: int | None = None
) -> Principal:
    user = users.get_user_by_username(session, username) or users.create_user(
        session,
        username=username,
        role=role,
        password=DEMO_PASSWORD,
        display_name=name,
        work_number=work_number,
    )
    return Principal(user.id, user.username, Role(user.role))


def _customers(
    session: Session,
    rng: random.Random,
    folks: list[Person],
    plans: list[TicketPlan],
    timer: Clock,
    now: datetime,
) -> None:
    """Create every customer, each some time before their first ticket (oldest first)."""
    first: dict[int, datetime] = {}
    for plan in plans:
        first.setdefault(plan.person, plan.opened)
    since: list[tuple[datetime, int]] = []
    for index in range(len(folks)):
        before = first.get(index, now)
        since.append((before - timedelta(hours=rng.uniform(1, 24 * 45)), index))
    for created, index in sorted(since):
        timer.at = created
        person = folks[index]
        customers.create_customer(
            session,
            CustomerInput(person.name, dict(person.identities)),
            tags=person.tags,
            vip_level=person.vip_level,
            birthday=person.birthday,
        )


def _blacklist(
    session: Session,
    folks: list[Person],
    plans: list[TicketPlan],
    staff: Staff,
    timer: Clock,
    now: datetime,
) -> None:
    """The supervisor blacklists the malicious complainants after their last complaint
    (seed 003 §七: 恶意投诉的顾客告知主管)."""
    for index, person in enumerate(folks):
        if not person.blacklist_reason:
            continue
        last = max(p.last_at for p in plans if p.person == index)
        timer.at = min(last + timedelta(hours=2), now)
        kind, value = next(iter(person.identities.items()))
        customer = customers.recognise(session, CustomerInput(None, {kind: value}))
        customers.update_customer(
            session,
            customer.id,
            CustomerChanges(
                given={"blacklisted", "blacklist_reason"},
                blacklisted=True,
                blacklist_reason=person.blacklist_reason,
            ),
            actor_id=staff.supervisor.user_id,
            role=Role.SUPERVISOR,
        )


def _showcase(rng: random.Random, folks: list[Person], now: datetime, timezone: str) -> TicketPlan:
    plan = plan_ticket(rng, folks, len(folks) - 1, scripts.named("sole_unglued"), now=now,
                       timezone=timezone, opened=now - timedelta(minutes=25),
                       status=Status.NEW)  # fmt: skip
    plan.subject, plan.description = SHOWCASE_SUBJECT, SHOWCASE_TEXT
    plan.channel, plan.identity = Channel.WEB_CHAT, (IdentityKind.PHONE, "13800138000")
    plan.priority = Priority.HIGH
    return plan
