"""Benchmark: N teachers register at once for an event with fewer seats.

Each registration is one real unit of work (its own session and transaction) running the
domain service ``domain.events.register``, all started concurrently. Reported: registrations
per second, latency percentiles, and the checks that matter:

* exactly ``seats`` registrations are confirmed (no overselling), the rest are waitlisted;
* arrival numbers are 1..N without gaps or repeats;
* the waitlist order equals the arrival order. A registration "arrives" when it reaches the
  seat allocation, i.e. when its transaction is granted the event lock (recorded in the
  client coroutine right then: the next one can only be granted after this one commits, so
  the record order is causal). The arrival numbers stored in the database must follow it,
  the first ``seats`` arrivals hold the seats, and the reported waitlist positions are
  1..N-seats. The order in which clients saw their commits is also compared, for
  information: on SQLite a thread may post its commit a moment late, so a neighbour pair can
  swap there without any change in the database.

Usage::

    python -m benchmarks.bench_registrations                 # SQLite, 500 teachers, 30 seats
    python -m benchmarks.bench_registrations --backend both  # and PostgreSQL
    python -m benchmarks.bench_registrations --teachers 2000 --seats 100 --pg-url URL

On PostgreSQL the benchmark works in a throwaway schema of the database given by ``--pg-url``
(default: BENCH_DATABASE_URL, else ``bench_events`` on 127.0.0.1, created if missing) and
drops it at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import contextvars
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from itertools import pairwise
from multiprocessing import get_context
from pathlib import Path

from sqlalchemy import insert, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.pg import drop_schema, scratch_schema
from domain import events as ev
from domain.access import Actor
from domain.clock import SYSTEM_CLOCK
from domain.entities import RoleGrant
from domain.enums import OrgKind, Role
from storage.db import create_engine, session_factory
from storage.events.models import EventRegistrationRow
from storage.events.repo import SqlEvents
from storage.migrate import upgrade
from storage.people_cache import make_cache
from storage.read_model import make_read_model
from storage.models import PersonRow, RoleGrantRow
from storage.uow import SqlUnitOfWork

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_events"


@dataclass
class Result:
    backend: str
    teachers: int
    seats: int
    seconds: float
    latencies: list[float]
    confirmed: int
    waitlisted: int
    seq_ok: bool
    order_ok: bool
    positions_ok: bool
    errors: int
    commit_inversions: int

    @property
    def ok(self) -> bool:
        return (self.confirmed == self.seats and self.waitlisted == self.teachers - self.seats
                and self.seq_ok and self.order_ok and self.positions_ok and not self.errors)


async def pg_engine(url: str) -> tuple[AsyncEngine, str]:
    """An engine on a fresh, migrated schema (the database is created if missing)."""
    u = make_url(url)
    admin = create_engine(u.set(database="postgres").render_as_string(hide_password=False),
                          isolation_level="AUTOCOMMIT")
    async with admin.connect() as conn:
        exists = await conn.scalar(text("SELECT 1 FROM pg_database WHERE datname = :n"),
                                   {"n": u.database})
        if not exists:
            await conn.execute(text(f'CREATE DATABASE "{u.database}"'))
    await admin.dispose()
    return await scratch_schema(url)


@dataclass(frozen=True)
class Setup:
    event_id: int
    school_id: int
    ids: list[int]
    now: datetime


async def prepare(engine: AsyncEngine, teachers: int, seats: int) -> Setup:
    """N onboarded teachers of one school and an event of theirs with ``seats`` seats."""
    sessions = session_factory(engine)
    now = datetime.now(UTC)
    async with sessions() as s:
        uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Бенчмарк-область", None)
        mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Бенчмарк-округ", region)
        school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Бенчмарк-школа", mun)
        first_id = (await s.scalar(select(PersonRow.id).order_by(PersonRow.id.desc()).limit(1))
                    or 0) + 1
        await s.execute(insert(PersonRow), [
            {"channel": "telegram", "external_id": str(10_000_000 + i), "consented_at": now,
             "profile_completed_at": now, "full_name": f"Учитель {i}", "school_id": school.id,
             "municipality_id": mun.id, "subjects": [], "statuses": [], "created_at": now}
            for i in range(teachers)])
        ids = list((await s.scalars(select(PersonRow.id).where(PersonRow.id >= first_id)
                                    .order_by(PersonRow.id))).all())
        await s.execute(insert(RoleGrantRow), [
            {"person_id": i, "role": Role.TEACHER.value, "org_id": school.id, "created_at": now}
            for i in ids])
        start = now + timedelta(days=7)
        event = await uow.events.add(ev.EventDraft(
            title="Семинар-практикум (бенчмарк)", form=ev.EventForm.SEMINAR,
            level=ev.EventLevel.MUNICIPAL, organiser_id=mun.id, groups=["methodological"],
            sessions=[ev.Session(start, start + timedelta(hours=3))], place="Зал",
            hours=ev.Hours(3, 0, 0), capacity=seats, audience=[mun.id]), None, now)
        await uow.commit()
    return Setup(event.id, school.id, ids, now)


@dataclass(frozen=True)
class Attempt:
    """One teacher's registration as its client saw it (monotonic ns: comparable between
    processes on one machine)."""

    person_id: int
    granted_ns: int  # the event lock granted: the arrival
    started_ns: int
    finished_ns: int  # the client saw its commit; 0 = failed
    position: int | None


async def register_all(engine: AsyncEngine, setup: Setup, ids: list[int], start_at_ns: int,
                       redis_url: str | None = None) -> list[Attempt]:
    """Each teacher's registration as one unit of work, all started together at
    ``start_at_ns`` (the same moment in every process). With ``redis_url`` (or on SQLite) the
    units of work have the person cache and the read model the bot has
    (storage/people_cache.py, storage/read_model.py), warmed as the teachers' earlier taps
    would have: who they are and their orgs come from memory, the seats from the database."""
    sessions = session_factory(engine)
    url = engine.url.render_as_string(hide_password=False)
    people = make_cache(url, redis_url)
    reads = make_read_model(url, redis_url)
    for cache in (people, reads):
        if cache is not None:
            await cache.start()
    if people is not None and reads is not None:
        async with sessions() as session:
            uow = SqlUnitOfWork(session, SYSTEM_CLOCK, people=people, reads=reads)
            for person_id in ids:
                await ev.viewer(uow, person_id)
    who: contextvars.ContextVar[int] = contextvars.ContextVar("who")
    granted: dict[int, int] = {}
    original_lock = SqlEvents.lock

    async def lock(self: SqlEvents, event_id: int) -> ev.Event | None:
        event = await original_lock(self, event_id)
        granted[who.get()] = time.monotonic_ns()  # the next grant follows this one's commit
        return event

    async def one(person_id: int) -> Attempt:
        who.set(person_id)
        actor = Actor(person_id, (RoleGrant(Role.TEACHER, setup.school_id),))
        t0 = time.monotonic_ns()
        try:
            async with sessions() as session:
                uow = SqlUnitOfWork(session, SYSTEM_CLOCK, people=people, reads=reads)
                outcome = await ev.register(uow, actor, setup.event_id, setup.now)
                await uow.commit()
        except Exception as exc:  # noqa: BLE001 - counted and reported
            print(f"  error: {exc!r}"[:200], file=sys.stderr)
            return Attempt(person_id, granted.get(person_id, 0), t0, 0, None)
        return Attempt(person_id, granted[person_id], t0, time.monotonic_ns(), outcome.position)

    await _warm(engine)
    await asyncio.sleep(max(0.0, (start_at_ns - time.monotonic_ns()) / 1e9))
    SqlEvents.lock = lock  # type: ignore[method-assign]
    try:
        return list(await asyncio.gather(*(one(i) for i in ids)))
    finally:
        SqlEvents.lock = original_lock  # type: ignore[method-assign]
        for cache in (people, reads):
            if cache is not None:
                await cache.close()


async def _warm(engine: AsyncEngine, connections: int = 10) -> None:
    """Open the pool's connections first: a running bot has them, a registration does not
    pay for them."""
    async def one() -> None:
        async with engine.connect() as conn:
            await conn.execute(text("SELECT 1"))
    await asyncio.gather(*(one() for _ in range(connections)))


def _worker(url: str, schema: str | None, setup: Setup, ids: list[int], start_at_ns: int,
            redis_url: str | None = None) -> list[Attempt]:
    """A worker process (like one of several webhook workers): its own engine and pool."""
    async def go() -> list[Attempt]:
        args = {"connect_args": {"server_settings": {"search_path": schema}}} if schema else {}
        engine = create_engine(url, **args)
        try:
            return await register_all(engine, setup, ids, start_at_ns, redis_url)
        finally:
            await engine.dispose()
    return asyncio.run(go())


async def run_once(engine: AsyncEngine, backend: str, teachers: int, seats: int,
                   processes: int = 1, url: str = "", schema: str | None = None,
                   redis_url: str | None = None) -> Result:
    setup = await prepare(engine, teachers, seats)
    if processes <= 1:
        attempts = await register_all(engine, setup, setup.ids, time.monotonic_ns(), redis_url)
    else:
        # teachers dealt round-robin; every process starts at the same moment, after start-up
        parts = [setup.ids[k::processes] for k in range(processes)]
        start_at = time.monotonic_ns() + int(4e9)
        loop = asyncio.get_running_loop()
        with ProcessPoolExecutor(processes, mp_context=get_context("spawn")) as pool:
            done = await asyncio.gather(*(loop.run_in_executor(
                pool, _worker, url, schema, setup, part, start_at, redis_url)
                for part in parts))
        attempts = [a for part in done for a in part]
    ok = [a for a in attempts if a.finished_ns]
    errors = len(attempts) - len(ok)
    seconds = ((max(a.finished_ns for a in ok) - min(a.started_ns for a in attempts)) / 1e9
               if ok else 0.0)
    arrived = [a.person_id for a in sorted(ok, key=lambda a: a.granted_ns)]
    finished = [a.person_id for a in sorted(ok, key=lambda a: a.finished_ns)]
    positions_of = {a.person_id: a.position for a in ok}

    sessions = session_factory(engine)
    async with sessions() as s:
        rows = (await s.scalars(select(EventRegistrationRow)
                                .where(EventRegistrationRow.event_id == setup.event_id)
                                .order_by(EventRegistrationRow.seq))).all()
    statuses = [r.status for r in rows]
    by_seq = [r.person_id for r in rows]
    if by_seq != arrived:
        bad = next((i for i, (a, b) in enumerate(zip(by_seq, arrived)) if a != b), 0)
        print(f"  first difference at arrival {bad + 1}: {by_seq[bad:bad + 4]} vs "
              f"{arrived[bad:bad + 4]}", file=sys.stderr)
    rank = {p: n for n, p in enumerate(by_seq)}
    inversions = sum(rank[a] > rank[b] for a, b in pairwise(finished) if a in rank and b in rank)
    positions = [positions_of[p] for p in by_seq[seats:] if p in positions_of]
    label = f"{backend}+redis" if redis_url else backend
    return Result(
        backend=f"{label}, {processes} proc" if processes > 1 else label,
        teachers=teachers, seats=seats, seconds=seconds,
        latencies=[(a.finished_ns - a.started_ns) / 1e9 for a in ok],
        confirmed=statuses.count("confirmed"), waitlisted=statuses.count("waitlisted"),
        seq_ok=[r.seq for r in rows] == list(range(1, len(rows) + 1)) and len(rows) == teachers,
        order_ok=by_seq == arrived and all(s == "confirmed" for s in statuses[:seats]),
        positions_ok=positions == list(range(1, teachers - seats + 1)),
        errors=errors,
        commit_inversions=inversions,
    )


def report(r: Result) -> str:
    lat = sorted(r.latencies) or [0.0]
    p50 = statistics.median(lat) * 1000
    p95 = lat[int(len(lat) * 0.95) - 1 if len(lat) > 1 else 0] * 1000
    return (
        f"{r.backend:<18} {r.teachers:>5} teachers / {r.seats:>4} seats: "
        f"{r.teachers / r.seconds:8.1f} registrations/s ({r.seconds:.2f} s), "
        f"latency p50 {p50:.0f} ms, p95 {p95:.0f} ms | confirmed {r.confirmed}, "
        f"waitlisted {r.waitlisted}, seq {'ok' if r.seq_ok else 'BAD'}, "
        f"waitlist order = arrival order {'ok' if r.order_ok else 'BAD'}, "
        f"positions {'ok' if r.positions_ok else 'BAD'}, errors {r.errors}, "
        f"adjacent swaps in client-seen commit order {r.commit_inversions} "
        f"=> {'PASS' if r.ok else 'FAIL'}"
    )


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--teachers", type=int, default=500)
    p.add_argument("--seats", type=int, default=30)
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    p.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    p.add_argument("--rounds", type=int, default=1)
    p.add_argument("--processes", type=int, default=1,
                   help="worker processes sharing the teachers (like webhook workers)")
    p.add_argument("--redis-url", default=os.environ.get("BENCH_REDIS_URL"),
                   help="PostgreSQL as the bot runs it with Redis: the person cache and the "
                        "read model (without it, every registration reads them)")
    args = p.parse_args(argv)
    results = []
    for _ in range(args.rounds):
        if args.backend in ("sqlite", "both"):
            with tempfile.TemporaryDirectory() as tmp:
                url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite'}"
                await upgrade(url)
                engine = create_engine(url)
                try:
                    results.append(await run_once(engine, "sqlite", args.teachers, args.seats,
                                                  args.processes, url))
                finally:
                    await engine.dispose()
                print(report(results[-1]))
        if args.backend in ("postgresql", "both"):
            engine, schema = await pg_engine(args.pg_url)
            try:
                results.append(await run_once(engine, "postgresql", args.teachers, args.seats,
                                              args.processes, args.pg_url, schema,
                                              args.redis_url))
            finally:
                await engine.dispose()
                await drop_schema(args.pg_url, schema)
            print(report(results[-1]))
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    import logging

    logging.basicConfig(level=logging.WARNING)
    raise SystemExit(asyncio.run(main()))
