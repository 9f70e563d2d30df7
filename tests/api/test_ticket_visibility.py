"""A private desk's tickets through the REST API: not found by agents who are not on the desk
(unless assigned to them), seen by its members and by supervisors and admins."""

from __future__ import annotations

from typing import Any

import httpx

from tests.conftest import Api


def _ok(response: httpx.Response) -> dict[str, Any]:
    assert response.status_code < 300, response.text
    body: dict[str, Any] = response.json() if response.content else {}
    return body


def _private_ticket(api: Api, members: list[int]) -> int:
    with api.client("admin") as admin:
        desk = _ok(admin.post("/api/v1/routing/desks", json={"name": "VIP 专席", "private": True}))
        group = _ok(
            admin.post("/api/v1/routing/groups", json={"desk_id": desk["id"], "name": "VIP组"})
        )
        _ok(admin.put(f"/api/v1/routing/groups/{group['id']}/members", json={"user_ids": members}))
        body = {"subject": "VIP 客户的退款", "customer": {"name": "钱先生", "phone": "13600136000"}}
        ticket = _ok(admin.post("/api/v1/tickets", json=body))
        _ok(admin.post(f"/api/v1/tickets/{ticket['id']}/transfer", json={"group_id": group["id"]}))
        _ok(admin.post("/api/v1/tickets", json={**body, "subject": "普通咨询"}))
    return int(ticket["id"])


def test_an_agent_off_the_private_desk_cannot_find_its_tickets(api: Api) -> None:
    ticket_id = _private_ticket(api, members=[])
    url = f"/api/v1/tickets/{ticket_id}"
    with api.client("agent") as agent:
        assert agent.get(url).status_code == 404
        assert agent.get(f"{url}/messages").status_code == 404
        assert agent.get(f"{url}/audit").status_code == 404
        assert agent.patch(url, json={"priority": "high"}).status_code == 404
        assert agent.post(f"{url}/messages", json={"body": "插一句"}).status_code == 404
        listed = [t["subject"] for t in agent.get("/api/v1/tickets").json()["items"]]
    assert listed == ["普通咨询"]
    with api.client("supervisor") as boss:
        assert boss.get(url).json()["priority"] == "normal"  # the refused change wrote nothing
        assert len(boss.get(f"{url}/messages").json()["items"]) == 1
        listed = [t["subject"] for t in boss.get("/api/v1/tickets").json()["items"]]
    assert sorted(listed) == sorted(["普通咨询", "VIP 客户的退款"])


def test_the_desks_members_and_the_assignee_see_it(api: Api) -> None:
    ticket_id = _private_ticket(api, members=[api.user_ids["agent"]])
    with api.client("agent") as agent:
        assert agent.get(f"/api/v1/tickets/{ticket_id}").status_code == 200
        assert len(agent.get("/api/v1/tickets").json()["items"]) == 2


def test_a_ticket_assigned_to_an_agent_stays_visible_to_them(api: Api) -> None:
    ticket_id = _private_ticket(api, members=[])
    with api.client("supervisor") as boss:
        _ok(boss.patch(f"/api/v1/tickets/{ticket_id}", json={"assignee_id": api.user_ids["agent"]}))
    with api.client("agent") as agent:
        assert agent.get(f"/api/v1/tickets/{ticket_id}").status_code == 200
        mine = agent.get("/api/v1/tickets", params={"assignee_id": api.user_ids["agent"]})
    assert [t["id"] for t in mine.json()["items"]] == [ticket_id]


def test_taking_a_ticket_is_first_come_first_served(api: Api) -> None:
    with api.client("admin") as admin:
        body = {"subject": "想改地址", "customer": {"name": "孙女士", "phone": "13500135000"}}
        ticket_id = _ok(admin.post("/api/v1/tickets", json=body))["id"]
    url = f"/api/v1/tickets/{ticket_id}/take"
    with api.client("agent") as agent, api.client("supervisor") as other:
        taken = agent.post(url)
        again = agent.post(url)  # taking what one holds changes nothing
        late = other.post(url)
    assert taken.status_code == 200 and taken.json()["assignee_id"] == api.user_ids["agent"]
    assert again.status_code == 200
    assert late.status_code == 409
    assert late.json()["error"]["message"] == "该工单已被其他客服接入"
    with api.client("admin") as admin:
        audit = admin.get(f"/api/v1/tickets/{ticket_id}/audit").json()["items"]
    assert [e["field"] for e in audit].count("assignee_id") == 1


def test_two_agents_taking_at_once_one_wins(api: Api) -> None:
    from concurrent.futures import ThreadPoolExecutor

    with api.client("admin") as admin:
        body = {"subject": "物流查询", "customer": {"name": "赵先生", "phone": "13400134000"}}
        ticket_id = _ok(admin.post("/api/v1/tickets", json=body))["id"]

    def take(role: str) -> int:
        with api.client(role) as http:
            return http.post(f"/api/v1/tickets/{ticket_id}/take").status_code

    for _ in range(3):  # a few rounds: the race must hold every time, not once
        with api.client("admin") as admin:
            admin.patch(f"/api/v1/tickets/{ticket_id}", json={"assignee_id": None})
        with ThreadPoolExecutor(max_workers=3) as pool:
            codes = sorted(pool.map(take, ["agent", "supervisor", "admin"]))
        assert codes == [200, 409, 409]
