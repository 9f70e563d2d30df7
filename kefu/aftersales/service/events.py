"""Facts the after-sales context records in the outbox."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OrderImported:
    order_id: int
    customer_id: int
    created: bool


@dataclass(frozen=True)
class CaseOpened:
    case_id: int
    ticket_id: int
    order_id: int
    kind: str
    reason: str


@dataclass(frozen=True)
class CaseMoved:
    case_id: int
    ticket_id: int
    old: str
    new: str


@dataclass(frozen=True)
class PayoutRecorded:
    payout_id: int
    case_id: int
    ticket_id: int
    status: str
    amount_fen: int


@dataclass(frozen=True)
class ComplaintMoved:
    ticket_id: int
    old: str
    new: str


@dataclass(frozen=True)
class PenaltyRecorded:
    agent_id: int
    fault: str
    points: int


@dataclass(frozen=True)
class DisputeOpened:
    dispute_id: int
    ticket_id: int
    order_id: int
    kind: str


@dataclass(frozen=True)
class DisputeMoved:
    dispute_id: int
    old: str
    new: str


@dataclass(frozen=True)
class ComplaintOpened:
    ticket_id: int
    customer_id: int
    conversations: int


@dataclass(frozen=True)
class CallbackDone:
    task_id: int
    complaint_id: int
    done_by_id: int
