"""Evidence of a case (举证): the buyer's photos uploaded onto the case's ticket as an internal
note, or files already on the conversation (photos sent in the chat) linked to the case; the
count of them is what the state machine asks for before judging a fault."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from kefu.aftersales.models import AfterSalesCase
from kefu.aftersales.rules import CaseState
from kefu.aftersales.service.cases import get_case, log_event, refresh
from kefu.core import clock
from kefu.core.errors import Conflict, FieldError, Invalid, NotFound
from kefu.tickets import service as tickets
from kefu.tickets.models import Attachment
from kefu.users.service import Principal

S = CaseState


def add_evidence(
    session: Session,
    case_id: int,
    uploads: list[tickets.NewAttachment],
    *,
    note: str,
    actor: Principal | None,
    root: Any,
    limit: int,
    tz: tzinfo,
) -> list[int]:
    """The buyer's photos, stored as an internal note on the case's ticket with the files
    attached, and counted as the case's evidence. Returns the new attachments' ids."""
    case = get_case(session, case_id, for_update=True)
    if case.state == S.CLOSED:
        raise Conflict("aftersales.case.closed")
    if not uploads:
        raise Invalid("validation_failed", fields={"files": FieldError("field.required")})
    message = tickets.add_message(
        session,
        case.ticket_id,
        body=note,
        public=False,
        actor=actor,
        attachments=uploads,
        attachments_root=root,
        max_attachment_bytes=limit,
    )
    session.flush()
    ids = list(
        session.scalars(
            select(Attachment.id).where(Attachment.message_id == message.id).order_by(Attachment.id)
        )
    )
    return _link(session, case, ids, actor, tz)


def link_evidence(
    session: Session,
    case_id: int,
    attachment_ids: list[int],
    *,
    actor: Principal | None,
    tz: tzinfo,
) -> list[int]:
    """Count files already on the conversation (photos the buyer sent in the chat) as evidence."""
    case = get_case(session, case_id, for_update=True)
    if case.state == S.CLOSED:
        raise Conflict("aftersales.case.closed")
    for attachment_id in attachment_ids:
        attachment = tickets.get_attachment(session, attachment_id)
        if attachment.ticket_id != case.ticket_id:
            raise NotFound("ticket.attachment_not_found")
    return _link(session, case, attachment_ids, actor, tz)


def _link(
    session: Session,
    case: AfterSalesCase,
    ids: list[int],
    actor: Principal | None,
    tz: tzinfo,
) -> list[int]:
    fresh = [str(i) for i in ids if str(i) not in case.evidence]
    case.evidence = [*case.evidence, *fresh]
    case.updated_at = clock.now()
    refresh(session, case, tz)
    log_event(session, case, actor, "evidence", None, None, {"attachments": fresh})
    return ids
