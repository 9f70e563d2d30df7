"""kefu benchmarks, with the peer (django-helpdesk + bare framework) in the same run.

``python -m bench.run`` (``make bench``). For each backend: a fresh database, migrated and
bulk-loaded to each size; ``kefu serve --workers N`` on a free loopback port; ticket create
(once, at the first size), ticket lists (50 a page) and search measured with wrk through the
peer's ``lua/bench.lua``. Then the peer harness (``../shared/bench/peer/run.sh``) on the same
backend. Prints one Markdown table with the ratios and the issue's targets; writes the JSON to
``bench/results/<date>-<backend>.json``. Every process started is stopped at the end.

Options (or environment): --backends (KEFU_BENCH_BACKENDS, default sqlite,postgresql),
--sizes (KEFU_BENCH_SIZES, 10000,100000), --duration (KEFU_BENCH_DURATION, 10),
--peer/--no-peer (KEFU_BENCH_PEER, 1), --workers (KEFU_BENCH_WORKERS, 2). PostgreSQL:
KEFU_BENCH_PG_URL names the admin database of a loopback server (default
postgresql+psycopg://postgres@127.0.0.1:5432/postgres); scratch databases kefu_bench_* are
created there and dropped at the end.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import create_engine, func, select
from sqlalchemy.engine import make_url

from kefu.tickets.models import Ticket

from . import corpus, load, report
from .measure import LUA, PEER_DIR, PROCS, ROOT, Knobs, Op, free_port, http_request, log, wait_ready
from .measure import measure as measure_op
from .peer import run_peer

RESULTS = ROOT / "bench" / "results"
PG_ADMIN_DEFAULT = "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
LOOPBACK = ("127.0.0.1", "localhost", "::1")
# POST /api/v1/tickets: the phone is 139 + 8 digits drawn from [ID_MIN, ID_MAX]; the first
# 20,000 of them belong to bulk-loaded customers (recognised), the rest make new customers.
CREATE_BODY = (
    '{"subject":"鞋子开胶了 {n}","description":"我想申请退款,鞋子有质量问题,订单号{id}",'
    '"customer":{"name":"王小姐","phone":"139{id}"},"type":"after_sales","priority":"high",'
    '"channel":"web_chat","catalog_item":"售后 › 退货"}'
)
PHONE_IDS = (10_000_000, 10_039_999)


# -- options --------------------------------------------------------------------------------


def _env(name: str, default: str) -> str:
    return os.environ.get(name, "").strip() or default


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    p.add_argument("--backends", default=_env("KEFU_BENCH_BACKENDS", "sqlite,postgresql"))
    p.add_argument("--sizes", default=_env("KEFU_BENCH_SIZES", "10000,100000"))
    p.add_argument("--duration", type=int, default=int(_env("KEFU_BENCH_DURATION", "10")))
    p.add_argument("--warmup", type=int, default=int(_env("KEFU_BENCH_WARMUP", "2")))
    p.add_argument("--workers", type=int, default=int(_env("KEFU_BENCH_WORKERS", "2")))
    p.add_argument("--connections", type=int, default=8, help="create (as the peer)")
    p.add_argument("--list-connections", type=int, default=0, help="lists/search (= workers)")
    p.add_argument("--wrk-threads", type=int, default=int(_env("KEFU_BENCH_WRK_THREADS", "2")))
    p.add_argument("--quiet-wait", type=int, default=int(_env("KEFU_BENCH_QUIET_WAIT", "30")))
    p.add_argument("--noise-limit", type=int, default=int(_env("KEFU_BENCH_NOISE_LIMIT", "15")))
    p.add_argument("--noise-retries", type=int, default=int(_env("KEFU_BENCH_NOISE_RETRIES", "1")))
    p.add_argument(
        "--peer",
        action=argparse.BooleanOptionalAction,
        default=_env("KEFU_BENCH_PEER", "1") not in ("0", "no", "false"),
    )
    p.add_argument(
        "--keepalive",
        action=argparse.BooleanOptionalAction,
        default=_env("KEFU_BENCH_KEEPALIVE", "1") not in ("0", "no", "false"),
        help="keep-alive connections (default); --no-keepalive: Connection: close",
    )
    p.add_argument("--peer-backends", default=None, help="default: the same as --backends")
    p.add_argument("--pg-url", default=_env("KEFU_BENCH_PG_URL", PG_ADMIN_DEFAULT))
    p.add_argument("--keep", action="store_true", help="keep databases and the work directory")
    args = p.parse_args(argv)
    args.backends = [b.strip() for b in args.backends.split(",") if b.strip()]
    args.sizes = sorted({int(s) for s in args.sizes.replace(" ", ",").split(",") if s.strip()})
    peer_backends = args.peer_backends or ",".join(args.backends)
    args.peer_backends = [b.strip() for b in peer_backends.split(",") if b.strip()]
    args.list_connections = args.list_connections or args.workers
    for backend in {*args.backends, *args.peer_backends}:
        if backend not in ("sqlite", "postgresql"):
            p.error(f"unknown backend {backend!r} (sqlite, postgresql)")
    if make_url(args.pg_url).host not in LOOPBACK:
        p.error("--pg-url must name a loopback server")
    return args


# -- scratch databases ----------------------------------------------------------------------


class Scratch:
    """Fresh databases for one run: SQLite files under the work directory, PostgreSQL
    databases named kefu_bench_<pid>_<what> (dropped at the end unless kept)."""

    def __init__(self, workdir: Path, pg_admin: str, keep: bool) -> None:
        self.workdir, self.pg_admin, self.keep = workdir, pg_admin, keep
        self.made: list[str] = []

    def url(self, backend: str, what: str) -> str:
        if backend == "sqlite":
            (self.workdir / what).mkdir(parents=True, exist_ok=True)
            return f"sqlite:///{self.workdir / what / 'kefu.db'}"
        name = f"kefu_bench_{os.getpid()}_{what}"
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        self._admin(f'CREATE DATABASE "{name}"')
        self.made.append(name)
        return make_url(self.pg_admin).set(database=name).render_as_string(hide_password=False)

    def peer_url(self, backend: str) -> str | None:
        """The peer's DATABASE_URL (its own form: postgres://...), or None for SQLite."""
        if backend == "sqlite":
            return None
        u = make_url(self.url(backend, "peer"))
        auth = u.username + (f":{quote(u.password)}" if u.password else "") if u.username else ""
        return f"postgres://{auth}@{u.host}:{u.port or 5432}/{u.database}"

    def _admin(self, sql: str) -> None:
        from sqlalchemy import text

        engine = create_engine(self.pg_admin, isolation_level="AUTOCOMMIT")
        try:
            with engine.connect() as conn:
                conn.execute(text(sql))
        finally:
            engine.dispose()

    def drop_all(self) -> None:
        if self.keep:
            for name in self.made:
                log(f"kept database {name}")
            return
        for name in self.made:
            try:
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            except Exception as exc:
                log(f"drop {name}: {exc}")


