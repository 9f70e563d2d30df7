"""Deciding the demo's tickets: who writes, when, on which channel, about what, and how far each
conversation has got. Pure: everything is drawn from one ``random.Random``."""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from kefu.customers.rules import IdentityKind
from kefu.demo import scripts
from kefu.demo.conversation import FLOWS, Conversation, Step, fit_before, reachable
from kefu.demo.people import Person
from kefu.demo.scripts import Scenario
from kefu.demo.shop import context
from kefu.tickets.rules import Channel, Priority, Status, TicketType

AGENTS = range(1, 9)
DAYS = 60
TYPE_WEIGHTS = {
    TicketType.INQUIRY: 30,
    TicketType.AFTER_SALES: 28,
    TicketType.ORDER: 15,
    TicketType.COMPLAINT: 11,
    TicketType.SUGGESTION: 7,
    TicketType.OTHER: 9,
}
CHANNEL_WEIGHTS = {
    Channel.WEB_CHAT: 30,
    Channel.WECHAT: 18,
    Channel.PHONE: 14,
    Channel.APP_SDK: 10,
    Channel.EMAIL: 9,
    Channel.WEB_FORM: 8,
    Channel.API: 6,
    Channel.DESKTOP: 5,
}
# Which identity a channel recognises the customer by, in order of preference.
CHANNEL_IDENTITIES = {
    Channel.WECHAT: (IdentityKind.WECHAT_OPENID,),
    Channel.EMAIL: (IdentityKind.EMAIL,),
    Channel.PHONE: (IdentityKind.PHONE,),
    Channel.WEB_CHAT: (IdentityKind.BUYER_NICK, IdentityKind.PHONE, IdentityKind.WECHAT_OPENID),
    Channel.APP_SDK: (IdentityKind.PHONE, IdentityKind.BUYER_NICK, IdentityKind.EMAIL),
    Channel.WEB_FORM: (IdentityKind.EMAIL, IdentityKind.PHONE, IdentityKind.BUYER_NICK),
    Channel.API: (IdentityKind.PHONE, IdentityKind.EMAIL, IdentityKind.BUYER_NICK),
    Channel.DESKTOP: (IdentityKind.PHONE, IdentityKind.BUYER_NICK, IdentityKind.EMAIL),
}
# Channels where an agent types the ticket in (a call, the desktop client), so it is theirs.
AGENT_ENTERED = {Channel.PHONE, Channel.DESKTOP}
# Local hours customers write in (the handbooks' desk is staffed 9:00-23:30).
HOUR_WEIGHTS = {8: 2, 9: 5, 10: 8, 11: 8, 12: 5, 13: 6, 14: 8, 15: 8, 16: 7, 17: 6, 18: 5,
                19: 7, 20: 9, 21: 10, 22: 8, 23: 3}  # fmt: skip
PRIORITIES = list(Priority)


@dataclass
class TicketPlan:
    opened: datetime
    person: int
    agent: int
    channel: Channel
    identity: tuple[IdentityKind, str]
    scenario: Scenario
    status: Status
    subject: str
    description: str
    priority: Priority
    tags: list[str]
    steps: list[Step] = field(default_factory=list)

    @property
    def entered_by_agent(self) -> bool:
        return self.channel in AGENT_ENTERED

    @property
    def last_at(self) -> datetime:
        return self.steps[-1].at if self.steps else self.opened


def status_for(rng: random.Random, age_days: float) -> Status:
    """Fresh tickets are still in work, older ones mostly solved and closed."""
    if age_days < 1:
        weights = (30, 24, 16, 12, 18, 0)
    elif age_days < 4:
        weights = (5, 14, 20, 18, 33, 10)
    else:
        weights = (1, 3, 6, 6, 20, 64)
    return rng.choices(list(Status), weights=weights)[0]


def opening_time(rng: random.Random, now: datetime, timezone: str) -> datetime:
    zone = ZoneInfo(timezone)
    # A little more in the last two days, so the queue has fresh work in every state.
    days_ago = rng.randrange(2) if rng.random() < 0.12 else rng.randrange(DAYS)
    day = (now.astimezone(zone) - timedelta(days=days_ago)).date()
    hour = rng.choices(list(HOUR_WEIGHTS), weights=list(HOUR_WEIGHTS.values()))[0]
    local = datetime(day.year, day.month, day.day, hour, rng.randrange(60), rng.randrange(60),
                     tzinfo=zone)  # fmt: skip
    latest = now - timedelta(minutes=10)
    earlier = timedelta(minutes=rng.uniform(0, 240))  # drawn always: the same seed, the same story
    if local > latest:
        local = latest - earlier
    return local.astimezone(now.tzinfo)


