"""Assembly: Bot, Dispatcher, storage, middlewares, routers, scheduler and the outbox sender."""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from aiogram import Bot, Dispatcher
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.session.base import BaseSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode
from aiogram.fsm.storage.base import BaseEventIsolation, BaseStorage, DefaultKeyBuilder
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.types import BotCommand, BotCommandScopeAllPrivateChats
from apscheduler.schedulers.asyncio import AsyncIOScheduler
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from bot.failures import ErrorContextMiddleware
from bot.fitting import FitToTelegram
from bot.i18n import make_i18n, pick_locale
from bot.leader import AlwaysLeader, Leader, leader_only, make_leader
from bot.metrics import ErrorMetricsMiddleware, Metrics, UpdateMetricsMiddleware, timed_job
from bot.middlewares import (
    CommitMiddleware,
    PersonMiddleware,
    ThrottlingMiddleware,
    UnitOfWorkMiddleware,
)
from bot.outbox import OutboxSender, concurrency_for
from bot.redelivery import HandledOnce, LocalHandled, make_handled
from bot.settings import Settings
from bot.tidy import ScreenChat, TidyChat
from domain.clock import SYSTEM_CLOCK, Clock
from domain.enums import Channel
from handlers import setup_routers
from handlers.keyboards import COMMANDS
from storage.db import create_engine, is_sqlite, session_factory
from storage.fsm import DatabaseStorage
from storage.people_cache import PeopleCache, make_cache
from storage.read_model import ReadModel, make_read_model
from storage.uow import config_admins

log = logging.getLogger(__name__)
#: seconds one outbox run may deliver before it returns (and lands what is in the air)
OUTBOX_BUDGET = 60.0


@dataclass
class App:
    settings: Settings
    engine: AsyncEngine
    sessions: async_sessionmaker[AsyncSession]
    bot: Bot
    dp: Dispatcher
    sender: OutboxSender
    scheduler: AsyncIOScheduler
    clock: Clock
    metrics: Metrics = field(default_factory=Metrics)
    leader: Leader = field(default_factory=AlwaysLeader)
    people: PeopleCache | None = None
    #: the events catalogue's reads from memory (storage/read_model.py)
    reads: ReadModel | None = None
    #: the MAX bot (bot/max) when MAX_BOT_TOKEN is set (or a test gives its session)
    max_bot: Bot | None = None

    @property
    def telegram_bot(self) -> Bot | None:
        """Telegram's bot, or None when Telegram is switched off (BOT_TOKEN unset)."""
        return None if self.bot is self.max_bot else self.bot

    @property
    def bots(self) -> list[Bot]:
        """Every messenger's bot that is on, Telegram's first."""
        return [b for b in (self.telegram_bot, self.max_bot) if b is not None]

    async def close(self) -> None:
        if self.people is not None:
            await self.people.close()
        if self.reads is not None:
            await self.reads.close()
        if self.scheduler.running:
            self.scheduler.shutdown(wait=False)
        await self.sender.release_claims()  # others send them now, not after the lease
        await self.leader.release()
        await self.dp.storage.close()
        await self.dp.fsm.events_isolation.close()
        for bot in self.bots:
            await bot.session.close()
        await self.engine.dispose()


def make_bot(settings: Settings, session: BaseSession | None = None) -> Bot:
    if session is None:
        session = AiohttpSession()
        if settings.telegram_api_url:
            session.api = TelegramAPIServer.from_base(settings.telegram_api_url)
    elif settings.telegram_api_url:
        session.api = TelegramAPIServer.from_base(settings.telegram_api_url)
    bot = Bot(
        token=settings.require_token(),
        session=session,
        default=DefaultBotProperties(parse_mode=ParseMode.HTML, link_preview_is_disabled=True),
    )
    if not any(isinstance(m, FitToTelegram) for m in bot.session.middleware):  # a restart
        bot.session.middleware(FitToTelegram())
    if not any(isinstance(m, TidyChat) for m in bot.session.middleware):
        bot.session.middleware(TidyChat())
    return bot


def make_fsm(
    settings: Settings, sessions: async_sessionmaker[AsyncSession]
) -> tuple[BaseStorage, BaseEventIsolation]:
    if settings.redis_url:
        from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage
        from redis.asyncio import Redis

        # connections are re-made on demand: after an outage the next update works again
        redis = Redis.from_url(settings.redis_url, socket_connect_timeout=5, socket_timeout=10,
                               health_check_interval=30)
        keys = DefaultKeyBuilder(with_destiny=True, with_bot_id=True)
        # a lock left by a killed worker expires: the person's next update waits at most this
        isolation = RedisEventIsolation(redis, key_builder=keys,
                                        lock_kwargs={"timeout": settings.redis_lock_seconds})
        return RedisStorage(redis, key_builder=keys), isolation
    from bot.max.bots import ChannelKeys  # MAX users' conversations apart from Telegram users'

    # SQLite: one bot process per file, the only writer of conversations: keep them in memory
    return (DatabaseStorage(sessions, ChannelKeys(with_destiny=True),
                            memory=is_sqlite(settings.database_url)),
            SimpleEventIsolation())


