"""The web chat's pure rules for read receipts, typing signals and files: the read frame, when a
typing signal is passed on, that read positions only go forward, what an upload is (by its
bytes, not its claims), the upload form, and the signed file address."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from kefu.channels.webchat import rules
from kefu.channels.webchat.rules import FileKind, FrameError, Read, Upload, UploadRefused

T0 = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"
GIF = b"GIF89a\x01\x00\x01\x00\x80\x00"
WEBP = b"RIFF\x24\x00\x00\x00WEBPVP8 "


def frame(**data: object) -> str:
    return json.dumps(data)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        (frame(type="read", last_id=12), Read(12)),
        (frame(type="read", last_id=1), Read(1)),
        (frame(type="read"), "webchat.bad_read"),
        (frame(type="read", last_id=0), "webchat.bad_read"),
        (frame(type="read", last_id=-3), "webchat.bad_read"),
        (frame(type="read", last_id="12"), "webchat.bad_read"),
        (frame(type="read", last_id=True), "webchat.bad_read"),
        (frame(type="read", last_id=1.5), "webchat.bad_read"),
        (frame(type="read", last_id=2**31), "webchat.bad_read"),
    ],
)
def test_a_read_frame_names_a_message_id(raw: str, expected: Read | str) -> None:
    if isinstance(expected, Read):
        assert rules.read_frame(raw) == expected
        return
    with pytest.raises(FrameError) as refused:
        rules.read_frame(raw)
    assert refused.value.code == expected
    assert refused.value.explain("zh-CN") == "已读位置 last_id 缺失或不是本会话的消息"


@pytest.mark.parametrize(
    ("last", "now", "due"),
    [
        (None, T0, True),  # the first signal
        (T0, T0 + timedelta(seconds=1), False),
        (T0, T0 + timedelta(seconds=2.999), False),
        (T0, T0 + timedelta(seconds=3), True),
        (T0, T0 + timedelta(minutes=5), True),
        (T0, T0 - timedelta(seconds=10), True),  # a clock that went back must not mute it
    ],
)
def test_typing_is_passed_on_at_most_every_three_seconds(
    last: datetime | None, now: datetime, due: bool
) -> None:
    assert rules.typing_due(last, now) is due


@pytest.mark.parametrize(
    ("current", "reported", "moves"),
    [(None, 5, True), (5, 6, True), (5, 5, False), (9, 5, False)],
)
def test_a_read_position_only_goes_forward(current: int | None, reported: int, moves: bool) -> None:
    assert rules.read_moves(current, reported) is moves


@pytest.mark.parametrize(
    ("head", "declared", "kind"),
    [
        (PNG, "image/png", FileKind("image/png", True)),
        (PNG, "application/octet-stream", FileKind("image/png", True)),  # the bytes decide
        (JPEG, "", FileKind("image/jpeg", True)),
        (GIF, "image/gif", FileKind("image/gif", True)),
        (WEBP, "image/webp", FileKind("image/webp", True)),
        (b"XXXX\x00\x00\x00\x00WEBPVP8 ", "image/webp", FileKind(rules.GENERIC_TYPE, False)),
        (b"<html><script>", "image/png", FileKind(rules.GENERIC_TYPE, False)),  # a false claim
        (b"<svg xmlns=", "image/svg+xml", FileKind(rules.GENERIC_TYPE, False)),
        (b"<html>", "text/html", FileKind(rules.GENERIC_TYPE, False)),
        (b"%PDF-1.7\n", "application/pdf", FileKind("application/pdf", False)),
        (b"PK\x03\x04", "Application/ZIP; charset=binary", FileKind("application/zip", False)),
        (b"hello", "not a type", FileKind(rules.GENERIC_TYPE, False)),
        (b"hello", "", FileKind(rules.GENERIC_TYPE, False)),
    ],
)
def test_what_an_upload_is_comes_from_its_first_bytes(
    head: bytes, declared: str, kind: FileKind
) -> None:
    assert rules.file_kind(head, declared) == kind


def test_the_upload_form_gives_the_client_id_the_caption_and_a_clean_file_name() -> None:
    assert rules.read_upload("f-1", "  看这张  ", "C:\\Users\\王\\发票.pdf") == Upload(
        "f-1", "看这张", "发票.pdf"
    )
    assert rules.read_upload("f-2", None, "照片\x00.jpg") == Upload("f-2", "", "照片.jpg")
    long_name = "长" * 300 + ".jpeg"
    cut = rules.read_upload("f-3", "", long_name).filename
    assert len(cut) == rules.MAX_FILENAME and cut.endswith(".jpeg")


@pytest.mark.parametrize(
    ("client_id", "text", "filename", "problems"),
    [
        (None, "", "a.png", {"client_id": "webchat.bad_client_id"}),
        ("有空格 的", "", "a.png", {"client_id": "webchat.bad_client_id"}),
        ("f-1", "", None, {"file": "webchat.file_missing"}),
        ("f-1", "", "   ", {"file": "webchat.file_missing"}),
        ("f-1", "长" * (rules.MAX_TEXT + 1), "a.png", {"text": "field.too_long"}),
        ("", 5, "", {"client_id": "webchat.bad_client_id", "text": "field.type",
                     "file": "webchat.file_missing"}),
    ],
)  # fmt: skip
def test_a_bad_upload_form_names_every_bad_field(
    client_id: object, text: object, filename: object, problems: dict[str, str]
) -> None:
    with pytest.raises(UploadRefused) as refused:
        rules.read_upload(client_id, text, filename)
    assert refused.value.problems == problems


def test_a_file_address_is_signed_for_its_chat_and_its_file() -> None:
    one = rules.file_signature("a" * 64, 7)
    assert len(one) == 32
    assert one == rules.file_signature("a" * 64, 7)
    assert one != rules.file_signature("b" * 64, 7)  # another chat
    assert one != rules.file_signature("a" * 64, 8)  # another file
    assert rules.file_path(3, 7, one) == f"/chat/files/3/7/{one}"


def test_a_ticket_a_file_opened_is_named_after_the_file() -> None:
    assert rules.file_subject("照片.jpg", True, "zh-CN") == "[图片] 照片.jpg"
    assert rules.file_subject("发票.pdf", False, "zh-CN") == "[文件] 发票.pdf"
    assert rules.file_subject("invoice.pdf", False, "en") == "[File] invoice.pdf"
