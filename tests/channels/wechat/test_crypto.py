"""Signatures and safe-mode encryption, checked against WeChat's algorithm written out in the
test helpers."""

from __future__ import annotations

import base64

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

from kefu.channels.wechat import crypto
from tests.channels.wechat.support import AES_KEY, APPID, TOKEN, sample, sign, wechat_encrypt

XML = sample("text.xml")
KEY = base64.b64decode(AES_KEY + "=")


def _raw_encrypt(plain: bytes) -> str:
    encryptor = Cipher(algorithms.AES(KEY), modes.CBC(KEY[:16])).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def test_the_signature_is_sha1_of_the_sorted_parts() -> None:
    assert crypto.signature(TOKEN, "1409304348", "xxxxxx") == sign("1409304348", "xxxxxx", TOKEN)
    assert crypto.signature_matches(sign(TOKEN, "1", "2"), TOKEN, "1", "2")
    assert crypto.signature_matches(sign(TOKEN, "1", "2").upper(), TOKEN, "1", "2")


def test_a_wrong_or_missing_signature_does_not_match() -> None:
    assert not crypto.signature_matches(sign("other", "1", "2"), TOKEN, "1", "2")
    assert not crypto.signature_matches(None, TOKEN, "1", "2")
    assert not crypto.signature_matches("", TOKEN, "1", "2")


def test_what_wechat_encrypts_decrypts_to_the_same_xml() -> None:
    assert crypto.decrypt(wechat_encrypt(XML), AES_KEY, APPID) == XML


def test_encryption_round_trips_and_matches_wechats_layout() -> None:
    encrypted = crypto.encrypt(XML, AES_KEY, APPID, nonce=b"0123456789abcdef")
    assert crypto.decrypt(encrypted, AES_KEY, APPID) == XML
    decryptor = Cipher(algorithms.AES(KEY), modes.CBC(KEY[:16])).decryptor()
    plain = decryptor.update(base64.b64decode(encrypted)) + decryptor.finalize()
    assert len(plain) % 32 == 0 and plain[:16] == b"0123456789abcdef"
    assert int.from_bytes(plain[16:20], "big") == len(XML)
    pad = plain[-1]
    assert plain[20 + len(XML) : -pad] == APPID.encode()


def test_a_message_for_another_appid_is_refused() -> None:
    with pytest.raises(crypto.CryptoError) as refused:
        crypto.decrypt(wechat_encrypt(XML, appid="wxsomeoneelse0001"), AES_KEY, APPID)
    assert refused.value.code == "wechat.wrong_appid"


def test_bad_padding_is_refused() -> None:
    body = b"\x00" * 16 + len(XML).to_bytes(4, "big") + XML + APPID.encode()
    unpadded = body + b"\x00" * (-len(body) % 32)  # zero bytes: no valid PKCS#7 pad
    with pytest.raises(crypto.CryptoError) as refused:
        crypto.decrypt(_raw_encrypt(unpadded), AES_KEY, APPID)
    assert refused.value.code == "wechat.bad_encryption"
    over_block = body + bytes([33]) * (-len(body) % 32 or 32)  # a pad longer than WeChat's 32
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(_raw_encrypt(over_block), AES_KEY, APPID)


def test_a_length_beyond_the_plaintext_is_refused() -> None:
    body = b"\x00" * 16 + (10_000).to_bytes(4, "big") + XML + APPID.encode()
    pad = 32 - len(body) % 32
    with pytest.raises(crypto.CryptoError) as refused:
        crypto.decrypt(_raw_encrypt(body + bytes([pad]) * pad), AES_KEY, APPID)
    assert refused.value.code == "wechat.bad_encryption"


@pytest.mark.parametrize(
    "garbage", ["not base64!", "", "QUJD", base64.b64encode(b"x" * 15).decode()]
)
def test_ciphertext_that_is_not_whole_aes_blocks_is_refused(garbage: str) -> None:
    with pytest.raises(crypto.CryptoError) as refused:
        crypto.decrypt(garbage, AES_KEY, APPID)
    assert refused.value.code == "wechat.bad_encryption"


def test_a_ciphertext_under_another_key_is_refused() -> None:
    other = "ZYXWVUTSRQPONMLKJIHGFEDCBA9876543210zyxwvut"
    with pytest.raises(crypto.CryptoError):
        crypto.decrypt(wechat_encrypt(XML, aes_key=other), AES_KEY, APPID)


def test_an_aes_key_decodes_to_32_bytes_and_bad_ones_are_refused() -> None:
    assert crypto.decode_aes_key(AES_KEY) == KEY and len(KEY) == 32
    for bad in ("short", AES_KEY + "x", AES_KEY[:-1] + "-"):
        with pytest.raises(crypto.CryptoError):
            crypto.decode_aes_key(bad)
