"""Real SMTP exchanges: smtplib talking to kefu's listener, and kefu's sender talking to a local
SMTP sink (aiosmtpd) standing in for the outgoing relay."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from email.utils import make_msgid
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sqlalchemy import func, select

from kefu.channels.email.models import OutboundMail
from kefu.channels.email.outbound import send_due
from kefu.channels.email.rules import RETRY_DELAYS, SendStatus
from kefu.channels.email.smtp import start_smtp_server
from kefu.core import clock
from kefu.tickets.models import Message as TicketMessage
from kefu.tickets.models import Ticket
from tests.conftest import Env


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _mail(subject: str = "退款进度查询", body: str = "请问我的退款到哪一步了?") -> EmailMessage:
    message = EmailMessage()
    message["From"] = "张先生 <zhang@example.cn>"
    message["To"] = "kefu@shop.example"
    message["Subject"] = subject
    message["Message-ID"] = make_msgid(domain="example.cn")
    message.set_content(body)
    return message


@pytest.fixture
def listener(env: Env) -> Iterator[int]:
    env.settings.host = "127.0.0.1"
    env.settings.smtp_port = _free_port()
    env.settings.mail_domains = "shop.example"
    env.settings.max_mail_bytes = 64 * 1024
    controller = start_smtp_server(env.db, env.settings)
    try:
        yield env.settings.smtp_port
    finally:
        controller.stop()


def test_a_mail_is_committed_before_the_server_says_250(env: Env, listener: int) -> None:
    with smtplib.SMTP("127.0.0.1", listener, timeout=30) as client:
        refused = client.send_message(_mail())
    assert refused == {}
    # The 250 came back: the ticket must already be there, no waiting.
    with env.db.reading() as session:
        ticket = session.scalar(select(Ticket))
        assert ticket is not None and ticket.channel == "email"
        assert ticket.subject == "退款进度查询"


def test_a_recipient_outside_the_accepted_domains_gets_550(env: Env, listener: int) -> None:
    message = _mail()
    with (
        smtplib.SMTP("127.0.0.1", listener, timeout=30) as client,
        pytest.raises(smtplib.SMTPRecipientsRefused) as refused,
    ):
        client.send_message(message, to_addrs=["someone@elsewhere.example"])
    assert refused.value.recipients["someone@elsewhere.example"][0] == 550
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


def test_a_mail_over_the_size_limit_gets_552_and_is_not_stored(env: Env, listener: int) -> None:
    big = _mail(body="退" * (80 * 1024))
    with (
        smtplib.SMTP("127.0.0.1", listener, timeout=30) as client,
        pytest.raises(smtplib.SMTPException) as failed,
    ):
        client.send_message(big)
    assert "552" in str(failed.value)
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0


@dataclass
class Sink:
    """A local SMTP server keeping what it is given, as the outgoing relay would."""

    received: list[EmailMessage] = field(default_factory=list)
    refuse: bool = False

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.refuse:
            return "451 4.3.0 try later"
        self.received.append(
            message_from_bytes(envelope.original_content or envelope.content, policy=policy.default)
        )
        return "250 OK"


@pytest.fixture
def sink(env: Env) -> Iterator[Sink]:
    handler = Sink()
    port = _free_port()
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    env.settings.smtp_out_url = f"smtp://127.0.0.1:{port}"
    env.settings.mail_from = "kefu@shop.example"
    try:
        yield handler
    finally:
        controller.stop()


def test_the_acknowledgement_is_sent_with_threading_headers(
    env: Env, listener: int, sink: Sink
) -> None:
    incoming = _mail()
    with smtplib.SMTP("127.0.0.1", listener, timeout=30) as client:
        client.send_message(incoming)
    assert send_due(env.db, env.settings) == 1
    assert len(sink.received) == 1
    sent = sink.received[0]
    assert sent["In-Reply-To"] == incoming["Message-ID"]
    assert incoming["Message-ID"] in sent["References"]
    assert sent["Auto-Submitted"] == "auto-replied"
    assert sent["From"] == "kefu@shop.example" and "zhang@example.cn" in sent["To"]
    body = sent.get_body(("plain",))
    assert body is not None and "工单号" in body.get_content()
    with env.db.reading() as session:
        row = session.scalar(select(OutboundMail))
        assert row is not None and row.status == SendStatus.SENT.value and row.attempts == 1
        assert f"<{row.message_id_header}>" == sent["Message-ID"]
    assert send_due(env.db, env.settings) == 0, "sent mail is not sent twice"


def test_a_failing_relay_is_retried_then_the_failure_shows_on_the_ticket(
    env: Env, listener: int, sink: Sink
) -> None:
    with smtplib.SMTP("127.0.0.1", listener, timeout=30) as client:
        client.send_message(_mail())
    sink.refuse = True
    start = clock.now()
    for attempt in range(1, len(RETRY_DELAYS) + 2):
        with env.db.reading() as session:
            row = session.scalar(select(OutboundMail))
            assert row is not None
            due = row.next_attempt_at
        assert due is not None
        clock.set_clock(lambda due=due: due)
        assert send_due(env.db, env.settings) == 1, f"attempt {attempt}"
    with env.db.reading() as session:
        row = session.scalar(select(OutboundMail))
        assert row is not None and row.status == SendStatus.FAILED.value
        assert row.attempts == len(RETRY_DELAYS) + 1 and "451" in (row.last_error or "")
        note = session.scalar(select(TicketMessage).order_by(TicketMessage.id.desc()).limit(1))
        assert note is not None and not note.public and "发送失败" in note.body_text
    assert row.next_attempt_at is None and start < clock.now()
    assert sink.received == []


def test_a_storage_failure_answers_451_and_leaves_nothing_behind(
    env: Env, listener: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The sender keeps a mail we answered 451 and tries again: we must have kept nothing."""
    from kefu.conversations import service as conversations

    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("disk full")

    monkeypatch.setattr(conversations, "receive", broken)
    kept_before = {p for p in env.settings.mail_dir.rglob("*") if p.is_file()}
    with (
        smtplib.SMTP("127.0.0.1", listener, timeout=30) as client,
        pytest.raises(smtplib.SMTPDataError) as failed,
    ):
        client.send_message(_mail())
    assert failed.value.smtp_code == 451
    with env.db.reading() as session:
        assert session.scalar(select(func.count()).select_from(Ticket)) == 0
    assert {p for p in env.settings.mail_dir.rglob("*") if p.is_file()} == kept_before
