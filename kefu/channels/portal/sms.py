"""Sending queued text messages (SMS) through the shop's SMS gateway, with retries.

The queue is the ``outbound_sms`` table, written in the transaction that asked for the message
(a sign-in code), so a code is never texted for a request that was rolled back. The worker
claims due rows (``FOR UPDATE SKIP LOCKED`` on PostgreSQL, the write gate on SQLite), calls the
gateway outside any transaction, then records the result; a failed try waits a little longer
each time (``rules.SMS_RETRY_DELAYS``) and the message fails for good after the last.

The gateway is an HTTP JSON API (``KEFU_SMS_URL``, ``KEFU_SMS_KEY``): POST
``{"phone", "text", "sign"}`` with ``Authorization: Bearer <key>``; it answers
``{"code": "OK", "id": ...}`` or ``{"code": "<error>", "message": ...}``."""

from __future__ import annotations

import logging
from datetime import timedelta

import httpx
from sqlalchemy import select

from kefu.channels.portal import rules
from kefu.channels.portal.models import OutboundSms
from kefu.channels.portal.rules import SmsState
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database

log = logging.getLogger(__name__)
BATCH = 20
TIMEOUT_S = 10.0
LEASE = timedelta(minutes=1)  # a claimed row is left alone this long by other workers


class GatewayError(Exception):
    """The gateway did not take the message; the text is kept as ``last_error``."""


def send_due(db: Database, settings: Settings) -> int:
    """Send the text messages that are due; returns how many were tried."""
    if not settings.sms_url:
        return 0
    due = _claim(db)
    if not due:
        return 0
    with httpx.Client(timeout=TIMEOUT_S) as http:
        for sms_id in due:
            _send_one(db, settings, http, sms_id)
    return len(due)


def _claim(db: Database) -> list[int]:
    now = clock.now()
    with db.transaction() as session:
        stmt = (
            select(OutboundSms)
            .where(OutboundSms.state == SmsState.QUEUED.value, OutboundSms.next_attempt_at <= now)
            .order_by(OutboundSms.next_attempt_at, OutboundSms.id)
            .limit(BATCH)
        )
        if not db.is_sqlite:
            stmt = stmt.with_for_update(skip_locked=True)
        rows = list(session.scalars(stmt))
        for row in rows:
            row.next_attempt_at = now + LEASE
        return [row.id for row in rows]


def _send_one(db: Database, settings: Settings, http: httpx.Client, sms_id: int) -> None:
    with db.reading() as session:
        row = session.get(OutboundSms, sms_id)
        if row is None or row.state != SmsState.QUEUED.value:
            return
        phone, text = row.to, row.text
    error = None
    try:
        deliver(http, settings, phone, text)
    except (GatewayError, httpx.HTTPError) as exc:
        error = f"{type(exc).__name__}: {exc}"[:500]
        log.warning("sending SMS %s failed: %s", sms_id, error)
    _record_attempt(db, sms_id, error)


def deliver(http: httpx.Client, settings: Settings, phone: str, text: str) -> str:
    """One call to the gateway; the gateway's message id, or ``GatewayError``."""
    response = http.post(
        settings.sms_url,
        json={"phone": phone, "text": text, "sign": settings.shop_name},
        headers={"Authorization": f"Bearer {settings.sms_key.get_secret_value()}"},
    )
    try:
        answer = response.json()
    except ValueError:
        answer = None
    if not isinstance(answer, dict):
        raise GatewayError(f"HTTP {response.status_code}: {response.text[:200]}")
    if answer.get("code") != "OK":
        code, message = answer.get("code"), answer.get("message", "")
        raise GatewayError(f"HTTP {response.status_code}: {code} {message}".strip())
    return str(answer.get("id", ""))


def _record_attempt(db: Database, sms_id: int, error: str | None) -> None:
    now = clock.now()
    with db.transaction() as session:
        row = session.get(OutboundSms, sms_id)
        if row is None:
            return
        row.attempts += 1
        if error is None:
            row.state, row.sent_at, row.next_attempt_at = SmsState.SENT.value, now, None
            return
        row.last_error = error
        row.next_attempt_at = rules.next_sms_attempt(row.attempts, now)
        if row.next_attempt_at is None:
            row.state = SmsState.FAILED.value
