"""One outbox sender process, as the bot runs it, for the crash and rate benchmarks:

    python -m benchmarks.outbox_worker --db URL --api http://127.0.0.1:PORT [--rate 25] ...

It delivers what is due until it is killed (the benchmarks kill it with SIGKILL on purpose),
or until SIGTERM, when it prints how many messages it sent.

    python -m benchmarks.outbox_worker --spawner

loads once and forks a new sender for each line ``spawn <the options above>`` on stdin
(restarts in milliseconds).
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import shlex
import signal
import sys
from datetime import timedelta

from aiogram import Bot
from aiogram.client.default import DefaultBotProperties
from aiogram.client.session.aiohttp import AiohttpSession
from aiogram.client.telegram import TelegramAPIServer
from aiogram.enums import ParseMode

from bot.i18n import make_core
from bot.outbox import OutboxSender
from domain.clock import SYSTEM_CLOCK
from storage.db import create_engine, session_factory

BOT_TOKEN = "4242:TEST-token-for-the-fake-bot-api-0000"


def parse(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(prog="python -m benchmarks.outbox_worker")
    p.add_argument("--db", required=True)
    p.add_argument("--schema", default=None, help="PostgreSQL search_path")
    p.add_argument("--api", required=True, help="base URL of the (fake) Bot API server")
    p.add_argument("--rate", type=float, default=25.0)
    p.add_argument("--per-chat", type=float, default=1.0)
    p.add_argument("--batch", type=int, default=50)
    p.add_argument("--concurrency", type=int, default=1, help="messages in flight at once")
    p.add_argument("--claim-lease", type=float, default=30.0)
    p.add_argument("--in-flight-lease", type=float, default=120.0)
    p.add_argument("--timeout", type=float, default=10.0, help="HTTP request timeout, s")
    return p.parse_args(argv)


async def run(args: argparse.Namespace) -> None:
    """One sender until SIGTERM; then prints "sent <n> by <pid>"."""
    kwargs = {}
    if args.schema:
        kwargs["connect_args"] = {"server_settings": {"search_path": args.schema}}
    engine = create_engine(args.db, **kwargs)
    session = AiohttpSession(api=TelegramAPIServer.from_base(args.api), timeout=args.timeout)
    bot = Bot(BOT_TOKEN, session=session,
              default=DefaultBotProperties(parse_mode=ParseMode.HTML))
    core = make_core("ru")
    await core.startup()
    sender = OutboxSender(
        bot, session_factory(engine), translate=core.get, rate=args.rate,
        per_chat_interval=args.per_chat, batch=args.batch,
        claim_lease=timedelta(seconds=args.claim_lease),
        in_flight_lease=timedelta(seconds=args.in_flight_lease),
        clock=SYSTEM_CLOCK, concurrency=args.concurrency,
    )
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    sent = 0
    try:
        while not stop.is_set():
            n = await sender.run_once(budget=1)
            sent += n
            if not n:
                await asyncio.sleep(0.05)
    finally:
        await session.close()
        await engine.dispose()
    print(f"sent {sent} by {os.getpid()}", flush=True)


def spawner() -> None:
    """Restarts without the import time (seconds on a busy machine): everything is loaded
    once, and each sender is a fork of this process, killed and replaced at will. Reads
    ``spawn <sender options>`` lines on stdin and answers ``pid <n>`` for each."""
    signal.signal(signal.SIGCHLD, signal.SIG_IGN)  # children are reaped automatically
    print("ready", flush=True)
    for line in sys.stdin:
        command, _, options = line.strip().partition(" ")
        if command != "spawn":
            continue
        args = parse(shlex.split(options))
        pid = os.fork()
        if pid == 0:  # the sender
            signal.signal(signal.SIGCHLD, signal.SIG_DFL)
            try:
                asyncio.run(run(args))
            finally:
                os._exit(0)
        print(f"pid {pid}", flush=True)


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, stream=sys.stderr)
    if sys.argv[1:] == ["--spawner"]:
        spawner()
    else:
        asyncio.run(run(parse(sys.argv[1:])))
