"""Platform disputes (维权, seed 001 维权 section): the five kinds a buyer opens against an order,
the checklist an agent works through for each, the deadline to answer the platform, the
engine's assessment of the order's facts (citing the rule it rests on) and the dispute's small
state machine (open → submitted → closed).

The checklists follow the handbook's advice for each kind (虚假发货: call the carrier, upload the
waybill, call the buyer; 未收到货: ask the courier who signed …) and research china-cs.md §4
(the carrier's record is the shipping time, a signature by an agent counts, a 7-day return is
counted from the day after sign-for). The deadline is the platform's own when the caller has
it, else the rule table's ``dispute.respond_hours`` after the dispute was opened.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta, tzinfo
from enum import StrEnum

from kefu.aftersales import dispute_messages as _texts  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.cases import TransitionDecision
from kefu.aftersales.rules.disputes import PaidOrder, late_shipment
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.terms import (
    SHOP_TZ,
    Deadline,
    end_of_day_count,
    local_day,
    require_aware,
    shown,
)


class DisputeKind(StrEnum):
    FALSE_SHIPMENT = "false_shipment"  # 虚假发货
    LATE_SHIPMENT = "late_shipment"  # 延迟发货
    BROKEN_PROMISE = "broken_promise"  # 违背承诺
    NOT_RECEIVED = "not_received"  # 未收到货
    SEVEN_DAY_RETURN = "seven_day_return"  # 七天无理由退换货


class DisputeState(StrEnum):
    OPEN = "open"  # the agent works through the checklist
    SUBMITTED = "submitted"  # the evidence went to the platform
    CLOSED = "closed"


class DisputeOutcome(StrEnum):
    WITHDRAWN = "withdrawn"  # the buyer withdrew it (协商撤诉)
    WON = "won"  # the platform ruled for the shop
    LOST = "lost"  # the platform ruled for the buyer


# The checklist of each kind, in the order an agent works: item codes, each an i18n key under
# ``aftersales.dispute.check.<kind>.<item>``.
CHECKLISTS: Mapping[DisputeKind, tuple[str, ...]] = {
    DisputeKind.FALSE_SHIPMENT: ("call_carrier", "upload_waybill", "match_tracking", "call_buyer"),
    DisputeKind.LATE_SHIPMENT: ("pickup_time", "exemption", "contact_buyer", "pay_penalty"),
    DisputeKind.BROKEN_PROMISE: ("find_promise", "check_kept", "contact_buyer", "submit_chat"),
    DisputeKind.NOT_RECEIVED: ("call_carrier", "ask_signer", "reship_or_refund", "claim_carrier"),
    DisputeKind.SEVEN_DAY_RETURN: ("check_window", "check_intact", "quality_proof", "contact"),
}

# Where each kind's advice comes from, cited by the assessment when no rule row is involved.
_SEED = "售后手册·维权"
SOURCES: Mapping[DisputeKind, str] = {
    DisputeKind.FALSE_SHIPMENT: (
        f"{_SEED}·虚假发货:致电快递公司核实,提供发货面单上传凭证,主动致电买家沟通解释"
    ),
    DisputeKind.LATE_SHIPMENT: (
        f"{_SEED}·延迟发货:付款后七十二小时内未发货,发货时间以快递公司系统记录为准"
    ),
    DisputeKind.BROKEN_PROMISE: (
        f"{_SEED}·违背承诺:拒绝提供商品页面或客服承诺的服务,买家可发起违背承诺维权"
    ),
    DisputeKind.NOT_RECEIVED: (
        "《淘宝平台争议处理规则》第三十六至三十八条:本人或代收人签收视为收货;主张未收到货的,由对方举证"
    ),
    DisputeKind.SEVEN_DAY_RETURN: (
        f"{_SEED}·七天无理由退换货:自确认签收之日起7天内(以物流签收时间为准),商品须完好"
    ),
}


def checklist_of(kind: DisputeKind) -> tuple[str, ...]:
    return CHECKLISTS[kind]


def missing_items(kind: DisputeKind, ticked: Iterable[str]) -> tuple[str, ...]:
    """The items of ``kind``'s checklist not ticked yet, in order."""
    done = set(ticked)
    return tuple(item for item in CHECKLISTS[kind] if item not in done)


def dispute_deadline(
    opened_at: datetime,
    *,
    rows: Iterable[RuleRow],
    platform: str | None,
    platform_deadline: datetime | None = None,
    tz: tzinfo = SHOP_TZ,
) -> Deadline:
    """By when the shop must answer a dispute opened at ``opened_at``: the platform's own
    deadline when read from it, else the rule table's hours."""
    require_aware(opened_at, "opened_at")
    if platform_deadline is not None:
        require_aware(platform_deadline, "platform_deadline")
        params = {"deadline": shown(platform_deadline, tz)}
        return Deadline(platform_deadline, None, "aftersales.dispute.platform_deadline", params)
    rule = rule_value(
        tuple(rows), "dispute.respond_hours", platform=platform, on=local_day(opened_at, tz)
    )
    at = opened_at + timedelta(hours=rule.value)
    params = {"hours": str(rule.value), "deadline": shown(at, tz), "source": rule.source}
    return Deadline(at, rule.row, "aftersales.dispute.respond_by", params)


@dataclass(frozen=True)
class DisputedOrder:
    """The facts of the order a dispute is about."""

    platform: str | None
    paid_at: datetime | None
    item_paid_fen: int
    shipped_at: datetime | None  # the carrier's record of the pick-up
    signed_at: datetime | None
    tracking_number: str = ""
    presale: bool = False


