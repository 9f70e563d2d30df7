"""Signed call events through HTTP on SQLite and PostgreSQL, the call log, and the pure rules."""

from __future__ import annotations

import hashlib
import hmac
import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kefu.channels.phone.rules import CallNotes, answer_time, missing_5w1h, signature_ok
from tests.conftest import Api

SECRET = "phone-shared-secret-for-tests"
T0 = datetime(2026, 11, 23, 2, 0, 0, tzinfo=UTC)


@pytest.fixture
def phone(api: Api) -> Iterator[httpx.Client]:
    before = api.env.settings.phone_secret
    api.env.settings.phone_secret = type(before)(SECRET)
    try:
        with httpx.Client(base_url=api.base_url, timeout=30) as client:
            yield client
    finally:
        api.env.settings.phone_secret = before  # the settings are shared by later tests


def post(client: httpx.Client, payload: dict[str, object], secret: str = SECRET) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    signature = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return client.post(
        "/channels/phone/events",
        content=body,
        headers={"Content-Type": "application/json", "X-Kefu-Signature": f"sha256={signature}"},
    )


def event(
    kind: str, call_id: str = "call-1", seconds: int = 0, **extra: object
) -> dict[str, object]:
    return {
        "event": kind,
        "call_id": call_id,
        "caller": "138 0013 8000",
        "called": "400-820-8820",
        "at": (T0 + timedelta(seconds=seconds)).isoformat(),
        **extra,
    }


def test_a_ringing_call_creates_the_caller_and_a_phone_ticket(
    api: Api, phone: httpx.Client
) -> None:
    response = post(phone, event("ringing"))
    assert response.status_code == 200, response.text
    result = response.json()
    assert result["new_caller"] is True and result["status"] == "ringing"
    with api.client() as http:
        ticket = http.get(f"/api/v1/tickets/{result['ticket_id']}").json()
        customer = http.get(f"/api/v1/customers/{result['customer_id']}").json()
    assert ticket["channel"] == "phone" and "13800138000" in ticket["subject"]
    assert any(
        i["value"] == "+8613800138000" or "13800138000" in i["value"]
        for i in customer["identities"]
    )
    again = post(phone, event("ringing", call_id="call-2")).json()
    assert again["new_caller"] is False and again["customer_id"] == result["customer_id"]


def test_answer_and_hang_up_assign_measure_and_note(api: Api, phone: httpx.Client) -> None:
    post(phone, event("ringing"))
    answered = post(phone, event("answered", seconds=14, agent="1"))  # work number 1 = 客服1号
    assert answered.status_code == 200, answered.text
    ended = post(phone, event("ended", seconds=200, recording_url="https://pbx.example/rec/1.mp3"))
    result = ended.json()
    assert result["status"] == "ended"
    with api.client() as http:
        ticket = http.get(f"/api/v1/tickets/{result['ticket_id']}").json()
        notes = [
            m["body"] for m in http.get(f"/api/v1/tickets/{ticket['id']}/messages").json()["items"]
        ]
        call = http.get(f"/api/v1/calls/{_call_id(api, 'call-1')}").json()
    assert ticket["assignee_id"] == api.user_ids["agent"]
    assert any("超过三声铃响" in n for n in notes) and any("1.mp3" in n for n in notes)
    assert call["answer_seconds"] == 14 and call["answered_within_target"] is False
    assert call["duration_seconds"] == 186
    assert set(call["missing_5w1h"]) == {"who", "what", "where", "why", "how"}


def test_a_missed_call_leaves_a_note_to_call_back(api: Api, phone: httpx.Client) -> None:
    post(phone, event("ringing"))
    result = post(phone, event("ended", seconds=30)).json()
    assert result["status"] == "missed"
    with api.client() as http:
        notes = [
            m["body"]
            for m in http.get(f"/api/v1/tickets/{result['ticket_id']}/messages").json()["items"]
        ]
    assert any("未接来电" in n and "回拨" in n for n in notes)


def test_repeated_events_are_applied_once(api: Api, phone: httpx.Client) -> None:
    for _ in range(3):
        post(phone, event("ringing"))
        post(phone, event("answered", seconds=5, agent="agent"))
    with api.client() as http:
        tickets = http.get("/api/v1/tickets").json()["items"]
        messages = http.get(f"/api/v1/tickets/{tickets[0]['id']}/messages").json()["items"]
    assert len(tickets) == 1
    assert len(messages) == 2  # the ring and one answer note


