"""The SMS sign-in migration up, down and up again on fresh SQLite and PostgreSQL databases;
what it builds is the models' (the text queue, a code sent to a mail address or a phone)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import MetaData, create_engine, inspect

from kefu.core.migrate import downgrade, upgrade
from kefu.models import metadata

REVISION, BEFORE = "0020", "0021"
MINE = ("outbound_sms", "portal_code")


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'sms.db').as_posix()}"
    return pg_url_factory("sms")


def _shape(url: str) -> tuple[set[str], dict[str, bool]]:
    """The tables, and which portal_code columns may be null."""
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            found = inspect(conn)
            columns = {c["name"]: c["nullable"] for c in found.get_columns("portal_code")}
            return set(found.get_table_names()), columns
    finally:
        engine.dispose()


def _only_mine() -> MetaData:
    mine = MetaData(naming_convention=metadata.naming_convention)
    for name in (*MINE, "customer", "user_account"):
        metadata.tables[name].to_metadata(mine)
    return mine


def test_the_migration_goes_up_down_and_up_again(fresh_url: str) -> None:
    upgrade(fresh_url, REVISION)
    tables, columns = _shape(fresh_url)
    assert "outbound_sms" in tables and columns["phone"] and columns["email"]
    downgrade(fresh_url, BEFORE)
    tables, columns = _shape(fresh_url)
    assert "outbound_sms" not in tables and "phone" not in columns and not columns["email"]
    upgrade(fresh_url, REVISION)
    engine = create_engine(fresh_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, _only_mine())
        assert [d for d in diffs if any(name in repr(d) for name in MINE)] == []
        assert any(isinstance(d, tuple) and d[0] == "remove_table" for d in diffs), "it ran"
    finally:
        engine.dispose()
