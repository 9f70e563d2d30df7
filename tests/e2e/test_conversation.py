"""An agent's shift in a real browser: a visitor writes in the web chat, the agent takes the
chat from the queue, answers with a canned reply, is warned about a bare 不能, solves the
ticket; the visitor's next message appears on the agent's page without a reload."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from datetime import UTC, datetime
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Api
from tests.e2e.browser import chinese_page

CANNED = "亲,您好,我们会在48小时内为您安排发货哦"


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 300, response.text
    body: dict[str, Any] = response.json()
    return body


def _set_up(api: Api) -> None:
    """The agent's group receives every request; one canned reply to find."""
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "网店客服"}))
        group = _ok(
            admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": "售前组"})
        )
        _ok(
            admin.put(
                f"/api/v1/routing/groups/{group['id']}/members",
                json={"user_ids": [api.user_ids["agent"]]},
            )
        )
        _ok(
            admin.put(
                "/api/v1/routing/delivery", json={"mode": "single", "default_group_id": group["id"]}
            )
        )
    with api.client("supervisor") as supervisor:
        reply = {"title": "发货时间", "shortcut": "fh", "category": "logistics", "body": CANNED}
        _ok(supervisor.post("/api/v1/replies", json=reply))


def _visitor_says(page: Page, text: str) -> None:
    page.get_by_label("消息", exact=True).fill(text)
    page.get_by_role("button", name="发送", exact=True).click()
    expect(page.locator(".msg.customer[data-id]").filter(has_text=text)).to_have_count(1)


def _log_in(page: Page, api: Api) -> None:
    page.goto(api.base_url + "/workspace")
    page.get_by_label("用户名").fill("agent")
    page.get_by_label("密码").fill("pw-agent")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/workspace")


@pytest.mark.e2e
def test_an_agent_takes_a_chat_answers_it_and_solves_it(
    api: Api, request: pytest.FixtureRequest
) -> None:
    _set_up(api)
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1440, "height": 900})
        browser = page.context.browser
        assert browser is not None
        visitor = browser.new_context(locale="zh-CN").new_page()
        visitor.goto(api.base_url + "/chat/demo")
        visitor.get_by_role("button", name="咨询客服").click()
        visitor.get_by_label("您的称呼").fill("周女士")
        visitor.get_by_role("button", name="开始咨询").click()
        _visitor_says(visitor, "请问连衣裙什么时候发货?")

        _log_in(page, api)
        row = page.locator("#queue tr[data-ticket-id]").filter(has_text="周女士")
        expect(row).to_have_count(1)
        ticket_id = int(row.get_attribute("data-ticket-id") or 0)
        page.screenshot(path=str(artifacts / "workspace-inbox-queue.png"), full_page=True)

        with page.expect_response(f"**/api/v1/tickets/{ticket_id}/take") as taken:
            row.get_by_role("button", name="接入").click()
        assert taken.value.status == 200
        mine = page.locator(f"#mine tr[data-ticket-id='{ticket_id}']")
        expect(mine).to_be_visible()
        with api.client("agent") as http:
            assert (
                http.get(f"/api/v1/tickets/{ticket_id}").json()["assignee_id"]
                == api.user_ids["agent"]
            )

        mine.get_by_role("link").first.click()
        page.wait_for_url(f"**/workspace/tickets/{ticket_id}")
        expect(page.locator("#thread .msg-customer")).to_contain_text("请问连衣裙什么时候发货?")
        expect(page.locator("#thread .msg-customer .channel")).to_have_text("网页聊天")
        expect(page.locator("#response-timer")).to_have_attribute(
            "data-seconds", re.compile(r"^\d+$")
        )

        box = page.get_by_label("回复内容")
        box.fill("这个不能退")
        finding = page.locator("#coach-findings li").filter(has_text="不能")
        expect(finding).to_be_visible()
        expect(page.locator("#coach-preview mark")).to_have_text("不能")

        box.fill("")
        box.press("/")
        picker = page.get_by_role("dialog", name="快捷语")
        expect(picker).to_be_visible()
        page.get_by_label("搜索快捷语").fill("fh")
        expect(page.locator("#canned-list li")).to_contain_text(["发货时间"])
        page.get_by_label("搜索快捷语").press("Enter")
        expect(picker).to_be_hidden()
        expect(box).to_have_value(CANNED)
        box.press("Control+Enter")
        answer = page.locator("#thread .msg-agent").filter(has_text=CANNED)
        expect(answer).to_have_count(1)
        expect(box).to_have_value("")
        expect(page.locator("#response-timer")).to_have_attribute("data-seconds", "")
        expect(visitor.locator(".msg.agent[data-id] .text").filter(has_text=CANNED)).to_have_count(
            1
        )

        _visitor_says(visitor, "好的,谢谢")
        live = page.locator("#thread .msg-customer").filter(has_text="好的,谢谢")
        expect(live).to_have_count(1)  # no reload
        expect(page.locator("#thread .msg")).to_have_count(3)  # and nothing twice

        page.get_by_label("状态").select_option("solved")
        expect(page.locator("[data-error-for='status']")).to_have_text("已保存")
        expect(page.get_by_label("状态")).to_have_value("solved")
        page.screenshot(path=str(artifacts / "workspace-conversation.png"), full_page=True)
        assert errors == []
    with api.client("agent") as http:
        ticket = http.get(f"/api/v1/tickets/{ticket_id}").json()
        bodies = [
            m["body"] for m in http.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
        ]
    assert ticket["status"] == "solved"
    assert bodies == ["请问连衣裙什么时候发货?", CANNED, "好的,谢谢"]


