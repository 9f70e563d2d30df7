"""Pictures and files from the visitor over the real server, on SQLite and PostgreSQL: an upload
authenticated by the chat's token is stored as a message with its attachment and acknowledged
like one, reaches the agents and the widget's socket, is served back at an address signed for
that chat only (a picture inline, anything else as a download), and every bad upload is refused
with its field named and nothing stored."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from kefu.tickets.models import Attachment, Message
from tests.channels.webchat.test_socket import Visitor, ticket_of
from tests.conftest import Api

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f"
    b"\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99=\x1d"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)
TOKEN = "X-Kefu-Chat-Token"


@pytest.fixture
def visitors(api: Api) -> Iterator[Callable[..., Visitor]]:
    made: list[Visitor] = []

    def make(**form: str) -> Visitor:
        made.append(Visitor(api, **form))
        return made[-1]

    yield make
    for visitor in made:
        visitor.drop()


def upload(
    api: Api,
    token: str,
    client_id: str,
    name: str,
    data: bytes,
    content_type: str = "application/octet-stream",
    **fields: str,
) -> httpx.Response:
    with httpx.Client(base_url=api.base_url, timeout=30) as http:
        return http.post(
            "/chat/files",
            headers={TOKEN: token, "Origin": "https://shop.example.cn"},
            data={"client_id": client_id, **fields},
            files={"file": (name, data, content_type)},
        )


def counts(api: Api) -> tuple[int, int]:
    with api.env.db.reading() as session:
        messages = session.scalar(select(func.count()).select_from(Message))
        files = session.scalar(select(func.count()).select_from(Attachment))
    return int(messages or 0), int(files or 0)


def test_a_picture_is_stored_acknowledged_pushed_and_shown_inline(api: Api, visitors: Any) -> None:
    visitor = visitors(name="孙女士")
    visitor.connect()
    sent = upload(api, visitor.token, "p1", "破损.png", PNG, "image/png", text="收到就是这样的")
    assert sent.status_code == 201, sent.text
    assert sent.headers["access-control-allow-origin"] == "*"
    ack = sent.json()
    assert (ack["type"], ack["client_id"]) == ("ack", "p1")
    message = ack["message"]
    assert (message["id"], message["text"], message["client_id"]) == (
        ack["message_id"], "收到就是这样的", "p1"
    )  # fmt: skip
    [picture] = message["files"]
    assert (picture["filename"], picture["content_type"], picture["image"]) == (
        "破损.png", "image/png", True
    )  # fmt: skip
    assert picture["size"] == len(PNG)
    pushed = visitor.until(lambda f: f["type"] == "message")[-1]  # the socket has it too
    assert pushed["files"] == [picture] and pushed["id"] == ack["message_id"]

    with httpx.Client(base_url=api.base_url) as http:
        fetched = http.get(picture["url"])
        forged = http.get(picture["url"][:-4] + "0000")
        resumed = http.post("/chat/sessions", json={"token": visitor.token}).json()
    assert fetched.status_code == 200 and fetched.content == PNG
    assert fetched.headers["content-type"] == "image/png"
    assert fetched.headers["content-disposition"].startswith("inline")
    assert fetched.headers["x-content-type-options"] == "nosniff"
    assert forged.status_code == 404
    assert resumed["messages"][-1]["files"] == [picture]

    ticket_id = ticket_of(api, ack["message_id"])
    with api.client() as http:
        [stored] = http.get(f"/api/v1/tickets/{ticket_id}/messages").json()["items"]
        ticket = http.get(f"/api/v1/tickets/{ticket_id}").json()
    assert stored["body"] == "收到就是这样的"
    assert [(a["filename"], a["content_type"]) for a in stored["attachments"]] == [
        ("破损.png", "image/png")
    ]
    assert ticket["channel"] == "web_chat" and ticket["subject"] == "收到就是这样的"


def test_a_file_without_words_opens_a_ticket_named_after_it_and_is_served_as_a_download(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    html = b"<html><script>alert(1)</script></html>"
    sent = upload(api, visitor.token, "f1", "订单截图.png", html, "image/png")  # a false claim
    assert sent.status_code == 201, sent.text
    [fake] = sent.json()["message"]["files"]
    assert (fake["content_type"], fake["image"]) == ("application/octet-stream", False)
    with httpx.Client(base_url=api.base_url) as http:
        fetched = http.get(fake["url"])
    assert fetched.status_code == 200 and fetched.content == html
    assert fetched.headers["content-type"] == "application/octet-stream"
    assert fetched.headers["content-disposition"].startswith("attachment")
    ticket_id = ticket_of(api, sent.json()["message_id"])
    with api.client() as http:
        assert http.get(f"/api/v1/tickets/{ticket_id}").json()["subject"] == "[文件] 订单截图.png"


def test_a_resent_upload_is_acknowledged_with_the_same_id_and_stores_nothing_twice(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    first = upload(api, visitor.token, "same", "a.png", PNG, "image/png")
    again = upload(api, visitor.token, "same", "a.png", PNG, "image/png")
    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["message_id"] == again.json()["message_id"]
    assert counts(api) == (1, 1)


def test_a_file_of_one_chat_cannot_be_fetched_with_another_chats_address(
    api: Api, visitors: Any
) -> None:
    owner, other = visitors(), visitors()
    [picture] = upload(api, owner.token, "p1", "a.png", PNG, "image/png").json()["message"]["files"]
    others = upload(api, other.token, "p1", "b.png", PNG, "image/png").json()["message"]["files"]
    other_session = others[0]["url"].split("/")[3]
    _, _, _, _, attachment_id, signature = picture["url"].split("/")
    with httpx.Client(base_url=api.base_url) as http:
        crossed = http.get(f"/chat/files/{other_session}/{attachment_id}/{signature}")
        missing = http.get(f"/chat/files/99999/{attachment_id}/{signature}")
    assert crossed.status_code == missing.status_code == 404
    assert crossed.json()["error"]["code"] == "not_found"


def test_bad_uploads_are_refused_with_the_field_named_and_store_nothing(
    api: Api, visitors: Any
) -> None:
    visitor = visitors()
    limit = api.env.settings.max_attachment_bytes
    before = stored_files(api)
    too_big = upload(api, visitor.token, "big", "大图.png", PNG + b"\x00" * limit, "image/png")
    no_token = upload(api, "", "t1", "a.png", PNG)
    bad_token = upload(api, "kfc_nope", "t1", "a.png", PNG)
    bad_id = upload(api, visitor.token, "有空格 的", "a.png", PNG)
    empty = upload(api, visitor.token, "e1", "空.txt", b"")
    with httpx.Client(base_url=api.base_url) as http:
        no_file = http.post("/chat/files", headers={TOKEN: visitor.token}, data={"client_id": "n1"})
        not_form = http.post("/chat/files", headers={TOKEN: visitor.token}, json={"x": 1})
        preflight = http.options("/chat/files", headers={"Origin": "https://shop.example.cn"})
    assert too_big.status_code == 413 and too_big.headers["access-control-allow-origin"] == "*"
    assert too_big.json()["error"]["code"] == "payload_too_large"
    assert no_token.status_code == bad_token.status_code == 401
    assert no_token.json()["error"]["message"] == "会话已失效,请重新开始咨询"
    assert bad_id.status_code == 422
    assert "client_id" in bad_id.json()["error"]["fields"]
    assert empty.status_code == 422
    assert empty.json()["error"]["fields"] == {"file": "文件是空的"}
    assert no_file.status_code == not_form.status_code == 422
    assert no_file.json()["error"]["fields"] == {"file": "请选择要发送的文件"}
    assert preflight.status_code == 204
    assert TOKEN in preflight.headers["access-control-allow-headers"]
    assert counts(api) == (0, 0)
    assert stored_files(api) == before  # the refused file's bytes went too


def stored_files(api: Api) -> set[Path]:
    root = api.env.settings.attachments_dir
    return {p for p in root.rglob("*") if p.is_file()} if root.exists() else set()
