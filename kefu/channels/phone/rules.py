"""Pure rules of the phone channel: signed events, the answer-time target, the call log's 5W1H
completeness check, and the order of the call list."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

# Seed 002 (电话礼仪): pick up within three rings; a ring cycle is about 3-4 s, so 10 s.
ANSWER_TARGET_SECONDS = 10


class CallEvent(StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"


class CallStatus(StrEnum):
    RINGING = "ringing"
    ANSWERED = "answered"
    ENDED = "ended"
    MISSED = "missed"


def signature_ok(secret: str, body: bytes, header: str | None) -> bool:
    """``X-Kefu-Signature: sha256=<hex HMAC-SHA256 of the raw body>``, compared in constant time."""
    if not secret or not header or not header.startswith("sha256="):
        return False
    expected = hmac.new(secret.encode(), body, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, header.removeprefix("sha256=").strip().lower())


@dataclass(frozen=True)
class AnswerTime:
    seconds: float | None
    within_target: bool | None
    reason: str


def answer_time(ringing_at: datetime, answered_at: datetime | None) -> AnswerTime:
    """How long the caller waited, against the three-ring target."""
    if answered_at is None:
        return AnswerTime(None, None, "call.not_answered")
    seconds = max(0.0, (answered_at - ringing_at).total_seconds())
    ok = seconds <= ANSWER_TARGET_SECONDS
    return AnswerTime(seconds, ok, "call.answered_in_time" if ok else "call.answered_late")


@dataclass(frozen=True)
class CallNotes:
    """What the agent wrote down about a call (the handbook's 电话记录)."""

    contact_name: str
    company: str
    content: str
    reason: str
    follow_up: str
    follow_up_due_at: datetime | None


def missing_5w1h(notes: CallNotes) -> list[str]:
    """Which of Who / What / When / Where / Why / How the call log leaves open (seed 002: a
    phone record should answer all six). When the call happened is always known; "when" asks
    for a due time only if something is to follow."""
    missing = []
    if not notes.contact_name.strip():
        missing.append("who")
    if not notes.content.strip():
        missing.append("what")
    if notes.follow_up.strip() and notes.follow_up_due_at is None:
        missing.append("when")
    if not notes.company.strip():
        missing.append("where")
    if not notes.reason.strip():
        missing.append("why")
    if not notes.follow_up.strip():
        missing.append("how")
    return missing


# -- the call list (seed 000, 列出电话清单: 序号 电话对象 电话时间 内容要点 轻重缓急 备注) --


class Importance(StrEnum):
    LIGHT = "light"  # 轻
    HEAVY = "heavy"  # 重


class Urgency(StrEnum):
    RELAXED = "relaxed"  # 缓
    URGENT = "urgent"  # 急


class TaskState(StrEnum):
    OPEN = "open"
    DONE = "done"
    CANCELLED = "cancelled"


# The order of the analysis: a call is bound to its time, so what is urgent (急) goes before what
# is merely important (重); within each, the heavier first. 重急 1, 轻急 2, 重缓 3, 轻缓 4.
QUADRANT_RANK = {
    (Importance.HEAVY, Urgency.URGENT): 1,
    (Importance.LIGHT, Urgency.URGENT): 2,
    (Importance.HEAVY, Urgency.RELAXED): 3,
    (Importance.LIGHT, Urgency.RELAXED): 4,
}
QUADRANT_LABEL = {
    (Importance.HEAVY, Urgency.URGENT): "重急",
    (Importance.LIGHT, Urgency.URGENT): "轻急",
    (Importance.HEAVY, Urgency.RELAXED): "重缓",
    (Importance.LIGHT, Urgency.RELAXED): "轻缓",
}
TRANSITIONS = {
    TaskState.OPEN: {TaskState.DONE, TaskState.CANCELLED},
    TaskState.DONE: set(),
    TaskState.CANCELLED: {TaskState.OPEN},
}


@dataclass(frozen=True)
class Placed:
    """A task's place in the list and why."""

    rank: int  # the quadrant's rank, 1 (重急) … 4 (轻缓)
    label: str
    overdue: bool


def place(importance: Importance, urgency: Urgency, due_at: datetime, now: datetime) -> Placed:
    key = (importance, urgency)
    return Placed(QUADRANT_RANK[key], QUADRANT_LABEL[key], due_at < now)


def order_key(
    importance: Importance, urgency: Urgency, due_at: datetime, now: datetime, task_id: int
) -> tuple[int, int, datetime, int]:
    """Sort key of an open task: calls already due first (a promised time has passed), then by
    the 轻重缓急 rank, then by the time set for the call, then by age."""
    placed = place(importance, urgency, due_at, now)
    return (0 if placed.overdue else 1, placed.rank, due_at, task_id)


def may_move(current: TaskState, target: TaskState) -> bool:
    return target == current or target in TRANSITIONS[current]


def outcome_needed(target: TaskState, outcome: str) -> bool:
    """A call marked done records what came of it (the call log's 'content' in short)."""
    return target == TaskState.DONE and not outcome.strip()
