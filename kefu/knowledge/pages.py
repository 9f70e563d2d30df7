"""The admin page of canned replies (/admin/replies), for supervisors and admins: the replies by
category, a form to add one, an edit page, deactivate and reactivate. Forms carry the session's
CSRF token; a refused form comes back (422) with each problem beside its field and the values as
typed. After a save the browser is redirected (post-redirect-get) to a page that says what was
done."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from kefu.core.db import Database
from kefu.core.errors import FieldError, Invalid, KefuError
from kefu.core.i18n import translate
from kefu.knowledge import messages as _messages  # noqa: F401  (registers the texts)
from kefu.knowledge import rules, service
from kefu.knowledge.models import CannedReply
from kefu.web import auth, shell

PAGE = "/admin/replies"
FIELDS = ("title", "shortcut", "category", "body", "position")
DONE = ("created", "updated", "deactivated", "activated")

templates = shell.templates_for(Path(__file__).parent / "templates")
router = APIRouter(include_in_schema=False)


async def _form_of(request: Request) -> FormData:
    """The submitted form, read on the event loop so that the handlers stay synchronous."""
    return await request.form()


DB = Annotated[Database, Depends(auth.get_db)]
Form = Annotated[FormData, Depends(_form_of)]


@dataclass(frozen=True)
class Failure:
    """A refused form: its message, each field's problem, and the values as typed."""

    message: str
    fields: dict[str, str]
    values: dict[str, str]


# -- gates ---------------------------------------------------------------------------------------


def _gate(request: Request, db: Database) -> auth.WebSession | Response:
    web = auth.session_of(request, db)
    if web is None:
        return RedirectResponse(f"/login?next={quote(request.url.path)}", status_code=303)
    if not rules.may_edit(web.principal.role):
        return _forbidden(request, web)
    return web


def _gate_form(request: Request, db: Database, form: FormData) -> auth.WebSession | Response:
    web = auth.session_of(request, db)
    locale = auth.locale_of(request)
    if web is None:
        return HTMLResponse(translate("unauthenticated", locale), status_code=401)
    if not auth.csrf_ok(request, web, str(form.get("csrf_token") or "")):
        return HTMLResponse(translate("auth.csrf_invalid", locale), status_code=403)
    if not rules.may_edit(web.principal.role):
        return _forbidden(request, web)
    return web


def _forbidden(request: Request, web: auth.WebSession) -> HTMLResponse:
    context = {**shell.page_context(request, web, "admin"), "forbidden": True}
    return templates.TemplateResponse(request, "knowledge/replies.html", context, status_code=403)


# -- pages ---------------------------------------------------------------------------------------


@router.get(PAGE, response_model=None)
def replies_page(request: Request, db: DB) -> Response:
    web = _gate(request, db)
    if not isinstance(web, auth.WebSession):
        return web
    return _list_page(request, db, web)


@router.get(PAGE + "/{reply_id}/edit", response_model=None)
def edit_page(request: Request, db: DB, reply_id: int) -> Response:
    web = _gate(request, db)
    if not isinstance(web, auth.WebSession):
        return web
    with db.reading() as session:
        reply = service.get_reply(session, reply_id)
    return _edit_page(request, web, reply, _values_of_reply(reply))


@router.post(PAGE, response_model=None)
def create(request: Request, db: DB, form: Form) -> Response:
    web = _gate_form(request, db, form)
    if not isinstance(web, auth.WebSession):
        return web
    values = _values(form)
    try:
        data = service.ReplyInput(
            title=values["title"],
            shortcut=values["shortcut"],
            category=values["category"],
            body=values["body"],
            position=_position(values["position"]),
        )
        with db.transaction() as session:
            reply = service.create_reply(session, data, actor_id=web.principal.user_id)
    except KefuError as exc:
        return _list_page(request, db, web, failure=_failure(exc, request, values))
    return _done(reply, "created")


@router.post(PAGE + "/{reply_id}", response_model=None)
def update(request: Request, db: DB, form: Form, reply_id: int) -> Response:
    web = _gate_form(request, db, form)
    if not isinstance(web, auth.WebSession):
        return web
    values = _values(form)
    try:
        changes = service.ReplyChanges(
            title=values["title"],
            shortcut=values["shortcut"],
            category=values["category"],
            body=values["body"],
            position=_position(values["position"]),
        )
        with db.transaction() as session:
            reply = service.update_reply(session, reply_id, changes)
    except Invalid as exc:
        with db.reading() as session:
            reply = service.get_reply(session, reply_id)
        return _edit_page(request, web, reply, values, _failure(exc, request, values))
    return _done(reply, "updated")


