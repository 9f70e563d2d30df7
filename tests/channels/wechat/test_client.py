"""The API client against the local stand-in for WeChat, with tokens cached in the database
(SQLite and PostgreSQL): fetched once, replaced early, renewed at once when refused; WeChat's
error codes surfacing as outcomes; media downloaded within a size limit."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from kefu.channels.wechat.client import (
    ApiError,
    Credentials,
    MediaTooLarge,
    Token,
    WechatClient,
)
from kefu.channels.wechat.models import WechatAccessToken
from kefu.channels.wechat.rules import ApiOutcome
from kefu.channels.wechat.tokens import DbTokenStore
from kefu.core import clock
from tests.channels.wechat.conftest import SECRET
from tests.channels.wechat.fake_api import FakeWechat
from tests.channels.wechat.support import APPID, OPENID, add_account
from tests.conftest import Env

T0 = datetime(2026, 11, 23, 9, 0, tzinfo=UTC)


@pytest.fixture
def creds(env: Env) -> Credentials:
    account = add_account(env, secret=SECRET)
    return Credentials(account.id, APPID, SECRET)


@pytest.fixture
def client(env: Env, fake_wechat: FakeWechat) -> Iterator[WechatClient]:
    clock.set_clock(lambda: T0)
    fake_wechat.customer_wrote(OPENID, T0)
    with httpx.Client(timeout=30) as http:
        yield WechatClient(env.settings.wechat_api_base, DbTokenStore(env.db), http)


def test_the_token_is_fetched_once_and_kept_in_the_database_with_its_expiry(
    env: Env, fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    client.send_text(creds, OPENID, "您好,您的订单已发货")
    client.send_text(creds, OPENID, "预计明天送达")
    assert fake_wechat.token_requests == 1
    assert fake_wechat.calls == ["token", "send", "send"]
    with env.db.reading() as session:
        row = session.get(WechatAccessToken, creds.account_id)
    assert row is not None and row.expires_at == T0 + timedelta(seconds=7200)


def test_the_token_is_replaced_five_minutes_before_it_expires(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    first = client.access_token(creds)
    clock.set_clock(lambda: T0 + timedelta(seconds=7200 - 301))
    assert client.access_token(creds) == first
    clock.set_clock(lambda: T0 + timedelta(seconds=7200 - 300))
    assert client.access_token(creds) != first
    assert fake_wechat.token_requests == 2


def test_a_refused_token_is_renewed_at_once_and_the_call_made_again(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    client.send_text(creds, OPENID, "第一条")
    fake_wechat.revoke_tokens()  # another client fetched a token: ours now gets 40001
    client.send_text(creds, OPENID, "第二条")
    assert fake_wechat.calls == ["token", "send", "send", "token", "send"]
    assert [m["text"]["content"] for m in fake_wechat.sent] == ["第一条", "第二条"]


@pytest.mark.parametrize("errcode", [40001, 42001, 40014])
def test_a_token_error_is_retried_only_once(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials, errcode: int
) -> None:
    fake_wechat.fail_next("send", errcode, errcode)
    with pytest.raises(ApiError) as raised:
        client.send_text(creds, OPENID, "您好")
    assert raised.value.errcode == errcode
    assert raised.value.outcome == ApiOutcome.TOKEN_INVALID
    assert fake_wechat.calls == ["token", "send", "token", "send"]
    assert fake_wechat.sent == []


def test_an_expired_token_wechat_still_held_is_renewed(
    env: Env, fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    # A stored token that looks fresh to us but that WeChat considers expired (42001).
    DbTokenStore(env.db).save(creds.account_id, Token("STALE", T0 + timedelta(hours=1)), T0)
    fake_wechat.tokens["STALE"] = T0
    client.send_text(creds, OPENID, "您好")
    assert fake_wechat.calls == ["send", "token", "send"]
    assert len(fake_wechat.sent) == 1


def test_outside_the_window_wechat_answers_45015(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    clock.set_clock(lambda: T0 + timedelta(hours=48))
    with pytest.raises(ApiError) as raised:
        client.send_text(creds, OPENID, "您好")
    assert (raised.value.errcode, raised.value.outcome) == (45015, ApiOutcome.WINDOW_CLOSED)


def test_the_sixth_reply_in_a_window_is_refused_with_45047(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    for n in range(5):
        client.send_text(creds, OPENID, f"第{n + 1}条")
    with pytest.raises(ApiError) as raised:
        client.send_text(creds, OPENID, "第6条")
    assert (raised.value.errcode, raised.value.outcome) == (45047, ApiOutcome.TOO_MANY)


@pytest.mark.parametrize(
    ("errcode", "outcome"), [(-1, ApiOutcome.RETRY), (48001, ApiOutcome.FAILED)]
)
def test_busy_and_unauthorised_are_told_apart(
    fake_wechat: FakeWechat,
    client: WechatClient,
    creds: Credentials,
    errcode: int,
    outcome: ApiOutcome,
) -> None:
    fake_wechat.fail_next("send", errcode)
    with pytest.raises(ApiError) as raised:
        client.send_text(creds, OPENID, "您好")
    assert (raised.value.errcode, raised.value.outcome) == (errcode, outcome)
    client.send_text(creds, OPENID, "您好")  # the next call goes through
    assert len(fake_wechat.sent) == 1


def test_a_wrong_secret_gets_no_token(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    wrong = Credentials(creds.account_id, APPID, "not-the-secret")
    with pytest.raises(ApiError) as raised:
        client.send_text(wrong, OPENID, "您好")
    assert (raised.value.errcode, raised.value.outcome) == (40125, ApiOutcome.FAILED)


def test_an_unreachable_api_is_retried_later(env: Env, creds: Credentials) -> None:
    with httpx.Client(timeout=5) as http:
        client = WechatClient("http://127.0.0.1:9", DbTokenStore(env.db), http)
        with pytest.raises(ApiError) as raised:
            client.send_text(creds, OPENID, "您好")
    assert raised.value.errcode is None and raised.value.outcome == ApiOutcome.RETRY


def test_media_comes_back_with_its_type_and_name(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    picture = b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8
    fake_wechat.media["MEDIA1"] = (picture, "image/jpeg", "MEDIA1.jpg")
    media = client.get_media(creds, "MEDIA1", 64 * 1024)
    assert (media.content, media.content_type, media.filename) == (
        picture,
        "image/jpeg",
        "MEDIA1.jpg",
    )


def test_unknown_media_is_40007_and_too_large_media_is_refused(
    fake_wechat: FakeWechat, client: WechatClient, creds: Credentials
) -> None:
    with pytest.raises(ApiError) as raised:
        client.get_media(creds, "GONE", 1024)
    assert (raised.value.errcode, raised.value.outcome) == (40007, ApiOutcome.FAILED)
    fake_wechat.media["BIG"] = (b"x" * 5000, "image/png", "BIG.png")
    with pytest.raises(MediaTooLarge):
        client.get_media(creds, "BIG", 4999)
