"""Failures explained, not silent.

At start-up (``python -m bot`` and the operator's commands) an unreachable database, Redis or
Bot API, or a token Telegram refuses, stops the process with ONE line that names the setting
and the fix — never a traceback. While running, a database or Redis outage is an *outage*: the
person gets a short "temporarily unavailable, nothing you entered is lost" answer and the next
update works again once the service is back (connections are re-made on demand).
"""

from __future__ import annotations

import asyncio
import sqlite3
import sys
from collections.abc import Awaitable, Callable, Iterator
from typing import Any

from sqlalchemy import exc as sa_exc
from sqlalchemy.engine import make_url

from bot.settings import Settings

# aiogram is imported where it is needed: the operator's commands stop on an unreachable
# database without paying for importing it (seconds on a small server)

try:  # asyncpg and redis are dependencies, but an exception check must never fail an import
    import asyncpg.exceptions as pg_exc
except ImportError:  # pragma: no cover
    pg_exc = None  # type: ignore[assignment]
try:
    import redis.exceptions as redis_exc
except ImportError:  # pragma: no cover
    redis_exc = None  # type: ignore[assignment]

STARTUP_TIMEOUT = 10.0  # seconds for each start-up check (getMe, Redis PING, connecting)


class StartupError(SystemExit):
    """A start-up check failed; SystemExit prints the one line to stderr, exit code 1."""


# ---- what went wrong ------------------------------------------------------------------------


def _chain(exc: BaseException) -> Iterator[BaseException]:
    """The exception, what it wraps (SQLAlchemy's ``orig``) and what caused it."""
    seen: set[int] = set()
    todo: list[BaseException | None] = [exc]
    while todo:
        e = todo.pop(0)
        if e is None or id(e) in seen or len(seen) > 20:
            continue
        seen.add(id(e))
        yield e
        todo.extend([getattr(e, "orig", None), e.__cause__, e.__context__])


def _is_pg_outage(e: BaseException) -> bool:
    if pg_exc is None:
        return False
    return isinstance(e, (
        pg_exc.PostgresConnectionError,  # lost, refused, does not exist any more
        pg_exc.CannotConnectNowError,  # starting up / shutting down
        pg_exc.AdminShutdownError,  # pg_terminate_backend, a restart
        pg_exc.CrashShutdownError,
        pg_exc.TooManyConnectionsError,
        pg_exc.InvalidCatalogNameError,  # the database is gone
        pg_exc.ObjectInUseError,
    )) or (
        isinstance(e, pg_exc.ObjectNotInPrerequisiteStateError)  # not accepting connections
        and "accepting connections" in str(e)
    )


def is_outage(exc: BaseException) -> bool:
    """The database or Redis is unreachable or went away: nobody's mistake, try again later.

    Not an outage: a bug (a wrong query, a constraint violation) or a Bot API error.
    """
    from aiogram.exceptions import TelegramAPIError

    for e in _chain(exc):
        if isinstance(e, TelegramAPIError):
            return False
        if isinstance(e, (ConnectionError, TimeoutError)):  # refused / reset / timed out
            return True
        if isinstance(e, (sa_exc.OperationalError, sa_exc.InterfaceError,
                          sa_exc.DisconnectionError, sa_exc.TimeoutError)):
            return True  # SQLite: unable to open / locked / I/O error; pool exhausted
        if isinstance(e, sa_exc.DBAPIError) and e.connection_invalidated:
            return True
        if isinstance(e, sqlite3.OperationalError) or _is_pg_outage(e):
            return True
        if redis_exc is not None and isinstance(
            e, (redis_exc.ConnectionError, redis_exc.TimeoutError, redis_exc.BusyLoadingError)
        ):
            return True
    return False


def _first(exc: BaseException, *types: type) -> BaseException | None:
    return next((e for e in _chain(exc) if isinstance(e, types)), None)


def _reason(e: BaseException, limit: int = 120) -> str:
    """A short, single-line reason (no secrets are in these messages)."""
    if isinstance(e, ConnectionRefusedError):
        return "connection refused"
    if isinstance(e, TimeoutError):
        return "timed out"
    if isinstance(e, OSError) and e.strerror:
        return e.strerror[:1].lower() + e.strerror[1:]  # without "[Errno 111]" and the address
    text = " ".join(str(e).split()) or type(e).__name__
    if text.startswith("Multiple exceptions: [Errno 111]"):  # localhost: ::1 and 127.0.0.1
        return "connection refused"
    return text if len(text) <= limit else text[: limit - 1] + "…"


_SQLITE_CANNOT_OPEN = ("unable to open", "disk I/O error", "attempt to write a readonly",
                       "file is not a database", "database disk image is malformed")


