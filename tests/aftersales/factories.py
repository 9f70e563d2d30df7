"""Helpers for the after-sales rule tests: instants in Beijing time and a check that a decision
explains itself in every shipped language."""

from __future__ import annotations

import string
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from kefu.core.i18n import CATALOG, LOCALES, translate

SH = ZoneInfo("Asia/Shanghai")


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0, s: int = 0) -> datetime:
    """An instant in Beijing time."""
    return datetime(y, mo, d, h, mi, s, tzinfo=SH)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def explained(decision: Any) -> dict[str, str]:
    """The decision's reason in each locale: registered, every placeholder filled."""
    reason, params = decision.reason, decision.params
    assert reason in CATALOG, f"{reason} has no text"
    texts = {}
    for locale in LOCALES:
        assert placeholders(CATALOG[reason][locale]) <= set(params), (reason, locale, params)
        texts[locale] = translate(reason, locale, **params)
    return texts