def build_app(
    settings: Settings,
    session: BaseSession | None = None,
    engine: AsyncEngine | None = None,
    throttle: bool = True,
    clock: Clock = SYSTEM_CLOCK,
    max_session: BaseSession | None = None,
) -> App:
    """``clock`` is the one time source of handlers, middlewares and jobs (tests freeze it)."""
    max_bot = None
    if settings.max_enabled or max_session is not None:
        from bot.max.bots import make_max_bot

        max_bot = make_max_bot(settings.max_bot_token or "", settings.max_api_url,
                               ca_file=settings.max_ca_file, session=max_session,
                               rps=settings.max_rate)
    telegram = make_bot(settings, session) if settings.telegram_enabled else None
    # the app's own bot: Telegram's, or MAX's in a MAX-only deployment (BOT_TOKEN unset)
    bot = telegram or max_bot
    if bot is None:
        settings.require_messenger()  # stops with the line naming BOT_TOKEN / MAX_BOT_TOKEN
        raise AssertionError("unreachable")
    engine = engine or create_engine(settings.database_url)
    sessions = session_factory(engine)
    storage, isolation = make_fsm(settings, sessions)
    redis = getattr(storage, "redis", None) if settings.redis_url else None  # one client
    i18n = make_i18n(settings.default_locale)
    dp = Dispatcher(storage=storage, events_isolation=isolation)
    metrics = Metrics()
    # outermost, before aiogram's error middleware: every update is counted and timed, and the
    # error handler's log lines carry the update's ids too
    _outermost(dp, UpdateMetricsMiddleware(metrics))
    if throttle:  # before the conversation state is read: a flood opens no session
        _before_fsm(dp, ThrottlingMiddleware(
            lambda user: i18n.core.get("throttled", pick_locale(None, user, settings.default_locale)),
            clock, redis=redis,  # with Redis, one allowance whichever worker takes the update
        ))
    # the unit of work opens before aiogram reads the conversation state, so the state is read
    # (once, storage/fsm.py) and written in the update's own session and transaction
    people = make_cache(settings.database_url, settings.redis_url, settings.people_cache)
    # the catalogue's reads from memory: trusted as the people cache is (the same buses)
    reads = make_read_model(settings.database_url, settings.redis_url, settings.people_cache)
    _before_fsm(dp, UnitOfWorkMiddleware(
        sessions, clock, config_admins(settings.admin_ids, settings.max_admin_ids), people, reads))
    # a coordinator's or admin's own command menu, set after the update has been committed
    from bot.commands import CommandMenus

    dp.update.outer_middleware(CommandMenus(i18n.core.get, settings.default_locale))
    if max_bot is not None:
        _keep_max_file_urls(dp, max_bot, sessions, clock)
    dp.update.outer_middleware(CommitMiddleware())  # inside the lock aiogram's FSM holds
    dp.update.outer_middleware(PersonMiddleware(settings.admin_ids, people,
                                                settings.max_admin_ids))
    # a Telegram update delivered again is skipped: inside the person's lock, after the
    # person's bookkeeping commit, so its mark commits with the handler's changes
    handled = make_handled(redis, sessions if is_sqlite(settings.database_url) else None)
    dp.update.outer_middleware(HandledOnce(handled))
    if isinstance(handled, LocalHandled):  # the marks still queued are written at shutdown
        dp.shutdown.register(handled.close)
    dp.update.outer_middleware(ScreenChat())  # a new screen strips the old one's buttons
    i18n.setup(dp)
    # the error handler: whether it is an outage, and the person's locale even when the update
    # failed before the locale middleware ran (the database or Redis is down)
    dp.errors.outer_middleware(ErrorContextMiddleware())
    dp.errors.outer_middleware(ErrorMetricsMiddleware(metrics))
    dp.errors.outer_middleware(i18n)
    setup_routers(dp)  # the features' routers straight under the Dispatcher

    from handlers.files import FileRelay
    from storage.files.repo import SqlFileCopies

    # stored files shown in the other messenger: copied once, the copy's id kept (issue 17)
    files = FileRelay(_bots(telegram, max_bot), SqlFileCopies(sessions, clock))
    sender = OutboxSender(
        bot,
        sessions,
        translate=i18n.core.get,
        default_locale=settings.default_locale,
        rate=settings.send_rate,
        clock=clock,
        tz=settings.tz,
        paid_broadcast=settings.allow_paid_broadcast,
        quiet=settings.quiet,
        concurrency=concurrency_for(settings.send_rate),
        bots=_bots(telegram, max_bot),
        files=files,
    )
    scheduler = AsyncIOScheduler(timezone=settings.tz)
    scheduler.add_job(  # a minute's budget: the next tick comes up to a second after a run
        # ends, so a long broadcast pauses then — once a minute, not every 10 s
        sender.run_once, "interval", seconds=1, id="outbox", max_instances=1, coalesce=True,
        kwargs={"budget": OUTBOX_BUDGET},
    )
    from bot.jobs import alert_settings, register_jobs  # reminders, offers, digests

    register_jobs(scheduler, sessions, settings.tz, clock, alert_settings(settings),
                  settings.mentoring_remind_weeks, settings.quiet)
    from handlers.broadcasts.progress import TICK_SECONDS, ProgressReporter, broadcasts_tick

    reporter = ProgressReporter(_bots(telegram, max_bot), i18n.core.get,
                                settings.default_locale, settings.send_rate)
    scheduler.add_job(  # broadcasts: scheduled starts, quiet hours, live progress
        broadcasts_tick, "interval", seconds=TICK_SECONDS, id="broadcasts",
        args=[sessions, settings.quiet, clock, reporter], max_instances=1, coalesce=True,
    )
    # every job is timed; all but the outbox sender run in one process at a time (bot/leader.py)
    leader = make_leader(settings.database_url, settings.redis_url)
    for job in scheduler.get_jobs():
        func = timed_job(metrics, clock, job.id, job.func)
        if job.id not in EVERY_PROCESS:
            func = leader_only(leader, func, lambda leading: metrics.leader.set(int(leading)))
        job.modify(func=func)
    logging.getLogger("apscheduler.executors.default").setLevel(logging.ERROR)
    logging.getLogger("apscheduler.scheduler").setLevel(logging.WARNING)

    # everything handlers need, passed as keyword arguments (no globals)
    dp["settings"] = settings
    dp["tz"] = settings.tz
    dp["sessions"] = sessions
    dp["i18n_core"] = i18n.core
    dp["clock"] = clock
    dp["max_bot"] = max_bot
    dp["bots"] = _bots(telegram, max_bot)
    dp["files"] = files  # files relayed between messengers (handlers/files)
    # invite links for both messengers (handlers/invites/links.py)
    dp["invite_links"] = {"telegram_bot": telegram, "max_bot": max_bot, "settings": settings}
    return App(settings, engine, sessions, bot, dp, sender, scheduler, clock, metrics, leader,
               people, reads, max_bot)


