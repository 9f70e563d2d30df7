"""Page timings: the server time of every staff page at a realistic size (issue: "every page
renders in under 200 ms server time on the demo data at 100k tickets").

One run per backend: a scratch database filled by ``bench.load`` (the bench install: SLA
policies, a desk, its group of online agents, the catalog, 20k customers) up to ``--tickets``
tickets, staff with passwords, then ``kefu serve`` (one worker) on a free loopback port. Each
role signs in through ``/login`` like a browser and every page is fetched ``--repeat`` times
after a warm-up; the figure is the server's own ``Server-Timing: app;dur=…`` (network and client
excluded). A page that answers other than 200 is listed with its status, not timed.

    python -m bench.pages [--backends sqlite,postgresql] [--tickets 100000] [--repeat 15]

Figures, not a test: nothing here passes or fails; pages over the budget are marked.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
from dataclasses import dataclass
from pathlib import Path

import httpx
from sqlalchemy import func, select

from kefu.core.db import Database
from kefu.core.security import hash_password
from kefu.tickets.models import Ticket
from kefu.users import service as users
from kefu.users.rules import Role

from . import load
from .measure import log
from .run import Scratch, kefu_server

BUDGET_MS = 200.0
PASSWORD = "bench-pages-2026"


@dataclass(frozen=True)
class Page:
    role: str
    path: str


def pages(ticket_id: int) -> list[Page]:
    """What each role opens during a shift (pages that do not exist yet show their 404)."""
    agent = [
        "/workspace",
        "/workspace/inbox",
        "/workspace?status=open",
        "/workspace?sla=breached",
        f"/workspace/tickets/{ticket_id}",
        f"/workspace/tickets/{ticket_id}/aftersales",
        "/workspace/cases",
    ]
    supervisor = ["/supervisor", "/workspace/complaints", "/admin/replies"]
    admin = [
        "/admin",
        "/admin/users",
        "/admin/desks",
        "/admin/catalog",
        "/admin/rules",
        "/admin/sla",
        "/admin/channels",
    ]
    return (
        [Page("agent", p) for p in agent]
        + [Page("supervisor", p) for p in supervisor]
        + [Page("admin", p) for p in admin]
    )


def _staff(url: str) -> tuple[dict[str, str], int]:
    """Passwords for an agent of the bench group, a supervisor and an admin; a ticket of the
    agent's to open."""
    db = Database(url)
    try:
        with db.transaction() as session:
            agent = users.get_user_by_username(session, "bench-agent1")
            assert agent is not None, "bench.load makes bench-agent1"
            agent.password_hash = hash_password(PASSWORD)
            users.create_user(
                session, username="bench-supervisor", role=Role.SUPERVISOR, password=PASSWORD
            )
            users.create_user(session, username="bench-admin", role=Role.ADMIN, password=PASSWORD)
            ticket = session.scalar(select(func.max(Ticket.id)))
            session.execute(
                Ticket.__table__.update().where(Ticket.id == ticket).values(assignee_id=agent.id)
            )
        return (
            {"agent": "bench-agent1", "supervisor": "bench-supervisor", "admin": "bench-admin"},
            int(ticket or 1),
        )
    finally:
        db.dispose()


def sign_in(base: str, username: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, follow_redirects=False)
    form = client.get("/login")
    token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
    assert token, "the login form carries its CSRF token"
    answer = client.post(
        "/login",
        data={"username": username, "password": PASSWORD, "csrf_token": token.group(1)},
    )
    assert answer.status_code == 303, f"{username} could not sign in: {answer.status_code}"
    return client


def time_page(client: httpx.Client, path: str, repeat: int) -> tuple[int, list[float]]:
    for _ in range(2):  # warm-up: templates compiled, caches filled
        client.get(path)
    spent: list[float] = []
    status = 0
    for _ in range(repeat):
        answer = client.get(path)
        status = answer.status_code
        if status != 200:
            return status, []
        timing = answer.headers.get("server-timing", "app;dur=nan")
        spent.append(float(timing.partition("dur=")[2]))
    return status, spent


def run_backend(backend: str, scratch: Scratch, workdir: Path, tickets: int, repeat: int) -> None:
    url = scratch.url(backend, "pages")
    log(f"{backend}: loading {tickets} tickets")
    fixture = load.prepare(url)
    load.top_up(url, fixture, tickets, final=tickets)
    names, ticket_id = _staff(url)
    rows: list[str] = []
    with kefu_server(url, workdir / f"home-{backend}", 1, workdir / f"serve-{backend}.log") as (
        port,
        _,
    ):
        base = f"http://127.0.0.1:{port}"
        clients = {role: sign_in(base, name) for role, name in names.items()}
        for page in pages(ticket_id):
            status, spent = time_page(clients[page.role], page.path, repeat)
            if not spent:
                rows.append(f"| {page.role} | `{page.path}` | {status} | | | |")
                continue
            p50 = statistics.median(spent)
            p95 = sorted(spent)[max(0, round(0.95 * len(spent)) - 1)]
            mark = "" if p95 <= BUDGET_MS else " **over**"
            rows.append(
                f"| {page.role} | `{page.path}` | {status} | {p50:.1f} | {p95:.1f}{mark} | "
                f"{max(spent):.1f} |"
            )
        for client in clients.values():
            client.close()
    print(f"\n### {backend}, {tickets:,} tickets, {repeat} requests a page (server ms)\n")
    print("| role | page | status | p50 | p95 | max |")
    print("|---|---|---|---|---|---|")
    print("\n".join(rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--tickets", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=15)
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="kefu-pages-") as tmp:
        workdir = Path(tmp)
        scratch = Scratch(workdir, args.pg_url, args.keep)
        try:
            for backend in args.backends.split(","):
                run_backend(backend.strip(), scratch, workdir, args.tickets, args.repeat)
        finally:
            scratch.drop_all()


if __name__ == "__main__":
    main()
