"""A first guess of what a buyer asks for and why, from the words of the conversation, so the
agent opening a case finds the obvious choice already made (开胶 → quality problem, 退货 →
return and refund). Pure: text in, guess out; the agent can always change it."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from kefu.aftersales.service import CaseKind, CaseReason

# The first row whose word occurs wins, so the narrower words come first ("只退款" before
# "退款", "发错" before anything about quality).
REASON_WORDS: Sequence[tuple[CaseReason, tuple[str, ...]]] = (
    (CaseReason.NOT_RECEIVED, ("没收到", "未收到", "还没到", "没有收到")),
    (CaseReason.WRONG_ITEM, ("发错", "错发", "不是我买的", "颜色发错", "尺码发错")),
    (CaseReason.MISSING_ITEM, ("少发", "漏发", "少了一", "缺件", "少件")),
    (CaseReason.TRANSIT_DAMAGE, ("压坏", "摔坏", "破损", "碎了", "外箱")),
    (CaseReason.QUALITY, ("开胶", "质量", "破洞", "掉色", "脱线", "起球", "断了", "坏了", "瑕疵")),
    (CaseReason.NOT_AS_DESCRIBED, ("色差", "与描述不符", "和描述不符", "跟图片不一样", "货不对板")),
    (CaseReason.DOES_NOT_FIT, ("尺码不合", "偏大", "偏小", "太大", "太小", "不合脚", "不合身")),
    (CaseReason.CHANGED_MIND, ("不喜欢", "不想要", "无理由", "拍错")),
)
KIND_WORDS: Sequence[tuple[CaseKind, tuple[str, ...]]] = (
    (CaseKind.REFUND_ONLY, ("仅退款", "只退款", "不用退货")),
    (CaseKind.PRICE_DIFFERENCE, ("退差价", "补差价", "降价了")),
    (CaseKind.SHIPPING_REFUND, ("退运费", "运费险")),
    (CaseKind.RESEND, ("补发", "再发一")),
    (CaseKind.EXCHANGE, ("换货", "换一", "换个", "换码", "调换")),
    (CaseKind.RETURN_REFUND, ("退货", "退掉", "退回", "退款")),
)
# When only the reason is obvious, what a buyer with that reason usually asks for.
KIND_FOR_REASON = {
    CaseReason.NOT_RECEIVED: CaseKind.RESEND,
    CaseReason.MISSING_ITEM: CaseKind.RESEND,
    CaseReason.DOES_NOT_FIT: CaseKind.EXCHANGE,
}


@dataclass(frozen=True)
class Guess:
    kind: CaseKind | None
    reason: CaseReason | None
    words: tuple[str, ...]  # the words the guess rests on, to show the agent


def _first(text: str, table: Sequence[tuple[str, tuple[str, ...]]]) -> tuple[str, str] | None:
    for value, words in table:
        for word in words:
            if word in text:
                return value, word
    return None


def guess_case(texts: Sequence[str]) -> Guess:
    """Kind and reason when the conversation names them; None where it does not."""
    text = "\n".join(texts)
    reason_hit = _first(text, REASON_WORDS)
    kind_hit = _first(text, KIND_WORDS)
    reason = CaseReason(reason_hit[0]) if reason_hit else None
    kind = CaseKind(kind_hit[0]) if kind_hit else None
    if kind is None and reason is not None:
        kind = KIND_FOR_REASON.get(reason)
    if reason is CaseReason.NOT_RECEIVED and kind is CaseKind.RETURN_REFUND:
        kind = CaseKind.REFUND_ONLY  # nothing arrived, so nothing can be sent back
    words = tuple(hit[1] for hit in (reason_hit, kind_hit) if hit)
    return Guess(kind, reason, words)
