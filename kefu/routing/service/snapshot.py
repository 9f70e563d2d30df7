"""The routing configuration as pure-rule objects, kept per process for a few seconds: the
classifier runs on every new ticket and must not re-read desks and rules each time. A change
made here is seen at once in this process and within ``TTL_S`` in the others."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core.cache import ConfigCache
from kefu.routing.models import CatalogResponsibility, DeliverySetting, RoutingRule
from kefu.routing.rules import Action, Condition, DeliveryConfig, DeliveryMode, Rule
from kefu.tickets.models import CatalogItem

TTL_S = 5.0


@dataclass(frozen=True)
class Snapshot:
    delivery: DeliveryConfig
    rules: tuple[Rule, ...]
    catalog_parent: dict[int, int | None]

    def knows(self, item_id: int | None) -> bool:
        return item_id is None or item_id in self.catalog_parent

    def catalog_path(self, item_id: int | None) -> tuple[int, ...]:
        """The item and its ancestors, item first."""
        path: list[int] = []
        while item_id is not None and item_id not in path:
            path.append(item_id)
            item_id = self.catalog_parent.get(item_id)
        return tuple(path)


def invalidate() -> None:
    """Forget the cached configuration (after a change, and between tests)."""
    _cache.invalidate()


def changed(session: Session) -> None:
    """Routing configuration changes in this transaction: seen at once, and after commit."""
    _cache.changed(session)


def snapshot(session: Session, *, catalog_item_id: int | None = None) -> Snapshot:
    """The cached configuration; read again when it is older than ``TTL_S`` or does not know
    ``catalog_item_id`` (the catalog belongs to tickets, whose changes do not invalidate this
    cache: a new item's ancestors, and so its responsible group, would be missed)."""
    return _cache.get(session, usable=lambda config: config.knows(catalog_item_id))


def load(session: Session) -> Snapshot:
    return Snapshot(
        delivery=delivery_config(session),
        rules=tuple(rule_from_row(row) for row in _rule_rows(session)),
        catalog_parent=dict(session.execute(select(CatalogItem.id, CatalogItem.parent_id)).all()),
    )


def _rule_rows(session: Session) -> list[RoutingRule]:
    return list(session.scalars(select(RoutingRule).order_by(RoutingRule.position, RoutingRule.id)))


def delivery_config(session: Session) -> DeliveryConfig:
    row = session.get(DeliverySetting, 1)
    responsible = dict(
        session.execute(
            select(CatalogResponsibility.catalog_item_id, CatalogResponsibility.group_id)
        ).all()
    )
    if row is None:
        return DeliveryConfig(
            mode=DeliveryMode.SINGLE,
            default_group_id=None,
            by_channel={},
            by_entry_point={},
            responsible=responsible,
            supervisor_group_id=None,
        )
    return DeliveryConfig(
        mode=DeliveryMode(row.mode),
        default_group_id=row.default_group_id,
        by_channel={k: int(v) for k, v in row.by_channel.items()},
        by_entry_point={k: int(v) for k, v in row.by_entry_point.items()},
        responsible=responsible,
        supervisor_group_id=row.supervisor_group_id,
    )


def rule_from_row(row: RoutingRule) -> Rule:
    return rule_from_json(
        row.id, row.name, row.position, row.active, row.match, row.conditions, row.actions
    )


def rule_from_json(
    rule_id: int,
    name: str,
    position: int,
    active: bool,
    match: str,
    conditions: list[dict[str, Any]],
    actions: list[dict[str, Any]],
) -> Rule:
    return Rule(
        id=rule_id,
        name=name,
        position=position,
        active=active,
        conditions=tuple(Condition.from_dict(c) for c in conditions),
        match=match,
        actions=tuple(Action.from_dict(a) for a in actions),
    )


_cache: ConfigCache[Snapshot] = ConfigCache(load, TTL_S)
