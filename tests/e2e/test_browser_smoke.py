"""A real browser (Debian's chromium, driven by Playwright) opens the running server's home page."""

from __future__ import annotations

import pytest

from tests.conftest import Api
from tests.e2e.browser import chinese_page


@pytest.mark.e2e
def test_home_page_shows_the_chinese_heading(api: Api, request: pytest.FixtureRequest) -> None:
    with chinese_page(request) as (page, artifacts):
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        response = page.goto(api.base_url + "/")
        assert response is not None and response.status == 200
        assert "kefu" in page.title()
        heading = page.locator("h1")
        assert heading.inner_text() == "kefu 客服"
        assert page.locator("html").get_attribute("lang") == "zh-CN"
        assert page.get_by_role("link", name="健康检查").get_attribute("href") == "/healthz"
        page.screenshot(path=str(artifacts / "home.png"), full_page=True)
        assert errors == []
    assert (artifacts / "home.png").stat().st_size > 1000