def explain_database(exc: BaseException, url: str) -> str | None:
    """One line for a database that cannot be reached or opened; None for anything else."""
    u = make_url(url)
    if u.get_backend_name() == "sqlite":
        os_error = _first(exc, OSError)
        if isinstance(os_error, OSError) and os_error.filename:  # creating its folder failed
            return (f"Database error: cannot create the folder for the SQLite file {u.database} "
                    f"({_reason(os_error)}): correct the path in DATABASE_URL.")
        e = _first(exc, sqlite3.DatabaseError)
        reason = _reason(e) if e is not None else ""
        if "locked" in reason:
            return (f"Database error: the SQLite file {u.database} is locked ({reason}): "
                    "another process holds it; stop it, or give this one its own DATABASE_URL.")
        if not reason.startswith(_SQLITE_CANNOT_OPEN):
            return None  # a bug (a migration, a query), not a file that cannot be opened
        return (f"Database error: cannot open the SQLite file {u.database} ({reason}): "
                "check that the file is a SQLite database and its folder is writable, or correct "
                "DATABASE_URL.")
    where = f"{u.host or 'localhost'}:{u.port or 5432}"
    if pg_exc is not None:
        e = _first(exc, pg_exc.InvalidCatalogNameError)
        if e is not None:
            return (f'Database error: database "{u.database}" does not exist on PostgreSQL at '
                    f"{where}: create it (createdb {u.database}) or correct the database name "
                    "in DATABASE_URL.")
        e = _first(exc, pg_exc.InvalidAuthorizationSpecificationError)
        if e is not None:
            return (f'Database error: PostgreSQL at {where} refused user "{u.username}" '
                    f"({_reason(e)}): correct the user and password in DATABASE_URL.")
        e = _first(exc, pg_exc.CannotConnectNowError, pg_exc.TooManyConnectionsError,
                   pg_exc.ObjectNotInPrerequisiteStateError)
        if e is not None:
            return (f"Database error: PostgreSQL at {where} does not accept connections now "
                    f"({_reason(e)}): try again shortly, or check the server.")
    e = next((e for e in _chain(exc) if isinstance(e, TimeoutError)
              or (isinstance(e, OSError) and not e.filename)), None)  # not a file of ours
    if e is not None:
        return (f"Database error: cannot connect to PostgreSQL at {where} ({_reason(e)}): "
                "start PostgreSQL or correct the host and port in DATABASE_URL.")
    return None


def explain_redis(exc: BaseException, url: str) -> str | None:
    if redis_exc is None:  # pragma: no cover
        return None
    u = make_url(url)
    where = f"{u.host or 'localhost'}:{u.port or 6379}"
    e = _first(exc, redis_exc.AuthenticationError, redis_exc.AuthorizationError)
    if e is not None:
        return (f"Redis error: Redis at {where} refused the credentials ({_reason(e)}): "
                "correct the user and password in REDIS_URL.")
    e = _first(exc, redis_exc.ConnectionError, redis_exc.TimeoutError)
    if e is not None:
        reason = "connection refused" if _first(e, ConnectionRefusedError) else _reason(e)
        return (f"Redis error: cannot connect to Redis at {where} ({reason}): start Redis, "
                "correct REDIS_URL, or leave REDIS_URL unset to keep state in the database.")
    return None


_UNAUTHORIZED = ("Telegram error: the Bot API refused BOT_TOKEN (401 Unauthorized): copy the "
                 "token again from @BotFather (/mybots → API Token) into BOT_TOKEN; a revoked "
                 "token stops working.")


def explain_telegram(exc: BaseException, settings: Settings) -> str | None:
    from aiogram.exceptions import (
        ClientDecodeError,
        TelegramAPIError,
        TelegramNetworkError,
        TelegramNotFound,
        TelegramUnauthorizedError,
    )

    api = settings.telegram_api_url or "https://api.telegram.org"
    if isinstance(exc, TelegramUnauthorizedError):
        return _UNAUTHORIZED
    fix = ("start that server or correct TELEGRAM_API_URL" if settings.telegram_api_url
           else "check the network or the proxy, or set TELEGRAM_API_URL to a reachable "
           "Bot API server")
    if isinstance(exc, TelegramNetworkError):
        os_error = getattr(exc.__cause__, "os_error", None)  # aiohttp's connector error
        reason = (_reason(os_error) if isinstance(os_error, OSError)
                  else _reason(exc).removeprefix("HTTP Client says - "))
        return f"Telegram error: cannot reach the Bot API at {api} ({reason}): {fix}."
    if isinstance(exc, (TelegramNotFound, ClientDecodeError)):
        return (f"Telegram error: {api} does not answer like a Bot API server "
                f"({_reason(exc)}): correct TELEGRAM_API_URL, or leave it unset for "
                "api.telegram.org.")
    if isinstance(exc, TelegramAPIError):
        return f"Telegram error: the Bot API at {api} answered: {_reason(exc)}: {fix}."
    return None


def explain(exc: BaseException, settings: Settings) -> str | None:
    """The one line for a start-up failure of any command, or None (then it is a bug)."""
    if redis_exc is not None and settings.redis_url and isinstance(exc, redis_exc.RedisError):
        return explain_redis(exc, settings.redis_url)
    if "aiogram" in sys.modules:
        from aiogram.exceptions import AiogramError

        if isinstance(exc, AiogramError):
            return explain_telegram(exc, settings)
    return explain_database(exc, settings.database_url)


