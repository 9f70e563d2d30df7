"""Carrying out planned tickets through the tickets service, with the clock set to each step's
instant, so numbers, first-response, solved and closed times and the audit log read as if the
work had happened over the last weeks."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.customers.service import CustomerInput
from kefu.demo.conversation import Act, Step
from kefu.demo.plan import TicketPlan
from kefu.tickets import service as tickets
from kefu.tickets.rules import AuthorKind, Priority
from kefu.users.service import Principal


@dataclass(frozen=True)
class Staff:
    agents: dict[int, Principal]  # by work number
    supervisor: Principal


class Clock:
    """A settable instant installed as the application clock while the demo loads."""

    def __init__(self, start: datetime) -> None:
        self.at = start

    def __call__(self) -> datetime:
        return self.at

    def __enter__(self) -> Clock:
        clock.set_clock(self)
        return self

    def __exit__(self, *_: object) -> None:
        clock.set_clock(None)


def play(session: Session, plan: TicketPlan, staff: Staff, timer: Clock, timezone: str) -> int:
    """Open the ticket and carry out its steps; returns the ticket id."""
    agent = staff.agents[plan.agent]
    timer.at = plan.opened
    ticket, _ = tickets.open_ticket(
        session,
        tickets.NewTicket(
            subject=plan.subject,
            description=plan.description,
            customer=CustomerInput(None, {plan.identity[0]: plan.identity[1]}),
            priority=plan.priority,
            type=plan.scenario.type,
            channel=plan.channel,
            catalog_item=plan.scenario.catalog,
            tags=plan.tags,
        ),
        actor=agent if plan.entered_by_agent else None,
        timezone=timezone,
    )
    ticket_id, customer_id = ticket.id, ticket.customer_id
    for step in plan.steps:
        timer.at = step.at
        ACTIONS[step.act](session, ticket_id, customer_id, step, agent, staff)
    return ticket_id


def _customer(
    session: Session, ticket_id: int, customer_id: int, step: Step, _a: Principal, _s: Staff
) -> None:
    tickets.add_message(session, ticket_id, body=step.text, public=True, actor=None,
                        author_kind=AuthorKind.CUSTOMER, customer_id=customer_id)  # fmt: skip


def _reply(
    session: Session, ticket_id: int, _c: int, step: Step, agent: Principal, _s: Staff
) -> None:
    tickets.add_message(session, ticket_id, body=step.text, public=True, actor=agent,
                        author_kind=AuthorKind.AGENT)  # fmt: skip


def _note(
    session: Session, ticket_id: int, _c: int, step: Step, agent: Principal, _s: Staff
) -> None:
    tickets.add_message(session, ticket_id, body=step.text, public=False, actor=agent,
                        author_kind=AuthorKind.AGENT)  # fmt: skip


def _supervisor_note(
    session: Session, ticket_id: int, _c: int, step: Step, _a: Principal, staff: Staff
) -> None:
    tickets.add_message(session, ticket_id, body=step.text, public=False, actor=staff.supervisor,
                        author_kind=AuthorKind.AGENT)  # fmt: skip


def _assign(
    session: Session, ticket_id: int, _c: int, _step: Step, agent: Principal, _s: Staff
) -> None:
    changes = tickets.TicketChanges(given={"assignee_id"}, assignee_id=agent.user_id)
    tickets.update_ticket(session, ticket_id, changes, actor=agent)


def _escalate(
    session: Session, ticket_id: int, _c: int, _step: Step, _a: Principal, staff: Staff
) -> None:
    changes = tickets.TicketChanges(given={"priority"}, priority=Priority.URGENT)
    tickets.update_ticket(session, ticket_id, changes, actor=staff.supervisor)


def _status(
    session: Session, ticket_id: int, _c: int, step: Step, agent: Principal, _s: Staff
) -> None:
    changes = tickets.TicketChanges(given={"status"}, status=step.status)
    tickets.update_ticket(session, ticket_id, changes, actor=agent)


Action = Callable[[Session, int, int, Step, Principal, Staff], None]
ACTIONS: dict[Act, Action] = {
    Act.CUSTOMER: _customer,
    Act.REPLY: _reply,
    Act.NOTE: _note,
    Act.SUPERVISOR_NOTE: _supervisor_note,
    Act.ASSIGN: _assign,
    Act.ESCALATE: _escalate,
    Act.STATUS: _status,
}
