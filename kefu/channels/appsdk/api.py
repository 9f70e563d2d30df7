"""The app SDK's REST API (documented in the OpenAPI schema under the tag "app SDK").

Two kinds of caller:
- the app's back end, with a staff API token (admin), asks ``POST /api/v1/app/tokens`` for a
  customer token for its signed-in user;
- the app itself, with that customer token (``kfa_…``), opens conversations, sends messages and
  reads the public replies of its own conversations, nothing else.
"""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request, Response
from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.channels.appsdk import schemas, service
from kefu.conversations import service as conversations
from kefu.core.errors import FieldError, Invalid, Unauthenticated
from kefu.customers.models import Customer
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput
from kefu.tickets.models import Message, Ticket
from kefu.users.models import User
from kefu.users.rules import Permission, display_name
from kefu.web.api_support import DB, Caller, CurrentSettings, require

router = APIRouter(prefix="/api/v1/app", tags=["app SDK"])


def _bearer(request: Request) -> str:
    scheme, _, token = request.headers.get("authorization", "").partition(" ")
    return token.strip() if scheme.lower() == "bearer" else ""


def current_customer(request: Request, db: DB) -> int:
    """The customer the app's token speaks for."""
    token = _bearer(request)
    with db.reading() as session:
        customer_id = service.authenticate(session, token) if token else None
    if customer_id is None:
        raise Unauthenticated("appsdk.unauthenticated")
    return customer_id


AppCustomer = Annotated[int, Depends(current_customer)]


def _storage(settings: CurrentSettings) -> conversations.Storage:
    return conversations.Storage(
        settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
    )


# -- the app's back end ----------------------------------------------------------------------


@router.post("/tokens", status_code=201, response_model=schemas.TokenRead)
def issue_token(body: schemas.TokenCreate, db: DB, caller: Caller) -> schemas.TokenRead:
    """A customer token for the app's signed-in user (shown once). The same ``app_user`` comes
    back to the same customer; otherwise the customer is recognised by phone, email or buyer
    nick, or created."""
    require(caller, Permission.ISSUE_CUSTOMER_TOKENS)
    identities = {
        kind: value
        for kind, value in (
            (IdentityKind.EMAIL, body.customer.email),
            (IdentityKind.PHONE, body.customer.phone),
            (IdentityKind.BUYER_NICK, body.customer.buyer_nick),
        )
        if value
    }
    if body.app_user is None and not identities:
        needed = {"app_user": FieldError("appsdk.identity_needed")}
        raise Invalid("validation_failed", fields=needed)
    with db.transaction() as session:
        issued = service.issue_token(
            session,
            CustomerInput(body.customer.name, identities),
            app_user=body.app_user,
            label=body.label or "app",
            issued_by=caller.user_id,
        )
    return schemas.TokenRead(
        token=issued.token, customer_id=issued.customer_id, expires_at=issued.expires_at
    )


@router.post("/customers/{customer_id}/revoke", response_model=schemas.Revoked)
def revoke_customer_tokens(customer_id: int, db: DB, caller: Caller) -> schemas.Revoked:
    """Sign a customer out of every app (a lost phone)."""
    require(caller, Permission.ISSUE_CUSTOMER_TOKENS)
    with db.transaction() as session:
        return schemas.Revoked(revoked=service.revoke_customer(session, customer_id))


# -- the app, as its customer ----------------------------------------------------------------


@router.delete("/tokens/current", status_code=204)
def sign_out(request: Request, db: DB, customer_id: AppCustomer) -> Response:
    with db.transaction() as session:
        service.revoke(session, _bearer(request))
    return Response(status_code=204)


@router.get("/me", response_model=schemas.Me)
def me(db: DB, customer_id: AppCustomer) -> schemas.Me:
    with db.reading() as session:
        customer = session.get(Customer, customer_id)
        return schemas.Me(customer_id=customer_id, name=customer.name if customer else "")


