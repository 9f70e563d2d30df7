"""The widget in a real browser (Debian's chromium): a visitor opens the demo shop page, says
你好, an agent answers through the REST API, the answer appears without a reload, and after a
reload the conversation is still there."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Api
from tests.e2e.browser import chinese_page

GREETING = "亲,您好!欢迎光临优选旗舰店,很高兴为您服务,请问有什么可以帮您?:)"
ANSWER = "亲,您好,我是客服1号,这款目前有现货,今天下单今天发货哦"


def web_chat_ticket(api: Api) -> int:
    with api.client() as http:
        [ticket] = http.get("/api/v1/tickets").json()["items"]
    assert ticket["channel"] == "web_chat"
    return int(ticket["id"])


def say(page: Page, text: str) -> None:
    page.get_by_label("消息").fill(text)
    page.get_by_role("button", name="发送").click()


@pytest.mark.e2e
def test_a_visitor_chats_with_an_agent_and_keeps_the_conversation_across_a_reload(
    api: Api, request: pytest.FixtureRequest
) -> None:
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(api.base_url + "/chat/demo")
        page.get_by_role("button", name="咨询客服").click()
        expect(page.locator(".msg.welcome")).to_have_text(GREETING)
        page.get_by_label("您的称呼").fill("周女士")
        page.get_by_role("button", name="开始咨询").click()

        say(page, "你好")
        mine = page.locator(".msg.customer").filter(has_text="你好")
        expect(mine).to_have_attribute("data-id", re.compile(r"^\d+$"))  # acknowledged: stored
        expect(mine.locator(".state")).to_have_count(0)
        expect(page.get_by_role("status")).to_have_text("正在为您接入客服,请稍候…")

        with api.client() as http:
            answered = http.post(
                f"/api/v1/tickets/{web_chat_ticket(api)}/messages", json={"body": ANSWER}
            )
        assert answered.status_code == 201, answered.text
        reply = page.locator(".msg.agent[data-id]")
        expect(reply.locator(".text")).to_have_text(ANSWER)  # no reload needed
        expect(reply.locator(".who")).to_have_text("客服1号")
        expect(page.get_by_role("status")).to_have_text("客服1号正在为您服务")
        expect(page.locator(".msg.agent:not([data-id]):not(.welcome) .text")).to_have_text(
            "您好,我是客服1号,很高兴为您服务,有什么我可以效劳的:)"  # seed 001's greeting
        )
        page.screenshot(path=str(artifacts / "webchat_reply.png"), full_page=True)

        page.reload()
        texts = page.locator(".msg[data-id] .text")
        expect(texts).to_have_text(["你好", ANSWER])  # the panel reopens with the history
        expect(page.get_by_role("button", name="开始咨询")).to_be_hidden()
        say(page, "好的,谢谢")
        expect(page.locator(".msg.customer[data-id]")).to_have_count(2)
        page.screenshot(path=str(artifacts / "webchat_reload.png"), full_page=True)
        assert errors == []

    with api.client() as http:
        ticket_id = web_chat_ticket(api)  # the second message continued the same ticket
        messages = http.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
        customer_id = http.get(f"/api/v1/tickets/{ticket_id}").json()["customer_id"]
        customer = http.get(f"/api/v1/customers/{customer_id}").json()
    assert [m["body"] for m in messages] == ["你好", ANSWER, "好的,谢谢"]
    assert customer["name"] == "周女士"


@pytest.mark.e2e
def test_a_bad_phone_is_shown_next_to_its_field(api: Api, request: pytest.FixtureRequest) -> None:
    with chinese_page(request) as (page, _):
        page.goto(api.base_url + "/chat/demo")
        page.get_by_role("button", name="咨询客服").click()
        page.get_by_label("手机号").fill("12345")
        page.get_by_role("button", name="开始咨询").click()
        expect(page.locator("#kefu-chat-phone-error")).to_have_text("电话号码格式不正确")
        expect(page.get_by_label("消息")).to_be_hidden()


# The page's WebSocket, with a switch: while the link is "down" every new connection goes to a
# closed port, as it would through a dead network. Browsers' offline emulation leaves open
# sockets alone, so it cannot cut a chat.
LINK_SWITCH = """
(() => {
  const Native = window.WebSocket;
  const sockets = [];
  window.__link = {
    down() { this.isDown = true; sockets.forEach((s) => s.close()); },
    up() { this.isDown = false; window.dispatchEvent(new Event("online")); },
    isDown: false,
  };
  function Switched(url, protocols) {
    const socket = new Native(window.__link.isDown ? "ws://127.0.0.1:9/" : url, protocols);
    sockets.push(socket);
    return socket;
  }
  Switched.prototype = Native.prototype;
  Object.assign(Switched, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Switched;
})();
"""


@pytest.mark.e2e
def test_replies_sent_while_the_link_was_down_arrive_once_it_is_back(
    api: Api, request: pytest.FixtureRequest
) -> None:
    with chinese_page(request) as (page, artifacts):
        page.add_init_script(LINK_SWITCH)
        page.goto(api.base_url + "/chat/demo")
        page.get_by_role("button", name="咨询客服").click()
        page.get_by_role("button", name="开始咨询").click()
        say(page, "在吗?")
        expect(page.locator(".msg.customer[data-id]")).to_have_count(1)
        ticket_id = web_chat_ticket(api)

        page.evaluate("window.__link.down()")
        expect(page.get_by_role("alert")).to_have_text("连接已断开,正在重新连接…")
        with api.client() as http:
            for body in ("在的,亲", "请问有什么可以帮您?"):
                response = http.post(f"/api/v1/tickets/{ticket_id}/messages", json={"body": body})
                assert response.status_code == 201, response.text
        say(page, "我想退货")  # typed while the link is down: kept, sent once it is back
        expect(page.locator(".msg.customer .state")).to_have_text("发送中")
        page.evaluate("window.__link.up()")

        expect(page.get_by_role("alert")).to_be_hidden()
        expect(page.locator(".msg[data-id] .text")).to_have_text(
            ["在吗?", "在的,亲", "请问有什么可以帮您?", "我想退货"]
        )
        expect(page.locator(".msg .state")).to_have_count(0)
        page.screenshot(path=str(artifacts / "webchat_reconnected.png"), full_page=True)
    with api.client() as http:
        items = http.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
    assert [m["body"] for m in items] == ["在吗?", "在的,亲", "请问有什么可以帮您?", "我想退货"]
