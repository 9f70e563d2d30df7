"""What every staff page shares: the layout's navigation by role, the language switch, the
signed-in user and the CSRF token, and the front-end packages served from ``node_modules``.

A context's pages render with ``templates_for(their_dir)``: their own templates first, then
these (so ``{% extends "shell.html" %}`` works from any context).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, RedirectResponse
from fastapi.templating import Jinja2Templates
from jinja2 import ChoiceLoader, FileSystemLoader

from kefu.core.i18n import LOCALES, register, translate
from kefu.users.rules import RANK, Permission, Role, may
from kefu.web import auth

WEB_TEMPLATES = Path(__file__).parent / "templates"
NODE_MODULES = Path(__file__).resolve().parents[2] / "node_modules"
# The packages pages may load, by the name they are served under (package.json pins them).
VENDOR = {
    "htmx.min.js": "htmx.org/dist/htmx.min.js",
    "echarts.min.js": "echarts/dist/echarts.min.js",
}
YEAR_S = 365 * 24 * 3600

register(
    {
        "nav.workspace": {"zh-CN": "工作台", "zh-TW": "工作台", "en": "Workspace"},
        "nav.supervisor": {"zh-CN": "主管看板", "zh-TW": "主管看板", "en": "Supervisor"},
        "nav.aftersales": {"zh-CN": "售后", "zh-TW": "售後", "en": "After-sales"},
        "nav.admin": {"zh-CN": "管理", "zh-TW": "管理", "en": "Admin"},
        "nav.language": {"zh-CN": "语言", "zh-TW": "語言", "en": "Language"},
        "nav.main": {"zh-CN": "主导航", "zh-TW": "主導覽", "en": "Main navigation"},
        "lang.zh-CN": {"zh-CN": "简体中文", "zh-TW": "简体中文", "en": "简体中文"},
        "lang.zh-TW": {"zh-CN": "繁體中文", "zh-TW": "繁體中文", "en": "繁體中文"},
        "lang.en": {"zh-CN": "English", "zh-TW": "English", "en": "English"},
    }
)


@dataclass(frozen=True)
class NavItem:
    key: str
    href: str
    label: str
    current: bool


# (key, href, who may see it): the order is the header's order.
NAV: tuple[tuple[str, str, Permission | Role], ...] = (
    ("workspace", "/workspace", Permission.WORK_TICKETS),
    ("aftersales", "/workspace/cases", Permission.WORK_TICKETS),
    ("supervisor", "/supervisor", Role.SUPERVISOR),
    ("admin", "/admin", Role.SUPERVISOR),
)


def _allowed(role: Role, need: Permission | Role) -> bool:
    if isinstance(need, Permission):
        return may(role, need)
    return RANK[role] >= RANK[need]


def templates_for(directory: Path) -> Jinja2Templates:
    """Templates of one context, able to extend the shared layout."""
    templates = Jinja2Templates(directory=directory)
    templates.env.loader = ChoiceLoader(
        [FileSystemLoader(directory), FileSystemLoader(WEB_TEMPLATES)]
    )
    return templates


def page_context(request: Request, web: auth.WebSession, current: str) -> dict[str, Any]:
    """The variables the layout needs; ``current`` is the nav key of this page."""
    locale = auth.locale_of(request)
    role = web.principal.role
    nav = [
        NavItem(key, href, translate(f"nav.{key}", locale), key == current)
        for key, href, need in NAV
        if _allowed(role, need)
    ]
    return {
        "t": lambda code, **p: translate(code, locale, **p),
        "locale": locale,
        "locales": LOCALES,
        "user": web.principal,
        "csrf": auth.csrf_for(auth.secret_of(request), web.nonce),
        "nav": nav,
        "here": request.url.path + (f"?{request.url.query}" if request.url.query else ""),
    }


router = APIRouter(include_in_schema=False)


@router.get("/lang")
def switch_language(
    to: Annotated[str, Query()], next: Annotated[str, Query()] = "/workspace"
) -> RedirectResponse:
    """Remember the reader's language (a preference, not an action: no CSRF needed)."""
    if to not in LOCALES:
        raise HTTPException(status_code=404)
    response = RedirectResponse(auth.safe_next(next), status_code=303)
    response.set_cookie(auth.LANG_COOKIE, to, max_age=YEAR_S, samesite="lax", httponly=True)
    return response


@router.get("/static/vendor/{name}")
def vendor(name: str) -> FileResponse:
    relative = VENDOR.get(name)
    if relative is None or not (NODE_MODULES / relative).is_file():
        raise HTTPException(status_code=404)
    return FileResponse(
        NODE_MODULES / relative,
        media_type="text/javascript",
        headers={"Cache-Control": "public, max-age=86400"},
    )
