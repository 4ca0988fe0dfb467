"""A flood of taps is cut off before the database: bursts pass, the rest is dropped with one
notice in the user's language, and a dropped update opens no database connection."""

from __future__ import annotations

import os
import random
from datetime import timedelta
from typing import Any

import pytest
from aiogram.methods import SendMessage
from sqlalchemy import event

from bot.app import App, build_app
from tests.clock import TEST_CLOCK
from tests.conftest import onboarded
from tests.harness import FakeTelegram, Person

BURST = 20  # ThrottlingMiddleware's default


def checkouts(app: App) -> list[int]:
    """Counts connections taken from the pool (one per unit of work)."""
    seen: list[int] = []

    def on_checkout(*_: Any) -> None:
        seen.append(1)

    event.listen(app.engine.sync_engine.pool, "checkout", on_checkout)
    return seen


async def test_a_flood_is_dropped_before_the_database(app: App, orgs: dict[str, int]) -> None:
    # the fixture app has throttling off (tests tap fast); this one has it on, same database.
    # The person is read from the database on every update (no people cache), so that a
    # handled update shows as a connection checkout and a dropped one as none.
    settings = app.settings.model_copy(update={"people_cache": False})
    app = build_app(settings, session=FakeTelegram(), clock=TEST_CLOCK)
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    try:
        await onboarded(app, 710_001, orgs["school1"])
        teacher = Person(app, 710_001)
        used = checkouts(app)

        for _ in range(BURST):
            await teacher.send("/menu")
        assert len(used) >= BURST  # every one of the burst was handled (and read the database)
        answered = len(teacher.tg.of(SendMessage))
        assert answered >= BURST

        before = len(used)
        calls = []
        for _ in range(10):
            calls += await teacher.send("/menu")
        assert len(used) == before  # the flood never touched the database
        notices = [c.text for c in calls if isinstance(c, SendMessage)]
        assert notices == ["Слишком много нажатий подряд — подождите пару секунд."]

        # a moment later the bucket has refilled and the person is served again
        TEST_CLOCK.advance(timedelta(seconds=2))
        calls = await teacher.send("/menu")
        assert len(used) > before
        assert [c for c in calls if isinstance(c, SendMessage)]
        assert "Слишком много" not in teacher.last.text

        # another user is not affected by the first one's flood, and hears English
        stranger = Person(app, 710_002, language_code="en")
        for _ in range(BURST):
            await stranger.send("/start")
        calls = await stranger.send("/start")
        assert [c.text for c in calls if isinstance(c, SendMessage)] == [
            "Too many taps in a row — please wait a couple of seconds."]
    finally:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()


REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


def _redis_up() -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


@pytest.mark.skipif(not _redis_up(), reason=f"needs Redis at {REDIS_URL}")
async def test_with_redis_two_workers_give_one_allowance(app: App) -> None:
    """With REDIS_URL the bucket is in Redis: a person whose taps go to two workers gets one
    burst, not one per worker."""
    settings = app.settings.model_copy(update={"redis_url": REDIS_URL})
    workers = [build_app(settings, session=FakeTelegram(), clock=TEST_CLOCK) for _ in range(2)]
    user_id = random.Random().randrange(800_000_000, 900_000_000)  # a bucket of its own
    for w in workers:
        await w.dp.emit_startup(bot=w.bot, dispatcher=w.dp)
    try:
        taps = [Person(w, user_id) for w in workers]
        for n in range(BURST):  # the burst, half on each worker
            await taps[n % 2].send("/start")
        answered = sum(len(t.tg.of(SendMessage)) for t in taps)
        assert answered == BURST
        notices = []
        for n in range(6):  # each worker alone would still have half its burst
            notices += [c.text for c in await taps[n % 2].send("/start")
                        if isinstance(c, SendMessage)]
        assert notices == ["Слишком много нажатий подряд — подождите пару секунд."]

        TEST_CLOCK.advance(timedelta(seconds=2))  # refilled, in Redis, for both
        calls = await taps[1].send("/start")
        assert [c for c in calls if isinstance(c, SendMessage)]
        assert "Слишком много" not in taps[1].last.text
    finally:
        redis = workers[0].dp.storage.redis  # type: ignore[attr-defined]
        await redis.delete(f"marshrut:throttle:telegram:{user_id}")
        for w in workers:
            await w.dp.emit_shutdown(bot=w.bot, dispatcher=w.dp)
            await w.close()


async def test_without_redis_reachable_updates_pass(app: App) -> None:
    """Throttling never stops an update itself: with Redis down the bucket lets it through
    (the conversation state is in Redis too: the error handler reports the outage)."""
    from bot.middlewares import PASS, RedisBuckets
    from redis.asyncio import Redis

    down = Redis.from_url("redis://127.0.0.1:1/0", socket_connect_timeout=0.5)
    try:
        buckets = RedisBuckets(down, rate=4.0, burst=20)
        assert await buckets.take(("telegram", 1), TEST_CLOCK.now().timestamp()) == PASS
    finally:
        await down.aclose()
