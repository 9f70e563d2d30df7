"""The figures table: kefu and the peer side by side, ratios, and the issue's three targets."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

CREATE_RATIO = 3.0  # ticket create >= 3x django-helpdesk's REST create, same worker count
LIST_P95_MS = 30.0  # ticket list at 100k tickets
SEARCH_P95_MS = 100.0  # Chinese search at 100k tickets
TARGET_SIZE = 100_000

LIST_OPS = ("list_open", "list_open_p2", "list_all")
SEARCH_OPS = ("search_rare", "search_common", "search_phrase")
# kefu op -> (peer ops it is compared with, limit op it is compared with)
COMPARED = {
    "create_ticket": (("create_ticket",), "fastapi_insert_sqlalchemy"),
    **{op: (("list_queue_ui", "list_api"), "fastapi_hello") for op in LIST_OPS},
    "list_q_rare": (("search_ui",), "fastapi_hello"),
    **{op: (("search_ui",), "fastapi_hello") for op in SEARCH_OPS},
}


@dataclass(frozen=True)
class Rate:
    """A throughput, or a bound on it when a request did not finish (``bound`` "<")."""

    rps: float
    bound: str = ""


def rate(result: dict[str, Any] | None) -> Rate | None:
    if not result:
        return None
    if result.get("rps"):
        return Rate(float(result["rps"]))
    if result.get("p50_ms_lower_bound"):
        return Rate(1000 / float(result["p50_ms_lower_bound"]), "<")
    return None


class Figures:
    """kefu's results (each tagged with its backend) and the peer's JSON documents."""

    def __init__(self, kefu: list[dict[str, Any]], peers: dict[str, dict[str, Any]]) -> None:
        self.kefu = kefu
        self.peers = peers

    def peer(self, backend: str, op: str, size: int | None) -> dict[str, Any] | None:
        doc = self.peers.get(backend) or {}
        found = [r for r in doc.get("results", []) if r.get("op") == op]
        if size is not None and op != "create_ticket":
            found = [r for r in found if r.get("size") == size]
        return found[0] if found else None

    def limit(self, op: str) -> dict[str, Any] | None:
        for doc in self.peers.values():
            for r in doc.get("results", []):
                if r.get("part") == "limit" and r.get("op") == op:
                    return dict(r)
        return None

    def ratio(self, result: dict[str, Any], other: dict[str, Any] | None) -> str:
        mine, theirs = rate(result), rate(other)
        if mine is None or theirs is None:
            return "-"
        value = mine.rps / theirs.rps
        prefix = ">" if theirs.bound == "<" else ""
        return f"{prefix}{value:,.2f}×" if value < 10 else f"{prefix}{value:,.0f}×"

    def peer_ratios(self, r: dict[str, Any]) -> str:
        peer_ops, _ = COMPARED.get(r["op"], ((), ""))
        parts = []
        for op in peer_ops:
            value = self.ratio(r, self.peer(r["backend"], op, r.get("size")))
            parts.append(f"{value} {op}" if len(peer_ops) > 1 else value)
        return " / ".join(parts) or "-"

    def limit_ratio(self, r: dict[str, Any]) -> str:
        _, limit_op = COMPARED.get(r["op"], ((), ""))
        if not limit_op:
            return "-"
        return f"{self.ratio(r, self.limit(limit_op))} {limit_op}"


# -- targets --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Verdict:
    target: str
    backend: str
    ok: bool | None  # None: could not be judged (a figure is missing)
    detail: str

    @property
    def word(self) -> str:
        return {True: "PASS", False: "FAIL", None: "n/a"}[self.ok]


def verdict_of(fig: Figures, r: dict[str, Any]) -> Verdict | None:
    op, backend, p95 = r["op"], r["backend"], r.get("p95_ms")
    if op == "create_ticket":
        peer = rate(fig.peer(backend, "create_ticket", None))
        mine = rate(r)
        if peer is None or mine is None:
            return Verdict("create ≥ 3× peer", backend, None, "peer or kefu figure missing")
        ratio = mine.rps / peer.rps
        detail = f"{mine.rps:,.0f} vs {peer.rps:,.1f} req/s = {ratio:.1f}×"
        return Verdict("create ≥ 3× peer", backend, ratio >= CREATE_RATIO, detail)
    if (r.get("size") or 0) < TARGET_SIZE or (op not in LIST_OPS and op not in SEARCH_OPS):
        return None
    limit, name = (
        (LIST_P95_MS, "list p95 ≤ 30 ms @100k")
        if op in LIST_OPS
        else (SEARCH_P95_MS, "search p95 ≤ 100 ms @100k")
    )
    if p95 is None:
        return Verdict(name, backend, False, f"{op}: {r.get('error', 'no figure')}")
    return Verdict(name, backend, p95 <= limit, f"{op} p95 {p95:.1f} ms")


def verdicts(fig: Figures) -> list[Verdict]:
    return [v for r in fig.kefu if (v := verdict_of(fig, r)) is not None]


# -- the table ------------------------------------------------------------------------------


def _num(value: Any, digits: int = 1) -> str:
    if value is None:
        return "-"
    if isinstance(value, int | float) and value >= 100:
        return f"{value:,.0f}"
    return f"{value:,.{digits}f}"


def _row(cells: Iterable[Any]) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def _figures(r: dict[str, Any]) -> list[str]:
    rps = rate(r)
    shown = "-" if rps is None else f"{rps.bound}{_num(rps.rps, 2 if rps.rps < 10 else 1)}"
    if r.get("error") and rps is None:
        shown = "error"
    if r.get("mode") == "sequential":
        shown += " (seq)"
    return [shown, *(_num(r.get(f"p{p}_ms")) for p in (50, 95, 99))]


def _tickets(r: dict[str, Any]) -> str:
    value = r.get("tickets")
    return f"{value:,}" if isinstance(value, int) else "-"


def table(fig: Figures) -> str:
    head = ["system", "op", "backend", "tickets", "req/s", "p50 ms", "p95 ms", "p99 ms"]
    head += ["noise %", "kefu ÷ peer (req/s)", "kefu ÷ limit (req/s)", "target"]
    lines = [_row(head), _row("---" if i < 3 else "---:" for i in range(len(head)))]
    for r in fig.kefu:
        if "method" not in r:
            continue  # prepare / bulk_load: see load_summary
        v = verdict_of(fig, r)
        target = f"{v.word} ({v.target})" if v else ""
        lines.append(
            _row(
                [
                    "kefu",
                    r["op"],
                    r["backend"],
                    _tickets(r),
                    *_figures(r),
                    _num(r.get("noise_pct")),
                    fig.peer_ratios(r),
                    fig.limit_ratio(r),
                    target,
                ]
            )
        )
    for backend, doc in fig.peers.items():
        for r in doc.get("results", []):
            if "op" not in r or r.get("op") == "bulk_load_orm":
                continue
            system = "limit" if r.get("part") == "limit" else "django-helpdesk"
            cells = [system, r["op"], backend, _tickets(r), *_figures(r)]
            lines.append(_row([*cells, _num(r.get("noise_pct")), "", "", ""]))
    return "\n".join(lines)


def load_summary(fig: Figures) -> list[str]:
    lines = []
    for r in fig.kefu:
        if r["op"] == "bulk_load":
            lines.append(
                f"- kefu {r['backend']}: {r['before']:,} → {r['target']:,} tickets "
                f"(+{r['added']:,}, {r['messages']:,} messages, {r['documents']:,} search "
                f"documents) in {r['seconds']:.1f} s = {r['tickets_per_s'] or 0:,.0f} tickets/s"
            )
    for backend, doc in fig.peers.items():
        for r in doc.get("results", []):
            if r.get("op") == "bulk_load_orm":
                lines.append(
                    f"- django-helpdesk {backend}: up to {r['size']:,} (+{r['added']:,}) "
                    f"in {r['seconds']:.1f} s = {r.get('rows_per_s') or 0:,.0f} tickets/s (ORM)"
                )
    return ["Bulk load:", *lines] if lines else []


def summary(fig: Figures) -> str:
    lines = [*load_summary(fig), "", "Targets (issue 2):"]
    for v in verdicts(fig):
        lines.append(f"- {v.word}  {v.target}  [{v.backend}]  {v.detail}")
    return "\n".join(lines)
