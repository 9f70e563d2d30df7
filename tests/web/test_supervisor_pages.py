"""The supervisor's console over HTTP on both databases: who may open it, what the board and
its live fragment show, the script's configuration and the page's language."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from kefu.core.i18n import translate
from tests.conftest import Api


@contextmanager
def signed_in(api: Api, role: str) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=api.base_url, timeout=30, follow_redirects=False) as client:
        match = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/login").text)
        assert match
        form = {"username": role, "password": f"pw-{role}", "csrf_token": match.group(1)}
        assert client.post("/login", data=form).status_code == 303
        yield client


def json_script(html: str, element_id: str) -> Any:
    """The JSON a page hands its script in ``<script id=... type="application/json">``."""
    found = re.search(rf'id="{element_id}" type="application/json">(.*?)</script>', html)
    assert found, f"no {element_id} in the page"
    return json.loads(found.group(1))


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.status_code < 300, response.text
    body: dict[str, object] = response.json()
    return body


def _floor(api: Api) -> tuple[dict[str, object], dict[str, object]]:
    """A group with the agent online, a waiting ticket and an open complaint."""
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "售前服务台"}))
        group = _ok(
            admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": "售前一组"})
        )
        members = {"user_ids": [api.user_ids["agent"]]}
        _ok(admin.put(f"/api/v1/routing/groups/{group['id']}/members", json=members))
        _ok(
            admin.put(
                "/api/v1/routing/delivery", json={"mode": "single", "default_group_id": group["id"]}
            )
        )
    with api.client("agent") as agent:
        _ok(agent.put("/api/v1/routing/presence/me", json={"presence": "busy"}))
    with api.client("supervisor") as http:
        waiting = _ok(
            http.post(
                "/api/v1/tickets", json={"subject": "尺码怎么选", "customer": {"name": "王小姐"}}
            )
        )
        complaint = _ok(
            http.post(
                "/api/v1/tickets",
                json={"subject": "投诉发错货", "type": "complaint", "customer": {"name": "李先生"}},
            )
        )
    return waiting, complaint


def test_without_a_session_the_page_asks_to_log_in(api: Api) -> None:
    with httpx.Client(base_url=api.base_url, timeout=30) as client:
        page = client.get("/supervisor")
        assert page.status_code == 303
        assert page.headers["location"] == "/login?next=/supervisor"
        assert client.get("/supervisor/board").status_code == 401


def test_an_agent_is_shown_the_door(api: Api) -> None:
    with signed_in(api, "agent") as client:
        page = client.get("/supervisor")
        assert page.status_code == 403
        assert "主管看板仅对主管和管理员开放" in page.text
        assert 'href="/supervisor"' not in page.text  # not in the agent's navigation either
        assert client.get("/supervisor/board").status_code == 403


@pytest.mark.parametrize("role", ["supervisor", "admin"])
def test_the_board_shows_queues_agents_complaints_and_waiting_tickets(api: Api, role: str) -> None:
    waiting, complaint = _floor(api)
    with signed_in(api, role) as client:
        page = client.get("/supervisor")
    assert page.status_code == 200
    html = page.text
    assert '<a href="/supervisor" aria-current="page">主管看板</a>' in html
    for heading in ("队列", "坐席", "等待分配", "SLA 预警", "未结投诉", "今日图表"):
        assert heading in html
    assert re.search(r'data-tile="complaints">未结投诉<strong>1</strong>', html)
    assert re.search(r"<td>售前服务台</td><td>售前一组</td>\s*<td class=\"waiting\">2</td>", html)
    assert re.search(r'data-presence="busy">忙碌<', html)
    row = re.search(
        rf'<tr data-ticket-id="{complaint["id"]}" data-state="received">(.*?)</tr>', html, re.S
    )
    assert row, "the complaint is listed"
    assert translate("aftersales.complaint_state.received", "zh-CN") in row.group(1)
    assert f'data-number="{waiting["number"]}"' in html  # its action menu
    assert '<script src="/static/vendor/echarts.min.js"></script>' in html
    config = json_script(html, "supervisor-config")
    assert config["me"] == api.user_ids[role]
    assert config["channels"]["web_chat"] == "网页聊天"
    assert config["hours"][9] == "09 时"
    options = json_script(html, "board-options")
    assert [a["id"] for a in options["agents"]] == [api.user_ids["agent"]]
    assert [g["label"] for g in options["groups"]] == ["售前服务台 › 售前一组"]


def test_the_live_fragment_is_the_board_alone(api: Api) -> None:
    waiting, _ = _floor(api)
    with signed_in(api, "supervisor") as client:
        fragment = client.get("/supervisor/board")
    assert fragment.status_code == 200
    assert "<html" not in fragment.text and "<header>" not in fragment.text
    assert f'<tr data-ticket-id="{waiting["id"]}">' in fragment.text
    assert 'id="board-options"' in fragment.text


def test_the_page_speaks_the_chosen_language(api: Api) -> None:
    with signed_in(api, "supervisor") as client:
        client.cookies.set("kefu_lang", "zh-TW")
        html = client.get("/supervisor").text
    assert "未結投訴" in html and "佇列" in html
    assert "未结投诉" not in html


def test_the_script_is_served(api: Api) -> None:
    with httpx.Client(base_url=api.base_url, timeout=30) as client:
        script = client.get("/static/supervisor.js")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("text/javascript")
    assert "/api/v1/supervision/charts" in script.text
