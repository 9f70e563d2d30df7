"""The supervision API over HTTP on both databases: supervisors and admins read the board and
the charts, agents are refused with a Chinese message, strangers must log in."""

from __future__ import annotations

import httpx
import pytest

from tests.conftest import Api

PATHS = ["/api/v1/supervision/board", "/api/v1/supervision/charts"]


def _ok(response: httpx.Response) -> dict[str, object]:
    assert response.status_code < 300, response.text
    body: dict[str, object] = response.json()
    return body


@pytest.mark.parametrize("path", PATHS)
def test_an_agent_is_refused_in_chinese(api: Api, path: str) -> None:
    with api.client("agent", **{"Accept-Language": "zh-CN"}) as http:
        response = http.get(path)
    assert response.status_code == 403
    assert response.json()["error"]["code"] == "forbidden"
    assert response.json()["error"]["message"] == "您没有权限执行此操作"


@pytest.mark.parametrize("path", PATHS)
def test_without_credentials_one_must_log_in(api: Api, path: str) -> None:
    with api.client("nobody") as http:
        assert http.get(path).status_code == 401


def test_supervisor_and_admin_read_the_board(api: Api) -> None:
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "售后服务台"}))
        group = _ok(
            admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": "售后一组"})
        )
        _ok(
            admin.put(
                f"/api/v1/routing/groups/{group['id']}/members",
                json={"user_ids": [api.user_ids["agent"]]},
            )
        )
        delivery = {"mode": "single", "default_group_id": group["id"]}
        _ok(admin.put("/api/v1/routing/delivery", json=delivery))
    with api.client("agent") as agent:
        _ok(agent.put("/api/v1/routing/presence/me", json={"presence": "online"}))
    with api.client("supervisor") as http:
        ticket = _ok(
            http.post(
                "/api/v1/tickets",
                json={
                    "subject": "投诉快递员态度差",
                    "type": "complaint",
                    "customer": {"name": "李先生"},
                },
            )
        )
        board = _ok(http.get("/api/v1/supervision/board"))
    with api.client("admin") as http:
        again = _ok(http.get("/api/v1/supervision/board"))
    assert again["complaints_open"] == board["complaints_open"] == 1
    complaints = board["complaints"]
    assert isinstance(complaints, list)
    assert complaints[0]["ticket"]["ticket_id"] == ticket["id"]
    assert complaints[0]["state"] == "received"
    agents = board["agents"]
    assert isinstance(agents, list)
    assert [(a["username"], a["presence"]) for a in agents] == [("agent", "online")]
    queues = board["queues"]
    assert isinstance(queues, list)
    assert {q["group"] for q in queues} >= {"售后一组"}


def test_supervisor_and_admin_read_todays_charts(api: Api) -> None:
    with api.client("supervisor") as http:
        _ok(
            http.post(
                "/api/v1/tickets", json={"subject": "发票抬头", "customer": {"name": "张女士"}}
            )
        )
        charts = _ok(http.get("/api/v1/supervision/charts"))
    with api.client("admin") as http:
        assert http.get("/api/v1/supervision/charts").status_code == 200
    assert charts["timezone"] == "Asia/Shanghai"
    assert charts["hours"] == list(range(24))
    volume = charts["volume"]
    assert isinstance(volume, list)
    assert sum(v["total"] for v in volume) == 1
    first_response = charts["first_response"]
    assert isinstance(first_response, list) and len(first_response) == 24
