"""Roles and what each may do. Pure: no I/O."""

from __future__ import annotations

from enum import StrEnum


class Role(StrEnum):
    AGENT = "agent"
    SUPERVISOR = "supervisor"
    ADMIN = "admin"


RANK = {Role.AGENT: 1, Role.SUPERVISOR: 2, Role.ADMIN: 3}


class Permission(StrEnum):
    WORK_TICKETS = "work_tickets"
    BLACKLIST_CUSTOMER = (
        "blacklist_customer"  # handbook 004: the supervisor decides on malicious complainants
    )
    MERGE_CUSTOMERS = "merge_customers"
    MANAGE_USERS = "manage_users"
    MANAGE_CATALOG = "manage_catalog"
    MANAGE_ROUTING = "manage_routing"  # desks, groups, rules, others' presence
    MANAGE_SLA = "manage_sla"  # policies and calendars
    ISSUE_CUSTOMER_TOKENS = "issue_customer_tokens"  # an app back end speaks for its users


MINIMUM_ROLE = {
    Permission.WORK_TICKETS: Role.AGENT,
    Permission.BLACKLIST_CUSTOMER: Role.SUPERVISOR,
    Permission.MERGE_CUSTOMERS: Role.SUPERVISOR,
    Permission.MANAGE_USERS: Role.ADMIN,
    Permission.MANAGE_CATALOG: Role.SUPERVISOR,
    Permission.MANAGE_ROUTING: Role.SUPERVISOR,
    Permission.MANAGE_SLA: Role.ADMIN,
    Permission.ISSUE_CUSTOMER_TOKENS: Role.ADMIN,
}


def may(role: Role, permission: Permission) -> bool:
    """Whether ``role`` holds ``permission``: roles are ordered agent < supervisor < admin."""
    return RANK[role] >= RANK[MINIMUM_ROLE[permission]]


def display_name(work_number: int | None, name: str) -> str:
    """What a customer sees: the handbooks sign replies with the work number (客服8号)."""
    return f"客服{work_number}号" if work_number is not None else name
