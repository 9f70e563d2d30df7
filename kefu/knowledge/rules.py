"""Canned replies, pure: filling in variables, finding a reply as an agent types, and what a
valid reply is. No I/O.

Seed 003 (EBG客服手册, 客服基本要求 6) asks agents to "巧用快捷键、快捷语": a reply is found by its
shortcut first (what the agent types after "/"), then by its title, then by its text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from kefu.core.errors import FieldError
from kefu.core.i18n import LOCALES
from kefu.search.rules import normalise
from kefu.users.rules import RANK, Role

CATEGORIES = (
    "welcome",
    "inquiry",
    "bargaining",
    "payment",
    "logistics",
    "after_sales",
    "complaint",
    "farewell",
    "other",
)
# {agent_number}: the signed-in agent as customers see them (客服8号, seed 001);
# {shop_name}: the shop's name (a setting); {customer_name}: the ticket's customer, else 亲.
VARIABLES = ("agent_number", "shop_name", "customer_name")
CUSTOMER_FALLBACK = "亲"  # how the handbooks address a customer whose name is unknown

TITLE_MAX = 60
BODY_MAX = 2000
SHORTCUT_MAX = 20

_VARIABLE = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)\}")


# -- variables -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Rendered:
    """A reply with its variables filled in; ``unknown`` names the ones that could not be
    (left visible in ``text`` as written, so the agent sees what is missing)."""

    text: str
    unknown: tuple[str, ...]


def render(body: str, variables: Mapping[str, str]) -> Rendered:
    unknown: list[str] = []

    def fill(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in variables:
            return variables[name]
        if name not in unknown:
            unknown.append(name)
        return match.group(0)

    return Rendered(_VARIABLE.sub(fill, body), tuple(unknown))


def variables_in(body: str) -> list[str]:
    return list(dict.fromkeys(_VARIABLE.findall(body)))


def customer_name(name: str | None) -> str:
    return name.strip() if name and name.strip() else CUSTOMER_FALLBACK


# -- validation ----------------------------------------------------------------------------------


def clean_shortcut(value: str) -> str:
    """Shortcuts compare the way they are typed: full-width forms folded (／ is /), lower case."""
    return unicodedata.normalize("NFKC", value).strip().lower()


def validate_reply(
    *, title: str, shortcut: str, body: str, category: str, locale: str
) -> dict[str, FieldError]:
    """Each bad field with its reason: a title of 1–60 characters, a body of 1–2000 using only
    known variables, a shortcut of 1–20 characters without spaces, a known category and locale.
    Values are checked as stored (``title``/``body`` stripped, ``shortcut`` cleaned)."""
    problems: dict[str, FieldError] = {}
    if not 1 <= len(title) <= TITLE_MAX:
        problems["title"] = FieldError("knowledge.title_length", {"max": TITLE_MAX})
    if not 1 <= len(shortcut) <= SHORTCUT_MAX:
        problems["shortcut"] = FieldError("knowledge.shortcut_length", {"max": SHORTCUT_MAX})
    elif any(ch.isspace() for ch in shortcut):
        problems["shortcut"] = FieldError("knowledge.shortcut_space")
    if not 1 <= len(body) <= BODY_MAX:
        problems["body"] = FieldError("knowledge.body_length", {"max": BODY_MAX})
    elif unknown := [v for v in variables_in(body) if v not in VARIABLES]:
        problems["body"] = FieldError(
            "knowledge.unknown_variable",
            {
                "names": "、".join(f"{{{v}}}" for v in unknown),
                "known": "、".join(f"{{{v}}}" for v in VARIABLES),
            },
        )
    if category not in CATEGORIES:
        problems["category"] = FieldError("knowledge.category_unknown")
    if locale not in LOCALES:
        problems["locale"] = FieldError("knowledge.locale_unknown", {"choices": ", ".join(LOCALES)})
    return problems


def may_edit(role: Role) -> bool:
    """Agents use canned replies; supervisors and admins write them."""
    return RANK[role] >= RANK[Role.SUPERVISOR]


# -- search --------------------------------------------------------------------------------------

SHORTCUT_EXACT, SHORTCUT_PREFIX, TITLE, TITLE_INITIALS, BODY = range(5)


@lru_cache(maxsize=8192)
def _folded(text: str) -> str:
    """Simplified, NFKC, lower case: a query in either script finds either."""
    return normalise(text)


@lru_cache(maxsize=4096)
def title_initials(title: str) -> str:
    """Pinyin initials of a title (欢迎语 → hyy): how an input method starts the words."""
    from pypinyin import Style, lazy_pinyin

    return "".join(lazy_pinyin(_folded(title), style=Style.FIRST_LETTER)).lower()


def _key(value: str) -> str:
    return _folded(value).lstrip("/")


def rank(query: str, *, shortcut: str, title: str, body: str) -> int | None:
    """How well a reply matches ``query`` (lower is better), or None when it does not."""
    q = _key(query)
    if not q:
        return BODY
    short = _key(shortcut)
    if short == q:
        return SHORTCUT_EXACT
    if short.startswith(q):
        return SHORTCUT_PREFIX
    if q in _folded(title):
        return TITLE
    if q.isascii() and q.isalnum() and title_initials(title).startswith(q):
        return TITLE_INITIALS
    if q in _folded(body):
        return BODY
    return None


R = TypeVar("R")


def ranked(
    query: str | None,
    replies: Iterable[R],
    fields: Callable[[R], tuple[str, str, str, int, int]],
) -> list[R]:
    """``replies`` that match ``query``, best first, then by position and id; ``fields`` gives
    each one's (shortcut, title, body, position, id). No query: all, by position."""
    scored: list[tuple[int, int, int, R]] = []
    for reply in replies:
        shortcut, title, body, position, reply_id = fields(reply)
        score = rank(query, shortcut=shortcut, title=title, body=body) if query else BODY
        if score is not None:
            scored.append((score, position, reply_id, reply))
    scored.sort(key=lambda s: s[:3])
    return [s[3] for s in scored]
