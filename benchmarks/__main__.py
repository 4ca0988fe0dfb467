"""Every benchmark in one command: ``python -m benchmarks``.

SQLite in temporary files always; PostgreSQL as well when BENCH_DATABASE_URL points at a
scratch database (each benchmark works in a throwaway schema or its own tables there).
Each script can also be run alone with its own options (see benchmarks/README.md).

``python -m benchmarks --quick`` runs each of them with tiny figures (well under a minute on
an idle machine): not a measurement, a check that the benchmarks still run and their own
assertions hold (CI runs it once, in .ci/run). Exit status 1 if any benchmark failed.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys

from benchmarks import (
    bench_broadcast,
    bench_campaigns,
    bench_diagnosis,
    bench_mentoring,
    bench_max,
    bench_outbox,
    bench_registrations,
    bench_territory,
    bench_updates,
)


async def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__.split("\n\n")[0])
    p.add_argument("--quick", action="store_true", help="tiny figures: check they still run")
    args = p.parse_args(argv)
    quick = args.quick
    pg = os.environ.get("BENCH_DATABASE_URL")
    both = ["--backend", "both" if pg else "sqlite"]
    failed = 0

    print("== updates/s: bare aiogram echo vs our /menu path ==", flush=True)
    await bench_updates.main(["--updates", "40", "--rounds", "1", "--concurrency", "10"]
                             if quick else [])
    print("\n== the same /menu path in MAX beside Telegram (bot/max adapter) ==", flush=True)
    await bench_max.main(["--updates", "20", "--rounds", "1", "--concurrency", "5"]
                         if quick else [])
    print("\n== the whole self-diagnosis questionnaire, 50 users at once ==", flush=True)
    await bench_diagnosis.main(2 if quick else 50, None)
    print("\n== 500 teachers register at once for 30 seats ==", flush=True)
    failed += await bench_registrations.main(
        (["--teachers", "40", "--seats", "5"] if quick else []) + both
    )
    print("\n== the outbox: killed during delivery; two processes on one rate ==", flush=True)
    failed += await bench_outbox.main((["--quick"] if quick else []) + both)
    print("\n== broadcasts: 10 000 recipients at the limit, killed twice; a region's audience ==",
          flush=True)
    failed += await bench_broadcast.main((["--quick"] if quick else []) + both)
    print("\n== «Моя территория»: a region's dashboards and spreadsheet ==", flush=True)
    failed += await bench_territory.main(
        (["--quick"] if quick else []) + (["--db", pg] if pg else [])
    )
    print("\n== mentoring over a region of 20 000 teachers: figures, suggestions, the job ==",
          flush=True)
    failed += await bench_mentoring.main((["--quick"] if quick else []) + both)
    print("\n== campaigns: 30 000 teachers invited; the region's completion view ==", flush=True)
    failed += await bench_campaigns.main((["--quick"] if quick else [])
                                         + ["--backend", "both" if pg else "sqlite"])
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(asyncio.run(main(sys.argv[1:])))
