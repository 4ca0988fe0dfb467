"""The person and their roles from memory: read on every update, changed rarely.

Write-through by invalidation. Every SQLAlchemy session of the process is watched (listeners
on ``Session``): a write to ``people`` or ``role_grants`` — through the repositories, a bulk
UPDATE/DELETE of another feature, an ORM flush, erasing a person (/forgetme), deleting an org
(its grants cascade) or raw SQL naming those tables — marks the people it touches (every one
when it cannot tell which). The marks are dropped from every cache of the process at once and
again when the transaction commits; then they are published to the other processes:

- **Redis** (``REDIS_URL``): pub/sub on one channel. A process serves from memory only while
  its subscription is live; on a lost connection it forgets everything and reads the database
  until it has subscribed again (messages missed in between cannot go stale in memory).
  ``SqlUnitOfWork.commit`` waits for the publish, so the reply that follows a change is sent
  after every process has been told.
- **SQLite** without Redis: one bot process per file, but the CLI (``grant``) may write from
  another: a sidecar file ``<database>-people`` is touched after each change, and a process
  that sees it touched by someone else forgets everything.
- **PostgreSQL without Redis**: no bus, so no cache (several workers could serve a stale role).

A read that raced with a change is not stored (a generation counter), and an entry lives at
most ``ttl`` seconds — a safety net, not the mechanism. Entries are copied out: a handler
that edits the person it was given cannot change what the next update sees.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import time
import weakref
from collections import OrderedDict
from dataclasses import replace
from typing import Any, Protocol

from sqlalchemy import event
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause

from domain.entities import Person

log = logging.getLogger(__name__)

#: tables a cached Person is made of; deleting an org cascades into role_grants
WATCHED = frozenset({"people", "role_grants"})
CASCADES_FROM = frozenset({"orgs"})
CHANNEL = "marshrut:people"
EVERYONE = "*"

_CHANGED = "people_changed"  # Session.info: person ids changed in this transaction, or EVERYONE
_caches: weakref.WeakSet[PeopleCache] = weakref.WeakSet()
_inflight: set[asyncio.Task[Any]] = set()


def copy_person(p: Person) -> Person:
    return replace(p, profile=replace(p.profile, subjects=list(p.profile.subjects),
                                      statuses=list(p.profile.statuses)),
                   grants=list(p.grants))


class PeopleCache:
    """Keyed by (channel, external id); see the module's docstring for when it is trusted."""

    def __init__(self, bus: Bus | None = None, size: int = 50_000, ttl: float = 600.0) -> None:
        self.bus = bus or LocalBus()
        self.size = size
        self.ttl = ttl
        self.generation = 0
        self._by_key: OrderedDict[tuple[str, str], tuple[float, Person]] = OrderedDict()
        self._key_of: dict[int, tuple[str, str]] = {}
        self.hits = 0
        self.misses = 0
        _caches.add(self)

    @property
    def live(self) -> bool:
        return self.bus.live(self)

    def get(self, channel: str, external_id: str) -> Person | None:
        if not self.live:
            return None
        entry = self._by_key.get((channel, external_id))
        if entry is None or time.monotonic() - entry[0] > self.ttl:
            self.misses += 1
            return None
        self.hits += 1
        return copy_person(entry[1])

    def by_id(self, person_id: int) -> Person | None:
        key = self._key_of.get(person_id)
        return None if key is None else self.get(*key)

    def put(self, channel: str, external_id: str, person: Person, generation: int) -> None:
        """Store what was read when the generation was ``generation`` — unless something
        changed since (the read may predate that change)."""
        if generation != self.generation or not self.live:
            return
        key = (channel, external_id)
        self._by_key[key] = (time.monotonic(), copy_person(person))
        self._by_key.move_to_end(key)
        self._key_of[person.id] = key
        while len(self._by_key) > self.size:
            old, (_, gone) = self._by_key.popitem(last=False)
            self._key_of.pop(gone.id, None)

    def seen(self, person_id: int, at: Any) -> None:
        """Only "last seen" changed (``people_seen``): the entry stays, with the new time. No
        other process is told: a stale "last seen" there costs at most one more touch."""
        key = self._key_of.get(person_id)
        entry = None if key is None else self._by_key.get(key)
        if entry is not None:
            entry[1].last_seen_at = at

    def forget(self, ids: set[int] | str) -> None:
        self.generation += 1
        if ids == EVERYONE:
            self._by_key.clear()
            self._key_of.clear()
            return
        for pid in ids:
            key = self._key_of.pop(pid, None)  # type: ignore[call-overload]
            if key is not None:
                self._by_key.pop(key, None)

    async def start(self) -> None:
        await self.bus.start(self)

    async def close(self) -> None:
        await self.bus.close()
        _caches.discard(self)

    @staticmethod
    def decode(data: Any) -> set[int] | str:
        """A message of the bus: the ids of the people changed, or EVERYONE."""
        text = data.decode() if isinstance(data, bytes) else str(data)
        if text == EVERYONE:
            return EVERYONE
        return {int(x) for x in text.split(",") if x}


