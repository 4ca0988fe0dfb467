"""Every benchmark in one command: ``python -m benchmarks``.

SQLite in temporary files always; PostgreSQL as well when BENCH_DATABASE_URL points at a
scratch database (each benchmark works in a throwaway schema or its own tables there).
Each script can also be run alone with its own options (see benchmarks/README.md).
"""

from __future__ import annotations

import asyncio
import os

from benchmarks import bench_diagnosis, bench_registrations, bench_updates


async def main() -> None:
    pg = os.environ.get("BENCH_DATABASE_URL")
    print("== updates/s: bare aiogram echo vs our /menu path ==", flush=True)
    await bench_updates.main([])
    print("\n== the whole self-diagnosis questionnaire, 50 users at once ==", flush=True)
    await bench_diagnosis.main(50, None)
    print("\n== 500 teachers register at once for 30 seats ==", flush=True)
    await bench_registrations.main(["--backend", "both" if pg else "sqlite"])


if __name__ == "__main__":
    asyncio.run(main())
