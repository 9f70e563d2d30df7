"""The portal's rules, free of I/O: code and session lifetimes, digests, signatures."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta
from enum import StrEnum

CODE_TTL = timedelta(minutes=10)
MAX_TRIES = 5
RATE_WINDOW = timedelta(minutes=10)
RATE_MAX = 3  # codes per address per window
SESSION_TTL = timedelta(days=7)
CODE_DIGITS = 6


class CodeOutcome(StrEnum):
    """What became of a code request. The page answers the same for all three, so nobody
    learns from it whether an address is known."""

    SENT = "sent"
    UNKNOWN = "unknown"
    RATE_LIMITED = "rate_limited"


def new_code() -> str:
    return f"{secrets.randbelow(10**CODE_DIGITS):0{CODE_DIGITS}d}"


def _mac(secret: str, purpose: str, value: str) -> str:
    message = f"{purpose}\0{value}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def code_digest(secret: str, email: str, code: str) -> str:
    # Keyed: a 6-digit code has too little entropy for a plain digest to hide it.
    return _mac(secret, "portal-code", f"{email}\0{code}")


def codes_match(secret: str, email: str, code: str, digest: str) -> bool:
    return hmac.compare_digest(code_digest(secret, email, code.strip()), digest)


def new_session_token() -> str:
    return secrets.token_urlsafe(32)


def session_digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def sign(secret: str, token: str) -> str:
    """The cookie's value: the token and its signature."""
    return f"{token}.{_mac(secret, 'portal-session', token)}"


def unsign(secret: str, value: str) -> str | None:
    token, _, signature = value.rpartition(".")
    if not token or not hmac.compare_digest(_mac(secret, "portal-session", token), signature):
        return None
    return token


def csrf_token(secret: str, browser_key: str) -> str:
    """The form token for a browser (double submit: the key is in a cookie, the token in the
    form; another site can send the cookie but cannot read it to compute the token)."""
    return _mac(secret, "portal-csrf", browser_key)


def csrf_ok(secret: str, browser_key: str | None, token: str | None) -> bool:
    if not browser_key or not token:
        return False
    return hmac.compare_digest(csrf_token(secret, browser_key), token)
