"""Long polling: migrations, then the Dispatcher; on its start-up the bot commands are set and
the scheduler (outbox sender, periodic jobs) starts."""

from __future__ import annotations

import logging

from aiogram import Bot

from bot.app import App, build_app, set_commands
from bot.settings import Settings
from storage.migrate import upgrade

log = logging.getLogger("marshrut")


def register_lifecycle(app: App) -> None:
    async def on_startup(bot: Bot) -> None:
        # runs after aiogram-i18n loaded the catalogues (it registered its start-up first)
        await set_commands(bot, app.dp["i18n_core"].get)
        app.scheduler.start()

    async def on_shutdown() -> None:
        if app.scheduler.running:
            app.scheduler.shutdown(wait=False)

    app.dp.startup.register(on_startup)
    app.dp.shutdown.register(on_shutdown)


async def run(settings: Settings) -> None:
    settings.require_token()
    await upgrade(settings.database_url)
    app = build_app(settings)
    register_lifecycle(app)
    try:
        me = await app.bot.get_me()
        log.info("bot @%s starting (database: %s, FSM: %s)", me.username,
                 app.engine.url.get_backend_name(), "redis" if settings.redis_url else "database")
        await app.dp.start_polling(app.bot, allowed_updates=app.dp.resolve_used_update_types())
    finally:
        await app.close()
