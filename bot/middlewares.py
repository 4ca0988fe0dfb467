"""Update middlewares, outermost first: throttling → unit of work → current person (→ locale)."""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import timedelta
from typing import Any

from aiogram import BaseMiddleware
from aiogram.types import CallbackQuery, Message, TelegramObject, Update, User
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.access import Actor
from domain.clock import Clock
from domain.enums import Channel
from storage.fsm import current_session
from storage.people_cache import PeopleCache
from storage.read_model import ReadModel
from storage.uow import ConfigAdmins, SqlUnitOfWork

log = logging.getLogger(__name__)
Handler = Callable[[TelegramObject, dict[str, Any]], Awaitable[Any]]
SEEN_EVERY = timedelta(minutes=5)


class UnitOfWorkMiddleware(BaseMiddleware):
    """One session and one transaction per update, opened before aiogram reads the
    conversation state (so the state is read and written in the update's own session) and
    committed by ``CommitMiddleware`` inside aiogram's per-user lock, when the handler returns.

    Handlers that reply to the user commit first (``await uow.commit()``) and send after, so a
    reply never announces a change that was not stored, and no transaction waits on the network.
    """

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock,
                 admins: ConfigAdmins = frozenset(), people: PeopleCache | None = None,
                 reads: ReadModel | None = None) -> None:
        self.sessions = sessions
        self.clock = clock
        self.admins = admins  # ADMIN_IDS / MAX_ADMIN_IDS: the centre's notices reach them
        self.people = people  # the person by id from memory too (storage/people_cache.py)
        self.reads = reads  # the catalogue's reads from memory (storage/read_model.py)

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        session = self.sessions()
        token = current_session.set(session)
        uow = SqlUnitOfWork(session, self.clock, admins=self.admins, people=self.people,
                            reads=self.reads)
        data["uow"] = uow
        try:
            result = await handler(event, data)
            # the reactions to facts still pending run first (SqlUnitOfWork.commit); a
            # no-op when CommitMiddleware has committed
            await uow.commit()
            return result
        except BaseException:
            await uow.rollback()
            raise
        finally:
            current_session.reset(token)
            if _used(session):
                await session.close()


def _used(session: AsyncSession) -> bool:
    """Whether closing ``session`` has anything to do: a transaction to end, objects to let
    go. An update served from memory (the person cache, the read model, the conversation
    state) never touched it, and closing it anyway cost ~20 µs (a greenlet switch)."""
    return session.in_transaction() or bool(session.identity_map) or bool(session.new) \
        or bool(session.deleted)


class CommitMiddleware(BaseMiddleware):
    """Commits the update's transaction before aiogram releases the user's lock: the next
    update of the same person, waiting on that lock, reads the conversation state this one
    wrote, never the state before it."""

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        result = await handler(event, data)
        uow: SqlUnitOfWork | None = data.get("uow")
        if uow is not None:
            await uow.commit()  # the reactions to facts a service emitted, then the commit
        return result


class PersonMiddleware(BaseMiddleware):
    """Loads the person and their roles once per update (from memory when ``cache`` is
    trusted: storage/people_cache.py); writes "last seen" rarely."""

    def __init__(self, admin_ids: frozenset[int], cache: PeopleCache | None = None,
                 max_admin_ids: frozenset[int] = frozenset()) -> None:
        self.admin_ids = admin_ids
        self.cache = cache
        self.max_admin_ids = max_admin_ids

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        uow: SqlUnitOfWork = data["uow"]
        person = None
        # the messenger: the bot's (bot.max.MaxBot), or what the feeder passed
        channel = Channel(data.get("channel") or getattr(data.get("bot"), "channel",
                                                          Channel.TELEGRAM))
        data["channel"] = channel
        admins = self.max_admin_ids if channel is Channel.MAX else self.admin_ids
        if user is not None and not user.is_bot:
            person = await self._load(uow, channel, str(user.id))
            if person is not None:
                now = uow.clock.now()
                dirty = False
                # before consent nothing but the messenger id is stored: no "last seen" either
                if person.has_consented and (
                    person.last_seen_at is None or now - person.last_seen_at > SEEN_EVERY
                ):
                    await uow.people.touch(person.id, now)
                    dirty = True
                if person.blocked_at is not None:  # they wrote to us: the chat is open again
                    await uow.people.set_blocked(person.id, None)
                    person.blocked_at = None
                    dirty = True
                if dirty:
                    # bookkeeping commits on its own: no write lock is held while the handler
                    # talks to Telegram
                    await uow.commit()
        data["person"] = person
        data["actor"] = (
            Actor(
                person_id=person.id,
                grants=tuple(person.grants),
                is_config_admin=user is not None and user.id in admins,
            )
            if person is not None
            else None
        )
        return await handler(event, data)


    async def _load(self, uow: SqlUnitOfWork, channel: Channel, external_id: str) -> Any:
        cache = self.cache
        if cache is None:
            return await uow.people.get_by_external(channel, external_id)
        person = cache.get(channel.value, external_id)
        if person is None:
            generation = cache.generation
            person = await uow.people.get_by_external(channel, external_id)
            if person is not None:
                cache.put(channel.value, external_id, person, generation)
        return person


