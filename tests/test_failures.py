"""Failures explained, not silent.

At start-up: an unreachable database, Redis or Bot API, an unknown database, the .env.example
token, a token Telegram refuses — one line on stderr naming the setting and the fix, exit code
≠ 0, no traceback (each through a real ``python -m bot`` subprocess). While running: a
database or Redis outage gets a short "temporarily unavailable, nothing lost" answer in the
person's language, the conversation state survives it, and the next update works once the
service is back. The error log names updates by ids and types, never by what people typed.
"""

from __future__ import annotations

import asyncio
import logging
import os
import shutil
import socket
import sys
import uuid
from pathlib import Path
from typing import Any

import pytest
from aiogram.methods import AnswerCallbackQuery
from aiohttp import web
from sqlalchemy import make_url

from bot.app import App, build_app
from bot.failures import is_outage
from bot.settings import EXAMPLE_TOKEN, Settings
from tests import harness
from tests.clock import TEST_CLOCK
from tests.conftest import PG_URL, _admin
from tests.harness import BOT_ID, BOT_TOKEN, FakeTelegram, Person
from tests.test_settings import NAMES, REDIS_URL

ROOT = Path(__file__).resolve().parent.parent
UNAVAILABLE_RU = "Сервис временно недоступен"
UNAVAILABLE_EN = "temporarily unavailable"


def closed_port() -> int:
    """A local port nobody listens on (bound, then released)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


# ---- start-up: one line, through `python -m bot` ------------------------------------------


async def python_m_bot(cwd: Path, *args: str, **env: str) -> tuple[int, str]:
    """Run ``python -m bot ARGS`` with only these settings; (exit code, stderr)."""
    environ = {k: v for k, v in os.environ.items() if k.upper() not in NAMES}
    environ.update(env, PYTHONPATH=str(ROOT), PYTHONUNBUFFERED="1")
    proc = await asyncio.create_subprocess_exec(
        sys.executable, "-m", "bot", *args, cwd=cwd, env=environ,
        stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE,
    )
    try:
        _, err = await asyncio.wait_for(proc.communicate(), timeout=240)
    except TimeoutError:
        proc.kill()
        raise
    assert proc.returncode is not None
    return proc.returncode, err.decode()


def one_line(code: int, stderr: str, *expected: str) -> str:
    assert code != 0, stderr
    assert "Traceback" not in stderr, stderr
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    for part in expected:
        assert part in lines[0], lines[0]
    return lines[0]


class BotApi:
    """A Bot API–compatible server on 127.0.0.1: getMe works, or every call answers 401."""

    def __init__(self, status: int = 200) -> None:
        self.status = status
        self.calls: list[str] = []

    async def handle(self, request: web.Request) -> web.Response:
        self.calls.append(request.match_info["method"])
        if self.status == 401:
            return web.json_response({"ok": False, "error_code": 401,
                                      "description": "Unauthorized"}, status=401)
        result: Any = True
        if request.match_info["method"] == "getMe":
            result = {"id": BOT_ID, "is_bot": True, "first_name": "М", "username": "m_bot"}
        return web.json_response({"ok": True, "result": result})

    async def start(self) -> tuple[web.AppRunner, str]:
        app = web.Application()
        app.router.add_post("/bot{token}/{method}", self.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return runner, f"http://127.0.0.1:{port}"


async def _pg_server() -> str | None:
    """The PostgreSQL server of TEST_DATABASE_URL (or 127.0.0.1:5432) if it answers."""
    url = PG_URL or "postgresql+asyncpg://postgres@127.0.0.1:5432/postgres"
    try:
        await asyncio.wait_for(_admin(url, "SELECT 1"), timeout=5)
    except Exception:  # noqa: BLE001
        return None
    return url


class Runs:
    """Every start-up failure, each a ``python -m bot`` process, all at once (importing
    aiogram takes seconds; one after another they would take a minute)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self.ok_api, self.refusing_api = BotApi(), BotApi(401)
        self.pg_port, self.api_port, self.redis_port = closed_port(), closed_port(), closed_port()
        self.missing_db = f"marshrut_missing_{uuid.uuid4().hex[:8]}"
        self.results: dict[str, tuple[int, str]] = {}

    async def go(self) -> None:
        (ok_runner, ok_url), (no_runner, no_url) = (await self.ok_api.start(),
                                                    await self.refusing_api.start())
        sqlite = f"sqlite+aiosqlite:///{self.cwd / 'bot.db'}"
        closed_pg = f"postgresql+asyncpg://marshrut:s3cret@127.0.0.1:{self.pg_port}/marshrut"
        bot = {"BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_URL": ok_url}
        cases: dict[str, tuple[tuple[str, ...], dict[str, str]]] = {
            "db-migrate": (("migrate",), {"DATABASE_URL": closed_pg}),
            "db-orgs": (("orgs",), {"DATABASE_URL": closed_pg}),
            "db-run": ((), {**bot, "DATABASE_URL": closed_pg}),
            "redis": ((), {**bot, "DATABASE_URL": sqlite,
                           "REDIS_URL": f"redis://127.0.0.1:{self.redis_port}/0"}),
            "api-401": ((), {"BOT_TOKEN": BOT_TOKEN, "TELEGRAM_API_URL": no_url,
                             "DATABASE_URL": sqlite}),
            "api-unreachable": ((), {"BOT_TOKEN": BOT_TOKEN, "DATABASE_URL": sqlite,
                                     "TELEGRAM_API_URL": f"http://127.0.0.1:{self.api_port}"}),
            "example-token": ((), {"BOT_TOKEN": EXAMPLE_TOKEN}),
            "memory": (("migrate",), {"DATABASE_URL": "sqlite+aiosqlite://"}),
        }
        server = await _pg_server()
        if server is not None:
            missing = make_url(server).set(database=self.missing_db)
            cases["db-missing"] = (("migrate",), {
                "DATABASE_URL": missing.render_as_string(hide_password=False)})
        try:
            done = await asyncio.gather(*(python_m_bot(self.cwd, *args, **env)
                                          for args, env in cases.values()))
        finally:
            await ok_runner.cleanup()
            await no_runner.cleanup()
        self.results = dict(zip(cases, done, strict=True))

    def __getitem__(self, case: str) -> tuple[int, str]:
        if case not in self.results:
            pytest.skip(f"{case}: no PostgreSQL server to ask")
        return self.results[case]


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> Runs:
    r = Runs(tmp_path_factory.mktemp("startup"))
    asyncio.run(r.go())
    return r


