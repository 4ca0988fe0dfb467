"""An update Telegram delivers again is handled once (bot/redelivery.py): remembered in the
database (``handled_updates``) or, with REDIS_URL, in Redis inside the person's lock. Keyed by
the bot's id: another bot's update with the same id is another update. Only what came from
Telegram (webhook, long polling: ``telegram_delivery``) is remembered; the webhook's and
polling's own tests (tests/test_webhook.py, tests/test_polling.py) deliver over HTTP, MAX's in
tests/max/test_adapter.py."""

from __future__ import annotations

import asyncio
import os
import random
from collections.abc import AsyncIterator
from typing import Any
from datetime import timedelta

import pytest
from aiogram.methods import SendMessage
from aiogram.types import Chat, Message, Update, User
from sqlalchemy import event as sa_event
from sqlalchemy import func, select

from bot.app import App
from bot.jobs import handled_updates_tick
from bot.redelivery import HandledOnce, LocalHandled, RedisHandled, Repeated, SqlHandled
from domain.enums import Channel
from storage.models import HandledUpdateRow, PersonRow
from storage.uow import SqlUnitOfWork
from tests.clock import TEST_CLOCK
from storage.db import is_sqlite
from tests.conftest import AppFactory, onboarded
from tests.harness import BOT_ID
from tests.support.delivery import deliver, start

REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")
OTHER_BOT_ID = 5353
OTHER_TOKEN = f"{OTHER_BOT_ID}:OTHER-token-for-the-fake-bot-api-000"


def answers(app: App, user_id: int) -> int:
    return sum(1 for c in app.bot.session.of(SendMessage)  # type: ignore[attr-defined]
               if int(c.chat_id) == user_id)


async def handled_rows(app: App) -> list[tuple[int, int]]:
    async with app.sessions() as s:
        rows = await s.execute(select(HandledUpdateRow.bot_id, HandledUpdateRow.update_id)
                               .order_by(HandledUpdateRow.bot_id, HandledUpdateRow.update_id))
        return [tuple(r) for r in rows.all()]  # type: ignore[misc]


# ---- the database (no Redis) ------------------------------------------------------------------


async def test_a_repeat_is_skipped_also_after_a_restart(make_app: AppFactory) -> None:
    app = await make_app()
    await deliver(app, start(101, 720_001))
    await deliver(app, start(101, 720_001))  # its 200 came too late: Telegram sends it again
    assert answers(app, 720_001) == 1
    assert await handled_rows(app) == [(BOT_ID, 101)]

    again = await make_app()  # a restart (or the other worker): the database remembers
    await deliver(again, start(101, 720_001))
    assert answers(again, 720_001) == 0
    await deliver(again, start(102, 720_001))  # the person's next update is answered
    assert answers(again, 720_001) == 1


async def test_a_repeat_arriving_while_the_first_runs_waits_and_is_skipped(app: App) -> None:
    await asyncio.gather(deliver(app, start(111, 720_011)), deliver(app, start(111, 720_011)))
    assert answers(app, 720_011) == 1


async def test_another_bots_update_with_the_same_id_is_answered(make_app: AppFactory) -> None:
    app = await make_app()
    other = await make_app(bot_token=OTHER_TOKEN)  # another bot on the same database
    assert other.bot.id == OTHER_BOT_ID
    await deliver(app, start(121, 720_021))
    await deliver(other, start(121, 720_022))
    assert answers(app, 720_021) == 1 and answers(other, 720_022) == 1
    assert await handled_rows(app) == [(BOT_ID, 121), (OTHER_BOT_ID, 121)]


async def test_updates_not_from_telegram_are_never_taken_for_repeats(app: App) -> None:
    # the test harness and the MAX adapter number updates per process: the same id twice
    await deliver(app, start(131, 720_031), from_telegram=False)
    await deliver(app, start(131, 720_031), from_telegram=False)
    assert answers(app, 720_031) == 2
    assert await handled_rows(app) == []


