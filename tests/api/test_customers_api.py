"""The customers REST contract, through real HTTP, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
from sqlalchemy import select

from kefu.customers.models import Customer, CustomerIdentity
from kefu.tickets.models import Message, Ticket
from tests.conftest import Api

WANG = {
    "name": "王小姐",
    "phone": "+86 138-0013-8000",
    "email": "Wang.XJ@Example.COM",
    "tags": ["VIP"],
}


def _create(http: httpx.Client, body: dict[str, Any]) -> dict[str, Any]:
    response = http.post("/api/v1/customers", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _ticket(
    http: httpx.Client, customer: dict[str, str], subject: str = "鞋子开胶了"
) -> dict[str, Any]:
    response = http.post(
        "/api/v1/tickets",
        json={"subject": subject, "description": "我想申请退款", "customer": customer},
    )
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_create_returns_201_with_normalised_identities(api: Api) -> None:
    with api.client() as http:
        response = http.post(
            "/api/v1/customers", json={**WANG, "wechat_openid": " oUpF8uMuAJO_M2pxb1Q9zNjWeS6o "}
        )
    assert response.status_code == 201, response.text
    body = response.json()
    assert body["name"] == "王小姐" and body["tags"] == ["VIP"]
    assert {(i["kind"], i["value"]) for i in body["identities"]} == {
        ("phone", "+8613800138000"),
        ("email", "wang.xj@example.com"),
        ("wechat_openid", "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"),
    }
    assert body["blacklisted"] is False and body["merged_into_id"] is None
    assert body["ticket_counts"] == {} and body["ticket_total"] == 0


def test_create_refuses_an_identity_that_belongs_to_someone_else(api: Api) -> None:
    with api.client() as http:
        wang = _create(http, WANG)
        taken = http.post("/api/v1/customers", json={"name": "冒名", "phone": "13800138000"})
        bad = http.post("/api/v1/customers", json={"name": "错号", "phone": "12", "email": "bad"})
    assert taken.status_code == 409
    error = taken.json()["error"]
    assert error["code"] == "customer.identity_taken"
    assert str(wang["id"]) in error["message"]
    assert "phone" in error["fields"]
    assert bad.status_code == 422
    assert bad.json()["error"]["fields"] == {
        "phone": "电话号码格式不正确",
        "email": "邮箱格式不正确",
    }
    with api.env.db.reading() as session:
        assert session.scalars(select(Customer.name)).all() == ["王小姐"]  # nothing else written


def test_the_identity_taken_message_names_the_identity_in_chinese(api: Api) -> None:
    with api.client() as http:
        _create(http, WANG)
        taken = http.post("/api/v1/customers", json={"phone": "13800138000"})
    assert taken.status_code == 409
    message = taken.json()["error"]["message"]
    assert message.startswith("该电话已属于另一位客户"), message  # not "该phone…"


def test_get_shows_ticket_counts_by_status(api: Api) -> None:
    with api.client() as http:
        wang = _create(http, WANG)
        first = _ticket(http, {"phone": "13800138000"})
        _ticket(http, {"email": "wang.xj@example.com"})
        http.patch(f"/api/v1/tickets/{first['id']}", json={"status": "solved"}).raise_for_status()
        got = http.get(f"/api/v1/customers/{wang['id']}")
        missing = http.get("/api/v1/customers/999999")
    assert got.status_code == 200
    assert got.json()["ticket_counts"] == {"new": 1, "solved": 1}
    assert got.json()["ticket_total"] == 2
    assert missing.status_code == 404
    assert missing.json()["error"] == {
        "code": "customer.not_found",
        "message": "客户不存在",
        "fields": {},
    }


def test_patch_updates_tags_vip_level_and_birthday(api: Api) -> None:
    with api.client() as http:
        wang = _create(http, WANG)
        url = f"/api/v1/customers/{wang['id']}"
        patched = http.patch(
            url, json={"tags": ["VIP", "退货多", "VIP"], "vip_level": 3, "birthday": "1990-05-20"}
        )
        name_only = http.patch(url, json={"name": "王女士"})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["tags"] == ["VIP", "退货多"]
    assert body["vip_level"] == 3 and body["birthday"] == "1990-05-20"
    assert name_only.json()["name"] == "王女士"
    assert name_only.json()["tags"] == ["VIP", "退货多"]  # fields not sent are left alone
    assert name_only.json()["birthday"] == "1990-05-20"


def test_patch_refuses_unknown_and_invalid_fields_without_writing(api: Api) -> None:
    with api.client() as http:
        wang = _create(http, WANG)
        url = f"/api/v1/customers/{wang['id']}"
        unknown = http.patch(url, json={"vip_level": 2, "colour": "red"})
        too_high = http.patch(url, json={"vip_level": 11})
        bad_date = http.patch(url, json={"birthday": "1990-13-40"})
        taken_phone = _create(http, {"name": "李先生", "phone": "13900139000"})
        steal = http.patch(url, json={"vip_level": 2, "add_identities": {"phone": "139 0013 9000"}})
        after = http.get(url).json()
    assert unknown.status_code == too_high.status_code == bad_date.status_code == 422
    assert unknown.json()["error"]["fields"] == {"colour": "未知字段"}
    assert too_high.json()["error"]["fields"]["vip_level"] == "超出允许范围"
    assert "birthday" in bad_date.json()["error"]["fields"]
    assert steal.status_code == 409 and taken_phone["id"] != wang["id"]
    assert after["vip_level"] == 0 and len(after["identities"]) == 2


def test_an_agent_cannot_blacklist(api: Api) -> None:
    with api.client("agent") as http:
        wang = _create(http, WANG)
        refused = http.patch(
            f"/api/v1/customers/{wang['id']}",
            json={"blacklisted": True, "blacklist_reason": "恶意投诉", "vip_level": 5},
        )
        after = http.get(f"/api/v1/customers/{wang['id']}").json()
    assert refused.status_code == 403
    assert refused.json()["error"]["code"] == "forbidden"
    assert after["blacklisted"] is False and after["vip_level"] == 0


def test_a_supervisor_blacklists_only_with_a_reason(api: Api) -> None:
    with api.client("agent") as http:
        wang = _create(http, WANG)
    url = f"/api/v1/customers/{wang['id']}"
    before = datetime.now(UTC)
    with api.client("supervisor") as http:
        no_reason = http.patch(url, json={"blacklisted": True})
        blank = http.patch(url, json={"blacklisted": True, "blacklist_reason": "   "})
        done = http.patch(
            url, json={"blacklisted": True, "blacklist_reason": "多次恶意投诉,索要赔偿"}
        )
        lifted = http.patch(url, json={"blacklisted": False})
    assert no_reason.status_code == blank.status_code == 422
    assert no_reason.json()["error"]["code"] == "customer.blacklist_reason_required"
    assert no_reason.json()["error"]["fields"] == {"blacklist_reason": "必填"}
    assert done.status_code == 200, done.text
    body = done.json()
    assert body["blacklisted"] is True and body["blacklist_reason"] == "多次恶意投诉,索要赔偿"
    assert body["blacklisted_by_id"] == api.user_ids["supervisor"]
    at = datetime.fromisoformat(body["blacklisted_at"])
    assert before - timedelta(seconds=5) <= at <= datetime.now(UTC) + timedelta(seconds=5)
    assert lifted.json()["blacklisted"] is False
    assert lifted.json()["blacklisted_by_id"] is None and lifted.json()["blacklisted_at"] is None


def test_merge_keeps_every_identity_ticket_and_message_of_both(api: Api) -> None:
    with api.client("agent") as http:
        keep = _create(http, {"name": "王小姐", "phone": "13800138000", "tags": ["VIP"]})
        other = _create(
            http,
            {
                "name": "",
                "email": "wang@example.com",
                "wechat_openid": "oWangXJ_2026",
                "tags": ["退货多"],
                "vip_level": 2,
            },
        )
        keep_ticket = _ticket(http, {"phone": "13800138000"})
        other_tickets = [_ticket(http, {"email": "wang@example.com"}, f"第{i}单") for i in range(2)]
        refused = http.post(f"/api/v1/customers/{keep['id']}/merge", json={"other_id": other["id"]})
    with api.client("supervisor") as http:
        merged = http.post(f"/api/v1/customers/{keep['id']}/merge", json={"other_id": other["id"]})
        gone = http.get(f"/api/v1/customers/{other['id']}").json()
        again = _ticket(http, {"wechat_openid": "oWangXJ_2026"}, "又来了")
        listed = http.get("/api/v1/customers").json()["items"]
    assert refused.status_code == 403
    assert merged.status_code == 200, merged.text
    body = merged.json()
    assert body["id"] == keep["id"]
    assert {(i["kind"], i["value"]) for i in body["identities"]} == {
        ("phone", "+8613800138000"),
        ("email", "wang@example.com"),
        ("wechat_openid", "oWangXJ_2026"),
    }
    assert body["tags"] == ["VIP", "退货多"] and body["vip_level"] == 2
    assert body["ticket_total"] == 3 and body["ticket_counts"] == {"new": 3}
    assert gone["merged_into_id"] == keep["id"] and gone["identities"] == []
    assert again["customer_id"] == keep["id"]  # the other's identity now finds the kept customer
    assert [c["id"] for c in listed] == [keep["id"]]
    ticket_ids = {keep_ticket["id"], *(t["id"] for t in other_tickets)}
    with api.env.db.reading() as session:
        owners = set(session.scalars(select(Ticket.customer_id).where(Ticket.id.in_(ticket_ids))))
        authors = set(
            session.scalars(
                select(Message.author_customer_id).where(Message.ticket_id.in_(ticket_ids))
            )
        )
        identity_owners = set(session.scalars(select(CustomerIdentity.customer_id)))
    assert owners == authors == identity_owners == {keep["id"]}


def test_merge_refuses_itself_missing_and_already_merged_customers(api: Api) -> None:
    with api.client("agent") as http:
        a = _create(http, {"name": "甲", "phone": "13800138000"})
        b = _create(http, {"name": "乙", "phone": "13900139000"})
    with api.client("supervisor") as http:
        itself = http.post(f"/api/v1/customers/{a['id']}/merge", json={"other_id": a["id"]})
        missing = http.post(f"/api/v1/customers/{a['id']}/merge", json={"other_id": 999999})
        assert (
            http.post(f"/api/v1/customers/{a['id']}/merge", json={"other_id": b["id"]}).status_code
            == 200
        )
        twice = http.post(f"/api/v1/customers/{a['id']}/merge", json={"other_id": b["id"]})
        into_merged = http.post(f"/api/v1/customers/{b['id']}/merge", json={"other_id": a["id"]})
        patch_merged = http.patch(f"/api/v1/customers/{b['id']}", json={"vip_level": 1})
    assert itself.status_code == 422
    assert itself.json()["error"]["code"] == "customer.merge_self"
    assert itself.json()["error"]["fields"] == {"other_id": "不能把客户与自己合并"}
    assert missing.status_code == 404
    assert twice.status_code == into_merged.status_code == patch_merged.status_code == 409
    assert twice.json()["error"]["code"] == "customer.merged"


def test_list_finds_by_name_or_phone_and_pages_with_a_cursor(api: Api) -> None:
    with api.client() as http:
        made = [_create(http, {"name": f"顾客{i}", "phone": f"1390013900{i}"}) for i in range(5)]
        wang = _create(http, WANG)
        by_name = http.get("/api/v1/customers", params={"q": "王小姐"}).json()
        by_phone = http.get("/api/v1/customers", params={"q": "13900139003"}).json()
        page1 = http.get("/api/v1/customers", params={"limit": 4}).json()
        page2 = http.get(
            "/api/v1/customers", params={"limit": 4, "cursor": page1["next_cursor"]}
        ).json()
        bad_cursor = http.get("/api/v1/customers", params={"cursor": "nonsense!"})
        too_many = http.get("/api/v1/customers", params={"limit": 101})
    assert [c["id"] for c in by_name["items"]] == [wang["id"]]
    assert [c["id"] for c in by_phone["items"]] == [made[3]["id"]]
    every = [c["id"] for c in [*made, wang]]
    assert [c["id"] for c in page1["items"] + page2["items"]] == sorted(every, reverse=True)
    assert page1["next_cursor"] and page2["next_cursor"] is None
    assert bad_cursor.status_code == too_many.status_code == 422


def test_customers_need_a_token(api: Api) -> None:
    with api.client("nobody") as http:
        assert http.get("/api/v1/customers").status_code == 401
        assert http.post("/api/v1/customers", json=WANG).status_code == 401
