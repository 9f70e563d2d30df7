"""Every context's tables on one metadata: what Alembic compares against and tests create."""

from kefu.aftersales.models import (
    AfterSalesCase,
    AfterSalesRule,
    CallbackTask,
    CaseEvent,
    Complaint,
    ComplaintConversation,
    ComplaintWatch,
    Dispute,
    DisputeEvent,
    OrderItem,
    OrderRemark,
    Payout,
    PenaltyPoint,
    ShopOrder,
    SweepCursor,
)
from kefu.channels.appsdk.models import CustomerToken
from kefu.channels.email.models import InboundMail, OutboundMail
from kefu.channels.phone.models import CallLog, CallTask
from kefu.channels.portal.models import OutboundSms, PortalCode, PortalSession  # noqa: F401
from kefu.channels.webchat.models import ChatSession, ChatSessionTicket
from kefu.channels.wechat.models import (
    WechatAccessToken,
    WechatAccount,
    WechatFollower,
    WechatMedia,
    WechatOutbound,
    WechatPush,
)
from kefu.conversations.models import ChannelMessage, TicketParticipant
from kefu.core.db import Base
from kefu.core.events import OutboxEvent
from kefu.customers.models import Customer, CustomerIdentity
from kefu.knowledge.models import CannedReply
from kefu.routing.models import (
    AgentGroup,
    AgentPresence,
    CatalogResponsibility,
    DeliverySetting,
    GroupMember,
    Notification,
    RoundRobinCursor,
    RoutingRule,
    ServiceDesk,
)
from kefu.search.models import SearchDocument
from kefu.sla.models import BusinessCalendar, CalendarDay, SlaPolicy, TicketClock
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
    "AfterSalesCase",
    "AfterSalesRule",
    "AgentGroup",
    "AgentPresence",
    "ApiToken",
    "Attachment",
    "AuditEntry",
    "BusinessCalendar",
    "CalendarDay",
    "CallLog",
    "CallTask",
    "CallbackTask",
    "CannedReply",
    "CaseEvent",
    "CatalogItem",
    "CatalogResponsibility",
    "ChannelMessage",
    "ChatSession",
    "ChatSessionTicket",
    "Complaint",
    "ComplaintConversation",
    "ComplaintWatch",
    "Customer",
    "CustomerIdentity",
    "CustomerToken",
    "DeliverySetting",
    "Dispute",
    "DisputeEvent",
    "GroupMember",
    "IdempotencyKey",
    "InboundMail",
    "Message",
    "Notification",
    "OrderItem",
    "OrderRemark",
    "OutboundMail",
    "OutboundSms",
    "OutboxEvent",
    "Payout",
    "PenaltyPoint",
    "RoundRobinCursor",
    "RoutingRule",
    "SearchDocument",
    "ServiceDesk",
    "ShopOrder",
    "SlaPolicy",
    "SweepCursor",
    "Ticket",
    "TicketClock",
    "TicketNumberCounter",
    "TicketParticipant",
    "TicketTag",
    "User",
    "WechatAccessToken",
    "WechatAccount",
    "WechatFollower",
    "WechatMedia",
    "WechatOutbound",
    "WechatPush",
    "metadata",
]
