"""The inbound SMTP listener (aiosmtpd) that ``kefu serve`` starts on ``KEFU_SMTP_PORT``.

It answers 250 only after the mail is committed; if storing fails it answers 451 (try again
later), so the sending server keeps the mail and nothing acknowledged is ever lost. Recipients
outside ``KEFU_MAIL_DOMAINS`` get 550; a mail over ``KEFU_MAX_MAIL_BYTES`` gets 552."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, Envelope, Session

from kefu.channels.email import rules
from kefu.channels.email.service import receive_mail
from kefu.core.config import Settings
from kefu.core.db import Database

log = logging.getLogger(__name__)


class KefuHandler:
    """aiosmtpd hooks; storing runs in a thread so the listener keeps answering others."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings

    async def handle_RCPT(
        self,
        server: SMTP,
        session: Session,
        envelope: Envelope,
        address: str,
        rcpt_options: list[str],
    ) -> str:
        if not rules.accepts_recipient(address, self.settings.accepted_mail_domains):
            return "550 5.1.1 Recipient domain not accepted here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or envelope.content
        if not isinstance(raw, bytes):
            raw = str(raw or "").encode("utf-8", "surrogateescape")
        try:
            receipt = await asyncio.get_running_loop().run_in_executor(
                None, receive_mail, self.db, self.settings, raw, list(envelope.rcpt_tos)
            )
        except Exception:
            log.exception("storing a received mail failed; the sender will retry")
            return "451 4.3.0 Temporary failure storing the message, try again later"
        return f"250 2.0.0 Accepted ({receipt.outcome.value})"


def start_smtp_server(db: Database, settings: Settings, **kwargs: Any) -> Controller:
    """Listen on ``KEFU_HOST:KEFU_SMTP_PORT`` in a background thread; ``stop()`` to end."""
    controller = Controller(
        KefuHandler(db, settings),
        hostname=settings.host,
        port=settings.smtp_port,
        data_size_limit=settings.max_mail_bytes,
        decode_data=False,
        ident="kefu ESMTP",
        **kwargs,
    )
    controller.start()
    log.info("SMTP listening on %s:%s", settings.host, settings.smtp_port)
    return controller
