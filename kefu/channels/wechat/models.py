"""Tables of the WeChat channel: the official accounts, each customer as a follower of one
(with what the reply window needs), every push received, and the work done after answering
WeChat: replies to send, media to download, and the access token both need."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import ForeignKey, Index, String, Text, UniqueConstraint
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


class WechatOutbound(Base):
    """A public reply to send as a customer-service message, committed with the reply itself
    and sent by the worker with retries. ``held``: WeChat's window was closed (or it answered
    45015/45047); the reply was then offered on ``fallback`` (``mail``: queued as
    ``fallback_mail_id``; ``portal``: left for the customer portal)."""

    __tablename__ = "wechat_outbound"
    __table_args__ = (Index("ix_wechat_outbound_state_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    ticket_id: Mapped[int] = mapped_column(ForeignKey("ticket.id"), index=True)
    message_id: Mapped[int] = mapped_column(ForeignKey("message.id"), unique=True)
    account_id: Mapped[int] = mapped_column(ForeignKey("wechat_account.id"))
    openid: Mapped[str] = mapped_column(String(64))
    content: Mapped[str] = mapped_column(Text)
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    errcode: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    fallback: Mapped[str | None] = mapped_column(String(16))
    fallback_mail_id: Mapped[int | None] = mapped_column(ForeignKey("outbound_mail.id"))
    sent_at: Mapped[datetime | None]
    created_at: Mapped[datetime]


class WechatAccessToken(Base):
    """An account's access token as WeChat issued it (valid 2 hours), shared by every worker so
    that they do not each fetch one: each fetch invalidates the previous token within minutes."""

    __tablename__ = "wechat_access_token"

    account_id: Mapped[int] = mapped_column(ForeignKey("wechat_account.id"), primary_key=True)
    token: Mapped[str] = mapped_column(String(512))
    expires_at: Mapped[datetime]
    fetched_at: Mapped[datetime]


class WechatMedia(Base):
    """An image or voice message's media (by MediaId, kept 3 days by WeChat) to download and
    store as an attachment of the push's ticket message, after WeChat has had its "success"."""

    __tablename__ = "wechat_media"
    __table_args__ = (Index("ix_wechat_media_state_due", "state", "next_attempt_at"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    push_id: Mapped[int] = mapped_column(ForeignKey("wechat_push.id"), unique=True)
    media_id: Mapped[str] = mapped_column(String(128))
    kind: Mapped[str] = mapped_column(String(16))  # image, voice
    state: Mapped[str] = mapped_column(String(16))
    attempts: Mapped[int]
    next_attempt_at: Mapped[datetime | None]
    errcode: Mapped[int | None]
    last_error: Mapped[str | None] = mapped_column(String(500))
    attachment_id: Mapped[int | None] = mapped_column(ForeignKey("attachment.id"))
    done_at: Mapped[datetime | None]
    created_at: Mapped[datetime]
