"""Processes, probes, wrk runs and CPU accounting for the benchmark runner.

The method is the peer harness's (../shared/bench/peer/README.md, "What is measured"), so the
figures compare: one probe request (status checked), then ``warmup`` s of unrecorded wrk load and
``duration`` s of recorded load (closed loop, one wrk thread, its generic ``lua/bench.lua``);
an operation whose single request takes more than ``duration / 4`` is timed with sequential
requests instead. After each run the server is left to finish what was in flight.
"""

from __future__ import annotations

import contextlib
import http.client
import json
import os
import re
import resource
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]  # the kefu checkout
# The peer harness sits beside the checkout: <root>/../shared/bench/peer.
PEER_DIR = Path(os.environ.get("KEFU_BENCH_PEER_DIR") or ROOT.parent / "shared" / "bench" / "peer")
LUA = PEER_DIR / "lua" / "bench.lua"
CLK = os.sysconf("SC_CLK_TCK")


def log(msg: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)


# -- processes ------------------------------------------------------------------------------


class Procs:
    """Every process the runner starts, each in its own session; stopped by its PID/group."""

    def __init__(self) -> None:
        self.live: list[subprocess.Popen[Any]] = []

    def start(
        self, argv: list[str], *, env: dict[str, str], logfile: Path
    ) -> subprocess.Popen[Any]:
        with logfile.open("ab") as fh:
            proc = subprocess.Popen(
                argv,
                env=env,
                stdout=fh,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.live.append(proc)
        return proc

    def stop(self, proc: subprocess.Popen[Any], grace: float = 15) -> None:
        """SIGTERM the PID; then SIGTERM / SIGKILL whatever is left of its process group."""
        if proc.poll() is None:
            _signal(lambda: os.kill(proc.pid, signal.SIGTERM))
            with contextlib.suppress(subprocess.TimeoutExpired):
                proc.wait(timeout=grace)
        for sig in (signal.SIGTERM, signal.SIGKILL):
            if not _group_alive(proc.pid):
                break
            _signal(lambda s=sig: os.killpg(proc.pid, s))
            time.sleep(1)
        if proc.poll() is None:
            proc.wait(timeout=5)
        if proc in self.live:
            self.live.remove(proc)

    def stop_all(self) -> None:
        for proc in list(self.live):
            try:
                self.stop(proc)
            except Exception as exc:  # keep going: stop the others too
                log(f"stop {proc.pid}: {exc}")


def _signal(send: Any) -> None:
    with contextlib.suppress(ProcessLookupError):
        send()


def _group_alive(pgid: int) -> bool:
    try:
        os.killpg(pgid, 0)
    except (ProcessLookupError, PermissionError):
        return False
    return True


PROCS = Procs()


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


def http_request(
    port: int,
    method: str,
    path: str,
    headers: dict[str, str] | None = None,
    body: str | None = None,
    timeout: float = 60,
) -> tuple[int, bytes, float]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        t0 = time.perf_counter()
        conn.request(method, path, body=body.encode() if body else None, headers=headers or {})
        response = conn.getresponse()
        data = response.read()
        return response.status, data, time.perf_counter() - t0
    finally:
        conn.close()


def wait_ready(port: int, path: str, proc: subprocess.Popen[Any], timeout: float = 90) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited early with code {proc.returncode}")
        try:
            if http_request(port, "GET", path, timeout=2)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server not ready on 127.0.0.1:{port} after {timeout}s")


# -- CPU accounting -------------------------------------------------------------------------


def _proc_stat() -> list[int]:
    with open("/proc/stat") as f:
        return [int(x) for x in f.readline().split()[1:9]]


def _scan_all() -> dict[int, tuple[int, int, str]]:
    """pid -> (cpu ticks so far, process group, command name)."""
    out = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/stat") as f:
                head, rest = f.read().rsplit(")", 1)
        except OSError:
            continue
        fields = rest.split()
        out[int(pid)] = (int(fields[11]) + int(fields[12]), int(fields[2]), head.split("(", 1)[1])
    return out


def _group_cpu(pgid: int) -> float:
    return sum(t for t, g, _ in _scan_all().values() if g == pgid) / CLK


def _own_cpu() -> float:
    a = resource.getrusage(resource.RUSAGE_SELF)
    b = resource.getrusage(resource.RUSAGE_CHILDREN)
    return a.ru_utime + a.ru_stime + b.ru_utime + b.ru_stime


class CpuMeter:
    """Where the CPU went during a run, in % of one core: the server's process group, the
    database (processes named ``postgres``), the client (this script + wrk), the rest
    (``other``: a disturbance) and the hypervisor's steal. ``noise_pct`` = other + steal."""

    def __init__(self, pgid: int | None) -> None:
        self.pgid = pgid
        self.result: dict[str, Any] = {}

    def __enter__(self) -> CpuMeter:
        self.t0 = time.perf_counter()
        self.stat0 = _proc_stat()
        self.procs0 = _scan_all()
        self.own0 = _own_cpu()
        return self

    def __exit__(self, *exc: object) -> None:
        wall = time.perf_counter() - self.t0
        stat = [b - a for a, b in zip(self.stat0, _proc_stat(), strict=True)]
        ticks = {"server": 0, "db": 0, "other": 0}
        workers: list[int] = []
        me = os.getpid()
        for pid, (used, pgrp, comm) in _scan_all().items():
            delta = used - self.procs0.get(pid, (0, 0, ""))[0]
            if delta <= 0 or pid == me:
                continue
            if self.pgid and pgrp == self.pgid:
                ticks["server"] += delta
                workers.append(delta)
            elif comm == "postgres":
                ticks["db"] += delta
            elif comm != "wrk":
                ticks["other"] += delta

        def share(value: float) -> float:
            return round(100 * value / wall, 1)

        self.result = {
            "server_cpu_pct": share(ticks["server"] / CLK),
            "client_cpu_pct": share(_own_cpu() - self.own0),
            "other_cpu_pct": share(ticks["other"] / CLK),
            "softirq_cpu_pct": share((stat[5] + stat[6]) / CLK),
            "steal_cpu_pct": share(stat[7] / CLK),
        }
        if ticks["db"]:
            self.result["db_cpu_pct"] = share(ticks["db"] / CLK)
        if self.pgid:
            self.result["worker_cpu_pct"] = sorted(
                (share(t / CLK) for t in workers if t), reverse=True
            )
        self.result["noise_pct"] = round(
            self.result["other_cpu_pct"] + self.result["steal_cpu_pct"], 1
        )


def drain(pgid: int | None, limit_s: float = 60) -> float:
    """Wait until the server is idle again (it finishes requests wrk left in flight)."""
    if not pgid:
        return 0.0
    t0 = time.perf_counter()
    while time.perf_counter() - t0 < limit_s:
        c0, w0 = _group_cpu(pgid), time.perf_counter()
        time.sleep(0.3)
        if (_group_cpu(pgid) - c0) / (time.perf_counter() - w0) < 0.05:
            break
    return round(time.perf_counter() - t0, 2)


# -- one measurement ------------------------------------------------------------------------


@dataclass
class Op:
    name: str
    method: str
    path: str
    body: str | None = None
    expect: int = 200
    heavy: bool = False  # list / search: the list connection count
    id_range: tuple[int, int] = (1, 1)
    headers: dict[str, str] = field(default_factory=dict)

    def render(self, n: int) -> tuple[str, dict[str, str], str | None]:
        """The substitution bench.lua does, for the probe and sequential requests."""
        idv = str((self.id_range[0] + self.id_range[1]) // 2 + n)
        path = self.path.replace("{id}", idv)
        body = self.body.replace("{n}", f"9{n}").replace("{id}", idv) if self.body else None
        headers = dict(self.headers)
        if body:
            headers.setdefault("Content-Type", "application/json")
        return path, headers, body


@dataclass
class Knobs:
    duration: int = 10
    warmup: int = 2
    connections: int = 8
    list_connections: int = 2
    timeout: int = 20
    quiet_wait: int = 30  # s to wait, before each measurement, for the machine to be idle
    noise_limit: float = 15  # % of a core used by others (+ steal) that makes a run noisy
    noise_retries: int = 1  # a noisy run is measured again, the cleanest attempt kept
    balance_retries: int = 3  # runs with all connections on one worker are measured again
    workers: int = 2
    wrk_threads: int = 2  # two threads connect apart: uvicorn's workers then share the load


def _machine_busy() -> float:
    v = _proc_stat()
    return (sum(v) - v[3] - v[4]) / CLK  # all but idle and iowait, in CPU seconds


def wait_quiet(knobs: Knobs, at_least: float = 0) -> float | None:
    """Wait (bounded) until other processes use less than ``noise_limit`` % of a core."""
    limit = max(knobs.quiet_wait, at_least)
    if limit <= 0:
        return None
    deadline = time.time() + limit
    while True:
        b0, t0 = _machine_busy(), time.perf_counter()
        time.sleep(1)
        busy = 100 * (_machine_busy() - b0) / (time.perf_counter() - t0)
        if busy < knobs.noise_limit or time.time() > deadline:
            if busy >= knobs.noise_limit:
                log(f"machine still busy ({busy:.0f}% of a core by others): measuring anyway")
            return round(busy, 1)


def run_wrk(knobs: Knobs, port: int, op: Op, connections: int, seconds: int) -> dict[str, Any]:
    env = dict(os.environ)
    env.update(
        {
            "BENCH_METHOD": op.method,
            "BENCH_PATH": op.path,
            "BENCH_BODY": op.body or "",
            "BENCH_HEADERS": "|".join(f"{k}: {v}" for k, v in op.headers.items()),
            "BENCH_ID_MIN": str(op.id_range[0]),
            "BENCH_ID_MAX": str(op.id_range[1]),
        }
    )
    argv = [
        "wrk",
        f"-t{max(1, min(knobs.wrk_threads, connections))}",
        f"-c{connections}",
        f"-d{seconds}s",
        f"--timeout={knobs.timeout}s",
        "-s",
        str(LUA),
        f"http://127.0.0.1:{port}",
    ]
    proc = subprocess.Popen(
        argv,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    PROCS.live.append(proc)
    try:
        out, err = proc.communicate(timeout=seconds + knobs.timeout + 15)
    except subprocess.TimeoutExpired:
        PROCS.stop(proc, grace=2)
        raise RuntimeError("wrk did not finish in time") from None
    PROCS.live.remove(proc)
    match = re.search(r"^WRKJSON (\{.*\})$", out, re.M)
    if proc.returncode != 0 or not match:
        raise RuntimeError(f"wrk failed rc={proc.returncode}: {err[-500:]} {out[-500:]}")
    result: dict[str, Any] = json.loads(match.group(1))
    return result


def _pct(values: list[float], p: float) -> float:
    k = max(0, min(len(values) - 1, round(p / 100 * len(values) + 0.5) - 1))
    return round(values[k], 2)


def _sequential(knobs: Knobs, port: int, op: Op, first: float, t0: float) -> dict[str, Any]:
    samples = [first]
    while len(samples) < 20 and time.perf_counter() - t0 + samples[-1] <= knobs.duration:
        path, headers, body = op.render(len(samples))
        status, _, lat = http_request(port, op.method, path, headers, body, knobs.timeout)
        if status != op.expect:
            return {"error": f"HTTP {status} on sample {len(samples) + 1}"}
        samples.append(lat)
    ms = sorted(x * 1000 for x in samples)
    return {
        "mode": "sequential",
        "connections": 1,
        "requests": len(ms),
        "rps": round(len(ms) / sum(samples), 3),
        **{f"p{p}_ms": _pct(ms, p) for p in (50, 90, 95, 99)},
        "max_ms": round(ms[-1], 2),
        "mean_ms": round(sum(ms) / len(ms), 2),
        "errors": 0,
    }


def _balanced(knobs: Knobs, cpu: dict[str, Any], connections: int) -> bool:
    """Whether every worker took a share of the load. uvicorn's workers accept from one
    socket; with as few keep-alive connections as workers, the kernel may hand all of them to
    one worker while the other idles (a measurement artefact: such a run is repeated)."""
    shares = [x for x in cpu.get("worker_cpu_pct", []) if x >= 1]
    if knobs.workers < 2 or connections > 2 * knobs.workers or not shares:
        return True
    top = shares[: knobs.workers] + [0.0] * (knobs.workers - len(shares[: knobs.workers]))
    return bool(min(top) >= 0.4 * max(top))


def _badness(knobs: Knobs, cpu: dict[str, Any]) -> tuple[int, float]:
    noisy = cpu["noise_pct"] > knobs.noise_limit
    return (0 if cpu["balanced"] else 1, cpu["noise_pct"] if noisy else 0)


def _why_again(knobs: Knobs, op: Op, cpu: dict[str, Any]) -> None:
    if not cpu["balanced"]:
        log(f"{op.name}: connections landed on one worker {cpu['worker_cpu_pct']}; again")
    else:
        log(f"{op.name}: others used {cpu['noise_pct']}% of a core; measuring again")
        wait_quiet(knobs, at_least=20)


def _loaded(knobs: Knobs, port: int, op: Op, pgid: int | None) -> dict[str, Any]:
    connections = knobs.list_connections if op.heavy else knobs.connections
    if knobs.warmup > 0:
        run_wrk(knobs, port, op, connections, knobs.warmup)
        drain(pgid, knobs.timeout)
    best: tuple[dict[str, Any], dict[str, Any], float] | None = None
    last: dict[str, Any] = {}
    attempts = 0
    while attempts <= max(0, knobs.noise_retries) + max(0, knobs.balance_retries):
        attempts += 1
        if best is not None:
            _why_again(knobs, op, last)
        with CpuMeter(pgid) as meter:
            w = run_wrk(knobs, port, op, connections, knobs.duration)
        meter.result["balanced"] = _balanced(knobs, meter.result, connections)
        last = meter.result
        drained = drain(pgid, knobs.timeout)
        if best is None or _badness(knobs, meter.result) < _badness(knobs, best[1]):
            best = (w, meter.result, drained)
        if _badness(knobs, best[1]) == (0, 0):
            break
    assert best is not None
    w, cpu, drained = best
    lat, dur = w["latency_us"], w["duration_us"] / 1e6
    errors = w["errors"]
    res: dict[str, Any] = {
        "mode": "wrk",
        "connections": connections,
        "requests": w["requests"],
        "duration_s": round(dur, 2),
        "rps": round(w["requests"] / dur, 2) if dur else None,
        **{f"p{p}_ms": round(lat[f"p{p}"] / 1000, 2) for p in (50, 90, 95, 99)},
        "max_ms": round(lat["max"] / 1000, 2),
        "mean_ms": round(lat["mean"] / 1000, 2),
        "errors": sum(errors.values()),
        "attempts": attempts,
        "drain_s": drained,
        **cpu,
    }
    if cpu["noise_pct"] > knobs.noise_limit:
        res["noisy"] = True
    if not cpu["balanced"]:
        res["unbalanced"] = True
    if res["errors"]:
        res["error_detail"] = errors
    return res


def measure(knobs: Knobs, port: int, op: Op, *, pgid: int | None) -> dict[str, Any]:
    """One operation: probe, then wrk (or sequential samples for a slow one)."""
    res: dict[str, Any] = {"op": op.name, "method": op.method, "path": op.path[:160]}
    quiet = wait_quiet(knobs)
    if quiet is not None:
        res["busy_cpu_pct_before"] = quiet
    path, headers, body = op.render(0)
    t0 = time.perf_counter()
    try:
        status, data, lat = http_request(port, op.method, path, headers, body, knobs.timeout)
    except TimeoutError:
        drain(pgid, 120)
        return {**res, "mode": "probe", "error": f"one request exceeded {knobs.timeout}s"}
    if status != op.expect:
        return {**res, "mode": "probe", "error": f"HTTP {status}: {data[:300]!r}"}
    res["probe_ms"] = round(lat * 1000, 2)
    res["probe_items"] = _items(data)
    if lat > knobs.duration / 4:
        with CpuMeter(pgid) as meter:
            res.update(_sequential(knobs, port, op, lat, t0))
        res.update(meter.result)
    else:
        res.update(_loaded(knobs, port, op, pgid))
    if "rps" in res:
        log(
            f"{op.name:<18} {res['rps']:>9.1f} req/s  p50={res['p50_ms']:.1f} "
            f"p95={res['p95_ms']:.1f} p99={res['p99_ms']:.1f} ms  errors={res['errors']}  "
            f"cpu% server={res.get('server_cpu_pct')} db={res.get('db_cpu_pct', '-')} "
            f"noise={res.get('noise_pct')}"
        )
    else:
        log(f"{op.name}: {res.get('error')}")
    return res


def _items(data: bytes) -> int | None:
    """How many items a list / search answer held (a sanity check that it found something)."""
    try:
        doc = json.loads(data)
    except ValueError:
        return None
    items = doc.get("items") if isinstance(doc, dict) else None
    return len(items) if isinstance(items, list) else None
