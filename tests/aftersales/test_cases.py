"""The after-sales case (seed 004 售后客服工作流程) and the complaint, as state machines."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from itertools import pairwise

import pytest

from kefu.aftersales.rules import (
    CASE_TRANSITIONS,
    COMPLAINT_TRANSITIONS,
    DEFAULT_RULES,
    SHOP,
    AfterSalesReason,
    CaseFacts,
    CaseState,
    ComplaintFacts,
    ComplaintState,
    Remedy,
    RuleRow,
    complaint_time_limits,
    decide_complaint_transition,
    decide_transition,
)
from tests.aftersales.factories import at, explained

S, C, R = CaseState, ComplaintState, AfterSalesReason

# Facts that satisfy every guard of a quality return.
DONE = CaseFacts(
    reason=R.QUALITY,
    remedy=Remedy.RETURN,
    photos=2,
    return_tracking="SF1234567890",
    return_received=True,
    check_passed=True,
    refund_paid=True,
    replacement_tracking="YT0987654321",
)


def walk(path: list[CaseState], facts: CaseFacts) -> None:
    for old, new in pairwise(path):
        decision = decide_transition(old, new, facts)
        assert decision.allowed, (old, new, decision.reason)
        assert decision.reason == f"aftersales.case.to.{new}"
        explained(decision)


def test_a_quality_return_goes_through_every_step_of_the_handbook() -> None:
    walk(
        [
            S.UNDERSTANDING,
            S.EVIDENCE,
            S.JUDGING,
            S.DECIDING,
            S.AWAITING_RETURN,
            S.RETURN_SHIPPED,
            S.INSPECTING,
            S.REFUNDING,
            S.CLOSED,
        ],
        DONE,
    )


def test_an_exchange_ends_with_the_replacement_sent() -> None:
    walk(
        [
            S.UNDERSTANDING,
            S.EVIDENCE,
            S.JUDGING,
            S.DECIDING,
            S.AWAITING_RETURN,
            S.RETURN_SHIPPED,
            S.INSPECTING,
            S.REPLACING,
            S.CLOSED,
        ],
        replace(DONE, remedy=Remedy.EXCHANGE),
    )


def test_a_partial_refund_skips_the_parcels() -> None:
    walk(
        [S.UNDERSTANDING, S.EVIDENCE, S.JUDGING, S.DECIDING, S.REFUNDING, S.CLOSED],
        replace(DONE, remedy=Remedy.PARTIAL_REFUND),
    )


def test_a_missing_item_is_reshipped_without_anything_coming_back() -> None:
    walk(
        [S.UNDERSTANDING, S.EVIDENCE, S.JUDGING, S.DECIDING, S.REPLACING, S.CLOSED],
        replace(DONE, reason=R.MISSING_ITEM, remedy=Remedy.RESHIP),
    )


def test_a_change_of_mind_needs_no_photos() -> None:
    walk([S.UNDERSTANDING, S.JUDGING, S.DECIDING], replace(DONE, reason=R.CHANGED_MIND, photos=0))


@pytest.mark.parametrize(
    ("old", "new", "facts", "code"),
    [
        (S.EVIDENCE, S.JUDGING, replace(DONE, photos=0), "needs_photos"),
        (S.UNDERSTANDING, S.JUDGING, replace(DONE, photos=0), "needs_photos"),
        (S.UNDERSTANDING, S.JUDGING, replace(DONE, reason=None, photos=0), "needs_photos"),
        (S.JUDGING, S.DECIDING, replace(DONE, reason=None), "needs_cause"),
        (S.DECIDING, S.AWAITING_RETURN, replace(DONE, remedy=None), "wrong_remedy_step"),
        (S.DECIDING, S.REFUNDING, DONE, "wrong_remedy_step"),  # a return must come back first
        (S.DECIDING, S.REPLACING, replace(DONE, remedy=Remedy.EXCHANGE), "wrong_remedy_step"),
        (
            S.AWAITING_RETURN,
            S.RETURN_SHIPPED,
            replace(DONE, return_tracking=None),
            "needs_tracking",
        ),
        (
            S.AWAITING_RETURN,
            S.RETURN_SHIPPED,
            replace(DONE, return_tracking="  "),
            "needs_tracking",
        ),
        (S.RETURN_SHIPPED, S.INSPECTING, replace(DONE, return_received=False), "not_received"),
        (S.INSPECTING, S.REFUNDING, replace(DONE, check_passed=None), "check_not_passed"),
        (S.INSPECTING, S.REFUNDING, replace(DONE, check_passed=False), "check_not_passed"),
        (S.INSPECTING, S.REPLACING, DONE, "wrong_remedy_step"),  # a return is refunded
        (S.INSPECTING, S.JUDGING, DONE, "check_not_failed"),
        (S.REFUNDING, S.CLOSED, replace(DONE, refund_paid=False), "refund_unpaid"),
        (S.REPLACING, S.CLOSED, replace(DONE, replacement_tracking=None), "replacement_unshipped"),
        (S.JUDGING, S.CLOSED, DONE, "still_open"),
    ],
)
def test_a_step_is_refused_until_its_facts_are_there(
    old: CaseState, new: CaseState, facts: CaseFacts, code: str
) -> None:
    decision = decide_transition(old, new, facts)
    assert (decision.allowed, decision.reason) == (False, f"aftersales.case.{code}")
    explained(decision)


def test_a_failed_check_sends_the_case_back_to_judging() -> None:
    assert decide_transition(S.INSPECTING, S.JUDGING, replace(DONE, check_passed=False)).allowed


@pytest.mark.parametrize("facts", [replace(DONE, withdrawn=True), replace(DONE, rejected=True)])
@pytest.mark.parametrize(
    "old", [S.UNDERSTANDING, S.EVIDENCE, S.JUDGING, S.DECIDING, S.AWAITING_RETURN]
)
def test_a_case_closes_early_when_withdrawn_or_rejected_before_anything_is_in_flight(
    old: CaseState, facts: CaseFacts
) -> None:
    assert decide_transition(old, S.CLOSED, facts).allowed


@pytest.mark.parametrize("old", [S.RETURN_SHIPPED, S.INSPECTING])
def test_a_case_with_goods_on_the_way_back_cannot_be_closed(old: CaseState) -> None:
    decision = decide_transition(old, S.CLOSED, replace(DONE, withdrawn=True))
    assert (decision.allowed, decision.reason) == (False, "aftersales.case.illegal")


def test_only_the_moves_in_the_table_are_ever_allowed() -> None:
    permissive = replace(DONE, withdrawn=True)
    for old in CaseState:
        for new in CaseState:
            decision = decide_transition(old, new, permissive)
            if new not in CASE_TRANSITIONS[old]:
                assert (decision.allowed, decision.reason) == (False, "aftersales.case.illegal")
                assert decision.params == {"old": str(old), "new": str(new)}


def test_a_closed_case_stays_closed() -> None:
    assert CASE_TRANSITIONS[S.CLOSED] == frozenset()


# -- complaints -------------------------------------------------------------------------------

HANDLED = ComplaintFacts(
    supervisor_informed=True, proposal="退款 20 元", carried_out=True, supervisor_decided=True
)


@pytest.mark.parametrize(
    "path",
    [
        [C.RECEIVED, C.INVESTIGATING, C.PROPOSED, C.ACCEPTED, C.CLOSED],
        [
            C.RECEIVED,
            C.INVESTIGATING,
            C.PROPOSED,
            C.REFUSED,
            C.INVESTIGATING,
            C.PROPOSED,
            C.ACCEPTED,
        ],
        [C.RECEIVED, C.INVESTIGATING, C.PROPOSED, C.REFUSED, C.CLOSED],
    ],
)
def test_a_complaint_is_investigated_proposed_and_closed(path: list[ComplaintState]) -> None:
    for old, new in pairwise(path):
        decision = decide_complaint_transition(old, new, HANDLED)
        assert decision.allowed and decision.reason == f"aftersales.complaint.to.{new}"
        explained(decision)


@pytest.mark.parametrize(
    ("old", "new", "facts", "code"),
    [
        (
            C.RECEIVED,
            C.INVESTIGATING,
            replace(HANDLED, supervisor_informed=False),
            "inform_supervisor",
        ),
        (
            C.REFUSED,
            C.INVESTIGATING,
            replace(HANDLED, supervisor_informed=False),
            "inform_supervisor",
        ),
        (C.INVESTIGATING, C.PROPOSED, replace(HANDLED, proposal=" "), "needs_proposal"),
        (C.ACCEPTED, C.CLOSED, replace(HANDLED, carried_out=False), "not_carried_out"),
        (C.REFUSED, C.CLOSED, replace(HANDLED, supervisor_decided=False), "supervisor_must_decide"),
        (C.RECEIVED, C.CLOSED, HANDLED, "illegal"),
        (C.PROPOSED, C.CLOSED, HANDLED, "illegal"),
        (C.CLOSED, C.RECEIVED, HANDLED, "illegal"),
    ],
)
def test_a_complaint_step_is_refused_with_its_reason(
    old: ComplaintState, new: ComplaintState, facts: ComplaintFacts, code: str
) -> None:
    decision = decide_complaint_transition(old, new, facts)
    assert (decision.allowed, decision.reason) == (False, f"aftersales.complaint.{code}")
    explained(decision)


def test_a_complaint_can_only_end_closed() -> None:
    assert COMPLAINT_TRANSITIONS[C.CLOSED] == frozenset()


def test_the_sop_minutes_are_data_for_the_sla_timers() -> None:
    limits = complaint_time_limits(DEFAULT_RULES, platform="taobao", on=date(2026, 5, 1))
    assert {state: limit.minutes for state, limit in limits.items()} == {
        C.RECEIVED: 5,
        C.INVESTIGATING: 30,
        C.PROPOSED: 10,
    }
    assert limits[C.INVESTIGATING].due(at(2026, 5, 1, 9, 0)) == at(2026, 5, 1, 9, 30)
    assert "5分钟" in limits[C.RECEIVED].rule.source


def test_a_shop_may_set_its_own_sop_minutes() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "complaint.analysis_minutes", 60, "店规:一小时内分析", date(2026, 1, 1)),
    )
    limits = complaint_time_limits(rows, platform=None, on=date(2026, 5, 1))
    assert limits[C.INVESTIGATING].minutes == 60
