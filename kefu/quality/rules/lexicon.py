"""The handbooks' words for coaching a reply: negative words and what to say instead, the
markers that explain or soften a negative, service taboos (服务禁语), greetings and farewells.

Data only. Every table names the handbook (``seeds/``) it comes from; texts are simplified
Chinese because replies are matched after folding traditional characters to simplified.
"""

from __future__ import annotations

from dataclasses import dataclass

# -- negative words ------------------------------------------------------------------------------
# Seed 001 (客服与客户交流的流程), §首 and §7 注: "沟通过程中,尽量避免使用否定词,如:不能、没有、
# 不可以之类。如果使用否定词,一定要加解释。" Seed 002 (话务沟通语言技巧) shows the explained form:
# "对不起,我们必须保护用户的利益,不能泄漏客户的个人信息。"; seed 001 §5B: "由于快递不受我们控制,
# 我们无法保证具体到货时间,只能保证今天一定给您安排发货出去,希望您能理解。"
#
# Each word maps to what the handbooks would say instead: an explanation and an alternative.
_EXPLAIN_AND_OFFER = "非常抱歉,由于……暂时没办法……,不过我们可以为您……,您看可以吗?"
_CHECK_AND_REPLY = "您稍等,我帮您查一下,核实清楚后第一时间回复您。"

NEGATIVE_SUGGESTIONS: dict[str, str] = {
    "没有": "这款暂时缺货,可以为您推荐相似款/到货后第一时间通知您。",
    "不能": _EXPLAIN_AND_OFFER,
    "不可以": _EXPLAIN_AND_OFFER,
    "不行": _EXPLAIN_AND_OFFER,
    "办不到": _EXPLAIN_AND_OFFER,
    "做不到": _EXPLAIN_AND_OFFER,
    "没办法": _EXPLAIN_AND_OFFER,
    "没法": _EXPLAIN_AND_OFFER,
    "无法": "由于……我们无法……,只能保证……,希望您能理解。",
    "不可能": _EXPLAIN_AND_OFFER,
    "不支持": "很抱歉,由于……暂时不支持……,您可以……,我们也可以为您……",
    "不知道": _CHECK_AND_REPLY,
    "不清楚": _CHECK_AND_REPLY,
    "不会": "请您放心,因为……所以不会……;如有任何问题,可以随时联系我们。",
}

# What follows a negative word and turns it into something else: 没有问题 (no problem) and
# 没有关系 (never mind) answer yes, not no.
NOT_NEGATIVE_AFTER: dict[str, tuple[str, ...]] = {
    "没有": ("问题", "任何问题", "关系"),
}

# -- what explains or softens a negative (seed 001: "一定要加解释") --------------------------------
# A reason, a contrast, an apology, a plea for understanding or a promise of what happens next:
# any of these in the same sentence makes the negative an explained one.
EXPLAINERS: tuple[str, ...] = (
    "因为",
    "由于",
    "所以",
    "但是",
    "但",
    "不过",
    "建议",
    "稍后",
    "稍等",
    "尽快",
    "抱歉",
    "对不起",
    "不好意思",
    "麻烦",
    "可能",
    "理解",
    "谅解",
    "放心",
    "推荐",
    "如果",
    "只要",
    "到货后",
    "第一时间",
)
# Offers of an alternative. A negative can govern these ("不能为您退款" refuses the very thing),
# so they count only when the negative does not directly precede them (see ``coach``).
OFFERS: tuple[str, ...] = ("您可以", "我们可以", "可以", "帮您", "为您", "替您", "帮你", "为你")
# Adverbs that may stand between a negative and the offer it governs: 不能马上为您…
GOVERNING_GAP = frozenset("再马上立即立刻直接就都也还给")

# -- service taboos (服务禁语) ------------------------------------------------------------------


@dataclass(frozen=True)
class Taboo:
    """A phrase never to send, as a regular expression over simplified text, with the rule it
    breaks (``source``) and what to say instead."""

    pattern: str
    source: str
    suggestion: str


