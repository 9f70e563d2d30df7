"""Sending queued mail over SMTP (aiosmtplib), with retries; a final failure is put on the ticket.

The queue is the ``outbound_mail`` table, written in the transaction that caused the mail, so a
crash never loses a reply and never sends one for a rolled-back message. A worker claims due
rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the write gate on SQLite), sends outside any
transaction, then records the result."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import format_datetime
from urllib.parse import unquote, urlsplit

import aiosmtplib
from sqlalchemy import select

from kefu.channels.email import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.email import rules
from kefu.channels.email.models import OutboundMail
from kefu.channels.email.rules import SendStatus
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind, Channel

log = logging.getLogger(__name__)
BATCH = 20
TIMEOUT_S = 30


@dataclass(frozen=True)
class SmtpTarget:
    host: str
    port: int
    username: str | None
    password: str | None
    use_tls: bool  # smtps:// (implicit TLS); smtp:// upgrades with STARTTLS when offered


def parse_smtp_url(url: str) -> SmtpTarget:
    """``smtp://[user:pass@]host[:port]`` or ``smtps://...``."""
    parts = urlsplit(url)
    if parts.scheme not in ("smtp", "smtps") or not parts.hostname:
        raise ValueError(f"KEFU_SMTP_OUT_URL must be smtp://host[:port] or smtps://...: {url!r}")
    tls = parts.scheme == "smtps"
    return SmtpTarget(
        host=parts.hostname,
        port=parts.port or (465 if tls else 25),
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password else None,
        use_tls=tls,
    )


def build_message(row: OutboundMail, sender: str) -> EmailMessage:
    message = EmailMessage()
    message["From"] = sender
    message["To"] = ", ".join(row.to_addrs)
    if row.cc_addrs:
        message["Cc"] = ", ".join(row.cc_addrs)
    message["Subject"] = row.subject
    message["Date"] = format_datetime(row.created_at)
    message["Message-ID"] = f"<{row.message_id_header}>"
    if row.in_reply_to:
        message["In-Reply-To"] = f"<{row.in_reply_to}>"
    if row.references:
        message["References"] = " ".join(f"<{mid}>" for mid in row.references)
    if row.kind == "ack":
        # An automatic answer says so (RFC 3834), so the customer's auto-responder stays quiet.
        message["Auto-Submitted"] = "auto-replied"
    message.set_content(row.body_text)
    if row.body_html:
        message.add_alternative(row.body_html, subtype="html")
    return message


def send_due(db: Database, settings: Settings) -> int:
    """Send what is due now; returns how many were tried."""
    if not settings.smtp_out_url:
        return 0
    target = parse_smtp_url(settings.smtp_out_url)
    due = _claim(db)
    for mail_id in due:
        _send_one(db, settings, target, mail_id)
    return len(due)


def _claim(db: Database) -> list[int]:
    """Due mail, pushed a little into the future so another worker leaves it alone while this
    one sends it (a crash then only delays it)."""
    now = clock.now()
    with db.transaction() as session:
        stmt = (
            select(OutboundMail)
            .where(
                OutboundMail.status == SendStatus.QUEUED.value,
                OutboundMail.next_attempt_at <= now,
            )
            .order_by(OutboundMail.next_attempt_at, OutboundMail.id)
            .limit(BATCH)
        )
        if not db.is_sqlite:
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(session.scalars(stmt))
        lease = rules.next_attempt(1, now)
        for row in rows:
            row.next_attempt_at = lease
        return [row.id for row in rows]


def _send_one(db: Database, settings: Settings, target: SmtpTarget, mail_id: int) -> None:
    with db.reading() as session:
        row = session.get(OutboundMail, mail_id)
        if row is None or row.status != SendStatus.QUEUED.value:
            return
        message = build_message(row, settings.mail_from)
    error = None
    try:
        asyncio.run(_deliver(target, message))
    except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("sending mail %s failed: %s", mail_id, error)
    _record_attempt(db, mail_id, error)


async def _deliver(target: SmtpTarget, message: EmailMessage) -> None:
    await aiosmtplib.send(
        message,
        hostname=target.host,
        port=target.port,
        username=target.username,
        password=target.password,
        use_tls=target.use_tls,
        start_tls=None if not target.use_tls else False,
        timeout=TIMEOUT_S,
    )


def _record_attempt(db: Database, mail_id: int, error: str | None) -> None:
    now = clock.now()
    with db.transaction() as session:
        row = session.get(OutboundMail, mail_id)
        if row is None:
            return
        row.attempts += 1
        if error is None:
            row.status, row.sent_at, row.next_attempt_at = SendStatus.SENT.value, now, None
            return
        row.last_error = error
        row.next_attempt_at = rules.next_attempt(row.attempts, now)
        if row.next_attempt_at is None:
            row.status = SendStatus.FAILED.value
            if row.ticket_id is None:
                return
            tickets.add_message(
                session,
                row.ticket_id,
                body=translate("mail.send_failed_note", attempts=row.attempts, error=error),
                public=False,
                actor=None,
                author_kind=AuthorKind.SYSTEM,
                channel=Channel.EMAIL,
            )
