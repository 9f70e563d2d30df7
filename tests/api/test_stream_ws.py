"""The event stream over a real WebSocket to the real server, on SQLite and PostgreSQL: what a
browser sees when tickets are opened through the REST API, when it reconnects with ``after=``,
and what it may not see."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any
from urllib.parse import urlencode

import pytest
from sqlalchemy import select, text, update
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from kefu.core import events
from kefu.core.events import OutboxEvent, Published, record
from kefu.routing.service.notify import Notified
from kefu.tickets.events import TicketChanged
from kefu.users.models import User
from kefu.users.rules import Role
from kefu.users.service import Principal
from kefu.web import stream
from tests.conftest import Api

NEW = {
    "subject": "快递一直没到",
    "description": "订单号 20261123001,三天了还没发货",
    "customer": {"name": "李先生", "phone": "139 0013 9000"},
    "type": "after_sales",
}
Message = dict[str, Any]


class Client:
    """A browser's end of the stream."""

    def __init__(self, api: Api, role: str = "agent", **query: object) -> None:
        params = {"token": api.tokens[role], **{k: v for k, v in query.items() if v is not None}}
        url = api.base_url.replace("http://", "ws://") + "/api/v1/stream?" + urlencode(params)
        self._stack = ExitStack()
        self.ws: ClientConnection = self._stack.enter_context(connect(url, proxy=None))
        self.received: list[Message] = []

    def next(self, timeout: float = 10) -> Message:
        message: Message = json.loads(self.ws.recv(timeout=timeout))
        assert set(message) == {"id", "name", "data"}, message
        self.received.append(message)
        return message

    def until(self, done: Callable[[Message], bool], timeout: float = 10) -> list[Message]:
        got = []
        while True:
            message = self.next(timeout)
            got.append(message)
            if done(message):
                return got

    def events(self) -> list[Message]:
        return [m for m in self.received if m["name"][0].isupper()]

    def close(self) -> None:
        self._stack.close()


@pytest.fixture
def clients(api: Api) -> Iterator[Callable[..., Client]]:
    made: list[Client] = []

    def make(role: str = "agent", **query: object) -> Client:
        client = Client(api, role, **query)
        made.append(client)
        return client

    yield make
    for client in made:
        client.close()


def _outbox(api: Api, after: int = 0) -> list[tuple[int, str, dict[str, Any]]]:
    with api.env.db.reading() as session:
        rows = session.execute(
            select(OutboxEvent.id, OutboxEvent.name, OutboxEvent.payload)
            .where(OutboxEvent.id > after)
            .order_by(OutboxEvent.id)
        )
        return [(row.id, row.name, row.payload) for row in rows]


def _visible_ids(api: Api, role: str, after: int = 0) -> list[int]:
    who = Principal(user_id=api.user_ids[role], username=role, role=Role(role))
    return [
        i for i, name, data in _outbox(api, after) if stream.visible(who, Published(i, name, data))
    ]


def _open_ticket(api: Api, **changes: object) -> int:
    with api.client() as http:
        response = http.post("/api/v1/tickets", json={**NEW, **changes})
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def _opened(ticket_id: int) -> Callable[[Message], bool]:
    return lambda m: m["name"] == "TicketOpened" and m["data"]["ticket_id"] == ticket_id


def test_a_stream_without_a_valid_token_is_closed_with_a_code_a_browser_can_read(
    api: Api,
) -> None:
    base = api.base_url.replace("http://", "ws://") + "/api/v1/stream"
    for url in (base, base + "?token=not-a-token"):
        with connect(url, proxy=None) as ws, pytest.raises(ConnectionClosed) as closed:
            ws.recv(timeout=10)
        assert closed.value.rcvd is not None
        assert (closed.value.rcvd.code, closed.value.rcvd.reason) == (4401, "unauthenticated")


def test_a_ticket_opened_through_the_api_reaches_the_stream(api: Api, clients: Any) -> None:
    client = clients()
    ready = client.next()
    assert ready["name"] == "ready" and ready["data"] == {}
    ticket_id = _open_ticket(api)
    opened = client.until(_opened(ticket_id))[-1]
    row = next(r for r in _outbox(api) if r[0] == opened["id"])
    assert row[1] == "TicketOpened" and opened["data"] == row[2]
    assert opened["id"] > ready["id"]


