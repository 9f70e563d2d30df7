"""Replies out as WeChat customer-service messages, inside WeChat's window, with retries.

The queue is ``wechat_outbound``, written in the transaction of the agent's reply (the
``tickets.on_message_added`` hook), so a crash never loses a reply and never sends one that was
rolled back. The window (5 messages within 48 hours of the customer's last message,
``rules.reply_window``) is checked twice: when the reply is queued, counting replies already
sent and those still queued, and again before sending. A reply outside it, or one WeChat
refuses with 45015/45047, is *held*: the ticket gets an internal note and the reply is offered
on another channel (mail when the customer has an address, otherwise the customer portal, which
shows every public reply). A failure that retrying cannot fix, or the last failed retry, also
leaves a note on the ticket, as the mail sender does."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import datetime

import httpx
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from kefu.channels.email import rules as mail_rules
from kefu.channels.email import service as email
from kefu.channels.email.models import OutboundMail
from kefu.channels.wechat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.wechat import rules, service
from kefu.channels.wechat.client import ApiError, Credentials, WechatClient
from kefu.channels.wechat.due import claim_due
from kefu.channels.wechat.models import WechatAccount, WechatFollower, WechatOutbound
from kefu.channels.wechat.rules import ApiOutcome, Fallback, SendState, WindowDecision
from kefu.channels.wechat.tokens import DbTokenStore
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.customers import service as customers
from kefu.customers.rules import IdentityKind
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel

log = logging.getLogger(__name__)
MAIL_KIND = "wechat_fallback"


@dataclass(frozen=True)
class TicketWindow:
    """What the agent's page shows before a reply is written: whether it can go by WeChat now,
    and where it would be offered instead."""

    target: tuple[int, str] | None  # account id and openid; None: not a WeChat conversation
    window: WindowDecision
    queued: int  # replies queued and not yet sent, already counted in ``window``
    fallback: Fallback
    fallback_to: str | None  # the customer's address when the fallback is mail


# -- queueing (inside the reply's transaction) -------------------------------------------------


def queue_reply(session: Session, ticket: Ticket, message: Message, settings: Settings) -> None:
    """A public reply on a WeChat ticket (an agent's, or the system's reminder) is queued; when
    the window is already closed it is held at once, so the agent sees why straight away."""
    if not message.public or message.author_kind == AuthorKind.CUSTOMER.value:
        return
    if ticket.channel != Channel.WECHAT.value or not message.body_text.strip():
        return
    target = service.reply_target(session, ticket.id)
    if target is None:
        return
    now = clock.now()
    row = WechatOutbound(
        ticket_id=ticket.id,
        message_id=message.id,
        account_id=target[0],
        openid=target[1],
        content=message.body_text,
        state=SendState.QUEUED.value,
        attempts=0,
        next_attempt_at=now,
        errcode=None,
        last_error=None,
        fallback=None,
        fallback_mail_id=None,
        sent_at=None,
        created_at=now,
    )
    session.add(row)
    session.flush()
    window = window_for(session, target, now, count_queued=True, besides=row.id)
    if not window.open:
        _hold(session, settings, row, window.reason, window.params)


def window_for(
    session: Session,
    target: tuple[int, str],
    now: datetime,
    *,
    count_queued: bool,
    besides: int | None = None,
) -> WindowDecision:
    """The 48-hour window for ``target``. Replies still queued will use it up as surely as those
    sent, so they count when deciding whether another may join them."""
    account_id, openid = target
    follower = session.scalar(
        select(WechatFollower).where(
            WechatFollower.account_id == account_id, WechatFollower.openid == openid
        )
    )
    if follower is None:
        return rules.reply_window(None, 0, now)
    pending = _queued(session, target, besides) if count_queued else 0
    return rules.reply_window(
        follower.last_message_at,
        follower.replies_since_message + pending,
        now,
        subscribed=follower.subscribed,
    )


def _queued(session: Session, target: tuple[int, str], besides: int | None) -> int:
    stmt = select(func.count(WechatOutbound.id)).where(
        WechatOutbound.account_id == target[0],
        WechatOutbound.openid == target[1],
        WechatOutbound.state == SendState.QUEUED.value,
    )
    if besides is not None:
        stmt = stmt.where(WechatOutbound.id != besides)
    return int(session.scalar(stmt) or 0)


def ticket_window(session: Session, ticket_id: int, now: datetime) -> TicketWindow:
    ticket = tickets.get_ticket(session, ticket_id)
    target = service.reply_target(session, ticket.id)
    address = _customer_email(session, ticket.customer_id)
    fallback = rules.fallback_for(address)
    fallback_to = address if fallback == Fallback.MAIL else None
    if target is None:
        return TicketWindow(None, rules.reply_window(None, 0, now), 0, fallback, fallback_to)
    window = window_for(session, target, now, count_queued=True)
    return TicketWindow(target, window, _queued(session, target, None), fallback, fallback_to)


def replies_of(session: Session, ticket_id: int) -> list[tuple[WechatOutbound, str | None]]:
    """The ticket's WeChat replies, each with the status of the mail it was offered as."""
    tickets.get_ticket(session, ticket_id)
    rows = session.execute(
        select(WechatOutbound, OutboundMail.status)
        .outerjoin(OutboundMail, OutboundMail.id == WechatOutbound.fallback_mail_id)
        .where(WechatOutbound.ticket_id == ticket_id)
        .order_by(WechatOutbound.id)
    )
    return [(row, status) for row, status in rows]


