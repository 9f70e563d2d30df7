"""Database: the declarative base, portable column types, engines and transactions.

SQLite is the embedded default, PostgreSQL the scale-out database; the same models and the same
code paths run on both. On SQLite a write transaction starts with ``BEGIN IMMEDIATE`` so that it
never fails on a lock upgrade; reads use a deferred ``BEGIN`` and run concurrently under WAL.

SQLite has one writer at a time. Left to its busy handler, waiting writers poll with sleeps that
grow to 100 ms, so under load most of the time goes to sleeping and p95 latency reaches a second.
Writers therefore queue on a :class:`WriteGate` (a thread lock plus an ``flock`` on a file beside
the database, shared by every process of one installation): the next writer starts the moment the
last one commits. The busy timeout stays as the safety net for other programs using the file.
"""

from __future__ import annotations

import fcntl
import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager, nullcontext
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, ClassVar, TypeVar, cast

from sqlalchemy import (
    JSON,
    Connection,
    DateTime,
    Engine,
    Insert,
    MetaData,
    Table,
    create_engine,
    event,
    insert,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import DeclarativeBase, Session, make_transient_to_detached, sessionmaker
from sqlalchemy.types import TypeDecorator

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator[datetime]):
    """Aware UTC datetimes on every backend (SQLite stores naive text, so we normalise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        value = value.astimezone(UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)
    type_annotation_map: ClassVar[dict[Any, Any]] = {
        datetime: UTCDateTime,
        dict[str, Any]: JSON,
        list[str]: JSON,
    }


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    # Driver-level autocommit: SQLAlchemy's "begin" hook below issues BEGIN itself.
    dbapi_conn.isolation_level = None
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=20000")
    import os as _o

    if _o.environ.get("MMAP"):
        cur.execute("PRAGMA mmap_size=" + _o.environ["MMAP"])
    cur.close()


def _make_engine(url: str, *, immediate: bool, echo: bool) -> Engine:
    if url.startswith("sqlite"):
        path = url.split("///", 1)[-1]
        if path and path != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url, echo=echo, connect_args={"check_same_thread": False, "timeout": 20}
        )
        event.listen(engine, "connect", _sqlite_pragmas)
        begin_sql = "BEGIN IMMEDIATE" if immediate else "BEGIN"
        event.listen(engine, "begin", lambda conn: conn.exec_driver_sql(begin_sql))
        return engine
    return create_engine(
        url,
        echo=echo,
        pool_size=10,
        max_overflow=10,
        pool_pre_ping=True,
    )


T = TypeVar("T")


class WriteGate:
    """Lets one SQLite write transaction run at a time across the threads and processes of an
    installation. ``flock`` is released by the kernel if a process dies, so a crash never
    leaves the gate shut."""

    def __init__(self, lock_path: Path) -> None:
        self._lock_path = lock_path
        self._threads = threading.Lock()
        self._fd: int | None = None
        self._pid = 0

    def _file(self) -> int:
        # Opened lazily and again after a fork: flock belongs to the open file description, and
        # a forked child sharing its parent's would not exclude the parent.
        if self._fd is None or self._pid != os.getpid():
            self._lock_path.parent.mkdir(parents=True, exist_ok=True)
            self._fd = os.open(self._lock_path, os.O_RDWR | os.O_CREAT, 0o600)
            self._pid = os.getpid()
        return self._fd

    @contextmanager
    def held(self) -> Iterator[None]:
        if not self._threads.acquire(timeout=60):
            raise TimeoutError("write gate: waited 60 s for another write transaction")
        try:
            fd = self._file()
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            self._threads.release()


def _sqlite_path(url: str) -> Path | None:
    path = url.split("///", 1)[-1].split("?", 1)[0]
    return None if not path or path == ":memory:" else Path(path)


class Database:
    """Engines plus the transaction helpers every service call runs in."""

    def __init__(self, url: str, *, echo: bool = False) -> None:
        self.url = url
        self.is_sqlite = url.startswith("sqlite")
        self.write_engine = _make_engine(url, immediate=True, echo=echo)
        self.read_engine = (
            _make_engine(url, immediate=False, echo=echo) if self.is_sqlite else self.write_engine
        )
        path = _sqlite_path(url) if self.is_sqlite else None
        self._gate = WriteGate(path.with_name(path.name + ".writelock")) if path else None
        self._write = sessionmaker(self.write_engine, expire_on_commit=False)
        self._read = sessionmaker(self.read_engine, expire_on_commit=False)

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """One write transaction: commit on success, roll back on any error, then run the
        callbacks registered with :func:`after_commit` (never before the data is durable)."""
        undo: list[Callable[[], None]] = []
        try:
            with self._gate.held() if self._gate else nullcontext():
                session = self._write()
                try:
                    yield session
                    session.commit()
                except BaseException:
                    session.rollback()
                    undo = session.info.pop("on_rollback", [])
                    raise
                finally:
                    callbacks: list[Callable[[], None]] = session.info.pop("after_commit", [])
                    session.close()
        except BaseException:
            # Undo what lives outside the database (stored files) once the gate is open again.
            for callback in undo:
                callback()
            raise
        for callback in callbacks:
            callback()

    def retrying(self, work: Callable[[Session], T], *, attempts: int = 2) -> T:
        """Run ``work`` in a write transaction; if it loses a unique-key race (another writer
        committed the same new identity or key first), run it again: a find-or-create then finds.
        A genuine constraint error fails the same way again and is raised."""
        for attempt in range(1, attempts + 1):
            try:
                with self.transaction() as session:
                    return work(session)
            except IntegrityError:
                if attempt == attempts:
                    raise
        raise AssertionError("unreachable")

    @contextmanager
    def reading(self) -> Iterator[Session]:
        """A read-only transaction (a consistent snapshot on both backends)."""
        session = self._read()
        try:
            yield session
        finally:
            session.close()  # ends the transaction; loaded objects stay readable

    @contextmanager
    def read_connection(self) -> Iterator[Connection]:
        """A bare read connection, for one-row lookups on every request (no ORM session)."""
        with self.read_engine.connect() as conn:
            yield conn

    def dispose(self) -> None:
        self.write_engine.dispose()
        if self.read_engine is not self.write_engine:
            self.read_engine.dispose()


M = TypeVar("M", bound=Base)


def table_of(model: type[Base]) -> Table:
    """A model's table, for plain INSERT/UPDATE statements built once at import."""
    return cast(Table, model.__table__)


