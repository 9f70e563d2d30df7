"""The after-sales case and the complaint, as state machines.

A case follows seed 004 售后客服工作流程: understand what happened (了解情况), gather evidence
(举证: the buyer's photos), judge whose fault it is (判断), decide the remedy (折价 / 换货 /
退货 / 补发), the buyer ships back with a tracking number (买家提供退货快递单号), the goods are
received and checked (收到退件, 检查商品质量), then the refund is paid or the replacement sent
(退款 / 发买家需要的货), and the case is closed. A partial refund skips the parcels; a
reshipment sends the missing part without anything coming back.

A complaint follows seed 004 客诉作业指引 and seed 000 七: received, passed on to the
supervisor (第一时间上报主管) and investigated, a proposal made, accepted or refused by the
customer, then closed. Its SOP minutes (5 to pass on, 30 for a first analysis, 10 to confirm
with the customer) are exposed as data for the SLA timers.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.terms import AfterSalesReason, Remedy


class CaseState(StrEnum):
    UNDERSTANDING = "understanding"  # 了解情况
    EVIDENCE = "evidence"  # 举证
    JUDGING = "judging"  # 判断
    DECIDING = "deciding"  # 折价 / 换货 / 退货 / 补发
    AWAITING_RETURN = "awaiting_return"  # waiting for the buyer's parcel and its tracking number
    RETURN_SHIPPED = "return_shipped"  # the parcel is on its way back
    INSPECTING = "inspecting"  # received, being checked
    REFUNDING = "refunding"  # 退款 / 退差价
    REPLACING = "replacing"  # 换货 / 补发: sending the goods
    CLOSED = "closed"


@dataclass(frozen=True)
class CaseFacts:
    """What a transition may look at."""

    reason: AfterSalesReason | None = None  # the cause claimed, then as judged
    remedy: Remedy | None = None  # decided remedy
    photos: int = 0  # the buyer's evidence
    return_tracking: str | None = None
    return_received: bool = False
    check_passed: bool | None = None  # None: not checked yet
    refund_paid: bool = False
    replacement_tracking: str | None = None
    withdrawn: bool = False  # the buyer withdrew the request
    rejected: bool = False  # judged unfounded (the check failed, say) and the buyer was told


@dataclass(frozen=True)
class TransitionDecision:
    allowed: bool
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


S = CaseState
# The allowed moves. A case closes early (withdrawn, or rejected after judging) only while
# no parcel or money is in flight.
CASE_TRANSITIONS: Mapping[CaseState, frozenset[CaseState]] = {
    S.UNDERSTANDING: frozenset({S.EVIDENCE, S.JUDGING, S.CLOSED}),
    S.EVIDENCE: frozenset({S.JUDGING, S.CLOSED}),
    S.JUDGING: frozenset({S.EVIDENCE, S.DECIDING, S.CLOSED}),
    S.DECIDING: frozenset({S.AWAITING_RETURN, S.REFUNDING, S.REPLACING, S.CLOSED}),
    S.AWAITING_RETURN: frozenset({S.RETURN_SHIPPED, S.CLOSED}),
    S.RETURN_SHIPPED: frozenset({S.INSPECTING}),
    S.INSPECTING: frozenset({S.REFUNDING, S.REPLACING, S.JUDGING}),
    S.REFUNDING: frozenset({S.CLOSED}),
    S.REPLACING: frozenset({S.CLOSED}),
    S.CLOSED: frozenset(),
}

# Where each decided remedy goes from DECIDING, and after a passed check.
_AFTER_DECISION = {
    Remedy.PARTIAL_REFUND: S.REFUNDING,
    Remedy.RESHIP: S.REPLACING,
    Remedy.RETURN: S.AWAITING_RETURN,
    Remedy.EXCHANGE: S.AWAITING_RETURN,
}
_AFTER_CHECK = {Remedy.RETURN: S.REFUNDING, Remedy.EXCHANGE: S.REPLACING}


def decide_transition(
    current: CaseState, target: CaseState, facts: CaseFacts
) -> TransitionDecision:
    """May a case move from ``current`` to ``target``, given ``facts``?"""
    params = {"old": str(current), "new": str(target)}
    if target not in CASE_TRANSITIONS[current]:
        return TransitionDecision(False, "aftersales.case.illegal", params)
    refusal = _guard(current, target, facts)
    if refusal is not None:
        return TransitionDecision(False, refusal, params)
    return TransitionDecision(True, f"aftersales.case.to.{target}", params)


def _guard(current: CaseState, target: CaseState, facts: CaseFacts) -> str | None:
    if target is S.CLOSED:
        return _closing(current, facts)
    if target is S.JUDGING and current is not S.INSPECTING:
        # Seed 001 售后环节: ask for photos first; a claim of fault is judged on evidence. A
        # change of mind needs none, so such a case may skip the evidence step.
        at_fault = facts.reason is None or facts.reason.shop_at_fault
        return "aftersales.case.needs_photos" if at_fault and facts.photos == 0 else None
    if target is S.DECIDING:
        return None if facts.reason is not None else "aftersales.case.needs_cause"
    if current is S.DECIDING:
        expected = _AFTER_DECISION.get(facts.remedy) if facts.remedy else None
        return None if expected is target else "aftersales.case.wrong_remedy_step"
    return _after_decision(current, target, facts)


def _after_decision(current: CaseState, target: CaseState, facts: CaseFacts) -> str | None:
    if target is S.RETURN_SHIPPED:
        return None if (facts.return_tracking or "").strip() else "aftersales.case.needs_tracking"
    if target is S.INSPECTING:
        return None if facts.return_received else "aftersales.case.not_received"
    if current is S.INSPECTING and target is S.JUDGING:
        return None if facts.check_passed is False else "aftersales.case.check_not_failed"
    if current is S.INSPECTING:
        if facts.check_passed is not True:
            return "aftersales.case.check_not_passed"
        expected = _AFTER_CHECK.get(facts.remedy) if facts.remedy else None
        return None if expected is target else "aftersales.case.wrong_remedy_step"
    return None


def _closing(current: CaseState, facts: CaseFacts) -> str | None:
    if current is S.REFUNDING:
        return None if facts.refund_paid else "aftersales.case.refund_unpaid"
    if current is S.REPLACING:
        shipped = (facts.replacement_tracking or "").strip()
        return None if shipped else "aftersales.case.replacement_unshipped"
    return None if facts.withdrawn or facts.rejected else "aftersales.case.still_open"


# -- complaints -------------------------------------------------------------------------------


class ComplaintState(StrEnum):
    RECEIVED = "received"
    INVESTIGATING = "investigating"
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    REFUSED = "refused"
    CLOSED = "closed"


@dataclass(frozen=True)
class ComplaintFacts:
    supervisor_informed: bool = False  # seed 000 七(1): 第一时间上报主管
    proposal: str | None = None  # the remedy proposed to the customer
    carried_out: bool = False  # the accepted proposal was done
    supervisor_decided: bool = False  # seed 000 七(5): an unresolved complaint is theirs


C = ComplaintState
COMPLAINT_TRANSITIONS: Mapping[ComplaintState, frozenset[ComplaintState]] = {
    C.RECEIVED: frozenset({C.INVESTIGATING}),
    C.INVESTIGATING: frozenset({C.PROPOSED}),
    C.PROPOSED: frozenset({C.ACCEPTED, C.REFUSED}),
    C.ACCEPTED: frozenset({C.CLOSED}),
    C.REFUSED: frozenset({C.INVESTIGATING, C.CLOSED}),
    C.CLOSED: frozenset(),
}


def decide_complaint_transition(
    current: ComplaintState, target: ComplaintState, facts: ComplaintFacts
) -> TransitionDecision:
    params = {"old": str(current), "new": str(target)}
    if target not in COMPLAINT_TRANSITIONS[current]:
        return TransitionDecision(False, "aftersales.complaint.illegal", params)
    refusal = _complaint_guard(current, target, facts)
    if refusal is not None:
        return TransitionDecision(False, refusal, params)
    return TransitionDecision(True, f"aftersales.complaint.to.{target}", params)


def _complaint_guard(
    current: ComplaintState, target: ComplaintState, facts: ComplaintFacts
) -> str | None:
    if target is C.INVESTIGATING and not facts.supervisor_informed:
        return "aftersales.complaint.inform_supervisor"
    if target is C.PROPOSED and not (facts.proposal or "").strip():
        return "aftersales.complaint.needs_proposal"
    if current is C.ACCEPTED and not facts.carried_out:
        return "aftersales.complaint.not_carried_out"
    if current is C.REFUSED and target is C.CLOSED and not facts.supervisor_decided:
        return "aftersales.complaint.supervisor_must_decide"
    return None


@dataclass(frozen=True)
class TimeLimit:
    """How long a complaint may stay in a state before its SLA timer warns."""

    minutes: int
    rule: RuleRow

    def due(self, entered_at: datetime) -> datetime:
        return entered_at + timedelta(minutes=self.minutes)


COMPLAINT_LIMIT_KEYS: Mapping[ComplaintState, str] = {
    C.RECEIVED: "complaint.pass_on_minutes",
    C.INVESTIGATING: "complaint.analysis_minutes",
    C.PROPOSED: "complaint.confirm_minutes",
}


def complaint_time_limits(
    rows: Iterable[RuleRow], *, platform: str | None, on: date
) -> dict[ComplaintState, TimeLimit]:
    """The SOP's minutes per complaint state (seed 004 客诉作业指引 6.2.1), from the rule table."""
    rows = tuple(rows)
    limits: dict[ComplaintState, TimeLimit] = {}
    for state, key in COMPLAINT_LIMIT_KEYS.items():
        resolved = rule_value(rows, key, platform=platform, on=on)
        limits[state] = TimeLimit(resolved.value, resolved.row)
    return limits