def count_tickets(url: str) -> int:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return int(conn.scalar(select(func.count()).select_from(Ticket)) or 0)
    finally:
        engine.dispose()


# -- the kefu server ------------------------------------------------------------------------


def _kefu_bin() -> str:
    beside = Path(sys.executable).parent / "kefu"
    return str(beside) if beside.exists() else (shutil.which("kefu") or "kefu")


@contextmanager
def kefu_server(url: str, home: Path, workers: int, logfile: Path) -> Iterator[tuple[int, int]]:
    """``kefu serve --workers N`` on a free loopback port; yields (port, process group)."""
    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    env.update(
        {
            "KEFU_HOME": str(home),
            "KEFU_DATABASE_URL": url,
            "KEFU_HOST": "127.0.0.1",
            "KEFU_PORT": str(port),
        }
    )
    home.mkdir(parents=True, exist_ok=True)
    argv = [_kefu_bin(), "serve", "--workers", str(workers)]
    log(f"starting {' '.join(argv[-3:])} on 127.0.0.1:{port}")
    proc = PROCS.start(argv, env=env, logfile=logfile)
    try:
        wait_ready(port, "/healthz", proc)
        yield port, proc.pid
    finally:
        log("stopping kefu serve")
        PROCS.stop(proc)


# -- kefu's operations ----------------------------------------------------------------------


