"""``/support/login`` and ``/support/tickets``: the customer portal, in the customer's
language. A customer gives their email (or their mobile number, when an SMS gateway is set up),
gets a 6-digit code by mail (or text message), and is then signed in (a signed HttpOnly cookie)
to read the public messages of their own tickets and reply. Every POST form carries a CSRF
token."""

from __future__ import annotations

import secrets as _random
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from kefu.channels.portal import language, rules, service
from kefu.channels.portal import messages as _messages  # noqa: F401  (registers the texts)
from kefu.channels.portal.rules import Via
from kefu.core.errors import Invalid, KefuError, NotFound
from kefu.core.i18n import label
from kefu.customers.rules import IdentityKind
from kefu.customers.service import normalise_identities
from kefu.web import ratelimit
from kefu.web.api_support import DB, CurrentSettings

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
SESSION_COOKIE = "kefu_portal"
CSRF_COOKIE = "kefu_portal_csrf"
MAX_REPLY = 5000
Text = Annotated[str, Form()]


def _secrets(settings: CurrentSettings) -> service.Secrets:
    return service.Secrets(settings.ensure_secret_key(), settings.mail_from, settings.site_url)


class _Browser:
    """The request's language, its CSRF key (from its cookie, or a new one to set) and the
    form token. ``here`` is where the language switch of a page answering a POST leads."""

    def __init__(
        self, request: Request, key: str, timezone: str, here: str = "/support/login"
    ) -> None:
        self.request = request
        self.language = language.of(request, timezone)
        self.here = here
        self.existing = request.cookies.get(CSRF_COOKIE)
        self.csrf_key = self.existing or _random.token_urlsafe(24)
        self.csrf = rules.csrf_token(key, self.csrf_key)

    def t(self, code: str, **params: object) -> str:
        return self.language.t(code, **params)

    def render(self, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
        page = {**self.language.context(self.request, self.here), "csrf": self.csrf, **context}
        response = templates.TemplateResponse(self.request, name, page, status_code=status)
        self.keep(response)
        return response

    def message(self, code: str, status: int) -> HTMLResponse:
        text = self.t(code)
        return self.render("portal_message.html", {"title": text, "text": text}, status)

    def keep(self, response: Response) -> None:
        self.language.remember(response)
        if not self.existing:
            response.set_cookie(
                CSRF_COOKIE,
                self.csrf_key,
                httponly=True,
                samesite="lax",
                secure=self.request.url.scheme == "https",
                path="/support",
            )


def _csrf_refused(browser: _Browser, key: str, token: str) -> HTMLResponse | None:
    if rules.csrf_ok(key, browser.existing, token):
        return None
    return browser.message("portal.csrf_failed", 403)


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


def _too_many(browser: _Browser) -> str:
    return browser.t("ratelimit.too_many", minutes=ratelimit.WINDOW_MINUTES)


# -- signing in ------------------------------------------------------------------------------


def _login_page(
    browser: _Browser, settings: CurrentSettings, typed: str, error: str | None, status: int
) -> HTMLResponse:
    context = {"address": typed, "error": error, "sms_on": bool(settings.sms_url)}
    return browser.render("portal_login.html", context, status)


def _verify_page(
    browser: _Browser, address: str, error: str | None = None, status: int = 200, code: str = ""
) -> HTMLResponse:
    context = {
        "address": address,
        "by_sms": rules.via_of(address) == Via.SMS,
        "minutes": int(rules.CODE_TTL.total_seconds() // 60),
        "most": rules.RATE_MAX,
        "code": code,
        "error": error,
    }
    return browser.render("portal_verify.html", context, status)


@router.get("/support/login", response_class=HTMLResponse)
def login_form(request: Request, settings: CurrentSettings) -> HTMLResponse:
    browser = _Browser(request, _secrets(settings).key, settings.timezone)
    return _login_page(browser, settings, "", None, 200)


def _read_address(browser: _Browser, typed: str, sms_on: bool) -> tuple[str, str | None]:
    """The address as stored on customer records (a lower-cased mail address or an E.164
    mobile number), or the error to show next to the field."""
    if not typed:
        return typed, browser.t("portal.address_required" if sms_on else "portal.email_required")
    via = rules.via_of(typed)
    if via == Via.SMS and not sms_on:
        return typed, browser.t("portal.phone_not_yet")
    kind = IdentityKind.EMAIL if via == Via.MAIL else IdentityKind.PHONE
    try:
        address = normalise_identities({kind: typed})[kind]
    except Invalid as exc:
        return typed, browser.t(next(iter(exc.fields.values())).code)
    if via == Via.SMS and not rules.is_mobile(address):
        return typed, browser.t("portal.not_mobile")
    return address, None


@router.post("/support/login", response_class=HTMLResponse)
def login(
    request: Request,
    db: DB,
    settings: CurrentSettings,
    address: Text = "",
    email: Text = "",
    csrf: Text = "",
) -> HTMLResponse:
    keys = _secrets(settings)
    browser = _Browser(request, keys.key, settings.timezone)
    refused = _csrf_refused(browser, keys.key, csrf)
    if refused is not None:
        return refused
    typed = (address or email).strip()
    if not ratelimit.allow(request, "portal_code"):
        return _login_page(browser, settings, typed, _too_many(browser), 429)
    found, error = _read_address(browser, typed, bool(settings.sms_url))
    if error is not None:
        return _login_page(browser, settings, typed, error, 422)
    locale = browser.language.locale
    if rules.via_of(found) == Via.MAIL:
        db.retrying(lambda session: service.request_code(session, keys, found, locale=locale))
    else:
        db.retrying(lambda session: service.request_sms_code(session, keys, found, locale=locale))
    # The same answer whatever happened: an address or a number cannot be probed.
    return _verify_page(browser, found)


@router.get("/support/login/link", response_class=HTMLResponse)
def sign_in_link(
    request: Request,
    settings: CurrentSettings,
    email: Annotated[str, Query(max_length=200)] = "",
    code: Annotated[str, Query(max_length=20)] = "",
) -> HTMLResponse:
    """The link in the sign-in mail: the code form, filled in, one click from signed in. Opening
    the link signs nobody in by itself, so a mail scanner that fetches links cannot use up the
    code."""
    browser = _Browser(request, _secrets(settings).key, settings.timezone)
    return _verify_page(browser, email.strip().lower(), code=code.strip()[:6])


@router.post("/support/login/verify", response_class=HTMLResponse)
def verify(
    request: Request,
    db: DB,
    settings: CurrentSettings,
    address: Text = "",
    email: Text = "",
    code: Text = "",
    csrf: Text = "",
) -> Response:
    keys = _secrets(settings)
    browser = _Browser(request, keys.key, settings.timezone)
    refused = _csrf_refused(browser, keys.key, csrf)
    if refused is not None:
        return refused
    typed = (address or email).strip()
    found = typed.lower() if rules.via_of(typed) == Via.MAIL else typed
    if not ratelimit.allow(request, "portal_verify"):
        return _verify_page(browser, found, _too_many(browser), 429)
    token = db.retrying(lambda session: service.verify_code(session, keys, found, code))
    if token is None:
        return _verify_page(browser, found, browser.t("portal.code_invalid"), 422)
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
    refused = _csrf_refused(_Browser(request, key, settings.timezone), key, csrf)
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
    browser = _Browser(request, key, settings.timezone)
    locale = browser.language.locale
    with db.reading() as session:
        rows = [
            {
                "number": t.number,
                "subject": t.subject,
                "status": label(t.status, locale),
                "updated_at": t.updated_at,
            }
            for t in service.own_tickets(session, customer_id)
        ]
    return browser.render("portal_tickets.html", {"tickets": rows})


@router.get("/support/tickets/{number}", response_class=HTMLResponse)
def my_ticket(request: Request, number: str, db: DB, settings: CurrentSettings) -> Response:
    key = _secrets(settings).key
    customer_id = _signed_in(request, db, key)
    if customer_id is None:
        return _to_login()
    browser = _Browser(request, key, settings.timezone)
    return _ticket_page(browser, db, customer_id, number)


def _ticket_page(
    browser: _Browser,
    db: DB,
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
                "status": label(ticket.status, browser.language.locale),
                "closed": ticket.status == "closed",
            }
            shown = [
                {"mine": m.author_kind == "customer", "body": m.body_text, "at": m.created_at}
                for m in service.public_messages(session, customer_id, number)
            ]
    except NotFound:
        return browser.message("ticket.not_found", 404)
    context = {"ticket": view, "messages": shown, "error": error, "body": body}
    return browser.render("portal_ticket.html", context, status)


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
    browser = _Browser(request, key, settings.timezone, here=f"/support/tickets/{number}")
    refused = _csrf_refused(browser, key, csrf)
    if refused is not None:
        return refused
    customer_id = _signed_in(request, db, key)
    if customer_id is None:
        return _to_login()
    text = body.strip()
    error = None
    if not ratelimit.allow(request, "portal_reply"):
        error = _too_many(browser)
    elif not text:
        error = browser.t("field.required")
    elif len(text) > MAX_REPLY:
        error = browser.t("portal.too_long", limit=MAX_REPLY)
    if error is None:
        try:
            db.retrying(lambda session: service.reply(session, customer_id, number, text))
        except NotFound:
            return browser.message("ticket.not_found", 404)
        except KefuError as exc:
            error = browser.t(exc.code)
    if error is not None:
        return _ticket_page(browser, db, customer_id, number, error=error, body=body, status=422)
    return RedirectResponse(f"/support/tickets/{number}", status_code=303)
