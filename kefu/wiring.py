"""Connections between contexts that must happen inside one transaction but may not be imports
(customers cannot import tickets; tickets cannot import channels). Called once by every entry
point: app, CLI, tests."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kefu.aftersales import service as aftersales
from kefu.channels.email import service as email
from kefu.channels.wechat import outbound as wechat_outbound
from kefu.channels.wechat import service as wechat
from kefu.conversations import service as conversations
from kefu.core.config import Settings
from kefu.customers import service as customers
from kefu.routing import service as routing
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket


def wire(settings: Settings | None = None) -> None:
    customers.on_merge(tickets.move_customer_records)
    customers.on_merge(aftersales.move_customer_orders)
    tickets.on_messages_moved("conversations", conversations.move_messages)
    tickets.on_messages_moved("email", email.move_mail)
    tickets.on_messages_moved("wechat", wechat.move_pushes)
    tickets.set_classifier(routing.classify)
    tickets.set_visibility(routing.hidden_groups)
    tickets.on_ticket_event("sla", sla.on_ticket)
    tickets.on_ticket_event("requeue", routing.requeue_if_agent_away)
    if settings is not None:

        def mail_reply(session: Session, ticket: Ticket, message: Message) -> None:
            email.queue_reply(session, ticket, message, settings)

        tickets.on_message_added("email", mail_reply)

        def wechat_reply(session: Session, ticket: Ticket, message: Message) -> None:
            wechat_outbound.queue_reply(session, ticket, message, settings)

        tickets.on_message_added("wechat", wechat_reply)
