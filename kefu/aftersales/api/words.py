"""What the after-sales routes share: the shop's time zone, the supervisor check, and the
engine's decisions and refusals said in the caller's language."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from kefu.aftersales.schemas import Decision
from kefu.core.config import Settings
from kefu.core.errors import Conflict, Forbidden, KefuError
from kefu.core.i18n import translate
from kefu.users.rules import RANK, Role
from kefu.users.service import Principal


def shop_tz(settings: Settings) -> ZoneInfo:
    return ZoneInfo(settings.timezone)


def require_supervisor(caller: Principal) -> None:
    if RANK[caller.role] < RANK[Role.SUPERVISOR]:
        raise Forbidden("forbidden")


# -- decisions in words -----------------------------------------------------------------------


def _said(value: Any, locale: str) -> Any:
    """Nested decisions (a deadline, a warning) in words too."""
    if isinstance(value, dict):
        said = {k: _said(v, locale) for k, v in value.items()}
        if "code" in value and "params" in value:
            said["message"] = translate(value["code"], locale, **value["params"])
        return said
    if isinstance(value, list):
        return [_said(v, locale) for v in value]
    return value


def decision(data: dict[str, Any], locale: str) -> Decision:
    rule = data.get("rule")
    details = {k: _said(v, locale) for k, v in data.items() if k not in ("code", "params", "rule")}
    return Decision(
        code=data["code"],
        message=translate(data["code"], locale, **data.get("params", {})),
        source=rule["source"] if rule else data.get("params", {}).get("source"),
        rule=rule,
        details={"params": data.get("params", {}), **details},
    )


def labelled(exc: KefuError, locale: str, prefix: str) -> Conflict:
    """A refusal whose ``old`` and ``new`` are states, with the states' names in its text."""
    params = {
        k: translate(f"{prefix}.{v}", locale) if k in ("old", "new") else v
        for k, v in exc.params.items()
    }
    refused = Conflict(exc.code, fields=exc.fields, **params)
    refused.status = exc.status
    return refused
