"""Benchmark: mentoring over a region of the real size (20 000 teachers by default).

A region of M municipalities × S schools; a tenth of the teachers are young specialists
(half of them paired with a mentor of their school, three meetings each), one teacher in
twenty (and one per school) has the «Педагог-наставник» status. Timed, each in its own unit
of work as a screen or the job would run it:

* ``figures`` — «доля молодых специалистов с наставником» and meetings per unit, for the
  region (a line per municipality) and for one municipality (a line per school);
* the municipal methodist's first page of young specialists without a mentor, and the
  mentor suggestions for one of them;
* the quiet-pairs job over every pair: the first pass records a reminder per pair, the second
  records nothing (checked: idempotent).

Usage::

    python -m benchmarks.bench_mentoring                    # SQLite, 20 000 teachers
    python -m benchmarks.bench_mentoring --teachers 30000 --backend both
    python -m benchmarks.bench_mentoring --quick
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine

from benchmarks.bench_registrations import pg_engine
from benchmarks.pg import drop_schema
from domain import mentoring as mnt
from domain.access import Actor
from domain.clock import SYSTEM_CLOCK
from domain.entities import RoleGrant
from domain.enums import OrgKind, Role, Status
from storage.db import create_engine, session_factory
from storage.mentoring.models import MentoringMeetingRow, MentoringPairRow
from storage.migrate import upgrade
from storage.models import PersonRow, RoleGrantRow
from storage.uow import SqlUnitOfWork

DEFAULT_PG = "postgresql+asyncpg://postgres@127.0.0.1:5432/bench_events"


async def populate(engine: AsyncEngine, teachers: int, municipalities: int,
                   schools: int) -> dict[str, Any]:
    sessions = session_factory(engine)
    now = SYSTEM_CLOCK.now()
    today = now.date()
    async with sessions() as s:
        uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
        region, _ = await uow.orgs.ensure(OrgKind.REGION, "Бенчмарк-область", None)
        school_ids: list[tuple[int, int]] = []
        mun_ids = []
        for m in range(municipalities):
            mun, _ = await uow.orgs.ensure(OrgKind.MUNICIPALITY, f"Округ {m}", region)
            mun_ids.append(mun.id)
            for n in range(schools):
                school, _ = await uow.orgs.ensure(OrgKind.SCHOOL, f"Школа {m}-{n}", mun)
                school_ids.append((school.id, mun.id))
        people = []
        for i in range(teachers):
            school, mun = school_ids[i % len(school_ids)]
            # the first teacher of every school, and one in twenty, is a mentor
            statuses = ([Status.MENTOR.value] if i < len(school_ids) or i % 20 == 1 else
                        [Status.YOUNG_SPECIALIST.value] if i % 10 == 0 else [])
            people.append({
                "channel": "telegram", "external_id": str(20_000_000 + i), "consented_at": now,
                "profile_completed_at": now, "full_name": f"Учитель {i:06d}",
                "school_id": school, "municipality_id": mun,
                "subjects": ["math" if i % 3 else "history"], "statuses": statuses,
                "created_at": now})
        for chunk in range(0, len(people), 5000):
            await s.execute(insert(PersonRow), people[chunk:chunk + 5000])
        rows = (await s.execute(select(PersonRow.id, PersonRow.school_id, PersonRow.statuses)
                                .order_by(PersonRow.id))).all()
        await s.execute(insert(RoleGrantRow), [
            {"person_id": pid, "role": Role.TEACHER.value, "org_id": school, "created_at": now}
            for pid, school, _ in rows])
        mentors: dict[int, int] = {}
        for pid, school, statuses in rows:
            if Status.MENTOR.value in statuses:
                mentors.setdefault(school, pid)
        young = [(pid, school) for pid, school, statuses in rows
                 if Status.YOUNG_SPECIALIST.value in statuses]
        paired = [(pid, school) for n, (pid, school) in enumerate(young)
                  if n % 2 == 0 and school in mentors]
        start = today - timedelta(weeks=10)
        await s.execute(insert(MentoringPairRow), [
            {"mentee_id": pid, "mentor_id": mentors[school], "school_id": school,
             "started_on": start, "goals": [], "created_at": now} for pid, school in paired])
        pair_ids = list((await s.scalars(select(MentoringPairRow.id))).all())
        await s.execute(insert(MentoringMeetingRow), [
            {"pair_id": p, "held_on": start + timedelta(days=7 * k), "topic": "Разбор урока",
             "hours": 1.5, "created_at": now} for p in pair_ids for k in range(3)])
        await uow.commit()
    mun_of = dict(school_ids)
    unpaired = next(pid for n, (pid, school) in enumerate(young)
                    if n % 2 == 1 and mun_of[school] == mun_ids[0])
    return {"region": region.id, "mun": mun_ids[0], "pairs": len(pair_ids),
            "young": len(young), "mentee": unpaired}


async def timed(label: str, fn: Callable[[], Awaitable[Any]]) -> tuple[float, Any]:
    t0 = time.perf_counter()
    result = await fn()
    ms = (time.perf_counter() - t0) * 1000
    print(f"  {label:<58} {ms:8.1f} ms", flush=True)
    return ms, result


async def run(engine: AsyncEngine, backend: str, teachers: int, municipalities: int,
              schools: int) -> bool:
    t0 = time.perf_counter()
    world = await populate(engine, teachers, municipalities, schools)
    print(f"[{backend}] {teachers} teachers, {municipalities}×{schools} schools, "
          f"{world['young']} young specialists, {world['pairs']} pairs "
          f"(set up in {time.perf_counter() - t0:.1f} s)", flush=True)
    sessions = session_factory(engine)
    regional = Actor(0, (RoleGrant(Role.REGIONAL_COORDINATOR, world["region"]),))
    municipal = Actor(0, (RoleGrant(Role.MUNICIPAL_COORDINATOR, world["mun"]),))
    now = SYSTEM_CLOCK.now()
    since = now.date() - timedelta(days=365)
    ok = True

    async def in_uow(fn: Callable[[SqlUnitOfWork], Awaitable[Any]], commit: bool = False) -> Any:
        async with sessions() as s:
            uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
            result = await fn(uow)
            if commit:
                await uow.commit()
            return result

    _, region = await timed("figures: the region, a line per municipality", lambda: in_uow(
        lambda u: mnt.figures(u, regional, world["region"], since)))
    share_ok = region.total.young == world["young"] and region.total.pairs == world["pairs"]
    print(f"    share with a mentor {region.total.share} %, pairs {region.total.pairs}, "
          f"meetings {region.total.meetings}" + ("" if share_ok else "  ✗ WRONG COUNTS"))
    ok &= share_ok
    await timed("figures: one municipality, a line per school", lambda: in_uow(
        lambda u: mnt.figures(u, regional, world["mun"], since)))
    await timed("municipal methodist: young without a mentor, page 1", lambda: in_uow(
        lambda u: mnt.suggest_mentees(u, municipal, None, 0, 8)))
    await timed("mentor suggestions for one young specialist", lambda: in_uow(
        lambda u: mnt.suggest_mentors(u, municipal, world["mentee"], 8)))
    _, first = await timed("quiet pairs job: first pass (a reminder per pair)", lambda: in_uow(
        lambda u: mnt.record_quiet_reminders(u, now.date(), 3, now), commit=True))
    _, second = await timed("quiet pairs job: second pass (nothing new)", lambda: in_uow(
        lambda u: mnt.record_quiet_reminders(u, now.date(), 3, now), commit=True))
    job_ok = first >= world["pairs"] and second == 0
    print(f"    recorded {first}, then {second}" + ("" if job_ok else "  ✗ NOT IDEMPOTENT"))
    return ok and job_ok


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_mentoring",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--teachers", type=int, default=20_000)
    p.add_argument("--municipalities", type=int, default=20)
    p.add_argument("--schools", type=int, default=25, help="schools per municipality")
    p.add_argument("--backend", choices=("sqlite", "postgresql", "both"), default="sqlite")
    p.add_argument("--pg-url", default=os.environ.get("BENCH_DATABASE_URL", DEFAULT_PG))
    p.add_argument("--quick", action="store_true", help="tiny figures: check it still runs")
    args = p.parse_args(argv)
    if args.quick:
        args.teachers, args.municipalities, args.schools = 600, 3, 4
    failed = 0
    if args.backend in ("sqlite", "both"):
        with tempfile.TemporaryDirectory() as tmp:
            url = f"sqlite+aiosqlite:///{Path(tmp) / 'bench.sqlite'}"
            await upgrade(url)
            engine = create_engine(url)
            try:
                failed += not await run(engine, "sqlite", args.teachers, args.municipalities,
                                        args.schools)
            finally:
                await engine.dispose()
    if args.backend in ("postgresql", "both"):
        engine, schema = await pg_engine(args.pg_url)
        try:
            failed += not await run(engine, "postgresql", args.teachers, args.municipalities,
                                    args.schools)
        finally:
            await engine.dispose()
            await drop_schema(args.pg_url, schema)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
