"""The outbox sender as real processes against a fake Bot API over HTTP (the code of
benchmarks/bench_outbox.py, with smaller figures): killed with SIGKILL during delivery it loses
nothing and sends nothing twice; two processes together stay under one configured rate.

The sender processes are forks of one loaded process (benchmarks/outbox_worker.py
``--spawner``), so a restart costs milliseconds, not the seconds of imports."""

from __future__ import annotations

import sys
from collections.abc import Iterator

import pytest

from benchmarks.bench_outbox import Spawner, crash_run, rate_run
from storage.db import create_engine

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="fork and SIGKILL")


@pytest.fixture(scope="module")
def spawner() -> Iterator[Spawner]:
    """One loaded process that forks the senders of every test here."""
    s = Spawner().start()
    yield s
    s.close()


async def test_killed_sender_loses_nothing_and_sends_nothing_twice(
    db_url: str, spawner: Spawner
) -> None:
    engine = create_engine(db_url)
    try:
        report = await crash_run(engine, db_url, None, notices=200, kills=3, spawner=spawner)
    finally:
        await engine.dispose()
    print("\n".join(report.lines()))
    assert report.lost == 0
    assert report.sent + report.unknown == 200
    assert report.unknown <= report.kills
    assert report.duplicates == 0
    assert report.sent_not_received == 0
    assert report.out_of_order == 0  # each chat's four messages arrived in order


async def test_two_processes_share_one_rate(db_url: str, spawner: Spawner) -> None:
    engine = create_engine(db_url)
    try:
        report = await rate_run(engine, db_url, None, notices=60, rate=20, spawner=spawner)
    finally:
        await engine.dispose()
    print("\n".join(report.lines()))
    assert report.refused == 0  # no 429 from an API that refuses above 20/s
    assert report.ratio <= 1.05  # first to last arrival; a few ms of jitter either way
    assert all(n > 0 for n in report.per_process), report.per_process  # both took part
    assert sum(report.per_process) == 60
