"""Which process runs the scheduled ticks (reminders, overdue activities, offer expiry).

Every process runs the outbox sender (safe with ``SKIP LOCKED`` and one shared rate). The
other ticks are correct with several processes too (dedupe keys, row locks), but they would
all do the same work; so only a *leader* runs them:

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on one dedicated
  connection for as long as the process leads. Each tick checks the connection is alive; a
  process that dies or loses its connection loses the lock with it (PostgreSQL releases it),
  and the next tick of another process takes over.
- SQLite: one process per database file; it is always the leader.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Protocol

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, create_async_engine
from sqlalchemy.pool import NullPool

from storage.db import is_sqlite

log = logging.getLogger(__name__)

#: the advisory lock's key ("marshrut" scheduler); advisory locks are per database
LOCK_KEY = 0x6D617273_68727574 & 0x7FFF_FFFF_FFFF_FFFF


class Leader(Protocol):
    is_leader: bool

    async def acquire(self) -> bool: ...

    async def release(self) -> None: ...


class AlwaysLeader:
    """SQLite: a single process."""

    is_leader = True

    async def acquire(self) -> bool:
        return True

    async def release(self) -> None:
        return None


class PgAdvisoryLeader:
    def __init__(self, url: str, key: int = LOCK_KEY, timeout: float = 5.0) -> None:
        # one connection outside the app's pool, autocommit: never "idle in transaction"
        self.engine = create_async_engine(
            url, poolclass=NullPool, isolation_level="AUTOCOMMIT", hide_parameters=True,
            connect_args={"timeout": timeout, "command_timeout": timeout},
        )
        self.key = key
        self.conn: AsyncConnection | None = None
        self.is_leader = False
        self._lock = asyncio.Lock()

    async def acquire(self) -> bool:
        """True when this process holds the lock (now or already). Never raises."""
        async with self._lock:
            try:
                if self.conn is None:
                    self.conn = await self.engine.connect()
                if self.is_leader:
                    await self.conn.execute(text("SELECT 1"))  # still connected: still held
                    return True
                got = await self.conn.scalar(text("SELECT pg_try_advisory_lock(:k)"),
                                             {"k": self.key})
            except Exception as exc:  # noqa: BLE001 — an outage: not the leader until it is over
                if self.is_leader:
                    log.warning("lost the scheduler lock (%s); the scheduled jobs pause here",
                                type(exc).__name__)
                await self._drop()
                return False
            if got:
                self.is_leader = True
                log.info("this process runs the scheduled jobs now (leader)")
            return bool(got)

    async def _drop(self) -> None:
        self.is_leader = False
        conn, self.conn = self.conn, None
        if conn is not None:
            try:
                await conn.invalidate()
                await conn.close()
            except Exception:  # noqa: BLE001
                pass

    async def release(self) -> None:
        async with self._lock:
            if self.conn is not None and self.is_leader:
                try:
                    await self.conn.execute(text("SELECT pg_advisory_unlock(:k)"),
                                            {"k": self.key})
                except Exception:  # noqa: BLE001 — closing the connection releases it anyway
                    pass
            self.is_leader = False
            conn, self.conn = self.conn, None
            if conn is not None:
                try:
                    await conn.close()
                except Exception:  # noqa: BLE001
                    pass
            await self.engine.dispose()


def make_leader(database_url: str) -> Leader:
    return AlwaysLeader() if is_sqlite(database_url) else PgAdvisoryLeader(database_url)


def leader_only(leader: Leader, job: Callable[..., Awaitable[Any]],
                on_change: Callable[[bool], None] | None = None) -> Callable[..., Awaitable[Any]]:
    """The job runs only while this process is the leader (checked at every tick)."""

    @functools.wraps(job)
    async def run(*args: Any, **kwargs: Any) -> Any:
        leading = await leader.acquire()
        if on_change is not None:
            on_change(leading)
        if not leading:
            return None
        return await job(*args, **kwargs)

    return run
