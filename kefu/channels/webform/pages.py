"""``/support/new``: the request form a shop links from its site, in the customer's language
(zh-CN, zh-TW or en: the page's switch, else the browser's). A valid form opens a ticket
(``channel: "web_form"``) with the customer found by email or phone, or created; an invalid one
comes back with every problem named next to its field, in that language, and nothing stored."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from markupsafe import Markup
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from kefu.channels.portal import language
from kefu.channels.portal.language import PageLanguage
from kefu.channels.webform import messages as _messages  # noqa: F401  (registers the texts)
from kefu.conversations import service as conversations
from kefu.conversations.rules import ThreadDecision, ThreadRule
from kefu.core.errors import Invalid, KefuError
from kefu.customers.rules import IdentityKind
from kefu.customers.service import CustomerInput, normalise_identities
from kefu.tickets import service as tickets
from kefu.tickets.rules import Channel
from kefu.web import ratelimit
from kefu.web.api_support import DB, CurrentSettings

router = APIRouter(include_in_schema=False)
# The portal's templates too: the language switch is shared by every public page.
templates = Jinja2Templates(
    directory=[Path(__file__).parent / "templates", Path(language.__file__).parent / "templates"]
)
LIMITS = {"name": 100, "subject": 200, "description": 5000}


def _catalog(db: DB) -> list[str]:
    with db.reading() as session:
        return [item.path for item in tickets.list_catalog(session)]


def _render(
    request: Request, speaker: PageLanguage, name: str, context: dict[str, Any], status: int
) -> HTMLResponse:
    page = {**speaker.context(request, "/support/new"), **context}
    response = templates.TemplateResponse(request, name, page, status_code=status)
    speaker.remember(response)
    return response


@router.get("/support/new", response_class=HTMLResponse)
def form(request: Request, db: DB, settings: CurrentSettings) -> HTMLResponse:
    speaker = language.of(request, settings.timezone)
    context = {"values": {}, "errors": {}, "catalog": _catalog(db)}
    return _render(request, speaker, "support_new.html", context, 200)


@router.post("/support/new", response_class=HTMLResponse)
async def submit(request: Request, db: DB, settings: CurrentSettings) -> HTMLResponse:
    data = await request.form()
    values = {
        k: str(data.get(k) or "").strip()
        for k in ("name", "email", "phone", "subject", "description", "catalog_item")
    }
    files = [f for f in data.getlist("files") if isinstance(f, UploadFile) and f.filename]
    speaker = language.of(request, settings.timezone)
    if not ratelimit.allow(request, "webform"):
        busy = speaker.t("ratelimit.too_many", minutes=ratelimit.WINDOW_MINUTES)
        return _again(request, speaker, db, values, {"form": busy}, status=429)
    errors = _problems(speaker, values)
    identities: dict[IdentityKind, str] = {}
    if not errors:
        raw = {IdentityKind.EMAIL: values["email"], IdentityKind.PHONE: values["phone"]}
        try:
            identities = normalise_identities({k: v for k, v in raw.items() if v})
        except Invalid as exc:
            errors = {name: speaker.t(err.code) for name, err in exc.fields.items()}
    if errors:
        return _again(request, speaker, db, values, errors)
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
        fields = {name: speaker.t(err.code, **err.params) for name, err in exc.fields.items()}
        message = speaker.t(exc.code, **exc.params)
        return _again(request, speaker, db, values, fields or {"files": message}, exc.status)
    shown = Markup('<span class="number" id="ticket-number">{}</span>').format(number)
    context = {"number": number, "number_html": shown}
    return _render(request, speaker, "support_done.html", context, 201)


def _problems(speaker: PageLanguage, values: dict[str, str]) -> dict[str, str]:
    errors: dict[str, str] = {}
    for name in ("subject", "description"):
        if not values[name]:
            errors[name] = speaker.t("field.required")
    for name, limit in LIMITS.items():
        if len(values[name]) > limit:
            errors[name] = speaker.t("webform.too_long", limit=limit)
    if not values["email"] and not values["phone"]:
        errors["email"] = speaker.t("webform.contact_required")
    return errors


def _again(
    request: Request,
    speaker: PageLanguage,
    db: DB,
    values: dict[str, str],
    errors: dict[str, str],
    status: int = 422,
) -> HTMLResponse:
    context = {"values": values, "errors": errors, "catalog": _catalog(db)}
    return _render(request, speaker, "support_new.html", context, status)
