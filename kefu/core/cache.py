"""Configuration kept per process for a few seconds: read on every request (routing rules, SLA
policies) but changed rarely. A change made in this process is seen at once (``changed``);
other processes see it within ``ttl_s``."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Generic, TypeVar

from sqlalchemy.orm import Session

from kefu.core.db import after_commit

T = TypeVar("T")


class ConfigCache(Generic[T]):
    """One loaded value per database, reloaded when older than ``ttl_s``."""

    def __init__(self, load: Callable[[Session], T], ttl_s: float = 5.0) -> None:
        self._load = load
        self.ttl_s = ttl_s
        self._lock = threading.Lock()
        self._cached: dict[str, tuple[float, T]] = {}

    def get(self, session: Session, *, usable: Callable[[T], bool] | None = None) -> T:
        """The cached value, or a fresh one when it is stale or ``usable`` refuses it."""
        key = str(session.get_bind().engine.url)
        with self._lock:
            hit = self._cached.get(key)
        fresh_enough = hit is not None and time.monotonic() - hit[0] < self.ttl_s
        if hit is not None and fresh_enough and (usable is None or usable(hit[1])):
            return hit[1]
        fresh = self._load(session)
        with self._lock:
            self._cached[key] = (time.monotonic(), fresh)
        return fresh

    def invalidate(self) -> None:
        """Forget every cached value (after a change, and between tests)."""
        with self._lock:
            self._cached.clear()

    def changed(self, session: Session) -> None:
        """The configuration changes in this transaction: forget it now and after commit."""
        self.invalidate()
        after_commit(session, self.invalidate)