@pytest.mark.parametrize("case", ["db-migrate", "db-orgs", "db-run"])
def test_database_unreachable(runs: Runs, case: str) -> None:
    line = one_line(*runs[case], "DATABASE_URL", f"127.0.0.1:{runs.pg_port}",
                    "connection refused", "start PostgreSQL")
    assert line == (f"Database error: cannot connect to PostgreSQL at 127.0.0.1:{runs.pg_port} "
                    "(connection refused): start PostgreSQL or correct the host and port in "
                    "DATABASE_URL.")
    if case == "db-run":  # Telegram was asked first and said yes; the database said no
        assert runs.ok_api.calls.count("getMe") == 2  # this run and the Redis one


def test_unknown_postgresql_database(runs: Runs) -> None:
    name = runs.missing_db
    one_line(*runs["db-missing"], f'database "{name}" does not exist', f"createdb {name}",
             "DATABASE_URL")


def test_bot_api_refuses_the_token(runs: Runs) -> None:
    line = one_line(*runs["api-401"], "BOT_TOKEN", "401", "@BotFather")
    assert BOT_TOKEN.split(":")[1] not in line
    assert runs.refusing_api.calls == ["getMe"]
    assert not (runs.cwd / "bot.db").exists()  # nothing created before Telegram said yes


def test_bot_api_unreachable(runs: Runs) -> None:
    one_line(*runs["api-unreachable"], f"Bot API at http://127.0.0.1:{runs.api_port}",
             "connection refused", "TELEGRAM_API_URL")


def test_example_token_from_env_example(runs: Runs) -> None:
    one_line(*runs["example-token"], "BOT_TOKEN", ".env.example", "@BotFather")
    assert not (runs.cwd / "data").exists()


def test_redis_unreachable(runs: Runs) -> None:
    one_line(*runs["redis"], "REDIS_URL", f"Redis at 127.0.0.1:{runs.redis_port}",
             "connection refused", "start Redis")


def test_in_memory_sqlite_is_refused(runs: Runs) -> None:
    one_line(*runs["memory"], "DATABASE_URL", "in-memory", "sqlite+aiosqlite:///data/marshrut.db")


@pytest.mark.parametrize("args", [
    ["seed-demo"], ["grant", "5", "admin"], ["invite", "admin"], ["import-orgs", "orgs.csv"],
    ["import-instrument", "instrument.yaml"],
])
def test_other_commands_on_an_unreachable_database(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bot import cli

    for name in list(os.environ):
        if name.upper() in NAMES:
            monkeypatch.delenv(name)
    monkeypatch.chdir(tmp_path)
    (tmp_path / "orgs.csv").write_text("Область;Район;Школа\n", encoding="utf-8")
    # a valid instrument, so the command gets as far as the database
    default = Path(__file__).resolve().parent.parent / "domain/data/instrument_default.yaml"
    (tmp_path / "instrument.yaml").write_bytes(default.read_bytes())
    port = closed_port()
    monkeypatch.setenv("DATABASE_URL", f"postgresql+asyncpg://m:s3cret@127.0.0.1:{port}/m")
    monkeypatch.setenv("BOT_USERNAME", "m_bot")
    with pytest.raises(SystemExit) as info:
        cli.main(args, clock=TEST_CLOCK)
    line = str(info.value.code)
    assert line.startswith(f"Database error: cannot connect to PostgreSQL at 127.0.0.1:{port}")
    assert "DATABASE_URL" in line and "\n" not in line and "s3cret" not in line


# ---- while running: an outage ----------------------------------------------------------


async def start_app(settings: Settings) -> App:
    app = build_app(settings, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK)
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)
    return app


