"""Which process runs the scheduled ticks (reminders, overdue activities, offer expiry).

Every process runs the outbox sender (safe with ``SKIP LOCKED`` and one shared rate). The
other ticks are correct with several processes too (dedupe keys, row locks), but they would
all do the same work; so only a *leader* runs them:

- PostgreSQL: a session-level advisory lock (``pg_try_advisory_lock``) held on one dedicated
  connection for as long as the process leads. Each tick checks the connection is alive; a
  process that dies or loses its connection loses the lock with it (PostgreSQL releases it),
  and the next tick of another process takes over.
- Redis (``REDIS_URL`` set — every multi-process deployment has it, for the conversations):
  a lease key, ``SET key token NX PX lease``, renewed every third of the lease by the leader
  (only while the key still holds its token) and deleted on shutdown (again only its own).
  A process that dies stops renewing; after at most one lease (``LEASE_SECONDS``) the next
  tick of another process takes over. Chosen over the advisory lock whenever Redis is there:
  one mechanism for every multi-process deployment, whatever the database, and no database
  connection held outside the pool by every worker. A leader frozen longer than the lease (a
  stopped VM) may overlap the next one for a tick: harmless, the jobs are idempotent (dedupe
  keys, row locks); the leader only saves repeated work.
- SQLite without Redis: one process per database file; it is always the leader.
"""

from __future__ import annotations

import asyncio
import contextlib
import functools
import logging
import os
import socket
import uuid
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


#: the Redis lease's key and length; the leader renews it every third of the lease
LEASE_KEY = "marshrut:scheduler:leader"
LEASE_SECONDS = 15.0
# renew / release only while the key still holds this process's token (another may hold it)
_RENEW = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
          "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end")
_RELEASE = ("if redis.call('get', KEYS[1]) == ARGV[1] then "
            "return redis.call('del', KEYS[1]) else return 0 end")


class RedisLeaseLeader:
    def __init__(self, url: str, key: str = LEASE_KEY, lease: float = LEASE_SECONDS,
                 redis: Any = None) -> None:
        from redis.asyncio import Redis

        self.redis = redis or Redis.from_url(url, socket_connect_timeout=5, socket_timeout=5)
        self.key = key
        self.lease_ms = max(1, int(lease * 1000))
        self.token = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
        self.is_leader = False
        self._lock = asyncio.Lock()
        self._renewer: asyncio.Task[None] | None = None

    async def acquire(self) -> bool:
        """True when this process holds the lease (now or already). Never raises."""
        async with self._lock:
            try:
                if self.is_leader:
                    if await self._renew():
                        return True
                    self._lose("the lease was taken over")
                got = await self.redis.set(self.key, self.token, nx=True, px=self.lease_ms)
            except Exception as exc:  # noqa: BLE001 — an outage: not the leader until it is over
                self._lose(type(exc).__name__)
                return False
            if got:
                self.is_leader = True
                self._renewer = asyncio.create_task(self._keep())
                log.info("this process runs the scheduled jobs now (leader, Redis lease)")
            return bool(got)

    async def _renew(self) -> bool:
        return bool(await self.redis.eval(_RENEW, 1, self.key, self.token, self.lease_ms))

    async def _keep(self) -> None:
        """Renew every third of the lease while leading (the ticks may be minutes apart)."""
        while self.is_leader:
            await asyncio.sleep(self.lease_ms / 3000)
            try:
                renewed = await self._renew()
            except Exception as exc:  # noqa: BLE001
                renewed, reason = False, type(exc).__name__
            else:
                reason = "the lease was taken over"
            if not renewed:
                self._renewer = None  # this very task: not cancelled by _lose
                self._lose(reason)

    def _lose(self, reason: str) -> None:
        if self.is_leader:
            log.warning("lost the scheduler lease (%s); the scheduled jobs pause here", reason)
        self.is_leader = False
        if self._renewer is not None:
            self._renewer.cancel()
            self._renewer = None

    async def release(self) -> None:
        async with self._lock:
            leading = self.is_leader
            self.is_leader = False
            if self._renewer is not None:
                self._renewer.cancel()
                self._renewer = None
            if leading:
                with contextlib.suppress(Exception):  # the lease lapses by itself anyway
                    await self.redis.eval(_RELEASE, 1, self.key, self.token)
            with contextlib.suppress(Exception):
                await self.redis.aclose()


def make_leader(database_url: str, redis_url: str | None = None) -> Leader:
    if redis_url:
        return RedisLeaseLeader(redis_url)
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
