"""Tables of the SLA context: business calendars and their special days, policies, and the
clocks of each ticket (what the worker sweeps)."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class BusinessCalendar(Base):
    __tablename__ = "business_calendar"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    timezone: Mapped[str] = mapped_column(String(64))
    always_open: Mapped[bool] = mapped_column(default=False)
    # Seven lists (Monday first) of [start_minute, end_minute] working periods.
    weekly: Mapped[list[list[list[int]]]] = mapped_column(JSON)
    updated_at: Mapped[datetime]


class CalendarDay(Base):
    """A public holiday (day off) or an adjusted working day (调休上班) of one calendar."""

    __tablename__ = "calendar_day"

    calendar_id: Mapped[int] = mapped_column(
        ForeignKey("business_calendar.id", ondelete="CASCADE"), primary_key=True
    )
    day: Mapped[date] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(10))
    name: Mapped[str] = mapped_column(String(50), default="")


class SlaPolicy(Base):
    __tablename__ = "sla_policy"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(40), unique=True)
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int]
    active: Mapped[bool] = mapped_column(default=True)
    channels: Mapped[list[str]] = mapped_column(default=list)
    types: Mapped[list[str]] = mapped_column(default=list)
    priorities: Mapped[list[str]] = mapped_column(default=list)
    min_vip_level: Mapped[int | None]
    first_response_s: Mapped[int | None]
    next_response_s: Mapped[int | None]
    resolution_s: Mapped[int | None]
    warn_ratio: Mapped[float] = mapped_column(default=0.8)
    pause_statuses: Mapped[list[str]] = mapped_column(default=list)
    calendar_id: Mapped[int | None] = mapped_column(ForeignKey("business_calendar.id"))
    # What happens at a breach: {"notify": "supervisors"|"assignee"|..., "raise_priority": bool,
    # "reassign_group_id": int|null}
    escalation: Mapped[dict[str, Any]] = mapped_column(default=dict)
    updated_at: Mapped[datetime]


class TicketClock(Base):
    """One SLA clock of one ticket as last computed from its history. ``next_check_at`` is when
    the worker must look at it again (a warning or a breach is due), null when nothing is."""

    __tablename__ = "ticket_clock"
    __table_args__ = (
        UniqueConstraint("ticket_id", "metric"),
        Index("ix_ticket_clock_next_check_at", "next_check_at"),
        # the supervisor's board: clocks at risk or breached, soonest due first
        Index("ix_ticket_clock_state_due_at", "state", "due_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id", ondelete="CASCADE"))
    metric: Mapped[str] = mapped_column(String(20))
    policy_id: Mapped[int | None] = mapped_column(ForeignKey("sla_policy.id", ondelete="SET NULL"))
    target_s: Mapped[int]
    state: Mapped[str] = mapped_column(String(10))
    cycle: Mapped[int] = mapped_column(default=1)
    started_at: Mapped[datetime | None]
    due_at: Mapped[datetime | None]
    warn_at: Mapped[datetime | None]
    stopped_at: Mapped[datetime | None]
    breached_at: Mapped[datetime | None]
    elapsed_s: Mapped[float] = mapped_column(default=0.0)
    next_check_at: Mapped[datetime | None]
    # When the worker acted, per cycle: a sweep that runs again finds these set and does nothing.
    warned_at: Mapped[datetime | None]
    escalated_at: Mapped[datetime | None]
    updated_at: Mapped[datetime]
