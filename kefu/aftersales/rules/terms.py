"""The vocabulary the after-sales rules share: why a buyer asks, which remedy is given, who
pays, money in fen and the shop's local time.

Money is an ``int`` of fen (分) everywhere, never a float; shares of an amount are given in
basis points (1% = 100 bp) and computed in integers, rounded in the buyer's favour.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from kefu.aftersales.rules.policy_table import RuleRow

SHOP_TZ = ZoneInfo("Asia/Shanghai")  # days are counted in Beijing time
BASIS = 10_000  # basis points in a whole


class AfterSalesReason(StrEnum):
    """Why the buyer asks. The first five are the shop's responsibility."""

    QUALITY = "quality"  # 质量问题
    WRONG_ITEM = "wrong_item"  # 发错货
    MISSING_ITEM = "missing_item"  # 发少货
    TRANSIT_DAMAGE = "transit_damage"  # 运输破损
    NOT_AS_DESCRIBED = "not_as_described"  # 描述不符
    CHANGED_MIND = "changed_mind"  # 不喜欢, 七天无理由
    DOES_NOT_FIT = "does_not_fit"  # 尺码不合适

    @property
    def shop_at_fault(self) -> bool:
        return self not in (AfterSalesReason.CHANGED_MIND, AfterSalesReason.DOES_NOT_FIT)


class Remedy(StrEnum):
    PARTIAL_REFUND = "partial_refund"  # 折价 / 退差价: the buyer keeps the goods
    EXCHANGE = "exchange"  # 换货
    RETURN = "return"  # 退货退款
    RESHIP = "reship"  # 补发: the missing part is sent, nothing comes back


class Payer(StrEnum):
    SHOP = "shop"
    BUYER = "buyer"
    NOBODY = "nobody"  # the leg does not happen (nothing is sent back for a reshipment)


@dataclass(frozen=True)
class Deadline:
    """An instant something must be done by (inclusive), with the rule that set it; ``rule``
    is None when the platform's own timeout set it."""

    at: datetime
    rule: RuleRow | None
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def yuan(fen: int) -> str:
    """Fen as yuan with two decimals: ``1250`` → ``12.50``."""
    sign = "-" if fen < 0 else ""
    whole, cents = divmod(abs(fen), 100)
    return f"{sign}{whole}.{cents:02d}"


def share(amount_fen: int, basis_points: int, *, round_up: bool) -> int:
    """``basis_points`` of ``amount_fen`` in whole fen: rounded up for what the shop pays the
    buyer, down for what the buyer pays the shop."""
    if amount_fen < 0 or basis_points < 0:
        raise ValueError("amounts and rates are never negative")
    whole, rest = divmod(amount_fen * basis_points, BASIS)
    return whole + 1 if round_up and rest else whole


def percent(basis_points: int) -> str:
    """``500`` → ``5``, ``250`` → ``2.5``."""
    whole, rest = divmod(basis_points, 100)
    return f"{whole}" if not rest else f"{whole}.{rest:02d}".rstrip("0")


def require_aware(value: datetime, name: str) -> None:
    if value.utcoffset() is None:
        raise ValueError(f"{name} must be a timezone-aware datetime")


def local_day(value: datetime, tz: tzinfo = SHOP_TZ) -> date:
    require_aware(value, "the instant")
    return value.astimezone(tz).date()


def end_of_day_count(start: datetime, days: int, tz: tzinfo = SHOP_TZ) -> datetime:
    """The last instant of the ``days``-th day counted from the day after ``start``'s local day
    (the start day itself is not counted, 民法典 第二百零一条; 暂行办法 第十条): signed on
    3 May, 7 days run 4–10 May and end on 10 May at 23:59:59.999999."""
    last = local_day(start, tz) + timedelta(days=days)
    return datetime.combine(last, time.max, tzinfo=tz)


def shown(value: datetime, tz: tzinfo = SHOP_TZ) -> str:
    """An instant as the shop's wall time, to the second: ``2026-05-10 23:59:59``."""
    return value.astimezone(tz).strftime("%Y-%m-%d %H:%M:%S")


def duration_text(delta: timedelta) -> str:
    """A duration, its sign dropped, as H:MM:SS like the SLA clocks: ``11:59:00``."""
    seconds = int(abs(delta).total_seconds())
    return f"{seconds // 3600}:{seconds % 3600 // 60:02d}:{seconds % 60:02d}"
