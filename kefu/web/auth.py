"""Logging in to the pages: a signed session cookie, CSRF tokens and a lockout.

The cookie is ``<user id>.<issued at>.<nonce>.<signature>``: an HMAC-SHA256 (stdlib) over those
fields and the user's password hash, keyed by ``Settings.secret_key``. Changing a password ends
every session of that user; a deactivated user is refused on the next request.

CSRF: the login form is protected by a double-submit cookie (``kefu_csrf`` equals the form
field); once logged in, the token is an HMAC of the session's nonce, sent as the ``csrf_token``
form field or the ``X-CSRF-Token`` header on every unsafe request authenticated by the cookie.

Lockout: after ``MAX_FAILURES`` wrong passwords for one username within ``LOCKOUT``, that
username is refused for ``LOCKOUT`` from its last failure. The attempts are kept in memory per
process (``app.state``): no table or migration, and the counter resets on restart. With N web
processes an attacker gets at most N × ``MAX_FAILURES`` guesses per window, still far too few
for a password; a shared store (the database or Redis) is the step up when that matters.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass
from datetime import timedelta
from typing import Annotated
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from sqlalchemy import select
from sqlalchemy.engine import Connection
from sqlalchemy.orm import Session
from starlette.requests import HTTPConnection

from kefu.core.db import Database
from kefu.core.errors import Unauthenticated
from kefu.core.i18n import LOCALES, negotiate, register, translate
from kefu.users import service as users
from kefu.users.models import User
from kefu.users.rules import Role
from kefu.users.service import Principal
from kefu.web.pages import templates

SESSION_COOKIE = "kefu_session"
LOGIN_CSRF_COOKIE = "kefu_csrf"
CSRF_HEADER = "x-csrf-token"
SESSION_MAX_AGE = timedelta(hours=12)
MAX_FAILURES = 5
LOCKOUT = timedelta(minutes=15)
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})

register(
    {
        "auth.title": {"zh-CN": "登录", "zh-TW": "登入", "en": "Log in"},
        "auth.username": {"zh-CN": "用户名", "zh-TW": "使用者名稱", "en": "Username"},
        "auth.password": {"zh-CN": "密码", "zh-TW": "密碼", "en": "Password"},
        "auth.submit": {"zh-CN": "登录", "zh-TW": "登入", "en": "Log in"},
        "auth.logout": {"zh-CN": "退出登录", "zh-TW": "登出", "en": "Log out"},
        "auth.bad_credentials": {
            "zh-CN": "用户名或密码错误",
            "zh-TW": "使用者名稱或密碼錯誤",
            "en": "Wrong username or password",
        },
        "auth.locked": {
            "zh-CN": "密码连续输错 {count} 次,该账号已锁定,请 {minutes} 分钟后再试",
            "zh-TW": "密碼連續輸錯 {count} 次,該帳號已鎖定,請 {minutes} 分鐘後再試",
            "en": "{count} wrong passwords: this account is locked, try again in {minutes} minutes",
        },
        "auth.csrf_invalid": {
            "zh-CN": "页面已过期或请求来源无效,请刷新页面后重试",
            "zh-TW": "頁面已過期或請求來源無效,請重新整理頁面後重試",
            "en": "The page has expired or the request's origin is invalid: reload and retry",
        },
    }
)


def get_db(request: Request) -> Database:
    db: Database = request.app.state.db
    return db


LANG_COOKIE = "kefu_lang"


def locale_of(request: HTTPConnection) -> str:
    """The language the reader chose (the switch in the header), else their browser's."""
    chosen = request.cookies.get(LANG_COOKIE)
    if chosen in LOCALES:
        return chosen
    return negotiate(request.headers.get("accept-language"))


# -- signing -----------------------------------------------------------------------------------


def secret_of(conn: HTTPConnection) -> bytes:
    key: bytes | None = getattr(conn.app.state, "session_secret", None)
    if key is None:
        key = conn.app.state.settings.ensure_secret_key().encode()
        conn.app.state.session_secret = key
    return key


def _sign(secret: bytes, *parts: str) -> str:
    return hmac.new(secret, "\x1f".join(parts).encode(), hashlib.sha256).hexdigest()


def csrf_for(secret: bytes, nonce: str) -> str:
    return _sign(secret, "csrf", nonce)


@dataclass(frozen=True)
class WebSession:
    principal: Principal
    nonce: str


def issue_session(secret: bytes, user_id: int, password_hash: str) -> str:
    fields = [str(user_id), str(int(time.time())), secrets.token_urlsafe(16)]
    return ".".join([*fields, _sign(secret, "session", *fields, password_hash)])


def read_session(secret: bytes, db: Session | Connection, cookie: str | None) -> WebSession | None:
    """The session a cookie carries, or None when it is missing, forged, expired or stale."""
    parts = (cookie or "").split(".")
    if len(parts) != 4 or not parts[0].isdigit() or not parts[1].isdigit():
        return None
    user_id, issued, nonce, signature = parts
    if time.time() - int(issued) > SESSION_MAX_AGE.total_seconds():
        return None
    row = db.execute(
        select(User.username, User.role, User.is_active, User.password_hash).where(
            User.id == int(user_id)
        )
    ).first()
    if row is None or not row.is_active:
        return None
    expected = _sign(secret, "session", user_id, issued, nonce, row.password_hash or "")
    if not hmac.compare_digest(expected, signature):
        return None
    return WebSession(Principal(int(user_id), row.username, Role(row.role)), nonce)


