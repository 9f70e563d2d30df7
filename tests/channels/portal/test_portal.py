"""The portal over HTTP as a browser uses it (the code read from the outgoing mail queue), and
in a real browser."""

from __future__ import annotations

import re

import httpx
import pytest
from sqlalchemy import select

from kefu.channels.email.models import OutboundMail
from kefu.tickets.models import Message
from tests.channels.portal.helpers import mailed_code, ticket_for
from tests.conftest import Api
from tests.e2e.browser import chinese_page

EMAIL = "zhou@example.cn"


def _csrf(page: httpx.Response) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', page.text)
    assert found, page.text
    return found.group(1)


def _tickets(api: Api) -> tuple[str, str]:
    """Mine and someone else's ticket numbers."""
    with api.env.db.transaction() as session:
        mine = ticket_for(session, EMAIL, "衣服洗了缩水").number
        theirs = ticket_for(session, "wu@example.cn", "别人的工单", name="吴先生").number
    return mine, theirs


def _sign_in(api: Api, browser: httpx.Client, email: str = EMAIL) -> httpx.Response:
    token = _csrf(browser.get("/support/login"))
    asked = browser.post("/support/login", data={"email": email, "csrf": token})
    assert asked.status_code == 200, asked.text
    with api.env.db.reading() as session:
        code = mailed_code(session, email)
    return browser.post(
        "/support/login/verify", data={"email": email, "code": code, "csrf": _csrf(asked)}
    )


def test_a_customer_signs_in_with_a_mailed_code_reads_and_replies(api: Api) -> None:
    mine, theirs = _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        assert browser.get("/support/tickets").headers["location"] == "/support/login"
        signed_in = _sign_in(api, browser)
        assert signed_in.status_code == 303, signed_in.text
        assert signed_in.headers["location"] == "/support/tickets"
        cookie = signed_in.headers["set-cookie"]
        assert "kefu_portal=" in cookie and "HttpOnly" in cookie
        listing = browser.get("/support/tickets")
        assert listing.status_code == 200
        assert mine in listing.text and "衣服洗了缩水" in listing.text and "新建" in listing.text
        assert theirs not in listing.text
        page = browser.get(f"/support/tickets/{mine}")
        assert "亲,麻烦发一张洗标的照片哦" in page.text
        assert "内部备注" not in page.text
        replied = browser.post(
            f"/support/tickets/{mine}/reply", data={"body": "照片晚点发您", "csrf": _csrf(page)}
        )
        assert replied.status_code == 303
        assert "照片晚点发您" in browser.get(f"/support/tickets/{mine}").text
    with api.client() as http:
        [ticket] = [t for t in http.get("/api/v1/tickets").json()["items"] if t["number"] == mine]
        messages = http.get(f"/api/v1/tickets/{ticket['id']}/messages").json()["items"]
    assert messages[-1]["body"] == "照片晚点发您" and messages[-1]["author_kind"] == "customer"


def test_someone_elses_ticket_is_not_found(api: Api) -> None:
    mine, theirs = _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        _sign_in(api, browser)
        page = browser.get(f"/support/tickets/{mine}")
        assert browser.get(f"/support/tickets/{theirs}").status_code == 404
        assert browser.get("/support/tickets/20991231-9999").status_code == 404
        reply = browser.post(
            f"/support/tickets/{theirs}/reply", data={"body": "我来插一句", "csrf": _csrf(page)}
        )
        assert reply.status_code == 404 and "别人的工单" not in reply.text


def test_an_unknown_address_gets_the_same_answer_and_no_mail(api: Api) -> None:
    _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        token = _csrf(browser.get("/support/login"))
        known = browser.post("/support/login", data={"email": EMAIL, "csrf": token})
        unknown = browser.post("/support/login", data={"email": "nobody@example.cn", "csrf": token})
        phone = browser.post("/support/login", data={"email": "13912345678", "csrf": token})
        wrong = browser.post(
            "/support/login/verify",
            data={"email": EMAIL, "code": "000000", "csrf": _csrf(known)},
        )
    assert known.status_code == unknown.status_code == 200
    assert known.text.replace(EMAIL, "") == unknown.text.replace("nobody@example.cn", "")
    assert phone.status_code == 422 and "暂不支持手机号登录" in phone.text
    assert wrong.status_code == 422 and "验证码不正确或已过期" in wrong.text
    assert "kefu_portal=" not in wrong.headers.get("set-cookie", "")
    with api.env.db.reading() as session:
        sent = [row.to_addrs for row in session.scalars(select(OutboundMail))]
    assert sent == [[EMAIL]]


