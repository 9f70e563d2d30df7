"""Tables of the routing context: desks, groups and their members, presence, delivery
settings, catalog responsibility, ordered routing rules, round-robin cursors and notifications."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class ServiceDesk(Base):
    """A service desk (服务台): one or more groups that answer a kind of request."""

    __tablename__ = "service_desk"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    description: Mapped[str] = mapped_column(String(500), default="")
    # A private desk's tickets are seen only by its members (and supervisors).
    private: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]


class AgentGroup(Base):
    """A group of agents (客服组) inside a desk, with its assignment strategy."""

    __tablename__ = "agent_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    desk_id: Mapped[int] = mapped_column(ForeignKey("service_desk.id"), index=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    strategy: Mapped[str] = mapped_column(String(20))
    auto_assign: Mapped[bool] = mapped_column(default=True)
    created_at: Mapped[datetime]


class GroupMember(Base):
    __tablename__ = "group_member"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("agent_group.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(
        ForeignKey("user_account.id", ondelete="CASCADE"), primary_key=True, index=True
    )


class AgentPresence(Base):
    """Whether an agent takes new work now, and how much they can hold at once."""

    __tablename__ = "agent_presence"

    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"), primary_key=True)
    presence: Mapped[str] = mapped_column(String(16))
    chat_capacity: Mapped[int]
    ticket_capacity: Mapped[int]
    skills: Mapped[list[str]] = mapped_column(default=list)
    last_assigned_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]


class DeliverySetting(Base):
    """The one row saying how requests are delivered to desks (服务请求投递, seed 004)."""

    __tablename__ = "delivery_setting"

    id: Mapped[int] = mapped_column(primary_key=True)
    mode: Mapped[str] = mapped_column(String(20))
    default_group_id: Mapped[int | None] = mapped_column(ForeignKey("agent_group.id"))
    supervisor_group_id: Mapped[int | None] = mapped_column(ForeignKey("agent_group.id"))
    by_channel: Mapped[dict[str, Any]] = mapped_column(default=dict)
    by_entry_point: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class CatalogResponsibility(Base):
    """A catalog item's responsible group (责任关系): its requests go there first."""

    __tablename__ = "catalog_responsibility"

    catalog_item_id: Mapped[int] = mapped_column(
        ForeignKey("catalog_item.id", ondelete="CASCADE"), primary_key=True
    )
    group_id: Mapped[int] = mapped_column(ForeignKey("agent_group.id", ondelete="CASCADE"))


class RoutingRule(Base):
    __tablename__ = "routing_rule"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    match: Mapped[str] = mapped_column(String(8))
    conditions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    actions: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class RoundRobinCursor(Base):
    """The agent a group gave work to last; its row lock also serialises a group's assignments
    across workers."""

    __tablename__ = "round_robin_cursor"

    group_id: Mapped[int] = mapped_column(
        ForeignKey("agent_group.id", ondelete="CASCADE"), primary_key=True
    )
    last_user_id: Mapped[int | None]


class Notification(Base):
    """Something a person must see (a complaint arrived, an SLA is about to breach). The unique
    key makes a repeated sweep unable to notify twice."""

    __tablename__ = "notification"
    __table_args__ = (
        UniqueConstraint("user_id", "dedupe_key"),
        Index("ix_notification_user_id_id", "user_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("user_account.id", ondelete="CASCADE"))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(40))
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedupe_key: Mapped[str] = mapped_column(String(120))
    created_at: Mapped[datetime]
    read_at: Mapped[datetime | None]
