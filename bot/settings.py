"""Settings from the environment or a .env file. A bad value stops start-up with one clear line."""

from __future__ import annotations

import re
from typing import Annotated
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

_TOKEN = re.compile(r"^\d{3,20}:[A-Za-z0-9_-]{20,}$")
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
}


class SettingsError(SystemExit):
    """Start-up stops with one line; SystemExit prints it without a traceback."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", env_file_encoding="utf-8", extra="ignore")

    bot_token: str | None = Field(None, alias="BOT_TOKEN")
    database_url: str = Field("sqlite+aiosqlite:///data/marshrut.db", alias="DATABASE_URL")
    redis_url: str | None = Field(None, alias="REDIS_URL")
    telegram_api_url: str | None = Field(None, alias="TELEGRAM_API_URL")
    admin_ids: Annotated[frozenset[int], NoDecode] = Field(frozenset(), alias="ADMIN_IDS")
    default_locale: str = Field("ru", alias="DEFAULT_LOCALE")
    timezone: str = Field("Europe/Moscow", alias="TIMEZONE")
    bot_username: str | None = Field(None, alias="BOT_USERNAME")
    outbox_rate: float = Field(25.0, alias="OUTBOX_RATE", gt=0, le=30)

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

    @field_validator("bot_token", "redis_url", "telegram_api_url", "bot_username", mode="before")
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

    @field_validator("admin_ids", mode="before")
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

    @field_validator("timezone")
    @classmethod
    def _tz(cls, v: str) -> str:
        try:
            ZoneInfo(v)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("unknown time zone") from None
        return v

    def require_token(self) -> str:
        if not self.bot_token:
            raise SettingsError(f"Configuration error: BOT_TOKEN is missing: {HINTS['BOT_TOKEN']}.")
        if self.bot_token == EXAMPLE_TOKEN:
            raise SettingsError(
                "Configuration error: BOT_TOKEN is still the example value from .env.example: "
                f"{HINTS['BOT_TOKEN']}."
            )
        return self.bot_token

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


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
