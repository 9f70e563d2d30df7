"""Request and response shapes of the after-sales API. Money is an integer of fen; each
decision of the engine comes with its reason in the caller's language and the rule it cites."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from kefu.aftersales.rules import CaseState, Category, ComplaintState, Flaw, PayoutMethod, Remedy
from kefu.aftersales.service import CaseKind, CaseReason, OrderStatus, RemarkFlag

MAX_FEN = 10**10  # a hundred million yuan: beyond any order


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Decision(BaseModel):
    """One decision: ``message`` says it in words an agent can repeat, ``source`` is the rule
    it rests on; ``details`` carries the decision's own values (deadlines, payers, costs)."""

    code: str
    message: str
    source: str | None
    rule: dict[str, Any] | None
    details: dict[str, Any]


# -- orders -----------------------------------------------------------------------------------


class ItemWrite(Strict):
    sku: str = Field(min_length=1, max_length=64)
    title: str = Field(default="", max_length=200)
    size: str = Field(default="", max_length=32)
    colour: str = Field(default="", max_length=32)
    price_fen: int = Field(ge=0, le=MAX_FEN)
    quantity: int = Field(default=1, ge=1, le=100_000)
    paid_fen: int | None = Field(default=None, ge=0, le=MAX_FEN)
    category: Category = Category.GENERAL


class RemarkWrite(Strict):
    flag: RemarkFlag
    matter: str = Field(min_length=1, max_length=500)
    author: str = Field(default="", max_length=100)
    day: date | None = None


class OrderCreate(Strict):
    platform: str = Field(pattern=r"^[a-z][a-z0-9_]{0,19}$")
    number: str = Field(min_length=1, max_length=64)
    paid_fen: int = Field(ge=0, le=MAX_FEN)
    buyer_id: str = Field(default="", max_length=64)
    receiver_name: str = Field(default="", max_length=100)
    receiver_phone: str = Field(default="", max_length=32)
    address: str = Field(default="", max_length=500)
    status: OrderStatus | None = None
    shipping_fee_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    carrier: str = Field(default="", max_length=50)
    tracking_number: str = Field(default="", max_length=64)
    paid_at: AwareDatetime | None = None
    shipped_at: AwareDatetime | None = None
    signed_at: AwareDatetime | None = None
    presale: bool = False
    items: list[ItemWrite] = Field(default_factory=list, max_length=200)
    remarks: list[RemarkWrite] = Field(default_factory=list, max_length=50)


class RemarkCreate(Strict):
    flag: RemarkFlag
    matter: str = Field(min_length=1, max_length=500)


class ItemRead(BaseModel):
    id: int
    position: int
    sku: str
    title: str
    size: str
    colour: str
    price_fen: int
    quantity: int
    paid_fen: int
    category: str


class RemarkRead(BaseModel):
    id: int
    flag: str
    flag_label: str
    matter: str
    author: str
    day: date | None
    text: str  # 事由--姓名--日期
    created_at: datetime


class OrderRead(BaseModel):
    id: int
    platform: str
    number: str
    customer_id: int
    buyer_id: str
    receiver_name: str
    receiver_phone: str
    address: str
    status: str
    status_label: str
    paid_fen: int
    shipping_fee_fen: int
    free_shipping: bool
    carrier: str
    tracking_number: str
    paid_at: datetime | None
    shipped_at: datetime | None
    signed_at: datetime | None
    presale: bool
    ship_by: datetime | None
    late_shipment: Decision | None
    items: list[ItemRead]
    remarks: list[RemarkRead]
    created_at: datetime
    updated_at: datetime


class OrderPage(BaseModel):
    items: list[OrderRead]
    next_cursor: str | None


class ImportRead(BaseModel):
    created: int
    updated: int
    order_ids: list[int]


# -- cases ------------------------------------------------------------------------------------


class CaseCreate(Strict):
    order_id: int
    item_id: int | None = None
    kind: CaseKind
    reason: CaseReason
    amount_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    return_shipping_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    replacement_shipping_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    in_stock: bool = True
    category: Category | None = None
    payee_verified: bool = True
    platform_timeout_at: AwareDatetime | None = None
    confirm_by: AwareDatetime | None = None
    requested_at: AwareDatetime | None = None
    note: str = Field(default="", max_length=500)


class CaseUpdate(Strict):
    amount_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    return_shipping_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    replacement_shipping_fen: int = Field(default=0, ge=0, le=MAX_FEN)
    in_stock: bool = True
    category: Category = Category.GENERAL
    payee_verified: bool = True
    platform_timeout_at: AwareDatetime | None = None
    confirm_by: AwareDatetime | None = None


