"""``kefu serve`` as a person starts it: one process with the web app, the SMTP listener and the
worker. A mail sent to its SMTP port becomes a ticket the API shows, and the acknowledgement
goes out through the worker to the configured relay."""

from __future__ import annotations

import os
import smtplib
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from email.message import EmailMessage
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller

BIN = Path(sys.executable).parent / "kefu"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Relay:
    def __init__(self) -> None:
        self.subjects: list[str] = []

    async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
        content = getattr(envelope, "original_content", None) or getattr(envelope, "content", b"")
        for line in bytes(content).decode("utf-8", "replace").splitlines():
            if line.lower().startswith("subject:"):
                self.subjects.append(line)
        return "250 OK"


@pytest.fixture
def relay() -> Iterator[tuple[Relay, int]]:
    handler, port = Relay(), _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    yield handler, port
    controller.stop()


def _wait_for(check: object, what: str, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if check():  # type: ignore[operator]
            return
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_mail_to_the_smtp_port_of_kefu_serve_becomes_a_ticket(
    tmp_path: Path, relay: tuple[Relay, int]
) -> None:
    sink, relay_port = relay
    http_port, smtp_port = _free_port(), _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KEFU_")},
        "KEFU_HOME": str(tmp_path),
        "KEFU_PORT": str(http_port),
        "KEFU_SMTP_PORT": str(smtp_port),
        "KEFU_SMTP_OUT_URL": f"smtp://127.0.0.1:{relay_port}",
        "KEFU_MAIL_FROM": "kefu@shop.example",
    }
    subprocess.run([str(BIN), "migrate"], env=env, check=True, capture_output=True)
    subprocess.run(
        [str(BIN), "user", "create", "--username", "agent1", "--role", "agent", "--password",
         "agent-pw-2026"], env=env, check=True, capture_output=True,
    )  # fmt: skip
    token = subprocess.run(
        [str(BIN), "token", "create", "--user", "agent1"],
        env=env, check=True, capture_output=True, text=True,
    ).stdout.strip()  # fmt: skip
    server = subprocess.Popen(
        [str(BIN), "serve"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
    )
    try:
        _wait_for(lambda: _healthy(http_port), "kefu serve to answer /healthz")
        message = EmailMessage()
        message["From"] = "赵女士 <zhao@example.cn>"
        message["To"] = "kefu@shop.example"
        message["Subject"] = "快递三天没有更新"
        message.set_content("你好,我的快递三天没有物流更新了,单号 SF1234567890。")
        with smtplib.SMTP("127.0.0.1", smtp_port, timeout=30) as client:
            client.send_message(message)
        with httpx.Client(
            base_url=f"http://127.0.0.1:{http_port}",
            headers={"Authorization": f"Bearer {token}"},
        ) as http:
            items = http.get("/api/v1/tickets").json()["items"]
        assert [(t["subject"], t["channel"]) for t in items] == [("快递三天没有更新", "email")]
        _wait_for(lambda: sink.subjects, "the acknowledgement at the relay")
        assert items[0]["number"] in sink.subjects[0]
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise
    assert server.returncode is not None


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False
