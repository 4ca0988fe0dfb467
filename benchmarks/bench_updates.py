"""Updates per second: a bare aiogram Dispatcher next to the full «Маршрут» app, in one run.

    .venv/bin/python -m benchmarks.bench_updates                  # SQLite in a temp dir
    .venv/bin/python -m benchmarks.bench_updates --updates 2000 --concurrency 100
    BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/scratch \\
        .venv/bin/python -m benchmarks.bench_updates              # PostgreSQL as well

What is measured (Telegram itself is replaced by the in-memory fake Bot API of
tests/harness.py, so the figures are the bot's own cost per update, not network time):

* **bare** — ``Dispatcher()`` with one handler that echoes the text back;
* **ours** — ``bot.app.build_app`` exactly as in production (middlewares: unit of work →
  person and roles → locale → throttling; routers; database FSM storage), with N onboarded
  teachers created directly through the repositories, each sending ``/menu`` (load the person
  with roles, clear the FSM state, render the role-dependent main menu).

Both are fed the updates as JSON objects, as Telegram sends them (``feed_raw_update``: parsed
once, as the webhook does). Each scenario runs sequentially (one update at a time) and with
concurrency (waves of C updates arriving together, ``asyncio.gather``; latency from the wave's
arrival), after one warm-up pass over the same users, ``--rounds`` times; the throughput shown
is the median round, p50/p99 are per-update latencies over all rounds.
On PostgreSQL the benchmark works in a throwaway schema that it drops at the end, so
BENCH_DATABASE_URL may point at any scratch database.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import platform
import statistics
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import aiogram
from aiogram import Bot, Dispatcher, Router
from aiogram.types import CallbackQuery, Chat, Message, Update, User

from benchmarks.pg import drop_schema, scratch_schema
from bot.app import App, build_app
from bot.heap import settle_heap
from bot.redelivery import DELIVERY
from bot.settings import Settings
from domain.clock import SYSTEM_CLOCK
from domain.entities import Profile
from domain.enums import Category, Channel, OrgKind, Position, Role
from storage.db import create_engine, is_sqlite
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork
from tests.harness import BOT_TOKEN, FakeTelegram

FIRST_USER = 5_000_000_000


@dataclass
class Result:
    name: str
    rates: list[float]
    latencies: list[float]

    @property
    def rate(self) -> float:
        return statistics.median(self.rates)

    def pct(self, q: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000


def updates(n: int, text: str) -> list[Update]:
    """One private message per user; built before timing starts."""
    now = datetime.now(UTC)
    out = []
    for i in range(n):
        uid = FIRST_USER + i
        user = User(id=uid, is_bot=False, first_name="Учитель", language_code="ru")
        message = Message(message_id=i + 1, date=now, chat=Chat(id=uid, type="private"),
                          from_user=user, text=text)
        out.append(Update(update_id=i + 1, message=message))
    return out


def callbacks(n: int, data: str, first_id: int = 1_000_000,
              on: Callable[[int], int] = lambda _uid: 1) -> list[Update]:
    """One button press per user, on the message ``on(user id)`` (the bot's menu)."""
    now = datetime.now(UTC)
    bot_user = User(id=42, is_bot=True, first_name="Маршрут")
    out = []
    for i in range(n):
        uid = FIRST_USER + i
        user = User(id=uid, is_bot=False, first_name="Учитель", language_code="ru")
        message = Message(message_id=on(uid), date=now, chat=Chat(id=uid, type="private"),
                          from_user=bot_user, text="menu")
        query = CallbackQuery(id=str(first_id + i), from_user=user, chat_instance="ci",
                              data=data, message=message)
        out.append(Update(update_id=first_id + i, callback_query=query))
    return out


def as_sent(batch: list[Update]) -> list[dict[str, Any]]:
    """The updates as Telegram sends them (JSON objects), built before timing starts: both
    sides parse them as the webhook does (``Dispatcher.feed_raw_update``: one validation).
    Feeding ready ``Update`` objects that no bot was bound to made aiogram dump and validate
    each again (~30–45 µs) — a cost production does not have."""
    return [u.model_dump(mode="json", exclude_none=True) for u in batch]


Feed = Callable[[Any], Awaitable[Any]]


async def measure(feed: Feed, batch: list[Any], concurrency: int) -> tuple[float, list[float]]:
    """Feed every update; returns (updates/s, latencies in seconds).

    With ``concurrency`` C > 1 the updates come in waves of C that arrive together (C people
    tapping at once), the next wave when this one is answered; an update's latency runs from
    its wave's arrival to its own end — the wait behind the others included. (Timing each
    update from when its task first ran hid that wait once an update served from memory no
    longer paused: each task then ran start to end before the next one started.)"""
    latencies: list[float] = []
    started = time.perf_counter()
    if concurrency <= 1:
        for update in batch:
            t = time.perf_counter()
            await feed(update)
            latencies.append(time.perf_counter() - t)
    else:
        for first in range(0, len(batch), concurrency):
            arrived = time.perf_counter()

            async def one(update: Any, arrived: float = arrived) -> None:
                await feed(update)
                latencies.append(time.perf_counter() - arrived)

            await asyncio.gather(*(one(u) for u in batch[first:first + concurrency]))
    return len(batch) / (time.perf_counter() - started), latencies


async def scenario(name: str, feed: Feed, batch: list[Any], concurrency: int, rounds: int,
                   check: Callable[[], None], tg: FakeTelegram | None = None) -> Result:
    renumber(batch)
    await measure(feed, batch, concurrency)  # warm-up: caches, statements, "last seen"
    check()
    rates, latencies = [], []
    for _ in range(rounds):
        if tg is not None:
            keep_recent(tg)
        renumber(batch)
        rate, lat = await measure(feed, batch, concurrency)
        rates.append(rate)
        latencies += lat
    return Result(name, rates, latencies)


#: blocks of update ids, from the time of the run: Redis remembers the handled ones for a day,
#: so a run must not reuse the ids of an earlier run on the same Redis
_next_id = itertools.count(int(time.time()) % 100_000 * 10_000_000 + 10_000_000, 1_000_000)


def renumber(batch: list[Any]) -> None:
    """New update ids for another pass: the same ids again are repeats, which the bot skips
    (bot/redelivery.py) without handling them."""
    offset = next(_next_id)
    for position, update in enumerate(batch):
        if isinstance(update, dict):
            update["update_id"] = offset + position


def keep_recent(tg: FakeTelegram, per_chat: int = 5) -> None:
    """The fake Bot API records everything it was sent; Telegram keeps it, not the bot. Between
    rounds only the last few messages per chat are kept (the ones the next round's buttons are
    on), so the fake's memory does not grow into the bot's garbage collections."""
    tg.calls.clear()
    for sent in tg.messages.values():
        del sent[:-per_chat]


# ---- bare aiogram ---------------------------------------------------------------------------


def bare_dispatcher() -> tuple[Bot, Dispatcher]:
    router = Router()

    @router.message()
    async def echo(message: Message) -> None:
        await message.answer(message.text or "")

    dp = Dispatcher()
    dp.include_router(router)
    return Bot(BOT_TOKEN, session=FakeTelegram()), dp


# ---- our app --------------------------------------------------------------------------------


async def add_teachers(app: App, n: int, channel: Channel = Channel.TELEGRAM) -> None:
    """N onboarded teachers of one school, ids from ``FIRST_USER``, in ``channel``."""
    now = datetime.now(UTC)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, SYSTEM_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Бенчмарк-область", None)
        mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Бенчмарк-округ", region)
        school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Бенчмарк-школа", mun)
        for i in range(n):
            person = await uow.people.create(channel, str(FIRST_USER + i), now)
            await uow.people.set_consent(person.id, now)
            profile = Profile(
                full_name=f"Учитель {i}", municipality_id=mun.id, school_id=school.id,
                position=Position.TEACHER, subjects=["math"], experience_years=5,
                category=Category.FIRST, statuses=[],
            )
            await uow.people.save_profile(person.id, profile, completed_at=now)
            await uow.people.add_grant(person.id, Role.TEACHER, school.id)
        await uow.commit()


CATALOGUE_EVENTS = 10


async def add_events(app: App, n: int) -> None:
    """A catalogue: ``CATALOGUE_EVENTS`` upcoming regional events (two pages), 30 seats each;
    every teacher is registered for one of them, so the page shows seats and «записан»."""
    from domain import events as ev

    now = datetime.now(UTC)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, SYSTEM_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Бенчмарк-область", None)
        ids = []
        for i in range(CATALOGUE_EVENTS):
            starts = now + timedelta(days=7 + i)
            draft = ev.EventDraft(
                title=f"Семинар {i + 1}", form=ev.EventForm.SEMINAR,
                level=ev.EventLevel.REGIONAL, organiser_id=region.id,
                groups=["methodological"],
                sessions=[ev.Session(starts, starts + timedelta(hours=3))],
                place="Актовый зал", online_url=None, hours=ev.Hours(4, 0, 0), capacity=30,
                deadline=None, audience=[region.id], reminders=[],
            )
            ids.append((await uow.events.add(draft, None, now)).id)
        for i in range(n):
            person = await uow.people.get_by_external(Channel.TELEGRAM, str(FIRST_USER + i))
            assert person is not None
            event_id = ids[i % len(ids)]
            await uow.events.save_registration(ev.Registration(
                id=0, event_id=event_id, person_id=person.id, status=ev.RegStatus.CONFIRMED,
                seq=i + 1, created_at=now), now)
        await uow.commit()


async def pg_schema_engine(url: str) -> tuple[Any, str]:
    """An engine whose search_path is a fresh schema, migrated; the schema is dropped later."""
    return await scratch_schema(url)


@asynccontextmanager
async def running_app(url: str, redis_url: str | None = None,
                      **build: Any) -> AsyncIterator[App]:
    """The app as in production over a migrated database (SQLite file, or a throwaway
    PostgreSQL schema dropped at the end), started and, at the end, shut down; ``build``:
    build_app's keyword arguments (throttle, max_session)."""
    schema = None
    if is_sqlite(url):
        await upgrade(url)
        engine = create_engine(url)
    else:
        engine, schema = await pg_schema_engine(url)
    settings = Settings(_env_file=None, BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                        DATABASE_URL=url, REDIS_URL=redis_url)
    app = build_app(settings, session=FakeTelegram(), engine=engine, **build)
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    try:
        yield app
    finally:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()
        if schema:
            await drop_schema(url, schema)


async def bench_ours(label: str, url: str, n: int, concurrency: int, rounds: int,
                     scenarios: bool = True, redis_url: str | None = None) -> list[Result]:
    async with running_app(url, redis_url) as app:  # throttling on
        return await _bench_ours(app, label, n, concurrency, rounds, scenarios)


async def _bench_ours(app: App, label: str, n: int, concurrency: int, rounds: int,
                      scenarios: bool) -> list[Result]:
    if app.people is not None:
        await app.people.start()
    await add_teachers(app, n)
    await add_events(app, n)
    batch = as_sent(updates(n, "/menu"))
    tg: FakeTelegram = app.bot.session  # type: ignore[assignment]
    tg.check = False  # parsing the HTML is Telegram's work, not the bot's
    settle_heap()  # as the bot does at the end of its start-up (bot/runner.py)

    def check() -> None:  # every teacher got the main menu, not an error
        last = tg.last(FIRST_USER + n - 1).text
        assert "Главное меню" in last, last

    async def feed(update: dict[str, Any]) -> Any:  # as polling and the webhook feed it
        return await app.dp.feed_raw_update(app.bot, update, **{DELIVERY: True})

    out = [
        await scenario(f"ours ({label}), sequential", feed, batch, 1, rounds, check, tg),
        await scenario(f"ours ({label}), {concurrency} at once", feed, batch, concurrency,
                       rounds, check, tg),
    ]
    if not scenarios:
        return out
    from handlers.callbacks import EditCb, MenuCb

    def edited() -> None:  # the menu shown again, by editing the message
        assert tg.calls, "nothing sent"

    def menu_message(uid: int) -> int:
        return tg.last(uid).message_id

    home = as_sent(callbacks(n, MenuCb(to="home").pack(), on=menu_message))
    out.append(await scenario(f"callback «home» ({label}), sequential", feed, home, 1,
                              rounds, edited, tg))
    catalogue = as_sent(callbacks(n, MenuCb(to="events").pack(), first_id=2_000_000,
                                  on=menu_message))
    def listed() -> None:  # the catalogue's first page, with seats
        last = tg.last(FIRST_USER + n - 1).text
        assert "Семинар" in last and "мест" in last, last

    out.append(await scenario(f"callback «events» ({label}), seq.", feed, catalogue, 1,
                              rounds, listed, tg))
    out.append(await scenario(f"callback «events» ({label}), {concurrency} at once", feed,
                              catalogue, concurrency, rounds, listed, tg))
    # a form step: open «experience» in the profile, answer with a number (a write)
    opens = callbacks(n, EditCb(field="experience_years").pack(), first_id=3_000_000,
                      on=menu_message)
    answers = updates(n, "7")
    pairs = as_sent([u for pair in zip(opens, answers, strict=True) for u in pair])

    def saved() -> None:
        last = tg.last(FIRST_USER + n - 1).text
        assert "Профиль" in last or "профил" in last.lower(), last

    out.append(await scenario(f"form step ({label}), sequential", feed, pairs, 1, rounds,
                              saved, tg))
    return out


async def bench_bare(n: int, concurrency: int, rounds: int) -> list[Result]:
    bot, dp = bare_dispatcher()
    batch = as_sent(updates(n, "/menu"))
    tg: FakeTelegram = bot.session  # type: ignore[assignment]
    tg.check = False
    settle_heap()

    def check() -> None:
        assert tg.last(FIRST_USER + n - 1).text == "/menu"

    async def feed(update: dict[str, Any]) -> Any:
        return await dp.feed_raw_update(bot, update)

    try:
        return [
            await scenario("bare aiogram, sequential", feed, batch, 1, rounds, check, tg),
            await scenario(f"bare aiogram, {concurrency} at once", feed, batch, concurrency,
                           rounds, check, tg),
        ]
    finally:
        await bot.session.close()


def report(results: list[Result], n: int, concurrency: int, rounds: int) -> None:
    print(f"\n{n} updates x {rounds} rounds (after a warm-up pass); concurrency {concurrency}; "
          f"Python {platform.python_version()}, aiogram {aiogram.__version__}, "
          f"{os.cpu_count()} CPU(s)\n")
    print(f"{'scenario':<44}{'updates/s':>11}{'p50 ms':>9}{'p99 ms':>9}")
    for r in results:
        print(f"{r.name:<44}{r.rate:>11.0f}{r.pct(0.50):>9.2f}{r.pct(0.99):>9.2f}")
    bare = {("sequential" if "sequential" in r.name else "concurrent"): r
            for r in results if r.name.startswith("bare")}
    print("\nratio ours/bare (updates/s):")
    for r in results:
        if not r.name.startswith("bare"):
            b = bare["concurrent" if "at once" in r.name else "sequential"]
            print(f"  {r.name:<42}{r.rate / b.rate:>7.3f}  (≈{b.rate / r.rate:.1f}× the cost)")


async def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_updates",
                                description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--updates", type=int, default=500, help="updates (and users) per round")
    p.add_argument("--concurrency", type=int, default=50, help="updates in flight at once")
    p.add_argument("--rounds", type=int, default=3, help="measured rounds per scenario")
    args = p.parse_args(argv)
    n, c, rounds = args.updates, args.concurrency, args.rounds

    started = time.perf_counter()
    results = await bench_bare(n, c, rounds)
    with tempfile.TemporaryDirectory() as tmp:
        url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite'}"
        results += await bench_ours("SQLite", url, n, c, rounds)
    pg = os.environ.get("BENCH_DATABASE_URL")
    if pg:
        results += await bench_ours("PostgreSQL", pg, n, c, rounds)
        redis = os.environ.get("BENCH_REDIS_URL")
        if redis:  # conversations in Redis, the person cache invalidated through it
            results += await bench_ours("PostgreSQL+Redis", pg, n, c, rounds, redis_url=redis)
    report(results, n, c, rounds)
    print(f"\ntotal {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
