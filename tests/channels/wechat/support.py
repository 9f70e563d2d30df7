"""Helpers for the WeChat tests: the XML samples, signing as WeChat signs, an account."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import struct
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlencode

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from kefu.channels.wechat import service as wechat
from kefu.channels.wechat.models import WechatAccount
from tests.conftest import Env

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "wechat"

NAME = "shop"
APPID = "wx4f2b6c8d0e1a3579"
TOKEN = "kefuToken2026"
# 43 characters, as the WeChat console generates them.
AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG"
OPENID = "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o"
TIMESTAMP = "1763884800"
NONCE = "1320562132"


def sign(*parts: str) -> str:
    """WeChat's signature: SHA-1 of the parts sorted and joined."""
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def _keeping_tags(value: str) -> Callable[[re.Match[str]], str]:
    return lambda match: match.group(1) + value + match.group(2)


def sample(name: str, **fields: str) -> bytes:
    """A fixture from tests/fixtures/wechat, with some fields' values replaced."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    for field, value in fields.items():
        # group 1: the opening tag and any CDATA start; group 2: any CDATA end and the closing tag
        pattern = re.compile(rf"(<{field}>(?:<!\[CDATA\[)?).*?((?:\]\]>)?</{field}>)", re.DOTALL)
        text, count = pattern.subn(_keeping_tags(value), text)
        assert count == 1, f"{name} has no single <{field}>"
    return text.encode()


def add_account(
    env: Env, *, aes_key: str | None = AES_KEY, secret: str | None = None
) -> WechatAccount:
    with env.db.transaction() as session:
        return wechat.add_account(
            session, name=NAME, appid=APPID, token=TOKEN, aes_key=aes_key, secret=secret
        )


def signed_query(token: str = TOKEN, **extra: str) -> dict[str, str]:
    """What WeChat appends to the push URL in plain mode."""
    return {
        "signature": sign(token, TIMESTAMP, NONCE),
        "timestamp": TIMESTAMP,
        "nonce": NONCE,
        "openid": OPENID,
        **extra,
    }


def wechat_encrypt(xml: bytes, *, appid: str = APPID, aes_key: str = AES_KEY) -> str:
    """WeChat's safe-mode encryption written out here on its own, so the tests do not merely
    check the module against itself."""
    key = base64.b64decode(aes_key + "=")
    plain = os.urandom(16) + struct.pack(">I", len(xml)) + xml + appid.encode()
    pad = 32 - len(plain) % 32
    plain += bytes([pad]) * pad
    encryptor = Cipher(algorithms.AES(key), modes.CBC(key[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def encrypted(
    xml: bytes, *, appid: str = APPID, aes_key: str = AES_KEY
) -> tuple[dict[str, str], bytes]:
    """Query and body of a safe-mode push carrying ``xml``."""
    encrypt = wechat_encrypt(xml, appid=appid, aes_key=aes_key)
    body = (FIXTURES / "encrypted_envelope.xml").read_text(encoding="utf-8")
    query = signed_query(encrypt_type="aes", msg_signature=sign(TOKEN, TIMESTAMP, NONCE, encrypt))
    return query, body.replace("{encrypt}", encrypt).encode()


def url(query: dict[str, str], name: str = NAME) -> str:
    return f"/channels/wechat/{name}?{urlencode(query)}"