def session_of(conn: HTTPConnection, db: Database) -> WebSession | None:
    cookie = conn.cookies.get(SESSION_COOKIE)
    if not cookie:
        return None
    with db.read_connection() as connection:
        return read_session(secret_of(conn), connection, cookie)


def same_origin(conn: HTTPConnection) -> bool:
    """Whether the Origin header (sent by browsers on WebSockets and unsafe requests) names
    this host."""
    origin = conn.headers.get("origin")
    return origin is not None and urlsplit(origin).netloc == conn.headers.get("host")


def csrf_ok(conn: HTTPConnection, web: WebSession, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(csrf_for(secret_of(conn), web.nonce), given or "")


# -- lockout -----------------------------------------------------------------------------------


class Attempts:
    """Failed logins per username, in this process (see the module doc)."""

    def __init__(self) -> None:
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, username: str, now: float) -> deque[float]:
        failures = self._failures.setdefault(username, deque())
        while failures and now - failures[0] > LOCKOUT.total_seconds():
            failures.popleft()
        return failures

    def locked(self, username: str) -> bool:
        with self._lock:
            return len(self._recent(username, time.monotonic())) >= MAX_FAILURES

    def fail(self, username: str) -> None:
        now = time.monotonic()
        with self._lock:
            if len(self._failures) > 10_000:  # forget the idle ones
                for name in [n for n, f in self._failures.items() if not self._recent(n, now)]:
                    del self._failures[name]
            failures = self._recent(username, now)
            failures.append(now)
            while len(failures) > MAX_FAILURES:
                failures.popleft()

    def clear(self, username: str) -> None:
        with self._lock:
            self._failures.pop(username, None)


def attempts_of(request: Request) -> Attempts:
    attempts: Attempts | None = getattr(request.app.state, "login_attempts", None)
    if attempts is None:
        attempts = request.app.state.login_attempts = Attempts()
    return attempts


# -- routes ------------------------------------------------------------------------------------

router = APIRouter(include_in_schema=False)


def safe_next(value: str | None) -> str:
    """Only a path on this site (no open redirect)."""
    if value and value.startswith("/") and not value.startswith("//") and "\\" not in value:
        return value
    return "/workspace"


def _login_form(
    request: Request, *, error: str = "", username: str = "", status: int = 200
) -> HTMLResponse:
    token = request.cookies.get(LOGIN_CSRF_COOKIE) or secrets.token_urlsafe(24)
    locale = locale_of(request)
    response = templates.TemplateResponse(
        request,
        "workspace/login.html",
        {
            "t": lambda code, **p: translate(code, locale, **p),
            "locale": locale,
            "csrf": token,
            "error": error,
            "username": username,
            "next": safe_next(request.query_params.get("next")),
        },
        status_code=status,
    )
    response.set_cookie(LOGIN_CSRF_COOKIE, token, httponly=True, samesite="lax", path="/login")
    return response


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request) -> HTMLResponse:
    return _login_form(request)


def _check_password(db: Database, username: str, password: str) -> tuple[int, str] | None:
    with db.reading() as session:
        try:
            principal = users.authenticate_password(session, username, password)
        except Unauthenticated:
            return None
        user = users.get_user_by_username(session, username)
        return (principal.user_id, user.password_hash or "") if user else None


@router.post("/login", response_model=None)
async def login(
    request: Request, db: Annotated[Database, Depends(get_db)]
) -> HTMLResponse | RedirectResponse:
    form = await request.form()
    username = str(form.get("username", "")).strip()
    password = str(form.get("password", ""))
    locale = locale_of(request)
    expected = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not expected or not hmac.compare_digest(expected, str(form.get("csrf_token", ""))):
        error = translate("auth.csrf_invalid", locale)
        return _login_form(request, error=error, username=username, status=403)
    attempts = attempts_of(request)
    if attempts.locked(username):
        minutes = int(LOCKOUT.total_seconds() // 60)
        error = translate("auth.locked", locale, count=MAX_FAILURES, minutes=minutes)
        return _login_form(request, error=error, username=username, status=429)
    found = await run_in_threadpool(_check_password, db, username, password)
    if found is None:
        attempts.fail(username)
        error = translate("auth.bad_credentials", locale)
        return _login_form(request, error=error, username=username, status=401)
    attempts.clear(username)
    response = RedirectResponse(safe_next(str(form.get("next", ""))), status_code=303)
    response.set_cookie(
        SESSION_COOKIE,
        issue_session(secret_of(request), *found),
        max_age=int(SESSION_MAX_AGE.total_seconds()),
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )
    response.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return response


@router.post("/logout", response_model=None)
async def logout(request: Request, db: Annotated[Database, Depends(get_db)]) -> Response:
    web = session_of(request, db)
    form = await request.form()
    if web is not None and not csrf_ok(request, web, str(form.get("csrf_token", ""))):
        return HTMLResponse(translate("auth.csrf_invalid", locale_of(request)), status_code=403)
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(SESSION_COOKIE)
    return response
