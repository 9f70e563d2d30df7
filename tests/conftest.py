"""Shared fixtures: real SQLite and PostgreSQL databases, a real HTTP server, tokens per role.

PostgreSQL is expected on 127.0.0.1:5432 (trust auth), or wherever KEFU_TEST_PG_URL points. If it
is not there the PostgreSQL half of the suite errors loudly; it is never skipped.
"""

from __future__ import annotations

import asyncio
import os
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from sqlalchemy import create_engine, text

from kefu.app import create_app
from kefu.core import clock
from kefu.core.config import Settings, load_settings
from kefu.core.db import Database
from kefu.core.migrate import upgrade
from kefu.models import metadata
from kefu.routing import service as routing
from kefu.sla import service as sla
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.wiring import wire

PG_ADMIN_URL = os.environ.get(
    "KEFU_TEST_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432/postgres"
)
BACKENDS = ["sqlite", "postgresql"]

wire()


def _pg_database(tag: str) -> Iterator[str]:
    name = f"kefu_test_{tag}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(PG_ADMIN_URL, isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
    except Exception as exc:  # make the cause obvious in CI output
        raise RuntimeError(
            "PostgreSQL is required for the test suite and was not reachable at "
            f"{PG_ADMIN_URL}: {exc}"
        ) from exc
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@pytest.fixture(scope="session")
def pg_url_factory() -> Iterator[object]:
    """Create throwaway PostgreSQL databases for this run; all are dropped at the end."""
    made: list[Iterator[str]] = []

    def make(tag: str) -> str:
        gen = _pg_database(tag)
        made.append(gen)
        return next(gen)

    yield make
    for gen in made:
        for _ in gen:
            pass


def _url_for(backend: str, tmp: Path, pg_url_factory: object) -> str:
    if backend == "sqlite":
        return f"sqlite:///{(tmp / 'kefu.db').as_posix()}"
    return pg_url_factory(backend)  # type: ignore[operator,no-any-return]


@dataclass
class Env:
    backend: str
    settings: Settings
    db: Database

    def reset(self) -> None:
        """Empty every table (faster than re-migrating); ids restart on PostgreSQL."""
        routing.invalidate()
        sla.invalidate()
        names = [t.name for t in metadata.sorted_tables]
        with self.db.write_engine.begin() as conn:
            if self.backend == "sqlite":
                for name in reversed(names):
                    conn.execute(text(f"DELETE FROM {name}"))
                conn.execute(text("INSERT INTO search_fts(search_fts) VALUES ('delete-all')"))
            else:
                conn.execute(text(f"TRUNCATE {', '.join(names)} RESTART IDENTITY CASCADE"))


@pytest.fixture(scope="session", params=BACKENDS)
def env_session(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, pg_url_factory: object
) -> Iterator[Env]:
    backend = request.param
    tmp = tmp_path_factory.mktemp(backend)
    url = _url_for(backend, tmp, pg_url_factory)
    upgrade(url)
    settings = load_settings(
        home=tmp, database_url=url, env="test", max_attachment_bytes=256 * 1024
    )
    db = Database(url)
    yield Env(backend, settings, db)
    db.dispose()


@pytest.fixture
def env(env_session: Env) -> Iterator[Env]:
    env_session.reset()
    # Tests may change a setting (a secret, a port): the settings object is shared with the
    # test server, so each test's changes are undone after it.
    saved = dict(vars(env_session.settings))
    yield env_session
    clock.set_clock(None)
    for name, value in saved.items():
        if getattr(env_session.settings, name) is not value:
            object.__setattr__(env_session.settings, name, value)


@pytest.fixture
def db(env: Env) -> Database:
    return env.db


# -- a real HTTP server ---------------------------------------------------------------------------


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Server:
    base_url: str
    env: Env
    app: FastAPI

    def resync_stream(self) -> None:
        """The database was emptied under the running server: its event feed starts again from
        the outbox as it is now, instead of mistaking the new events for ones it has seen."""
        feed = getattr(self.app.state, "stream_feed", None)
        if feed is not None:
            asyncio.run_coroutine_threadsafe(feed.resync(), feed.loop).result(timeout=30)


@pytest.fixture(scope="session")
def server_session(env_session: Env) -> Iterator[Server]:
    app = create_app(env_session.settings, env_session.db)
    port = _free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("test server did not start")
        time.sleep(0.02)
    yield Server(f"http://127.0.0.1:{port}", env_session, app)
    server.should_exit = True
    thread.join(timeout=10)


@dataclass
class Api:
    """An HTTP client per role, talking to the real server."""

    base_url: str
    env: Env
    tokens: dict[str, str]
    user_ids: dict[str, int]

    def client(self, role: str = "agent", **headers: str) -> httpx.Client:
        auth = {"Authorization": f"Bearer {self.tokens[role]}"} if role in self.tokens else {}
        return httpx.Client(base_url=self.base_url, headers={**auth, **headers}, timeout=30)


@pytest.fixture
def api(server_session: Server, env: Env) -> Iterator[Api]:
    server_session.resync_stream()
    limits = getattr(server_session.app.state, "rate_limits", None)
    if limits is not None:
        limits.reset()  # each test starts with a fresh allowance for its client address
    tokens: dict[str, str] = {}
    ids: dict[str, int] = {}
    with env.db.transaction() as session:
        for number, role in enumerate((Role.AGENT, Role.SUPERVISOR, Role.ADMIN), start=1):
            user = users.create_user(
                session, username=role.value, role=role, password="pw-" + role.value,
                display_name=f"客服{number}号", work_number=number,
            )  # fmt: skip
            tokens[role.value] = users.issue_token(session, user)
            ids[role.value] = user.id
    yield Api(server_session.base_url, env, tokens, ids)
