"""aiogram FSM storage in the database: a conversation survives a restart.

Inside an update the state is written through that update's unit of work, so it commits
(or rolls back) together with the change the handler made. Outside an update it uses a
short session of its own.
"""

from __future__ import annotations

from collections.abc import Mapping
from contextvars import ContextVar
from typing import Any

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

from storage.models import FsmStateRow

#: the session of the update being handled (set by the unit-of-work middleware)
current_session: ContextVar[AsyncSession | None] = ContextVar("current_session", default=None)


_ROWS = "fsm_rows"  # Session.info key: the rows this update has read, by storage key


def _forget(session: AsyncSession, key: str) -> None:
    session.info.get(_ROWS, {}).pop(key, None)


@event.listens_for(Session, "do_orm_execute")
def _forget_on_write(state: ORMExecuteState) -> None:
    """Any other write to the conversation table in this session (erasing a person's data,
    say) makes the rows read so far unreliable: read them again."""
    if state.is_insert or state.is_update or state.is_delete:
        table = getattr(state.statement, "table", None)
        if getattr(table, "name", None) == FsmStateRow.__tablename__:
            state.session.info.pop(_ROWS, None)


@event.listens_for(Session, "after_soft_rollback")
def _forget_all(session: Session, _transaction: Any) -> None:
    """A rolled-back update may have written a state: read it again after a rollback."""
    session.info.pop(_ROWS, None)


class DatabaseStorage(BaseStorage):
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        key_builder: KeyBuilder | None = None,
    ) -> None:
        self._sessions = sessions
        self._keys = key_builder or DefaultKeyBuilder(with_destiny=True)

    def _insert(self, session: AsyncSession) -> Any:
        dialect = session.bind.dialect.name if session.bind else "sqlite"
        return pg_insert if dialect == "postgresql" else sqlite_insert

    async def _upsert(self, key: StorageKey, values: dict[str, Any]) -> None:
        k = self._keys.build(key)
        session = current_session.get()
        if session is not None:
            await self._do_upsert(session, k, values)
            _forget(session, k)
            return
        async with self._sessions() as own, own.begin():
            await self._do_upsert(own, k, values)

    async def _do_upsert(self, session: AsyncSession, k: str, values: dict[str, Any]) -> None:
        insert = self._insert(session)
        row = {"key": k, "state": None, "data": {}, **values}
        stmt = insert(FsmStateRow).values(**row)
        stmt = stmt.on_conflict_do_update(index_elements=["key"], set_=values)
        await session.execute(stmt)

    async def _row(self, key: StorageKey) -> FsmStateRow | None:
        k = self._keys.build(key)
        stmt = select(FsmStateRow.state, FsmStateRow.data).where(FsmStateRow.key == k)
        session = current_session.get()
        if session is not None:
            # read once per update: aiogram reads the state, then a handler's set_state and
            # set_data each compare with what is stored; a write through this session
            # forgets the cached row (the key is the user's, held by the events lock)
            rows = session.info.setdefault(_ROWS, {})
            if k not in rows:
                rows[k] = (await session.execute(stmt)).one_or_none()
            return rows[k]  # type: ignore[no-any-return]
        async with self._sessions() as own:
            return (await own.execute(stmt)).one_or_none()  # type: ignore[return-value]

    async def _delete(self, key: StorageKey) -> None:
        k = self._keys.build(key)
        stmt = delete(FsmStateRow).where(FsmStateRow.key == k)
        session = current_session.get()
        if session is not None:
            await session.execute(stmt)
            _forget(session, k)
            return
        async with self._sessions() as own, own.begin():
            await own.execute(stmt)

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
        await self._upsert(key, {"state": value})

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
        await self._upsert(key, {"data": value})

    async def get_data(self, key: StorageKey) -> dict[str, Any]:
        row = await self._row(key)
        return dict(row.data or {}) if row else {}

    async def close(self) -> None:
        return None
