"""Settings: a bad value stops start-up with one line naming it and saying how to fix it;
TELEGRAM_API_URL reaches the Bot API session; REDIS_URL moves FSM state into Redis."""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiogram.fsm.storage.base import StorageKey
from aiogram.fsm.storage.memory import SimpleEventIsolation
from aiogram.fsm.storage.redis import RedisEventIsolation, RedisStorage

from bot import cli
from bot.app import make_bot
from bot.settings import HINTS, Settings, SettingsError, load_settings
from storage.fsm import DatabaseStorage
from tests.harness import BOT_ID, BOT_TOKEN, FakeTelegram, Person

NAMES = (*HINTS, "BOT_USERNAME", "OUTBOX_RATE")
REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/0")


@pytest.fixture
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """No settings from the shell or from a .env: an empty working directory."""
    for name in list(os.environ):
        if name.upper() in NAMES:
            monkeypatch.delenv(name)
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    yield cwd


def fails(**env: str) -> str:
    """The one-line message load_settings stops with."""
    with pytest.raises(SettingsError) as info:
        load_settings(**env)
    assert isinstance(info.value, SystemExit)
    message = str(info.value.code)
    assert "\n" not in message, message
    assert message.startswith("Configuration error: ")
    return message


# ---- bad values ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "hint"),
    [
        ("BOT_TOKEN", "123:short", "@BotFather"),
        ("BOT_TOKEN", "not a token at all, sorry", "@BotFather"),
        ("DATABASE_URL", "mysql://root@localhost/db", "sqlite+aiosqlite:///"),
        ("DATABASE_URL", "postgresql://app:s3cret@db/app", "postgresql+asyncpg://"),
        ("REDIS_URL", "127.0.0.1:6379", "redis://host:6379/0"),
        ("TELEGRAM_API_URL", "127.0.0.1:8081", "http://127.0.0.1:8081"),
        ("TELEGRAM_API_URL", "ftp://example.org", "http://127.0.0.1:8081"),
        ("ADMIN_IDS", "12345, @ivanov", "numeric Telegram user ids"),
        ("ADMIN_IDS", "-5", "numeric Telegram user ids"),
        ("DEFAULT_LOCALE", "de", "ru or en"),
        ("TIMEZONE", "Mars/Olympus_Mons", "IANA time zone"),
        ("TIMEZONE", "../../etc/passwd", "IANA time zone"),
        ("OUTBOX_RATE", "100", "check its value"),
    ],
)
def test_bad_value_gives_one_line(clean_env: Path, monkeypatch: pytest.MonkeyPatch, name: str,
                                  value: str, hint: str) -> None:
    monkeypatch.setenv(name, value)
    message = fails()
    assert message.startswith(f"Configuration error: {name} is invalid"), message
    assert hint in message
    if name in ("BOT_TOKEN", "DATABASE_URL"):  # secrets are not echoed
        assert value not in message and "s3cret" not in message


def test_bad_value_in_dotenv_file(clean_env: Path) -> None:
    (clean_env / ".env").write_text("DEFAULT_LOCALE=fr\n", encoding="utf-8")
    assert "DEFAULT_LOCALE is invalid" in fails()


def test_missing_token_stops_run_but_not_other_commands(clean_env: Path, capsys: Any) -> None:
    settings = load_settings()
    assert settings.bot_token is None
    with pytest.raises(SettingsError) as info:
        settings.require_token()
    message = str(info.value.code)
    assert message == f"Configuration error: BOT_TOKEN is missing: {HINTS['BOT_TOKEN']}."

    with pytest.raises(SystemExit) as info:
        cli.main(["run"])
    # neither messenger: the line names BOT_TOKEN and says MAX alone would do too
    assert str(info.value.code) == message.removesuffix(".") + (
        " (or set MAX_BOT_TOKEN alone to run in MAX only).")
    assert not (clean_env / "data").exists()  # it stopped before touching the database

    cli.main(["migrate"])  # operator commands need no token
    assert "Migrations applied." in capsys.readouterr().out


