"""The agent workspace: the inbox (my tickets and my groups' unassigned queue) and presence.

The page and its live fragment (``/workspace/inbox``) come from one template; the page's script
refetches the fragment (with the same filters, kept in the address) when the event stream says a
ticket opened or changed or a customer wrote. ``live_config`` is what every workspace page gives
``workspace.js``: the stream, the screen pop for calls, the sound and the tab badge.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse, Response
from sqlalchemy.orm import Session

from kefu.core import clock
from kefu.core.db import Database
from kefu.core.i18n import register, translate
from kefu.customers import service as customers
from kefu.routing import service as routing
from kefu.sla import service as sla
from kefu.tickets import service as tickets
from kefu.tickets.models import Ticket
from kefu.tickets.rules import Channel, Priority, Status, TicketType
from kefu.users.rules import Permission, may
from kefu.users.service import Principal
from kefu.web import auth, shell
from kefu.web import conversation_messages as _texts  # noqa: F401  (registers the texts)
from kefu.web.pages import templates

STATIC = Path(__file__).parent / "static"
ACTIVE = [Status.NEW.value, Status.OPEN.value, Status.PENDING.value, Status.ON_HOLD.value]
PAGE = 50
PRESENCES = ("online", "busy", "away", "offline")
# The worst clock names the badge: a breached clock matters more than a running one.
SLA_ORDER = ("breached", "at_risk", "running", "paused", "met")
SLA_CHOICES = (*SLA_ORDER, "none")
STATUS_CHOICES = ("active", "all", *(s.value for s in Status))
TYPE_CHOICES = tuple(t.value for t in TicketType)
# With an SLA filter the state is known only after reading the clocks: read this many more.
SLA_FILTER_READ = 4 * PAGE

_TEXTS: dict[str, dict[str, str]] = {
    "ws.title": {"zh-CN": "工作台", "zh-TW": "工作台", "en": "Workspace"},
    "ws.mine": {"zh-CN": "我的工单", "zh-TW": "我的工單", "en": "My tickets"},
    "ws.queue": {"zh-CN": "待分配", "zh-TW": "待分配", "en": "Unassigned"},
    "ws.empty": {"zh-CN": "暂无工单", "zh-TW": "暫無工單", "en": "No tickets"},
    "ws.number": {"zh-CN": "编号", "zh-TW": "編號", "en": "Number"},
    "ws.subject": {"zh-CN": "标题", "zh-TW": "標題", "en": "Subject"},
    "ws.customer": {"zh-CN": "客户", "zh-TW": "客戶", "en": "Customer"},
    "ws.channel": {"zh-CN": "渠道", "zh-TW": "渠道", "en": "Channel"},
    "ws.priority": {"zh-CN": "优先级", "zh-TW": "優先級", "en": "Priority"},
    "ws.sla": {"zh-CN": "SLA", "zh-TW": "SLA", "en": "SLA"},
    "ws.waiting": {"zh-CN": "等待时长", "zh-TW": "等待時長", "en": "Waiting"},
    "ws.presence": {"zh-CN": "在线状态", "zh-TW": "在線狀態", "en": "Presence"},
    "ws.live_lost": {
        "zh-CN": "实时连接已断开,正在重连…",
        "zh-TW": "即時連線已中斷,正在重新連線…",
        "en": "Live updates disconnected, reconnecting…",
    },
    "ws.minutes": {"zh-CN": "{n} 分钟", "zh-TW": "{n} 分鐘", "en": "{n} min"},
    "ws.hours": {"zh-CN": "{h} 小时 {m} 分钟", "zh-TW": "{h} 小時 {m} 分鐘", "en": "{h} h {m} min"},
    "ws.days": {"zh-CN": "{d} 天 {h} 小时", "zh-TW": "{d} 天 {h} 小時", "en": "{d} d {h} h"},
    "ws.presence.online": {"zh-CN": "在线", "zh-TW": "在線", "en": "Online"},
    "ws.presence.busy": {"zh-CN": "忙碌", "zh-TW": "忙碌", "en": "Busy"},
    "ws.presence.away": {"zh-CN": "离开", "zh-TW": "離開", "en": "Away"},
    "ws.presence.offline": {"zh-CN": "离线", "zh-TW": "離線", "en": "Offline"},
    "ws.sla.breached": {"zh-CN": "已超时", "zh-TW": "已逾時", "en": "Breached"},
    "ws.sla.at_risk": {"zh-CN": "即将超时", "zh-TW": "即將逾時", "en": "At risk"},
    "ws.sla.running": {"zh-CN": "计时中", "zh-TW": "計時中", "en": "Running"},
    "ws.sla.paused": {"zh-CN": "已暂停", "zh-TW": "已暫停", "en": "Paused"},
    "ws.sla.met": {"zh-CN": "已达标", "zh-TW": "已達標", "en": "Met"},
    "ws.sla.none": {"zh-CN": "无", "zh-TW": "無", "en": "None"},
    "ws.priority.low": {"zh-CN": "低", "zh-TW": "低", "en": "Low"},
    "ws.priority.normal": {"zh-CN": "普通", "zh-TW": "普通", "en": "Normal"},
    "ws.priority.high": {"zh-CN": "高", "zh-TW": "高", "en": "High"},
    "ws.priority.urgent": {"zh-CN": "紧急", "zh-TW": "緊急", "en": "Urgent"},
}
_CHANNELS = {
    Channel.PHONE: ("电话", "電話", "Phone"),
    Channel.EMAIL: ("邮件", "郵件", "Email"),
    Channel.WEB_FORM: ("网页表单", "網頁表單", "Web form"),
    Channel.API: ("API", "API", "API"),
    Channel.APP_SDK: ("App", "App", "App"),
    Channel.WECHAT: ("微信", "微信", "WeChat"),
    Channel.WEB_CHAT: ("网页聊天", "網頁聊天", "Web chat"),
    Channel.DESKTOP: ("桌面端", "桌面端", "Desktop"),
}
for _channel, (_cn, _tw, _en) in _CHANNELS.items():
    _TEXTS[f"ws.channel.{_channel.value}"] = {"zh-CN": _cn, "zh-TW": _tw, "en": _en}
register(_TEXTS)


router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Row:
    id: int
    number: str
    subject: str
    customer: str
    channel: str
    status: str
    type: str
    priority: str
    sla: str
    waiting: str


@dataclass(frozen=True)
class InboxFilters:
    """The inbox's view, as the address gives it (``?status=&type=&sla=&q=``)."""

    status: str = "active"
    type: str = ""
    sla: str = ""
    q: str = ""

    def ticket_filters(self, **where: Any) -> tickets.TicketFilters:
        statuses = {"active": ACTIVE, "all": None}.get(self.status, [self.status])
        return tickets.TicketFilters(
            status=statuses, type=[self.type] if self.type else None, q=self.q or None, **where
        )


