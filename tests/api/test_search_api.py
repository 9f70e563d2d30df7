"""GET /api/v1/search through real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from typing import Any

import httpx

from tests.conftest import Api


def _ticket(http: httpx.Client, subject: str, description: str, phone: str) -> dict[str, Any]:
    response = http.post(
        "/api/v1/tickets",
        json={
            "subject": subject,
            "description": description,
            "customer": {"name": "王小姐", "phone": phone},
        },
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_search_returns_the_message_hit_with_its_ticket(api: Api) -> None:
    with api.client() as http:
        refund = _ticket(http, "鞋子开胶了", "我想申请退款", "13800138000")
        _ticket(http, "物流", "快递还没到", "13900139000")
        response = http.get("/api/v1/search", params={"q": "退款"})
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["next_cursor"] is None
    assert [(h["kind"], h["ticket_id"]) for h in body["items"]] == [("message", refund["id"])]
    hit = body["items"][0]
    assert hit["customer_id"] == refund["customer_id"]
    assert hit["title"] == "鞋子开胶了" and hit["excerpt"] == "我想申请退款"


def test_traditional_query_finds_simplified_text_over_http(api: Api) -> None:
    with api.client() as http:
        ticket = _ticket(http, "退货", "我要退货", "13800138000")
        found = http.get("/api/v1/search", params={"q": "退貨"}).json()["items"]
    assert {h["ticket_id"] for h in found} == {ticket["id"]}


def test_empty_query_is_refused_with_a_chinese_message(api: Api) -> None:
    with api.client() as http:
        empty = http.get("/api/v1/search", params={"q": ""})
        missing = http.get("/api/v1/search")
        no_words = http.get("/api/v1/search", params={"q": " ,!! "})
        english = http.get(
            "/api/v1/search", params={"q": " ,!! "}, headers={"Accept-Language": "en"}
        )
    assert empty.status_code == missing.status_code == no_words.status_code == 422
    assert empty.json()["error"]["code"] == "validation_failed"
    assert empty.json()["error"]["message"] == "提交的数据有误,请检查标出的字段"
    assert empty.json()["error"]["fields"]["q"].startswith("过短")
    assert missing.json()["error"]["fields"] == {"q": "必填"}
    assert no_words.json()["error"]["code"] == "search.empty_query"
    assert no_words.json()["error"]["message"] == "请输入搜索内容"
    assert english.json()["error"]["message"] == "Enter something to search for"


def test_kind_filter_limits_the_hits(api: Api) -> None:
    with api.client() as http:
        ticket = _ticket(http, "退款", "我想申请退款", "13800138000")
        everything = http.get("/api/v1/search", params={"q": "退款"}).json()["items"]
        tickets = http.get("/api/v1/search", params={"q": "退款", "kind": "ticket"}).json()["items"]
        two_kinds = http.get(
            "/api/v1/search",
            params=[("q", "13800138000 "), ("kind", "customer"), ("kind", "ticket")],
        )
        bad_kind = http.get("/api/v1/search", params={"q": "退款", "kind": "order"})
    assert {h["kind"] for h in everything} == {"ticket", "message"}
    assert [(h["kind"], h["id"]) for h in tickets] == [("ticket", ticket["id"])]
    assert [(h["kind"], h["id"]) for h in two_kinds.json()["items"]] == [
        ("customer", ticket["customer_id"])
    ]
    assert bad_kind.status_code == 422
    assert [k.split(".")[0] for k in bad_kind.json()["error"]["fields"]] == ["kind"]


def test_a_bad_choice_is_explained_entirely_in_chinese(api: Api) -> None:
    with api.client() as http:
        response = http.get("/api/v1/search", params={"q": "退款", "kind": "order"})
    (message,) = response.json()["error"]["fields"].values()
    assert message.startswith("取值无效,可选:")
    assert {"ticket", "message", "customer"} <= set(re.findall(r"[a-z_]+", message))
    assert " or " not in message, message  # pydantic's English list joiner leaks into zh-CN


def test_search_pages_with_a_cursor(api: Api) -> None:
    with api.client() as http:
        made = [_ticket(http, f"第{i}单", "我想申请退款", f"1380013800{i}") for i in range(5)]
        seen: list[int] = []
        cursor = None
        for _ in range(10):
            params = {
                "q": "退款",
                "kind": "message",
                "limit": 2,
                **({"cursor": cursor} if cursor else {}),
            }
            page = http.get("/api/v1/search", params=params).json()
            seen += [h["ticket_id"] for h in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        bad = http.get("/api/v1/search", params={"q": "退款", "cursor": "!!"})
    assert seen == [t["id"] for t in reversed(made)]
    assert bad.status_code == 422


def test_search_needs_a_token(api: Api) -> None:
    with api.client("nobody") as http:
        response = http.get("/api/v1/search", params={"q": "退款"})
    assert response.status_code == 401
