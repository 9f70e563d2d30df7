"""Receiving mail: keep it raw, parse it, decide where it belongs, store it, all before the SMTP
server says 250. Also the acknowledgement and the replies queued for sending.

Order of the checks in :func:`_route`, and why:
1. the same Message-ID again stores nothing (a sender retrying after a lost 250);
2. no usable sender: kept for review, never dropped;
3. our own address as sender: a mail loop, ignored;
4. a bounce (DSN) goes to the ticket whose mail bounced and marks that mail;
5. headers, then the ticket number in the subject (sender must take part), then a new ticket;
6. an auto-reply never opens a ticket and is never answered; with a ticket it becomes a note.
"""

from __future__ import annotations

import io
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kefu.channels.email import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.email import rules
from kefu.channels.email.models import InboundMail, OutboundMail
from kefu.channels.email.parse import ParsedMail, mentioned_ticket_numbers, parse_mail
from kefu.channels.email.rules import Outcome, SendStatus
from kefu.conversations import service as conversations
from kefu.conversations.rules import HeaderMatch, NumberMatch, ThreadDecision, decide_thread
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database, on_rollback
from kefu.core.i18n import translate
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel

CHANNEL = Channel.EMAIL


@dataclass(frozen=True)
class MailReceipt:
    inbound_id: int
    outcome: Outcome
    ticket_id: int | None
    reason: str


def receive_mail(
    db: Database, settings: Settings, raw: bytes, recipients: list[str] | None = None
) -> MailReceipt:
    """Store one received mail; returns once it is committed (the SMTP 250 comes after).
    ``recipients``: the SMTP envelope's RCPT TO addresses, when the mail came that way."""
    key = _keep_raw(settings.mail_dir, raw)
    parsed = parse_mail(raw)
    entry = rules.entry_point(
        recipients or [], [a.email for a in parsed.to], settings.accepted_mail_domains
    )

    def work(session: Session) -> MailReceipt:
        on_rollback(session, lambda: (settings.mail_dir / key).unlink(missing_ok=True))
        return _route(session, settings, parsed, key, len(raw), entry)

    try:
        return db.retrying(work)
    except BaseException:
        (settings.mail_dir / key).unlink(missing_ok=True)
        raise


def _keep_raw(root: Path, raw: bytes) -> str:
    key = f"{clock.now():%Y/%m}/{uuid.uuid4().hex}.eml"
    target = root / key
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(raw)
    return key


def _route(
    session: Session, settings: Settings, mail: ParsedMail, key: str, size: int, entry: str = ""
) -> MailReceipt:
    if mail.message_id:
        earlier = session.scalar(
            select(InboundMail).where(InboundMail.message_id_header == mail.message_id).limit(1)
        )
        if earlier is not None:
            return MailReceipt(earlier.id, Outcome.DUPLICATE, earlier.ticket_id, "mail.duplicate")
    if mail.sender is None or not mail.sender.email:
        return _record(session, mail, key, size, Outcome.REVIEW, "", "mail.review_no_sender")
    if rules.is_own_address(mail.sender.email, _own_addresses(settings)):
        return _record(session, mail, key, size, Outcome.OWN_MAIL, "", "mail.own_mail")
    if mail.bounce:
        return _bounce(session, mail, key, size)
    decision = _thread(session, mail)
    if mail.auto_reply:
        return _auto_reply(session, settings, mail, key, size, decision)
    inbound = conversations.InboundMessage(
        channel=CHANNEL,
        external_id=mail.message_id,
        sender=CustomerInput(
            name=mail.sender.name or None, identities={IdentityKind.EMAIL: mail.sender.email}
        ),
        subject=mail.subject,
        text=mail.text or mail.full_text,
        html=mail.html,
        attachments=[
            tickets.NewAttachment(a.filename, a.content_type, io.BytesIO(a.content))
            for a in mail.attachments
        ],
        participants=[
            (IdentityKind.EMAIL, a.email)
            for a in [*mail.to, *mail.cc]
            if a.email
            and a.email != mail.sender.email
            and not rules.is_own_address(a.email, _own_addresses(settings))
            and not rules.in_our_domains(a.email, settings.accepted_mail_domains)
        ],
        entry_point=entry,
    )
    received = conversations.receive(session, inbound, decision, _storage(settings))
    outcome = Outcome.OPENED if received.opened else Outcome.CONTINUED
    receipt = _record(
        session,
        mail,
        key,
        size,
        outcome,
        decision.rule.value,
        decision.reason,
        decision.params,
        ticket_id=received.ticket.id,
        message_id=received.message_id,
    )
    if received.opened:
        queue_acknowledgement(session, settings, received.ticket, mail)
    return receipt