def parse_filters(params: dict[str, str]) -> InboxFilters | None:
    """The filters of the address, or None when one is not a choice the inbox offers."""
    status = params.get("status") or "active"
    kind = params.get("type", "")
    state = params.get("sla", "")
    q = params.get("q", "").strip()
    if (
        status not in STATUS_CHOICES
        or (kind and kind not in TYPE_CHOICES)
        or (state and state not in SLA_CHOICES)
        or len(q) > 200
    ):
        return None
    return InboxFilters(status, kind, state, q)


def waiting_text(since: datetime, now: datetime, locale: str) -> str:
    minutes = max(0, int((now - since).total_seconds() // 60))
    if minutes < 60:
        return translate("ws.minutes", locale, n=minutes)
    if minutes < 24 * 60:
        return translate("ws.hours", locale, h=minutes // 60, m=minutes % 60)
    return translate("ws.days", locale, d=minutes // (24 * 60), h=minutes // 60 % 24)


def worst_sla(states: list[str]) -> str:
    ranked = [s for s in SLA_ORDER if s in states]
    return ranked[0] if ranked else "none"


def _rows(session: Session, found: list[Ticket], locale: str, sla_state: str = "") -> list[Row]:
    ids = [t.id for t in found]
    clocks = sla.badges_of(session, ids)
    customer_ids = {t.customer_id for t in found}
    names = customers.names_of(session, customer_ids)
    now = clock.now()
    rows = [
        Row(
            id=t.id,
            number=t.number,
            subject=t.subject,
            customer=names.get(t.customer_id) or f"#{t.customer_id}",
            channel=t.channel,
            status=t.status,
            type=t.type if t.type in TYPE_CHOICES else TicketType.OTHER.value,
            priority=t.priority if t.priority in Priority.__members__.values() else "normal",
            sla=worst_sla([c["state"] for c in clocks.get(t.id, [])]),
            waiting=waiting_text(t.created_at, now, locale),
        )
        for t in found
    ]
    return [r for r in rows if not sla_state or r.sla == sla_state][:PAGE]


def _my_groups(session: Session, user_id: int) -> list[int]:
    return routing.groups_of(session, user_id)


def inbox_of(
    db: Database, principal: Principal, locale: str, filters: InboxFilters | None = None
) -> dict[str, Any]:
    filters = filters or InboxFilters()
    limit = SLA_FILTER_READ if filters.sla else PAGE
    with db.reading() as session:
        mine = tickets.list_tickets(
            session, filters.ticket_filters(assignee_id=principal.user_id), limit=limit
        )
        waiting: list[Ticket] = []
        for group_id in _my_groups(session, principal.user_id):
            waiting += tickets.list_tickets(
                session,
                filters.ticket_filters(unassigned=True, group_id=group_id),
                limit=limit,
            )
        waiting = sorted({t.id: t for t in waiting}.values(), key=lambda t: -t.id)[:limit]
        presence = next(
            (p.presence for p in routing.list_presence(session) if p.user_id == principal.user_id),
            "offline",
        )
        return {
            "mine": _rows(session, mine, locale, filters.sla),
            "queue": _rows(session, waiting, locale, filters.sla),
            "presence": presence,
        }


def live_config(request: Request, db: Database, web: auth.WebSession) -> dict[str, Any]:
    """What ``workspace.js`` needs on every workspace page: who I am and my groups (is a ringing
    call for me?), the CSRF token, the tab title and the texts of its banner and dialogs."""
    locale = auth.locale_of(request)
    with db.reading() as session:
        groups = _my_groups(session, web.principal.user_id)
    codes = (
        "ws.screen_pop", "ws.screen_pop.new", "ws.screen_pop.open", "ws.close", "ws.live_lost",
        "ws.taken_by_other",
    )  # fmt: skip
    return {
        "csrf": auth.csrf_for(auth.secret_of(request), web.nonce),
        "user_id": web.principal.user_id,
        "groups": groups,
        "texts": {code: translate(code, locale) for code in codes},
    }


def _context(
    request: Request,
    web: auth.WebSession,
    db: Database,
    filters: InboxFilters | None,
) -> dict[str, Any]:
    locale = auth.locale_of(request)
    config = live_config(request, db, web)
    return {
        **shell.page_context(request, web, "workspace"),
        "presences": PRESENCES,
        "filters": filters or InboxFilters(),
        "filter_invalid": filters is None,
        "status_choices": STATUS_CHOICES,
        "type_choices": TYPE_CHOICES,
        "sla_choices": SLA_CHOICES,
        "config": {**config, "title": translate("ws.title", locale) + " - kefu"},
        **inbox_of(db, web.principal, locale, filters),
    }


def staff_session(request: Request, db: Database) -> auth.WebSession | None:
    web = auth.session_of(request, db)
    if web is None or not may(web.principal.role, Permission.WORK_TICKETS):
        return None
    return web


@router.get("/workspace", response_model=None)
def workspace(
    request: Request, db: Annotated[Database, Depends(auth.get_db)]
) -> HTMLResponse | RedirectResponse:
    web = staff_session(request, db)
    if web is None:
        return RedirectResponse("/login?next=/workspace", status_code=303)
    filters = parse_filters(dict(request.query_params))
    return templates.TemplateResponse(
        request,
        "workspace/inbox.html",
        _context(request, web, db, filters),
        status_code=422 if filters is None else 200,
    )


@router.get("/workspace/inbox", response_model=None)
def inbox_fragment(request: Request, db: Annotated[Database, Depends(auth.get_db)]) -> Response:
    web = staff_session(request, db)
    if web is None:
        return Response(status_code=401)
    filters = parse_filters(dict(request.query_params))
    return templates.TemplateResponse(
        request,
        "workspace/inbox_lists.html",
        _context(request, web, db, filters),
        status_code=422 if filters is None else 200,
    )


@router.get("/static/workspace.js")
def script() -> FileResponse:
    return FileResponse(STATIC / "workspace.js", media_type="text/javascript")
