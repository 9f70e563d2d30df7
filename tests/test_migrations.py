"""Migrations: up, down and up again on fresh SQLite and PostgreSQL databases, and the models
agree with what the migrations build."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, inspect, text

from kefu.core.db import Database
from kefu.core.migrate import alembic_config, downgrade, upgrade
from kefu.customers.service import CustomerInput
from kefu.models import metadata
from kefu.search import service as search
from kefu.tickets.service import NewTicket, open_ticket

MODEL_TABLES = {t.name for t in metadata.sorted_tables}
FTS_TABLES = {
    "search_fts",
    "search_fts_config",
    "search_fts_data",
    "search_fts_docsize",
    "search_fts_idx",
}
FTS_TRIGGERS = {"search_fts_ai", "search_fts_ad", "search_fts_au"}


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'migrations.db').as_posix()}"
    return pg_url_factory("migrations")


def _schema(url: str) -> dict[str, Any]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            inspector = inspect(conn)
            tables = set(inspector.get_table_names())
            columns = (
                {c["name"] for c in inspector.get_columns("search_document")}
                if "search_document" in tables
                else set()
            )
            if conn.dialect.name == "sqlite":
                triggers = set(
                    conn.scalars(text("SELECT name FROM sqlite_master WHERE type = 'trigger'"))
                )
                indexes: set[str] = set()
            else:
                triggers = set()
                indexes = set(
                    conn.scalars(
                        text("SELECT indexname FROM pg_indexes WHERE schemaname = 'public'")
                    )
                )
            version = (
                conn.scalar(text("SELECT version_num FROM alembic_version"))
                if "alembic_version" in tables
                else None
            )
    finally:
        engine.dispose()
    return {
        "tables": tables,
        "columns": columns,
        "triggers": triggers,
        "indexes": indexes,
        "version": version,
    }


def _search_works(url: str) -> bool:
    db = Database(url)
    try:
        with db.transaction() as session:
            new = NewTicket("退货", "鞋子有质量问题", CustomerInput(name="王小姐"))
            open_ticket(session, new, actor=None, timezone="Asia/Shanghai")
        with db.reading() as session:
            return bool(search.search(session, "质量问题"))
    finally:
        db.dispose()


def _head(url: str) -> str:
    head = ScriptDirectory.from_config(alembic_config(url)).get_current_head()
    assert head is not None
    return head


def test_upgrade_downgrade_and_upgrade_again(fresh_url: str) -> None:
    sqlite = fresh_url.startswith("sqlite")
    upgrade(fresh_url)
    up = _schema(fresh_url)
    assert up["version"] == _head(fresh_url)
    assert up["tables"] == MODEL_TABLES | {"alembic_version"} | (FTS_TABLES if sqlite else set())
    if sqlite:
        assert up["triggers"] == FTS_TRIGGERS
    else:
        assert "tsv" in up["columns"] and "ix_search_document_tsv" in up["indexes"]
    assert _search_works(fresh_url)

    downgrade(fresh_url, "base")
    down = _schema(fresh_url)
    assert down["tables"] <= {"alembic_version"} and down["version"] is None
    assert down["triggers"] == set() and not any("search" in i for i in down["indexes"])

    upgrade(fresh_url)
    again = _schema(fresh_url)
    assert again == {**up, "version": again["version"]} and again["version"] == up["version"]
    assert _search_works(fresh_url)


def test_every_revision_goes_down_and_up_again(fresh_url: str) -> None:
    scripts = ScriptDirectory.from_config(alembic_config(fresh_url))
    revisions = list(reversed(list(scripts.walk_revisions())))  # oldest first
    assert revisions
    for revision in revisions:
        upgrade(fresh_url, revision.revision)
        before = _schema(fresh_url)
        downgrade(fresh_url, revision.down_revision or "base")  # type: ignore[arg-type]
        upgrade(fresh_url, revision.revision)
        assert _schema(fresh_url) == before, revision.revision


def _is_fulltext(diff: Any) -> bool:
    """The full-text objects are made by hand in the migration, outside the models."""
    if isinstance(diff, list):  # column modifications come grouped
        return all(_is_fulltext(d) for d in diff)
    kind = diff[0]
    if kind == "remove_table":
        return diff[1].name in FTS_TABLES
    if kind == "remove_column":
        return diff[2] == "search_document" and diff[3].name == "tsv"
    if kind == "remove_index":
        return diff[1].name == "ix_search_document_tsv"
    return False


def test_the_models_match_the_migrations(fresh_url: str) -> None:
    upgrade(fresh_url)
    engine = create_engine(fresh_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, metadata)
    finally:
        engine.dispose()
    assert [d for d in diffs if not _is_fulltext(d)] == []
    assert diffs, "the full-text objects should show up as the only differences"


def test_migration_files_are_named_by_date_change_and_revision() -> None:
    scripts = ScriptDirectory.from_config(alembic_config("sqlite://"))
    assert len(scripts.get_heads()) == 1
    for revision in scripts.walk_revisions():
        name = Path(revision.path).name
        match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})_([a-z0-9_]+)_([0-9a-z]+)\.py", name)
        assert match is not None, name
        assert match.group(5) == revision.revision, name