def _thread(session: Session, mail: ParsedMail) -> ThreadDecision:
    in_reply_to = _header_match(session, mail.in_reply_to)
    references = _header_match(session, list(reversed(mail.references)))
    numbers: list[NumberMatch] = []
    if in_reply_to is None and references is None and mail.sender is not None:
        for number in mentioned_ticket_numbers(mail.subject):
            ticket_id = session.scalar(select(Ticket.id).where(Ticket.number == number))
            if ticket_id is not None:
                takes_part = conversations.participates(
                    session, ticket_id, IdentityKind.EMAIL, mail.sender.email
                )
                numbers.append(NumberMatch(ticket_id, number, takes_part))
    return decide_thread(in_reply_to, references, numbers)


def _header_match(session: Session, ids: list[str]) -> HeaderMatch | None:
    """The ticket of the first of ``ids`` we know: a mail we received or one we sent."""
    if not ids:
        return None
    known = conversations.tickets_by_external_ids(session, CHANNEL, ids)
    rows = session.execute(
        select(OutboundMail.message_id_header, OutboundMail.ticket_id).where(
            OutboundMail.message_id_header.in_(ids)
        )
    )
    sent = {str(mid): int(ticket_id) for mid, ticket_id in rows if ticket_id is not None}
    for mid in ids:
        ticket_id = known.get(mid) or sent.get(mid)
        if ticket_id is not None:
            return HeaderMatch(ticket_id, mid)
    return None


def _bounce(session: Session, mail: ParsedMail, key: str, size: int) -> MailReceipt:
    bounced = None
    if mail.bounced_message_id:
        bounced = session.scalar(
            select(OutboundMail).where(OutboundMail.message_id_header == mail.bounced_message_id)
        )
    if bounced is None or bounced.ticket_id is None:  # no ticket: a portal sign-in code
        return _record(
            session, mail, key, size, Outcome.BOUNCE_UNMATCHED, "", "mail.bounce_unmatched"
        )
    bounced.status = SendStatus.BOUNCED.value
    bounced.last_error = (mail.text or mail.subject)[:500]
    note = tickets.add_message(
        session,
        bounced.ticket_id,
        body=translate("mail.bounce_note", to=", ".join(bounced.to_addrs), subject=bounced.subject)
        + "\n\n"
        + (mail.text or mail.full_text)[:4000],
        public=False,
        actor=None,
        author_kind=AuthorKind.SYSTEM,
        channel=CHANNEL,
    )
    return _record(
        session, mail, key, size, Outcome.BOUNCE, "bounce", "mail.bounce",
        ticket_id=bounced.ticket_id, message_id=note.id,
    )  # fmt: skip


def _auto_reply(
    session: Session,
    settings: Settings,
    mail: ParsedMail,
    key: str,
    size: int,
    decision: ThreadDecision,
) -> MailReceipt:
    """Never opens a ticket, never answered; on a ticket it becomes an internal note (an
    out-of-office reply tells the agent something)."""
    if decision.ticket_id is None:
        return _record(session, mail, key, size, Outcome.AUTO_REPLY, "", "mail.auto_reply")
    inbound = conversations.InboundMessage(
        channel=CHANNEL,
        external_id=mail.message_id,
        sender=CustomerInput(
            identities={IdentityKind.EMAIL: mail.sender.email if mail.sender else ""}
        ),
        subject=mail.subject,
        text=translate("mail.auto_reply_note", why=mail.auto_reply or "")
        + "\n\n"
        + (mail.text or ""),
        public=False,
        author=AuthorKind.SYSTEM,
    )
    received = conversations.receive(session, inbound, decision, _storage(settings))
    return _record(
        session, mail, key, size, Outcome.AUTO_REPLY, decision.rule.value, decision.reason,
        decision.params, ticket_id=received.ticket.id, message_id=received.message_id,
    )  # fmt: skip


def _record(
    session: Session,
    mail: ParsedMail,
    key: str,
    size: int,
    outcome: Outcome,
    rule: str,
    reason: str,
    params: dict[str, str] | None = None,
    *,
    ticket_id: int | None = None,
    message_id: int | None = None,
) -> MailReceipt:
    row = InboundMail(
        message_id_header=mail.message_id,
        raw_key=key,
        size=size,
        sender=(mail.sender.email if mail.sender else "")[:200],
        subject=mail.subject[:300],
        outcome=outcome.value,
        rule=rule,
        reason=translate(reason, **(params or {}))[:300],
        ticket_id=ticket_id,
        message_id=message_id,
        defects=list(mail.defects),
        received_at=clock.now(),
    )
    session.add(row)
    session.flush()
    return MailReceipt(row.id, outcome, ticket_id, row.reason)


def _storage(settings: Settings) -> conversations.Storage:
    return conversations.Storage(
        settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
    )


def _own_addresses(settings: Settings) -> set[str]:
    return {settings.mail_from.strip().lower()}


