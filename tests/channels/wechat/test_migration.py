"""Migration 0012 (replies out, media, tokens) up, down and up again on fresh SQLite and
PostgreSQL databases, and the models agreeing with what it builds."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect

from kefu.core.migrate import downgrade, upgrade
from kefu.models import metadata

TABLES = {"wechat_outbound", "wechat_media", "wechat_access_token"}


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'migrations.db').as_posix()}"
    return pg_url_factory("wechat_migration")


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _mentions_ours(diff: Any) -> bool:
    """Whether an autogenerate difference concerns one of this migration's tables."""
    if isinstance(diff, list):
        return any(_mentions_ours(d) for d in diff)
    return any(
        getattr(part, "name", None) in TABLES
        or (
            getattr(part, "table", None) is not None and getattr(part.table, "name", None) in TABLES
        )
        or part in TABLES
        for part in diff
    )


def test_0012_goes_up_down_and_up_again(fresh_url: str) -> None:
    upgrade(fresh_url)
    assert _tables(fresh_url) >= TABLES
    downgrade(fresh_url, "0011")  # down to the revision before: the earlier tables stay
    assert not TABLES & _tables(fresh_url)
    assert "wechat_push" in _tables(fresh_url)
    upgrade(fresh_url, "0012")
    assert _tables(fresh_url) >= TABLES


def test_the_models_match_what_0012_builds(fresh_url: str) -> None:
    upgrade(fresh_url)
    engine = create_engine(fresh_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert [d for d in diffs if _mentions_ours(d)] == []
