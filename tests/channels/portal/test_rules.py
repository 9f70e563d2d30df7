"""The portal's pure rules: how a typed address is read, which numbers can take a text, when a
failed text is tried again, and how dates are written for each language."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kefu.channels.portal import rules
from kefu.channels.portal.rules import Via

NOW = datetime(2026, 11, 23, 6, 5, tzinfo=UTC)


@pytest.mark.parametrize(
    ("typed", "via"),
    [
        ("zhou@example.cn", Via.MAIL),
        ("ZHOU@EXAMPLE.CN", Via.MAIL),
        ("139 1234 5678", Via.SMS),
        ("+86-139-1234-5678", Via.SMS),
        ("zhou", Via.SMS),  # neither: read as a number, which then fails as one
    ],
)
def test_an_address_with_an_at_sign_is_mail_anything_else_a_phone(typed: str, via: Via) -> None:
    assert rules.via_of(typed) == via


@pytest.mark.parametrize(
    ("e164", "mobile"),
    [
        ("+8613912345678", True),
        ("+8618600001111", True),
        ("+861065529988", False),  # a Beijing landline
        ("+85291234567", True),  # Hong Kong mobile
        ("+14155550123", True),  # the US does not tell mobiles apart: either may take a text
    ],
)
def test_only_a_mobile_number_can_take_the_code(e164: str, mobile: bool) -> None:
    assert rules.is_mobile(e164) is mobile


@pytest.mark.parametrize(
    ("attempts", "wait"),
    [(1, 10), (2, 30), (3, 90), (4, 270), (5, None), (9, None)],
)
def test_a_failed_text_waits_longer_each_time_then_fails(attempts: int, wait: int | None) -> None:
    expected = None if wait is None else NOW + timedelta(seconds=wait)
    assert rules.next_sms_attempt(attempts, NOW) == expected


def test_every_retry_falls_inside_the_codes_lifetime() -> None:
    assert timedelta(seconds=sum(rules.SMS_RETRY_DELAYS)) < rules.CODE_TTL


@pytest.mark.parametrize(
    ("moment", "locale", "timezone", "shown"),
    [
        (NOW, "zh-CN", "Asia/Shanghai", "2026年11月23日 14:05"),
        (NOW, "zh-TW", "Asia/Shanghai", "2026年11月23日 14:05"),
        (NOW, "en", "Asia/Shanghai", "23 Nov 2026 14:05"),
        (datetime(2026, 1, 5, 17, 30, tzinfo=UTC), "zh-CN", "Asia/Shanghai", "2026年1月6日 01:30"),
        (datetime(2026, 1, 5, 17, 30, tzinfo=UTC), "en", "Asia/Shanghai", "6 Jan 2026 01:30"),
        (NOW, "en", "Europe/London", "23 Nov 2026 06:05"),
    ],
)
def test_dates_are_written_as_the_customer_reads_them(
    moment: datetime, locale: str, timezone: str, shown: str
) -> None:
    assert rules.format_when(moment, locale, timezone) == shown


def test_the_sign_in_link_carries_the_address_and_code_encoded() -> None:
    link = rules.sign_in_link("https://kf.shop.cn", "a+b@example.cn", "012345")
    assert link == "https://kf.shop.cn/support/login/link?email=a%2Bb%40example.cn&code=012345"
