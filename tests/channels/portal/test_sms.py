"""Signing in to the portal by SMS, end to end: the page queues the text, the worker's sweep sends
it to the (local stand-in) gateway with retries, the customer types the code and is signed in."""

from __future__ import annotations

import re
from datetime import timedelta

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from kefu.channels.portal import rules
from kefu.channels.portal.models import OutboundSms, PortalCode
from kefu.channels.portal.sms import send_due
from kefu.core import clock
from kefu.jobs import sweeps
from tests.channels.portal.fake_sms import FakeSms
from tests.channels.portal.helpers import texted_code, ticket_for
from tests.conftest import Api, Env, _free_port
from tests.e2e.browser import chinese_page

PHONE = "+8613912345678"
TYPED = "139 1234 5678"


def _csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _customer_with_phone(api: Api) -> str:
    with api.env.db.transaction() as session:
        return ticket_for(session, "zhou@example.cn", "衣服洗了缩水", phone=PHONE).number


def _ask(browser: httpx.Client, typed: str = TYPED, **headers: str) -> httpx.Response:
    token = _csrf(browser.get("/support/login", headers=headers))
    return browser.post("/support/login", data={"address": typed, "csrf": token}, headers=headers)


def _queued(env: Env) -> list[OutboundSms]:
    with env.db.reading() as session:
        return list(session.scalars(select(OutboundSms).order_by(OutboundSms.id)))


class _Clock:
    """The shared clock (the server runs in this process), moved by hand."""

    def __init__(self) -> None:
        self.at = clock.now()
        clock.set_clock(lambda: self.at)

    def advance(self, seconds: float) -> None:
        self.at += timedelta(seconds=seconds)


def test_the_sms_sender_is_one_of_the_workers_sweeps() -> None:
    assert send_due in sweeps()


def test_a_customer_signs_in_with_a_texted_code(api: Api, fake_sms: FakeSms) -> None:
    mine = _customer_with_phone(api)
    api.env.settings.shop_name = "小熊童装"
    with httpx.Client(base_url=api.base_url) as browser:
        asked = _ask(browser)
        assert asked.status_code == 200, asked.text
        assert PHONE in asked.text and "短信验证码已发送" in asked.text
        assert fake_sms.received == [], "nothing is sent inside the request"
        assert send_due(api.env.db, api.env.settings) == 1
        [body] = fake_sms.received
        assert body["phone"] == PHONE and body["sign"] == "小熊童装"
        code = texted_code(body["text"])
        assert "登录验证码" in body["text"]
        signed_in = browser.post(
            "/support/login/verify", data={"address": PHONE, "code": code, "csrf": _csrf(asked)}
        )
        assert signed_in.status_code == 303, signed_in.text
        assert mine in browser.get("/support/tickets").text
    [sms] = _queued(api.env)
    assert sms.state == "sent" and sms.attempts == 1 and sms.sent_at is not None
    assert send_due(api.env.db, api.env.settings) == 0, "a sent message is not sent again"


