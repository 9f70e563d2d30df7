"""The push URL over real HTTP on SQLite and PostgreSQL: WeChat's URL check, messages of every
type becoming tickets, events, redeliveries, safe mode, and every refusal storing nothing."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from kefu.channels.wechat import service
from kefu.channels.wechat.models import WechatFollower, WechatPush
from kefu.conversations.models import ChannelMessage
from kefu.customers.models import Customer
from kefu.tickets.models import Message, Ticket
from tests.channels.wechat.support import (
    APPID,
    NAME,
    NONCE,
    OPENID,
    TIMESTAMP,
    TOKEN,
    add_account,
    encrypted,
    sample,
    sign,
    signed_query,
    url,
)
from tests.conftest import Api, Env


@pytest.fixture
def wechat(api: Api) -> httpx.Client:
    """WeChat's side: no API token, only the account's signature."""
    add_account(api.env)
    return httpx.Client(base_url=api.base_url, timeout=30)


def post(http: httpx.Client, body: bytes, query: dict[str, str] | None = None) -> httpx.Response:
    return http.post(
        url(query or signed_query()), content=body, headers={"Content-Type": "text/xml"}
    )


def counts(env: Env) -> dict[str, int]:
    with env.db.reading() as session:
        return {
            model.__name__: int(session.scalar(select(func.count()).select_from(model)) or 0)
            for model in (Ticket, Message, Customer, ChannelMessage, WechatPush, WechatFollower)
        }


NOTHING = {
    "Ticket": 0,
    "Message": 0,
    "Customer": 0,
    "ChannelMessage": 0,
    "WechatPush": 0,
    "WechatFollower": 0,
}


def tickets(api: Api) -> list[dict[str, Any]]:
    with api.client() as http:
        items: list[dict[str, Any]] = http.get("/api/v1/tickets").json()["items"]
    return items


def messages(api: Api, ticket_id: int) -> list[dict[str, Any]]:
    with api.client() as http:
        items: list[dict[str, Any]] = http.get(f"/api/v1/tickets/{ticket_id}/messages").json()[
            "items"
        ]
    return items


def assert_refused(response: httpx.Response, status: int, code: str) -> None:
    assert response.status_code == status, response.text
    error = response.json()["error"]
    assert error["code"] == code and error["fields"] is not None
    assert any("\u4e00" <= ch <= "\u9fff" for ch in error["message"])  # zh-CN by default


# -- URL verification --------------------------------------------------------------------------


def test_wechats_url_check_gets_its_echostr_back_as_plain_text(wechat: httpx.Client) -> None:
    response = wechat.get(url(signed_query(echostr="7366592372926180451")))
    assert response.status_code == 200
    assert response.text == "7366592372926180451"
    assert response.headers["content-type"].startswith("text/plain")


def test_a_url_check_with_a_wrong_signature_is_refused(wechat: httpx.Client) -> None:
    query = signed_query(echostr="7366592372926180451")
    query["signature"] = sign("not-the-token", TIMESTAMP, NONCE)
    response = wechat.get(url(query))
    assert_refused(response, 403, "wechat.bad_signature")
    assert response.json()["error"]["message"] == "微信签名校验失败,请求已拒绝"
    assert "7366592372926180451" not in response.text


def test_a_url_check_without_a_signature_is_refused(wechat: httpx.Client) -> None:
    assert_refused(wechat.get(f"/channels/wechat/{NAME}?echostr=1"), 403, "wechat.bad_signature")


def test_an_unknown_account_name_is_not_found(wechat: httpx.Client) -> None:
    response = wechat.get(url(signed_query(echostr="1"), name="nobody"))
    assert_refused(response, 404, "wechat.account_not_found")
    pushed = wechat.post(url(signed_query(), name="nobody"), content=sample("text.xml"))
    assert_refused(pushed, 404, "wechat.account_not_found")


# -- messages become tickets -------------------------------------------------------------------


def test_a_text_message_opens_a_wechat_ticket_for_the_customer_found_by_openid(
    api: Api, wechat: httpx.Client
) -> None:
    response = post(wechat, sample("text.xml"))
    assert response.status_code == 200 and response.text == "success"
    [ticket] = tickets(api)
    assert ticket["channel"] == "wechat" and ticket["status"] == "new"
    assert ticket["subject"].startswith("你好,我上周买的鞋子还没发货")
    with api.client() as http:
        found = http.get("/api/v1/customers", params={"q": OPENID}).json()["items"]
    assert [c["id"] for c in found] == [ticket["customer_id"]]
    assert {"kind": "wechat_openid", "value": OPENID} in found[0]["identities"]
    [message] = messages(api, ticket["id"])
    assert message["body"] == "你好,我上周买的鞋子还没发货,订单号 880012345"
    assert message["author_kind"] == "customer" and message["channel"] == "wechat"
    assert message["arrival"]["rule"] == "new"


def test_a_second_message_from_the_same_openid_continues_the_ticket(
    api: Api, wechat: httpx.Client
) -> None:
    post(wechat, sample("text.xml"))
    again = post(wechat, sample("text.xml", MsgId="24361834527812360", Content="在吗?"))
    assert again.text == "success"
    [ticket] = tickets(api)
    bodies = [m["body"] for m in messages(api, ticket["id"])]
    assert "在吗?" in bodies and len(bodies) == 2
    arrivals = {m["body"]: m["arrival"] for m in messages(api, ticket["id"])}
    assert arrivals["在吗?"]["rule"] == "session"
    assert arrivals["在吗?"]["reason"] == "同一会话中的消息"


def test_after_the_ticket_is_solved_a_new_message_opens_a_new_ticket(
    api: Api, wechat: httpx.Client
) -> None:
    post(wechat, sample("text.xml"))
    [first] = tickets(api)
    with api.client() as http:
        solved = http.patch(f"/api/v1/tickets/{first['id']}", json={"status": "solved"})
    assert solved.status_code == 200, solved.text
    post(wechat, sample("text.xml", MsgId="24361834527812361", Content="又有一个问题"))
    newest, oldest = tickets(api)
    assert oldest["id"] == first["id"] and oldest["status"] == "solved"
    assert newest["id"] != first["id"] and newest["customer_id"] == first["customer_id"]
    assert [m["body"] for m in messages(api, newest["id"])] == ["又有一个问题"]


def test_another_customers_message_opens_their_own_ticket(api: Api, wechat: httpx.Client) -> None:
    post(wechat, sample("text.xml"))
    post(wechat, sample("text.xml", FromUserName="oOtherBuyer_8888", MsgId="24361834527812362"))
    first, second = tickets(api)
    assert first["customer_id"] != second["customer_id"]


def test_image_voice_location_and_link_messages_read_in_chinese_on_the_ticket(
    api: Api, wechat: httpx.Client
) -> None:
    for name in ("image.xml", "voice.xml", "voice_unrecognised.xml", "location.xml", "link.xml"):
        assert post(wechat, sample(name)).text == "success", name
    [ticket] = tickets(api)
    assert ticket["subject"].startswith("[图片] http://mmbiz.qpic.cn/")
    bodies = [m["body"] for m in messages(api, ticket["id"])]
    assert bodies[0] == "[图片] http://mmbiz.qpic.cn/mmbiz_jpg/Zx6Wb1kc0cWQ8nZicR4Gk7Q/0"
    assert bodies[1] == "[语音] 快递到哪里了?"
    assert bodies[2].startswith("[语音] 未识别出文字(格式 speex")
    assert bodies[3] == "[位置] 上海市黄浦区人民大道200号 (31.230416, 121.473701)"
    assert bodies[4].startswith("[链接] 男款透气跑鞋 限时优惠\n")
    with api.env.db.reading() as session:
        stored = session.scalars(select(WechatPush).order_by(WechatPush.id)).all()
        assert [p.msg_type for p in stored] == ["image", "voice", "voice", "location", "link"]
        assert stored[0].fields["MediaId"].startswith("Lp4GgXhKNdwy")  # kept for a media fetch
        assert all(p.ticket_id == ticket["id"] and p.message_id for p in stored)


def test_the_same_msgid_twice_stores_one_message(api: Api, wechat: httpx.Client) -> None:
    first = post(wechat, sample("text.xml"))
    retry = post(wechat, sample("text.xml"))
    assert first.text == retry.text == "success"
    assert counts(api.env) == {**NOTHING, "Ticket": 1, "Message": 1, "Customer": 1,
                               "ChannelMessage": 1, "WechatPush": 1, "WechatFollower": 1}  # fmt: skip


# -- events ------------------------------------------------------------------------------------


def test_a_follow_recognises_the_customer_and_opens_no_ticket(
    api: Api, wechat: httpx.Client
) -> None:
    response = post(wechat, sample("event_subscribe.xml"))
    assert response.text == "success"
    assert counts(api.env) == {**NOTHING, "Customer": 1, "WechatPush": 1, "WechatFollower": 1}
    with api.env.db.reading() as session:
        follower = session.scalars(select(WechatFollower)).one()
        assert follower.openid == OPENID and follower.subscribed
        assert follower.subscribed_at is not None and follower.last_event_at is not None
        assert follower.last_message_at is None
    # the customer who followed is the one whose message then opens a ticket
    post(wechat, sample("text.xml"))
    [ticket] = tickets(api)
    assert ticket["customer_id"] == follower.customer_id


def test_an_unfollow_is_recorded_and_opens_no_ticket(api: Api, wechat: httpx.Client) -> None:
    post(wechat, sample("text.xml"))
    assert post(wechat, sample("event_unsubscribe.xml")).text == "success"
    assert len(tickets(api)) == 1 and len(messages(api, tickets(api)[0]["id"])) == 1
    with api.env.db.reading() as session:
        follower = session.scalars(select(WechatFollower)).one()
        assert not follower.subscribed and follower.unsubscribed_at is not None


def test_a_menu_click_is_recorded_with_its_key_once(api: Api, wechat: httpx.Client) -> None:
    assert post(wechat, sample("event_click.xml")).text == "success"
    assert post(wechat, sample("event_click.xml")).text == "success"  # WeChat's retry
    assert post(wechat, sample("event_click.xml", CreateTime="1763884751")).text == "success"
    with api.env.db.reading() as session:
        pushes = session.scalars(select(WechatPush).order_by(WechatPush.id)).all()
    assert [(p.event, p.fields["EventKey"]) for p in pushes] == [
        ("click", "CONTACT_KEFU"),
        ("click", "CONTACT_KEFU"),
    ]
    assert tickets(api) == []


# -- safe mode ---------------------------------------------------------------------------------


def test_an_encrypted_message_in_safe_mode_opens_a_ticket(api: Api, wechat: httpx.Client) -> None:
    query, body = encrypted(sample("text.xml"))
    response = post(wechat, body, query)
    assert response.status_code == 200 and response.text == "success"
    [ticket] = tickets(api)
    assert ticket["channel"] == "wechat"
    assert messages(api, ticket["id"])[0]["body"].startswith("你好,我上周买的鞋子")


def test_a_tampered_msg_signature_is_refused_and_nothing_is_stored(
    api: Api, wechat: httpx.Client
) -> None:
    query, body = encrypted(sample("text.xml"))
    query["msg_signature"] = sign(TOKEN, TIMESTAMP, NONCE, "something else")
    assert_refused(post(wechat, body, query), 403, "wechat.bad_signature")
    without = {k: v for k, v in query.items() if k != "msg_signature"}
    assert_refused(post(wechat, body, without), 403, "wechat.bad_signature")
    assert counts(api.env) == NOTHING


def test_a_message_encrypted_for_another_appid_is_refused(api: Api, wechat: httpx.Client) -> None:
    query, body = encrypted(sample("text.xml"), appid="wxanotheraccount01")
    response = post(wechat, body, query)
    assert_refused(response, 400, "wechat.wrong_appid")
    assert APPID not in response.text
    assert counts(api.env) == NOTHING


def test_safe_mode_on_an_account_without_aes_key_is_refused(api: Api) -> None:
    with api.env.db.transaction() as session:
        service.add_account(session, name="plain", appid=APPID, token=TOKEN)
    query, body = encrypted(sample("text.xml"))
    with httpx.Client(base_url=api.base_url, timeout=30) as http:
        response = http.post(url(query, name="plain"), content=body)
    assert_refused(response, 400, "wechat.no_aes_key")
    assert counts(api.env) == NOTHING


# -- refusals ----------------------------------------------------------------------------------


def test_a_message_with_a_wrong_signature_is_refused_and_nothing_is_stored(
    api: Api, wechat: httpx.Client
) -> None:
    query = signed_query(token="wrong-token")
    assert_refused(post(wechat, sample("text.xml"), query), 403, "wechat.bad_signature")
    assert_refused(
        wechat.post(f"/channels/wechat/{NAME}", content=sample("text.xml")),
        403,
        "wechat.bad_signature",
    )
    assert counts(api.env) == NOTHING


@pytest.mark.parametrize(
    "name", ["malformed_unclosed.xml", "billion_laughs.xml", "external_entity.xml"]
)
def test_malformed_xml_is_refused_with_400_and_nothing_is_stored(
    api: Api, wechat: httpx.Client, name: str
) -> None:
    response = post(wechat, sample(name))
    assert_refused(response, 400, "wechat.bad_xml")
    assert counts(api.env) == NOTHING


def test_malformed_xml_inside_the_encryption_is_refused_too(api: Api, wechat: httpx.Client) -> None:
    query, body = encrypted(sample("malformed_unclosed.xml"))
    assert_refused(post(wechat, body, query), 400, "wechat.bad_xml")
    assert counts(api.env) == NOTHING


def test_a_push_missing_its_fields_is_refused_naming_them(api: Api, wechat: httpx.Client) -> None:
    body = b"<xml><ToUserName>gh_7f083739789a</ToUserName><MsgType>text</MsgType></xml>"
    response = post(wechat, body)
    assert_refused(response, 400, "wechat.bad_message")
    assert set(response.json()["error"]["fields"]) == {
        "FromUserName",
        "CreateTime",
        "MsgId",
        "Content",
    }
    assert counts(api.env) == NOTHING


def test_an_oversized_push_is_refused_before_it_is_read(api: Api, wechat: httpx.Client) -> None:
    huge = sample("text.xml", Content="好" * (api.env.settings.max_request_body_bytes // 3 + 10))
    assert_refused(post(wechat, huge), 413, "payload_too_large")
    assert counts(api.env) == NOTHING
