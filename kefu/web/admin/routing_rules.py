"""``/admin/rules``: the ordered routing rules (create, edit, delete, move up or down) and the
dry run: a request described field by field, and which rule fires for it and why, as
``kefu.routing.service.explain`` gives it (supervisors and administrators)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from kefu.core.errors import FieldError, Invalid, KefuError, NotFound
from kefu.routing import service as routing
from kefu.routing.models import RoutingRule
from kefu.routing.rules import ActionKind, Op
from kefu.routing.rules.fields import FIELDS
from kefu.routing.service import catalog_edits
from kefu.tickets import service as tickets
from kefu.users import accounts
from kefu.users.rules import Permission
from kefu.web.admin import dry_run
from kefu.web.admin import routing_rules_messages as _messages  # noqa: F401  (registers the texts)
from kefu.web.admin.common import (
    DB,
    Failure,
    Form,
    done,
    failure_of,
    gate,
    gate_form,
    locale,
    render,
)
from kefu.web.admin.rule_form import (
    ActionRow,
    ConditionRow,
    Lookups,
    action_rows,
    condition_rows,
    rows_from_form,
    stored_rule,
)
from kefu.web.auth import WebSession

NEED = Permission.MANAGE_ROUTING
PAGE = "/admin/rules"
MAX_NAME = 100


router = APIRouter(include_in_schema=False)


def lookups_of(session: Session) -> Lookups:
    groups = routing.group_names(session)
    agents = {u.username: u.id for u in accounts.list_accounts(session) if u.is_active}
    paths = {i.id: i.path for i in catalog_edits.list_items(session)}

    def catalog(text: str) -> int | None:
        try:
            return tickets.find_catalog_item(session, text).id
        except Invalid:
            return None

    return Lookups(
        group=groups.get,
        agent=agents.get,
        catalog=catalog,
        group_name={v: k for k, v in groups.items()},
        agent_name={v: k for k, v in agents.items()},
        catalog_path=paths,
    )


def _choices() -> dict[str, Any]:
    return {
        "fields": list(FIELDS),
        "ops": [o.value for o in Op],
        "kinds": [k.value for k in ActionKind],
    }


# -- the list and the dry run ----------------------------------------------------------------------


def list_context(session: Session) -> dict[str, Any]:
    lookups = lookups_of(session)
    rules = routing.list_rules(session)
    return {
        "rules": [
            (
                r,
                condition_rows(r.conditions, lookups)[: len(r.conditions)],
                action_rows(r.actions, lookups)[: len(r.actions)],
            )
            for r in rules
        ],
        **dry_run.form_context(session),
    }


def list_page(
    request: Request,
    web: WebSession,
    db: DB,
    failure: Failure | None = None,
    extra: dict[str, Any] | None = None,
) -> Response:
    with db.reading() as session:
        context = list_context(session)
    context |= extra or {}
    return render(request, web, "admin/rules.html", "rules", context, failure=failure)


@router.get(PAGE, response_model=None)
def rules_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return list_page(request, web, db)


@router.post(PAGE + "/dry-run", response_model=None)
def run_dry_run(request: Request, db: DB, form: Form) -> Response:
    """Writes nothing: the answer is the result itself (a fragment for htmx, else the page)."""
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    reader = locale(request)
    values = dry_run.values_from(form)
    failure, result = None, None
    try:
        with db.reading() as session:
            result = dry_run.run(session, values, reader)
    except KefuError as exc:
        failure = failure_of(exc, reader, "dry-run", values)
    extra = {"result": result, "dry_values": values}
    if request.headers.get("hx-request") == "true":
        with db.reading() as session:
            context = {**dry_run.form_context(session), **extra}
        # 200 even when refused: htmx swaps only successful answers, and the problems must show
        response = render(request, web, "admin/dry_run.html", "rules", context, failure=failure)
        response.status_code = 200
        return response
    return list_page(request, web, db, failure, extra)


# -- one rule -------------------------------------------------------------------------------------


def _rule_page(
    request: Request,
    web: WebSession,
    rule: RoutingRule | None,
    conditions: list[ConditionRow],
    actions: list[ActionRow],
    failure: Failure | None = None,
) -> Response:
    context = {
        "rule": rule,
        "conditions": conditions,
        "actions": actions,
        "action_url": f"{PAGE}/{rule.id}" if rule else PAGE,
        **_choices(),
    }
    return render(request, web, "admin/rule.html", "rules", context, failure=failure)


@router.get(PAGE + "/new", response_model=None)
def new_rule(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    with db.reading() as session:
        lookups = lookups_of(session)
    return _rule_page(request, web, None, condition_rows([], lookups), action_rows([], lookups))


@router.get(PAGE + "/{rule_id}/edit", response_model=None)
def edit_rule(request: Request, db: DB, rule_id: int) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    with db.reading() as session:
        rule = session.get(RoutingRule, rule_id)
        lookups = lookups_of(session)
    if rule is None:
        return Response(status_code=404)
    conditions = condition_rows(rule.conditions, lookups)
    return _rule_page(request, web, rule, conditions, action_rows(rule.actions, lookups))


def _save(db: DB, rule_id: int | None, form: FormData) -> None:
    """Create or replace a rule from the form; every problem raised at once, naming inputs."""
    conditions, actions = rows_from_form(form)
    name = str(form.get("name") or "").strip()
    with db.transaction() as session:
        stored_c, stored_a, rows, problems = stored_rule(conditions, actions, lookups_of(session))
        if len(name) > MAX_NAME:
            problems["name"] = FieldError("field.too_long", {"max": MAX_NAME})
        data = routing.RuleInput(
            name=name,
            conditions=stored_c,
            actions=stored_a,
            match=str(form.get("match") or ""),
            active=form.get("active") == "on",
        )
        try:
            if rule_id is None:
                routing.create_rule(session, data)
            else:
                routing.update_rule(session, rule_id, data)
        except Invalid as exc:
            found = {rows.input_of(path): problem for path, problem in exc.fields.items()}
            raise Invalid("validation_failed", fields={**found, **problems}) from exc
        if problems:  # raised inside the transaction: nothing is kept
            raise Invalid("validation_failed", fields=problems)


def _submit(request: Request, db: DB, form: FormData, rule_id: int | None) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        _save(db, rule_id, form)
    except KefuError as exc:
        values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
        failure = failure_of(exc, locale(request), "rule", values)
        with db.reading() as session:
            rule = session.get(RoutingRule, rule_id) if rule_id else None
        conditions, actions = rows_from_form(form)
        return _rule_page(request, web, rule, conditions, actions, failure)
    return done(PAGE, "rule_saved")


@router.post(PAGE, response_model=None)
def create_rule(request: Request, db: DB, form: Form) -> Response:
    return _submit(request, db, form, None)


@router.post(PAGE + "/{rule_id}", response_model=None)
def update_rule(request: Request, db: DB, form: Form, rule_id: int) -> Response:
    return _submit(request, db, form, rule_id)


@router.post(PAGE + "/{rule_id}/delete", response_model=None)
def delete_rule(request: Request, db: DB, form: Form, rule_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        with db.transaction() as session:
            routing.delete_rule(session, rule_id)
    except KefuError as exc:
        return list_page(request, web, db, failure_of(exc, locale(request), "rules", {}))
    return done(PAGE, "deleted")


def _move(session: Session, rule_id: int, step: int) -> None:
    """Swap a rule with its neighbour, then number them all 10, 20, … in the new order."""
    rules = routing.list_rules(session)
    ids = [r.id for r in rules]
    if rule_id not in ids:
        raise NotFound("routing.unknown_rule")
    here = ids.index(rule_id)
    there = here + step
    if not 0 <= there < len(rules):
        return
    rules[here], rules[there] = rules[there], rules[here]
    for number, rule in enumerate(rules, start=1):
        if rule.position != number * 10:
            data = routing.RuleInput(
                rule.name, rule.conditions, rule.actions, rule.match, rule.active, number * 10
            )
            routing.update_rule(session, rule.id, data)


@router.post(PAGE + "/{rule_id}/move", response_model=None)
def move_rule(request: Request, db: DB, form: Form, rule_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        with db.transaction() as session:
            _move(session, rule_id, -1 if form.get("direction") == "up" else 1)
    except KefuError as exc:
        return list_page(request, web, db, failure_of(exc, locale(request), "rules", {}))
    return done(PAGE, "moved")