class CaseTransition(Strict):
    to: CaseState
    reason: CaseReason | None = None
    remedy: Remedy | None = None
    return_carrier: str | None = Field(default=None, max_length=50)
    return_tracking: str | None = Field(default=None, max_length=64)
    received_at: AwareDatetime | None = None
    check_passed: bool | None = None
    flaws: list[Flaw] = Field(default_factory=list, max_length=10)
    replacement_tracking: str | None = Field(default=None, max_length=64)
    withdrawn: bool = False
    rejected: bool = False
    note: str = Field(default="", max_length=500)


class EvidenceLink(Strict):
    attachment_ids: list[int] = Field(min_length=1, max_length=50)


class CaseEventRead(BaseModel):
    id: int
    kind: str
    old_state: str | None
    new_state: str | None
    actor_id: int | None
    detail: dict[str, Any]
    at: datetime


class PayoutRead(BaseModel):
    id: int
    case_id: int
    order_id: int
    amount_fen: int
    method: str
    status: str
    status_label: str
    fee_fen: int
    deducted_fen: int
    agreement_confirmed: bool
    requested_by_id: int
    approver_id: int | None
    note: str
    decision: Decision
    created_at: datetime
    decided_at: datetime | None
    paid_at: datetime | None


class CaseRead(BaseModel):
    id: int
    ticket_id: int
    order_id: int
    item_id: int | None
    customer_id: int
    agent_id: int | None
    kind: str
    kind_label: str
    reason: str
    reason_label: str
    remedy: str | None
    state: str
    state_label: str
    state_since: datetime
    next_states: list[str]
    requested_at: datetime
    amount_fen: int
    return_shipping_fen: int
    replacement_shipping_fen: int
    in_stock: bool
    category: str
    payee_verified: bool
    platform_timeout_at: datetime | None
    confirm_by: datetime | None
    evidence: list[int]
    return_carrier: str
    return_tracking: str
    received_at: datetime | None
    check_passed: bool | None
    flaws: list[str]
    replacement_tracking: str
    decisions: dict[str, Decision]
    history: list[CaseEventRead]
    payouts: list[PayoutRead]
    created_at: datetime
    updated_at: datetime
    closed_at: datetime | None


class PayoutCreate(Strict):
    amount_fen: int = Field(ge=1, le=MAX_FEN)
    method: PayoutMethod
    agreement_confirmed: bool
    note: str = Field(default="", max_length=500)


class PayoutReject(Strict):
    note: str = Field(min_length=1, max_length=500)


class RegisterLineRead(BaseModel):
    payout_id: int
    paid_at: datetime
    agent: str
    ticket_number: str
    case_id: int
    platform: str
    order_number: str
    buyer_id: str
    kind: str
    reason: str
    method: str
    amount_fen: int
    fee_fen: int
    deducted_fen: int
    approver: str
    note: str


class RegisterRead(BaseModel):
    day: date
    agent_id: int | None
    count: int
    total_fen: int
    lines: list[RegisterLineRead]


# -- complaints -------------------------------------------------------------------------------


class ComplaintRead(BaseModel):
    ticket_id: int
    state: str
    state_label: str
    state_since: datetime
    due_at: datetime | None
    next_states: list[str]
    supervisor_informed_at: datetime | None
    proposal: str
    carried_out: bool
    malicious: bool
    limits_minutes: dict[str, int]


class ComplaintTransition(Strict):
    to: ComplaintState
    proposal: str | None = Field(default=None, max_length=2000)
    supervisor_informed: bool = False
    carried_out: bool = False


class BlacklistRequest(Strict):
    reason: str = Field(min_length=1, max_length=500)


# -- the rule table ---------------------------------------------------------------------------


class RuleRowRead(BaseModel):
    id: int | None  # None: a default shipped with kefu
    origin: str  # default | custom
    scope: str
    key: str
    value: int
    unit: str
    source: str
    effective_from: date
    effective_until: date | None


class EffectiveRuleRead(BaseModel):
    key: str
    unit: str
    favours: str
    value: int | None
    row: RuleRowRead | None
    set_aside: list[RuleRowRead]


class RulesRead(BaseModel):
    platform: str | None
    on: date
    effective: list[EffectiveRuleRead]
    rows: list[RuleRowRead]


class RuleCreate(Strict):
    key: str = Field(min_length=1, max_length=60)
    value: int = Field(ge=0, le=MAX_FEN)
    source: str = Field(min_length=1, max_length=500)
    effective_from: date
    effective_until: date | None = None
    scope: str = Field(default="shop", pattern=r"^[a-z][a-z0-9_]{0,19}$")
