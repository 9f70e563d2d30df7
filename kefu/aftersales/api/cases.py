"""After-sales cases: opened from a conversation, read with their decisions in words, corrected,
moved along the state machine (refusals answer 409 with the reason), evidence."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.exceptions import RequestValidationError
from pydantic import ValidationError
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile as StarletteUpload

from kefu.aftersales import service
from kefu.aftersales.api.words import decision, labelled, shop_tz
from kefu.aftersales.rules import CASE_TRANSITIONS, CaseState
from kefu.aftersales.schemas import (
    CaseCreate,
    CaseEventRead,
    CaseRead,
    CaseTransition,
    CaseUpdate,
    EvidenceLink,
    PayoutRead,
)
from kefu.core.errors import Conflict
from kefu.core.i18n import translate
from kefu.tickets.service import NewAttachment
from kefu.users.rules import Permission
from kefu.web.api_support import DB, Caller, CurrentSettings, locale_of, require

router = APIRouter()


def _next_states(state: str) -> list[str]:
    return sorted(CASE_TRANSITIONS[CaseState(state)])


def payout_read(payout: Any, locale: str) -> PayoutRead:
    said = decision({"code": payout.reason, "params": payout.params, "rule": None}, locale)
    return PayoutRead(
        **{k: getattr(payout, k) for k in _PAYOUT_FIELDS},
        status_label=translate(f"aftersales.payout_status.{payout.status}", locale),
        decision=said,
    )


_PAYOUT_FIELDS = (
    "id", "case_id", "order_id", "amount_fen", "method", "status", "fee_fen", "deducted_fen",
    "agreement_confirmed", "requested_by_id", "approver_id", "note", "created_at", "decided_at",
    "paid_at",
)  # fmt: skip
_CASE_FIELDS = (
    "id", "ticket_id", "order_id", "customer_id", "agent_id", "kind", "reason", "remedy",
    "state", "state_since", "requested_at", "amount_fen", "return_shipping_fen",
    "replacement_shipping_fen", "in_stock", "category", "payee_verified", "platform_timeout_at",
    "confirm_by", "return_carrier", "return_tracking", "received_at", "check_passed", "flaws",
    "replacement_tracking", "created_at", "updated_at", "closed_at",
)  # fmt: skip


def _case_read(db: DB, case_id: int, locale: str) -> CaseRead:
    with db.reading() as session:
        case = service.get_case(session, case_id)
        history = service.history_of(session, case_id)
        payouts = service.payouts_of_case(session, case_id)
    return CaseRead(
        **{k: getattr(case, k) for k in _CASE_FIELDS},
        item_id=case.order_item_id,
        kind_label=translate(f"aftersales.kind.{case.kind}", locale),
        reason_label=translate(f"aftersales.reason.{case.reason}", locale),
        state_label=translate(f"aftersales.case_state.{case.state}", locale),
        next_states=_next_states(case.state),
        evidence=[int(i) for i in case.evidence],
        decisions={name: decision(d, locale) for name, d in case.decisions.items()},
        history=[CaseEventRead.model_validate(e, from_attributes=True) for e in history],
        payouts=[payout_read(p, locale) for p in payouts],
    )


@router.post("/tickets/{ticket_id}/cases", response_model=CaseRead, status_code=201)
def open_case(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    ticket_id: int,
    body: CaseCreate,
) -> CaseRead:
    """Open an after-sales case from a conversation, about one of its customer's orders."""
    require(caller, Permission.WORK_TICKETS)
    data = service.CaseInput(**body.model_dump())
    with db.transaction() as session:
        case = service.open_case(session, ticket_id, data, actor=caller, tz=shop_tz(settings))
    return _case_read(db, case.id, locale_of(request))


@router.get("/tickets/{ticket_id}/cases", response_model=list[CaseRead])
def ticket_cases(db: DB, caller: Caller, request: Request, ticket_id: int) -> list[CaseRead]:
    require(caller, Permission.WORK_TICKETS)
    with db.reading() as session:
        ids = [c.id for c in service.cases_of_ticket(session, ticket_id)]
    return [_case_read(db, i, locale_of(request)) for i in ids]


@router.get("/cases/{case_id}", response_model=CaseRead)
def get_case(db: DB, caller: Caller, request: Request, case_id: int) -> CaseRead:
    require(caller, Permission.WORK_TICKETS)
    return _case_read(db, case_id, locale_of(request))


@router.patch("/cases/{case_id}", response_model=CaseRead)
def update_case(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    case_id: int,
    body: CaseUpdate,
) -> CaseRead:
    """Correct what the decisions rest on (amounts, stock, the platform's timeout…)."""
    require(caller, Permission.WORK_TICKETS)
    changes = service.CaseChanges(given=frozenset(body.model_fields_set), **body.model_dump())
    with db.transaction() as session:
        service.update_case(session, case_id, changes, actor=caller, tz=shop_tz(settings))
    return _case_read(db, case_id, locale_of(request))


@router.post("/cases/{case_id}/transitions", response_model=CaseRead)
def move_case(
    db: DB,
    caller: Caller,
    settings: CurrentSettings,
    request: Request,
    case_id: int,
    body: CaseTransition,
) -> CaseRead:
    """Move the case one step; a move the state machine refuses answers 409 with the reason."""
    require(caller, Permission.WORK_TICKETS)
    locale = locale_of(request)
    move = service.CaseMove(**{**body.model_dump(), "flaws": tuple(body.flaws)})
    try:
        with db.transaction() as session:
            service.move_case(session, case_id, move, actor=caller, tz=shop_tz(settings))
    except Conflict as exc:
        raise labelled(exc, locale, "aftersales.case_state") from None
    return _case_read(db, case_id, locale)


@router.post("/cases/{case_id}/evidence", response_model=CaseRead, status_code=201)
async def add_evidence(
    db: DB, caller: Caller, settings: CurrentSettings, request: Request, case_id: int
) -> CaseRead:
    """The buyer's photos: uploaded (multipart ``files`` and an optional ``note``), or files
    already on the conversation (JSON ``{"attachment_ids": […]}``)."""
    require(caller, Permission.WORK_TICKETS)
    tz = shop_tz(settings)
    if request.headers.get("content-type", "").startswith("multipart/form-data"):
        form = await request.form()
        uploads = [
            NewAttachment(item.filename or "", item.content_type or "", item.file)
            for item in form.getlist("files")
            if isinstance(item, StarletteUpload)
        ]
        note = str(form.get("note") or "")

        def write() -> None:
            with db.transaction() as session:
                service.add_evidence(
                    session, case_id, uploads, note=note, actor=caller,
                    root=settings.attachments_dir, limit=settings.max_attachment_bytes, tz=tz,
                )  # fmt: skip

    else:
        link = _parse(EvidenceLink, await request.body())

        def write() -> None:
            with db.transaction() as session:
                service.link_evidence(session, case_id, link.attachment_ids, actor=caller, tz=tz)

    await run_in_threadpool(write)
    return _case_read(db, case_id, locale_of(request))


def _parse(model: type[EvidenceLink], raw: bytes) -> EvidenceLink:
    try:
        return model.model_validate_json(raw or b"{}")
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors()]
        raise RequestValidationError(errors) from exc
