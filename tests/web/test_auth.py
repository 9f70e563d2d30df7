"""Logging in to the pages over HTTP: a session cookie, CSRF refused, lockout."""

from __future__ import annotations

import re

import httpx

from kefu.users import service as users
from kefu.users.rules import Role
from tests.conftest import Api


def _browser(api: Api) -> httpx.Client:
    return httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _login(client: httpx.Client, username: str, password: str) -> httpx.Response:
    token = _csrf(client.get("/login").text)
    form = {"username": username, "password": password, "csrf_token": token}
    return client.post("/login", data=form)


def test_login_sets_an_httponly_cookie_and_opens_the_workspace(api: Api) -> None:
    with _browser(api) as client:
        assert client.get("/workspace").headers["location"].startswith("/login")
        response = _login(client, "agent", "pw-agent")
        assert response.status_code == 303
        assert response.headers["location"] == "/workspace"
        cookie = next(h for h in response.headers.get_list("set-cookie") if "kefu_session" in h)
        assert "HttpOnly" in cookie and "SameSite=lax" in cookie
        page = client.get("/workspace")
        assert page.status_code == 200
        assert "我的工单" in page.text and "待分配" in page.text
        # the cookie authenticates the JSON API for reads
        assert client.get("/api/v1/tickets").status_code == 200


def test_wrong_password_is_refused_in_chinese(api: Api) -> None:
    with _browser(api) as client:
        response = _login(client, "agent", "wrong")
        assert response.status_code == 401
        assert "用户名或密码错误" in response.text
        assert "kefu_session" not in response.headers.get("set-cookie", "")


def test_five_failures_lock_the_username(api: Api) -> None:
    with api.env.db.transaction() as session:
        users.create_user(session, username="locked-out", role=Role.AGENT, password="right-pw")
    with _browser(api) as client:
        for _ in range(5):
            assert _login(client, "locked-out", "nope").status_code == 401
        response = _login(client, "locked-out", "right-pw")
        assert response.status_code == 429
        assert "已锁定" in response.text and "15 分钟" in response.text


def test_login_without_the_csrf_token_is_refused(api: Api) -> None:
    with _browser(api) as client:
        client.get("/login")
        form = {"username": "agent", "password": "pw-agent", "csrf_token": "forged"}
        response = client.post("/login", data=form)
        assert response.status_code == 403
        assert "kefu_session" not in response.headers.get("set-cookie", "")


def test_cookie_writes_need_the_csrf_header(api: Api) -> None:
    with _browser(api) as client:
        assert _login(client, "agent", "pw-agent").status_code == 303
        body = {"presence": "online"}
        refused = client.put("/api/v1/routing/presence/me", json=body)
        assert refused.status_code == 403
        assert refused.json()["error"]["code"] == "auth.csrf_invalid"
        wrong = client.put("/api/v1/routing/presence/me", json=body, headers={"X-CSRF-Token": "x"})
        assert wrong.status_code == 403
        token = _csrf(client.get("/workspace").text)
        ok = client.put("/api/v1/routing/presence/me", json=body, headers={"X-CSRF-Token": token})
        assert ok.status_code == 200 and ok.json()["presence"] == "online"


def test_logout_needs_the_token_and_ends_the_session(api: Api) -> None:
    with _browser(api) as client:
        _login(client, "agent", "pw-agent")
        token = _csrf(client.get("/workspace").text)
        assert client.post("/logout", data={"csrf_token": "forged"}).status_code == 403
        response = client.post("/logout", data={"csrf_token": token})
        assert response.status_code == 303
        assert client.get("/workspace").status_code == 303


def test_a_forged_cookie_is_not_a_session(api: Api) -> None:
    with _browser(api) as client:
        client.cookies.set("kefu_session", "1.9999999999.nonce.deadbeef")
        assert client.get("/workspace").status_code == 303
        assert client.get("/api/v1/tickets").status_code == 401