@router.post(PAGE + "/{reply_id}/deactivate", response_model=None)
def deactivate(request: Request, db: DB, form: Form, reply_id: int) -> Response:
    web = _gate_form(request, db, form)
    if not isinstance(web, auth.WebSession):
        return web
    with db.transaction() as session:
        reply = service.deactivate_reply(session, reply_id)
    return _done(reply, "deactivated")


@router.post(PAGE + "/{reply_id}/activate", response_model=None)
def activate(request: Request, db: DB, form: Form, reply_id: int) -> Response:
    web = _gate_form(request, db, form)
    if not isinstance(web, auth.WebSession):
        return web
    try:
        with db.transaction() as session:
            reply = service.update_reply(session, reply_id, service.ReplyChanges(active=True))
    except Invalid as exc:
        return _list_page(request, db, web, failure=_failure(exc, request, {}))
    return _done(reply, "activated")


# -- form values and rendering -------------------------------------------------------------------


def _values(form: FormData) -> dict[str, str]:
    return {name: str(form.get(name) or "") for name in FIELDS}


def _values_of_reply(reply: CannedReply) -> dict[str, str]:
    return {
        "title": reply.title,
        "shortcut": reply.shortcut,
        "category": reply.category,
        "body": reply.body,
        "position": str(reply.position),
    }


def _position(text: str) -> int | None:
    """Empty: after the last reply. Anything but a whole number in range is refused."""
    text = text.strip()
    if not text:
        return None
    if text.isdigit() and int(text) <= 1_000_000:
        return int(text)
    raise Invalid(
        "validation_failed", fields={"position": FieldError("knowledge.position_invalid")}
    )


def _failure(exc: KefuError, request: Request, values: dict[str, str]) -> Failure:
    locale = auth.locale_of(request)
    fields = {
        name: translate(problem.code, locale, **problem.params)
        for name, problem in exc.fields.items()
    }
    message = translate("knowledge.form_invalid", locale) if fields else translate(exc.code, locale)
    return Failure(message, fields, values)


def _done(reply: CannedReply, what: str) -> RedirectResponse:
    return RedirectResponse(f"{PAGE}?done={what}&id={reply.id}", status_code=303)


def _notice(request: Request, db: Database) -> str:
    what = request.query_params.get("done", "")
    reply_id = request.query_params.get("id", "")
    if what not in DONE or not reply_id.isdigit():
        return ""
    with db.reading() as session:
        reply = session.get(CannedReply, int(reply_id))
    if reply is None:
        return ""
    return translate(f"knowledge.done.{what}", auth.locale_of(request), title=reply.title)


def _list_page(
    request: Request, db: Database, web: auth.WebSession, failure: Failure | None = None
) -> HTMLResponse:
    with db.reading() as session:
        replies = service.list_replies(session, include_inactive=True)
    active = [r for r in replies if r.active]
    context: dict[str, Any] = {
        **shell.page_context(request, web, "admin"),
        "categories": rules.CATEGORIES,
        "by_category": {c: [r for r in active if r.category == c] for c in rules.CATEGORIES},
        "inactive": [r for r in replies if not r.active],
        "failure": failure,
        "values": failure.values if failure else {"category": "welcome"},
        "notice": "" if failure else _notice(request, db),
    }
    return _respond(request, "knowledge/replies.html", context, failure)


def _edit_page(
    request: Request,
    web: auth.WebSession,
    reply: CannedReply,
    values: dict[str, str],
    failure: Failure | None = None,
) -> HTMLResponse:
    context: dict[str, Any] = {
        **shell.page_context(request, web, "admin"),
        "categories": rules.CATEGORIES,
        "reply": reply,
        "failure": failure,
        "values": values,
    }
    return _respond(request, "knowledge/reply_edit.html", context, failure)


def _respond(
    request: Request, template: str, context: dict[str, Any], failure: Failure | None
) -> HTMLResponse:
    response = templates.TemplateResponse(
        request, template, context, status_code=422 if failure else 200
    )
    response.headers["Cache-Control"] = "no-store"
    return response
