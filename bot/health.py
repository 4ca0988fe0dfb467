"""``GET /healthz`` and ``GET /metrics``: served by the webhook server, and while polling by a
small server on HEALTH_PORT.

``/healthz`` answers JSON, HTTP 200 when everything is reachable, 503 when not::

    {"ok": true, "database": {"ok": true}, "redis": {"ok": true},
     "telegram": {"ok": true, "checked_seconds_ago": 12.0},
     "max": {"ok": true, "checked_seconds_ago": 12.0},
     "outbox": {"pending": 3, "lag_seconds": 0.4}, "leader": true}

- database: one grouped query over the outbox (which also gives the outbox figures);
- Redis: PING, only when REDIS_URL is set;
- each messenger that is on (Telegram, MAX): getMe, at most once per ``TELEGRAM_TTL``
  seconds (its answer is cached, so a probe every few seconds does not become API traffic);
- the outbox lag (the age of the oldest due pending message) is reported, not judged: a
  backlog after a broadcast is not a reason to restart a worker.

Error details are exception type names only: no URLs, hosts or credentials.
"""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING, Any

from aiohttp import web

from bot.metrics import CONTENT_TYPE, refresh_outbox

if TYPE_CHECKING:
    from bot.app import App

TIMEOUT = 3.0  # seconds for each check
TELEGRAM_TTL = 60.0  # seconds a getMe answer (or failure) is reused


class Health:
    def __init__(self, app: App, telegram_ttl: float = TELEGRAM_TTL,
                 timeout: float = TIMEOUT) -> None:
        self.app = app
        #: what the checks query; a test may point it elsewhere
        self.sessions = app.sessions
        self.telegram_ttl = telegram_ttl
        self.timeout = timeout
        #: messenger → (when, the getMe answer), and the lock its probes share
        self._answers: dict[str, tuple[float, dict[str, Any]]] = {}
        self._locks: dict[str, asyncio.Lock] = {}

    async def database(self) -> dict[str, Any]:
        try:
            stats = await asyncio.wait_for(
                refresh_outbox(self.app.metrics, self.sessions, self.app.clock.now()),
                self.timeout)
        except Exception as exc:  # noqa: BLE001
            return {"ok": False, "error": _name(exc)}
        return {"ok": True, "outbox": {"pending": stats.counts.get("pending", 0),
                                       "lag_seconds": round(stats.lag, 3)}}

    async def redis(self) -> dict[str, Any] | None:
        if not self.app.settings.redis_url:
            return None
        client = getattr(self.app.dp.storage, "redis", None)
        if client is None:  # pragma: no cover — REDIS_URL always means RedisStorage
            return {"ok": False, "error": "no Redis client"}
        try:
            await asyncio.wait_for(client.ping(), self.timeout)
        except Exception as exc:  # noqa: BLE001
            return {"ok": False, "error": _name(exc)}
        return {"ok": True}

    async def messenger(self, bot: Any) -> dict[str, Any]:
        """getMe of one messenger's bot (Telegram's, or MAX's through its adapter)."""
        name = getattr(bot, "channel", "telegram")
        lock = self._locks.setdefault(name, asyncio.Lock())
        async with lock:  # concurrent probes share one getMe
            now = time.monotonic()
            cached = self._answers.get(name)
            if cached is None or now - cached[0] >= self.telegram_ttl:
                from aiogram.methods import GetMe

                try:
                    await asyncio.wait_for(bot(GetMe()), self.timeout)
                    result: dict[str, Any] = {"ok": True}
                except Exception as exc:  # noqa: BLE001
                    result = {"ok": False, "error": _name(exc)}
                cached = self._answers[name] = (now, result)
            checked, result = cached
            return {**result, "checked_seconds_ago": round(now - checked, 1)}

    async def check(self) -> tuple[bool, dict[str, Any]]:
        bots = self.app.bots
        database, redis, *messengers = await asyncio.gather(
            self.database(), self.redis(), *(self.messenger(b) for b in bots))
        outbox = database.pop("outbox", None)
        body: dict[str, Any] = {"database": database}
        if redis is not None:
            body["redis"] = redis
        for bot, answer in zip(bots, messengers, strict=True):
            body[str(getattr(bot, "channel", "telegram"))] = answer
        if outbox is not None:
            body["outbox"] = outbox
        body["leader"] = self.app.leader.is_leader
        ok = all(part["ok"] for part in (database, redis, *messengers) if part is not None)
        return ok, {"ok": ok, **body}


HEALTH = web.AppKey("health", Health)


def _name(exc: BaseException) -> str:
    return "timed out" if isinstance(exc, TimeoutError) else type(exc).__name__


def add_ops_routes(web_app: web.Application, app: App) -> Health:
    """``GET /healthz`` and ``GET /metrics`` on ``web_app``."""
    health = Health(app)

    async def healthz(_: web.Request) -> web.Response:
        ok, body = await health.check()
        return web.json_response(body, status=200 if ok else 503)

    async def metrics(_: web.Request) -> web.Response:
        try:  # outbox gauges are computed on scrape; a database outage leaves the last values
            await asyncio.wait_for(
                refresh_outbox(app.metrics, health.sessions, app.clock.now()), health.timeout)
        except Exception:  # noqa: BLE001
            pass
        return web.Response(body=app.metrics.render(), headers={"Content-Type": CONTENT_TYPE})

    web_app.router.add_get("/healthz", healthz)
    web_app.router.add_get("/metrics", metrics)
    web_app[HEALTH] = health
    return health


async def start_server(web_app: web.Application, host: str, port: int) -> web.AppRunner:
    runner = web.AppRunner(web_app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, host, port).start()
    return runner


def bound_port(runner: web.AppRunner) -> int:
    """The port a site listens on (tests listen on port 0)."""
    site = next(iter(runner.sites))
    return int(site._server.sockets[0].getsockname()[1])  # type: ignore[union-attr]
