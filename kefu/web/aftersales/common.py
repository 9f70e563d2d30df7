"""What the after-sales pages share: who may see them, the layout's context, the shop's time
zone, and answering a missing or forbidden thing as a page rather than as JSON."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from fastapi import Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates

from kefu.aftersales.rules import yuan
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.users.rules import RANK, Permission, Role, may
from kefu.web import auth, shell
from kefu.web.aftersales import texts as _texts  # noqa: F401  (registers the texts)
from kefu.web.aftersales.present import local_time, money

NAV_KEY = "aftersales"
templates: Jinja2Templates = shell.templates_for(shell.WEB_TEMPLATES)


def staff_session(request: Request, db: Database) -> auth.WebSession | None:
    """The signed-in staff member who may work tickets, or None."""
    web = auth.session_of(request, db)
    if web is None or not may(web.principal.role, Permission.WORK_TICKETS):
        return None
    return web


def is_supervisor(web: auth.WebSession) -> bool:
    return RANK[web.principal.role] >= RANK[Role.SUPERVISOR]


def to_login(request: Request) -> RedirectResponse:
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return RedirectResponse(f"/login?next={auth.safe_next(here)}", status_code=303)


def shop_tz(request: Request) -> ZoneInfo:
    return ZoneInfo(request.app.state.settings.timezone)


def context(request: Request, web: auth.WebSession, **extra: Any) -> dict[str, Any]:
    """The layout's variables, the page's helpers and the page's own values."""
    locale = auth.locale_of(request)
    tz = shop_tz(request)
    return {
        **shell.page_context(request, web, NAV_KEY),
        "when": lambda value: local_time(value, tz),
        "money": lambda fen: money(fen, locale),
        "yuan": yuan,
        "supervisor": is_supervisor(web),
        **extra,
    }


def problem(request: Request, code: str, status: int) -> HTMLResponse:
    """A refusal as a small page fragment in the reader's language."""
    message = translate(code, auth.locale_of(request))
    return HTMLResponse(f'<p class="error" role="alert">{_escape(message)}</p>', status_code=status)


def problem_page(request: Request, web: auth.WebSession, code: str, status: int) -> HTMLResponse:
    """A refusal as a whole page, with the navigation to go elsewhere."""
    message = translate(code, auth.locale_of(request))
    return templates.TemplateResponse(
        request, "aftersales/problem.html", context(request, web, message=message),
        status_code=status,
    )  # fmt: skip


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def wants_page(request: Request) -> bool:
    """A browser opening the address itself (not a script fetching a fragment): browsers send
    ``Sec-Fetch-Mode: navigate`` and an Accept naming XHTML only for navigations."""
    if request.headers.get("hx-request"):
        return False
    mode = request.headers.get("sec-fetch-mode")
    if mode is not None:
        return mode == "navigate"
    return "application/xhtml+xml" in request.headers.get("accept", "")


def unauthorised(request: Request) -> Response:
    """A page redirects to the login; a fragment answers 401 for its script to act on."""
    return to_login(request) if wants_page(request) else Response(status_code=401)