def test_a_gateway_that_is_down_is_tried_again_later(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    time = _Clock()
    down = (503, {"code": "UNAVAILABLE", "message": "gateway maintenance"})
    fake_sms.fail_next(down, (200, {"code": "isv.BUSINESS_LIMIT_CONTROL", "message": "busy"}))
    with httpx.Client(base_url=api.base_url) as browser:
        assert _ask(browser).status_code == 200
    assert send_due(api.env.db, api.env.settings) == 1
    [sms] = _queued(api.env)
    assert sms.state == "queued" and sms.attempts == 1 and "UNAVAILABLE" in (sms.last_error or "")
    assert send_due(api.env.db, api.env.settings) == 0, "not before its time"
    time.advance(rules.SMS_RETRY_DELAYS[0])
    assert send_due(api.env.db, api.env.settings) == 1
    [sms] = _queued(api.env)
    assert sms.attempts == 2 and "BUSINESS_LIMIT_CONTROL" in (sms.last_error or "")
    time.advance(rules.SMS_RETRY_DELAYS[1])
    assert send_due(api.env.db, api.env.settings) == 1
    [sms] = _queued(api.env)
    assert sms.state == "sent" and sms.attempts == 3
    assert fake_sms.calls == 3 and len(fake_sms.texts_to(PHONE)) == 1


def test_an_unreachable_gateway_is_tried_again_later(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    time = _Clock()
    reachable = api.env.settings.sms_url
    api.env.settings.sms_url = f"http://127.0.0.1:{_free_port()}/send"  # nobody listens
    with httpx.Client(base_url=api.base_url) as browser:
        assert _ask(browser).status_code == 200
    assert send_due(api.env.db, api.env.settings) == 1
    [sms] = _queued(api.env)
    assert sms.state == "queued" and "ConnectError" in (sms.last_error or "")
    api.env.settings.sms_url = reachable
    time.advance(rules.SMS_RETRY_DELAYS[0])
    assert send_due(api.env.db, api.env.settings) == 1
    assert _queued(api.env)[0].state == "sent" and len(fake_sms.texts_to(PHONE)) == 1


def test_a_message_the_gateway_never_takes_fails_after_the_last_try(
    api: Api, fake_sms: FakeSms
) -> None:
    _customer_with_phone(api)
    time = _Clock()
    api.env.settings.sms_key = SecretStr("a-wrong-key")
    with httpx.Client(base_url=api.base_url) as browser:
        assert _ask(browser).status_code == 200
    for delay in (0, *rules.SMS_RETRY_DELAYS):
        time.advance(delay)
        assert send_due(api.env.db, api.env.settings) == 1
    [sms] = _queued(api.env)
    assert sms.state == "failed" and sms.attempts == len(rules.SMS_RETRY_DELAYS) + 1
    assert "UNAUTHORIZED" in (sms.last_error or "")
    time.advance(3600)
    assert send_due(api.env.db, api.env.settings) == 0
    assert fake_sms.received == []


def test_an_unknown_number_gets_the_same_page_and_no_sms(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    with httpx.Client(base_url=api.base_url) as browser:
        known = _ask(browser)
        unknown = _ask(browser, "138 0013 8000")
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace(PHONE, "") == unknown.text.replace("+8613800138000", "")
    send_due(api.env.db, api.env.settings)
    assert [body["phone"] for body in fake_sms.received] == [PHONE]
    assert fake_sms.texts_to("+8613800138000") == []


def test_a_number_gets_at_most_a_few_codes_in_the_window(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    with httpx.Client(base_url=api.base_url) as browser:
        answers = [_ask(browser) for _ in range(rules.RATE_MAX + 1)]
    assert {a.status_code for a in answers} == {200}, "the page never tells"
    send_due(api.env.db, api.env.settings)
    assert len(fake_sms.texts_to(PHONE)) == rules.RATE_MAX
    with api.env.db.reading() as session:
        codes = list(session.scalars(select(PortalCode)))
    assert len(codes) == rules.RATE_MAX
    assert all(c.phone == PHONE and c.email is None for c in codes)


def test_a_wrong_texted_code_does_not_sign_in(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    with httpx.Client(base_url=api.base_url) as browser:
        asked = _ask(browser)
        send_due(api.env.db, api.env.settings)
        code = texted_code(fake_sms.texts_to(PHONE)[0])
        wrong = "000000" if code != "000000" else "111111"
        refused = browser.post(
            "/support/login/verify", data={"address": PHONE, "code": wrong, "csrf": _csrf(asked)}
        )
    assert refused.status_code == 422 and "验证码不正确或已过期" in refused.text
    assert "kefu_portal=" not in refused.headers.get("set-cookie", "")


def test_a_landline_or_a_bad_number_is_named_on_the_form(api: Api, fake_sms: FakeSms) -> None:
    with httpx.Client(base_url=api.base_url) as browser:
        landline = _ask(browser, "010-6552 9988")
        garbled = _ask(browser, "12")
        english = _ask(browser, "010-6552 9988", **{"Accept-Language": "en"})
    assert landline.status_code == 422 and "座机收不到短信验证码" in landline.text
    assert garbled.status_code == 422 and "电话号码格式不正确" in garbled.text
    assert english.status_code == 422 and "a landline cannot receive the text" in english.text
    assert _queued(api.env) == []


def test_without_a_gateway_sms_sign_in_is_offered_as_unavailable(api: Api) -> None:
    _customer_with_phone(api)
    assert not api.env.settings.sms_url
    with httpx.Client(base_url=api.base_url) as browser:
        page = browser.get("/support/login")
        asked = _ask(browser)
    assert 'id="sms-off"' in page.text and "短信验证码尚未开通" in page.text
    assert asked.status_code == 422 and "暂不支持手机号登录" in asked.text
    assert _queued(api.env) == []
    assert send_due(api.env.db, api.env.settings) == 0


def test_the_text_is_written_in_the_language_of_the_page(api: Api, fake_sms: FakeSms) -> None:
    _customer_with_phone(api)
    with httpx.Client(base_url=api.base_url) as browser:
        browser.get("/support/login?lang=zh-TW")
        asked = _ask(browser)
        assert "簡訊驗證碼已寄出" in asked.text
    send_due(api.env.db, api.env.settings)
    [text] = fake_sms.texts_to(PHONE)
    assert "登入驗證碼" in text


@pytest.mark.e2e
def test_a_customer_signs_in_by_sms_in_a_browser(
    api: Api, fake_sms: FakeSms, request: pytest.FixtureRequest
) -> None:
    mine = _customer_with_phone(api)
    with chinese_page(request) as (page, artifacts):
        page.goto(api.base_url + "/support/login")
        page.get_by_label("邮箱或手机号").fill(TYPED)
        page.get_by_role("button", name="获取验证码").click()
        page.locator("#sent-notice").wait_for()
        assert "短信验证码已发送" in page.locator("#sent-notice").inner_text()
        assert send_due(api.env.db, api.env.settings) == 1
        page.get_by_label("验证码").fill(texted_code(fake_sms.texts_to(PHONE)[0]))
        page.screenshot(path=str(artifacts / "portal_sms_code.png"), full_page=True)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name=mine).wait_for()
        page.get_by_role("link", name="English").click()
        page.get_by_role("heading", name="My requests").wait_for()
        assert page.locator("html").get_attribute("lang") == "en"
        page.screenshot(path=str(artifacts / "portal_tickets_en.png"), full_page=True)
