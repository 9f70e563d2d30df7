"""Routing rules (路由规则): ordered conditions → actions, evaluated after desk delivery.

A rule names conditions on the facts of a new request (channel, type, priority, catalog item,
VIP level, blacklist, keywords, business hours, entry point; see ``fields.py``) and what to do
when they hold (set the group or priority, add tags, assign, notify, stop). ``evaluate`` runs
the rules in position order and keeps, for each rule and each condition, the reason it held or
not: the same call is the dry run that shows an administrator which rule would fire for a
given ticket.

Pure: no I/O. Rules arrive as stored (JSON lists of ``{"field", "op", "value"}`` and ``{"kind",
"value"}``); ``validate_rule`` rejects a bad one before it is saved, and ``evaluate`` never
raises on one that slipped through: the bad part fails or is skipped, and the trace says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from kefu.routing.rules.fields import (
    PRIORITY_RANK,
    Field,
    Op,
    Problem,
    Reason,
    TicketFacts,
    check,
    condition_problems,
    holds,
)

__all__ = [
    "Action",
    "ActionKind",
    "Condition",
    "Field",
    "Match",
    "NotifyTarget",
    "Op",
    "Problem",
    "Reason",
    "Rule",
    "RuleTrace",
    "RulesOutcome",
    "TicketFacts",
    "check_condition",
    "evaluate",
    "match_rule",
    "validate_rule",
]

MAX_TAG = 50  # as a ticket's tags
MAX_TAGS = 20


class ActionKind(StrEnum):
    SET_GROUP = "set_group"
    SET_PRIORITY = "set_priority"
    ADD_TAGS = "add_tags"
    ASSIGN_TO = "assign_to"
    NOTIFY = "notify"  # {"user": id} or {"group": id}
    STOP = "stop"  # evaluate no further rule


class Match(StrEnum):
    ALL = "all"
    ANY = "any"


def _frozen(value: object) -> object:
    return tuple(value) if isinstance(value, list) else value


@dataclass(frozen=True)
class Condition:
    field: str
    op: str
    value: object = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _frozen(self.value))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Condition:
        """From its stored form; missing keys stay empty so ``validate_rule`` can name them."""
        return cls(str(data.get("field") or ""), str(data.get("op") or ""), data.get("value"))


@dataclass(frozen=True)
class Action:
    kind: str
    value: object = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", _frozen(self.value))

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Action:
        return cls(str(data.get("kind") or ""), data.get("value"))


@dataclass(frozen=True)
class Rule:
    id: int
    name: str
    position: int
    active: bool
    conditions: tuple[Condition, ...]
    match: str  # "all" or "any"; a rule without conditions always matches
    actions: tuple[Action, ...]

    def __post_init__(self) -> None:
        object.__setattr__(self, "conditions", tuple(self.conditions))
        object.__setattr__(self, "actions", tuple(self.actions))


class NotifyTarget(NamedTuple):
    kind: str  # "user" or "group"
    id: int


@dataclass(frozen=True)
class RuleTrace:
    rule_id: int
    matched: bool
    reasons: tuple[Reason, ...]  # one a condition, in order; then any action that could not run


@dataclass(frozen=True)
class RulesOutcome:
    group_id: int | None
    priority: str | None
    tags: tuple[str, ...]
    assignee_id: int | None
    notify: tuple[NotifyTarget, ...]
    fired: tuple[int, ...]  # rule ids, in the order they fired
    trace: tuple[RuleTrace, ...]  # one a rule, in the order run


# -- validation ---------------------------------------------------------------------------------


def _positive_id(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _tags_ok(value: object) -> bool:
    return (
        isinstance(value, tuple)
        and 0 < len(value) <= MAX_TAGS
        and all(isinstance(t, str) and 0 < len(t.strip()) <= MAX_TAG for t in value)
    )


def _notify_ok(value: object) -> bool:
    if not isinstance(value, Mapping) or len(value) != 1:
        return False
    ((kind, ident),) = value.items()
    return kind in ("user", "group") and _positive_id(ident)


def _action_problem(action: Action) -> tuple[str, dict[str, str]] | None:
    """The code saying why ``action`` cannot run, or None when it can."""
    kind, value = action.kind, action.value
    if kind in (ActionKind.SET_GROUP, ActionKind.ASSIGN_TO):
        return None if _positive_id(value) else ("routing.action.id_required", {})
    if kind == ActionKind.SET_PRIORITY:
        ok = isinstance(value, str) and value in PRIORITY_RANK
        return None if ok else ("field.choice", {"choices": ", ".join(PRIORITY_RANK)})
    if kind == ActionKind.ADD_TAGS:
        params = {"max": str(MAX_TAGS), "length": str(MAX_TAG)}
        return None if _tags_ok(value) else ("routing.action.tags_invalid", params)
    if kind == ActionKind.NOTIFY:
        return None if _notify_ok(value) else ("routing.action.notify_target", {})
    if kind == ActionKind.STOP:
        return None
    return ("field.choice" if kind else "field.required"), {"choices": ", ".join(ActionKind)}


def validate_rule(rule: Rule) -> list[Problem]:
    """Every problem of ``rule`` at once (empty when it may be saved), so the API can point at
    each bad input rather than at the first."""
    problems: list[Problem] = []
    if not rule.name.strip():
        problems.append(Problem("name", "field.required", {}))
    if rule.match not in tuple(Match):
        problems.append(Problem("match", "field.choice", {"choices": ", ".join(Match)}))
    for i, condition in enumerate(rule.conditions):
        path = f"conditions.{i}"
        problems += condition_problems(path, condition.field, condition.op, condition.value)
    if not rule.actions:
        problems.append(Problem("actions", "routing.rule.no_actions", {}))
    for i, action in enumerate(rule.actions):
        found = _action_problem(action)
        if found is not None:
            sub = "value" if action.kind in tuple(ActionKind) else "kind"
            problems.append(Problem(f"actions.{i}.{sub}", *found))
    return problems


# -- evaluation ---------------------------------------------------------------------------------


def check_condition(condition: Condition, facts: TicketFacts) -> tuple[bool, Reason]:
    """Whether ``condition`` holds for ``facts``, and the reason shown in the dry run."""
    return check(condition.field, condition.op, condition.value, facts)


def _combine(match: str, flags: list[bool]) -> bool | None:
    if match == Match.ALL:
        return all(flags)
    if match == Match.ANY:
        return any(flags)
    return None


def match_rule(
    rule: Rule, facts: TicketFacts, *, explain: bool = True
) -> tuple[bool, tuple[Reason, ...]]:
    """Whether ``rule``'s conditions hold. Explaining checks every condition (no short cut) so
    the trace gives each one's reason; without it the reasons are left empty."""
    if not rule.conditions:
        return True, (Reason("routing.rule.no_conditions", {}),) if explain else ()
    if explain:
        results = [check_condition(c, facts) for c in rule.conditions]
        flags, reasons = [ok for ok, _ in results], tuple(reason for _, reason in results)
    else:
        flags = [holds(c.field, c.op, c.value, facts) is True for c in rule.conditions]
        reasons = ()
    matched = _combine(rule.match, flags)
    if matched is None:
        bad = Reason("routing.rule.invalid_match", {"match": str(rule.match)})
        return False, (bad, *reasons) if explain else ()
    return matched, reasons


