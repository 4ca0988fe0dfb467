"""Settings from the environment or a .env file. A bad value stops start-up with one clear line."""

from __future__ import annotations

import re
from datetime import time
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from domain.broadcasts.quiet import QuietHours

_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
#: what Telegram accepts as a webhook secret_token (setWebhook): 1-256 of A-Z a-z 0-9 _ -
_SECRET = re.compile(r"^[A-Za-z0-9_-]{1,256}$")
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR")
#: the value .env.example ships with: well-formed, so only a talk with Telegram would reject it
EXAMPLE_TOKEN = "123456789:AAE-your-token-from-BotFather"

HINTS = {
    "BOT_TOKEN": "set BOT_TOKEN to the token @BotFather gave you (digits:letters), in the "
    "environment or in .env",
    "DATABASE_URL": "use sqlite+aiosqlite:///data/marshrut.db or "
    "postgresql+asyncpg://user:password@host:5432/dbname",
    "REDIS_URL": "use redis://host:6379/0, or leave it unset to keep state in the database",
    "TELEGRAM_API_URL": "use a base URL like http://127.0.0.1:8081, or leave it unset for "
    "api.telegram.org",
    "ADMIN_IDS": "list numeric Telegram user ids separated by commas, e.g. ADMIN_IDS=12345,67890",
    "DEFAULT_LOCALE": "use ru or en",
    "TIMEZONE": "use an IANA time zone name such as Europe/Moscow or Asia/Yekaterinburg",
    "WEBHOOK_URL": "use the public https URL Telegram should post updates to, e.g. "
    "https://bot.example.org/telegram",
    "WEBHOOK_SECRET": "use 1-256 characters of A-Z, a-z, 0-9, _ and -, e.g. the output of "
    "`openssl rand -hex 32`",
    "WEBHOOK_PATH": "use a path starting with /, e.g. /telegram, or leave it unset to use the "
    "path of WEBHOOK_URL",
    "WEBHOOK_HOST": "use an address to listen on, e.g. 0.0.0.0 or 127.0.0.1",
    "WEBHOOK_PORT": "use a port number 1-65535 (default 8080)",
    "WEBHOOK_MAX_CONNECTIONS": "use a number 1-100 (default 40)",
    "UPDATES_CONCURRENCY": "use a number 1-10000 of updates handled at once (default 32)",
    "REDIS_LOCK_SECONDS": "use a number of seconds 1-600 (default 60)",
    "HEALTH_HOST": "use an address to listen on, e.g. 127.0.0.1 or 0.0.0.0",
    "HEALTH_PORT": "use a port number 1-65535, or leave it unset for no health server",
    "LOG_FORMAT": "use text or json",
    "LOG_LEVEL": "use DEBUG, INFO, WARNING or ERROR",
    "ALLOW_PAID_BROADCAST": "use true or false (Telegram's paid broadcasts: the owner pays "
    "Stars for every message above 30 per second)",
    "PAID_BROADCAST_RATE": "use a number of messages per second, 1-1000 (default 1000)",
    "MAX_BOT_TOKEN": "set MAX_BOT_TOKEN to the token from the MAX platform for partners "
    "(business.max.ru → Чат-боты → Интеграция), or leave it unset to keep MAX off",
    "MAX_API_URL": "use https://platform-api2.max.ru (the default) or a compatible base URL",
    "MAX_ADMIN_IDS": "list numeric MAX user ids separated by commas",
    "MAX_WEBHOOK_URL": "use the public https URL MAX should post updates to, e.g. "
    "https://bot.example.org/max, or leave it unset for long polling",
    "MAX_WEBHOOK_SECRET": "use 5-256 characters of A-Z, a-z, 0-9, _ and -",
    "MAX_WEBHOOK_PATH": "use a path starting with /, e.g. /max",
    "MAX_CA_FILE": "give the path of the Минцифры root certificate (PEM), e.g. "
    "/usr/local/share/ca-certificates/russian_trusted_root_ca.crt",
    "MAX_RATE": "use a number of requests per second to MAX, 1-30 (default 30)",
    "QUIET_HOURS": "use HH:MM-HH:MM, e.g. 21:00-08:00, or leave it empty for none",
}


