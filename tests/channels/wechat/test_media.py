"""Media of image and voice messages, on SQLite and PostgreSQL: queued with the push, fetched by
the worker after WeChat had its "success", stored as the message's attachment; retried when
WeChat is busy; given up with a note when the media is gone or too large."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select

from kefu.channels.wechat import media
from kefu.channels.wechat.models import WechatMedia
from kefu.channels.wechat.rules import RETRY_DELAYS
from kefu.core.i18n import translate
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment
from tests.channels.wechat.conftest import SECRET
from tests.channels.wechat.fake_api import FakeWechat
from tests.channels.wechat.sending import at, customer_writes, system_notes
from tests.channels.wechat.support import add_account
from tests.conftest import Env

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)
IMAGE_ID = "Lp4GgXhKNdwyC0sKQ1dLqS2bHUjL6mVvcmb8Dz9hT3xAeR5wPY7c1fGkJNuEoIZs"
VOICE_ID = "QnTvr4iN4WYqUzq9bM3TfHkDsp0yQ6bJm1Gc8sVwE2xAoL5uZ7dRiK3hYgPeNfCt"
PICTURE = b"\xff\xd8\xff\xe0\x00\x10JFIF" + bytes(range(256)) * 40


@pytest.fixture(autouse=True)
def account(env: Env, fake_wechat: FakeWechat) -> None:
    add_account(env, secret=SECRET)
    at(T0)


def media_rows(env: Env) -> list[WechatMedia]:
    with env.db.reading() as session:
        return list(session.scalars(select(WechatMedia).order_by(WechatMedia.id)))


def attachments(env: Env, message_id: int) -> list[tuple[Attachment, bytes]]:
    with env.db.reading() as session:
        found = session.scalars(select(Attachment).where(Attachment.message_id == message_id))
        return [
            (a, tickets.attachment_path(env.settings.attachments_dir, a).read_bytes())
            for a in found
        ]


def test_an_image_is_downloaded_after_the_push_and_attached_to_its_message(
    env: Env, fake_wechat: FakeWechat
) -> None:
    fake_wechat.media[IMAGE_ID] = (PICTURE, "image/jpeg", f"{IMAGE_ID[:8]}.jpg")
    receipt = customer_writes(env, fake_wechat, "image.xml")
    assert receipt.message_id is not None
    assert [r.state for r in media_rows(env)] == ["queued"]
    assert fake_wechat.calls == []  # nothing fetched while WeChat waits for its answer
    assert media.fetch_due(env.db, env.settings) == 1
    [(attachment, content)] = attachments(env, receipt.message_id)
    assert content == PICTURE
    assert (attachment.filename, attachment.content_type, attachment.ticket_id) == (
        f"{IMAGE_ID[:8]}.jpg",
        "image/jpeg",
        receipt.ticket_id,
    )
    [row] = media_rows(env)
    assert (row.state, row.attachment_id, row.attempts) == ("stored", attachment.id, 1)
    assert media.fetch_due(env.db, env.settings) == 0


def test_a_voice_message_is_named_after_its_message_when_wechat_gives_no_name(
    env: Env, fake_wechat: FakeWechat
) -> None:
    fake_wechat.media[VOICE_ID] = (b"#!AMR\n" + b"\x00" * 500, "audio/amr", "")
    receipt = customer_writes(env, fake_wechat, "voice.xml")
    assert receipt.message_id is not None
    media.fetch_due(env.db, env.settings)
    [(attachment, _)] = attachments(env, receipt.message_id)
    assert attachment.filename == "wechat-voice-24361834527812347.amr"


def test_a_redelivered_push_queues_its_media_once(env: Env, fake_wechat: FakeWechat) -> None:
    customer_writes(env, fake_wechat, "image.xml")
    customer_writes(env, fake_wechat, "image.xml")
    assert len(media_rows(env)) == 1


def test_a_busy_wechat_is_asked_again_later(env: Env, fake_wechat: FakeWechat) -> None:
    fake_wechat.media[IMAGE_ID] = (PICTURE, "image/jpeg", "a.jpg")
    fake_wechat.fail_next("media", -1)
    receipt = customer_writes(env, fake_wechat, "image.xml")
    assert receipt.message_id is not None
    media.fetch_due(env.db, env.settings)
    assert [(r.state, r.errcode) for r in media_rows(env)] == [("queued", -1)]
    at(T0 + timedelta(seconds=RETRY_DELAYS[0]))
    media.fetch_due(env.db, env.settings)
    assert [r.state for r in media_rows(env)] == ["stored"]
    assert len(attachments(env, receipt.message_id)) == 1


def test_media_wechat_no_longer_has_is_given_up_with_a_note(
    env: Env, fake_wechat: FakeWechat
) -> None:
    receipt = customer_writes(env, fake_wechat, "image.xml")
    assert receipt.ticket_id is not None
    media.fetch_due(env.db, env.settings)
    assert [(r.state, r.errcode) for r in media_rows(env)] == [("failed", 40007)]
    [note] = system_notes(env, receipt.ticket_id)
    assert "图片" in note and translate("wechat.error.40007") in note


def test_media_larger_than_an_attachment_may_be_is_refused_with_a_note(
    env: Env, fake_wechat: FakeWechat
) -> None:
    too_big = b"\x00" * (env.settings.max_attachment_bytes + 1)
    fake_wechat.media[IMAGE_ID] = (too_big, "image/jpeg", "big.jpg")
    receipt = customer_writes(env, fake_wechat, "image.xml")
    assert receipt.ticket_id is not None and receipt.message_id is not None
    media.fetch_due(env.db, env.settings)
    assert [r.state for r in media_rows(env)] == ["failed"]
    assert attachments(env, receipt.message_id) == []
    [note] = system_notes(env, receipt.ticket_id)
    assert "上限" in note