# ---- start-up checks ----------------------------------------------------------------------


async def check_telegram(settings: Settings) -> str:
    """getMe: the token is accepted and the Bot API is reachable; returns the bot's username.

    Plain aiohttp rather than aiogram: importing aiogram takes seconds, and an operator with a
    wrong token or no network should hear so at once."""
    import aiohttp

    api = settings.telegram_api_url or "https://api.telegram.org"
    fix = ("start that server or correct TELEGRAM_API_URL" if settings.telegram_api_url
           else "check the network or the proxy, or set TELEGRAM_API_URL to a reachable "
           "Bot API server")
    url = f"{api}/bot{settings.require_token()}/getMe"
    try:
        async with aiohttp.ClientSession(
            timeout=aiohttp.ClientTimeout(total=STARTUP_TIMEOUT)
        ) as session, session.post(url) as response:
            status = response.status
            try:
                body = await response.json(content_type=None)
            except ValueError:
                body = None
    except aiohttp.ClientConnectorError as exc:
        raise StartupError(f"Telegram error: cannot reach the Bot API at {api} "
                           f"({_reason(exc.os_error)}): {fix}.") from None
    except (aiohttp.ClientError, TimeoutError) as exc:
        reason = _reason(exc) if str(exc) else ("timed out" if isinstance(exc, TimeoutError)
                                                 else type(exc).__name__)
        raise StartupError(f"Telegram error: cannot reach the Bot API at {api} ({reason}): "
                           f"{fix}.") from None
    if status == 401:
        raise StartupError(_UNAUTHORIZED)
    if not isinstance(body, dict) or "ok" not in body:
        raise StartupError(f"Telegram error: {api} does not answer like a Bot API server "
                           f"(HTTP {status}): correct TELEGRAM_API_URL, or leave it unset for "
                           "api.telegram.org.")
    if not body["ok"] or not isinstance(body.get("result"), dict):
        what = _reason(Exception(body.get("description") or f"HTTP {status}"))
        raise StartupError(f"Telegram error: the Bot API at {api} answered getMe with {what}: "
                           f"{fix}.")
    return str(body["result"].get("username") or "")


async def check_max(settings: Settings) -> str:
    """GET /me on the MAX Bot API: the token is accepted and the API is reachable (through
    MAX_CA_FILE when it is set); returns the bot's username."""
    import aiohttp

    from bot.max.bots import make_max_bot
    from bot.max.session import MaxApiError

    api = settings.max_api_url
    bot = make_max_bot(settings.max_bot_token or "", api, ca_file=settings.max_ca_file)
    try:
        me = await asyncio.wait_for(bot.get_me(), STARTUP_TIMEOUT)
    except MaxApiError as exc:
        if exc.status == 401:
            raise StartupError("MAX error: the MAX Bot API refused MAX_BOT_TOKEN (401): copy "
                               "the token again from business.max.ru (Чат-боты → Интеграция) "
                               "into MAX_BOT_TOKEN.") from None
        raise StartupError(f"MAX error: the MAX Bot API at {api} answered /me with {exc}: "
                           "check MAX_API_URL.") from None
    except aiohttp.ClientConnectorCertificateError:
        raise StartupError(f"MAX error: the certificate of {api} is not trusted: set "
                           "MAX_CA_FILE to the Минцифры root certificate (see README, "
                           "«MAX»).") from None
    except (OSError, TimeoutError, aiohttp.ClientError) as exc:
        reason = _reason(exc) if str(exc) else type(exc).__name__
        raise StartupError(f"MAX error: cannot reach the MAX Bot API at {api} ({reason}): "
                           "check the network or MAX_API_URL.") from None
    finally:
        await bot.session.close()
    return me.username or ""


async def check_redis(settings: Settings) -> None:
    """PING once, without retries, so a closed port fails at once."""
    if not settings.redis_url:
        return
    from redis.asyncio import Redis

    client = Redis.from_url(settings.redis_url, socket_connect_timeout=STARTUP_TIMEOUT,
                            socket_timeout=STARTUP_TIMEOUT, retry=None)
    try:
        await client.ping()
    except redis_exc.RedisError as exc:
        raise StartupError(explain_redis(exc, settings.redis_url) or
                           f"Redis error: {_reason(exc)}: check REDIS_URL.") from None
    finally:
        await client.aclose()


# ---- while running ------------------------------------------------------------------------


class ErrorContextMiddleware:
    """On ``dp.errors``: tells the error handler whether the failure is an outage.

    (The locale for the error handler comes from the i18n middleware registered on ``dp.errors``
    too, so it is known even when the failure happened before the update reached it.)
    """

    def __init__(self, classify: Callable[[BaseException], bool] = is_outage) -> None:
        self.classify = classify

    async def __call__(
        self,
        handler: Callable[[Any, dict[str, Any]], Awaitable[Any]],
        event: Any,
        data: dict[str, Any],
    ) -> Any:
        exception = getattr(event, "exception", None)  # an aiogram ErrorEvent
        if isinstance(exception, BaseException):
            data["outage"] = self.classify(exception)
        return await handler(event, data)
