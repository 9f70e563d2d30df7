"""The supervisor's console (主管看板): the live board of queues, agents, SLA alerts, open
complaints and waiting tickets, with actions (reassign, take over, whisper), and today's
charts. The page and its live fragment (``/supervisor/board``) come from one template; the
page's script refetches the fragment when the event stream says something moved, and draws
the charts from ``/api/v1/supervision/charts``. Supervisors and admins only."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response

from kefu.aftersales import case_messages as _complaint_texts  # noqa: F401  (state labels)
from kefu.core import clock
from kefu.core.db import Database
from kefu.core.i18n import translate
from kefu.performance import rules, service
from kefu.performance.api import may_supervise
from kefu.sla import messages as _sla_texts  # noqa: F401  (metric names)
from kefu.tickets.rules import Channel
from kefu.web import auth, shell
from kefu.web import workspace as _workspace_texts  # noqa: F401  (presence, channel, SLA words)
from kefu.web.supervisor_messages import TEXTS

TEMPLATES = shell.templates_for(Path(__file__).parent / "templates")
STATIC = Path(__file__).parent / "static"
PAGE = "supervisor/board.html"
FRAGMENT = "supervisor/board_live.html"


router = APIRouter(include_in_schema=False)

MINUTE, HOUR, DAY = 60, 3600, 86400


def duration_text(seconds: int, locale: str) -> str:
    if seconds < MINUTE:
        return translate("sv.seconds", locale, n=seconds)
    if seconds < HOUR:
        return translate("sv.minutes", locale, n=seconds // MINUTE)
    if seconds < DAY:
        return translate("sv.hours", locale, h=seconds // HOUR, m=seconds % HOUR // MINUTE)
    return translate("sv.days", locale, d=seconds // DAY, h=seconds % DAY // HOUR)


def local_time(at: datetime | None) -> str:
    """An instant as Beijing wall time: HH:MM today, else MM-DD HH:MM."""
    if at is None:
        return ""
    local = at.astimezone(rules.SHANGHAI)
    today = clock.now().astimezone(rules.SHANGHAI).date()
    return local.strftime("%H:%M" if local.date() == today else "%m-%d %H:%M")


def _board_context(db: Database, locale: str) -> dict[str, Any]:
    with db.reading() as session:
        board = service.board(session, clock.now())
    return {
        "board": board,
        "limit": service.LIST_LIMIT,
        "total_waiting": sum(q.waiting for q in board.queues),
        "longest_wait": max((q.longest_wait_s for q in board.queues), default=0),
        "online": sum(1 for a in board.agents if a.presence == "online"),
        "duration": lambda s: duration_text(s, locale),
        "local_time": local_time,
        "options": {
            "agents": [
                {
                    "id": a.user_id,
                    "label": f"{a.name} · {translate('ws.presence.' + a.presence, locale)}",
                }
                for a in board.agents
            ],
            "groups": [
                {"id": q.group_id, "label": f"{q.desk} › {q.group}"}
                for q in board.queues
                if q.group_id is not None
            ],
        },
    }


def _script_config(context: dict[str, Any], locale: str) -> dict[str, Any]:
    t = context["t"]
    return {
        "csrf": context["csrf"],
        "me": context["user"].user_id,
        "hours": [t("sv.chart.hour", h=f"{h:02d}") for h in rules.HOURS],
        "channels": {c.value: t(f"ws.channel.{c.value}") for c in Channel},
        "text": {
            key.removeprefix("sv."): translate(key, locale)
            for key in TEXTS
            if key.startswith(("sv.chart.", "sv.done.", "sv.dialog", "sv.failed", "sv.empty"))
        },
    }


def _session(request: Request, db: Database) -> auth.WebSession | None:
    return auth.session_of(request, db)


@router.get("/supervisor", response_model=None)
def page(
    request: Request, db: Annotated[Database, Depends(auth.get_db)]
) -> HTMLResponse | RedirectResponse:
    web = _session(request, db)
    if web is None:
        return RedirectResponse("/login?next=/supervisor", status_code=303)
    context = shell.page_context(request, web, "supervisor")
    if not may_supervise(web.principal):
        return TEMPLATES.TemplateResponse(
            request, "supervisor/forbidden.html", context, status_code=403
        )
    locale = auth.locale_of(request)
    context.update(_board_context(db, locale))
    context["config"] = _script_config(context, locale)
    context["today"] = rules.local_day(clock.now()).day
    return TEMPLATES.TemplateResponse(request, PAGE, context)


@router.get("/supervisor/board", response_model=None)
def board_fragment(request: Request, db: Annotated[Database, Depends(auth.get_db)]) -> Response:
    web = _session(request, db)
    if web is None:
        return Response(status_code=401)
    if not may_supervise(web.principal):
        return Response(status_code=403)
    context = shell.page_context(request, web, "supervisor")
    context.update(_board_context(db, auth.locale_of(request)))
    return TEMPLATES.TemplateResponse(request, FRAGMENT, context)


@router.get("/static/supervisor.js")
def script() -> FileResponse:
    return FileResponse(STATIC / "supervisor.js", media_type="text/javascript")