PHONE_SECRET = "phone-secret-for-the-screen-pop"


def _ring(api: Api, caller: str) -> int:
    """A signed ringing event from the phone system, as the PBX sends it."""
    body = json.dumps(
        {"event": "ringing", "call_id": "pop-1", "caller": caller, "called": "400-820-8820",
         "at": datetime.now(UTC).isoformat()},
        ensure_ascii=False,
    ).encode()  # fmt: skip
    signature = hmac.new(PHONE_SECRET.encode(), body, hashlib.sha256).hexdigest()
    with httpx.Client(base_url=api.base_url, timeout=30) as client:
        response = client.post(
            "/channels/phone/events",
            content=body,
            headers={"Content-Type": "application/json", "X-Kefu-Signature": f"sha256={signature}"},
        )
    return int(_ok(response)["ticket_id"])


@pytest.mark.e2e
def test_a_call_ringing_for_my_group_pops_up_with_the_callers_name(
    api: Api, request: pytest.FixtureRequest
) -> None:
    _set_up(api)
    with api.client("supervisor") as http:
        _ok(
            http.post(
                "/api/v1/tickets",
                json={
                    "subject": "上次的订单",
                    "customer": {"name": "李先生", "phone": "13900139000"},
                },
            )
        )
    settings = api.env.settings
    before = settings.phone_secret
    settings.phone_secret = type(before)(PHONE_SECRET)
    try:
        with chinese_page(request) as (page, artifacts):
            errors: list[str] = []
            page.on("pageerror", lambda exc: errors.append(str(exc)))
            _log_in(page, api)
            page.wait_for_function("document.getElementById('live-lost').hidden")
            page.wait_for_timeout(300)  # the stream's ready message
            ticket_id = _ring(api, "139 0013 9000")
            banner = page.get_by_role("alert").filter(has_text="来电")
            expect(banner).to_contain_text("李先生(13900139000)")
            page.screenshot(path=str(artifacts / "workspace-screen-pop.png"), full_page=True)
            banner.get_by_role("link", name="打开工单").click()
            page.wait_for_url(f"**/workspace/tickets/{ticket_id}")
            expect(page.locator("#thread .msg")).to_have_count(1)
            expect(page.locator("#sla-clock")).to_be_visible()  # a call is timed by its SLA clock
            assert errors == []
    finally:
        settings.phone_secret = before


@pytest.mark.e2e
def test_the_inbox_is_worked_from_the_keyboard(api: Api, request: pytest.FixtureRequest) -> None:
    _set_up(api)
    with api.client("supervisor") as http:
        older, newer = (
            int(
                _ok(
                    http.post(
                        "/api/v1/tickets", json={"subject": s, "customer": {"name": "赵女士"}}
                    )
                )["id"]
            )
            for s in ("先来的", "后来的")
        )
    with chinese_page(request) as (page, _artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        _log_in(page, api)
        selected = page.locator("#inbox tr.selected")
        page.keyboard.press("j")
        expect(selected).to_have_attribute("data-ticket-id", str(newer))  # newest first
        page.keyboard.press("j")
        expect(selected).to_have_attribute("data-ticket-id", str(older))
        page.keyboard.press("k")
        expect(selected).to_have_attribute("data-ticket-id", str(newer))

        page.keyboard.press("?")
        help_list = page.get_by_role("dialog", name="键盘快捷键")
        expect(help_list).to_be_visible()
        expect(help_list).to_contain_text("接入选中的待分配工单")
        page.keyboard.press("Escape")
        expect(help_list).to_be_hidden()

        page.keyboard.press("/")
        search = page.get_by_label("搜索")
        expect(search).to_be_focused()
        page.keyboard.type("jk")  # typed into the field: the selection stays
        expect(search).to_have_value("jk")
        expect(selected).to_have_attribute("data-ticket-id", str(newer))
        search.fill("")
        search.blur()

        with page.expect_response(f"**/api/v1/tickets/{newer}/take") as taken:
            page.keyboard.press("t")
        assert taken.value.status == 200
        expect(page.locator(f"#mine tr[data-ticket-id='{newer}']")).to_be_visible()
        expect(selected).to_have_attribute("data-ticket-id", str(newer))
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/workspace/tickets/{newer}")
        assert errors == []
