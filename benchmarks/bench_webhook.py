"""Two webhook workers end to end (issue 14's bar): ``python -m bot webhook`` as two real
processes on one PostgreSQL database and one Redis (conversation state, per-person locks, the
people cache), a fake Bot API on loopback (benchmarks/fake_bot_api.py) recording every answer,
and a driver playing Telegram:

* U users, each editing their full name S/2 times (press «ФИО» → type the name): S updates per
  user, one at a time per user, all users at once; every step goes to the *other* worker than
  the step before, so each form's two steps are handled by different processes;
* a request that fails (connection refused or reset, 5xx, timeout) is delivered again to a
  worker that is alive, as Telegram (and the reverse proxy) would;
* one worker is killed with SIGKILL once ``kill_at`` of the updates are acknowledged.

Checks: every update acknowledged (HTTP 200) once; every update answered, and exactly once
unless it was in progress on the killed worker (answer sent, 200 not); every name step shows
the name typed (the form's state came from the other worker); each person's saved name is the
last one typed; nothing the killed worker acknowledged is missing.

    BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m benchmarks.bench_webhook                # 200 users × 10 = 2 000
    .venv/bin/python -m benchmarks.bench_webhook --users 40 --steps 10

The database is a throwaway one created on that server (dropped afterwards); Redis at
REDIS_URL (default redis://127.0.0.1:6379/0), keys under chat ids and update ids chosen at random
per run.
tests/test_webhook_workers.py runs the same with 400 updates from 40 users.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter, defaultdict
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import aiohttp
from sqlalchemy import select, text
from sqlalchemy.engine import make_url

from benchmarks.fake_bot_api import FakeBotAPI
from benchmarks.outbox_worker import BOT_TOKEN
from domain.clock import SYSTEM_CLOCK
from domain.entities import Profile
from domain.enums import Category, Channel, Position
from storage.db import create_engine, session_factory
from storage.migrate import upgrade
from storage.models import PersonRow
from storage.uow import SqlUnitOfWork

ROOT = Path(__file__).resolve().parent.parent
SECRET = "bench-webhook-secret-0123456789"
HOOK = "/telegram/hook"
DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
DEFAULT_REDIS = "redis://127.0.0.1:6379/0"
ANSWERS = frozenset({"sendmessage", "editmessagetext", "answercallbackquery"})
LETTERS = "абвгдежзик"


def letters(n: int) -> str:
    """A number in letters (names may not hold digits): 305 → «Гав»."""
    return "".join(LETTERS[int(d)] for d in str(n)).capitalize()


def full_name(user: int, step: int) -> str:
    return f"Тестова {letters(user)} {letters(step)}"


# ---- services ---------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def scratch_database(url: str) -> AsyncIterator[str]:
    """A new migrated database on the server ``url`` names, dropped afterwards."""
    name = f"marshrut_webhook_{uuid.uuid4().hex[:10]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        await conn.execute(text(f'CREATE DATABASE "{name}"'))
    scratch = make_url(url).set(database=name).render_as_string(hide_password=False)
    try:
        await upgrade(scratch)  # once, before the workers (they find it at head)
        yield scratch
    finally:
        async with admin.connect() as conn:
            await conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        await admin.dispose()


async def redis_available(url: str) -> bool:
    from redis.asyncio import Redis

    redis = Redis.from_url(url, socket_connect_timeout=2)
    try:
        return bool(await redis.ping())
    except Exception:  # noqa: BLE001 — not running here
        return False
    finally:
        await redis.aclose()


async def seed(db_url: str, chat_ids: list[int]) -> None:
    """Onboarded teachers (consent given, profile complete), straight into the database."""
    engine = create_engine(db_url)
    now = datetime.now(UTC)
    try:
        async with session_factory(engine)() as session:
            uow = SqlUnitOfWork(session, SYSTEM_CLOCK)
            for n, chat in enumerate(chat_ids):
                person = await uow.people.create(Channel.TELEGRAM, str(chat), now)
                await uow.people.set_consent(person.id, now)
                await uow.people.save_profile(person.id, Profile(
                    full_name=full_name(n, 0), position=Position.TEACHER, subjects=["math"],
                    experience_years=5, category=Category.FIRST, statuses=[],
                ), completed_at=now)
            await uow.commit()
    finally:
        await engine.dispose()


async def saved_names(db_url: str) -> dict[int, str]:
    engine = create_engine(db_url)
    try:
        async with engine.connect() as conn:
            rows = (await conn.execute(select(PersonRow.external_id, PersonRow.full_name))).all()
    finally:
        await engine.dispose()
    return {int(r[0]): r[1] for r in rows}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Worker:
    port: int
    proc: subprocess.Popen[bytes]
    log: Path
    killed: bool = False

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"


async def start_workers(n: int, db_url: str, redis_url: str, api_url: str, workdir: Path,
                        lock_seconds: int = 5, timeout: float = 180) -> list[Worker]:
    """``python -m bot webhook`` × n, each ready (/healthz 200) when this returns."""
    workers = []
    for i in range(n):
        port = free_port()
        env = {
            "PATH": os.environ.get("PATH", ""), "PYTHONPATH": str(ROOT), "HOME": str(workdir),
            "BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_URL": api_url, "DATABASE_URL": db_url,
            "REDIS_URL": redis_url, "WEBHOOK_URL": f"https://bot.example.org{HOOK}",
            "WEBHOOK_SECRET": SECRET, "WEBHOOK_HOST": "127.0.0.1", "WEBHOOK_PORT": str(port),
            "REDIS_LOCK_SECONDS": str(lock_seconds), "LOG_LEVEL": "WARNING",
            "TIMEZONE": "Europe/Moscow",
        }
        log = workdir / f"worker{i}.log"
        with log.open("wb") as out:  # cwd: no .env of a checkout is read
            proc = subprocess.Popen([sys.executable, "-m", "bot", "webhook"], cwd=workdir,
                                    env=env, stdout=out, stderr=subprocess.STDOUT)
        workers.append(Worker(port, proc, log))
    deadline = time.monotonic() + timeout
    async with aiohttp.ClientSession() as http:
        for w in workers:
            while True:
                if w.proc.poll() is not None:
                    raise RuntimeError(f"a worker stopped at start:\n{w.log.read_text()[-3000:]}")
                with contextlib.suppress(aiohttp.ClientError, OSError):
                    async with http.get(w.url + "/healthz") as r:
                        if r.status == 200:
                            break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"a worker was not ready:\n{w.log.read_text()[-3000:]}")
                await asyncio.sleep(0.2)
    return workers


def stop_workers(workers: list[Worker]) -> None:
    for w in workers:
        if w.proc.poll() is None:
            w.proc.send_signal(signal.SIGTERM)
    for w in workers:
        try:
            w.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            w.proc.kill()
            w.proc.wait()


# ---- the driver (Telegram) --------------------------------------------------------------------


@dataclass
class Delivery:
    update_id: int
    chat: int
    kind: str  # "press" (callback) or "name" (message)
    name: str
    sent: float = 0.0
    acked: float = 0.0
    worker: int = -1  # the worker that acknowledged it
    tried: list[int] = field(default_factory=list)  # workers, in order of the attempts


def press(update_id: int, chat: int, tag: str) -> dict[str, Any]:
    user = {"id": chat, "is_bot": False, "first_name": "Анна", "language_code": "ru"}
    return {"update_id": update_id, "callback_query": {
        "id": tag, "from": user, "chat_instance": f"ci{chat}", "data": "e:full_name",
        "message": {"message_id": 10, "date": 0, "text": "…",
                    "chat": {"id": chat, "type": "private"},
                    "from": {"id": 4242, "is_bot": True, "first_name": "Маршрут"}},
    }}


def typed(update_id: int, chat: int, words: str) -> dict[str, Any]:
    return {"update_id": update_id, "message": {
        "message_id": update_id, "date": 0, "text": words,
        "chat": {"id": chat, "type": "private"},
        "from": {"id": chat, "is_bot": False, "first_name": "Анна", "language_code": "ru"},
    }}


class Driver:
    def __init__(self, workers: list[Worker], total: int, kill_at: float | None) -> None:
        self.workers = workers
        self.total = total
        self.kill_after = int(total * kill_at) if kill_at is not None else None
        self.acked = 0
        self.killed_at: float | None = None
        self.deliveries: list[Delivery] = []
        self.http: aiohttp.ClientSession | None = None

    async def deliver(self, d: Delivery, body: dict[str, Any], prefer: int) -> None:
        assert self.http is not None
        headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
        index = prefer
        d.sent = time.time()
        deadline = time.monotonic() + 120
        while True:
            w = self.workers[index % len(self.workers)]
            if not w.killed:
                d.tried.append(index % len(self.workers))
                try:
                    async with self.http.post(w.url + HOOK, json=body, headers=headers) as r:
                        if r.status == 200:
                            d.acked, d.worker = time.time(), index % len(self.workers)
                            self._acked()
                            return
                except (aiohttp.ClientError, OSError, TimeoutError):
                    pass  # not acknowledged: Telegram delivers it again
            if time.monotonic() > deadline:
                raise TimeoutError(f"update {d.update_id} was never acknowledged")
            index += 1  # the proxy's next worker
            await asyncio.sleep(0.05)

    def _acked(self) -> None:
        self.acked += 1
        if self.kill_after is not None and self.acked >= self.kill_after and \
                self.killed_at is None:
            victim = self.workers[-1]
            victim.proc.send_signal(signal.SIGKILL)
            victim.killed, self.killed_at = True, time.time()

    async def user(self, n: int, chat: int, steps: int, first_update: int) -> None:
        for k in range(steps):
            uid = first_update + k
            name = full_name(n, k // 2 + 1)
            if k % 2 == 0:
                d, body = Delivery(uid, chat, "press", name), press(uid, chat, f"q{uid}")
            else:
                d, body = Delivery(uid, chat, "name", name), typed(uid, chat, name)
            self.deliveries.append(d)
            await self.deliver(d, body, prefer=n + k)  # the next step: the other worker

    async def run(self, chats: list[int], steps: int) -> float:
        started = time.monotonic()
        timeout = aiohttp.ClientTimeout(total=60)
        async with aiohttp.ClientSession(timeout=timeout) as self.http:
            # update ids new to this run: Redis remembers handled ones for a day
            first = random.Random().randrange(10**9, 2 * 10**9)
            await asyncio.gather(*(self.user(n, chat, steps, first + n * steps)
                                   for n, chat in enumerate(chats)))
        return time.monotonic() - started


# ---- the report -------------------------------------------------------------------------------


@dataclass
class Report:
    users: int
    updates: int
    seconds: float
    acked: int
    per_worker: list[int]
    redelivered: int  # updates delivered more than once (not acknowledged the first time)
    answered_twice: int  # updates with more answers than their kind's usual
    twice_but_acked_first: int  # of those, acknowledged on the first attempt: must be 0
    unanswered: int
    name_not_shown: int  # name steps delivered once whose answer lacks the name: state lost
    name_not_shown_redelivered: int  # the same among those in progress at the kill
    moved: int  # name steps handled by another worker than the press before them
    wrong_saved: int  # people whose saved name is not the last one typed
    lost_acked_by_killed: int  # acknowledged by the killed worker, not answered
    acked_by_killed: int
    stray: int  # answers outside every update's window
    p50_ms: float
    p99_ms: float

    def ok(self) -> bool:
        return (self.acked == self.updates and self.unanswered == 0
                and self.twice_but_acked_first == 0 and self.name_not_shown == 0
                and self.wrong_saved == 0 and self.lost_acked_by_killed == 0
                and self.stray == 0 and self.answered_twice <= self.redelivered)

    def lines(self) -> list[str]:
        return [
            (f"{self.updates} updates from {self.users} users in {self.seconds:.1f} s "
             f"({self.updates / self.seconds:.0f}/s); acknowledged {self.acked} "
             f"(per worker {self.per_worker}); ack p50 {self.p50_ms:.0f} ms, "
             f"p99 {self.p99_ms:.0f} ms"),
            (f"name steps on another worker than their press: {self.moved}; name not shown "
             f"(state lost): {self.name_not_shown}; saved name not the last typed: "
             f"{self.wrong_saved}"),
            (f"name steps in progress at the kill, saved but answered without the name (the "
             f"redelivery found the form done): {self.name_not_shown_redelivered}"),
            (f"killed worker had acknowledged {self.acked_by_killed}, of them unanswered "
             f"{self.lost_acked_by_killed}; delivered again (not acknowledged): "
             f"{self.redelivered}; answered twice: {self.answered_twice} (acknowledged at "
             f"the first attempt: {self.twice_but_acked_first}); unanswered "
             f"{self.unanswered}; stray answers {self.stray}"),
            "OK" if self.ok() else "FAILED",
        ]


def judge(driver: Driver, api: FakeBotAPI, saved: dict[int, str], chats: list[int],
          seconds: float) -> Report:
    by_chat: dict[int, list[Any]] = defaultdict(list)
    by_query: dict[str, list[Any]] = defaultdict(list)
    for call in api.calls:
        if call.method not in ANSWERS:
            continue
        if call.callback_query_id is not None:
            by_query[call.callback_query_id].append(call)
        elif call.chat_id is not None:
            by_chat[call.chat_id].append(call)
    used: set[int] = set()
    answers: dict[int, list[Any]] = {}
    for d in driver.deliveries:
        mine = [c for c in by_chat[d.chat] if d.sent <= c.at <= d.acked]
        mine += by_query.get(f"q{d.update_id}", [])
        used.update(id(c) for c in mine)
        answers[d.update_id] = mine
    usual = {kind: Counter(len(answers[d.update_id]) for d in driver.deliveries
                           if d.kind == kind and len(d.tried) == 1).most_common(1)[0][0]
             for kind in ("press", "name")}
    twice = [d for d in driver.deliveries if len(answers[d.update_id]) > usual[d.kind]]
    killed = len(driver.workers) - 1 if driver.killed_at is not None else None
    by_killed = [d for d in driver.deliveries if d.worker == killed]
    names = [d for d in driver.deliveries if d.kind == "name"]
    last = {d.chat: d.name for d in names}
    press_worker = {(d.chat, d.name): d.worker for d in driver.deliveries if d.kind == "press"}
    waits = sorted((d.acked - d.sent) * 1000 for d in driver.deliveries)
    stray = sum(1 for c in api.calls if c.method in ANSWERS and id(c) not in used
                and (c.chat_id in set(chats) or c.callback_query_id))
    return Report(
        users=len(chats), updates=len(driver.deliveries), seconds=seconds,
        acked=sum(1 for d in driver.deliveries if d.worker >= 0),
        per_worker=[sum(1 for d in driver.deliveries if d.worker == i)
                    for i in range(len(driver.workers))],
        redelivered=sum(1 for d in driver.deliveries if len(d.tried) > 1),
        answered_twice=len(twice),
        twice_but_acked_first=sum(1 for d in twice if len(d.tried) == 1),
        unanswered=sum(1 for d in driver.deliveries if not answers[d.update_id]),
        name_not_shown=sum(1 for d in names if len(d.tried) == 1
                           and not any(d.name in c.text for c in answers[d.update_id])),
        name_not_shown_redelivered=sum(
            1 for d in names if len(d.tried) > 1
            and not any(d.name in c.text for c in answers[d.update_id])),
        moved=sum(1 for d in names if press_worker.get((d.chat, d.name)) != d.worker),
        wrong_saved=sum(1 for chat in chats if saved.get(chat) != last.get(chat)),
        lost_acked_by_killed=sum(1 for d in by_killed if not answers[d.update_id]),
        acked_by_killed=len(by_killed), stray=stray,
        p50_ms=statistics.median(waits), p99_ms=waits[int(len(waits) * 0.99) - 1],
    )


async def two_workers(pg_url: str, redis_url: str, users: int, steps: int,
                      kill_at: float | None = 0.4) -> Report:
    """The whole run: a scratch database, the fake API, two workers, the driver, the checks."""
    chats = random.Random().sample(range(7_000_000, 7_900_000), users)
    api = FakeBotAPI()
    await api.start()
    with tempfile.TemporaryDirectory() as tmp:
        workers: list[Worker] = []
        try:
            async with scratch_database(pg_url) as db_url:
                await seed(db_url, chats)
                workers = await start_workers(2, db_url, redis_url, api.url, Path(tmp))
                driver = Driver(workers, users * steps, kill_at)
                seconds = await driver.run(chats, steps)
                stop_workers(workers)  # the survivor drains and stops (SIGTERM)
                saved = await saved_names(db_url)
        finally:
            stop_workers(workers)
            await api.stop()
    return judge(driver, api, saved, chats, seconds)


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_webhook",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--users", type=int, default=200)
    p.add_argument("--steps", type=int, default=10, help="updates per user (even)")
    p.add_argument("--no-kill", action="store_true")
    p.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    p.add_argument("--redis-url", default=os.environ.get("REDIS_URL", DEFAULT_REDIS))
    p.add_argument("--quick", action="store_true", help="20 users × 4 steps")
    args = p.parse_args(argv)
    if args.quick:
        args.users, args.steps = 20, 4
    if not await redis_available(args.redis_url):
        print(f"skipped: no Redis at {args.redis_url}")
        return 0
    try:
        report = await two_workers(args.pg_url, args.redis_url, args.users, args.steps,
                                   None if args.no_kill else 0.4)
    except OSError as exc:
        print(f"skipped: no PostgreSQL at {args.pg_url} ({exc})")
        return 0
    print("-- two webhook workers on PostgreSQL + Redis, one killed with SIGKILL --")
    print("\n".join(report.lines()), flush=True)
    return 0 if report.ok() else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
