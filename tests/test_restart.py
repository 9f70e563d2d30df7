"""Kill ``kefu serve`` in the middle of a web chat and start it again on the same port and
SQLite file: nothing that was acknowledged is lost, nothing is stored twice, and the clients
resume. One client is a plain WebSocket sending a burst of messages as fast as it can; the
other is the widget in a real browser, which shows its banner while the server is down and
catches up (the agent's reply, its own unsent message) once it is back."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect
from sqlalchemy import select
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from kefu.conversations.models import ChannelMessage
from kefu.core.db import Database
from kefu.tickets.models import Message
from tests.channels.webchat.serving import Server, agent_token, environment, free_port, kefu
from tests.e2e.browser import chinese_page

BURST = 40


@pytest.fixture
def server(tmp_path: Path) -> Any:
    env = environment(tmp_path, free_port())
    kefu(env, "migrate")
    served = Server(env)
    served.token = agent_token(env)  # type: ignore[attr-defined]
    yield served
    served.stop()


def start_chat(base_url: str, **form: str) -> str:
    response = httpx.post(base_url + "/chat/sessions", json=form, timeout=30)
    assert response.status_code == 201, response.text
    token: str = response.json()["token"]
    return token


def chat_socket(base_url: str, token: str, after: int) -> ClientConnection:
    url = base_url.replace("http://", "ws://") + f"/chat/ws?token={token}&after={after}"
    return connect(url, proxy=None)


def stored(database_url: str) -> dict[str, tuple[int, str]]:
    """client_id → (message id, text) of every chat message in the database."""
    db = Database(database_url)
    try:
        with db.reading() as session:
            rows = session.execute(
                select(ChannelMessage.external_id, Message.id, Message.body_text).join(
                    Message, Message.id == ChannelMessage.message_id
                )
            )
            return {str(ext).split(":", 1)[1]: (int(i), text) for ext, i, text in rows}
    finally:
        db.dispose()


def burst_then_kill(server: Server, token: str, texts: dict[str, str]) -> dict[str, int]:
    """Send every message without waiting, kill the server once a few are acknowledged; the
    acknowledgements that arrived (client_id → message id)."""
    acks: dict[str, int] = {}
    enough = threading.Event()

    def read_acks(ws: ClientConnection) -> None:
        try:
            while True:
                frame = json.loads(ws.recv(timeout=30))
                if frame["type"] == "ack":
                    acks[frame["client_id"]] = frame["message_id"]
                    if len(acks) >= 5:
                        enough.set()
        except (ConnectionClosed, TimeoutError, OSError):
            enough.set()

    with chat_socket(server.base_url, token, 0) as ws:
        assert json.loads(ws.recv(timeout=30))["type"] == "ready"
        reader = threading.Thread(target=read_acks, args=(ws,), daemon=True)
        reader.start()
        for client_id, text in texts.items():
            ws.send(json.dumps({"type": "message", "client_id": client_id, "text": text}))
        assert enough.wait(60), "no acknowledgement came"
        server.kill()  # mid-burst: some messages acknowledged, others in flight or never read
        reader.join(timeout=30)
    return dict(acks)


def resend_unacknowledged(
    server: Server, token: str, texts: dict[str, str], acknowledged: dict[str, int]
) -> dict[str, int]:
    """Reconnect after the last acknowledged id and resend the rest, as the widget does; every
    acknowledgement by the end."""
    acks = dict(acknowledged)
    with chat_socket(server.base_url, token, max(acknowledged.values())) as again:
        assert json.loads(again.recv(timeout=30))["type"] == "ready"
        for client_id, text in texts.items():
            if client_id not in acknowledged:
                again.send(json.dumps({"type": "message", "client_id": client_id, "text": text}))
        while len(acks) < len(texts):
            frame = json.loads(again.recv(timeout=30))
            if frame["type"] == "ack":
                acks[frame["client_id"]] = frame["message_id"]
    return acks


def test_every_acknowledged_message_survives_a_kill_and_the_client_resumes(
    server: Server,
) -> None:
    server.start()
    token = start_chat(server.base_url, name="钱先生")
    texts = {f"b{n}": f"第 {n} 条:订单 2026112300{n:02d} 还没发货" for n in range(BURST)}
    acknowledged = burst_then_kill(server, token, texts)
    assert acknowledged, "the burst was acknowledged before the kill"

    database_url = f"sqlite:///{(Path(server.env['KEFU_HOME']) / 'kefu.db').as_posix()}"
    after_kill = stored(database_url)
    for client_id, message_id in acknowledged.items():
        assert after_kill[client_id] == (message_id, texts[client_id])

    server.start()  # same port, same database
    everything = resend_unacknowledged(server, token, texts, acknowledged)
    final = stored(database_url)
    assert {c: t for c, (_, t) in final.items()} == texts  # each once, none lost
    assert {c: i for c, (i, _) in final.items()} == everything
    for client_id, message_id in acknowledged.items():
        assert everything[client_id] == message_id  # acknowledged ids never change


@pytest.mark.e2e
def test_the_widget_shows_the_outage_and_catches_up_after_a_restart(
    server: Server, request: pytest.FixtureRequest
) -> None:
    server.start()
    with chinese_page(request) as (page, artifacts):
        page.goto(server.base_url + "/chat/demo")
        page.get_by_role("button", name="咨询客服").click()
        page.get_by_role("button", name="开始咨询").click()
        page.get_by_label("消息").fill("我的快递到哪了?")
        page.get_by_role("button", name="发送").click()
        expect(page.locator(".msg.customer[data-id]")).to_have_count(1)

        server.kill()
        expect(page.get_by_role("alert")).to_have_text("连接已断开,正在重新连接…")
        page.get_by_label("消息").fill("还在吗?")  # typed while the server is down
        page.get_by_role("button", name="发送").click()
        expect(page.locator(".msg.customer .state")).to_have_text("发送中")
        page.screenshot(path=str(artifacts / "webchat_server_down.png"), full_page=True)

        server.start()
        headers = {"Authorization": f"Bearer {server.token}"}  # type: ignore[attr-defined]
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
            [ticket] = http.get("/api/v1/tickets").json()["items"]
            answer = http.post(
                f"/api/v1/tickets/{ticket['id']}/messages", json={"body": "亲,已经到您所在城市了"}
            )
            assert answer.status_code == 201, answer.text
        expect(page.get_by_role("alert")).to_be_hidden(timeout=60_000)
        texts = page.locator(".msg[data-id] .text")
        expect(texts).to_have_count(3, timeout=60_000)
        shown = texts.all_inner_texts()
        # The resent message and the agent's answer are stored in whichever order they reached
        # the server after the restart; the widget shows them in that (stored) order.
        assert shown[0] == "我的快递到哪了?"
        assert sorted(shown[1:]) == sorted(["亲,已经到您所在城市了", "还在吗?"])
        expect(page.locator(".msg .state")).to_have_count(0)
        page.screenshot(path=str(artifacts / "webchat_server_back.png"), full_page=True)
        with httpx.Client(base_url=server.base_url, headers=headers, timeout=30) as http:
            items = http.get(f"/api/v1/tickets/{ticket['id']}/messages").json()["items"]
    assert [m["body"] for m in items] == ["我的快递到哪了?", "亲,已经到您所在城市了", "还在吗?"]
