"""Tables of the WeChat channel: the official accounts, each customer as a follower of one
(with what the reply window needs), and every push received."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from kefu.core.db import Base


class WechatAccount(Base):
    """An official account (公众号) pushing to ``/channels/wechat/{name}``. The token, the
    EncodingAESKey and the AppSecret are kept as given: kefu must compute with them."""

    __tablename__ = "wechat_account"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    appid: Mapped[str] = mapped_column(String(32))
    token: Mapped[str] = mapped_column(String(64))
    aes_key: Mapped[str | None] = mapped_column(String(43))  # None: plain mode only
    secret: Mapped[str | None] = mapped_column(String(64))  # for sending, later
    created_at: Mapped[datetime]


class WechatFollower(Base):
    """A customer as one account knows them (an openid is per account), with what a sender
    needs to stay inside WeChat's reply windows (``rules.reply_window``, ``rules.event_window``):
    when the customer last wrote or triggered an event, and how many replies went out since.
    A receiver resets the counters; a sender increments them."""

    __tablename__ = "wechat_follower"
    __table_args__ = (UniqueConstraint("account_id", "openid"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("wechat_account.id"))
    openid: Mapped[str] = mapped_column(String(64))
    customer_id: Mapped[int] = mapped_column(ForeignKey("customer.id"), index=True)
    subscribed: Mapped[bool]
    subscribed_at: Mapped[datetime | None]
    unsubscribed_at: Mapped[datetime | None]
    last_message_at: Mapped[datetime | None]
    replies_since_message: Mapped[int]
    last_event_at: Mapped[datetime | None]
    replies_since_event: Mapped[int]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class WechatPush(Base):
    """Every message or event received, with its fields as decrypted. ``dedupe_key`` (the
    MsgId, or sender and CreateTime for an event) makes WeChat's retries no-ops; the ticket and
    message tell a sender through which account and to which openid a ticket's answer goes."""

    __tablename__ = "wechat_push"
    __table_args__ = (UniqueConstraint("account_id", "dedupe_key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("wechat_account.id"))
    openid: Mapped[str] = mapped_column(String(64))
    dedupe_key: Mapped[str] = mapped_column(String(100))
    msg_type: Mapped[str] = mapped_column(String(32))
    event: Mapped[str | None] = mapped_column(String(64))
    fields: Mapped[dict[str, Any]]
    ticket_id: Mapped[int | None] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_id: Mapped[int | None] = mapped_column(ForeignKey("message.id"))
    sent_at: Mapped[datetime]  # WeChat's CreateTime
    received_at: Mapped[datetime]
