"""Long polling: start-up checks and migrations, then the Dispatcher; on its start-up the bot
commands are set and the scheduler (outbox sender, periodic jobs) starts.

Start-up checks, cheapest and least intrusive first: the token, the Bot API (getMe), Redis,
the database (migrations). Each failure stops with one line naming the setting and the fix.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import signal
from typing import TYPE_CHECKING

from bot.failures import (
    StartupError,
    check_max,
    check_redis,
    check_telegram,
    explain_database,
)
from bot.heap import settle_heap
from bot.redelivery import DELIVERY
from bot.settings import Settings
from storage.migrate import upgrade

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("marshrut")
DRAIN_TIMEOUT = 20.0  # seconds a stopping bot waits for updates in flight


def register_lifecycle(app: App) -> None:
    from bot.app import set_commands

    async def on_startup() -> None:
        # runs after aiogram-i18n loaded the catalogues (it registered its start-up first)
        for bot in app.bots:  # Telegram's and MAX's menus of commands
            try:
                await set_commands(bot, app.dp["i18n_core"].get)
            except Exception as exc:  # noqa: BLE001 — a menu of commands is not worth a stop
                log.warning("the commands menu was not set for %s (%s)",
                            getattr(bot, "channel", "telegram"), exc)
        app.scheduler.start()
        settle_heap()  # start-up is over: full collections skip what it built (bot/heap.py)

    async def on_shutdown() -> None:
        # SIGTERM stops polling while updates may still be in flight: let them finish (and
        # reply) before the storage, the database and the Bot API session are closed
        in_flight = [t for t in getattr(app.dp, "_handle_update_tasks", ())
                     if t is not asyncio.current_task()]
        if in_flight:
            log.info("waiting for %d update(s) in flight", len(in_flight))
            await asyncio.wait(in_flight, timeout=DRAIN_TIMEOUT)
        if app.scheduler.running:
            app.scheduler.shutdown(wait=False)

    app.dp.startup.register(on_startup)
    app.dp.shutdown.register(on_shutdown)


async def prepare(settings: Settings) -> str:
    """The start-up checks and migrations; returns the bot's username (Telegram's, or MAX's
    in a MAX-only deployment)."""
    settings.require_messenger()
    # the checks come before importing the handlers (seconds) and before anything is created
    # on disk
    username = await check_telegram(settings) if settings.telegram_enabled else ""
    if settings.max_enabled:
        max_name = await check_max(settings)
        username = username or max_name
    await check_redis(settings)
    try:
        await upgrade(settings.database_url)
    except Exception as exc:
        line = explain_database(exc, settings.database_url)
        if line is None:
            raise
        raise StartupError(line) from None
    return username


async def run(settings: Settings) -> None:
    """Long polling, at most UPDATES_CONCURRENCY updates at once; /healthz and /metrics on
    HEALTH_PORT when it is set."""
    username = await prepare(settings)
    from bot.app import build_app

    app = build_app(settings)
    register_lifecycle(app)
    health = None
    try:
        if settings.health_port:
            from aiohttp import web

            from bot.health import add_ops_routes, start_server

            web_app = web.Application()
            add_ops_routes(web_app, app)
            health = await start_server(web_app, settings.health_host, settings.health_port)
        log.info("bot @%s starting (database: %s, FSM: %s)", username,
                 app.engine.url.get_backend_name(), "redis" if settings.redis_url else "database")
        if app.telegram_bot is None:  # MAX only (BOT_TOKEN unset)
            await _run_max_only(app)
            return
        max_polling = start_max(app)
        try:
            await app.dp.start_polling(app.telegram_bot,
                                       allowed_updates=app.dp.resolve_used_update_types(),
                                       tasks_concurrency_limit=settings.updates_concurrency,
                                       # a repeat delivery is skipped (bot/redelivery.py)
                                       **{DELIVERY: True})
        finally:
            await stop_max(max_polling)
    finally:
        if health is not None:
            await health.cleanup()
        await app.close()


async def _run_max_only(app: App, stop: asyncio.Event | None = None) -> None:
    """The Dispatcher's start-up, MAX long polling until SIGTERM/SIGINT (or ``stop``), then
    its shutdown — what ``start_polling`` does for Telegram."""
    stop = stop or asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        with contextlib.suppress(NotImplementedError, RuntimeError):  # not the main thread
            loop.add_signal_handler(sig, stop.set)
    workflow = {"dispatcher": app.dp, "bots": [app.bot], **app.dp.workflow_data}
    await app.dp.emit_startup(bot=app.bot, **workflow)
    try:
        polling = start_max(app)
        try:
            waiting = asyncio.ensure_future(stop.wait())
            watched = [waiting] + ([polling] if polling is not None else [])
            done, _ = await asyncio.wait(watched, return_when=asyncio.FIRST_COMPLETED)
            waiting.cancel()
            for task in done:
                if task is not waiting:
                    task.result()  # polling ended by itself: raise what stopped it
        finally:
            await stop_max(polling)
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):
                loop.remove_signal_handler(sig)
        await app.dp.emit_shutdown(bot=app.bot, **workflow)


def start_max(app: App) -> asyncio.Task[None] | None:
    """MAX long polling beside Telegram's (bot/max/runner.py), unless MAX is off or posts to
    a webhook (``MAX_WEBHOOK_URL``: the webhook server takes MAX's updates)."""
    if app.max_bot is None or app.settings.max_webhook_url:
        return None
    from bot.max.runner import poll

    log.info("MAX: long polling %s", app.settings.max_api_url)
    return asyncio.create_task(poll(app.dp, app.max_bot,
                                    concurrency=app.settings.updates_concurrency))


async def stop_max(task: asyncio.Task[None] | None) -> None:
    if task is None:
        return
    task.cancel()
    try:
        await task
    except asyncio.CancelledError:
        pass
