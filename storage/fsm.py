"""aiogram FSM storage in the database: a conversation survives a restart.

Inside an update the state is written through that update's unit of work, so it commits
(or rolls back) together with the change the handler made; the writes of one update are
gathered and sent when the transaction commits, one statement per conversation (aiogram sets
the state and the data separately; a form step does both, and a finished form sets the state
to None and clears the data: one DELETE). Anything else touching the table in that session
(erasing a person's data) sends the gathered writes first, so the order is kept. Outside an
update it uses a short session of its own.
"""

from __future__ import annotations

import copy
import weakref
from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any, NamedTuple

from aiogram.fsm.state import State
from aiogram.fsm.storage.base import (
    BaseStorage,
    DefaultKeyBuilder,
    KeyBuilder,
    StateType,
    StorageKey,
)
from sqlalchemy import delete, event, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker
from sqlalchemy.orm import ORMExecuteState, Session
from sqlalchemy.sql.elements import TextClause

from storage.models import FsmStateRow

#: the session of the update being handled (set by the unit-of-work middleware)
current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)


_ROWS = "fsm_rows"  # Session.info key: the rows this update has read, by storage key
_PENDING = "fsm_pending"  # Session.info key: [(storage, key, row after)] written, not committed
_EXTERNAL = "fsm_external"  # Session.info key: someone else wrote the table in this transaction
_OWN = "fsm_own"  # execution option of the storage's own writes
_WRITES = "fsm_writes"  # Session.info key: {key: (storage, row after, columns set)} unsent
_NO_ROW = object()
_storages: "weakref.WeakSet[DatabaseStorage]" = weakref.WeakSet()


def _copy(data: Mapping[str, Any]) -> dict[str, Any]:
    return copy.deepcopy(dict(data)) if data else {}


class _Row(NamedTuple):
    state: str | None
    data: dict[str, Any]


def _known(session: AsyncSession, key: str, row: Any) -> None:
    """What this update just wrote is what it reads next (the key is the user's, held by
    the events lock): no read after a write. ``None``: no row."""
    rows = session.info.setdefault(_ROWS, {})
    rows[key] = None if row is _NO_ROW else _Row(row.state, _copy(row.data))


def _names_table(statement: Any) -> bool:
    if isinstance(statement, TextClause):
        return FsmStateRow.__tablename__ in statement.text.lower()
    table = getattr(statement, "table", None)
    if table is not None:
        return getattr(table, "name", None) == FsmStateRow.__tablename__
    froms = getattr(statement, "get_final_froms", None)
    return froms is not None and any(
        getattr(f, "name", None) == FsmStateRow.__tablename__ for f in froms())


def _send(session: Session) -> None:
    """The gathered writes of this transaction, one statement per conversation."""
    writes = session.info.pop(_WRITES, None)
    if not writes:
        return
    for k, (_storage, row, columns) in writes.items():
        if row is _NO_ROW:
            stmt: Any = delete(FsmStateRow).where(FsmStateRow.key == k)
        else:
            stmt = _upsert_statement(session, {"key": k, "state": row.state, "data": row.data},
                                     {c: getattr(row, c) for c in columns})
        session.execute(stmt, execution_options={_OWN: True})


def _upsert_statement(session: Session | AsyncSession, row: dict[str, Any],
                      changed: dict[str, Any]) -> Any:
    """INSERT the row, or UPDATE only the ``changed`` columns of the stored one."""
    dialect = session.bind.dialect.name if session.bind else "sqlite"
    insert = pg_insert if dialect == "postgresql" else sqlite_insert
    return insert(FsmStateRow).values(**row).on_conflict_do_update(
        index_elements=["key"], set_=changed)


@event.listens_for(Session, "before_commit")
def _send_before_commit(session: Session) -> None:
    _send(session)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    """Any other write to the conversation table in this session (erasing a person's data,
    say) makes the rows read so far unreliable: read them again. Anything else that reads or
    writes the table gets this update's gathered writes sent first."""
    if state.execution_options.get(_OWN):
        return
    if state.session.info.get(_WRITES) and _names_table(state.statement):
        _send(state.session)
    if state.is_insert or state.is_update or state.is_delete:
        if _names_table(state.statement):
            state.session.info.pop(_ROWS, None)
            # not through a storage (erasing a person's data): memory cannot tell which
            # conversations changed; forget them all now and again at commit
            state.session.info[_EXTERNAL] = True
            _forget_memory()


def _forget_memory() -> None:
    for storage in list(_storages):
        storage._forget_memory()


@event.listens_for(Session, "after_commit")
def _committed(session: Session) -> None:
    for storage, key, row in session.info.pop(_PENDING, ()):
        storage._remember(key, row)
    if session.info.pop(_EXTERNAL, False):
        _forget_memory()


@event.listens_for(Session, "after_soft_rollback")
def _forget_all(session: Session, _transaction: Any) -> None:
    """A rolled-back update may have written a state: read it again after a rollback. A
    savepoint's rollback keeps the gathered writes (the transaction goes on)."""
    if not getattr(_transaction, "nested", False):
        session.info.pop(_WRITES, None)
    session.info.pop(_ROWS, None)
    session.info.pop(_EXTERNAL, None)
    for storage, key, _row in session.info.pop(_PENDING, ()):
        storage._drop(key)


