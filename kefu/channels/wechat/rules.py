"""Pure rules of the WeChat channel: when an official account may still answer a customer, how
a push reads on a ticket, which ticket it joins, how a redelivery is recognised, what an
account's settings must look like, and what each answer of WeChat's API means for a reply or a
media download (send, retry, hold, give up). No I/O; ``now`` is passed in.

The limits are WeChat's (research china-cs.md §5.1, 客服消息): after a customer's message the
account may send 5 customer-service messages within 48 hours, renewed whenever the customer
writes again; after following the account, a menu click or a QR scan, 3 within 1 minute; none
once the customer has unfollowed (error 45015).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum

from kefu.channels.wechat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.wechat.crypto import CryptoError, decode_aes_key
from kefu.channels.wechat.payload import Push
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.i18n import translate
from kefu.tickets.rules import Status

MESSAGE_WINDOW = timedelta(hours=48)
MESSAGE_WINDOW_REPLIES = 5
EVENT_WINDOW = timedelta(minutes=1)
EVENT_WINDOW_REPLIES = 3

# Events that give the account the short (3 messages / 1 minute) window. A VIEW (menu link)
# opens none: WeChat counts only click, scancode_push and scancode_waitmsg among menu events.
WINDOW_EVENTS = frozenset({"subscribe", "click", "scan", "scancode_push", "scancode_waitmsg"})

# Ticket statuses a new message no longer continues: once solved, a customer's next message is
# a new request (the handbook's one ticket per matter), not a reopening.
FINISHED_STATUSES = frozenset({Status.SOLVED.value, Status.CLOSED.value})


@dataclass(frozen=True)
class WindowDecision:
    open: bool
    remaining: int  # messages the account may still send in this window
    reason: str  # an i18n key; its parameters in ``params``
    closes_at: datetime | None = None
    params: dict[str, str] = field(default_factory=dict)

    def explain(self, locale: str = "zh-CN") -> str:
        return translate(self.reason, locale, **self.params)


@dataclass(frozen=True)
class _Limits:
    length: timedelta
    replies: int
    prefix: str  # of the reason keys: what opened this kind of window


_MESSAGE_LIMITS = _Limits(MESSAGE_WINDOW, MESSAGE_WINDOW_REPLIES, "wechat.window")
_EVENT_LIMITS = _Limits(EVENT_WINDOW, EVENT_WINDOW_REPLIES, "wechat.event_window")


def reply_window(
    last_customer_message_at: datetime | None,
    replies_sent_since: int,
    now: datetime,
    *,
    subscribed: bool = True,
) -> WindowDecision:
    """The 48-hour window (客服消息 after a user message): whether a reply may be sent now and
    how many more. ``replies_sent_since``: replies sent after that last customer message."""
    return _window(last_customer_message_at, replies_sent_since, now, subscribed, _MESSAGE_LIMITS)


def event_window(
    last_event_at: datetime | None,
    replies_sent_since: int,
    now: datetime,
    *,
    subscribed: bool = True,
) -> WindowDecision:
    """The 1-minute window after following, a menu click or a scan (a welcome, a menu answer)."""
    return _window(last_event_at, replies_sent_since, now, subscribed, _EVENT_LIMITS)


def _window(
    since: datetime | None, sent: int, now: datetime, subscribed: bool, limits: _Limits
) -> WindowDecision:
    if not subscribed:
        return WindowDecision(False, 0, "wechat.window_unsubscribed")
    if since is None:
        return WindowDecision(False, 0, f"{limits.prefix}_none")
    closes_at = since + limits.length
    if now >= closes_at:
        return WindowDecision(False, 0, f"{limits.prefix}_expired", closes_at)
    remaining = max(limits.replies - sent, 0)
    if remaining == 0:
        return WindowDecision(
            False, 0, f"{limits.prefix}_quota_used", closes_at, {"limit": str(limits.replies)}
        )
    return WindowDecision(
        True,
        remaining,
        "wechat.window_open",
        closes_at,
        {"remaining": str(remaining), "closes_at": closes_at.isoformat(timespec="seconds")},
    )


def opens_event_window(push: Push) -> bool:
    return push.is_event and push.event in WINDOW_EVENTS


def decide_thread(open_ticket_id: int | None) -> ThreadDecision:
    """A chat has no reply headers: a message continues the customer's latest WeChat ticket that
    is not yet solved or closed (the conversation still going on), else it opens a ticket."""
    if open_ticket_id is not None:
        return ThreadDecision(open_ticket_id, ThreadRule.SESSION, "thread.session")
    return ThreadDecision(None, ThreadRule.NEW, "thread.new_conversation")


def dedupe_key(push: Push) -> str:
    """How a redelivery is recognised (WeChat retries three times when no answer comes within
    5 seconds): a message by its MsgId, an event, which has none, by sender and CreateTime."""
    if push.msg_id is not None:
        return f"msg:{push.msg_id}"
    return f"event:{push.openid}:{push.create_time}"


def message_text(push: Push, locale: str = "zh-CN") -> str:
    """How a message reads on the ticket; non-text messages say what they are, in words."""
    f = push.fields
    kind = push.msg_type
    if kind == "text":
        return f.get("Content", "")
    if kind == "image":
        return translate("wechat.msg.image", locale, url=f.get("PicUrl", "").strip())
    if kind == "voice":
        recognised = f.get("Recognition", "").strip()
        if recognised:
            return translate("wechat.msg.voice_recognised", locale, text=recognised)
        return translate(
            "wechat.msg.voice",
            locale,
            format=f.get("Format", "").strip() or "?",
            media_id=f.get("MediaId", "").strip(),
        )
    if kind == "location":
        return translate(
            "wechat.msg.location",
            locale,
            label=f.get("Label", "").strip(),
            x=f.get("Location_X", "").strip(),
            y=f.get("Location_Y", "").strip(),
        )
    if kind == "link":
        return translate(
            "wechat.msg.link",
            locale,
            title=f.get("Title", "").strip(),
            description=f.get("Description", "").strip(),
            url=f.get("Url", "").strip(),
        )
    if kind in ("video", "shortvideo"):
        return translate("wechat.msg.video", locale, media_id=f.get("MediaId", "").strip())
    return translate("wechat.msg.unsupported", locale, kind=kind)


# -- account settings --------------------------------------------------------------------------

_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")
_APPID = re.compile(r"^[A-Za-z0-9]{1,32}$")
_SECRET_LIKE = re.compile(r"^[\x21-\x7e]{1,64}$")  # visible ASCII, no spaces


def check_account(
    name: str, appid: str, token: str, aes_key: str | None, secret: str | None
) -> dict[str, str]:
    """Problems with an account's settings: field -> message code (empty: all fine)."""
    problems: dict[str, str] = {}
    if not _NAME.match(name):
        problems["name"] = "wechat.bad_name"
    if not _APPID.match(appid):
        problems["appid"] = "wechat.bad_appid"
    if not _SECRET_LIKE.match(token):
        problems["token"] = "wechat.bad_token"
    if aes_key is not None:
        try:
            decode_aes_key(aes_key)
        except CryptoError as exc:
            problems["aes_key"] = exc.code
    if secret is not None and not _SECRET_LIKE.match(secret):
        problems["secret"] = "wechat.bad_secret"
    return problems