@dataclass
class _Outcome:
    group_id: int | None = None
    priority: str | None = None
    assignee_id: int | None = None
    tags: dict[str, None] = field(default_factory=dict)  # an ordered set
    notify: dict[NotifyTarget, None] = field(default_factory=dict)
    fired: list[int] = field(default_factory=list)

    def apply(self, rule: Rule) -> tuple[Reason, ...]:
        """Apply a fired rule's actions; the reasons name the actions that could not run."""
        self.fired.append(rule.id)
        skipped = []
        for action in rule.actions:
            if _action_problem(action) is None:
                self._apply(action.kind, action.value)
            else:
                skipped.append(Reason("routing.action.invalid", {"kind": action.kind}))
        return tuple(skipped)

    def _apply(self, kind: str, value: Any) -> None:
        # ``value`` was checked by ``_action_problem``
        if kind == ActionKind.SET_GROUP:
            self.group_id = value
        elif kind == ActionKind.SET_PRIORITY:
            self.priority = value
        elif kind == ActionKind.ASSIGN_TO:
            self.assignee_id = value
        elif kind == ActionKind.ADD_TAGS:
            self.tags.update((tag.strip(), None) for tag in value)
        elif kind == ActionKind.NOTIFY:
            ((target, ident),) = value.items()
            self.notify[NotifyTarget(target, ident)] = None

    def freeze(self, trace: Sequence[RuleTrace]) -> RulesOutcome:
        return RulesOutcome(
            self.group_id, self.priority, tuple(self.tags), self.assignee_id,
            tuple(self.notify), tuple(self.fired), tuple(trace),
        )  # fmt: skip


def _not_run(rule: Rule, stopped_by: int | None) -> RuleTrace | None:
    if stopped_by is not None:
        reason = Reason("routing.rule.after_stop", {"rule": str(stopped_by)})
        return RuleTrace(rule.id, False, (reason,))
    if not rule.active:
        return RuleTrace(rule.id, False, (Reason("routing.rule.inactive", {}),))
    return None


def evaluate(rules: Iterable[Rule], facts: TicketFacts, *, explain: bool = True) -> RulesOutcome:
    """Run the rules in position order (ties by id); inactive rules are skipped.

    Every matching rule fires and a later rule's ``set_*`` overrides an earlier one's, as in
    the peers' triggers; a fired rule with ``stop`` ends the evaluation, so an administrator
    can pin a decision (e.g. blacklisted → supervisors) above rules that would override it.
    Tags and notifications add up. The trace has one entry a rule, in the order run; with
    ``explain=False`` (routing a real ticket, where only the outcome is kept) its condition
    reasons are left empty, which halves the cost."""
    outcome = _Outcome()
    trace: list[RuleTrace] = []
    stopped_by: int | None = None
    for rule in sorted(rules, key=lambda r: (r.position, r.id)):
        skipped = _not_run(rule, stopped_by)
        if skipped is not None:
            trace.append(skipped)
            continue
        matched, reasons = match_rule(rule, facts, explain=explain)
        if matched:
            reasons += outcome.apply(rule)
            if any(a.kind == ActionKind.STOP for a in rule.actions):
                stopped_by = rule.id
        trace.append(RuleTrace(rule.id, matched, reasons))
    return outcome.freeze(trace)
