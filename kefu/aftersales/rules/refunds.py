"""Refund deadlines and the instant refund.

- Answering a refund request: within the platform's time (JD 24 hours) or at the latest the
  law's 15 days (暂行办法 第三十一条). A platform that computes each refund's own timeout
  (Taobao's ``refund_remind_timeout``, WeChat's ``deadline``) is read, never second-guessed: a
  timeout given by the caller wins over any computed one.
- Paying after the returned goods arrive: the shop's promise (24 hours, seed 000 八(2)), the
  law's 7 days (暂行办法 第十三条) and its 15-day penalty threshold (第三十一条). A refund still
  unpaid 5 days after the goods arrived is escalated: two days before the legal due date, so a
  supervisor has room even across a weekend, and ten before the penalty.
- The instant refund (支付宝即时到账, seed 000 八(5)): the platform keeps a 1% fee; it is shown
  before the agent confirms and charged to the buyer only for the buyer's own reason on a large
  amount, never for the shop's fault. An unverified Alipay account is flagged: the money
  arrives but cannot be used.
- A return started: the transaction is extended by 7 days (seed 000 八(1)).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta, tzinfo
from enum import IntEnum

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.terms import (
    SHOP_TZ,
    AfterSalesReason,
    Deadline,
    end_of_day_count,
    local_day,
    percent,
    require_aware,
    share,
    shown,
    yuan,
)


def respond_deadline(
    requested_at: datetime,
    *,
    rows: Iterable[RuleRow],
    platform: str | None,
    platform_timeout: datetime | None = None,
    tz: tzinfo = SHOP_TZ,
) -> Deadline:
    """By when the shop must answer a refund request made at ``requested_at``."""
    require_aware(requested_at, "requested_at")
    if platform_timeout is not None:
        return _platform_deadline(platform_timeout, tz)
    rule = rule_value(
        rows, "refund.respond_hours", platform=platform, on=local_day(requested_at, tz)
    )
    at = requested_at + timedelta(hours=rule.value)
    params = {"hours": str(rule.value), "deadline": shown(at, tz), "source": rule.source}
    return Deadline(at, rule.row, "aftersales.refund.respond_by", params)


def _platform_deadline(timeout: datetime, tz: tzinfo) -> Deadline:
    require_aware(timeout, "platform_timeout")
    return Deadline(
        timeout, None, "aftersales.refund.platform_timeout", {"deadline": shown(timeout, tz)}
    )


class RefundStage(IntEnum):
    """How late an unpaid refund is, in increasing order of gravity."""

    ON_TIME = 0
    OVERDUE = 1  # past the shop's promise or the platform's timeout
    ESCALATED = 2  # past the escalation point: a supervisor must act
    LATE = 3  # past the law's 7 days
    PENALTY = 4  # past the law's 15 days: the shop may be fined


@dataclass(frozen=True)
class RefundTimer:
    """The instants of a refund owed for returned goods (each the last instant on time)."""

    received_at: datetime
    due: Deadline  # the platform's timeout, else the shop's promise, else the law's day 7
    escalate_at: datetime
    legal_due_at: datetime
    penalty_at: datetime


@dataclass(frozen=True)
class RefundTimerCheck:
    stage: RefundStage
    next_at: datetime | None  # when the stage changes next; None once at the last
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def refund_timer(
    received_at: datetime,
    *,
    rows: Iterable[RuleRow],
    platform: str | None,
    platform_timeout: datetime | None = None,
    tz: tzinfo = SHOP_TZ,
) -> RefundTimer:
    """The refund timer for goods received back at ``received_at``, by the rules of that day."""
    require_aware(received_at, "received_at")
    rows, on = tuple(rows), local_day(received_at, tz)
    legal = rule_value(rows, "refund.legal_days_after_return", platform=platform, on=on)
    penalty = rule_value(rows, "refund.penalty_days_after_return", platform=platform, on=on)
    escalate = rule_value(rows, "refund.escalate_hours_after_return", platform=platform, on=on)
    legal_due = end_of_day_count(received_at, legal.value, tz)
    escalate_at = received_at + timedelta(hours=escalate.value)
    if platform_timeout is not None:
        # Escalating after the platform has acted on its own would be too late.
        due = _platform_deadline(platform_timeout, tz)
        escalate_at = min(escalate_at, due.at)
    else:
        due = _promised(received_at, legal_due, legal.row, rows, platform, on, tz)
    penalty_at = end_of_day_count(received_at, penalty.value, tz)
    return RefundTimer(received_at, due, escalate_at, legal_due, penalty_at)


def _promised(
    received_at: datetime,
    legal_due: datetime,
    legal: RuleRow,
    rows: tuple[RuleRow, ...],
    platform: str | None,
    on: date,
    tz: tzinfo,
) -> Deadline:
    """The shop's promise when it has one and it is earlier than the law's due date."""
    try:
        promise = rule_value(rows, "refund.promise_hours_after_return", platform=platform, on=on)
    except LookupError:
        promise = None
    if promise is not None and received_at + timedelta(hours=promise.value) < legal_due:
        at = received_at + timedelta(hours=promise.value)
        params = {"hours": str(promise.value), "deadline": shown(at, tz), "source": promise.source}
        return Deadline(at, promise.row, "aftersales.refund.due.promise", params)
    params = {"deadline": shown(legal_due, tz), "source": legal.source}
    return Deadline(legal_due, legal, "aftersales.refund.due.legal", params)


def check_refund_timer(timer: RefundTimer, now: datetime, tz: tzinfo = SHOP_TZ) -> RefundTimerCheck:
    """Where an unpaid refund stands at ``now``: the gravest stage passed and the next change."""
    require_aware(now, "now")
    marks = (
        (timer.due.at, RefundStage.OVERDUE),
        (timer.escalate_at, RefundStage.ESCALATED),
        (timer.legal_due_at, RefundStage.LATE),
        (timer.penalty_at, RefundStage.PENALTY),
    )
    stage = max((s for at, s in marks if now > at), default=RefundStage.ON_TIME)
    upcoming = [at for at, s in marks if now <= at and s > stage]
    params = {
        "received": shown(timer.received_at, tz),
        "due": shown(timer.due.at, tz),
        "legal_due": shown(timer.legal_due_at, tz),
        "penalty": shown(timer.penalty_at, tz),
    }
    reason = f"aftersales.refund.stage.{stage.name.lower()}"
    return RefundTimerCheck(stage, min(upcoming, default=None), reason, params)


# -- instant refund ---------------------------------------------------------------------------


@dataclass(frozen=True)
class InstantRefundQuote:
    """What an instant refund costs, shown before the agent confirms it. In fen."""

    amount_fen: int  # the refund agreed
    fee_fen: int  # what the payment platform keeps
    deducted_fen: int  # the part of the fee the buyer bears
    payout_fen: int  # what reaches the buyer
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()  # i18n keys, same parameters


def quote_instant_refund(
    amount_fen: int,
    reason: AfterSalesReason,
    *,
    payee_verified: bool,
    rows: Iterable[RuleRow],
    platform: str | None,
    on: date,
) -> InstantRefundQuote:
    """The fee of an instant refund of ``amount_fen`` and who bears it (seed 000 八(5)b)."""
    if amount_fen <= 0:
        raise ValueError("an instant refund is of a positive amount")
    rows = tuple(rows)
    rate = rule_value(rows, "instant_refund.fee_bp", platform=platform, on=on)
    floor = rule_value(rows, "instant_refund.deduct_fee_from_fen", platform=platform, on=on)
    fee = share(amount_fen, rate.value, round_up=False)
    if reason.shop_at_fault:
        deducted, code, rule = 0, "aftersales.instant.shop_bears_fee", rate.row
    elif amount_fen < floor.value:
        deducted, code, rule = 0, "aftersales.instant.small_amount", floor.row
    else:
        deducted, code, rule = fee, "aftersales.instant.buyer_bears_fee", floor.row
    params = {
        "amount": yuan(amount_fen),
        "fee": yuan(fee),
        "rate": percent(rate.value),
        "payout": yuan(amount_fen - deducted),
        "floor": yuan(floor.value),
        "source": rule.source,
    }
    warnings = () if payee_verified else ("aftersales.instant.unverified_account",)
    return InstantRefundQuote(
        amount_fen, fee, deducted, amount_fen - deducted, rule, code, params, warnings
    )


def extend_transaction(
    confirm_by: datetime,
    *,
    rows: Iterable[RuleRow],
    platform: str | None,
    on: date,
    tz: tzinfo = SHOP_TZ,
) -> Deadline:
    """The buyer's confirm-receipt deadline pushed back when a return starts (seed 000 八(1)),
    so the transaction cannot close on its own while the goods travel back."""
    require_aware(confirm_by, "confirm_by")
    rule = rule_value(rows, "return.extend_transaction_days", platform=platform, on=on)
    at = confirm_by + timedelta(days=rule.value)
    params = {"days": str(rule.value), "deadline": shown(at, tz), "source": rule.source}
    return Deadline(at, rule.row, "aftersales.refund.transaction_extended", params)
