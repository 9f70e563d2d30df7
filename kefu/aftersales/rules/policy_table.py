"""The after-sales rule table: one row per (scope, key, value, source, effective_from).

A scope is ``law``, a platform (``taobao``, ``jd``, ``wechat``, …) or ``shop``. Every number the
engine uses is read from rows, so an operator edits the table when a platform changes its rules
and every decision cites the row it rests on. ``DEFAULT_RULES`` holds the law and the platform
rules found with a primary or mirrored source (research china-cs.md §4), and the handbooks'
numbers as the shop's defaults; numbers the handbooks quote from a platform but nobody could
confirm (the late-shipment penalty, 72 hours, the 1% instant-refund fee) are shop rows.

Precedence. Within a scope, the row in force on the day wins (the latest ``effective_from`` on
or before it, until its ``effective_until``). Between scopes, law is the floor: a platform or a
shop may promise the buyer more, never less — the law does not let a seller narrow the
seven-day return on its own (消费者权益保护法实施条例 第十九条), and Taobao applies the higher of
the shop's promise and its own amount (淘宝平台争议处理规则 第十五条). So for each key the table
says which way favours the buyer:

- ``HIGHER`` (a longer window, a bigger penalty) or ``LOWER`` (a shorter deadline, a smaller
  fee, ``0`` for "the buyer does not pay"): law, then platform, then shop; a more specific row
  replaces the one before only when it is strictly better for the buyer. On a tie the general
  row stays, because it is the one that binds and the better one to cite.
- ``SHOP``: the shop's own housekeeping (approval limits, warning times, SOP minutes): the most
  specific row wins.

A row set aside is returned too, so an operator can be told that a shop rule had no effect.
JD's rule that its own penalty prevails over a seller's promise (交易纠纷处理总则 第四十七条) is
not modelled: a shop promising more than JD is held to its promise.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class Favours(StrEnum):
    HIGHER = "higher"  # a larger value is better for the buyer
    LOWER = "lower"  # a smaller value is better for the buyer
    SHOP = "shop"  # the shop's own matter: the most specific row wins


@dataclass(frozen=True)
class RuleKey:
    favours: Favours
    unit: str  # days | hours | minutes | fen | bp | points | flag (1 yes, 0 no)


LAW = "law"
SHOP = "shop"

# fmt: off
RULE_KEYS: Mapping[str, RuleKey] = {
    # the seven-day no-reason return
    "return.no_reason_days":                 RuleKey(Favours.HIGHER, "days"),
    "return.buyer_pays_return_shipping":     RuleKey(Favours.LOWER, "flag"),
    "return.buyer_pays_outbound_if_free":    RuleKey(Favours.LOWER, "flag"),
    "return.buyer_pays_outbound_if_paid":    RuleKey(Favours.LOWER, "flag"),
    "return.extend_transaction_days":        RuleKey(Favours.HIGHER, "days"),
    "exchange.buyer_pays_shipping":          RuleKey(Favours.LOWER, "flag"),
    "fault.shop_pays_shipping":              RuleKey(Favours.HIGHER, "flag"),
    "remedy.partial_when_cheaper":           RuleKey(Favours.SHOP, "flag"),
    # refunds
    "refund.respond_hours":                  RuleKey(Favours.LOWER, "hours"),
    "refund.promise_hours_after_return":     RuleKey(Favours.LOWER, "hours"),
    "refund.legal_days_after_return":        RuleKey(Favours.LOWER, "days"),
    "refund.penalty_days_after_return":      RuleKey(Favours.LOWER, "days"),
    "refund.escalate_hours_after_return":    RuleKey(Favours.SHOP, "hours"),
    "instant_refund.fee_bp":                 RuleKey(Favours.LOWER, "bp"),
    "instant_refund.deduct_fee_from_fen":    RuleKey(Favours.HIGHER, "fen"),
    "payout.approval_above_fen":             RuleKey(Favours.SHOP, "fen"),
    # late shipment
    "late_shipment.ship_within_hours":       RuleKey(Favours.LOWER, "hours"),
    "late_shipment.penalty_bp":              RuleKey(Favours.HIGHER, "bp"),
    "late_shipment.penalty_cap_fen":         RuleKey(Favours.HIGHER, "fen"),
    "late_shipment.points":                  RuleKey(Favours.SHOP, "points"),
    "late_shipment.warn_lead_hours":         RuleKey(Favours.SHOP, "hours"),
    # platform disputes (维权)
    "dispute.respond_hours":                 RuleKey(Favours.LOWER, "hours"),
    # complaint SOP
    "complaint.pass_on_minutes":             RuleKey(Favours.SHOP, "minutes"),
    "complaint.analysis_minutes":            RuleKey(Favours.SHOP, "minutes"),
    "complaint.confirm_minutes":             RuleKey(Favours.SHOP, "minutes"),
}
# fmt: on


@dataclass(frozen=True)
class RuleRow:
    """One rule: ``value`` in the key's unit (money in fen, shares in basis points), in force
    from ``effective_from`` until the day before ``effective_until`` (None: still in force).
    ``source`` is the citation shown to the agent and the customer."""

    scope: str
    key: str
    value: int
    source: str
    effective_from: date
    effective_until: date | None = None

    def __post_init__(self) -> None:
        if self.key not in RULE_KEYS:
            raise ValueError(f"unknown rule key {self.key!r}")
        if not self.scope or self.scope != self.scope.strip().lower():
            raise ValueError(f"a scope is a lower-case name, got {self.scope!r}")
        if isinstance(self.value, bool) or not isinstance(self.value, int) or self.value < 0:
            raise ValueError(f"a rule's value is a non-negative integer, got {self.value!r}")
        if RULE_KEYS[self.key].unit == "flag" and self.value not in (0, 1):
            raise ValueError(f"{self.key} is a flag: 0 or 1, got {self.value}")
        if not self.source.strip():
            raise ValueError("a rule must name its source")
        if self.effective_until is not None and self.effective_until <= self.effective_from:
            raise ValueError("a rule must be in force for at least a day")

    def in_force(self, on: date) -> bool:
        return self.effective_from <= on and (
            self.effective_until is None or on < self.effective_until
        )


@dataclass(frozen=True)
class ResolvedRule:
    """The value in force and the row it comes from; ``set_aside`` are the rows in force for
    other scopes that did not win (a shop rule less generous than the law, for one)."""

    value: int
    row: RuleRow
    set_aside: tuple[RuleRow, ...] = ()

    @property
    def source(self) -> str:
        return self.row.source


def rule_value(
    rows: Iterable[RuleRow], key: str, *, platform: str | None, on: date
) -> ResolvedRule:
    """The value of ``key`` on day ``on`` for an order of ``platform`` (None: sold outside any
    platform), by the precedence in the module's docstring. A key without any row in force is
    a configuration error and raises ``LookupError``."""
    if key not in RULE_KEYS:
        raise KeyError(f"unknown rule key {key!r}")
    if platform in (LAW, SHOP):
        raise ValueError(f"{platform!r} is not a platform")
    layers = [
        row
        for scope in (LAW, platform, SHOP)
        if scope is not None and (row := _in_force(rows, key, scope, on)) is not None
    ]
    if not layers:
        raise LookupError(f"no rule {key!r} is in force on {on.isoformat()}")
    favours = RULE_KEYS[key].favours
    chosen, set_aside = layers[0], []
    for row in layers[1:]:
        if _replaces(row.value, chosen.value, favours):
            set_aside.append(chosen)
            chosen = row
        else:
            set_aside.append(row)
    return ResolvedRule(chosen.value, chosen, tuple(set_aside))


def _replaces(specific: int, general: int, favours: Favours) -> bool:
    if favours is Favours.SHOP:
        return True
    if favours is Favours.HIGHER:
        return specific > general
    return specific < general


def _in_force(rows: Iterable[RuleRow], key: str, scope: str, on: date) -> RuleRow | None:
    candidates = [r for r in rows if r.key == key and r.scope == scope and r.in_force(on)]
    if not candidates:
        return None
    latest = max(candidates, key=lambda r: r.effective_from)
    if sum(1 for r in candidates if r.effective_from == latest.effective_from) > 1:
        raise ValueError(f"two {scope} rows for {key!r} start on {latest.effective_from}")
    return latest


# -- the default table ------------------------------------------------------------------------

LAW_2014 = date(2014, 3, 15)  # the amended 消费者权益保护法 in force
# 网络购买商品七日无理由退货暂行办法 in force (revised 2020-10-23, same numbers).
MEASURES_2017 = date(2017, 3, 15)
TAOBAO_2025 = date(2025, 8, 15)  # 淘宝平台争议处理规则, the revision read
JD_2025 = date(2025, 7, 4)  # 京东开放平台交易纠纷处理总则, the revision read
SHOP_DEFAULTS_FROM = date(2010, 1, 20)  # the date the oldest handbook (seed 000) was compiled

_CPL = "《消费者权益保护法》"
_MEASURES = "《网络购买商品七日无理由退货暂行办法》"
_TAOBAO = "《淘宝平台争议处理规则》"
_SHOP = "店规默认值"
_PRODUCT = "系统默认值"

_Row = tuple[str, str, int, str, date]

# fmt: off
_DEFAULT_ROWS: tuple[_Row, ...] = (
    # scope, key, value, source, effective_from
    (LAW, "return.no_reason_days", 7,
     f"{_CPL}第二十五条:网购商品自收到之日起七日内可无理由退货", LAW_2014),
    (LAW, "return.no_reason_days", 7,
     f"{_MEASURES}第十条:七日期间自签收商品的次日开始起算", MEASURES_2017),
    # Seed 001 维权·七天无理由退换货.
    (SHOP, "return.no_reason_days", 7,
     f"{_SHOP}:自确认签收之日起7天内(以物流签收时间为准)可七天无理由退换货", SHOP_DEFAULTS_FROM),
    (LAW, "return.buyer_pays_return_shipping", 1,
     f"{_CPL}第二十五条:退回商品的运费由消费者承担;经营者和消费者另有约定的,按照约定", LAW_2014),
    # A refund is what the buyer actually paid; shipping may be deducted only when a partial
    # return breaks the free-shipping condition, so a free-shipping order's outbound parcel is
    # never charged to the buyer, whatever the shop's own rule says.
    (LAW, "return.buyer_pays_outbound_if_free", 0,
     f"{_MEASURES}第十七条、第十八条:退款为实际支付的金额;仅部分退货致不再满足包邮条件时可扣除运费",
     MEASURES_2017),
    ("taobao", "return.buyer_pays_outbound_if_free", 0,
     f"{_TAOBAO}第五十三条:包邮商品七天无理由退货,买家只承担退货运费", TAOBAO_2025),
    ("taobao", "return.buyer_pays_outbound_if_paid", 1,
     f"{_TAOBAO}第五十三条:非包邮商品七天无理由退货,买家承担发货和退货的全部运费", TAOBAO_2025),
    # Seed 001 售后环节: not liking it or the size: the buyer pays the return and our outbound.
    (SHOP, "return.buyer_pays_outbound_if_free", 1,
     f"{_SHOP}:不喜欢或尺码原因退货,由顾客承担寄回运费和当初发货的运费", SHOP_DEFAULTS_FROM),
    (SHOP, "return.buyer_pays_outbound_if_paid", 1,
     f"{_SHOP}:不喜欢或尺码原因退货,由顾客承担寄回运费和当初发货的运费", SHOP_DEFAULTS_FROM),
    # Seed 000 八(1): extend the transaction by 7 days as soon as a return starts.
    (SHOP, "return.extend_transaction_days", 7,
     f"{_SHOP}:顾客要求退换货时,主动延长交易时间7天", SHOP_DEFAULTS_FROM),
    ("taobao", "exchange.buyer_pays_shipping", 1,
     f"{_TAOBAO}第五十四条:七天无理由换货,买家承担全部运费", TAOBAO_2025),
    (SHOP, "exchange.buyer_pays_shipping", 1,
     f"{_SHOP}:尺码原因换货,由顾客承担来回运费", SHOP_DEFAULTS_FROM),
    (LAW, "fault.shop_pays_shipping", 1,
     f"{_CPL}第二十四条:因质量问题退货、更换、修理的,经营者应当承担运输等必要费用", LAW_2014),
    # Seeds 001 (质量问题 无条件退换, 承担来回运费) and 004 (发错货 发少货, 卖家承担来回运费).
    (SHOP, "fault.shop_pays_shipping", 1,
     f"{_SHOP}:质量问题、发错货、发少货,无条件退换,卖家承担来回运费", SHOP_DEFAULTS_FROM),
    # Seed 004 售后客服工作流程: 折价 when it costs less than an exchange.
    (SHOP, "remedy.partial_when_cheaper", 1,
     f"{_SHOP}:折价成本低于换货成本时优先折价;未达成折价的再换货", SHOP_DEFAULTS_FROM),
    (LAW, "refund.respond_hours", 15 * 24,
     f"{_MEASURES}第三十一条:超过十五日未处理退货申请的,依法处罚", MEASURES_2017),
    ("jd", "refund.respond_hours", 24,
     "《京东开放平台交易纠纷处理总则》第三条:发起售后纠纷24小时内未达成一致或商家未处理的,消费者可申请平台介入",
     JD_2025),
    (LAW, "refund.legal_days_after_return", 7,
     f"{_CPL}第二十五条:经营者应当自收到退回商品之日起七日内返还商品价款", LAW_2014),
    (LAW, "refund.legal_days_after_return", 7,
     f"{_MEASURES}第十三条:自收到退回商品之日起七日内向消费者返还已支付的商品价款",
     MEASURES_2017),
    (LAW, "refund.penalty_days_after_return", 15,
     f"{_MEASURES}第三十一条:收到退回商品超过十五日未退款的,依法处罚", MEASURES_2017),
    # Seed 000 八(2): the refund is made within 24 hours of receiving the goods.
    (SHOP, "refund.promise_hours_after_return", 24,
     f"{_SHOP}:收到退货后24小时内办理退款", SHOP_DEFAULTS_FROM),
    # Day 5: two days before the legal 7 (room for a weekend), ten before the 15-day penalty.
    (SHOP, "refund.escalate_hours_after_return", 5 * 24,
     f"{_PRODUCT}:收到退货5天仍未退款即上报主管,早于法定七日期限两天", SHOP_DEFAULTS_FROM),
    # Seed 000 八(5)b; research found no primary source for the 1%.
    (SHOP, "instant_refund.fee_bp", 100,
     f"{_SHOP}:支付宝即时到账退款扣除1%手续费(如100元扣1元)", SHOP_DEFAULTS_FROM),
    (SHOP, "instant_refund.deduct_fee_from_fen", 100_00,
     f"{_PRODUCT}:因顾客自身原因且金额较大(100元起)的即时到账退款,手续费由顾客承担",
     SHOP_DEFAULTS_FROM),
    (SHOP, "payout.approval_above_fen", 200_00,
     f"{_PRODUCT}:单笔打款超过200元须由主管审批", SHOP_DEFAULTS_FROM),
    # Seed 001 维权·延迟发货, quoting Taobao; no primary source confirmed these numbers.
    (SHOP, "late_shipment.ship_within_hours", 72,
     f"{_SHOP}:买家付款后七十二小时内未发货即为延迟发货", SHOP_DEFAULTS_FROM),
    (SHOP, "late_shipment.penalty_bp", 500,
     f"{_SHOP}:延迟发货须向买家支付实际成交金额5%的违约金,最高30元", SHOP_DEFAULTS_FROM),
    (SHOP, "late_shipment.penalty_cap_fen", 30_00,
     f"{_SHOP}:延迟发货须向买家支付实际成交金额5%的违约金,最高30元", SHOP_DEFAULTS_FROM),
    (SHOP, "late_shipment.points", 3,
     f"{_SHOP}:延迟发货每次扣3分", SHOP_DEFAULTS_FROM),
    # A lead, not an hour count from payment, so it also fits a shorter limit or an agreed time.
    (SHOP, "late_shipment.warn_lead_hours", 12,
     f"{_PRODUCT}:距发货期限12小时仍未发货即预警(72小时期限下即付款后60小时)", SHOP_DEFAULTS_FROM),
    # JD answers a dispute on the evidence it has 24 hours after it reached the seller; Taobao's
    # number was not found, so the shop's default answers as fast (seed 000 七(4): 马上申诉).
    ("jd", "dispute.respond_hours", 24,
     "《京东开放平台交易纠纷处理总则》第九条:纠纷单到达商家后24小时内须处理或举证,否则平台依现有证据判定",
     JD_2025),
    (SHOP, "dispute.respond_hours", 24,
     f"{_PRODUCT}:买家发起维权后24小时内提交申诉和聊天记录凭证(店规:投诉不能撤销的要马上申诉)",
     SHOP_DEFAULTS_FROM),
    # Seed 004 客诉作业指引 6.2.1.
    (SHOP, "complaint.pass_on_minutes", 5,
     f"{_SHOP}:收到客诉后5分钟内知会品质负责人", SHOP_DEFAULTS_FROM),
    (SHOP, "complaint.analysis_minutes", 30,
     f"{_SHOP}:30分钟内须有初步的原因分析和沟通结果", SHOP_DEFAULTS_FROM),
    (SHOP, "complaint.confirm_minutes", 10,
     f"{_SHOP}:收到处理意见后10分钟内与客户确认退换货或补货", SHOP_DEFAULTS_FROM),
)
# fmt: on

DEFAULT_RULES: tuple[RuleRow, ...] = tuple(RuleRow(*row) for row in _DEFAULT_ROWS)
