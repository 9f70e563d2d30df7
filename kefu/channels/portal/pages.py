"""``/support/login`` and ``/support/tickets``: the customer portal. A customer gives their
email, gets a 6-digit code by mail, and is then signed in (a signed HttpOnly cookie) to read
the public messages of their own tickets and reply. Every POST form carries a CSRF token."""

from __future__ import annotations

import secrets as _random
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from kefu.channels.portal import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.portal import rules, service
from kefu.core.errors import Invalid, KefuError, NotFound
from kefu.core.i18n import label, translate
from kefu.customers.rules import IdentityKind
from kefu.customers.service import normalise_identities
from kefu.web.api_support import DB, CurrentSettings

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
SESSION_COOKIE = "kefu_portal"
CSRF_COOKIE = "kefu_portal_csrf"
MAX_REPLY = 5000
Text = Annotated[str, Form()]


def _secrets(settings: CurrentSettings) -> service.Secrets:
    return service.Secrets(settings.ensure_secret_key(), settings.mail_from)


class _Browser:
    """The request's CSRF key (from its cookie, or a new one to set) and the form token."""

    def __init__(self, request: Request, key: str) -> None:
        self.request = request
        self.existing = request.cookies.get(CSRF_COOKIE)
        self.csrf_key = self.existing or _random.token_urlsafe(24)
        self.csrf = rules.csrf_token(key, self.csrf_key)

    def render(self, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        response = templates.TemplateResponse(
            self.request, name, {"csrf": self.csrf, **context}, status_code=status
        )
        self.keep(response)
        return response

    def keep(self, response: Response) -> None:
        if not self.existing:
            response.set_cookie(
                CSRF_COOKIE,
                self.csrf_key,
                httponly=True,
                samesite="lax",
                secure=self.request.url.scheme == "https",
                path="/support",
            )


def _csrf_refused(request: Request, key: str, token: str) -> HTMLResponse | None:
    if rules.csrf_ok(key, request.cookies.get(CSRF_COOKIE), token):
        return None
    return templates.TemplateResponse(
        request,
        "portal_message.html",
        {"title": translate("portal.csrf_failed"), "text": translate("portal.csrf_failed")},
        status_code=403,
    )


def _token(request: Request, key: str) -> str | None:
    return rules.unsign(key, request.cookies.get(SESSION_COOKIE, ""))


def _signed_in(request: Request, db: DB, key: str) -> int | None:
    token = _token(request, key)
    if token is None:
        return None
    with db.reading() as session:
        return service.authenticate(session, token)


def _to_login() -> RedirectResponse:
    return RedirectResponse("/support/login", status_code=303)


# -- signing in ------------------------------------------------------------------------------


@router.get("/support/login", response_class=HTMLResponse)
def login_form(request: Request, settings: CurrentSettings) -> HTMLResponse:
    browser = _Browser(request, _secrets(settings).key)
    return browser.render("portal_login.html", {"email": "", "error": None})


@router.post("/support/login", response_class=HTMLResponse)
def login(
    request: Request, db: DB, settings: CurrentSettings, email: Text = "", csrf: Text = ""
) -> HTMLResponse:
    keys = _secrets(settings)
    refused = _csrf_refused(request, keys.key, csrf)
    if refused is not None:
        return refused
    browser = _Browser(request, keys.key)
    typed = email.strip()
    error = None
    if not typed:
        error = translate("portal.email_required")
    elif "@" not in typed:
        error = translate("portal.phone_not_yet")
    else:
        try:
            typed = normalise_identities({IdentityKind.EMAIL: typed})[IdentityKind.EMAIL]
        except Invalid as exc:
            error = translate(next(iter(exc.fields.values())).code)
    if error is not None:
        return browser.render("portal_login.html", {"email": typed, "error": error}, 422)
    db.retrying(lambda session: service.request_code(session, keys, typed))
    # The same answer whatever happened: an address cannot be probed.
    return browser.render("portal_verify.html", {"email": typed, "error": None})


@router.post("/support/login/verify", response_class=HTMLResponse)
def verify(
    request: Request,
    db: DB,
    settings: CurrentSettings,
    email: Text = "",
    code: Text = "",
    csrf: Text = "",
) -> Response:
    keys = _secrets(settings)
    refused = _csrf_refused(request, keys.key, csrf)
    if refused is not None:
        return refused
    address = email.strip().lower()
    token = db.retrying(lambda session: service.verify_code(session, keys, address, code))
    if token is None:
        browser = _Browser(request, keys.key)
        error = translate("portal.code_invalid")
        return browser.render("portal_verify.html", {"email": address, "error": error}, 422)
    response = RedirectResponse("/support/tickets", status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        rules.sign(keys.key, token),
        max_age=int(rules.SESSION_TTL.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
        path="/support",
    )
    return response


@router.post("/support/logout")
def logout(request: Request, db: DB, settings: CurrentSettings, csrf: Text = "") -> Response:
    key = _secrets(settings).key
    refused = _csrf_refused(request, key, csrf)
    if refused is not None:
        return refused
    token = _token(request, key)
    if token is not None:
        with db.transaction() as session:
            service.sign_out(session, token)
    response = _to_login()
    response.delete_cookie(SESSION_COOKIE, path="/support")
    return response


# -- the customer's tickets ------------------------------------------------------------------


@router.get("/support/tickets", response_class=HTMLResponse)
def my_tickets(request: Request, db: DB, settings: CurrentSettings) -> Response:
    key = _secrets(settings).key
    customer_id = _signed_in(request, db, key)
    if customer_id is None:
        return _to_login()
    with db.reading() as session:
        rows = [
            {
                "number": t.number,
                "subject": t.subject,
                "status": label(t.status),
                "updated_at": t.updated_at,
            }
            for t in service.own_tickets(session, customer_id)
        ]
    return _Browser(request, key).render("portal_tickets.html", {"tickets": rows})


@router.get("/support/tickets/{number}", response_class=HTMLResponse)
def my_ticket(request: Request, number: str, db: DB, settings: CurrentSettings) -> Response:
    key = _secrets(settings).key
    customer_id = _signed_in(request, db, key)
    if customer_id is None:
        return _to_login()
    return _ticket_page(request, db, key, customer_id, number)


def _ticket_page(
    request: Request,
    db: DB,
    key: str,
    customer_id: int,
    number: str,
    *,
    error: str | None = None,
    body: str = "",
    status: int = 200,
) -> Response:
    try:
        with db.reading() as session:
            ticket = service.own_ticket(session, customer_id, number)
            view = {
                "number": ticket.number,
                "subject": ticket.subject,
                "status": label(ticket.status),
                "closed": ticket.status == "closed",
            }
            shown = [
                {"mine": m.author_kind == "customer", "body": m.body_text, "at": m.created_at}
                for m in service.public_messages(session, customer_id, number)
            ]
    except NotFound:
        return _not_found(request)
    context = {"ticket": view, "messages": shown, "error": error, "body": body}
    return _Browser(request, key).render("portal_ticket.html", context, status)


def _not_found(request: Request) -> HTMLResponse:
    text = translate("ticket.not_found")
    return templates.TemplateResponse(
        request, "portal_message.html", {"title": text, "text": text}, status_code=404
    )


@router.post("/support/tickets/{number}/reply", response_class=HTMLResponse)
def my_reply(
    request: Request,
    number: str,
    db: DB,
    settings: CurrentSettings,
    body: Text = "",
    csrf: Text = "",
) -> Response:
    key = _secrets(settings).key
    refused = _csrf_refused(request, key, csrf)
    if refused is not None:
        return refused
    customer_id = _signed_in(request, db, key)
    if customer_id is None:
        return _to_login()
    text = body.strip()
    error = None
    if not text:
        error = translate("field.required")
    elif len(text) > MAX_REPLY:
        error = translate("portal.too_long", limit=MAX_REPLY)
    if error is None:
        try:
            db.retrying(lambda session: service.reply(session, customer_id, number, text))
        except NotFound:
            return _not_found(request)
        except KefuError as exc:
            error = translate(exc.code)
    if error is not None:
        return _ticket_page(
            request, db, key, customer_id, number, error=error, body=body, status=422
        )
    return RedirectResponse(f"/support/tickets/{number}", status_code=303)
