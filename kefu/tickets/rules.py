"""The ticket's rules: its status machine, its number, its custom fields, message bodies.

Pure: no I/O, ``now`` passed in. Sources: the ticket system of seed 004 (客服工单系统: channels,
service catalog, history) and the conversation flow of seeds 001/003.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import Any
from zoneinfo import ZoneInfo

import jsonschema
import nh3


class Status(StrEnum):
    NEW = "new"
    OPEN = "open"
    PENDING = "pending"  # waiting on the customer
    ON_HOLD = "on_hold"  # waiting on a third party (warehouse, courier, platform)
    SOLVED = "solved"
    CLOSED = "closed"


class Priority(StrEnum):
    LOW = "low"
    NORMAL = "normal"
    HIGH = "high"
    URGENT = "urgent"


class TicketType(StrEnum):
    INQUIRY = "inquiry"  # 咨询
    COMPLAINT = "complaint"  # 投诉
    AFTER_SALES = "after_sales"  # 售后
    SUGGESTION = "suggestion"  # 建议
    ORDER = "order"  # 下单
    OTHER = "other"


class Channel(StrEnum):
    """The request channels of seed 004 (01 请求渠道接入)."""

    PHONE = "phone"
    EMAIL = "email"
    WEB_FORM = "web_form"
    API = "api"
    APP_SDK = "app_sdk"
    WECHAT = "wechat"
    WEB_CHAT = "web_chat"
    DESKTOP = "desktop"


class AuthorKind(StrEnum):
    CUSTOMER = "customer"
    AGENT = "agent"
    SYSTEM = "system"


# Every allowed move. A solved ticket may be reopened; a closed one is final (a new request
# about the same matter opens a new ticket that can link back to it).
TRANSITIONS: dict[Status, frozenset[Status]] = {
    Status.NEW: frozenset({Status.OPEN, Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.OPEN: frozenset({Status.PENDING, Status.ON_HOLD, Status.SOLVED}),
    Status.PENDING: frozenset({Status.OPEN, Status.ON_HOLD, Status.SOLVED}),
    Status.ON_HOLD: frozenset({Status.OPEN, Status.PENDING, Status.SOLVED}),
    Status.SOLVED: frozenset({Status.OPEN, Status.CLOSED}),
    Status.CLOSED: frozenset(),
}


@dataclass(frozen=True)
class TransitionDecision:
    allowed: bool
    rule: str
    reason: str


def decide_transition(old: Status, new: Status) -> TransitionDecision:
    """Whether a ticket may move from ``old`` to ``new``, with the reason in words."""
    if old == new:
        return TransitionDecision(True, "same_status", "状态未改变")
    if new in TRANSITIONS[old]:
        return TransitionDecision(True, "transition_table", f"{old} → {new} 允许")
    if old == Status.CLOSED:
        return TransitionDecision(False, "closed_is_final", "已关闭的工单不能重新打开,请新建工单")
    return TransitionDecision(False, "transition_table", f"{old} → {new} 不在允许的状态变化中")


def status_after_customer_message(current: Status) -> Status:
    """A customer writing again wakes a ticket that waited on them or was solved."""
    if current in (Status.PENDING, Status.SOLVED):
        return Status.OPEN
    return current


def status_after_agent_reply(current: Status) -> Status:
    """The first public answer moves a new ticket into work."""
    return Status.OPEN if current == Status.NEW else current


def timestamps_for(new: Status) -> dict[str, bool]:
    """Which lifecycle timestamps a move into ``new`` sets (True) or clears (False)."""
    if new == Status.SOLVED:
        return {"solved_at": True}
    if new == Status.CLOSED:
        return {"closed_at": True}
    if new == Status.OPEN:
        return {"solved_at": False}
    return {}


# -- numbers -----------------------------------------------------------------------------------


def number_day(now: datetime, timezone: str) -> date:
    """Ticket numbers count per local calendar day (a shop in China thinks in Beijing time)."""
    return now.astimezone(ZoneInfo(timezone)).date()


def format_number(day: date, sequence: int) -> str:
    """``20261122-0007``: sortable, readable on the phone, unique with the day's sequence."""
    if sequence < 1:
        raise ValueError("ticket sequences start at 1")
    return f"{day:%Y%m%d}-{sequence:04d}"


_NUMBER = re.compile(r"^(\d{8})-(\d{4,})$")


