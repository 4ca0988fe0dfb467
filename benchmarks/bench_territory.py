"""«Моя территория» at the scale of a region: a generated region on PostgreSQL (or SQLite),
then the regional and a municipal dashboard (every figure, the units inside), the regional
XLSX export, and EXPLAIN of every statement the dashboards run.

    .venv/bin/python -m benchmarks.bench_territory \
        --db postgresql+asyncpg://postgres@127.0.0.1:5432/bench
    .venv/bin/python -m benchmarks.bench_territory --quick          # tiny, SQLite: does it run

Defaults: 30 000 teachers, 1 000 schools, 30 municipalities, a completed self-diagnosis each
(answers and result JSON as the bot stores them, three deficits), 20 000 event registrations,
10 000 routes with three activities each, 20 000 hours, 3 000 course forms. PostgreSQL: a
throwaway schema (benchmarks/pg.py). Bars: regional dashboard < 300 ms, municipal < 100 ms,
regional XLSX < 10 s (median of the runs after one warm-up).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from sqlalchemy import event as sa_event
from sqlalchemy import insert, text

import domain.territory as terr
from domain.access import Actor
from domain.clock import SYSTEM_CLOCK
from domain.entities import RoleGrant
from domain.enums import Role
from storage.courses_models import CourseFormRow
from storage.db import create_engine, session_factory
from storage.diagnosis_models import DiagAttemptRow, DiagDeficitRow, DiagInstrumentRow
from storage.events_models import EventRegistrationRow, EventRow, HoursLedgerRow
from storage.migrate import upgrade
from storage.models import OrgRow, PersonRow
from storage.route_models import RouteActivityRow, RoutePlanRow, RouteRow
from storage.territory.models import GROUP_COLUMNS, DiagLatestRow
from storage.uow import SqlUnitOfWork

TZ = ZoneInfo("Europe/Moscow")
BIG = ("people", "diag_attempts", "diag_deficits", "diag_latest", "event_registrations",
       "routes", "route_rows", "route_activities", "hours_ledger", "course_forms")
BATCH = 5000
INDICATORS = [(g, f"{g[0]}{n:02d}") for g in GROUP_COLUMNS for n in range(1, 4)]


async def _bulk(s: Any, model: Any, rows: list[dict[str, Any]]) -> None:
    for i in range(0, len(rows), BATCH):
        await s.execute(insert(model), rows[i:i + BATCH])


async def generate(engine: Any, teachers: int, schools: int, municipalities: int,
                   registrations: int, routes: int) -> dict[str, int]:
    rnd = random.Random(12)
    now = SYSTEM_CLOCK.now()
    async with session_factory(engine)() as s:
        await s.execute(insert(OrgRow), [{"id": 1, "kind": "region", "name": "Область",
                                          "name_key": "область", "created_at": now}])
        await s.execute(insert(OrgRow), [
            {"id": 1 + m, "kind": "municipality", "name": f"Муниципалитет {m:02d}",
             "name_key": f"муниципалитет {m:02d}", "parent_id": 1, "region_id": 1,
             "created_at": now} for m in range(1, municipalities + 1)])
        first_school = 2 + municipalities
        school_mun = {first_school + k: 2 + k % municipalities for k in range(schools)}
        await _bulk(s, OrgRow, [
            {"id": sid, "kind": "school", "name": f"Школа № {sid}", "name_key": f"школа № {sid}",
             "parent_id": mid, "municipality_id": mid, "region_id": 1, "created_at": now}
            for sid, mid in school_mun.items()])
        await s.execute(insert(DiagInstrumentRow), [{
            "id": 1, "code": "bench", "version": "1", "title": "bench", "checksum": "x" * 64,
            "content": {}, "source": "", "is_active": False, "created_at": now}])
        school_ids = list(school_mun)
        people, attempts, deficits, latest = [], [], [], []
        for p in range(1, teachers + 1):
            sid = school_ids[p % len(school_ids)]
            people.append({
                "id": p, "channel": "telegram", "external_id": str(10_000_000 + p),
                "consented_at": now, "consent_version": 1, "profile_completed_at": now,
                "full_name": f"Учитель {p:06d} Иванович", "name_key": f"учитель {p:06d} иванович",
                "school_id": sid, "municipality_id": school_mun[sid],
                "position": rnd.choice(["teacher", "primary_teacher", "deputy_head"]),
                "subjects": rnd.sample(["math", "russian", "physics", "history"], 2),
                "experience_years": p % 40, "category": rnd.choice(["none", "first", "highest"]),
                "statuses": ["mentor"] if p % 17 == 0 else [], "created_at": now,
            })
            groups = {g: rnd.uniform(30, 100) for g in GROUP_COLUMNS}
            weak = rnd.sample(INDICATORS, 3)
            completed = now - timedelta(days=rnd.randint(0, 500))
            result = {"total": sum(groups.values()) / 4, "deficit_below": 50.0,
                      "groups": [{"group": g, "percent": v, "level": "middle",
                                  "deficits": [c for gg, c in weak if gg == g]}
                                 for g, v in groups.items()],
                      "indicators": [{"group": g, "indicator": c, "percent": 40.0}
                                     for g, c in INDICATORS]}
            attempts.append({
                "id": p, "person_id": p, "instrument_id": 1, "status": "completed",
                "position": 40, "answers": {f"q{k:02d}": rnd.randint(1, 4) for k in range(40)},
                "started_at": completed, "updated_at": completed, "completed_at": completed,
                "total_percent": result["total"], "result": result, "school_id": sid,
                "municipality_id": school_mun[sid], "region_id": 1})
            for rank, (g, c) in enumerate(weak, 1):
                deficits.append({"attempt_id": p, "person_id": p, "group_code": g,
                                 "indicator_code": c, "title": f"Индикатор {c}",
                                 "percent": 30.0, "rank": rank})
            latest.append({
                "person_id": p, "attempt_id": p, "completed_at": completed, "school_id": sid,
                "municipality_id": school_mun[sid], "region_id": 1, "total": result["total"],
                "previous_total": result["total"] - 5 if p % 5 == 0 else None,
                **groups, **{f"{g}_deficit": any(gg == g for gg, _ in weak)
                             for g in GROUP_COLUMNS}})
        await _bulk(s, PersonRow, people)
        await _bulk(s, DiagAttemptRow, attempts)
        await _bulk(s, DiagDeficitRow, deficits)
        await _bulk(s, DiagLatestRow, latest)

        events = max(registrations // 40, 1)
        await _bulk(s, EventRow, [{
            "id": e, "title": f"Семинар {e}", "form": "seminar", "level": "municipal",
            "organiser_id": 2 + e % municipalities, "groups": [], "status": "published",
            "starts_at": now + timedelta(days=e % 60 - 30),
            "ends_at": now + timedelta(days=e % 60 - 30, hours=3), "created_at": now,
            "updated_at": now} for e in range(1, events + 1)])
        pairs: set[tuple[int, int]] = set()
        while len(pairs) < registrations:
            pairs.add((rnd.randint(1, events), rnd.randint(1, teachers)))
        await _bulk(s, EventRegistrationRow, [{
            "event_id": e, "person_id": p, "status": "confirmed", "seq": n, "created_at": now,
            "updated_at": now, "attended_at": now if n % 3 else None}
            for n, (e, p) in enumerate(sorted(pairs))])
        await _bulk(s, HoursLedgerRow, [{
            "person_id": p, "event_id": e, "kind": "in_person", "hours": 3.0,
            "occurred_at": now, "created_at": now} for e, p in sorted(pairs)])
        statuses = ["draft", "submitted", "returned", "approved", "in_progress", "completed"]
        today = now.date()
        await _bulk(s, RouteRow, [{
            "id": r, "person_id": r, "school_id": people[r - 1]["school_id"],
            "status": statuses[r % len(statuses)], "period_start": today - timedelta(days=60),
            "period_end": today + timedelta(days=300), "revision": 1, "submitted_at": now,
            "created_at": now, "updated_at": now} for r in range(1, routes + 1)])
        await _bulk(s, RoutePlanRow, [{
            "id": r, "route_id": r, "position": 1, "group_code": "methodological",
            "title": "Дефицит"} for r in range(1, routes + 1)])
        await _bulk(s, RouteActivityRow, [{
            "route_id": r, "row_id": r, "person_id": r, "plan_column": "self_education",
            "title": "Чтение", "due": today + timedelta(days=k * 40 - 50),
            "status": "done" if k == 0 else "planned", "created_at": now, "updated_at": now}
            for r in range(1, routes + 1) for k in range(3)])
        await _bulk(s, CourseFormRow, [{
            "kind": "report", "person_id": p, "school_id": people[p - 1]["school_id"],
            "status": ["submitted", "accepted", "returned"][p % 3], "data": {}, "revision": 1,
            "submitted_at": now, "created_at": now, "updated_at": now}
            for p in range(1, teachers + 1, 10)])
        await s.commit()
    counts = {}
    async with engine.connect() as conn:
        if engine.dialect.name == "postgresql":
            # outside a transaction, or the statistics roll back with it (the planner then
            # guesses); VACUUM sets the visibility map as autovacuum would after a bulk load
            await conn.execution_options(isolation_level="AUTOCOMMIT")
            for table in BIG:
                await conn.execute(text(f"VACUUM ANALYZE {table}"))
            await conn.execute(text("ANALYZE"))
        for table in BIG:
            counts[table] = int((await conn.execute(text(f"SELECT count(*) FROM {table}")))
                                .scalar() or 0)
    return counts


class _Keys:
    """i18n stand-in for the export's labels (the labels are not what is measured)."""

    def get(self, key: str, **params: Any) -> str:
        return key


