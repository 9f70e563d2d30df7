"""The customer's language on the public pages (the web form and the portal): a ``?lang=``
switch on the page, remembered in the same cookie as the staff pages' switch, else the
browser's Accept-Language, else zh-CN. Templates get ``t`` (a text), ``tm`` (a text with
markup whose parameters are escaped), ``when`` (a date as the customer reads it) and the
switch's links."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from markupsafe import Markup
from starlette.requests import Request
from starlette.responses import Response

from kefu.channels.portal import rules
from kefu.core.i18n import CATALOG, DEFAULT_LOCALE, LOCALES, negotiate, register, translate

COOKIE = "kefu_lang"  # one preference per browser, shared with the staff pages
YEAR_S = 365 * 24 * 3600

register(
    {
        "portal.lang_name.zh-CN": {"zh-CN": "简体中文", "zh-TW": "简体中文", "en": "简体中文"},
        "portal.lang_name.zh-TW": {"zh-CN": "繁體中文", "zh-TW": "繁體中文", "en": "繁體中文"},
        "portal.lang_name.en": {"zh-CN": "English", "zh-TW": "English", "en": "English"},
        "portal.language": {"zh-CN": "语言", "zh-TW": "語言", "en": "Language"},
    }
)


@dataclass(frozen=True)
class PageLanguage:
    locale: str
    chosen: bool  # picked with ?lang= on this request: remember it
    timezone: str

    def t(self, code: str, **params: object) -> str:
        return translate(code, self.locale, **params)

    def tm(self, code: str, **params: object) -> Markup:
        """A text that carries markup of its own (``<strong>{address}</strong>``); the
        parameters are escaped, the catalog's text is trusted."""
        entry = CATALOG.get(code, {})
        text = entry.get(self.locale) or entry.get(DEFAULT_LOCALE, code)
        return Markup(text).format(**params)

    def when(self, moment: datetime) -> str:
        return rules.format_when(moment, self.locale, self.timezone)

    def context(self, request: Request, here: str | None = None) -> dict[str, Any]:
        """What every public template gets. ``here`` is where the switch leads after a POST
        (a GET page keeps its own address and query)."""
        return {
            "lang": self.locale,
            "t": self.t,
            "tm": self.tm,
            "when": self.when,
            "languages": [
                {
                    "code": code,
                    "name": self.t(f"portal.lang_name.{code}"),
                    "href": _switch_href(request, here, code),
                    "current": code == self.locale,
                }
                for code in LOCALES
            ],
        }

    def remember(self, response: Response) -> None:
        if self.chosen:
            response.set_cookie(COOKIE, self.locale, max_age=YEAR_S, samesite="lax", httponly=True)


def of(request: Request, timezone: str) -> PageLanguage:
    asked = request.query_params.get("lang")
    if asked in LOCALES:
        return PageLanguage(asked, True, timezone)
    kept = request.cookies.get(COOKIE)
    if kept in LOCALES:
        return PageLanguage(kept, False, timezone)
    return PageLanguage(negotiate(request.headers.get("accept-language")), False, timezone)


def _switch_href(request: Request, here: str | None, code: str) -> str:
    if request.method == "GET":
        url = request.url.include_query_params(lang=code)
        return f"{url.path}?{url.query}"
    return f"{here or request.url.path}?lang={code}"
