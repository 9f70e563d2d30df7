"""Pure rules of the phone channel: signed events, the answer-time target, the call log's 5W1H
completeness check."""

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
