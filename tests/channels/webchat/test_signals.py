"""Typing indicators and read receipts over the real server, on SQLite and PostgreSQL: the
visitor's typing and reading reach the agents' stream and the chat's state, an agent's typing
and reading reach the widget's socket, both throttled or only moving forward, and bad input is
refused with nothing stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import func, select

from kefu.core import clock
from kefu.core.events import OutboxEvent
from tests.api.test_stream_ws import Client
from tests.channels.webchat.test_socket import Visitor, reply, ticket_of
from tests.conftest import Api

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)


@pytest.fixture
def visitors(api: Api) -> Iterator[Callable[..., Visitor]]:
    made: list[Visitor] = []

    def make(**form: str) -> Visitor:
        made.append(Visitor(api, **form))
        return made[-1]

    yield make
    for visitor in made:
        visitor.drop()


@pytest.fixture
def staff(api: Api) -> Iterator[Client]:
    client = Client(api, "agent")
    client.until(lambda m: m["name"] == "ready")
    yield client
    client.close()


@pytest.fixture
def frozen() -> Iterator[Callable[[datetime], None]]:
    now = [T0]
    clock.set_clock(lambda: now[0])

    def at(instant: datetime) -> None:
        now[0] = instant

    yield at
    clock.set_clock(None)


def chatting(visitors: Callable[..., Visitor], api: Api) -> tuple[Visitor, int, int]:
    """A visitor who has said something: the visitor, the ticket and their message's id."""
    visitor = visitors(name="吴女士")
    visitor.connect()
    message_id = int(visitor.say("c1", "这件衣服有 XL 码吗?")["message_id"])
    return visitor, ticket_of(api, message_id), message_id


def outbox(api: Api, name: str) -> int:
    with api.env.db.reading() as session:
        found = session.scalar(
            select(func.count()).select_from(OutboxEvent).where(OutboxEvent.name == name)
        )
        return int(found or 0)


# -- the visitor's side reaching the agents --------------------------------------------------------


def test_the_visitors_typing_reaches_the_agents_at_most_every_three_seconds(
    api: Api, visitors: Any, staff: Client, frozen: Callable[[datetime], None]
) -> None:
    visitor, ticket_id, _ = chatting(visitors, api)
    visitor.send(type="typing")
    typing = staff.until(lambda m: m["name"] == "ChatTyping")[-1]["data"]
    assert typing == {"ticket_id": ticket_id, "who": "customer", "user_id": None}
    with api.client() as http:
        state = http.get(f"/api/v1/tickets/{ticket_id}/chat").json()
    assert datetime.fromisoformat(state["customer_typing_at"]) == T0

    visitor.drop()  # a second connection: the database throttles, not only the socket
    visitor.connect(after=0)
    frozen(T0 + timedelta(seconds=1))
    visitor.send(type="typing")
    visitor.send(type="ping")
    visitor.until(lambda f: f["type"] == "pong")
    assert outbox(api, "ChatTyping") == 1

    frozen(T0 + timedelta(seconds=4))
    visitor.drop()
    visitor.connect(after=0)
    visitor.send(type="typing")
    staff.until(lambda m: m["name"] == "ChatTyping")
    assert outbox(api, "ChatTyping") == 2
    assert not [f for f in visitor.frames if f["type"] == "typing"]  # not echoed to the visitor


def test_the_visitors_read_position_is_stored_published_and_only_moves_forward(
    api: Api, visitors: Any, staff: Client
) -> None:
    visitor, ticket_id, first = chatting(visitors, api)
    answer = reply(api, ticket_id, "有的亲,XL 码还有库存")
    visitor.until(lambda f: f["type"] == "message" and f["id"] == answer)
    visitor.send(type="read", last_id=answer)
    read = staff.until(lambda m: m["name"] == "ChatRead")[-1]["data"]
    assert read == {"ticket_id": ticket_id, "who": "customer", "user_id": None, "last_id": answer}
    visitor.send(type="read", last_id=first)  # an older tab: changes nothing
    visitor.send(type="ping")
    visitor.until(lambda f: f["type"] == "pong")
    with api.client() as http:
        state = http.get(f"/api/v1/tickets/{ticket_id}/chat").json()
    assert state["customer_read_id"] == answer
    assert outbox(api, "ChatRead") == 1


