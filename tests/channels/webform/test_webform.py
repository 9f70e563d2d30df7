"""The public request form: posted as a browser posts it, and filled in a real browser."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import Api
from tests.e2e.browser import chinese_page

FORM = {
    "name": "周女士",
    "email": "zhou@example.cn",
    "phone": "",
    "subject": "衣服洗了缩水",
    "description": "按照洗标洗的,缩了一个码,可以退吗?",
}


def _tickets(api: Api) -> list[dict[str, object]]:
    with api.client() as http:
        items: list[dict[str, object]] = http.get("/api/v1/tickets").json()["items"]
        return items


def test_a_filled_form_opens_a_web_form_ticket_with_its_attachment(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as browser:
        assert browser.get("/support/new").status_code == 200
        response = browser.post(
            "/support/new", data=FORM, files={"files": ("标签.jpg", b"\xff\xd8photo", "image/jpeg")}
        )
    assert response.status_code == 201, response.text
    [ticket] = _tickets(api)
    assert ticket["channel"] == "web_form" and ticket["subject"] == "衣服洗了缩水"
    assert str(ticket["number"]) in response.text
    with api.client() as http:
        [message] = http.get(f"/api/v1/tickets/{ticket['id']}/messages").json()["items"]
        customer = http.get(f"/api/v1/customers/{ticket['customer_id']}").json()
    assert message["body"] == FORM["description"]
    assert [a["filename"] for a in message["attachments"]] == ["标签.jpg"]
    assert customer["name"] == "周女士"


def test_an_invalid_form_comes_back_with_every_problem_and_stores_nothing(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as browser:
        empty = browser.post("/support/new", data={"name": "周女士"})
        bad_phone = browser.post("/support/new", data={**FORM, "email": "", "phone": "12"})
        too_long = browser.post("/support/new", data={**FORM, "subject": "长" * 201})
    assert empty.status_code == 422
    assert "必填" in empty.text and "请至少填写邮箱或手机号" in empty.text
    assert 'value="周女士"' in empty.text, "what was typed is kept"
    assert bad_phone.status_code == 422 and "电话号码格式不正确" in bad_phone.text
    assert too_long.status_code == 422 and "最多 200 个字" in too_long.text
    assert _tickets(api) == []


def test_one_address_posting_too_often_is_turned_away_and_nothing_is_stored(api: Api) -> None:
    from kefu.web.ratelimit import RATES

    allowed = RATES["webform"].amount
    with httpx.Client(base_url=api.base_url) as browser:
        answers = [
            browser.post("/support/new", data={**FORM, "subject": f"第{i}次"})
            for i in range(allowed + 1)
        ]
    assert [a.status_code for a in answers[:allowed]] == [201] * allowed
    refused = answers[-1]
    assert refused.status_code == 429
    assert "操作过于频繁,请 10 分钟后再试" in refused.text
    assert f'value="第{allowed}次"' in refused.text, "what was typed is kept"
    assert len(_tickets(api)) == allowed


@pytest.mark.e2e
def test_a_customer_fills_the_form_in_a_browser(api: Api, request: pytest.FixtureRequest) -> None:
    with chinese_page(request) as (page, artifacts):
        page.goto(api.base_url + "/support/new")
        page.get_by_label("您的称呼").fill("吴先生")
        page.get_by_label("手机号").fill("139 1234 5678")
        page.get_by_role("button", name="提交").click()
        assert page.locator("#subject-error").inner_text() == "必填"
        page.get_by_label("主题").fill("鞋码偏小")
        page.get_by_label("问题描述").fill("平时穿 42,这双 42 挤脚,想换 43。")
        page.get_by_role("button", name="提交").click()
        number = page.locator("#ticket-number").inner_text()
        page.screenshot(path=str(artifacts / "support_done.png"), full_page=True)
    [ticket] = _tickets(api)
    assert ticket["number"] == number and ticket["channel"] == "web_form"


@pytest.mark.e2e
def test_a_customer_switches_the_form_to_traditional_chinese(
    api: Api, request: pytest.FixtureRequest
) -> None:
    with chinese_page(request) as (page, artifacts):
        page.goto(api.base_url + "/support/new")
        page.get_by_role("link", name="繁體中文").click()
        page.get_by_role("heading", name="聯絡客服").wait_for()
        assert page.locator("html").get_attribute("lang") == "zh-TW"
        page.get_by_label("手機號").fill("139 1234 5678")
        page.get_by_role("button", name="送出").click()
        assert page.locator("#subject-error").inner_text() == "必填"
        assert "請檢查標紅的內容後再提交" in page.locator("body").inner_text()
        page.screenshot(path=str(artifacts / "support_new_zh_tw.png"), full_page=True)
        page.get_by_label("主旨").fill("鞋碼偏小")
        page.get_by_label("問題描述").fill("平時穿 42,這雙 42 擠腳,想換 43。")
        page.get_by_role("button", name="送出").click()
        assert "已收到您的問題" in page.locator("h1").inner_text()
        number = page.locator("#ticket-number").inner_text()
    [ticket] = _tickets(api)
    assert ticket["number"] == number and ticket["subject"] == "鞋碼偏小"