PASS, NOTICE, SILENT = "pass", "notice", "silent"  # a bucket's verdict on one update


class MemoryBuckets:
    """Token buckets in this process's memory (one process, or no Redis)."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self.buckets: dict[tuple[str, int], tuple[float, float, bool]] = {}

    async def take(self, key: tuple[str, int], now: float) -> str:
        tokens, last, warned = self.buckets.get(key, (float(self.burst), now, False))
        tokens = min(float(self.burst), tokens + max(now - last, 0.0) * self.rate)
        if tokens < 1:
            self.buckets[key] = (tokens, now, True)
            return SILENT if warned else NOTICE
        self.buckets[key] = (tokens - 1, now, False)
        if len(self.buckets) > 50_000:  # forget idle users
            self.buckets = {k: v for k, v in self.buckets.items() if now - v[1] < 60}
        return PASS


#: one bucket as a Redis hash (t: tokens, at: when counted, w: the notice given), updated
#: atomically: every worker takes from the same bucket. Returns 2 pass, 1 notice, 0 silent.
TAKE = """
local rate, burst, now = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local b = redis.call('HMGET', KEYS[1], 't', 'at', 'w')
local tokens, at = tonumber(b[1]) or burst, tonumber(b[2]) or now
local elapsed = now - at
if elapsed < 0 then elapsed = 0 end
tokens = math.min(burst, tokens + elapsed * rate)
local verdict, warned = 2, '0'
if tokens < 1 then
  verdict, warned = 1, '1'
  if b[3] == '1' then verdict = 0 end
else
  tokens = tokens - 1
end
redis.call('HSET', KEYS[1], 't', tostring(tokens), 'at', tostring(now), 'w', warned)
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return verdict
"""


class RedisBuckets:
    """The same buckets in Redis (``REDIS_URL``): several workers give a person one
    allowance, not one each. A bucket left alone until it is full again expires. If Redis
    cannot be reached the update passes (its conversation state is in Redis too: the error
    handler tells the person about the outage)."""

    def __init__(self, redis: Any, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self.script = redis.register_script(TAKE)
        self.expire_ms = int(burst / rate * 1000) + 1000

    async def take(self, key: tuple[str, int], now: float) -> str:
        channel, user_id = key
        try:
            verdict = await self.script(
                keys=[f"marshrut:throttle:{channel}:{user_id}"],
                args=[repr(self.rate), str(self.burst), repr(now), str(self.expire_ms)],
            )
        except Exception as exc:  # noqa: BLE001 — throttling never stops an update
            log.warning("throttling: Redis unavailable (%s); update let through",
                        type(exc).__name__)
            return PASS
        return {2: PASS, 1: NOTICE}.get(int(verdict), SILENT)


class ThrottlingMiddleware(BaseMiddleware):
    """A token bucket per user: bursts of taps pass, a flood is dropped with one notice.

    It runs before the unit of work: a dropped update opens no database session and reads no
    person, so a flood costs one bucket and nothing else. The buckets are in memory, or in
    Redis when ``redis`` is given (shared by every worker). The notice is in the language the
    person's Telegram client reports (their saved choice is in the database, which a dropped
    update does not touch). Time comes from the injected clock."""

    def __init__(
        self,
        notice: Callable[[User], str],
        clock: Clock,
        rate: float = 4.0,
        burst: int = 20,
        redis: Any | None = None,
    ) -> None:
        self.notice = notice
        self.clock = clock
        self.buckets: MemoryBuckets | RedisBuckets = (
            RedisBuckets(redis, rate, burst) if redis is not None else MemoryBuckets(rate, burst)
        )

    async def __call__(self, handler: Handler, event: TelegramObject, data: dict[str, Any]) -> Any:
        user: User | None = data.get("event_from_user")
        if user is None:
            return await handler(event, data)
        # a MAX user and a Telegram user may have the same numeric id: a bucket per messenger
        key = (Channel(getattr(data.get("bot"), "channel", Channel.TELEGRAM)).value, user.id)
        verdict = await self.buckets.take(key, self.clock.now().timestamp())
        if verdict == PASS:
            return await handler(event, data)
        if verdict == NOTICE:
            await self._notice(event, user)
        return None

    async def _notice(self, event: TelegramObject, user: User) -> None:
        inner = event.event if isinstance(event, Update) else event
        if isinstance(inner, CallbackQuery):
            await inner.answer(self.notice(user))
        elif isinstance(inner, Message):
            await inner.answer(self.notice(user))
