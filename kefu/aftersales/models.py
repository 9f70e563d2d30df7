"""Tables of the after-sales context: shop orders with their items and flagged remarks, the
operator's rule rows, after-sales cases with their history and payouts, platform disputes,
complaints with their gathered conversations and call-back tasks, the watch for complaints not
reported, and the penalty points the system records against an agent. Money is an integer of
fen everywhere."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class ShopOrder(Base):
    """An order of the shop (订单), as the platform or the shop's export gave it. One row per
    (platform, number): importing the same order again updates it."""

    __tablename__ = "shop_order"
    __table_args__ = (
        UniqueConstraint("platform", "number"),
        Index("ix_shop_order_customer_id_id", "customer_id", "id"),
        # Earlier orders by receiver: how a buyer without any identity is recognised.
        Index("ix_shop_order_receiver_name_address", "receiver_name", "address"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    platform: Mapped[str] = mapped_column(String(20))
    number: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"))
    buyer_id: Mapped[str] = mapped_column(String(64))  # the platform's buyer id or nick
    receiver_name: Mapped[str] = mapped_column(String(100))
    receiver_phone: Mapped[str] = mapped_column(String(32))  # E.164, or empty
    address: Mapped[str] = mapped_column(String(500))
    status: Mapped[str] = mapped_column(String(16))
    paid_fen: Mapped[int]  # what the buyer actually paid for the whole order, shipping included
    shipping_fee_fen: Mapped[int]  # 0: shipped free (包邮)
    carrier: Mapped[str] = mapped_column(String(50))
    tracking_number: Mapped[str] = mapped_column(String(64))
    paid_at: Mapped[datetime | None]
    shipped_at: Mapped[datetime | None]  # the carrier's record of the pick-up
    signed_at: Mapped[datetime | None]
    presale: Mapped[bool] = mapped_column(default=False)
    # The late-shipment watch: the shipping deadline, and when the worker must look next.
    ship_by: Mapped[datetime | None]
    watch_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class OrderItem(Base):
    """One line of an order: a SKU in a size and colour, its price and what was paid for it."""

    __tablename__ = "order_item"
    __table_args__ = (Index("ix_order_item_order_id_position", "order_id", "position"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id", ondelete="CASCADE"))
    position: Mapped[int]
    sku: Mapped[str] = mapped_column(String(64))
    title: Mapped[str] = mapped_column(String(200))
    size: Mapped[str] = mapped_column(String(32))
    colour: Mapped[str] = mapped_column(String(32))
    price_fen: Mapped[int]
    quantity: Mapped[int]
    paid_fen: Mapped[int]  # 实际成交金额 of the line
    category: Mapped[str] = mapped_column(String(20))  # what returning it is like (rules' Category)


class OrderRemark(Base):
    """A flagged remark on an order (标旗备注), in the handbook's format 事由--姓名--日期:
    red for pre-sales, blue for after-sales, yellow for the buyer's measurements and size."""

    __tablename__ = "order_remark"

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(
        ForeignKey("shop_order.id", ondelete="CASCADE"), index=True
    )
    flag: Mapped[str] = mapped_column(String(8))
    matter: Mapped[str] = mapped_column(String(500))
    author: Mapped[str] = mapped_column(String(100))
    day: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime]


