"""Use cases of the customer portal, one transaction each (the caller's): asking for a sign-in
code by mail or by SMS (queued in the same transaction) and checking it, recognising a
signed-in browser, the customer's own tickets and replies. A ticket of another customer is
"not found", never "forbidden"."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import InstrumentedAttribute, Session

from kefu.channels.email import rules as mail_rules
from kefu.channels.email.models import OutboundMail
from kefu.channels.email.rules import SendStatus
from kefu.channels.portal import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.portal import rules
from kefu.channels.portal.models import OutboundSms, PortalCode, PortalSession
from kefu.channels.portal.rules import CodeOutcome, SmsState, Via
from kefu.core import clock
from kefu.core.errors import Conflict, NotFound
from kefu.core.i18n import DEFAULT_LOCALE, translate
from kefu.customers.models import Customer, CustomerIdentity
from kefu.customers.rules import IdentityKind
from kefu.tickets import service as tickets
from kefu.tickets.models import Message, Ticket
from kefu.tickets.rules import AuthorKind, Channel, Status

MAIL_KIND = "portal_code"
MAX_TICKETS = 200


@dataclass(frozen=True)
class Secrets:
    """What the portal signs and keys with, and the sender of its mail."""

    key: str
    mail_from: str
    site_url: str = ""  # where the sign-in link in the mail points


def _live_customer_id(session: Session, customer_id: int) -> int | None:
    customer = session.get(Customer, customer_id)
    while customer is not None and customer.merged_into_id is not None:
        customer = session.get(Customer, customer.merged_into_id)
    return customer.id if customer is not None else None


def _customer_by(session: Session, kind: IdentityKind, value: str) -> int | None:
    owner = session.scalar(
        select(CustomerIdentity.customer_id).where(
            CustomerIdentity.kind == kind.value, CustomerIdentity.value == value
        )
    )
    return _live_customer_id(session, owner) if owner is not None else None


def _address_column(via: Via) -> InstrumentedAttribute[str | None]:
    return PortalCode.email if via == Via.MAIL else PortalCode.phone


def _new_code(
    session: Session, secrets: Secrets, via: Via, address: str, code: str | None
) -> tuple[int, str] | CodeOutcome:
    """A fresh code for the customer at ``address`` (stored as its digest), or why there is
    none: nobody has that address, or it had its ``RATE_MAX`` codes in the window."""
    now = clock.now()
    kind = IdentityKind.EMAIL if via == Via.MAIL else IdentityKind.PHONE
    customer_id = _customer_by(session, kind, address)
    if customer_id is None:
        return CodeOutcome.UNKNOWN
    column = _address_column(via)
    recent = session.scalar(
        select(func.count())
        .select_from(PortalCode)
        .where(column == address, PortalCode.created_at > now - rules.RATE_WINDOW)
    )
    if (recent or 0) >= rules.RATE_MAX:
        return CodeOutcome.RATE_LIMITED
    code = code or rules.new_code()
    session.add(
        PortalCode(
            customer_id=customer_id,
            email=address if via == Via.MAIL else None,
            phone=address if via == Via.SMS else None,
            code_digest=rules.code_digest(secrets.key, address, code),
            attempts=0,
            expires_at=now + rules.CODE_TTL,
            used_at=None,
            created_at=now,
        )
    )
    return customer_id, code


def request_code(
    session: Session,
    secrets: Secrets,
    email: str,
    *,
    code: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> CodeOutcome:
    """Mail a fresh code to ``email`` (already normalised), written in ``locale``, if a customer
    has that address and fewer than ``RATE_MAX`` codes went there in the window. ``code`` is
    for tests."""
    issued = _new_code(session, secrets, Via.MAIL, email, code)
    if isinstance(issued, CodeOutcome):
        return issued
    _customer_id, code = issued
    now = clock.now()
    minutes = int(rules.CODE_TTL.total_seconds() // 60)
    link = rules.sign_in_link(secrets.site_url, email, code)
    session.add(
        OutboundMail(
            ticket_id=None,
            message_id=None,
            kind=MAIL_KIND,
            message_id_header=mail_rules.new_message_id(uuid.uuid4().hex, secrets.mail_from),
            in_reply_to=None,
            references=[],
            to_addrs=[email],
            cc_addrs=[],
            subject=translate("portal.code_subject", locale, pin=code),
            body_text=translate("portal.code_body", locale, pin=code, minutes=minutes)
            + translate("portal.code_link", locale, link=link),
            body_html=None,
            status=SendStatus.QUEUED.value,
            attempts=0,
            next_attempt_at=now,
            last_error=None,
            sent_at=None,
            created_at=now,
        )
    )
    session.flush()
    return CodeOutcome.SENT


def request_sms_code(
    session: Session,
    secrets: Secrets,
    phone: str,
    *,
    code: str | None = None,
    locale: str = DEFAULT_LOCALE,
) -> CodeOutcome:
    """Text a fresh code to ``phone`` (E.164), written in ``locale``, on the same terms as a
    mailed one: a customer has that number, and it had fewer than ``RATE_MAX`` codes in the
    window. The message is queued; the worker sends it."""
    issued = _new_code(session, secrets, Via.SMS, phone, code)
    if isinstance(issued, CodeOutcome):
        return issued
    _customer_id, code = issued
    now = clock.now()
    minutes = int(rules.CODE_TTL.total_seconds() // 60)
    session.add(
        OutboundSms(
            to=phone,
            text=translate("portal.code_sms", locale, pin=code, minutes=minutes),
            state=SmsState.QUEUED.value,
            attempts=0,
            next_attempt_at=now,
            last_error=None,
            created_at=now,
            sent_at=None,
        )
    )
    session.flush()
    return CodeOutcome.SENT


def verify_code(session: Session, secrets: Secrets, address: str, code: str) -> str | None:
    """A new session token if ``code`` is one of the live codes of ``address`` (a mail address
    or an E.164 number); otherwise None and every live code of the address has one try fewer.
    The caller commits either way."""
    now = clock.now()
    live = list(
        session.scalars(
            select(PortalCode).where(
                _address_column(rules.via_of(address)) == address,
                PortalCode.used_at.is_(None),
                PortalCode.expires_at > now,
                PortalCode.attempts < rules.MAX_TRIES,
            )
        )
    )
    match = next(
        (row for row in live if rules.codes_match(secrets.key, address, code, row.code_digest)),
        None,
    )
    if match is None:
        for row in live:
            row.attempts += 1
        session.flush()
        return None
    for row in live:
        row.used_at = now
    customer_id = _live_customer_id(session, match.customer_id)
    if customer_id is None:
        return None
    token = rules.new_session_token()
    session.add(
        PortalSession(
            token_digest=rules.session_digest(token),
            customer_id=customer_id,
            expires_at=now + rules.SESSION_TTL,
            created_at=now,
        )
    )
    session.flush()
    return token


def authenticate(session: Session, token: str) -> int | None:
    """The signed-in customer's id for a session token, or None."""
    if not token:
        return None
    row = session.scalar(
        select(PortalSession).where(PortalSession.token_digest == rules.session_digest(token))
    )
    if row is None or row.expires_at <= clock.now():
        return None
    return _live_customer_id(session, row.customer_id)


