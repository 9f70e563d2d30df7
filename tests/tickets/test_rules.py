"""Unit tests for the ticket's pure rules: status machine, numbers, custom fields, bodies."""

from __future__ import annotations

from collections import deque
from datetime import UTC, date, datetime

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st

from kefu.tickets.rules import (
    TRANSITIONS,
    Status,
    check_schema,
    clean_html,
    custom_field_problems,
    decide_transition,
    format_number,
    html_to_text,
    number_day,
    parse_number,
    status_after_agent_reply,
    status_after_customer_message,
    text_to_html,
    timestamps_for,
)

S = Status

# The table as the foundation issue writes it: new → open → pending / on_hold → solved → closed,
# reopen allowed from solved, never from closed. Written out by hand so the code is checked
# against the contract rather than against itself.
DOCUMENTED = {
    S.NEW: {S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED},
    S.OPEN: {S.PENDING, S.ON_HOLD, S.SOLVED},
    S.PENDING: {S.OPEN, S.ON_HOLD, S.SOLVED},
    S.ON_HOLD: {S.OPEN, S.PENDING, S.SOLVED},
    S.SOLVED: {S.OPEN, S.CLOSED},
    S.CLOSED: set(),
}


def _reachable_from(start: Status = S.NEW) -> set[Status]:
    seen, queue = {start}, deque([start])
    while queue:
        for target in TRANSITIONS[queue.popleft()]:
            if target not in seen:
                seen.add(target)
                queue.append(target)
    return seen


# -- the status machine ------------------------------------------------------------------------


def test_transition_table_is_exactly_the_documented_one() -> None:
    assert {old: set(targets) for old, targets in TRANSITIONS.items()} == DOCUMENTED


def test_closed_ticket_cannot_be_reopened() -> None:
    for target in (S.NEW, S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED):
        decision = decide_transition(S.CLOSED, target)
        assert not decision.allowed
        assert decision.rule == "closed_is_final"
        assert "已关闭" in decision.reason


def test_solved_ticket_can_be_reopened() -> None:
    decision = decide_transition(S.SOLVED, S.OPEN)
    assert decision.allowed and decision.rule == "transition_table"


def test_only_a_solved_ticket_can_be_closed() -> None:
    allowed = {old for old in S if old != S.CLOSED and decide_transition(old, S.CLOSED).allowed}
    assert allowed == {S.SOLVED}


def test_nothing_goes_back_to_new() -> None:
    for old in (S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED):
        decision = decide_transition(old, S.NEW)
        assert not decision.allowed and decision.rule == "transition_table"
        assert "不在允许的状态变化中" in decision.reason


def test_keeping_the_same_status_is_always_allowed() -> None:
    for status in S:
        decision = decide_transition(status, status)
        assert decision.allowed and decision.rule == "same_status"


def test_decide_transition_agrees_with_the_table_for_every_pair() -> None:
    for old in S:
        for new in S:
            if old != new:
                assert decide_transition(old, new).allowed == (new in TRANSITIONS[old]), (old, new)


def test_every_status_is_reachable_and_every_open_ticket_can_be_closed() -> None:
    assert _reachable_from(S.NEW) == set(S)
    for status in S:
        assert S.CLOSED in _reachable_from(status)


def test_a_customer_writing_again_wakes_pending_and_solved_tickets_only() -> None:
    assert status_after_customer_message(S.PENDING) == S.OPEN
    assert status_after_customer_message(S.SOLVED) == S.OPEN
    for unchanged in (S.NEW, S.OPEN, S.ON_HOLD, S.CLOSED):
        assert status_after_customer_message(unchanged) == unchanged


def test_the_first_agent_reply_moves_a_new_ticket_into_work() -> None:
    assert status_after_agent_reply(S.NEW) == S.OPEN
    for unchanged in (S.OPEN, S.PENDING, S.ON_HOLD, S.SOLVED, S.CLOSED):
        assert status_after_agent_reply(unchanged) == unchanged


