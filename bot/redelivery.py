"""A Telegram update delivered again is handled once.

Telegram delivers an update again when it got no 200 in time: the webhook's answer came late
(the update was still being handled) or the worker died before answering; long polling may
fetch again what a stopped process had taken. ``HandledOnce`` remembers the updates handled
and skips a repeat without a word, so nobody gets a second answer for one tap.

Only updates Telegram delivered are remembered: the webhook and long polling feed them with
``telegram_delivery=True`` (``DELIVERY``). Update ids are unique per bot only, so the key is
(the bot's id, the update id). MAX updates (bot/max numbers them per process) and updates fed
by other code never carry the flag and are never skipped.

Where the ids are kept:

* **Redis** (``REDIS_URL``, several workers): ``marshrut:handled:<bot id>:<update id>``, set
  for a day (Telegram keeps an undelivered update that long) once the update's changes are
  committed. The check and the mark happen inside the person's Redis lock (aiogram's event
  isolation), so a repeat that arrives while the first delivery is still being handled waits
  for the lock and is then skipped. A worker killed mid-update leaves no mark: the repeat is
  handled (its lock expires after REDIS_LOCK_SECONDS).
* **memory first, then the database** on SQLite (one process: ``LocalHandled``). The ids this
  process handled are kept in memory, and an id above the highest one recorded before the
  process started (or forgotten since) cannot have been handled: a new update costs no query.
  An update that touched the database gets its mark in its own transaction, as below; one
  served entirely from memory (a menu, a catalogue page) gets it in a batch written within a
  second, and at shutdown. Until then a crash forgets it: a repeat after the restart is
  answered again (it changed nothing). Marking every such update in a transaction of its own
  made a menu tap a database write and tripled its cost (benchmarks/bench_updates.py).
* **the database** otherwise (PostgreSQL without Redis): the ``handled_updates`` table
  (storage/handled.py), the mark written in the update's own transaction just before its first
  commit, so the mark and the update's changes are stored together or not at all — exact
  however many workers there are. Without Redis, PostgreSQL workers have no lock between them:
  a repeat handled at the same moment elsewhere waits at its mark for the first transaction
  and is then rolled back (``Repeated``): the changes are made once; an answer it sent before
  reaching its commit (a screen that changes nothing) may still go out. Pruned after a day by
  the ``handled-updates`` job.

An update whose handling failed (rolled back) is not marked: a repeat is handled again.
"""

from __future__ import annotations

import asyncio
import logging
from collections import OrderedDict
from datetime import datetime, timedelta
from typing import Any, Protocol

from aiogram import BaseMiddleware
from aiogram.types import TelegramObject, Update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from bot.middlewares import Handler
from storage.handled import last_handled, mark_handled, mark_many, prune_handled, was_handled
from storage.uow import SqlUnitOfWork

log = logging.getLogger(__name__)

#: the feed_update keyword the webhook and long polling pass for updates from Telegram
DELIVERY = "telegram_delivery"
#: how long a handled update is remembered (Telegram keeps an update for 24 hours)
KEEP = timedelta(days=1)


class Repeated(Exception):
    """The update was handled (and committed) by another delivery meanwhile."""