@router.get("/conversations", response_model=schemas.ConversationPage)
def list_conversations(db: DB, customer_id: AppCustomer) -> schemas.ConversationPage:
    with db.reading() as session:
        found = service.own_tickets(session, customer_id)
        return schemas.ConversationPage(items=[_conversation(t) for t in found])


@router.post("/conversations", status_code=201, response_model=schemas.Sent)
def open_conversation(
    body: schemas.ConversationCreate,
    response: Response,
    db: DB,
    settings: CurrentSettings,
    customer_id: AppCustomer,
) -> schemas.Sent:
    """Open a conversation with its first message. Sent again with the same ``client_id`` (a
    retry after a lost answer), it returns the first one with 200 and opens nothing."""
    return _send(db, settings, customer_id, body.body, body.client_id, None, body.subject, response)


@router.get("/conversations/{ticket_id}", response_model=schemas.ConversationRead)
def get_conversation(ticket_id: int, db: DB, customer_id: AppCustomer) -> schemas.ConversationRead:
    with db.reading() as session:
        return _conversation(service.own_ticket(session, customer_id, ticket_id))


@router.get("/conversations/{ticket_id}/messages", response_model=schemas.MessagePage)
def list_messages(
    ticket_id: int,
    db: DB,
    customer_id: AppCustomer,
    after: Annotated[int, Query(ge=0)] = 0,
) -> schemas.MessagePage:
    """Public messages after the message id ``after`` (poll with the last id seen)."""
    with db.reading() as session:
        found = service.public_messages(session, customer_id, ticket_id, after)
        return schemas.MessagePage(items=_messages(session, found))


@router.post("/conversations/{ticket_id}/messages", status_code=201, response_model=schemas.Sent)
def send_message(
    ticket_id: int,
    body: schemas.MessageCreate,
    response: Response,
    db: DB,
    settings: CurrentSettings,
    customer_id: AppCustomer,
) -> schemas.Sent:
    return _send(db, settings, customer_id, body.body, body.client_id, ticket_id, "", response)


def _send(
    db: DB,
    settings: CurrentSettings,
    customer_id: int,
    text: str,
    client_id: str | None,
    ticket_id: int | None,
    subject: str,
    response: Response,
) -> schemas.Sent:
    storage = _storage(settings)

    def work(session: Session) -> schemas.Sent:
        sent = service.send(
            session,
            storage,
            customer_id,
            text,
            client_id=client_id,
            ticket_id=ticket_id,
            subject=subject,
        )
        message = session.get(Message, sent.message_id)
        assert message is not None
        return schemas.Sent(
            conversation=_conversation(sent.ticket),
            message=_messages(session, [message])[0],
            duplicate=sent.duplicate,
        )

    result = db.retrying(work)
    if result.duplicate:
        response.status_code = 200
    return result


def _conversation(ticket: Ticket) -> schemas.ConversationRead:
    return schemas.ConversationRead(
        id=ticket.id,
        number=ticket.number,
        subject=ticket.subject,
        status=ticket.status,
        created_at=ticket.created_at,
        updated_at=ticket.updated_at,
    )


def _messages(session: Session, found: list[Message]) -> list[schemas.MessageRead]:
    agent_ids = {m.author_user_id for m in found if m.author_user_id is not None}
    agents = (
        {
            row.id: display_name(row.work_number, row.display_name)
            for row in session.execute(
                select(User.id, User.work_number, User.display_name).where(User.id.in_(agent_ids))
            )
        }
        if agent_ids
        else {}
    )
    return [
        schemas.MessageRead(
            id=m.id,
            author=_author(m.author_kind),
            agent=agents.get(m.author_user_id) if m.author_user_id is not None else None,
            body=m.body_text,
            created_at=m.created_at,
        )
        for m in found
    ]


def _author(kind: str) -> Literal["customer", "agent", "system"]:
    if kind == "customer":
        return "customer"
    return "agent" if kind == "agent" else "system"
