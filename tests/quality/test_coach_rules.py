"""Coaching a reply against the handbooks' service language (seeds 000–004): a table of drafts
and what each should be told, then the details (offsets, suggestions, folding of scripts)."""

from __future__ import annotations

import pytest

from kefu.knowledge.seeds import SEEDS
from kefu.quality.rules import (
    BARE_NEGATIVE,
    MISSING_FAREWELL,
    MISSING_GREETING,
    RUDE_PHRASE,
    coach,
)

BARE = BARE_NEGATIVE
RUDE = RUDE_PHRASE

# (draft, first_reply, closing, expected [(code, word)] in reading order)
CASES: list[tuple[str, bool, bool, list[tuple[str, str]]]] = [
    # bare negatives: the handbook's three named words and their kin
    ("这个不能退。", False, False, [(BARE, "不能")]),
    ("这款没有了。", False, False, [(BARE, "没有")]),
    ("不可以。", False, False, [(BARE, "不可以")]),
    ("这样不行", False, False, [(BARE, "不行")]),
    ("这个我不清楚", False, False, [(BARE, "不清楚")]),
    ("我们没办法处理", False, False, [(BARE, "没办法")]),
    ("这个我们办不到", False, False, [(BARE, "办不到")]),
    ("我不知道。", False, False, [(BARE, "不知道")]),
    ("不会", False, False, [(BARE, "不会")]),
    ("暂时没有货", False, False, [(BARE, "没有")]),
    # a reason in another sentence does not explain this one
    ("因为库存紧张。这个不能发货。", False, False, [(BARE, "不能")]),
    ("很抱歉!这边不能改地址", False, False, [(BARE, "不能")]),
    # explained in the same sentence: reason, contrast, apology, plea, next step
    ("因为已经发货了,所以不能修改地址", False, False, []),
    ("这款没有了,不过有相似款可以推荐给您", False, False, []),
    ("对不起,我们必须保护用户的利益,不能泄漏客户的个人信息。", False, False, []),
    (
        "您好,由于快递不受我们控制,我们无法保证具体到货时间,只能保证今天一定给您安排发货出去,希望您能理解。",
        False,
        False,
        [],
    ),
    ("这款暂时缺货,可以为您推荐相似款", False, False, []),
    ("这个我不清楚,稍后给您回复", False, False, []),
    ("没有现货,到货后第一时间通知您", False, False, []),
    # an offer the negative itself governs is what it refuses
    ("不能为您退款", False, False, [(BARE, "不能")]),
    ("不可以帮您改价", False, False, [(BARE, "不可以")]),
    ("不能马上为您发货", False, False, [(BARE, "不能")]),
    # not negative answers
    ("没有问题,马上给您发货", False, False, []),
    ("没有关系的", False, False, []),
    ("不客气", False, False, []),
    ("能不能麻烦您拍张照片", False, False, []),
    ("可不可以换一个颜色", False, False, []),
    ("您有没有收到货", False, False, []),
    ("请问您没有收到货吗?", False, False, []),
    ("不知道您是否方便拍张照片", False, False, []),
    ("不好意思让您久等了", False, False, []),
    # 不可以 does not explain itself with its own 可以, nor 不可能 with 可能
    ("不可能", False, False, [(BARE, "不可能")]),
    # service taboos: flagged whatever else the sentence says
    ("这个不归我管", False, False, [(RUDE, "不归我管")]),
    ("你自己看吧", False, False, [(RUDE, "你自己看")]),
    ("随便", False, False, [(RUDE, "随便")]),
    ("随便你,不好意思", False, False, [(RUDE, "随便你")]),
    ("您可以随便挑选", False, False, []),
    ("爱买不买", False, False, [(RUDE, "爱买不买")]),
    ("我也不知道啊", False, False, [(RUDE, "我也不知道")]),
    ("不是跟你说了吗", False, False, [(RUDE, "不是跟你说了吗")]),
    ("抱歉,我不管这个", False, False, [(RUDE, "我不管")]),
    # greeting and farewell
    ("请问有什么可以帮您?", True, False, [(MISSING_GREETING, "")]),
    ("您好,请问有什么可以帮您?", True, False, []),
    ("亲,在的哦", True, False, []),
    ("好的,已经为您登记", False, True, [(MISSING_FAREWELL, "")]),
    ("感谢您的惠顾,期待您的再次光临", False, True, []),
    ("好的,祝您生活愉快", False, True, []),
    ("好的", True, True, [(MISSING_GREETING, ""), (MISSING_FAREWELL, "")]),
    # several things at once, in reading order
    ("亲,这个不能退。你自己看吧", True, False, [(BARE, "不能"), (RUDE, "你自己看")]),
    # traditional characters are folded: 沒有 is 没有
    ("這款沒有了。", False, False, [(BARE, "沒有")]),
    ("這款沒有了,不過可以為您推薦相似款", False, False, []),
    # nothing to coach in an empty draft
    ("", True, True, []),
    ("   ", True, True, []),
]


@pytest.mark.parametrize(("draft", "first_reply", "closing", "expected"), CASES)
def test_coach_flags_what_the_handbooks_would_change(
    draft: str, first_reply: bool, closing: bool, expected: list[tuple[str, str]]
) -> None:
    found = coach(draft, first_reply=first_reply, closing=closing)
    assert [(f.code, f.word) for f in found] == expected


def test_offsets_point_at_the_word_as_written() -> None:
    draft = "亲,这款沒有了。這個不能退"
    found = coach(draft, first_reply=False, closing=False)
    assert [(f.start, f.end) for f in found] == [(4, 6), (10, 12)]
    assert [draft[f.start : f.end] for f in found] == ["沒有", "不能"]


def test_a_missing_greeting_sits_at_the_start_and_a_missing_farewell_at_the_end() -> None:
    draft = "已为您登记"
    found = coach(draft, first_reply=True, closing=True)
    assert [(f.code, f.start, f.end) for f in found] == [
        (MISSING_GREETING, 0, 0),
        (MISSING_FAREWELL, len(draft), len(draft)),
    ]


def test_each_finding_carries_the_handbook_wording_and_a_message_code() -> None:
    (finding,) = coach("这款没有了。", first_reply=False, closing=False)
    assert finding.suggestion == "这款暂时缺货,可以为您推荐相似款/到货后第一时间通知您。"
    assert finding.message_code == "quality.bare_negative"
    (rude,) = coach("不归我管", first_reply=False, closing=False)
    assert "帮您联系相关同事" in rude.suggestion and rude.message_code == "quality.rude_phrase"
    (greeting,) = coach("好的", first_reply=True, closing=False)
    assert greeting.suggestion.startswith("您好")


def test_every_negative_in_a_bare_sentence_is_reported() -> None:
    found = coach("没有,不行", first_reply=False, closing=False)
    assert [f.word for f in found] == ["没有", "不行"]


def test_the_shipped_canned_replies_pass_their_own_coaching() -> None:
    """The handbooks' scripts are the standard: none is a bare negative or a taboo."""
    for seed in SEEDS:
        assert coach(seed.body, first_reply=False, closing=False) == [], seed.key
