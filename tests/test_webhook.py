"""Production runtime (issue 14): the webhook server with its secret, /healthz and /metrics,
JSON logs without what people typed, the scheduler's leader lock, and the new settings."""

from __future__ import annotations

import asyncio
import io
import json
import logging
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiogram.methods import SendMessage, SetWebhook
from aiohttp import web
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy.ext.asyncio import create_async_engine

from bot.app import App, build_app
from bot.health import HEALTH, bound_port, start_server
from bot.leader import AlwaysLeader, PgAdvisoryLeader, leader_only
from bot.logs import JsonFormatter, setup_logging
from bot.settings import Settings, SettingsError
from bot.webhook import BoundedRequestHandler, build_webhook_app, set_webhook
from storage.db import session_factory
from tests.clock import TEST_CLOCK
from tests.conftest import PG_URL
from tests.harness import FakeTelegram, Person
from tests.test_settings import clean_env, fails  # noqa: F401 — a fixture

SECRET = "s3cret_Token-for-tests"
HOOK = "/telegram/hook"


def start_update(update_id: int, user_id: int, text: str = "/start") -> dict[str, Any]:
    message: dict[str, Any] = {
        "message_id": update_id, "date": 0, "text": text,
        "chat": {"id": user_id, "type": "private"},
        "from": {"id": user_id, "is_bot": False, "first_name": "Анна", "language_code": "ru"},
    }
    if text.startswith("/"):
        message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(text)}]
    return {"update_id": update_id, "message": message}


class Server:
    def __init__(self, app: App, runner: web.AppRunner) -> None:
        self.app, self.runner = app, runner
        self.base = f"http://127.0.0.1:{bound_port(runner)}"
        self.http = aiohttp.ClientSession()

    @property
    def tg(self) -> FakeTelegram:
        return self.app.bot.session  # type: ignore[return-value]

    async def post(self, update: dict[str, Any], secret: str | None = SECRET,
                   path: str = HOOK) -> int:
        headers = {"X-Telegram-Bot-Api-Secret-Token": secret} if secret is not None else {}
        async with self.http.post(self.base + path, json=update, headers=headers) as r:
            return r.status

    async def get(self, path: str) -> tuple[int, str]:
        async with self.http.get(self.base + path) as r:
            return r.status, await r.text()

    async def replies(self, chat_id: int, n: int = 1, timeout: float = 10) -> list[SendMessage]:
        async def wait() -> list[SendMessage]:
            while True:
                sent = [c for c in self.tg.of(SendMessage) if int(c.chat_id) == chat_id]
                if len(sent) >= n:
                    return sent
                await asyncio.sleep(0.01)

        return await asyncio.wait_for(wait(), timeout)


@pytest.fixture
async def server(settings: Settings) -> AsyncIterator[Server]:
    s = settings.model_copy(update={
        "webhook_url": f"https://bot.example.org{HOOK}", "webhook_secret": SECRET,
        "webhook_host": "127.0.0.1", "webhook_port": 0,
    })
    app = build_app(s, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK)
    web_app = build_webhook_app(app)
    runner = await start_server(web_app, "127.0.0.1", 0)  # the Dispatcher's start-up runs here
    srv = Server(app, runner)
    try:
        yield srv
    finally:
        await srv.http.close()
        await runner.cleanup()
        await app.close()


# ---- webhook ----------------------------------------------------------------------------------


async def test_an_update_with_the_secret_is_answered(server: Server) -> None:
    assert await server.post(start_update(1, 701)) == 200
    [reply] = await server.replies(701)
    assert "152-ФЗ" in reply.text


@pytest.mark.parametrize("secret", [None, "", "wrong", SECRET + "x"])
async def test_without_the_right_secret_nothing_is_handled(server: Server,
                                                           secret: str | None) -> None:
    assert await server.post(start_update(2, 702), secret=secret) == 401
    await asyncio.sleep(0.1)
    assert server.tg.calls == []
    _, text = await server.get("/metrics")
    assert 'marshrut_updates_total{type="message"}' not in text