async def stop_app(app: App) -> None:
    await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
    await app.close()


async def to_full_name_step(p: Person) -> str | None:
    await p.send("/start")
    await p.press("Согласен")
    assert "Шаг 1 из 8" in p.last.text
    return await p.app.dp.fsm.get_context(p.app.bot, p.user.id, p.user.id).get_state()


async def outage_round(app: App, break_it: Any, mend_it: Any) -> None:
    """Half-way through a form the service goes down: everyone gets the short answer in
    their language (messages and buttons), the step is kept; once back, it continues."""
    ru, en = Person(app, 610_001), Person(app, 610_002, language_code="en")
    state = await to_full_name_step(ru)
    await en.send("/start")

    await break_it()
    await ru.send("Иванова Мария Петровна")
    assert UNAVAILABLE_RU in ru.last.text
    await en.send("/help")
    assert UNAVAILABLE_EN in en.last.text
    before = len(ru.tg.of(AnswerCallbackQuery))
    await ru.press_data("c:yes")
    answers = ru.tg.of(AnswerCallbackQuery)[before:]
    assert [a.show_alert for a in answers] == [True]
    assert UNAVAILABLE_RU in (answers[0].text or "")

    await mend_it()
    context = app.dp.fsm.get_context(app.bot, ru.user.id, ru.user.id)
    assert await context.get_state() == state  # nothing lost
    await ru.send("Иванова Мария Петровна")
    assert "Шаг 2 из 8" in ru.last.text
    await en.send("/start")
    assert UNAVAILABLE_EN not in en.last.text


async def test_sqlite_outage_mid_run(tmp_path: Path, sqlite_template: Path) -> None:
    folder = tmp_path / "db"
    folder.mkdir()
    shutil.copy(sqlite_template, folder / "bot.sqlite")
    app = await start_app(Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN,
        DATABASE_URL=f"sqlite+aiosqlite:///{folder / 'bot.sqlite'}"))

    async def break_it() -> None:  # the disk is gone; open connections with it
        folder.rename(tmp_path / "away")
        await app.engine.dispose()

    async def mend_it() -> None:
        (tmp_path / "away").rename(folder)

    try:
        await outage_round(app, break_it, mend_it)
    finally:
        if (tmp_path / "away").exists():
            await mend_it()
        await stop_app(app)