# -- holding and offering elsewhere ------------------------------------------------------------


def _customer_email(session: Session, customer_id: int) -> str | None:
    identities = customers.identities_of(session, [customer_id]).get(customer_id, [])
    emails = [i.value for i in identities if i.kind == IdentityKind.EMAIL.value]
    return emails[0] if emails else None


def _hold(
    session: Session, settings: Settings, row: WechatOutbound, why: str, params: dict[str, str]
) -> None:
    ticket = tickets.get_ticket(session, row.ticket_id)
    address = _customer_email(session, ticket.customer_id)
    row.state, row.next_attempt_at = SendState.HELD.value, None
    row.fallback = rules.fallback_for(address).value
    reason = translate(why, **params)
    if address:
        # The mail sender's own queue: the mail is threaded like any reply, so the customer's
        # answer to it comes back to this ticket.
        mail = email.queue_mail(
            session,
            settings,
            ticket,
            kind=MAIL_KIND,
            to=[address],
            subject=mail_rules.reply_subject(ticket.number, ticket.subject),
            text=translate("wechat.fallback_mail_intro") + "\n\n" + row.content,
            message_id=row.message_id,
        )
        row.fallback_mail_id = mail.id
        note = translate("wechat.held_by_mail", why=reason, email=address)
    else:
        note = translate("wechat.held_in_portal", why=reason)
    _note(session, row.ticket_id, note)


def _fail(session: Session, row: WechatOutbound, why: str) -> None:
    row.state, row.next_attempt_at = SendState.FAILED.value, None
    _note(session, row.ticket_id, translate("wechat.send_failed", attempts=row.attempts, why=why))


def _note(session: Session, ticket_id: int, body: str) -> None:
    tickets.add_message(
        session,
        ticket_id,
        body=body,
        public=False,
        actor=None,
        author_kind=AuthorKind.SYSTEM,
        channel=Channel.WECHAT,
    )


# -- sending (the worker) ----------------------------------------------------------------------


def send_due(db: Database, settings: Settings) -> int:
    """Send the replies due now; returns how many were tried."""
    due = claim_due(db, WechatOutbound)
    if not due:
        return 0
    with httpx.Client(timeout=30) as http:
        client = WechatClient(settings.wechat_api_base, DbTokenStore(db), http)
        for outbound_id in due:
            _send_one(db, settings, client, outbound_id)
    return len(due)


@dataclass(frozen=True)
class _Attempt:
    error: ApiError | None = None  # None: WeChat accepted the message
    closed: WindowDecision | None = None  # held without calling WeChat
    no_secret: bool = False  # the account cannot send: no AppSecret configured


def _send_one(db: Database, settings: Settings, client: WechatClient, outbound_id: int) -> None:
    with db.reading() as session:
        row = session.get(WechatOutbound, outbound_id)
        if row is None or row.state != SendState.QUEUED.value:
            return
        account = session.get(WechatAccount, row.account_id)
        window = window_for(session, (row.account_id, row.openid), clock.now(), count_queued=False)
    if not window.open:
        attempt = _Attempt(closed=window)
    elif account is None or not account.secret:
        attempt = _Attempt(no_secret=True)
    else:
        try:
            creds = Credentials(account.id, account.appid, account.secret)
            client.send_text(creds, row.openid, row.content)
            attempt = _Attempt()
        except ApiError as exc:
            log.warning("WeChat reply %s not sent: %s", outbound_id, exc)
            attempt = _Attempt(error=exc)
    _record(db, settings, outbound_id, attempt)


def _record(db: Database, settings: Settings, outbound_id: int, attempt: _Attempt) -> None:
    with db.transaction() as session:
        row = session.get(WechatOutbound, outbound_id)
        if row is None or row.state != SendState.QUEUED.value:
            return
        if attempt.closed is not None:
            _hold(session, settings, row, attempt.closed.reason, attempt.closed.params)
            return
        row.attempts += 1
        if attempt.no_secret:
            row.last_error = "no AppSecret"
            _fail(session, row, translate("wechat.error.no_secret"))
        elif attempt.error is None:
            _sent(session, row)
        else:
            _after_error(session, settings, row, attempt.error)


def _sent(session: Session, row: WechatOutbound) -> None:
    now = clock.now()
    row.state, row.sent_at, row.next_attempt_at = SendState.SENT.value, now, None
    row.errcode, row.last_error = 0, None
    session.execute(
        update(WechatFollower)
        .where(WechatFollower.account_id == row.account_id, WechatFollower.openid == row.openid)
        .values(replies_since_message=WechatFollower.replies_since_message + 1)
    )


def _after_error(
    session: Session, settings: Settings, row: WechatOutbound, error: ApiError
) -> None:
    """Held when WeChat says the window is shut, failed when only a person can fix it, else
    tried again later until the retries run out."""
    row.errcode, row.last_error = error.errcode, error.errmsg[:500]
    why, params = rules.error_reason(error.errcode, error.errmsg)
    outcome = error.outcome
    if outcome in (ApiOutcome.WINDOW_CLOSED, ApiOutcome.TOO_MANY):
        _hold(session, settings, row, why, params)
        return
    if outcome != ApiOutcome.FAILED:
        row.next_attempt_at = rules.next_attempt(row.attempts, clock.now())
        if row.next_attempt_at is not None:
            return
    _fail(session, row, translate(why, **params))