async def test_an_update_delivered_again_is_answered_once(server: Server) -> None:
    # Telegram delivers an update again when its 200 came too late: after it was handled,
    # or while it still is (the repeat waits for the person's lock, then is skipped)
    first, again = start_update(5, 705), start_update(6, 706)
    assert await server.post(first) == 200
    assert await server.post(first) == 200
    assert await asyncio.gather(server.post(again), server.post(again)) == [200, 200]
    assert await server.post(start_update(7, 705, "/help")) == 200  # a new one is answered
    sent = server.tg.of(SendMessage)
    assert [int(c.chat_id) for c in sent].count(706) == 1
    assert [int(c.chat_id) for c in sent].count(705) == 2  # updates 5 and 7, not 5 again


async def test_set_webhook_gives_url_secret_and_the_update_types(server: Server) -> None:
    await set_webhook(server.app)
    [call] = server.tg.of(SetWebhook)
    assert call.url == f"https://bot.example.org{HOOK}"
    assert call.secret_token == SECRET
    assert call.max_connections == 40
    assert call.drop_pending_updates is False
    assert set(call.allowed_updates or []) == set(server.app.dp.resolve_used_update_types())
    assert {"message", "callback_query"} <= set(call.allowed_updates or [])


async def test_a_busy_worker_answers_503_so_telegram_retries() -> None:
    from aiogram import Bot, Dispatcher

    from tests.harness import BOT_TOKEN

    bot = Bot(BOT_TOKEN, session=FakeTelegram())
    handler = BoundedRequestHandler(Dispatcher(), bot, secret_token=SECRET, limit=1,
                                    slot_wait=0.1)
    web_app = web.Application()
    handler.register(web_app, path=HOOK)
    runner = await start_server(web_app, "127.0.0.1", 0)
    url = f"http://127.0.0.1:{bound_port(runner)}{HOOK}"
    headers = {"X-Telegram-Bot-Api-Secret-Token": SECRET}
    try:
        async with aiohttp.ClientSession() as http:
            await handler.slots.acquire()  # the one slot is taken by an update in progress
            async with http.post(url, json=start_update(3, 703), headers=headers) as r:
                assert r.status == 503
            handler.slots.release()
            async with http.post(url, json=start_update(4, 703), headers=headers) as r:
                assert r.status == 200
    finally:
        await runner.cleanup()


# ---- health and metrics -----------------------------------------------------------------------


async def test_healthz_ok_then_503_without_the_database(server: Server, tmp_path: Path) -> None:
    status, text = await server.get("/healthz")
    body = json.loads(text)
    assert status == 200, body
    assert body["ok"] and body["database"]["ok"] and body["telegram"]["ok"]
    assert body["outbox"] == {"pending": 0, "lag_seconds": 0.0}
    assert "redis" not in body  # not configured
    getme = len(server.tg.calls)
    await server.get("/healthz")
    assert len(server.tg.calls) == getme  # getMe is cached, not asked on every probe

    health = server.runner.app[HEALTH]
    gone = create_async_engine(f"sqlite+aiosqlite:///{tmp_path}/no/such/dir/x.sqlite")
    health.sessions = session_factory(gone)
    try:
        status, text = await server.get("/healthz")
    finally:
        await gone.dispose()
    body = json.loads(text)
    assert status == 503 and body["ok"] is False
    assert body["database"]["ok"] is False and body["telegram"]["ok"] is True
    assert "sqlite" not in text and str(tmp_path) not in text  # no URLs in the answer


async def test_healthz_reports_the_outbox_lag(server: Server) -> None:
    from datetime import timedelta

    from storage.models import OutboxRow
    from tests.conftest import onboarded

    person = await onboarded(server.app, 704, None)
    now = TEST_CLOCK.now()
    async with server.app.sessions() as session:
        session.add(OutboxRow(person_id=person, key="ask-current", params={}, buttons=[],
                              status="pending", not_before=now, created_at=now))
        session.add(OutboxRow(person_id=person, key="ask-current", params={}, buttons=[],
                              status="pending", not_before=now + timedelta(days=1),
                              created_at=now))  # not due yet: no lag
        await session.commit()
    TEST_CLOCK.advance(timedelta(seconds=90))
    _, text = await server.get("/healthz")
    assert json.loads(text)["outbox"] == {"pending": 2, "lag_seconds": 90.0}
    _, text = await server.get("/metrics")
    values = metric_values(text)
    assert values[("marshrut_outbox_messages", (("status", "pending"),))] == 2
    assert values[("marshrut_outbox_lag_seconds", ())] == 90


