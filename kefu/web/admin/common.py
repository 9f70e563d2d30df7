"""What every admin page shares: who may open it, the form and its CSRF token, errors shown
next to their fields in the reader's language, and post-redirect-get notices.

A page handler calls :func:`gate` (GET) or :func:`gate_form` (POST); both answer the response to
send instead (a redirect to the login, or 403) when the reader may not be there. A service's
:class:`~kefu.core.errors.KefuError` becomes a :class:`Failure` rendered beside the form that
caused it; the service's own transaction has rolled back, so nothing was saved.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.datastructures import FormData

from kefu.core.db import Database
from kefu.core.errors import FieldError, Invalid, KefuError
from kefu.core.i18n import label, translate
from kefu.users.rules import RANK, Permission, Role, may
from kefu.web import auth, shell
from kefu.web.admin import common_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.pages import templates

Need = Permission | Role

# The admin areas in the order of the index and the sub-navigation: (key, href, who may open).
SECTIONS: tuple[tuple[str, str, Need], ...] = (
    ("users", "/admin/users", Permission.MANAGE_USERS),
    ("desks", "/admin/desks", Permission.MANAGE_ROUTING),
    ("catalog", "/admin/catalog", Permission.MANAGE_CATALOG),
    ("rules", "/admin/rules", Permission.MANAGE_ROUTING),
    ("sla", "/admin/sla", Permission.MANAGE_SLA),
    ("replies", "/admin/replies", Role.SUPERVISOR),
    ("wechat", "/admin/wechat", Role.ADMIN),
    ("channels", "/admin/channels", Role.ADMIN),
)
# The least an admin page asks: supervisors manage desks, the catalog and routing.
ANY_SECTION: Need = Role.SUPERVISOR


def allowed(role: Role, need: Need) -> bool:
    if isinstance(need, Permission):
        return may(role, need)
    return RANK[role] >= RANK[need]


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


async def form_of(request: Request) -> FormData:
    """The submitted form, read on the event loop so the handler itself can be synchronous."""
    return await request.form()


DB = Annotated[Database, Depends(get_db)]
Form = Annotated[FormData, Depends(form_of)]


@dataclass(frozen=True)
class Failure:
    """A refused form: which form (its id in the page), the message and each field's problem,
    and the values typed, given back so nothing has to be typed again."""

    form: str
    message: str
    fields: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


def failure_of(
    exc: KefuError,
    locale: str,
    form: str,
    values: Mapping[str, str],
    rename: Callable[[str], str] = lambda name: name,
) -> Failure:
    """A service's error in the reader's words; ``rename`` maps a service's field path to the
    input it came from."""
    params = {k: label(v, locale) if isinstance(v, str) else v for k, v in exc.params.items()}
    fields: dict[str, str] = {}
    for name, problem in exc.fields.items():
        text = translate(problem.code, locale, **{**params, **problem.params})
        fields.setdefault(rename(name), text)
    return Failure(form, translate(exc.code, locale, **params), fields, dict(values))


def values_of(form: FormData, *names: str) -> dict[str, str]:
    """The text fields ``names`` of a form, stripped (missing ones empty)."""
    return {name: str(form.get(name) or "").strip() for name in names}


# -- gates ---------------------------------------------------------------------------------------


def forbidden(request: Request, web: auth.WebSession) -> HTMLResponse:
    context = {**shell.page_context(request, web, "admin"), "sections": sections_for(web)}
    return templates.TemplateResponse(request, "admin/forbidden.html", context, status_code=403)


def gate(request: Request, db: Database, need: Need) -> auth.WebSession | Response:
    """The signed-in reader when they may open a page needing ``need``; else the answer."""
    web = auth.session_of(request, db)
    if web is None:
        target = quote(request.url.path, safe="/")
        return RedirectResponse(f"/login?next={target}", status_code=303)
    if not allowed(web.principal.role, need):
        return forbidden(request, web)
    return web


def gate_form(
    request: Request, db: Database, form: FormData, need: Need
) -> auth.WebSession | Response:
    """``gate`` for a submitted form, which must also carry the session's CSRF token."""
    web = auth.session_of(request, db)
    if web is None:
        return HTMLResponse(translate("unauthenticated", auth.locale_of(request)), 401)
    if not auth.csrf_ok(request, web, str(form.get("csrf_token") or "")):
        return HTMLResponse(translate("auth.csrf_invalid", auth.locale_of(request)), 403)
    if not allowed(web.principal.role, need):
        return forbidden(request, web)
    return web


# -- rendering -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Section:
    key: str
    href: str
    current: bool


def sections_for(web: auth.WebSession, current: str = "") -> list[Section]:
    role = web.principal.role
    return [Section(k, href, k == current) for k, href, need in SECTIONS if allowed(role, need)]


def render(
    request: Request,
    web: auth.WebSession,
    template: str,
    section: str,
    context: Mapping[str, Any],
    *,
    failure: Failure | None = None,
) -> HTMLResponse:
    """A page of the admin area; a refused form answers 422 with its problems marked."""
    done = request.query_params.get("done", "")
    code = f"admin.done.{done}"
    locale = auth.locale_of(request)
    notice = translate(code, locale) if done.isidentifier() and translate(code) != code else ""
    full = {
        **shell.page_context(request, web, "admin"),
        "sections": sections_for(web, section),
        "section": section,
        "failure": failure,
        "notice": notice,
        **context,
    }
    status = 422 if failure is not None else 200
    response = templates.TemplateResponse(request, template, full, status_code=status)
    response.headers["Cache-Control"] = "no-store"
    return response


def done(path: str, what: str) -> RedirectResponse:
    """Post-redirect-get: back to the page, which says what was done."""
    joiner = "&" if "?" in path else "?"
    return RedirectResponse(f"{path}{joiner}done={what}", status_code=303)


def locale(request: Request) -> str:
    return auth.locale_of(request)


def as_int(text: str) -> int | None:
    """A whole number typed in a form, or None (the service then names the field)."""
    text = text.strip()
    if text.lstrip("-").isdigit():
        return int(text)
    return None


def check_text(values: Mapping[str, str], *, required: tuple[str, ...] = (), **limits: int) -> None:
    """What an API's schema checks before its service runs: required fields and lengths."""
    problems: dict[str, FieldError] = {}
    for name in required:
        if not values.get(name):
            problems[name] = FieldError("field.required")
    for name, limit in limits.items():
        if name not in problems and len(values.get(name, "")) > limit:
            problems[name] = FieldError("field.too_long", {"max": limit})
    if problems:
        raise Invalid("validation_failed", fields=problems)


def masked(secret: str | None) -> str:
    """A secret as a page may show it: that it is set, and its last four characters when it is
    long enough that they give nothing away."""
    if not secret:
        return ""
    return "••••••••" + (secret[-4:] if len(secret) >= 16 else "")
