"""Running the peer harness (../shared/bench/peer: django-helpdesk and the bare framework
"limit" apps) in the same run, and reading its JSON."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

from .measure import PEER_DIR, PROCS, log

# The peer refuses a work directory inside a git checkout: keep it under /tmp. Separate venvs
# per database: its run.sh rebuilds a venv whose stamp names the other database.
WORKDIR = Path(os.environ.get("KEFU_BENCH_PEER_WORKDIR", "/tmp/hdpeer-bench"))
TIMEOUT_S = 40 * 60


def run_peer(
    backend: str,
    *,
    workers: int,
    duration: int,
    sizes: list[int],
    with_limit: bool,
    database_url: str | None = None,
    knobs: dict[str, int] | None = None,
) -> dict[str, Any]:
    """Run ``bash run.sh`` of the peer; return its JSON document (``meta`` and ``results``)."""
    out = WORKDIR / f"results-{backend}.json"
    env = dict(os.environ)
    for name in ("DATABASE_URL", "PEER_PG", "OUT", "PARTS", "SIZES"):
        env.pop(name, None)
    env.update(
        {
            "PEER_WORKDIR": str(WORKDIR),
            "PEER_VENV": str(WORKDIR / ("venv" if backend == "sqlite" else f"venv-{backend}")),
            "WORKERS": str(workers),
            "DURATION": str(duration),
            "SIZES": " ".join(str(s) for s in sorted({0, *sizes})),
            "PARTS": "peer limit" if with_limit else "peer",
            "OUT": str(out),
        }
    )
    env.update({k: str(v) for k, v in (knobs or {}).items()})
    if database_url:
        env["DATABASE_URL"] = database_url
    WORKDIR.mkdir(parents=True, exist_ok=True)
    log(f"peer ({backend}): bash {PEER_DIR / 'run.sh'}  PARTS={env['PARTS']!r}")
    proc = subprocess.Popen(
        ["bash", str(PEER_DIR / "run.sh")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=sys.stderr,
        text=True,
        start_new_session=True,
    )
    PROCS.live.append(proc)
    try:
        stdout, _ = proc.communicate(timeout=TIMEOUT_S)
    except subprocess.TimeoutExpired:
        PROCS.stop(proc, grace=10)
        raise RuntimeError(f"peer run exceeded {TIMEOUT_S}s") from None
    PROCS.live.remove(proc)
    if proc.returncode != 0:
        raise RuntimeError(f"peer run.sh exited with {proc.returncode}")
    doc: dict[str, Any] = json.loads(stdout[stdout.index("{") :])
    return doc
