"""The SLA REST contract through real HTTP on SQLite and PostgreSQL: a ticket's clocks explained
in the caller's language, policies and calendars read by agents and edited by admins."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from sqlalchemy import func, select

from kefu.sla import service as sla
from kefu.sla.models import CalendarDay, SlaPolicy
from tests.conftest import Api
from tests.sla.factories import Hands, at

SH = ZoneInfo("Asia/Shanghai")
OFFICE_WEEK = [[["09:00", "12:00"], ["13:30", "18:00"]]] * 5 + [[], []]


@pytest.fixture
def sla_api(api: Api) -> Api:
    with api.env.db.transaction() as session:
        sla.ensure_defaults(session)
    return api


def _open(http: httpx.Client, **fields: str) -> dict[str, Any]:
    body = {
        "subject": "鞋子开胶了",
        "description": "刚买一周就开胶,要求退货",
        "customer": {"phone": "13800138000"},
        "channel": "email",
        **fields,
    }
    response = http.post("/api/v1/tickets", json=body)
    assert response.status_code == 201, response.text
    return dict(response.json())


def _local(value: str | None) -> datetime | None:
    return None if value is None else datetime.fromisoformat(value).astimezone(SH)


def _by_metric(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {c["metric"]: c for c in body["clocks"]}


def test_a_tickets_clocks_are_explained_in_the_callers_language(sla_api: Api) -> None:
    hands = Hands(at(2026, 11, 23, 10, 0))
    with sla_api.client() as http:
        ticket = _open(http)
        url = f"/api/v1/tickets/{ticket['id']}"
        hands.set(at(2026, 11, 23, 10, 30))
        http.post(f"{url}/messages", json={"body": "您好,已为您登记"}).raise_for_status()
        hands.set(at(2026, 11, 23, 11, 0))
        http.patch(url, json={"status": "pending"}).raise_for_status()
        hands.set(at(2026, 11, 23, 14, 0))
        zh = http.get(f"{url}/sla")
        en = http.get(f"{url}/sla", headers={"Accept-Language": "en"})
    assert zh.status_code == 200, zh.text
    body = zh.json()
    assert body["policy"]["key"] == "default" and body["policy"]["name"] == "默认"
    assert body["policy_reason"] == "没有更具体的策略适用,采用默认策略"
    assert body["calendar"] == "office"
    clocks = _by_metric(body)
    assert set(clocks) == {"first_response", "resolution"}
    first = clocks["first_response"]
    assert (first["state"], first["state_label"]) == ("met", "已达成")
    assert first["explanation"] == "已达成:客服在 0:30:00 内回复(目标 8:00:00)"
    resolution = clocks["resolution"]
    assert (resolution["state"], resolution["due_at"]) == ("paused", None)
    assert resolution["metric_label"] == "解决时限"
    assert resolution["explanation"] == "等待客户回复,暂停计时:已用 1:00:00,目标 22:30:00"
    assert [(s["kind"], _local(s["start"]), _local(s["end"]), s["text"]) for s in resolution["timeline"]] == [
        ("running", at(2026, 11, 23, 10, 0), at(2026, 11, 23, 11, 0), "计时 1:00:00"),
        ("paused", at(2026, 11, 23, 11, 0), None, "等待客户回复,暂停计时(期间工作时间 1:30:00)"),
    ]  # fmt: skip
    english = _by_metric(en.json())
    assert en.json()["policy"]["name"] == "Default"
    assert english["resolution"]["timeline"][1]["text"] == (
        "Paused, waiting for the customer (1:30:00 of working time)"
    )
    assert english["first_response"]["metric_label"] == "First response"


def test_a_breach_shows_when_it_happened_and_when_the_worker_escalated(sla_api: Api) -> None:
    hands = Hands(at(2026, 11, 23, 10, 0))
    with sla_api.client() as http:
        ticket = _open(http, type="complaint")
        hands.set(at(2026, 11, 23, 10, 6))
        assert sla.sweep_clocks(sla_api.env.db) == 1
        hands.set(at(2026, 11, 23, 10, 10))
        body = http.get(f"/api/v1/tickets/{ticket['id']}/sla").json()
    first = _by_metric(body)["first_response"]
    assert first["state"] == "breached" and first["policy_key"] == "complaint"
    assert first["explanation"] == "已超时 0:05:00:已用 0:10:00,目标 0:05:00"
    assert _local(first["breached_at"]) == at(2026, 11, 23, 10, 5)
    assert _local(first["warned_at"]) == _local(first["escalated_at"]) == at(2026, 11, 23, 10, 6)
    assert [s["text"] for s in first["timeline"]] == ["计时 0:10:00"]


def test_the_sla_of_an_unknown_ticket_is_404_and_of_anyone_unknown_401(sla_api: Api) -> None:
    with sla_api.client() as http, sla_api.client("nobody") as anonymous:
        missing = http.get("/api/v1/tickets/999999/sla")
        unauthenticated = anonymous.get("/api/v1/tickets/1/sla")
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "工单不存在"
    assert unauthenticated.status_code == 401


# -- policies -----------------------------------------------------------------------------------

REFUND = {
    "key": "refund",
    "name": "退款",
    "types": ["after_sales"],
    "first_response_s": 600,
    "resolution_s": 86400,
    "calendar": "shop_hours",
    "position": 5,
}


def test_agents_read_policies_and_only_admins_edit_them(sla_api: Api) -> None:
    with sla_api.client() as agent, sla_api.client("supervisor") as supervisor:
        listed = agent.get("/api/v1/sla/policies")
        refused = [c.post("/api/v1/sla/policies", json=REFUND) for c in (agent, supervisor)]
    assert listed.status_code == 200
    assert [(p["key"], p["calendar"]) for p in listed.json()] == [
        ("complaint", "always_open"),
        ("phone", "shop_hours"),
        ("chat", "shop_hours"),
        ("order", "shop_hours"),
        ("vip", "office"),
        ("default", "office"),
    ]
    assert listed.json()[0]["escalation"] == {
        "notify": ["assignee", "supervisors"],
        "raise_priority": True,
        "reassign_group_id": None,
    }
    assert [r.status_code for r in refused] == [403, 403]


def test_an_admin_adds_and_changes_a_policy_and_open_tickets_follow(sla_api: Api) -> None:
    hands = Hands(at(2026, 11, 23, 10, 0))
    with sla_api.client() as agent, sla_api.client("admin") as admin:
        ticket = _open(agent, type="after_sales")
        created = admin.post("/api/v1/sla/policies", json=REFUND)
        assert created.status_code == 201, created.text
        policy = created.json()
        after_create = _by_metric(agent.get(f"/api/v1/tickets/{ticket['id']}/sla").json())
        hands.set(at(2026, 11, 23, 10, 1))
        changed = admin.put(
            f"/api/v1/sla/policies/{policy['id']}", json={**REFUND, "first_response_s": 1200}
        )
        after_change = _by_metric(agent.get(f"/api/v1/tickets/{ticket['id']}/sla").json())
        missing = admin.put("/api/v1/sla/policies/999999", json=REFUND)
        taken = admin.post("/api/v1/sla/policies", json={**REFUND, "position": 1})
    assert policy["key"] == "refund" and policy["recomputed_tickets"] == 1
    assert after_create["first_response"]["policy_key"] == "refund"
    assert _local(after_create["first_response"]["due_at"]) == at(2026, 11, 23, 10, 10)
    assert changed.status_code == 200, changed.text
    assert changed.json()["recomputed_tickets"] == 1
    assert _local(after_change["first_response"]["due_at"]) == at(2026, 11, 23, 10, 20)
    assert missing.status_code == 404
    assert missing.json()["error"]["message"] == "服务时限策略不存在"
    assert taken.status_code == 409
    assert taken.json()["error"]["fields"] == {"key": "策略标识「refund」已被另一条策略使用"}


def test_a_bad_policy_is_refused_field_by_field_in_chinese_and_nothing_is_written(
    sla_api: Api,
) -> None:
    bad = {
        **REFUND,
        "key": "退款",
        "channels": ["phone", "fax"],
        "first_response_s": 0,
        "resolution_s": None,
        "warn_ratio": 1.5,
        "pause_statuses": ["closed"],
        "calendar": "lunar",
    }
    with sla_api.client("admin") as admin:
        refused = admin.post("/api/v1/sla/policies", json=bad)
        no_target = admin.post(
            "/api/v1/sla/policies", json={**REFUND, "first_response_s": None, "resolution_s": None}
        )
        wrong_type = admin.post(
            "/api/v1/sla/policies", json={**REFUND, "first_response_s": "十分钟"}
        )
    assert refused.status_code == 422
    error = refused.json()["error"]
    assert error["code"] == "validation_failed"
    assert error["fields"] == {
        "key": "只能使用小写英文字母、数字和下划线,以字母开头,最多 40 个字符",
        "channels.1": "取值无效,可选:phone, email, web_form, api, app_sdk, wechat, web_chat, desktop",
        "first_response_s": "时限须为 1 到 31536000 秒(365 天)之间的整数;留空表示该项不计时",
        "warn_ratio": "预警比例须大于 0 且小于 1,例如 0.8 表示用去 80% 的时限时预警",
        "pause_statuses.0": "取值无效,可选:new, open, pending, on_hold",
        "calendar": "没有标识为「lunar」的工作日历",
    }
    assert no_target.json()["error"]["fields"] == {
        "first_response_s": "请至少设置一项时限(首次响应、再次响应或解决时限)"
    }
    assert (
        wrong_type.status_code == 422 and "first_response_s" in wrong_type.json()["error"]["fields"]
    )
    with sla_api.env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(SlaPolicy)) == 6


# -- calendars ----------------------------------------------------------------------------------


def test_calendars_are_listed_with_wall_times_and_their_special_days(sla_api: Api) -> None:
    with sla_api.client() as http:
        listed = http.get("/api/v1/sla/calendars")
    assert listed.status_code == 200
    calendars = {c["key"]: c for c in listed.json()}
    assert set(calendars) == {"shop_hours", "office", "always_open"}
    assert calendars["shop_hours"]["weekly"] == [[["09:00", "23:30"]]] * 7
    office = calendars["office"]
    assert office["weekly"] == OFFICE_WEEK and office["policies"] == ["vip", "default"]
    days = {d["day"]: d["kind"] for d in office["special_days"]}
    assert days["2026-10-01"] == "holiday" and days["2026-10-10"] == "workday"  # 国庆, 调休上班


def test_an_admin_adds_a_holiday_and_the_open_tickets_deadlines_move(sla_api: Api) -> None:
    Hands(at(2026, 11, 23, 10, 0))
    body = {
        "name": "办公时间",
        "timezone": "Asia/Shanghai",
        "weekly": OFFICE_WEEK,
        "special_days": [{"day": "2026-11-24", "kind": "holiday", "name": "公司周年庆"}],
    }
    with sla_api.client() as agent, sla_api.client("admin") as admin:
        ticket = _open(agent)
        before = _by_metric(agent.get(f"/api/v1/tickets/{ticket['id']}/sla").json())
        refused = agent.put("/api/v1/sla/calendars/office", json=body)
        saved = admin.put("/api/v1/sla/calendars/office", json=body)
        after = _by_metric(agent.get(f"/api/v1/tickets/{ticket['id']}/sla").json())
    assert refused.status_code == 403
    assert saved.status_code == 200, saved.text
    assert saved.json()["recomputed_tickets"] == 1
    assert saved.json()["special_days"] == body["special_days"]
    assert _local(before["first_response"]["due_at"]) == at(2026, 11, 24, 10, 30)
    assert _local(after["first_response"]["due_at"]) == at(2026, 11, 25, 10, 30)


def test_a_bad_calendar_is_refused_field_by_field_and_nothing_is_written(sla_api: Api) -> None:
    week = [[["09:00", "12:00"], ["11:30", "18:00"]], [["9点", "18:00"]], [], [], [], [], []]
    with sla_api.client("admin") as admin:
        refused = admin.put(
            "/api/v1/sla/calendars/office",
            json={"weekly": week, "timezone": "Mars/Olympus"},
        )
        bad_kind = admin.put(
            "/api/v1/sla/calendars/office",
            json={
                "weekly": OFFICE_WEEK,
                "special_days": [{"day": "2026-12-01", "kind": "vacation"}],
            },
        )
        six_days = admin.put("/api/v1/sla/calendars/office", json={"weekly": OFFICE_WEEK[:6]})
    assert refused.status_code == 422
    assert refused.json()["error"]["fields"] == {
        "weekly.0.1": "时段须按时间先后排列且互不重叠",
        "weekly.1.0": "时间格式应为 HH:MM,在 00:00 到 24:00 之间,例如 09:00",
        "timezone": "未知的时区「Mars/Olympus」,请使用 IANA 名称,例如 Asia/Shanghai",
    }
    assert bad_kind.status_code == 422
    assert bad_kind.json()["error"]["fields"] == {
        "special_days.0.kind": "取值无效,可选:holiday, workday"
    }
    assert six_days.json()["error"]["fields"] == {
        "weekly": "须给出 7 天(周一至周日)的工作时段,休息日为空列表"
    }
    with sla_api.env.db.reading() as session:
        holidays = session.scalar(select(func.count()).select_from(CalendarDay))
    assert holidays is not None and holidays > 50  # China's holidays still all there


def test_times_in_responses_are_utc(sla_api: Api) -> None:
    Hands(datetime(2026, 11, 23, 2, 0, tzinfo=UTC))
    with sla_api.client() as http:
        ticket = _open(http, type="complaint")
        body = http.get(f"/api/v1/tickets/{ticket['id']}/sla").json()
    assert body["clocks"][0]["due_at"].startswith("2026-11-23T02:05:00")
