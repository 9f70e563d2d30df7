"""``/admin``: the areas the reader may manage, each with what it is for."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from kefu.web.admin.common import ANY_SECTION, DB, gate, render

router = APIRouter(include_in_schema=False)


@router.get("/admin", response_model=None)
def index(request: Request, db: DB) -> Response:
    web = gate(request, db, ANY_SECTION)
    if isinstance(web, Response):
        return web
    return render(request, web, "admin/index.html", "", {})