def test_bad_signatures_and_bad_events_are_refused_and_store_nothing(
    api: Api, phone: httpx.Client
) -> None:
    wrong = post(phone, event("ringing"), secret="not-the-secret")
    unsigned = phone.post("/channels/phone/events", json=event("ringing"))
    bad_event = post(phone, event("dialing"))
    naive_time = post(phone, {**event("ringing"), "at": "2026-11-23T10:00:00"})
    unknown_agent = post(phone, event("answered", agent="客服99号"))
    assert wrong.status_code == 403 and "签名" in wrong.json()["error"]["message"]
    assert unsigned.status_code == 403
    assert bad_event.status_code == 422 and "event" in bad_event.json()["error"]["fields"]
    assert naive_time.status_code == 422
    assert (
        unknown_agent.status_code == 422 and "客服99号" in unknown_agent.json()["error"]["message"]
    )
    with api.client() as http:
        assert http.get("/api/v1/tickets").json()["items"] == []


def test_without_a_secret_the_webhook_refuses_everything(api: Api, phone: httpx.Client) -> None:
    api.env.settings.phone_secret = type(api.env.settings.phone_secret)("")
    response = post(phone, event("ringing"), secret="")
    assert (
        response.status_code == 503 and "KEFU_PHONE_SECRET" in response.json()["error"]["message"]
    )


def test_an_agent_fills_the_call_log_until_nothing_is_missing(
    api: Api, phone: httpx.Client
) -> None:
    post(phone, event("ringing"))
    call_id = _call_id(api, "call-1")
    with api.client() as http:
        partial = http.patch(
            f"/api/v1/calls/{call_id}",
            json={"contact_name": "王经理", "company": "杭州某服饰", "follow_up": "寄换货单"},
        ).json()
        full = http.patch(
            f"/api/v1/calls/{call_id}",
            json={
                "content": "询问换货流程",
                "reason": "尺码不合适",
                "follow_up_due_at": (T0 + timedelta(days=1)).isoformat(),
            },
        ).json()
        unknown = http.patch(f"/api/v1/calls/{call_id}", json={"colour": "red"})
        missing = http.get("/api/v1/calls/99999")
    assert set(partial["missing_5w1h"]) == {"what", "when", "why"}
    assert full["missing_5w1h"] == [] and full["contact_name"] == "王经理"
    assert unknown.status_code == 422
    assert missing.status_code == 404


def _call_id(api: Api, external: str) -> int:
    from sqlalchemy import select

    from kefu.channels.phone.models import CallLog

    with api.env.db.reading() as session:
        found = session.scalar(select(CallLog.id).where(CallLog.call_id == external))
        assert found is not None
        return int(found)


# -- pure rules ------------------------------------------------------------------------------


def test_signature_must_match_the_body_exactly() -> None:
    body = b'{"event":"ringing"}'
    good = "sha256=" + hmac.new(b"s3cret", body, hashlib.sha256).hexdigest()
    assert signature_ok("s3cret", body, good)
    assert not signature_ok("s3cret", body + b" ", good)
    assert not signature_ok("s3cret", body, good.replace("sha256=", "sha1="))
    assert not signature_ok("", body, good)
    assert not signature_ok("s3cret", body, None)


def test_answering_within_ten_seconds_meets_the_three_ring_target() -> None:
    assert answer_time(T0, T0 + timedelta(seconds=10)).within_target is True
    assert answer_time(T0, T0 + timedelta(seconds=11)).within_target is False
    assert answer_time(T0, None).within_target is None


def test_a_follow_up_without_a_due_time_leaves_when_open() -> None:
    notes = CallNotes("王经理", "某公司", "退货", "质量问题", "回电确认", None)
    assert missing_5w1h(notes) == ["when"]
    assert missing_5w1h(CallNotes("", "", "", "", "", None)) == [
        "who",
        "what",
        "where",
        "why",
        "how",
    ]


def test_a_ringing_call_pops_the_callers_profile_on_every_agents_stream(
    api: Api, phone: httpx.Client
) -> None:
    """来电弹屏 (seed 004): the agent's browser gets the caller's profile and ticket while the
    phone still rings, and the answer after it."""
    from tests.api.test_stream_ws import Client

    screen = Client(api, "agent")
    try:
        assert screen.until(lambda m: m["name"] == "ready")
        rung = post(phone, event("ringing", call_id="pop-1")).json()
        popped = screen.until(lambda m: m["name"] == "CallRinging")[-1]["data"]
        assert popped["call_id"] == "pop-1" and popped["caller"] == "13800138000"
        assert popped["customer_id"] == rung["customer_id"]
        assert popped["ticket_id"] == rung["ticket_id"] and popped["new_caller"] is True
        post(phone, event("answered", call_id="pop-1", seconds=6, agent="agent"))
        answered = screen.until(lambda m: m["name"] == "CallAnswered")[-1]["data"]
        assert answered["ticket_id"] == rung["ticket_id"] and answered["waited_s"] == 6.0
        assert answered["agent_id"] == api.user_ids["agent"]
    finally:
        screen.close()