def _cursor_for(port: int, headers: dict[str, str], path: str) -> str | None:
    status, data, _ = http_request(port, "GET", path, headers)
    if status != 200:
        return None
    cursor: str | None = json.loads(data).get("next_cursor")
    return cursor


def _headers(token: str, keepalive: bool) -> dict[str, str]:
    """Bearer auth; with --no-keepalive each request on a new connection (as the peer's
    gunicorn sync workers answer; costs kefu ~1.5 ms of CPU per request in uvicorn)."""
    auth = {"Authorization": f"Bearer {token}"}
    return auth if keepalive else {**auth, "Connection": "close"}


def read_ops(port: int, auth: dict[str, str]) -> list[Op]:
    rare, common, phrase = (quote(t) for t in (corpus.RARE_TERM, corpus.COMMON_TERM, corpus.PHRASE))
    first = "/api/v1/tickets?status=open&limit=50"
    ops = [
        Op("list_open", "GET", first, heavy=True, headers=auth),
        Op("list_all", "GET", "/api/v1/tickets?limit=50", heavy=True, headers=auth),
        Op("list_q_rare", "GET", f"/api/v1/tickets?q={rare}&limit=50", heavy=True, headers=auth),
        Op("search_rare", "GET", f"/api/v1/search?q={rare}", heavy=True, headers=auth),
        Op("search_common", "GET", f"/api/v1/search?q={common}", heavy=True, headers=auth),
        Op("search_phrase", "GET", f"/api/v1/search?q={phrase}", heavy=True, headers=auth),
    ]
    cursor = _cursor_for(port, auth, first)
    if cursor:
        ops.insert(
            1, Op("list_open_p2", "GET", f"{first}&cursor={cursor}", heavy=True, headers=auth)
        )
    return ops


def create_op(auth: dict[str, str]) -> Op:
    return Op(
        "create_ticket",
        "POST",
        "/api/v1/tickets",
        body=CREATE_BODY,
        expect=201,
        id_range=PHONE_IDS,
        headers=auth,
    )


# -- one backend ----------------------------------------------------------------------------


def run_kefu(
    backend: str, url: str, args: argparse.Namespace, workdir: Path
) -> list[dict[str, Any]]:
    knobs = Knobs(
        duration=args.duration,
        warmup=args.warmup,
        connections=args.connections,
        list_connections=args.list_connections,
        quiet_wait=args.quiet_wait,
        noise_limit=args.noise_limit,
        noise_retries=args.noise_retries,
        workers=args.workers,
        wrk_threads=args.wrk_threads,
    )
    results: list[dict[str, Any]] = []
    log(f"kefu ({backend}): migrate + prepare (users, token, catalog, customers)")
    t0 = time.perf_counter()
    fixture = load.prepare(url)
    results.append({"op": "prepare", "seconds": round(time.perf_counter() - t0, 2)})
    for i, size in enumerate(args.sizes):
        log(f"kefu ({backend}): bulk-loading tickets up to {size:,}")
        stats = load.top_up(url, fixture, size, final=args.sizes[-1])
        results.append({"op": "bulk_load", "size": size, **stats.as_dict()})
        log(f"  added {stats.added:,} tickets in {stats.seconds:.1f}s")
        logfile = workdir / f"kefu-{backend}.log"
        with kefu_server(url, workdir / f"home-{backend}", args.workers, logfile) as (port, pgid):
            tickets = count_tickets(url)
            auth = _headers(fixture.token, args.keepalive)
            for op in read_ops(port, auth):
                r = measure_op(knobs, port, op, pgid=pgid)
                results.append({**r, "size": size, "tickets": tickets})
            if i == 0:
                r = measure_op(knobs, port, create_op(auth), pgid=pgid)
                after = count_tickets(url)
                results.append({**r, "size": size, "tickets": tickets, "created": after - tickets})
    for r in results:
        r["backend"] = backend
    return results


# -- the whole run --------------------------------------------------------------------------


