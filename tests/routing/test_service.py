"""The routing use cases on SQLite and PostgreSQL: delivery of new tickets to desks, routing
rules, supervisors told about complaints, transfers, notifications and the catalog import.

The small factories at the top are shared with ``test_assign_service.py``."""

from __future__ import annotations

import io
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import func, select

from kefu.core import clock
from kefu.core.errors import Conflict, Invalid, NotFound
from kefu.customers.models import Customer
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.routing import service as routing
from kefu.routing.models import Notification
from kefu.routing.rules import DeliveryMode, Presence, Strategy
from kefu.tickets import service as tickets
from kefu.tickets.models import AuditEntry, CatalogItem, Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel, Status, TicketType
from kefu.tickets.service import Draft
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.users.service import Principal
from tests.conftest import Env

TZ = "Asia/Shanghai"
# A Monday, 10:00 in Beijing: inside the shop's hours.
T0 = datetime(2025, 3, 3, 2, 0, tzinfo=UTC)


# -- factories ------------------------------------------------------------------------------------


class Clock:
    """A clock the test moves by hand."""

    def __init__(self, start: datetime = T0) -> None:
        self.at = start
        clock.set_clock(lambda: self.at)

    def tick(self, seconds: float = 60) -> datetime:
        self.at += timedelta(seconds=seconds)
        return self.at


def make_user(env: Env, username: str, role: Role = Role.AGENT) -> int:
    with env.db.transaction() as session:
        return users.create_user(session, username=username, role=role).id


def make_group(
    env: Env,
    name: str,
    members: Iterable[int] = (),
    strategy: Strategy = Strategy.LEAST_LOADED,
    *,
    auto_assign: bool = True,
) -> int:
    with env.db.transaction() as session:
        desk = next((d for d in routing.list_desks(session) if d.name == "总服务台"), None)
        desk_id = desk.id if desk else routing.create_desk(session, "总服务台").id
        group = routing.create_group(session, desk_id, name, strategy, auto_assign)
        routing.set_members(session, group.id, list(members))
        return group.id


def set_delivery(env: Env, mode: DeliveryMode, **settings: object) -> None:
    with env.db.transaction() as session:
        routing.set_delivery(session, routing.DeliveryInput(mode=mode, **settings))  # type: ignore[arg-type]


def set_presence(
    env: Env,
    user_id: int,
    presence: Presence = Presence.ONLINE,
    *,
    chats: int | None = None,
    tickets: int | None = None,
) -> None:
    with env.db.transaction() as session:
        routing.set_presence(
            session,
            user_id,
            routing.PresenceChange(presence=presence, chat_capacity=chats, ticket_capacity=tickets),
        )


def open_ticket(
    env: Env,
    *,
    channel: Channel = Channel.WEB_CHAT,
    type: TicketType = TicketType.INQUIRY,
    catalog: int | str | None = None,
    phone: str = "13800138000",
    subject: str = "鞋子开胶了",
    description: str = "买了三天鞋底就开胶了",
) -> Ticket:
    with env.db.transaction() as session:
        ticket, _ = tickets.open_ticket(
            session,
            tickets.NewTicket(
                subject=subject,
                description=description,
                customer=CustomerInput(None, {IdentityKind.PHONE: phone}),
                channel=channel,
                type=type,
                catalog_item=catalog,
            ),
            actor=None,
            timezone=TZ,
        )
        return ticket


def reload(env: Env, ticket_id: int) -> Ticket:
    with env.db.reading() as session:
        ticket = session.get(Ticket, ticket_id)
        assert ticket is not None
        return ticket


def audit_of(env: Env, ticket_id: int, field: str) -> list[tuple[str | None, str | None]]:
    with env.db.reading() as session:
        rows = session.execute(
            select(AuditEntry.old_value, AuditEntry.new_value)
            .where(AuditEntry.ticket_id == ticket_id, AuditEntry.field == field)
            .order_by(AuditEntry.id)
        )
        return [(old, new) for old, new in rows]


def notified(env: Env) -> list[tuple[int, str, int | None]]:
    with env.db.reading() as session:
        rows = session.execute(
            select(Notification.user_id, Notification.kind, Notification.ticket_id).order_by(
                Notification.id
            )
        )
        return [(u, k, t) for u, k, t in rows]


