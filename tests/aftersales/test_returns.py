"""The seven-day no-reason return: the window in Beijing days, the exclusions, goods intact."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from kefu.aftersales.rules import (
    DEFAULT_RULES,
    SHOP,
    Category,
    ConfirmedExclusion,
    Flaw,
    Goods,
    ReturnDecision,
    RuleRow,
    decide_no_reason_return,
)
from tests.aftersales.factories import at, explained

APPAREL = Goods(Category.APPAREL)
SIGNED = at(2026, 5, 3, 10, 0)


def decide(
    goods: Goods = APPAREL,
    signed: datetime | None = SIGNED,
    asked: datetime = at(2026, 5, 5, 12, 0),
    flaws: frozenset[Flaw] | None = None,
    rows: tuple[RuleRow, ...] = DEFAULT_RULES,
) -> ReturnDecision:
    decision = decide_no_reason_return(
        goods, signed, asked, rows=rows, platform="taobao", flaws=flaws
    )
    explained(decision)
    return decision


# -- the window ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("signed", "asked", "allowed"),
    [
        (at(2026, 5, 3, 10, 0), at(2026, 5, 3, 10, 0), True),  # the moment of sign-for
        (at(2026, 5, 3, 10, 0), at(2026, 5, 10, 23, 59, 59), True),  # day 7 at 23:59:59
        (at(2026, 5, 3, 10, 0), at(2026, 5, 11, 0, 0, 0), False),  # day 8 at 00:00:00
        (at(2026, 5, 3, 23, 59), at(2026, 5, 10, 23, 59, 59), True),  # signed at 23:59
        (at(2026, 5, 3, 23, 59), at(2026, 5, 11, 0, 0, 0), False),
        (at(2026, 5, 4, 0, 0, 30), at(2026, 5, 11, 23, 59, 59), True),  # signed just after midnight
        (at(2026, 5, 4, 0, 0, 30), at(2026, 5, 12, 0, 0, 0), False),
        # 16:30 UTC on 3 May is 00:30 on 4 May in Beijing: the Beijing day counts.
        (
            datetime(2026, 5, 3, 16, 30, tzinfo=UTC),
            datetime(2026, 5, 11, 15, 59, 59, tzinfo=UTC),
            True,
        ),
        (
            datetime(2026, 5, 3, 16, 30, tzinfo=UTC),
            datetime(2026, 5, 11, 16, 0, 0, tzinfo=UTC),
            False,
        ),
    ],
)
def test_the_seven_days_start_the_day_after_sign_for_and_end_at_midnight_beijing_time(
    signed: datetime, asked: datetime, allowed: bool
) -> None:
    decision = decide(signed=signed, asked=asked)
    assert decision.allowed is allowed
    assert decision.reason == (
        "aftersales.return.allowed.apparel" if allowed else "aftersales.return.window_closed"
    )


def test_the_deadline_is_the_last_second_of_day_seven() -> None:
    decision = decide(signed=at(2026, 5, 3, 23, 59))
    assert decision.deadline is not None
    assert decision.deadline.replace(microsecond=0) == at(2026, 5, 10, 23, 59, 59)
    assert decision.params["deadline"] == "2026-05-10 23:59:59"


def test_a_late_request_says_when_the_goods_were_signed_for_and_when_the_window_closed() -> None:
    decision = decide(asked=at(2026, 5, 11, 0, 0))
    texts = explained(decision)
    assert "2026-05-03 10:00:00" in texts["zh-CN"]
    assert "2026-05-10 23:59:59" in texts["zh-CN"]
    assert "第十条" in texts["en"]


def test_the_window_counts_across_a_month_end() -> None:
    decision = decide(signed=at(2026, 1, 28, 9, 0), asked=at(2026, 2, 4, 23, 0))
    assert decision.allowed
    assert decision.params["deadline"] == "2026-02-04 23:59:59"


def test_a_shop_promising_fifteen_days_extends_the_window() -> None:
    rows = (
        *DEFAULT_RULES,
        RuleRow(SHOP, "return.no_reason_days", 15, "店规:十五天无理由退货", date(2026, 1, 1)),
    )
    decision = decide(asked=at(2026, 5, 18, 23, 0), rows=rows)
    assert decision.allowed
    assert decision.rule.scope == SHOP


def test_goods_not_yet_signed_for_are_refunded_not_returned() -> None:
    decision = decide(signed=None)
    assert (decision.allowed, decision.reason, decision.deadline) == (
        False,
        "aftersales.return.not_signed",
        None,
    )


def test_a_request_before_sign_for_is_a_caller_error() -> None:
    with pytest.raises(ValueError):
        decide(signed=at(2026, 5, 3, 10, 0), asked=at(2026, 5, 3, 9, 59))


def test_naive_instants_are_refused() -> None:
    with pytest.raises(ValueError):
        decide(asked=datetime(2026, 5, 5, 12, 0))  # noqa: DTZ001


# -- exclusions -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("goods", "flaws", "reason"),
    [
        (
            Goods(Category.GENERAL, made_to_order=True),
            None,
            "aftersales.return.excluded.made_to_order",
        ),
        (
            Goods(Category.APPAREL, made_to_order=True),
            frozenset(),
            "aftersales.return.excluded.made_to_order",
        ),
        (Goods(Category.PERISHABLE), None, "aftersales.return.excluded.perishable"),
        (Goods(Category.PERIODICAL), None, "aftersales.return.excluded.periodical"),
        (
            Goods(Category.DIGITAL_MEDIA),
            frozenset({Flaw.UNSEALED}),
            "aftersales.return.excluded.digital_opened",
        ),
    ],
)
def test_the_statutory_exclusions_are_refused_even_inside_the_window(
    goods: Goods, flaws: frozenset[Flaw] | None, reason: str
) -> None:
    decision = decide(goods=goods, flaws=flaws)
    assert (decision.allowed, decision.reason) == (False, reason)


def test_sealed_digital_media_may_be_returned() -> None:
    decision = decide(goods=Goods(Category.DIGITAL_MEDIA))
    assert (decision.allowed, decision.reason) == (True, "aftersales.return.allowed.digital_media")
    assert decide(goods=Goods(Category.DIGITAL_MEDIA), flaws=frozenset()).allowed


def test_an_exclusion_is_said_before_lateness() -> None:
    decision = decide(goods=Goods(Category.PERISHABLE), asked=at(2026, 6, 1))
    assert decision.reason == "aftersales.return.excluded.perishable"


@pytest.mark.parametrize("kind", list(ConfirmedExclusion))
def test_an_exclusion_the_buyer_confirmed_at_purchase_is_refused(kind: ConfirmedExclusion) -> None:
    decision = decide(goods=Goods(Category.GENERAL, confirmed_exclusion=kind, buyer_confirmed=True))
    assert (decision.allowed, decision.reason) == (
        False,
        f"aftersales.return.excluded.confirmed.{kind}",
    )


@pytest.mark.parametrize("kind", list(ConfirmedExclusion))
def test_an_exclusion_the_buyer_never_confirmed_does_not_apply(kind: ConfirmedExclusion) -> None:
    decision = decide(
        goods=Goods(Category.GENERAL, confirmed_exclusion=kind, buyer_confirmed=False)
    )
    assert (decision.allowed, decision.reason) == (
        True,
        "aftersales.return.allowed.unconfirmed_exclusion",
    )


# -- goods intact -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("category", "flaw", "allowed"),
    [
        (Category.APPAREL, Flaw.TAGS_REMOVED, False),
        (Category.APPAREL, Flaw.SOILED_OR_WASHED, False),
        (Category.APPAREL, Flaw.USED, False),
        (Category.APPAREL, Flaw.UNSEALED, True),  # the bag was opened to try it on
        (Category.ELECTRONICS, Flaw.UNSEALED, True),  # unpacked to inspect
        (Category.ELECTRONICS, Flaw.ACTIVATED_OR_DATA_LEFT, False),
        (Category.ELECTRONICS, Flaw.REPAIRED_OR_RELABELLED, False),
        (Category.ELECTRONICS, Flaw.PARTS_MISSING, False),
        (Category.ELECTRONICS, Flaw.SOILED_OR_WASHED, True),
        (Category.SEALED, Flaw.UNSEALED, False),  # food or cosmetics with the seal broken
        (Category.SEALED, Flaw.TAGS_REMOVED, False),
        (Category.GENERAL, Flaw.DAMAGED, False),
        (Category.GENERAL, Flaw.USED, False),
        (Category.GENERAL, Flaw.ACTIVATED_OR_DATA_LEFT, True),
        (Category.DIGITAL_MEDIA, Flaw.PARTS_MISSING, False),
    ],
)
def test_what_counts_as_intact_depends_on_the_category(
    category: Category, flaw: Flaw, allowed: bool
) -> None:
    decision = decide(goods=Goods(category), flaws=frozenset({flaw}))
    expected = (
        "aftersales.return.allowed.intact" if allowed else f"aftersales.return.not_intact.{flaw}"
    )
    assert (decision.allowed, decision.reason) == (allowed, expected)


def test_goods_found_with_nothing_wrong_are_intact() -> None:
    decision = decide(flaws=frozenset())
    assert (decision.allowed, decision.reason) == (True, "aftersales.return.allowed.intact")


def test_the_first_breaking_flaw_in_a_fixed_order_is_reported() -> None:
    decision = decide(flaws=frozenset({Flaw.SOILED_OR_WASHED, Flaw.TAGS_REMOVED}))
    assert decision.reason == "aftersales.return.not_intact.tags_removed"


def test_lateness_is_said_before_the_condition_of_the_goods() -> None:
    decision = decide(asked=at(2026, 5, 20), flaws=frozenset({Flaw.USED}))
    assert decision.reason == "aftersales.return.window_closed"


def test_a_flagged_but_unconfirmed_product_must_still_come_back_intact() -> None:
    goods = Goods(
        Category.ELECTRONICS, confirmed_exclusion=ConfirmedExclusion.LOSES_VALUE_ONCE_ACTIVATED
    )
    decision = decide(goods=goods, flaws=frozenset({Flaw.ACTIVATED_OR_DATA_LEFT}))
    assert decision.reason == "aftersales.return.not_intact.activated_or_data_left"


@pytest.mark.parametrize(
    "category", [Category.GENERAL, Category.APPAREL, Category.ELECTRONICS, Category.SEALED]
)
def test_before_the_goods_come_back_the_answer_says_how_to_keep_them_intact(
    category: Category,
) -> None:
    decision = decide(goods=Goods(category))
    assert decision.reason == f"aftersales.return.allowed.{category}"
    assert "《" in explained(decision)["zh-TW"]
