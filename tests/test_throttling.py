"""A flood of taps is cut off before the database: bursts pass, the rest is dropped with one
notice in the user's language, and a dropped update opens no database connection."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

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
