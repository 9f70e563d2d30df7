"""The visitor's side over a real server and a real WebSocket, on SQLite and PostgreSQL: the
chat start over HTTP, an acknowledgement only for what is stored, a resend that stores nothing
twice, replies pushed as they commit, a reconnect that gets exactly what it missed, and bad
frames refused with a reason."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest
from sqlalchemy import func, select
from websockets.exceptions import ConnectionClosed
from websockets.sync.client import ClientConnection, connect

from kefu.channels.webchat import live, rules
from kefu.channels.webchat.pages import MARK
from kefu.routing.rules import DeliveryMode
from kefu.tickets.models import Message
from tests.conftest import Api
from tests.routing.test_service import make_group, set_delivery

Frame = dict[str, Any]


class Visitor:
    """A widget's end of the chat: its token, the frames it got, the socket."""

    def __init__(self, api: Api, **form: str) -> None:
        self.api = api
        with httpx.Client(base_url=api.base_url) as http:
            response = http.post("/chat/sessions", json=form)
        assert response.status_code == 201, response.text
        self.token: str = response.json()["token"]
        self.frames: list[Frame] = []
        self._stack = ExitStack()
        self.ws: ClientConnection | None = None

    def connect(self, after: int | None = 0) -> Frame:
        """Open the socket; returns the ``ready`` frame (replayed messages are in ``frames``)."""
        query = {"token": self.token, **({} if after is None else {"after": after})}
        url = self.api.base_url.replace("http://", "ws://") + "/chat/ws?" + urlencode(query)
        self.ws = self._stack.enter_context(connect(url, proxy=None))
        return self.until(lambda f: f["type"] == "ready")[-1]

    def drop(self) -> None:
        self._stack.close()
        self._stack = ExitStack()
        self.ws = None

    def send(self, **frame: object) -> None:
        assert self.ws is not None
        self.ws.send(json.dumps(frame, ensure_ascii=False))

    def say(self, client_id: str, text: str) -> Frame:
        self.send(type="message", client_id=client_id, text=text)
        return self.until(lambda f: f["type"] in ("ack", "error"))[-1]

    def next(self, timeout: float = 10) -> Frame:
        assert self.ws is not None
        frame: Frame = json.loads(self.ws.recv(timeout=timeout))
        self.frames.append(frame)
        return frame

    def until(self, done: Callable[[Frame], bool], timeout: float = 10) -> list[Frame]:
        got = []
        while True:
            got.append(self.next(timeout))
            if done(got[-1]):
                return got

    def messages(self) -> list[Frame]:
        return [f for f in self.frames if f["type"] == "message"]


@pytest.fixture
def visitors(api: Api) -> Iterator[Callable[..., Visitor]]:
    made: list[Visitor] = []

    def make(**form: str) -> Visitor:
        made.append(Visitor(api, **form))
        return made[-1]

    yield make
    for visitor in made:
        visitor.drop()


def reply(api: Api, ticket_id: int, body: str, *, public: bool = True) -> int:
    with api.client() as http:
        response = http.post(
            f"/api/v1/tickets/{ticket_id}/messages", json={"body": body, "public": public}
        )
    assert response.status_code == 201, response.text
    return int(response.json()["id"])


def ticket_of(api: Api, message_id: int) -> int:
    with api.env.db.reading() as session:
        found = session.get(Message, message_id)
        assert found is not None
        return found.ticket_id


def stored_messages(api: Api) -> int:
    with api.env.db.reading() as session:
        return int(session.scalar(select(func.count()).select_from(Message)) or 0)


# -- the chat start ------------------------------------------------------------------------------


def test_a_chat_starts_without_an_account_and_resumes_with_its_history(
    api: Api, visitors: Any
) -> None:
    visitor = visitors(name="陈女士", shop="demo")
    visitor.connect()
    message_id = visitor.say("c1", "你好")["message_id"]
    reply(api, ticket_of(api, message_id), "亲,您好,请问有什么可以帮您?")
    with httpx.Client(base_url=api.base_url) as http:
        resumed = http.post("/chat/sessions", json={"token": visitor.token})
    body = resumed.json()
    assert resumed.status_code == 200 and body["resumed"] is True
    assert body["token"] == visitor.token
    assert [(m["author"], m["text"], m["client_id"]) for m in body["messages"]] == [
        ("customer", "你好", "c1"),
        ("agent", "亲,您好,请问有什么可以帮您?", None),
    ]
    assert body["messages"][1]["name"] == "客服1号"
    assert body["last_id"] == body["messages"][-1]["id"]
    assert body["status"]["type"] == "status"
    assert (body["status"]["state"], body["status"]["agent"]) == ("served", "客服1号")