# -- out ---------------------------------------------------------------------------------------


def queue_acknowledgement(
    session: Session, settings: Settings, ticket: Ticket, mail: ParsedMail
) -> OutboundMail | None:
    """The handbook's first answer: received, here is your number, we will reply soon."""
    if mail.sender is None:
        return None
    return queue_mail(
        session,
        settings,
        ticket,
        kind="ack",
        to=[mail.sender.email],
        subject=rules.reply_subject(ticket.number, mail.subject or ticket.subject),
        text=translate("mail.ack_body", name=mail.sender.name or "", number=ticket.number),
        in_reply_to=mail.message_id,
        references=[*mail.references, *([mail.message_id] if mail.message_id else [])],
    )


def queue_reply(session: Session, ticket: Ticket, message: Message, settings: Settings) -> None:
    """A public reply on a mail ticket (an agent's, or the system's reminder to a customer
    who has not answered) goes out by mail, threaded under the last mail."""
    if not message.public or message.author_kind == AuthorKind.CUSTOMER.value:
        return
    if ticket.channel != CHANNEL.value:
        return
    last_in = session.scalar(
        select(InboundMail)
        .where(InboundMail.ticket_id == ticket.id, InboundMail.outcome.in_(["opened", "continued"]))
        .order_by(InboundMail.id.desc())
        .limit(1)
    )
    if last_in is None:
        return
    thread_ids = _thread_ids(session, ticket.id)
    # Everyone who wrote on the ticket or was copied: a reply to a colleague's mail still
    # reaches the customer.
    senders = session.scalars(
        select(InboundMail.sender)
        .where(InboundMail.ticket_id == ticket.id, InboundMail.outcome.in_(["opened", "continued"]))
        .order_by(InboundMail.id)
    )
    others = [*senders, *conversations.participants_of(session, ticket.id, IdentityKind.EMAIL)]
    queue_mail(
        session,
        settings,
        ticket,
        kind="reply",
        to=[last_in.sender],
        cc=rules.reply_cc([last_in.sender], others, _own_addresses(settings)),
        subject=rules.reply_subject(ticket.number, ticket.subject),
        text=message.body_text,
        html=message.body_html or None,
        in_reply_to=last_in.message_id_header,
        references=thread_ids,
        message_id=message.id,
    )


def _thread_ids(session: Session, ticket_id: int) -> list[str]:
    """Every Message-ID of the ticket's mail, in and out, oldest first."""
    received = session.execute(
        select(InboundMail.received_at, InboundMail.message_id_header).where(
            InboundMail.ticket_id == ticket_id, InboundMail.message_id_header.is_not(None)
        )
    )
    sent = session.execute(
        select(OutboundMail.created_at, OutboundMail.message_id_header).where(
            OutboundMail.ticket_id == ticket_id
        )
    )
    ordered = sorted([(at, mid) for at, mid in [*received, *sent]], key=lambda pair: pair[0])
    return rules.references_for([str(mid) for _, mid in ordered if mid])


def queue_mail(
    session: Session,
    settings: Settings,
    ticket: Ticket,
    *,
    kind: str,
    to: list[str],
    subject: str,
    text: str,
    cc: list[str] | None = None,
    html: str | None = None,
    in_reply_to: str | None = None,
    references: list[str] | None = None,
    message_id: int | None = None,
) -> OutboundMail:
    """Queue one mail of the ticket for the worker to send (retried until it goes out)."""
    now = clock.now()
    row = OutboundMail(
        ticket_id=ticket.id,
        message_id=message_id,
        kind=kind,
        message_id_header=rules.new_message_id(uuid.uuid4().hex, settings.mail_from),
        in_reply_to=in_reply_to,
        references=rules.references_for(references or []),
        to_addrs=to,
        cc_addrs=cc or [],
        subject=subject[:300],
        body_text=text,
        body_html=html,
        status=SendStatus.QUEUED.value,
        attempts=0,
        next_attempt_at=now,
        last_error=None,
        sent_at=None,
        created_at=now,
    )
    session.add(row)
    session.flush()
    return row


def move_mail(session: Session, from_id: int, to_id: int, ids: list[int] | None) -> None:
    """Tickets regrouped: mail records follow their messages (on a merge, all of them, so a
    reply to any old mail finds the merged ticket)."""
    inbound = update(InboundMail).where(InboundMail.ticket_id == from_id)
    outbound = update(OutboundMail).where(OutboundMail.ticket_id == from_id)
    if ids is not None:
        inbound = inbound.where(InboundMail.message_id.in_(ids))
        outbound = outbound.where(OutboundMail.message_id.in_(ids))
    session.execute(inbound.values(ticket_id=to_id))
    session.execute(outbound.values(ticket_id=to_id))
