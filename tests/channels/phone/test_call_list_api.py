"""The call list over HTTP: add calls with their 轻重缓急, get them in the order to call, finish
them with an outcome; bad input refused with nothing stored."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from tests.conftest import Api

SOON = datetime.now(UTC) + timedelta(hours=2)


def task(**changes: Any) -> dict[str, Any]:
    body = {
        "contact_name": "张常",
        "phone": "138 0013 8000",
        "due_at": SOON.isoformat(),
        "points": "回访:退款是否到账",
        "importance": "heavy",
        "urgency": "urgent",
        "remarks": "VIP",
    }
    return {**body, **changes}


def test_calls_come_in_the_order_to_call(api: Api) -> None:
    with api.client() as http:
        made = [
            http.post("/api/v1/call-list", json=body)
            for body in (
                task(contact_name="王倩", importance="light", urgency="relaxed"),
                task(contact_name="张常"),
                task(
                    contact_name="李菲菲",
                    importance="light",
                    urgency="relaxed",
                    due_at=(datetime.now(UTC) - timedelta(minutes=30)).isoformat(),
                ),
                task(contact_name="曹雷", importance="light", urgency="urgent"),
            )
        ]
        assert [m.status_code for m in made] == [201] * 4, [m.text for m in made]
        listed = http.get("/api/v1/call-list").json()["items"]
    assert [(t["position"], t["contact_name"], t["quadrant"]) for t in listed] == [
        (1, "李菲菲", "轻缓"),  # past its time
        (2, "张常", "重急"),
        (3, "曹雷", "轻急"),
        (4, "王倩", "轻缓"),
    ]
    assert listed[0]["overdue"] is True and listed[1]["overdue"] is False
    assert listed[1]["phone"] == "+8613800138000"
    assert listed[1]["customer_id"] is not None


def test_the_person_is_recognised_by_the_number(api: Api) -> None:
    with api.client() as http:
        customer = http.post(
            "/api/v1/customers", json={"name": "赵宇飞", "phone": "13900139000"}
        ).json()
        made = http.post(
            "/api/v1/call-list", json=task(contact_name="赵总", phone="+86 139-0013-9000")
        ).json()
    assert made["customer_id"] == customer["id"]


def test_a_finished_call_records_its_outcome_and_leaves_the_open_list(api: Api) -> None:
    with api.client() as http:
        made = http.post("/api/v1/call-list", json=task()).json()
        url = f"/api/v1/call-list/{made['id']}"
        no_outcome = http.patch(url, json={"state": "done"})
        done = http.patch(url, json={"state": "done", "outcome": "已到账,客户满意"})
        reopened = http.patch(url, json={"state": "open"})
        open_list = http.get("/api/v1/call-list").json()["items"]
        everything = http.get("/api/v1/call-list", params={"include_finished": True}).json()
    assert no_outcome.status_code == 422
    assert no_outcome.json()["error"]["fields"]["outcome"] == "标记为已完成前,请填写通话结果"
    assert done.status_code == 200
    assert done.json()["state"] == "done" and done.json()["done_at"] is not None
    assert done.json()["position"] is None
    assert reopened.status_code == 422 and "state" in reopened.json()["error"]["fields"]
    assert open_list == []
    assert [t["outcome"] for t in everything["items"]] == ["已到账,客户满意"]


def test_bad_rows_are_refused_in_chinese_and_nothing_is_stored(api: Api) -> None:
    with api.client() as http:
        bad_phone = http.post("/api/v1/call-list", json=task(phone="12345"))
        no_points = http.post("/api/v1/call-list", json=task(points="  "))
        bad_quadrant = http.post("/api/v1/call-list", json=task(importance="medium"))
        naive_time = http.post("/api/v1/call-list", json=task(due_at="2026-05-12T10:00:00"))
        no_agent = http.post("/api/v1/call-list", json=task(assignee_id=9999))
        listed = http.get("/api/v1/call-list").json()["items"]
        customers = http.get("/api/v1/customers").json()["items"]
    assert bad_phone.status_code == 422
    assert bad_phone.json()["error"]["fields"]["phone"] == "电话号码格式不正确"
    for refused in (no_points, bad_quadrant, naive_time):
        assert refused.status_code == 422, refused.text
    assert no_agent.status_code in (403, 422)
    assert listed == [] and customers == []


def test_only_a_supervisor_fills_or_reads_someone_elses_list(api: Api) -> None:
    agent_id, supervisor_id = api.user_ids["agent"], api.user_ids["supervisor"]
    with api.client("agent") as http:
        assert (
            http.post("/api/v1/call-list", json=task(assignee_id=supervisor_id)).status_code == 403
        )
        assert (
            http.get("/api/v1/call-list", params={"assignee_id": supervisor_id}).status_code == 403
        )
    with api.client("supervisor") as http:
        given = http.post("/api/v1/call-list", json=task(assignee_id=agent_id))
        assert given.status_code == 201
        assert given.json()["assignee_id"] == agent_id
        theirs = http.get("/api/v1/call-list", params={"assignee_id": agent_id}).json()
    assert [t["id"] for t in theirs["items"]] == [given.json()["id"]]
    with api.client("agent") as http:
        mine = http.get("/api/v1/call-list").json()["items"]
        done = http.patch(
            f"/api/v1/call-list/{given.json()['id']}",
            json={"state": "done", "outcome": "已联系"},
        )
    assert [t["id"] for t in mine] == [given.json()["id"]]
    assert done.status_code == 200
