"""The portal's rules, free of I/O: code and session lifetimes, digests, signatures, how a
sign-in address is read (a mail address or a mobile number), the SMS sender's retries and how
dates are written for the customer's language."""

from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import datetime, timedelta
from enum import StrEnum
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import phonenumbers
from phonenumbers import PhoneNumberType as PhoneType

CODE_TTL = timedelta(minutes=10)
MAX_TRIES = 5
RATE_WINDOW = timedelta(minutes=10)
RATE_MAX = 3  # codes per address per window
SESSION_TTL = timedelta(days=7)
CODE_DIGITS = 6
# An SMS that is not through in a few minutes is of no use: the code it carries expires with
# CODE_TTL. Seconds to wait after the 1st, 2nd, ... failed try; then the message has failed.
SMS_RETRY_DELAYS = (10, 30, 90, 270)


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


class Via(StrEnum):
    """How a sign-in code reaches the customer."""

    MAIL = "mail"
    SMS = "sms"


class SmsState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"


def via_of(typed: str) -> Via:
    """What the customer typed into the one sign-in field: an address with ``@`` is mail,
    anything else is read as a phone number."""
    return Via.MAIL if "@" in typed else Via.SMS


def is_mobile(e164: str) -> bool:
    """Only a mobile number can receive the code (a landline is a valid phone, but not here)."""
    number = phonenumbers.parse(e164)
    kind = phonenumbers.number_type(number)
    return kind in (PhoneType.MOBILE, PhoneType.FIXED_LINE_OR_MOBILE)


def next_sms_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try an SMS again after ``attempts`` failed tries; ``None``: give up."""
    if attempts > len(SMS_RETRY_DELAYS):
        return None
    return now + timedelta(seconds=SMS_RETRY_DELAYS[attempts - 1])


def format_when(moment: datetime, locale: str, timezone: str) -> str:
    """A date and time as the customer reads it, in the shop's time zone: ``2026年11月23日
    14:05`` in Chinese, ``23 Nov 2026 14:05`` in English."""
    local = moment.astimezone(ZoneInfo(timezone))
    if locale.startswith("zh"):
        return f"{local.year}年{local.month}月{local.day}日 {local:%H:%M}"
    # Month names spelled here: strftime's %b follows the process's C locale.
    return f"{local.day} {_MONTHS[local.month - 1]} {local.year} {local:%H:%M}"


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


def sign_in_link(site_url: str, email: str, code: str) -> str:
    """The one-time sign-in link of the mail: the code form, filled in."""
    return f"{site_url}/support/login/link?" + urlencode({"email": email, "code": code})


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