def blacklist(env: Env, phone: str = "13800138000") -> None:
    """A customer known from an earlier ticket, then blacklisted by a supervisor."""
    open_ticket(env, phone=phone, subject="第一次来")
    with env.db.transaction() as session:
        customer = session.scalar(
            select(Customer).join(Ticket, Ticket.customer_id == Customer.id).limit(1)
        )
        assert customer is not None
        customer.blacklisted = True
        customer.blacklist_reason = "恶意投诉"


def catalog_item(env: Env, path: str) -> int:
    with env.db.transaction() as session:
        return tickets.create_catalog_item(session, path).id


def rule(
    env: Env, name: str, conditions: list[dict[str, object]], actions: list[dict[str, object]]
) -> int:
    with env.db.transaction() as session:
        return routing.create_rule(
            session, routing.RuleInput(name=name, conditions=conditions, actions=actions)
        ).id


# -- delivery -------------------------------------------------------------------------------------


def test_a_single_desk_receives_every_request(env: Env) -> None:
    general = make_group(env, "综合组")
    make_group(env, "售后组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)

    chat = open_ticket(env, channel=Channel.WEB_CHAT)
    mail = open_ticket(env, channel=Channel.EMAIL, phone="13900139000")

    assert chat.group_id == general and mail.group_id == general
    assert reload(env, chat.id).group_id == general


def test_without_any_delivery_setting_a_ticket_opens_without_a_group(env: Env) -> None:
    ticket = open_ticket(env)

    assert reload(env, ticket.id).group_id is None


def test_multiple_desks_deliver_by_channel_then_to_the_default(env: Env) -> None:
    chat, mail, general = (
        make_group(env, "在线组"),
        make_group(env, "邮件组"),
        make_group(env, "综合组"),
    )
    set_delivery(
        env,
        DeliveryMode.MULTI,
        default_group_id=general,
        by_channel={"wechat": chat, "web_chat": chat, "email": mail},
    )

    assert open_ticket(env, channel=Channel.WECHAT).group_id == chat
    assert open_ticket(env, channel=Channel.EMAIL).group_id == mail
    assert open_ticket(env, channel=Channel.PHONE).group_id == general


def test_multiple_desks_without_a_default_leave_an_unmapped_channel_without_group(env: Env) -> None:
    chat = make_group(env, "在线组")
    set_delivery(env, DeliveryMode.MULTI, by_channel={"web_chat": chat})

    assert open_ticket(env, channel=Channel.PHONE).group_id is None


def test_multiple_desks_ask_the_entry_point_before_the_channel(env: Env) -> None:
    chat, vip = make_group(env, "在线组"), make_group(env, "大客户组")
    set_delivery(
        env,
        DeliveryMode.MULTI,
        default_group_id=chat,
        by_channel={"wechat": chat},
        by_entry_point={"vip-menu": vip},
    )

    with env.db.transaction() as session:
        customer = Customer(vip_level=0, blacklisted=False)
        draft = Draft("wechat", "inquiry", "normal", None, customer, "你好", "vip-menu")
        from_menu = routing.classify(session, draft)
        plain = routing.classify(
            session, Draft("wechat", "inquiry", "normal", None, customer, "你好")
        )

    assert from_menu.group_id == vip and plain.group_id == chat


def test_primary_secondary_sends_a_catalog_item_to_its_responsible_group_and_children_inherit(
    env: Env,
) -> None:
    primary, after_sales, refunds = (
        make_group(env, "一线组"),
        make_group(env, "售后组"),
        make_group(env, "退款组"),
    )
    set_delivery(env, DeliveryMode.PRIMARY_SECONDARY, default_group_id=primary)
    after = catalog_item(env, "售后")
    returns = catalog_item(env, "售后/退货/七天无理由")
    refund = catalog_item(env, "售后/退款")
    presale = catalog_item(env, "售前咨询")
    with env.db.transaction() as session:
        routing.set_responsible(session, after, after_sales)
        routing.set_responsible(session, refund, refunds)

    assert open_ticket(env, catalog=after).group_id == after_sales
    assert open_ticket(env, catalog=returns).group_id == after_sales  # a grandchild inherits
    assert open_ticket(env, catalog=refund).group_id == refunds  # the nearest wins
    assert open_ticket(env, catalog=presale).group_id == primary
    assert open_ticket(env).group_id == primary  # no catalog item at all

    with env.db.transaction() as session:
        routing.set_responsible(session, refund, None)  # unhung: back to its parent's group
    assert open_ticket(env, catalog=refund).group_id == after_sales


def test_a_catalog_item_made_after_the_configuration_was_cached_still_inherits(env: Env) -> None:
    primary, after_sales = make_group(env, "一线组"), make_group(env, "售后组")
    set_delivery(env, DeliveryMode.PRIMARY_SECONDARY, default_group_id=primary)
    parent = catalog_item(env, "售后")
    with env.db.transaction() as session:
        routing.set_responsible(session, parent, after_sales)
    open_ticket(env, catalog=parent)  # the configuration is now cached

    child = catalog_item(env, "售后/换货")  # the catalog belongs to tickets: no invalidation

    assert open_ticket(env, catalog=child).group_id == after_sales


def test_a_complaint_goes_to_the_supervisors_who_are_told_once(env: Env) -> None:
    boss, deputy = (
        make_user(env, "boss", Role.SUPERVISOR),
        make_user(env, "deputy", Role.SUPERVISOR),
    )
    agent = make_user(env, "agent")
    general = make_group(env, "综合组", [agent])
    supervisors = make_group(env, "主管组", [boss, deputy])
    set_delivery(
        env, DeliveryMode.SINGLE, default_group_id=general, supervisor_group_id=supervisors
    )

    complaint = open_ticket(env, type=TicketType.COMPLAINT, subject="我要投诉")
    inquiry = open_ticket(env, phone="13900139000")

    assert complaint.group_id == supervisors and inquiry.group_id == general
    assert notified(env) == [
        (boss, "complaint_received", complaint.id),
        (deputy, "complaint_received", complaint.id),
    ]
    with env.db.transaction() as session:  # a sweep telling them again tells nobody
        told = routing.notify(
            session,
            [boss, deputy],
            "complaint_received",
            ticket_id=complaint.id,
            dedupe_key=f"complaint_received:{complaint.id}",
        )
    assert told == 0 and len(notified(env)) == 2


def test_a_blacklisted_customer_goes_to_the_supervisors_never_dropped(env: Env) -> None:
    boss = make_user(env, "boss", Role.SUPERVISOR)
    general = make_group(env, "综合组")
    supervisors = make_group(env, "主管组", [boss])
    set_delivery(
        env, DeliveryMode.SINGLE, default_group_id=general, supervisor_group_id=supervisors
    )
    blacklist(env)

    ticket = open_ticket(env, subject="又来了")

    assert ticket.group_id == supervisors
    assert notified(env) == [(boss, "blacklisted_customer", ticket.id)]


def test_without_a_supervisor_group_a_complaint_tells_every_supervisor(env: Env) -> None:
    boss = make_user(env, "boss", Role.SUPERVISOR)
    make_user(env, "agent")
    general = make_group(env, "综合组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)

    complaint = open_ticket(env, type=TicketType.COMPLAINT)

    assert complaint.group_id == general
    assert notified(env) == [(boss, "complaint_received", complaint.id)]


def test_without_a_supervisor_group_a_blacklisted_customer_is_told_to_every_supervisor(
    env: Env,
) -> None:
    boss = make_user(env, "boss", Role.SUPERVISOR)
    general = make_group(env, "综合组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    blacklist(env)

    ticket = open_ticket(env, subject="又来了")

    assert ticket.group_id == general
    assert notified(env) == [(boss, "blacklisted_customer", ticket.id)]


def test_an_empty_supervisor_group_still_gets_a_complaint_seen(env: Env) -> None:
    boss = make_user(env, "boss", Role.SUPERVISOR)
    general, supervisors = make_group(env, "综合组"), make_group(env, "主管组")
    set_delivery(
        env, DeliveryMode.SINGLE, default_group_id=general, supervisor_group_id=supervisors
    )

    complaint = open_ticket(env, type=TicketType.COMPLAINT)

    assert notified(env) == [(boss, "complaint_received", complaint.id)]


# -- routing rules --------------------------------------------------------------------------------


def test_rules_set_priority_tags_and_group_and_the_audit_names_them(env: Env) -> None:
    general, refunds = make_group(env, "综合组"), make_group(env, "退款组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    urgent = rule(
        env,
        "退款加急",
        [{"field": "keywords", "op": "any_of", "value": ["退款"]}],
        [
            {"kind": "set_priority", "value": "high"},
            {"kind": "add_tags", "value": ["退款"]},
            {"kind": "set_group", "value": refunds},
        ],
    )
    wechat = rule(
        env,
        "微信标记",
        [{"field": "channel", "op": "eq", "value": "wechat"}],
        [{"kind": "add_tags", "value": ["微信"]}],
    )

    ticket = open_ticket(env, channel=Channel.WECHAT, description="我要退款,快一点")
    other = open_ticket(env, channel=Channel.EMAIL, phone="13900139000")

    got = reload(env, ticket.id)
    assert (got.group_id, got.priority) == (refunds, "high")
    with env.db.reading() as session:
        tags = tickets.tags_of(session, [ticket.id, other.id])
    assert sorted(tags[ticket.id]) == ["微信", "退款"] and tags[other.id] == []
    assert audit_of(env, ticket.id, "routing_rules") == [(None, f"{urgent},{wechat}")]
    assert audit_of(env, other.id, "routing_rules") == []
    assert (other.group_id, other.priority) == (general, "normal")


def test_a_rule_edit_is_seen_by_the_very_next_ticket(env: Env) -> None:
    general, vip = make_group(env, "综合组"), make_group(env, "大客户组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    rule_id = rule(
        env,
        "邮件转大客户",
        [{"field": "channel", "op": "eq", "value": "email"}],
        [{"kind": "set_group", "value": vip}],
    )
    assert open_ticket(env, channel=Channel.EMAIL).group_id == vip  # configuration cached

    with env.db.transaction() as session:
        routing.update_rule(
            session,
            rule_id,
            routing.RuleInput(
                name="电话转大客户",
                conditions=[{"field": "channel", "op": "eq", "value": "phone"}],
                actions=[{"kind": "set_group", "value": vip}],
            ),
        )
    assert open_ticket(env, channel=Channel.EMAIL).group_id == general
    assert open_ticket(env, channel=Channel.PHONE).group_id == vip

    with env.db.transaction() as session:
        routing.delete_rule(session, rule_id)
    assert open_ticket(env, channel=Channel.PHONE).group_id == general


def test_a_rule_notifies_a_group_once_per_ticket(env: Env) -> None:
    lead = make_user(env, "lead", Role.SUPERVISOR)
    general, watchers = make_group(env, "综合组"), make_group(env, "质检组", [lead])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    rule(
        env,
        "差评预警",
        [{"field": "keywords", "op": "any_of", "value": ["差评"]}],
        [{"kind": "notify", "value": {"group": watchers}}],
    )

    ticket = open_ticket(env, description="不给退就差评")

    assert notified(env) == [(lead, "routing_rule", ticket.id)]


def test_a_rule_that_assigns_sets_the_assignee_on_the_new_ticket(env: Env) -> None:
    expert = make_user(env, "expert")
    general = make_group(env, "综合组", [expert])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    rule(
        env,
        "大客户直达",
        [{"field": "channel", "op": "eq", "value": "phone"}],
        [{"kind": "assign_to", "value": expert}],
    )

    assert open_ticket(env, channel=Channel.PHONE).assignee_id == expert


def test_a_rule_naming_a_missing_group_or_agent_is_refused_and_intake_keeps_working(
    env: Env,
) -> None:
    general = make_group(env, "综合组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)

    with pytest.raises(Invalid) as caught, env.db.transaction() as session:
        routing.create_rule(
            session,
            routing.RuleInput(
                name="坏规则",
                conditions=[],
                actions=[
                    {"kind": "set_group", "value": 9999},
                    {"kind": "assign_to", "value": 9998},
                    {"kind": "notify", "value": {"group": 9997}},
                ],
            ),
        )

    assert set(caught.value.fields) == {"actions.0.value", "actions.1.value", "actions.2.value"}
    with env.db.reading() as session:
        assert routing.list_rules(session) == []
    assert open_ticket(env).group_id == general


def test_a_bad_rule_names_every_problem_and_saves_nothing(env: Env) -> None:
    with pytest.raises(Invalid) as caught, env.db.transaction() as session:
        routing.create_rule(
            session,
            routing.RuleInput(
                name=" ",
                match="some",
                conditions=[{"field": "channel", "op": "gte", "value": "wechat"}],
                actions=[{"kind": "set_priority", "value": "asap"}],
            ),
        )

    assert set(caught.value.fields) == {"name", "match", "conditions.0.op", "actions.0.value"}
    with env.db.reading() as session:
        assert routing.list_rules(session) == []
    with pytest.raises(NotFound), env.db.transaction() as session:
        routing.delete_rule(session, 12345)


def test_the_dry_run_explains_a_ticket_with_the_rules_as_saved_now(env: Env) -> None:
    general, refunds = make_group(env, "综合组"), make_group(env, "退款组")
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    ticket = open_ticket(env, description="我要退款")
    rule_id = rule(
        env,
        "退款",
        [{"field": "keywords", "op": "any_of", "value": ["退款"]}],
        [{"kind": "set_group", "value": refunds}],
    )

    with env.db.reading() as session:
        delivered, outcome = routing.explain(session, routing.draft_of_ticket(session, ticket.id))

    assert (delivered.group_id, delivered.reason) == (general, "routing.delivery.default")
    assert outcome.group_id == refunds and outcome.fired == (rule_id,)
    assert [t.matched for t in outcome.trace] == [True]


# -- set-up errors --------------------------------------------------------------------------------


def test_set_up_errors_name_the_field_and_write_nothing(env: Env) -> None:
    make_group(env, "综合组")
    with pytest.raises(Conflict), env.db.transaction() as session:
        routing.create_desk(session, "总服务台")
    with pytest.raises(Conflict), env.db.transaction() as session:
        routing.create_group(session, routing.list_desks(session)[0].id, "综合组")
    with pytest.raises(Invalid) as unknown_desk, env.db.transaction() as session:
        routing.create_group(session, 999, "新组")
    with pytest.raises(Invalid) as unknown_users, env.db.transaction() as session:
        routing.set_members(session, routing.list_groups(session)[0].id, [998, 999])
    with pytest.raises(NotFound), env.db.transaction() as session:
        routing.set_members(session, 999, [])
    with pytest.raises(Invalid) as bad_delivery, env.db.transaction() as session:
        routing.set_delivery(
            session,
            routing.DeliveryInput(
                mode=DeliveryMode.PRIMARY_SECONDARY,
                supervisor_group_id=999,
                by_channel={"email": 998},
            ),
        )
    item = catalog_item(env, "售后")
    with pytest.raises(Invalid) as bad_responsible, env.db.transaction() as session:
        routing.set_responsible(session, item, 999)

    assert set(unknown_desk.value.fields) == {"desk_id"}
    assert unknown_users.value.fields["user_ids"].params == {"ids": "998, 999"}
    assert set(bad_delivery.value.fields) == {
        "default_group_id",
        "supervisor_group_id",
        "by_channel",
    }
    assert set(bad_responsible.value.fields) == {"group_id"}
    with env.db.reading() as session:
        assert [g.name for g in routing.list_groups(session)] == ["综合组"]
        assert routing.get_delivery(session) is None
        assert routing.responsibilities(session) == {}


def test_presence_keeps_capacities_in_range_and_knows_its_agents(env: Env) -> None:
    agent = make_user(env, "agent")
    with pytest.raises(Invalid), env.db.transaction() as session:
        routing.set_presence(session, agent, routing.PresenceChange(chat_capacity=501))
    with pytest.raises(NotFound), env.db.transaction() as session:
        routing.set_presence(session, 9999, routing.PresenceChange(presence=Presence.ONLINE))
    with env.db.transaction() as session:
        row = routing.set_presence(
            session,
            agent,
            routing.PresenceChange(
                presence=Presence.BUSY, chat_capacity=3, skills=[" 退款", "退款", ""]
            ),
        )
        assert (row.presence, row.chat_capacity, row.ticket_capacity) == ("busy", 3, 30)
        assert row.skills == ["退款"]


# -- transfers ------------------------------------------------------------------------------------


def test_a_transfer_keeps_the_messages_and_history_and_audits_who_moved_it(env: Env) -> None:
    first, second = make_user(env, "first"), make_user(env, "second")
    boss = make_user(env, "boss", Role.SUPERVISOR)
    presale, after_sales = make_group(env, "售前组", [first]), make_group(env, "售后组", [second])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=presale)
    ticket = open_ticket(env)
    actor = Principal(boss, "boss", Role.SUPERVISOR)
    with env.db.transaction() as session:
        tickets.update_ticket(
            session,
            ticket.id,
            tickets.TicketChanges({"assignee_id"}, assignee_id=first),
            actor=actor,
        )
        tickets.add_message(session, ticket.id, body="您好,请提供订单号", actor=actor)

    with env.db.transaction() as session:  # into the other group's queue
        routing.transfer(session, ticket.id, group_id=after_sales, assignee_id=None, actor=actor)
    moved = reload(env, ticket.id)
    assert (moved.group_id, moved.assignee_id) == (after_sales, None)
    with env.db.transaction() as session:  # then to a named agent
        routing.transfer(session, ticket.id, group_id=None, assignee_id=second, actor=actor)

    moved = reload(env, ticket.id)
    assert (moved.id, moved.number, moved.group_id, moved.assignee_id) == (
        ticket.id,
        ticket.number,
        after_sales,
        second,
    )
    with env.db.reading() as session:
        bodies = session.scalars(
            select(Message.body_text).where(Message.ticket_id == ticket.id).order_by(Message.id)
        ).all()
    assert bodies == ["买了三天鞋底就开胶了", "您好,请提供订单号"]
    assert audit_of(env, ticket.id, "group_id") == [(str(presale), str(after_sales))]
    assert audit_of(env, ticket.id, "assignee_id") == [
        (None, str(first)),
        (str(first), None),
        (None, str(second)),
    ]
    with env.db.reading() as session:
        actors = session.scalars(
            select(AuditEntry.actor_user_id).where(
                AuditEntry.ticket_id == ticket.id, AuditEntry.field == "group_id"
            )
        ).all()
    assert actors == [boss]


def test_a_bad_transfer_changes_nothing(env: Env) -> None:
    agent = make_user(env, "agent")
    general = make_group(env, "综合组", [agent])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    ticket = open_ticket(env)
    other = make_group(env, "售后组")

    for group_id, assignee_id, error in (
        (None, None, Invalid),
        (999, None, Invalid),
        (other, 999, Invalid),  # the group is fine, the agent is not: nothing moves
    ):
        with pytest.raises(error), env.db.transaction() as session:
            routing.transfer(
                session, ticket.id, group_id=group_id, assignee_id=assignee_id, actor=None
            )
    with pytest.raises(NotFound), env.db.transaction() as session:
        routing.transfer(session, 99999, group_id=other, assignee_id=None, actor=None)

    assert reload(env, ticket.id).group_id == general
    assert audit_of(env, ticket.id, "group_id") == []


# -- notifications --------------------------------------------------------------------------------


def test_notify_tells_each_person_once_per_key_and_marks_read(env: Env) -> None:
    ann, bob = make_user(env, "ann"), make_user(env, "bob")
    ticket = open_ticket(env)
    with env.db.transaction() as session:
        first = routing.notify(
            session, [ann, bob, ann], "sla_warning", ticket_id=ticket.id, dedupe_key="sla:1"
        )
    with env.db.transaction() as session:
        again = routing.notify(
            session, [ann, bob], "sla_warning", ticket_id=ticket.id, dedupe_key="sla:1"
        )
        other = routing.notify(session, [ann], "sla_breach", ticket_id=None, dedupe_key="sla:2")

    assert (first, again, other) == (2, 0, 1)
    with env.db.transaction() as session:
        mine = routing.notifications_of(session, ann)
        assert [n.kind for n in mine] == ["sla_breach", "sla_warning"]  # newest first
        bobs = routing.notifications_of(session, bob)
        routing.mark_read(session, ann, [mine[1].id, bobs[0].id])  # not someone else's
    with env.db.reading() as session:
        assert [n.kind for n in routing.notifications_of(session, ann, unread_only=True)] == [
            "sla_breach"
        ]
        assert len(routing.notifications_of(session, bob, unread_only=True)) == 1


# -- the catalog import ---------------------------------------------------------------------------


def filled_template(env: Env, rows: list[tuple[object, ...]]) -> bytes:
    """The downloaded template, its example rows replaced by ``rows``."""
    with env.db.reading() as session:
        data = routing.catalog_template(session)
    book = load_workbook(io.BytesIO(data))
    sheet = book.worksheets[0]
    assert isinstance(sheet, Worksheet)
    sheet.delete_rows(2, sheet.max_row)
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def catalog_count(env: Env) -> int:
    with env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(CatalogItem)) or 0)


def test_the_filled_template_imports_items_and_their_responsible_groups(env: Env) -> None:
    after_sales = make_group(env, "售后组")
    make_group(env, "售前组")
    primary = make_group(env, "一线组")
    set_delivery(env, DeliveryMode.PRIMARY_SECONDARY, default_group_id=primary)
    data = filled_template(
        env,
        [
            ("售后", None, None, "售后组", "是", "退换货与退款"),
            ("售后", "退货", None, None, "是", None),
            ("售后", "退款", "仅退款", "售前组", "是", None),
            ("旧活动", None, None, None, "否", None),
        ],
    )

    with env.db.transaction() as session:
        result = routing.import_catalog(session, data)

    assert (result.items, result.responsible) == (4, 2)
    with env.db.reading() as session:
        paths = dict(session.execute(select(CatalogItem.path, CatalogItem.active)).all())
        responsible = routing.responsibilities(session)
    assert paths == {
        "售后": True,
        "售后 › 退货": True,
        "售后 › 退款": True,
        "售后 › 退款 › 仅退款": True,
        "旧活动": False,
    }
    assert sorted(responsible.values()) == sorted([after_sales, make_group_id(env, "售前组")])
    assert open_ticket(env, catalog="售后/退货").group_id == after_sales  # inherited, at once


def make_group_id(env: Env, name: str) -> int:
    with env.db.reading() as session:
        return routing.group_names(session)[name]


def test_a_file_with_any_problem_imports_nothing(env: Env) -> None:
    make_group(env, "售后组")
    catalog_item(env, "已有")
    before = catalog_count(env)
    data = filled_template(
        env,
        [
            ("售后", None, None, "售后组", "是", None),
            ("售后", "退货", None, "不存在的组", "是", None),
            (None, "孤儿", None, None, "是", None),
        ],
    )

    with pytest.raises(Invalid) as caught, env.db.transaction() as session:
        routing.import_catalog(session, data)

    assert caught.value.code == "routing.catalog_sheet_invalid"
    assert len(caught.value.fields) >= 2
    assert all(name.startswith("row") for name in caught.value.fields)
    assert catalog_count(env) == before
    with env.db.reading() as session:
        assert routing.responsibilities(session) == {}

    with pytest.raises(Invalid) as not_excel, env.db.transaction() as session:
        routing.import_catalog(session, b"PK not really a workbook")
    assert set(not_excel.value.fields) == {"file"}
    assert catalog_count(env) == before


def test_a_customer_reply_keeps_the_conversation_with_its_online_agent(env: Env) -> None:
    """The counterpart of the requeue test in test_assign_service: an online agent keeps it."""
    agent = make_user(env, "agent")
    general = make_group(env, "综合组", [agent])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=general)
    set_presence(env, agent)
    ticket = open_ticket(env)
    with env.db.transaction() as session:
        tickets.update_ticket(
            session,
            ticket.id,
            tickets.TicketChanges(
                {"assignee_id", "status"}, assignee_id=agent, status=Status.SOLVED
            ),
            actor=None,
        )
        customer_id = ticket.customer_id
    with env.db.transaction() as session:
        tickets.add_message(
            session,
            ticket.id,
            body="还是不行",
            actor=None,
            author_kind=AuthorKind.CUSTOMER,
            customer_id=customer_id,
        )

    got = reload(env, ticket.id)
    assert (got.status, got.assignee_id) == ("open", agent)
