"""Inbound mail → ``ParsedMail``: a pure function of the raw bytes that never raises.

Owns decoding what real clients send (RFC 2047 encoded words, RFC 2231 parameters, GB2312/GBK/
GB18030, Big5 and UTF-8 bodies in base64 or quoted-printable, raw 8-bit headers), choosing the
body in the MIME tree, attachments and inline images, recognising automatic replies and bounces,
and finding ticket numbers in a subject. Threading, storage and sending live elsewhere and read
only ``ParsedMail``; quote trimming is in ``quoting``, HTML handling in ``html_text``, charset
and header decoding in ``charsets``.

The message is split with the standard library's ``email`` package under the ``compat32``
policy with header values left raw (``_RawHeaders``), not ``policy.default``: the latter decodes
encoded words and RFC 2231 parameters with the *declared* charset, so a name declared gb2312 but
written in GBK (喆, 镕 — what Chinese clients actually send) comes out as replacement characters,
and it raises on some malformed headers when they are read. With raw values we decode ourselves,
widening GB2312/GBK to GB18030 and Big5 to Big5-HKSCS, and record a defect instead of failing.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from email import message_from_bytes
from email.message import Message
from email.policy import Compat32
from email.utils import getaddresses, parsedate_to_datetime

from kefu.channels.email.charsets import (
    decode_bytes,
    decode_words,
    recover_8bit,
    safe_text,
    unfold,
)
from kefu.channels.email.html_text import html_to_text, referenced_content_ids, sanitise_html
from kefu.channels.email.quoting import looks_forwarded, tidy_lines, trim_quoted, unflow


@dataclass(frozen=True)
class Address:
    name: str  # display name, decoded; "" if none
    email: str  # lower-cased


@dataclass(frozen=True)
class MailAttachment:
    filename: str  # decoded, base name only; "attachment-<n>.<ext>" when the mail gives none
    content_type: str
    content: bytes
    inline: bool  # shown in the HTML by its Content-ID, or an image sent inline
    content_id: str | None  # without <>


@dataclass(frozen=True)
class ParsedMail:
    message_id: str | None  # without <>
    in_reply_to: list[str]  # ids without <>
    references: list[str]  # ids without <>, in order, once each
    subject: str  # decoded, whitespace collapsed
    sender: Address | None  # From
    reply_to: list[Address]
    to: list[Address]
    cc: list[Address]
    date: datetime | None  # aware, UTC
    text: str  # the new part: quoted history trimmed (the whole text if nothing else is left)
    full_text: str  # everything, history included
    html: str | None  # sanitised; None if the mail had no HTML part
    attachments: list[MailAttachment]
    auto_reply: str | None  # why the mail is automatic; None for a person's mail
    bounce: bool  # a failure DSN or a mailer-daemon's returned mail
    bounced_message_id: str | None  # Message-ID of the mail that bounced, when it says
    defects: list[str]  # what was wrong but survived


class _RawHeaders(Compat32):
    """compat32, but header values come back exactly as received (raw bytes surrogate-escaped)."""

    def header_fetch_parse(self, name: str, value: str) -> str:
        return value


_POLICY = _RawHeaders()


def _raw(msg: Message, name: str) -> str:
    value = msg.get(name)
    return unfold(value) if isinstance(value, str) else ""


def _header(msg: Message, name: str) -> str:
    """A header not decoded further (ids, flags, parameters), as safe text."""
    return safe_text(_raw(msg, name))


def _addresses(msg: Message, name: str, defects: list[str]) -> list[Address]:
    raw = [recover_8bit(unfold(value), name, defects) for value in msg.get_all(name, [])]
    found: list[Address] = []
    for display, email in getaddresses(raw):
        if "@" in email:  # groups ("undisclosed-recipients:;") give empty entries
            decoded = " ".join(decode_words(display, name, defects).split())
            found.append(Address(decoded, email.strip().lower()))
    return found


_ID_IN_BRACKETS = re.compile(r"<([^<>]*)>")


def _message_ids(value: str) -> list[str]:
    """Ids in order, without <>, once each; whitespace a broken fold left inside one removed."""
    value = value.replace("\x00", "")
    ids = ["".join(found.split()) for found in _ID_IN_BRACKETS.findall(value)]
    if not ids:  # some clients drop the brackets; comments and junk have no "@"
        ids = [token.strip("\"'") for token in re.split(r"[\s,]+", value) if "@" in token]
    return list(dict.fromkeys(found for found in ids if found))


def _date(value: str, defects: list[str]) -> datetime | None:
    if not value:
        defects.append("missing Date header")
        return None
    try:
        parsed = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        defects.append(f"unparseable Date header {value[:60]!r}")
        return None
    if parsed.tzinfo is None:  # "-0000": zone unknown; UTC is the least wrong guess
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC)


# -- body and attachments ----------------------------------------------------------------------

_MAX_DEPTH = 30
_EXTENSIONS = {"image/png": ".png", "image/jpeg": ".jpg", "image/gif": ".gif"}
_EXTENSIONS |= {"application/pdf": ".pdf", "text/plain": ".txt", "text/html": ".html"}
_EXTENSIONS |= {"message/rfc822": ".eml", "text/calendar": ".ics"}


@dataclass
class _Found:
    defects: list[str]
    plain: list[str] = field(default_factory=list)
    html: list[str] = field(default_factory=list)
    attachments: list[tuple[MailAttachment, str]] = field(default_factory=list)  # + disposition
    enclosed_ids: list[str] = field(default_factory=list)  # Message-IDs of enclosed mails
    delivery_actions: list[str] = field(default_factory=list)


def _disposition(part: Message) -> str:
    return _header(part, "Content-Disposition").split(";")[0].strip().lower()


def _walk(part: Message, found: _Found, depth: int) -> None:
    if depth > _MAX_DEPTH:
        found.defects.append(f"MIME nested deeper than {_MAX_DEPTH} levels; the rest is skipped")
        return
    ctype = safe_text(part.get_content_type())
    payload = part.get_payload()
    if ctype.startswith("message/") or ctype == "text/rfc822-headers":
        _enclosed(part, found, ctype)
    elif isinstance(payload, list):
        children = [child for child in payload if isinstance(child, Message)]
        if ctype == "multipart/alternative":
            children = _chosen_alternatives(children)
        for child in children:
            _walk(child, found, depth + 1)
    elif _is_body(part, ctype):
        text = _text_of(part, ctype, found.defects)
        (found.html if ctype == "text/html" else found.plain).append(text)
    else:
        attachment = _attachment(part, ctype, len(found.attachments) + 1, found)
        found.attachments.append((attachment, _disposition(part)))
    found.defects.extend(f"{type(d).__name__} in {ctype} part" for d in part.defects)


def _chosen_alternatives(children: list[Message]) -> list[Message]:
    """The last text/plain (for ``text``) and the last HTML branch (for ``html`` and its images);
    other renderings (text/enriched, AMP, text/calendar of an invitation) are left out."""
    plain = [child for child in children if child.get_content_type() == "text/plain"]
    rich = [
        child
        for child in children
        if child.get_content_type() == "text/html" or child.get_content_maintype() == "multipart"
    ]
    return plain[-1:] + rich[-1:]


def _is_body(part: Message, ctype: str) -> bool:
    if _disposition(part) == "attachment" or part.get_param(
        "filename", None, "content-disposition"
    ):
        return False
    if part.get_param("name", None) is not None:
        return False
    # A multipart whose boundary never appears is left as one text; show it rather than lose it.
    return ctype in ("text/plain", "text/html") or part.get_content_maintype() == "multipart"


def _text_of(part: Message, ctype: str, defects: list[str]) -> str:
    data = part.get_payload(decode=True)
    raw = data if isinstance(data, bytes) else b""
    text = decode_bytes(raw, part.get_content_charset(), f"{ctype} part", defects)
    if ctype == "text/plain" and str(part.get_param("format", "")).lower() == "flowed":
        text = unflow(
            text.replace("\r\n", "\n"), delsp=str(part.get_param("delsp", "")).lower() == "yes"
        )
    return text


def _attachment(part: Message, ctype: str, index: int, found: _Found) -> MailAttachment:
    data = part.get_payload(decode=True)
    name = _filename(part, found.defects) or f"attachment-{index}{_EXTENSIONS.get(ctype, '.bin')}"
    content_id = "".join(_header(part, "Content-ID").split()).strip("<>") or None
    return MailAttachment(name, ctype, data if isinstance(data, bytes) else b"", False, content_id)


def _filename(part: Message, defects: list[str]) -> str | None:
    """Content-Disposition filename, else Content-Type name: RFC 2231 (``filename*=gb2312''…``,
    continuations) or RFC 2047 inside the quotes (Outlook, Foxmail), base name only."""
    for header, param in (("content-disposition", "filename"), ("content-type", "name")):
        value = part.get_param(param, None, header)
        if isinstance(value, tuple):  # RFC 2231: %-decoded bytes, one char each
            charset, _, text = value
            raw = str(text).encode("latin-1", "surrogateescape")
            value = decode_bytes(raw, charset or None, "attachment filename", defects)
        if not isinstance(value, str):
            continue
        name = decode_words(value.strip(), "attachment filename", defects)
        name = "".join(char for char in name if unicodedata.category(char)[0] != "C")
        name = name.replace("\\", "/").rsplit("/", 1)[-1].strip().strip(".")
        if name:
            return name
    return None


def _enclosed(part: Message, found: _Found, ctype: str) -> None:
    """An enclosed mail or a DSN's parts: kept as an attachment, its Message-ID remembered."""
    payload = part.get_payload()
    blocks = (
        [block for block in payload if isinstance(block, Message)]
        if isinstance(payload, list)
        else []
    )
    if ctype == "message/delivery-status":
        found.delivery_actions += [_header(block, "Action").lower() for block in blocks]
    for block in blocks:
        found.enclosed_ids += _message_ids(_header(block, "Message-ID"))[:1]
    if isinstance(payload, str | bytes):
        data = part.get_payload(decode=True)
        content = data if isinstance(data, bytes) else b""
        found.enclosed_ids += _message_ids(_message_id_line(content.decode("latin-1")))[:1]
    else:
        content = _serialised(blocks, found.defects)
    index = len(found.attachments) + 1
    name = _filename(part, found.defects) or f"attachment-{index}{_EXTENSIONS.get(ctype, '.txt')}"
    attachment = MailAttachment(name, ctype, content, False, None)
    found.attachments.append((attachment, _disposition(part)))