class Listener(Protocol):
    """What a bus tells: a cache of this process (people, or storage/read_model.py)."""

    def forget(self, what: Any) -> None: ...

    def decode(self, data: Any) -> Any: ...


# ---- the buses --------------------------------------------------------------------------------


class Bus:
    """Tells the other processes what changed: a set of ids or names, or EVERYONE."""

    def live(self, cache: Listener) -> bool:
        return True

    async def start(self, cache: Listener) -> None:
        return None

    async def publish(self, ids: set[int] | set[str] | str) -> None:
        return None

    async def close(self) -> None:
        return None


class LocalBus(Bus):
    """One process (tests, or an explicitly single-process deployment)."""


class FileBus(Bus):
    """SQLite: a sidecar file written after every change; written by someone else → forget."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.seen = self._stamp()
        self.owners: weakref.WeakSet[Any] = weakref.WeakSet()

    def _stamp(self) -> tuple[int, int]:
        # the size too: the modification time may be as coarse as the kernel's tick, and two
        # changes within one tick must still look different
        try:
            st = os.stat(self.path)
        except OSError:
            return (0, 0)
        return (st.st_mtime_ns, st.st_size)

    def live(self, cache: Listener) -> bool:
        self.owners.add(cache)
        stamp = self._stamp()
        if stamp != self.seen:
            self.seen = stamp
            cache.forget(EVERYONE)
        return True

    async def publish(self, ids: set[int] | set[str] | str) -> None:
        before = self._stamp()
        if before != self.seen:  # another process wrote since we last looked
            for cache in list(self.owners):
                cache.forget(EVERYONE)
        try:
            with open(self.path, "a", encoding="utf-8") as f:  # one byte per change, kept small
                if f.tell() >= 4096:
                    f.truncate(0)
                f.write(".")
        except OSError:  # a read-only directory: nobody else can write either
            return
        self.seen = self._stamp()


class RedisBus(Bus):
    """Pub/sub on ``channel``; memory is trusted only while subscribed."""

    def __init__(self, url: str, channel: str = CHANNEL) -> None:
        self.url = url
        self.channel = channel
        self.redis: Any = None
        self.subscribed = False
        self.task: asyncio.Task[None] | None = None
        self.closing = False

    def _client(self) -> Any:
        if self.redis is None:
            from redis.asyncio import Redis

            self.redis = Redis.from_url(self.url, socket_connect_timeout=5,
                                        health_check_interval=30)
        return self.redis

    def live(self, cache: Listener) -> bool:
        if self.task is None and not self.closing:
            with contextlib.suppress(RuntimeError):  # no running loop: stay cold
                self.task = asyncio.get_running_loop().create_task(self._listen(cache))
        return self.subscribed

    async def start(self, cache: Listener) -> None:
        self.live(cache)
        for _ in range(50):  # up to ~5 s; serving from the database meanwhile is correct
            if self.subscribed:
                return
            await asyncio.sleep(0.1)

    async def _listen(self, cache: Listener) -> None:
        while not self.closing:
            pubsub = self._client().pubsub()
            try:
                await pubsub.subscribe(self.channel)
                while not self.closing:
                    msg = await pubsub.get_message(timeout=1.0)
                    if msg is None:
                        continue
                    if msg["type"] == "subscribe":
                        cache.forget(EVERYONE)  # whatever was missed before
                        self.subscribed = True
                    elif msg["type"] == "message":
                        cache.forget(cache.decode(msg["data"]))
            except asyncio.CancelledError:
                raise
            except Exception as exc:  # noqa: BLE001 — an outage: read the database meanwhile
                if self.subscribed:
                    log.warning("%s: Redis subscription lost (%s)", self.channel,
                                type(exc).__name__)
                self.subscribed = False
                cache.forget(EVERYONE)
                await asyncio.sleep(1.0)
            finally:
                self.subscribed = False
                with contextlib.suppress(Exception):
                    await pubsub.aclose()

    async def publish(self, ids: set[int] | set[str] | str) -> None:
        payload = EVERYONE if ids == EVERYONE else ",".join(map(str, sorted(ids)))  # type: ignore[arg-type]
        try:
            await self._client().publish(self.channel, payload)
        except Exception as exc:  # noqa: BLE001 — the others forget all on reconnect
            log.warning("%s: could not publish a change (%s)", self.channel, type(exc).__name__)

    async def close(self) -> None:
        self.closing = True
        self.subscribed = False
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(BaseException):
                await self.task
        if self.redis is not None:
            with contextlib.suppress(Exception):
                await self.redis.aclose()


def make_bus(database_url: str, redis_url: str | None, channel: str = CHANNEL,
             sidecar: str = "-people") -> Bus | None:
    """Redis when configured; on SQLite the sidecar file ``<database><sidecar>`` (one process
    for an in-memory database); None on PostgreSQL without Redis (several processes, no bus)."""
    if redis_url:
        return RedisBus(redis_url, channel)
    if database_url.startswith("sqlite"):
        path = database_url.split("///", 1)[-1].split("?", 1)[0]
        if not path or path == ":memory:":
            return LocalBus()
        return FileBus(path + sidecar)
    return None


def make_cache(database_url: str, redis_url: str | None, enabled: bool = True
               ) -> PeopleCache | None:
    bus = make_bus(database_url, redis_url) if enabled else None
    return PeopleCache(bus) if bus is not None else None


# ---- what changed: every session of the process -----------------------------------------------


def _mark(session: Session, ids: set[int] | str) -> None:
    current = session.info.get(_CHANGED)
    if current == EVERYONE or ids == EVERYONE:
        merged: set[int] | str = EVERYONE
    else:
        merged = set(current or ()) | set(ids)  # type: ignore[arg-type]
    session.info[_CHANGED] = merged
    for cache in list(_caches):  # at once, too: no read of this process serves the old row
        cache.forget(ids)


def changed_here(session: Session) -> bool:
    """This transaction wrote people or grants: what it reads is not committed yet."""
    return bool(session.info.get(_CHANGED))


def people_changed(*ids: int) -> dict[str, Any]:
    """Execution options for a repository's statement that changes these people only."""
    return {"people_changed": frozenset(ids)}


