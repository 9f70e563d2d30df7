"""``/admin/sla``: SLA policies (name, calendar, targets, warning point) and business calendars
(weekly hours, time zone, holidays and adjusted working days), edited through
``kefu.sla.service``, which recomputes the open tickets' clocks (administrators only)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.datastructures import FormData

from kefu.core.errors import FieldError, Invalid, KefuError
from kefu.sla import service as sla
from kefu.sla.api import policy_name
from kefu.users.rules import Permission
from kefu.web.admin import sla_settings_messages as _messages  # noqa: F401  (registers the texts)
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
from kefu.web.auth import WebSession

NEED = Permission.MANAGE_SLA
PAGE = "/admin/sla"
TARGETS = ("first_response_s", "next_response_s", "resolution_s")
UNITS = {"s": 1, "min": 60, "h": 3600, "d": 86_400}
WEEKDAYS = 7
_PERIOD = re.compile(r"^\s*(\d{1,2}:\d{2})\s*[-–~至]\s*(\d{1,2}:\d{2})\s*$")
_SPLIT = re.compile(r"\s*[,,;;]\s*")


router = APIRouter(include_in_schema=False)


def split_target(seconds: int | None) -> tuple[str, str]:
    """A target as the form shows it: the largest unit that divides it."""
    if seconds is None:
        return "", "min"
    for unit in ("d", "h", "min"):
        if seconds % UNITS[unit] == 0:
            return str(seconds // UNITS[unit]), unit
    return str(seconds), "s"


# -- the overview ----------------------------------------------------------------------------------


@router.get(PAGE, response_model=None)
def sla_page(request: Request, db: DB) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    reader = locale(request)
    with db.reading() as session:
        policies = sla.list_policies(session)
        calendars = sla.list_calendars(session)
    context = {
        "policies": [(p, policy_name(p.row.key, p.row.name, reader)) for p in policies],
        "calendars": calendars,
        "split_target": split_target,
        "wall_time": sla.wall_time,
        "targets": TARGETS,
    }
    return render(request, web, "admin/sla.html", "sla", context)


# -- a policy --------------------------------------------------------------------------------------


def _policy_page(
    request: Request, web: WebSession, db: DB, policy_id: int, failure: Failure | None = None
) -> Response:
    with db.reading() as session:
        view = next((p for p in sla.list_policies(session) if p.row.id == policy_id), None)
        calendars = [(c.row.key, c.row.name) for c in sla.list_calendars(session)]
    if view is None:
        return Response(status_code=404)
    context: dict[str, Any] = {
        "policy": view.row,
        "calendar": view.calendar,
        "calendars": calendars,
        "targets": {name: split_target(getattr(view.row, name)) for name in TARGETS},
        "units": list(UNITS),
        "shown_name": policy_name(view.row.key, view.row.name, locale(request)),
    }
    return render(request, web, "admin/sla_policy.html", "sla", context, failure=failure)


@router.get(PAGE + "/policies/{policy_id}", response_model=None)
def policy_page(request: Request, db: DB, policy_id: int) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _policy_page(request, web, db, policy_id)


def _targets(form: FormData) -> tuple[dict[str, int | None], dict[str, FieldError]]:
    values: dict[str, int | None] = {}
    problems: dict[str, FieldError] = {}
    for name in TARGETS:
        text = str(form.get(name) or "").strip()
        unit = UNITS.get(str(form.get(f"{name}_unit") or ""), 0)
        if not text:
            values[name] = None
        elif not text.isdigit() or not unit:
            problems[name] = FieldError("field.type")
        else:
            values[name] = int(text) * unit
    return values, problems


def _warn_ratio(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None


def _policy_input(db: DB, policy_id: int, form: FormData) -> sla.PolicyInput:
    """The policy as it is, with what the form edits replaced; Invalid on a value unread."""
    with db.reading() as session:
        view = next((p for p in sla.list_policies(session) if p.row.id == policy_id), None)
    if view is None:
        raise Invalid("not_found")
    row = view.row
    targets, problems = _targets(form)
    ratio = _warn_ratio(str(form.get("warn_ratio") or "").strip())
    if ratio is None:
        problems["warn_ratio"] = FieldError("field.type")
    if problems:
        raise Invalid("validation_failed", fields=problems)
    escalation = row.escalation
    group = escalation.get("reassign_group_id")
    return sla.PolicyInput(
        key=row.key,
        name=str(form.get("name") or "").strip(),
        calendar=str(form.get("calendar") or ""),
        position=row.position,
        active=form.get("active") == "on",
        channels=tuple(row.channels),
        types=tuple(row.types),
        priorities=tuple(row.priorities),
        min_vip_level=row.min_vip_level,
        warn_ratio=ratio or 0.0,
        pause_statuses=tuple(row.pause_statuses),
        escalation=sla.Escalation(
            notify=tuple(str(n) for n in escalation.get("notify", [])),
            raise_priority=bool(escalation.get("raise_priority", False)),
            reassign_group_id=group if isinstance(group, int) else None,
        ),
        **targets,
    )


@router.post(PAGE + "/policies/{policy_id}", response_model=None)
def save_policy(request: Request, db: DB, form: Form, policy_id: int) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    try:
        sla.update_policy(db, policy_id, _policy_input(db, policy_id, form))
    except KefuError as exc:
        values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
        failure = failure_of(exc, locale(request), "policy", values)
        return _policy_page(request, web, db, policy_id, failure)
    return done(PAGE, "policy_saved")


# -- a calendar ------------------------------------------------------------------------------------


def weekly_text(periods: list[list[int]]) -> str:
    return ", ".join(f"{sla.wall_time(a)}-{sla.wall_time(b)}" for a, b in periods)


def _calendar_page(
    request: Request, web: WebSession, db: DB, key: str, failure: Failure | None = None
) -> Response:
    with db.reading() as session:
        view = next((c for c in sla.list_calendars(session) if c.row.key == key), None)
    if view is None:
        return Response(status_code=404)
    context = {
        "view": view,
        "weekly": [weekly_text(day) for day in view.row.weekly],
        "special_days": "\n".join(
            f"{d.day.isoformat()} {d.kind} {d.name}".rstrip() for d in view.days
        ),
    }
    return render(request, web, "admin/sla_calendar.html", "sla", context, failure=failure)


@router.get(PAGE + "/calendars/{key}", response_model=None)
def calendar_page(request: Request, db: DB, key: str) -> Response:
    web = gate(request, db, NEED)
    if isinstance(web, Response):
        return web
    return _calendar_page(request, web, db, key)


def _weekly(form: FormData) -> tuple[list[list[tuple[str, str]]], dict[str, FieldError]]:
    weekly: list[list[tuple[str, str]]] = []
    problems: dict[str, FieldError] = {}
    for day in range(WEEKDAYS):
        periods = []
        for part in _SPLIT.split(str(form.get(f"w{day}") or "").strip()):
            if not part:
                continue
            match = _PERIOD.match(part)
            if match is None:
                problems[f"w{day}"] = FieldError("admin.sla.bad_period")
                break
            start, end = (t.zfill(5) for t in match.groups())
            periods.append((start, end))
        weekly.append(periods)
    return weekly, problems


def _special_days(text: str) -> tuple[list[sla.SpecialDayInput], FieldError | None]:
    days = []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        day, _, rest = line.strip().partition(" ")
        kind, _, name = rest.strip().partition(" ")
        try:
            when = date.fromisoformat(day)
        except ValueError:
            return [], FieldError("admin.sla.bad_line", {"line": number})
        if kind not in ("holiday", "workday") or len(name.strip()) > 50:
            return [], FieldError("admin.sla.bad_line", {"line": number})
        days.append(sla.SpecialDayInput(when, kind, name.strip()))
    return days, None


def _calendar_field(path: str) -> str:
    """The service's ``weekly.2.0`` is the input ``w2``; ``special_days.3.day`` the list."""
    parts = path.split(".")
    if parts[0] == "weekly":
        return f"w{parts[1]}" if len(parts) > 1 else "w0"
    return parts[0]


