"""The Redis bus on a real Redis (127.0.0.1:6379, or KEFU_TEST_REDIS_URL): events cross from one
process's bus to another's, a dropped connection comes back and says it may have missed
something, and a writer never fails because Redis is away. Without Redis these tests fail."""

from __future__ import annotations

import json
import os
import random
import socket
import subprocess
import sys
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
import redis
from websockets.sync.client import ClientConnection, connect

from kefu.core.bus_redis import RedisBus, channel_for, decode, encode
from kefu.core.db import Database
from kefu.core.events import Published
from kefu.core.migrate import upgrade
from kefu.users import service as users
from kefu.users.rules import Role

NEW = {
    "subject": "发票开错了",
    "description": "抬头写错,需要重开",
    "customer": {"name": "周女士", "phone": "137 0013 7000"},
}
REDIS_URL = os.environ.get("KEFU_TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture(scope="session")
def redis_url() -> str:
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping()
    except redis.RedisError as exc:
        raise RuntimeError(
            f"Redis is required for these tests, not reachable at {REDIS_URL}: {exc}"
        ) from exc
    return REDIS_URL


class Heard:
    """What a bus handed to its listeners, and how often it signalled a gap."""

    def __init__(self, bus: RedisBus) -> None:
        self.events: list[Published] = []
        self.gaps = 0
        self._changed = threading.Condition()
        bus.listen(self._event, on_gap=self._gap)

    def _event(self, event: Published) -> None:
        with self._changed:
            self.events.append(event)
            self._changed.notify_all()

    def _gap(self) -> None:
        with self._changed:
            self.gaps += 1
            self._changed.notify_all()

    def wait(self, check: Callable[[], bool], what: str, timeout: float = 10) -> None:
        with self._changed:
            if not self._changed.wait_for(check, timeout):
                raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def buses(redis_url: str) -> Iterator[Callable[[], RedisBus]]:
    """Buses of "processes" sharing one channel of their own (tests may run in parallel)."""
    channel = f"kefu:test:{uuid.uuid4().hex}"
    made: list[RedisBus] = []

    def make() -> RedisBus:
        bus = RedisBus(redis_url, channel=channel)
        made.append(bus)
        assert bus.wait_connected(10), "the listener did not subscribe"
        return bus

    yield make
    for bus in made:
        bus.close()


def test_an_event_published_by_one_process_reaches_the_listeners_of_every_process(
    buses: Callable[[], RedisBus],
) -> None:
    a, b = buses(), buses()
    heard_a, heard_b = Heard(a), Heard(b)
    sent = [Published(7, "TicketOpened", {"ticket_id": 3, "number": "20261123-0001"})]
    sent.append(Published(8, "Notified", {"user_id": 2, "kind": "assigned", "ticket_id": 3}))
    a.publish(sent)
    heard_b.wait(lambda: len(heard_b.events) == 2, "process B to hear both events")
    heard_a.wait(lambda: len(heard_a.events) == 2, "process A to hear its own events")
    assert heard_b.events == heard_a.events == sent


def test_a_dropped_connection_comes_back_and_signals_a_gap(
    buses: Callable[[], RedisBus], redis_url: str
) -> None:
    a, b = buses(), buses()
    heard = Heard(b)
    admin = redis.Redis.from_url(redis_url)
    try:
        killed = admin.client_kill_filter(_id=str(_client_id(admin, b)))
        assert killed == 1
    finally:
        admin.close()
    heard.wait(lambda: heard.gaps >= 1, "the listener to reconnect and signal a gap")
    assert b.wait_connected(10)
    a.publish([Published(9, "TicketChanged", {"ticket_id": 3, "fields": ["status"]})])
    heard.wait(lambda: [e.id for e in heard.events] == [9], "events to flow again")


def _client_id(admin: redis.Redis, bus: RedisBus) -> int:
    for client in admin.client_list(_type="pubsub"):
        if client["name"] == bus.listener_name:
            return int(client["id"])
    raise AssertionError("the listener's connection is not in CLIENT LIST")


def test_when_redis_is_away_the_writer_does_not_fail_and_local_listeners_still_hear() -> None:
    with socket.socket() as s:  # a port nothing listens on
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    bus = RedisBus(f"redis://127.0.0.1:{port}/0", channel="kefu:test:nowhere")
    try:
        heard = Heard(bus)
        started = time.monotonic()
        bus.publish([Published(1, "TicketOpened", {"ticket_id": 1})])
        bus.publish([Published(2, "TicketOpened", {"ticket_id": 2})])
        assert [e.id for e in heard.events] == [1, 2]
        assert time.monotonic() - started < 3, "the second publish must not wait for Redis again"
        assert not bus.wait_connected(0)
    finally:
        bus.close()


def test_the_channel_carries_the_redis_database_number_and_messages_round_trip() -> None:
    assert channel_for("redis://127.0.0.1:6379/0") == "kefu:events:0"
    assert channel_for("redis://127.0.0.1:6379/3") == "kefu:events:3"
    assert channel_for("redis://127.0.0.1:6379") == "kefu:events:0"
    assert channel_for("unix:///run/redis.sock?db=2") == "kefu:events:2"
    events = [Published(5, "SlaWarned", {"ticket_id": 1, "metric": "首次响应", "due_at": "x"})]
    assert decode(encode(events)) == events


# -- two `kefu serve` processes on one database and one Redis -------------------------------------

BIN = Path(sys.executable).parent / "kefu"


@pytest.fixture
def redis_db(redis_url: str) -> Iterator[int]:
    """A Redis database number (hence a channel) no parallel test is using: claimed atomically,
    released at the end."""
    admin = redis.Redis.from_url(redis_url)
    claim = uuid.uuid4().hex
    try:
        for number in random.sample(range(1, 16), 15):
            if admin.set(f"kefu:test:claim:{number}", claim, nx=True, ex=600):
                yield number
                if admin.get(f"kefu:test:claim:{number}") == claim.encode():
                    admin.delete(f"kefu:test:claim:{number}")
                return
        raise RuntimeError("no free Redis database number for the two-process test")
    finally:
        admin.close()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(port: int) -> bool:
    try:
        return httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200
    except httpx.HTTPError:
        return False


@contextmanager
def _kefu_serve(home: Path, database_url: str, redis_url: str) -> Iterator[str]:
    port = _free_port()
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith("KEFU_")},
        "KEFU_HOME": str(home),
        "KEFU_ENV": "test",
        "KEFU_DATABASE_URL": database_url,
        "KEFU_REDIS_URL": redis_url,
        "KEFU_PORT": str(port),
        "KEFU_SMTP_PORT": "0",
    }
    output = home / f"serve-{port}.log"
    with output.open("wb") as sink:
        server = subprocess.Popen(
            [str(BIN), "serve", "--no-worker"], env=env, stdout=sink, stderr=subprocess.STDOUT
        )
    try:
        deadline = time.monotonic() + 60
        while not _healthy(port):
            if time.monotonic() > deadline or server.poll() is not None:
                tail = output.read_text(errors="replace")[-3000:]
                raise RuntimeError(f"kefu serve did not start:\n{tail}")
            time.sleep(0.1)
        yield f"127.0.0.1:{port}"
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            raise