def metric_values(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    return {(s.name, tuple(sorted(s.labels.items()))): s.value
            for family in text_string_to_metric_families(text) for s in family.samples}


async def test_metrics_count_updates_and_outbox(server: Server) -> None:
    assert await server.post(start_update(5, 705)) == 200
    await server.replies(705)
    await asyncio.sleep(0.05)  # the counter is written when the handler returns
    status, text = await server.get("/metrics")
    assert status == 200
    values = metric_values(text)
    assert values[("marshrut_updates_total", (("type", "message"),))] == 1
    assert values[("marshrut_update_seconds_count", (("type", "message"),))] == 1
    for s in ("pending", "sent", "failed", "unknown", "blocked"):
        assert values[("marshrut_outbox_messages", (("status", s),))] == 0
    assert "marshrut_job_last_run_timestamp_seconds" in text


async def test_errors_and_jobs_are_measured(app: App) -> None:
    job = app.scheduler.get_job("route")
    assert job is not None
    await job.func(*job.args)
    values = metric_values(app.metrics.render().decode())
    assert values[("marshrut_job_last_run_timestamp_seconds", (("job", "route"),))] == \
        TEST_CLOCK.now().timestamp()
    assert ("marshrut_job_duration_seconds", (("job", "route"),)) in values
    assert values[("marshrut_scheduler_leader", ())] == 1

    tg: FakeTelegram = app.bot.session  # type: ignore[assignment]
    tg.fail(SendMessage, RuntimeError("boom"))
    await Person(app, 707).send("/start")
    values = metric_values(app.metrics.render().decode())
    assert values[("marshrut_errors_total", (("type", "RuntimeError"),))] == 1


async def test_polling_serves_health_on_health_port(settings: Settings) -> None:
    from bot.health import add_ops_routes

    app = build_app(settings, session=FakeTelegram(), throttle=False, clock=TEST_CLOCK)
    web_app = web.Application()
    add_ops_routes(web_app, app)
    runner = await start_server(web_app, "127.0.0.1", 0)
    try:
        async with aiohttp.ClientSession() as http:
            async with http.get(f"http://127.0.0.1:{bound_port(runner)}/healthz") as r:
                assert r.status == 200
    finally:
        await runner.cleanup()
        await app.close()


def test_each_app_has_its_own_registry(settings: Settings) -> None:
    a = build_app(settings, session=FakeTelegram(), clock=TEST_CLOCK)
    b = build_app(settings, session=FakeTelegram(), clock=TEST_CLOCK)
    a.metrics.updates.labels("message").inc()
    assert b.metrics.registry is not a.metrics.registry
    assert 'marshrut_updates_total{type="message"}' not in b.metrics.render().decode()


# ---- logs -------------------------------------------------------------------------------------


async def test_json_logs_have_ids_and_no_message_text(app: App) -> None:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    root = logging.getLogger()
    old_level = root.level
    setup_logging("DEBUG", "json")  # under pytest only the library levels (pytest owns root)
    root.addHandler(handler)
    root.setLevel(logging.DEBUG)
    secret_text = "Иванова Мария Петровна +79991234567 мой пароль"
    tg: FakeTelegram = app.bot.session  # type: ignore[assignment]
    try:
        person = Person(app, 708)
        await person.send("/start")
        await person.send(secret_text)
        tg.fail(SendMessage, RuntimeError(f"failed to send {secret_text}"))
        await person.send(secret_text)
        try:
            raise ValueError(secret_text)
        except ValueError:
            logging.getLogger("marshrut").exception("a job failed")
    finally:
        root.removeHandler(handler)
        root.setLevel(old_level)
    lines = [json.loads(line) for line in stream.getvalue().splitlines() if line.strip()]
    assert lines
    for line in lines:
        assert {"time", "level", "logger", "message"} <= line.keys()
    text = stream.getvalue()
    for fragment in ("Иванова", "79991234567", "пароль", "Мария"):
        assert fragment not in text and fragment not in json.dumps(lines, ensure_ascii=False)
    per_update = [x for x in lines if x["logger"] == "marshrut.updates"]
    assert len(per_update) == 3 and all(x["level"] == "DEBUG" for x in per_update)
    assert all(x["user_id"] == 708 and isinstance(x["update_id"], int) for x in per_update)
    error = next(x for x in lines if x["level"] == "ERROR" and x["logger"] == "marshrut.errors")
    assert error["user_id"] == 708  # the error handler's line has the update's ids too
    job = next(x for x in lines if x["message"] == "a job failed")
    assert job["exception"] == "ValueError" and "test_webhook.py" not in job.get("traceback", "")


async def test_no_per_update_line_at_info(app: App, caplog: pytest.LogCaptureFixture) -> None:
    caplog.set_level(logging.INFO)
    setup_logging("INFO", "json")
    await Person(app, 709).send("/start")
    assert not [r for r in caplog.records if r.name in ("marshrut.updates", "aiogram.event")]


# ---- the scheduler's leader -------------------------------------------------------------------


async def test_sqlite_process_is_always_the_leader(app: App) -> None:
    if app.engine.url.get_backend_name() != "sqlite":
        pytest.skip("SQLite only")
    assert isinstance(app.leader, AlwaysLeader)


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
async def test_one_leader_on_postgresql_and_takeover(request: pytest.FixtureRequest) -> None:
    url: str = request.getfixturevalue("pg_ready")
    first, second = PgAdvisoryLeader(url), PgAdvisoryLeader(url)
    runs: list[str] = []

    async def tick(name: str) -> None:
        runs.append(name)

    try:
        a, b = await asyncio.gather(first.acquire(), second.acquire())
        assert sorted([a, b]) == [False, True]  # exactly one
        leader, follower = (first, second) if a else (second, first)
        await leader_only(leader, tick)("leader")
        await leader_only(follower, tick)("follower")
        assert runs == ["leader"]
        assert await leader.acquire() and not await follower.acquire()  # it stays leader
        await leader.release()
        assert await follower.acquire() and follower.is_leader
        await leader_only(follower, tick)("follower")
        assert runs == ["leader", "follower"]
    finally:
        await first.release()
        await second.release()


@pytest.mark.skipif(not PG_URL, reason="needs TEST_DATABASE_URL (PostgreSQL)")
async def test_a_dead_leaders_lock_goes_to_another(request: pytest.FixtureRequest) -> None:
    url: str = request.getfixturevalue("pg_ready")
    first, second = PgAdvisoryLeader(url), PgAdvisoryLeader(url)
    try:
        assert await first.acquire()
        assert not await second.acquire()
        assert first.conn is not None
        await first.conn.invalidate()  # the process died / its connection was cut
        assert await second.acquire()
        assert not await first.acquire()  # it notices, and follows
    finally:
        await first.release()
        await second.release()


# ---- settings ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("WEBHOOK_SECRET", "has space", "A-Z, a-z, 0-9"),
        ("WEBHOOK_SECRET", "x" * 257, "A-Z, a-z, 0-9"),
        ("WEBHOOK_SECRET", "секрет", "A-Z, a-z, 0-9"),
        ("WEBHOOK_SECRET", "semi;colon", "openssl rand"),
        ("WEBHOOK_URL", "bot.example.org/hook", "https://"),
        ("WEBHOOK_URL", "ftp://bot.example.org", "https://"),
        ("WEBHOOK_PATH", "hook", "starting with /"),
        ("WEBHOOK_PATH", "/healthz", "starting with /"),
        ("WEBHOOK_PORT", "0", "1-65535"),
        ("WEBHOOK_PORT", "http", "1-65535"),
        ("WEBHOOK_MAX_CONNECTIONS", "101", "1-100"),
        ("UPDATES_CONCURRENCY", "0", "1-10000"),
        ("HEALTH_PORT", "70000", "1-65535"),
        ("LOG_FORMAT", "xml", "text or json"),
        ("LOG_LEVEL", "verbose", "DEBUG, INFO"),
    ],
)
def test_bad_new_setting_gives_one_line(clean_env: Path, monkeypatch: pytest.MonkeyPatch,  # noqa: F811
                                        name: str, value: str, hint: str) -> None:
    monkeypatch.setenv(name, value)
    message = fails()
    assert message.startswith(f"Configuration error: {name} is invalid"), message
    assert hint in message
    if name == "WEBHOOK_SECRET":
        assert value not in message


