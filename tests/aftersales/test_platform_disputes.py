"""Platform disputes (维权), pure: each kind's checklist, the deadline (the platform's own wins
over the rule table's hours), the engine's assessment of the order's facts with the rule it
cites, and the dispute's state machine."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest

from kefu.aftersales.rules import (
    CHECKLISTS,
    DEFAULT_RULES,
    SHOP,
    DisputedOrder,
    DisputeFacts,
    DisputeKind,
    DisputeOutcome,
    DisputeState,
    RuleRow,
    assess_dispute,
    decide_dispute_transition,
    dispute_deadline,
    missing_items,
)
from kefu.core.i18n import CATALOG, LOCALES
from tests.aftersales.factories import at, explained

K, S, OUT = DisputeKind, DisputeState, DisputeOutcome
PAID = at(2026, 11, 10, 20, 15)


def order(**changes: object) -> DisputedOrder:
    values: dict[str, object] = {
        "platform": "taobao",
        "paid_at": PAID,
        "item_paid_fen": 398_00,
        "shipped_at": at(2026, 11, 11, 16, 40),
        "signed_at": at(2026, 11, 13, 10, 5),
        "tracking_number": "78563412098745",
        **changes,
    }
    return DisputedOrder(**values)  # type: ignore[arg-type]


def test_every_kind_has_a_checklist_of_distinct_items_each_said_in_every_language() -> None:
    assert set(CHECKLISTS) == set(DisputeKind)
    for kind, items in CHECKLISTS.items():
        assert len(items) >= 3 and len(set(items)) == len(items)
        for item in items:
            texts = CATALOG[f"aftersales.dispute.check.{kind.value}.{item}"]
            assert set(texts) == set(LOCALES) and all(texts.values())


@pytest.mark.parametrize(
    ("kind", "ticked", "missing"),
    [
        (K.LATE_SHIPMENT, [], ("pickup_time", "exemption", "contact_buyer", "pay_penalty")),
        (K.LATE_SHIPMENT, ["exemption", "pickup_time"], ("contact_buyer", "pay_penalty")),
        (K.FALSE_SHIPMENT, list(CHECKLISTS[K.FALSE_SHIPMENT]), ()),
        (
            K.NOT_RECEIVED,
            ["call_carrier", "not_an_item"],
            ("ask_signer", "reship_or_refund", "claim_carrier"),
        ),
    ],
)
def test_the_items_left_are_those_not_ticked_in_checklist_order(
    kind: DisputeKind, ticked: list[str], missing: tuple[str, ...]
) -> None:
    assert missing_items(kind, ticked) == missing


def test_a_dispute_is_answered_within_the_shops_24_hours_by_default() -> None:
    deadline = dispute_deadline(at(2026, 11, 20, 9, 30), rows=DEFAULT_RULES, platform="taobao")
    assert deadline.at == at(2026, 11, 21, 9, 30)
    assert deadline.rule is not None and deadline.rule.scope == SHOP
    assert explained(deadline)["zh-CN"].startswith("须在 2026-11-21 09:30:00 前处理并提交凭证")


def test_jd_cites_its_own_dispute_rule_and_a_shop_row_can_change_the_hours() -> None:
    jd = dispute_deadline(at(2026, 11, 20, 9, 30), rows=DEFAULT_RULES, platform="jd")
    assert jd.rule is not None and jd.rule.scope == "jd" and "第九条" in jd.rule.source
    faster = RuleRow(SHOP, "dispute.respond_hours", 12, "店规:12小时内申诉", date(2026, 1, 1))
    shop = dispute_deadline(
        at(2026, 11, 20, 9, 30), rows=(*DEFAULT_RULES, faster), platform="taobao"
    )
    assert (shop.at, shop.rule) == (at(2026, 11, 20, 21, 30), faster)


def test_the_platforms_own_deadline_wins_over_the_computed_one() -> None:
    theirs = at(2026, 11, 22, 18, 0)
    deadline = dispute_deadline(
        at(2026, 11, 20, 9, 30), rows=DEFAULT_RULES, platform="taobao", platform_deadline=theirs
    )
    assert (deadline.at, deadline.rule) == (theirs, None)
    assert explained(deadline)["zh-CN"] == "平台给出的处理期限:2026-11-22 18:00:00"


def test_a_naive_instant_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        dispute_deadline(datetime(2026, 11, 20, 9, 30), rows=DEFAULT_RULES, platform=None)  # noqa: DTZ001


@pytest.mark.parametrize(
    ("kind", "facts", "opened", "reason", "upheld"),
    [
        # Shipped 20 h after payment: on time, whatever the buyer says.
        (K.LATE_SHIPMENT, {}, at(2026, 11, 20), "aftersales.late.shipped_on_time", False),
        # Picked up 72 h and one minute after payment: late, 5% of 398 = 19.90 yuan owed.
        (
            K.LATE_SHIPMENT,
            {"shipped_at": PAID + timedelta(hours=72, minutes=1)},
            at(2026, 11, 20),
            "aftersales.late.shipped_late",
            True,
        ),
        (
            K.LATE_SHIPMENT,
            {"shipped_at": None},
            at(2026, 11, 14),
            "aftersales.late.not_shipped",
            True,
        ),
        (
            K.LATE_SHIPMENT,
            {"paid_at": None},
            at(2026, 11, 14),
            "aftersales.dispute.assess.not_paid",
            False,
        ),
        (K.FALSE_SHIPMENT, {}, at(2026, 11, 12), "aftersales.dispute.assess.carrier_record", False),
        (
            K.FALSE_SHIPMENT,
            {"tracking_number": " "},
            at(2026, 11, 12),
            "aftersales.dispute.assess.no_carrier_record",
            True,
        ),
        (K.NOT_RECEIVED, {}, at(2026, 11, 20), "aftersales.dispute.assess.signed", None),
        (
            K.NOT_RECEIVED,
            {"signed_at": None},
            at(2026, 11, 20),
            "aftersales.dispute.assess.not_signed",
            None,
        ),
        (K.BROKEN_PROMISE, {}, at(2026, 11, 20), "aftersales.dispute.assess.check_promise", None),
        # Signed 13 November: the seven days run 14–20 November and end at 23:59:59.
        (
            K.SEVEN_DAY_RETURN,
            {},
            at(2026, 11, 20, 23, 59, 59),
            "aftersales.dispute.assess.return_in_window",
            True,
        ),
        (
            K.SEVEN_DAY_RETURN,
            {},
            at(2026, 11, 21),
            "aftersales.dispute.assess.return_out_of_window",
            False,
        ),
        (
            K.SEVEN_DAY_RETURN,
            {"signed_at": None},
            at(2026, 11, 21),
            "aftersales.dispute.assess.return_not_signed",
            None,
        ),
    ],
)
def test_the_engine_reads_each_kind_from_the_orders_facts_and_says_why(
    kind: DisputeKind, facts: dict[str, object], opened: datetime, reason: str, upheld: bool | None
) -> None:
    found = assess_dispute(kind, order(**facts), opened_at=opened, rows=DEFAULT_RULES)
    assert (found.reason, found.upheld) == (reason, upheld)
    texts = explained(found)
    assert found.params["source"] in texts["zh-CN"] or found.rule is not None


def test_a_late_shipment_cites_the_penalty_row_and_the_amount_owed() -> None:
    late = assess_dispute(
        K.LATE_SHIPMENT, order(shipped_at=None), opened_at=at(2026, 11, 14), rows=DEFAULT_RULES
    )
    assert late.rule is not None and late.rule.key == "late_shipment.penalty_bp"
    assert late.params["penalty"] == "19.90"


def test_a_seven_day_dispute_cites_the_return_window_row() -> None:
    found = assess_dispute(
        K.SEVEN_DAY_RETURN, order(), opened_at=at(2026, 11, 15), rows=DEFAULT_RULES
    )
    assert found.rule is not None and found.rule.key == "return.no_reason_days"
    assert found.params["deadline"] == "2026-11-20 23:59:59"


ALL = frozenset(CHECKLISTS[K.LATE_SHIPMENT])


@pytest.mark.parametrize(
    ("current", "target", "ticked", "outcome", "reason"),
    [
        (S.OPEN, S.SUBMITTED, ALL, None, "aftersales.dispute.to.submitted"),
        (
            S.OPEN,
            S.SUBMITTED,
            ALL - {"pay_penalty"},
            None,
            "aftersales.dispute.checklist_incomplete",
        ),
        (S.OPEN, S.CLOSED, frozenset(), OUT.WITHDRAWN, "aftersales.dispute.to.closed"),
        (S.OPEN, S.CLOSED, ALL, OUT.WON, "aftersales.dispute.ruling_before_submit"),
        (S.OPEN, S.CLOSED, ALL, None, "aftersales.dispute.needs_outcome"),
        (S.SUBMITTED, S.CLOSED, ALL, OUT.LOST, "aftersales.dispute.to.closed"),
        (S.SUBMITTED, S.CLOSED, ALL, OUT.WON, "aftersales.dispute.to.closed"),
        (S.SUBMITTED, S.OPEN, ALL, None, "aftersales.dispute.illegal"),
        (S.CLOSED, S.SUBMITTED, ALL, None, "aftersales.dispute.illegal"),
    ],
)
def test_a_dispute_is_submitted_with_its_checklist_done_and_closed_with_an_outcome(
    current: DisputeState,
    target: DisputeState,
    ticked: frozenset[str],
    outcome: DisputeOutcome | None,
    reason: str,
) -> None:
    decision = decide_dispute_transition(
        current, target, DisputeFacts(K.LATE_SHIPMENT, ticked, outcome)
    )
    assert decision.reason == reason
    assert decision.allowed is reason.startswith("aftersales.dispute.to.")
    explained(decision)
