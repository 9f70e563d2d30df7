"""Scale-out as documented: two ``kefu serve --no-worker`` processes on one PostgreSQL database
sharing one Redis. A visitor's chat on one process and an agent's stream on the other exchange
messages, typing and read receipts, and a call ringing on one pops the caller's screen for the
agent on the other. Without PostgreSQL or Redis this test fails, it never skips."""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import random
import uuid
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

import httpx
import pytest
import redis
from websockets.sync.client import connect

from kefu.core.migrate import upgrade
from tests.channels.webchat.serving import (
    Server,
    agent_token,
    environment,
    free_port,
    receive_until,
    stream,
)

REDIS_URL = os.environ.get("KEFU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
PHONE_SECRET = "scale-out-phone-secret"


@pytest.fixture
def bus_url() -> Iterator[str]:
    """A Redis URL whose database number (hence the bus channel) no parallel test uses:
    claimed atomically, released at the end."""
    admin = redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2)
    claim = uuid.uuid4().hex
    try:
        admin.ping()
        for number in random.sample(range(1, 16), 15):
            key = f"kefu:test:claim:{number}"
            if admin.set(key, claim, nx=True, ex=600):
                yield REDIS_URL.rsplit("/", 1)[0] + f"/{number}"
                if admin.get(key) == claim.encode():
                    admin.delete(key)
                return
        raise RuntimeError("no free Redis database number for the scale-out test")
    finally:
        admin.close()


@pytest.fixture
def two_servers(
    tmp_path: Path, pg_url_factory: Callable[[str], str], bus_url: str
) -> Iterator[tuple[Server, Server, str]]:
    database_url = pg_url_factory("scale_out")
    upgrade(database_url)
    settings = {
        "KEFU_DATABASE_URL": database_url,
        "KEFU_REDIS_URL": bus_url,
        "KEFU_PHONE_SECRET": PHONE_SECRET,
        "KEFU_SECRET_KEY": "scale-out-shared-secret-key-0123456789",
    }
    homes = [tmp_path / "a", tmp_path / "b"]
    for home in homes:
        home.mkdir()
    a = Server(environment(homes[0], free_port(), **settings), "--no-worker")
    b = Server(environment(homes[1], free_port(), **settings), "--no-worker")
    token = agent_token(a.env)
    try:
        a.start()
        b.start()
        yield a, b, token
    finally:
        a.stop()
        b.stop()


def signed_call(base_url: str, payload: Mapping[str, object]) -> httpx.Response:
    body = json.dumps(payload, ensure_ascii=False).encode()
    signature = hmac.new(PHONE_SECRET.encode(), body, hashlib.sha256).hexdigest()
    return httpx.post(
        base_url + "/channels/phone/events",
        content=body,
        headers={"Content-Type": "application/json", "X-Kefu-Signature": f"sha256={signature}"},
        timeout=30,
    )


def named(name: str, **data: object) -> Callable[[dict[str, Any]], bool]:
    return lambda m: m.get("name") == name and data.items() <= m["data"].items()


def test_a_visitor_on_one_process_and_an_agent_on_another_chat_and_get_screen_pops(
    two_servers: tuple[Server, Server, str],
) -> None:
    a, b, token = two_servers
    started = httpx.post(a.base_url + "/chat/sessions", json={"name": "冯女士"}, timeout=30)
    assert started.status_code == 201, started.text
    visitor_token = started.json()["token"]
    chat_url = a.base_url.replace("http://", "ws://") + f"/chat/ws?token={visitor_token}&after=0"
    agent = httpx.Client(
        base_url=b.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30
    )
    with stream(b.base_url, token) as on_b, connect(chat_url, proxy=None) as visitor, agent:
        receive_until(on_b, lambda m: m["name"] == "ready")
        receive_until(visitor, lambda f: f["type"] == "ready")

        # The visitor writes on A; the agent on B sees the ticket open.
        visitor.send(json.dumps({"type": "message", "client_id": "s1", "text": "退款什么时候到?"}))
        ack = receive_until(visitor, lambda f: f["type"] in ("ack", "error"))[-1]
        assert ack["type"] == "ack", ack
        opened = receive_until(on_b, named("TicketOpened"))[-1]["data"]
        ticket_id = opened["ticket_id"]
        [said] = agent.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
        assert (said["id"], said["body"]) == (ack["message_id"], "退款什么时候到?")

        # The visitor types on A; the agent on B sees it.
        visitor.send(json.dumps({"type": "typing"}))
        receive_until(on_b, named("ChatTyping", ticket_id=ticket_id, who="customer"))

        # The agent types and answers on B; the visitor on A sees both.
        assert agent.post(f"/api/v1/tickets/{ticket_id}/typing").json() == {"published": True}
        typing = receive_until(visitor, lambda f: f["type"] == "typing")[-1]
        assert typing == {"type": "typing", "who": "agent", "name": "客服1号"}
        answer = agent.post(
            f"/api/v1/tickets/{ticket_id}/messages", json={"body": "亲,原路退回,1–3 个工作日到账"}
        )
        assert answer.status_code == 201, answer.text
        pushed = receive_until(visitor, lambda f: f["type"] == "message")[-1]
        assert (pushed["id"], pushed["author"], pushed["name"]) == (
            answer.json()["id"], "agent", "客服1号"
        )  # fmt: skip

        # Read receipts cross too, both ways.
        visitor.send(json.dumps({"type": "read", "last_id": pushed["id"]}))
        receive_until(on_b, named("ChatRead", ticket_id=ticket_id, who="customer"))
        assert agent.post(f"/api/v1/tickets/{ticket_id}/read", json={}).status_code == 200
        read = receive_until(visitor, lambda f: f["type"] == "read")[-1]
        assert read == {"type": "read", "last_id": pushed["id"]}

        # A call rings on A: the agent's screen on B pops with the caller and the ticket.
        ringing = {
            "event": "ringing",
            "call_id": "scale-1",
            "caller": "138 0013 8001",
            "called": "400-820-8820",
            "at": "2026-11-23T10:00:00+08:00",
        }
        rung = signed_call(a.base_url, ringing)
        assert rung.status_code == 200, rung.text
        popped = receive_until(on_b, named("CallRinging", call_id="scale-1"))[-1]["data"]
        assert popped["caller"] == "13800138001"
        assert (popped["ticket_id"], popped["customer_id"]) == (
            rung.json()["ticket_id"], rung.json()["customer_id"]
        )  # fmt: skip