def test_a_read_of_a_message_the_visitor_cannot_see_is_refused_and_stores_nothing(
    api: Api, visitors: Any
) -> None:
    visitor, ticket_id, _ = chatting(visitors, api)
    note = reply(api, ticket_id, "内部备注:这位客户上次退过货", public=False)
    for last_id in (note, note + 1000):
        visitor.send(type="read", last_id=last_id)
        refused = visitor.until(lambda f: f["type"] == "error")[-1]
        assert refused["code"] == "webchat.bad_read"
        assert refused["message"] == "已读位置 last_id 缺失或不是本会话的消息"
    _, _, others_message = chatting(visitors, api)  # another visitor's message
    visitor.send(type="read", last_id=others_message)
    assert visitor.until(lambda f: f["type"] == "error")[-1]["code"] == "webchat.bad_read"
    with api.client() as http:
        assert http.get(f"/api/v1/tickets/{ticket_id}/chat").json()["customer_read_id"] is None
    assert outbox(api, "ChatRead") == 0


# -- the agents' side reaching the widget ----------------------------------------------------------


def test_an_agent_typing_shows_on_the_widget_with_the_agents_name_throttled(
    api: Api, visitors: Any, frozen: Callable[[datetime], None]
) -> None:
    visitor, ticket_id, _ = chatting(visitors, api)
    with api.client() as http:
        first = http.post(f"/api/v1/tickets/{ticket_id}/typing")
        frozen(T0 + timedelta(seconds=2))
        second = http.post(f"/api/v1/tickets/{ticket_id}/typing")
    assert (first.status_code, first.json()) == (200, {"published": True})
    assert (second.status_code, second.json()) == (200, {"published": False})
    typing = visitor.until(lambda f: f["type"] == "typing")[-1]
    assert typing == {"type": "typing", "who": "agent", "name": "客服1号"}
    assert outbox(api, "ChatTyping") == 1


def test_an_agents_read_marks_the_visitors_messages_and_survives_a_reconnect(
    api: Api, visitors: Any, staff: Client
) -> None:
    visitor, ticket_id, first = chatting(visitors, api)
    second = int(visitor.say("c2", "要黑色的")["message_id"])
    with api.client() as http:
        by_default = http.post(f"/api/v1/tickets/{ticket_id}/read")  # up to the latest
        again = http.post(f"/api/v1/tickets/{ticket_id}/read", json={"last_id": first})
    assert by_default.status_code == 200, by_default.text
    assert by_default.json()["agent_read_id"] == second
    assert again.json()["agent_read_id"] == second  # never backwards
    assert visitor.until(lambda f: f["type"] == "read")[-1] == {"type": "read", "last_id": second}
    published = staff.until(lambda m: m["name"] == "ChatRead")[-1]["data"]
    assert published == {
        "ticket_id": ticket_id, "who": "agent", "user_id": api.user_ids["agent"], "last_id": second
    }  # fmt: skip
    assert outbox(api, "ChatRead") == 1
    visitor.drop()
    assert visitor.connect(after=second)["read_id"] == second


def test_agent_signals_refuse_a_bad_message_a_missing_ticket_and_a_ticket_that_is_no_chat(
    api: Api, visitors: Any
) -> None:
    _, ticket_id, _ = chatting(visitors, api)
    with api.client() as http:
        other = http.post(
            "/api/v1/tickets", json={"subject": "发票", "customer": {"name": "郑先生"}}
        ).json()
        not_here = http.post(f"/api/v1/tickets/{ticket_id}/read", json={"last_id": 10_000})
        not_int = http.post(f"/api/v1/tickets/{ticket_id}/read", json={"last_id": "x"})
        unknown = http.post(f"/api/v1/tickets/{ticket_id}/read", json={"upto": 1})
        missing = http.post("/api/v1/tickets/99999/typing")
        no_chat = http.post(f"/api/v1/tickets/{other['id']}/typing")
        no_chat_state = http.get(f"/api/v1/tickets/{other['id']}/chat")
    with api.client("nobody") as anonymous:
        unauthenticated = anonymous.post(f"/api/v1/tickets/{ticket_id}/typing")
    assert not_here.status_code == 422
    assert not_here.json()["error"]["fields"] == {"last_id": "该消息不属于这个工单"}
    assert not_int.status_code == 422 and "last_id" in not_int.json()["error"]["fields"]
    assert unknown.status_code == 422 and "upto" in unknown.json()["error"]["fields"]
    assert missing.status_code == 404
    assert no_chat.status_code == no_chat_state.status_code == 409
    assert no_chat.json()["error"]["message"] == "该工单不是网页会话"
    assert unauthenticated.status_code == 401
    assert outbox(api, "ChatRead") == outbox(api, "ChatTyping") == 0
    with api.client() as http:
        state = http.get(f"/api/v1/tickets/{ticket_id}/chat").json()
    assert state == {
        "ticket_id": ticket_id,
        "customer_read_id": None,
        "customer_typing_at": None,
        "agent_read_id": None,
    }