def parse_number(number: str) -> tuple[str, int] | None:
    match = _NUMBER.match(number.strip())
    return (match.group(1), int(match.group(2))) if match else None


# -- custom fields -----------------------------------------------------------------------------


def custom_field_problems(schema: dict[str, Any] | None, values: dict[str, Any]) -> dict[str, str]:
    """Problems of ``values`` against a catalog item's JSON Schema, keyed by field path.

    Without a schema only an empty set of custom fields is accepted, so a typo never slips in.
    """
    if not schema:
        return {key: "unknown" for key in values}
    validator = jsonschema.Draft202012Validator(schema)
    problems: dict[str, str] = {}
    for error in validator.iter_errors(values):
        path = ".".join(str(p) for p in error.absolute_path)
        names = [path]
        if error.validator == "required":
            names = re.findall(r"'([^']+)' is a required property", error.message) or names
        elif error.validator == "additionalProperties":
            known = set(error.schema.get("properties", {}))
            extra = sorted(set(error.instance) - known) if isinstance(error.instance, dict) else []
            names = [f"{path}.{name}" if path else name for name in extra] or names
        for name in names:
            problems[name or "custom_fields"] = error.message
    return problems


def check_schema(schema: dict[str, Any]) -> None:
    """Raise ``jsonschema.SchemaError`` when a catalog item's schema is itself invalid."""
    jsonschema.Draft202012Validator.check_schema(schema)


# -- message bodies ----------------------------------------------------------------------------

ALLOWED_TAGS = {
    "a",
    "b",
    "blockquote",
    "br",
    "code",
    "div",
    "em",
    "h1",
    "h2",
    "h3",
    "h4",
    "hr",
    "i",
    "img",
    "li",
    "ol",
    "p",
    "pre",
    "s",
    "span",
    "strong",
    "sub",
    "sup",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
}
_BLOCK_END = re.compile(r"<\s*(br|/p|/div|/li|/tr|/h[1-4]|/blockquote)\s*/?>", re.IGNORECASE)


def clean_html(raw: str) -> str:
    """Sanitise HTML from customers and agents (nh3: an allow-list, scripts and handlers gone)."""
    return nh3.clean(raw, tags=ALLOWED_TAGS)


def html_to_text(raw: str) -> str:
    with_breaks = _BLOCK_END.sub("\n", raw)
    stripped = nh3.clean(with_breaks, tags=set())
    lines = (line.strip() for line in html.unescape(stripped).splitlines())
    return "\n".join(line for line in lines if line)


def text_to_html(text: str) -> str:
    return "<p>" + html.escape(text).replace("\n", "<br>") + "</p>"


def message_bodies(text: str, raw_html: str | None) -> tuple[str, str]:
    """The (text, sanitised HTML) pair stored for a message: HTML when given (the text derived
    from it unless also given), else HTML made from the text."""
    if raw_html:
        clean = clean_html(raw_html)
        return (text.strip() or html_to_text(clean)), clean
    return text.strip(), text_to_html(text)


# -- waiting on the customer -------------------------------------------------------------------


@dataclass(frozen=True)
class PendingStep:
    """What to do with a ticket pending on its customer, and when to look again."""

    action: str  # "remind" | "solve" | "wait"
    next_at: datetime | None


def pending_step(
    since: datetime,
    reminded_at: datetime | None,
    now: datetime,
    *,
    remind_after: timedelta | None,
    solve_after: timedelta | None,
) -> PendingStep:
    """Pending for ``remind_after`` (3 days by default): remind the customer once; pending for
    ``solve_after`` (7 days): solve the ticket (a reply reopens it). The handbooks' callback
    habit (seed 002: follow up, do not let a customer's matter drop) as the common help-desk
    automation; either step may be turned off (None)."""
    solve_at = since + solve_after if solve_after else None
    remind_at = since + remind_after if remind_after and reminded_at is None else None
    if remind_at is not None and solve_at is not None and remind_at >= solve_at:
        remind_at = None
    if solve_at is not None and now >= solve_at:
        return PendingStep("solve", None)
    if remind_at is not None and now >= remind_at:
        return PendingStep("remind", solve_at)
    candidates = [t for t in (remind_at, solve_at) if t is not None]
    return PendingStep("wait", min(candidates) if candidates else None)