class DatabaseStorage(BaseStorage):
    """``memory``: conversations are also kept in memory, written through at commit — only
    where this process is the one writer of the table (SQLite: one bot process per file).
    A write to the table by anything else (erasing a person) forgets the memory; a rollback
    forgets the keys it wrote; a read that raced with a write is not kept (a generation)."""

    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
        memory: bool = False,
        size: int = 50_000,
    ) -> None:
        self._sessions = sessions
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)
        self._memory: dict[str, Any] | None = {} if memory else None
        self._size = size
        self._generation = 0
        _storages.add(self)

    def _forget_memory(self) -> None:
        self._generation += 1
        if self._memory is not None:
            self._memory.clear()

    def _drop(self, key: str) -> None:
        self._generation += 1
        if self._memory is not None:
            self._memory.pop(key, None)

    def _remember(self, key: str, row: Any) -> None:
        if self._memory is None:
            return
        if len(self._memory) >= self._size and key not in self._memory:
            self._memory.pop(next(iter(self._memory)))
        self._memory[key] = row

    def _pending(self, session: AsyncSession, key: str, row: Any) -> None:
        if self._memory is not None:
            if row is not _NO_ROW:
                row = _Row(row.state, _copy(row.data))
            self._drop(key)  # until the commit says what it is
            session.info.setdefault(_PENDING, []).append((self, key, row))

    async def _upsert(self, key: StorageKey, values: dict[str, Any], after: _Row) -> None:
        k = self._keys.build(key)
        session = current_session.get()
        if session is not None:
            self._gather(session, k, after, set(values))
            return
        async with self._sessions() as own:
            async with own.begin():
                await self._do_upsert(own, k, values)
                self._pending(own, k, after)

    def _gather(self, session: AsyncSession, k: str, after: Any, columns: set[str]) -> None:
        """A write of this update, sent at commit (``_send``) with the others of the key."""
        sync = session.sync_session
        if not sync.in_transaction():
            sync.begin()  # no I/O: the commit that follows sends the writes
        writes = sync.info.setdefault(_WRITES, {})
        earlier = writes.get(k)
        if earlier is not None and after is not _NO_ROW and earlier[1] is not _NO_ROW:
            columns |= earlier[2]
        elif earlier is not None and after is not _NO_ROW:
            columns = {"state", "data"}  # deleted, then written again: the whole row
        if after is not _NO_ROW:  # as it is now: the handler may change its dict later
            after = _Row(after.state, _copy(after.data))
        writes[k] = (self, after, columns)
        _known(session, k, after)
        self._pending(session, k, after)

    async def _do_upsert(self, session: AsyncSession, k: str, values: dict[str, Any]) -> None:
        stmt = _upsert_statement(session, {"key": k, "state": None, "data": {}, **values}, values)
        await session.execute(stmt, execution_options={_OWN: True})

    async def _row(self, key: StorageKey) -> FsmStateRow | None:
        k = self._keys.build(key)
        memory = self._memory
        if memory is not None:
            row = memory.get(k)
            if row is not None:  # a copy: a handler may change what get_data gave it
                return None if row is _NO_ROW else _Row(row.state, _copy(row.data))
        generation = self._generation
        stmt = select(FsmStateRow.state, FsmStateRow.data).where(FsmStateRow.key == k)
        session = current_session.get()
        if session is not None:
            # read once per update: aiogram reads the state, then a handler's set_state and
            # set_data each compare with what is stored; a write through this session
            # forgets the cached row (the key is the user's, held by the events lock)
            rows = session.info.setdefault(_ROWS, {})
            if k not in rows:
                rows[k] = (await session.execute(stmt)).one_or_none()
                self._read(k, rows[k], generation, session)
            return rows[k]  # type: ignore[no-any-return]
        async with self._sessions() as own:
            found = (await own.execute(stmt)).one_or_none()
            self._read(k, found, generation, None)
            return found  # type: ignore[return-value]

    def _read(self, k: str, found: Any, generation: int, session: AsyncSession | None) -> None:
        """Keep what was read unless anything changed meanwhile, or this transaction wrote
        the table (then it is not committed yet)."""
        if self._memory is None or generation != self._generation:
            return
        if session is not None and (session.info.get(_PENDING) or session.info.get(_EXTERNAL)):
            return
        row = _NO_ROW if found is None else _Row(found.state, _copy(found.data or {}))
        self._remember(k, row)

    async def _delete(self, key: StorageKey) -> None:
        k = self._keys.build(key)
        stmt = delete(FsmStateRow).where(FsmStateRow.key == k)
        session = current_session.get()
        if session is not None:
            self._gather(session, k, _NO_ROW, set())
            return
        async with self._sessions() as own:
            async with own.begin():
                await own.execute(stmt, execution_options={_OWN: True})
                self._pending(own, k, _NO_ROW)

    # Writing only what changes keeps the common "clear the state" (/menu, /cancel) a pure read:
    # on SQLite a write would hold the database's one write lock until the update commits.
    # A conversation with no state and no data leaves no row (its key holds the user's id).

    async def set_state(self, key: StorageKey, state: StateType = None) -> None:
        value = state.state if isinstance(state, State) else state
        row = await self._row(key)
        if (row.state if row else None) == value:
            return
        if value is None and row is not None and not row.data:
            await self._delete(key)
            return
        await self._upsert(key, {"state": value}, _Row(value, dict(row.data or {}) if row else {}))

    async def get_state(self, key: StorageKey) -> str | None:
        row = await self._row(key)
        return row.state if row else None

    async def set_data(self, key: StorageKey, data: Mapping[str, Any]) -> None:
        value = dict(data)
        row = await self._row(key)
        if (dict(row.data or {}) if row else {}) == value:
            return
        if not value and row is not None and row.state is None:
            await self._delete(key)
            return
        await self._upsert(key, {"data": value}, _Row(row.state if row else None, value))

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._row(key)
        return dict(row.data or {}) if row else {}

    async def close(self) -> None:
        return None
