"""The outbox's overall send rate, shared by every sender process through one database row
(``outbox_pace``): each message takes a slot ``1/rate`` after the previous one, atomically;
``RetryAfter`` moves the row past the pause, so every process waits (bot/outbox.py)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import case, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.models import OutboxPaceRow

Timer = Callable[[], float]

#: The longest a sender waits for its send slot. A slot further away means flood control
#: (``RetryAfter`` seen by any sender): the batch is put back and the sender pauses.
MAX_SLOT_WAIT = 1.0
#: The one pace row every sender shares.
GLOBAL_PACE = "global"


class SharedPace:
    """Send slots from the shared pace row. ``timer``: epoch seconds, the same on every host."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], rate: float,
                 timer: Timer) -> None:
        self.sessions = sessions
        self.gap = 1.0 / rate
        self.timer = timer

    async def ahead(self) -> float:
        """Seconds until the next free slot (more than ``MAX_SLOT_WAIT``: flood control)."""
        async with self.sessions() as s:
            next_at = await s.scalar(
                select(OutboxPaceRow.next_at).where(OutboxPaceRow.name == GLOBAL_PACE)
            )
        return (next_at or 0.0) - self.timer()

    async def take(self, s: AsyncSession) -> float:
        """Take the next overall send slot (shared by every process); seconds to wait for it.

        The caller's transaction holds the pace row's lock until it commits."""
        now = self.timer()
        take = (
            update(OutboxPaceRow)
            .where(OutboxPaceRow.name == GLOBAL_PACE)
            .values(
                next_at=case((OutboxPaceRow.next_at > now, OutboxPaceRow.next_at), else_=now)
                + self.gap
            )
        )
        dialect = s.get_bind().dialect
        returning = dialect.update_returning  # PostgreSQL; SQLite from 3.35
        result = await s.execute(take.returning(OutboxPaceRow.next_at) if returning else take)
        next_at = result.scalar_one_or_none() if returning else None
        if not returning and result.rowcount:  # type: ignore[attr-defined]
            next_at = await s.scalar(
                select(OutboxPaceRow.next_at).where(OutboxPaceRow.name == GLOBAL_PACE)
            )
        if next_at is None:  # the first message ever (or the table was emptied)
            insert = pg_insert if dialect.name == "postgresql" else sqlite_insert
            await s.execute(
                insert(OutboxPaceRow)
                .values(name=GLOBAL_PACE, next_at=0.0)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            return await self.take(s)
        return float(next_at) - self.gap - now

    async def pause_everyone(self, seconds: float) -> None:
        """Flood control: no sender takes a slot before the pause is over."""
        until = self.timer() + seconds
        async with self.sessions() as s, s.begin():
            await s.execute(
                update(OutboxPaceRow)
                .where(OutboxPaceRow.name == GLOBAL_PACE)
                .values(
                    next_at=case((OutboxPaceRow.next_at > until, OutboxPaceRow.next_at),
                                 else_=until)
                )
            )