class AfterSalesRule(Base):
    """A rule row the operator added (a shop's own number, or a platform's new one) on top of
    the defaults that ship with the code; the rows in force are both together."""

    __tablename__ = "aftersales_rule"
    __table_args__ = (UniqueConstraint("scope", "key", "effective_from"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    scope: Mapped[str] = mapped_column(String(20))
    key: Mapped[str] = mapped_column(String(60))
    value: Mapped[int]
    source: Mapped[str] = mapped_column(String(500))
    effective_from: Mapped[date]
    effective_until: Mapped[date | None]
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    created_at: Mapped[datetime]


class AfterSalesCase(Base):
    """An after-sales case (售后单) opened from a conversation about an order: what the buyer
    asks and why, the facts gathered step by step, and the engine's decisions with their
    reasons (``decisions``, recomputed from the facts after every change)."""

    __tablename__ = "aftersales_case"
    __table_args__ = (
        Index("ix_aftersales_case_ticket_id_id", "ticket_id", "id"),
        Index("ix_aftersales_case_order_id_id", "order_id", "id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"))
    order_item_id: Mapped[int | None] = mapped_column(ForeignKey("order_item.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"), index=True)
    kind: Mapped[str] = mapped_column(String(20))
    reason: Mapped[str] = mapped_column(String(20))
    remedy: Mapped[str | None] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(20))
    state_since: Mapped[datetime]
    requested_at: Mapped[datetime]
    # What the decisions are computed from (the agent may correct them while the case is open).
    amount_fen: Mapped[int]  # the refund or discount asked for; 0 when none
    return_shipping_fen: Mapped[int]
    replacement_shipping_fen: Mapped[int]
    in_stock: Mapped[bool]
    category: Mapped[str] = mapped_column(String(20))
    payee_verified: Mapped[bool]
    platform_timeout_at: Mapped[datetime | None]  # a refund's own timeout, read from the platform
    confirm_by: Mapped[datetime | None]  # the buyer's confirm-receipt deadline, if known
    # The facts of each step.
    evidence: Mapped[list[str]] = mapped_column(default=list)  # attachment ids, as text
    return_carrier: Mapped[str] = mapped_column(String(50))
    return_tracking: Mapped[str] = mapped_column(String(64))
    received_at: Mapped[datetime | None]
    check_passed: Mapped[bool | None]
    flaws: Mapped[list[str]] = mapped_column(default=list)
    replacement_tracking: Mapped[str] = mapped_column(String(64))
    withdrawn: Mapped[bool] = mapped_column(default=False)
    rejected: Mapped[bool] = mapped_column(default=False)
    decisions: Mapped[dict[str, Any]] = mapped_column(default=dict)
    # The refund timer: when the worker must look at this case next (None: nothing to watch).
    timer_at: Mapped[datetime | None] = mapped_column(index=True)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class CaseEvent(Base):
    """The audit of a case: every move, with who, when and the facts given."""

    __tablename__ = "aftersales_case_event"
    __table_args__ = (Index("ix_aftersales_case_event_case_id_id", "case_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("aftersales_case.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    old_state: Mapped[str | None] = mapped_column(String(20))
    new_state: Mapped[str | None] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime]


class Payout(Base):
    """Money paid back for a case (退款 / 即时到账), or asked for and awaiting a supervisor's
    approval. A case has at most one payout that is not rejected: the ledger refuses a second
    one and the partial unique index below makes the database refuse it too."""

    __tablename__ = "aftersales_payout"
    __table_args__ = (
        Index(
            "uq_aftersales_payout_case_id_live",
            "case_id",
            unique=True,
            sqlite_where=text("status <> 'rejected'"),
            postgresql_where=text("status <> 'rejected'"),
        ),
        Index("ix_aftersales_payout_requested_by_id_paid_at", "requested_by_id", "paid_at"),
        Index("ix_aftersales_payout_paid_at", "paid_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    case_id: Mapped[int] = mapped_column(ForeignKey("aftersales_case.id"))
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"), index=True)
    amount_fen: Mapped[int]
    method: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(20))
    fee_fen: Mapped[int]  # what the payment platform keeps (instant refunds)
    deducted_fen: Mapped[int]  # the part of the fee the buyer bears
    agreement_confirmed: Mapped[bool]
    requested_by_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    approver_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    reason: Mapped[str] = mapped_column(String(80))  # the ledger's decision, an i18n code
    params: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[datetime]
    decided_at: Mapped[datetime | None]  # approved or rejected
    paid_at: Mapped[datetime | None]


class Complaint(Base):
    """The complaint workflow (投诉) of a ticket of type complaint."""

    __tablename__ = "complaint"

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True
    )
    state: Mapped[str] = mapped_column(String(20))
    state_since: Mapped[datetime]
    supervisor_informed_at: Mapped[datetime | None]
    informed_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    proposal: Mapped[str] = mapped_column(Text)
    carried_out: Mapped[bool] = mapped_column(default=False)
    malicious: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class PenaltyPoint(Base):
    """Points recorded against an agent for a fault the system saw (seed 000 七 and 八), for the
    monthly KPIs. The dedupe key makes the same fault count once however often it is seen."""

    __tablename__ = "penalty_point"
    __table_args__ = (
        UniqueConstraint("dedupe_key"),
        Index("ix_penalty_point_agent_id_at", "agent_id", "at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    agent_id: Mapped[int] = mapped_column(ForeignKey("user_account.id"))
    fault: Mapped[str] = mapped_column(String(40))
    points: Mapped[int]
    source: Mapped[str] = mapped_column(String(300))
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"))
    case_id: Mapped[int | None] = mapped_column(ForeignKey("aftersales_case.id"))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    dedupe_key: Mapped[str] = mapped_column(String(120))
    at: Mapped[datetime]


class Dispute(Base):
    """A platform dispute (维权) a buyer opened about an order: its kind, the deadline to answer
    the platform, the checklist the agent works through, the engine's assessment with the rule
    it rests on, and where it stands (open → submitted → closed)."""

    __tablename__ = "aftersales_dispute"
    __table_args__ = (
        Index("ix_aftersales_dispute_order_id_id", "order_id", "id"),
        Index("ix_aftersales_dispute_ticket_id_id", "ticket_id", "id"),
        Index("ix_aftersales_dispute_state_deadline_at", "state", "deadline_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    order_id: Mapped[int] = mapped_column(ForeignKey("shop_order.id"))
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    state: Mapped[str] = mapped_column(String(16))
    outcome: Mapped[str] = mapped_column(String(16))  # "" until closed
    opened_at: Mapped[datetime]  # when the buyer opened it on the platform
    platform_deadline_at: Mapped[datetime | None]  # the platform's own deadline, when read
    deadline_at: Mapped[datetime]
    # item code → {"by": user id, "name": who, "at": ISO instant}; unticked items are absent.
    checklist: Mapped[dict[str, Any]] = mapped_column(default=dict)
    assessment: Mapped[dict[str, Any]] = mapped_column(default=dict)
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    closed_at: Mapped[datetime | None]


class DisputeEvent(Base):
    """The audit of a dispute: opened, items ticked, moved; the timeline of its evidence pack."""

    __tablename__ = "aftersales_dispute_event"
    __table_args__ = (Index("ix_aftersales_dispute_event_dispute_id_id", "dispute_id", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    dispute_id: Mapped[int] = mapped_column(ForeignKey("aftersales_dispute.id", ondelete="CASCADE"))
    actor_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    kind: Mapped[str] = mapped_column(String(20))
    detail: Mapped[dict[str, Any]] = mapped_column(default=dict)
    at: Mapped[datetime]


class ComplaintConversation(Base):
    """A conversation of the complaining customer, gathered onto the complaint when it was
    opened (seed 000 七(1): 查明……客人的所有聊天记录), whatever its channel."""

    __tablename__ = "complaint_conversation"

    complaint_id: Mapped[int] = mapped_column(
        ForeignKey("complaint.ticket_id", ondelete="CASCADE"), primary_key=True
    )
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), primary_key=True)
    channel: Mapped[str] = mapped_column(String(16))


class CallbackTask(Base):
    """The phone call-back a complaint owes the customer (seed 000 七(2): 立即电话联系客人),
    due within the SOP's minutes; done by a named agent with a note."""

    __tablename__ = "callback_task"
    __table_args__ = (UniqueConstraint("complaint_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    complaint_id: Mapped[int] = mapped_column(ForeignKey("complaint.ticket_id", ondelete="CASCADE"))
    customer_phone: Mapped[str] = mapped_column(String(32))  # E.164, or "" when none is known
    due_at: Mapped[datetime] = mapped_column(index=True)
    done_at: Mapped[datetime | None]
    done_by_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))
    note: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]


class ComplaintWatch(Base):
    """A conversation whose customer wrote like a complaint (投诉, 差评, 12315 …) while the ticket
    was not one: unless it is marked a complaint or reported to the supervisor by ``due_at``, the
    agent handling it gets the handbook's points (seed 000 七 注: 发现投诉后不予理睬和上报的)."""

    __tablename__ = "complaint_watch"

    ticket_id: Mapped[int] = mapped_column(
        ForeignKey("ticket.id", ondelete="CASCADE"), primary_key=True
    )
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id", ondelete="CASCADE"))
    keyword: Mapped[str] = mapped_column(String(20))
    seen_at: Mapped[datetime]
    due_at: Mapped[datetime | None] = mapped_column(index=True)  # None once looked at
    outcome: Mapped[str] = mapped_column(String(20))  # "" until due: reported | penalised | …
    agent_id: Mapped[int | None] = mapped_column(ForeignKey("user_account.id"))


class SweepCursor(Base):
    """How far a sweep that reads a growing table (messages) has read, shared by every worker."""

    __tablename__ = "aftersales_sweep_cursor"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    last_id: Mapped[int]
