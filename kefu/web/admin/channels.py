"""``/admin/channels``: the channel settings that live in the environment (``KEFU_*``, read
once at start-up): inbound and outbound mail, IMAP and the phone webhook. Read-only: the page
says what is configured, with passwords and secrets masked, and which variable changes it
(administrators only)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit, urlunsplit

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kefu.core.config import Settings
from kefu.core.i18n import human_size
from kefu.users.rules import Role
from kefu.web.admin import channels_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.admin.common import DB, gate, masked, render

PAGE = "/admin/channels"
MAX_MAIL = "KEFU_MAX_MAIL_BYTES"
SMTP_OUT = "KEFU_SMTP_OUT_URL"


router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Setting:
    label: str  # i18n code
    value: str  # shown as is (already masked); empty: not set
    variable: str


def masked_url(url: str) -> str:
    """``smtp://user:pass@host:587`` → ``smtp://user:••••••••@host:587``."""
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{parts.username or ''}:{masked(parts.password)}@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def groups_of(settings: Settings, base: str) -> list[tuple[str, list[Setting]]]:
    domains = ", ".join(sorted(settings.accepted_mail_domains))
    secret = settings.phone_secret.get_secret_value()
    mail_in = [
        Setting("admin.channels.smtp_port", str(settings.smtp_port), "KEFU_SMTP_PORT"),
        Setting("admin.channels.mail_domains", domains, "KEFU_MAIL_DOMAINS"),
        Setting("admin.channels.max_mail", human_size(settings.max_mail_bytes), MAX_MAIL),
    ]
    mail_out = [
        Setting("admin.channels.smtp_out_url", masked_url(settings.smtp_out_url), SMTP_OUT),
        Setting("admin.channels.mail_from", settings.mail_from, "KEFU_MAIL_FROM"),
    ]
    imap = [Setting("admin.channels.imap_url", masked_url(settings.imap_url), "KEFU_IMAP_URL")]
    phone = [
        Setting("admin.channels.phone_secret", masked(secret), "KEFU_PHONE_SECRET"),
        Setting("admin.channels.phone_url", f"{base}/channels/phone/events", ""),
    ]
    return [
        ("admin.channels.mail_in", mail_in),
        ("admin.channels.mail_out", mail_out),
        ("admin.channels.imap", imap),
        ("admin.channels.phone", phone),
    ]


@router.get(PAGE, response_model=None)
def channels_page(request: Request, db: DB) -> Response:
    web = gate(request, db, Role.ADMIN)
    if isinstance(web, Response):
        return web
    settings: Settings = request.app.state.settings
    base = str(request.base_url).rstrip("/")
    context = {
        "groups": groups_of(settings, base),
        "phone_off": not settings.phone_secret.get_secret_value(),
    }
    return render(request, web, "admin/channels.html", "channels", context)
