"""Customers with tickets, and the sign-in codes mailed to them, for the portal's tests."""

from __future__ import annotations

import re

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.channels.email.models import OutboundMail
from kefu.channels.portal.service import MAIL_KIND
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import AuthorKind


def ticket_for(
    session: Session, email: str, subject: str, name: str = "周女士", phone: str | None = None
) -> Ticket:
    """A ticket from the customer with ``email`` (and ``phone``, E.164, when given), an agent's
    public reply and an internal note."""
    identities = {IdentityKind.EMAIL: email}
    if phone is not None:
        identities[IdentityKind.PHONE] = phone
    customer = CustomerInput(name=name, identities=identities)
    ticket, _ = tickets.open_ticket(
        session,
        tickets.NewTicket(subject=subject, description="衣服洗了缩水,可以退吗?", customer=customer),
        actor=None,
        timezone="Asia/Shanghai",
    )
    tickets.add_message(
        session, ticket.id, body="亲,麻烦发一张洗标的照片哦", actor=None,
        author_kind=AuthorKind.SYSTEM,
    )  # fmt: skip
    tickets.add_message(
        session, ticket.id, body="内部备注:这位客户上个月也退过货", public=False, actor=None,
        author_kind=AuthorKind.SYSTEM,
    )  # fmt: skip
    return ticket


def mailed_code(session: Session, email: str) -> str:
    """The code in the newest sign-in mail queued for ``email``."""
    rows = session.scalars(
        select(OutboundMail).where(OutboundMail.kind == MAIL_KIND).order_by(OutboundMail.id.desc())
    )
    for row in rows:
        if row.to_addrs == [email]:
            return "".join(c for c in row.subject if c.isdigit())[-6:]
    raise AssertionError(f"no sign-in mail for {email}")


def texted_code(text: str) -> str:
    """The 6-digit code in a sign-in text message."""
    found = re.search(r"\b(\d{6})\b", text)
    assert found, text
    return found.group(1)