_INSERTS: dict[str, Insert] = {}


def insert_persistent(session: Session, model: type[M], **values: Any) -> M:
    """Insert one row with a plain ``INSERT ... RETURNING id`` and return it as a persistent
    object, as if just loaded. On the hot write paths this costs a fraction of ``add`` + ``flush``
    (no unit-of-work bookkeeping). Every column but the id must be given: one left out would be
    expired and cost a SELECT when first read."""
    table = table_of(model)
    missing = [c.key for c in table.columns if not c.primary_key and c.key not in values]
    if missing:
        raise ValueError(f"insert_persistent({model.__name__}): no value for {missing}")
    stmt = _INSERTS.get(table.name)
    if stmt is None:
        stmt = _INSERTS[table.name] = insert(table).returning(table.c.id)
    new_id = session.connection().execute(stmt, values).scalar_one()
    obj = model(id=new_id, **values)
    make_transient_to_detached(obj)
    session.add(obj)
    return obj


def after_commit(session: Session, callback: Callable[[], None]) -> None:
    """Run ``callback`` once the surrounding transaction has committed."""
    session.info.setdefault("after_commit", []).append(callback)


def on_rollback(session: Session, callback: Callable[[], None]) -> None:
    """Undo something outside the database (a stored file) if the transaction rolls back."""
    session.info.setdefault("on_rollback", []).append(callback)