def test_the_token_may_come_in_the_authorization_header(api: Api) -> None:
    url = api.base_url.replace("http://", "ws://") + "/api/v1/stream"
    headers = {"Authorization": f"Bearer {api.tokens['supervisor']}"}
    with connect(url, proxy=None, additional_headers=headers) as ws:
        assert json.loads(ws.recv(timeout=10))["name"] == "ready"


def test_reconnecting_with_after_gets_exactly_the_missed_events(api: Api, clients: Any) -> None:
    first = clients()
    first.next()  # ready
    seen = first.until(_opened(_open_ticket(api)))[-1]["id"]
    first.close()
    missed_tickets = [_open_ticket(api, subject=f"漏掉的第{n}单") for n in (1, 2)]

    again = clients(after=seen)
    replayed = again.until(lambda m: m["name"] == "ready")
    assert [m["id"] for m in replayed[:-1]] == _visible_ids(api, "agent", seen)
    opened = [m["data"]["ticket_id"] for m in replayed if m["name"] == "TicketOpened"]
    assert opened == missed_tickets
    cursor = replayed[-1]["id"]
    assert cursor == _outbox(api)[-1][0]

    live_ticket = _open_ticket(api, subject="重连以后")
    live = again.until(_opened(live_ticket))
    assert [m["id"] for m in live] == _visible_ids(api, "agent", cursor)[: len(live)]
    ids = [m["id"] for m in first.events() if m["id"] <= seen] + [m["id"] for m in again.events()]
    assert len(ids) == len(set(ids)) and ids == sorted(ids)


def test_no_event_is_lost_or_repeated_while_writers_race_with_a_reconnect(
    api: Api, clients: Any
) -> None:
    watcher = clients()
    start = watcher.next()["id"]
    joined: list[Client] = []
    opened_some = threading.Event()

    def write(worker: int) -> None:
        for n in range(6):
            _open_ticket(api, subject=f"并发{worker}-{n}")
            if worker == 0 and n == 2:
                opened_some.set()

    writers = [threading.Thread(target=write, args=(w,)) for w in range(4)]
    for thread in writers:
        thread.start()
    assert opened_some.wait(30)
    # A client resuming from the watcher's position while the writers are still going.
    resume_from = start if not watcher.events() else watcher.events()[0]["id"]
    joined.append(clients(after=resume_from))
    for thread in writers:
        thread.join()
    final = _open_ticket(api, subject="最后一单")
    for client in (watcher, joined[0]):
        client.until(_opened(final), timeout=30)
        # the rest of that last ticket's transaction
        while client.received[-1]["id"] < _visible_ids(api, "agent")[-1]:
            client.next()
    assert [m["id"] for m in watcher.events()] == _visible_ids(api, "agent", start)
    assert [m["id"] for m in joined[0].events()] == _visible_ids(api, "agent", resume_from)


