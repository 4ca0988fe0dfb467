"""Monitoring campaigns (domain/campaigns) at a region's scale.

A region of N generated teachers (default 30 000; 20 municipalities, 600 schools, 60 % with a
completed self-diagnosis today). Measured:

* **queueing**: an admin's self-diagnosis campaign for the whole region created and opened —
  the audience materialised (one ``INSERT … SELECT`` through the shared audience query,
  ``storage/audience.py``, with the diagnoses already taken in the window joined in one grouped
  pass) and every invitation recorded in the outbox (one ``INSERT … SELECT``). Bar: 10 s.
* **completion view**: the region's share done and its units (a diagnosis inside the window
  counts), as the coordinator's screen asks it, median of 5. Bar: < 300 ms.
* **idle tick**: the campaigns job with nothing due (it must not redo any work).

    .venv/bin/python -m benchmarks.bench_campaigns                    # SQLite
    .venv/bin/python -m benchmarks.bench_campaigns --quick            # seconds
    TEST_DATABASE_URL=postgresql+asyncpg://postgres@127.0.0.1:5432/test \\
        .venv/bin/python -m benchmarks.bench_campaigns                # PostgreSQL too

PostgreSQL is used (a scratch schema) when BENCH_DATABASE_URL, TEST_DATABASE_URL or a
PostgreSQL DATABASE_URL is set; SQLite in a temporary file always.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, literal, select, update
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.bench_broadcast import region
from benchmarks.bench_outbox import DEFAULT_PG, database
from domain import campaigns as camp
from domain.access import Actor
from domain.broadcasts import QuietHours
from domain.clock import FrozenClock
from storage.campaigns.models import CampaignParticipantRow
from storage.db import session_factory
from storage.diagnosis.models import DiagAttemptRow
from storage.models import OutboxRow, PersonRow, RoleGrantRow
from storage.uow import SqlUnitOfWork

TZ = ZoneInfo("Europe/Moscow")
QUEUE_BAR_S = 10.0  # «in seconds»
VIEW_BAR_MS = 300.0


def pg_url() -> str | None:
    for name in ("BENCH_DATABASE_URL", "TEST_DATABASE_URL", "DATABASE_URL"):
        url = os.environ.get(name, "")
        if url.startswith("postgresql"):
            return url
    return None


async def run(engine: AsyncEngine, backend: str, teachers: int, quick: bool = False) -> bool:
    """One campaign over a generated region; False when a count is wrong or (not in a quick
    run, whose tiny figures on a busy machine measure nothing) a speed bar is missed."""
    sessions = session_factory(engine)
    await region(sessions, teachers)
    now = datetime.now(UTC) + timedelta(minutes=1)  # the generated attempts: inside the window
    clock = FrozenClock(now)
    async with sessions() as s:  # every generated person is a teacher of their school
        from sqlalchemy import insert

        await s.execute(insert(RoleGrantRow).from_select(
            ["person_id", "role", "org_id", "created_at"],
            select(PersonRow.id, literal("teacher"), PersonRow.school_id,
                   literal(now, RoleGrantRow.created_at.type))))
        # the generated diagnoses were taken two days ago (before the window) …
        await s.execute(update(DiagAttemptRow).values(completed_at=now - timedelta(days=2)))
        await s.commit()
        first = int(await s.scalar(select(func.min(PersonRow.id))) or 0)
    admin = Actor(first, (), is_config_admin=True)  # ADMIN_IDS: no grant needed
    draft = camp.Draft(kind=camp.CampaignKind.DIAGNOSIS, survey_id=None, org_id=None,
                       starts_on=now.astimezone(TZ).date(), days=14, anonymous=False,
                       title="Входная диагностика")
    quiet = QuietHours(tz=TZ)
    started = time.perf_counter()
    async with sessions() as s:
        uow = SqlUnitOfWork(s, clock)
        c = await camp.create(uow, admin, draft, quiet, TZ, now)
        await uow.commit()
    queued_s = time.perf_counter() - started
    async with sessions() as s:
        invited = int(await s.scalar(select(func.count()).select_from(OutboxRow).where(
            OutboxRow.key == camp.INVITE_KEY)) or 0)
        participants = int(await s.scalar(select(func.count()).select_from(
            CampaignParticipantRow)) or 0)
    async with sessions() as s:  # … and taken again inside it by the same 60 % (what the
        # reaction to DiagnosisCompleted records, in bulk)
        await s.execute(update(DiagAttemptRow).values(completed_at=now))
        await s.execute(update(CampaignParticipantRow).where(
            CampaignParticipantRow.person_id.in_(select(DiagAttemptRow.person_id)))
            .values(done_at=now))
        await s.commit()
    times = []
    figures = None
    for _ in range(5):
        started = time.perf_counter()
        async with sessions() as s:
            _, figures = await camp.completion(SqlUnitOfWork(s, clock), admin, c.id, None)
        times.append((time.perf_counter() - started) * 1000)
    view_ms = statistics.median(times)
    started = time.perf_counter()
    async with sessions() as s:
        uow = SqlUnitOfWork(s, clock)
        report = await camp.tick(uow, quiet, TZ, now)
        await uow.commit()
    tick_ms = (time.perf_counter() - started) * 1000
    assert figures is not None
    ok = (invited == participants == teachers and figures.total == teachers
          and 0 < figures.done < teachers and not any(report.values())
          and (quick or (queued_s < QUEUE_BAR_S and view_ms < VIEW_BAR_MS)))
    print(f"-- {backend}: a campaign for {teachers} teachers --")
    print(f"created and opened (participants + invitations, one INSERT … SELECT each): "
          f"{queued_s:.2f} s for {invited} invitations (bar < {QUEUE_BAR_S:.0f} s)")
    print(f"completion view of the region ({len(figures.units)} municipalities, "
          f"{figures.done} of {figures.total} done): {view_ms:.1f} ms median "
          f"(bar < {VIEW_BAR_MS:.0f} ms)")
    print(f"idle tick: {tick_ms:.1f} ms, {report}")
    print("OK" if ok else "FAILED", flush=True)
    return ok


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_campaigns",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--teachers", type=int, default=30_000)
    p.add_argument("--quick", action="store_true", help="small figures, seconds")
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both", "auto"),
                   default="auto")
    args = p.parse_args(argv)
    if args.quick:
        args.teachers = 1500
    pg = pg_url()
    if args.backend == "auto":
        backends = ["sqlite", "postgresql"] if pg else ["sqlite"]
    else:
        backends = ["sqlite", "postgresql"] if args.backend == "both" else [args.backend]
    ok = True
    for backend in backends:
        async with database(backend, pg or DEFAULT_PG) as (engine, _url, _schema):
            ok = await run(engine, backend, args.teachers, args.quick) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
