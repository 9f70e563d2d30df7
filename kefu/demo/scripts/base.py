"""What a scripted conversation is made of.

A scenario holds alternative lines for each beat of the handbooks' conversation flow (seed 001:
欢迎语 → 对话 → 议价 → 支付 → 物流 → 售后 → 欢送). Lines hold ``str.format`` placeholders filled
from :func:`kefu.demo.shop.context`.

Pairing, so a draw reads as one conversation: a beat with exactly as many options as ``asks``
takes the option at the ask's position (subjects, answers, follow-ups, notes, waits, holds);
``resolutions`` and ``thanks`` with as many options as ``follow_ups`` take the follow-up's
position (else the ask's, else any). Beats of any other length must fit every ask.
"""

from __future__ import annotations

from dataclasses import dataclass

from kefu.tickets.rules import Priority, TicketType


@dataclass(frozen=True)
class Scenario:
    key: str
    type: TicketType
    catalog: str | None
    tags: tuple[str, ...]
    subjects: tuple[str, ...]
    asks: tuple[str, ...]  # the customer's first message: the ticket's description
    answers: tuple[str, ...]  # the agent's first public reply (a greeting goes before it)
    follow_ups: tuple[str, ...]  # the customer's second message
    resolutions: tuple[str, ...]  # the agent's reply that settles the matter
    notes: tuple[str, ...] = ()  # internal notes, in the handbook's 事项--名字--日期 form
    waits: tuple[str, ...] = ()  # the agent asks the customer for something (else never pending)
    holds: tuple[str, ...] = ()  # notes while a third party is asked (else never on hold)
    thanks: tuple[str, ...] = ()  # the customer's last word; common ones when empty
    priority: Priority = Priority.NORMAL
    escalate: bool = False  # complaints: reported to the supervisor (已报主管)
    weight: int = 1  # how often the shop sees it, relative to others of its type
