"""Two browsers on one chat: a visitor's widget on the demo shop page, and an agent signed in to
the workspace in a second browser context, answering through the REST API with the page's
session cookie and following the event stream over the page's own WebSocket. They exchange
messages, a picture and an emoji; each sees the other typing; read receipts go both ways."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.channels.webchat.test_files import PNG
from tests.conftest import Api
from tests.e2e.browser import ARGS, CHROMIUM

# The agent's page: a stream listener that keeps every event, and a fetch that carries the
# session's CSRF token, as the workspace's own scripts do.
AGENT_SIDE = """
(() => {
  window.__events = [];
  const csrf = () => {
    const field = document.querySelector("input[name=csrf_token]");
    if (field) return field.value;
    return JSON.parse(document.getElementById("workspace-config").textContent).csrf;
  };
  window.__call = async (method, path, body) => {
    const response = await fetch(path, {
      method, credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf() },
      body: body == null ? undefined : JSON.stringify(body),
    });
    return { status: response.status, json: await response.json() };
  };
  let last = null;  // resumed from here after a drop, as the workspace's own stream does
  const open = () => {
    const query = last === null ? "" : "?after=" + last;
    const socket = new WebSocket(location.origin.replace(/^http/, "ws") + "/api/v1/stream" + query);
    socket.onmessage = (event) => {
      const message = JSON.parse(event.data);
      last = message.id;
      window.__events.push(message);
    };
    socket.onclose = () => setTimeout(open, 200);
  };
  open();
  window.__streamReady = () => window.__events.some((e) => e.name === "ready");
})();
"""


@contextmanager
def chromium() -> Iterator[Browser]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def call(agent: Page, method: str, path: str, body: object = None) -> Any:
    result = agent.evaluate("([m, p, b]) => window.__call(m, p, b)", [method, path, body])
    assert result["status"] < 300, result
    return result["json"]


def wait_for_event(agent: Page, name: str, who: str) -> dict[str, Any]:
    found = agent.wait_for_function(
        "([name, who]) => window.__events.filter((e) => e.name === name && e.data.who === who)"
        ".slice(-1)[0]",
        arg=[name, who],
    )
    data: dict[str, Any] = found.json_value()["data"]
    return data


def say(widget: Page, text: str) -> None:
    widget.get_by_label("消息").fill(text)
    widget.get_by_role("button", name="发送").click()


@pytest.mark.e2e
def test_a_visitor_and_an_agent_in_two_browsers_chat_type_read_and_send_a_picture(
    api: Api, request: pytest.FixtureRequest
) -> None:
    artifacts = Path(request.config.rootpath) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    picture = Path(request.config.rootpath) / "test-artifacts" / "webchat-upload.png"
    picture.write_bytes(PNG)
    with chromium() as browser:
        agent = browser.new_context(locale="zh-CN").new_page()
        widget = browser.new_context(locale="zh-CN").new_page()
        errors: list[str] = []
        for page in (agent, widget):
            page.on("pageerror", lambda exc: errors.append(str(exc)))

        agent.goto(api.base_url + "/workspace")
        agent.get_by_label("用户名").fill("agent")
        agent.get_by_label("密码").fill("pw-agent")
        agent.get_by_role("button", name="登录").click()
        agent.wait_for_url("**/workspace")
        agent.evaluate(AGENT_SIDE)
        agent.wait_for_function("window.__streamReady()")

        widget.goto(api.base_url + "/chat/demo")
        widget.get_by_role("button", name="咨询客服").click()
        widget.get_by_label("您的称呼").fill("林女士")
        widget.get_by_role("button", name="开始咨询").click()
        say(widget, "你好,这双鞋 38 码有货吗?")
        mine = widget.locator(".msg.customer").filter(has_text="38 码")
        expect(mine).to_have_attribute("data-id", re.compile(r"^\d+$"))

        [ticket] = call(agent, "GET", "/api/v1/tickets")["items"]
        ticket_id = ticket["id"]
        said = call(agent, "GET", f"/api/v1/tickets/{ticket_id}/messages")["items"]
        assert [m["body"] for m in said] == ["你好,这双鞋 38 码有货吗?"]

        # The visitor types: the agent's page hears it.
        widget.get_by_label("消息").press_sequentially("还有")
        typing = wait_for_event(agent, "ChatTyping", "customer")
        assert typing["ticket_id"] == ticket_id
        assert call(agent, "GET", f"/api/v1/tickets/{ticket_id}/chat")["customer_typing_at"]

        # The agent types: the widget shows who.
        assert call(agent, "POST", f"/api/v1/tickets/{ticket_id}/typing") == {"published": True}
        expect(widget.get_by_text("客服1号正在输入…")).to_be_visible()
        widget.screenshot(path=str(artifacts / "webchat_agent_typing.png"))

        answer = "有的亲,38 码还有两双,今天下单今天发"
        reply = call(agent, "POST", f"/api/v1/tickets/{ticket_id}/messages", {"body": answer})
        expect(widget.locator(".msg.agent[data-id] .text")).to_have_text(answer)
        expect(widget.get_by_text("客服1号正在输入…")).to_be_hidden()

        # The widget is open and visible: it reports reading the answer.
        read = wait_for_event(agent, "ChatRead", "customer")
        assert read == {"ticket_id": ticket_id, "who": "customer", "user_id": None,
                        "last_id": reply["id"]}  # fmt: skip

        # The agent's page reads the chat: the visitor's message is marked 已读.
        expect(mine.locator(".receipt")).to_have_count(0)
        call(agent, "POST", f"/api/v1/tickets/{ticket_id}/read", {})
        expect(mine.locator(".receipt")).to_have_text("已读")

        # An emoji from the picker, then a picture.
        widget.get_by_label("消息").fill("")
        widget.get_by_role("button", name="表情").click()
        widget.get_by_role("button", name="👍").click()
        expect(widget.get_by_label("消息")).to_have_value("👍")
        widget.get_by_role("button", name="发送").click()
        widget.locator("input[type=file]").set_input_files(str(picture))
        shown = widget.locator(".msg.customer[data-id] .files img")
        expect(shown).to_have_count(1)
        widget.wait_for_function(
            "() => document.getElementById('kefu-chat').shadowRoot"
            ".querySelector('.files img').naturalWidth > 0"
        )
        expect(widget.locator(".msg.customer .receipt")).to_have_count(1)  # the new ones: unread
        widget.screenshot(path=str(artifacts / "webchat_two_browsers_widget.png"))

        said = call(agent, "GET", f"/api/v1/tickets/{ticket_id}/messages")["items"]
        assert [m["body"] for m in said][:3] == ["你好,这双鞋 38 码有货吗?", answer, "👍"]
        assert [a["filename"] for a in said[3]["attachments"]] == ["webchat-upload.png"]
        assert said[3]["attachments"][0]["content_type"] == "image/png"
        agent.screenshot(path=str(artifacts / "webchat_two_browsers_agent.png"))
        assert errors == []
