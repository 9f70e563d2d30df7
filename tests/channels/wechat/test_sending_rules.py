"""The pure rules of sending on WeChat: the 48-hour window to the second, what each error code
means, retries, token freshness, the message JSON, the fallback and the media's file name."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import pairwise

import pytest

from kefu.channels.wechat import rules
from kefu.channels.wechat.rules import ApiOutcome, Fallback
from kefu.core.i18n import translate

WROTE = datetime(2026, 11, 27, 18, 0, tzinfo=UTC)  # a Friday evening
H = timedelta(hours=1)


@pytest.mark.parametrize(
    ("now", "sent", "is_open", "remaining", "reason"),
    [
        (WROTE, 0, True, 5, "wechat.window_open"),
        (WROTE + 47 * H, 4, True, 1, "wechat.window_open"),
        (WROTE + 48 * H - timedelta(seconds=1), 0, True, 5, "wechat.window_open"),
        (WROTE + 48 * H, 0, False, 0, "wechat.window_expired"),  # exactly 48 h: closed
        (WROTE + 49 * H, 0, False, 0, "wechat.window_expired"),
        (WROTE + H, 5, False, 0, "wechat.window_quota_used"),  # the sixth reply
        (WROTE + H, 7, False, 0, "wechat.window_quota_used"),
    ],
)
def test_the_window_is_five_replies_within_exactly_48_hours(
    now: datetime, sent: int, is_open: bool, remaining: int, reason: str
) -> None:
    decision = rules.reply_window(WROTE, sent, now)
    assert (decision.open, decision.remaining, decision.reason) == (is_open, remaining, reason)


def test_nights_weekends_and_holidays_pause_nothing_the_window_closes_48_wall_hours_later() -> None:
    decision = rules.reply_window(WROTE, 0, WROTE + H)
    assert decision.closes_at == datetime(2026, 11, 29, 18, 0, tzinfo=UTC)  # Sunday evening
    assert not rules.reply_window(WROTE, 0, datetime(2026, 11, 29, 18, 0, tzinfo=UTC)).open


@pytest.mark.parametrize(
    ("errcode", "outcome"),
    [
        (0, ApiOutcome.OK),
        (45015, ApiOutcome.WINDOW_CLOSED),
        (43004, ApiOutcome.WINDOW_CLOSED),
        (45047, ApiOutcome.TOO_MANY),
        (40001, ApiOutcome.TOKEN_INVALID),
        (40014, ApiOutcome.TOKEN_INVALID),
        (42001, ApiOutcome.TOKEN_INVALID),
        (-1, ApiOutcome.RETRY),
        (45009, ApiOutcome.RETRY),
        (None, ApiOutcome.RETRY),  # no answer at all
        (99999, ApiOutcome.RETRY),  # a code we do not know
        (48001, ApiOutcome.FAILED),
        (40003, ApiOutcome.FAILED),
        (40007, ApiOutcome.FAILED),
        (40125, ApiOutcome.FAILED),
        (45002, ApiOutcome.FAILED),
    ],
)
def test_each_wechat_answer_means_one_outcome(errcode: int | None, outcome: ApiOutcome) -> None:
    assert rules.api_outcome(errcode) == outcome


@pytest.mark.parametrize("errcode", sorted(rules.KNOWN_ERRCODES))
@pytest.mark.parametrize("locale", ["zh-CN", "zh-TW", "en"])
def test_every_known_error_code_is_explained_in_all_three_languages(
    errcode: int, locale: str
) -> None:
    key, params = rules.error_reason(errcode, "ignored")
    text = translate(key, locale, **params)
    assert text != key and str(errcode) in text


def test_an_unknown_code_is_shown_with_wechats_own_message() -> None:
    key, params = rules.error_reason(61451, "invalid parameter")
    assert "61451" in translate(key, **params) and "invalid parameter" in translate(key, **params)
    key, params = rules.error_reason(None, "ConnectError: refused")
    assert "ConnectError" in translate(key, **params)


def test_a_failed_send_is_tried_again_later_and_later_then_given_up() -> None:
    now = WROTE
    waits = [rules.next_attempt(n, now) for n in range(1, len(rules.RETRY_DELAYS) + 2)]
    *retries, given_up = waits
    assert retries[0] == now + timedelta(seconds=30)
    assert all(a is not None and b is not None and a < b for a, b in pairwise(retries))
    assert given_up is None


@pytest.mark.parametrize(
    ("left", "usable"),
    [
        (timedelta(hours=2), True),
        (timedelta(minutes=5, seconds=1), True),
        (timedelta(minutes=5), False),  # replaced 5 minutes early
        (timedelta(minutes=1), False),
        (timedelta(0), False),
    ],
)
def test_a_cached_token_is_replaced_five_minutes_before_it_expires(
    left: timedelta, usable: bool
) -> None:
    assert rules.token_usable(WROTE + left, WROTE) is usable
    assert rules.token_usable(None, WROTE) is False


def test_the_token_expires_when_wechat_says() -> None:
    assert rules.token_expiry(WROTE, 7200) == WROTE + timedelta(hours=2)


def test_a_text_reply_is_wechats_documented_json() -> None:
    assert rules.custom_text("oOPENID", "您好") == {
        "touser": "oOPENID",
        "msgtype": "text",
        "text": {"content": "您好"},
    }


def test_a_held_reply_goes_by_mail_when_there_is_an_address_else_waits_in_the_portal() -> None:
    assert rules.fallback_for("zhang@example.cn") == Fallback.MAIL
    assert rules.fallback_for(None) == Fallback.PORTAL
    assert rules.fallback_for("") == Fallback.PORTAL


@pytest.mark.parametrize(
    ("msg_type", "fields", "expected"),
    [
        ("image", {"MediaId": " M1 ", "PicUrl": "http://x"}, "M1"),
        ("voice", {"MediaId": "M2", "Format": "amr"}, "M2"),
        ("image", {"PicUrl": "http://x"}, None),
        ("video", {"MediaId": "M3"}, None),  # not fetched (yet)
        ("text", {"Content": "hi"}, None),
    ],
)
def test_only_images_and_voice_messages_have_media_to_fetch(
    msg_type: str, fields: dict[str, str], expected: str | None
) -> None:
    assert rules.media_to_fetch(msg_type, fields) == expected


@pytest.mark.parametrize(
    ("kind", "content_type", "given", "expected"),
    [
        ("image", "image/jpeg", "MEDIA.jpg", "MEDIA.jpg"),
        ("image", "image/jpeg", None, "wechat-image-123.jpg"),
        ("voice", "audio/amr", None, "wechat-voice-123.amr"),
        ("image", "image/png; charset=binary", "../../etc/passwd", "wechat-image-123.png"),
        ("image", "application/octet-stream", ".hidden", "wechat-image-123"),
    ],
)
def test_a_media_file_keeps_wechats_name_only_when_it_is_a_plain_file_name(
    kind: str, content_type: str, given: str | None, expected: str
) -> None:
    assert rules.media_filename(kind, "123", content_type, given) == expected
