"""``/support/new``: the request form a shop links from its site. A valid form opens a ticket
(``channel: "web_form"``) with the customer found by email or phone, or created; an invalid one
comes back with every problem named next to its field, in Chinese, and nothing stored."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kefu.channels.webform import messages as _messages  # noqa: F401  (registers the texts)
from kefu.conversations import service as conversations
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.errors import Invalid, KefuError
from kefu.core.i18n import translate
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, normalise_identities
from kefu.tickets import service as tickets
from kefu.tickets.rules import Channel
from kefu.web.api_support import DB, CurrentSettings

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
LIMITS = {"name": 100, "subject": 200, "description": 5000}


def _catalog(db: DB) -> list[str]:
    with db.reading() as session:
        return [item.path for item in tickets.list_catalog(session)]


@router.get("/support/new", response_class=HTMLResponse)
def form(request: Request, db: DB) -> HTMLResponse:
    return templates.TemplateResponse(
        request, "support_new.html", {"values": {}, "errors": {}, "catalog": _catalog(db)}
    )


@router.post("/support/new", response_class=HTMLResponse)
async def submit(request: Request, db: DB, settings: CurrentSettings) -> HTMLResponse:
    data = await request.form()
    values = {
        k: str(data.get(k) or "").strip()
        for k in ("name", "email", "phone", "subject", "description", "catalog_item")
    }
    files = [f for f in data.getlist("files") if isinstance(f, UploadFile) and f.filename]
    errors = _problems(values)
    identities: dict[IdentityKind, str] = {}
    if not errors:
        raw = {IdentityKind.EMAIL: values["email"], IdentityKind.PHONE: values["phone"]}
        try:
            identities = normalise_identities({k: v for k, v in raw.items() if v})
        except Invalid as exc:
            errors = {name: translate(err.code) for name, err in exc.fields.items()}
    if errors:
        return _again(request, db, values, errors)
    uploads = [
        tickets.NewAttachment(f.filename or "", f.content_type or "", io.BytesIO(await f.read()))
        for f in files
    ]

    def store() -> str:
        def work(session: Any) -> str:
            received = conversations.receive(
                session,
                conversations.InboundMessage(
                    channel=Channel.WEB_FORM,
                    external_id=None,
                    sender=CustomerInput(name=values["name"] or None, identities=identities),
                    subject=values["subject"],
                    text=values["description"],
                    attachments=uploads,
                ),
                ThreadDecision(None, ThreadRule.NEW, "thread.new_conversation"),
                conversations.Storage(
                    settings.attachments_dir, settings.max_attachment_bytes, settings.timezone
                ),
            )
            if values["catalog_item"]:
                tickets.update_ticket(
                    session,
                    received.ticket.id,
                    tickets.TicketChanges(
                        given={"catalog_item"}, catalog_item=values["catalog_item"]
                    ),
                    actor=None,
                )
            return received.ticket.number

        return db.retrying(work)

    try:
        number = await run_in_threadpool(store)
    except KefuError as exc:
        fields = {
            name: translate(err.code, "zh-CN", **err.params) for name, err in exc.fields.items()
        }
        message = translate(exc.code, "zh-CN", **exc.params)
        return _again(request, db, values, fields or {"files": message}, status=exc.status)
    return templates.TemplateResponse(
        request, "support_done.html", {"number": number}, status_code=201
    )


def _problems(values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("subject", "description"):
        if not values[name]:
            errors[name] = translate("field.required")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = translate("webform.too_long", limit=limit)
    if not values["email"] and not values["phone"]:
        errors["email"] = translate("webform.contact_required")
    return errors


def _again(
    request: Request, db: DB, values: dict[str, str], errors: dict[str, str], status: int = 422
) -> HTMLResponse:
    return templates.TemplateResponse(
        request,
        "support_new.html",
        {"values": values, "errors": errors, "catalog": _catalog(db)},
        status_code=status,
    )
