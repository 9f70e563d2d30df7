"""Users and roles over HTTP on both databases: each form's success is visible through the
REST API, each refused form shows its problem beside the field and saves nothing."""

from __future__ import annotations

import re

import httpx

from tests.conftest import Api
from tests.web.test_admin_access import error_near, post_form, signed_in

PAGE = "/admin/users"


def _active_users(api: Api) -> dict[str, dict[str, object]]:
    with api.client("admin") as http:
        return {u["username"]: u for u in http.get("/api/v1/users").json()}


def _create(client: httpx.Client, **fields: str) -> httpx.Response:
    form = {"username": "lixia", "display_name": "李霞", "work_number": "8", "role": "agent"}
    return post_form(client, PAGE, PAGE, {**form, "password": "s3cret-pass", **fields})


def test_an_admin_creates_an_account_seen_by_the_api(api: Api) -> None:
    with signed_in(api, "admin") as client:
        response = _create(client)
        assert response.status_code == 303
        assert response.headers["location"] == "/admin/users?done=user_created"
        assert "账号已创建" in client.get(response.headers["location"]).text
    created = _active_users(api)["lixia"]
    assert created["role"] == "agent" and created["signature"] == "客服8号"


def test_a_duplicate_username_and_a_short_password_are_shown_beside_their_fields(api: Api) -> None:
    with signed_in(api, "admin") as client:
        response = _create(client, username="agent", password="xq7zv", work_number="1")
    assert response.status_code == 422
    assert error_near(response.text, "create-user", "username") == "用户名已存在"
    assert error_near(response.text, "create-user", "password") == "密码至少 8 位"
    assert error_near(response.text, "create-user", "work_number") == "该工号已被占用"
    assert 'value="李霞"' in response.text  # what was typed comes back (but no password)
    assert "xq7zv" not in response.text
    assert len(_active_users(api)) == 3


def test_errors_speak_the_readers_language(api: Api) -> None:
    with signed_in(api, "admin") as client:
        client.cookies.set("kefu_lang", "en")
        response = _create(client, username="x")
    assert response.status_code == 422
    assert error_near(response.text, "create-user", "username").startswith("2–64 letters")


def _user_id(api: Api, role: str) -> int:
    return api.user_ids[role]


def test_a_role_change_shows_in_the_api_and_an_admin_cannot_demote_themself(api: Api) -> None:
    agent = _user_id(api, "agent")
    me = _user_id(api, "admin")
    with signed_in(api, "admin") as client:
        changed = post_form(client, PAGE, f"{PAGE}/{agent}/role", {"role": "supervisor"})
        assert changed.status_code == 303
        refused = post_form(client, PAGE, f"{PAGE}/{me}/role", {"role": "agent"})
        assert refused.status_code == 422
        assert "不能降低自己的角色" in error_near(refused.text, f"role-{me}", "role")
        bad = post_form(client, PAGE, f"{PAGE}/{agent}/role", {"role": "root"})
        assert bad.status_code == 422
    users = _active_users(api)
    assert users["agent"]["role"] == "supervisor"
    assert users["admin"]["role"] == "admin"


def test_a_deactivated_account_loses_its_token_and_can_come_back(api: Api) -> None:
    agent = _user_id(api, "agent")
    with signed_in(api, "admin") as client:
        assert post_form(client, PAGE, f"{PAGE}/{agent}/active", {"active": "0"}).status_code == 303
        with api.client("agent") as http:
            assert http.get("/api/v1/me").status_code == 401
        assert "agent" not in _active_users(api)
        mine = post_form(client, PAGE, f"{PAGE}/{_user_id(api, 'admin')}/active", {"active": "0"})
        assert mine.status_code == 422 and "不能停用自己的账号" in mine.text
        assert post_form(client, PAGE, f"{PAGE}/{agent}/active", {"active": "1"}).status_code == 303
    with api.client("agent") as http:
        assert http.get("/api/v1/me").status_code == 200


def test_a_reset_password_replaces_the_old_one(api: Api) -> None:
    agent = _user_id(api, "agent")
    with signed_in(api, "admin") as client:
        short = post_form(client, PAGE, f"{PAGE}/{agent}/password", {"password": "abc"})
        assert short.status_code == 422
        assert error_near(short.text, f"password-{agent}", "password") == "密码至少 8 位"
        done = post_form(client, PAGE, f"{PAGE}/{agent}/password", {"password": "new-pass-123"})
        assert done.status_code == 303
    with httpx.Client(base_url=api.base_url, timeout=30) as browser:
        login = browser.get("/login").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', login)
        assert token
        form = {"username": "agent", "password": "pw-agent", "csrf_token": token.group(1)}
        assert browser.post("/login", data=form).status_code == 401
        form["password"] = "new-pass-123"
        assert browser.post("/login", data=form, follow_redirects=False).status_code == 303


def test_an_issued_token_is_shown_once_and_works(api: Api) -> None:
    agent = _user_id(api, "agent")
    with signed_in(api, "admin") as client:
        response = post_form(client, PAGE, f"{PAGE}/{agent}/token", {"name": "质检系统"})
        assert response.status_code == 200
        assert response.headers["cache-control"] == "no-store"
        match = re.search(r'id="new-token">(kefu_[^<]+)<', response.text)
        assert match
        token = match.group(1)
        assert token not in client.get(PAGE).text
    with httpx.Client(base_url=api.base_url, headers={"Authorization": f"Bearer {token}"}) as http:
        assert http.get("/api/v1/me").json()["username"] == "agent"


def test_a_supervisor_cannot_use_the_user_forms(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/admin").text)
        assert token
        form = {"role": "admin", "csrf_token": token.group(1)}
        response = client.post(f"{PAGE}/{_user_id(api, 'supervisor')}/role", data=form)
    assert response.status_code == 403
    assert _active_users(api)["supervisor"]["role"] == "supervisor"
