"""Pure rules of the web chat channel: what a visitor may send over the socket, what the chat
start form may hold, which ticket a message joins, and what the visitor is told while waiting.
No I/O; every input is passed in."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from enum import StrEnum

from kefu.channels.webchat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.i18n import translate
from kefu.tickets.rules import Status

MAX_TEXT = 2000  # characters of one chat message
MAX_FRAME_BYTES = 16 * 1024
CLIENT_ID = re.compile(r"^[A-Za-z0-9_.:-]{1,64}$")
SHOP_KEY = re.compile(r"^[\w-]{1,64}$")
START_LIMITS = {"name": 100, "phone": 40, "email": 200, "shop": 64, "token": 100}
MAX_PAGE = 500  # a page address longer than this is cut, not refused

# A solved or closed ticket is a finished matter: the visitor's next message opens a new one
# (the handbook's one ticket per request), as on WeChat.
FINISHED_STATUSES = frozenset({Status.SOLVED.value, Status.CLOSED.value})


# -- frames from the visitor ---------------------------------------------------------------------


@dataclass(frozen=True)
class Say:
    """A chat message. ``client_id`` is the widget's own id for it: sending it again (after a
    lost acknowledgement) stores nothing new and is acknowledged with the same message id."""

    client_id: str
    text: str


@dataclass(frozen=True)
class Ping:
    """The widget checking that the connection is alive; answered with ``pong``."""


@dataclass(frozen=True)
class Typing:
    """The visitor is typing (accepted; not forwarded yet)."""


Frame = Say | Ping | Typing


class FrameError(Exception):
    """A frame refused: ``code`` keys the message, ``client_id`` names the message if known."""

    def __init__(self, code: str, client_id: str | None = None, **params: object) -> None:
        super().__init__(code)
        self.code = code
        self.client_id = client_id
        self.params = params

    def explain(self, locale: str) -> str:
        return translate(self.code, locale, **self.params)


def read_frame(raw: str | bytes | None) -> Frame:
    """One frame of the socket protocol, or :class:`FrameError` saying what is wrong with it."""
    if not isinstance(raw, str):
        raise FrameError("webchat.bad_frame")
    if len(raw.encode("utf-8")) > MAX_FRAME_BYTES:
        raise FrameError("webchat.frame_too_large", limit=MAX_FRAME_BYTES // 1024)
    try:
        data = json.loads(raw)
    except ValueError as exc:
        raise FrameError("webchat.bad_frame") from exc
    if not isinstance(data, dict):
        raise FrameError("webchat.bad_frame")
    kind = data.get("type")
    if kind == "message":
        return _say(data)
    if kind == "ping":
        return Ping()
    if kind == "typing":
        return Typing()
    raise FrameError("webchat.unknown_type", type=str(kind)[:40])


def _say(data: dict[str, object]) -> Say:
    client_id = data.get("client_id")
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        raise FrameError("webchat.bad_client_id")
    text = data.get("text")
    if not isinstance(text, str):
        raise FrameError("webchat.empty_text", client_id)
    text = text.strip()
    if not text:
        raise FrameError("webchat.empty_text", client_id)
    if len(text) > MAX_TEXT:
        raise FrameError("webchat.too_long", client_id, limit=MAX_TEXT)
    return Say(client_id, text)


# -- starting a chat -----------------------------------------------------------------------------


@dataclass(frozen=True)
class StartForm:
    """The chat start request as given: every field optional."""

    token: str = ""
    name: str = ""
    phone: str = ""
    email: str = ""
    shop: str = ""
    page: str = ""


class StartRefused(Exception):
    """The start request has problems: a message code per field."""

    def __init__(self, problems: dict[str, str], params: dict[str, dict[str, object]]) -> None:
        super().__init__("validation_failed")
        self.problems = problems
        self.params = params


def read_start(data: object) -> StartForm:
    """The start form from a decoded JSON body; :class:`StartRefused` names each bad field."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise StartRefused({"body": "field.type"}, {})
    known = (*START_LIMITS, "page")
    problems = {str(name): "field.unknown" for name in data if name not in known}
    params: dict[str, dict[str, object]] = {}
    values: dict[str, str] = {}
    for name in known:
        value = data.get(name)
        if value is None:
            continue
        if not isinstance(value, str):
            problems[name] = "field.type"
            continue
        value = value.strip()
        limit = START_LIMITS.get(name, 0)
        if limit and len(value) > limit:
            problems[name], params[name] = "field.too_long", {"max": limit}
        values[name] = value[:MAX_PAGE]
    shop = values.get("shop", "")
    if shop and "shop" not in problems and not SHOP_KEY.match(shop):
        problems["shop"] = "webchat.bad_shop"
    if problems:
        raise StartRefused(problems, params)
    return StartForm(**values)


