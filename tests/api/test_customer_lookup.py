"""Finding customers the way agents type: a phone without +86, a name in pinyin or initials."""

from __future__ import annotations

from tests.conftest import Api


def test_customers_are_found_by_phone_pinyin_and_initials(api: Api) -> None:
    with api.client() as http:
        wang = http.post(
            "/api/v1/customers", json={"name": "王小姐", "phone": "+86 138-0013-8000"}
        ).json()
        http.post("/api/v1/customers", json={"name": "李先生", "email": "li@example.com"})
        by_phone = http.get("/api/v1/customers", params={"q": "13800138000"}).json()["items"]
        by_pinyin = http.get("/api/v1/customers", params={"q": "wangxiaojie"}).json()["items"]
        by_initials = http.get("/api/v1/customers", params={"q": "wxj"}).json()["items"]
        search = http.get("/api/v1/search", params={"q": "13800138000", "kind": "customer"}).json()
    assert [c["id"] for c in by_phone] == [wang["id"]]
    assert [c["id"] for c in by_pinyin] == [wang["id"]]
    assert [c["id"] for c in by_initials] == [wang["id"]]
    assert [h["id"] for h in search["items"]] == [wang["id"]]


def test_a_naive_datetime_filter_is_refused_with_a_field_message(api: Api) -> None:
    with api.client() as http:
        response = http.get("/api/v1/tickets", params={"created_after": "2026-01-01T00:00:00"})
    # a naive datetime is a client error with a clear field message, not a crash
    assert response.status_code == 422
    assert response.json()["error"]["fields"]["created_after"] == "日期时间格式不正确"
