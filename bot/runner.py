"""Long polling: migrations, commands, the scheduler with the outbox sender, then polling."""

from __future__ import annotations

import logging

from bot.app import build_app, set_commands
from bot.settings import Settings
from storage.migrate import upgrade

log = logging.getLogger("marshrut")


async def run(settings: Settings) -> None:
    settings.require_token()
    await upgrade(settings.database_url)
    app = build_app(settings)
    try:
        me = await app.bot.get_me()
        log.info("bot @%s starting (database: %s, FSM: %s)", me.username,
                 app.engine.url.get_backend_name(), "redis" if settings.redis_url else "database")
        await set_commands(app.bot, app.dp["i18n_core"].get)
        app.scheduler.start()
        await app.dp.start_polling(app.bot, allowed_updates=app.dp.resolve_used_update_types())
    finally:
        await app.close()
