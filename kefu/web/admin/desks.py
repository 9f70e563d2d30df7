"""``/admin/desks``: service desks, their groups (strategy, automatic assignment), each
group's members and each agent's capacity (supervisors and administrators)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session

from kefu.core.errors import FieldError, Invalid, KefuError
from kefu.routing import service as routing
from kefu.routing.rules import Strategy
from kefu.routing.service.presence import DEFAULT_CHAT_CAPACITY, DEFAULT_TICKET_CAPACITY
from kefu.users import accounts
from kefu.users.models import User
from kefu.users.rules import Permission
from kefu.web.admin import desks_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.admin.common import (
    DB,
    Failure,
    Form,
    as_int,
    check_text,
    done,
    failure_of,
    gate,
    gate_form,
    locale,
    render,
    values_of,
)
from kefu.web.auth import WebSession

NEED = Permission.MANAGE_ROUTING
PAGE = "/admin/desks"


router = APIRouter(include_in_schema=False)


@dataclass(frozen=True)
class Capacity:
    user: User
    chat: int
    ticket: int
    skills: str


def _capacities(session: Session, people: list[User]) -> list[Capacity]:
    rows = {p.user_id: p for p in routing.list_presence(session)}
    out = []
    for user in people:
        row = rows.get(user.id)
        if row is None:
            out.append(Capacity(user, DEFAULT_CHAT_CAPACITY, DEFAULT_TICKET_CAPACITY, ""))
        else:
            out.append(
                Capacity(user, row.chat_capacity, row.ticket_capacity, ", ".join(row.skills))
            )
    return out


def _page(request: Request, web: WebSession, db: DB, failure: Failure | None = None) -> Response:
    with db.reading() as session:
        people = [u for u in accounts.list_accounts(session) if u.is_active]
        groups = routing.list_groups(session)
        context: dict[str, Any] = {
            "desks": routing.list_desks(session),
            "groups": groups,
            "members": {g.id: set(routing.members(session, g.id)) for g in groups},
            "people": people,
            "names": {u.id: u.display_name or u.username for u in people},
            "capacities": _capacities(session, people),
            "strategies": [s.value for s in Strategy],
        }
    return render(request, web, "admin/desks.html", "desks", context, failure=failure)


@router.get(PAGE, response_model=None)
def desks_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _page(request, web, db)


@router.post(PAGE, response_model=None)
def create_desk(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "name", "description", "private")
    try:
        check_text(values, required=("name",), name=100, description=500)
        with db.transaction() as session:
            routing.create_desk(
                session, values["name"], values["description"], values["private"] == "on"
            )
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), "create-desk", values))
    return done(PAGE, "desk_created")


@router.post(PAGE + "/groups", response_model=None)
def create_group(request: Request, db: DB, form: Form) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "desk_id", "name", "strategy", "auto_assign")
    try:
        check_text(values, required=("name",), name=100)
        strategy = _strategy(values["strategy"])
        with db.transaction() as session:
            routing.create_group(
                session,
                as_int(values["desk_id"]) or 0,
                values["name"],
                strategy,
                values["auto_assign"] == "on",
            )
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), "create-group", values))
    return done(PAGE, "group_created")


@router.post(PAGE + "/groups/{group_id}/members", response_model=None)
def set_members(request: Request, db: DB, form: Form, group_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    chosen = [as_int(str(v)) for v in form.getlist("user_ids")]
    try:
        if None in chosen:
            raise Invalid("validation_failed", fields={"user_ids": FieldError("field.type")})
        with db.transaction() as session:
            routing.set_members(session, group_id, [c for c in chosen if c is not None])
    except KefuError as exc:
        return _page(request, web, db, failure_of(exc, locale(request), f"members-{group_id}", {}))
    return done(PAGE, "members_saved")


@router.post(PAGE + "/capacity/{user_id}", response_model=None)
def set_capacity(request: Request, db: DB, form: Form, user_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    values = values_of(form, "chat_capacity", "ticket_capacity", "skills")
    try:
        chat, ticket = _capacity_numbers(values)
        skills = [s for s in values["skills"].replace(",", ",").replace("、", ",").split(",")]
        with db.transaction() as session:
            routing.set_presence(
                session,
                user_id,
                routing.PresenceChange(chat_capacity=chat, ticket_capacity=ticket, skills=skills),
            )
    except KefuError as exc:
        return _page(
            request, web, db, failure_of(exc, locale(request), f"capacity-{user_id}", values)
        )
    return done(PAGE, "capacity_saved")


def _capacity_numbers(values: dict[str, str]) -> tuple[int, int]:
    numbers = {name: as_int(values[name]) for name in ("chat_capacity", "ticket_capacity")}
    bad = {name: FieldError("field.type") for name, n in numbers.items() if n is None}
    if bad:
        raise Invalid("validation_failed", fields=bad)
    return numbers["chat_capacity"] or 0, numbers["ticket_capacity"] or 0


def _strategy(value: str) -> Strategy:
    try:
        return Strategy(value)
    except ValueError:
        choices = ", ".join(s.value for s in Strategy)
        raise Invalid(
            "validation_failed",
            fields={"strategy": FieldError("field.choice", {"choices": choices})},
        ) from None