@dataclass(frozen=True)
class Assessment:
    """What the order's facts say about the dispute: an i18n reason the agent can repeat, with
    the rule row it rests on (None: the handbook's advice, cited in ``params["source"]``)."""

    reason: str
    rule: RuleRow | None
    params: dict[str, str] = field(default_factory=dict)
    upheld: bool | None = None  # True: the facts support the buyer; None: the facts cannot tell


def assess_dispute(
    kind: DisputeKind,
    order: DisputedOrder,
    *,
    opened_at: datetime,
    rows: Iterable[RuleRow],
    tz: tzinfo = SHOP_TZ,
) -> Assessment:
    """The engine's reading of a dispute of ``kind`` about ``order``, at ``opened_at``."""
    require_aware(opened_at, "opened_at")
    rows = tuple(rows)
    if kind is DisputeKind.LATE_SHIPMENT:
        return _late(order, opened_at, rows, tz)
    if kind is DisputeKind.SEVEN_DAY_RETURN:
        return _seven_days(order, opened_at, rows, tz)
    source = {"source": SOURCES[kind]}
    if kind is DisputeKind.FALSE_SHIPMENT:
        if order.shipped_at is None or not order.tracking_number.strip():
            return Assessment("aftersales.dispute.assess.no_carrier_record", None, source, True)
        shipped = shown(order.shipped_at, tz)
        params = {**source, "shipped": shipped, "tracking": order.tracking_number}
        return Assessment("aftersales.dispute.assess.carrier_record", None, params, False)
    if kind is DisputeKind.NOT_RECEIVED:
        if order.signed_at is None:
            return Assessment("aftersales.dispute.assess.not_signed", None, source, None)
        params = {**source, "signed": shown(order.signed_at, tz)}
        return Assessment("aftersales.dispute.assess.signed", None, params, None)
    return Assessment("aftersales.dispute.assess.check_promise", None, source, None)


def _late(
    order: DisputedOrder, opened_at: datetime, rows: tuple[RuleRow, ...], tz: tzinfo
) -> Assessment:
    if order.paid_at is None:
        source = {"source": SOURCES[DisputeKind.LATE_SHIPMENT]}
        return Assessment("aftersales.dispute.assess.not_paid", None, source, False)
    paid = PaidOrder(
        order_id="",
        platform=order.platform,
        paid_at=order.paid_at,
        item_paid_fen=order.item_paid_fen,
        shipped_at=order.shipped_at,
        presale=order.presale,
    )
    late = late_shipment(paid, rows=rows, now=opened_at, tz=tz)
    return Assessment(late.reason, late.rule, dict(late.params), late.late)


def _seven_days(
    order: DisputedOrder, opened_at: datetime, rows: tuple[RuleRow, ...], tz: tzinfo
) -> Assessment:
    if order.signed_at is None:
        source = {"source": SOURCES[DisputeKind.SEVEN_DAY_RETURN]}
        return Assessment("aftersales.dispute.assess.return_not_signed", None, source, None)
    window = rule_value(
        rows, "return.no_reason_days", platform=order.platform, on=local_day(order.signed_at, tz)
    )
    deadline = end_of_day_count(order.signed_at, window.value, tz)
    params = {
        "source": window.source,
        "days": str(window.value),
        "signed": shown(order.signed_at, tz),
        "deadline": shown(deadline, tz),
    }
    if opened_at <= deadline:
        return Assessment("aftersales.dispute.assess.return_in_window", window.row, params, True)
    return Assessment("aftersales.dispute.assess.return_out_of_window", window.row, params, False)


# -- the state machine ------------------------------------------------------------------------

D = DisputeState
DISPUTE_TRANSITIONS: Mapping[DisputeState, frozenset[DisputeState]] = {
    D.OPEN: frozenset({D.SUBMITTED, D.CLOSED}),
    D.SUBMITTED: frozenset({D.CLOSED}),
    D.CLOSED: frozenset(),
}


@dataclass(frozen=True)
class DisputeFacts:
    kind: DisputeKind
    ticked: frozenset[str] = frozenset()
    outcome: DisputeOutcome | None = None


def decide_dispute_transition(
    current: DisputeState, target: DisputeState, facts: DisputeFacts
) -> TransitionDecision:
    """Evidence goes to the platform only with the whole checklist done (seed 000 七(4): submit
    valid evidence); an open dispute closes only when the buyer withdrew it, a submitted one
    with the platform's ruling."""
    params = {"old": str(current), "new": str(target)}
    if target not in DISPUTE_TRANSITIONS[current]:
        return TransitionDecision(False, "aftersales.dispute.illegal", params)
    if target is D.SUBMITTED:
        missing = missing_items(facts.kind, facts.ticked)
        if missing:
            params["count"] = str(len(missing))
            return TransitionDecision(False, "aftersales.dispute.checklist_incomplete", params)
    if target is D.CLOSED:
        if facts.outcome is None:
            return TransitionDecision(False, "aftersales.dispute.needs_outcome", params)
        withdrawn = facts.outcome is DisputeOutcome.WITHDRAWN
        if current is D.OPEN and not withdrawn:
            return TransitionDecision(False, "aftersales.dispute.ruling_before_submit", params)
    return TransitionDecision(True, f"aftersales.dispute.to.{target}", params)
