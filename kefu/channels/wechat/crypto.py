"""WeChat's push signatures and its safe-mode (安全模式) message encryption.

Signature: SHA-1 of the sorted parts joined, ``[token, timestamp, nonce]`` for the URL check and
plain pushes, ``[token, timestamp, nonce, Encrypt]`` (``msg_signature``) for encrypted ones.

Encryption: AES-256-CBC, key = Base64(EncodingAESKey + "="), IV = the key's first 16 bytes,
PKCS#7 padding to a 32-byte block, plaintext = 16 random bytes + the XML's length (4 bytes, big
endian) + the XML + the AppID. Pure: bytes in, bytes out; no database, no web.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import os
import re
import struct

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

AES_KEY_LENGTH = 43
BLOCK = 32  # WeChat pads to 32 bytes, not AES's 16: its own PKCS#7 variant
_AES_KEY = re.compile(r"^[A-Za-z0-9+/]{43}$")


class CryptoError(ValueError):
    """A push that cannot be trusted or read; ``code`` keys the message."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def signature(*parts: str) -> str:
    return hashlib.sha1("".join(sorted(parts)).encode()).hexdigest()


def signature_matches(given: str | None, token: str, *parts: str) -> bool:
    """Constant-time: a timing difference would let a forger learn the digest byte by byte."""
    if not given:
        return False
    return hmac.compare_digest(given.strip().lower().encode(), signature(token, *parts).encode())


def decode_aes_key(aes_key: str) -> bytes:
    """The 32-byte AES key from the console's 43-character EncodingAESKey."""
    if not _AES_KEY.match(aes_key):
        raise CryptoError("wechat.bad_aes_key")
    try:
        key = base64.b64decode(aes_key + "=", validate=True)
    except binascii.Error as exc:
        raise CryptoError("wechat.bad_aes_key") from exc
    if len(key) != 32:
        raise CryptoError("wechat.bad_aes_key")
    return key


def _cipher(key: bytes) -> Cipher[modes.CBC]:
    return Cipher(algorithms.AES(key), modes.CBC(key[:16]))


def encrypt(xml: bytes, aes_key: str, appid: str, nonce: bytes | None = None) -> str:
    """What WeChat puts in ``<Encrypt>``; used by tests and by a later encrypted reply."""
    key = decode_aes_key(aes_key)
    prefix = nonce if nonce is not None else os.urandom(16)
    if len(prefix) != 16:
        raise ValueError("the random prefix is 16 bytes")
    plain = prefix + struct.pack(">I", len(xml)) + xml + appid.encode()
    pad = BLOCK - len(plain) % BLOCK
    plain += bytes([pad]) * pad
    encryptor = _cipher(key).encryptor()
    return base64.b64encode(encryptor.update(plain) + encryptor.finalize()).decode()


def decrypt(encrypted: str, aes_key: str, appid: str) -> bytes:
    """The XML inside ``<Encrypt>``, after checking padding, length and AppID.

    Callers check ``msg_signature`` first: the signature covers the ciphertext, so nobody without
    the token can use the padding check below as an oracle."""
    key = decode_aes_key(aes_key)
    try:
        data = base64.b64decode(encrypted.strip(), validate=True)
    except (binascii.Error, ValueError) as exc:
        raise CryptoError("wechat.bad_encryption") from exc
    if not data or len(data) % 16:
        raise CryptoError("wechat.bad_encryption")
    decryptor = _cipher(key).decryptor()
    plain = decryptor.update(data) + decryptor.finalize()
    body = plain[: -_padding(plain)]
    if len(body) < 20:
        raise CryptoError("wechat.bad_encryption")
    (length,) = struct.unpack(">I", body[16:20])
    if 20 + length > len(body):
        raise CryptoError("wechat.bad_encryption")
    xml, sender = body[20 : 20 + length], body[20 + length :]
    # A message encrypted for another account (same key reused, or a replay from elsewhere).
    if not hmac.compare_digest(sender, appid.encode()):
        raise CryptoError("wechat.wrong_appid")
    return xml


def _padding(plain: bytes) -> int:
    pad = plain[-1]
    if not 1 <= pad <= BLOCK or pad > len(plain) or plain[-pad:] != bytes([pad]) * pad:
        raise CryptoError("wechat.bad_encryption")
    return pad