def _serialised(blocks: list[Message], defects: list[str]) -> bytes:
    try:
        return b"".join(block.as_bytes() for block in blocks)
    except Exception as error:  # a broken enclosed mail must not lose the mail around it
        defects.append(f"enclosed message not kept ({type(error).__name__})")
        return b""


_MESSAGE_ID_LINE = re.compile(r"^message-id:[ \t]*(.*(?:\r?\n[ \t].*)*)", re.I | re.M)


def _message_id_line(text: str) -> str:
    match = _MESSAGE_ID_LINE.search(text)
    return unfold(match.group(1)) if match else ""


# -- automatic mail ----------------------------------------------------------------------------

# Headers whose mere presence marks an automatic reply (RFC 3834 predecessors, vendor variants).
_AUTO_HEADERS = ("X-Autoreply", "X-Autorespond", "X-Autoreply-From", "X-Mail-Autoreply",
                 "X-Autogenerated", "X-FC-MachineGenerated")  # fmt: skip
_PRECEDENCE = {"bulk", "junk", "list", "auto_reply"}
# Exchange marks its own out-of-office replies this way; DR/RN/NRN alone only ask for no receipts.
_SUPPRESS = {"all", "oof", "autoreply"}
# Chinese providers' vacation replies often carry no header at all, only the subject.
_AUTO_SUBJECT = re.compile(
    r"^\s*(自动回复|自動回覆|自动答复|自動回复|休假自动回复|auto(matic)?[ -]?reply|"
    r"out of (the )?office( reply)?|autoreply)\s*[:：]",
    re.IGNORECASE,
)
_BOUNCE_SUBJECT = re.compile(
    r"undeliver|delivery status notification|delivery (has )?failed|failure notice|"
    r"returned mail|mail delivery failed|退信|无法投递|投递失败|未能送达|被退回",
    re.IGNORECASE,
)
_DELAY_SUBJECT = re.compile(r"delayed|still being retried|延迟|延时|暂未投递", re.IGNORECASE)
_DAEMONS = {"mailer-daemon", "mail-daemon", "mailerdaemon", "postmaster"}