_SHIFTING = (
    "seed 002 §六(四)6 不要推卸责任; §七(二) 不能说这是那个部门的责任",
    "这个问题我帮您联系相关同事核实处理,有结果第一时间回复您。",
)
_COURIER = (
    "seed 002 §六(四)6 不要推卸责任; seed 001 §6 情景对话一",
    "我们现在联系快递公司,问问具体情况,然后回复您,争取让尽快给您送到。",
)
_BRUSH_OFF = (
    "seed 003 第三章四 服务过程中的注意事项: 直接拒绝客户; 不正面回答客户问题",
    "您稍等,我帮您查一下,核实清楚后第一时间回复您。",
)
_DISMISSIVE = (
    "seed 003 第三章四: 直接拒绝客户; seed 000 表达的技巧: 冷漠的、不耐烦的",
    "您看您更喜欢哪一款?我根据您的需要为您推荐一下。",
)
_TAKE_IT_OR_LEAVE = (
    "seed 003 第三章四: 直接拒绝客户; seed 001 §3 议价环节",
    "我们的产品质量是有保证的,价格是公司统一制定的;店铺现在有优惠活动,我给您介绍一下吧。",
)
_IMPATIENT = (
    "seed 001 §6 注: 在任何情况下都不能与顾客发生争吵; seed 000 表达的技巧: 不耐烦的、傲慢的",
    "不好意思,可能是我没说清楚,我再为您详细说明一下。",
)
_INSULT = (
    "seed 002 §五(二)4 不得与客户争辩顶撞; seed 000 表达的技巧: 粗鲁的",
    "对不起,我非常理解您的心情,但是为了帮您解决问题,请您慢慢说好吗?我会尽全力帮您解决的。",
)

TABOOS: tuple[Taboo, ...] = (
    *(
        Taboo(p, *_SHIFTING)
        for p in (
            "不归我管",
            "我不管",
            "不关我的事",
            "关我什么事",
            "跟我没关系",
            "和我没关系",
            "不是我们的责任",
            "不是我负责",
            "找别人去",
        )
    ),
    *(Taboo(p, *_COURIER) for p in ("你去?找快递", "找快递去", "自己找快递", "问快递去")),
    *(
        Taboo(p, *_BRUSH_OFF)
        for p in ("你自己看", "自己去?看吧", "自己去看", "你自己查", "自己去查")
    ),
    *(Taboo(p, *_BRUSH_OFF) for p in ("我也不知道", "我哪知道", "谁知道")),
    # 随便 on its own, or aimed at the customer; "您可以随便挑" is an invitation, not a taboo.
    *(
        Taboo(p, *_DISMISSIVE)
        for p in (
            "随便你",
            "随你便",
            "随便吧",
            r"(?:^|(?<=[。！？!?,，\s]))随便(?=[。！？!?,，~\s]|$)",
        )
    ),
    *(Taboo(p, *_TAKE_IT_OR_LEAVE) for p in ("爱买不买", "爱要不要")),
    *(
        Taboo(p, *_IMPATIENT)
        for p in (
            "不是跟你说了吗",
            "不是说过了吗",
            "我已经说过了",
            "说了多少遍",
            "你?听不懂吗",
            "你看不懂吗",
            "没看到吗",
            "你?烦不烦",
            "有完没完",
        )
    ),
    *(Taboo(p, *_INSULT) for p in ("神经病", "有病吧", "你有病")),
)

# -- greetings and farewells ----------------------------------------------------------------------
# Seed 001 §1 欢迎语 ("您好,我是客服8号,很高兴为您服务"), seed 002 §五(二)1 ("您好!请问有什么可以
# 帮到您?" 必需严格执行), seed 004 (亲,您好!欢迎光临…; 恭候您多时了,亲!).
GREETINGS: tuple[str, ...] = (
    "您好",
    "你好",
    "亲",
    "欢迎",
    "在的",
    "很高兴为您服务",
    "恭候",
    "早上好",
    "上午好",
    "中午好",
    "下午好",
    "晚上好",
)
GREETING_SUGGESTION = "您好,很高兴为您服务,有什么我可以效劳的?"

# Seed 001 §7 欢送语 ("感谢您的惠顾,期待您的再次光临…"), seed 002 §五(二) 结束通话 ("谢谢您的电话,
# 再见!"), seed 003 服务流程 6 欢送语.
FAREWELLS: tuple[str, ...] = (
    "感谢",
    "谢谢",
    "再见",
    "再会",
    "拜拜",
    "再次光临",
    "欢迎下次",
    "欢迎再来",
    "期待您",
    "祝您",
)
FAREWELL_SUGGESTION = "感谢您的惠顾,期待您的再次光临!有任何问题,可以随时联系我们。"
