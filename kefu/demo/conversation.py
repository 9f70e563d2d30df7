"""One ticket's conversation as timed steps, shaped by the status it should end in.

Pure: a caller's ``random.Random`` and the ticket's opening instant go in, a list of
:class:`Step` comes out; :mod:`kefu.demo.play` carries the steps out through the services.
Each conversation keeps to 2-6 messages (the customer's opening message included).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum

from kefu.demo.scripts import Scenario, common
from kefu.tickets.rules import Channel, Status, TicketType

MAX_MESSAGES = 6
ESCALATION_NOTE = "已报主管,已调取客户全部聊天记录--客服{agent}号--{date}"
APOLOGETIC_TYPES = {TicketType.AFTER_SALES, TicketType.COMPLAINT}


class Act(StrEnum):
    CUSTOMER = "customer"  # the customer writes (a public message)
    REPLY = "reply"  # the agent answers in public
    NOTE = "note"  # the agent writes an internal note
    SUPERVISOR_NOTE = "supervisor_note"
    ASSIGN = "assign"  # the agent takes the ticket
    ESCALATE = "escalate"  # the supervisor raises the priority to urgent
    STATUS = "status"


@dataclass(frozen=True)
class Step:
    at: datetime
    act: Act
    text: str = ""
    status: Status | None = None


class Conversation:
    """Builds the steps after the opening message; the clock advances with every step."""

    def __init__(
        self,
        rng: random.Random,
        scenario: Scenario,
        channel: Channel,
        facts: dict[str, str],
        opened: datetime,
    ) -> None:
        self.rng = rng
        self.scenario = scenario
        self.channel = channel
        self.facts = facts
        self.at = opened
        self.steps: list[Step] = []
        self.messages = 1  # the opening message
        self.chat = channel in common.CHAT_CHANNELS
        asks, follow_ups = len(scenario.asks), len(scenario.follow_ups)
        self.thread = rng.randrange(asks)
        self.turn = self.thread if follow_ups == asks else rng.randrange(follow_ups)

    # -- the words ---------------------------------------------------------------------------

    def fill(self, options: Sequence[str]) -> str:
        """A line of the scenario, paired with the ask or follow-up (see ``scripts.base``)."""
        return self._choose(options, after_follow_up=False).format(**self.facts)

    def fill_late(self, options: Sequence[str]) -> str:
        """A line answering the follow-up: resolutions and the customer's thanks."""
        return self._choose(options, after_follow_up=True).format(**self.facts)

    def any_of(self, options: Sequence[str]) -> str:
        """A common line (greeting, nudge…): any option."""
        return self.rng.choice(options).format(**self.facts)

    def _choose(self, options: Sequence[str], *, after_follow_up: bool) -> str:
        if after_follow_up and len(options) == len(self.scenario.follow_ups):
            return options[self.turn]
        if len(options) == len(self.scenario.asks):
            return options[self.thread]
        return self.rng.choice(options)

    def _later(self, minutes: tuple[float, float]) -> datetime:
        self.at += timedelta(minutes=self.rng.uniform(*minutes))
        return self.at

    def _customer_gap(self) -> tuple[float, float]:
        return (0.5, 25.0) if self.chat else (60.0, 1200.0)

    def _agent_gap(self) -> tuple[float, float]:
        return (0.2, 4.0) if self.chat else (20.0, 480.0)

    # -- the moves ---------------------------------------------------------------------------

    def customer(self, text: str) -> None:
        self.steps.append(Step(self._later(self._customer_gap()), Act.CUSTOMER, text))
        self.messages += 1

    def reply(self, body: str, *, first: bool = False) -> None:
        if first and self.channel not in common.MAIL_CHANNELS:
            body = self.any_of(common.greeting_for(self.channel)) + "\n" + body
        text = common.as_reply(self.channel, body).format(**self.facts)
        self.steps.append(Step(self._later(self._agent_gap()), Act.REPLY, text))
        self.messages += 1

    def note(self, text: str, act: Act = Act.NOTE) -> None:
        self.steps.append(Step(self._later((1.0, 30.0)), act, text))
        self.messages += 1

    def assign(self) -> None:
        self.steps.append(Step(self._later((0.1, 2.0)), Act.ASSIGN))

    def status(self, status: Status, minutes: tuple[float, float] = (1.0, 20.0)) -> None:
        self.steps.append(Step(self._later(minutes), Act.STATUS, status=status))

    def room(self, need: int = 1) -> bool:
        return self.messages + need <= MAX_MESSAGES

    def maybe(self, chance: float, need: int = 1) -> bool:
        return self.room(need) and self.rng.random() < chance

    # -- pieces of the flows -------------------------------------------------------------------

    def start(self) -> None:
        """The agent takes the ticket and answers; a complaint goes to the supervisor at once
        (seed 003 §七: 第一时间上报主管)."""
        self.assign()
        self.reply(self.fill(self.scenario.answers), first=True)
        if self.scenario.escalate:
            self.note(self.any_of((ESCALATION_NOTE,)))
            self.note(self.any_of(common.SUPERVISOR_NOTES), Act.SUPERVISOR_NOTE)
            self.steps.append(Step(self._later((1.0, 10.0)), Act.ESCALATE))

    def farewell(self) -> tuple[str, ...]:
        if self.channel == Channel.PHONE:
            return (common.PHONE_FAREWELL,)
        if self.scenario.type in APOLOGETIC_TYPES:
            return common.APOLOGETIC_FAREWELLS
        return common.FAREWELLS

    def settle(self) -> None:
        """Follow-up, resolution and the closing words, then solved."""
        s = self.scenario
        if self.maybe(0.75, need=2):
            self.customer(self.fill(s.follow_ups))
        self.reply(self.fill_late(s.resolutions))
        if s.notes and self.maybe(0.45):
            self.note(self.fill(s.notes))
        if self.maybe(0.6):
            self.customer(self.thanks())
        if self.maybe(0.6):
            self.reply(self.any_of(self.farewell()))
        self.status(Status.SOLVED)

    def thanks(self) -> str:
        if self.scenario.thanks:
            return self.fill_late(self.scenario.thanks)
        return self.any_of(common.THANKS)


