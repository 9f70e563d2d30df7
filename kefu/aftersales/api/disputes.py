"""Platform disputes (维权) under /api/v1/aftersales/disputes: opened from the conversation about
an order, read with the engine's assessment and deadline, the checklist ticked, evidence
uploaded, moved (refusals answer 409 with the reason), and the evidence pack as a ZIP."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, Request, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from kefu.aftersales import service
from kefu.aftersales.api.words import decision, labelled, shop_tz
from kefu.aftersales.dispute_schemas import (
    ChecklistItemRead,
    ChecklistTick,
    DisputeCreate,
    DisputeRead,
    DisputeTransition,
)
from kefu.aftersales.rules import CHECKLISTS, DISPUTE_TRANSITIONS, DisputeKind, DisputeState
from kefu.core.errors import Conflict, FieldError, Invalid
from kefu.core.i18n import translate
from kefu.tickets.service import NewAttachment
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of, require

router = APIRouter(prefix="/aftersales")


def _checklist(dispute: Any, locale: str) -> list[ChecklistItemRead]:
    kind = DisputeKind(dispute.kind)
    reads = []
    for item in CHECKLISTS[kind]:
        done = dispute.checklist.get(item)
        reads.append(
            ChecklistItemRead(
                item=item,
                label=translate(f"aftersales.dispute.check.{kind.value}.{item}", locale),
                done=done is not None,
                done_by=done["name"] if done else None,
                done_at=datetime.fromisoformat(done["at"]) if done else None,
            )
        )
    return reads


def dispute_read(db: DB, dispute_id: int, locale: str) -> DisputeRead:
    with db.reading() as session:
        d = service.get_dispute(session, dispute_id)
        order = service.get_order(session, d.order_id)
        linked = service.linked_tickets(session, d)
    checklist = _checklist(d, locale)
    return DisputeRead(
        id=d.id,
        order_id=d.order_id,
        order_number=order.number,
        ticket_id=d.ticket_id,
        customer_id=d.customer_id,
        agent_id=d.agent_id,
        kind=d.kind,
        kind_label=translate(f"aftersales.dispute.kind.{d.kind}", locale),
        state=d.state,
        state_label=translate(f"aftersales.dispute_state.{d.state}", locale),
        outcome=d.outcome,
        next_states=sorted(DISPUTE_TRANSITIONS[DisputeState(d.state)]),
        opened_at=d.opened_at,
        platform_deadline_at=d.platform_deadline_at,
        deadline_at=d.deadline_at,
        deadline=decision(d.assessment["deadline"], locale),
        assessment=decision({k: v for k, v in d.assessment.items() if k != "deadline"}, locale),
        checklist=checklist,
        checklist_done=all(c.done for c in checklist),
        linked_ticket_ids=linked,
        note=d.note,
        created_at=d.created_at,
        updated_at=d.updated_at,
        closed_at=d.closed_at,
    )


@router.post("/disputes", response_model=DisputeRead, status_code=201)
def open_dispute(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, body: DisputeCreate
) -> DisputeRead:
    """Record a dispute the buyer opened on the platform, from the conversation about it."""
    require(caller, Permission.WORK_TICKETS)
    data = service.DisputeInput(**body.model_dump(exclude={"ticket_id"}))
    with db.transaction() as session:
        dispute = service.open_dispute(
            session, body.ticket_id, data, actor=caller, tz=shop_tz(settings)
        )
    return dispute_read(db, dispute.id, locale_of(request))


@router.get("/disputes/{dispute_id}", response_model=DisputeRead)
def get_dispute(db: DB, caller: Caller, request: Request, dispute_id: int) -> DisputeRead:
    require(caller, Permission.WORK_TICKETS)
    return dispute_read(db, dispute_id, locale_of(request))


@router.get("/orders/{order_id}/disputes", response_model=list[DisputeRead])
def order_disputes(db: DB, caller: Caller, request: Request, order_id: int) -> list[DisputeRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        ids = [d.id for d in service.disputes_of_order(session, order_id)]
    return [dispute_read(db, i, locale_of(request)) for i in ids]


@router.post("/disputes/{dispute_id}/checklist", response_model=DisputeRead)
def tick_item(
    db: DB, caller: Caller, request: Request, dispute_id: int, body: ChecklistTick
) -> DisputeRead:
    """Tick (``done: true``) or untick an item of the dispute's checklist."""
    require(caller, Permission.WORK_TICKETS)
    with db.transaction() as session:
        name = service.author_name(session, caller.user_id, caller.username)
        service.tick_item(session, dispute_id, body.item, done=body.done, actor=caller, name=name)
    return dispute_read(db, dispute_id, locale_of(request))


@router.post("/disputes/{dispute_id}/transitions", response_model=DisputeRead)
def move_dispute(
    db: DB, caller: Caller, request: Request, dispute_id: int, body: DisputeTransition
) -> DisputeRead:
    """Submit the evidence (the checklist done) or close the dispute with its outcome."""
    require(caller, Permission.WORK_TICKETS)
    locale = locale_of(request)
    try:
        with db.transaction() as session:
            service.move_dispute(session, dispute_id, body.to, outcome=body.outcome, actor=caller)
    except Conflict as exc:
        raise labelled(exc, locale, "aftersales.dispute_state") from None
    return dispute_read(db, dispute_id, locale)


@router.post("/disputes/{dispute_id}/evidence", response_model=DisputeRead, status_code=201)
async def add_evidence(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, dispute_id: int
) -> DisputeRead:
    """Files for the platform (multipart ``files`` and an optional ``note``)."""
    require(caller, Permission.WORK_TICKETS)
    if not request.headers.get("content-type", "").startswith("multipart/form-data"):
        raise Invalid("validation_failed", fields={"files": FieldError("field.required")})
    form = await request.form()
    uploads = [
        NewAttachment(item.filename or "", item.content_type or "", item.file)
        for item in form.getlist("files")
        if isinstance(item, StarletteUpload)
    ]
    note = str(form.get("note") or "")

    def write() -> None:
        with db.transaction() as session:
            service.add_dispute_evidence(
                session, dispute_id, uploads, note=note, actor=caller,
                root=settings.attachments_dir, limit=settings.max_attachment_bytes,
            )  # fmt: skip

    await run_in_threadpool(write)
    return dispute_read(db, dispute_id, locale_of(request))


@router.get("/disputes/{dispute_id}/evidence.zip")
def evidence_pack(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, dispute_id: int
) -> Response:
    """The evidence pack: summary.pdf, transcript.txt, tracking.txt and attachments/."""
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        facts = service.gather(session, dispute_id)
        data = service.evidence_zip(
            facts, root=settings.attachments_dir, locale=locale_of(request), tz=shop_tz(settings)
        )
    name = f"dispute-{dispute_id}.zip"  # ASCII only: a header cannot carry any order number
    return Response(
        data,
        media_type="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
