"""Telegram updates already handled (``handled_updates``), for bot/redelivery.py without Redis.

The mark is written in the update's own transaction, just before its first commit, with the
changes the update made: the two are stored together or not at all. On PostgreSQL a repeat
handled at the same moment by another worker waits at its insert for the first transaction;
when that one commits, the repeat's insert finds the row and the repeat's changes are rolled
back, so an update changes the database once however often it is delivered."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import delete, func, select
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from storage.db import insert_for
from storage.models import HandledUpdateRow


async def was_handled(session: AsyncSession, bot_id: int, update_id: int) -> bool:
    found = await session.scalar(
        select(HandledUpdateRow.update_id).where(HandledUpdateRow.bot_id == bot_id,
                                                 HandledUpdateRow.update_id == update_id)
    )
    return found is not None


async def mark_handled(session: AsyncSession, bot_id: int, update_id: int,
                       now: datetime) -> bool:
    """Record the update in the session's transaction; False if it is recorded already (by
    a repeat that committed first)."""
    result = await session.execute(
        insert_for(session)(HandledUpdateRow)
        .values(bot_id=bot_id, update_id=update_id, handled_at=now)
        .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
    )
    return bool(result.rowcount)  # type: ignore[attr-defined]


async def last_handled(session: AsyncSession, bot_id: int) -> int:
    """The highest update id of the bot recorded (0 when none)."""
    found = await session.scalar(select(func.max(HandledUpdateRow.update_id))
                                 .where(HandledUpdateRow.bot_id == bot_id))
    return int(found or 0)


async def mark_many(sessions: async_sessionmaker[AsyncSession],
                    marks: list[tuple[int, int, datetime]]) -> None:
    """Record (bot id, update id, when) marks in one transaction of their own."""
    if not marks:
        return
    async with sessions() as s, s.begin():
        await s.execute(
            insert_for(s)(HandledUpdateRow)
            .values([{"bot_id": b, "update_id": u, "handled_at": at} for b, u, at in marks])
            .on_conflict_do_nothing(index_elements=["bot_id", "update_id"])
        )


async def prune_handled(sessions: async_sessionmaker[AsyncSession], before: datetime) -> int:
    """Forget the updates handled before ``before``; how many."""
    async with sessions() as s, s.begin():
        result = await s.execute(delete(HandledUpdateRow)
                                 .where(HandledUpdateRow.handled_at < before))
    return int(result.rowcount or 0)  # type: ignore[attr-defined]
