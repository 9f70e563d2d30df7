"""Use cases of the WeChat channel: registering an official account, answering WeChat's URL
check, and receiving a push (a message or an event) before WeChat's 5-second limit.

Receiving, in order, and why:
1. the account by name (unknown: 404);
2. the signature (plain mode: ``signature``; safe mode: ``msg_signature`` over ``Encrypt``),
   then decryption and the AppID: nothing is read from an unsigned body but its ``Encrypt``;
3. the XML, read safely (no DTD, no entities) and checked;
4. one transaction: a redelivery (same MsgId, or same sender and CreateTime for an event)
   stores nothing; otherwise the customer is recognised by openid, the follower's reply window
   renewed, a message handed to ``conversations.receive`` on the customer's unfinished WeChat
   ticket or a new one, and the push recorded, with an image's or voice message's media queued
   for the worker to download (``media.py``). WeChat gets "success" only after the commit.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from kefu.channels.wechat import crypto, media, rules
from kefu.channels.wechat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.wechat.models import (
    WechatAccount,
    WechatFollower,
    WechatOutbound,
    WechatPush,
)
from kefu.channels.wechat.payload import InvalidPush, MalformedXml, Push, parse_xml, read_push
from kefu.channels.wechat.rules import WindowDecision
from kefu.conversations import service as conversations
from kefu.core import clock
from kefu.core.config import Settings
from kefu.core.db import Database
from kefu.core.errors import Conflict, FieldError, Forbidden, Invalid, KefuError, NotFound
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, recognise
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel

CHANNEL = Channel.WECHAT


class Outcome(StrEnum):
    OPENED = "opened"
    CONTINUED = "continued"
    DUPLICATE = "duplicate"
    EVENT = "event"  # recorded on the follower; opens no ticket


@dataclass(frozen=True)
class PushReceipt:
    outcome: Outcome
    ticket_id: int | None
    message_id: int | None


# -- accounts ----------------------------------------------------------------------------------


def add_account(
    session: Session,
    *,
    name: str,
    appid: str,
    token: str,
    aes_key: str | None = None,
    secret: str | None = None,
) -> WechatAccount:
    name, appid, token = name.strip(), appid.strip(), token.strip()
    aes_key = aes_key.strip() if aes_key else None
    secret = secret.strip() if secret else None
    problems = rules.check_account(name, appid, token, aes_key, secret)
    if problems:
        # One problem: its own message says it all (the CLI prints only the message).
        code = next(iter(problems.values())) if len(problems) == 1 else "validation_failed"
        raise Invalid(code, fields={k: FieldError(v) for k, v in problems.items()})
    if session.scalar(select(WechatAccount.id).where(WechatAccount.name == name)) is not None:
        raise Conflict(
            "wechat.account_exists", fields={"name": FieldError("wechat.account_exists")}, name=name
        )
    account = WechatAccount(
        name=name, appid=appid, token=token, aes_key=aes_key, secret=secret, created_at=clock.now()
    )
    session.add(account)
    session.flush()
    return account


def list_accounts(session: Session) -> list[WechatAccount]:
    return list(session.scalars(select(WechatAccount).order_by(WechatAccount.name)))


def find_account(db: Database, name: str) -> WechatAccount:
    """Read outside the write transaction: a forged push must not queue for the writer."""
    with db.reading() as session:
        account = session.scalar(select(WechatAccount).where(WechatAccount.name == name))
    if account is None:
        raise NotFound("wechat.account_not_found", name=name)
    return account


# -- the push URL ------------------------------------------------------------------------------


def verify_url(db: Database, name: str, params: Mapping[str, str]) -> str:
    """WeChat's server-URL check (GET): the ``echostr`` back when the signature is right."""
    account = find_account(db, name)
    _check_signature(account, params)
    return params.get("echostr", "")


def receive_push(
    db: Database, settings: Settings, name: str, params: Mapping[str, str], body: bytes
) -> PushReceipt:
    account = find_account(db, name)
    push = _read(account, params, body)
    return db.retrying(lambda session: _store(session, settings, account, push))


def _check_signature(account: WechatAccount, params: Mapping[str, str], *extra: str) -> None:
    timestamp, nonce = params.get("timestamp", ""), params.get("nonce", "")
    given = params.get("msg_signature" if extra else "signature")
    if not (timestamp and nonce) or not crypto.signature_matches(
        given, account.token, timestamp, nonce, *extra
    ):
        raise Forbidden("wechat.bad_signature")


def _read(account: WechatAccount, params: Mapping[str, str], body: bytes) -> Push:
    if params.get("encrypt_type", "").strip().lower() != "aes":
        _check_signature(account, params)
        return _push(_fields(body))
    if not params.get("msg_signature"):
        raise Forbidden("wechat.bad_signature")
    encrypted = _fields(body).get("Encrypt", "").strip()
    if not encrypted:
        raise KefuError("wechat.bad_message", fields={"Encrypt": FieldError("field.required")})
    _check_signature(account, params, encrypted)
    if not account.aes_key:
        raise KefuError("wechat.no_aes_key")
    try:
        xml = crypto.decrypt(encrypted, account.aes_key, account.appid)
    except crypto.CryptoError as exc:
        raise KefuError(exc.code) from exc
    return _push(_fields(xml))


def _fields(data: bytes) -> dict[str, str]:
    try:
        return parse_xml(data)
    except MalformedXml as exc:
        raise KefuError("wechat.bad_xml") from exc


def _push(fields: dict[str, str]) -> Push:
    try:
        return read_push(fields)
    except InvalidPush as exc:
        raise KefuError(
            "wechat.bad_message", fields={k: FieldError(v) for k, v in exc.fields.items()}
        ) from exc


