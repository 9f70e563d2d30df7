"""A routing rule as the rule form shows and submits it: one row per condition (field,
operator, value) and per action (kind, value), typed as text. Turning rows into the stored
form (``{"field", "op", "value"}``, ``{"kind", "value"}``) gives values their type by the
field's kind (``kefu.routing.rules.fields.FIELDS``), and names (a group's, an agent's, a
catalog path) their ids; what cannot be read stays as typed, so the service's validation names
it on its field. Blank rows are skipped; ``RowMap`` sends the service's field paths back to the
rows they came from.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kefu.core.errors import FieldError
from kefu.routing.rules import ActionKind, Op
from kefu.routing.rules.fields import FIELDS

LIST_OPS = frozenset({Op.IN, Op.NOT_IN, Op.ANY_OF, Op.ALL_OF, Op.NONE_OF})
TRUE = frozenset({"true", "yes", "y", "1", "是"})
FALSE = frozenset({"false", "no", "n", "0", "否"})
_LIST_SPLIT = re.compile(r"\s*[,,、;;]\s*")
MIN_CONDITION_ROWS = 3
MIN_ACTION_ROWS = 2
MAX_ROWS = 60  # the API takes 50 conditions and 20 actions

Lookup = Callable[[str], int | None]  # a name or path as typed → its id, None when unknown


@dataclass(frozen=True)
class Lookups:
    """Names the form may use instead of ids, and the other way round for showing a rule."""

    group: Lookup
    agent: Lookup
    catalog: Lookup
    group_name: Mapping[int, str] = field(default_factory=dict)
    agent_name: Mapping[int, str] = field(default_factory=dict)
    catalog_path: Mapping[int, str] = field(default_factory=dict)


@dataclass(frozen=True)
class ConditionRow:
    field: str = ""
    op: str = ""
    value: str = ""


@dataclass(frozen=True)
class ActionRow:
    kind: str = ""
    value: str = ""


@dataclass
class RowMap:
    """Which form row each kept condition and action came from."""

    conditions: list[int] = field(default_factory=list)
    actions: list[int] = field(default_factory=list)

    def input_of(self, path: str) -> str:
        """``conditions.1.value.0`` → ``c3_value`` (the input holding it)."""
        parts = path.split(".")
        if parts[0] in ("conditions", "actions") and len(parts) >= 3 and parts[1].isdigit():
            rows = self.conditions if parts[0] == "conditions" else self.actions
            index = int(parts[1])
            row = rows[index] if index < len(rows) else index
            return f"{parts[0][0]}{row}_{parts[2]}"
        if parts[0] == "actions":
            return "a0_kind"
        return parts[0]


# -- reading the form --------------------------------------------------------------------------


def _id_or_name(text: str, lookup: Lookup) -> object:
    if text.isdigit():
        return int(text)
    found = lookup(text)
    return found if found is not None else text


def _scalar(kind: str, text: str, lookups: Lookups) -> object:
    if kind == "id":
        return _id_or_name(text, lookups.catalog)
    if kind == "level":
        return int(text) if text.isdigit() else text
    if kind == "flag":
        lowered = text.casefold()
        return True if lowered in TRUE else False if lowered in FALSE else text
    return text


def condition_value(name: str, op: str, text: str, lookups: Lookups) -> object:
    spec = FIELDS.get(name)
    kind = spec.kind if spec else "text"
    if op in LIST_OPS:
        return [_scalar(kind, part, lookups) for part in _LIST_SPLIT.split(text) if part]
    return _scalar(kind, text, lookups)


def action_value(kind: str, text: str, lookups: Lookups) -> tuple[object, FieldError | None]:
    """The stored value of an action, and the problem with a name that names nothing."""
    if kind in (ActionKind.SET_GROUP, ActionKind.ASSIGN_TO):
        lookup = lookups.group if kind == ActionKind.SET_GROUP else lookups.agent
        value = _id_or_name(text, lookup)
        return value, _unknown(kind == ActionKind.SET_GROUP, value, text)
    if kind == ActionKind.ADD_TAGS:
        return [t for t in _LIST_SPLIT.split(text) if t], None
    if kind == ActionKind.NOTIFY:
        target, _, who = text.partition(":")
        target = target.strip().casefold()
        if target not in ("group", "user"):
            return text, None  # the service explains the form expected
        value = _id_or_name(who.strip(), lookups.group if target == "group" else lookups.agent)
        return {target: value}, _unknown(target == "group", value, who.strip())
    if kind == ActionKind.STOP:
        return None, None
    return text, None


def _unknown(is_group: bool, value: object, text: str) -> FieldError | None:
    if isinstance(value, int) or not text:
        return None
    return FieldError("routing.unknown_group" if is_group else "routing.unknown_agent")


def _count(form: Mapping[str, Any], name: str) -> int:
    text = str(form.get(name) or "")
    return min(int(text), MAX_ROWS) if text.isdigit() else 0


def _text(form: Mapping[str, Any], name: str) -> str:
    return str(form.get(name) or "").strip()


def rows_from_form(form: Mapping[str, Any]) -> tuple[list[ConditionRow], list[ActionRow]]:
    conditions = [
        ConditionRow(
            _text(form, f"c{i}_field"), _text(form, f"c{i}_op"), _text(form, f"c{i}_value")
        )
        for i in range(_count(form, "condition_rows"))
    ]
    actions = [
        ActionRow(_text(form, f"a{i}_kind"), _text(form, f"a{i}_value"))
        for i in range(_count(form, "action_rows"))
    ]
    return conditions, actions


def stored_rule(
    conditions: list[ConditionRow], actions: list[ActionRow], lookups: Lookups
) -> tuple[list[dict[str, Any]], list[dict[str, Any]], RowMap, dict[str, FieldError]]:
    """The stored conditions and actions, where each came from, and the names not found."""
    rows = RowMap()
    stored_conditions: list[dict[str, Any]] = []
    stored_actions: list[dict[str, Any]] = []
    problems: dict[str, FieldError] = {}
    for i, c in enumerate(conditions):
        if not (c.field or c.value):
            continue
        rows.conditions.append(i)
        value = condition_value(c.field, c.op, c.value, lookups)
        stored_conditions.append({"field": c.field, "op": c.op, "value": value})
    for i, a in enumerate(actions):
        if not a.kind:
            continue
        rows.actions.append(i)
        value, problem = action_value(a.kind, a.value, lookups)
        if problem is not None:
            problems[f"a{i}_value"] = problem
        stored_actions.append({"kind": a.kind, "value": value})
    return stored_conditions, stored_actions, rows, problems


# -- showing a stored rule ----------------------------------------------------------------------


def _shown(value: object, names: Mapping[int, str]) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return names.get(value, str(value))
    if isinstance(value, list | tuple):
        return ", ".join(_shown(v, names) for v in value)
    return "" if value is None else str(value)


def condition_rows(stored: list[dict[str, Any]], lookups: Lookups) -> list[ConditionRow]:
    rows = []
    for c in stored:
        name = str(c.get("field") or "")
        names = lookups.catalog_path if name == "catalog_item" else {}
        rows.append(ConditionRow(name, str(c.get("op") or ""), _shown(c.get("value"), names)))
    return rows + [ConditionRow()] * max(2, MIN_CONDITION_ROWS - len(rows))


def action_rows(stored: list[dict[str, Any]], lookups: Lookups) -> list[ActionRow]:
    rows = []
    for a in stored:
        kind, value = str(a.get("kind") or ""), a.get("value")
        if kind == ActionKind.NOTIFY and isinstance(value, dict) and len(value) == 1:
            ((target, ident),) = value.items()
            names = lookups.group_name if target == "group" else lookups.agent_name
            rows.append(ActionRow(kind, f"{target}:{_shown(ident, names)}"))
            continue
        by_kind: dict[str, Mapping[int, str]] = {
            ActionKind.SET_GROUP: lookups.group_name,
            ActionKind.ASSIGN_TO: lookups.agent_name,
        }
        rows.append(ActionRow(kind, _shown(value, by_kind.get(kind, {}))))
    return rows + [ActionRow()] * max(1, MIN_ACTION_ROWS - len(rows))
