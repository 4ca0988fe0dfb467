"""MAX's request windows (bot/max/session.py ``Window``): a slot is free again a second after
the answer, so however late a request reached MAX, MAX never counts more than allowed. Time is
a fake clock here: the test cannot depend on the machine's speed."""

from __future__ import annotations

import asyncio

from bot.max.session import Window


class Clock:
    def __init__(self) -> None:
        self.now = 0.0
        self.slept: list[float] = []

    def __call__(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.slept.append(round(seconds, 6))
        self.now += seconds
        await asyncio.sleep(0)


async def test_a_slot_is_free_again_a_window_after_the_answer_not_after_the_start() -> None:
    clock = Clock()
    window = Window(2, 1.0, clock, clock.sleep)
    await window.take()  # request 1 starts at 0.0
    await window.take()  # request 2 starts at 0.0
    clock.now = 0.5
    window.give()  # request 2 answered at 0.5 (request 1 still on its way)
    await window.take()  # request 3: waits for request 2's slot, free at 1.5
    assert clock.now == 1.5 and clock.slept == [1.0]
    clock.now = 3.0
    window.give()  # request 1 answered at 3.0 — it may have reached the server at 2.9
    window.give()  # request 3 at 3.0
    await window.take()
    await window.take()  # both slots free again only from 4.0
    assert clock.now == 4.0


async def test_when_every_slot_is_in_flight_the_next_waits_for_an_answer() -> None:
    clock = Clock()
    window = Window(1, 1.0, clock, clock.sleep)
    await window.take()
    waiting = asyncio.create_task(window.take())
    await asyncio.sleep(0)
    assert not waiting.done()  # nothing answered yet: no time to wait for is known
    clock.now = 2.0
    window.give()
    await waiting
    assert clock.now == 3.0  # a second after the answer


async def test_a_failed_request_gives_its_slot_back() -> None:
    clock = Clock()
    window = Window(1, 1.0, clock, clock.sleep)
    try:
        async with window.slot():
            raise ConnectionError
    except ConnectionError:
        pass
    async with window.slot():
        pass
    assert clock.now == 1.0 and window.busy == 0
