"""JSON routes of canned replies under /api/v1: agents find them (filled in for them and the
ticket's customer); supervisors and admins write them."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Response
from sqlalchemy.orm import Session

from kefu.core.errors import Forbidden
from kefu.knowledge import messages as _messages  # noqa: F401  (registers the texts)
from kefu.knowledge import rules, service
from kefu.knowledge.models import CannedReply
from kefu.knowledge.schemas import ReplyCreate, ReplyItem, ReplyList, ReplyUpdate
from kefu.users.rules import Permission
from kefu.users.service import Principal
from kefu.web.api_support import DB, Caller, CurrentSettings, require

router = APIRouter(prefix="/api/v1", tags=["knowledge"])


@router.get("/replies", response_model=ReplyList)
def list_replies(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    q: Annotated[str | None, Query()] = None,
    category: Annotated[str | None, Query()] = None,
    ticket_id: Annotated[int | None, Query()] = None,
) -> ReplyList:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        found = service.find_replies(
            session,
            username=caller.username,
            shop_name=settings.shop_name,
            q=q,
            category=category,
            ticket_id=ticket_id,
        )
    return ReplyList(items=[_item(f.reply, f.rendered) for f in found])


@router.post("/replies", response_model=ReplyItem, status_code=201)
def create_reply(db: DB, caller: Caller, settings: CurrentSettings, body: ReplyCreate) -> ReplyItem:
    _require_editor(caller)
    data = service.ReplyInput(**body.model_dump())
    with db.transaction() as session:
        reply = service.create_reply(session, data, actor_id=caller.user_id)
        return _rendered_for(session, caller, settings.shop_name, reply)


@router.patch("/replies/{reply_id}", response_model=ReplyItem)
def update_reply(
    db: DB, caller: Caller, settings: CurrentSettings, reply_id: int, body: ReplyUpdate
) -> ReplyItem:
    _require_editor(caller)
    changes = service.ReplyChanges(**body.model_dump())
    with db.transaction() as session:
        reply = service.update_reply(session, reply_id, changes)
        return _rendered_for(session, caller, settings.shop_name, reply)


@router.delete("/replies/{reply_id}", status_code=204)
def deactivate_reply(db: DB, caller: Caller, reply_id: int) -> Response:
    _require_editor(caller)
    with db.transaction() as session:
        service.deactivate_reply(session, reply_id)
    return Response(status_code=204)


def _require_editor(caller: Principal) -> None:
    if not rules.may_edit(caller.role):
        raise Forbidden("forbidden")


def _rendered_for(
    session: Session, caller: Principal, shop_name: str, reply: CannedReply
) -> ReplyItem:
    values = service.variables_for(session, username=caller.username, shop_name=shop_name)
    return _item(reply, rules.render(reply.body, values))


def _item(reply: CannedReply, rendered: rules.Rendered) -> ReplyItem:
    return ReplyItem(
        id=reply.id,
        title=reply.title,
        shortcut=reply.shortcut,
        category=reply.category,
        body=reply.body,
        rendered=rendered.text,
        unknown_variables=list(rendered.unknown),
        locale=reply.locale,
        position=reply.position,
        active=reply.active,
        source=reply.source,
        updated_at=reply.updated_at,
    )
