"""Another bot process for the tests: Redis shared by the test workers, and a second app run
as a real process (``python -m tests.support.processes``) on the test's database, so what it
changes reaches the test's own app only through the buses (storage/people_cache.py,
storage/read_model.py), never through this process's memory."""

from __future__ import annotations

import argparse
import asyncio
import os
import socket
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[2]
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/15")


def redis_up() -> bool:
    u = urlparse(REDIS_URL)
    try:
        with socket.create_connection((u.hostname or "127.0.0.1", u.port or 6379), timeout=1):
            return True
    except OSError:
        return False


def uid(base: int) -> int:
    """Redis is shared by parallel test workers: a user id of this worker's own."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0").removeprefix("gw") or "0"
    return base + 1000 * int(worker) + os.getpid() % 1000


async def press_elsewhere(db_url: str, redis_url: str | None, user_id: int, data: str) -> str:
    """In another process: the user opens the menu and presses a button with ``data``; the
    reply's text (sent after that process committed and told the others)."""
    from tests.clock import TEST_CLOCK

    env = {**os.environ, "PYTHONPATH": str(ROOT), "TEST_NOW": TEST_CLOCK.now().isoformat()}
    args = [sys.executable, "-m", "tests.support.processes", "--db", db_url,
            "--user", str(user_id), "--press", data]
    if redis_url:
        args += ["--redis", redis_url]
    done = await asyncio.to_thread(subprocess.run, args, cwd=ROOT, env=env,
                                   capture_output=True, text=True, timeout=240)
    assert done.returncode == 0, done.stderr
    return done.stdout


async def _main(argv: list[str] | None = None) -> None:
    from bot.app import build_app
    from bot.settings import Settings
    from tests.clock import TEST_CLOCK
    from tests.harness import BOT_TOKEN, FakeTelegram, Person

    p = argparse.ArgumentParser()
    p.add_argument("--db", required=True)
    p.add_argument("--redis")
    p.add_argument("--user", type=int, required=True)
    p.add_argument("--press", required=True)
    a = p.parse_args(argv)
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN, DATABASE_URL=a.db, REDIS_URL=a.redis,
        TIMEZONE="Europe/Moscow",
    )
    app = build_app(settings, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK)
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    try:
        person = Person(app, a.user)
        await person.send("/menu")
        await person.press_data(a.press)
        print(person.last.text)
    finally:
        await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
        await app.close()


if __name__ == "__main__":
    asyncio.run(_main())
