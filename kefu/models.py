"""Every context's tables on one metadata: what Alembic compares against and tests create."""

from kefu.channels.email.models import InboundMail, OutboundMail
from kefu.channels.phone.models import CallLog
from kefu.channels.wechat.models import WechatAccount, WechatFollower, WechatPush
from kefu.conversations.models import ChannelMessage, TicketParticipant
from kefu.core.db import Base
from kefu.core.events import OutboxEvent
from kefu.customers.models import Customer, CustomerIdentity
from kefu.search.models import SearchDocument
from kefu.tickets.models import (
    Attachment,
    AuditEntry,
    CatalogItem,
    IdempotencyKey,
    Message,
    Ticket,
    TicketNumberCounter,
    TicketTag,
)
from kefu.users.models import ApiToken, User

metadata = Base.metadata

__all__ = [
    "ApiToken",
    "Attachment",
    "AuditEntry",
    "CallLog",
    "CatalogItem",
    "ChannelMessage",
    "Customer",
    "CustomerIdentity",
    "IdempotencyKey",
    "InboundMail",
    "Message",
    "OutboundMail",
    "OutboxEvent",
    "SearchDocument",
    "Ticket",
    "TicketNumberCounter",
    "TicketParticipant",
    "TicketTag",
    "User",
    "WechatAccount",
    "WechatFollower",
    "WechatPush",
    "metadata",
]