def _auto_reply(msg: Message, subject: str) -> str | None:
    """Why the mail is automatic (first reason found), or None for a person's mail."""
    submitted = _header(msg, "Auto-Submitted").split(";")[0].strip().lower()
    if submitted and submitted != "no":
        return f"Auto-Submitted: {submitted}"
    for name in _AUTO_HEADERS:
        value = _header(msg, name).strip()
        if name in msg and value.lower() not in ("no", "false", "0"):
            return f"{name}: {value}" if value else name
    suppress = set(re.split(r"[\s,]+", _header(msg, "X-Auto-Response-Suppress").lower()))
    if suppress & _SUPPRESS:
        return f"X-Auto-Response-Suppress: {_header(msg, 'X-Auto-Response-Suppress').strip()}"
    for name in ("Precedence", "X-Precedence"):
        precedence = _header(msg, name).strip().lower()
        if precedence in _PRECEDENCE:
            return f"{name}: {precedence}"
    prefix = _AUTO_SUBJECT.match(subject)
    return f"Subject: {prefix.group(1)}" if prefix else None


def _is_bounce(msg: Message, sender: Address | None, subject: str, found: _Found) -> bool:
    """A DSN that reports a failure, or a mailer-daemon's returned mail (QQ's and 163's 退信
    are often plain mails from a postmaster). Delayed and delivered DSNs are not bounces."""
    if _is_dsn(msg):
        actions = [action for action in found.delivery_actions if action]
        return not actions or any(action.startswith("failed") for action in actions)
    local = sender.email.split("@")[0] if sender else ""
    if local not in _DAEMONS or _DELAY_SUBJECT.search(subject):
        return False
    return local != "postmaster" or bool(_BOUNCE_SUBJECT.search(subject) or found.enclosed_ids)


