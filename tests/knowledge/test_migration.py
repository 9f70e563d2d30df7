"""The canned-reply migration up, down and up again on fresh SQLite and PostgreSQL databases;
the table it builds is the model's, with a shortcut unique among the active replies only."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import MetaData, create_engine, inspect, text
from sqlalchemy.exc import IntegrityError

from kefu.core.migrate import alembic_config, downgrade, upgrade
from kefu.knowledge.models import CannedReply
from kefu.models import metadata

REVISION = "0010"
INSERT = text(
    "INSERT INTO canned_reply (title, shortcut, category, body, locale, position, active, source,"
    " updated_at) VALUES ('t', :shortcut, 'other', 'b', 'zh-CN', 0, :active, '', CURRENT_TIMESTAMP)"
)


@pytest.fixture(params=["sqlite", "postgresql"])
def fresh_url(
    request: pytest.FixtureRequest, tmp_path: Path, pg_url_factory: Callable[[str], str]
) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{(tmp_path / 'replies.db').as_posix()}"
    return pg_url_factory("replies")


def _tables(url: str) -> set[str]:
    engine = create_engine(url)
    try:
        with engine.connect() as conn:
            return set(inspect(conn).get_table_names())
    finally:
        engine.dispose()


def _only_canned_reply() -> MetaData:
    mine = MetaData(naming_convention=metadata.naming_convention)
    CannedReply.__table__.to_metadata(mine)  # type: ignore[attr-defined]
    metadata.tables["user_account"].to_metadata(mine)
    return mine


def test_the_migration_goes_up_down_and_up_again(fresh_url: str) -> None:
    script = ScriptDirectory.from_config(alembic_config(fresh_url)).get_revision(REVISION)
    assert script is not None and script.down_revision is not None
    upgrade(fresh_url, REVISION)
    assert "canned_reply" in _tables(fresh_url)
    downgrade(fresh_url, str(script.down_revision))
    assert "canned_reply" not in _tables(fresh_url)
    upgrade(fresh_url, REVISION)
    engine = create_engine(fresh_url)
    try:
        with engine.connect() as conn:
            context = MigrationContext.configure(conn, opts={"compare_type": True})
            diffs = compare_metadata(context, _only_canned_reply())
            mine = [d for d in diffs if "canned_reply" in repr(d)]
            assert mine == []
            # the comparison ran: the other contexts' tables show up as unknown to this metadata
            assert any(isinstance(d, tuple) and d[0] == "remove_table" for d in diffs)
        with engine.begin() as conn:
            conn.execute(INSERT, {"shortcut": "hy", "active": True})
            conn.execute(INSERT, {"shortcut": "hy", "active": False})  # a retired one may share
        with pytest.raises(IntegrityError), engine.begin() as conn:
            conn.execute(INSERT, {"shortcut": "hy", "active": True})
    finally:
        engine.dispose()
