"""A small in-process read model: what the events catalogue reads on every tap — the upcoming
events, their seat counts, a person's registrations and latest deficits, the orgs — served
from memory and dropped on every change, in this process and in the others.

Invalidation, not expiry. Every SQLAlchemy session of the process is watched (listeners on
``Session``): an INSERT/UPDATE/DELETE (ORM flush, bulk statement, raw SQL naming the table) of
a table a part is made of drops that whole part at once (``PARTS``: a registration drops the
seat counts and registrations of every event, not only its own — coarse, and so simple to
trust). The change is published to the other processes when the transaction commits
(``SqlUnitOfWork.commit`` waits for it before the reply), over the same buses as the people
(storage/people_cache.py):

- **Redis** (``REDIS_URL``): pub/sub on ``marshrut:reads``; memory is served only while the
  subscription is live (on a lost connection everything is forgotten, the database is read);
- **SQLite** without Redis: the sidecar file ``<database>-reads`` is touched after a change
  (the CLI's imports too); a process that sees it touched by someone else forgets everything
  before it serves anything;
- **PostgreSQL without Redis**: no bus, no read model.

The guarantee: a process serves nothing older than the last change it has been told of;
another process's change is told before that process replies to whoever made it, and the
next update here that begins after the message arrived reads it fresh. Nothing is stored that
was read in a transaction which began before a change was told (``after_begin`` notes the
epoch; on SQLite a transaction reads one snapshot from its first statement), nor by a
transaction that itself wrote the part (its rows are not committed). Entries are returned as
copies where the domain's dataclasses are mutable.
"""

from __future__ import annotations

import asyncio
import weakref
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import ORMExecuteState, Session, SessionTransaction
from sqlalchemy.sql.elements import TextClause

from storage.people_cache import EVERYONE, Bus, LocalBus, _inflight, make_bus

T = TypeVar("T")

CHANNEL = "marshrut:reads"
#: part → the tables it is read from
PARTS: dict[str, frozenset[str]] = {
    "events": frozenset({"events", "event_sessions", "event_audience", "event_registrations"}),
    "orgs": frozenset({"orgs"}),
    "deficits": frozenset({"diag_attempts", "diag_deficits"}),
}
_PART_OF = {table: part for part, tables in PARTS.items() for table in tables}
#: a DELETE of these cascades (ON DELETE CASCADE) into the tables of these parts
CASCADES: dict[str, frozenset[str]] = {
    "people": frozenset({"events", "deficits"}),  # erasing a person: registrations, attempts
    "orgs": frozenset({"events", "orgs"}),  # an org's events, audience rows
}

_CHANGED = "reads_changed"  # Session.info: the parts this transaction wrote
_EPOCH = "reads_epoch"  # Session.info: {id(model): its epoch when this transaction began}
_models: weakref.WeakSet[ReadModel] = weakref.WeakSet()
_MISSING = object()


class ReadModel:
    """Entries by (part, key); ``size`` entries per part at most (least recently used go)."""

    def __init__(self, bus: Bus | None = None, size: int = 20_000) -> None:
        self.bus = bus or LocalBus()
        self.size = size
        self.epoch = 0  # bumped on every forget: a read begun before it is not stored
        self._parts: dict[str, OrderedDict[Any, Any]] = {p: OrderedDict() for p in PARTS}
        self.hits = 0
        self.misses = 0
        _models.add(self)

    @property
    def live(self) -> bool:
        return self.bus.live(self)

    def forget(self, parts: set[str] | str) -> None:
        self.epoch += 1
        for part in (PARTS if parts == EVERYONE else parts):
            entries = self._parts.get(part)
            if entries is not None:
                entries.clear()

    @staticmethod
    def decode(data: Any) -> set[str] | str:
        text = data.decode() if isinstance(data, bytes) else str(data)
        if text == EVERYONE:
            return EVERYONE
        return {x for x in text.split(",") if x}

    async def read(self, session: AsyncSession, part: str, key: Any,
                   load: Callable[[], Awaitable[T]]) -> T:
        """What ``load`` reads from the database, from memory when it may be trusted."""
        info = session.sync_session.info
        changed = info.get(_CHANGED)
        if changed and (changed == EVERYONE or part in changed) or not self.live:
            return await load()  # this transaction's own writes are not committed yet
        entries = self._parts[part]
        found = entries.get(key, _MISSING)
        if found is not _MISSING:
            self.hits += 1
            entries.move_to_end(key)
            return found  # type: ignore[no-any-return]
        self.misses += 1
        epoch = self.epoch
        value = await load()
        began = info.get(_EPOCH, {}).get(id(self), epoch)
        changed = info.get(_CHANGED)
        if self.epoch == epoch == began and not (changed and (changed == EVERYONE
                                                              or part in changed)):
            entries[key] = value
            if len(entries) > self.size:
                entries.popitem(last=False)
        return value

    async def start(self) -> None:
        await self.bus.start(self)

    async def close(self) -> None:
        await self.bus.close()
        _models.discard(self)


