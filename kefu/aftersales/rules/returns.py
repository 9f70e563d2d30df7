"""The seven-day no-reason return (七日无理由退货) of distance sales.

消费者权益保护法 第二十五条 and 网络购买商品七日无理由退货暂行办法 (2017, revised 2020): the
buyer may return goods bought online within seven days, counted from the day after sign-for
(第十条) in Beijing time, so goods signed for on 3 May may be returned until 10 May 23:59:59.
Four kinds are excluded by law (第六条); three more only when the buyer confirmed it at purchase
(第七条, without that confirmation refusing is unlawful, 第二十条). The goods must come back
intact (第八条, 第九条): opening them to inspect or a reasonable trial does not count against the
buyer. A quality claim is not limited by any of this (消法 第二十四条; seed 001 五): it goes
through the remedy and shipping rules instead.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from enum import StrEnum

from kefu.aftersales import messages as _messages  # noqa: F401  (registers the texts)
from kefu.aftersales.rules.policy_table import RuleRow, rule_value
from kefu.aftersales.rules.terms import SHOP_TZ, end_of_day_count, local_day, require_aware, shown


class Category(StrEnum):
    """What the goods are, as far as returning them goes."""

    GENERAL = "general"
    APPAREL = "apparel"  # clothing, shoes, hats, bags, toys, home textiles (第九条 (三))
    ELECTRONICS = "electronics"  # (第九条 (二))
    SEALED = "sealed"  # food, cosmetics, medical devices, family-planning goods (第九条 (一))
    DIGITAL_MEDIA = "digital_media"  # audio, video, software and other digital goods (第六条 (三))
    PERIODICAL = "periodical"  # newspapers and periodicals (第六条 (四))
    PERISHABLE = "perishable"  # fresh and perishable goods (第六条 (二))


class ConfirmedExclusion(StrEnum):
    """Goods a shop may exclude only with the buyer's confirmation at purchase (第七条)."""

    UNSAFE_ONCE_OPENED = "unsafe_once_opened"  # safety or health at risk, or quality changes
    LOSES_VALUE_ONCE_ACTIVATED = "loses_value_once_activated"  # activation or trial
    NEAR_EXPIRY_OR_FLAWED = "near_expiry_or_flawed"  # disclosed at sale


class Flaw(StrEnum):
    """What an inspection of the returned goods may find."""

    USED = "used"  # used beyond opening to inspect and a reasonable trial
    PARTS_MISSING = "parts_missing"  # accessories or gifts missing
    DAMAGED = "damaged"  # damage or wear that is hard to restore
    TAGS_REMOVED = "tags_removed"  # tags, labels or trade marks removed or cut
    SOILED_OR_WASHED = "soiled_or_washed"
    UNSEALED = "unsealed"  # a one-time seal broken (digital media: unsealed or downloaded)
    ACTIVATED_OR_DATA_LEFT = "activated_or_data_left"
    REPAIRED_OR_RELABELLED = "repaired_or_relabelled"  # unauthorised repair, serials altered


# Which flaws break "intact" (第八条, 第九条), in the order they are reported. Opening to
# inspect is allowed for everything but sealed goods, so an unpacked phone is still intact.
_BASE = (Flaw.USED, Flaw.PARTS_MISSING, Flaw.DAMAGED, Flaw.TAGS_REMOVED)
_BREAKING: dict[Category, tuple[Flaw, ...]] = {
    Category.GENERAL: _BASE,
    Category.APPAREL: (*_BASE, Flaw.SOILED_OR_WASHED),
    Category.ELECTRONICS: (*_BASE, Flaw.ACTIVATED_OR_DATA_LEFT, Flaw.REPAIRED_OR_RELABELLED),
    Category.SEALED: (*_BASE, Flaw.UNSEALED),
    Category.DIGITAL_MEDIA: _BASE,
}