def _is_dsn(msg: Message) -> bool:
    report_type = str(msg.get_param("report-type", "")).lower()
    return msg.get_content_type() == "multipart/report" and report_type == "delivery-status"


# -- the parse ---------------------------------------------------------------------------------


def parse_mail(raw: bytes) -> ParsedMail:
    """Parse one message as received; never raises (a hopeless one comes back as raw text)."""
    try:
        return _parse(raw)
    except Exception as error:  # a mail we cannot parse must still reach an agent
        defects = [f"unparseable message ({type(error).__name__}); shown as raw text"]
        text = tidy_lines(decode_bytes(raw, None, "message", defects))
        return ParsedMail(None, [], [], "", None, [], [], [], None, text, text, None, [], None,
                          False, None, defects)  # fmt: skip


def _parse(raw: bytes) -> ParsedMail:
    msg = message_from_bytes(raw, policy=_POLICY)
    defects: list[str] = []
    for required in ("From", "Message-ID"):
        if required not in msg:
            defects.append(f"missing {required} header")
    subject = " ".join(decode_words(_raw(msg, "Subject"), "Subject", defects).split())
    senders = _addresses(msg, "From", defects)
    if "From" in msg and not senders:
        defects.append("no address in From header")
    found = _Found(defects)
    _walk(msg, found, 0)
    full_text, text = _texts(found, forwarded=looks_forwarded(subject))
    html_source = "\n".join(found.html)
    referenced = referenced_content_ids(html_source)
    bounce = _is_bounce(msg, senders[0] if senders else None, subject, found)
    auto_reply = _auto_reply(msg, subject)
    if auto_reply is None and (bounce or _is_dsn(msg)):
        auto_reply = "delivery status notification"  # never answer a bounce: mail loops
    if bounce and not found.enclosed_ids:
        found.enclosed_ids += _message_ids(_message_id_line("\n".join(found.plain)))[:1]
    return ParsedMail(
        message_id=next(iter(_message_ids(_header(msg, "Message-ID"))), None),
        in_reply_to=_message_ids(_header(msg, "In-Reply-To")),
        references=_message_ids(_header(msg, "References")),
        subject=subject,
        sender=senders[0] if senders else None,
        reply_to=_addresses(msg, "Reply-To", defects),
        to=_addresses(msg, "To", defects),
        cc=_addresses(msg, "Cc", defects),
        date=_date(_header(msg, "Date").strip(), defects),
        text=text,
        full_text=full_text,
        html=sanitise_html(html_source) if found.html else None,
        attachments=[
            _with_inline(item, disposition, referenced) for item, disposition in found.attachments
        ],
        auto_reply=auto_reply,
        bounce=bounce,
        bounced_message_id=found.enclosed_ids[0] if bounce and found.enclosed_ids else None,
        defects=[safe_text(defect) for defect in dict.fromkeys(defects)],
    )


