"""The outbox sender (bot/outbox.py) as separate processes against a fake Bot API over HTTP
(benchmarks/fake_bot_api.py):

* **crash**: N notices; the sender process is killed with SIGKILL K times at random moments
  (often in the middle of a request) and restarted each time. Afterwards every notice must be
  delivered or ``unknown`` (lost = 0), unknown ≤ K, duplicates = 0, each chat in order.
* **rate**: two sender processes share one configured rate against an API that answers
  ``429 Too Many Requests`` above that rate: the combined rate must stay ≤ the configured one,
  with no 429.

    .venv/bin/python -m benchmarks.bench_outbox                       # SQLite, ~1 min
    .venv/bin/python -m benchmarks.bench_outbox --quick               # a few seconds
    .venv/bin/python -m benchmarks.bench_outbox --notices 1000 --kills 10 --rate-notices 500
    BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/scratch \\
        .venv/bin/python -m benchmarks.bench_outbox --backend both    # PostgreSQL too

On PostgreSQL the runs use a throwaway schema (dropped afterwards).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import queue
import random
import re
import shlex
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.fake_bot_api import FakeBotAPI
from bot.outbox import concurrency_for
from domain.clock import SYSTEM_CLOCK
from domain.entities import Notification
from domain.enums import Channel
from domain.outbox import notify
from storage.db import create_engine, session_factory
from storage.models import OutboxRow
from storage.uow import SqlUnitOfWork

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
NUMBER = re.compile(r"n(\d+)")
FIRST_CHAT = 8_100_000


# ---- set-up ---------------------------------------------------------------------------------


async def seed(sessions: async_sessionmaker[AsyncSession], notices: int, per_chat: int) -> None:
    """``notices`` messages "n0", "n1", … over notices / per_chat chats, interleaved."""
    now = datetime.now(UTC)
    chats = max(1, notices // per_chat)
    async with sessions() as session:
        uow = SqlUnitOfWork(session, SYSTEM_CLOCK)
        people = [
            (await uow.people.create(Channel.TELEGRAM, str(FIRST_CHAT + n), now)).id
            for n in range(chats)
        ]
        for i in range(notices):
            await notify(uow, Notification(people[i % chats], "ask-current", {"value": f"n{i}"}),
                         now)
        await uow.commit()


class Spawner:
    """Sender processes: ``python -m benchmarks.outbox_worker --spawner`` loads once and forks
    a sender for each :meth:`spawn`, so a restart after a kill takes milliseconds, not the
    seconds of Python imports. Plain threads and pipes, so one spawner serves several event
    loops (a pytest fixture for several tests)."""

    def __init__(self) -> None:
        self.proc: subprocess.Popen[bytes] | None = None
        self.pids: list[int] = []
        self.sent: dict[int, int] = {}
        self._lines: queue.Queue[bytes] = queue.Queue()

    def start(self) -> Spawner:
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "benchmarks.outbox_worker", "--spawner"], cwd=ROOT,
            stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        threading.Thread(target=self._read, daemon=True).start()
        line = self._lines.get(timeout=180)
        if line != b"ready":
            raise RuntimeError(f"the sender process did not start: {line!r}")
        return self

    def _read(self) -> None:
        assert self.proc is not None and self.proc.stdout is not None
        for raw in self.proc.stdout:
            line = raw.strip()
            if found := re.fullmatch(rb"sent (\d+) by (\d+)", line):
                self.sent[int(found.group(2))] = int(found.group(1))
            else:
                self._lines.put(line)
        self._lines.put(b"")  # the spawner ended

    async def spawn(self, db: str, api: str, schema: str | None, **options: float) -> int:
        """A new sender process with these options (see benchmarks/outbox_worker.py)."""
        assert self.proc is not None and self.proc.stdin is not None
        args = ["--db", db, "--api", api] + (["--schema", schema] if schema else [])
        for name, value in options.items():
            args += [f"--{name.replace('_', '-')}", str(value)]
        self.proc.stdin.write(f"spawn {shlex.join(args)}\n".encode())
        self.proc.stdin.flush()
        deadline = time.monotonic() + 30
        while True:
            try:
                line = self._lines.get_nowait()
                break
            except queue.Empty:
                if time.monotonic() > deadline:
                    raise TimeoutError("the spawner did not answer") from None
                await asyncio.sleep(0.001)
        pid = int(line.removeprefix(b"pid "))
        self.pids.append(pid)
        return pid

    def kill(self, pid: int) -> None:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)

    async def stop(self, pid: int) -> int:
        """SIGTERM; how many messages the sender says it sent."""
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + 30
        while pid not in self.sent and time.monotonic() < deadline:
            await asyncio.sleep(0.02)
        return self.sent.get(pid, -1)

    def kill_all(self) -> None:
        for pid in self.pids:
            self.kill(pid)
        self.pids.clear()

    def close(self) -> None:
        self.kill_all()
        if self.proc is not None:
            self.proc.kill()
            self.proc.wait()


@contextlib.contextmanager
def spawner_for_run(spawner: Spawner | None) -> Iterator[Spawner]:
    """The given spawner (its senders killed afterwards), or a new one for this run only."""
    if spawner is not None:
        try:
            yield spawner
        finally:
            spawner.kill_all()
        return
    own = Spawner().start()
    try:
        yield own
    finally:
        own.close()


async def statuses(sessions: async_sessionmaker[AsyncSession]) -> dict[str, int]:
    async with sessions() as s:
        rows = await s.execute(select(OutboxRow.status, func.count()).group_by(OutboxRow.status))
        return {status: n for status, n in rows.all()}


async def wait_until_done(sessions: async_sessionmaker[AsyncSession], timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        counts = await statuses(sessions)
        if not counts.get("pending") and not counts.get("sending"):
            return
        await asyncio.sleep(0.1)
    raise TimeoutError(f"the outbox did not drain in {timeout} s: {await statuses(sessions)}")


# ---- the crash run --------------------------------------------------------------------------


@dataclass
class CrashReport:
    notices: int
    kills: int
    sent: int  # rows marked sent
    unknown: int  # rows marked unknown
    unknown_arrived: int  # of those, how many the API did receive
    lost: int  # rows neither sent nor unknown (must be 0)
    received: int  # sendMessage calls the API accepted
    duplicates: int
    out_of_order: int  # chats whose messages arrived out of order
    sent_not_received: int  # rows marked sent that the API never saw (must be 0)
    seconds: float

    def ok(self) -> bool:
        return (self.lost == 0 and self.duplicates == 0 and self.unknown <= self.kills
                and self.sent + self.unknown == self.notices and self.out_of_order == 0
                and self.sent_not_received == 0)

    def lines(self) -> list[str]:
        return [
            f"notices {self.notices}, kills {self.kills}, {self.seconds:.1f} s",
            (f"delivered (sent) {self.sent} + unknown {self.unknown} = "
             f"{self.sent + self.unknown}; lost {self.lost}"),
            (f"unknown that did arrive: {self.unknown_arrived} of {self.unknown} "
             f"(the rest were killed before the request left)"),
            (f"requests received {self.received}, duplicates {self.duplicates}, chats out of "
             f"order {self.out_of_order}, marked sent but never received "
             f"{self.sent_not_received}"),
            "OK" if self.ok() else "FAILED",
        ]


async def crash_run(engine: AsyncEngine, url: str, schema: str | None, notices: int, kills: int,
                    *, per_chat: int = 4, rate: float = 300.0, seed_value: int = 1,
                    spawner: Spawner | None = None) -> CrashReport:
    rng = random.Random(seed_value)
    sessions = session_factory(engine)
    await seed(sessions, notices, per_chat)
    api = FakeBotAPI(latency=0.004)
    await api.start()
    options = {"rate": rate, "per_chat": 0.01, "batch": 50, "claim_lease": 1.0,
               "in_flight_lease": 1.0}
    # kill points spread over the run, at a random moment after each
    marks = sorted(rng.sample(range(notices // 20, notices * 9 // 10), kills))
    started = time.monotonic()
    try:
        with spawner_for_run(spawner) as senders:
            pid = await senders.spawn(url, api.url, schema, **options)
            for mark in marks:
                deadline = time.monotonic() + 60
                while len(api.received) < mark:
                    if time.monotonic() > deadline:
                        raise TimeoutError(f"no progress past {len(api.received)} of {mark}")
                    await asyncio.sleep(0.001)
                await asyncio.sleep(rng.uniform(0, 0.01))
                senders.kill(pid)
                pid = await senders.spawn(url, api.url, schema, **options)  # the restart
            await wait_until_done(sessions, timeout=120)
    finally:
        await api.stop()
    seconds = time.monotonic() - started

    async with sessions() as s:
        rows = (await s.execute(select(OutboxRow.params, OutboxRow.status))).all()
    status_of = {row.params["value"]: row.status for row in rows}
    texts = api.texts()
    got = [f"n{NUMBER.search(t).group(1)}" for t in texts]  # type: ignore[union-attr]
    by_chat: dict[int, list[int]] = defaultdict(list)
    for r, value in zip(api.received, got, strict=True):
        by_chat[r.chat_id].append(int(value[1:]))
    unknown = [v for v, st in status_of.items() if st == "unknown"]
    sent = [v for v, st in status_of.items() if st == "sent"]
    return CrashReport(
        notices=notices, kills=kills, sent=len(sent), unknown=len(unknown),
        unknown_arrived=len(set(unknown) & set(got)),
        lost=notices - len(sent) - len(unknown),
        received=len(got), duplicates=len(got) - len(set(got)),
        out_of_order=sum(1 for seq in by_chat.values() if seq != sorted(seq)),
        sent_not_received=len(set(sent) - set(got)), seconds=seconds,
    )


# ---- the rate run ---------------------------------------------------------------------------


@dataclass
class RateReport:
    notices: int
    processes: int
    configured: float
    achieved: float
    busiest_second: int
    refused: int  # 429 answers
    per_process: list[int]

    @property
    def ratio(self) -> float:
        return self.achieved / self.configured

    def lines(self) -> list[str]:
        return [
            (f"{self.processes} sender processes, {self.notices} notices to "
             f"{self.notices} chats, configured {self.configured:g}/s"),
            (f"achieved {self.achieved:.2f}/s combined (ratio {self.ratio:.3f}); busiest "
             f"second {self.busiest_second} messages; 429 answers {self.refused}; sent per "
             f"process {self.per_process}"),
            (f"issue 14's bar (≥ 95 % of the rate, ≤ the rate, no 429): "
             f"{'met' if self.bar_met() else 'missed'}"),
        ]

    def bar_met(self) -> bool:
        return self.refused == 0 and 0.95 <= self.ratio and self.busiest_second <= self.configured


async def rate_run(engine: AsyncEngine, url: str, schema: str | None, notices: int,
                   rate: float, processes: int = 2, spawner: Spawner | None = None,
                   latency: float = 0.0, concurrency: int = 1) -> RateReport:
    """``latency``: the fake API answers after it (Telegram's round trip); ``concurrency``:
    messages in flight per sender (the app uses bot.outbox.concurrency_for(rate))."""
    sessions = session_factory(engine)
    await seed(sessions, notices, per_chat=1)
    if engine.dialect.name == "postgresql":  # as after queueing a broadcast (fresh statistics)
        from sqlalchemy import text

        async with engine.begin() as conn:
            await conn.execute(text("ANALYZE outbox"))
    api = FakeBotAPI(rate=rate, burst=max(2.0, rate / 5), latency=latency)
    await api.start()
    try:
        with spawner_for_run(spawner) as senders:
            pids = [await senders.spawn(url, api.url, schema, rate=rate, batch=10,
                                        concurrency=concurrency)
                    for _ in range(processes)]
            await wait_until_done(sessions, timeout=notices / rate * 3 + 60)
            per_process = [await senders.stop(pid) for pid in pids]
    finally:
        await api.stop()
    return RateReport(notices, processes, rate, api.rate_achieved(), api.busiest_second(),
                      api.refused, per_process)


# ---- databases ------------------------------------------------------------------------------


@contextlib.asynccontextmanager
async def database(backend: str, pg_url: str
                   ) -> AsyncIterator[tuple[AsyncEngine, str, str | None]]:
    """(engine, url, schema) of a fresh migrated database, removed afterwards."""
    if backend == "sqlite":
        from storage.migrate import upgrade

        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'outbox.sqlite'}"
            await upgrade(url)
            engine = create_engine(url)
            try:
                yield engine, url, None
            finally:
                await engine.dispose()
        return
    from benchmarks.pg import drop_schema, scratch_schema

    engine, schema = await scratch_schema(pg_url)
    try:
        yield engine, pg_url, schema
    finally:
        await engine.dispose()
        await drop_schema(pg_url, schema)


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_outbox",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--notices", type=int, default=1000)
    p.add_argument("--kills", type=int, default=10)
    p.add_argument("--rate-notices", type=int, default=500)
    p.add_argument("--rate", type=float, default=25.0)
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    p.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    p.add_argument("--latency", type=float, default=0.1,
                   help="the fake API's answer time in the rate run, s (Telegram's round trip)")
    p.add_argument("--quick", action="store_true", help="small figures, a few seconds")
    args = p.parse_args(argv)
    if args.quick:
        args.notices, args.kills, args.rate_notices = 100, 2, 40
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = True
    spawner = Spawner().start()
    try:
        ok = await _runs(args, backends, spawner)
    finally:
        spawner.close()
    return 0 if ok else 1


async def _runs(args: argparse.Namespace, backends: list[str], spawner: Spawner) -> bool:
    ok = True
    for backend in backends:
        async with database(backend, args.pg_url) as (engine, url, schema):
            report = await crash_run(engine, url, schema, args.notices, args.kills,
                                     spawner=spawner)
        print(f"-- {backend}: killed with SIGKILL during delivery --")
        print("\n".join(report.lines()), flush=True)
        ok = ok and report.ok()
        async with database(backend, args.pg_url) as (engine, url, schema):
            rates = await rate_run(engine, url, schema, args.rate_notices, args.rate,
                                   spawner=spawner, latency=args.latency,
                                   concurrency=concurrency_for(args.rate))
        print(f"-- {backend}: two processes, one rate, the API answering after "
              f"{args.latency * 1000:.0f} ms, {concurrency_for(args.rate)} in flight each --")
        print("\n".join(rates.lines()), flush=True)
        ok = ok and rates.refused == 0 and rates.ratio <= 1.05
    return ok


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
