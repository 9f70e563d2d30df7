"""The demo shop's service desk set-up, through the routing use cases: one desk with a pre-sale,
an after-sales and a complaints group (the supervisors' desk), primary/secondary delivery by
the service catalog, three routing rules, and the agents' presence."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kefu.demo.play import Staff
from kefu.routing import service as routing
from kefu.routing.rules import DeliveryMode, Presence, Strategy
from kefu.tickets import service as tickets

# Which catalog items each group answers for (责任关系, seed 004 主从服务台投递).
RESPONSIBLE = {
    "售后": "售后组",
    "物流查询": "售后组",
    "投诉": "投诉处理组",
}


def set_up_routing(session: Session, staff: Staff) -> None:
    desk = routing.create_desk(session, "网店客服部", "淘宝/天猫店铺的售前、售后与投诉")
    agents = staff.agents
    groups = {
        "售前组": (Strategy.ROUND_ROBIN, [agents[n].user_id for n in (1, 2, 3)]),
        "售后组": (Strategy.LEAST_LOADED, [agents[n].user_id for n in (4, 5, 6)]),
        "投诉处理组": (Strategy.STICKY, [staff.supervisor.user_id, agents[7].user_id]),
        "电话组": (Strategy.STICKY, [agents[n].user_id for n in (7, 8)]),
    }
    ids: dict[str, int] = {}
    for name, (strategy, members) in groups.items():
        group = routing.create_group(session, desk.id, name, strategy)
        routing.set_members(session, group.id, members)
        ids[name] = group.id
    routing.set_delivery(
        session,
        routing.DeliveryInput(
            mode=DeliveryMode.PRIMARY_SECONDARY,
            default_group_id=ids["售前组"],
            supervisor_group_id=ids["投诉处理组"],
        ),
    )
    for path, group_name in RESPONSIBLE.items():
        item = tickets.find_catalog_item(session, path)
        routing.set_responsible(session, item.id, ids[group_name])
    _rules(session, ids)


def go_online(session: Session, staff: Staff, away: tuple[int, ...] = ()) -> None:
    """Everyone online but the agents numbered in ``away``: all while the history is played
    (so past conversations keep the agents they had), then today's shift with 客服8号 away."""
    for number, agent in staff.agents.items():
        state = Presence.AWAY if number in away else Presence.ONLINE
        routing.set_presence(session, agent.user_id, routing.PresenceChange(presence=state))
    routing.set_presence(
        session, staff.supervisor.user_id, routing.PresenceChange(presence=Presence.ONLINE)
    )


def _rules(session: Session, ids: dict[str, int]) -> None:
    routing.create_rule(
        session,
        routing.RuleInput(
            name="退款退货类咨询交售后组",
            conditions=[
                {"field": "keywords", "op": "any_of", "value": ["退款", "退货", "换货", "质量问题"]}
            ],
            actions=[
                {"kind": "set_group", "value": ids["售后组"]},
                {"kind": "add_tags", "value": ["售后"]},
            ],
        ),
    )
    routing.create_rule(
        session,
        routing.RuleInput(
            name="VIP 客户优先",
            conditions=[{"field": "vip_level", "op": "gte", "value": 2}],
            actions=[
                {"kind": "set_priority", "value": "high"},
                {"kind": "add_tags", "value": ["VIP"]},
            ],
        ),
    )
    routing.create_rule(
        session,
        routing.RuleInput(
            name="来电交电话组",
            conditions=[{"field": "channel", "op": "eq", "value": "phone"}],
            actions=[{"kind": "set_group", "value": ids["电话组"]}],
        ),
    )