async def test_two_workers_handling_one_update_store_its_changes_once(app: App) -> None:
    """Without Redis, PostgreSQL workers share no lock: both may handle a repeat at once.
    The mark is written with the changes; the second to commit finds it and rolls back."""
    now = TEST_CLOCK.now()
    handled = SqlHandled()
    async with app.sessions() as first_session, app.sessions() as second_session:
        first = SqlUnitOfWork(first_session, TEST_CLOCK)
        second = SqlUnitOfWork(second_session, TEST_CLOCK)
        assert not await handled.seen(first, BOT_ID, 151)
        assert not await handled.seen(second, BOT_ID, 151)
        handled.watch(first, BOT_ID, 151)
        handled.watch(second, BOT_ID, 151)
        await first.people.create(Channel.TELEGRAM, "720051", now)
        await first.commit()
        await second.people.create(Channel.TELEGRAM, "720052", now)
        with pytest.raises(Repeated):
            await second.commit()
        await second.rollback()
        assert await handled.seen(second, BOT_ID, 151)
    async with app.sessions() as s:
        people = set(await s.scalars(select(PersonRow.external_id)
                                     .where(PersonRow.external_id.in_(["720051", "720052"]))))
    assert people == {"720051"}  # the first one's change, not the repeat's

    async with app.sessions() as session:  # an update rolled back (it failed) is not marked
        failed = SqlUnitOfWork(session, TEST_CLOCK)
        handled.watch(failed, BOT_ID, 152)
        await failed.people.create(Channel.TELEGRAM, "720053", now)
        await failed.rollback()
    async with app.sessions() as session:
        assert not await handled.seen(SqlUnitOfWork(session, TEST_CLOCK), BOT_ID, 152)


async def test_remembered_for_a_day_then_pruned(app: App) -> None:
    await deliver(app, start(161, 720_061))
    TEST_CLOCK.advance(timedelta(hours=23))
    await deliver(app, start(162, 720_061))
    assert await handled_updates_tick(app.sessions, TEST_CLOCK) == 0
    TEST_CLOCK.advance(timedelta(hours=2))
    assert await handled_updates_tick(app.sessions, TEST_CLOCK) == 1
    assert await handled_rows(app) == [(BOT_ID, 162)]


# ---- SQLite: one process, memory first -----------------------------------------------------


def menu(update_id: int, user_id: int) -> Update:
    """``/menu`` from an onboarded person: answered from memory, nothing written."""
    user = User(id=user_id, is_bot=False, first_name="Анна", language_code="ru")
    return Update(update_id=update_id, message=Message(
        message_id=update_id, date=TEST_CLOCK.now(), chat=Chat(id=user_id, type="private"),
        from_user=user, text="/menu"))


def statements_of(app: App) -> list[str]:
    seen: list[str] = []

    def on_statement(_c: Any, _cur: Any, statement: str, *_: Any) -> None:
        seen.append(statement)

    sa_event.listen(app.engine.sync_engine, "before_cursor_execute", on_statement)
    return seen


async def test_sqlite_a_new_update_served_from_memory_costs_no_query_yet_is_remembered(
        make_app: AppFactory, orgs: dict[str, int]) -> None:
    """On SQLite (one process) ``LocalHandled`` answers "seen?" from memory: ids above the
    highest one recorded are new. A menu tap writes nothing, so its mark waits for a batch
    (written at shutdown at the latest); a repeat is skipped before and after a restart."""
    app = await make_app()
    if not is_sqlite(app.settings.database_url):
        pytest.skip("PostgreSQL without Redis checks the database (several workers)")
    await onboarded(app, 720_081, orgs["school1"])
    await deliver(app, menu(181, 720_081))  # the first: the highest recorded id is read once
    assert answers(app, 720_081) == 1
    statements = statements_of(app)
    await deliver(app, menu(182, 720_081))
    assert answers(app, 720_081) == 2 and statements == []  # no SQL at all
    await deliver(app, menu(182, 720_081))  # a repeat, from memory
    assert answers(app, 720_081) == 2 and statements == []
    # the first read the database (the highest id): its mark went with it; 182 waits
    assert await handled_rows(app) == [(BOT_ID, 181)]
    await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)  # a graceful stop writes them
    assert await handled_rows(app) == [(BOT_ID, 181), (BOT_ID, 182)]

    again = await make_app()  # the restart
    await deliver(again, menu(182, 720_081))  # Telegram repeats what was not confirmed
    assert answers(again, 720_081) == 0
    await deliver(again, menu(183, 720_081))
    assert answers(again, 720_081) == 1


