"""The tests' one clock. The app, the jobs and every test read this frozen clock, never the
wall clock, so the suite passes on any date. ``TEST_NOW`` (ISO 8601, e.g.
``2027-02-28T20:30:00+00:00``) freezes the whole run at a chosen moment; without it the run is
frozen at the moment it started. Each test starts from that moment (conftest resets it)."""

from __future__ import annotations

import os
from datetime import UTC, datetime

from domain.clock import FrozenClock


def _start() -> datetime:
    raw = os.environ.get("TEST_NOW", "").strip()
    if not raw:
        return datetime.now(UTC).replace(microsecond=0)  # the one wall-clock read of the suite
    at = datetime.fromisoformat(raw.replace("Z", "+00:00"))
    return at if at.tzinfo else at.replace(tzinfo=UTC)


START = _start()
TEST_CLOCK = FrozenClock(START)


def now() -> datetime:
    return TEST_CLOCK.now()
