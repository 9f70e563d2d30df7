"""Use cases of the tickets context, one transaction each (the caller's ``Database.transaction``).

Split by subject: ``opening`` (new tickets, numbers, idempotency), ``changes`` (updates, status,
audit), ``messages`` (replies, notes, attachments), ``queries`` (reads), ``catalog``.
"""

from kefu.tickets.service import stats as stats  # counts for reports and charts
from kefu.tickets.service.audit import audit, audit_entry, audit_many
from kefu.tickets.service.catalog import create_catalog_item, find_catalog_item, list_catalog
from kefu.tickets.service.changes import TicketChanges, take_ticket, update_ticket
from kefu.tickets.service.hooks import (
    Classification,
    Draft,
    hidden_groups_for,
    may_see,
    on_ticket_event,
    set_classifier,
    set_visibility,
    ticket_event,
)
from kefu.tickets.service.messages import (
    NewAttachment,
    add_message,
    attach_files,
    attachment_path,
    first_message_id,
    get_attachment,
    list_messages,
    on_message_added,
)
from kefu.tickets.service.opening import NewTicket, find_replay, open_ticket
from kefu.tickets.service.queries import (
    TicketFilters,
    audit_of,
    counts_by_customer,
    get_ticket,
    list_tickets,
    move_customer_records,
    tags_of,
)
from kefu.tickets.service.regroup import merge_tickets, on_messages_moved, split_message

__all__ = [
    "Classification",
    "Draft",
    "NewAttachment",
    "NewTicket",
    "TicketChanges",
    "TicketFilters",
    "add_message",
    "attach_files",
    "attachment_path",
    "audit",
    "audit_entry",
    "audit_many",
    "audit_of",
    "counts_by_customer",
    "create_catalog_item",
    "find_catalog_item",
    "find_replay",
    "first_message_id",
    "get_attachment",
    "get_ticket",
    "hidden_groups_for",
    "list_catalog",
    "list_messages",
    "list_tickets",
    "may_see",
    "merge_tickets",
    "move_customer_records",
    "on_message_added",
    "on_messages_moved",
    "on_ticket_event",
    "open_ticket",
    "set_classifier",
    "set_visibility",
    "split_message",
    "tags_of",
    "take_ticket",
    "ticket_event",
    "update_ticket",
]
