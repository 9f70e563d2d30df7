"""Coaching a draft over real HTTP (SQLite and PostgreSQL): findings with their place, a message
in the caller's language and the handbook's wording; any signed-in staff member may ask."""

from __future__ import annotations

import httpx

from tests.conftest import Api


def test_a_draft_is_coached_in_the_callers_language(api: Api) -> None:
    draft = {"text": "这个不能退。你自己看吧", "first_reply": True}
    with api.client("agent") as http:
        zh = http.post("/api/v1/quality/coach", json=draft)
        en = http.post("/api/v1/quality/coach", json=draft, headers={"Accept-Language": "en"})
        tw = http.post("/api/v1/quality/coach", json=draft, headers={"Accept-Language": "zh-TW"})
    assert zh.status_code == 200, zh.text
    findings = zh.json()["findings"]
    assert [(f["code"], f["start"], f["end"], f["word"]) for f in findings] == [
        ("missing_greeting", 0, 0, ""),
        ("bare_negative", 2, 4, "不能"),
        ("rude_phrase", 6, 10, "你自己看"),
    ]
    assert (
        findings[1]["message"]
        == "「不能」是否定词,本句没有解释或替代方案(手册:使用否定词一定要加解释)"
    )
    assert findings[1]["suggestion"].startswith("非常抱歉,由于")
    assert en.json()["findings"][2]["message"].startswith("'你自己看' is a service taboo")
    assert tw.json()["findings"][0]["message"].startswith("首次回覆缺少問候語")
    assert tw.json()["findings"][0]["suggestion"].startswith("您好,很高興為您服務")


def test_a_good_closing_reply_has_nothing_to_fix(api: Api) -> None:
    body = {"text": "好的,已经为您登记,感谢您的惠顾,期待您的再次光临!", "closing": True}
    for role in ("agent", "supervisor", "admin"):
        with api.client(role) as http:
            response = http.post("/api/v1/quality/coach", json=body)
        assert response.status_code == 200 and response.json() == {"findings": []}


def test_bad_requests_are_refused_with_their_field(api: Api) -> None:
    with api.client("agent") as http:
        long = http.post("/api/v1/quality/coach", json={"text": "好" * 5001})
        missing = http.post("/api/v1/quality/coach", json={"closing": True})
        wrong = http.post("/api/v1/quality/coach", json={"text": "好", "first_reply": "maybe"})
        at_limit = http.post("/api/v1/quality/coach", json={"text": "好" * 5000})
    assert long.status_code == 422 and long.json()["error"]["fields"] == {
        "text": "过长(最多 5000 个字符)"
    }
    assert missing.status_code == 422 and missing.json()["error"]["fields"] == {"text": "必填"}
    assert wrong.status_code == 422 and set(wrong.json()["error"]["fields"]) == {"first_reply"}
    assert at_limit.status_code == 200
    with httpx.Client(base_url=api.base_url) as anonymous:
        assert anonymous.post("/api/v1/quality/coach", json={"text": "好"}).status_code == 401
