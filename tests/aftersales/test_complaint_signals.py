"""Pure rules of the complaint watch and the day's refund register: the words that make a
message a complaint (not when said in the negative), the instant it must be reported by, what
counts as reported in time; when the register is due and each agent's totals."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from kefu.aftersales.rules import (
    AgentTotal,
    ReportFacts,
    complaint_signal,
    register_due,
    report_due,
    reported_in_time,
    totals_by_agent,
)
from tests.aftersales.factories import at


@pytest.mark.parametrize(
    ("text", "keyword"),
    [
        ("鞋子开胶了,我要投诉你们", "投诉"),
        ("再不处理我就给差评", "差评"),
        ("给你们中差评", "中差评"),
        ("我要打12315", "12315"),
        ("我去消协告你们", "消协"),
        ("去消费者协会反映", "消费者协会"),
        ("我要举报你们卖假货", "举报"),
        ("发到网上曝光你们", "曝光"),
        ("我要向市场监管部门反映", "市场监管"),
        ("我要投訴你們", "投訴"),  # traditional script
        ("收到律师函再说", "律师函"),
        ("不给我退货,我就投诉,还要给差评", "投诉"),  # the first word found
    ],
)
def test_a_message_that_threatens_a_complaint_is_seen(text: str, keyword: str) -> None:
    signal = complaint_signal(text)
    assert signal is not None and signal.keyword == keyword
    assert text[signal.position :].startswith(keyword)


@pytest.mark.parametrize(
    "text",
    [
        "鞋子开胶了,要退货",
        "放心,我不会给差评的",
        "没想投诉,就是问问",
        "别担心,不用曝光",
        "好评!谢谢客服",
        "",
    ],
)
def test_an_ordinary_message_or_a_word_said_in_the_negative_is_not_a_complaint(text: str) -> None:
    assert complaint_signal(text) is None


def test_a_negation_far_before_the_word_does_not_cancel_it() -> None:
    signal = complaint_signal("不好意思,但是你们这样我只能投诉了")
    assert signal is not None and signal.keyword == "投诉"


def test_a_complaint_must_be_reported_within_the_sops_minutes() -> None:
    assert report_due(at(2026, 11, 20, 10, 0), 5) == at(2026, 11, 20, 10, 5)
    with pytest.raises(ValueError, match="timezone-aware"):
        report_due(datetime(2026, 11, 20, 10, 0), 5)  # noqa: DTZ001


DUE = at(2026, 11, 20, 10, 5)


@pytest.mark.parametrize(
    ("marked", "informed", "in_time"),
    [
        (None, None, False),
        (DUE, None, True),  # on the last instant still counts
        (None, DUE - timedelta(minutes=4), True),
        (DUE + timedelta(seconds=1), None, False),
        (None, DUE + timedelta(minutes=1), False),
        (DUE + timedelta(minutes=9), DUE - timedelta(minutes=1), True),
    ],
)
def test_marking_the_ticket_a_complaint_or_telling_the_supervisor_by_the_due_instant_is_in_time(
    marked: datetime | None, informed: datetime | None, in_time: bool
) -> None:
    assert reported_in_time(ReportFacts(marked, informed), DUE) is in_time


@pytest.mark.parametrize(
    ("now", "hour", "day"),
    [
        (at(2026, 11, 20, 17, 59, 59), 18, None),
        (at(2026, 11, 20, 18, 0), 18, date(2026, 11, 20)),
        (at(2026, 11, 20, 23, 59), 18, date(2026, 11, 20)),
        # 02:00 UTC is 10:00 in Beijing: the shop's day, not UTC's.
        (datetime(2026, 11, 20, 10, 0, tzinfo=UTC), 18, date(2026, 11, 20)),
        (datetime(2026, 11, 20, 9, 59, tzinfo=UTC), 18, None),
        (at(2026, 11, 21, 0, 0), 0, date(2026, 11, 21)),
    ],
)
def test_the_register_is_due_once_the_shops_clock_passes_the_hour(
    now: datetime, hour: int, day: date | None
) -> None:
    assert register_due(now, hour) == day


def test_a_register_hour_outside_the_day_is_refused() -> None:
    with pytest.raises(ValueError, match="0 to 23"):
        register_due(at(2026, 11, 20, 18), 24)


def test_each_agents_refunds_are_counted_and_summed_in_the_order_they_first_appear() -> None:
    lines = [(7, "客服2号", 50_00, 50), (3, "客服1号", 398_00, 0), (7, "客服2号", 12_50, 13)]
    assert totals_by_agent(lines) == (
        AgentTotal(7, "客服2号", 2, 62_50, 63),
        AgentTotal(3, "客服1号", 1, 398_00, 0),
    )
    assert totals_by_agent([]) == ()
