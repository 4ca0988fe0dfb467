"""Self-diagnosis under load: N teachers take the whole questionnaire at once through the real
Dispatcher (middlewares, FSM in the database, routers) against a fake Bot API.

    .venv/bin/python -m benchmarks.bench_diagnosis                  # 50 users, SQLite file
    .venv/bin/python -m benchmarks.bench_diagnosis --users 200
    .venv/bin/python -m benchmarks.bench_diagnosis --db postgresql+asyncpg://postgres@127.0.0.1:5432/bench

Each user sends /menu, opens the section, starts, answers every statement and submits
(40 updates with the default instrument). Reported: updates per second over the whole run,
per-update latency percentiles, the radar chart's render time (alone and inside the run), and
the event loop's worst lag while charts were being drawn. Throttling is off: users tap as fast
as the bot answers, which is far above a person's pace. PostgreSQL: the database is wiped.

Measured on the development container (2 shared CPUs, load from other test runs, Python 3.11.7,
aiogram 3.31.0), several runs; figures vary by ±20 % with the machine's load:

| run | updates/s | p50 ms | p99 ms |
|---|---:|---:|---:|
| SQLite, 50 users at once (2 000 updates, 50 charts) | 122–150 | 210–270 | 1 300–1 600 |
| PostgreSQL, 50 users at once | 107–154 | 190–290 | 1 700–2 100 |
| PostgreSQL, 200 users at once (8 000 updates, 200 charts) | 106 | 1 190 | 7 060 |

The radar chart takes ~50 ms alone (~80–110 ms when the machine is busy). Inside the run a
render waits for the previous ones (they are serialised) and shares the interpreter lock with
the event loop: 270–450 ms median. The loop keeps answering meanwhile
(tests/test_diagnosis.py::test_chart_rendering_does_not_block_other_people), but CPU-bound
matplotlib in a thread costs the loop some throughput: the same PostgreSQL run without charts
did 128–160 updates/s, and with the renders in a one-process pool (ProcessPoolExecutor) 119–156.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import text

from bot.app import build_app
from bot.settings import Settings
from domain.clock import SYSTEM_CLOCK
from domain.entities import Profile
from domain.enums import Category, Channel, OrgKind, Position, Role
from handlers import charts
from storage.db import create_engine
from storage.migrate import upgrade
from storage.uow import SqlUnitOfWork
from tests.harness import BOT_TOKEN, FakeTelegram, Person

LABELS = ["Не владею", "Владею частично", "Владею уверенно", "Могу научить других"]


async def prepare(url: str) -> None:
    if url.startswith("postgresql"):
        engine = create_engine(url)
        async with engine.begin() as conn:
            await conn.execute(text("DROP SCHEMA public CASCADE"))
            await conn.execute(text("CREATE SCHEMA public"))
        await engine.dispose()
    await upgrade(url)


async def onboard(app: Any, users: int, first_id: int) -> None:
    now = datetime.now(UTC)
    async with app.sessions() as session:
        uow = SqlUnitOfWork(session, SYSTEM_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
        mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Город", region)
        school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Школа № 1", mun)
        for n in range(users):
            person = await uow.people.create(Channel.TELEGRAM, str(first_id + n), now)
            await uow.people.set_consent(person.id, now)
            profile = Profile(
                full_name=f"Учитель Номер {n}", municipality_id=mun.id, school_id=school.id,
                position=Position.TEACHER, subjects=["math"], experience_years=n % 40,
                category=Category.FIRST,
            )
            await uow.people.save_profile(person.id, profile, completed_at=now)
            await uow.people.add_grant(person.id, Role.TEACHER, school.id)
        await uow.commit()


async def one_teacher(p: Person, n: int, latencies: list[float]) -> int:
    async def timed(call: Any) -> None:
        t0 = time.perf_counter()
        await call
        latencies.append(time.perf_counter() - t0)

    await timed(p.send("/menu"))
    await timed(p.press("Самодиагностика"))
    await timed(p.press("Начать"))
    updates = 3
    while "/ 36" in p.last.text or "/ " in p.last.text.split("\n")[0]:
        if "пройдены" in p.last.text:
            break
        await timed(p.press(LABELS[(n + updates) % 4], exact=True))
        updates += 1
    await timed(p.press("Завершить"))
    assert "Результат самодиагностики" in p.last.text, p.last.text[:200]
    return updates + 1


async def loop_lag(stop: asyncio.Event, worst: list[float]) -> None:
    while not stop.is_set():
        t0 = time.perf_counter()
        await asyncio.sleep(0.01)
        worst.append(time.perf_counter() - t0 - 0.01)


async def main(users: int, url: str | None) -> None:
    tmp = tempfile.TemporaryDirectory()
    url = url or f"sqlite+aiosqlite:///{Path(tmp.name) / 'bench.sqlite'}"
    await prepare(url)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN, DATABASE_URL=url, TIMEZONE="Europe/Moscow",
    )
    app = build_app(settings, session=FakeTelegram(), throttle=False)
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    first_id = 7_000_000
    await onboard(app, users, first_id)

    # the chart alone (after a warm-up render that loads fonts)
    axes = ["Предметные", "Методические", "Психолого-педагогические", "Коммуникативные"]
    series = [charts.Series("01.10.2026", [40, 55, 70, 35]),
              charts.Series("01.11.2026", [60, 45, 80, 50])]
    charts.render_radar(axes, series, 50, "Порог")
    alone = []
    for _ in range(10):
        t0 = time.perf_counter()
        charts.render_radar(axes, series, 50, "Порог")
        alone.append(time.perf_counter() - t0)

    in_run: list[float] = []
    real = charts.render_radar

    def timed_render(*args: Any, **kwargs: Any) -> bytes:
        t0 = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            in_run.append(time.perf_counter() - t0)

    charts.render_radar = timed_render  # type: ignore[assignment]
    people = [Person(app, first_id + n) for n in range(users)]
    latencies: list[float] = []
    lag: list[float] = []
    stop = asyncio.Event()
    watcher = asyncio.create_task(loop_lag(stop, lag))
    t0 = time.perf_counter()
    counts = await asyncio.gather(*(one_teacher(p, n, latencies) for n, p in enumerate(people)))
    elapsed = time.perf_counter() - t0
    stop.set()
    await watcher
    charts.render_radar = real  # type: ignore[assignment]
    await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
    await app.close()
    tmp.cleanup()

    total = sum(counts)
    lat = sorted(latencies)

    def q(p: float) -> float:
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000

    backend = url.split(":", 1)[0]
    print(f"database: {backend}; users at once: {users}; updates: {total} "
          f"({total // users} per user)")
    print(f"wall time: {elapsed:.2f} s; throughput: {total / elapsed:.0f} updates/s")
    print(f"update latency ms: p50 {q(0.5):.1f}, p95 {q(0.95):.1f}, p99 {q(0.99):.1f}, "
          f"max {lat[-1] * 1000:.1f}")
    print(f"radar chart alone: median {statistics.median(alone) * 1000:.0f} ms "
          f"(min {min(alone) * 1000:.0f}, max {max(alone) * 1000:.0f})")
    print(f"radar chart in the run ({len(in_run)} renders, serialised in a worker thread): "
          f"median {statistics.median(in_run) * 1000:.0f} ms, max {max(in_run) * 1000:.0f} ms")
    print(f"event loop lag: worst {max(lag) * 1000:.0f} ms, p99 "
          f"{sorted(lag)[int(0.99 * len(lag))] * 1000:.0f} ms")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--users", type=int, default=50)
    parser.add_argument("--db", default=None, help="database URL (default: a temporary SQLite)")
    args = parser.parse_args()
    asyncio.run(main(args.users, args.db))
