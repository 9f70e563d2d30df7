"""The canned-reply admin page in a real browser: a supervisor adds a reply, first seeing the
problem beside its field."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from kefu.knowledge import service as knowledge
from tests.conftest import Api
from tests.e2e.browser import chinese_page


@pytest.mark.e2e
def test_a_supervisor_adds_a_canned_reply(api: Api, request: pytest.FixtureRequest) -> None:
    with api.env.db.transaction() as session:
        knowledge.ensure_defaults(session)
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1366, "height": 900})
        page.goto(api.base_url + "/admin/replies")
        page.get_by_label("用户名").fill("supervisor")
        page.get_by_label("密码").fill("pw-supervisor")
        page.get_by_role("button", name="登录").click()
        page.wait_for_url("**/admin/replies")
        expect(page.get_by_role("heading", name="快捷语", exact=True)).to_be_visible()
        expect(page.get_by_role("heading", name="欢迎语")).to_be_visible()

        form = page.locator("#add-reply")
        form.get_by_label("快捷码").fill("hy1")
        form.get_by_label("分类").select_option(label="物流")
        form.get_by_label("内容").fill("{customer_name},满99元包邮哦")
        form.get_by_role("button", name="保存").click()
        expect(page.locator("#new-title-error")).to_have_text("标题需为 1–60 个字符")
        expect(page.locator("#new-shortcut-error")).to_contain_text(
            "已被快捷语「欢迎语(自我介绍)」使用"
        )
        expect(form.get_by_label("标题")).to_have_attribute("aria-invalid", "true")
        page.screenshot(path=str(artifacts / "admin-replies-refused.png"), full_page=True)

        form = page.locator("#add-reply")
        form.get_by_label("标题").fill("包邮说明")
        form.get_by_label("快捷码").fill("by")
        expect(form.get_by_label("分类")).to_have_value("logistics")  # kept from the first try
        form.get_by_role("button", name="保存").click()
        expect(page.get_by_role("status")).to_have_text("已新增快捷语「包邮说明」")
        section = page.locator("section", has=page.get_by_role("heading", name="物流"))
        row = section.locator("tr", has_text="包邮说明")
        expect(row).to_contain_text("/by")
        expect(row).to_contain_text("{customer_name},满99元包邮哦")
        page.screenshot(path=str(artifacts / "admin-replies.png"), full_page=True)
        assert errors == []
    with api.client("agent") as http:
        items = http.get("/api/v1/replies", params={"q": "by"}).json()["items"]
    assert [(i["title"], i["rendered"]) for i in items] == [("包邮说明", "亲,满99元包邮哦")]