# -- the flows, one per final status -----------------------------------------------------------


def new_flow(c: Conversation) -> None:
    """Nobody has answered yet: the customer asks again, or an agent noted a call-back."""
    if c.rng.random() < 0.35:
        c.assign()
        c.note(c.any_of(common.ASSIGNED_NOTES))
    else:
        c.customer(c.any_of(common.NUDGES))


def open_flow(c: Conversation) -> None:
    if c.rng.random() < 0.3 and not c.scenario.escalate:
        reopened_flow(c)
        return
    c.start()
    if c.maybe(0.6):
        c.customer(c.fill(c.scenario.follow_ups))
    if c.scenario.notes and c.maybe(0.3):
        c.note(c.fill(c.scenario.notes))


def reopened_flow(c: Conversation) -> None:
    """Solved once, then the customer wrote again (a customer message reopens a solved ticket)."""
    c.start()
    c.reply(c.fill_late(c.scenario.resolutions))
    if c.maybe(0.5, need=2):
        c.customer(c.thanks())
    c.status(Status.SOLVED)
    c.at += timedelta(days=c.rng.uniform(1, 4))
    c.customer(c.any_of(common.REOPENS))


def pending_flow(c: Conversation) -> None:
    """The agent asked the customer for something (a photo, an order number) and waits."""
    c.start()
    c.reply(c.fill(c.scenario.waits))
    c.status(Status.PENDING, (0.5, 5.0))


def on_hold_flow(c: Conversation) -> None:
    """Waiting on the warehouse, the courier or the supervisor."""
    c.start()
    if c.maybe(0.5, need=2):
        c.customer(c.fill(c.scenario.follow_ups))
    c.note(c.fill(c.scenario.holds))
    c.status(Status.ON_HOLD, (0.5, 5.0))


def solved_flow(c: Conversation) -> None:
    c.start()
    c.settle()


def closed_flow(c: Conversation) -> None:
    c.start()
    c.settle()
    c.status(Status.CLOSED, (2 * 1440.0, 7 * 1440.0))


def reachable(status: Status, scenario: Scenario) -> Status:
    """A conversation waits on the customer only if the script has something to ask them for,
    and on a third party only if it names one; otherwise it is still open."""
    if status == Status.PENDING and not scenario.waits:
        return Status.OPEN
    if status == Status.ON_HOLD and not scenario.holds:
        return Status.OPEN
    return status


FLOWS = {
    Status.NEW: new_flow,
    Status.OPEN: open_flow,
    Status.PENDING: pending_flow,
    Status.ON_HOLD: on_hold_flow,
    Status.SOLVED: solved_flow,
    Status.CLOSED: closed_flow,
}


def fit_before(steps: list[Step], opened: datetime, limit: datetime) -> list[Step]:
    """Squeeze a conversation that would run past ``limit`` (now) into the time there is."""
    if not steps or steps[-1].at <= limit:
        return steps
    span = (steps[-1].at - opened).total_seconds()
    room = max((limit - opened).total_seconds(), 1.0)
    scale = room / span
    return [
        Step(
            opened + timedelta(seconds=(s.at - opened).total_seconds() * scale),
            s.act,
            s.text,
            s.status,
        )
        for s in steps
    ]
