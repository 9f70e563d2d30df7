"""The routing dry run on the rules page: a request described in a form (channel, type,
priority, catalog item, VIP level, blacklist, text, entry point), and what delivery and each
rule would decide for it, with every reason in the reader's language."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session
from starlette.datastructures import FormData

from kefu.core.errors import FieldError, Invalid
from kefu.core.i18n import translate
from kefu.customers.models import Customer
from kefu.routing import service as routing
from kefu.routing.service import catalog_edits
from kefu.tickets import service as tickets
from kefu.tickets.rules import Channel, Priority, TicketType
from kefu.tickets.service import Draft
from kefu.users import accounts
from kefu.web.admin import dry_run_messages as _messages  # noqa: F401  (registers the texts)

MAX_TEXT = 5000
MAX_ENTRY_POINT = 100
MAX_VIP = 10
FIELDS = (
    "channel",
    "type",
    "priority",
    "catalog_item",
    "vip_level",
    "blacklisted",
    "text",
    "entry_point",
)


@dataclass(frozen=True)
class RuleLine:
    name: str
    matched: bool
    reasons: list[str]


@dataclass(frozen=True)
class Result:
    delivery: str
    group: str
    priority: str
    tags: list[str]
    assignee: str
    rules: list[RuleLine]


def form_context(session: Session) -> dict[str, Any]:
    return {
        "channels": [c.value for c in Channel],
        "types": [t.value for t in TicketType],
        "priorities": [p.value for p in Priority],
        "catalog_paths": [i.path for i in catalog_edits.list_items(session) if i.active],
    }


def values_from(form: FormData) -> dict[str, str]:
    return {name: str(form.get(name) or "").strip() for name in FIELDS}


def _draft(session: Session, values: dict[str, str]) -> Draft:
    problems: dict[str, FieldError] = {}
    for name, enum in (("channel", Channel), ("type", TicketType), ("priority", Priority)):
        if values[name] not in {e.value for e in enum}:
            problems[name] = FieldError(
                "field.choice", {"choices": ", ".join(e.value for e in enum)}
            )
    vip = values["vip_level"] or "0"
    if not vip.isdigit() or int(vip) > MAX_VIP:
        problems["vip_level"] = FieldError("field.out_of_range")
    for name, limit in (("text", MAX_TEXT), ("entry_point", MAX_ENTRY_POINT)):
        if len(values[name]) > limit:
            problems[name] = FieldError("field.too_long", {"max": limit})
    catalog_id = None
    if values["catalog_item"]:
        try:
            catalog_id = tickets.find_catalog_item(session, values["catalog_item"]).id
        except Invalid as exc:
            problems |= exc.fields
    if problems:
        raise Invalid("validation_failed", fields=problems)
    return Draft(
        channel=values["channel"],
        type=values["type"],
        priority=values["priority"],
        catalog_item_id=catalog_id,
        customer=Customer(vip_level=int(vip), blacklisted=values["blacklisted"] == "on"),
        text=values["text"],
        entry_point=values["entry_point"],
    )


def explained(code: str, params: dict[str, str], locale: str, groups: dict[int, str]) -> str:
    """A reason in words: fields and operators by their labels, a group by its name."""
    shown = dict(params)
    if "field" in shown:
        shown["field"] = translate(f"routing.field.{shown['field']}", locale)
    if "op" in shown:
        shown["op"] = translate(f"routing.op.{shown['op']}", locale)
    group = shown.get("group", "")
    if group.isdigit() and int(group) in groups:
        shown["group"] = f"「{groups[int(group)]}」"
    return translate(code, locale, **shown)


def run(session: Session, values: dict[str, str], locale: str) -> Result:
    """What delivery and the rules would decide (``Invalid`` naming a bad field first)."""
    draft = _draft(session, values)
    delivered, outcome = routing.explain(session, draft)
    groups = {gid: name for name, gid in routing.group_names(session).items()}
    names = {r.id: r.name for r in routing.list_rules(session)}
    people = {u.id: u.display_name or u.username for u in accounts.list_accounts(session)}
    unchanged = translate("admin.dry.unchanged", locale)
    group_id = outcome.group_id or delivered.group_id
    return Result(
        delivery=explained(delivered.reason, dict(delivered.params), locale, groups),
        group=groups.get(group_id, unchanged) if group_id else unchanged,
        priority=translate(f"admin.priority.{outcome.priority}", locale)
        if outcome.priority
        else unchanged,
        tags=list(outcome.tags),
        assignee=people.get(outcome.assignee_id, unchanged) if outcome.assignee_id else unchanged,
        rules=[
            RuleLine(
                names.get(t.rule_id, f"#{t.rule_id}"),
                t.matched,
                [explained(code, dict(params), locale, groups) for code, params in t.reasons],
            )
            for t in outcome.trace
        ],
    )
