"""The supervisor's console in a real browser, with two people at once: the supervisor watches
/supervisor in one browser context while an agent changes presence in another and a new ticket
arrives over the REST API; the board follows live, without a reload. Then the supervisor
reassigns a ticket from its menu and whispers an internal note."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.conftest import Api
from tests.e2e.browser import ARGS, CHROMIUM


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.status_code < 300, response.text
    body: dict[str, object] = response.json()
    return body


@contextmanager
def chromium(request: pytest.FixtureRequest) -> Iterator[tuple[Browser, Path]]:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    artifacts = Path(request.config.rootpath) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            yield browser, artifacts
        finally:
            browser.close()


def log_in(browser: Browser, api: Api, role: str, path: str, errors: list[str]) -> Page:
    """A page in its own browser context (its own cookies), signed in as ``role``."""
    page = browser.new_context(locale="zh-CN", viewport={"width": 1440, "height": 900}).new_page()
    page.on("pageerror", lambda exc: errors.append(f"{role}: {exc}"))
    page.goto(api.base_url + path)
    page.get_by_label("用户名").fill(role)
    page.get_by_label("密码").fill(f"pw-{role}")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(f"**{path}")
    return page


def _floor(api: Api) -> int:
    """A desk with one group (the agent in it, not auto-assigning) and one waiting ticket."""
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "售前服务台"}))
        group = _ok(
            admin.post(
                "/api/v1/routing/groups",
                json={"desk_id": desk["id"], "name": "售前一组", "auto_assign": False},
            )
        )
        members = {"user_ids": [api.user_ids["agent"]]}
        _ok(admin.put(f"/api/v1/routing/groups/{group['id']}/members", json=members))
        delivery = {"mode": "single", "default_group_id": group["id"]}
        _ok(admin.put("/api/v1/routing/delivery", json=delivery))
        first = _ok(
            admin.post(
                "/api/v1/tickets",
                json={
                    "subject": "尺码怎么选",
                    "channel": "web_chat",
                    "customer": {"name": "王小姐"},
                },
            )
        )
        _ok(
            admin.post(
                "/api/v1/tickets",
                json={"subject": "投诉发错货", "type": "complaint", "customer": {"name": "赵女士"}},
            )
        )
    ticket_id = first["id"]
    assert isinstance(ticket_id, int)
    return ticket_id


@pytest.mark.e2e
def test_the_board_follows_the_floor_live_and_reassigns_from_its_menu(
    api: Api, request: pytest.FixtureRequest
) -> None:
    first = _floor(api)
    errors: list[str] = []
    with chromium(request) as (browser, artifacts):
        boss = log_in(browser, api, "supervisor", "/supervisor", errors)
        agent = log_in(browser, api, "agent", "/workspace", errors)
        expect(boss.get_by_role("heading", name="队列")).to_be_visible()
        boss.wait_for_function("document.body.dataset.live === 'ready'")
        agent_row = boss.locator(f"#agents tr[data-user-id='{api.user_ids['agent']}']")
        expect(agent_row.locator("td.presence")).to_have_text("离线")
        queue = boss.locator("#queues tr", has_text="售前一组")
        waiting = int(queue.locator("td.waiting").inner_text())
        assert waiting >= 1
        expect(boss.locator("#complaints tbody tr", has_text="投诉发错货")).to_contain_text(
            "已受理"
        )

        # the agent, in the other browser, goes online: the supervisor's board shows it
        with agent.expect_response("**/api/v1/routing/presence/me") as presence:
            agent.get_by_label("在线状态").select_option("online")
        assert presence.value.status == 200
        expect(agent_row.locator("td.presence")).to_have_text("在线", timeout=10_000)

        # a new ticket arrives over the REST API: the queue grows and the ticket is listed
        with api.client("agent") as http:
            second = _ok(
                http.post(
                    "/api/v1/tickets",
                    json={"subject": "快递三天没动了", "customer": {"name": "李先生"}},
                )
            )
        row = boss.locator(f"#waiting tr[data-ticket-id='{second['id']}']")
        expect(row).to_contain_text("快递三天没动了", timeout=10_000)
        expect(queue.locator("td.waiting")).to_have_text(str(waiting + 1))
        assert boss.evaluate("performance.getEntriesByType('navigation').length") == 1
        boss.wait_for_function("Number(document.body.dataset.chartsDrawn) >= 1")
        boss.screenshot(path=str(artifacts / "supervisor-board.png"), full_page=True)

        # reassign the first ticket to the agent from its menu
        boss.locator(f"#waiting tr[data-ticket-id='{first}'] button.act").click()
        dialog = boss.get_by_role("dialog")
        expect(dialog).to_be_visible()
        dialog.get_by_label("转派给坐席").select_option(str(api.user_ids["agent"]))
        with boss.expect_response(f"**/api/v1/tickets/{first}/transfer") as moved:
            dialog.get_by_role("button", name="转派", exact=True).click()
        assert moved.value.status == 204
        expect(dialog).to_be_hidden()
        expect(boss.locator("#act-result")).to_contain_text("已转派")
        expect(boss.locator(f"#waiting tr[data-ticket-id='{first}']")).to_have_count(0)
        expect(queue.locator("td.waiting")).to_have_text(str(waiting))

        # whisper to the agent on the other ticket: an internal note the customer never sees
        boss.locator(f"#waiting tr[data-ticket-id='{second['id']}'] button.act").click()
        dialog.get_by_label("悄悄话(内部备注)").fill("这位客户上周投诉过,先安抚")
        with boss.expect_response(f"**/api/v1/tickets/{second['id']}/messages") as noted:
            dialog.get_by_role("button", name="发送备注").click()
        assert noted.value.status == 201
        expect(boss.locator("#act-result")).to_contain_text("备注已添加")

        # the agent answers the reassigned ticket: today's first response chart draws it
        drawn = int(boss.evaluate("document.body.dataset.chartsDrawn"))
        with api.client("agent") as http:
            reply = {"body": "您好,尺码表在详情页第三张图", "public": True}
            _ok(http.post(f"/api/v1/tickets/{first}/messages", json=reply))
        boss.wait_for_function(
            f"Number(document.body.dataset.chartsDrawn) > {drawn}", timeout=15_000
        )
        boss.locator("#chart-volume").scroll_into_view_if_needed()
        boss.locator("section[aria-labelledby='charts-title']").screenshot(
            path=str(artifacts / "supervisor-charts.png")
        )
    with api.client("admin") as http:
        assert _ok(http.get(f"/api/v1/tickets/{first}"))["assignee_id"] == api.user_ids["agent"]
        notes = _ok(http.get(f"/api/v1/tickets/{second['id']}/messages"))["items"]
    assert isinstance(notes, list)
    assert [(m["body"], m["public"]) for m in notes if not m["public"]] == [
        ("这位客户上周投诉过,先安抚", False)
    ]
    assert errors == []
    assert (artifacts / "supervisor-board.png").stat().st_size > 1000
    assert (artifacts / "supervisor-charts.png").stat().st_size > 1000