def test_the_link_in_the_mail_fills_the_form_and_one_click_signs_in(api: Api) -> None:
    mine, _ = _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        token = _csrf(browser.get("/support/login"))
        assert browser.post("/support/login", data={"email": EMAIL, "csrf": token}).is_success
        with api.env.db.reading() as session:
            mail = session.scalars(select(OutboundMail).order_by(OutboundMail.id.desc())).first()
            assert mail is not None
            code = mailed_code(session, EMAIL)
        found = re.search(r"(http://\S+/support/login/link\?\S+)", mail.body_text)
        assert found, mail.body_text
        link = found.group(1)
        assert link.startswith(api.env.settings.site_url)
        page = browser.get(link.replace(api.env.settings.site_url, ""))
        again = browser.get(link.replace(api.env.settings.site_url, ""))  # a scanner's fetch
        assert page.status_code == again.status_code == 200
        assert f'value="{code}"' in page.text
        signed_in = browser.post(
            "/support/login/verify", data={"email": EMAIL, "code": code, "csrf": _csrf(page)}
        )
        assert signed_in.status_code == 303
        assert mine in browser.get("/support/tickets").text


def test_guessing_codes_from_one_address_is_stopped(api: Api) -> None:
    from kefu.web.ratelimit import RATES

    _tickets(api)
    tries = RATES["portal_verify"].amount
    with httpx.Client(base_url=api.base_url) as browser:
        token = _csrf(browser.get("/support/login"))
        asked = browser.post("/support/login", data={"email": EMAIL, "csrf": token})
        guesses = [
            browser.post(
                "/support/login/verify",
                data={"email": EMAIL, "code": f"{n:06d}", "csrf": _csrf(asked)},
            )
            for n in range(tries + 1)
        ]
        with api.env.db.reading() as session:
            code = mailed_code(session, EMAIL)
        right_but_late = browser.post(
            "/support/login/verify", data={"email": EMAIL, "code": code, "csrf": _csrf(asked)}
        )
    assert {g.status_code for g in guesses[:tries]} == {422}
    assert guesses[-1].status_code == 429 and "操作过于频繁" in guesses[-1].text
    assert right_but_late.status_code == 429  # even the right code waits out the window
    assert "kefu_portal=" not in right_but_late.headers.get("set-cookie", "")


def test_asking_for_codes_too_often_is_stopped(api: Api) -> None:
    from kefu.web.ratelimit import RATES

    _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        token = _csrf(browser.get("/support/login"))
        answers = [
            browser.post("/support/login", data={"email": f"n{i}@example.cn", "csrf": token})
            for i in range(RATES["portal_code"].amount + 1)
        ]
    assert answers[-1].status_code == 429 and "操作过于频繁" in answers[-1].text
    assert {a.status_code for a in answers[:-1]} == {200}


def test_a_post_without_the_csrf_token_is_refused(api: Api) -> None:
    mine, _ = _tickets(api)
    with httpx.Client(base_url=api.base_url) as browser:
        browser.get("/support/login")
        no_token = browser.post("/support/login", data={"email": EMAIL})
        forged = browser.post("/support/login", data={"email": EMAIL, "csrf": "forged"})
        _sign_in(api, browser)
        reply = browser.post(f"/support/tickets/{mine}/reply", data={"body": "伪造的回复"})
        assert "伪造的回复" not in browser.get(f"/support/tickets/{mine}").text
    with httpx.Client(base_url=api.base_url) as stranger:  # no CSRF cookie at all
        cookieless = stranger.post("/support/login", data={"email": EMAIL, "csrf": "x"})
    assert no_token.status_code == forged.status_code == reply.status_code == 403
    assert cookieless.status_code == 403 and "页面已过期" in cookieless.text
    with api.env.db.reading() as session:
        assert len(list(session.scalars(select(OutboundMail)))) == 1, "only the real sign-in"


@pytest.mark.e2e
def test_a_customer_signs_in_and_replies_in_a_browser(
    api: Api, request: pytest.FixtureRequest
) -> None:
    mine, _ = _tickets(api)
    with chinese_page(request) as (page, artifacts):
        page.goto(api.base_url + "/support/tickets")
        page.get_by_label("邮箱").fill(EMAIL)
        page.get_by_role("button", name="获取验证码").click()
        page.locator("#sent-notice").wait_for()
        with api.env.db.reading() as session:
            code = mailed_code(session, EMAIL)
        page.get_by_label("验证码").fill(code)
        page.get_by_role("button", name="登录").click()
        page.get_by_role("link", name=mine).click()
        assert "亲,麻烦发一张洗标的照片哦" in page.locator("#messages").inner_text()
        page.get_by_label("回复").fill("洗标照片已经拍好了")
        page.get_by_role("button", name="发送回复").click()
        page.get_by_text("洗标照片已经拍好了").wait_for()
        page.screenshot(path=str(artifacts / "portal_ticket.png"), full_page=True)
    with api.env.db.reading() as session:
        last = session.scalars(select(Message).order_by(Message.id.desc())).first()
    assert last is not None and last.body_text == "洗标照片已经拍好了"
    assert last.author_kind == "customer" and last.public