@router.post(PAGE + "/calendars/{key}", response_model=None)
def save_calendar(request: Request, db: DB, form: Form, key: str) -> Response:
    web = gate_form(request, db, form, NEED)
    if isinstance(web, Response):
        return web
    with db.reading() as session:
        if all(c.row.key != key for c in sla.list_calendars(session)):
            return Response(status_code=404)  # this page edits calendars, it does not add them
    weekly, problems = _weekly(form)
    days, day_problem = _special_days(str(form.get("special_days") or ""))
    if day_problem is not None:
        problems["special_days"] = day_problem
    name = str(form.get("name") or "").strip()
    if len(name) > 100:
        problems["name"] = FieldError("field.too_long", {"max": 100})
    try:
        if problems:
            raise Invalid("validation_failed", fields=problems)
        data = sla.CalendarInput(
            weekly=weekly,
            timezone=str(form.get("timezone") or "").strip(),
            always_open=form.get("always_open") == "on",
            name=name or None,
            special_days=days,
        )
        sla.set_calendar(db, key, data)
    except KefuError as exc:
        values = {k: str(v) for k, v in form.items() if k != "csrf_token"}
        failure = failure_of(exc, locale(request), "calendar", values, _calendar_field)
        return _calendar_page(request, web, db, key, failure)
    return done(PAGE, "calendar_saved")
