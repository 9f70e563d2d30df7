"""The admin pages in a real browser: an administrator signs in, creates a group and a routing
rule, runs the dry run and reads which rule fired and why; screenshots of the main screens."""

from __future__ import annotations

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Api
from tests.e2e.browser import chinese_page


def _log_in(page: Page, api: Api) -> None:
    page.goto(api.base_url + "/admin")
    page.get_by_label("用户名").fill("admin")
    page.get_by_label("密码").fill("pw-admin")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**/admin")


def _rules(api: Api) -> list[dict[str, object]]:
    with api.client("admin") as http:
        body: list[dict[str, object]] = http.get("/api/v1/routing/rules").json()
        return body


@pytest.mark.e2e
def test_an_admin_sets_up_routing_and_sees_the_dry_run_explain_it(
    api: Api, request: pytest.FixtureRequest
) -> None:
    with httpx.Client(
        base_url=api.base_url, headers={"Authorization": f"Bearer {api.tokens['admin']}"}
    ) as http:
        assert http.post("/api/v1/routing/desks", json={"name": "售后服务台"}).status_code == 201
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1366, "height": 768})
        _log_in(page, api)
        expect(page.get_by_role("link", name="管理", exact=True)).to_have_attribute(
            "aria-current", "page"
        )
        page.screenshot(path=str(artifacts / "admin-index.png"), full_page=True)

        page.get_by_role("link", name="服务台与客服组").first.click()
        group_form = page.locator("#create-group")
        group_form.get_by_label("名称").fill("投诉处理组")
        group_form.get_by_label("分配策略").select_option("round_robin")
        group_form.get_by_role("button", name="新建").click()
        expect(page.get_by_role("status")).to_have_text("客服组已创建")
        expect(page.locator("h4", has_text="投诉处理组")).to_contain_text("轮流分配")
        page.screenshot(path=str(artifacts / "admin-desks.png"), full_page=True)

        page.get_by_role("link", name="路由规则").first.click()
        page.get_by_role("link", name="新建规则").click()
        page.get_by_label("名称").fill("投诉交给投诉处理组")
        page.get_by_label("条件 1 · 字段").select_option("type")
        page.get_by_label("条件 1 · 比较").select_option("eq")
        page.get_by_label("条件 1 · 值").fill("complaint")
        page.get_by_label("条件 2 · 字段").select_option("vip_level")
        page.get_by_label("条件 2 · 比较").select_option("gte")
        page.get_by_label("条件 2 · 值").fill("abc")
        page.get_by_label("动作 1 · 动作").select_option("set_group")
        page.get_by_label("动作 1 · 值").fill("投诉处理组")
        page.get_by_role("button", name="保存").click()
        # a bad value is named beside its input; nothing was saved
        expect(page.locator("#rule-c1_value-error")).to_have_text("类型不正确")
        assert _rules(api) == []
        page.get_by_label("条件 2 · 值").fill("1")
        page.get_by_role("button", name="保存").click()
        expect(page.get_by_role("status")).to_have_text("规则已保存")
        (rule,) = _rules(api)
        assert rule["name"] == "投诉交给投诉处理组"

        dry = page.locator("#dry-run")
        dry.get_by_label("类型").select_option("complaint")
        dry.get_by_label("VIP 等级").fill("2")
        dry.get_by_label("标题与首条消息").fill("快递员态度很差,我要投诉")
        dry.get_by_role("button", name="试运行").click()
        result = page.locator("#dry-run-result")
        expect(result).to_contain_text("投诉交给投诉处理组 — 命中")
        expect(result).to_contain_text("条件成立:VIP 等级 不低于 1(本工单:2)")
        expect(result.locator("dd").nth(1)).to_have_text("投诉处理组")
        assert page.url.endswith("/admin/rules?done=rule_saved")  # htmx: no page load
        page.screenshot(path=str(artifacts / "admin-rules-dry-run.png"), full_page=True)
        assert errors == []
    assert (artifacts / "admin-rules-dry-run.png").stat().st_size > 1000
