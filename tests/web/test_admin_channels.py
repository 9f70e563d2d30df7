"""WeChat accounts and the read-only channel settings over HTTP on both databases: secrets are
never given back in full."""

from __future__ import annotations

import base64

from sqlalchemy import select

from kefu.channels.wechat import service as wechat
from kefu.channels.wechat.models import WechatAccount
from tests.conftest import Api
from tests.web.test_admin_access import error_near, post_form, signed_in

PAGE = "/admin/wechat"
AES_KEY = base64.b64encode(bytes(range(32))).decode().rstrip("=")
TOKEN = "token-abcdefghij-1234"
SECRET = "appsecret-0123456789abcdef"


def _accounts(api: Api) -> list[tuple[str, str, str | None, str | None, str]]:
    with api.env.db.reading() as session:
        return [
            (a.name, a.token, a.aes_key, a.secret, a.appid) for a in wechat.list_accounts(session)
        ]


def _add(api: Api, **fields: str) -> str:
    form = {"name": "shop", "appid": "wx1234567890", "token": TOKEN, "aes_key": AES_KEY,
            "secret": SECRET, **fields}  # fmt: skip
    with signed_in(api, "admin") as client:
        response = post_form(client, PAGE, PAGE, form)
        if response.status_code == 303:
            return client.get(response.headers["location"]).text
        assert response.status_code == 422
        return response.text


def test_an_account_is_added_and_shown_masked(api: Api) -> None:
    page = _add(api)
    assert "公众号已接入" in page
    assert _accounts(api) == [("shop", TOKEN, AES_KEY, SECRET, "wx1234567890")]
    for secret in (TOKEN, AES_KEY, SECRET):
        assert secret not in page
    assert "••••••••1234" in page and "/channels/wechat/shop" in page


def test_a_bad_key_is_refused_beside_its_field_and_never_echoed(api: Api) -> None:
    page = _add(api, aes_key="too-short-key", appid="wx 12")
    assert "EncodingAESKey" in error_near(page, "add-account", "aes_key")
    assert "AppID" in error_near(page, "add-account", "appid")
    assert "too-short-key" not in page and TOKEN not in page
    assert _accounts(api) == []


def test_an_edit_keeps_empty_secrets_and_can_remove_the_key(api: Api) -> None:
    _add(api)
    with api.env.db.reading() as session:
        ident = session.scalar(select(WechatAccount.id))
    with signed_in(api, "admin") as client:
        form = {
            "appid": "wx0987654321",
            "token": "",
            "aes_key": "",
            "secret": "",
            "clear_aes_key": "on",
        }
        assert post_form(client, PAGE, f"{PAGE}/{ident}", form).status_code == 303
        bad = post_form(client, PAGE, f"{PAGE}/{ident}", {"appid": "wx1", "token": "has space"})
        assert "令牌" in error_near(bad.text, f"account-{ident}", "token")
    assert _accounts(api) == [("shop", TOKEN, None, SECRET, "wx0987654321")]


def test_the_channel_settings_page_masks_what_is_secret(api: Api) -> None:
    settings = api.env.settings
    saved = (settings.smtp_out_url, settings.imap_url)
    settings.smtp_out_url = "smtp://kefu:mail-password-123456@smtp.example.cn:465"
    settings.imap_url = ""
    try:
        with signed_in(api, "admin") as client:
            page = client.get("/admin/channels").text
    finally:
        settings.smtp_out_url, settings.imap_url = saved
    assert "mail-password-123456" not in page
    assert "smtp://kefu:••••••••3456@smtp.example.cn:465" in page
    assert "KEFU_IMAP_URL" in page and "未配置" in page
    assert "未配置:电话回调拒绝所有请求" in page
