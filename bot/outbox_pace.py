"""The outbox's overall send rate, shared by every sender process through one database row
(``outbox_pace``): each message takes a slot ``(1 + LATE)/rate`` after the previous one,
atomically, and its request leaves at that moment — within ``LATE`` of it, or it takes a new
slot — so no one-second window holds more than ``rate`` requests, whichever process sends
them; ``RetryAfter`` moves the row past the pause, so every process waits (bot/outbox.py)."""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import case, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import insert_for
from storage.models import OutboxPaceRow

Timer = Callable[[], float]

#: The longest a sender waits for its send slot. A slot further away means flood control
#: (``RetryAfter`` seen by any sender): the batch is put back and the sender pauses.
MAX_SLOT_WAIT = 1.0
#: How far ahead of now an idle pace row's slot is put: the taking transaction's commit
#: happens in between (seconds).
SLOT_LEAD = 0.03
#: The most a request may leave after its slot; later, it takes a new one (seconds).
LATE = 0.02
#: The one pace row every sender shares.
GLOBAL_PACE = "global"


class SharedPace:
    """Send slots from the shared pace row. ``timer``: epoch seconds, the same on every host."""

    def __init__(self, sessions: async_sessionmaker[AsyncSession], rate: float,
                 timer: Timer) -> None:
        self.sessions = sessions
        # a request leaves at most LATE after its slot (a later one takes a new slot: bot/
        # outbox.py), so ``rate`` slots span 1 + LATE seconds: whatever the jitter within
        # LATE, no one-second window holds more than ``rate`` requests
        self.gap = (1.0 + LATE) / rate
        #: a slot further away than this means flood control (at a low rate: one gap)
        self.max_wait = max(MAX_SLOT_WAIT, self.gap)
        self.timer = timer

    async def retake(self) -> float:
        """A new slot for a request that missed its own (the event loop woke it late)."""
        async with self.sessions() as s:
            slot = await self.take(s)
            await s.commit()
        return slot

    async def ahead(self) -> float:
        """Seconds until the next free slot (more than ``max_wait``: flood control)."""
        async with self.sessions() as s:
            next_at = await s.scalar(
                select(OutboxPaceRow.next_at).where(OutboxPaceRow.name == GLOBAL_PACE)
            )
        return (next_at or 0.0) - self.timer()

    async def take(self, s: AsyncSession) -> float:
        """Take the next overall send slot (shared by every process): the moment (``timer``
        seconds) the request is to leave. The caller sleeps until then *after* its commit, so
        the time the commit takes (or a wait for the row's lock) does not push the request
        late, next to the following slot: requests leave ``1/rate`` apart.

        The caller's transaction holds the pace row's lock until it commits."""
        # a slot no earlier than the commit's round trip from now: an idle row's slot is not
        # already past when the caller has committed (a late request bunches with the next)
        earliest = self.timer() + SLOT_LEAD
        take = (
            update(OutboxPaceRow)
            .where(OutboxPaceRow.name == GLOBAL_PACE)
            .values(
                next_at=case((OutboxPaceRow.next_at > earliest, OutboxPaceRow.next_at),
                             else_=earliest)
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
            await s.execute(
                insert_for(s)(OutboxPaceRow)
                .values(name=GLOBAL_PACE, next_at=0.0)
                .on_conflict_do_nothing(index_elements=["name"])
            )
            return await self.take(s)
        return float(next_at) - self.gap

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