def test_empty_values_mean_unset(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # as left by copying .env.example and filling in nothing
    for name in ("BOT_TOKEN", "REDIS_URL", "TELEGRAM_API_URL", "ADMIN_IDS", "BOT_USERNAME"):
        monkeypatch.setenv(name, "")
    settings = load_settings()
    assert settings.bot_token is None and settings.redis_url is None
    assert settings.telegram_api_url is None and settings.bot_username is None
    assert settings.admin_ids == frozenset()
    with pytest.raises(SettingsError, match="BOT_TOKEN is missing"):
        settings.require_token()


# ---- good values --------------------------------------------------------------------------


def test_defaults(clean_env: Path) -> None:
    s = load_settings()
    assert s.database_url == "sqlite+aiosqlite:///data/marshrut.db"
    assert (s.redis_url, s.telegram_api_url, s.bot_username) == (None, None, None)
    assert s.admin_ids == frozenset() and s.default_locale == "ru"
    assert s.tz.key == "Europe/Moscow"


def test_good_values_parse(clean_env: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    env = {
        "BOT_TOKEN": f" {BOT_TOKEN} ",
        "DATABASE_URL": "postgresql+asyncpg://app:pw@127.0.0.1:5432/marshrut",
        "REDIS_URL": "rediss://cache.internal:6380/2",
        "TELEGRAM_API_URL": "http://127.0.0.1:8081/",
        "ADMIN_IDS": "1, 2",
        "DEFAULT_LOCALE": "en",
        "TIMEZONE": "Asia/Yekaterinburg",
        "BOT_USERNAME": "marshrut_bot",
        "OUTBOX_RATE": "10",
    }
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    s = load_settings()
    assert s.require_token() == BOT_TOKEN
    assert s.database_url == env["DATABASE_URL"]
    assert s.redis_url == env["REDIS_URL"]
    assert s.telegram_api_url == "http://127.0.0.1:8081"
    assert s.admin_ids == frozenset({1, 2})
    assert s.default_locale == "en"
    assert s.tz.key == "Asia/Yekaterinburg"
    assert s.outbox_rate == 10.0


@pytest.mark.parametrize(("raw", "ids"), [("1, 2", {1, 2}), ("7", {7}), ("3;4 5", {3, 4, 5}),
                                          ("", set())])
def test_admin_ids_forms(clean_env: Path, monkeypatch: pytest.MonkeyPatch, raw: str,
                         ids: set[int]) -> None:
    monkeypatch.setenv("ADMIN_IDS", raw)
    assert load_settings().admin_ids == frozenset(ids)


def test_dotenv_in_working_directory_is_read(clean_env: Path) -> None:
    (clean_env / ".env").write_text(f"BOT_TOKEN={BOT_TOKEN}\nADMIN_IDS=5,6\n", encoding="utf-8")
    s = load_settings()
    assert s.bot_token == BOT_TOKEN and s.admin_ids == frozenset({5, 6})


# ---- TELEGRAM_API_URL ---------------------------------------------------------------------


async def test_telegram_api_url_reaches_the_session(clean_env: Path) -> None:
    s = Settings(_env_file=None, BOT_TOKEN=BOT_TOKEN,  # type: ignore[call-arg]
                 TELEGRAM_API_URL="http://127.0.0.1:8081/")
    for session in (None, FakeTelegram()):
        bot = make_bot(s, session)
        try:
            assert bot.session.api.api_url(BOT_TOKEN, "getMe") == \
                f"http://127.0.0.1:8081/bot{BOT_TOKEN}/getMe"
            assert bot.session.api.file_url(BOT_TOKEN, "a/b.pdf") == \
                f"http://127.0.0.1:8081/file/bot{BOT_TOKEN}/a/b.pdf"
        finally:
            await bot.session.close()

    default = make_bot(Settings(_env_file=None, BOT_TOKEN=BOT_TOKEN))  # type: ignore[call-arg]
    try:
        assert default.session.api.api_url(BOT_TOKEN, "getMe").startswith(
            "https://api.telegram.org/bot")
    finally:
        await default.session.close()


def test_make_bot_without_token_says_so(clean_env: Path) -> None:
    with pytest.raises(SettingsError, match="BOT_TOKEN is missing"):
        make_bot(Settings(_env_file=None))  # type: ignore[call-arg]


# ---- REDIS_URL ----------------------------------------------------------------------------


async def _redis_or_skip() -> None:
    from redis.asyncio import Redis

    client = Redis.from_url(REDIS_URL, socket_connect_timeout=0.5, socket_timeout=0.5)
    try:
        await client.ping()
    except Exception as exc:  # no Redis here: the database storage is tested elsewhere
        pytest.skip(f"Redis at {REDIS_URL} is unreachable ({exc})")
    finally:
        await client.aclose()


async def test_without_redis_url_state_is_in_the_database(app: Any) -> None:
    assert isinstance(app.dp.storage, DatabaseStorage)
    assert isinstance(app.dp.fsm.events_isolation, SimpleEventIsolation)


async def test_redis_url_puts_state_in_redis(make_app: Any) -> None:
    await _redis_or_skip()
    app = await make_app(redis_url=REDIS_URL)
    storage = app.dp.storage
    assert isinstance(storage, RedisStorage)
    assert isinstance(app.dp.fsm.events_isolation, RedisEventIsolation)

    uid = 8_000_000_000 + uuid.uuid4().int % 1_000_000_000  # not anyone else's key
    tag = f"test-{uuid.uuid4().hex}"
    key = StorageKey(bot_id=BOT_ID, chat_id=uid, user_id=uid, destiny=tag)
    pattern = f"fsm:{BOT_ID}:{uid}:{uid}:*"
    try:
        await storage.set_state(key, "Onboarding:full_name")
        await storage.set_data(key, {"profile": {"full_name": "Иванова"}, "step": 2})
        assert await storage.get_state(key) == "Onboarding:full_name"
        assert await storage.get_data(key) == {"profile": {"full_name": "Иванова"}, "step": 2}
        raw = sorted(k.decode() for k in await storage.redis.keys(pattern))
        assert raw == [f"fsm:{BOT_ID}:{uid}:{uid}:{tag}:data",
                       f"fsm:{BOT_ID}:{uid}:{uid}:{tag}:state"]

        # a real conversation keeps its state there too, and a restart does not lose it
        p = Person(app, uid)
        await p.send("/start")
        await p.press("Согласен")
        context = app.dp.fsm.get_context(app.bot, chat_id=uid, user_id=uid)
        state = await context.get_state()
        assert state is not None
        assert f"fsm:{BOT_ID}:{uid}:{uid}:default:state".encode() in await storage.redis.keys(
            pattern)
        restarted = await make_app(redis_url=REDIS_URL)
        again = restarted.dp.fsm.get_context(restarted.bot, chat_id=uid, user_id=uid)
        assert await again.get_state() == state

        await storage.set_state(key, None)
        await storage.set_data(key, {})
        assert await storage.get_state(key) is None and await storage.get_data(key) == {}
    finally:
        leftover = await storage.redis.keys(pattern)
        if leftover:
            await storage.redis.delete(*leftover)
    assert await storage.redis.keys(pattern) == []
