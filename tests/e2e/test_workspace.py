"""The agent workspace in a real browser: log in, go online, a new ticket arrives live."""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest
from playwright.sync_api import expect

from tests.conftest import Api
from tests.e2e.browser import chinese_page


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.status_code < 300, response.text
    body: dict[str, object] = response.json()
    return body


def _agent_in_a_group(api: Api) -> None:
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "售后服务台"}))
        group = _ok(
            admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": "售后一组"})
        )
        members = {"user_ids": [api.user_ids["agent"]]}
        _ok(admin.put(f"/api/v1/routing/groups/{group['id']}/members", json=members))
        delivery = {"mode": "single", "default_group_id": group["id"]}
        _ok(admin.put("/api/v1/routing/delivery", json=delivery))


@pytest.mark.e2e
def test_a_new_ticket_appears_in_the_inbox_without_reload(
    api: Api, request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    _agent_in_a_group(api)
    with chinese_page(request) as (page, _artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1366, "height": 768})
        page.goto(api.base_url + "/workspace")
        page.get_by_label("用户名").fill("agent")
        page.get_by_label("密码").fill("pw-agent")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/workspace")
        expect(page.get_by_role("heading", name="我的工单")).to_be_visible()
        expect(page.get_by_role("heading", name="待分配")).to_be_visible()

        with page.expect_response("**/api/v1/routing/presence/me") as presence:
            page.get_by_label("在线状态").select_option("online")
        assert presence.value.status == 200
        with api.client("agent") as http:
            states = http.get("/api/v1/routing/presence").json()
        assert {p["user_id"]: p["presence"] for p in states}[api.user_ids["agent"]] == "online"

        page.wait_for_function("document.getElementById('live-lost').hidden")
        page.wait_for_timeout(300)  # the stream's ready message
        with api.client("supervisor") as http:
            ticket = _ok(
                http.post(
                    "/api/v1/tickets",
                    json={"subject": "快递三天没动了", "customer": {"name": "王小姐"}},
                )
            )
        row = page.locator(f"tr[data-ticket-id='{ticket['id']}']")
        expect(row).to_be_visible(timeout=10_000)
        expect(row).to_contain_text("快递三天没动了")
        expect(row).to_contain_text("王小姐")
        expect(page).to_have_title("(1) 工作台 - kefu")
        shot = tmp_path / "workspace-inbox.png"
        page.screenshot(path=str(shot), full_page=True)
        assert errors == []
    assert shot.stat().st_size > 1000