async def timed(engine: Any, runs: int, fn: Any) -> tuple[float, float, int, Any]:
    """Median wall time of ``runs`` runs after a warm-up, and the median of the time spent
    inside the statements themselves (the database's share: less noisy on a shared host)."""
    times, in_sql, result, count = [], [], None, 0
    spent: list[float] = []

    def before(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
               executemany: bool) -> None:
        conn.info["bench_t0"] = time.perf_counter()

    def after(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
              executemany: bool) -> None:
        spent.append(time.perf_counter() - conn.info.pop("bench_t0", time.perf_counter()))

    sa_event.listen(engine.sync_engine, "before_cursor_execute", before)
    sa_event.listen(engine.sync_engine, "after_cursor_execute", after)
    try:
        for n in range(runs + 1):
            spent.clear()
            async with session_factory(engine)() as s:
                uow = SqlUnitOfWork(s, SYSTEM_CLOCK)
                start = time.perf_counter()
                result = await fn(uow)
                if n:  # the first run warms the caches
                    times.append((time.perf_counter() - start) * 1000)
                    in_sql.append(sum(spent) * 1000)
                    count = len(spent)
    finally:
        sa_event.remove(engine.sync_engine, "before_cursor_execute", before)
        sa_event.remove(engine.sync_engine, "after_cursor_execute", after)
    return statistics.median(times), statistics.median(in_sql), count, result


