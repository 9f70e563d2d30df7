"""Event fan-out to browsers: N WebSocket clients on ``/api/v1/stream`` while tickets are opened
through the REST API at a steady rate; delivery latency and lost / duplicate counts.

``python -m bench.fanout [--clients 50,200] [--rate 10] [--duration 10]
[--modes embedded,redis] [--redis-url redis://127.0.0.1:6379/15]``

- ``embedded``: one ``kefu serve --no-worker`` on SQLite, the in-process bus;
- ``redis``: two ``kefu serve --no-worker`` on one PostgreSQL database sharing Redis; clients
  and writes are split between them, so half of every event's deliveries cross processes.

Latency is from the event's ``created_at`` (stamped by ``record`` inside the writing
transaction, on this machine's clock) to its arrival at a client: it includes the rest of the
transaction, the commit, the bus, the feed and the socket. Every client's received ids are
compared with the outbox after the run: ``lost`` counts events a client should have had and did
not, ``dup`` events it had twice. Figures, not a test: the clients, the servers and the
databases share this machine's cores.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import select
from websockets.asyncio.client import ClientConnection, connect

from bench.measure import PROCS, free_port, log, wait_ready
from bench.run import PG_ADMIN_DEFAULT, Scratch, _kefu_bin
from kefu.core.db import Database
from kefu.core.events import OutboxEvent
from kefu.core.migrate import upgrade
from kefu.users import service as users
from kefu.users.rules import Role

TICKET = {
    "subject": "订单一直没发货",
    "description": "下单三天了还是待发货,麻烦催一下",
    "customer": {"name": "陈先生", "phone": "13600136000"},
    "type": "after_sales",
}


@dataclass
class Seen:
    """One client's view: where it started and what arrived when."""

    start: int | None = None  # the cursor of its "ready"
    arrivals: list[tuple[int, float]] = field(default_factory=list)


@dataclass
class Result:
    mode: str
    processes: int
    clients: int
    tickets_per_s: float
    events_per_s: float
    deliveries: int
    p50_ms: float
    p99_ms: float
    max_ms: float
    lost: int
    dup: int


# -- servers ------------------------------------------------------------------------------------


def _prepare(url: str) -> str:
    """Migrate, and make one agent with a token (every client streams as that agent)."""
    upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            user = users.create_user(session, username="fanout", role=Role.AGENT, password="x")
            return users.issue_token(session, user)
    finally:
        db.dispose()


@contextmanager
def _servers(url: str, count: int, redis_url: str | None, work: Path) -> Any:
    ports = []
    work.mkdir(parents=True, exist_ok=True)
    with ExitStack() as stack:
        for n in range(count):
            port = free_port()
            env = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
            env.update(
                KEFU_HOME=str(work / "home"), KEFU_DATABASE_URL=url, KEFU_PORT=str(port),
                KEFU_SMTP_PORT="0", **({"KEFU_REDIS_URL": redis_url} if redis_url else {}),
            )  # fmt: skip
            argv = [_kefu_bin(), "serve", "--no-worker"]
            proc = PROCS.start(argv, env=env, logfile=work / f"serve-{n}.log")
            stack.callback(PROCS.stop, proc)
            wait_ready(port, "/healthz", proc)
            ports.append(port)
        yield ports


# -- clients and writer -------------------------------------------------------------------------


async def _client(port: int, token: str, seen: Seen, stop: asyncio.Event) -> None:
    url = f"ws://127.0.0.1:{port}/api/v1/stream?token={token}"
    async with connect(url, proxy=None, max_queue=None) as ws:
        seen.start = json.loads(await ws.recv())["id"]
        await _receive(ws, seen, stop)


async def _receive(ws: ClientConnection, seen: Seen, stop: asyncio.Event) -> None:
    while not stop.is_set():
        try:
            raw = await asyncio.wait_for(ws.recv(), 0.5)
        except TimeoutError:
            continue
        at = time.time()
        message = json.loads(raw)
        if message["name"][0].isupper():
            seen.arrivals.append((message["id"], at))


def _write(ports: list[int], token: str, rate: float, duration: float) -> int:
    """Open tickets at ``rate`` a second, alternating between the servers; returns how many."""
    clients = [
        httpx.Client(base_url=f"http://127.0.0.1:{p}", headers={"Authorization": f"Bearer {token}"})
        for p in ports
    ]
    made, started = 0, time.monotonic()
    try:
        while time.monotonic() - started < duration:
            due = started + made / rate
            time.sleep(max(0.0, due - time.monotonic()))
            response = clients[made % len(clients)].post("/api/v1/tickets", json=TICKET)
            response.raise_for_status()
            made += 1
    finally:
        for client in clients:
            client.close()
    return made


