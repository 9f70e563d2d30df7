"""``/admin/catalog``: the service catalog tree (add, rename, move, (de)activate, responsible
group) and its Excel template and import, whose problems are listed by row and column; a file
with any problem imports nothing (supervisors and administrators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import UploadFile

from kefu.core.errors import FieldError, Invalid, KefuError
from kefu.core.i18n import human_size
from kefu.routing import service as routing
from kefu.routing.catalog_sheet import MAX_BYTES, SheetProblem, describe
from kefu.routing.service import catalog_edits
from kefu.tickets import service as tickets
from kefu.tickets.models import CatalogItem
from kefu.tickets.service.catalog import SEPARATOR, canonical_path
from kefu.users.rules import Permission
from kefu.web.admin import catalog_messages as _messages  # noqa: F401  (registers the texts)
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

NEED = Permission.MANAGE_CATALOG
PAGE = "/admin/catalog"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
TEMPLATE_NAME = "%E6%9C%8D%E5%8A%A1%E7%9B%AE%E5%BD%95.xlsx"  # 服务目录.xlsx (RFC 6266)


router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Node:
    item: CatalogItem
    depth: int
    group_id: int | None


def _page(
    request: Request,
    web: WebSession,
    db: DB,
    failure: Failure | None = None,
    problems: list[str] | None = None,
) -> Response:
    with db.reading() as session:
        items = catalog_edits.list_items(session)
        responsible = routing.responsibilities(session)
        groups = [(g.id, g.name) for g in routing.list_groups(session)]
    nodes = [Node(i, i.path.count(SEPARATOR), responsible.get(i.id)) for i in items]
    context: dict[str, Any] = {
        "nodes": nodes,
        "groups": groups,
        "group_names": dict(groups),
        "parents": [(n.item.id, n.item.path) for n in nodes if n.item.active],
        "problems": problems or [],
    }
    return render(request, web, "admin/catalog.html", "catalog", context, failure=failure)


@router.get(PAGE, response_model=None)
def catalog_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _page(request, web, db)


@router.get(PAGE + "/template", response_model=None)
def template(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    with db.reading() as session:
        data = routing.catalog_template(session, locale(request))
    disposition = f"attachment; filename*=UTF-8''{TEMPLATE_NAME}"
    return Response(data, media_type=XLSX, headers={"Content-Disposition": disposition})


def _add(db: DB, path: str) -> None:
    parts = [p for p in canonical_path(path).split(SEPARATOR) if p]
    problem = next((p for p in map(catalog_edits.name_problem, parts) if p), None)
    if not parts:
        problem = FieldError("field.required")
    if problem is not None:
        raise Invalid("validation_failed", fields={"path": problem})
    with db.transaction() as session:
        try:
            tickets.find_catalog_item(session, SEPARATOR.join(parts), "path")
        except Invalid:
            tickets.create_catalog_item(session, SEPARATOR.join(parts))
            return
        raise Invalid("validation_failed", fields={"path": FieldError("admin.catalog.taken")})


@router.post(PAGE, response_model=None)
def add_item(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "path")
    try:
        _add(db, values["path"])
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), "add-item", values))
    return done(PAGE, "item_added")


@router.post(PAGE + "/{item_id}/name", response_model=None)
def rename(request: Request, db: DB, form: Form, item_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "name")
    try:
        with db.transaction() as session:
            catalog_edits.rename_item(session, item_id, values["name"])
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), f"item-{item_id}", values))
    return done(PAGE, "saved")


@router.post(PAGE + "/{item_id}/parent", response_model=None)
def move(request: Request, db: DB, form: Form, item_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "parent_id")
    try:
        with db.transaction() as session:
            catalog_edits.move_item(session, item_id, as_int(values["parent_id"]))
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), f"item-{item_id}", values))
    return done(PAGE, "saved")


@router.post(PAGE + "/{item_id}/active", response_model=None)
def set_active(request: Request, db: DB, form: Form, item_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        with db.transaction() as session:
            catalog_edits.set_item_active(session, item_id, form.get("active") == "1")
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), f"item-{item_id}", {}))
    return done(PAGE, "saved")


@router.post(PAGE + "/{item_id}/responsible", response_model=None)
def set_responsible(request: Request, db: DB, form: Form, item_id: int) -> Response:
    web = gate_form(request, db, form, Permission.MANAGE_ROUTING)
    if isinstance(web, Response):
        return web
    values = values_of(form, "group_id")
    try:
        with db.transaction() as session:
            routing.set_responsible(session, item_id, as_int(values["group_id"]))
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), f"item-{item_id}", values))
    return done(PAGE, "saved")


# -- the spreadsheet -------------------------------------------------------------------------------


def _sheet_problem(key: str, problem: FieldError) -> SheetProblem:
    """The service names a problem ``row<N>.<column>`` (or ``file``): as the sheet's parser."""
    if not key.startswith("row"):
        return SheetProblem(0, "", problem.code, dict(problem.params))
    row, _, column = key[3:].partition(".")
    return SheetProblem(
        int(row) if row.isdigit() else 0, column, problem.code, dict(problem.params)
    )


def _upload(form: Any) -> bytes:
    upload = form.get("file")
    data = upload.file.read(MAX_BYTES + 1) if isinstance(upload, UploadFile) else b""
    if not data:
        raise Invalid("validation_failed", fields={"file": FieldError("field.required")})
    if len(data) > MAX_BYTES:
        raise Invalid(
            "payload_too_large",
            fields={"file": FieldError("payload_too_large")},
            limit=human_size(MAX_BYTES),
        )
    return data


@router.post(PAGE + "/import", response_model=None)
def import_sheet(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    reader = locale(request)
    try:
        data = _upload(form)
        with db.transaction() as session:
            routing.import_catalog(session, data)
    except KefuError as exc:
        failure = failure_of(exc, reader, "import", {})
        if exc.code != "routing.catalog_sheet_invalid":
            return _page(request, web, db, failure)
        problems = [describe(_sheet_problem(k, p), reader) for k, p in exc.fields.items()]
        return _page(request, web, db, Failure("import", failure.message), problems)
    return done(PAGE, "imported")
