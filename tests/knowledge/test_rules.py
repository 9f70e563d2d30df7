"""Canned replies, pure rules: variables, validation, and finding a reply as an agent types."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from kefu.knowledge import rules
from kefu.knowledge.seeds import SEEDS
from kefu.users.rules import Role

VALUES = {"agent_number": "客服8号", "shop_name": "XX旗舰店", "customer_name": "王小姐"}


@pytest.mark.parametrize(
    ("body", "text", "unknown"),
    [
        ("您好,我是{agent_number}", "您好,我是客服8号", ()),
        (
            "欢迎光临{shop_name},{agent_number}竭诚为您服务",
            "欢迎光临XX旗舰店,客服8号竭诚为您服务",
            (),
        ),
        ("{customer_name},您好", "王小姐,您好", ()),
        ("{agent_number}{agent_number}", "客服8号客服8号", ()),
        ("您好,{agent_nubmer}", "您好,{agent_nubmer}", ("agent_nubmer",)),
        ("{a}{b}{a}", "{a}{b}{a}", ("a", "b")),
        ("没有变量", "没有变量", ()),
        ("花括号 {} 和 { 8 } 原样保留", "花括号 {} 和 { 8 } 原样保留", ()),
        ("{{shop_name}}", "{XX旗舰店}", ()),
        ("", "", ()),
    ],
)
def test_render_fills_known_variables_and_reports_the_rest(
    body: str, text: str, unknown: tuple[str, ...]
) -> None:
    assert rules.render(body, VALUES) == rules.Rendered(text, unknown)


@pytest.mark.parametrize(
    ("name", "shown"),
    [("王小姐", "王小姐"), (" 李先生 ", "李先生"), ("", "亲"), ("  ", "亲"), (None, "亲")],
)
def test_an_unknown_customer_is_addressed_as_qin(name: str | None, shown: str) -> None:
    assert rules.customer_name(name) == shown


GOOD = {
    "title": "欢迎语",
    "shortcut": "hy",
    "body": "您好",
    "category": "welcome",
    "locale": "zh-CN",
}


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({}, None, None),
        ({"title": ""}, "title", "knowledge.title_length"),
        ({"title": "长" * 60}, None, None),
        ({"title": "长" * 61}, "title", "knowledge.title_length"),
        ({"body": ""}, "body", "knowledge.body_length"),
        ({"body": "字" * 2000}, None, None),
        ({"body": "字" * 2001}, "body", "knowledge.body_length"),
        ({"body": "您好{agent_number}{shop_name}{customer_name}"}, None, None),
        ({"body": "您好{agent_no}"}, "body", "knowledge.unknown_variable"),
        ({"shortcut": ""}, "shortcut", "knowledge.shortcut_length"),
        ({"shortcut": "a" * 20}, None, None),
        ({"shortcut": "a" * 21}, "shortcut", "knowledge.shortcut_length"),
        ({"shortcut": "h y"}, "shortcut", "knowledge.shortcut_space"),
        ({"shortcut": "h\u3000y"}, "shortcut", "knowledge.shortcut_space"),
        ({"shortcut": "/欢迎"}, None, None),
        ({"category": "spam"}, "category", "knowledge.category_unknown"),
        ({"category": "after_sales"}, None, None),
        ({"locale": "fr"}, "locale", "knowledge.locale_unknown"),
        ({"locale": "zh-TW"}, None, None),
    ],
)
def test_validate_reply_names_each_bad_field(
    change: dict[str, str], field: str | None, code: str | None
) -> None:
    problems = rules.validate_reply(**{**GOOD, **change})
    assert {name: p.code for name, p in problems.items()} == ({field: code} if field else {})


def test_an_unknown_variable_is_named_with_the_ones_available() -> None:
    problems = rules.validate_reply(**{**GOOD, "body": "{agent_no}与{shop}"})
    assert problems["body"].params == {
        "names": "{agent_no}、{shop}",
        "known": "{agent_number}、{shop_name}、{customer_name}",
    }


@pytest.mark.parametrize(
    ("typed", "stored"), [(" HY ", "hy"), ("／欢迎", "/欢迎"), ("Ｈｙ1", "hy1"), ("/wl", "/wl")]
)
def test_shortcuts_are_stored_the_way_they_are_typed(typed: str, stored: str) -> None:
    assert rules.clean_shortcut(typed) == stored


@pytest.mark.parametrize(
    ("role", "may"), [(Role.AGENT, False), (Role.SUPERVISOR, True), (Role.ADMIN, True)]
)
def test_supervisors_and_admins_write_replies(role: Role, may: bool) -> None:
    assert rules.may_edit(role) is may


@dataclass(frozen=True)
class Reply:
    id: int
    shortcut: str
    title: str
    body: str
    position: int = 0


def _fields(r: Reply) -> tuple[str, str, str, int, int]:
    return (r.shortcut, r.title, r.body, r.position, r.id)


REPLIES = [
    Reply(1, "hy1", "欢迎语", "您好,我是{agent_number},很高兴为您服务", 10),
    Reply(2, "wl1", "寄到哪个城市", "请问您的货是寄到哪个城市的?", 20),
    Reply(3, "hy", "欢迎光临本店", "您好,欢迎光临{shop_name}", 30),
    Reply(4, "sh1", "抱歉,查物流", "十分抱歉,耽误您时间了,稍等一下我查查物流信息。", 40),
    Reply(5, "/欢迎", "致欢迎词", "恭候您多时了,亲!", 50),
    Reply(6, "wl2", "合作快递", "我们是和XX快递合作的,正常情况下XX天左右可以到货", 5),
]


@pytest.mark.parametrize(
    ("query", "ids"),
    [
        # exact shortcut, then shortcut prefix (by position), then titles, then texts
        ("hy", [3, 1]),
        ("hy1", [1]),
        ("wl", [6, 2]),
        ("/hy", [3, 1]),
        ("HY", [3, 1]),
        ("/欢", [5, 1, 3]),
        ("欢迎", [5, 1, 3]),
        ("物流", [4]),
        ("快递", [6]),
        ("城市", [2]),
        # pinyin initials of a title: 寄到哪个城市 → jdngcs, 抱歉,查物流 → bq,cwl
        ("jdn", [2]),
        ("bq", [4]),
        # traditional characters find simplified replies
        ("歡迎", [5, 1, 3]),
        ("物流信息", [4]),
        ("退款", []),
        # no query, or only the slash: everything by position
        ("", [6, 1, 2, 3, 4, 5]),
        ("/", [6, 1, 2, 3, 4, 5]),
        ("   ", [6, 1, 2, 3, 4, 5]),
    ],
)
def test_replies_are_found_by_shortcut_then_title_then_text(query: str, ids: list[int]) -> None:
    found = rules.ranked(query.strip() or None, REPLIES, _fields)
    assert [r.id for r in found] == ids


def test_the_shipped_replies_are_valid_with_unique_keys_and_shortcuts() -> None:
    assert len(SEEDS) >= 25
    assert len({s.key for s in SEEDS}) == len(SEEDS)
    assert len({s.shortcut for s in SEEDS}) == len(SEEDS)
    for seed in SEEDS:
        problems = rules.validate_reply(
            title=seed.title,
            shortcut=seed.shortcut,
            body=seed.body,
            category=seed.category,
            locale="zh-CN",
        )
        assert problems == {}, seed.key
        assert seed.source[:3] in {"000", "001", "002", "003", "004"}, seed.key
    assert {s.category for s in SEEDS} == set(rules.CATEGORIES)


def test_the_shipped_replies_keep_the_handbooks_wording() -> None:
    by_key = {s.key: s for s in SEEDS}
    welcome = rules.render(by_key["001-welcome-1"].body, VALUES).text
    assert welcome == "您好，我是客服8号，很高兴为您服务，有什么我可以效劳的"
    farewell = rules.render(by_key["001-farewell-2"].body, VALUES).text
    assert farewell.endswith("XX旗舰店有您更精彩。")
    assert by_key["001-ship-no-guarantee"].body.startswith("您好，由于快递不受我们控制")
