"""``kefu serve`` as a real process for the tests that stop, kill and restart it, or run two of
it: a fixed port (a restart comes back where the clients look), its output in a log file that
a failure shows, and the CLI for the set-up (migrate, users, tokens)."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
from websockets.sync.client import ClientConnection, connect

BIN = Path(sys.executable).parent / "kefu"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def environment(home: Path, port: int, **extra: str) -> dict[str, str]:
    """The process environment: ours without any KEFU_ setting, then the test's."""
    return {
        **{k: v for k, v in os.environ.items() if not k.startswith("KEFU_")},
        "KEFU_HOME": str(home),
        "KEFU_ENV": "test",
        "KEFU_PORT": str(port),
        "KEFU_SMTP_PORT": "0",
        **extra,
    }


def kefu(env: dict[str, str], *args: str) -> str:
    """Run one ``kefu`` command; its standard output."""
    done = subprocess.run([str(BIN), *args], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout.strip()


def agent_token(env: dict[str, str], username: str = "agent1", work_number: int = 1) -> str:
    """An agent (客服<n>号) and an API token of theirs, made through the CLI."""
    kefu(env, "user", "create", "--username", username, "--role", "agent",
         "--password", "agent-pw-2026", "--work-number", str(work_number))  # fmt: skip
    return kefu(env, "token", "create", "--user", username)


class Server:
    """One ``kefu serve`` process, started again on the same port after a stop or a kill."""

    def __init__(self, env: dict[str, str], *args: str) -> None:
        self.env = env
        self.args = args
        self.port = int(env["KEFU_PORT"])
        self.log = Path(env["KEFU_HOME"]) / f"serve-{self.port}.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> Server:
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                [str(BIN), "serve", *self.args], env=self.env, stdout=sink, stderr=subprocess.STDOUT
            )
        deadline = time.monotonic() + 60
        while not self.healthy():
            if time.monotonic() > deadline or self.process.poll() is not None:
                self.stop()
                tail = self.log.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"kefu serve did not start:\n{tail}")
            time.sleep(0.1)
        return self

    def healthy(self) -> bool:
        try:
            return httpx.get(self.base_url + "/healthz", timeout=2).status_code == 200
        except httpx.HTTPError:
            return False

    def kill(self) -> None:
        """SIGKILL: no shutdown, no flush, no goodbye to the clients."""
        assert self.process is not None
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=20)
        self.process = None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=20)
        self.process = None


def stream(base_url: str, token: str, after: int | None = None) -> ClientConnection:
    """An agent's event stream (``/api/v1/stream``)."""
    query = urlencode({"token": token, **({"after": after} if after is not None else {})})
    return connect(base_url.replace("http://", "ws://") + f"/api/v1/stream?{query}", proxy=None)


def receive_until(
    ws: ClientConnection, done: Callable[[dict[str, Any]], bool], timeout: float = 20
) -> list[dict[str, Any]]:
    """Frames (or stream messages) until one is ``done``; the last one is that."""
    got: list[dict[str, Any]] = []
    while not got or not done(got[-1]):
        got.append(json.loads(ws.recv(timeout=timeout)))
    return got