def sign_out(session: Session, token: str) -> None:
    session.execute(
        update(PortalSession)
        .where(PortalSession.token_digest == rules.session_digest(token))
        .values(expires_at=clock.now())
    )


def own_tickets(session: Session, customer_id: int) -> list[Ticket]:
    """The customer's tickets, newest first."""
    return tickets.list_tickets(
        session, tickets.TicketFilters(customer_id=customer_id), limit=MAX_TICKETS
    )


def own_ticket(session: Session, customer_id: int, number: str) -> Ticket:
    ticket = session.scalar(select(Ticket).where(Ticket.number == number))
    if ticket is None or ticket.customer_id != customer_id:
        raise NotFound("ticket.not_found")
    return ticket


def public_messages(session: Session, customer_id: int, number: str) -> list[Message]:
    """What the customer may read on their ticket: public messages only, never notes."""
    ticket = own_ticket(session, customer_id, number)
    messages, _files = tickets.list_messages(session, ticket.id)
    return [m for m in messages if m.public]


def reply(session: Session, customer_id: int, number: str, body: str) -> Message:
    """The customer writes on their ticket; a pending or solved ticket opens again."""
    ticket = own_ticket(session, customer_id, number)
    if ticket.status == Status.CLOSED.value:
        raise Conflict("portal.ticket_closed")
    return tickets.add_message(
        session,
        ticket.id,
        body=body,
        public=True,
        actor=None,
        author_kind=AuthorKind.CUSTOMER,
        customer_id=customer_id,
        channel=Channel.WEB_FORM,
    )
