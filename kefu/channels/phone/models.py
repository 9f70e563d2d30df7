"""One row per call: the handbook's call log (来电记录) with its 5W1H fields, answer time,
duration and recording."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class CallLog(Base):
    __tablename__ = "call_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[str] = mapped_column(String(100), unique=True)
    direction: Mapped[str] = mapped_column(String(10))
    caller: Mapped[str] = mapped_column(String(40))
    called: Mapped[str] = mapped_column(String(40))
    status: Mapped[str] = mapped_column(String(12))
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    ringing_at: Mapped[datetime]
    answered_at: Mapped[datetime | None]
    ended_at: Mapped[datetime | None]
    recording_url: Mapped[str | None] = mapped_column(String(500))
    # The handbook's call-log fields (seed 002, 电话记录): who, of which company and title, what
    # was said, why, what follows and by when.
    company: Mapped[str] = mapped_column(String(200), default="")
    contact_name: Mapped[str] = mapped_column(String(100), default="")
    contact_title: Mapped[str] = mapped_column(String(100), default="")
    content: Mapped[str] = mapped_column(Text, default="")
    reason: Mapped[str] = mapped_column(String(500), default="")
    follow_up: Mapped[str] = mapped_column(Text, default="")
    follow_up_due_at: Mapped[datetime | None]


class CallTask(Base):
    """One row of an agent's call list (seed 000, 列出电话清单): whom to call, when, the points
    to make, the 轻重缓急 analysis (importance: 轻/重, urgency: 缓/急) and remarks. Done with an
    outcome note; a call-back of a complaint or a 回访 is one of these."""

    __tablename__ = "call_task"

    id: Mapped[int] = mapped_column(primary_key=True)
    customer_id: Mapped[int | None] = mapped_column(ForeignKey("customer.id"), index=True)
    contact_name: Mapped[str] = mapped_column(String(100))
    phone: Mapped[str] = mapped_column(String(40))
    due_at: Mapped[datetime]
    points: Mapped[str] = mapped_column(Text)
    importance: Mapped[str] = mapped_column(String(8))
    urgency: Mapped[str] = mapped_column(String(8))
    remarks: Mapped[str] = mapped_column(String(500), default="")
    assignee_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    state: Mapped[str] = mapped_column(String(12))
    outcome: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime]
    done_at: Mapped[datetime | None]
