"""The call list's order (seed 000, 列出电话清单 with its 轻重缓急 analysis)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from kefu.channels.phone.rules import (
    Importance,
    TaskState,
    Urgency,
    may_move,
    order_key,
    outcome_needed,
    place,
)

NOW = datetime(2026, 5, 12, 2, 0, tzinfo=UTC)  # 10:00 in Shanghai
H, L = Importance.HEAVY, Importance.LIGHT
U, R = Urgency.URGENT, Urgency.RELAXED


@pytest.mark.parametrize(
    ("importance", "urgency", "label", "rank"),
    [(H, U, "重急", 1), (L, U, "轻急", 2), (H, R, "重缓", 3), (L, R, "轻缓", 4)],
)
def test_each_quadrant_has_its_label_and_rank(
    importance: Importance, urgency: Urgency, label: str, rank: int
) -> None:
    placed = place(importance, urgency, NOW + timedelta(hours=1), NOW)
    assert (placed.label, placed.rank, placed.overdue) == (label, rank, False)


def test_a_call_past_its_time_is_overdue() -> None:
    assert place(L, R, NOW - timedelta(seconds=1), NOW).overdue
    assert not place(L, R, NOW, NOW).overdue  # due right now is not late yet


def test_the_list_puts_due_calls_first_then_the_analysis_then_the_time() -> None:
    rows = [
        ("轻缓, late", L, R, NOW - timedelta(minutes=5), 1),
        ("重急, later", H, U, NOW + timedelta(hours=3), 2),
        ("重急, sooner", H, U, NOW + timedelta(hours=1), 3),
        ("轻急", L, U, NOW + timedelta(minutes=10), 4),
        ("重缓", H, R, NOW + timedelta(minutes=1), 5),
        ("轻缓", L, R, NOW + timedelta(minutes=2), 6),
        ("重急, late", H, U, NOW - timedelta(minutes=1), 7),
    ]
    ordered = sorted(rows, key=lambda r: order_key(r[1], r[2], r[3], NOW, r[4]))
    assert [r[0] for r in ordered] == [
        "重急, late",
        "轻缓, late",
        "重急, sooner",
        "重急, later",
        "轻急",
        "重缓",
        "轻缓",
    ]


def test_same_quadrant_and_time_keeps_the_older_task_first() -> None:
    due = NOW + timedelta(hours=1)
    assert order_key(H, U, due, NOW, 3) < order_key(H, U, due, NOW, 9)


@pytest.mark.parametrize(
    ("current", "target", "allowed"),
    [
        (TaskState.OPEN, TaskState.DONE, True),
        (TaskState.OPEN, TaskState.CANCELLED, True),
        (TaskState.CANCELLED, TaskState.OPEN, True),
        (TaskState.DONE, TaskState.OPEN, False),
        (TaskState.DONE, TaskState.CANCELLED, False),
        (TaskState.CANCELLED, TaskState.DONE, False),
        (TaskState.DONE, TaskState.DONE, True),
    ],
)
def test_moves(current: TaskState, target: TaskState, allowed: bool) -> None:
    assert may_move(current, target) is allowed


def test_a_done_call_needs_its_outcome() -> None:
    assert outcome_needed(TaskState.DONE, "  ")
    assert not outcome_needed(TaskState.DONE, "已确认机票购买")
    assert not outcome_needed(TaskState.CANCELLED, "")
