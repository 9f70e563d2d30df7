"""The fields a routing condition may test: what each accepts and how it is read from the facts
of a request. Pure; the rule engine built on it is ``conditions.py``.

Conditions arrive as stored (JSON), so checking is defensive: a value that does not fit its
operator never raises, the condition fails with ``routing.condition.invalid``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from enum import StrEnum
from functools import lru_cache
from operator import attrgetter
from typing import NamedTuple, cast

from kefu.tickets.rules import Channel, Priority, TicketType


@dataclass(frozen=True)
class TicketFacts:
    """What routing may look at; the caller gathers it before the ticket row is written."""

    channel: str
    type: str
    priority: str
    catalog_path: tuple[int, ...]  # the catalog item and its ancestors, item first; () = none
    vip_level: int
    blacklisted: bool
    text: str  # subject + first message, normalised (simplified Chinese, casefolded)
    in_business_hours: bool
    entry_point: str = ""  # a web form, WeChat account or navigation menu key


class Field(StrEnum):
    CHANNEL = "channel"
    TYPE = "type"
    PRIORITY = "priority"
    CATALOG_ITEM = "catalog_item"  # the item or any of its descendants
    VIP_LEVEL = "vip_level"
    BLACKLISTED = "blacklisted"
    KEYWORDS = "keywords"
    BUSINESS_HOURS = "business_hours"
    ENTRY_POINT = "entry_point"


class Op(StrEnum):
    EQ = "eq"
    NE = "ne"
    IN = "in"
    NOT_IN = "not_in"
    GTE = "gte"
    LTE = "lte"
    ANY_OF = "any_of"
    ALL_OF = "all_of"
    NONE_OF = "none_of"
    IS = "is"


class Reason(NamedTuple):
    """An i18n code and its parameters."""

    code: str
    params: dict[str, str]


class Problem(NamedTuple):
    """What is wrong with a rule: the dotted path of the input (``conditions.0.value``), an i18n
    code and its parameters; the API turns a list of them into its ``fields``."""

    path: str
    code: str
    params: dict[str, str]


MAX_VALUES = 100  # items in one list value
MAX_TEXT = 100  # characters of a keyword or an entry point
PRIORITY_RANK: Mapping[str, int] = {p.value: rank for rank, p in enumerate(Priority)}

_EQUALITY = frozenset({Op.EQ, Op.NE, Op.IN, Op.NOT_IN})
_LIST_OPS = frozenset({Op.IN, Op.NOT_IN, Op.ANY_OF, Op.ALL_OF, Op.NONE_OF})


@dataclass(frozen=True)
class Spec:
    ops: frozenset[str]
    kind: str  # choice | id | level | flag | text
    choices: tuple[str, ...] = ()


FIELDS: Mapping[str, Spec] = {
    Field.CHANNEL: Spec(_EQUALITY, "choice", tuple(Channel)),
    Field.TYPE: Spec(_EQUALITY, "choice", tuple(TicketType)),
    Field.PRIORITY: Spec(_EQUALITY | {Op.GTE, Op.LTE}, "choice", tuple(Priority)),
    Field.CATALOG_ITEM: Spec(_EQUALITY, "id"),
    Field.VIP_LEVEL: Spec(frozenset({Op.EQ, Op.GTE, Op.LTE}), "level"),
    Field.BLACKLISTED: Spec(frozenset({Op.IS}), "flag"),
    Field.KEYWORDS: Spec(frozenset({Op.ANY_OF, Op.ALL_OF, Op.NONE_OF}), "text"),
    Field.BUSINESS_HOURS: Spec(frozenset({Op.IS}), "flag"),
    Field.ENTRY_POINT: Spec(_EQUALITY, "text"),
}


def is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def show(value: object) -> str:
    """A value as the dry run prints it."""
    if isinstance(value, tuple | list):
        return "、".join(v if isinstance(v, str) else show(v) for v in value)
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


# -- validation ---------------------------------------------------------------------------------


def _scalar_problem(spec: Spec, value: object) -> tuple[str, dict[str, str]] | None:
    if spec.kind == "choice":
        ok = isinstance(value, str) and value in spec.choices
        return None if ok else ("field.choice", {"choices": ", ".join(spec.choices)})
    if spec.kind in ("id", "level"):
        if not is_int(value):
            return "field.type", {}
        lowest = 1 if spec.kind == "id" else 0
        return None if cast(int, value) >= lowest else ("field.out_of_range", {})
    if spec.kind == "flag":
        return None if isinstance(value, bool) else ("field.type", {})
    if not isinstance(value, str):
        return "field.type", {}
    if not value.strip():
        return "field.required", {}
    return None if len(value) <= MAX_TEXT else ("field.too_long", {"max": str(MAX_TEXT)})


def _value_problems(path: str, spec: Spec, op: str, value: object) -> list[Problem]:
    if op not in _LIST_OPS:
        found = _scalar_problem(spec, value)
        return [Problem(path, *found)] if found else []
    if not isinstance(value, list | tuple) or not value:
        return [Problem(path, "routing.condition.list_required", {})]
    if len(value) > MAX_VALUES:
        return [Problem(path, "routing.condition.too_many_values", {"max": str(MAX_VALUES)})]
    return [
        Problem(f"{path}.{i}", *found)
        for i, item in enumerate(value)
        if (found := _scalar_problem(spec, item))
    ]


def condition_problems(path: str, name: str, op: str, value: object) -> list[Problem]:
    """The problems of one condition; ``path`` prefixes each problem's path."""
    spec = FIELDS.get(name)
    if spec is None:
        code = "field.choice" if name else "field.required"
        return [Problem(f"{path}.field", code, {"choices": ", ".join(FIELDS)})]
    if op not in spec.ops:
        params = {"field": name, "ops": ", ".join(sorted(spec.ops))}
        return [Problem(f"{path}.op", "routing.condition.op_not_allowed", params)]
    return _value_problems(f"{path}.value", spec, op, value)