def _bots(telegram: Bot | None, max_bot: Bot | None) -> dict[str, Bot]:
    """Channel → the bot that speaks to it; a messenger that is switched off has none."""
    bots: dict[str, Bot] = {}
    if telegram is not None:
        bots[Channel.TELEGRAM.value] = telegram
    if max_bot is not None:
        bots[Channel.MAX.value] = max_bot
    return bots


#: scheduled jobs every process runs; the others run only in the leader (bot/leader.py)
EVERY_PROCESS = frozenset({"outbox"})


def _keep_max_file_urls(dp: Dispatcher, max_bot: Bot,
                        sessions: async_sessionmaker[AsyncSession], clock: Clock) -> None:
    """MAX files' download URLs kept in the database (max_file_urls), so a MAX file can be
    copied to Telegram after a restart too (issue 17)."""
    from bot.max.convert import FileRegistry
    from bot.max.middleware import KeepFileUrls
    from storage.files.repo import SqlFileSources

    files = getattr(max_bot.session, "files", None)
    if isinstance(files, FileRegistry):
        files.store = SqlFileSources(sessions, clock)
        _before_fsm(dp, KeepFileUrls())


def _outermost(dp: Dispatcher, middleware: Any) -> None:
    """Register an update middleware before those the Dispatcher registered itself."""
    manager = dp.update.outer_middleware
    middlewares = getattr(manager, "_middlewares", None)
    if isinstance(middlewares, list):
        middlewares.insert(0, middleware)
    else:  # pragma: no cover — a future aiogram: innermost of the built-in ones then
        manager(middleware)


def _before_fsm(dp: Dispatcher, middleware: Any) -> None:
    """Register an update middleware after aiogram's user context (``event_from_user`` is
    known) and before its FSM middleware (which reads the conversation state from storage)."""
    manager = dp.update.outer_middleware
    middlewares = getattr(manager, "_middlewares", None)
    if isinstance(middlewares, list) and dp.fsm in middlewares:
        middlewares.insert(middlewares.index(dp.fsm), middleware)
    else:  # pragma: no cover — a future aiogram: after the state is read then
        manager(middleware)


async def set_commands(bot: Bot, translate: Any) -> None:
    """setMyCommands for ru (default) and en."""
    for locale in ("ru", "en"):
        commands = [
            BotCommand(command=c, description=translate(f"cmd-{c}", locale)) for c in COMMANDS
        ]
        await bot.set_my_commands(
            commands,
            scope=BotCommandScopeAllPrivateChats(),
            language_code=None if locale == "ru" else locale,
        )