def bar(name: str, ms: float, sql_ms: float, statements: int, limit: float, unit: str = "ms"
        ) -> tuple[bool, str]:
    ok = ms < limit
    scale = 1000 if unit == "s" else 1
    return ok, (f"{name}: {ms / scale:.{1 if scale > 1 else 0}f} {unit} (bar {limit / scale:g} "
                f"{unit}; {statements} statements, {sql_ms / scale:.{1 if scale > 1 else 0}f} "
                f"{unit} inside them) {'OK' if ok else 'SLOW'}")


async def explain(engine: Any, fn: Any, plans: bool) -> list[str]:
    """Every statement ``fn`` runs, EXPLAINed (ANALYZE with ``plans``: printed in full);
    returns the sequential scans over big tables."""
    statements: list[tuple[str, Any]] = []

    def capture(conn: Any, cursor: Any, statement: str, parameters: Any, context: Any,
                executemany: bool) -> None:
        if statement.lstrip().upper().startswith(("SELECT", "WITH")):
            statements.append((statement, parameters))

    sa_event.listen(engine.sync_engine, "before_cursor_execute", capture)
    try:
        async with session_factory(engine)() as s:
            await fn(SqlUnitOfWork(s, SYSTEM_CLOCK))
    finally:
        sa_event.remove(engine.sync_engine, "before_cursor_execute", capture)
    found = []
    async with engine.connect() as conn:
        await conn.execute(text("SET max_parallel_workers_per_gather = 0"))
        for statement, parameters in statements:
            if "set_config(" in statement:  # the code's own planner settings: replayed
                await conn.exec_driver_sql(statement, parameters)
                continue
            how = "EXPLAIN (ANALYZE, BUFFERS) " if plans else "EXPLAIN "
            plan = (await conn.exec_driver_sql(how + statement, parameters)).all()
            if plans:
                print("  " + " ".join(statement.split())[:200] + "…")
                print("\n".join("    " + line for (line,) in plan), flush=True)
            for (line,) in plan:
                for table in BIG:
                    if f"Seq Scan on {table} " in line + " ":
                        found.append(f"{table}: {' '.join(statement.split())[:90]}…")
    return found


