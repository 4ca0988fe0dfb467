"""Running the MAX bot beside the Telegram one, in the same process and Dispatcher.

- **Long polling** (one machine, development): ``poll`` asks ``GET /updates`` with the last
  marker, converts each update and feeds it to the Dispatcher, at most ``concurrency`` at once.
- **Webhook** (production): ``subscribe`` registers ``MAX_WEBHOOK_URL`` with ``POST
  /subscriptions`` (with the secret MAX sends back in ``X-Max-Bot-Api-Secret``), and
  ``add_webhook_route`` takes MAX's posts on the webhook server, answering 200 at once and
  handling the update in the background; a request without the secret gets 401.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
from typing import Any

from aiogram import Bot, Dispatcher
from aiohttp import web

from bot.max.session import MaxSession

log = logging.getLogger("marshrut.max")

UPDATE_TYPES = ("message_created", "message_callback", "bot_started")
SECRET_HEADER = "X-Max-Bot-Api-Secret"


async def _feed(dp: Dispatcher, bot: Bot, update: Any, slots: asyncio.Semaphore) -> None:
    try:
        await dp.feed_update(bot, update)
    except Exception:  # the error handler handles update errors; this is anything else
        log.exception("max: an update could not be handled")
    finally:
        slots.release()


async def poll(dp: Dispatcher, bot: Bot, *, concurrency: int = 32, timeout: int = 30,
               stop: asyncio.Event | None = None, backoff: float = 5.0) -> None:
    """Long polling until ``stop`` is set (or the task is cancelled)."""
    session = bot.session
    assert isinstance(session, MaxSession)
    slots = asyncio.Semaphore(concurrency)
    tasks: set[asyncio.Task[Any]] = set()
    stop = stop or asyncio.Event()
    try:
        while not stop.is_set():
            try:
                updates = await session.get_updates(bot, timeout=timeout, types=UPDATE_TYPES)
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.warning("max: polling failed (%s); again in %.0f s", exc, backoff)
                await asyncio.sleep(backoff)
                continue
            for update in updates:
                await slots.acquire()
                task = asyncio.create_task(_feed(dp, bot, update, slots))
                tasks.add(task)
                task.add_done_callback(tasks.discard)
    finally:
        if tasks:
            await asyncio.wait(tasks, timeout=20)


async def subscribe(bot: Bot, url: str, secret: str | None) -> None:
    session = bot.session
    assert isinstance(session, MaxSession)
    body: dict[str, Any] = {"url": url, "update_types": list(UPDATE_TYPES)}
    if secret:
        body["secret"] = secret
    await session.call("POST", "/subscriptions", body=body)


def add_webhook_route(web_app: web.Application, dp: Dispatcher, bot: Bot, path: str,
                      secret: str | None, concurrency: int = 32) -> set[asyncio.Task[Any]]:
    """MAX's webhook on the aiohttp server; returns the set of updates in progress (drain)."""
    session = bot.session
    assert isinstance(session, MaxSession)
    slots = asyncio.Semaphore(concurrency)
    tasks: set[asyncio.Task[Any]] = set()

    async def handle(request: web.Request) -> web.Response:
        given = request.headers.get(SECRET_HEADER, "")
        if secret and not hmac.compare_digest(given.encode(), secret.encode()):
            return web.Response(status=401, text="unauthorized")
        try:
            raw = await request.json()
        except ValueError:
            return web.Response(status=400, text="not json")
        update = session.to_update(raw) if isinstance(raw, dict) else None
        if update is not None:
            await slots.acquire()
            task = asyncio.create_task(_feed(dp, bot, update, slots))
            tasks.add(task)
            task.add_done_callback(tasks.discard)
        return web.json_response({"success": True})

    web_app.router.add_post(path, handle)
    return tasks