@pytest.mark.skipif(not PG_URL, reason="TEST_DATABASE_URL is not set")
async def test_postgresql_outage_mid_run() -> None:
    """Backends terminated and new connections refused, then allowed again: pre-ping and the
    pool reconnect by themselves. A database of its own, dropped after."""
    from storage.migrate import upgrade

    assert PG_URL
    name = f"marshrut_outage_{uuid.uuid4().hex[:8]}"
    await _admin(PG_URL, f'CREATE DATABASE "{name}"')
    url = make_url(PG_URL).set(database=name).render_as_string(hide_password=False)
    app = None
    try:
        await upgrade(url)
        app = await start_app(Settings(_env_file=None, BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                                       DATABASE_URL=url))

        async def break_it() -> None:
            await _admin(PG_URL, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS false')
            await _admin(PG_URL, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                 f"WHERE datname = '{name}' AND pid <> pg_backend_pid()")

        async def mend_it() -> None:
            await _admin(PG_URL, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')

        await outage_round(app, break_it, mend_it)
    finally:
        if app is not None:
            await stop_app(app)
        await _admin(PG_URL, f'ALTER DATABASE "{name}" ALLOW_CONNECTIONS true')
        await _admin(PG_URL, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


class Proxy:
    """A TCP forwarder to Redis that can be cut (listener and connections) and restored."""

    def __init__(self, host: str, port: int) -> None:
        self.target = (host, port)
        self.server: asyncio.Server | None = None
        self.writers: set[asyncio.StreamWriter] = set()
        self.port = 0

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", self.port)
        self.port = self.server.sockets[0].getsockname()[1]

    async def cut(self) -> None:
        assert self.server is not None
        self.server.close()
        for w in list(self.writers):
            w.close()
        await self.server.wait_closed()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            up_reader, up_writer = await asyncio.open_connection(*self.target)
        except OSError:
            writer.close()
            return
        self.writers.update({writer, up_writer})

        async def pipe(r: asyncio.StreamReader, w: asyncio.StreamWriter) -> None:
            try:
                while data := await r.read(65536):
                    w.write(data)
                    await w.drain()
            except (OSError, asyncio.CancelledError):
                pass
            finally:
                w.close()
                self.writers.discard(w)

        await asyncio.gather(pipe(reader, up_writer), pipe(up_reader, writer))


async def test_redis_outage_mid_run(settings: Settings) -> None:
    from redis.asyncio import Redis

    target = make_url(REDIS_URL)
    probe = Redis.from_url(REDIS_URL, socket_connect_timeout=0.5)
    try:
        await probe.ping()
    except Exception as exc:  # noqa: BLE001
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc})")
    finally:
        await probe.aclose()
    proxy = Proxy(target.host or "127.0.0.1", target.port or 6379)
    await proxy.start()
    app = await start_app(settings.model_copy(update={
        "redis_url": f"redis://127.0.0.1:{proxy.port}/{target.database or 0}"}))
    uids = (610_001, 610_002)
    try:
        await outage_round(app, proxy.cut, proxy.start)
    finally:
        await stop_app(app)
        keys = await (client := Redis.from_url(REDIS_URL)).keys(f"fsm:{BOT_ID}:61000*")
        if keys:
            await client.delete(*keys)
        await client.aclose()
        assert uids


def test_what_counts_as_an_outage() -> None:
    import sqlite3

    from aiogram.exceptions import TelegramNetworkError
    from aiogram.methods import GetMe
    from redis.exceptions import ConnectionError as RedisDown
    from sqlalchemy.exc import IntegrityError, OperationalError

    assert is_outage(OperationalError("SELECT 1", {}, sqlite3.OperationalError("locked")))
    assert is_outage(RedisDown("Connection refused"))
    assert is_outage(ConnectionRefusedError(111, "refused"))
    assert not is_outage(IntegrityError("INSERT", {}, sqlite3.IntegrityError("unique")))
    assert not is_outage(ValueError("a bug"))
    assert not is_outage(TelegramNetworkError(GetMe(), "down"))


# ---- the error log --------------------------------------------------------------------------


async def test_error_log_has_ids_not_what_people_typed(
    app: App, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    import domain.profile

    secret = "Секретова Тайна +79991234567"

    def broken(text: str) -> str:
        raise RuntimeError(f"cannot keep {text!r}")

    p = Person(app, 620_001, first_name="Тайное Имя")
    await to_full_name_step(p)
    monkeypatch.setattr(domain.profile, "validate_full_name", broken)
    caplog.set_level(logging.INFO)
    update_id = next(harness._update_ids) + 1  # the id the next update gets
    await p.send(secret)
    assert "Что-то пошло не так" in p.last.text
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert secret not in logged and "Секретова" not in logged and "79991234567" not in logged
    assert "Тайное Имя" not in logged and "Тайное" not in logged
    errors = [r for r in caplog.records if r.name == "marshrut.errors"]
    assert len(errors) == 1, logged
    text = errors[0].getMessage()
    assert f"update {update_id} " in text and "from user 620001" in text and "(message/text)" in text
    assert "forms.engine._on_text" in text and "in got_full_name" in text
    assert "RuntimeError" in text
    assert "handlers/profile/screens.py" in text  # our traceback
    assert "aiogram/" not in text  # not aiogram's frames


async def test_translations_survive_shutdown_for_updates_in_flight(app: App) -> None:
    """SIGTERM: the dispatcher's shutdown runs while updates are in flight."""
    await app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp)
    p = Person(app, 630_001)
    await p.send("/start")
    assert "152-ФЗ" in p.last.text
    await app.dp.emit_startup(bot=app.bot, dispatcher=app.dp)  # the fixture shuts down again


async def test_shutdown_waits_for_updates_in_flight(app: App) -> None:
    from bot.runner import register_lifecycle

    register_lifecycle(app)
    p = Person(app, 630_002)
    release = asyncio.Event()
    real = app.bot.session.make_request

    async def slow_telegram(*args: Any, **kwargs: Any) -> Any:
        await release.wait()
        return await real(*args, **kwargs)

    app.bot.session.make_request = slow_telegram  # type: ignore[method-assign]
    in_flight = asyncio.create_task(p.send("/start"))
    app.dp._handle_update_tasks.add(in_flight)  # as polling does  # noqa: SLF001
    await asyncio.sleep(0.05)
    shutdown = asyncio.create_task(app.dp.emit_shutdown(bot=app.bot, dispatcher=app.dp))
    await asyncio.sleep(0.05)
    assert not shutdown.done()  # SIGTERM: the update in flight is waited for
    release.set()
    await asyncio.wait_for(shutdown, timeout=5)
    assert in_flight.done() and "152-ФЗ" in p.last.text
