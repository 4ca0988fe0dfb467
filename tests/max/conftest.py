"""The app with both messengers: Telegram through the in-memory fake, MAX through the fake MAX
server on loopback (tests/max/fake_max.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest

from bot.app import App, build_app
from bot.max.session import MaxSession
from bot.settings import Settings
from tests.clock import TEST_CLOCK
from tests.harness import FakeTelegram
from tests.max.fake_max import BOT_NICK, TOKEN, FakeMax


@pytest.fixture
async def fake_max() -> AsyncIterator[FakeMax]:
    fake = await FakeMax().start()
    yield fake
    await fake.stop()


@pytest.fixture
async def make_app(settings: Settings, fake_max: FakeMax) -> AsyncIterator[Any]:
    """Both bots in one app (the conftest's ``make_app``, with MAX on); call again to restart."""
    apps: list[App] = []

    async def factory(**overrides: Any) -> App:
        s = settings.model_copy(update={"max_bot_token": TOKEN, "max_api_url": fake_max.url,
                                        "max_bot_username": BOT_NICK, **overrides})
        app = build_app(s, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK,
                        max_session=MaxSession(TOKEN, fake_max.url))
        await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
        apps.append(app)
        return app

    yield factory
    for app in apps:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()
