"""``/admin/users``: accounts and roles (administrators only). A new API token is shown once,
on the answer to the form that issued it, and never again."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kefu.core.errors import KefuError
from kefu.users import accounts
from kefu.users.rules import Permission, Role
from kefu.web.admin import users_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.admin.common import (
    DB,
    Failure,
    Form,
    as_int,
    done,
    failure_of,
    gate,
    gate_form,
    locale,
    render,
    values_of,
)
from kefu.web.auth import WebSession

NEED = Permission.MANAGE_USERS
PAGE = "/admin/users"


router = APIRouter(include_in_schema=False)


def _page(
    request: Request,
    web: WebSession,
    db: DB,
    *,
    failure: Failure | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    with db.reading() as session:
        people = accounts.list_accounts(session)
    context = {"people": people, "roles": list(Role), "me": web.principal.user_id, **(extra or {})}
    return render(request, web, "admin/users.html", "users", context, failure=failure)


@router.get(PAGE, response_model=None)
def users_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _page(request, web, db)


@router.post(PAGE, response_model=None)
def create_user(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "username", "display_name", "work_number", "role")
    data = accounts.NewAccount(
        username=values["username"],
        display_name=values["display_name"],
        role=values["role"],
        password=str(form.get("password") or ""),
        work_number=as_int(values["work_number"]),
        work_number_text=values["work_number"],
    )
    try:
        with db.transaction() as session:
            accounts.create_account(session, data)
    except KefuError as exc:
        return _page(
            request, web, db, failure=failure_of(exc, locale(request), "create-user", values)
        )
    return done(PAGE, "user_created")


@router.post(PAGE + "/{user_id}/role", response_model=None)
def change_role(request: Request, db: DB, form: Form, user_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "role")
    try:
        with db.transaction() as session:
            accounts.change_role(session, user_id, values["role"], web.principal.user_id)
    except KefuError as exc:
        failure = failure_of(exc, locale(request), f"role-{user_id}", values)
        return _page(request, web, db, failure=failure)
    return done(PAGE, "role_changed")


@router.post(PAGE + "/{user_id}/active", response_model=None)
def set_active(request: Request, db: DB, form: Form, user_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    active = form.get("active") == "1"
    try:
        with db.transaction() as session:
            accounts.set_active(session, user_id, active, web.principal.user_id)
    except KefuError as exc:
        failure = failure_of(exc, locale(request), f"active-{user_id}", {})
        return _page(request, web, db, failure=failure)
    return done(PAGE, "reactivated" if active else "deactivated")


@router.post(PAGE + "/{user_id}/password", response_model=None)
def reset_password(request: Request, db: DB, form: Form, user_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        with db.transaction() as session:
            accounts.reset_password(session, user_id, str(form.get("password") or ""))
    except KefuError as exc:
        failure = failure_of(exc, locale(request), f"password-{user_id}", {})
        return _page(request, web, db, failure=failure)
    return done(PAGE, "password_reset")


@router.post(PAGE + "/{user_id}/token", response_model=None)
def issue_token(request: Request, db: DB, form: Form, user_id: int) -> Response:
    """Answers the page itself (no redirect): the token must not travel in a URL or be
    shown by a later visit."""
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "name")
    try:
        with db.transaction() as session:
            token, username = accounts.issue_token(session, user_id, values["name"])
    except KefuError as exc:
        failure = failure_of(exc, locale(request), f"token-{user_id}", values)
        return _page(request, web, db, failure=failure)
    return _page(request, web, db, extra={"token": token, "token_user": username})