# -- sending customer-service messages and fetching media --------------------------------------


class SendState(StrEnum):
    QUEUED = "queued"
    SENT = "sent"
    FAILED = "failed"  # given up: the ticket has a note saying why
    HELD = "held"  # the window was closed: kept and offered on another channel


class MediaState(StrEnum):
    QUEUED = "queued"
    STORED = "stored"  # attached to the push's ticket message
    FAILED = "failed"


class Fallback(StrEnum):
    """Where a held reply is offered instead: mail when the customer has an address, else it
    waits in the customer portal (where every public reply shows anyway)."""

    MAIL = "mail"
    PORTAL = "portal"


class ApiOutcome(StrEnum):
    """What an answer of WeChat's API (its ``errcode``; ``None``: no answer at all) means."""

    OK = "ok"
    WINDOW_CLOSED = "window_closed"  # hold the reply; retrying cannot help
    TOO_MANY = "too_many"  # this window's replies are used up: hold as well
    TOKEN_INVALID = "token_invalid"  # fetch a new token at once and try once more
    RETRY = "retry"  # busy, rate-limited or unreachable: try again later
    FAILED = "failed"  # needs a person (permissions, settings, a bad id): never retried


TOKEN_ERRCODES = frozenset({40001, 40014, 42001})  # invalid, malformed, expired access token
_OUTCOMES: dict[int, ApiOutcome] = {
    0: ApiOutcome.OK,
    45015: ApiOutcome.WINDOW_CLOSED,  # out of the 48 hours, or the customer unfollowed
    43004: ApiOutcome.WINDOW_CLOSED,  # the customer does not follow the account
    45047: ApiOutcome.TOO_MANY,
    -1: ApiOutcome.RETRY,  # system busy
    45009: ApiOutcome.RETRY,  # daily API quota reached
    45011: ApiOutcome.RETRY,  # API called too often
    48001: ApiOutcome.FAILED,  # the account is not authorised for this API
    40003: ApiOutcome.FAILED,  # invalid openid
    40007: ApiOutcome.FAILED,  # invalid media id (media are kept 3 days)
    40013: ApiOutcome.FAILED,  # invalid AppID
    40125: ApiOutcome.FAILED,  # invalid AppSecret
    40164: ApiOutcome.FAILED,  # this server's IP is not on the account's allow list
    45002: ApiOutcome.FAILED,  # content too long
    **{code: ApiOutcome.TOKEN_INVALID for code in TOKEN_ERRCODES},
}
# Explained by name on the ticket; any other code is shown with WeChat's own errmsg.
KNOWN_ERRCODES = frozenset(_OUTCOMES) - {0}

