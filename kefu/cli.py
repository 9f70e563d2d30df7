"""The ``kefu`` command (Typer): serve, migrate, demo, users, tokens, backup."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from pathlib import Path
from typing import Annotated

import typer
from sqlalchemy.engine import make_url

from kefu.channels.wechat.cli import wechat_app
from kefu.core.config import load_settings
from kefu.core.db import Database
from kefu.core.errors import KefuError
from kefu.core.events import configure_bus
from kefu.core.i18n import label, translate
from kefu.core.migrate import upgrade
from kefu.users import service as users
from kefu.users.rules import Role
from kefu.wiring import wire

app = typer.Typer(
    help="kefu 客服: a Chinese-first customer-service platform.", no_args_is_help=True
)
user_app = typer.Typer(help="Manage user accounts.")
token_app = typer.Typer(help="Manage API tokens.")
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")
app.add_typer(wechat_app, name="wechat")


def _migrate(url: str) -> None:
    """The schema up to date, then the defaults every install starts from (SLA calendars and
    the handbooks' policies) added where missing."""
    from kefu.knowledge import service as knowledge
    from kefu.sla.service import ensure_defaults

    upgrade(url)
    db = Database(url)
    try:
        with db.transaction() as session:
            ensure_defaults(session)
            knowledge.ensure_defaults(session)  # the handbooks' canned replies
    finally:
        db.dispose()


def _database() -> Database:
    wire()
    return Database(load_settings().database_url)


@app.command()
def migrate() -> None:
    """Bring the database schema up to date."""
    settings = load_settings()
    _migrate(settings.database_url)
    typer.echo(
        "数据库已是最新版本 (database up to date): "
        + make_url(settings.database_url).render_as_string()
    )


@app.command()
def serve(
    host: Annotated[str | None, typer.Option(help="Defaults to KEFU_HOST.")] = None,
    port: Annotated[int | None, typer.Option(help="Defaults to KEFU_PORT.")] = None,
    workers: Annotated[int, typer.Option(help="Web processes.")] = 1,
    no_worker: Annotated[bool, typer.Option("--no-worker", help="Web only (scale-out).")] = False,
) -> None:
    """Serve the web app and API, the SMTP listener (KEFU_SMTP_PORT, 0: none) and, unless
    --no-worker, the worker (migrating first)."""
    import uvicorn

    from kefu import jobs
    from kefu.channels.email.smtp import start_smtp_server

    settings = load_settings()
    settings.ensure_secret_key()
    _migrate(settings.database_url)
    wire(settings)
    configure_bus(settings.redis_url)
    db = Database(settings.database_url)
    smtp = start_smtp_server(db, settings) if settings.smtp_port else None
    worker = None if no_worker else jobs.start_in_thread(db, settings)
    try:
        uvicorn.run(
            "kefu.app:create_app",
            factory=True,
            host=host or settings.host,
            port=port or settings.port,
            workers=workers,
            log_level="info",
        )
    finally:
        if worker:
            worker[1].set()
            jobs.wake()
            worker[0].join(timeout=10)
        if smtp:
            smtp.stop()
        db.dispose()


@app.command()
def worker() -> None:
    """Run only the worker (sending queued mail, timed sweeps): for scale-out."""
    import signal
    import threading

    from kefu import jobs

    settings = load_settings()
    wire(settings)
    configure_bus(settings.redis_url)
    db = Database(settings.database_url)
    stop = threading.Event()

    def _stop(*_: object) -> None:
        stop.set()
        jobs.wake()

    signal.signal(signal.SIGTERM, _stop)
    try:
        jobs.run_forever(db, settings, stop)
    except KeyboardInterrupt:
        pass
    finally:
        db.dispose()


@app.command()
def demo() -> None:
    """Load the demo shop (agents, catalog, customers, tickets) into an empty database."""
    from kefu.demo import load_demo

    settings = load_settings()
    _migrate(settings.database_url)
    summary = load_demo(_database(), timezone=settings.timezone)
    typer.echo(summary)


def _fail(exc: KefuError) -> typer.Exit:
    """Print a domain error as the user's message (zh-CN), not a traceback."""
    params = {k: label(v) if isinstance(v, str) else v for k, v in exc.params.items()}
    typer.echo(translate(exc.code, "zh-CN", **params), err=True)
    return typer.Exit(1)


@user_app.command("create")
def user_create(
    username: Annotated[str, typer.Option()],
    role: Annotated[Role, typer.Option()] = Role.AGENT,
    password: Annotated[str | None, typer.Option()] = None,
    name: Annotated[str | None, typer.Option(help="Display name.")] = None,
    work_number: Annotated[int | None, typer.Option(help="Shown to customers: 客服N号.")] = None,
) -> None:
    """Create a user."""
    try:
        with _database().transaction() as session:
            user = users.create_user(
                session,
                username=username,
                role=role,
                password=password,
                display_name=name,
                work_number=work_number,
            )
            typer.echo(f"已创建用户 (created user) {user.username} (id {user.id}, {user.role})")
    except KefuError as exc:
        raise _fail(exc) from exc


@token_app.command("create")
def token_create(user: Annotated[str, typer.Option(help="Username.")], name: str = "cli") -> None:
    """Create an API token; prints the token alone on stdout."""
    with _database().transaction() as session:
        account = users.get_user_by_username(session, user)
        if account is None:
            typer.echo(f"用户不存在 (no such user): {user}", err=True)
            raise typer.Exit(1)
        token = users.issue_token(session, account, name)
    typer.echo(token)


@app.command()
def backup(path: Path) -> None:
    """Write a consistent copy of the database to PATH (SQLite file, or pg_dump custom format)."""
    settings = load_settings()
    url = make_url(settings.database_url)
    path.parent.mkdir(parents=True, exist_ok=True)
    if url.get_backend_name() == "sqlite":
        source = sqlite3.connect(url.database or "")
        target = sqlite3.connect(path)
        with target:
            source.backup(target)  # online backup: safe while kefu is serving
        source.close()
        target.close()
    else:
        if shutil.which("pg_dump") is None:
            typer.echo("pg_dump not found", err=True)
            raise typer.Exit(1)
        plain = url.set(drivername="postgresql").render_as_string(hide_password=False)
        subprocess.run(["pg_dump", "--format=custom", "--file", str(path), plain], check=True)
    typer.echo(f"备份完成 (backup written): {path}")


if __name__ == "__main__":
    app()