def _stream(address: str, token: str, after: int | None = None) -> ClientConnection:
    query = urlencode({"token": token, **({"after": after} if after is not None else {})})
    return connect(f"ws://{address}/api/v1/stream?{query}", proxy=None)


def _recv(ws: ClientConnection) -> dict[str, Any]:
    message: dict[str, Any] = json.loads(ws.recv(timeout=15))
    return message


def _until(ws: ClientConnection, name: str, **data: object) -> list[dict[str, Any]]:
    got = [_recv(ws)]
    while not (got[-1]["name"] == name and data.items() <= got[-1]["data"].items()):
        got.append(_recv(ws))
    return got


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_an_event_recorded_by_one_web_process_reaches_a_client_of_another(
    backend: str,
    tmp_path: Path,
    pg_url_factory: Callable[[str], str],
    redis_url: str,
    redis_db: int,
) -> None:
    url = (
        f"sqlite:///{(tmp_path / 'kefu.db').as_posix()}"
        if backend == "sqlite"
        else pg_url_factory("two_web")
    )
    upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            user = users.create_user(session, username="agent1", role=Role.AGENT, password="pw")
            token = users.issue_token(session, user)
    finally:
        db.dispose()
    bus_url = redis_url.rsplit("/", 1)[0] + f"/{redis_db}"
    admin = redis.Redis.from_url(redis_url)
    tap = admin.pubsub()
    tap.subscribe(channel_for(bus_url))
    try:
        with (
            _kefu_serve(tmp_path, url, bus_url) as a,
            _kefu_serve(tmp_path, url, bus_url) as b,
        ):
            numsub = dict(admin.pubsub_numsub(channel_for(bus_url)))
            assert numsub[channel_for(bus_url).encode()] == 3, "A, B and this test listen"
            with _stream(b, token) as on_b, _stream(a, token) as on_a:
                assert _recv(on_b)["name"] == _recv(on_a)["name"] == "ready"
                with httpx.Client(headers={"Authorization": f"Bearer {token}"}) as http:
                    response = http.post(f"http://{a}/api/v1/tickets", json=NEW)
                    assert response.status_code == 201, response.text
                    ticket_id = response.json()["id"]
                    seen_on_b = _until(on_b, "TicketOpened", ticket_id=ticket_id)[-1]
                    seen_on_a = _until(on_a, "TicketOpened", ticket_id=ticket_id)[-1]
                    assert seen_on_a == seen_on_b
                    # ...and it did cross on Redis: A published it there.
                    published = _tapped(tap, seen_on_b["id"])
                    assert published.name == "TicketOpened"
                    # A client of A that drops, missing two tickets, resumes on B.
                    on_a.close()
                    missed = [
                        http.post(f"http://{a}/api/v1/tickets", json=NEW).json()["id"]
                        for _ in range(2)
                    ]
            with _stream(b, token, after=seen_on_b["id"]) as resumed:
                replayed = _until(resumed, "ready")
            ids = [m["id"] for m in replayed[:-1]]
            assert ids == sorted(set(ids)) and ids[0] == seen_on_b["id"] + 1
            opened = [m["data"]["ticket_id"] for m in replayed if m["name"] == "TicketOpened"]
            assert opened == missed
    finally:
        tap.close()
        admin.close()


def _tapped(tap: redis.client.PubSub, event_id: int) -> Published:
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        message = tap.get_message(ignore_subscribe_messages=True, timeout=1)
        if message is not None:
            for event in decode(message["data"]):
                if event.id == event_id:
                    return event
    raise AssertionError(f"event {event_id} was never published on Redis")
