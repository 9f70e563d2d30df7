"""SLA policies: which targets and which calendar apply to a ticket.

Policies are tried in order and the first whose conditions all match wins, so the most
specific come first and a catch-all closes the list. The default targets come from the
handbooks (seeds 000, 001 and 004) where they give a number, and are product defaults where
they do not; each row names its source.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from kefu.sla import messages as _messages  # noqa: F401  (registers the texts)
from kefu.sla.rules.clocks import Targets


@dataclass(frozen=True)
class PolicyFacts:
    """What a policy may look at: the ticket's channel, type, priority and the customer's VIP
    level (0 for none)."""

    channel: str
    type: str
    priority: str
    vip_level: int


@dataclass(frozen=True)
class Policy:
    """Empty condition sets and a None VIP level match anything. ``name`` is shown through
    i18n: the defaults name a catalog key, an operator's own name is shown as written."""

    key: str
    name: str
    channels: frozenset[str]
    types: frozenset[str]
    priorities: frozenset[str]
    min_vip_level: int | None
    targets: Targets
    calendar: str  # "shop_hours" | "office" | "always_open", or an operator's calendar key


@dataclass(frozen=True)
class PolicyChoice:
    policy: Policy | None
    reason: str  # an i18n key; its parameters in ``params``
    params: dict[str, str] = field(default_factory=dict)


def select_policy(policies: Sequence[Policy], facts: PolicyFacts) -> PolicyChoice:
    """The first policy, in order, whose non-empty conditions all match the ticket."""
    for policy in policies:
        if _matches(policy, facts):
            conditions = describe_conditions(policy)
            if not conditions:
                return PolicyChoice(policy, "sla.policy.default", {"policy": policy.key})
            return PolicyChoice(
                policy, "sla.policy.matched", {"policy": policy.key, "conditions": conditions}
            )
    return PolicyChoice(None, "sla.policy.none")


def _matches(policy: Policy, facts: PolicyFacts) -> bool:
    return (
        (not policy.channels or facts.channel in policy.channels)
        and (not policy.types or facts.type in policy.types)
        and (not policy.priorities or facts.priority in policy.priorities)
        and (policy.min_vip_level is None or facts.vip_level >= policy.min_vip_level)
    )


def describe_conditions(policy: Policy) -> str:
    """The conditions as ``type=complaint, channel=web_chat|wechat`` (the same in every
    locale: these are codes); empty for a catch-all."""
    parts = [
        f"{name}={'|'.join(sorted(values))}"
        for name, values in (
            ("type", policy.types),
            ("channel", policy.channels),
            ("priority", policy.priorities),
        )
        if values
    ]
    if policy.min_vip_level is not None:
        parts.append(f"vip>={policy.min_vip_level}")
    return ", ".join(parts)


M = 60  # a minute
H = 3600  # an hour
DAY = 7 * H + 30 * M  # one office day: 09:00–12:00 and 13:30–18:00
SHOP, OFFICE, ALWAYS = "shop_hours", "office", "always_open"

_Row = tuple[str, str, str, int | None, int | None, int | None, int | None, str]

# Most specific first. Channels and types are space-separated codes; "" matches any.
# fmt: off
_DEFAULT_ROWS: tuple[_Row, ...] = (
    # key         channels              types        vip   first   next    resolution calendar
    # Seed 004 客诉作业指引 6.2.1: pass a complaint on within 5 minutes, a first analysis of
    # its cause within 30 minutes; complaints do not wait for opening hours.
    ("complaint", "",                   "complaint", None, 5 * M,  30 * M, None,       ALWAYS),
    # Seed 000 (8): every call answered within 3 rings (10 seconds); seed 004 online hours.
    ("phone",     "phone",              "",          None, 10,     None,   None,       SHOP),
    # Seed 001 欢迎语 A: never let a customer wait more than 10 seconds, first message or not.
    ("chat",      "web_chat wechat",    "",          None, 10,     10,     None,       SHOP),
    # Seed 004 接订单 d: check balance and stock, call back within 10 minutes.
    ("order",     "",                   "order",     None, 10 * M, None,   None,       SHOP),
    # Product default for VIPs writing in: 2 working hours, solved within 1 office day.
    ("vip",       "email web_form api", "",          1,    2 * H,  None,   DAY,        OFFICE),
    # Product default for the rest: a reply within a working day, solved in 3 office days.
    ("default",   "",                   "",          None, 8 * H,  8 * H,  3 * DAY,    OFFICE),
)
# fmt: on


def _default_policy(row: _Row) -> Policy:
    key, channels, types, vip, first, following, resolution, calendar = row
    return Policy(
        key=key,
        name=f"sla.policy_name.{key}",
        channels=frozenset(channels.split()),
        types=frozenset(types.split()),
        priorities=frozenset(),
        min_vip_level=vip,
        targets=Targets(first, following, resolution),
        calendar=calendar,
    )


DEFAULT_POLICIES: tuple[Policy, ...] = tuple(_default_policy(row) for row in _DEFAULT_ROWS)
