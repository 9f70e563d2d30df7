"""The tickets REST contract, through real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

import re
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from kefu.tickets.models import AuditEntry, Message, Ticket
from tests.conftest import Api

NEW = {
    "subject": "鞋子开胶了",
    "description": "我想申请退款,鞋子有质量问题",
    "customer": {"name": "王小姐", "phone": "138 0013 8000"},
    "type": "after_sales",
    "tags": ["退货", "质量"],
}


def _count(api: Api, model: type) -> int:
    with api.env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(model)) or 0)


def test_create_ticket_returns_201_with_number_and_recognised_customer(api: Api) -> None:
    with api.client() as http:
        first = http.post("/api/v1/tickets", json=NEW)
        second = http.post(
            "/api/v1/tickets", json={**NEW, "customer": {"phone": "+86 13800138000"}}
        )
    assert first.status_code == 201, first.text
    body = first.json()
    assert re.fullmatch(r"\d{8}-\d{4}", body["number"])
    assert body["status"] == "new" and body["type"] == "after_sales" and body["channel"] == "api"
    assert body["tags"] == sorted(NEW["tags"])
    assert second.json()["customer_id"] == body["customer_id"]  # same phone, other spelling
    assert second.json()["number"] > body["number"]


def test_idempotency_key_returns_the_first_ticket_and_creates_nothing_more(api: Api) -> None:
    with api.client(**{"Idempotency-Key": "abc-123"}) as http:
        first = http.post("/api/v1/tickets", json=NEW)
        again = http.post("/api/v1/tickets", json=NEW)
        other = http.post("/api/v1/tickets", json={**NEW, "subject": "别的事"})
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"]
    assert again.headers["Idempotent-Replayed"] == "true"
    assert other.status_code == 422
    assert _count(api, Ticket) == 1


def test_concurrent_retries_with_one_key_make_one_ticket(api: Api) -> None:
    def post(_: int) -> int:
        with api.client(**{"Idempotency-Key": "race-1"}) as http:
            response = http.post("/api/v1/tickets", json=NEW)
            assert response.status_code == 201, response.text
            return int(response.json()["id"])

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(post, range(8)))
    assert len(ids) == 1
    assert _count(api, Ticket) == 1


def test_create_validates_input_and_writes_nothing(api: Api) -> None:
    with api.client() as http:
        missing = http.post("/api/v1/tickets", json={"description": "x", "customer": {}})
        bad_phone = http.post("/api/v1/tickets", json={**NEW, "customer": {"phone": "12"}})
        unknown = http.post("/api/v1/tickets", json={**NEW, "colour": "red"})
        bad_enum = http.post("/api/v1/tickets", json={**NEW, "priority": "asap"})
        english = http.post(
            "/api/v1/tickets", json={**NEW, "colour": "red"}, headers={"Accept-Language": "en"}
        )
    assert missing.status_code == 422
    assert missing.json()["error"]["fields"]["subject"] == "必填"
    assert bad_phone.status_code == 422
    assert bad_phone.json()["error"]["fields"]["customer.phone"] == "电话号码格式不正确"
    assert unknown.json()["error"]["fields"]["colour"] == "未知字段"
    assert "urgent" in bad_enum.json()["error"]["fields"]["priority"]
    assert english.json()["error"]["fields"]["colour"] == "unknown field"
    assert english.json()["error"]["message"].startswith("The request")
    assert _count(api, Ticket) == 0


def test_requests_without_a_valid_token_are_refused(api: Api) -> None:
    with api.client(role="nobody") as http:
        assert http.get("/api/v1/tickets").status_code == 401
    with api.client(role="nobody", Authorization="Bearer kefu_wrong") as http:
        response = http.get("/api/v1/tickets")
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "unauthenticated"


def test_patch_follows_the_transition_table_and_audits(api: Api) -> None:
    with api.client() as http:
        ticket = http.post("/api/v1/tickets", json=NEW).json()
        url = f"/api/v1/tickets/{ticket['id']}"
        assert http.patch(url, json={"status": "solved", "priority": "high"}).status_code == 200
        assert http.patch(url, json={"status": "open"}).json()["status"] == "open"  # reopen
        assert http.patch(url, json={"status": "solved"}).status_code == 200
        closed = http.patch(url, json={"status": "closed"})
        illegal = http.patch(url, json={"status": "open", "priority": "low"})
        audit = http.get(f"{url}/audit").json()["items"]
    assert closed.json()["closed_at"] is not None
    assert illegal.status_code == 409
    assert illegal.json()["error"]["code"] == "ticket.illegal_transition"
    assert (
        "已关闭" in illegal.json()["error"]["message"]
        or "closed" in illegal.json()["error"]["message"]
    )
    fields = [(e["field"], e["old"], e["new"]) for e in audit]
    assert ("status", "new", "solved") in fields
    assert ("priority", "normal", "high") in fields
    assert ("priority", "high", "low") not in fields  # the refused PATCH wrote nothing


def test_patch_rejects_unknown_and_invalid_fields_without_writing(api: Api) -> None:
    with api.client() as http:
        ticket = http.post("/api/v1/tickets", json=NEW).json()
        url = f"/api/v1/tickets/{ticket['id']}"
        unknown = http.patch(url, json={"priority": "high", "colour": "red"})
        bad_assignee = http.patch(url, json={"priority": "high", "assignee_id": 999999})
        bad_custom = http.patch(url, json={"priority": "high", "custom_fields": {"size": 42}})
        after = http.get(url).json()
    assert unknown.status_code == bad_assignee.status_code == bad_custom.status_code == 422
    assert bad_assignee.json()["error"]["fields"]["assignee_id"] == "没有该客服"
    assert after["priority"] == "normal"


def test_custom_fields_are_validated_against_the_catalog_item_schema(api: Api) -> None:
    schema = {
        "type": "object",
        "properties": {
            "order_no": {"type": "string", "pattern": "^[0-9]{10,20}$"},
            "size": {"type": "integer"},
        },
        "required": ["order_no"],
        "additionalProperties": False,
    }
    with api.client("supervisor") as http:
        created = http.post("/api/v1/catalog", json={"path": "售后/退货", "field_schema": schema})
        assert created.status_code == 201, created.text
        assert created.json()["path"] == "售后 › 退货"
        good = http.post(
            "/api/v1/tickets",
            json={
                **NEW,
                "catalog_item": "售后 › 退货",
                "custom_fields": {"order_no": "2026112200001"},
            },
        )
        missing = http.post(
            "/api/v1/tickets", json={**NEW, "catalog_item": "售后 › 退货", "custom_fields": {}}
        )
        wrong = http.patch(
            f"/api/v1/tickets/{good.json()['id']}", json={"custom_fields": {"size": "L"}}
        )
        fine = http.patch(
            f"/api/v1/tickets/{good.json()['id']}", json={"custom_fields": {"size": 40}}
        )
    assert good.status_code == 201, good.text
    assert good.json()["catalog_item"] == "售后 › 退货"
    assert (
        missing.status_code == 422 and "custom_fields.order_no" in missing.json()["error"]["fields"]
    )
    assert wrong.status_code == 422 and "custom_fields.size" in wrong.json()["error"]["fields"]
    assert fine.json()["custom_fields"] == {"order_no": "2026112200001", "size": 40}


def test_list_filters_and_cursor_pages_are_stable_under_inserts(api: Api) -> None:
    with api.client() as http:
        made = [
            http.post(
                "/api/v1/tickets",
                json={**NEW, "subject": f"第{i}单", "priority": "high" if i % 2 else "low"},
            ).json()
            for i in range(7)
        ]
        page1 = http.get("/api/v1/tickets", params={"limit": 3}).json()
        http.post("/api/v1/tickets", json=NEW)  # arrives between page requests
        page2 = http.get(
            "/api/v1/tickets", params={"limit": 3, "cursor": page1["next_cursor"]}
        ).json()
        page3 = http.get(
            "/api/v1/tickets", params={"limit": 3, "cursor": page2["next_cursor"]}
        ).json()
        high = http.get("/api/v1/tickets", params={"priority": "high"}).json()["items"]
        tagged = http.get("/api/v1/tickets", params={"tag": "质量", "limit": 100}).json()["items"]
        too_many = http.get("/api/v1/tickets", params={"limit": 101})
        bad_cursor = http.get("/api/v1/tickets", params={"cursor": "!!"})
    seen = [t["id"] for t in page1["items"] + page2["items"] + page3["items"]]
    assert seen == sorted((t["id"] for t in made), reverse=True)
    assert page3["next_cursor"] is None
    assert {t["id"] for t in high} == {t["id"] for t in made if t["priority"] == "high"}
    assert len(tagged) == 8
    assert too_many.status_code == 422 and bad_cursor.status_code == 422


def test_list_q_filter_uses_chinese_search(api: Api) -> None:
    with api.client() as http:
        refund = http.post("/api/v1/tickets", json=NEW).json()
        http.post("/api/v1/tickets", json={**NEW, "subject": "物流", "description": "快递还没到"})
        found = http.get("/api/v1/tickets", params={"q": "退款"}).json()["items"]
    assert [t["id"] for t in found] == [refund["id"]]


def test_messages_replies_and_notes(api: Api) -> None:
    with api.client() as http:
        ticket = http.post("/api/v1/tickets", json=NEW).json()
        url = f"/api/v1/tickets/{ticket['id']}"
        note = http.post(f"{url}/messages", json={"body": "先查物流", "public": False})
        reply = http.post(
            f"{url}/messages",
            json={
                "body": "",
                "html": "<p>亲,已为您登记<script>alert(1)</script></p>",
                "public": True,
            },
        )
        empty = http.post(f"{url}/messages", json={"body": "  "})
        missing = http.post("/api/v1/tickets/999999/messages", json={"body": "x"})
        listed = http.get(f"{url}/messages").json()["items"]
        after = http.get(url).json()
    assert note.status_code == reply.status_code == 201
    assert "<script>" not in reply.json()["body_html"] and reply.json()["body"] == "亲,已为您登记"
    assert empty.status_code == 422 and missing.status_code == 404
    assert missing.json()["error"]["message"] == "工单不存在"
    assert [m["author_kind"] for m in listed] == ["customer", "agent", "agent"]
    assert after["status"] == "open" and after["first_response_at"] is not None


def test_attachments_are_stored_and_oversized_ones_refused_with_413(api: Api) -> None:
    limit = api.env.settings.max_attachment_bytes
    with api.client() as http:
        ticket = http.post("/api/v1/tickets", json=NEW).json()
        url = f"/api/v1/tickets/{ticket['id']}/messages"
        ok = http.post(
            url,
            data={"body": "照片", "public": "true"},
            files={"files": ("鞋.jpg", b"\xff\xd8" * 100, "image/jpeg")},
        )
        big = http.post(
            url,
            data={"body": "大文件"},
            files={"files": ("big.bin", b"0" * (limit + 1), "application/octet-stream")},
        )
        fetched = http.get(ok.json()["attachments"][0]["url"])
    assert ok.status_code == 201, ok.text
    assert fetched.content == b"\xff\xd8" * 100
    assert big.status_code == 413
    assert "文件过大" in big.json()["error"]["message"]
    with api.env.db.reading() as session:
        bodies = list(session.scalars(select(Message.body_text)))
    assert "大文件" not in bodies  # the refused message left nothing behind


def test_every_change_is_in_the_audit_log(api: Api) -> None:
    with api.client() as http:
        ticket = http.post("/api/v1/tickets", json=NEW).json()
        http.patch(
            f"/api/v1/tickets/{ticket['id']}",
            json={"assignee_id": api.user_ids["agent"], "tags": ["加急"]},
        )
    with api.env.db.reading() as session:
        fields = set(session.scalars(select(AuditEntry.field)))
    assert {"created", "assignee_id", "tags"} <= fields
