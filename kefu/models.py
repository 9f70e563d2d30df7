"""Every context's tables on one metadata: what Alembic compares against and tests create."""

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
    "CatalogItem",
    "Customer",
    "CustomerIdentity",
    "IdempotencyKey",
    "Message",
    "OutboxEvent",
    "SearchDocument",
    "Ticket",
    "TicketNumberCounter",
    "TicketTag",
    "User",
    "metadata",
]