def test_new_settings_defaults_and_values(clean_env: Path,  # noqa: F811
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    s = Settings()  # type: ignore[call-arg]
    assert (s.webhook_url, s.webhook_secret, s.webhook_path) == (None, None, None)
    assert (s.webhook_host, s.webhook_port, s.webhook_max_connections) == ("0.0.0.0", 8080, 40)
    assert (s.updates_concurrency, s.health_port, s.health_host) == (32, None, "127.0.0.1")
    assert (s.log_format, s.log_level) == ("text", "INFO")
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/tg/updates")
    monkeypatch.setenv("WEBHOOK_SECRET", "a" * 256)
    monkeypatch.setenv("LOG_FORMAT", "JSON")
    monkeypatch.setenv("LOG_LEVEL", "debug")
    monkeypatch.setenv("HEALTH_PORT", "")
    s = Settings()  # type: ignore[call-arg]
    assert s.listen_path == "/tg/updates"  # WEBHOOK_PATH defaults to the URL's path
    assert s.require_webhook() == ("https://bot.example.org/tg/updates", "a" * 256)
    assert (s.log_format, s.log_level, s.health_port) == ("json", "DEBUG", None)
    assert "a" * 256 not in repr(s)  # the secret is not in a printed settings object
    monkeypatch.setenv("WEBHOOK_PATH", "/hook")
    assert Settings().listen_path == "/hook"  # type: ignore[call-arg]


@pytest.mark.parametrize("missing", ["WEBHOOK_URL", "WEBHOOK_SECRET"])
def test_webhook_command_needs_url_and_secret(clean_env: Path,  # noqa: F811
                                              monkeypatch: pytest.MonkeyPatch,
                                              missing: str) -> None:
    monkeypatch.setenv("WEBHOOK_URL", "https://bot.example.org/hook")
    monkeypatch.setenv("WEBHOOK_SECRET", "abc")
    monkeypatch.delenv(missing)
    with pytest.raises(SettingsError) as info:
        Settings().require_webhook()  # type: ignore[call-arg]
    assert str(info.value.code).startswith(f"Configuration error: {missing} is missing")


# ---- the command, end to end ------------------------------------------------------------------


async def test_webhook_command_sets_the_webhook_and_answers(tmp_path: Path) -> None:
    """`python -m bot webhook` against a local Bot API–compatible server (tests/test_polling.py):
    start-up checks, migrations, setWebhook, then an update posted with the secret is answered."""
    import socket

    from bot.webhook import run_webhook
    from tests.harness import BOT_TOKEN
    from tests.test_polling import FakeBotApi

    api = FakeBotApi()
    api_app = web.Application()
    api_app.router.add_post(f"/bot{BOT_TOKEN}/{{method}}", api.handle)
    api_runner = await start_server(api_app, "127.0.0.1", 0)
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    settings = Settings(  # type: ignore[call-arg]
        _env_file=None, BOT_TOKEN=BOT_TOKEN,
        DATABASE_URL=f"sqlite+aiosqlite:///{tmp_path / 'bot.sqlite'}",
        TELEGRAM_API_URL=f"http://127.0.0.1:{bound_port(api_runner)}",
        WEBHOOK_URL="https://bot.example.org/tg", WEBHOOK_SECRET=SECRET,
        WEBHOOK_HOST="127.0.0.1", WEBHOOK_PORT=str(port),
    )
    task = asyncio.create_task(run_webhook(settings))
    try:
        async def webhook_set() -> None:
            while not any(m == "setWebhook" for m, _ in api.calls):
                await asyncio.sleep(0.02)

        await asyncio.wait_for(webhook_set(), 120)  # a cold start under load
        _, call = next(c for c in api.calls if c[0] == "setWebhook")
        assert call["url"] == "https://bot.example.org/tg" and call["secret_token"] == SECRET
        assert call["drop_pending_updates"] == "false" and call["max_connections"] == "40"
        assert "callback_query" in json.loads(call["allowed_updates"])
        async with aiohttp.ClientSession() as http:
            async with http.post(f"http://127.0.0.1:{port}/tg", json=start_update(9, 777),
                                 headers={"X-Telegram-Bot-Api-Secret-Token": SECRET}) as r:
                assert r.status == 200
            await asyncio.wait_for(api.got_reply.wait(), 120)
            async with http.get(f"http://127.0.0.1:{port}/healthz") as r:
                assert r.status == 200
    finally:
        task.cancel()
        await asyncio.gather(task, return_exceptions=True)
        await api_runner.cleanup()
    reply = next(d for m, d in api.calls if m == "sendMessage")
    assert "152-ФЗ" in reply["text"]
    assert "deleteWebhook" not in [m for m, _ in api.calls]  # the other workers keep it