def entry_point(shop: str) -> str:
    """Where the chat came in, for multi-desk delivery: ``web_chat:<shop key>``."""
    return f"web_chat:{shop}" if shop else "web_chat"


# -- threading -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class TicketState:
    """The session's latest ticket (after following merges): its id and status."""

    id: int
    status: str


def decide_thread(current: TicketState | None) -> ThreadDecision:
    """A chat message continues its session's ticket while that is unfinished (rule
    ``session``); the first message, or one after the matter was solved, opens a new ticket."""
    if current is not None and current.status not in FINISHED_STATUSES:
        return ThreadDecision(current.id, ThreadRule.SESSION, "thread.session")
    return ThreadDecision(None, ThreadRule.NEW, "thread.new_conversation")


# -- what the visitor sees while waiting ---------------------------------------------------------


class ChatState(StrEnum):
    IDLE = "idle"  # nothing asked yet, or the last matter is finished
    WAITING = "waiting"  # asked, no agent has taken it yet
    SERVED = "served"  # an agent has taken it


@dataclass(frozen=True)
class QueuePlace:
    """The ticket's place in its group's line (1: next), the estimated wait in seconds (None:
    nobody online who could take it) and how many agents are online with room."""

    position: int
    wait_s: float | None
    online: int


@dataclass(frozen=True)
class ChatStatus:
    state: ChatState
    position: int | None = None
    wait_minutes: int | None = None
    agents_online: int | None = None
    agent: str | None = None

    def frame(self) -> dict[str, object]:
        return {
            "type": "status",
            "state": self.state.value,
            "position": self.position,
            "wait_minutes": self.wait_minutes,
            "agents_online": self.agents_online,
            "agent": self.agent,
        }


def chat_status(
    ticket: TicketState | None, agent: str | None, place: QueuePlace | None
) -> ChatStatus:
    """What the widget shows above the conversation (issue 3: position and estimated wait while
    no agent has taken the chat; the agent's name once one has)."""
    if ticket is None or ticket.status in FINISHED_STATUSES:
        return ChatStatus(ChatState.IDLE)
    if agent is not None:
        return ChatStatus(ChatState.SERVED, agent=agent)
    if place is None or place.position <= 0:
        return ChatStatus(ChatState.WAITING)  # not routed to a group yet: no line to stand in
    minutes = None if place.wait_s is None else max(1, -(-int(place.wait_s) // 60))
    return ChatStatus(
        ChatState.WAITING,
        position=place.position,
        wait_minutes=minutes,
        agents_online=place.online,
    )


def agent_label(work_number: int | None, display_name: str, locale: str) -> str:
    """How an agent is named to a customer: by work number, as the handbook's greetings do
    (seed 001: "您好,我是客服8号"), else by the name they chose to show."""
    if work_number is not None:
        return translate("webchat.agent", locale, number=work_number)
    return display_name


def visitor_name(session_id: int, locale: str) -> str:
    """The name of a visitor who gave none, on their customer profile."""
    return translate("webchat.visitor", locale, number=session_id)