def ensure_wrk() -> None:
    if shutil.which("wrk"):
        return
    log("installing wrk with apt-get")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run([*sudo, "apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run([*sudo, "apt-get", "install", "-y", "-qq", "wrk"], check=True, env=env)


def versions(pg_admin: str, backends: list[str]) -> dict[str, str]:
    out = {"python": sys.version.split()[0], "sqlite": sqlite3.sqlite_version}
    for dist in ("kefu", "fastapi", "uvicorn", "SQLAlchemy", "psycopg", "jieba_fast_dat"):
        with suppress(metadata.PackageNotFoundError):
            out[dist] = metadata.version(dist)
    wrk = subprocess.run(["wrk", "-v"], capture_output=True, text=True, check=False)
    out["wrk"] = (wrk.stdout.split() or ["?", "?"])[1]
    if "postgresql" in backends:
        engine = create_engine(pg_admin)
        try:
            with engine.connect() as conn:
                out["postgresql"] = str(conn.exec_driver_sql("SHOW server_version").scalar())
        finally:
            engine.dispose()
    return out


def write_results(meta: dict[str, Any], fig: report.Figures, backends: list[str]) -> list[Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    day = datetime.now(UTC).strftime("%Y-%m-%d")
    written = []
    for backend in backends:
        doc = {
            "meta": meta,
            "kefu": [r for r in fig.kefu if r["backend"] == backend],
            "peer": fig.peers.get(backend),
        }
        path = RESULTS / f"{day}-{backend}.json"
        path.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        written.append(path)
    path = RESULTS / f"{day}-summary.md"
    path.write_text(report.table(fig) + "\n\n" + report.summary(fig) + "\n", encoding="utf-8")
    return [*written, path]


def _on_signal(signum: int, _frame: object) -> None:
    log(f"signal {signum}: stopping started processes")
    PROCS.stop_all()
    raise SystemExit(128 + signum)


def run(args: argparse.Namespace, workdir: Path, scratch: Scratch, fig: report.Figures) -> None:
    with_limit = True
    for backend in dict.fromkeys([*args.backends, *args.peer_backends]):
        if backend in args.backends:
            fig.kefu += run_kefu(backend, scratch.url(backend, "kefu"), args, workdir)
        if args.peer and backend in args.peer_backends:
            fig.peers[backend] = run_peer(
                backend,
                workers=args.workers,
                duration=args.duration,
                sizes=args.sizes,
                with_limit=with_limit,
                database_url=scratch.peer_url(backend),
                knobs={
                    "WARMUP": args.warmup,
                    "CONNECTIONS": args.connections,
                    "LIST_CONNECTIONS": args.list_connections,
                    "QUIET_WAIT": args.quiet_wait,
                    "NOISE_LIMIT": args.noise_limit,
                    "NOISE_RETRIES": args.noise_retries,
                },
            )
            with_limit = False


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if not LUA.exists():
        sys.exit(f"the peer harness is missing: {LUA} (expected beside the checkout)")
    ensure_wrk()
    signal.signal(signal.SIGTERM, _on_signal)
    signal.signal(signal.SIGINT, _on_signal)
    workdir = Path(tempfile.mkdtemp(prefix="kefu-bench-"))
    scratch = Scratch(workdir, args.pg_url, args.keep)
    fig = report.Figures([], {})
    meta: dict[str, Any] = {
        "started_utc": datetime.now(UTC).isoformat(timespec="seconds"),
        "cpus": os.cpu_count(),
        "config": {k: v for k, v in vars(args).items() if k != "pg_url"},
        "server": f"kefu serve --workers {args.workers}",
        "peer_dir": os.path.relpath(PEER_DIR, ROOT),
        "versions": versions(args.pg_url, args.backends),
    }
    t0 = time.perf_counter()
    try:
        run(args, workdir, scratch, fig)
    finally:
        PROCS.stop_all()
        scratch.drop_all()
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)
        meta["total_s"] = round(time.perf_counter() - t0, 1)
        if fig.kefu or fig.peers:
            paths = write_results(meta, fig, list(dict.fromkeys([*args.backends, *fig.peers])))
            print(report.table(fig) + "\n\n" + report.summary(fig))
            print(
                f"\nTotal {meta['total_s'] / 60:.1f} min. JSON: "
                + ", ".join(os.path.relpath(p, ROOT) for p in paths)
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
