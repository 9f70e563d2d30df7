"""After-sales in a real browser: an agent opens 周女士's chat "鞋子开胶了,要退货", opens a
return case in two clicks (the shop pays the shipping), walks it to the refund on the case
page, pays an instant refund after seeing its fee, and sees a second one refused."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.conftest import Api
from tests.e2e.browser import chinese_page

JPEG = b"\xff\xd8\xff\xe0" + b"\x00" * 64


def _ok(response: httpx.Response) -> Any:
    assert response.status_code < 300, response.text
    return response.json()


def _shoes_and_chat(api: Api) -> tuple[dict[str, Any], dict[str, Any]]:
    """周女士's sneakers, signed for three days ago, and her web chat about them."""
    now = datetime.now(UTC)
    order = {
        "platform": "taobao",
        "number": "3391204577810236541",
        "paid_fen": 169_00,
        "buyer_id": "周周的鞋柜",
        "receiver_name": "周女士",
        "receiver_phone": "13700137000",
        "paid_at": (now - timedelta(days=6)).isoformat(),
        "shipped_at": (now - timedelta(days=5)).isoformat(),
        "signed_at": (now - timedelta(days=3)).isoformat(),
        "items": [
            {"sku": "QP-5521-WH", "title": "轻跑 女款百搭小白鞋", "size": "37",
             "colour": "白色", "price_fen": 169_00, "category": "apparel"}
        ],
    }  # fmt: skip
    chat = {
        "subject": "鞋子开胶了,要退货",
        "description": "三天前签收的小白鞋,今天发现鞋头开胶了,要退货。",
        "customer": {"name": "周女士", "buyer_nick": "周周的鞋柜"},
        "channel": "web_chat",
        "type": "after_sales",
    }
    with api.client() as http:
        return _ok(http.post("/api/v1/orders", json=order)), _ok(
            http.post("/api/v1/tickets", json=chat)
        )


def _log_in(page: Page, base_url: str, path: str) -> None:
    page.goto(base_url + path)
    page.get_by_label("用户名").fill("agent")
    page.get_by_label("密码").fill("pw-agent")
    page.get_by_role("button", name="登录").click()
    page.wait_for_url("**" + path)


def _move(page: Page, to: str, state: str, **fields: str) -> None:
    form = page.locator(f"form[data-to='{to}']")
    for name, value in fields.items():
        form.locator(f"[name='{name}']").fill(value)
    form.get_by_role("button").click()
    expect(page.locator("h2 [data-state]")).to_have_attribute("data-state", state)


def _ask_instant_refund(page: Page) -> None:
    form = page.locator("form[data-as-payout]")
    form.get_by_label("打款方式").select_option("instant")
    form.get_by_label("顾客已确认退款协议").check()
    form.get_by_role("button", name="打款", exact=True).click()


@pytest.mark.e2e
def test_an_agent_opens_a_return_in_two_clicks_and_cannot_pay_it_twice(
    api: Api, request: pytest.FixtureRequest
) -> None:
    order, ticket = _shoes_and_chat(api)
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.set_viewport_size({"width": 1366, "height": 900})
        _log_in(page, api.base_url, f"/workspace/tickets/{ticket['id']}/aftersales")
        panel = page.locator("[data-as-panel]")
        expect(panel).to_contain_text(order["number"])
        expect(panel.get_by_label("售后类型")).to_have_value("return_refund")
        expect(panel.get_by_label("原因")).to_have_value("quality")

        panel.get_by_role("button", name="开售后单").click()  # click one: the decision
        preview = panel.locator("[data-as-preview]")
        expect(preview.locator("[data-fact='payer_return']")).to_contain_text("卖家承担")
        expect(preview.locator("[data-fact='payer_outbound']")).to_contain_text("卖家承担")
        expect(preview.locator("[data-decision='respond']")).to_contain_text("退款申请须在")
        expect(preview).to_contain_text("商品有质量问题,来回运费都由我们承担")
        page.screenshot(path=str(artifacts / "aftersales-preview.png"), full_page=True)

        preview.get_by_role("button", name="确认开单").click()  # click two: the case
        flash = page.locator("[data-as-flash]")
        expect(flash).to_be_visible()
        expect(flash).to_contain_text("已开售后单")
        expect(page.locator("[data-as-panel] tr[data-case-id]")).to_contain_text("退货退款")
        page.screenshot(path=str(artifacts / "aftersales-case-opened.png"), full_page=True)

        flash.get_by_role("link").click()
        page.wait_for_url("**/workspace/cases/*")
        expect(page.locator("[data-decision='shipping']")).to_contain_text("卖家承担")
        evidence = page.locator("form[data-as-evidence]")
        evidence.locator("input[type=file]").set_input_files(
            {"name": "开胶.jpg", "mimeType": "image/jpeg", "buffer": JPEG}
        )
        evidence.get_by_role("button", name="上传照片").click()
        expect(page.locator(".as-photos img")).to_have_count(1)
        _move(page, "judging", "judging")
        _move(page, "deciding", "deciding")
        _move(page, "awaiting_return", "awaiting_return")
        _move(page, "return_shipped", "return_shipped", return_tracking="YT7788990011")
        _move(page, "inspecting", "inspecting")
        _move(page, "refunding", "refunding")

        _ask_instant_refund(page)
        quote = page.locator("[data-payout-quote]")
        expect(quote).to_contain_text("手续费 1.69 元(1%)由我们承担")
        page.screenshot(path=str(artifacts / "aftersales-instant-fee.png"), full_page=True)
        page.get_by_role("button", name="确认打款").click()
        expect(page.locator("[data-paid]")).to_contain_text("本售后单已打款 169.00 元")

        _ask_instant_refund(page)
        page.get_by_role("button", name="确认打款").click()
        refusal = page.locator("form[data-as-payout] [role=alert]")
        expect(refusal).to_contain_text("已经即时到账打过款")
        page.screenshot(path=str(artifacts / "aftersales-second-refused.png"), full_page=True)
        expect(page.locator("tr[data-payout-id]")).to_have_count(1)
        assert errors == []
    with api.client() as http:
        cases = _ok(http.get(f"/api/v1/tickets/{ticket['id']}/cases"))
    assert [(c["state"], len(c["payouts"])) for c in cases] == [("refunding", 1)]
