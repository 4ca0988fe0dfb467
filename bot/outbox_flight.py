"""The messages one outbox run has in the air (bot/outbox.py): several at once, so Telegram's
round trip does not cap the rate, and the next batch is claimed while they fly."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from typing import Any


class Flight:
    """The messages one ``run_once`` has in the air: at most ``concurrency`` at once."""

    def __init__(self, concurrency: int) -> None:
        self.gate = asyncio.Semaphore(concurrency)
        self.tasks: set[asyncio.Task[None]] = set()
        self.sent = 0

    def start(self, delivery: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(delivery)
        self.tasks.add(task)
        task.add_done_callback(self.tasks.discard)

    async def land_one(self) -> None:
        """Wait until at least one message in the air has its answer."""
        if self.tasks:
            await asyncio.wait(list(self.tasks), return_when=asyncio.FIRST_COMPLETED)

    async def land(self) -> int:
        """Wait for every message in the air; returns how many were sent."""
        while self.tasks:
            await asyncio.gather(*list(self.tasks), return_exceptions=True)
        return self.sent