_STATUTORY = {
    Category.PERISHABLE: "aftersales.return.excluded.perishable",
    Category.PERIODICAL: "aftersales.return.excluded.periodical",
}


@dataclass(frozen=True)
class Goods:
    category: Category
    made_to_order: bool = False  # 消费者定作的
    confirmed_exclusion: ConfirmedExclusion | None = None  # the product's page flags it
    buyer_confirmed: bool = False  # the buyer confirmed that flag when buying this order


@dataclass(frozen=True)
class ReturnDecision:
    allowed: bool
    rule: RuleRow
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)
    deadline: datetime | None = None  # the last instant to ask; None before sign-for


def decide_no_reason_return(
    goods: Goods,
    signed_at: datetime | None,
    requested_at: datetime,
    *,
    rows: Iterable[RuleRow],
    platform: str | None,
    flaws: frozenset[Flaw] | None = None,
    tz: tzinfo = SHOP_TZ,
) -> ReturnDecision:
    """May the buyer return ``goods`` without a reason, asked at ``requested_at``?

    ``flaws`` is what the inspection found; None before the goods are back, when the decision
    says what keeps them intact. The window in force on the day of sign-for applies.
    """
    require_aware(requested_at, "requested_at")
    rows = tuple(rows)
    if signed_at is None:
        window = rule_value(
            rows, "return.no_reason_days", platform=platform, on=local_day(requested_at, tz)
        )
        return ReturnDecision(False, window.row, "aftersales.return.not_signed", _cite(window.row))
    require_aware(signed_at, "signed_at")
    if requested_at < signed_at:
        raise ValueError("a return cannot be asked for before the goods were signed for")
    window = rule_value(
        rows, "return.no_reason_days", platform=platform, on=local_day(signed_at, tz)
    )
    deadline = end_of_day_count(signed_at, window.value, tz)
    params = {
        **_cite(window.row),
        "days": str(window.value),
        "signed": shown(signed_at, tz),
        "deadline": shown(deadline, tz),
    }
    refusal = _excluded(goods, flaws) or _late(requested_at, deadline) or _not_intact(goods, flaws)
    if refusal is not None:
        return ReturnDecision(False, window.row, refusal, params, deadline)
    return ReturnDecision(True, window.row, _allowed_reason(goods, flaws), params, deadline)


def _cite(row: RuleRow) -> dict[str, str]:
    return {"source": row.source}


def _excluded(goods: Goods, flaws: frozenset[Flaw] | None) -> str | None:
    """The statutory exclusions first (第六条), then those the buyer confirmed (第七条)."""
    if goods.made_to_order:
        return "aftersales.return.excluded.made_to_order"
    if goods.category in _STATUTORY:
        return _STATUTORY[goods.category]
    if goods.category is Category.DIGITAL_MEDIA and flaws and Flaw.UNSEALED in flaws:
        return "aftersales.return.excluded.digital_opened"
    if goods.confirmed_exclusion is not None and goods.buyer_confirmed:
        return f"aftersales.return.excluded.confirmed.{goods.confirmed_exclusion}"
    return None


def _late(requested_at: datetime, deadline: datetime) -> str | None:
    return "aftersales.return.window_closed" if requested_at > deadline else None


def _not_intact(goods: Goods, flaws: frozenset[Flaw] | None) -> str | None:
    if not flaws:
        return None
    for flaw in _BREAKING.get(goods.category, _BASE):
        if flaw in flaws:
            return f"aftersales.return.not_intact.{flaw}"
    return None


def _allowed_reason(goods: Goods, flaws: frozenset[Flaw] | None) -> str:
    if goods.confirmed_exclusion is not None:
        # Flagged on the page but never confirmed by this buyer: refusing would be unlawful.
        return "aftersales.return.allowed.unconfirmed_exclusion"
    if flaws is not None:
        return "aftersales.return.allowed.intact"
    return f"aftersales.return.allowed.{goods.category}"
