"""Pure rules of the web chat channel: what a visitor may send over the socket, what the chat
start form may hold, which ticket a message joins, and what the visitor is told while waiting.
No I/O; every input is passed in."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
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
    """The visitor is typing: passed on to the agents at most every ``TYPING_EVERY``."""


@dataclass(frozen=True)
class Read:
    """The visitor has seen the conversation up to message ``last_id`` (the widget sends it
    while the chat is open on a visible page)."""

    last_id: int


Frame = Say | Ping | Typing | Read


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
    if kind == "read":
        return _read(data)
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


def _read(data: dict[str, object]) -> Read:
    last_id = data.get("last_id")
    # bool is an int in Python; true is not a message id
    if not isinstance(last_id, int) or isinstance(last_id, bool) or not 0 < last_id < 2**31:
        raise FrameError("webchat.bad_read")
    return Read(last_id)


# -- typing and reading --------------------------------------------------------------------------

# One typing signal a side every 3 s at most: enough for "对方正在输入…" to stay on while someone
# types, without an outbox row a keystroke.
TYPING_EVERY = timedelta(seconds=3)


def typing_due(last: datetime | None, now: datetime) -> bool:
    """Whether a new typing signal is passed on (the side's previous one is old enough)."""
    return last is None or now - last >= TYPING_EVERY or now < last


def read_moves(current: int | None, reported: int) -> bool:
    """A read position only goes forward: a stale report (an older tab) changes nothing."""
    return current is None or reported > current


# -- images and files ----------------------------------------------------------------------------

# Shown inline in the widget. Decided by the file's first bytes, never by the name or the type
# the browser claimed: a page must not be made to render something else as an image. SVG is
# not among them (it can carry script).
_IMAGE_MAGIC: tuple[tuple[bytes, int, str], ...] = (
    (b"\x89PNG\r\n\x1a\n", 0, "image/png"),
    (b"\xff\xd8\xff", 0, "image/jpeg"),
    (b"GIF87a", 0, "image/gif"),
    (b"GIF89a", 0, "image/gif"),
    (b"WEBP", 8, "image/webp"),
)
IMAGE_TYPES = frozenset(kind for _, _, kind in _IMAGE_MAGIC)
SNIFF_BYTES = 16
GENERIC_TYPE = "application/octet-stream"
MAX_FILENAME = 200


@dataclass(frozen=True)
class FileKind:
    content_type: str
    image: bool


def file_kind(head: bytes, declared: str) -> FileKind:
    """What an upload is: an image (by its magic bytes) or a file, kept with the type the
    browser declared when that looks like a MIME type (it is only ever served as a download)."""
    for magic, offset, kind in _IMAGE_MAGIC:
        riff = kind != "image/webp" or head[:4] == b"RIFF"
        if head[offset : offset + len(magic)] == magic and riff:
            return FileKind(kind, True)
    declared = declared.split(";")[0].strip().lower()
    if not re.fullmatch(r"[a-z0-9.+-]+/[a-z0-9.+-]+", declared) or _renderable(declared):
        declared = GENERIC_TYPE  # an image that is not one, or a page: a plain download
    return FileKind(declared[:120], False)


# Types a browser would render (and run script in) if it were ever served with them.
_PAGE_TYPES = frozenset(
    {"text/html", "application/xhtml+xml", "text/xml", "application/xml", "text/javascript",
     "application/javascript"}
)  # fmt: skip


def _renderable(content_type: str) -> bool:
    return content_type.startswith("image/") or content_type in _PAGE_TYPES


@dataclass(frozen=True)
class Upload:
    """The fields sent with a file: its ``client_id`` (as for a message) and an optional
    caption."""

    client_id: str
    text: str
    filename: str


class UploadRefused(Exception):
    """The upload form has problems: a message code per field (and the codes' parameters)."""

    def __init__(self, problems: dict[str, str], params: dict[str, dict[str, object]]) -> None:
        super().__init__("validation_failed")
        self.problems = problems
        self.params = params


def read_upload(client_id: object, text: object, filename: object) -> Upload:
    """The upload's fields, or :class:`UploadRefused` naming each bad one."""
    problems: dict[str, str] = {}
    params: dict[str, dict[str, object]] = {}
    if not isinstance(client_id, str) or not CLIENT_ID.match(client_id):
        problems["client_id"] = "webchat.bad_client_id"
    caption = text.strip() if isinstance(text, str) else ""
    if text is not None and not isinstance(text, str):
        problems["text"] = "field.type"
    elif len(caption) > MAX_TEXT:
        problems["text"], params["text"] = "field.too_long", {"max": MAX_TEXT}
    name = _clean_filename(filename)
    if not name:
        problems["file"] = "webchat.file_missing"
    if problems:
        raise UploadRefused(problems, params)
    return Upload(str(client_id), caption, name)


def _clean_filename(filename: object) -> str:
    if not isinstance(filename, str):
        return ""
    # A browser may send a path (old Edge, IE); control characters never belong in a name.
    name = filename.replace("\\", "/").rsplit("/", 1)[-1]
    name = "".join(ch for ch in name if ch.isprintable()).strip()
    if len(name) > MAX_FILENAME:  # cut the stem, keep the extension
        stem, dot, ext = name.rpartition(".")
        if dot and len(ext) < 16:
            return stem[: MAX_FILENAME - len(ext) - 1] + dot + ext
        return name[:MAX_FILENAME]
    return name


def file_signature(token_digest: str, attachment_id: int) -> str:
    """The signature in a chat file's address: keyed by the chat's token digest, so an address
    works for that chat only, and a file of another chat cannot be reached by changing the id."""
    message = f"chat-file:{attachment_id}".encode()
    return hmac.new(token_digest.encode(), message, hashlib.sha256).hexdigest()[:32]


def file_path(session_id: int, attachment_id: int, signature: str) -> str:
    return f"/chat/files/{session_id}/{attachment_id}/{signature}"


def file_subject(filename: str, image: bool, locale: str) -> str:
    """The subject of a ticket a file opened (it has no words of its own): "[图片] 照片.jpg"."""
    code = "webchat.image_subject" if image else "webchat.file_subject"
    return translate(code, locale, name=filename)


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
