"""The copy cache over SQLAlchemy: each call in its own short transaction (a claim is seen by
every process before the upload starts). The unique key (source, channel) makes the first
claim an INSERT only one sender wins; a later claim is an UPDATE of a free row."""

from __future__ import annotations

from sqlalchemy import or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from domain.clock import Clock
from domain.files import COPY_LEASE, FAILURE_PAUSE, Copy
from storage.files.models import FileCopyRow, FileSourceRow

Row = FileCopyRow


class SqlFileCopies:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    @staticmethod
    def _key(source: str, channel: str) -> tuple[object, object]:
        return Row.source_file_id == source, Row.channel == channel

    async def find(self, source: str, channel: str) -> Copy | None:
        async with self.sessions() as s:
            row = (await s.execute(
                select(Row.file_id, Row.claimed_at, Row.failed_at)
                .where(*self._key(source, channel)))).first()
        if row is None:
            return None
        now = self.clock.now()
        return Copy(file_id=row.file_id,
                    failed=row.failed_at is not None and row.failed_at > now - FAILURE_PAUSE,
                    busy=row.claimed_at is not None and row.claimed_at > now - COPY_LEASE)

    async def claim(self, source: str, channel: str, worker: str) -> bool:
        """Take the right to make the copy: a new row, or one nobody holds, not copied and
        not failed within the pause."""
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
            made = await s.scalar(
                insert(Row).values(source_file_id=source, channel=channel, claimed_by=worker,
                                   claimed_at=now, created_at=now)
                .on_conflict_do_nothing(index_elements=["source_file_id", "channel"])
                .returning(Row.id))
            if made is not None:
                return True
            taken = await s.execute(
                update(Row).where(
                    *self._key(source, channel), Row.file_id.is_(None),
                    or_(Row.claimed_at.is_(None), Row.claimed_at <= now - COPY_LEASE),
                    or_(Row.failed_at.is_(None), Row.failed_at <= now - FAILURE_PAUSE))
                .values(claimed_by=worker, claimed_at=now))
            return bool(taken.rowcount)  # type: ignore[attr-defined]

    async def _finish(self, source: str, channel: str, worker: str, **values: object) -> None:
        async with self.sessions() as s, s.begin():
            await s.execute(update(Row).where(*self._key(source, channel),
                                              Row.claimed_by == worker)
                            .values(claimed_by=None, claimed_at=None, **values))

    async def save(self, source: str, channel: str, worker: str, file_id: str) -> None:
        await self._finish(source, channel, worker, file_id=file_id[:300], failed_at=None,
                           last_error=None)

    async def release(self, source: str, channel: str, worker: str) -> None:
        await self._finish(source, channel, worker)

    async def fail(self, source: str, channel: str, worker: str, error: str) -> None:
        await self._finish(source, channel, worker, failed_at=self.clock.now(),
                           last_error=error[:300])

    async def forget(self, source: str, channel: str, file_id: str) -> None:
        """A copy the messenger no longer accepts: the next sender makes a new one."""
        async with self.sessions() as s, s.begin():
            await s.execute(update(Row).where(*self._key(source, channel),
                                              Row.file_id == file_id)
                            .values(file_id=None))


class SqlFileSources:
    """Where MAX files can be downloaded (domain.files.FileSources): one row per file, the
    latest URL MAX gave for it."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
        self.sessions = sessions
        self.clock = clock

    async def keep(self, file_id: str, url: str) -> None:
        now = self.clock.now()
        async with self.sessions() as s, s.begin():
            insert = pg_insert if s.get_bind().dialect.name == "postgresql" else sqlite_insert
            stmt = insert(FileSourceRow).values(file_id=file_id[:300], url=url, received_at=now)
            await s.execute(stmt.on_conflict_do_update(
                index_elements=["file_id"], set_={"url": url, "received_at": now}))

    async def find(self, file_id: str) -> str | None:
        async with self.sessions() as s:
            return await s.scalar(select(FileSourceRow.url)
                                  .where(FileSourceRow.file_id == file_id[:300]))
