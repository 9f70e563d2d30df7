"""The ``kefu`` command, run against databases under a temporary KEFU_HOME."""

from __future__ import annotations

import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kefu.cli import app
from kefu.core.db import Database
from kefu.users.rules import Role
from kefu.users.service import authenticate_token

runner = CliRunner()


@pytest.fixture(params=["sqlite", "postgresql"])
def cli_env(
    request: pytest.FixtureRequest, tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> dict[str, str]:
    home = tmp_path / "home"
    home.mkdir()
    if request.param == "sqlite":
        url = f"sqlite:///{(home / 'kefu.db').as_posix()}"
    else:  # trust auth ignores the password; it is there to check that it is never printed
        url = pg_url_factory("cli").replace("postgres@", "postgres:s3cret-pw@", 1)
    return {"KEFU_HOME": str(home), "KEFU_DATABASE_URL": url}


def kefu(env: Mapping[str, str | None], *args: str) -> tuple[int, str, str]:
    """Run the CLI in-process (fast); stdout and stderr apart (an uncaught exception is shown
    with stderr, as a terminal would)."""
    result = runner.invoke(app, list(args), env=env, catch_exceptions=True)
    crash = (
        ""
        if result.exception is None or isinstance(result.exception, SystemExit)
        else repr(result.exception)
    )
    return result.exit_code, result.stdout, result.stderr + crash


def kefu_process(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """Run the CLI as a real process, to see exactly what reaches stdout."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("KEFU_")}
    return subprocess.run(
        [sys.executable, "-m", "kefu.cli", *args], env={**clean, **env},
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip


def test_migrate_then_user_and_token_give_a_working_token(cli_env: dict[str, str]) -> None:
    code, out, err = kefu(cli_env, "migrate")
    assert code == 0, err
    assert "数据库已是最新版本" in out
    assert "s3cret-pw" not in out + err
    code, out, err = kefu(
        cli_env, "user", "create", "--username", "u1", "--role", "agent", "--password", "p"
    )
    assert code == 0, err
    assert "u1" in out
    issued = kefu_process(cli_env, "token", "create", "--user", "u1")
    assert issued.returncode == 0, issued.stderr
    lines = issued.stdout.splitlines()
    assert len(lines) == 1 and issued.stdout == lines[0] + "\n"
    token = lines[0]
    assert token.startswith("kefu_") and token.strip() == token and len(token) > 20
    db = Database(cli_env["KEFU_DATABASE_URL"])
    try:
        with db.reading() as session:
            principal = authenticate_token(session, token)
    finally:
        db.dispose()
    assert principal.username == "u1" and principal.role == Role.AGENT


def test_migrate_twice_is_harmless(cli_env: dict[str, str]) -> None:
    assert kefu(cli_env, "migrate")[0] == 0
    assert kefu(cli_env, "migrate")[0] == 0


def test_a_token_for_an_unknown_user_is_refused_on_stderr(cli_env: dict[str, str]) -> None:
    assert kefu(cli_env, "migrate")[0] == 0
    code, out, err = kefu(cli_env, "token", "create", "--user", "nobody")
    assert code == 1 and out == ""
    assert "nobody" in err


def test_creating_an_existing_user_fails_with_a_clear_message(cli_env: dict[str, str]) -> None:
    assert kefu(cli_env, "migrate")[0] == 0
    assert kefu(cli_env, "user", "create", "--username", "u1")[0] == 0
    again = kefu_process(cli_env, "user", "create", "--username", "u1")
    assert again.returncode != 0
    assert "用户名已存在" in again.stderr, again.stderr[-500:]
    assert "Traceback" not in again.stderr


def test_an_unknown_role_is_refused(cli_env: dict[str, str]) -> None:
    code, _, err = kefu(cli_env, "user", "create", "--username", "u2", "--role", "boss")
    assert code == 2 and "boss" in err


def test_migrate_creates_the_home_directory_on_a_fresh_machine(tmp_path: Path) -> None:
    """``make demo`` on a fresh clone runs ``kefu migrate`` with KEFU_HOME=var, which does not exist
    yet; the default SQLite database goes there."""
    home = tmp_path / "var"
    code, _, err = kefu({"KEFU_HOME": str(home), "KEFU_DATABASE_URL": None}, "migrate")
    assert code == 0, err
    with sqlite3.connect(home / "kefu.db") as conn:
        tables = {
            row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
        }
    assert {"ticket", "customer", "user_account"} <= tables


def test_backup_writes_a_readable_sqlite_copy(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        "KEFU_HOME": str(home),
        "KEFU_DATABASE_URL": f"sqlite:///{(home / 'kefu.db').as_posix()}",
    }
    assert kefu(env, "migrate")[0] == 0
    assert kefu(env, "user", "create", "--username", "u1", "--role", "supervisor")[0] == 0
    target = tmp_path / "backups" / "kefu-copy.db"
    code, out, err = kefu(env, "backup", str(target))
    assert code == 0, err
    assert str(target) in out
    conn = sqlite3.connect(f"file:{target}?mode=ro", uri=True)
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        users = conn.execute("SELECT username, role FROM user_account").fetchall()
    finally:
        conn.close()
    assert users == [("u1", "supervisor")]
