"""The widget a shop pastes into its pages (``GET /widget.js``) and a demo page that embeds it
(``GET /chat/demo``).

The script is ``static/widget.js`` with the ``webchat.*`` texts in every shipped language put in
at its ``/*KEFU_TEXTS*/`` mark and ``static/widget.css`` at its ``/*KEFU_STYLE*/`` mark: one
request gives the widget its words in the visitor's language and its look. It is built once per
process (the texts are registered at import).
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from kefu.channels.webchat import messages as _messages  # noqa: F401  (registers the texts)
from kefu.core.i18n import CATALOG, LOCALES, translate

HERE = Path(__file__).parent
MARK = "/*KEFU_TEXTS*/{}"
STYLE_MARK = '/*KEFU_STYLE*/""'
PREFIX = "webchat."

router = APIRouter(include_in_schema=False)
templates = Jinja2Templates(directory=HERE / "templates")


@cache
def widget_script() -> str:
    texts = {
        locale: {
            code.removeprefix(PREFIX): entry.get(locale, entry["zh-CN"])
            for code, entry in sorted(CATALOG.items())
            if code.startswith(PREFIX)
        }
        for locale in LOCALES
    }
    source = (HERE / "static" / "widget.js").read_text(encoding="utf-8")
    style = (HERE / "static" / "widget.css").read_text(encoding="utf-8")
    if MARK not in source or STYLE_MARK not in source:
        raise RuntimeError("widget.js has lost its texts or style mark")
    return source.replace(MARK, _js(texts)).replace(STYLE_MARK, _js(style))


def _js(value: object) -> str:
    # No "</" in what is put in: the script stays safe inside an inline <script> too.
    return json.dumps(value, ensure_ascii=False).replace("</", "<\\/")


@router.get("/widget.js")
def widget() -> Response:
    return Response(
        widget_script(),
        media_type="application/javascript; charset=utf-8",
        headers={"Cache-Control": "public, max-age=300"},
    )


@router.get("/chat/demo", response_class=HTMLResponse)
def demo(request: Request) -> HTMLResponse:
    """A plain shop page with the widget's one ``<script>`` tag."""
    return templates.TemplateResponse(
        request,
        "demo.html",
        {
            "title": translate("webchat.demo_title"),
            "text": translate("webchat.demo_text"),
        },
    )