def test_events_the_bus_lost_or_reordered_still_arrive_once_and_in_order(
    api: Api, clients: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    client = clients()
    client.next()  # ready
    held: list[list[Published]] = []
    with monkeypatch.context() as patch:  # the bus drops these (a Redis hiccup)...
        patch.setattr(events.bus, "publish", lambda published: held.append(list(published)))
        for n in (1, 2):
            with api.env.db.transaction() as session:
                record(session, TicketChanged(n, ("status",)))
    first, second = held
    events.bus.publish(second)  # ...or brings them late, the second before the first
    events.bus.publish(first)
    with api.env.db.transaction() as session:
        record(session, TicketChanged(3, ("priority",)))
    got = [client.next() for _ in range(3)]
    assert [m["data"]["ticket_id"] for m in got] == [1, 2, 3]
    assert [m["id"] for m in got] == _visible_ids(api, "agent")[-3:]
    with api.env.db.transaction() as session:
        record(session, TicketChanged(4, ("priority",)))
    after = client.next()  # not a late copy of 1 or 2: nothing comes twice
    assert (after["data"]["ticket_id"], after["id"]) == (4, got[-1]["id"] + 1)


def test_a_notification_reaches_only_the_user_it_is_for(api: Api, clients: Any) -> None:
    agent, supervisor = clients("agent"), clients("supervisor")
    before = agent.next()["id"]
    supervisor.next()
    with api.env.db.transaction() as session:
        record(session, Notified(api.user_ids["supervisor"], "sla_warned", None))
    with api.env.db.transaction() as session:
        record(session, Notified(api.user_ids["agent"], "assigned", None))
    for_supervisor = supervisor.next()
    for_agent = agent.next()
    assert (for_supervisor["name"], for_supervisor["data"]["user_id"]) == (
        "Notified",
        api.user_ids["supervisor"],
    )
    assert for_agent["data"]["user_id"] == api.user_ids["agent"]
    assert for_agent["id"] == for_supervisor["id"] + 1, "the agent skipped the other's"
    replay = clients("agent", after=before).until(lambda m: m["name"] == "ready")
    assert [m["id"] for m in replay] == [for_agent["id"], for_agent["id"]]


def test_a_gap_too_large_to_replay_asks_the_client_to_resync(
    api: Api, clients: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "REPLAY_LIMIT", 3)
    with api.env.db.transaction() as session:
        for n in range(5):
            record(session, TicketChanged(n, ("status",)))
    latest = _outbox(api)[-1][0]
    behind = clients(after=0)
    assert behind.next() == {"id": latest, "name": "resync", "data": {"reason": "too_far_behind"}}
    just_enough = clients(after=latest - 3).until(lambda m: m["name"] == "ready")
    assert [m["id"] for m in just_enough] == [latest - 2, latest - 1, latest, latest]
    with api.env.db.transaction() as session:
        record(session, TicketChanged(9, ("status",)))
    assert behind.next()["id"] == latest + 1


def test_a_cursor_the_database_never_gave_out_asks_the_client_to_resync(
    api: Api, clients: Any
) -> None:
    _open_ticket(api)
    message = clients(after=10**6).next()
    assert message == {
        "id": _outbox(api)[-1][0],
        "name": "resync",
        "data": {"reason": "unknown_cursor"},
    }


def test_heartbeats_carry_the_cursor_and_a_deactivated_user_is_cut_off(
    api: Api, clients: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(stream, "HEARTBEAT_S", 0.2)
    client = clients()
    ready = client.next()
    assert client.next() == {"id": ready["id"], "name": "heartbeat", "data": {}}
    with api.env.db.transaction() as session:
        session.execute(
            update(User).where(User.id == api.user_ids["agent"]).values(is_active=False)
        )
    with pytest.raises(ConnectionClosed) as closed:
        client.until(lambda m: False, timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == stream.CLOSE_UNAUTHENTICATED


def test_clients_of_an_outbox_that_went_back_are_told_to_reconnect(api: Api, clients: Any) -> None:
    _open_ticket(api)
    old = clients()
    old.next()
    with api.env.db.write_engine.begin() as conn:  # as if restored from an older backup
        restart = " RESTART IDENTITY" if api.env.backend == "postgresql" else ""
        conn.execute(
            text(("TRUNCATE outbox_event" if restart else "DELETE FROM outbox_event") + restart)
        )
    fresh = clients()
    assert fresh.next() == {"id": 0, "name": "ready", "data": {}}
    with pytest.raises(ConnectionClosed) as closed:
        old.next()
    assert closed.value.rcvd is not None and closed.value.rcvd.code == stream.CLOSE_RESTART


def test_who_sees_what() -> None:
    agent = Principal(user_id=1, username="a", role=Role.AGENT)
    admin = Principal(user_id=3, username="c", role=Role.ADMIN)
    mine = Published(1, "Notified", {"user_id": 1, "kind": "assigned", "ticket_id": 5})
    opened = Published(2, "TicketOpened", {"ticket_id": 5})
    assert stream.visible(agent, mine) and not stream.visible(admin, mine)
    assert stream.visible(agent, opened) and stream.visible(admin, opened)
