"""The engine's decisions as the pages show them: each in words an agent can repeat to the
customer, with the facts an agent looks for first (who pays which parcel, the deadline, the
fee) and the rule it cites. Pure formatting: stored decision JSON in, view objects out."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime, tzinfo
from typing import Any

from kefu.aftersales.api.words import decision
from kefu.aftersales.rules import yuan
from kefu.core.i18n import translate
from kefu.web.aftersales import texts as _texts  # noqa: F401  (registers the texts)

# The order a reader wants them in: can it be done, how, who pays, how much, by when.
ORDER = (
    "return",
    "remedy",
    "shipping",
    "refund_due",
    "instant_refund",
    "respond",
    "refund_timer",
    "transaction_extended",
)


@dataclass(frozen=True)
class Fact:
    label: str
    value: str
    name: str  # a stable hook for tests and styles (payer_return, deadline…)


@dataclass(frozen=True)
class Said:
    key: str
    title: str
    message: str
    rule: str  # the rule row cited, or ""
    refused: bool
    facts: tuple[Fact, ...]


def local_time(value: str | datetime | None, tz: tzinfo) -> str:
    if value is None or value == "":
        return ""
    instant = datetime.fromisoformat(value) if isinstance(value, str) else value
    return instant.astimezone(tz).strftime("%Y-%m-%d %H:%M")


def money(fen: int, locale: str) -> str:
    return translate("asp.yuan", locale, amount=yuan(fen))


def _facts_of(key: str, details: Mapping[str, Any], tz: tzinfo, locale: str) -> list[Fact]:
    def fact(name: str, value: str) -> Fact:
        return Fact(translate(f"asp.fact.{name}", locale), value, name)

    build = _FACTS.get(key)
    return build(details, tz, locale, fact) if build else []


FactMaker = Callable[[str, str], Fact]


def _shipping(d: Mapping[str, Any], _tz: tzinfo, locale: str, fact: FactMaker) -> list[Fact]:
    return [
        fact("payer_outbound", translate(f"asp.payer.{d['payer_outbound']}", locale)),
        fact("payer_return", translate(f"asp.payer.{d['payer_return']}", locale)),
    ]


def _return(d: Mapping[str, Any], tz: tzinfo, _locale: str, fact: FactMaker) -> list[Fact]:
    return [fact("deadline", local_time(d["deadline"], tz))] if d.get("deadline") else []


def _remedy(d: Mapping[str, Any], _tz: tzinfo, locale: str, fact: FactMaker) -> list[Fact]:
    return [fact("remedy", translate(f"asp.remedy.{d['remedy']}", locale))]


def _refund_due(d: Mapping[str, Any], _tz: tzinfo, locale: str, fact: FactMaker) -> list[Fact]:
    return [fact("amount", money(int(d["amount_fen"]), locale))]


def _instant(d: Mapping[str, Any], _tz: tzinfo, locale: str, fact: FactMaker) -> list[Fact]:
    return [
        fact("fee", money(int(d["fee_fen"]), locale)),
        fact("deducted", money(int(d["deducted_fen"]), locale)),
        fact("payout", money(int(d["payout_fen"]), locale)),
    ]


def _at(d: Mapping[str, Any], tz: tzinfo, _locale: str, fact: FactMaker) -> list[Fact]:
    return [fact("deadline", local_time(d["at"], tz))] if d.get("at") else []


def _timer(d: Mapping[str, Any], tz: tzinfo, _locale: str, fact: FactMaker) -> list[Fact]:
    due = d.get("due") or {}
    return [fact("deadline", local_time(due.get("at"), tz))] if due.get("at") else []


_FACTS: dict[str, Callable[[Mapping[str, Any], tzinfo, str, FactMaker], list[Fact]]] = {
    "shipping": _shipping,
    "return": _return,
    "remedy": _remedy,
    "refund_due": _refund_due,
    "instant_refund": _instant,
    "respond": _at,
    "transaction_extended": _at,
    "refund_timer": _timer,
}


def rule_line(rule: Mapping[str, Any] | None, locale: str) -> str:
    if not rule:
        return ""
    return translate(
        "asp.rule_cited", locale, key=rule["key"], scope=rule["scope"], since=rule["effective_from"]
    )


def explain(decisions: Mapping[str, Any], tz: tzinfo, locale: str) -> list[Said]:
    """Every stored decision of a case, in reading order."""
    said: list[Said] = []
    for key in ORDER:
        data = decisions.get(key)
        if not data:
            continue
        words = decision(data, locale)
        details = words.details
        said.append(
            Said(
                key=key,
                title=translate(f"asp.d.{key}", locale),
                message=words.message,
                rule=rule_line(words.rule, locale),
                refused=details.get("allowed") is False,
                facts=tuple(_facts_of(key, details, tz, locale)),
            )
        )
    return said
