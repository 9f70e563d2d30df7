"""The app SDK over HTTP: an app's back end gets a customer token, the app talks as that
customer only."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kefu.channels.appsdk import rules
from kefu.core import clock
from tests.conftest import Api


def app_token(api: Api, **body: object) -> dict[str, object]:
    with api.client("admin") as http:
        answer = http.post("/api/v1/app/tokens", json=body)
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


def as_customer(api: Api, token: object) -> httpx.Client:
    return httpx.Client(
        base_url=api.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )


def test_only_an_admin_token_may_issue_customer_tokens(api: Api) -> None:
    for role in ("agent", "supervisor"):
        with api.client(role) as http:
            refused = http.post("/api/v1/app/tokens", json={"app_user": "u-1"})
        assert refused.status_code == 403
    issued = app_token(api, app_user="u-1", customer={"name": "林先生", "phone": "13800138000"})
    assert str(issued["token"]).startswith(rules.TOKEN_PREFIX)
    with as_customer(api, issued["token"]) as app:
        me = app.get("/api/v1/app/me").json()
    assert me == {"customer_id": issued["customer_id"], "name": "林先生"}


def test_a_token_needs_an_app_user_or_a_contact(api: Api) -> None:
    with api.client("admin") as http:
        refused = http.post("/api/v1/app/tokens", json={"customer": {"name": "无名"}})
        bad_phone = http.post("/api/v1/app/tokens", json={"customer": {"phone": "12345"}})
        customers = http.get("/api/v1/customers").json()["items"]
    assert refused.status_code == 422
    assert "app_user" in refused.json()["error"]["fields"]
    assert "手机" in refused.json()["error"]["fields"]["app_user"]
    assert bad_phone.status_code == 422
    assert customers == []  # nothing half-made


def test_the_same_app_user_comes_back_to_the_same_customer(api: Api) -> None:
    first = app_token(api, app_user="shop-user-42", customer={"name": "周女士"})
    again = app_token(api, app_user="shop-user-42")
    other = app_token(api, app_user="shop-user-43")
    assert again["customer_id"] == first["customer_id"]
    assert other["customer_id"] != first["customer_id"]
    known = app_token(api, customer={"phone": "+86 138-0013-8000"})
    by_phone = app_token(api, customer={"phone": "13800138000"})
    assert known["customer_id"] == by_phone["customer_id"]


def test_an_app_conversation_is_an_app_sdk_ticket_and_a_retry_opens_nothing(api: Api) -> None:
    token = app_token(api, app_user="u-7", customer={"name": "吴先生"})["token"]
    with as_customer(api, token) as app:
        first = app.post(
            "/api/v1/app/conversations",
            json={"body": "请问保温杯可以刻字吗?", "client_id": "m-1"},
        )
        retry = app.post(
            "/api/v1/app/conversations",
            json={"body": "请问保温杯可以刻字吗?", "client_id": "m-1"},
        )
        listed = app.get("/api/v1/app/conversations").json()["items"]
    assert first.status_code == 201, first.text
    assert retry.status_code == 200
    assert retry.json()["duplicate"] is True
    assert retry.json()["message"]["id"] == first.json()["message"]["id"]
    assert [c["id"] for c in listed] == [first.json()["conversation"]["id"]]
    with api.client() as http:
        ticket = http.get(f"/api/v1/tickets/{listed[0]['id']}").json()
    assert ticket["channel"] == "app_sdk"
    assert ticket["status"] in ("new", "open")


def test_the_app_reads_public_replies_never_internal_notes(api: Api) -> None:
    token = app_token(api, app_user="u-8")["token"]
    with as_customer(api, token) as app:
        opened = app.post("/api/v1/app/conversations", json={"body": "什么时候发货?"}).json()
        ticket_id = opened["conversation"]["id"]
        with api.client() as http:
            assert (
                http.post(
                    f"/api/v1/tickets/{ticket_id}/messages",
                    json={"body": "内部:仓库今天盘点", "public": False},
                ).status_code
                == 201
            )
            assert (
                http.post(
                    f"/api/v1/tickets/{ticket_id}/messages",
                    json={"body": "亲,今天下单今天发货哦"},
                ).status_code
                == 201
            )
        messages = app.get(f"/api/v1/app/conversations/{ticket_id}/messages").json()["items"]
        first_id = messages[0]["id"]
        newer = app.get(
            f"/api/v1/app/conversations/{ticket_id}/messages", params={"after": first_id}
        ).json()["items"]
        follow_up = app.post(
            f"/api/v1/app/conversations/{ticket_id}/messages",
            json={"body": "好的,谢谢", "client_id": "m-2"},
        )
    assert [(m["author"], m["body"]) for m in messages] == [
        ("customer", "什么时候发货?"),
        ("agent", "亲,今天下单今天发货哦"),
    ]
    assert messages[1]["agent"] == "客服1号"
    assert [m["body"] for m in newer] == ["亲,今天下单今天发货哦"]
    assert follow_up.status_code == 201
    assert follow_up.json()["conversation"]["id"] == ticket_id


def test_an_app_sees_only_its_own_customer(api: Api) -> None:
    mine = app_token(api, app_user="a")["token"]
    theirs = app_token(api, app_user="b")["token"]
    with as_customer(api, theirs) as app:
        their_ticket = app.post("/api/v1/app/conversations", json={"body": "我的订单"}).json()
    other_id = their_ticket["conversation"]["id"]
    with as_customer(api, mine) as app:
        assert app.get(f"/api/v1/app/conversations/{other_id}").status_code == 404
        assert app.get(f"/api/v1/app/conversations/{other_id}/messages").status_code == 404
        posted = app.post(f"/api/v1/app/conversations/{other_id}/messages", json={"body": "插一句"})
        assert posted.status_code == 404
        assert app.get("/api/v1/app/conversations").json()["items"] == []
    with api.client() as http:
        messages = http.get(f"/api/v1/tickets/{other_id}/messages").json()["items"]
    assert [m["body"] for m in messages] == ["我的订单"]


@pytest.mark.parametrize("header", ["", "Basic YTpi", "Bearer kfa_not-a-real-token-at-all-xxxx"])
def test_without_a_customer_token_the_app_is_refused_in_chinese(api: Api, header: str) -> None:
    with httpx.Client(base_url=api.base_url, headers={"Authorization": header}) as app:
        refused = app.get("/api/v1/app/conversations")
    assert refused.status_code == 401
    assert "客户令牌" in refused.json()["error"]["message"]


def test_a_staff_token_is_not_a_customer_token(api: Api) -> None:
    with api.client("admin") as http:
        assert http.get("/api/v1/app/me").status_code == 401


def test_bad_messages_are_refused_and_nothing_is_stored(api: Api) -> None:
    token = app_token(api, app_user="u-9")["token"]
    with as_customer(api, token) as app:
        empty = app.post("/api/v1/app/conversations", json={"body": "   "})
        long = app.post("/api/v1/app/conversations", json={"body": "长" * 5001})
        bad_id = app.post("/api/v1/app/conversations", json={"body": "hi", "client_id": "a b"})
        extra = app.post("/api/v1/app/conversations", json={"body": "hi", "admin": True})
        listed = app.get("/api/v1/app/conversations").json()["items"]
    assert empty.status_code == 422
    assert empty.json()["error"]["fields"]["body"] == "消息内容不能为空"
    assert long.status_code == 422 and "5000" in long.json()["error"]["fields"]["body"]
    assert bad_id.status_code == 422 and "client_id" in bad_id.json()["error"]["fields"]
    assert extra.status_code == 422
    assert listed == []


def test_a_closed_conversation_takes_no_more_messages(api: Api) -> None:
    token = app_token(api, app_user="u-10")["token"]
    with as_customer(api, token) as app:
        ticket_id = app.post("/api/v1/app/conversations", json={"body": "退款到账了吗"}).json()[
            "conversation"
        ]["id"]
        with api.client() as http:
            url = f"/api/v1/tickets/{ticket_id}"
            assert http.patch(url, json={"status": "solved"}).status_code == 200
            reopened = app.post(
                f"/api/v1/app/conversations/{ticket_id}/messages", json={"body": "还没到"}
            )
            assert reopened.status_code == 201  # a solved matter reopens on a reply
            assert http.get(url).json()["status"] == "open"
            assert http.patch(url, json={"status": "solved"}).status_code == 200
            assert http.patch(url, json={"status": "closed"}).status_code == 200
        refused = app.post(
            f"/api/v1/app/conversations/{ticket_id}/messages", json={"body": "再问一下"}
        )
    assert refused.status_code == 409
    assert "新的咨询" in refused.json()["error"]["message"]


def test_tokens_expire_and_can_be_revoked(api: Api) -> None:
    issued = app_token(api, app_user="u-11")
    with as_customer(api, issued["token"]) as app:
        assert app.get("/api/v1/app/me").status_code == 200
        later = datetime.now(UTC) + timedelta(days=rules.TOKEN_DAYS, minutes=1)
        clock.set_clock(lambda: later)
        try:
            assert app.get("/api/v1/app/me").status_code == 401
        finally:
            clock.set_clock(None)
        assert app.delete("/api/v1/app/tokens/current").status_code == 204
        assert app.get("/api/v1/app/me").status_code == 401
    second = app_token(api, app_user="u-11")["token"]
    third = app_token(api, app_user="u-11")["token"]
    with api.client("admin") as http:
        revoked = http.post(f"/api/v1/app/customers/{issued['customer_id']}/revoke").json()
    assert revoked == {"revoked": 2}
    for token in (second, third):
        with as_customer(api, token) as app:
            assert app.get("/api/v1/app/me").status_code == 401
