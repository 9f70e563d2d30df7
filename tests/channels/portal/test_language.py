"""The public pages (web form and portal) in the customer's language: zh-CN by default, zh-TW
and en by the page's switch (remembered) or the browser's Accept-Language; errors, dates and
the sign-in mail follow it."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import httpx
import pytest
from sqlalchemy import select

from kefu.channels.email.models import OutboundMail
from kefu.core import clock
from tests.channels.portal.helpers import mailed_code, ticket_for
from tests.conftest import Api

EMAIL = "zhou@example.cn"
CJK = re.compile(r"[\u3400-\u9fff\uff00-\uffef]")
NAV = re.compile(r'<nav class="languages".*?</nav>', re.S)

# A key string of each page, per language.
WORDS = {
    "zh-CN": {
        "new": "联系客服",
        "done": "已收到您的问题",
        "login": "登录客服中心",
        "verify": "输入验证码",
        "tickets": "更新时间",
        "ticket": "发送回复",
        "missing": "工单不存在",
        "required": "必填",
        "contact": "请至少填写邮箱或手机号",
        "bad_code": "验证码不正确或已过期",
        "busy": "操作过于频繁",
        "when": "2026年11月23日 14:05",
        "mail": "您的登录验证码",
    },
    "zh-TW": {
        "new": "聯絡客服",
        "done": "已收到您的問題",
        "login": "登入客服中心",
        "verify": "輸入驗證碼",
        "tickets": "更新時間",
        "ticket": "送出回覆",
        "missing": "工單不存在",
        "required": "必填",
        "contact": "請至少填寫郵箱或手機號",
        "bad_code": "驗證碼不正確或已過期",
        "busy": "操作過於頻繁",
        "when": "2026年11月23日 14:05",
        "mail": "您的登入驗證碼",
    },
    "en": {
        "new": "Contact us",
        "done": "We have your request",
        "login": "Sign in to the help centre",
        "verify": "Enter your code",
        "tickets": "Updated",
        "ticket": "Send reply",
        "missing": "Ticket not found",
        "required": "required",
        "contact": "Give an email or a phone number",
        "bad_code": "The code is wrong or has expired",
        "busy": "Too many attempts",
        "when": "23 Nov 2026 14:05",
        "mail": "Your sign-in code",
    },
}
LOCALES = list(WORDS)


def _csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _html_lang(page: httpx.Response) -> str:
    found = re.search(r'<html lang="([^"]+)">', page.text)
    assert found, page.text
    return found.group(1)


def _sign_in(api: Api, browser: httpx.Client) -> None:
    asked = browser.post(
        "/support/login", data={"address": EMAIL, "csrf": _csrf(browser.get("/support/login"))}
    )
    with api.env.db.reading() as session:
        code = mailed_code(session, EMAIL)
    done = browser.post(
        "/support/login/verify", data={"address": EMAIL, "code": code, "csrf": _csrf(asked)}
    )
    assert done.status_code == 303, done.text


@pytest.mark.parametrize("locale", LOCALES)
def test_the_web_form_speaks_the_chosen_language(api: Api, locale: str) -> None:
    words = WORDS[locale]
    with httpx.Client(base_url=api.base_url) as browser:
        page = browser.get(f"/support/new?lang={locale}")
        empty = browser.post("/support/new", data={"name": "周女士"})
        done = browser.post(
            "/support/new",
            data={"email": EMAIL, "subject": "衣服洗了缩水", "description": "缩了一个码"},
        )
    assert page.status_code == 200 and words["new"] in page.text
    assert _html_lang(page) == _html_lang(empty) == _html_lang(done) == locale
    assert empty.status_code == 422
    assert words["required"] in empty.text and words["contact"] in empty.text
    assert done.status_code == 201 and words["done"] in done.text
    assert 'id="ticket-number"' in done.text


@pytest.mark.parametrize("locale", LOCALES)
def test_the_portal_speaks_the_chosen_language(api: Api, locale: str) -> None:
    words = WORDS[locale]
    at = datetime(2026, 11, 23, 6, 5, tzinfo=UTC)  # 14:05 in Shanghai
    clock.set_clock(lambda: at)
    with api.env.db.transaction() as session:
        number = ticket_for(session, EMAIL, "衣服洗了缩水").number
    with httpx.Client(base_url=api.base_url) as browser:
        login = browser.get(f"/support/login?lang={locale}")
        asked = browser.post("/support/login", data={"address": EMAIL, "csrf": _csrf(login)})
        wrong = browser.post(
            "/support/login/verify", data={"address": EMAIL, "code": "x", "csrf": _csrf(asked)}
        )
        _sign_in(api, browser)
        listing = browser.get("/support/tickets")
        ticket = browser.get(f"/support/tickets/{number}")
        missing = browser.get("/support/tickets/20991231-9999")
    pages = (login, asked, wrong, listing, ticket, missing)
    assert {_html_lang(p) for p in pages} == {locale}
    assert words["login"] in login.text and words["verify"] in asked.text
    assert wrong.status_code == 422 and words["bad_code"] in wrong.text
    assert words["tickets"] in listing.text and words["when"] in listing.text
    assert words["ticket"] in ticket.text and words["when"] in ticket.text
    assert missing.status_code == 404 and words["missing"] in missing.text
    with api.env.db.reading() as session:
        mails = list(session.scalars(select(OutboundMail).order_by(OutboundMail.id)))
    assert mails and all(words["mail"] in m.subject for m in mails), "mail in the page's language"


@pytest.mark.parametrize("path", ["/support/new", "/support/login"])
def test_an_english_page_has_no_chinese_left_but_the_language_names(api: Api, path: str) -> None:
    with httpx.Client(base_url=api.base_url) as browser:
        page = browser.get(path, headers={"Accept-Language": "en-GB,en;q=0.9"})
    assert _html_lang(page) == "en"
    assert "简体中文" in page.text and "繁體中文" in page.text, "the switch names each language"
    assert CJK.findall(NAV.sub("", page.text)) == []


def test_the_browser_language_counts_until_the_switch_is_used(api: Api) -> None:
    with httpx.Client(base_url=api.base_url, headers={"Accept-Language": "zh-HK"}) as browser:
        first = browser.get("/support/login")
        switched = browser.get("/support/login?lang=en")
        later = browser.get("/support/new")
        bogus = browser.get("/support/new?lang=fr")
    assert _html_lang(first) == "zh-TW" and "kefu_lang" not in first.headers.get("set-cookie", "")
    assert _html_lang(switched) == "en" and "kefu_lang=en" in switched.headers["set-cookie"]
    assert _html_lang(later) == "en", "remembered in the cookie"
    assert _html_lang(bogus) == "en", "an unknown language changes nothing"
    with httpx.Client(base_url=api.base_url) as stranger:
        assert _html_lang(stranger.get("/support/new")) == "zh-CN", "zh-CN by default"


def test_the_switch_keeps_the_page_and_its_query(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as browser:
        link = browser.get("/support/login/link?email=zhou%40example.cn&code=123456")
        posted = browser.post("/support/new", data={"name": "x"})
    assert (
        'href="/support/login/link?email=zhou%40example.cn&amp;code=123456&amp;lang=en"'
        in link.text
    )
    assert 'href="/support/new?lang=zh-TW"' in posted.text, "after a POST: the form again"


def test_errors_follow_the_language_too(api: Api) -> None:
    from kefu.web.ratelimit import RATES

    with httpx.Client(base_url=api.base_url, headers={"Accept-Language": "en"}) as browser:
        answers = [
            browser.post("/support/new", data={"email": EMAIL, "subject": "s", "description": "d"})
            for _ in range(RATES["webform"].amount + 1)
        ]
        browser.get("/support/login?lang=zh-TW")
        bad_email = browser.post(
            "/support/login",
            data={"address": "zhou@", "csrf": _csrf(browser.get("/support/login"))},
        )
    assert answers[-1].status_code == 429 and WORDS["en"]["busy"] in answers[-1].text
    assert bad_email.status_code == 422 and "郵箱格式不正確" in bad_email.text
