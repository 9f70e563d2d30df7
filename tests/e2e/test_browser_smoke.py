"""A real browser (Debian's chromium, driven by Playwright) opens the running server's home page."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.conftest import Api

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


@pytest.mark.e2e
def test_home_page_shows_the_chinese_heading(api: Api, request: pytest.FixtureRequest) -> None:
    # A missing browser must fail loudly (``make test`` installs it), never skip.
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: apt-get install -y chromium"
    artifacts = Path(request.config.rootpath) / "test-artifacts"
    artifacts.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(locale="zh-CN")
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
        finally:
            browser.close()
    assert (artifacts / "home.png").stat().st_size > 1000