# Seconds before attempt 2, 3, ...: short, because the 48-hour window does not wait.
RETRY_DELAYS = (30, 120, 600, 1800, 3600)
TOKEN_REFRESH_MARGIN = timedelta(minutes=5)
MEDIA_KINDS = frozenset({"image", "voice"})


def api_outcome(errcode: int | None) -> ApiOutcome:
    """No answer (a timeout, a 502) and codes not listed are tried again: giving up on an
    unknown code would lose a reply that a later attempt may deliver."""
    if errcode is None:
        return ApiOutcome.RETRY
    return _OUTCOMES.get(errcode, ApiOutcome.RETRY)


def error_reason(errcode: int | None, errmsg: str) -> tuple[str, dict[str, str]]:
    """An i18n key and its parameters saying what went wrong, for the ticket's note."""
    if errcode is None:
        return "wechat.error.unreachable", {"detail": errmsg[:200]}
    if errcode in KNOWN_ERRCODES:
        return f"wechat.error.{errcode}", {}
    return "wechat.error.other", {"errcode": str(errcode), "errmsg": errmsg[:200]}


def next_attempt(attempts: int, now: datetime) -> datetime | None:
    """When to try again after ``attempts`` failed tries; ``None``: give up."""
    if attempts > len(RETRY_DELAYS):
        return None
    return now + timedelta(seconds=RETRY_DELAYS[attempts - 1])


def token_usable(expires_at: datetime | None, now: datetime) -> bool:
    """A cached token is replaced 5 minutes before it expires, so that one handed out is never
    rejected mid-request (WeChat accepts the old one a few minutes after a new one is issued)."""
    return expires_at is not None and now < expires_at - TOKEN_REFRESH_MARGIN


def token_expiry(fetched_at: datetime, expires_in: int) -> datetime:
    return fetched_at + timedelta(seconds=max(expires_in, 0))


def custom_text(openid: str, content: str) -> dict[str, object]:
    """The JSON of a text customer-service message (POST /cgi-bin/message/custom/send)."""
    return {"touser": openid, "msgtype": "text", "text": {"content": content}}


def fallback_for(email: str | None) -> Fallback:
    return Fallback.MAIL if email else Fallback.PORTAL


def media_to_fetch(msg_type: str, fields: dict[str, str]) -> str | None:
    """The MediaId of an image or voice message, to download after answering WeChat."""
    media_id = fields.get("MediaId", "").strip()
    return media_id if msg_type in MEDIA_KINDS and media_id else None


_SAFE_FILENAME = re.compile(r"^[A-Za-z0-9._-]{1,120}$")
_EXTENSIONS = {
    "image/jpeg": ".jpg",
    "image/png": ".png",
    "image/gif": ".gif",
    "image/webp": ".webp",
    "audio/amr": ".amr",
    "audio/speex": ".speex",
    "audio/mpeg": ".mp3",
}


def media_filename(kind: str, reference: str, content_type: str, given: str | None) -> str:
    """The attachment's name: WeChat's own (from Content-Disposition) when it is a plain file
    name, else one made from the message kind and reference with an extension for the type."""
    if given and _SAFE_FILENAME.match(given) and not given.startswith("."):
        return given
    extension = _EXTENSIONS.get(content_type.split(";")[0].strip().lower(), "")
    return f"wechat-{kind}-{reference}{extension}"