def test_automatic_status_moves_obey_the_transition_table() -> None:
    for status in S:
        for after in (status_after_customer_message, status_after_agent_reply):
            assert decide_transition(status, after(status)).allowed, (status, after.__name__)


def test_lifecycle_timestamps_follow_the_status() -> None:
    assert timestamps_for(S.SOLVED) == {"solved_at": True}
    assert timestamps_for(S.CLOSED) == {"closed_at": True}
    assert timestamps_for(S.OPEN) == {"solved_at": False}  # a reopened ticket is no longer solved
    assert timestamps_for(S.PENDING) == {} and timestamps_for(S.ON_HOLD) == {}


@given(st.lists(st.sampled_from(list(Status)), max_size=40))
def test_random_requests_never_leave_closed_and_only_take_allowed_steps(
    requests: list[Status],
) -> None:
    reachable = _reachable_from(S.NEW)
    current = S.NEW
    closed_once = False
    for requested in requests:
        decision = decide_transition(current, requested)
        if decision.allowed:
            assert requested == current or requested in TRANSITIONS[current]
            current = requested
        else:
            assert requested != current and requested not in TRANSITIONS[current]
        if closed_once:
            assert current == S.CLOSED
        closed_once = closed_once or current == S.CLOSED
    assert current in reachable


# -- numbers -----------------------------------------------------------------------------------


def test_ticket_number_day_is_the_shanghai_calendar_day() -> None:
    assert number_day(datetime(2026, 11, 22, 16, 30, tzinfo=UTC), "Asia/Shanghai") == date(
        2026, 11, 23
    )
    assert number_day(datetime(2026, 11, 22, 15, 59, 59, tzinfo=UTC), "Asia/Shanghai") == date(
        2026, 11, 22
    )
    assert number_day(datetime(2026, 11, 22, 16, 30, tzinfo=UTC), "UTC") == date(2026, 11, 22)


def test_ticket_number_is_the_day_and_a_four_digit_sequence() -> None:
    assert format_number(date(2026, 11, 22), 7) == "20261122-0007"
    assert format_number(date(2026, 11, 22), 12345) == "20261122-12345"


def test_ticket_sequences_start_at_one() -> None:
    with pytest.raises(ValueError):
        format_number(date(2026, 11, 22), 0)


def test_parse_number_reads_numbers_and_refuses_other_text() -> None:
    assert parse_number("20261122-0007") == ("20261122", 7)
    assert parse_number("  20261122-0007 ") == ("20261122", 7)
    for bad in ("", "2026-1122", "20261122-007", "20261122_0007", "x20261122-0007", "2026112-0007"):
        assert parse_number(bad) is None, bad


days = st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31))


@given(days, st.integers(min_value=1, max_value=999_999))
def test_format_and_parse_number_round_trip(day: date, sequence: int) -> None:
    assert parse_number(format_number(day, sequence)) == (f"{day:%Y%m%d}", sequence)


@given(days, st.integers(1, 9999), st.integers(1, 9999))
def test_numbers_of_one_day_sort_like_their_sequences(day: date, a: int, b: int) -> None:
    assert (format_number(day, a) < format_number(day, b)) == (a < b)


@given(days, days, st.integers(1, 9999), st.integers(1, 9999))
def test_numbers_of_an_earlier_day_sort_first(d1: date, d2: date, a: int, b: int) -> None:
    if d1 < d2:
        assert format_number(d1, a) < format_number(d2, b)


# -- custom fields -----------------------------------------------------------------------------

SCHEMA = {
    "type": "object",
    "properties": {
        "order_no": {"type": "string", "pattern": "^[0-9]{10,20}$"},
        "size": {"type": "integer"},
        "address": {"type": "object", "properties": {"city": {"type": "string"}}},
    },
    "required": ["order_no"],
    "additionalProperties": False,
}


