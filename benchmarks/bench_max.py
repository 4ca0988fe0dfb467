"""The hot path in MAX beside Telegram: the same ``/menu`` update through the same app.

    .venv/bin/python -m benchmarks.bench_max                  # SQLite in a temp dir
    .venv/bin/python -m benchmarks.bench_max --updates 200 --concurrency 20

Scenarios (each: N onboarded teachers send ``/menu``; load the person with roles, clear the
conversation state, render the main menu, send it):

* **Telegram** — the app with the in-memory fake Bot API (tests/harness.py), as
  bench_updates measures it;
* **MAX, in memory** — the same app, the update arriving as MAX's JSON (``message_created``)
  and converted by the adapter, the answer converted to MAX's ``POST /messages`` and answered
  in memory: the adapter's own cost;
* **MAX, loopback HTTP** — the same through the fake MAX server of tests/max on 127.0.0.1
  (real HTTP, JSON, the fake's checks), MAX's 30 requests/s limit lifted for the measurement.

Printed side by side with the ratio MAX/Telegram (updates/s).
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.bench_updates import (
    FIRST_USER,
    Result,
    add_teachers,
    running_app,
    scenario,
    updates,
)
from bot.app import App
from bot.max.session import MaxSession
from domain.enums import Channel
from tests.harness import FakeTelegram

UNLIMITED = 10**9


class InMemoryMax(MaxSession):
    """The adapter with MAX answered in memory (no network): what the conversion costs."""

    def __init__(self) -> None:
        super().__init__("bench-token-0123456789", "http://127.0.0.1:9", rps=UNLIMITED,
                         answers_per_second=UNLIMITED)
        self._mids = itertools.count(1)
        self.sent: dict[int, str] = {}

    async def _call(self, verb: str, path: str, params: Any, body: Any, timeout: Any
                    ) -> dict[str, Any]:
        if path == "/me":
            return {"user_id": 1, "first_name": "bench", "username": "bench_bot"}
        if (verb, path) == ("POST", "/messages"):
            self.sent[int(params["user_id"])] = body.get("text", "")
            return {"message": {"timestamp": 0, "body": {"mid": f"mid.{next(self._mids)}",
                                                         "text": body.get("text")}}}
        return {"success": True}


def max_updates(n: int, text: str) -> list[dict[str, Any]]:
    """MAX's ``message_created`` JSON, one per user, built before timing."""
    ms = int(time.time() * 1000)
    return [{"update_type": "message_created", "timestamp": ms, "user_locale": "ru",
             "message": {"sender": {"user_id": FIRST_USER + i, "first_name": "Учитель",
                                    "is_bot": False},
                         "recipient": {"chat_id": 10**10 + i, "chat_type": "dialog"},
                         "timestamp": ms,
                         "body": {"mid": f"mid.in{i}", "seq": 1, "text": text}}}
            for i in range(n)]


async def run_one(name: str, tmp: Path, n: int, concurrency: int, rounds: int,
                  kind: str) -> list[Result]:
    url = f"sqlite+aiosqlite:///{tmp / (kind + '.sqlite')}"
    fake = None
    max_session: MaxSession | None = None
    if kind == "max-memory":
        max_session = InMemoryMax()
    elif kind == "max-http":
        import tests.max.fake_max as fm
        from tests.max.fake_max import TOKEN, FakeMax

        fm.RPS = UNLIMITED  # the measurement is the bot's cost, not MAX's quota
        fake = await FakeMax().start()
        max_session = MaxSession(TOKEN, fake.url, rps=UNLIMITED)
    try:
        async with running_app(url, throttle=False, max_session=max_session) as app:
            return await _measure(app, name, n, concurrency, rounds, kind, fake)
    finally:
        if fake is not None:
            await fake.stop()


async def _measure(app: App, name: str, n: int, concurrency: int, rounds: int, kind: str,
                   fake: Any) -> list[Result]:
    channel = Channel.TELEGRAM if kind == "telegram" else Channel.MAX
    await add_teachers(app, n, channel)
    last = FIRST_USER + n - 1
    if kind == "telegram":
        batch: list[Any] = updates(n, "/menu")
        tg: FakeTelegram = app.bot.session  # type: ignore[assignment]

        async def feed(update: Any) -> Any:
            return await app.dp.feed_update(app.bot, update)

        def check() -> None:
            assert "Главное меню" in tg.last(last).text

    else:
        batch = max_updates(n, "/menu")
        bot = app.max_bot
        assert bot is not None
        session = bot.session

        async def feed(raw: Any) -> Any:
            update = session.to_update(raw)  # type: ignore[attr-defined]
            return await app.dp.feed_update(bot, update)

        def check() -> None:
            if fake is not None:
                assert "Главное меню" in fake.last(last).text, fake.rejected[:1]
            else:
                assert "Главное меню" in session.sent[last]  # type: ignore[attr-defined]

    return [await scenario(f"{name}, {label}", feed, batch, c, rounds, check)
            for label, c in (("sequential", 1), (f"{concurrency} at once", concurrency))]


async def main(argv: list[str] | None = None) -> None:
    p = argparse.ArgumentParser(prog="python -m benchmarks.bench_max",
                                description=__doc__.split("\n\n")[0] if __doc__ else None)
    p.add_argument("--updates", type=int, default=300)
    p.add_argument("--concurrency", type=int, default=30)
    p.add_argument("--rounds", type=int, default=3)
    args = p.parse_args(argv)
    n, c, rounds = args.updates, args.concurrency, args.rounds
    started = time.perf_counter()
    results: dict[str, list[Result]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, kind in (("Telegram", "telegram"), ("MAX in memory", "max-memory"),
                           ("MAX loopback HTTP", "max-http")):
            results[kind] = await run_one(name, Path(tmp), n, c, rounds, kind)
    print(f"\n{n} updates (/menu) x {rounds} rounds after a warm-up; concurrency {c}; SQLite\n")
    print(f"{'scenario':<40}{'updates/s':>11}{'p50 ms':>9}{'p99 ms':>9}{'vs Telegram':>13}")
    for kind, rows in results.items():
        for i, r in enumerate(rows):
            base = results["telegram"][i]
            print(f"{r.name:<40}{r.rate:>11.0f}{r.pct(0.5):>9.2f}{r.pct(0.99):>9.2f}"
                  f"{r.rate / base.rate:>13.3f}")
    print(f"\ntotal {time.perf_counter() - started:.1f} s", file=sys.stderr)


if __name__ == "__main__":
    asyncio.run(main())
