"""Changing a registered WeChat official account, beyond ``kefu.channels.wechat.service`` (which
adds and lists them): the AppID, Token, EncodingAESKey and AppSecret, checked by the channel's
own ``rules.check_account`` before anything is written. A secret left empty keeps the one
stored; the key and the AppSecret may be removed. The name stays: it is the server address
configured in the WeChat console."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy.orm import Session

from kefu.channels.wechat import rules
from kefu.channels.wechat.models import WechatAccount
from kefu.core.errors import FieldError, Invalid, NotFound


@dataclass(frozen=True)
class AccountChange:
    appid: str
    token: str = ""  # empty: keep
    aes_key: str = ""  # empty: keep (unless cleared)
    secret: str = ""  # empty: keep (unless cleared)
    clear_aes_key: bool = False
    clear_secret: bool = False


def _kept(given: str, stored: str | None, clear: bool) -> str | None:
    if clear:
        return None
    return given.strip() or stored


def update_account(session: Session, account_id: int, change: AccountChange) -> WechatAccount:
    account = session.get(WechatAccount, account_id)
    if account is None:
        raise NotFound("wechat.account_not_found", name=str(account_id))
    appid = change.appid.strip()
    token = change.token.strip() or account.token
    aes_key = _kept(change.aes_key, account.aes_key, change.clear_aes_key)
    secret = _kept(change.secret, account.secret, change.clear_secret)
    problems = rules.check_account(account.name, appid, token, aes_key, secret)
    if problems:
        raise Invalid("validation_failed", fields={k: FieldError(v) for k, v in problems.items()})
    account.appid, account.token, account.aes_key, account.secret = appid, token, aes_key, secret
    session.flush()
    return account
