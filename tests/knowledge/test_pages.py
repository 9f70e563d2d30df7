"""The canned-reply admin page over HTTP: who may open it, CSRF, problems beside their fields,
and the page calling the REST API with its session cookie."""

from __future__ import annotations

import re

import httpx

from kefu.knowledge import service as knowledge
from tests.conftest import Api


def _browser(api: Api) -> httpx.Client:
    return httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False)


def _csrf(html: str) -> str:
    match = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert match
    return match.group(1)


def _login(client: httpx.Client, username: str) -> None:
    token = _csrf(client.get("/login").text)
    form = {"username": username, "password": f"pw-{username}", "csrf_token": token}
    assert client.post("/login", data=form).status_code == 303


def test_only_supervisors_and_admins_open_the_page(api: Api) -> None:
    with _browser(api) as client:
        assert client.get("/admin/replies").headers["location"] == "/login?next=/admin/replies"
        _login(client, "agent")
        page = client.get("/admin/replies")
        assert page.status_code == 403 and "您没有权限执行此操作" in page.text
    with _browser(api) as client:
        _login(client, "supervisor")
        token = _csrf(client.get("/login").text)  # a login form's token is not the session's
        refused = client.post(
            "/admin/replies", data={"csrf_token": token, "title": "x", "shortcut": "x"}
        )
        assert refused.status_code == 403
    with api.client("agent") as http:
        assert http.get("/api/v1/replies").json()["items"] == []  # nothing was written


def test_a_refused_form_shows_each_problem_beside_its_field(api: Api) -> None:
    with api.env.db.transaction() as session:
        knowledge.ensure_defaults(session)
    with _browser(api) as client:
        _login(client, "admin")
        page = client.get("/admin/replies")
        assert page.status_code == 200 and "欢迎语(自我介绍)" in page.text
        form = {
            "csrf_token": _csrf(page.text),
            "title": "",
            "shortcut": "hy1",
            "category": "welcome",
            "body": "您好{agent}",
            "position": "abc",
        }
        refused = client.post("/admin/replies", data=form)
        assert refused.status_code == 422
        assert re.search(r'id="new-position-error">排序须为 0–1000000 的整数<', refused.text)
        form["position"] = ""
        refused = client.post("/admin/replies", data=form)
        assert refused.status_code == 422
        html = refused.text
        assert re.search(r'id="new-title-error">标题需为 1–60 个字符<', html)
        assert re.search(
            r'id="new-shortcut-error">快捷码「hy1」已被快捷语「欢迎语\(自我介绍\)」使用<', html
        )
        assert "未知变量 {agent}" in html
        assert 'value="hy1"' in html  # what was typed comes back
        form.update(title="新欢迎语", shortcut="xhy", body="{customer_name},您好,{shop_name}欢迎您")
        saved = client.post("/admin/replies", data=form)
        assert saved.status_code == 303 and saved.headers["location"].startswith(
            "/admin/replies?done=created"
        )
        assert "已新增快捷语「新欢迎语」" in client.get(saved.headers["location"]).text
        # the page's own calls to the REST API: the session cookie and its CSRF header
        token = _csrf(page.text)
        listed = client.get("/api/v1/replies", params={"q": "xhy"}).json()["items"]
        assert [i["rendered"] for i in listed] == ["亲,您好,本店欢迎您"]
        url = f"/api/v1/replies/{listed[0]['id']}"
        assert client.delete(url).status_code == 403  # no CSRF header
        assert client.delete(url, headers={"X-CSRF-Token": token}).status_code == 204


def test_a_reply_is_edited_deactivated_and_brought_back(api: Api) -> None:
    with api.client("supervisor") as http:
        body = {
            "title": "包邮说明",
            "shortcut": "by",
            "category": "logistics",
            "body": "满99元包邮",
        }
        reply_id = http.post("/api/v1/replies", json=body).json()["id"]
    with _browser(api) as client:
        _login(client, "supervisor")
        edit = client.get(f"/admin/replies/{reply_id}/edit")
        assert edit.status_code == 200 and 'value="包邮说明"' in edit.text
        token = _csrf(edit.text)
        form = {
            "csrf_token": token,
            "title": "",
            "shortcut": "by",
            "category": "logistics",
            "body": "满99元包邮",
            "position": "10",
        }
        refused = client.post(f"/admin/replies/{reply_id}", data=form)
        assert refused.status_code == 422 and 'id="edit-title-error"' in refused.text
        form["title"] = "满99包邮"
        assert client.post(f"/admin/replies/{reply_id}", data=form).status_code == 303
        off = client.post(f"/admin/replies/{reply_id}/deactivate", data={"csrf_token": token})
        assert off.status_code == 303
        page = client.get(off.headers["location"]).text
        assert "已停用快捷语「满99包邮」" in page and "重新启用" in page
        on = client.post(f"/admin/replies/{reply_id}/activate", data={"csrf_token": token})
        assert on.status_code == 303
    with api.client("agent") as http:
        items = http.get("/api/v1/replies", params={"q": "by"}).json()["items"]
    assert [(i["title"], i["position"]) for i in items] == [("满99包邮", 10)]
