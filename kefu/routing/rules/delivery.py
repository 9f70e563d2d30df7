"""Delivery of service requests to desks (服务请求投递, seed 004): single desk, multiple desks,
primary/secondary desks. Pure: the caller gathers the facts and the configuration.

Delivery runs first and picks a group; the routing rules (``conditions.py``) run after it and
may override that group.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from kefu.routing.rules.fields import TicketFacts
from kefu.tickets.rules import TicketType


class DeliveryMode(StrEnum):
    SINGLE = "single"  # 单服务台: one desk answers everything
    MULTI = "multi"  # 多服务台: a desk by entry point or channel
    PRIMARY_SECONDARY = "primary_secondary"  # 主从服务台: by service content (catalog)


class DeliveryRule(StrEnum):
    """Which part of the configuration chose the group (shown to the agent)."""

    SUPERVISOR = "supervisor"
    ENTRY_POINT = "entry_point"
    CHANNEL = "channel"
    RESPONSIBLE = "responsible"
    DEFAULT = "default"
    NONE = "none"


@dataclass(frozen=True)
class DeliveryConfig:
    mode: DeliveryMode
    default_group_id: int | None = None
    by_channel: Mapping[str, int] = field(default_factory=dict)
    by_entry_point: Mapping[str, int] = field(default_factory=dict)
    responsible: Mapping[int, int] = field(default_factory=dict)  # catalog item id → group id
    supervisor_group_id: int | None = None


@dataclass(frozen=True)
class DeliveryDecision:
    group_id: int | None
    rule: DeliveryRule
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def _to_supervisors(config: DeliveryConfig, facts: TicketFacts) -> DeliveryDecision | None:
    """Complaints and blacklisted customers go to the supervisors when a supervisor group is
    set. A blacklisted customer is routed, never refused or closed silently: Chatwoot resolves
    a blocked contact's new conversations on creation without saying why, and agents who
    blocked someone by mistake lose their requests unseen (chatwoot#10636, #12138). Here the
    supervisors see them, and the reason says why they did."""
    group = config.supervisor_group_id
    if group is None:
        return None
    if facts.blacklisted:
        return DeliveryDecision(
            group, DeliveryRule.SUPERVISOR, "routing.delivery.blacklisted", {"group": str(group)}
        )
    if facts.type == TicketType.COMPLAINT:
        return DeliveryDecision(
            group, DeliveryRule.SUPERVISOR, "routing.delivery.complaint", {"group": str(group)}
        )
    return None


def _default(config: DeliveryConfig, facts: TicketFacts) -> DeliveryDecision:
    group = config.default_group_id
    if group is None:
        params = {"mode": str(config.mode), "channel": facts.channel}
        return DeliveryDecision(None, DeliveryRule.NONE, "routing.delivery.unconfigured", params)
    return DeliveryDecision(
        group, DeliveryRule.DEFAULT, "routing.delivery.default", {"group": str(group)}
    )


def _multi(config: DeliveryConfig, facts: TicketFacts) -> DeliveryDecision:
    """多服务台: the entry point (a web form, WeChat account, menu) says more than the channel,
    so it is asked first; then the channel; then the default group."""
    entry = facts.entry_point
    if entry and entry in config.by_entry_point:
        group = config.by_entry_point[entry]
        params = {"entry_point": entry, "group": str(group)}
        return DeliveryDecision(
            group, DeliveryRule.ENTRY_POINT, "routing.delivery.entry_point", params
        )
    if facts.channel in config.by_channel:
        group = config.by_channel[facts.channel]
        params = {"channel": facts.channel, "group": str(group)}
        return DeliveryDecision(group, DeliveryRule.CHANNEL, "routing.delivery.channel", params)
    return _default(config, facts)


def _primary_secondary(config: DeliveryConfig, facts: TicketFacts) -> DeliveryDecision:
    """主从服务台: "默认投递给一个客服组,但特定的服务请求优先投递给特定的责任客服组" — the
    nearest catalog item (the item itself, then its parent, ...) with a responsible group wins;
    without one the request goes to the default (primary) group."""
    for item in facts.catalog_path:
        group = config.responsible.get(item)
        if group is not None:
            params = {"item": str(item), "group": str(group)}
            return DeliveryDecision(
                group, DeliveryRule.RESPONSIBLE, "routing.delivery.responsible", params
            )
    return _default(config, facts)


def deliver(config: DeliveryConfig, facts: TicketFacts) -> DeliveryDecision:
    """The group a new request goes to, and why.

    Every request is delivered somewhere as long as a default group exists; the group is None
    (with ``routing.delivery.unconfigured``) only when nothing in the configuration applies,
    so the caller can leave the ticket in the unassigned view rather than lose it."""
    supervisors = _to_supervisors(config, facts)
    if supervisors is not None:
        return supervisors
    if config.mode == DeliveryMode.MULTI:
        return _multi(config, facts)
    if config.mode == DeliveryMode.PRIMARY_SECONDARY:
        return _primary_secondary(config, facts)
    return _default(config, facts)


def supervisor_notice(facts: TicketFacts) -> str | None:
    """The notification a new request owes the supervisors, if any. A complaint is reported to
    a supervisor at once (seed 004 客诉作业指引: within 5 minutes); a blacklisted customer's
    request is a supervisor's to handle (seed 003: 恶意投诉的顾客告知主管), never dropped."""
    if facts.type == "complaint":
        return "complaint_received"
    if facts.blacklisted:
        return "blacklisted_customer"
    return None
