"""Where a new request goes: delivery to a group (服务请求投递, seed 004), then the ordered
routing rules. Runs inside the ticket's own transaction before its row is written, from the
cached configuration, so a plain delivery costs no statement at all."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.customers.models import Customer
from kefu.routing.rules import (
    DeliveryDecision,
    RulesOutcome,
    TicketFacts,
    deliver,
    evaluate,
    supervisor_notice,
)
from kefu.routing.service.notify import members_of, notify, users_with_role
from kefu.routing.service.snapshot import Snapshot, load, snapshot
from kefu.search.rules import normalise
from kefu.sla.calendar import is_working, shop_hours_calendar
from kefu.tickets.models import Message, Ticket
from kefu.tickets.service import audit, get_ticket
from kefu.tickets.service.hooks import Classification, Draft

# Keyword rules look at the start of a request; a long mail's tail does not decide its desk.
KEYWORD_TEXT_CHARS = 2000
_SHOP_HOURS = shop_hours_calendar()


def facts_of(config: Snapshot, draft: Draft, now: datetime) -> TicketFacts:
    wants_text = any(c.field == "keywords" for r in config.rules for c in r.conditions)
    return TicketFacts(
        channel=draft.channel,
        type=draft.type,
        priority=draft.priority,
        catalog_path=config.catalog_path(draft.catalog_item_id),
        vip_level=draft.customer.vip_level,
        blacklisted=draft.customer.blacklisted,
        text=normalise(draft.text[:KEYWORD_TEXT_CHARS]) if wants_text else "",
        in_business_hours=is_working(_SHOP_HOURS, now),
        entry_point=draft.entry_point,
    )


def decide(
    config: Snapshot, facts: TicketFacts, *, explain: bool = False
) -> tuple[DeliveryDecision, RulesOutcome]:
    """Delivery, then the rules; ``explain`` keeps each condition's reason (the dry run)."""
    return deliver(config.delivery, facts), evaluate(config.rules, facts, explain=explain)


def classify(session: Session, draft: Draft) -> Classification:
    config = snapshot(session, catalog_item_id=draft.catalog_item_id)
    facts = facts_of(config, draft, clock.now())
    delivered, outcome = decide(config, facts)
    result = Classification(
        group_id=outcome.group_id or delivered.group_id,
        priority=outcome.priority,
        assignee_id=outcome.assignee_id,
        tags=list(outcome.tags),
    )
    if outcome.fired or outcome.notify or supervisor_notice(facts):

        def then(session: Session, ticket: Ticket) -> None:
            _after_insert(session, ticket, outcome, facts, config)

        result.then = then
    return result


def _after_insert(
    session: Session, ticket: Ticket, outcome: RulesOutcome, facts: TicketFacts, config: Snapshot
) -> None:
    if outcome.fired:
        audit(session, ticket.id, None, "routing_rules", None, list(outcome.fired))
    for target in outcome.notify:
        users = members_of(session, target.id) if target.kind == "group" else [target.id]
        notify(
            session,
            users,
            "routing_rule",
            ticket_id=ticket.id,
            dedupe_key=f"rule:{ticket.id}",
            params={"number": ticket.number},
        )
    kind = supervisor_notice(facts)
    if kind is not None:
        # An empty (or unset) supervisor group must not leave it unseen: every supervisor is told.
        group = config.delivery.supervisor_group_id
        users = (members_of(session, group) if group else []) or users_with_role(
            session, "supervisor"
        )
        notify(
            session,
            users,
            kind,
            ticket_id=ticket.id,
            dedupe_key=f"{kind}:{ticket.id}",
            params={"number": ticket.number},
        )


def explain(session: Session, draft: Draft) -> tuple[DeliveryDecision, RulesOutcome]:
    """The dry run: what delivery and each rule would decide for ``draft``, read fresh (not from
    the cache) so a rule just edited is the one explained."""
    config = load(session)
    return decide(config, facts_of(config, draft, clock.now()), explain=True)


def draft_of_ticket(session: Session, ticket_id: int) -> Draft:
    ticket = get_ticket(session, ticket_id)
    customer = session.get(Customer, ticket.customer_id)
    assert customer is not None
    first = session.scalar(
        select(Message.body_text)
        .where(Message.ticket_id == ticket.id)
        .order_by(Message.id)
        .limit(1)
    )
    return Draft(
        channel=ticket.channel,
        type=ticket.type,
        priority=ticket.priority,
        catalog_item_id=ticket.catalog_item_id,
        customer=customer,
        text=f"{ticket.subject}\n{first or ''}",
    )
