"""End to end over real HTTP on SQLite and PostgreSQL: a WeChat push becomes a ticket, the
agent's REST reply is sent by the worker to the stand-in for WeChat as its documented JSON, a
late reply is held and mailed, an image arrives as an attachment; the agent's page learns the
window and each reply's fate from the API."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import httpx
import pytest
from sqlalchemy import select

from kefu.channels.wechat import media, outbound
from kefu.tickets.models import Ticket
from tests.channels.wechat.conftest import SECRET
from tests.channels.wechat.fake_api import FakeWechat
from tests.channels.wechat.sending import at, give_email
from tests.channels.wechat.support import OPENID, add_account, sample, signed_query, url
from tests.conftest import Api, Env

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
IMAGE_ID = "Lp4GgXhKNdwyC0sKQ1dLqS2bHUjL6mVvcmb8Dz9hT3xAeR5wPY7c1fGkJNuEoIZs"


@pytest.fixture
def wechat(api: Api, fake_wechat: FakeWechat) -> httpx.Client:
    """WeChat's side of the push URL."""
    add_account(api.env, secret=SECRET)
    at(T0)
    return httpx.Client(base_url=api.base_url, timeout=30)


def push(env: Env, wechat: httpx.Client, fake: FakeWechat, name: str = "text.xml") -> int:
    answer = wechat.post(
        url(signed_query()), content=sample(name), headers={"Content-Type": "text/xml"}
    )
    assert (answer.status_code, answer.text) == (200, "success")
    fake.customer_wrote(OPENID)
    with env.db.reading() as session:
        return session.scalars(select(Ticket.id)).one()


def test_an_agents_rest_reply_to_a_wechat_push_reaches_wechat_as_its_json(
    api: Api, env: Env, wechat: httpx.Client, fake_wechat: FakeWechat
) -> None:
    ticket_id = push(env, wechat, fake_wechat)
    agent = api.client("agent")
    window = agent.get(f"/api/v1/tickets/{ticket_id}/wechat/window").json()
    assert (window["wechat"], window["open"], window["remaining"], window["queued"]) == (
        True,
        True,
        5,
        0,
    )
    assert window["closes_at"] == "2026-11-25T09:00:00Z"
    assert (window["fallback"], window["fallback_to"]) == ("portal", None)

    at(T0 + timedelta(minutes=10))
    answer = agent.post(
        f"/api/v1/tickets/{ticket_id}/messages", json={"body": "您好,已为您查询,包裹明天送达。"}
    )
    assert answer.status_code == 201, answer.text
    window = agent.get(f"/api/v1/tickets/{ticket_id}/wechat/window").json()
    assert (window["remaining"], window["queued"]) == (4, 1)

    assert outbound.send_due(env.db, env.settings) == 1
    assert fake_wechat.sent == [
        {"touser": OPENID, "msgtype": "text", "text": {"content": "您好,已为您查询,包裹明天送达。"}}
    ]
    [sent] = agent.get(f"/api/v1/tickets/{ticket_id}/wechat/replies").json()["items"]
    assert (sent["message_id"], sent["state"], sent["attempts"], sent["errcode"]) == (
        answer.json()["id"],
        "sent",
        1,
        0,
    )


def test_a_reply_49_hours_later_is_held_and_offered_by_mail(
    api: Api, env: Env, wechat: httpx.Client, fake_wechat: FakeWechat
) -> None:
    ticket_id = push(env, wechat, fake_wechat)
    give_email(env, "zhang@example.cn")
    at(T0 + timedelta(hours=49))
    agent = api.client("agent", **{"Accept-Language": "en"})
    window = agent.get(f"/api/v1/tickets/{ticket_id}/wechat/window").json()
    assert (window["open"], window["reason_code"]) == (False, "wechat.window_expired")
    assert "48 hours" in window["reason"]  # told before sending, in the agent's language
    assert (window["fallback"], window["fallback_to"]) == ("mail", "zhang@example.cn")

    answer = agent.post(f"/api/v1/tickets/{ticket_id}/messages", json={"body": "退款已处理"})
    assert answer.status_code == 201
    [held] = agent.get(f"/api/v1/tickets/{ticket_id}/wechat/replies").json()["items"]
    assert (held["state"], held["fallback"], held["fallback_mail_status"]) == (
        "held",
        "mail",
        "queued",
    )
    messages = agent.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
    notes = [m["body"] for m in messages if m["author_kind"] == "system" and not m["public"]]
    assert len(notes) == 1 and "zhang@example.cn" in notes[0]
    assert outbound.send_due(env.db, env.settings) == 0 and fake_wechat.sent == []


def test_an_image_push_arrives_as_an_attachment_of_its_message(
    api: Api, env: Env, wechat: httpx.Client, fake_wechat: FakeWechat
) -> None:
    picture = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 16
    fake_wechat.media[IMAGE_ID] = (picture, "image/png", "photo.png")
    ticket_id = push(env, wechat, fake_wechat, "image.xml")
    assert media.fetch_due(env.db, env.settings) == 1
    agent = api.client("agent")
    [message] = agent.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
    [attachment] = message["attachments"]
    assert (attachment["filename"], attachment["content_type"], attachment["size"]) == (
        "photo.png",
        "image/png",
        len(picture),
    )
    assert agent.get(attachment["url"]).content == picture


def test_a_ticket_without_wechat_says_so_and_an_unknown_ticket_is_not_found(
    api: Api, fake_wechat: FakeWechat
) -> None:
    agent = api.client("agent")
    created = agent.post(
        "/api/v1/tickets",
        json={"subject": "发票", "customer": {"email": "li@example.cn"}, "channel": "api"},
    )
    assert created.status_code == 201, created.text
    window = agent.get(f"/api/v1/tickets/{created.json()['id']}/wechat/window").json()
    assert (window["wechat"], window["open"], window["reason_code"]) == (
        False,
        False,
        "wechat.not_a_wechat_ticket",
    )
    assert (window["fallback"], window["fallback_to"]) == ("mail", "li@example.cn")
    missing = agent.get("/api/v1/tickets/999999/wechat/window")
    assert missing.status_code == 404 and missing.json()["error"]["message"]
    assert agent.get("/api/v1/tickets/999999/wechat/replies").status_code == 404
    anonymous = api.client("nobody").get(f"/api/v1/tickets/{created.json()['id']}/wechat/window")
    assert anonymous.status_code == 401