def pick_channel(rng: random.Random, person: Person) -> tuple[Channel, tuple[IdentityKind, str]]:
    usable = [
        channel
        for channel in CHANNEL_WEIGHTS
        if any(kind in person.identities for kind in CHANNEL_IDENTITIES[channel])
    ]
    channel = rng.choices(usable, weights=[CHANNEL_WEIGHTS[c] for c in usable])[0]
    kind = next(k for k in CHANNEL_IDENTITIES[channel] if k in person.identities)
    return channel, (kind, person.identities[kind])


def pick_priority(rng: random.Random, scenario: Scenario, person: Person) -> Priority:
    index = PRIORITIES.index(scenario.priority)
    roll = rng.random()
    if roll < 0.12 or (person.vip_level and roll < 0.5):
        index += 1
    elif roll > 0.9:
        index -= 1
    return PRIORITIES[max(0, min(index, len(PRIORITIES) - 2))]  # urgent only by escalation


def pick_scenario(rng: random.Random) -> Scenario:
    kind = rng.choices(list(TYPE_WEIGHTS), weights=list(TYPE_WEIGHTS.values()))[0]
    options = scripts.by_type(kind)
    return rng.choices(options, weights=[s.weight for s in options])[0]


def plan_ticket(
    rng: random.Random,
    people: list[Person],
    index: int,
    scenario: Scenario,
    *,
    now: datetime,
    timezone: str,
    opened: datetime | None = None,
    status: Status | None = None,
) -> TicketPlan:
    """One ticket of ``people[index]`` about ``scenario``."""
    person = people[index]
    opened = opened or opening_time(rng, now, timezone)
    status = reachable(status or status_for(rng, (now - opened).total_seconds() / 86400), scenario)
    agent = rng.choice(AGENTS)
    channel, identity = pick_channel(rng, person)
    facts = context(rng, person, agent, opened, timezone)
    tags = list(scenario.tags) + (["VIP"] if person.vip_level else [])
    conversation = Conversation(rng, scenario, channel, facts, opened)
    FLOWS[status](conversation)
    return TicketPlan(
        opened=opened,
        person=index,
        agent=agent,
        channel=channel,
        identity=identity,
        scenario=scenario,
        status=status,
        subject=conversation.fill(scenario.subjects),
        description=conversation.fill(scenario.asks),
        priority=pick_priority(rng, scenario, person),
        tags=tags,
        steps=fit_before(conversation.steps, opened, now - timedelta(minutes=1)),
    )


def plan_tickets(
    rng: random.Random,
    people: list[Person],
    count: int,
    *,
    now: datetime,
    timezone: str,
    troublemakers: int,
) -> list[TicketPlan]:
    """``count`` tickets, oldest first. The first ``troublemakers`` people (the ones to be
    blacklisted) each file a few malicious complaints; the others are drawn with repeat
    customers and VIPs more likely.

    Each ticket draws from its own generator, seeded from ``rng``: how far one conversation got
    (which depends on ``now``) never changes what the next one is about."""
    plans: list[TicketPlan] = []
    malicious = scripts.named(scripts.MALICIOUS)
    for index in range(troublemakers):
        for status in (Status.CLOSED, Status.SOLVED, Status.ON_HOLD):
            plans.append(plan_ticket(_own(rng), people, index, malicious, now=now,
                                     timezone=timezone, status=status))  # fmt: skip
    regulars = range(troublemakers, len(people))
    weights = [rng.choice((1, 1, 1, 2, 3)) * (2 if people[i].vip_level else 1) for i in regulars]
    while len(plans) < count:
        index = rng.choices(regulars, weights=weights)[0]
        own = _own(rng)
        plans.append(plan_ticket(own, people, index, pick_scenario(own), now=now,
                                 timezone=timezone))  # fmt: skip
    plans.sort(key=lambda p: p.opened)
    return plans


def _own(rng: random.Random) -> random.Random:
    return random.Random(rng.getrandbits(64))