def make_read_model(database_url: str, redis_url: str | None, enabled: bool = True
                    ) -> ReadModel | None:
    bus = make_bus(database_url, redis_url, CHANNEL, "-reads") if enabled else None
    return ReadModel(bus) if bus is not None else None  # PostgreSQL without Redis: none


# ---- what changed: every session of the process -----------------------------------------------


def _mark(session: Session, parts: set[str] | str) -> None:
    current = session.info.get(_CHANGED)
    if current == EVERYONE or parts == EVERYONE:
        merged: set[str] | str = EVERYONE
    else:
        merged = set(current or ()) | set(parts)
    session.info[_CHANGED] = merged
    for model in list(_models):  # at once: no read of this process serves the old rows
        model.forget(parts)


def read_fresh(session: Session, part: str) -> None:
    """This transaction decides on the rows of ``part`` (a seat under the event's lock): it
    reads them from the database, and what it commits is told as a change."""
    current = session.info.get(_CHANGED)
    if current != EVERYONE:
        session.info[_CHANGED] = set(current or ()) | {part}


@event.listens_for(Session, "after_begin")
def _on_begin(session: Session, _transaction: SessionTransaction, _connection: Any) -> None:
    if _models:
        session.info[_EPOCH] = {id(m): m.epoch for m in list(_models)}


@event.listens_for(Session, "do_orm_execute")
def _on_execute(state: ORMExecuteState) -> None:
    statement = state.statement
    if isinstance(statement, TextClause):
        sql = statement.text.lower()
        if not sql.lstrip().startswith("select"):
            parts = {part for table, part in _PART_OF.items() if table in sql}
            for table, more in CASCADES.items():
                if table in sql:
                    parts |= more
            if parts:
                _mark(state.session, parts)
        return
    if not (state.is_insert or state.is_update or state.is_delete):
        return
    name = getattr(getattr(statement, "table", None), "name", None) or ""
    parts = {_PART_OF[name]} if name in _PART_OF else set()
    if state.is_delete:
        parts |= CASCADES.get(name, frozenset())
    if parts:
        _mark(state.session, parts)


@event.listens_for(Session, "after_flush")
def _on_flush(session: Session, _context: Any) -> None:
    parts: set[str] = set()
    for obj in (*session.new, *session.dirty, *session.deleted):
        name = getattr(getattr(obj, "__table__", None), "name", None) or ""
        if name in _PART_OF:
            parts.add(_PART_OF[name])
        if obj in session.deleted:
            parts |= CASCADES.get(name, frozenset())
    if parts:
        _mark(session, parts)


@event.listens_for(Session, "after_commit")
def _on_commit(session: Session) -> None:
    session.info.pop(_EPOCH, None)
    parts = session.info.pop(_CHANGED, None)
    if not parts:
        return
    for model in list(_models):
        model.forget(parts)
    buses = {id(m.bus): m.bus for m in list(_models)}
    try:
        loop = asyncio.get_running_loop()
    except RuntimeError:
        return
    for bus in buses.values():
        task = loop.create_task(bus.publish(parts))
        _inflight.add(task)  # SqlUnitOfWork.commit waits for it (people_cache.published)
        task.add_done_callback(_inflight.discard)


@event.listens_for(Session, "after_soft_rollback")
def _on_rollback(session: Session, _transaction: Any) -> None:
    session.info.pop(_EPOCH, None)
    session.info.pop(_CHANGED, None)  # forgotten already when marked; nothing to publish
