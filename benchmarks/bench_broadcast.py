"""Broadcasts (domain/broadcasts) at a region's scale.

* **delivery**: a broadcast to N recipients (default 10 000) through the outbox sender as a
  separate process (benchmarks/outbox_worker.py) against the fake Bot API on loopback that
  answers ``429`` with ``retry_after`` above 30 messages/s. The sender is configured at the
  default 25/s. Bars: sustained rate ≥ 95 % of the configured one, 0 × 429, 0 duplicates,
  0 lost. Then the same with the sender killed (SIGKILL) twice mid-way and restarted: nothing
  lost, nothing twice (a message in flight at a kill may be ``unknown``: never resent).
* **audience**: a region of 30 000 generated teachers (20 municipalities, 600 schools,
  positions, subjects, categories, self-diagnosis deficits); the exact count of a broadcast's
  audience with three filters (a municipality's subtree, a subject, a deficit group), and
  recording the outbox rows of that audience, in milliseconds.

    .venv/bin/python -m benchmarks.bench_broadcast                    # SQLite, ~15 min
    .venv/bin/python -m benchmarks.bench_broadcast --quick            # seconds
    .venv/bin/python -m benchmarks.bench_broadcast --part audience --backend postgresql
    BENCH_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/scratch \\
        .venv/bin/python -m benchmarks.bench_broadcast --backend both
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections import Counter
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker

from benchmarks.bench_outbox import DEFAULT_PG, Spawner, database, spawner_for_run
from benchmarks.fake_bot_api import FakeBotAPI
from domain import broadcasts as bc
from domain.clock import SYSTEM_CLOCK
from domain.enums import Category, OrgKind, Position, Subject
from storage.broadcasts.models import BroadcastRow
from storage.broadcasts.repo import SqlBroadcasts
from storage.db import session_factory
from storage.models import OrgRow, OutboxRow, PersonRow
from storage.uow import SqlUnitOfWork

FIRST_CHAT = 7_100_000
TELEGRAM_LIMIT = 30.0  # the fake API refuses above this


# ---- a generated region -----------------------------------------------------------------------


async def region(sessions: async_sessionmaker[AsyncSession], teachers: int,
                 municipalities: int = 20, schools: int = 30, diagnosed: float = 0.6,
                 seed_value: int = 7) -> dict[str, list[int]]:
    """Orgs and ``teachers`` consented, onboarded people; deficits for a share of them."""
    from storage.diagnosis_models import DiagAttemptRow, DiagDeficitRow, DiagInstrumentRow

    rng = random.Random(seed_value)
    now = datetime.now(UTC)
    ids: dict[str, list[int]] = {"municipalities": [], "schools": []}
    async with sessions() as s:
        uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
        reg, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
        school_of: list[tuple[int, int]] = []
        for m in range(municipalities):
            mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, f"Округ {m}", reg)
            ids["municipalities"].append(mun.id)
            for n in range(schools):
                sch, _ = await uow.orgs.ensure(OrgKind.SCHOOL, f"Школа {m}-{n}", mun)
                ids["schools"].append(sch.id)
                school_of.append((sch.id, mun.id))
        inst = DiagInstrumentRow(code="b", version="1", title="b", checksum="0" * 64,
                                 content={}, source="", is_active=True, created_at=now)
        s.add(inst)
        await s.commit()
        instrument = inst.id
    positions = [p.value for p in Position]
    subjects = [x.value for x in Subject if x is not Subject.NONE]
    categories = [c.value for c in Category]
    groups = list(bc.COMPETENCE_GROUPS)
    chunk = 2000
    made = 0
    while made < teachers:
        n = min(chunk, teachers - made)
        rows = []
        for i in range(made, made + n):
            school, mun = rng.choice(school_of)
            rows.append({
                "channel": "telegram", "external_id": str(FIRST_CHAT + i), "consented_at": now,
                "consent_version": 1, "profile_completed_at": now, "full_name": f"Учитель{i} Имя{i} Отч",
                "school_id": school, "municipality_id": mun, "position": rng.choice(positions),
                "subjects": rng.sample(subjects, rng.choice((1, 1, 2))),
                "experience_years": rng.randint(0, 40), "category": rng.choice(categories),
                "statuses": [], "locale": "ru", "created_at": now,
            })
        async with sessions() as s:
            await s.execute(insert(PersonRow), rows)
            first = await s.scalar(select(func.min(PersonRow.id)).where(
                PersonRow.external_id == str(FIRST_CHAT + made)))
            people = list(range(int(first), int(first) + n))  # ids are sequential in a batch
            attempts = [{"person_id": p, "instrument_id": instrument, "status": "completed",
                         "position": 0, "answers": {}, "started_at": now, "updated_at": now,
                         "completed_at": now} for p in people if rng.random() < diagnosed]
            if attempts:
                await s.execute(insert(DiagAttemptRow), attempts)
                done = (await s.execute(select(DiagAttemptRow.id, DiagAttemptRow.person_id)
                                        .where(DiagAttemptRow.person_id.in_(people)))).all()
                deficits = []
                for attempt_id, person_id in done:
                    for rank, g in enumerate(rng.sample(groups, rng.randint(0, 2)), 1):
                        deficits.append({"attempt_id": attempt_id, "person_id": person_id,
                                         "group_code": g, "indicator_code": f"{g}_1",
                                         "title": "t", "percent": 40.0, "rank": rank})
                if deficits:
                    await s.execute(insert(DiagDeficitRow), deficits)
            await s.commit()
        made += n
    return ids


# ---- the audience -------------------------------------------------------------------------------


@dataclass
class AudienceReport:
    backend: str
    teachers: int
    matched: int
    count_ms: float  # median of the runs
    enqueue_ms: float
    rows: int

    def lines(self) -> list[str]:
        return [
            (f"{self.teachers} teachers; three filters (a municipality's subtree, subject "
             f"math, a methodological or subject deficit): {self.matched} match"),
            (f"exact count (matched / opted out / blocked): {self.count_ms:.1f} ms (median); "
             f"recording {self.rows} outbox rows: {self.enqueue_ms:.1f} ms"),
        ]


async def audience_run(engine: AsyncEngine, backend: str, teachers: int, runs: int = 5
                       ) -> AudienceReport:
    sessions = session_factory(engine)
    ids = await region(sessions, teachers)
    audience = bc.Audience(orgs=(ids["municipalities"][0],), subjects=("math",),
                           deficits=("methodological", "subject"))
    times = []
    count = None
    for _ in range(runs):
        async with sessions() as s:
            started = time.perf_counter()
            count = await SqlBroadcasts(s).count(audience, bc.Kind.REGION)
            times.append((time.perf_counter() - started) * 1000)
    assert count is not None
    now = datetime.now(UTC)
    async with sessions() as s:
        repo = SqlBroadcasts(s)
        b = await repo.add(bc.Broadcast(0, None, bc.Kind.REGION, bc.BroadcastStatus.DRAFT,
                                        bc.Content("x"), audience), now)
        started = time.perf_counter()
        rows = await repo.enqueue(b, now, bc.BROADCAST_PRIORITY, now)
        enqueue_ms = (time.perf_counter() - started) * 1000
        await s.commit()
    assert rows == count.recipients, (rows, count)
    return AudienceReport(backend, teachers, count.matched, statistics.median(times),
                          enqueue_ms, rows)


# ---- delivery -----------------------------------------------------------------------------------


@dataclass
class DeliveryReport:
    recipients: int
    kills: int
    senders: int
    configured: float
    achieved: float
    refused: int
    received: int
    duplicates: int
    sent: int
    unknown: int
    lost: int
    seconds: float

    def ok(self, rate_bar: bool = True) -> bool:
        """The bars; the rate bar needs a run long enough that start-up and the leases of a
        killed sender (seconds) are small beside it (``--quick`` checks the rest only)."""
        rate_ok = self.achieved >= 0.95 * self.configured or not rate_bar
        return (self.refused == 0 and self.duplicates == 0 and self.lost == 0
                and self.unknown <= self.kills and rate_ok)

    def lines(self) -> list[str]:
        return [
            (f"{self.recipients} recipients, {self.senders} sender process(es), one killed "
             f"{self.kills}×, configured "
             f"{self.configured:g}/s, API refuses above {TELEGRAM_LIMIT:g}/s; {self.seconds:.0f} s"),
            (f"sustained {self.achieved:.2f}/s ({self.achieved / self.configured:.1%} of the "
             f"limit); 429 answers {self.refused}; received {self.received}, duplicates "
             f"{self.duplicates}; sent {self.sent} + unknown {self.unknown}; lost {self.lost}"),
        ]


async def start_broadcast(sessions: async_sessionmaker[AsyncSession], recipients: int) -> int:
    """``recipients`` people and a started broadcast to all of them."""
    now = datetime.now(UTC)
    async with sessions() as s:
        uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
        reg, _ = await uow.orgs.ensure(OrgKind.REGION, "Область", None)
        mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, "Округ", reg)
        sch, _ = await uow.orgs.ensure(OrgKind.SCHOOL, "Школа", mun)
        await s.execute(insert(PersonRow), [
            {"channel": "telegram", "external_id": str(FIRST_CHAT + i), "consented_at": now,
             "profile_completed_at": now, "full_name": f"Фамилия Имя{i}", "school_id": sch.id,
             "municipality_id": mun.id, "subjects": [], "statuses": [], "created_at": now}
            for i in range(recipients)])
        repo = SqlBroadcasts(s)
        b = await repo.add(bc.Broadcast(
            0, None, bc.Kind.REGION, bc.BroadcastStatus.RUNNING,
            bc.Content("<b>Новости</b>, {имя}!"), bc.Audience(orgs=(reg.id,))), now)
        total = await repo.enqueue(b, now - timedelta(seconds=1), bc.BROADCAST_PRIORITY, now)
        await s.commit()
    assert total == recipients, total
    return b.id


async def delivery_run(engine: AsyncEngine, url: str, schema: str | None, recipients: int,
                       kills: int, rate: float = 25.0, spawner: Spawner | None = None,
                       seed_value: int = 3, senders_count: int = 1) -> DeliveryReport:
    """``senders_count`` sender processes share the one configured rate (as several bot
    processes do); a kill stops the first one, which is restarted."""
    rng = random.Random(seed_value)
    sessions = session_factory(engine)
    broadcast_id = await start_broadcast(sessions, recipients)
    api = FakeBotAPI(rate=TELEGRAM_LIMIT, burst=2.0, latency=0.004)
    await api.start()
    options = {"rate": rate, "batch": 50, "claim_lease": 2.0, "in_flight_lease": 2.0}
    marks = sorted(rng.sample(range(recipients // 5, recipients * 4 // 5), kills))
    started = time.monotonic()
    try:
        with spawner_for_run(spawner) as senders:
            pid = await senders.spawn(url, api.url, schema, **options)
            for _ in range(senders_count - 1):
                await senders.spawn(url, api.url, schema, **options)
            for mark in marks:
                while len(api.received) < mark:
                    await asyncio.sleep(0.005)
                await asyncio.sleep(rng.uniform(0, 0.03))
                senders.kill(pid)
                pid = await senders.spawn(url, api.url, schema, **options)
            deadline = time.monotonic() + recipients / rate * 2 + 120
            while True:
                async with sessions() as s:
                    left = await s.scalar(select(func.count()).select_from(OutboxRow).where(
                        OutboxRow.broadcast_id == broadcast_id,
                        OutboxRow.status.in_(["pending", "sending"])))
                if not left:
                    break
                if time.monotonic() > deadline:
                    raise TimeoutError(f"{left} messages still queued")
                await asyncio.sleep(0.2)
    finally:
        await api.stop()
    seconds = time.monotonic() - started
    async with sessions() as s:
        by = dict((await s.execute(select(OutboxRow.status, func.count()).where(
            OutboxRow.broadcast_id == broadcast_id).group_by(OutboxRow.status))).all())
    chats = Counter(r.chat_id for r in api.received)
    sent, unknown = by.get("sent", 0), by.get("unknown", 0)
    return DeliveryReport(
        recipients=recipients, kills=kills, senders=senders_count, configured=rate, achieved=api.rate_achieved(),
        refused=api.refused, received=len(api.received),
        duplicates=sum(n - 1 for n in chats.values() if n > 1), sent=sent, unknown=unknown,
        lost=recipients - sent - unknown, seconds=seconds,
    )


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_broadcast",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--recipients", type=int, default=10_000)
    p.add_argument("--kills", type=int, default=2)
    p.add_argument("--runs", choices=("clean", "killed", "both"), default="both",
                   help="the run without kills, the one with --kills kills, or both")
    p.add_argument("--senders", type=int, default=1,
                   help="sender processes sharing the rate (several bot processes)")
    p.add_argument("--rate", type=float, default=25.0)
    p.add_argument("--teachers", type=int, default=30_000)
    p.add_argument("--part", choices=("delivery", "audience", "both"), default="both")
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    p.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    p.add_argument("--quick", action="store_true", help="small figures, seconds")
    args = p.parse_args(argv)
    if args.quick:
        args.recipients, args.teachers = 120, 2000
    backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = True
    for backend in backends:
        if args.part in ("audience", "both"):
            async with database(backend, args.pg_url) as (engine, _url, _schema):
                report = await audience_run(engine, backend, args.teachers)
            print(f"-- {backend}: the audience of a region --")
            print("\n".join(report.lines()), flush=True)
        if args.part in ("delivery", "both"):
            spawner = Spawner().start()
            try:
                runs = {"clean": (0,), "killed": (args.kills,), "both": (0, args.kills)}
                for kills in runs[args.runs]:
                    async with database(backend, args.pg_url) as (engine, url, schema):
                        d = await delivery_run(engine, url, schema, args.recipients, kills,
                                               args.rate, spawner,
                                               senders_count=args.senders)
                    print(f"-- {backend}: a broadcast through the fake Bot API --")
                    passed = d.ok(rate_bar=not args.quick)
                    print("\n".join(d.lines()), "OK" if passed else "FAILED", sep="\n",
                          flush=True)
                    ok = ok and passed
            finally:
                spawner.close()
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main()))
