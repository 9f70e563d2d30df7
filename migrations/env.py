"""Alembic environment: the URL comes from the config kefu builds (kefu.core.migrate)."""

from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool

from kefu.models import metadata

config = context.config


def _include_name(name: str | None, type_: str, parent_names: object) -> bool:
    # The FTS5 table and its shadow tables are made by raw SQL in a migration, not by models:
    # autogenerate must not offer to drop them.
    return not (type_ == "table" and name is not None and name.startswith("search_fts"))


def run_migrations_online() -> None:
    url = config.get_main_option("sqlalchemy.url")
    assert url
    engine = create_engine(url, poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=metadata,
            render_as_batch=connection.dialect.name == "sqlite",
            compare_type=True,
            include_name=_include_name,
        )
        with context.begin_transaction():
            context.run_migrations()
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(
        url=config.get_main_option("sqlalchemy.url"), target_metadata=metadata, literal_binds=True
    )
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
