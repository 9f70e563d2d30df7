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