def test_without_a_schema_every_custom_field_is_unknown() -> None:
    assert custom_field_problems(None, {"colour": "red", "size": 40}) == {
        "colour": "unknown",
        "size": "unknown",
    }
    assert custom_field_problems({}, {"colour": "red"}) == {"colour": "unknown"}


def test_without_a_schema_no_custom_fields_is_fine() -> None:
    assert custom_field_problems(None, {}) == {}


def test_valid_custom_fields_have_no_problems() -> None:
    assert custom_field_problems(SCHEMA, {"order_no": "2026112200017", "size": 40}) == {}


def test_a_missing_required_field_is_reported_under_its_name() -> None:
    problems = custom_field_problems(SCHEMA, {"size": 40})
    assert set(problems) == {"order_no"}
    assert "required" in problems["order_no"]


def test_a_wrongly_typed_field_is_reported_under_its_name() -> None:
    problems = custom_field_problems(SCHEMA, {"order_no": "2026112200017", "size": "L"})
    assert set(problems) == {"size"}


def test_a_pattern_mismatch_is_reported_under_its_name() -> None:
    assert set(custom_field_problems(SCHEMA, {"order_no": "12"})) == {"order_no"}


def test_a_nested_problem_is_reported_under_its_dotted_path() -> None:
    problems = custom_field_problems(SCHEMA, {"order_no": "2026112200017", "address": {"city": 5}})
    assert set(problems) == {"address.city"}


def test_an_unexpected_field_is_reported_under_its_name() -> None:
    problems = custom_field_problems(SCHEMA, {"order_no": "2026112200017", "colour": "red"})
    assert set(problems) == {"colour"}


def test_every_unexpected_field_is_reported_under_its_own_name() -> None:
    problems = custom_field_problems(
        SCHEMA, {"order_no": "2026112200017", "colour": "red", "shape": "round"}
    )
    assert set(problems) == {"colour", "shape"}


def test_an_invalid_schema_is_refused() -> None:
    check_schema(SCHEMA)
    with pytest.raises(jsonschema.SchemaError):
        check_schema({"type": "no-such-type"})


# -- message bodies ----------------------------------------------------------------------------


def test_clean_html_removes_scripts_and_event_handlers() -> None:
    cleaned = clean_html(
        '<p onclick="steal()">亲<script>alert(1)</script><a href="javascript:alert(2)">链接</a>'
        '<img src="x.png" onerror="steal()"></p><iframe src="https://evil.example"></iframe>'
    )
    assert "<script" not in cleaned and "alert(1)" not in cleaned
    assert "onclick" not in cleaned and "onerror" not in cleaned
    assert "javascript:" not in cleaned and "<iframe" not in cleaned
    assert "<p>亲" in cleaned and '<img src="x.png">' in cleaned


def test_clean_html_keeps_ordinary_formatting() -> None:
    source = "<p><strong>亲</strong>,请<em>核对</em>订单</p><ul><li>一</li><li>二</li></ul>"
    assert clean_html(source) == source


def test_html_to_text_keeps_line_breaks() -> None:
    text = html_to_text(
        "<p>第一行</p><p>第二行<br>第三行</p><ul><li>甲</li><li>乙</li></ul><div>完</div>"
    )
    assert text == "第一行\n第二行\n第三行\n甲\n乙\n完"


def test_html_to_text_drops_scripts_and_unescapes_entities() -> None:
    assert (
        html_to_text("<p>价格 &lt;100&gt; &amp; 包邮<script>alert(1)</script></p>")
        == "价格 <100> & 包邮"
    )


def test_text_to_html_escapes_and_keeps_line_breaks() -> None:
    html = text_to_html("a<b>&\n第二行")
    assert html == "<p>a&lt;b&gt;&amp;<br>第二行</p>"
    assert html_to_text(html) == "a<b>&\n第二行"