async def run(url: str, teachers: int, schools: int, municipalities: int, registrations: int,
              routes: int, runs: int, plans: bool = False, quick: bool = False) -> int:
    """Figures of a generated region; the number of missed speed bars (a quick run reports
    the bars but does not count them: tiny data on a busy CI machine measures nothing)."""
    engine = None
    schema = None
    if url.startswith("postgresql"):
        from benchmarks.pg import drop_schema, scratch_schema

        engine, schema = await scratch_schema(url)
    else:
        await upgrade(url)
        engine = create_engine(url)
    failed = 0
    enforce = not quick
    try:
        start = time.perf_counter()
        counts = await generate(engine, teachers, schools, municipalities, registrations,
                                routes)
        load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
        print(f"load average {load} on {os.cpu_count()} CPUs", flush=True)
        print(f"generated in {time.perf_counter() - start:.1f} s: "
              + ", ".join(f"{t} {n}" for t, n in counts.items()), flush=True)
        when = terr.period(SYSTEM_CLOCK.now(), TZ)
        admin = Actor(0, (), is_config_admin=True)
        municipal = Actor(0, (RoleGrant(Role.MUNICIPAL_COORDINATOR, 2),))

        async def regional(uow: Any) -> Any:
            return await terr.dashboard(uow, admin, 1, when)

        async def local(uow: Any) -> Any:
            return await terr.dashboard(uow, municipal, 2, when)

        async def xlsx(uow: Any) -> Any:
            from handlers.territory.export import build_workbook, lay_out

            _org, sheets = await terr.workbook(uow, admin, 1, when)
            body = await asyncio.to_thread(
                lambda: build_workbook(lay_out(_Keys(), sheets, TZ)))  # type: ignore[arg-type]
            return sheets, body

        ms, sql_ms, k, d = await timed(engine, runs, regional)
        ok, line = bar("regional dashboard", ms, sql_ms, k, 300)
        failed += enforce and not ok
        print(f"{line} — teachers {d.figures.teachers}, diagnosed {d.figures.diagnosed}, "
              f"units {len(d.units)}", flush=True)
        ms, sql_ms, k, d = await timed(engine, runs, local)
        ok, line = bar("municipal dashboard", ms, sql_ms, k, 100)
        failed += enforce and not ok
        print(f"{line} — teachers {d.figures.teachers}, schools {len(d.units)}", flush=True)
        ms, sql_ms, k, (sheets, body) = await timed(engine, max(runs // 3, 1), xlsx)
        ok, line = bar("regional XLSX", ms, sql_ms, k, 10_000, "s")
        failed += enforce and not ok
        print(f"{line} — {len(body) / 1e6:.1f} MB, rows "
              + ", ".join(f"{s.key} {len(s.rows)}" for s in sheets), flush=True)
        if engine.dialect.name == "postgresql":
            for name, fn in (("regional", regional), ("municipal", local)):
                if plans:
                    print(f"EXPLAIN ANALYZE, {name} dashboard:", flush=True)
                scans = await explain(engine, fn, plans)
                print(f"EXPLAIN {name} dashboard: "
                      + ("no sequential scan over the big tables" if not scans else
                         f"{len(scans)} sequential scans:\n  " + "\n  ".join(scans)),
                      flush=True)
        print(f"load average after: {', '.join(f'{x:.1f}' for x in os.getloadavg())}",
              flush=True)
    finally:
        await engine.dispose()
        if schema is not None:
            await drop_schema(url, schema)
    return failed


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_territory",
                                description=__doc__.split("\n\n")[0])
    p.add_argument("--db", help="PostgreSQL URL (a throwaway schema is used); default SQLite")
    p.add_argument("--quick", action="store_true", help="tiny figures: check it still runs")
    p.add_argument("--teachers", type=int, default=30_000)
    p.add_argument("--runs", type=int, default=5)
    p.add_argument("--plans", action="store_true",
                   help="print EXPLAIN (ANALYZE, BUFFERS) of every dashboard statement")
    args = p.parse_args(argv)
    if args.quick:
        sizes: dict[str, Any] = {"teachers": 600, "schools": 40, "municipalities": 4,
                                 "registrations": 400, "routes": 200, "runs": 1, "quick": True}
    else:
        t = args.teachers
        sizes = {"teachers": t, "schools": max(t // 30, 1), "municipalities": 30,
                     "registrations": t * 2 // 3, "routes": t // 3, "runs": args.runs,
                     "plans": args.plans}
    with tempfile.TemporaryDirectory() as tmp:
        url = args.db or f"sqlite+aiosqlite:///{Path(tmp) / 'territory.sqlite'}"
        return await run(url, **sizes)


if __name__ == "__main__":
    import sys

    sys.exit(asyncio.run(main(sys.argv[1:])))

__all__ = ["UTC", "date", "datetime", "main"]
