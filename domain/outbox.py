"""Delivery policy for messages to people who did not write to the bot."""

from __future__ import annotations

from datetime import datetime, timedelta

from domain.entities import Notification
from domain.ports import UnitOfWork

MAX_ATTEMPTS = 6
#: A claim older than this belongs to a sender that died mid-send.
CLAIM_LEASE = timedelta(minutes=2)


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
