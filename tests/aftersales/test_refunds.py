"""Refund deadlines (the platform's own first), the refund timer after a return, the instant refund."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    SHOP,
    AfterSalesReason,
    RefundStage,
    RuleRow,
    check_refund_timer,
    extend_transaction,
    quote_instant_refund,
    refund_timer,
    respond_deadline,
)
from tests.aftersales.factories import at, explained

R = AfterSalesReason
RECEIVED = at(2026, 5, 3, 10, 0)
D = date(2026, 5, 1)


# -- answering a refund request -----------------------------------------------------------------


def test_jd_gives_the_shop_a_day_to_answer_a_refund_request() -> None:
    deadline = respond_deadline(at(2026, 5, 3, 10, 0), rows=DEFAULT_RULES, platform="jd")
    assert deadline.at == at(2026, 5, 4, 10, 0)
    assert deadline.rule is not None and deadline.rule.scope == "jd"
    assert explained(deadline)["zh-CN"].startswith("退款申请须在 24 小时内处理")


def test_without_a_platform_rule_the_law_gives_fifteen_days() -> None:
    deadline = respond_deadline(at(2026, 5, 3, 10, 0), rows=DEFAULT_RULES, platform="taobao")
    assert deadline.at == at(2026, 5, 18, 10, 0)
    assert deadline.rule is not None and "第三十一条" in deadline.rule.source


def test_a_deadline_read_from_the_platform_wins_over_a_computed_one() -> None:
    timeout = datetime(2026, 5, 5, 2, 0, tzinfo=UTC)
    deadline = respond_deadline(
        at(2026, 5, 3, 10, 0), rows=DEFAULT_RULES, platform="jd", platform_timeout=timeout
    )
    assert (deadline.at, deadline.rule, deadline.reason) == (
        timeout,
        None,
        "aftersales.refund.platform_timeout",
    )
    assert explained(deadline)["zh-CN"] == "平台给出的处理期限为 2026-05-05 10:00:00,以平台为准"


# -- the refund owed for returned goods ---------------------------------------------------------


def test_the_refund_timer_has_the_shops_promise_the_escalation_and_the_laws_two_limits() -> None:
    timer = refund_timer(RECEIVED, rows=DEFAULT_RULES, platform="taobao")
    assert timer.due.at == at(2026, 5, 4, 10, 0)  # the handbook's 24 hours
    assert timer.due.reason == "aftersales.refund.due.promise"
    assert timer.escalate_at == at(2026, 5, 8, 10, 0)  # day 5
    assert timer.legal_due_at.replace(microsecond=0) == at(2026, 5, 10, 23, 59, 59)
    assert timer.penalty_at.replace(microsecond=0) == at(2026, 5, 18, 23, 59, 59)
    explained(timer.due)


@pytest.mark.parametrize(
    ("now", "stage", "next_at"),
    [
        (at(2026, 5, 3, 12, 0), RefundStage.ON_TIME, at(2026, 5, 4, 10, 0)),
        (at(2026, 5, 4, 10, 0), RefundStage.ON_TIME, at(2026, 5, 4, 10, 0)),  # due is inclusive
        (at(2026, 5, 4, 10, 0, 1), RefundStage.OVERDUE, at(2026, 5, 8, 10, 0)),
        (at(2026, 5, 8, 10, 0, 1), RefundStage.ESCALATED, None),
        (at(2026, 5, 10, 23, 59, 59), RefundStage.ESCALATED, None),
        (at(2026, 5, 11, 0, 0, 0), RefundStage.LATE, None),
        (at(2026, 5, 18, 23, 59, 59), RefundStage.LATE, None),
        (at(2026, 5, 19, 0, 0, 0), RefundStage.PENALTY, None),
    ],
)
def test_an_unpaid_refund_grows_graver_at_each_limit(
    now: datetime, stage: RefundStage, next_at: datetime | None
) -> None:
    timer = refund_timer(RECEIVED, rows=DEFAULT_RULES, platform="taobao")
    check = check_refund_timer(timer, now)
    assert check.stage is stage
    assert check.reason == f"aftersales.refund.stage.{stage.name.lower()}"
    if next_at is not None:
        assert check.next_at == next_at
    else:
        expected = {RefundStage.ESCALATED: timer.legal_due_at, RefundStage.LATE: timer.penalty_at}
        assert check.next_at == expected.get(stage)
    explained(check)


def test_a_platform_timeout_sets_the_due_time_and_escalation_comes_no_later() -> None:
    timeout = at(2026, 5, 5, 10, 0)
    timer = refund_timer(RECEIVED, rows=DEFAULT_RULES, platform="taobao", platform_timeout=timeout)
    assert (timer.due.at, timer.due.rule) == (timeout, None)
    assert timer.escalate_at == timeout
    assert check_refund_timer(timer, at(2026, 5, 5, 10, 1)).stage is RefundStage.ESCALATED


def test_without_a_promise_of_its_own_the_shop_owes_the_refund_by_the_laws_day_seven() -> None:
    rows = tuple(r for r in DEFAULT_RULES if r.key != "refund.promise_hours_after_return")
    timer = refund_timer(RECEIVED, rows=rows, platform="taobao")
    assert (timer.due.at, timer.due.reason) == (timer.legal_due_at, "aftersales.refund.due.legal")
    assert timer.due.rule is not None and "第十三条" in timer.due.rule.source


def test_a_promise_later_than_the_law_does_not_postpone_the_due_date() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(
            SHOP, "refund.promise_hours_after_return", 240, "店规:十天内退款", date(2026, 1, 1)
        ),
    )
    timer = refund_timer(RECEIVED, rows=rows, platform="taobao")
    # The newer shop row replaces the 24 hours, but the law's day 7 still comes first.
    assert (timer.due.at, timer.due.reason) == (timer.legal_due_at, "aftersales.refund.due.legal")


def test_goods_received_just_before_midnight_still_have_seven_full_days() -> None:
    timer = refund_timer(at(2026, 5, 3, 23, 59), rows=DEFAULT_RULES, platform=None)
    assert timer.legal_due_at.replace(microsecond=0) == at(2026, 5, 10, 23, 59, 59)


# -- the instant refund -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "reason", "fee", "deducted", "code"),
    [
        (100_00, R.CHANGED_MIND, 100, 100, "buyer_bears_fee"),  # the handbook: 100 yuan, 1 yuan
        (150_50, R.DOES_NOT_FIT, 150, 150, "buyer_bears_fee"),  # 1.505 yuan, rounded down
        (99_99, R.CHANGED_MIND, 99, 0, "small_amount"),  # below the "large amount" line
        (100_00, R.QUALITY, 100, 0, "shop_bears_fee"),
        (500_00, R.WRONG_ITEM, 500, 0, "shop_bears_fee"),
        (1, R.CHANGED_MIND, 0, 0, "small_amount"),
    ],
)
def test_the_instant_refund_fee_is_shown_and_charged_only_for_the_buyers_own_reason(
    amount: int, reason: AfterSalesReason, fee: int, deducted: int, code: str
) -> None:
    quote = quote_instant_refund(
        amount, reason, payee_verified=True, rows=DEFAULT_RULES, platform="taobao", on=D
    )
    assert (quote.fee_fen, quote.deducted_fen, quote.payout_fen) == (
        fee,
        deducted,
        amount - deducted,
    )
    assert quote.reason == f"aftersales.instant.{code}"
    assert quote.warnings == ()
    explained(quote)


def test_the_quote_says_the_amounts_in_yuan() -> None:
    quote = quote_instant_refund(
        100_00, R.CHANGED_MIND, payee_verified=True, rows=DEFAULT_RULES, platform=None, on=D
    )
    assert explained(quote)["zh-CN"].startswith(
        "即时到账退款 100.00 元,因是您个人原因,需扣除支付宝手续费 1.00 元(1%),您将收到 99.00 元"
    )


def test_an_unverified_alipay_account_is_flagged_before_paying() -> None:
    quote = quote_instant_refund(
        50_00, R.QUALITY, payee_verified=False, rows=DEFAULT_RULES, platform=None, on=D
    )
    assert quote.warnings == ("aftersales.instant.unverified_account",)


def test_an_instant_refund_of_nothing_is_refused() -> None:
    with pytest.raises(ValueError):
        quote_instant_refund(
            0, R.QUALITY, payee_verified=True, rows=DEFAULT_RULES, platform=None, on=D
        )


def test_a_return_extends_the_transaction_by_seven_days() -> None:
    deadline = extend_transaction(
        at(2026, 5, 10, 15, 0), rows=DEFAULT_RULES, platform="taobao", on=D
    )
    assert deadline.at == at(2026, 5, 17, 15, 0)
    assert "7" in explained(deadline)["zh-TW"]
