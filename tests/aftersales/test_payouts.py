"""Paying refunds: once per case, never above what was paid, confirmed first, approved when large."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    Ledger,
    Payout,
    PayoutDecision,
    PayoutMethod,
    PayoutPolicy,
    payout_policy,
)
from tests.aftersales.factories import explained

POLICY = payout_policy(
    DEFAULT_RULES, platform="taobao", on=date(2026, 5, 1)
)  # approval above 200 yuan
INSTANT, PLATFORM = PayoutMethod.INSTANT, PayoutMethod.PLATFORM


def payout(
    case: str = "c1", amount: int = 50_00, method: PayoutMethod = INSTANT, **kw: Any
) -> Payout:
    fields: dict[str, Any] = {"requested_by": "xiaomei", "agreement_confirmed": True, **kw}
    return Payout(case, amount, method, **fields)


def pay(ledger: Ledger, *payouts: Payout) -> tuple[Ledger, list[PayoutDecision]]:
    decisions = []
    for p in payouts:
        ledger, decision = ledger.apply(p, POLICY)
        explained(decision)
        decisions.append(decision)
    return ledger, decisions


def test_the_default_approval_limit_is_200_yuan() -> None:
    assert POLICY.approval_above_fen == 200_00
    assert POLICY.rule.scope == "shop"


def test_a_small_confirmed_payout_is_made() -> None:
    ledger, [decision] = pay(Ledger("o1", 300_00), payout())
    assert (decision.allowed, decision.reason) == (True, "aftersales.payout.allowed")
    assert (ledger.refunded_fen, ledger.remaining_fen) == (50_00, 250_00)


def test_a_second_instant_refund_for_the_same_case_is_refused() -> None:
    # The handbook's costliest mistake: 即时到账重复提交…导致重复打款.
    ledger, [first, second] = pay(Ledger("o1", 300_00), payout(), payout())
    assert first.allowed and not second.allowed
    assert second.reason == "aftersales.payout.duplicate_instant"
    assert second.rule is None and "重复打款" in second.params["source"]
    assert ledger.refunded_fen == 50_00


def test_a_case_refunded_on_the_platform_is_not_paid_again_instantly() -> None:
    _, [_, second] = pay(Ledger("o1", 300_00), payout(method=PLATFORM), payout(method=INSTANT))
    assert (second.allowed, second.reason) == (False, "aftersales.payout.duplicate")


def test_payouts_of_all_cases_together_never_exceed_what_was_paid() -> None:
    ledger, decisions = pay(
        Ledger("o1", 100_00),
        payout("a", 60_00),
        payout("b", 50_00),  # only 40 yuan remain
        payout("b", 40_00),
        payout("c", 1),
    )
    assert [d.allowed for d in decisions] == [True, False, True, False]
    assert decisions[1].reason == "aftersales.payout.exceeds_paid"
    assert decisions[1].params["remaining"] == "40.00"
    assert (ledger.refunded_fen, ledger.remaining_fen) == (100_00, 0)
    assert "40.00" in explained(decisions[1])["en"]


def test_a_refused_payout_leaves_the_ledger_as_it_was() -> None:
    ledger = Ledger("o1", 10_00)
    after, decision = ledger.apply(payout(amount=20_00), POLICY)
    assert not decision.allowed and after is ledger


@pytest.mark.parametrize(
    ("amount", "approver", "allowed", "code"),
    [
        (200_00, None, True, "allowed"),  # at the limit: no approval needed
        (200_01, None, False, "approval_required"),
        (200_01, "  ", False, "approval_required"),
        (200_01, "xiaomei", False, "self_approved"),  # the agent asking cannot approve
        (200_01, "zhuguan", True, "allowed.approved"),
        (50_00, "xiaomei", True, "allowed"),  # a small payout needs nobody
    ],
)
def test_a_payout_above_the_limit_needs_a_named_approver_other_than_the_agent(
    amount: int, approver: str | None, allowed: bool, code: str
) -> None:
    _, [decision] = pay(Ledger("o1", 1000_00), payout(amount=amount, approver=approver))
    assert (decision.allowed, decision.reason) == (allowed, f"aftersales.payout.{code}")


def test_the_approval_limit_is_configurable() -> None:
    strict = PayoutPolicy(10_00, POLICY.rule)
    _, decision = Ledger("o1", 100_00).apply(payout(amount=10_01), strict)
    assert decision.reason == "aftersales.payout.approval_required"


def test_nothing_is_paid_before_the_customer_confirms_the_refund_agreement() -> None:
    _, [decision] = pay(Ledger("o1", 100_00), payout(agreement_confirmed=False))
    assert (decision.allowed, decision.reason) == (False, "aftersales.payout.agreement_unconfirmed")


@pytest.mark.parametrize("amount", [0, -1])
def test_a_payout_of_nothing_or_less_is_refused(amount: int) -> None:
    _, [decision] = pay(Ledger("o1", 100_00), payout(amount=amount))
    assert (decision.allowed, decision.reason) == (False, "aftersales.payout.non_positive")


def test_a_duplicate_is_said_before_an_excess() -> None:
    _, [_, decision] = pay(Ledger("o1", 100_00), payout(amount=100_00), payout(amount=1))
    assert decision.reason == "aftersales.payout.duplicate_instant"


@pytest.mark.parametrize(
    ("paid", "payouts"),
    [
        (-1, ()),
        (100, (payout("a", 60), payout("b", 60))),
        (100, (payout("a", 10), payout("a", 10))),
        (100, (payout("a", 0),)),
    ],
    ids=["negative paid", "over the paid amount", "a case twice", "an empty payout"],
)
def test_an_impossible_ledger_cannot_be_built(paid: int, payouts: tuple[Payout, ...]) -> None:
    with pytest.raises(ValueError):
        Ledger("o1", paid, payouts)


payouts_st = st.builds(
    Payout,
    case_id=st.sampled_from(["a", "b", "c", "d"]),
    amount_fen=st.integers(min_value=-100, max_value=600_00),
    method=st.sampled_from(list(PayoutMethod)),
    requested_by=st.sampled_from(["xiaomei", "ajie"]),
    agreement_confirmed=st.booleans(),
    approver=st.sampled_from([None, "", "xiaomei", "zhuguan"]),
)


@given(paid=st.integers(min_value=0, max_value=1000_00), attempts=st.lists(payouts_st, max_size=25))
def test_no_sequence_of_payouts_pays_more_than_the_order_or_a_case_twice(
    paid: int, attempts: list[Payout]
) -> None:
    ledger = Ledger("o1", paid)
    for attempt in attempts:
        before = ledger
        ledger, decision = ledger.apply(attempt, POLICY)
        assert (ledger is not before) == decision.allowed
        assert ledger.refunded_fen <= paid
    cases = [p.case_id for p in ledger.payouts]
    assert len(cases) == len(set(cases))
    assert sum(p.amount_fen for p in ledger.payouts) == ledger.refunded_fen <= paid
    assert all(p.agreement_confirmed and p.amount_fen > 0 for p in ledger.payouts)
    assert all(
        p.amount_fen <= 200_00 or p.approver not in (None, "", p.requested_by)
        for p in ledger.payouts
    )
