"""The canned-reply REST contract over real HTTP, on SQLite and PostgreSQL: agents find replies
filled in for them and the ticket's customer; supervisors and admins write them; refusals name
their fields in the caller's language."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from kefu.knowledge import service as knowledge
from kefu.knowledge.seeds import SEEDS
from tests.conftest import Api

NEW = {
    "title": "包邮说明",
    "shortcut": "by",
    "category": "logistics",
    "body": "{customer_name},满99元包邮哦,我是{agent_number}",
}


@pytest.fixture
def replies_api(api: Api) -> Api:
    with api.env.db.transaction() as session:
        knowledge.ensure_defaults(session)
    return api


def _ok(response: httpx.Response, status: int = 200) -> Any:
    assert response.status_code == status, response.text
    return response.json()


def _ticket(http: httpx.Client, customer: str) -> int:
    body = {"subject": "还没收到货", "customer": {"name": customer}}
    return int(_ok(http.post("/api/v1/tickets", json=body), 201)["id"])


def test_an_agent_finds_replies_filled_in_for_them_and_the_customer(replies_api: Api) -> None:
    with replies_api.client("agent") as http:
        ticket_id = _ticket(http, "王小姐")
        everything = _ok(http.get("/api/v1/replies"))["items"]
        found = _ok(http.get("/api/v1/replies", params={"q": "hy", "ticket_id": ticket_id}))[
            "items"
        ]
    assert len(everything) == len(SEEDS)
    assert set(everything[0]) >= {"id", "title", "shortcut", "category", "body", "rendered"}
    assert [i["shortcut"] for i in found][:2] == ["hy1", "hy2"]
    hy2 = next(i for i in found if i["shortcut"] == "hy2")
    assert hy2["body"] == "您好，欢迎光临{shop_name}，{agent_number}竭诚为您服务"
    assert hy2["rendered"] == "您好，欢迎光临本店，客服1号竭诚为您服务"
    assert hy2["category"] == "welcome" and hy2["unknown_variables"] == []


def test_the_best_match_comes_first_then_the_position(replies_api: Api) -> None:
    with replies_api.client("supervisor") as http:
        mine = _ok(
            http.post("/api/v1/replies", json={**NEW, "title": "派送范围说明", "shortcut": "ps"}),
            201,
        )
        found = _ok(http.get("/api/v1/replies", params={"q": "派送"}))["items"]
        by_category = _ok(http.get("/api/v1/replies", params={"category": "payment"}))["items"]
    titles = [i["title"] for i in found]
    # a title before a text, whatever the positions: the shipped reply says 还没有给您派送
    assert titles == ["派送范围说明", "货已到当地"] and mine["id"] == found[0]["id"]
    assert [i["shortcut"] for i in by_category] == ["zf1", "zf2", "zf3"]


def test_a_supervisor_adds_edits_and_deactivates_a_reply(replies_api: Api) -> None:
    with replies_api.client("supervisor") as http:
        created = _ok(http.post("/api/v1/replies", json=NEW), 201)
        assert created["rendered"] == "亲,满99元包邮哦,我是客服2号"
        url = f"/api/v1/replies/{created['id']}"
        edited = _ok(http.patch(url, json={"title": "满99包邮", "shortcut": "BY99"}))
        assert (edited["title"], edited["shortcut"], edited["body"]) == (
            "满99包邮",
            "by99",
            NEW["body"],
        )
        assert http.delete(url).status_code == 204
        listed = _ok(http.get("/api/v1/replies", params={"q": "by99"}))["items"]
        assert listed == []
        again = _ok(http.patch(url, json={"active": True}))
        assert again["active"] is True


def test_agents_may_read_but_not_write(replies_api: Api) -> None:
    with replies_api.client("supervisor") as http:
        reply_id = _ok(http.post("/api/v1/replies", json=NEW), 201)["id"]
    with replies_api.client("agent") as http:
        refused = [
            http.post("/api/v1/replies", json={**NEW, "shortcut": "x1"}),
            http.patch(f"/api/v1/replies/{reply_id}", json={"title": "改"}),
            http.delete(f"/api/v1/replies/{reply_id}"),
        ]
    for response in refused:
        assert response.status_code == 403, response.text
        assert response.json()["error"]["message"] == "您没有权限执行此操作"
    with replies_api.client("admin") as http:
        assert _ok(http.patch(f"/api/v1/replies/{reply_id}", json={"title": "改"}))["title"] == "改"
    with httpx.Client(base_url=replies_api.base_url) as anonymous:
        assert anonymous.get("/api/v1/replies").status_code == 401


def test_a_bad_reply_is_refused_field_by_field_in_the_callers_language(replies_api: Api) -> None:
    bad = {"title": "", "shortcut": "b y", "category": "spam", "body": "您好{agent}"}
    with replies_api.client("supervisor") as http:
        first = _ok(http.get("/api/v1/replies"))["items"][0]["id"]
        zh = http.post("/api/v1/replies", json=bad)
        en = http.post("/api/v1/replies", json=bad, headers={"Accept-Language": "en"})
        taken = http.post("/api/v1/replies", json={**NEW, "shortcut": "HY1"})
        long = http.patch(f"/api/v1/replies/{first}", json={"body": "字" * 2001})
        shape = http.post("/api/v1/replies", json={"title": "x", "colour": "red"})
        missing = http.patch("/api/v1/replies/999999", json={"title": "x"})
        after = _ok(http.get("/api/v1/replies", params={"q": "b y"}))["items"]
    assert zh.status_code == 422
    assert zh.json()["error"]["fields"] == {
        "title": "标题需为 1–60 个字符",
        "shortcut": "快捷码不能包含空格",
        "category": "请选择一个分类:欢迎语、咨询应答、议价、支付、物流、售后、投诉安抚、欢送语或其他",
        "body": "未知变量 {agent};可用变量:{agent_number}、{shop_name}、{customer_name}",
    }
    assert en.json()["error"]["fields"]["shortcut"] == "The shortcut may not contain spaces"
    assert taken.status_code == 422
    assert taken.json()["error"]["fields"] == {
        "shortcut": "快捷码「hy1」已被快捷语「欢迎语(自我介绍)」使用"
    }
    assert long.status_code == 422 and long.json()["error"]["fields"] == {
        "body": "内容需为 1–2000 个字符"
    }
    assert shape.status_code == 422
    assert shape.json()["error"]["fields"] == {
        "colour": "未知字段",
        "shortcut": "必填",
        "category": "必填",
        "body": "必填",
    }
    assert missing.status_code == 404 and missing.json()["error"]["message"] == "快捷语不存在"
    assert after == []


def test_bad_filters_are_refused(replies_api: Api) -> None:
    with replies_api.client("agent") as http:
        category = http.get("/api/v1/replies", params={"category": "spam"})
        query = http.get("/api/v1/replies", params={"q": "长" * 101})
        ticket = http.get("/api/v1/replies", params={"ticket_id": 999999})
        not_a_number = http.get("/api/v1/replies", params={"ticket_id": "abc"})
    assert category.status_code == 422 and set(category.json()["error"]["fields"]) == {"category"}
    assert query.status_code == 422 and query.json()["error"]["fields"] == {
        "q": "过长(最多 100 个字符)"
    }
    assert ticket.status_code == 404 and ticket.json()["error"]["message"] == "工单不存在"
    assert not_a_number.status_code == 422 and set(not_a_number.json()["error"]["fields"]) == {
        "ticket_id"
    }