class Handled(Protocol):
    async def seen(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> bool:
        """Has the update been handled already?"""

    def watch(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> None:
        """Before the update's handler: arrange for the mark to be stored with its changes."""

    async def done(self, bot_id: int, update_id: int) -> None:
        """After the update's changes were committed."""


class SqlHandled:
    """The ``handled_updates`` table, in the update's own transaction."""

    async def seen(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> bool:
        return await was_handled(uow.session, bot_id, update_id)

    def watch(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> None:
        async def mark() -> None:
            if not await mark_handled(uow.session, bot_id, update_id, uow.clock.now()):
                raise Repeated

        uow.before_commit(mark)

    async def done(self, bot_id: int, update_id: int) -> None:
        """Nothing: the mark was committed with the changes."""


class LocalHandled(SqlHandled):
    """One process on SQLite: memory first (see the module's docstring)."""

    #: marks written together; at most this many wait, and none longer than ``WAIT`` seconds
    BATCH = 200
    WAIT = 1.0

    def __init__(self, sessions: async_sessionmaker[AsyncSession], remember: int = 50_000
                 ) -> None:
        self.sessions = sessions
        self.remember = remember
        self.recent: OrderedDict[tuple[int, int], None] = OrderedDict()
        #: bot id → ids at or below it may have been handled without being in ``recent``
        self.floor: dict[int, int] = {}
        self.queued: list[tuple[int, int, datetime]] = []
        self._flushing: asyncio.Task[None] | None = None

    async def seen(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> bool:
        if (bot_id, update_id) in self.recent:
            return True
        floor = self.floor.get(bot_id)
        if floor is None:  # once per bot: what the processes before this one recorded
            floor = self.floor[bot_id] = await last_handled(uow.session, bot_id)
        if update_id > floor:
            return False
        return await was_handled(uow.session, bot_id, update_id)

    def watch(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> None:
        async def mark() -> None:
            if uow.session.in_transaction():  # it read or wrote: the mark goes with it
                if not await mark_handled(uow.session, bot_id, update_id, uow.clock.now()):
                    raise Repeated
                return
            self._queue((bot_id, update_id, uow.clock.now()))

        uow.before_commit(mark)

    async def done(self, bot_id: int, update_id: int) -> None:
        key = (bot_id, update_id)
        self.recent[key] = None
        if len(self.recent) > self.remember:
            (old_bot, old_id), _ = self.recent.popitem(last=False)
            self.floor[old_bot] = max(self.floor.get(old_bot, 0), old_id)

    def _queue(self, mark: tuple[int, int, datetime]) -> None:
        if not self.queued:  # the first of a batch: written within WAIT seconds at the latest
            asyncio.get_running_loop().call_later(self.WAIT, self._flush_soon)
        self.queued.append(mark)
        if len(self.queued) >= self.BATCH:
            self._flush_soon()

    def _flush_soon(self) -> None:
        if self.queued and (self._flushing is None or self._flushing.done()):
            self._flushing = asyncio.get_running_loop().create_task(self.flush())

    async def flush(self) -> None:
        """Write the queued marks (also at shutdown). A failure is logged: those updates may
        be answered again if Telegram repeats them after a restart."""
        while self.queued:
            batch, self.queued = self.queued[:self.BATCH * 5], self.queued[self.BATCH * 5:]
            try:
                await mark_many(self.sessions, batch)
            except Exception as exc:  # noqa: BLE001 — a lost mark is a possible second answer
                log.warning("handled updates: %s marks not written (%s)", len(batch),
                            type(exc).__name__)

    async def close(self) -> None:
        if self._flushing is not None:
            await asyncio.gather(self._flushing, return_exceptions=True)
        await self.flush()


class RedisHandled:
    """Keys in Redis with a day's expiry, checked and set inside the person's Redis lock."""

    def __init__(self, redis: Any, keep: timedelta = KEEP) -> None:
        self.redis = redis
        self.keep = keep

    @staticmethod
    def key(bot_id: int, update_id: int) -> str:
        return f"marshrut:handled:{bot_id}:{update_id}"

    async def seen(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> bool:
        return bool(await self.redis.exists(self.key(bot_id, update_id)))

    def watch(self, uow: SqlUnitOfWork, bot_id: int, update_id: int) -> None:
        """Nothing: the mark is set once the changes are committed (``done``)."""

    async def done(self, bot_id: int, update_id: int) -> None:
        await self.redis.set(self.key(bot_id, update_id), 1, ex=self.keep)


class HandledOnce(BaseMiddleware):
    """Skips an update Telegram delivered again. Registered inside the person's lock and after
    the person's bookkeeping commit (bot/app.py), so the mark commits with the handler's own
    changes; it commits them itself, before the mark in Redis is set."""

    def __init__(self, handled: Handled) -> None:
        self.handled = handled

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        if not data.get(DELIVERY) or not isinstance(event, Update):
            return await handler(event, data)
        bot_id, update_id = data["bot"].id, event.update_id
        uow: SqlUnitOfWork = data["uow"]
        if await self.handled.seen(uow, bot_id, update_id):
            log.info("update %s delivered again: handled already, skipped", update_id)
            return None
        self.handled.watch(uow, bot_id, update_id)
        try:
            result = await handler(event, data)
            await uow.commit()
        except Repeated:
            await uow.rollback()
            log.info("update %s was handled meanwhile by another delivery: rolled back",
                     update_id)
            return None
        await self.handled.done(bot_id, update_id)
        return result


def make_handled(redis: Any | None, sessions: async_sessionmaker[AsyncSession] | None = None
                 ) -> Handled:
    """Redis when the app has it (its FSM storage's client); memory first when ``sessions``
    are SQLite's (one process); the database otherwise."""
    if redis is not None:
        return RedisHandled(redis)
    return LocalHandled(sessions) if sessions is not None else SqlHandled()


async def prune(sessions: async_sessionmaker[AsyncSession], now: datetime) -> int:
    """The ``handled-updates`` job: forget what Telegram no longer delivers again."""
    removed = await prune_handled(sessions, now - KEEP)
    if removed:
        log.info("handled updates: %s forgotten", removed)
    return removed