def _texts(found: _Found, *, forwarded: bool) -> tuple[str, str]:
    """(full text, new part): from text/plain, else from the HTML; a forward is all new."""
    if any(text.strip() for text in found.plain):  # an empty plain part defers to the HTML
        full = tidy_lines("\n\n".join(found.plain))
        new = full if forwarded else trim_quoted(full)
    elif found.html:
        source = "\n".join(found.html)
        full = html_to_text(source)
        new = full if forwarded else trim_quoted(html_to_text(source, drop_quotes=True))
    else:
        return "", ""
    return full, new or full


def _with_inline(
    attachment: MailAttachment, disposition: str, referenced: set[str]
) -> MailAttachment:
    """Inline: an image the HTML shows by its Content-ID, or an image sent inline. Apple Mail
    marks every attachment inline, so a PDF is an attachment whatever its disposition says."""
    cid = attachment.content_id
    shown = cid is not None and cid.lower() in referenced
    inline = shown or (disposition == "inline" and attachment.content_type.startswith("image/"))
    return replace(attachment, inline=inline)


# -- ticket numbers ----------------------------------------------------------------------------

# 20261122-0007: a day and its sequence, as the tickets context formats them. Digits right
# before or after mean a longer number (an order or a phone number), not a ticket.
_TICKET_NUMBER = re.compile(r"(?<!\d)(?<!\d-)(\d{8})-(\d{4,})(?!\d)")


def mentioned_ticket_numbers(subject: str) -> list[str]:
    """Ticket numbers a subject mentions, in order, once each: bare, ``[#20261122-0007]`` or
    ``【工单 20261122-0007】``. Full-width digits count (NFKC); the day must be a real date, so an
    order number that happens to have the shape does not point at a ticket."""
    numbers: list[str] = []
    for match in _TICKET_NUMBER.finditer(unicodedata.normalize("NFKC", subject)):
        day = match.group(1)
        try:
            date(int(day[:4]), int(day[4:6]), int(day[6:]))
        except ValueError:
            continue
        numbers.append(match.group(0))
    return list(dict.fromkeys(numbers))