async def _run_clients(
    ports: list[int], token: str, count: int, rate: float, duration: float
) -> tuple[list[Seen], int, float]:
    seen = [Seen() for _ in range(count)]
    stop = asyncio.Event()
    tasks = [
        asyncio.create_task(_client(ports[n % len(ports)], token, seen[n], stop))
        for n in range(count)
    ]
    while any(s.start is None for s in seen) and not any(t.done() for t in tasks):
        await asyncio.sleep(0.05)  # all connected (their "ready" read) before writing starts
    started = time.monotonic()
    made = await asyncio.to_thread(_write, ports, token, rate, duration)
    elapsed = time.monotonic() - started
    await asyncio.sleep(2)  # let the last events arrive
    stop.set()
    await asyncio.gather(*tasks)
    return seen, made, elapsed


def _outbox(url: str, after: int) -> dict[int, float]:
    db = Database(url)
    try:
        with db.reading() as session:
            rows = session.execute(
                select(OutboxEvent.id, OutboxEvent.created_at).where(OutboxEvent.id > after)
            )
            return {row.id: row.created_at.timestamp() for row in rows}
    finally:
        db.dispose()


def _figures(
    mode: str, ports: int, seen: list[Seen], made: int, elapsed: float, url: str
) -> Result:
    starts = [s.start for s in seen if s.start is not None]
    assert len(starts) == len(seen), "a client never got ready"
    first = min(starts)
    recorded = _outbox(url, first)
    latencies: list[float] = []
    lost = dup = 0
    for client in seen:
        ids = [i for i, _ in client.arrivals]
        dup += len(ids) - len(set(ids))
        lost += len({i for i in recorded if i > (client.start or 0)} - set(ids))
        latencies += [(at - recorded[i]) * 1000 for i, at in client.arrivals if i in recorded]
    latencies.sort()
    return Result(
        mode, ports, len(seen), round(made / elapsed, 1), round(len(recorded) / elapsed, 1),
        len(latencies), round(statistics.median(latencies), 1),
        round(latencies[int(len(latencies) * 0.99) - 1], 1), round(latencies[-1], 1), lost, dup,
    )  # fmt: skip


def run_mode(mode: str, args: argparse.Namespace, scratch: Scratch, work: Path) -> list[Result]:
    results = []
    for count in args.clients:
        backend = "sqlite" if mode == "embedded" else "postgresql"
        url = scratch.url(backend, f"fanout-{mode}-{count}")
        token = _prepare(url)
        redis_url = args.redis_url if mode == "redis" else None
        servers = 1 if mode == "embedded" else 2
        with _servers(url, servers, redis_url, work / f"{mode}-{count}") as ports:
            log(f"{mode}: {count} clients, {args.rate} tickets/s for {args.duration} s")
            seen, made, elapsed = asyncio.run(
                _run_clients(ports, token, count, args.rate, args.duration)
            )
        results.append(_figures(mode, servers, seen, made, elapsed, url))
        _print(results[-1])
    return results


def _print(r: Result) -> None:
    print(
        f"| {r.mode} | {r.processes} | {r.clients} | {r.tickets_per_s} | {r.events_per_s} "
        f"| {r.deliveries} | {r.p50_ms} | {r.p99_ms} | {r.max_ms} | {r.lost} | {r.dup} |",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.fanout", description=__doc__)
    parser.add_argument("--clients", default="50,200")
    parser.add_argument("--rate", type=float, default=10.0, help="tickets opened a second")
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--modes", default="embedded,redis")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/15")
    parser.add_argument("--pg-url", default=PG_ADMIN_DEFAULT)
    args = parser.parse_args()
    args.clients = [int(c) for c in args.clients.split(",") if c]
    work = Path(tempfile.mkdtemp(prefix="kefu-bench-fanout-"))
    scratch = Scratch(work, args.pg_url, keep=False)
    print("| mode | web processes | clients | tickets/s | events/s | deliveries "
          "| p50 ms | p99 ms | max ms | lost | dup |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    try:
        for mode in [m.strip() for m in args.modes.split(",") if m.strip()]:
            run_mode(mode, args, scratch, work)
    finally:
        PROCS.stop_all()
        scratch.drop_all()


if __name__ == "__main__":
    main()
