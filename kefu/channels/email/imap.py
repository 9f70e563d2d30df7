"""Polling an existing mailbox over IMAP (``KEFU_IMAP_URL``), the alternative to pointing mail at
kefu's SMTP listener.

Each unseen mail is fetched without marking it (``BODY.PEEK[]``), stored through the same
``receive_mail`` as SMTP (so it is committed first), and only then flagged ``\\Seen``. A crash
between the two re-fetches the mail next time, and its Message-ID makes that a no-op."""

from __future__ import annotations

import contextlib
import imaplib
import logging
import time
from dataclasses import dataclass
from urllib.parse import unquote, urlsplit

from kefu.channels.email.service import receive_mail
from kefu.core.config import Settings
from kefu.core.db import Database

log = logging.getLogger(__name__)
POLL_EVERY_S = 30.0
BATCH = 50


@dataclass(frozen=True)
class ImapTarget:
    host: str
    port: int
    username: str
    password: str
    mailbox: str
    use_ssl: bool


def parse_imap_url(url: str) -> ImapTarget:
    """``imap://user:pass@host[:port]/MAILBOX`` or ``imaps://...`` (mailbox defaults to INBOX)."""
    parts = urlsplit(url)
    if parts.scheme not in ("imap", "imaps") or not parts.hostname or not parts.username:
        raise ValueError(f"KEFU_IMAP_URL must be imap[s]://user:pass@host[:port]/MAILBOX: {url!r}")
    ssl = parts.scheme == "imaps"
    return ImapTarget(
        host=parts.hostname,
        port=parts.port or (993 if ssl else 143),
        username=unquote(parts.username),
        password=unquote(parts.password or ""),
        mailbox=unquote(parts.path.lstrip("/")) or "INBOX",
        use_ssl=ssl,
    )


def poll_once(db: Database, settings: Settings) -> int:
    """Take in the unseen mail of the mailbox; returns how many were stored."""
    target = parse_imap_url(settings.imap_url)
    client_class = imaplib.IMAP4_SSL if target.use_ssl else imaplib.IMAP4
    client = client_class(target.host, target.port, timeout=30)
    try:
        client.login(target.username, target.password)
        status, _ = client.select(_quoted(target.mailbox))
        if status != "OK":
            raise imaplib.IMAP4.error(f"cannot select {target.mailbox}")
        _, found = client.uid("SEARCH", "UNSEEN")
        uids = (found[0] or b"").split()[:BATCH]
        stored = 0
        for uid in uids:
            raw = _fetch(client, uid)
            if raw is None:
                continue
            receive_mail(db, settings, raw)  # committed before the mail is marked seen
            client.uid("STORE", uid.decode(), "+FLAGS", "(\\Seen)")
            stored += 1
        return stored
    finally:
        with contextlib.suppress(imaplib.IMAP4.error, OSError):
            client.logout()


def _fetch(client: imaplib.IMAP4, uid: bytes) -> bytes | None:
    status, data = client.uid("FETCH", uid.decode(), "(BODY.PEEK[])")
    if status != "OK":
        return None
    for item in data:
        if isinstance(item, tuple) and len(item) == 2 and isinstance(item[1], bytes):
            return item[1]
    return None


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


class ImapPoller:
    """A worker sweep: polls at most every ``POLL_EVERY_S`` seconds, and only when configured."""

    def __init__(self) -> None:
        self._last = 0.0

    def __call__(self, db: Database, settings: Settings) -> int:
        if not settings.imap_url or time.monotonic() - self._last < POLL_EVERY_S:
            return 0
        self._last = time.monotonic()
        try:
            return poll_once(db, settings)
        except (imaplib.IMAP4.error, OSError, ValueError) as exc:
            log.warning("IMAP poll of %s failed: %s", settings.imap_url.split("@")[-1], exc)
            return 0