def _store(session: Session, settings: Settings, account: WechatAccount, push: Push) -> PushReceipt:
    key = rules.dedupe_key(push)
    earlier = _earlier(session, account.id, key, push)
    if earlier is not None:
        return earlier
    now = clock.now()
    sender = CustomerInput(identities={IdentityKind.WECHAT_OPENID: push.openid})
    customer = recognise(session, sender)
    _renew_window(_follower(session, account.id, push.openid, customer.id, now), push, now)
    receipt = PushReceipt(Outcome.EVENT, None, None)
    if not push.is_event:
        decision = rules.decide_thread(_unfinished_ticket(session, customer.id))
        inbound = conversations.InboundMessage(
            channel=CHANNEL,
            external_id=push.msg_id,
            sender=sender,
            subject="",  # a chat has none: the ticket takes the message's first words
            text=rules.message_text(push),
            entry_point=f"wechat:{account.name}",
        )
        storage = conversations.Storage(
            settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
        )
        received = conversations.receive(session, inbound, decision, storage)
        outcome = Outcome.OPENED if received.opened else Outcome.CONTINUED
        receipt = PushReceipt(outcome, received.ticket.id, received.message_id)
    row = WechatPush(
        account_id=account.id,
        openid=push.openid,
        dedupe_key=key,
        msg_type=push.msg_type[:32],
        event=push.event[:64] if push.event else None,
        fields=push.fields,
        ticket_id=receipt.ticket_id,
        message_id=receipt.message_id,
        sent_at=push.sent_at,
        received_at=now,
    )
    session.add(row)
    session.flush()
    media.queue_download(session, row)
    session.flush()
    return receipt


def _earlier(session: Session, account_id: int, key: str, push: Push) -> PushReceipt | None:
    """The receipt of an earlier delivery of this push, if there was one."""
    row = session.execute(
        select(WechatPush.ticket_id, WechatPush.message_id).where(
            WechatPush.account_id == account_id, WechatPush.dedupe_key == key
        )
    ).first()
    if row is not None:
        return PushReceipt(Outcome.DUPLICATE, row.ticket_id, row.message_id)
    if push.msg_id is not None:
        seen = conversations.already_received(session, CHANNEL, push.msg_id)
        if seen is not None:
            return PushReceipt(Outcome.DUPLICATE, seen.ticket_id, seen.message_id)
    return None


def _follower(
    session: Session, account_id: int, openid: str, customer_id: int, now: datetime
) -> WechatFollower:
    follower = session.scalar(
        select(WechatFollower).where(
            WechatFollower.account_id == account_id, WechatFollower.openid == openid
        )
    )
    if follower is None:
        follower = WechatFollower(
            account_id=account_id,
            openid=openid,
            customer_id=customer_id,
            subscribed=True,
            subscribed_at=None,
            unsubscribed_at=None,
            last_message_at=None,
            replies_since_message=0,
            last_event_at=None,
            replies_since_event=0,
            created_at=now,
        )
        session.add(follower)
    follower.customer_id = customer_id  # after a customer merge: the profile kept
    follower.updated_at = now
    return follower


def _renew_window(follower: WechatFollower, push: Push, now: datetime) -> None:
    """Our receipt time, not WeChat's CreateTime: the sender compares with our clock, and a
    push arrives within seconds (WeChat gives up after 15)."""
    if push.event == "unsubscribe":
        follower.subscribed = False
        follower.unsubscribed_at = now
        return
    follower.subscribed = True  # only a follower can write, click or scan
    if push.event == "subscribe":
        follower.subscribed_at = now
    if not push.is_event:
        follower.last_message_at = now
        follower.replies_since_message = 0
    elif rules.opens_event_window(push):
        follower.last_event_at = now
        follower.replies_since_event = 0


def _unfinished_ticket(session: Session, customer_id: int) -> int | None:
    """The customer's latest WeChat ticket not yet solved or closed."""
    return session.scalar(
        select(Ticket.id)
        .where(
            Ticket.customer_id == customer_id,
            Ticket.channel == CHANNEL.value,
            Ticket.status.not_in(sorted(rules.FINISHED_STATUSES)),
            Ticket.merged_into_id.is_(None),
        )
        .order_by(Ticket.id.desc())
        .limit(1)
    )


# -- for the sender ----------------------------------------------------------------------------


def reply_window_of(
    session: Session, account_id: int, openid: str, now: datetime
) -> WindowDecision:
    """Whether ``openid`` may be sent a customer-service message through the account now."""
    follower = session.scalar(
        select(WechatFollower).where(
            WechatFollower.account_id == account_id, WechatFollower.openid == openid
        )
    )
    if follower is None:
        return rules.reply_window(None, 0, now)
    return rules.reply_window(
        follower.last_message_at,
        follower.replies_since_message,
        now,
        subscribed=follower.subscribed,
    )


def reply_target(session: Session, ticket_id: int) -> tuple[int, str] | None:
    """Account id and openid of the ticket's latest WeChat message: where an answer goes."""
    row = session.execute(
        select(WechatPush.account_id, WechatPush.openid)
        .where(WechatPush.ticket_id == ticket_id)
        .order_by(WechatPush.id.desc())
        .limit(1)
    ).first()
    return (int(row.account_id), str(row.openid)) if row is not None else None


def move_pushes(session: Session, from_id: int, to_id: int, ids: list[int] | None) -> None:
    """Tickets regrouped (merge: ``ids`` None; split: the moved messages): pushes and replies
    follow their messages, so an answer still finds its account and openid."""
    for model in (WechatPush, WechatOutbound):
        stmt = update(model).where(model.ticket_id == from_id)
        if ids is not None:
            stmt = stmt.where(model.message_id.in_(ids))
        session.execute(stmt.values(ticket_id=to_id))
