"""Facts of the phone channel, recorded in the outbox. ``CallRinging`` is the screen pop
(来电弹屏, seed 004): every agent's stream (``/api/v1/stream``) gets the caller's profile and
ticket the moment the phone rings."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CallRinging:
    call_id: str
    caller: str  # as people in China write it (no +86), or 未显示号码
    called: str
    customer_id: int
    ticket_id: int
    new_caller: bool  # a profile was just created for this number


@dataclass(frozen=True)
class CallAnswered:
    call_id: str
    ticket_id: int | None
    agent_id: int | None
    waited_s: float | None
