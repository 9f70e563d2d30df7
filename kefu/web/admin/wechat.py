"""``/admin/wechat``: WeChat official accounts (add, change). Their Token, EncodingAESKey and
AppSecret are typed in password fields, never given back to the page in full, and shown only
masked (administrators only)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kefu.channels.wechat import accounts as wechat_accounts
from kefu.channels.wechat import service as wechat
from kefu.core.errors import KefuError
from kefu.users.rules import Role
from kefu.web.admin import wechat_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.admin.common import (
    DB,
    Failure,
    Form,
    done,
    failure_of,
    gate,
    gate_form,
    locale,
    masked,
    render,
    values_of,
)
from kefu.web.auth import WebSession

NEED = Role.ADMIN
PAGE = "/admin/wechat"


router = APIRouter(include_in_schema=False)


def _page(request: Request, web: WebSession, db: DB, failure: Failure | None = None) -> Response:
    with db.reading() as session:
        accounts = wechat.list_accounts(session)
    base = str(request.base_url).rstrip("/")
    shown = [
        {
            "id": a.id,
            "name": a.name,
            "appid": a.appid,
            "token": masked(a.token),
            "aes_key": masked(a.aes_key),
            "secret": masked(a.secret),
            "url": f"{base}/channels/wechat/{a.name}",
        }
        for a in accounts
    ]
    return render(request, web, "admin/wechat.html", "wechat", {"accounts": shown}, failure=failure)


@router.get(PAGE, response_model=None)
def wechat_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _page(request, web, db)


@router.post(PAGE, response_model=None)
def add_account(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "name", "appid", "token", "aes_key", "secret")
    try:
        with db.transaction() as session:
            wechat.add_account(
                session,
                name=values["name"],
                appid=values["appid"],
                token=values["token"],
                aes_key=values["aes_key"] or None,
                secret=values["secret"] or None,
            )
    except KefuError as exc:
        # the secrets typed are not given back: only the name and the AppID
        shown = {k: values[k] for k in ("name", "appid")}
        return _page(request, web, db, failure_of(exc, locale(request), "add-account", shown))
    return done(PAGE, "account_added")


@router.post(PAGE + "/{account_id}", response_model=None)
def change_account(request: Request, db: DB, form: Form, account_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "appid", "token", "aes_key", "secret", "clear_aes_key", "clear_secret")
    change = wechat_accounts.AccountChange(
        appid=values["appid"],
        token=values["token"],
        aes_key=values["aes_key"],
        secret=values["secret"],
        clear_aes_key=values["clear_aes_key"] == "on",
        clear_secret=values["clear_secret"] == "on",
    )
    try:
        with db.transaction() as session:
            wechat_accounts.update_account(session, account_id, change)
    except KefuError as exc:
        shown = {k: values[k] for k in ("appid", "clear_aes_key", "clear_secret")}
        failure = failure_of(exc, locale(request), f"account-{account_id}", shown)
        return _page(request, web, db, failure)
    return done(PAGE, "account_saved")