async def test_sqlite_queued_marks_are_written_within_a_second(
        make_app: AppFactory, orgs: dict[str, int], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(LocalHandled, "WAIT", 0.05)
    app = await make_app()
    if not is_sqlite(app.settings.database_url):
        pytest.skip("SQLite only")
    await onboarded(app, 720_091, orgs["school1"])
    await deliver(app, menu(191, 720_091))  # marked with the read of the highest id
    await deliver(app, menu(192, 720_091))  # queued
    assert await handled_rows(app) == [(BOT_ID, 191)]
    for _ in range(100):
        if await handled_rows(app) == [(BOT_ID, 191), (BOT_ID, 192)]:
            break
        await asyncio.sleep(0.02)
    assert await handled_rows(app) == [(BOT_ID, 191), (BOT_ID, 192)]


async def test_sqlite_an_id_forgotten_by_memory_is_checked_in_the_database(
        make_app: AppFactory) -> None:
    """Memory keeps the latest ids only; an older one is looked up, not taken for new."""
    app = await make_app()
    if not is_sqlite(app.settings.database_url):
        pytest.skip("SQLite only")
    handled = next(m for m in app.dp.update.outer_middleware
                   if isinstance(m, HandledOnce)).handled
    assert isinstance(handled, LocalHandled)
    handled.remember = 2
    for update_id in (201, 202, 203, 204):  # /start writes: each mark in its transaction
        await deliver(app, start(update_id, 720_100 + update_id))
    assert list(handled.recent) == [(BOT_ID, 203), (BOT_ID, 204)]
    statements = statements_of(app)
    await deliver(app, start(201, 720_301))  # forgotten by memory, found in the database
    assert answers(app, 720_301) == 1  # the first delivery's answer only
    assert any("handled_updates" in s for s in statements)


# ---- Redis ------------------------------------------------------------------------------------


def _redis_up() -> bool:
    from redis import Redis

    try:
        return bool(Redis.from_url(REDIS_URL, socket_connect_timeout=2).ping())
    except Exception:  # noqa: BLE001
        return False


needs_redis = pytest.mark.skipif(not _redis_up(), reason=f"needs Redis at {REDIS_URL}")


@pytest.fixture
async def redis_workers(make_app: AppFactory) -> AsyncIterator[tuple[App, App]]:
    """Two workers on one database and one Redis (conversations, locks, handled updates)."""
    a, b = await make_app(redis_url=REDIS_URL), await make_app(redis_url=REDIS_URL)
    yield a, b


def fresh_ids() -> tuple[int, int]:
    """An update id and a user id no other run used (Redis keeps its keys for a day)."""
    rnd = random.Random()
    return rnd.randrange(10**9, 2 * 10**9), rnd.randrange(800_000_000, 900_000_000)


@needs_redis
async def test_with_redis_a_repeat_on_the_other_worker_waits_and_is_skipped(
        redis_workers: tuple[App, App]) -> None:
    a, b = redis_workers
    update_id, user_id = fresh_ids()
    await asyncio.gather(deliver(a, start(update_id, user_id)),
                         deliver(b, start(update_id, user_id)))
    assert answers(a, user_id) + answers(b, user_id) == 1
    await deliver(b, start(update_id, user_id))  # later still: skipped
    await deliver(a, start(update_id + 1, user_id))
    assert answers(a, user_id) + answers(b, user_id) == 2
    assert await handled_rows(a) == []  # Redis, not the table
    redis = a.dp.storage.redis  # type: ignore[attr-defined]
    key = RedisHandled.key(BOT_ID, update_id)
    assert 0 < await redis.ttl(key) <= 24 * 3600
    await redis.delete(key, RedisHandled.key(BOT_ID, update_id + 1))


@needs_redis
async def test_with_redis_another_bots_same_id_is_answered(make_app: AppFactory) -> None:
    a = await make_app(redis_url=REDIS_URL)
    other = await make_app(redis_url=REDIS_URL, bot_token=OTHER_TOKEN)
    update_id, user_id = fresh_ids()
    await deliver(a, start(update_id, user_id))
    await deliver(other, start(update_id, user_id))
    assert answers(a, user_id) == 1 and answers(other, user_id) == 1
    await a.dp.storage.redis.delete(  # type: ignore[attr-defined]
        RedisHandled.key(BOT_ID, update_id), RedisHandled.key(OTHER_BOT_ID, update_id))


@needs_redis
async def test_with_redis_a_failed_update_is_handled_again(make_app: AppFactory) -> None:
    app = await make_app(redis_url=REDIS_URL)
    update_id, user_id = fresh_ids()
    real = app.bot.session.make_request  # type: ignore[attr-defined]

    async def failing(*args: object, **kwargs: object) -> object:
        raise RuntimeError("Telegram unreachable")

    app.bot.session.make_request = failing  # type: ignore[attr-defined]
    try:
        await deliver(app, start(update_id, user_id))
    finally:
        app.bot.session.make_request = real  # type: ignore[attr-defined]
    await deliver(app, start(update_id, user_id))
    assert answers(app, user_id) == 1
    async with app.sessions() as s:  # the person was stored once, by the second delivery
        assert await s.scalar(select(func.count()).select_from(PersonRow)
                              .where(PersonRow.external_id == str(user_id))) == 1
    await app.dp.storage.redis.delete(RedisHandled.key(BOT_ID, update_id))  # type: ignore[attr-defined]