# -- checking -----------------------------------------------------------------------------------


def _actual(name: str, facts: TicketFacts) -> object:
    if name == Field.CATALOG_ITEM:
        return facts.catalog_path[0] if facts.catalog_path else None
    if name == Field.BUSINESS_HOURS:
        return facts.in_business_hours
    return getattr(facts, name)


def _shown_actual(name: str, facts: TicketFacts) -> str:
    if name == Field.CATALOG_ITEM:
        return " › ".join(str(i) for i in reversed(facts.catalog_path)) or "-"
    return show(_actual(name, facts)) or "-"


def _ordinal(name: str, value: object) -> int | None:
    if name == Field.PRIORITY:
        return PRIORITY_RANK.get(value) if isinstance(value, str) else None
    return cast(int, value) if is_int(value) else None


def _words(value: object) -> tuple[str, ...] | None:
    if not isinstance(value, tuple | list):
        return None
    words = tuple(w for w in value if isinstance(w, str) and w)
    return words if len(words) == len(value) else None


Predicate = Callable[[TicketFacts], bool | None]  # None: the condition is malformed


def _malformed(facts: TicketFacts) -> bool | None:
    return None


def _getter(name: str) -> Callable[[TicketFacts], object]:
    if name == Field.CATALOG_ITEM:
        return attrgetter("catalog_path")
    return attrgetter("in_business_hours" if name == Field.BUSINESS_HOURS else name)


def _equality(name: str, op: str, value: object) -> Predicate:
    want = op in (Op.EQ, Op.IN)
    pool = (value,) if op in (Op.EQ, Op.NE) else value
    if not isinstance(pool, tuple | list) or not all(isinstance(v, str | int) for v in pool):
        return _malformed
    if name == Field.CATALOG_ITEM:
        # an ancestor counts: a rule on 售后 also covers 售后 › 退货
        return lambda f: any(item in pool for item in f.catalog_path) == want
    get = _getter(name)
    return lambda f: (get(f) in pool) == want


def _order(name: str, op: str, value: object) -> Predicate:
    bound, get = _ordinal(name, value), _getter(name)
    if bound is None:
        return _malformed

    def test(facts: TicketFacts) -> bool | None:
        have = _ordinal(name, get(facts))
        if have is None:
            return None
        return have >= bound if op == Op.GTE else have <= bound

    return test


def _keywords(op: str, value: object) -> Predicate:
    """Substring search: Chinese has no spaces between words, and the caller normalised the
    text (simplified, casefolded); keywords are casefolded here so 'VIP' finds 'vip'."""
    words = _words(value)
    if words is None:
        return _malformed
    folded = tuple(w.casefold() for w in words)
    if op == Op.ALL_OF:
        return lambda f: all(w in f.text for w in folded)
    if op == Op.ANY_OF:
        return lambda f: any(w in f.text for w in folded)
    return lambda f: not any(w in f.text for w in folded)


def _compile(name: str, op: str, value: object) -> Predicate:
    spec = FIELDS.get(name)
    if spec is None or op not in spec.ops:
        return _malformed
    if name == Field.KEYWORDS:
        return _keywords(op, value)
    if op == Op.IS:
        get = _getter(name)
        return (lambda f: get(f) is value) if isinstance(value, bool) else _malformed
    if op in (Op.GTE, Op.LTE):
        return _order(name, op, value)
    return _equality(name, op, value)


@lru_cache(maxsize=4096, typed=True)
def _compiled(name: str, op: str, value: object) -> Predicate:
    return _compile(name, op, value)


def predicate(name: str, op: str, value: object) -> Predicate:
    """The test of the condition ``name op value``, compiled once: the field, operator and
    value are looked at when the condition is first seen, not for every ticket. Memoised on the
    condition's content, so rules rebuilt from their rows for each ticket still hit."""
    try:
        return _compiled(name, op, value)
    except TypeError:  # an unhashable (malformed) value
        return _compile(name, op, value)


def holds(name: str, op: str, value: object, facts: TicketFacts) -> bool | None:
    """Whether the condition ``name op value`` holds for ``facts``; None when it is malformed
    (unknown field, operator not allowed, a value that does not fit)."""
    return predicate(name, op, value)(facts)


def _keywords_reason(op: str, words: tuple[str, ...], text: str) -> Reason:
    found = [w for w in words if w.casefold() in text]
    if op == Op.ALL_OF:
        missing = [w for w in words if w not in found]
        if missing:
            return Reason("routing.condition.keywords_missing", {"keywords": show(missing)})
        return Reason("routing.condition.keywords_all_found", {"keywords": show(words)})
    if op == Op.ANY_OF:
        if found:
            return Reason("routing.condition.keyword_found", {"keyword": found[0]})
        return Reason("routing.condition.keywords_missing", {"keywords": show(words)})
    if found:
        return Reason("routing.condition.keyword_present", {"keyword": found[0]})
    return Reason("routing.condition.keywords_absent", {"keywords": show(words)})


def check(name: str, op: str, value: object, facts: TicketFacts) -> tuple[bool, Reason]:
    """``holds``, with the reason shown in the dry run (the expected and the actual value)."""
    held = holds(name, op, value, facts)
    if held is None:
        return False, Reason("routing.condition.invalid", {"field": name, "op": op})
    if name == Field.KEYWORDS:
        return held, _keywords_reason(op, _words(value) or (), facts.text)
    params = {
        "field": name,
        "op": op,
        "expected": show(value),
        "actual": _shown_actual(name, facts),
    }
    return held, Reason("routing.condition.met" if held else "routing.condition.not_met", params)