def people_seen(person_id: int, at: Any) -> dict[str, Any]:
    """Execution options for the statement that changes a person's "last seen" and nothing
    else: cached entries stay (``PeopleCache.seen``), nobody is told. Read on every update,
    written every few minutes: forgetting the person each time would send every first tap
    after a pause to the database twice."""
    return {"people_seen": (person_id, at)}


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    statement = state.statement
    if isinstance(statement, TextClause):
        sql = statement.text.lower()
        if not sql.lstrip().startswith("select") and any(t in sql for t in WATCHED | CASCADES_FROM):
            _mark(state.session, EVERYONE)
        return
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    name = getattr(getattr(statement, "table", None), "name", None)
    seen = state.execution_options.get("people_seen")
    if seen is not None and name == "people" and state.is_update:
        for cache in list(_caches):
            cache.seen(*seen)
        return
    if name in WATCHED or (name in CASCADES_FROM and not state.is_insert):
        ids = state.execution_options.get("people_changed")
        _mark(state.session, set(ids) if ids else EVERYONE)


@event.listens_for(Session, "after_flush")
def _on_flush(session: Session, _context: Any) -> None:
    ids: set[int] = set()
    everyone = False
    for obj in (*session.new, *session.dirty, *session.deleted):
        table = getattr(getattr(obj, "__table__", None), "name", None)
        if table == "people":
            if obj.id is not None:
                ids.add(obj.id)
        elif table == "role_grants":
            if obj.person_id is None:
                everyone = True
            else:
                ids.add(obj.person_id)
        elif table in CASCADES_FROM and obj in session.deleted:
            everyone = True
    if everyone:
        _mark(session, EVERYONE)
    elif ids:
        _mark(session, ids)


@event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    ids = session.info.pop(_CHANGED, None)
    if not ids:
        return
    for cache in list(_caches):
        cache.forget(ids)
    buses = {id(c.bus): c.bus for c in list(_caches)}
    if not buses:
        return
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for bus in buses.values():
        task = loop.create_task(bus.publish(ids))
        _inflight.add(task)
        task.add_done_callback(_inflight.discard)


@event.listens_for(Session, "after_soft_rollback")
def _on_rollback(session: Session, _transaction: Any) -> None:
    session.info.pop(_CHANGED, None)  # forgotten already when marked; nothing to publish


async def published() -> None:
    """Wait until every change committed so far has been published to the other processes."""
    if _inflight:
        await asyncio.gather(*list(_inflight), return_exceptions=True)
