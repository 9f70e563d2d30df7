"""Setting routing up: desks, groups and members, the delivery mode, catalog responsibility,
and the ordered routing rules with their dry run."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, func, select
from sqlalchemy.orm import InstrumentedAttribute, Session

from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.routing.models import (
    AgentGroup,
    CatalogResponsibility,
    DeliverySetting,
    GroupMember,
    RoutingRule,
    ServiceDesk,
)
from kefu.routing.rules import Action, ActionKind, DeliveryMode, Strategy, validate_rule
from kefu.routing.service.presence import presence_of
from kefu.routing.service.snapshot import changed, rule_from_json
from kefu.tickets.models import CatalogItem
from kefu.users.models import User


def create_desk(
    session: Session, name: str, description: str = "", private: bool = False
) -> ServiceDesk:
    if session.scalar(select(ServiceDesk.id).where(ServiceDesk.name == name)) is not None:
        raise Conflict("routing.desk_exists", fields={"name": FieldError("routing.desk_exists")})
    desk = ServiceDesk(name=name, description=description, private=private, created_at=clock.now())
    session.add(desk)
    session.flush()
    return desk


def list_desks(session: Session) -> list[ServiceDesk]:
    return list(session.scalars(select(ServiceDesk).order_by(ServiceDesk.id)))


def create_group(
    session: Session,
    desk_id: int,
    name: str,
    strategy: Strategy = Strategy.LEAST_LOADED,
    auto_assign: bool = True,
) -> AgentGroup:
    if session.get(ServiceDesk, desk_id) is None:
        raise Invalid("validation_failed", fields={"desk_id": FieldError("routing.unknown_desk")})
    if session.scalar(select(AgentGroup.id).where(AgentGroup.name == name)) is not None:
        raise Conflict("routing.group_exists", fields={"name": FieldError("routing.group_exists")})
    group = AgentGroup(
        desk_id=desk_id,
        name=name,
        strategy=strategy.value,
        auto_assign=auto_assign,
        created_at=clock.now(),
    )
    session.add(group)
    session.flush()
    changed(session)
    return group


def get_group(session: Session, group_id: int) -> AgentGroup:
    group = session.get(AgentGroup, group_id)
    if group is None:
        raise NotFound("routing.unknown_group")
    return group


def list_groups(session: Session) -> list[AgentGroup]:
    return list(session.scalars(select(AgentGroup).order_by(AgentGroup.id)))


def group_names(session: Session) -> dict[str, int]:
    return {name: gid for gid, name in session.execute(select(AgentGroup.id, AgentGroup.name))}


def set_members(session: Session, group_id: int, user_ids: list[int]) -> list[int]:
    get_group(session, group_id)
    wanted = list(dict.fromkeys(user_ids))
    known = set(session.scalars(select(User.id).where(User.id.in_(wanted))))
    unknown = [u for u in wanted if u not in known]
    if unknown:
        raise Invalid(
            "validation_failed",
            fields={
                "user_ids": FieldError(
                    "routing.unknown_agents", {"ids": ", ".join(map(str, unknown))}
                )
            },
        )
    session.execute(delete(GroupMember).where(GroupMember.group_id == group_id))
    for user_id in wanted:
        session.add(GroupMember(group_id=group_id, user_id=user_id))
        presence_of(session, user_id)
    session.flush()
    return wanted


def groups_of(session: Session, user_id: int) -> list[int]:
    """The groups an agent belongs to."""
    return list(
        session.scalars(
            select(GroupMember.group_id)
            .where(GroupMember.user_id == user_id)
            .order_by(GroupMember.group_id)
        )
    )


def members(session: Session, group_id: int) -> list[int]:
    return list(
        session.scalars(
            select(GroupMember.user_id)
            .where(GroupMember.group_id == group_id)
            .order_by(GroupMember.user_id)
        )
    )


@dataclass
class DeliveryInput:
    mode: DeliveryMode
    default_group_id: int | None = None
    supervisor_group_id: int | None = None
    by_channel: dict[str, int] = field(default_factory=dict)
    by_entry_point: dict[str, int] = field(default_factory=dict)


def set_delivery(session: Session, data: DeliveryInput) -> DeliverySetting:
    known = set(session.scalars(select(AgentGroup.id)))
    problems: dict[str, FieldError] = {}
    for name in ("default_group_id", "supervisor_group_id"):
        value = getattr(data, name)
        if value is not None and value not in known:
            problems[name] = FieldError("routing.unknown_group")
    for name in ("by_channel", "by_entry_point"):
        bad = [k for k, v in getattr(data, name).items() if v not in known]
        if bad:
            problems[name] = FieldError("routing.unknown_group_for", {"keys": ", ".join(bad)})
    if data.mode != DeliveryMode.MULTI and data.default_group_id is None:
        problems["default_group_id"] = FieldError("field.required")
    if problems:
        raise Invalid("validation_failed", fields=problems)
    row = session.get(DeliverySetting, 1) or DeliverySetting(id=1, updated_at=clock.now())
    row.mode = data.mode.value
    row.default_group_id = data.default_group_id
    row.supervisor_group_id = data.supervisor_group_id
    row.by_channel = dict(data.by_channel)
    row.by_entry_point = dict(data.by_entry_point)
    row.updated_at = clock.now()
    session.add(row)
    session.flush()
    changed(session)
    return row


def get_delivery(session: Session) -> DeliverySetting | None:
    return session.get(DeliverySetting, 1)


def set_responsible(session: Session, catalog_item_id: int, group_id: int | None) -> None:
    """Hang a catalog item on its responsible group (责任关系), or unhang it (None)."""
    if session.get(CatalogItem, catalog_item_id) is None:
        raise NotFound("ticket.unknown_catalog_item")
    if group_id is not None and session.get(AgentGroup, group_id) is None:
        raise Invalid("validation_failed", fields={"group_id": FieldError("routing.unknown_group")})
    session.execute(
        delete(CatalogResponsibility).where(
            CatalogResponsibility.catalog_item_id == catalog_item_id
        )
    )
    if group_id is not None:
        session.add(CatalogResponsibility(catalog_item_id=catalog_item_id, group_id=group_id))
    session.flush()
    changed(session)


def responsibilities(session: Session) -> dict[int, int]:
    return dict(
        session.execute(
            select(CatalogResponsibility.catalog_item_id, CatalogResponsibility.group_id)
        ).all()
    )


@dataclass
class RuleInput:
    name: str
    conditions: list[dict[str, Any]]
    actions: list[dict[str, Any]]
    match: str = "all"
    active: bool = True
    position: int | None = None


def _check_rule(session: Session, data: RuleInput) -> None:
    rule = rule_from_json(
        0, data.name, data.position or 0, data.active, data.match, data.conditions, data.actions
    )
    problems = {p.path: FieldError(p.code, dict(p.params)) for p in validate_rule(rule)}
    # A rule naming a group or agent that does not exist would make every ticket it fires on
    # fail to open (the reference is a foreign key): refuse it here instead.
    for path, code in _missing_references(session, rule.actions).items():
        problems.setdefault(path, FieldError(code))
    if problems:
        raise Invalid("validation_failed", fields=problems)


def _missing_references(session: Session, actions: tuple[Action, ...]) -> dict[str, str]:
    groups: dict[str, object] = {}
    agents: dict[str, object] = {}
    for i, action in enumerate(actions):
        path, value = f"actions.{i}.value", action.value
        if action.kind == ActionKind.SET_GROUP:
            groups[path] = value
        elif action.kind == ActionKind.ASSIGN_TO:
            agents[path] = value
        elif action.kind == ActionKind.NOTIFY and isinstance(value, dict) and len(value) == 1:
            ((target, ident),) = value.items()
            (groups if target == "group" else agents)[path] = ident
    known_groups = _known(session, AgentGroup.id, groups.values())
    known_agents = _known(session, User.id, agents.values(), User.is_active.is_(True))
    missing = {p: "routing.unknown_group" for p, v in groups.items() if v not in known_groups}
    missing |= {p: "routing.unknown_agent" for p, v in agents.items() if v not in known_agents}
    return missing


def _known(
    session: Session, column: InstrumentedAttribute[int], ids: Iterable[object], *where: Any
) -> set[int]:
    wanted = {i for i in ids if isinstance(i, int) and not isinstance(i, bool)}
    if not wanted:
        return set()
    return set(session.scalars(select(column).where(column.in_(wanted), *where)))


def create_rule(session: Session, data: RuleInput) -> RoutingRule:
    _check_rule(session, data)
    last = session.scalar(select(func.max(RoutingRule.position))) or 0
    now = clock.now()
    rule = RoutingRule(
        name=data.name,
        position=data.position if data.position is not None else last + 10,
        active=data.active,
        match=data.match,
        conditions=data.conditions,
        actions=data.actions,
        created_at=now,
        updated_at=now,
    )
    session.add(rule)
    session.flush()
    changed(session)
    return rule


def update_rule(session: Session, rule_id: int, data: RuleInput) -> RoutingRule:
    rule = session.get(RoutingRule, rule_id)
    if rule is None:
        raise NotFound("routing.unknown_rule")
    _check_rule(session, data)
    rule.name, rule.match, rule.active = data.name, data.match, data.active
    rule.conditions, rule.actions = data.conditions, data.actions
    if data.position is not None:
        rule.position = data.position
    rule.updated_at = clock.now()
    session.flush()
    changed(session)
    return rule


def delete_rule(session: Session, rule_id: int) -> None:
    rule = session.get(RoutingRule, rule_id)
    if rule is None:
        raise NotFound("routing.unknown_rule")
    session.delete(rule)
    session.flush()
    changed(session)


def list_rules(session: Session) -> list[RoutingRule]:
    return list(session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))