class SettingsError(SystemExit):
    """Start-up stops with one line; SystemExit prints it without a traceback."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = Field(None, alias="BOT_TOKEN")
    database_url: str = Field("sqlite+aiosqlite:///data/marshrut.db", alias="DATABASE_URL")
    redis_url: str | None = Field(None, alias="REDIS_URL")
    # the person and roles from memory (storage/people_cache.py); off on PostgreSQL w/o Redis
    people_cache: bool = Field(True, alias="PEOPLE_CACHE")
    telegram_api_url: str | None = Field(None, alias="TELEGRAM_API_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(frozenset(), alias="ADMIN_IDS")
    default_locale: str = Field("ru", alias="DEFAULT_LOCALE")
    timezone: str = Field("Europe/Moscow", alias="TIMEZONE")
    bot_username: str | None = Field(None, alias="BOT_USERNAME")
    outbox_rate: float = Field(25.0, alias="OUTBOX_RATE", gt=0, le=30)
    # broadcasts (domain/broadcasts): Telegram's allow_paid_broadcast lifts the rate to up to
    # 1000 messages/s, paid in Stars by the bot's owner
    allow_paid_broadcast: bool = Field(False, alias="ALLOW_PAID_BROADCAST")
    paid_broadcast_rate: float = Field(1000.0, alias="PAID_BROADCAST_RATE", ge=1, le=1000)
    #: local times (TIMEZONE) between which no broadcast goes out; empty: none
    quiet_hours: str = Field("21:00-08:00", alias="QUIET_HOURS")
    #: a mentoring pair with no meeting for this many weeks reminds the mentor (twice as long:
    #: the coordinator is told)
    mentoring_remind_weeks: int = Field(3, alias="MENTORING_REMIND_WEEKS", ge=1, le=26)
    # webhook (python -m bot webhook): Telegram posts to WEBHOOK_URL, a reverse proxy forwards
    # to WEBHOOK_HOST:WEBHOOK_PORT at WEBHOOK_PATH
    webhook_url: str | None = Field(None, alias="WEBHOOK_URL")
    webhook_secret: str | None = Field(None, alias="WEBHOOK_SECRET", repr=False)
    webhook_path: str | None = Field(None, alias="WEBHOOK_PATH")
    webhook_host: str = Field("0.0.0.0", alias="WEBHOOK_HOST")
    webhook_port: int = Field(8080, alias="WEBHOOK_PORT", ge=1, le=65535)
    webhook_max_connections: int = Field(40, alias="WEBHOOK_MAX_CONNECTIONS", ge=1, le=100)
    #: updates handled at once by one process (polling and webhook)
    updates_concurrency: int = Field(32, alias="UPDATES_CONCURRENCY", ge=1, le=10_000)
    #: with Redis: how long a person's lock (one update at a time per chat) outlives a process
    #: killed while holding it; longer than the slowest update
    redis_lock_seconds: int = Field(60, alias="REDIS_LOCK_SECONDS", ge=1, le=600)
    # /healthz and /metrics while polling (the webhook server serves them itself)
    health_host: str = Field("127.0.0.1", alias="HEALTH_HOST")
    health_port: int | None = Field(None, alias="HEALTH_PORT", ge=1, le=65535)
    # coordinators' digests and escalations (domain/territory/alerts.py)
    digest_weekday: int = Field(1, alias="DIGEST_WEEKDAY", ge=1, le=7)  # 1 = Monday
    digest_hour: int = Field(9, alias="DIGEST_HOUR", ge=0, le=23)
    escalate_after_days: int = Field(7, alias="ESCALATE_AFTER_DAYS", ge=1, le=90)
    # MAX (bot/max): off without a token; long polling unless MAX_WEBHOOK_URL is set
    max_bot_token: str | None = Field(None, alias="MAX_BOT_TOKEN", repr=False)
    max_api_url: str = Field("https://platform-api2.max.ru", alias="MAX_API_URL")
    max_bot_username: str | None = Field(None, alias="MAX_BOT_USERNAME")
    max_admin_ids: Annotated[frozenset[int], NoDecode] = Field(frozenset(),
                                                               alias="MAX_ADMIN_IDS")
    max_webhook_url: str | None = Field(None, alias="MAX_WEBHOOK_URL")
    max_webhook_secret: str | None = Field(None, alias="MAX_WEBHOOK_SECRET", repr=False)
    max_webhook_path: str | None = Field(None, alias="MAX_WEBHOOK_PATH")
    max_ca_file: str | None = Field(None, alias="MAX_CA_FILE")
    max_rate: int = Field(30, alias="MAX_RATE", ge=1, le=30)
    log_format: str = Field("text", alias="LOG_FORMAT")
    log_level: str = Field("INFO", alias="LOG_LEVEL")

    @field_validator("bot_token")
    @classmethod
    def _token(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not _TOKEN.match(v):
            raise ValueError("not a bot token")
        return v

    @field_validator("database_url")
    @classmethod
    def _db(cls, v: str) -> str:
        v = v.strip()
        if not (v.startswith("sqlite+aiosqlite://") or v.startswith("postgresql+asyncpg://")):
            raise ValueError("unsupported database URL")
        if v.startswith("sqlite") and is_memory_sqlite(v):
            # every pooled connection would get its own empty database: nothing is ever kept
            raise ValueError("an in-memory SQLite database keeps nothing; give a file path")
        return v

    @field_validator("bot_token", "redis_url", "telegram_api_url", "bot_username", "webhook_url",
                     "webhook_secret", "webhook_path", "health_port", "max_bot_token",
                     "max_bot_username", "max_webhook_url", "max_webhook_secret",
                     "max_webhook_path", "max_ca_file", mode="before")
    @classmethod
    def _empty_is_none(cls, v: object) -> object:
        return None if isinstance(v, str) and not v.strip() else v

    @field_validator("bot_username")
    @classmethod
    def _username(cls, v: str | None) -> str | None:
        if v is None:
            return None
        return v.strip().lstrip("@") or None  # "@marshrut_bot" as often written

    @field_validator("redis_url")
    @classmethod
    def _redis(cls, v: str | None) -> str | None:
        if v and not re.match(r"^rediss?://", v):
            raise ValueError("not a redis URL")
        return v

    @field_validator("telegram_api_url")
    @classmethod
    def _api(cls, v: str | None) -> str | None:
        if v and not re.match(r"^https?://[^/\s]+", v):
            raise ValueError("not an http(s) URL")
        return v.rstrip("/") if v else v

    @field_validator("max_bot_token")
    @classmethod
    def _max_token(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not re.match(r"^[A-Za-z0-9_.:-]{16,512}$", v):
            raise ValueError("not a MAX bot token")
        return v

    @field_validator("max_api_url")
    @classmethod
    def _max_api(cls, v: str) -> str:
        v = (v or "").strip() or "https://platform-api2.max.ru"
        if not re.match(r"^https?://[^/\s]+", v):
            raise ValueError("not an http(s) URL")
        return v.rstrip("/")

    @field_validator("max_bot_username")
    @classmethod
    def _max_username(cls, v: str | None) -> str | None:
        return v.strip().lstrip("@") or None if v else None

    @field_validator("max_webhook_secret")
    @classmethod
    def _max_secret(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not re.match(r"^[A-Za-z0-9_-]{5,256}$", v):
            raise ValueError("5-256 characters of A-Z, a-z, 0-9, _ and - only")
        return v

    @field_validator("webhook_url", "max_webhook_url")
    @classmethod
    def _webhook_url(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not re.match(r"^https?://[^/\s]+(/\S*)?$", v):
            raise ValueError("not an http(s) URL")
        return v

    @field_validator("webhook_secret")
    @classmethod
    def _webhook_secret(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not _SECRET.match(v):
            raise ValueError("1-256 characters of A-Z, a-z, 0-9, _ and - only")
        return v

    @field_validator("webhook_path", "max_webhook_path")
    @classmethod
    def _webhook_path(cls, v: str | None) -> str | None:
        if v is None:
            return None
        v = v.strip()
        if not re.match(r"^/[A-Za-z0-9_./~-]*$", v) or v in ("/healthz", "/metrics"):
            raise ValueError("not a path")
        return v

    @field_validator("webhook_host", "health_host")
    @classmethod
    def _host(cls, v: str) -> str:
        v = v.strip()
        if not v or not re.match(r"^[A-Za-z0-9.:\[\]_-]+$", v):
            raise ValueError("not a host")
        return v

    @field_validator("log_format")
    @classmethod
    def _log_format(cls, v: str) -> str:
        v = v.strip().lower()
        if v not in ("text", "json"):
            raise ValueError("unknown log format")
        return v

    @field_validator("log_level")
    @classmethod
    def _log_level(cls, v: str) -> str:
        v = v.strip().upper()
        if v not in LOG_LEVELS:
            raise ValueError("unknown log level")
        return v

    @field_validator("admin_ids", "max_admin_ids", mode="before")
    @classmethod
    def _admins(cls, v: object) -> object:
        if isinstance(v, int):
            return frozenset({v})
        if isinstance(v, str):
            parts = [p for p in re.split(r"[,\s;]+", v) if p]
            if any(not p.isdigit() for p in parts):
                raise ValueError("not a list of numeric ids")
            return frozenset(int(p) for p in parts)
        return v

    @field_validator("default_locale")
    @classmethod
    def _locale(cls, v: str) -> str:
        if v not in ("ru", "en"):
            raise ValueError("unknown locale")
        return v

    @field_validator("quiet_hours")
    @classmethod
    def _quiet(cls, v: str) -> str:
        v = (v or "").strip()
        if v:
            parse_quiet(v)
        return v

    @property
    def max_enabled(self) -> bool:
        return self.max_bot_token is not None

    @property
    def send_rate(self) -> float:
        """Messages per second the outbox sender may send (shared by all processes)."""
        return self.paid_broadcast_rate if self.allow_paid_broadcast else self.outbox_rate

    @property
    def quiet(self) -> QuietHours:
        if not self.quiet_hours:
            return QuietHours(time(0), time(0), self.tz)
        start, end = parse_quiet(self.quiet_hours)
        return QuietHours(start, end, self.tz)

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone") from None
        return v

    @property
    def telegram_enabled(self) -> bool:
        """Telegram is on when BOT_TOKEN is set; a MAX-only deployment leaves it unset."""
        return self.bot_token is not None

    def require_messenger(self) -> None:
        """At least one messenger: BOT_TOKEN (Telegram), MAX_BOT_TOKEN (MAX) or both."""
        if self.telegram_enabled:
            self.require_token()
        elif not self.max_enabled:
            raise SettingsError(
                f"Configuration error: BOT_TOKEN is missing: {HINTS['BOT_TOKEN']} (or set "
                "MAX_BOT_TOKEN alone to run in MAX only).")

    def require_token(self) -> str:
        if not self.bot_token:
            raise SettingsError(f"Configuration error: BOT_TOKEN is missing: {HINTS['BOT_TOKEN']}.")
        if self.bot_token == EXAMPLE_TOKEN:
            raise SettingsError(
                "Configuration error: BOT_TOKEN is still the example value from .env.example: "
                f"{HINTS['BOT_TOKEN']}."
            )
        return self.bot_token

    def require_webhook(self) -> tuple[str, str]:
        """(WEBHOOK_URL, WEBHOOK_SECRET), both needed by ``python -m bot webhook``."""
        for name, value in (("WEBHOOK_URL", self.webhook_url),
                            ("WEBHOOK_SECRET", self.webhook_secret)):
            if not value:
                raise SettingsError(f"Configuration error: {name} is missing (needed by the "
                                    f"webhook command): {HINTS[name]}.")
        assert self.webhook_url and self.webhook_secret
        return self.webhook_url, self.webhook_secret

    @property
    def listen_path(self) -> str:
        """Where the webhook server takes updates: WEBHOOK_PATH, else the path of WEBHOOK_URL."""
        if self.webhook_path:
            return self.webhook_path
        from urllib.parse import urlsplit

        path = urlsplit(self.webhook_url or "").path
        return path or "/"

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


def parse_quiet(value: str) -> tuple[time, time]:
    try:
        start, end = (time.fromisoformat(part.strip()) for part in value.split("-"))
    except ValueError:
        raise ValueError("quiet hours look like 21:00-08:00") from None
    return start, end


def is_memory_sqlite(url: str) -> bool:
    """``sqlite+aiosqlite://``, ``…///:memory:``, ``…///file:x?mode=memory&uri=true``."""
    rest = url.split("://", 1)[1] if "://" in url else url
    path, _, query = rest.partition("?")
    path = path.lstrip("/")
    return path in ("", ":memory:") or "mode=memory" in query or path.startswith(":memory:")


def load_settings(**overrides: object) -> Settings:
    """Load settings or exit with one line naming the bad setting and how to fix it."""
    try:
        return Settings(**overrides)  # type: ignore[arg-type]
    except ValidationError as exc:
        err = exc.errors()[0]
        name = str(err["loc"][0]) if err.get("loc") else "?"
        name = name.upper()
        problem = "is missing" if err["type"] == "missing" else f"is invalid ({err['msg']})"
        hint = HINTS.get(name, "check its value")
        raise SettingsError(f"Configuration error: {name} {problem}: {hint}.") from None
