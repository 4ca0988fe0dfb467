"""``python -m bot webhook``: Telegram posts updates to WEBHOOK_URL; a reverse proxy (nginx)
forwards them to this aiohttp server at WEBHOOK_HOST:WEBHOOK_PORT, path WEBHOOK_PATH.

- Every request must carry ``X-Telegram-Bot-Api-Secret-Token: WEBHOOK_SECRET`` (compared in
  constant time); anything else gets 401 and is not handled.
- Telegram gets its 200 when the update has been handled (its changes committed, its answer
  sent), at most UPDATES_CONCURRENCY at a time per process: when all slots are busy the request
  waits for one (Telegram keeps the rest queued on its side, at most WEBHOOK_MAX_CONNECTIONS
  requests at once) and after ``SLOT_WAIT`` seconds gets 503, so Telegram delivers it again
  later. So a worker that dies (SIGKILL, OOM, a lost machine) loses nothing it acknowledged:
  what it had not answered yet Telegram delivers again, to a worker that is alive. An update in
  progress at the moment of death may be answered twice (its answer sent, the 200 not); that
  is at most UPDATES_CONCURRENCY updates per death (tests/test_webhook_workers.py). An update
  Telegram delivers again after it was handled (its 200 came too late) is skipped, not
  answered twice (bot/redelivery.py).
- On start: the same checks and migrations as polling, then ``setWebhook`` with the URL, the
  secret, the update types the routers use and max_connections (pending updates are kept).
  Several workers may start at once: setWebhook is idempotent. A worker that stops does not
  delete the webhook (the others keep serving it).
- SIGTERM / SIGINT: stop listening, finish the updates in progress (the lifecycle's drain),
  then close the scheduler, storage, database and Bot API session.
- ``GET /healthz`` and ``GET /metrics`` (bot/health.py) on the same server.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from typing import TYPE_CHECKING, Any

from aiogram import Bot, Dispatcher
from aiogram.webhook.aiohttp_server import SimpleRequestHandler, setup_application
from aiohttp import web

from bot.health import add_ops_routes
from bot.redelivery import DELIVERY
from bot.settings import Settings

if TYPE_CHECKING:
    from bot.app import App

log = logging.getLogger("marshrut")

SLOT_WAIT = 25.0  # seconds a request waits for a free slot before it gets 503
DRAIN_TIMEOUT = 20.0  # seconds a stopping server waits for updates in flight


class BoundedRequestHandler(SimpleRequestHandler):
    """aiogram's handler, answering when the update is handled, with at most ``limit``
    updates in progress."""

    def __init__(self, dispatcher: Dispatcher, bot: Bot, secret_token: str, limit: int,
                 slot_wait: float = SLOT_WAIT, **data: Any) -> None:
        super().__init__(dispatcher, bot, handle_in_background=True, secret_token=secret_token,
                         **data)
        self.slots = asyncio.Semaphore(limit)
        self.slot_wait = slot_wait

    @property
    def in_flight(self) -> set[asyncio.Task[Any]]:
        return self._background_feed_update_tasks

    async def close(self) -> None:
        """The Bot API session belongs to the app (``App.close``)."""

    async def _handle_request_background(self, bot: Bot, request: web.Request) -> web.Response:
        update = await request.json(loads=bot.session.json_loads)
        try:
            await asyncio.wait_for(self.slots.acquire(), self.slot_wait)
        except TimeoutError:
            log.warning("webhook: all %s slots busy for %.0f s; Telegram will retry",
                        self.slots._value, self.slot_wait)  # noqa: SLF001
            return web.Response(status=503, text="busy")
        task = asyncio.create_task(self._feed(bot, update))
        self._background_feed_update_tasks.add(task)
        task.add_done_callback(self._background_feed_update_tasks.discard)
        # the 200 only once it is handled; shielded: a dropped connection does not cancel it
        await asyncio.shield(task)
        return web.json_response({}, dumps=bot.session.json_dumps)

    async def _feed(self, bot: Bot, update: dict[str, Any]) -> None:
        try:
            await self._background_feed_update(bot, update)
        except Exception:  # the error handler handles update errors; this is anything else
            log.exception("webhook: an update could not be handled")
        finally:
            self.slots.release()


def build_webhook_app(app: App, slot_wait: float = SLOT_WAIT) -> web.Application:
    """The aiohttp application: the webhook route, /healthz, /metrics and the lifecycle
    (the Dispatcher's start-up on the server's start-up, drain and shutdown on its shutdown)."""
    settings = app.settings
    web_app = web.Application()
    handler = None
    if app.telegram_bot is not None:  # Telegram on (BOT_TOKEN set): its webhook route
        _, secret = settings.require_webhook()
        # from Telegram: a repeat delivery of an update is skipped (bot/redelivery.py)
        handler = BoundedRequestHandler(app.dp, app.telegram_bot, secret_token=secret,
                                        limit=settings.updates_concurrency,
                                        slot_wait=slot_wait, **{DELIVERY: True})

    async def drain(_: web.Application) -> None:
        # before the Dispatcher's shutdown unloads the translations and stops the scheduler
        in_flight = list(handler.in_flight) if handler is not None else []
        if in_flight:
            log.info("waiting for %d update(s) in flight", len(in_flight))
            await asyncio.wait(in_flight, timeout=DRAIN_TIMEOUT)

    max_tasks: set[Any] = set()
    if app.max_bot is not None and settings.max_webhook_url:  # MAX posts here too (bot/max)
        from urllib.parse import urlsplit

        from bot.max.runner import add_webhook_route

        path = settings.max_webhook_path or urlsplit(settings.max_webhook_url).path or "/max"
        max_tasks = add_webhook_route(web_app, app.dp, app.max_bot, path,
                                      settings.max_webhook_secret, settings.updates_concurrency)

    async def drain_max(_: web.Application) -> None:
        if max_tasks:
            await asyncio.wait(list(max_tasks), timeout=DRAIN_TIMEOUT)

    web_app.on_shutdown.append(drain)
    web_app.on_shutdown.append(drain_max)
    setup_application(web_app, app.dp, bot=app.bot)
    if handler is not None:
        handler.register(web_app, path=settings.listen_path)
    add_ops_routes(web_app, app)
    return web_app


async def set_webhook(app: App) -> None:
    settings = app.settings
    if app.telegram_bot is None:  # MAX only: its subscription is made by run_webhook
        return
    url, secret = settings.require_webhook()
    await app.telegram_bot.set_webhook(
        url,
        secret_token=secret,
        allowed_updates=app.dp.resolve_used_update_types(),
        max_connections=settings.webhook_max_connections,
        drop_pending_updates=False,
    )


async def run_webhook(settings: Settings) -> None:
    from bot.runner import prepare, register_lifecycle

    if settings.telegram_enabled or not settings.max_enabled:
        settings.require_webhook()
    elif not settings.max_webhook_url:  # MAX only: the server exists for MAX's posts
        from bot.settings import HINTS, SettingsError

        raise SettingsError("Configuration error: MAX_WEBHOOK_URL is missing (needed by the "
                            f"webhook command when Telegram is off): {HINTS['MAX_WEBHOOK_URL']}.")
    username = await prepare(settings)
    from bot.app import build_app

    app = build_app(settings)
    register_lifecycle(app)
    web_app = build_webhook_app(app)
    runner = web.AppRunner(web_app, access_log=None)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGTERM, signal.SIGINT):
        try:
            loop.add_signal_handler(sig, stop.set)
        except (NotImplementedError, RuntimeError):  # pragma: no cover — not the main thread
            pass
    try:
        await runner.setup()  # the Dispatcher's start-up: translations, commands, scheduler
        await web.TCPSite(runner, settings.webhook_host, settings.webhook_port).start()
        await set_webhook(app)
        if app.max_bot is not None and settings.max_webhook_url:
            from bot.max.runner import subscribe

            await subscribe(app.max_bot, settings.max_webhook_url, settings.max_webhook_secret)
        from bot.runner import start_max, stop_max

        max_polling = start_max(app)  # MAX without a webhook URL: long polling
        log.info("bot @%s takes updates at %s:%s%s (database: %s, FSM: %s)", username,
                 settings.webhook_host, settings.webhook_port, settings.listen_path,
                 app.engine.url.get_backend_name(), "redis" if settings.redis_url else "database")
        await stop.wait()
        log.info("stopping: no new updates, finishing those in progress")
    finally:
        for sig in (signal.SIGTERM, signal.SIGINT):
            try:
                loop.remove_signal_handler(sig)
            except (NotImplementedError, RuntimeError):  # pragma: no cover
                pass
        if "max_polling" in locals():
            await stop_max(max_polling)
        await runner.cleanup()  # stop listening → drain → the Dispatcher's shutdown
        await app.close()
