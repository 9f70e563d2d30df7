"""Normalising customer identities, so the same person is recognised on every channel.

Pure functions: each returns the normalised value or raises ``InvalidIdentity`` with the message
code of the problem.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum

import phonenumbers
from email_validator import EmailNotValidError, validate_email


class IdentityKind(StrEnum):
    EMAIL = "email"
    PHONE = "phone"
    WECHAT_OPENID = "wechat_openid"
    BUYER_NICK = "buyer_nick"


class InvalidIdentity(ValueError):
    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


_OPENID = re.compile(r"^[A-Za-z0-9_-]{6,64}$")


def normalise_phone(raw: str) -> str:
    """Chinese mobile and landline numbers in any common writing → E.164 (``+8613800138000``).

    ``138 0013 8000``, ``+86-138-0013-8000``, ``0086 13800138000`` and ``010-6552 9988`` are all
    accepted; numbers from other countries need their ``+`` prefix.
    """
    text = unicodedata.normalize("NFKC", raw).strip()
    if text.startswith("00"):
        text = "+" + text[2:]
    try:
        number = phonenumbers.parse(text, "CN")
    except phonenumbers.NumberParseException as exc:
        raise InvalidIdentity("field.phone") from exc
    if not phonenumbers.is_valid_number(number):
        raise InvalidIdentity("field.phone")
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def normalise_email(raw: str) -> str:
    try:
        result = validate_email(raw.strip(), check_deliverability=False)
    except EmailNotValidError as exc:
        raise InvalidIdentity("field.email") from exc
    # Mailbox names are case-insensitive in practice; comparing lower-cased avoids duplicates.
    return result.normalized.lower()


def normalise_openid(raw: str) -> str:
    text = raw.strip()
    if not _OPENID.match(text):
        raise InvalidIdentity("field.invalid")
    return text


def normalise_buyer_nick(raw: str) -> str:
    text = unicodedata.normalize("NFKC", raw).strip()
    if not text or len(text) > 64:
        raise InvalidIdentity("field.invalid")
    return text


NORMALISERS = {
    IdentityKind.EMAIL: normalise_email,
    IdentityKind.PHONE: normalise_phone,
    IdentityKind.WECHAT_OPENID: normalise_openid,
    IdentityKind.BUYER_NICK: normalise_buyer_nick,
}


def normalise(kind: IdentityKind, raw: str) -> str:
    return NORMALISERS[kind](raw)


def searchable_forms(kind: str, value: str) -> list[str]:
    """How people type an identity into a search box: a Chinese phone also without +86."""
    if kind == IdentityKind.PHONE and value.startswith("+86"):
        return [value, value[3:]]
    return [value]


def name_spellings(name: str) -> list[str]:
    """Pinyin of a Chinese name, whole and by initials (王小姐 → wangxiaojie, wxj), so an agent
    can find a customer by typing the name the way an input method starts."""
    from pypinyin import Style, lazy_pinyin

    han = "".join(ch for ch in name if "\u4e00" <= ch <= "\u9fff")
    if not han:
        return []
    return ["".join(lazy_pinyin(han)), "".join(lazy_pinyin(han, style=Style.FIRST_LETTER))]


def merged_tags(first: list[str], second: list[str]) -> list[str]:
    """Tags of two merged customers: both, in first-seen order, without repeats."""
    return list(dict.fromkeys([*first, *second]))
