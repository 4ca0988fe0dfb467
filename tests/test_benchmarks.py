"""The benchmarks still run (``python -m benchmarks --quick``: tiny figures, SQLite), so they
cannot rot unnoticed when the code they drive changes."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_benchmarks_run_in_quick_mode() -> None:
    env = {k: v for k, v in os.environ.items() if k != "BENCH_DATABASE_URL"}
    env["PYTHONPATH"] = str(ROOT)
    done = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick"], cwd=ROOT, env=env,
        capture_output=True, text=True, timeout=600, check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    for heading in ("updates/s", "self-diagnosis", "register at once", "the outbox"):
        assert heading in done.stdout, done.stdout[-3000:]
    assert "FAIL" not in done.stdout