def test_a_bad_start_names_each_field_in_chinese_and_can_be_read_cross_origin(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as http:
        bad = http.post(
            "/chat/sessions",
            json={"phone": "12", "email": "x@"},
            headers={"Origin": "https://shop.example.cn"},
        )
        not_json = http.post(
            "/chat/sessions", content=b"{oops", headers={"Content-Type": "application/json"}
        )
        unknown = http.post("/chat/sessions", json={"password": "x"})
        preflight = http.options("/chat/sessions", headers={"Origin": "https://shop.example.cn"})
        too_big = http.post("/chat/sessions", json={"page": "x" * 20_000})
    assert bad.status_code == 422 and bad.headers["access-control-allow-origin"] == "*"
    assert bad.json()["error"]["fields"] == {
        "phone": "电话号码格式不正确",
        "email": "邮箱格式不正确",
    }
    assert not_json.status_code == 422 and not_json.json()["error"]["fields"] == {
        "body": "取值无效"
    }
    assert unknown.status_code == 422 and unknown.json()["error"]["fields"] == {
        "password": "未知字段"
    }
    assert too_big.status_code == 422
    assert preflight.status_code == 204
    assert "POST" in preflight.headers["access-control-allow-methods"]
    assert "Content-Type" in preflight.headers["access-control-allow-headers"]
    with api.client() as http:
        assert http.get("/api/v1/customers").json()["items"] == []


# -- storing and acknowledging -------------------------------------------------------------------


def test_a_message_is_acknowledged_once_stored_and_a_resend_stores_nothing(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    ready = visitor.connect()
    assert ready["last_id"] == 0 and ready["status"]["state"] == "idle"
    ack = visitor.say("c-1", "请问这款有现货吗?")
    assert ack["type"] == "ack" and ack["client_id"] == "c-1"
    with api.env.db.read_connection() as conn:  # committed by the time the ack arrived
        text = conn.execute(select(Message.body_text).where(Message.id == ack["message_id"]))
        assert text.scalar_one() == "请问这款有现货吗?"

    again = visitor.say("c-1", "请问这款有现货吗?")  # the ack was lost; the widget resends
    assert again == ack
    visitor.drop()
    visitor.connect(after=ack["message_id"])
    assert visitor.say("c-1", "请问这款有现货吗?") == ack  # on a new connection too
    assert stored_messages(api) == 1
    assert [f for f in visitor.frames if f["type"] == "message"] == []  # never echoed back


def test_an_agent_reply_is_pushed_without_reload_and_notes_are_not(api: Api, visitors: Any) -> None:
    visitor = visitors()
    visitor.connect()
    ticket_id = ticket_of(api, visitor.say("a", "你好")["message_id"])
    reply(api, ticket_id, "内部备注:老客户", public=False)
    reply_id = reply(api, ticket_id, "您好,我是客服1号,很高兴为您服务")
    pushed = visitor.until(lambda f: f["type"] == "message")[-1]
    assert pushed["id"] == reply_id
    assert (pushed["author"], pushed["name"], pushed["text"]) == (
        "agent",
        "客服1号",
        "您好,我是客服1号,很高兴为您服务",
    )
    assert pushed["at"] and pushed["client_id"] is None
    assert [f["text"] for f in visitor.messages()] == ["您好,我是客服1号,很高兴为您服务"]


def test_a_reconnect_gets_exactly_the_replies_it_missed(api: Api, visitors: Any) -> None:
    visitor = visitors()
    visitor.connect()
    ticket_id = ticket_of(api, visitor.say("a", "在吗")["message_id"])
    first = reply(api, ticket_id, "在的")
    seen = visitor.until(lambda f: f["type"] == "message")[-1]["id"]
    assert seen == first
    visitor.drop()  # the connection dies: a train enters a tunnel

    missed = [reply(api, ticket_id, "您的订单已发货"), reply(api, ticket_id, "单号 SF1234567890")]
    visitor.frames.clear()
    ready = visitor.connect(after=seen)
    assert [f["id"] for f in visitor.messages()] == missed
    assert ready["last_id"] == missed[-1]

    live_id = reply(api, ticket_id, "预计明天送达")
    assert visitor.until(lambda f: f["type"] == "message")[-1]["id"] == live_id
    ids = [f["id"] for f in visitor.messages()]
    assert ids == [*missed, live_id] and len(set(ids)) == len(ids)


def test_a_reconnect_replays_the_visitors_own_message_whose_ack_was_lost(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    visitor.connect()
    ack = visitor.say("a", "第一句")
    visitor.send(type="message", client_id="b", text="第二句")
    visitor.drop()  # gone before reading the ack of "b"
    visitor.frames.clear()
    visitor.connect(after=ack["message_id"])
    if not visitor.messages():  # still being stored when the replay read: it comes live
        visitor.until(lambda f: f["type"] == "message")
    [replayed] = visitor.messages()
    assert (replayed["client_id"], replayed["text"], replayed["author"]) == (
        "b",
        "第二句",
        "customer",
    )
    assert visitor.say("b", "第二句")["message_id"] == replayed["id"]
    assert stored_messages(api) == 2


def test_without_after_the_socket_starts_from_now(api: Api, visitors: Any) -> None:
    visitor = visitors()
    visitor.connect()
    ticket_id = ticket_of(api, visitor.say("a", "你好")["message_id"])
    latest = reply(api, ticket_id, "您好")
    visitor.drop()
    visitor.frames.clear()
    ready = visitor.connect(after=None)
    assert visitor.messages() == [] and ready["last_id"] == latest


# -- refusals ------------------------------------------------------------------------------------


def test_bad_frames_are_refused_in_chinese_store_nothing_and_keep_the_line_open(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    visitor.connect()
    assert visitor.ws is not None
    sent: list[str | bytes] = [
        "不是 JSON",
        b"\x00binary",
        json.dumps({"type": "shout"}),
        json.dumps({"type": "message", "text": "没有编号"}),
        json.dumps({"type": "message", "client_id": "e1", "text": "  "}),
        json.dumps({"type": "message", "client_id": "e2", "text": "长" * (rules.MAX_TEXT + 1)}),
    ]
    errors = []
    for raw in sent:
        visitor.ws.send(raw)
        errors.append(visitor.until(lambda f: f["type"] == "error")[-1])
    assert [(e["code"], e["client_id"]) for e in errors] == [
        ("webchat.bad_frame", None),
        ("webchat.bad_frame", None),
        ("webchat.unknown_type", None),
        ("webchat.bad_client_id", None),
        ("webchat.empty_text", "e1"),
        ("webchat.too_long", "e2"),
    ]
    assert errors[0]["message"] == "无法识别的消息格式,请发送 JSON 对象"
    assert errors[2]["message"] == "不支持的消息类型:shout"
    assert errors[5]["message"] == f"消息太长了(最多 {rules.MAX_TEXT} 个字)"
    assert stored_messages(api) == 0
    assert visitor.say("ok", "这条可以")["type"] == "ack"  # still connected
    visitor.send(type="ping")
    assert visitor.until(lambda f: f["type"] == "pong")[-1]["last_id"] > 0


def test_an_unknown_token_is_told_and_closed_with_a_code_the_widget_reads(api: Api) -> None:
    base = api.base_url.replace("http://", "ws://") + "/chat/ws"
    for url in (base, base + "?token=kfc_forged"):
        with connect(url, proxy=None) as ws:
            frame = json.loads(ws.recv(timeout=10))
            with pytest.raises(ConnectionClosed) as closed:
                ws.recv(timeout=10)
        assert frame["type"] == "error" and frame["message"] == "会话已失效,请重新开始咨询"
        assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401


def test_a_quiet_connection_gets_heartbeats(
    api: Api, visitors: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "HEARTBEAT_S", 0.2)
    visitor = visitors()
    ready = visitor.connect()
    beat = visitor.until(lambda f: f["type"] == "heartbeat")[-1]
    assert beat["last_id"] == ready["last_id"]


# -- the widget ----------------------------------------------------------------------------------


def test_the_widget_script_carries_its_texts_and_the_demo_page_embeds_it(api: Api) -> None:
    with httpx.Client(base_url=api.base_url) as http:
        script = http.get("/widget.js")
        demo = http.get("/chat/demo")
    assert script.status_code == 200
    assert script.headers["content-type"].startswith("application/javascript")
    assert MARK not in script.text and "亲,您好!欢迎光临{shop}" in script.text
    assert "Connection lost, reconnecting" in script.text and "連線已中斷" in script.text
    assert demo.status_code == 200 and 'src="/widget.js" data-shop="demo"' in demo.text


def test_a_second_tab_of_the_same_chat_sees_what_the_first_one_sends(
    api: Api, visitors: Any
) -> None:
    first = visitors(phone="13700137000")
    first.connect()
    second = Visitor(api)
    second.token = first.token  # the same browser: one chat, two tabs
    try:
        second.connect()
        opening = first.say("t1", "第一个标签页的问题")
        follow_up = first.say("t2", "补充一句")
        got = second.until(lambda f: f["type"] == "message" and f["client_id"] == "t2")
        ids = [f["id"] for f in got if f["type"] == "message"]
        assert ids == [opening["message_id"], follow_up["message_id"]]
    finally:
        second.drop()


def test_a_waiting_visitor_is_told_the_queue_then_who_took_the_chat(
    api: Api, visitors: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(live, "STATUS_EVERY_S", 0.0)
    env = api.env
    group = make_group(env, "在线客服组", [api.user_ids["agent"]])
    set_delivery(env, DeliveryMode.SINGLE, default_group_id=group)
    visitor = visitors()
    visitor.connect()
    ticket_id = ticket_of(api, visitor.say("a", "有人吗?")["message_id"])
    # Status frames come on their own schedule (one may predate the message): wait for the one
    # that says "waiting" rather than taking the first.
    waiting = visitor.until(lambda f: f["type"] == "status" and f["state"] == "waiting")[-1]
    assert (waiting["state"], waiting["position"], waiting["agents_online"]) == ("waiting", 1, 0)

    with api.client("supervisor") as http:
        taken = http.patch(
            f"/api/v1/tickets/{ticket_id}", json={"assignee_id": api.user_ids["agent"]}
        )
    assert taken.status_code == 200, taken.text
    served = visitor.until(lambda f: f["type"] == "status" and f["state"] == "served")[-1]
    assert (served["state"], served["agent"], served["position"]) == ("served", "客服1号", None)
