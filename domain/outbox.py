"""Delivery policy for messages to people who did not write to the bot."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.entities import Notification
from domain.ports import UnitOfWork

MAX_ATTEMPTS = 6
#: A message claimed (not yet in flight) for longer than this is free for any sender again:
#: its sender died or stalled. Longer than a sender needs for one batch.
CLAIM_LEASE = timedelta(seconds=30)
#: A message in flight for longer than this belongs to a sender that died during its HTTP
#: call (longer than the request timeout): it may have arrived, so it becomes ``unknown``.
IN_FLIGHT_LEASE = timedelta(minutes=2)


async def notify(uow: UnitOfWork, notification: Notification, now: datetime) -> bool:
    """Record a message in the same transaction as the change that caused it.

    Returns False when a message with the same ``dedupe_key`` was already recorded.
    """
    return await uow.outbox.add(notification, now)


def retry_delay(attempts: int) -> timedelta:
    """Exponential back-off for transient failures: 5 s, 10 s, 20 s … capped at 10 minutes."""
    return min(timedelta(seconds=5 * 2 ** max(attempts - 1, 0)), timedelta(minutes=10))


def gives_up(attempts: int) -> bool:
    return attempts >= MAX_ATTEMPTS
